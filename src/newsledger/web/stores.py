"""A fixed set of read-only store connections that request threads take turns with.

One connection serves one request at a time (sqlite3 and psycopg connections are not for sharing
between threads mid-query), and the set is opened up front so that no request pays for opening
one or waits behind a migration. Each connection is made read-only at the database level as well:
the web UI has no route that writes, and a bug cannot turn one into a write either.
"""

from __future__ import annotations

import queue
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from newsledger.store import Store, open_store


def read_only(store: Store) -> Store:
    if store.dialect == "postgresql":
        store.execute("SET default_transaction_read_only = on")
    else:
        store.execute("PRAGMA query_only = ON")
    return store


class StorePool:
    """`size` read-only connections to one database; `borrow()` waits for a free one."""

    def __init__(self, url: str | Path | None, size: int = 8) -> None:
        self._free: queue.LifoQueue[Store] = queue.LifoQueue()
        self._all = [read_only(open_store(url)) for _ in range(size)]
        for store in self._all:
            self._free.put(store)

    @contextmanager
    def borrow(self) -> Iterator[Store]:
        store = self._free.get()
        try:
            yield store
        finally:
            self._free.put(store)

    def close(self) -> None:
        for store in self._all:
            store.close()
