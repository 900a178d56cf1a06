"""Ingest: reading inputs at the edge (files, folders, JSONL, WARC, stdin) and naming their language."""

from newsledger.ingest import language
from newsledger.ingest.readers import DEFAULT_MAX_BYTES, read_inputs

__all__ = ["DEFAULT_MAX_BYTES", "language", "read_inputs"]
