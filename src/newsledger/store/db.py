"""The store: SQLite by default, PostgreSQL for a team, through the same code.

Each batch of articles is one transaction, so a killed process loses nothing it committed and
leaves no half article. Inserts are idempotent (the article id is the primary key): the same
article twice is stored once and reported as a duplicate. The schema is versioned: numbered SQL
files in `migrations/` are applied in order and recorded in `schema_version`.
"""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

from newsledger.model import Article, Failure
from newsledger.store.actors import link_actors
from newsledger.store.links import LinkQueries
from newsledger.store.sql import equal_to, json_value

DEFAULT_DB = "newsledger.db"
ARTICLE_COLUMNS = ("id", "published", "outlet", "language", "headline", "byline", "dateline", "url",
                   "source_path", "source_line", "body", "record", "ingested_at")


# What the migration files' placeholders become in each dialect.
DIALECT_TYPES = {
    "sqlite": {"JSON": "TEXT", "SERIAL_ID": "INTEGER PRIMARY KEY AUTOINCREMENT", "BLOB": "BLOB"},
    "postgresql": {"JSON": "JSONB", "SERIAL_ID": "BIGSERIAL PRIMARY KEY", "BLOB": "BYTEA"},
}


class StoreError(Exception):
    """A store URL or database we cannot use; the message says why."""


@dataclass(frozen=True)
class Target:
    dialect: str  # "sqlite" or "postgresql"
    location: str  # a file path, or a PostgreSQL connection URL

    @classmethod
    def parse(cls, url: str | Path | None) -> Target:
        """`None` (newsledger.db), a path, `sqlite:///path`, or `postgresql://…`."""
        text = str(url) if url is not None else DEFAULT_DB
        if text.startswith(("postgresql://", "postgres://")):
            return cls("postgresql", text)
        if text.startswith("sqlite:///"):
            return cls("sqlite", text[len("sqlite:///"):] or DEFAULT_DB)
        if "://" in text:
            raise StoreError(f"unsupported database URL {text!r}: use a path, sqlite:///path or postgresql://…")
        return cls("sqlite", text)


def now_iso() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


def _article_row(article: Article, record_json: str) -> tuple[Any, ...]:
    return (article.id, article.published, article.outlet, article.language, article.headline,
            "; ".join(article.byline) or None, article.dateline, article.source.url,
            article.source.path, article.source.line, article.body, record_json, now_iso())


