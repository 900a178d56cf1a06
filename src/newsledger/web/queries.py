"""The reads the pages need beyond the Store's own: joins across quotes, actors, events and articles.

Everything here is a SELECT with parameters, bounded by a LIMIT; the Store's methods are used
wherever one fits (articles, actors, stories, links).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from newsledger.store import Store
from newsledger.web.search import Filters, clean

_STATEMENT_COLUMNS = ("s.article_id AS article, s.quote_id AS quote, s.speaker, s.role, s.kind, s.date, s.text, "
                      "s.confidence, a.outlet, a.headline, a.published, a.language")


def _marks(values: Sequence[Any]) -> str:
    return ", ".join("?" * len(values))


def actors_of_article(store: Store, article_id: str) -> dict[str, str]:
    """Entity id -> actor id, for one article."""
    return {r["entity_id"]: r["actor_id"] for r in store.rows(
        "SELECT entity_id, actor_id FROM article_entities WHERE article_id = ?", (article_id,))}


def article_summaries(store: Store, ids: Iterable[str]) -> dict[str, dict[str, Any]]:
    """Headline, outlet, date and language of each of these articles, by id."""
    wanted = sorted(set(ids))
    if not wanted:
        return {}
    found = store.rows(f"SELECT id, headline, outlet, published, language FROM articles WHERE id IN "
                        f"({_marks(wanted)})", wanted)
    return {r["id"]: r for r in found}


def quotes_by_key(store: Store, keys: Iterable[tuple[str, str]]) -> dict[tuple[str, str], dict[str, Any]]:
    """The quotes (with their article's outlet and date) named by (article, quote id) pairs."""
    wanted = sorted(set(keys))
    articles = sorted({article for article, _ in wanted})
    if not articles:
        return {}
    found = store.rows(f"SELECT {_STATEMENT_COLUMNS}, ae.actor_id AS speaker_actor FROM search_quotes s "
                        "JOIN articles a ON a.id = s.article_id LEFT JOIN article_entities ae "
                        "ON ae.article_id = s.article_id AND ae.entity_id = s.speaker_entity "
                        f"WHERE s.article_id IN ({_marks(articles)})", articles)
    keep = set(wanted)
    return {(r["article"], r["quote"]): r for r in found if (r["article"], r["quote"]) in keep}


def statements(store: Store, actor_id: str, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """What one actor said, in the order it was said (the statement's date, else the article's)."""
    return store.rows(f"SELECT {_STATEMENT_COLUMNS}, ae.actor_id AS speaker_actor FROM article_entities ae "
                       "JOIN search_quotes s ON s.article_id = ae.article_id AND s.speaker_entity = ae.entity_id "
                       "JOIN articles a ON a.id = s.article_id WHERE ae.actor_id = ? "
                       "ORDER BY COALESCE(s.date, SUBSTR(a.published, 1, 10)), a.published, s.article_id, s.id "
                       "LIMIT ? OFFSET ?", (actor_id, limit, offset))


def actor_articles(store: Store, actor_id: str, limit: int) -> list[dict[str, Any]]:
    """The articles naming an actor, newest first, with how often each names it."""
    return store.rows("SELECT a.id, a.headline, a.outlet, a.published, a.language, ae.mentions "
                       "FROM article_entities ae JOIN articles a ON a.id = ae.article_id WHERE ae.actor_id = ? "
                       "ORDER BY a.published DESC, a.id LIMIT ?", (actor_id, limit))


def co_actors(store: Store, actor_id: str, limit: int = 20) -> list[dict[str, Any]]:
    """The actors named in the same articles, by how many articles they share."""
    return store.rows("SELECT ac.id, ac.name, ac.type, ac.country, COUNT(DISTINCT mine.article_id) AS shared "
                       "FROM article_entities mine JOIN article_entities other ON other.article_id = mine.article_id "
                       "AND other.actor_id <> mine.actor_id JOIN actors ac ON ac.id = other.actor_id "
                       "WHERE mine.actor_id = ? GROUP BY ac.id, ac.name, ac.type, ac.country "
                       "ORDER BY shared DESC, ac.id LIMIT ?", (actor_id, limit))


def roles_over_time(roles: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
    """Store.actor's role rows (one per article) folded into one row per role: first and last date
    and how many articles gave it, in the order the roles were first held."""
    folded: dict[str, dict[str, Any]] = {}
    for row in roles:
        entry = folded.setdefault(row["role"], {"role": row["role"], "first": row["date"], "last": row["date"],
                                                "articles": 0})
        entry["articles"] += 1
        if row["date"]:
            entry["first"] = min(d for d in (entry["first"], row["date"]) if d)
            entry["last"] = max(d for d in (entry["last"], row["date"]) if d)
    return sorted(folded.values(), key=lambda r: (r["first"] or "9999", r["role"]))


def choices(store: Store) -> dict[str, list[str]]:
    """The values the filter menus offer: outlets, languages and countries that occur."""
    return {
        "outlets": [r["outlet"] for r in store.rows("SELECT DISTINCT outlet FROM articles WHERE outlet IS NOT NULL "
                                                     "ORDER BY outlet LIMIT 500")],
        "languages": [r["language"] for r in store.rows("SELECT DISTINCT language FROM articles "
                                                         "WHERE language IS NOT NULL ORDER BY language LIMIT 100")],
        "countries": [r["country"] for r in store.rows("SELECT DISTINCT country FROM actors WHERE country IS NOT NULL "
                                                        "ORDER BY country LIMIT 300")],
        "event_types": [r["type"] for r in store.rows("SELECT DISTINCT type FROM events ORDER BY type LIMIT 100")],
    }


def story_members(store: Store, story_ids: Sequence[str]) -> dict[str, list[str]]:
    """The article ids of each story, oldest first."""
    if not story_ids:
        return {}
    members: dict[str, list[str]] = {story: [] for story in story_ids}
    for row in store.rows("SELECT s.story_id, s.article_id FROM story_articles s "
                           "JOIN articles a ON a.id = s.article_id "
                           f"WHERE s.story_id IN ({_marks(story_ids)}) ORDER BY a.published, a.id", story_ids):
        members[row["story_id"]].append(row["article_id"])
    return members


def group_statements(keys: Sequence[tuple[str, str]], links: Iterable[dict[str, Any]]) -> list[list[tuple[str, str]]]:
    """Quotes joined by same_statement links into one group per utterance (union-find), in the
    order of their first member; a quote no link touches is a group of its own."""
    parent = {key: key for key in keys}

    def root(key: tuple[str, str]) -> tuple[str, str]:
        while parent[key] != key:
            parent[key] = parent[parent[key]]
            key = parent[key]
        return key

    for link in links:
        a = (link["a"]["article"], link["a"]["quote"])
        b = (link["b"]["article"], link["b"]["quote"])
        if a in parent and b in parent:
            parent[root(b)] = root(a)
    groups: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for key in keys:
        groups.setdefault(root(key), []).append(key)
    return list(groups.values())


# -- the timeline --------------------------------------------------------------------------------
@dataclass(frozen=True)
class TimelineFilters:
    actor: str | None = None
    country: str | None = None
    type: str | None = None  # a PLOVER type, or STATEMENT for statements only
    date_from: str | None = None
    date_to: str | None = None

    @classmethod
    def of(cls, **values: str | None) -> TimelineFilters:
        found = {k: clean(v) for k, v in values.items()}
        for key in ("country", "type"):
            if found.get(key):
                found[key] = found[key].upper()  # type: ignore[union-attr]
        return cls(**found)


STATEMENT = "STATEMENT"


def _date_clauses(column: str, filters: TimelineFilters) -> tuple[list[str], list[Any]]:
    low, high = Filters(date_from=filters.date_from, date_to=filters.date_to).date_bounds()
    where, params = [], []
    if low:
        where.append(f"SUBSTR({column}, 1, 10) >= ?")
        params.append(low)
    if high:
        where.append(f"SUBSTR({column}, 1, 10) <= ?")
        params.append(high)
    return where, params


def timeline_events(store: Store, filters: TimelineFilters, limit: int, offset: int = 0) -> list[dict[str, Any]]:
    """Events by date (the event's own, else its article's), narrowed by type, country and actor.

    An actor filter keeps the events the actor is a party to (source or target), which the event
    rows do not hold: they come from the records of the candidate articles (so a page may hold
    fewer than `limit`)."""
    if filters.type == STATEMENT:
        return []
    where, params = _date_clauses("COALESCE(e.date, a.published)", filters)
    if filters.type:
        where.append("e.type = ?")
        params.append(filters.type)
    if filters.country:
        where.append("(',' || COALESCE(e.source_country, '') || ',' || COALESCE(e.target_country, '') || ',') LIKE ?")
        params.append(f"%,{filters.country},%")
    if filters.actor:
        where.append("e.article_id IN (SELECT article_id FROM article_entities WHERE actor_id = ?)")
        params.append(filters.actor)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    found = store.rows("SELECT e.article_id AS article, e.event_id AS id, e.type, e.mode, e.context, e.date, "
                        "e.source_country, e.target_country, e.trigger, e.confidence, e.happening, a.headline, "
                        "a.outlet, a.published FROM events e JOIN articles a ON a.id = e.article_id "
                        f"{clause} ORDER BY COALESCE(e.date, a.published), e.article_id, e.event_id LIMIT ? OFFSET ?",
                 [*params, limit, offset])
    if filters.actor:
        parties = _events_with_party(store, {event["article"] for event in found}, filters.actor)
        found = [event for event in found if (event["article"], event["id"]) in parties]
    return found


def _events_with_party(store: Store, article_ids: set[str], actor_id: str) -> set[tuple[str, str]]:
    """(article, event id) of the events of these articles that the actor is a source or target of."""
    keys = set()
    for article_id in sorted(article_ids):
        article = store.get(article_id)
        mine = {entity for entity, actor in actors_of_article(store, article_id).items() if actor == actor_id}
        if article is not None and mine:
            keys |= {(article_id, e.id) for e in article.events if mine & {*e.source, *e.target}}
    return keys


def timeline_statements(store: Store, filters: TimelineFilters, limit: int) -> list[dict[str, Any]]:
    """Statements by date, narrowed by speaker (actor) and the speaker's country."""
    if filters.type and filters.type != STATEMENT:
        return []
    where, params = _date_clauses("COALESCE(s.date, a.published)", filters)
    for column, value in (("ae.actor_id", filters.actor), ("ac.country", filters.country)):
        if value:
            where.append(f"{column} = ?")
            params.append(value)
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    return store.rows(f"SELECT {_STATEMENT_COLUMNS}, ae.actor_id AS speaker_actor FROM search_quotes s "
                       "JOIN articles a ON a.id = s.article_id LEFT JOIN article_entities ae "
                       "ON ae.article_id = s.article_id AND ae.entity_id = s.speaker_entity "
                       f"LEFT JOIN actors ac ON ac.id = ae.actor_id {clause} "
                       "ORDER BY COALESCE(s.date, a.published), s.article_id, s.id LIMIT ?", [*params, limit])

