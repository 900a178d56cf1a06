"""Exports of stored records: JSONL (the contract itself), CSV and Parquet (flat, for analysts)."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any, TextIO

FORMATS = ("jsonl", "csv", "parquet")
# Scalar columns of the flat exports; list fields are joined ("; ") in CSV, lists in Parquet;
# nested ones (removed, entities, quotes, times, events) are JSON text in both.
FLAT_COLUMNS = ("id", "published", "outlet", "language", "headline", "dateline", "url", "source_path", "body")
LIST_COLUMNS = ("byline", "credits", "subheadlines")
NESTED_COLUMNS = ("removed", "entities", "quotes", "times", "events")


def flat_row(record: dict[str, Any]) -> dict[str, Any]:
    source = record.get("source") or {}
    row: dict[str, Any] = {k: record.get(k) for k in FLAT_COLUMNS if k not in ("url", "source_path")}
    row["url"] = source.get("url")
    row["source_path"] = source.get("path")
    for key in LIST_COLUMNS:
        row[key] = list(record.get(key) or [])
    for key in NESTED_COLUMNS:
        row[key] = json.dumps(record.get(key) or [], ensure_ascii=False)
    return row


def write_jsonl(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    count = 0
    for record in records:
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        count += 1
    return count


def write_csv(records: Iterable[dict[str, Any]], out: TextIO) -> int:
    columns = [*FLAT_COLUMNS, *LIST_COLUMNS, *NESTED_COLUMNS]
    writer = csv.DictWriter(out, fieldnames=columns)
    writer.writeheader()
    count = 0
    for record in records:
        row = flat_row(record)
        writer.writerow({k: "; ".join(v) if k in LIST_COLUMNS else v for k, v in row.items()})
        count += 1
    return count


def _batches(rows: Iterable[dict[str, Any]], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet(records: Iterable[dict[str, Any]], path: str, batch_size: int = 5000) -> int:
    """Stream records into a Parquet file in row groups, so memory stays flat."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    string, strings = pa.string(), pa.list_(pa.string())
    schema = pa.schema([(k, string) for k in FLAT_COLUMNS] + [(k, strings) for k in LIST_COLUMNS]
                       + [(k, string) for k in NESTED_COLUMNS])
    n = 0
    with pq.ParquetWriter(path, schema) as writer:
        for batch in _batches(map(flat_row, records), batch_size):
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n += len(batch)
        if n == 0:
            writer.write_table(schema.empty_table())
    return n


def flat(item: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """{"a": {"article": "x"}} -> {"a_article": "x"}; lists become "; "-joined text."""
    row: dict[str, Any] = {}
    for key, value in item.items():
        if isinstance(value, dict):
            row.update(flat(value, f"{prefix}{key}_"))
        else:
            row[prefix + key] = "; ".join(map(str, value)) if isinstance(value, list) else value
    return row


def write_rows_csv(items: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Links or stories as CSV, nested fields flattened; the columns are the first item's."""
    writer = None
    count = 0
    for item in items:
        row = flat(item)
        if writer is None:
            writer = csv.DictWriter(out, fieldnames=list(row))
            writer.writeheader()
        writer.writerow(row)
        count += 1
    return count


def write_rows_parquet(items: Iterable[dict[str, Any]], path: str, batch_size: int = 5000) -> int:
    """Links or stories as Parquet, nested fields flattened, streamed in row groups (an archive's
    links run to millions). The columns are the first batch's; one empty there is text."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    writer = None
    n = 0
    try:
        for batch in _batches(map(flat, items), batch_size):
            if writer is None:
                inferred = pa.Table.from_pylist(batch).schema
                schema = pa.schema([pa.field(f.name, pa.string()) if pa.types.is_null(f.type) else f
                                    for f in inferred])
                writer = pq.ParquetWriter(path, schema)
            writer.write_table(pa.Table.from_pylist(batch, schema=writer.schema))
            n += len(batch)
    finally:
        if writer is not None:
            writer.close()
    if writer is None:
        pq.write_table(pa.table({}), path)
    return n
