"""Executors: shards, the resumable archive, worker processes and Ray give the plain path's records."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsledger.api import Ledger, extract, link_archive
from newsledger.cli.app import app
from newsledger.executors import Archive, Settings, extract_archive, make_executor, plan_shards
from newsledger.executors.archive import ShardReport
from newsledger.executors.shards import Shard
from newsledger.executors.work import run_shard
from newsledger.ingest.readers import read_file
from newsledger.model import Article, Failure

from .conftest import EXAMPLES

CLEAN_ONLY = Settings(nlp=False)


def _lines(records: object) -> list[str]:
    """Records as sorted JSON lines: equal lists mean the same records byte for byte, order aside."""
    return sorted(json.dumps(r, ensure_ascii=False) for r in records)  # type: ignore[attr-defined]


def _plain(nlp: bool) -> list[str]:
    return _lines(a.to_dict() for a in extract([EXAMPLES], nlp=nlp) if isinstance(a, Article))


def _feed(tmp_path: Path, n: int) -> Path:
    feed = tmp_path / "feed.jsonl"
    rows = [json.dumps({"id": f"a{i}", "published": f"2024-0{1 + i % 3}-1{i % 9}",
                        "text": f"SEOUL -- Officials met on day {i} to discuss the drills, the ministry said."})
            for i in range(n)]
    feed.write_text("\n".join(rows[:3]) + "\n\nnot json\n" + "\n".join(rows[3:]) + "\n", encoding="utf-8")
    return feed


def test_a_jsonl_file_is_cut_in_slices_that_read_as_the_whole_file(tmp_path: Path) -> None:
    feed = _feed(tmp_path, 7)  # 9 lines: 3 rows, a blank, a bad line, 4 rows
    shards, unreadable = plan_shards([feed], lines_per_shard=4)
    assert [s.lines for s in shards] == [(1, 5), (5, 9), (9, 10)] and not unreadable
    sliced = [(i.source.line, getattr(i, "text", None) or getattr(i, "reason", None))
              for s in shards for i in s.items()]
    whole = [(i.source.line, getattr(i, "text", None) or getattr(i, "reason", None)) for i in read_file(feed)]
    assert sliced == whole and len(whole) == 8  # the bad line is a failure at line 5 either way
    packed = tmp_path / "feed.jsonl.gz"  # gzipped, the slices' offsets are into the unpacked lines
    packed.write_bytes(gzip.compress(feed.read_bytes()))
    shards, _ = plan_shards([packed], lines_per_shard=4)
    assert [(i.source.line, getattr(i, "text", None) or getattr(i, "reason", None))
            for s in shards for i in s.items()] == whole


def test_the_largest_shards_are_handed_out_first(tmp_path: Path) -> None:
    feed = tmp_path / "feed.jsonl"
    lengths = [40, 400, 40, 4000, 400, 40]  # one article per slice, of these lengths
    feed.write_text("".join(json.dumps({"id": f"s{i}", "text": "x" * n}) + "\n" for i, n in enumerate(lengths)),
                    encoding="utf-8")
    shards, _ = plan_shards([feed], lines_per_shard=1)
    assert sum(s.size for s in shards) == feed.stat().st_size
    assert Shard.from_json(shards[3].to_json()) == shards[3] and Shard.from_json(shards[3].to_json()).size > 4000

    class Recording:
        def __init__(self) -> None:
            self.order: list[tuple[int, int] | None] = []

        def run(self, shards: list[Shard], archive: Archive, settings: Settings) -> Iterator[ShardReport]:
            self.order = [s.lines for s in shards]
            return iter(())

    recording = Recording()
    extract_archive([feed], tmp_path / "archive", recording, CLEAN_ONLY, lines_per_shard=1)
    # by size, ties in input order
    assert recording.order == [(4, 5), (2, 3), (5, 6), (1, 2), (3, 4), (6, 7)]


def test_shards_group_loose_files_and_report_what_cannot_be_read(tmp_path: Path) -> None:
    shards, unreadable = plan_shards([EXAMPLES, tmp_path / "missing.txt", "-"], files_per_shard=3)
    loose = [s for s in shards if s.lines is None]
    assert all(len(s.files) <= 3 for s in loose)
    assert sum(len(s.files) for s in loose) == len(list(EXAMPLES.rglob("*.txt"))) + len(list(EXAMPLES.rglob("*.html")))
    assert [f.reason for f in unreadable] == ["no such file or folder",
                                              "standard input cannot be cut into shards: give files"]
    again, _ = plan_shards([EXAMPLES], files_per_shard=3)
    assert [s.id for s in again] == [s.id for s in shards]  # ids are stable, so a re-run can skip
    salted, _ = plan_shards([EXAMPLES], files_per_shard=3, salt="other settings")
    assert not {s.id for s in salted} & {s.id for s in shards}


def test_an_archive_holds_the_plain_records_by_month_and_a_rerun_skips_finished_shards(tmp_path: Path) -> None:
    root = tmp_path / "archive"
    report = extract_archive([EXAMPLES], root, make_executor("local"), CLEAN_ONLY, files_per_shard=4)
    assert report.ok and report.written == len(_plain(nlp=False))
    archive = Archive(root)
    assert _lines(archive.records()) == _plain(nlp=False)
    months = archive.months()
    assert months == sorted(months) and all(m[:4].isdigit() or m == "unknown" for m in months)
    table = pq.read_table(root / "records")  # hive partitioning: month is a column
    assert set(table.column("month").to_pylist()) == set(months)
    records = list(archive.records())
    assert [(r["published"] or "") for r in records if r["published"]] == sorted(
        r["published"] for r in records if r["published"])  # the order the linker reads in

    again = extract_archive([EXAMPLES], root, make_executor("local"), CLEAN_ONLY, files_per_shard=4)
    assert again.skipped == again.shards and not again.reports
    # a shard interrupted mid-way (its marker never written, a stray temporary file left) is redone
    victim = report.reports[0]
    (root / "shards" / f"{victim.shard}.json").unlink()
    stray = root / "records" / "month=2024-06" / f"part-{victim.shard}.parquet.tmp"
    stray.parent.mkdir(parents=True, exist_ok=True)
    stray.write_bytes(b"half a file")
    redo = extract_archive([EXAMPLES], root, make_executor("local"), CLEAN_ONLY, files_per_shard=4)
    assert [r.shard for r in redo.reports] == [victim.shard] and not stray.exists()
    assert _lines(archive.records()) == _plain(nlp=False)


def test_a_shard_that_breaks_is_reported_leaves_nothing_and_is_redone_next_time(tmp_path: Path) -> None:
    class Broken:
        def pipe(self, items: object) -> object:
            yield from ()
            raise OSError("disk full")

    shard, *_ = plan_shards([_feed(tmp_path, 3)])[0]
    archive = Archive(tmp_path / "archive")
    report = run_shard(shard, Broken(), archive, CLEAN_ONLY)  # type: ignore[arg-type]
    assert report.error == "OSError: disk full" and archive.finished(shard.id) is None
    assert not [p for p in archive.root.rglob("*") if p.is_file()]


def test_bad_records_are_failures_in_the_archive_and_the_job_goes_on(tmp_path: Path) -> None:
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "empty.txt").write_bytes(b"")
    (tmp_path / "in" / "good.txt").write_text("SEOUL -- The ministry said the drills would go ahead.\n")
    result = CliRunner().invoke(app, ["extract", str(tmp_path / "in"), str(_feed(tmp_path, 4)),
                                      "-o", str(tmp_path / "out"), "--no-nlp", "--lines-per-shard", "3"])
    assert result.exit_code == 1, result.output
    reasons = [f["reason"] for f in Archive(tmp_path / "out").failures()]
    assert len(reasons) == 2 and any("not JSON" in r for r in reasons)
    assert len(list(Archive(tmp_path / "out").records())) == 5


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    def status(*args: str) -> int:
        return CliRunner().invoke(app, ["extract", *args]).exit_code

    assert status(str(EXAMPLES), "-o", str(tmp_path / "r.jsonl"), "--engine", "ray") == 2  # a file, not a folder
    assert status("-", "-o", str(tmp_path / "dir")) == 2
    assert status(str(EXAMPLES), "-o", str(tmp_path / "d"), "--engine", "spark") == 2


def test_worker_processes_give_the_same_records_in_the_same_order(tmp_path: Path) -> None:
    one = [a.to_dict() for a in extract([EXAMPLES], nlp=False)]
    two = [a.to_dict() for a in extract([EXAMPLES], nlp=False, workers=2)]
    assert one == two
    with Ledger(tmp_path / "one.db", nlp=False) as a, Ledger(tmp_path / "two.db", nlp=False, workers=2) as b:
        assert a.ingest([EXAMPLES]).stored == b.ingest([EXAMPLES]).stored > 0
        assert list(a.records()) == list(b.records())


@pytest.mark.slow
def test_ray_local_mode_gives_the_single_process_records_and_links_them(tmp_path: Path) -> None:
    """The issue's check: the example corpus through Ray Data (local mode) and through the plain
    path give the same records, byte for byte; then the linking pass runs over the archive."""
    root = tmp_path / "archive"
    result = CliRunner().invoke(app, ["extract", str(EXAMPLES), "-o", str(root), "--engine", "ray",
                                      "--workers", "2", "--files-per-shard", "4", "--jsonl"])
    assert result.exit_code == 0, result.output
    assert _lines(Archive(root).records()) == _plain(nlp=True)
    jsonl = [json.loads(line) for part in sorted((root / "jsonl").glob("*.jsonl"))
             for line in part.read_text(encoding="utf-8").splitlines()]
    assert _lines(jsonl) == _plain(nlp=True)
    assert {r.worker for r in Archive(root).reports()}  # each shard says which actor ran it

    stored, links = link_archive(root)
    assert stored.stored == len(jsonl) and links.articles == len(jsonl)
    stories = pq.read_table(root / "stories.parquet").to_pylist()
    assert sorted(a for row in stories for a in row["articles"].split("; ")) == sorted(r["id"] for r in jsonl)
    again, _ = link_archive(root)
    assert again.stored == 0 and len(again.duplicates) == len(jsonl)


def test_failure_objects_survive_a_worker_process() -> None:
    shard = Shard(("nowhere.txt",))
    assert Shard.from_json(shard.to_json()) == shard
    got = list(extract(["nowhere.txt"], workers=2, nlp=False))
    assert len(got) == 1 and isinstance(got[0], Failure) and got[0].reason == "no such file or folder"
