"""The store, on SQLite and PostgreSQL: migrations, idempotent ingest, transactions, crash safety."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from newsledger import Ledger
from newsledger.model import Article, Failure, Removed, Source
from newsledger.store import Store, StoreError, open_store

from .conftest import ENGLISH_SCRAPED, KOREAN_SCRAPED


def article(n: int, **kw) -> Article:
    return Article(id=f"a{n}", body=f"Paragraph {n}.", headline=f"Headline {n}", source=Source(path=f"{n}.txt"),
                   removed=[Removed("Skip to main content", "boilerplate", "navigation")], **kw)


def test_migrations_are_recorded_and_not_reapplied(db_url):
    with open_store(db_url) as store:
        assert store.schema_version() == len(store.migrations()) >= 1
    with open_store(db_url) as store:  # opening again applies nothing twice
        rows = store.execute("SELECT version, name FROM schema_version").fetchall()
        assert len(rows) == len(store.migrations())


def test_write_is_idempotent_and_reports_duplicates(db_url):
    with open_store(db_url) as store:
        run = store.start_run()
        assert store.write_batch(run, [article(1), article(2), article(1)], [], read=3) == [True, True, False]
        assert store.write_batch(run, [article(2)], [Failure(Source("x.txt"), "empty file")], read=2) == [False]
        assert store.count() == 2
        assert store.failures(run) == [{"run_id": run, "source": "x.txt", "line": None, "url": None,
                                        "reason": "empty file"}]
        runs = store.execute("SELECT read, stored, duplicates, failed FROM ingest_runs").fetchall()
        assert [tuple(r) for r in runs] == [(5, 2, 2, 1)]
        assert store.check_integrity() == []


def test_round_trip_keeps_the_whole_record(db_url):
    original = article(7, byline=["Hana Ito"], credits=["Yonhap"], language="ko", published="2025-06-10T14:05")
    original.body = "북한이 10일 미사일을 발사했다."
    with open_store(db_url) as store:
        store.write_batch(store.start_run(), [original], [], read=1)
        assert store.get("a7").to_dict() == original.to_dict()
        assert store.get("missing") is None
        assert list(store.records()) == [original.to_dict()]


def test_a_failed_batch_leaves_nothing_behind(db_url):
    with open_store(db_url) as store:
        run = store.start_run()
        bad = article(2)
        bad.body = None  # violates NOT NULL after the first article of the batch was inserted
        with pytest.raises(Exception):  # noqa: B017 - sqlite3 and psycopg raise their own types
            store.write_batch(run, [article(1), bad], [], read=2)
        assert store.count() == 0
        assert store.execute("SELECT COUNT(*) FROM removed").fetchone()[0] == 0


def test_ledger_ingest_reports_read_stored_duplicates_failed(db_url, write):
    write("in/en.txt", ENGLISH_SCRAPED)
    write("in/copy/en-again.txt", ENGLISH_SCRAPED)
    write("in/ko.txt", KOREAN_SCRAPED, encoding="euc-kr")
    write("in/empty.txt", "")
    folder = Path(write("in/x.txt", "placeholder").parent)
    (folder / "x.txt").unlink()
    with Ledger(db_url, nlp=False) as ledger:
        report = ledger.ingest([folder])
        assert (report.read, report.stored, len(report.duplicates), len(report.failures)) == (4, 2, 1, 1)
        assert "empty file" in report.failures[0].reason
        assert {a["language"] for a in ledger.articles()} == {"en", "ko"}
        again = ledger.ingest([folder])
        assert (again.stored, len(again.duplicates)) == (0, 3)
        assert ledger.store.count() == 2


def test_bad_urls_are_clear_errors(tmp_path):
    with pytest.raises(StoreError, match="unsupported database URL"):
        Store("mysql://localhost/db")
    with pytest.raises(StoreError, match="does not exist"):
        Store(tmp_path / "no" / "such" / "dir.db")
    with pytest.raises(StoreError, match="cannot connect to PostgreSQL"):
        Store("postgresql://nobody@127.0.0.1:1/none")
    not_a_db = tmp_path / "notes.db"
    not_a_db.write_text("this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot open SQLite"):
        Store(not_a_db)


def test_sqlite_url_forms(tmp_path):
    for url in (str(tmp_path / "a.db"), f"sqlite:///{tmp_path / 'b.db'}"):
        with open_store(url) as store:
            assert store.dialect == "sqlite"
            assert store.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


@pytest.mark.slow
def test_sigkill_mid_ingest_loses_nothing_committed_and_rerun_completes(db_url, tmp_path):
    """Kill -9 an ingest of many files; the store stays consistent and a re-run stores the rest."""
    folder = tmp_path / "many"
    folder.mkdir()
    total = 600
    for i in range(total):
        (folder / f"{i:04d}.jsonl").write_text(json.dumps({
            "id": f"k{i}", "text": f"Skip to main content\nTalks resume, round {i}\nSEOUL -- Round {i} of talks "
            "began on Monday, officials said.\n© 2025 Harbor Wire. All rights reserved.", "language": "en"}) + "\n")
    cmd = [sys.executable, "-m", "newsledger.cli", "ingest", str(folder), "--db", db_url, "--no-nlp",
           "--batch-size", "5"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    stored = 0
    while time.monotonic() < deadline and stored < 50:
        time.sleep(0.05)
        try:
            with open_store(db_url) as store:
                stored = store.count()
        except Exception:  # noqa: BLE001 - the database may be locked or half-created for a moment
            continue
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with open_store(db_url) as store:
        after_kill = store.count()
        assert 0 < after_kill < total, "the kill should land mid-run"
        assert after_kill % 5 == 0, "whole batches only"
        assert store.check_integrity() == []
    rerun = subprocess.run(cmd, capture_output=True, text=True, timeout=300, check=False)
    assert rerun.returncode == 0, rerun.stderr
    with open_store(db_url) as store:
        assert store.count() == total
        assert store.check_integrity() == []
        assert store.execute("SELECT COUNT(*) FROM removed").fetchone()[0] == 3 * total  # nav, headline, copyright


def test_rows_stream_to_parquet_in_groups_even_when_a_column_starts_empty(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    from newsledger.store import write_rows_parquet

    story_pairs = [{"type": "same_story", "a": {"article": f"a{i}", "quote": None}, "score": 0.5} for i in range(3)]
    statement = {"type": "same_statement", "a": {"article": "b", "quote": "Q2"}, "score": 0.9}
    out = tmp_path / "links.parquet"
    assert write_rows_parquet([*story_pairs, statement], str(out), batch_size=2) == 4
    table = pq.read_table(out)
    assert table.num_rows == 4 and table.column("a_quote").to_pylist() == [None, None, None, "Q2"]
    assert pq.ParquetFile(out).num_row_groups == 2
