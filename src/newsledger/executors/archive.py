"""The output folder of a large extraction: records as Parquet by publication month, resumable.

    DIR/records/month=2024-06/part-<shard>.parquet   records (hive-partitioned; `record` = the JSON)
    DIR/jsonl/part-<shard>.jsonl                       the same records as JSONL, when asked
    DIR/failures/part-<shard>.jsonl                    inputs that failed, with their reasons
    DIR/shards/<shard>.json                            a finished shard's report; written last

A shard's files are written under temporary names and renamed when the shard is complete, and
its report last of all: a shard without a report is redone whole on the next run (its partial
files are removed first), so an interrupted job loses nothing and duplicates nothing.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from newsledger.model import Article, Failure

RECORDS, JSONL, FAILURES, SHARDS = "records", "jsonl", "failures", "shards"
UNDATED = "unknown"
# Records per Parquet row group: a shard's records never sit in memory all at once.
ROW_GROUP = 256
# The scalar columns a query engine (DuckDB, pandas) can filter on without parsing `record`.
COLUMNS = ("id", "published", "language", "outlet", "headline", "url")


def month_of(published: str | None) -> str:
    """"2024-06-21T09:00:00+09:00" -> "2024-06"; records without a date go to month=unknown."""
    return published[:7] if published and re.match(r"\d{4}-\d{2}", published) else UNDATED


@dataclass
class ShardReport:
    """What one shard did; the marker that it is finished, and a line of the job's summary."""

    shard: str
    label: str
    read: int = 0
    written: int = 0
    failed: int = 0
    seconds: float = 0.0
    peak_rss_mib: float = 0.0
    worker: str = ""
    error: str | None = None
    skipped: bool = False

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, text: str) -> ShardReport:
        return cls(**json.loads(text))


def _schema() -> Any:
    import pyarrow as pa

    return pa.schema([(name, pa.string()) for name in (*COLUMNS, "record")])


class ShardWriter:
    """Writes one shard's records (a Parquet file per month), failures and JSONL under temporary
    names; `commit` renames them into place, `discard` removes them."""

    def __init__(self, archive: Archive, shard_id: str, jsonl: bool) -> None:
        self.archive, self.shard_id = archive, shard_id
        self._rows: dict[str, list[dict[str, str | None]]] = {}
        self._writers: dict[str, Any] = {}
        self._temporary: list[tuple[Path, Path]] = []
        self._jsonl = self._open_text(archive.root / JSONL / f"part-{shard_id}.jsonl") if jsonl else None
        self._failures = self._open_text(archive.root / FAILURES / f"part-{shard_id}.jsonl")

    def _staged(self, final: Path) -> Path:
        final.parent.mkdir(parents=True, exist_ok=True)
        temporary = final.with_name(final.name + ".tmp")
        self._temporary.append((temporary, final))
        return temporary

    def _open_text(self, final: Path) -> Any:
        return self._staged(final).open("w", encoding="utf-8")

    def add(self, article: Article) -> None:
        record = article.to_dict()
        line = json.dumps(record, ensure_ascii=False)
        if self._jsonl:
            self._jsonl.write(line + "\n")
        month = month_of(article.published)
        row = {"id": article.id, "published": article.published, "language": article.language,
               "outlet": article.outlet, "headline": article.headline, "url": article.source.url, "record": line}
        rows = self._rows.setdefault(month, [])
        rows.append(row)
        if len(rows) >= ROW_GROUP:
            self._flush(month)

    def fail(self, failure: Failure) -> None:
        self._failures.write(json.dumps(failure.to_dict(), ensure_ascii=False) + "\n")

    def _flush(self, month: str) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if month not in self._writers:
            final = self.archive.root / RECORDS / f"month={month}" / f"part-{self.shard_id}.parquet"
            self._writers[month] = pq.ParquetWriter(self._staged(final), _schema())
        self._writers[month].write_table(pa.Table.from_pylist(self._rows.pop(month), schema=_schema()))

    def _close(self) -> None:
        for month in list(self._rows):
            self._flush(month)
        for writer in self._writers.values():
            writer.close()
        for stream in (self._jsonl, self._failures):
            if stream:
                stream.close()

    def commit(self) -> None:
        self._close()
        for temporary, final in self._temporary:
            os.replace(temporary, final)

    def discard(self) -> None:
        try:
            self._close()
        finally:
            for temporary, _ in self._temporary:
                temporary.unlink(missing_ok=True)


class Archive:
    """An extraction's output folder (see the module docstring for its layout)."""

    def __init__(self, root: str | Path) -> None:
        self.root = Path(root)

    def _marker(self, shard_id: str) -> Path:
        return self.root / SHARDS / f"{shard_id}.json"

    def finished(self, shard_id: str) -> ShardReport | None:
        marker = self._marker(shard_id)
        return ShardReport.from_json(marker.read_text(encoding="utf-8")) if marker.exists() else None

    def open_shard(self, shard_id: str, jsonl: bool) -> ShardWriter:
        """Start (or restart) a shard: what an interrupted attempt left is removed first."""
        for stale in [*self.root.glob(f"{RECORDS}/*/part-{shard_id}.parquet*"),
                      *self.root.glob(f"*/part-{shard_id}.jsonl*")]:
            stale.unlink()
        return ShardWriter(self, shard_id, jsonl)

    def finish(self, report: ShardReport) -> None:
        marker = self._marker(report.shard)
        marker.parent.mkdir(parents=True, exist_ok=True)
        temporary = marker.with_name(marker.name + ".tmp")
        temporary.write_text(report.to_json(), encoding="utf-8")
        os.replace(temporary, marker)

    def reports(self) -> list[ShardReport]:
        return [ShardReport.from_json(p.read_text(encoding="utf-8"))
                for p in sorted((self.root / SHARDS).glob("*.json"))]

    def months(self) -> list[str]:
        return sorted(p.name.removeprefix("month=") for p in (self.root / RECORDS).glob("month=*") if p.is_dir())

    def records(self, month: str | None = None) -> Iterator[dict[str, Any]]:
        """Every record (of one month), a month at a time in (published, id) order: the order the
        linker reads in, so linking an archive gives what linking the same articles one by one gives."""
        import pyarrow.parquet as pq

        for name in [month] if month else self.months():
            rows: list[tuple[str, str, str]] = []
            for part in sorted((self.root / RECORDS / f"month={name}").glob("part-*.parquet")):
                table = pq.read_table(part, columns=["id", "published", "record"])
                rows += zip(table["published"].to_pylist(), table["id"].to_pylist(),
                            table["record"].to_pylist(), strict=True)
            rows.sort(key=lambda row: (row[0] or "", row[1]))
            for _, _, record in rows:
                yield json.loads(record)

    def failures(self) -> Iterator[dict[str, Any]]:
        for part in sorted((self.root / FAILURES).glob("part-*.jsonl")):
            with part.open(encoding="utf-8") as stream:
                yield from (json.loads(line) for line in stream if line.strip())
