"""Full-text search over articles and their quotes: SQLite FTS5 or PostgreSQL tsvectors, one API.

The two dialects need different objects (FTS5 virtual tables; GIN indexes on tsvector expressions)
and trigger bodies with semicolons, which the migration runner cannot split, so they are created
here rather than in 0005_search.sql. `ensure_index` installs them in one transaction together with
a catch-up of everything stored before: from then on triggers keep the index in step with every
article stored, by this process or by a concurrent `newsledger ingest`. Articles are written once
(the store never updates a record), so insert and delete triggers are all the index needs.

A query is reduced to its words, each matched as a prefix ("sanction" finds "sanctions", "북한"
finds "북한이"): the same behaviour on both dialects, for English and Korean, with no stemmer per
language and no query syntax a user can get wrong. Every value reaches SQL as a parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from newsledger.store import Store
from newsledger.store.sql import equal_to

MAX_TERMS = 10
MAX_TERM_CHARS = 40
SNIPPET_CHARS = 260

# -- index objects -------------------------------------------------------------------------------
_QUOTE_FIELDS = "article_id, quote_id, speaker, speaker_entity, role, kind, date, text, confidence"
_SQLITE_QUOTE_VALUES = ("json_extract(q.value, '$.id'), json_extract(q.value, '$.speaker.name'), "
                        "json_extract(q.value, '$.speaker.entity'), json_extract(q.value, '$.speaker.role'), "
                        "json_extract(q.value, '$.kind'), json_extract(q.value, '$.date'), "
                        "COALESCE(json_extract(q.value, '$.text'), ''), json_extract(q.value, '$.confidence')")
_TOKENIZER = "tokenize = 'unicode61 remove_diacritics 2'"
SQLITE_MARK = "search_articles_ai"  # the trigger whose presence says the index is installed and in step
SQLITE_INDEX = (
    f"CREATE VIRTUAL TABLE search_articles_fts USING fts5(article_id UNINDEXED, headline, body, {_TOKENIZER})",
    f"CREATE VIRTUAL TABLE search_quotes_fts USING fts5(speaker, text, content = 'search_quotes', "
    f"content_rowid = 'id', {_TOKENIZER})",
    "CREATE TRIGGER search_quotes_ai AFTER INSERT ON search_quotes BEGIN "
    "INSERT INTO search_quotes_fts (rowid, speaker, text) VALUES (new.id, new.speaker, new.text); END",
    "CREATE TRIGGER search_quotes_ad AFTER DELETE ON search_quotes BEGIN "
    "INSERT INTO search_quotes_fts (search_quotes_fts, rowid, speaker, text) "
    "VALUES ('delete', old.id, old.speaker, old.text); END",
    # the catch-up: what was stored before the triggers existed
    "INSERT INTO search_articles_fts (article_id, headline, body) SELECT id, headline, body FROM articles",
    f"INSERT INTO search_quotes ({_QUOTE_FIELDS}) SELECT a.id, {_SQLITE_QUOTE_VALUES} "
    "FROM articles a, json_each(a.record, '$.quotes') AS q WHERE true ON CONFLICT DO NOTHING",
    f"CREATE TRIGGER {SQLITE_MARK} AFTER INSERT ON articles BEGIN "
    "INSERT INTO search_articles_fts (article_id, headline, body) VALUES (new.id, new.headline, new.body); "
    f"INSERT INTO search_quotes ({_QUOTE_FIELDS}) SELECT new.id, {_SQLITE_QUOTE_VALUES} "
    "FROM json_each(new.record, '$.quotes') AS q WHERE true ON CONFLICT DO NOTHING; END",
    "CREATE TRIGGER search_articles_ad AFTER DELETE ON articles BEGIN "
    "DELETE FROM search_articles_fts WHERE article_id = old.id; "
    "DELETE FROM search_quotes WHERE article_id = old.id; END",
)

# The tsvector expressions: queries must spell them exactly so that PostgreSQL uses the GIN indexes.
PG_ARTICLE_TSV = "to_tsvector('simple', COALESCE(a.headline, '') || ' ' || a.body)"
PG_QUOTE_TSV = "to_tsvector('simple', COALESCE(s.speaker, '') || ' ' || s.text)"
_PG_QUOTES_OF = ("CASE WHEN jsonb_typeof({rec}->'quotes') = 'array' THEN {rec}->'quotes' ELSE '[]'::jsonb END")
_PG_QUOTE_VALUES = ("q->>'id', q->'speaker'->>'name', q->'speaker'->>'entity', q->'speaker'->>'role', q->>'kind', "
                    "q->>'date', COALESCE(q->>'text', ''), (q->>'confidence')::real")
PG_MARK = "search_quotes_fill"
PG_INDEX = (
    "CREATE INDEX IF NOT EXISTS search_articles_tsv ON articles USING GIN "
    "(to_tsvector('simple', COALESCE(headline, '') || ' ' || body))",
    "CREATE INDEX IF NOT EXISTS search_quotes_tsv ON search_quotes USING GIN "
    "(to_tsvector('simple', COALESCE(speaker, '') || ' ' || text))",
    f"INSERT INTO search_quotes ({_QUOTE_FIELDS}) SELECT a.id, {_PG_QUOTE_VALUES} FROM articles a "
    f"CROSS JOIN LATERAL jsonb_array_elements({_PG_QUOTES_OF.format(rec='a.record')}) AS q ON CONFLICT DO NOTHING",
    f"CREATE OR REPLACE FUNCTION {PG_MARK}() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
    f"INSERT INTO search_quotes ({_QUOTE_FIELDS}) SELECT NEW.id, {_PG_QUOTE_VALUES} "
    f"FROM jsonb_array_elements({_PG_QUOTES_OF.format(rec='NEW.record')}) AS q ON CONFLICT DO NOTHING; "
    "RETURN NULL; END $$",
    f"CREATE TRIGGER {PG_MARK} AFTER INSERT ON articles FOR EACH ROW EXECUTE FUNCTION {PG_MARK}()",
)


def ensure_index(store: Store) -> bool:
    """Install the search index if this database lacks it; True when it was built now.

    One transaction: a concurrent ingest waits, and nothing it stores can slip between the
    catch-up and the trigger."""
    with store.transaction():
        if store.dialect == "postgresql":
            store.execute("SELECT pg_advisory_xact_lock(7243002)")  # two servers starting at once build once
            if store.execute("SELECT 1 FROM pg_trigger WHERE tgname = ?", (PG_MARK,)).fetchone():
                return False
            statements = PG_INDEX
        else:
            if store.execute("SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                             (SQLITE_MARK,)).fetchone():
                return False
            statements = SQLITE_INDEX
        for statement in statements:
            store.execute(statement)
    return True


# -- queries -------------------------------------------------------------------------------------
def clean(value: str | None) -> str | None:
    """A request value as SQL may see it: NUL characters dropped (PostgreSQL refuses them), '' as None."""
    if value is None:
        return None
    value = value.replace("\x00", "").strip()
    return value or None


def country_code(value: str | None) -> str | None:
    """A country filter as the store writes codes: cleaned, upper-case ("prk" -> "PRK")."""
    return (clean(value) or "").upper() or None


def terms(query: str | None) -> list[str]:
    """The words of a query, lower-cased, bounded in number and length."""
    words = re.findall(r"[^\W_]+", (clean(query) or "").casefold())
    return [w[:MAX_TERM_CHARS] for w in dict.fromkeys(words)][:MAX_TERMS]


def prefix_query(dialect: str, words: list[str]) -> str:
    """Every word as a prefix, all required: a tsquery in PostgreSQL, an FTS5 query in SQLite
    (each word quoted, so none is read as an operator)."""
    if dialect == "postgresql":
        return " & ".join(f"{w}:*" for w in words)
    return " ".join(f'"{w}"*' for w in words)


@dataclass(frozen=True)
class Filters:
    """What a search or listing is narrowed to; every field optional."""

    outlet: str | None = None
    language: str | None = None
    date_from: str | None = None  # ISO date at any precision: 2024, 2024-06, 2024-06-20
    date_to: str | None = None
    speaker: str | None = None  # an actor id, or part of a speaker's name
    country: str | None = None  # ISO 3166 alpha-3

    @classmethod
    def of(cls, **values: str | None) -> Filters:
        found = {k: clean(v) for k, v in values.items()}
        if "country" in found:
            found["country"] = country_code(found["country"])
        return cls(**found)

    def date_bounds(self) -> tuple[str | None, str | None]:
        """The bounds as strings that compare correctly with a YYYY-MM-DD prefix: "to 2024-06" means
        up to the end of June."""
        to = self.date_to
        if to and len(to) == 4:
            to += "-12-31"
        elif to and len(to) == 7:
            to += "-31"
        return self.date_from, to


def _like(text: str) -> str:
    """A LIKE pattern that matches `text` anywhere, with LIKE's own wildcards taken literally."""
    return "%" + text.casefold().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _article_filters(filters: Filters) -> tuple[list[str], list[Any]]:
    where, params = equal_to((("a.outlet", filters.outlet), ("a.language", filters.language)))
    low, high = filters.date_bounds()
    if low:
        where.append("SUBSTR(a.published, 1, 10) >= ?")
        params.append(low)
    if high:
        where.append("SUBSTR(a.published, 1, 10) <= ?")
        params.append(high)
    if filters.country:
        where.append("a.id IN (SELECT cae.article_id FROM article_entities cae JOIN actors cac "
                     "ON cac.id = cae.actor_id WHERE cac.country = ?)")
        params.append(filters.country)
    return where, params