class Store(LinkQueries):
    """Connection, schema and queries; the dialect decides the driver and parameter style."""

    def __init__(self, url: str | Path | None = None) -> None:
        self.target = Target.parse(url)
        self.dialect = self.target.dialect
        self._conn = self._connect()
        self.migrate()

    # -- connection and transactions ---------------------------------------------------------
    def _connect(self) -> Any:
        if self.dialect == "postgresql":
            import psycopg

            try:
                return psycopg.connect(self.target.location, autocommit=True)
            except psycopg.Error as exc:
                raise StoreError(f"cannot connect to PostgreSQL: {exc}") from exc
        path = Path(self.target.location)
        if path.parent and not path.parent.exists():
            raise StoreError(f"folder {path.parent} does not exist for database {path}")
        try:
            conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=NORMAL")
            conn.execute("PRAGMA foreign_keys=ON")
            conn.execute("PRAGMA busy_timeout=10000")
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"cannot open SQLite database {path}: {exc}") from exc
        return conn

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _sql(self, sql: str) -> str:
        return sql.replace("?", "%s") if self.dialect == "postgresql" else sql

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(self._sql(sql), params)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: COMMIT on success, ROLLBACK on any error."""
        if self.dialect == "postgresql":
            with self._conn.transaction():
                yield
            return
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    # -- schema --------------------------------------------------------------------------------
    def migrations(self) -> list[tuple[int, str, str]]:
        folder = resources.files("newsledger.store") / "migrations"
        found = []
        for entry in folder.iterdir():
            if entry.name.endswith(".sql"):
                number = int(entry.name.split("_", 1)[0])
                sql = entry.read_text(encoding="utf-8")
                for placeholder, value in DIALECT_TYPES[self.dialect].items():
                    sql = sql.replace("{" + placeholder + "}", value)
                found.append((number, entry.name, sql))
        return sorted(found)

    def schema_version(self) -> int:
        row = self.execute("SELECT MAX(version) FROM schema_version").fetchone()
        return int(row[0] or 0)

    def migrate(self) -> None:
        """Apply the migrations this database has not seen, each in its own transaction."""
        self.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, "
                     "name TEXT NOT NULL, applied_at TEXT NOT NULL)")
        for number, name, sql in self.migrations():
            with self.transaction():
                if self.dialect == "postgresql":  # two processes starting at once migrate once
                    self.execute("SELECT pg_advisory_xact_lock(7243001)")
                applied = self.execute("SELECT 1 FROM schema_version WHERE version = ?", (number,)).fetchone()
                if applied:
                    continue
                for statement in _statements(sql):
                    self.execute(statement)
                self.execute("INSERT INTO schema_version (version, name, applied_at) VALUES (?, ?, ?)",
                             (number, name, now_iso()))

    # -- writing -------------------------------------------------------------------------------
    def start_run(self) -> str:
        run_id = uuid.uuid4().hex[:12]
        with self.transaction():
            self.execute("INSERT INTO ingest_runs (id, started_at) VALUES (?, ?)", (run_id, now_iso()))
        return run_id

    def write_batch(self, run_id: str, articles: Sequence[Article], failures: Sequence[Failure],
                    read: int, then: Callable[[list[Article]], object] | None = None) -> list[bool]:
        """Store a batch in one transaction; return, per article, True if new, False if duplicate.

        `then` runs inside the same transaction on the newly stored articles (the linker), so an
        article is never stored without its links, nor linked without being stored."""
        stored = []
        with self.transaction():
            for article in articles:
                record = article.to_dict()
                row = _article_row(article, json.dumps(record, ensure_ascii=False))
                cursor = self.execute(
                    f"INSERT INTO articles ({', '.join(ARTICLE_COLUMNS)}) VALUES "
                    f"({', '.join('?' * len(ARTICLE_COLUMNS))}) ON CONFLICT (id) DO NOTHING", row)
                new = cursor.rowcount == 1
                stored.append(new)
                if new:
                    for seq, piece in enumerate(article.removed):
                        self.execute("INSERT INTO removed (article_id, seq, text, reason, rule) "
                                     "VALUES (?, ?, ?, ?, ?)", (article.id, seq, piece.text, piece.reason, piece.rule))
                    link_actors(self, article)
                    for event in article.events:
                        self.execute(
                            "INSERT INTO events (article_id, event_id, type, mode, context, date, source_country, "
                            "target_country, happening, trigger, confidence) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                            (article.id, event.id, event.type, event.mode, event.context, event.date,
                             ",".join(event.source_country), ",".join(event.target_country), event.happening,
                             event.trigger, event.confidence))
            for failure in failures:
                self.execute("INSERT INTO ingest_failures (run_id, source, line, url, reason) VALUES (?, ?, ?, ?, ?)",
                             (run_id, failure.source.path, failure.source.line, failure.source.url, failure.reason))
            if then is not None:
                then([article for article, new in zip(articles, stored, strict=True) if new])
            new_count = sum(stored)
            self.execute("UPDATE ingest_runs SET read = read + ?, stored = stored + ?, duplicates = duplicates + ?, "
                         "failed = failed + ?, finished_at = ? WHERE id = ?",
                         (read, new_count, len(stored) - new_count, len(failures), now_iso(), run_id))
        return stored

    # -- reading -------------------------------------------------------------------------------
    def count(self) -> int:
        return int(self.execute("SELECT COUNT(*) FROM articles").fetchone()[0])

    def list_articles(self, limit: int = 50, offset: int = 0, outlet: str | None = None,
                      language: str | None = None) -> list[dict[str, Any]]:
        where, params = equal_to((("outlet", outlet), ("language", language)))
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return self.rows(f"SELECT id, published, outlet, language, headline, byline FROM articles {clause} "
                         "ORDER BY published DESC, id LIMIT ? OFFSET ?", (*params, limit, offset))

    def get(self, article_id: str) -> Article | None:
        row = self.execute("SELECT record FROM articles WHERE id = ?", (article_id,)).fetchone()
        return Article.from_dict(json_value(row[0])) if row else None

    def records(self, batch: int = 500) -> Iterator[dict[str, Any]]:
        """Every stored record, in id order, read in pages so memory stays flat."""
        last = ""
        while True:
            rows = self.execute("SELECT id, record FROM articles WHERE id > ? ORDER BY id LIMIT ?",
                                (last, batch)).fetchall()
            if not rows:
                return
            for _, record in rows:
                yield json_value(record)
            last = rows[-1][0]

    def actors(self, limit: int = 50, offset: int = 0, type_: str | None = None, country: str | None = None,
               name: str | None = None) -> list[dict[str, Any]]:
        """Actors by the number of articles that name them."""
        where, params = equal_to((("type", type_), ("country", country)))
        if name:
            where.append("id IN (SELECT actor_id FROM actor_names WHERE LOWER(name) LIKE ?)")
            params.append(f"%{name.lower()}%")
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return self.rows(f"SELECT id, name, type, country, sector, articles, first_seen, last_seen FROM actors "
                         f"{clause} ORDER BY articles DESC, id LIMIT ? OFFSET ?", (*params, limit, offset))

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        """One actor with all its names, its roles by date and the articles that name it."""
        row = self.execute("SELECT id, kb_id, name, type, country, sector, first_seen, last_seen, articles "
                           "FROM actors WHERE id = ?", (actor_id,)).fetchone()
        if row is None:
            return None
        keys = ("id", "kb_id", "name", "type", "country", "sector", "first_seen", "last_seen", "articles")
        actor = dict(zip(keys, row, strict=True))
        actor["names"] = [r[0] for r in self.execute(
            "SELECT name FROM actor_names WHERE actor_id = ? ORDER BY name", (actor_id,)).fetchall()]
        actor["roles"] = [{"role": r[0], "date": r[1], "article": r[2]} for r in self.execute(
            "SELECT role, date, article_id FROM actor_roles WHERE actor_id = ? ORDER BY date, role",
            (actor_id,)).fetchall()]
        actor["in_articles"] = [{"article": r[0], "entity": r[1], "mentions": r[2]} for r in self.execute(
            "SELECT article_id, entity_id, mentions FROM article_entities WHERE actor_id = ? ORDER BY article_id",
            (actor_id,)).fetchall()]
        return actor

    def events(self, happening: str | None = None, type_: str | None = None, limit: int = 100
               ) -> list[dict[str, Any]]:
        """Events by date, optionally one happening's reports or one type."""
        where, params = equal_to((("happening", happening), ("type", type_)))
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return self.rows(f"SELECT article_id, event_id, type, mode, context, date, source_country, "
                         f"target_country, happening, trigger, confidence FROM events {clause} "
                         f"ORDER BY date, article_id, event_id LIMIT ?", (*params, limit))

    def failures(self, run_id: str | None = None) -> list[dict[str, Any]]:
        sql = "SELECT run_id, source, line, url, reason FROM ingest_failures"
        return self.rows(sql + " WHERE run_id = ? ORDER BY id", (run_id,)) if run_id else self.rows(
            sql + " ORDER BY id")

    def check_integrity(self) -> list[str]:
        """Problems a crash could have left: removed rows without their article, records that differ."""
        problems = []
        orphans = self.execute("SELECT COUNT(*) FROM removed WHERE article_id NOT IN (SELECT id FROM articles)")
        if (n := orphans.fetchone()[0]) > 0:
            problems.append(f"{n} removed row(s) without their article")
        for record in self.records():
            want = len(record.get("removed") or [])
            have = self.execute("SELECT COUNT(*) FROM removed WHERE article_id = ?", (record["id"],)).fetchone()[0]
            if want != have:
                problems.append(f"article {record['id']}: {have} removed row(s), record has {want}")
        if self.dialect == "sqlite":
            result = self.execute("PRAGMA integrity_check").fetchone()[0]
            if result != "ok":
                problems.append(f"SQLite integrity check: {result}")
        return problems


def _statements(sql: str) -> list[str]:
    """Split a migration file into statements (our files have no semicolons inside strings)."""
    lines = [ln for ln in sql.splitlines() if not ln.strip().startswith("--")]
    return [s.strip() for s in "\n".join(lines).split(";") if s.strip()]


def open_store(url: str | Path | None = None) -> Store:
    return Store(url)
