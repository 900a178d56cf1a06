"""The JSON API under /api: the record contract over HTTP, read-only, described at /api/openapi.json.

Lists come in pages (`items`, `limit`, `offset`, `next_offset`) of at most 100; a single record is
the contract's object itself. Identifiers may hold any character (an input's own id), so they are
path segments taken whole (`{id:path}`), and an unknown one is a 404 with a `detail`.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query

from newsledger.web import queries
from newsledger.web.params import Country, FiltersDep, Id, Limit, Offset, PoolDep, QueryText, TimelineDep
from newsledger.web.schemas import (
    ActorDetail,
    ActorSummary,
    ArticleHit,
    ArticleRecord,
    ArticleSummary,
    LinkOut,
    Page,
    Problem,
    SearchResult,
    Statement,
    StoredEvent,
    StoryDetail,
    StorySummary,
)
from newsledger.web.search import clean, country_code, search_articles, search_quotes, snippet, terms

router = APIRouter(prefix="/api", tags=["records"], responses={404: {"model": Problem, "description": "no such id"}})
LinkType = Literal["duplicate", "same_story", "same_statement", "cites"]


def _page(found: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """A page from `limit + 1` rows: the extra one only says that there is a next page."""
    return {"items": found[:limit], "limit": limit, "offset": offset,
            "next_offset": offset + limit if len(found) > limit else None}


def _missing(kind: str, item_id: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"no {kind} with id {item_id!r}")


@router.get("/articles", response_model=Page[ArticleSummary], summary="Articles, newest first")
def list_articles(pool: PoolDep, limit: Limit = 20, offset: Offset = 0,
                  outlet: Annotated[str | None, Query(max_length=200)] = None,
                  language: Annotated[str | None, Query(max_length=16)] = None) -> dict[str, Any]:
    with pool.borrow() as store:
        found = store.list_articles(limit=limit + 1, offset=offset, outlet=clean(outlet), language=clean(language))
        return _page(found, limit, offset)


@router.get("/articles/{article_id:path}", response_model=ArticleRecord, summary="One article's record")
def get_article(pool: PoolDep, article_id: Id) -> dict[str, Any]:
    with pool.borrow() as store:
        article = store.get(clean(article_id) or "")
        if article is None:
            raise _missing("article", article_id)
        return article.to_dict()


@router.get("/search", response_model=SearchResult, summary="Search articles and quotes")
def search(pool: PoolDep, filters: FiltersDep, q: QueryText = None, limit: Limit = 20,
           offset: Offset = 0) -> dict[str, Any]:
    """Articles and quotes with every word of `q` (each a prefix), best first; with no words, the
    newest. `country` keeps articles naming an actor of that country, and quotes whose speaker is one."""
    with pool.borrow() as store:
        words = terms(q)
        articles = [{**row, "snippet": "".join(part for part, _ in snippet(row["body"], words))}
                    for row in search_articles(store, q, filters, limit, offset)]
        return {"query": q or "", "terms": words, "articles": [ArticleHit.model_validate(a) for a in articles],
                "quotes": search_quotes(store, q, filters, limit, offset)}


@router.get("/actors", response_model=Page[ActorSummary], summary="Actors, most named first")
def list_actors(pool: PoolDep, limit: Limit = 20, offset: Offset = 0,
                name: Annotated[str | None, Query(max_length=200, description="part of one of its names")] = None,
                country: Country = None,
                type: Annotated[str | None, Query(max_length=20, description="PERSON, ORG, GPE, LOC …")] = None
                ) -> dict[str, Any]:
    with pool.borrow() as store:
        found = store.actors(limit=limit + 1, offset=offset, name=clean(name), type_=clean(type),
                             country=country_code(country))
        return _page(found, limit, offset)


@router.get("/actors/{actor_id:path}", response_model=ActorDetail, summary="One actor: names, roles, articles")
def get_actor(pool: PoolDep, actor_id: Id) -> dict[str, Any]:
    with pool.borrow() as store:
        actor = store.actor(clean(actor_id) or "")
        if actor is None:
            raise _missing("actor", actor_id)
        return actor


@router.get("/statements", response_model=Page[Statement], summary="What one actor said, in time order")
def list_statements(pool: PoolDep, actor: Annotated[str, Query(min_length=1, max_length=300)], limit: Limit = 20,
                    offset: Offset = 0) -> dict[str, Any]:
    with pool.borrow() as store:
        return _page(queries.statements(store, clean(actor) or "", limit + 1, offset), limit, offset)


@router.get("/events", response_model=Page[StoredEvent], summary="Events by date")
def list_events(pool: PoolDep, filters: TimelineDep, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    """Events by date, narrowed by PLOVER `type`, a party's `country`, an `actor` that is a party,
    and dates. With `actor`, a page may hold fewer than `limit` events."""
    with pool.borrow() as store:
        found = queries.timeline_events(store, filters, limit + 1, offset)
        for event in found:
            for side in ("source_country", "target_country"):
                event[side] = [c for c in (event[side] or "").split(",") if c]
        return _page(found, limit, offset)


@router.get("/stories", response_model=Page[StorySummary], summary="Stories, latest first")
def list_stories(pool: PoolDep, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    with pool.borrow() as store:
        found = store.stories(limit=limit + 1, offset=offset)
        members = queries.story_members(store, [s["id"] for s in found])
        items = [{"story": s["id"], "articles": members[s["id"]], "headline": s["headline"],
                  "first_day": s["first_day"], "last_day": s["last_day"]} for s in found]
        return _page(items, limit, offset)


@router.get("/stories/{story_id:path}", response_model=StoryDetail, summary="One story: its articles, shared quotes")
def get_story(pool: PoolDep, story_id: Id) -> dict[str, Any]:
    with pool.borrow() as store:
        story = store.story(clean(story_id) or "")
        if story is None:
            raise _missing("story", story_id)
        return {**story, "story": story["id"], "articles": [m["article"] for m in story["members"]]}


@router.get("/links", response_model=Page[LinkOut], summary="Links across articles")
def list_links(pool: PoolDep, type: LinkType | None = None,
               article: Annotated[str | None, Query(max_length=300, description="links touching this article")] = None,
               limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    with pool.borrow() as store:
        article = clean(article)
        found = store.links(type_=type, articles=[article] if article else None, limit=offset + limit + 1)[offset:]
        return _page(found, limit, offset)