_SPEAKER_JOIN = ("LEFT JOIN article_entities ae ON ae.article_id = s.article_id AND ae.entity_id = s.speaker_entity "
                 "LEFT JOIN actors ac ON ac.id = ae.actor_id")
_SPEAKER_MATCH = "(ae.actor_id = ? OR LOWER(s.speaker) LIKE ? ESCAPE '\\')"


def search_articles(store: Store, query: str | None, filters: Filters, limit: int, offset: int = 0
                    ) -> list[dict[str, Any]]:
    """Articles matching every word of `query` (best first), or, with no words, the newest ones."""
    where, params = _article_filters(filters)
    if filters.speaker:
        where.append(f"a.id IN (SELECT s.article_id FROM search_quotes s {_SPEAKER_JOIN} WHERE {_SPEAKER_MATCH})")
        params += [filters.speaker, _like(filters.speaker)]
    words = terms(query)
    match = prefix_query(store.dialect, words)
    columns = "a.id, a.headline, a.outlet, a.published, a.language, a.body"
    if not words:
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return store.rows(f"SELECT {columns} FROM articles a {clause} ORDER BY a.published DESC, a.id "
                           "LIMIT ? OFFSET ?", [*params, limit, offset])
    if store.dialect == "postgresql":
        where.insert(0, f"{PG_ARTICLE_TSV} @@ to_tsquery('simple', ?)")
        sql = (f"SELECT {columns} FROM articles a WHERE {' AND '.join(where)} "
               f"ORDER BY ts_rank({PG_ARTICLE_TSV}, to_tsquery('simple', ?)) DESC, a.published DESC, a.id "
               "LIMIT ? OFFSET ?")
        return store.rows(sql, [match, *params, match, limit, offset])
    where.insert(0, "search_articles_fts MATCH ?")
    sql = (f"SELECT {columns} FROM search_articles_fts JOIN articles a ON a.id = search_articles_fts.article_id "
           f"WHERE {' AND '.join(where)} ORDER BY bm25(search_articles_fts, 0.0, 4.0, 1.0), a.published DESC, a.id "
           "LIMIT ? OFFSET ?")
    return store.rows(sql, [match, *params, limit, offset])


