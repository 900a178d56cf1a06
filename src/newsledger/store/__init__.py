"""Store: SQLite or PostgreSQL, versioned schema, idempotent batched writes, and exports."""

from newsledger.store.db import DEFAULT_DB, Store, StoreError, open_store
from newsledger.store.export import (
    FORMATS,
    write_csv,
    write_jsonl,
    write_parquet,
    write_rows_csv,
    write_rows_parquet,
)
from newsledger.store.links import LINK_TYPES

__all__ = ["DEFAULT_DB", "FORMATS", "LINK_TYPES", "Store", "StoreError", "open_store", "write_csv", "write_jsonl",
           "write_parquet", "write_rows_csv", "write_rows_parquet"]
