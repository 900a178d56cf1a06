"""Store: SQLite or PostgreSQL, versioned schema, idempotent batched writes, and exports."""

from newsledger.store.db import DEFAULT_DB, Store, StoreError, open_store
from newsledger.store.export import FORMATS, write_csv, write_jsonl, write_parquet

__all__ = ["DEFAULT_DB", "FORMATS", "Store", "StoreError", "open_store", "write_csv", "write_jsonl",
           "write_parquet"]