def search_quotes(store: Store, query: str | None, filters: Filters, limit: int, offset: int = 0
                  ) -> list[dict[str, Any]]:
    """Quotes whose text or speaker matches every word of `query` (best first), or the latest ones.

    `country` here is the speaker's country (what Chinese officials said), not the article's."""
    where, params = _article_filters(Filters(filters.outlet, filters.language, filters.date_from, filters.date_to))
    if filters.speaker:
        where.append(_SPEAKER_MATCH)
        params += [filters.speaker, _like(filters.speaker)]
    if filters.country:
        where.append("ac.country = ?")
        params.append(filters.country)
    columns = ("s.article_id AS article, s.quote_id AS quote, s.speaker, ae.actor_id AS speaker_actor, s.role, "
               "s.kind, s.date, s.text, s.confidence, a.outlet, a.headline, a.published, a.language")
    words = terms(query)
    match = prefix_query(store.dialect, words)
    if not words:
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return store.rows(f"SELECT {columns} FROM search_quotes s JOIN articles a ON a.id = s.article_id "
                           f"{_SPEAKER_JOIN} {clause} ORDER BY a.published DESC, s.article_id, s.id LIMIT ? OFFSET ?",
                    [*params, limit, offset])
    if store.dialect == "postgresql":
        where.insert(0, f"{PG_QUOTE_TSV} @@ to_tsquery('simple', ?)")
        sql = (f"SELECT {columns} FROM search_quotes s JOIN articles a ON a.id = s.article_id {_SPEAKER_JOIN} "
               f"WHERE {' AND '.join(where)} ORDER BY ts_rank({PG_QUOTE_TSV}, to_tsquery('simple', ?)) DESC, "
               "a.published DESC, s.id LIMIT ? OFFSET ?")
        return store.rows(sql, [match, *params, match, limit, offset])
    where.insert(0, "search_quotes_fts MATCH ?")
    sql = (f"SELECT {columns} FROM search_quotes_fts JOIN search_quotes s ON s.id = search_quotes_fts.rowid "
           f"JOIN articles a ON a.id = s.article_id {_SPEAKER_JOIN} WHERE {' AND '.join(where)} "
           "ORDER BY bm25(search_quotes_fts, 0.5, 1.0), a.published DESC, s.id LIMIT ? OFFSET ?")
    return store.rows(sql, [match, *params, limit, offset])


def snippet(text: str, words: list[str], width: int = SNIPPET_CHARS) -> list[tuple[str, bool]]:
    """A window of `text` around the first word found, as (piece, is_match) parts to mark up.

    Done here rather than with FTS5's snippet() or ts_headline so that both dialects show the same
    thing and the markup is added by the template, which escapes every piece."""
    pattern = re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in words) + r")\w*", re.IGNORECASE) \
        if words else None
    first = pattern.search(text) if pattern else None
    start = max(0, (first.start() if first else 0) - width // 3)
    if start:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < start + 30 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    window = " ".join(text[start:end].split())
    parts: list[tuple[str, bool]] = [("… ", False)] if start else []
    position = 0
    for match in pattern.finditer(window) if pattern else ():
        if match.start() > position:
            parts.append((window[position:match.start()], False))
        parts.append((match.group(), True))
        position = match.end()
    parts.append((window[position:], False))
    if end < len(text):
        parts.append((" …", False))
    return [part for part in parts if part[0]]
