"""Command line: `newsledger extract | ingest | articles | show | export`."""

from newsledger.cli.app import app, main

__all__ = ["app", "main"]
