"""The small pieces every query of the store needs, on SQLite and PostgreSQL alike."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from typing import Any


class Queries:
    """Rows as dicts over `execute`, which the Store gives (mixed into it with the link queries)."""

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:  # pragma: no cover - Store's
        raise NotImplementedError

    def rows(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]:
        """Every row of a query as a dict keyed by column name."""
        cursor = self.execute(sql, params)
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def equal_to(filters: Iterable[tuple[str, Any]]) -> tuple[list[str], list[Any]]:
    """WHERE conditions and their parameters for the (column, value) pairs whose value is given."""
    where, params = [], []
    for column, value in filters:
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    return where, params


def json_value(value: Any) -> Any:
    """A JSON column: text from SQLite, already a Python object from PostgreSQL (JSONB)."""
    return json.loads(value) if isinstance(value, str) else value
