"""The HTML pages: server-rendered Jinja2 templates, with htmx swapping in search and timeline results.

Every URL is one a person can guess, share and bookmark (`/search?q=…`, `/articles/ID`,
`/actors/ID`, `/stories/ID`, `/timeline?actor=…`): htmx requests get the same URL, push it to the
address bar and receive only the part of the page that changes (`HX-Request`).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates

from newsledger.model import Article
from newsledger.store import Store
from newsledger.web import queries
from newsledger.web.params import PAGE_SIZE, Country, FiltersDep, Id, PageNo, PoolDep, QueryText, Text, TimelineDep
from newsledger.web.render import actor_url, article_url, body_html, speakers_of, story_url
from newsledger.web.search import clean, country_code, search_articles, search_quotes, snippet, terms
from newsledger.web.timeline import STATEMENTS, Mark, parse_day, timeline_svg

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
TIMELINE_LIMIT = 400  # events and statements each, per timeline picture
STORY_COLUMNS = 12  # articles shown side by side on a story page
LEAD_CHARS = 700


def with_params(request: Request, **changes: Any) -> str:
    """This page's URL with some query parameters changed (None removes one): for pagination."""
    params = {k: v for k, v in request.query_params.items() if k not in changes}
    params.update({k: v for k, v in changes.items() if v is not None})
    return request.url.path + ("?" + urlencode(params) if params else "")


def web_url(url: str | None) -> str | None:
    """An article's own URL, if it is one a link may point to: http(s) only, never `javascript:`."""
    return url if url and url.lower().startswith(("https://", "http://")) else None


templates.env.globals.update(article_url=article_url, actor_url=actor_url, story_url=story_url,
                             with_params=with_params, web_url=web_url)


def _render(request: Request, template: str, **context: Any) -> HTMLResponse:
    response = templates.TemplateResponse(request, template, context)
    response.headers["Vary"] = "HX-Request"
    return response


def _partial(request: Request, target: str) -> bool:
    """True for an htmx request that only wants the `target` part of the page."""
    return request.headers.get("HX-Request") == "true" and request.headers.get("HX-Target") == target


def _not_found(kind: str) -> HTTPException:
    return HTTPException(status_code=404, detail=f"No {kind} with this id is stored.")


@router.get("/")
@router.get("/search")
def search_page(request: Request, pool: PoolDep, filters: FiltersDep, q: QueryText = None,
                page: PageNo = 1) -> HTMLResponse:
    with pool.borrow() as store:
        words = terms(q)
        offset = (page - 1) * PAGE_SIZE
        articles = search_articles(store, q, filters, PAGE_SIZE + 1, offset)
        quotes = search_quotes(store, q, filters, PAGE_SIZE + 1, offset)
        for row in articles:
            row["parts"] = snippet(row["body"], words)
        for row in quotes:
            row["parts"] = snippet(row["text"], words, width=400)
        context = {"q": q or "", "words": words, "filters": filters, "page": page,
                   "articles": articles[:PAGE_SIZE], "quotes": quotes[:PAGE_SIZE],
                   "more": len(articles) > PAGE_SIZE or len(quotes) > PAGE_SIZE}
        if _partial(request, "results"):
            return _render(request, "_results.html", **context)
        return _render(request, "search.html", choices=queries.choices(store), **context)


def _related(store: Store, article: Article) -> dict[str, Any]:
    """The article's story and its links to other articles: same statements, duplicates, citations."""
    story_id = store.story_of(article.id)
    story = store.story(story_id) if story_id else None
    links = store.links(articles=[article.id], limit=500)
    same: dict[str, list[tuple[str, str | None]]] = {}
    others: list[dict[str, Any]] = []
    for link in links:
        mine, theirs = (link["a"], link["b"]) if link["a"]["article"] == article.id else (link["b"], link["a"])
        if link["type"] == "same_statement" and mine["quote"]:
            same.setdefault(mine["quote"], []).append((theirs["article"], theirs["quote"]))
        elif link["type"] in ("duplicate", "cites"):
            others.append({"type": link["type"], "article": theirs["article"], "quote": theirs["quote"],
                           "evidence": link["evidence"], "outgoing": link["a"]["article"] == article.id})
    summaries = queries.article_summaries(store, [a for pairs in same.values() for a, _ in pairs]
                                          + [o["article"] for o in others])
    quotes = queries.quotes_by_key(store, [(a, q) for pairs in same.values() for a, q in pairs if q])
    elsewhere = {quote_id: [{"article": a, "quote": q, "summary": summaries.get(a), "text": quotes.get((a, q or ""))}
                            for a, q in pairs] for quote_id, pairs in same.items()}
    return {"story": story, "story_others": [m for m in (story or {}).get("members", []) if m["article"] != article.id],
            "elsewhere": elsewhere, "other_links": [{**o, "summary": summaries.get(o["article"])} for o in others]}


@router.get("/articles/{article_id:path}")
def article_page(request: Request, pool: PoolDep, article_id: Id) -> HTMLResponse:
    with pool.borrow() as store:
        article = store.get(clean(article_id) or "")
        if article is None:
            raise _not_found("article")
        actor_of = queries.actors_of_article(store, article.id)
        speakers = speakers_of(article, actor_of)
        legend = list({id(s): s for s in speakers.values()}.values())
        entities = sorted(article.entities, key=lambda e: (e.type != "PERSON", -len(e.mentions), e.name))
        return _render(request, "article.html", article=article, body=body_html(article, actor_of), legend=legend,
                       speakers=speakers, actor_of=actor_of, entities=entities, **_related(store, article))


@router.get("/actors")
def actors_page(request: Request, pool: PoolDep, name: Text = None, country: Country = None,
                type: Text = None, page: PageNo = 1) -> HTMLResponse:
    with pool.borrow() as store:
        found = store.actors(limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE, name=clean(name),
                             country=country_code(country), type_=clean(type))
        return _render(request, "actors.html", actors=found[:PAGE_SIZE], more=len(found) > PAGE_SIZE, page=page,
                       name=name or "", country=(country or "").upper(), type=type or "",
                       countries=queries.choices(store)["countries"])


@router.get("/actors/{actor_id:path}")
def actor_page(request: Request, pool: PoolDep, actor_id: Id, page: PageNo = 1) -> HTMLResponse:
    with pool.borrow() as store:
        actor = store.actor(clean(actor_id) or "")
        if actor is None:
            raise _not_found("actor")
        said = queries.statements(store, actor["id"], PAGE_SIZE * 5 + 1, (page - 1) * PAGE_SIZE * 5)
        more = len(said) > PAGE_SIZE * 5
        said = said[:PAGE_SIZE * 5]
        keys = [(s["article"], s["quote"]) for s in said]
        links = store.links(type_="same_statement", articles=sorted({a for a, _ in keys}), limit=2000) if keys else []
        by_key = {(s["article"], s["quote"]): s for s in said}
        groups = [[by_key[k] for k in group] for group in queries.group_statements(keys, links)]
        return _render(request, "actor.html", actor=actor, groups=groups, statements=len(said), more=more, page=page,
                       roles=queries.roles_over_time(actor["roles"]),
                       articles=queries.actor_articles(store, actor["id"], 100),
                       co_actors=queries.co_actors(store, actor["id"]))


@router.get("/stories")
def stories_page(request: Request, pool: PoolDep, page: PageNo = 1) -> HTMLResponse:
    with pool.borrow() as store:
        found = store.stories(limit=PAGE_SIZE + 1, offset=(page - 1) * PAGE_SIZE)
        return _render(request, "stories.html", stories=found[:PAGE_SIZE], more=len(found) > PAGE_SIZE, page=page,
                       articles=store.count())


@router.get("/stories/{story_id:path}")
def story_page(request: Request, pool: PoolDep, story_id: Id) -> HTMLResponse:
    with pool.borrow() as store:
        story = store.story(clean(story_id) or "")
        if story is None:
            raise _not_found("story")
        columns = []
        for member in story["members"][:STORY_COLUMNS]:
            article = store.get(member["article"])
            if article is None:
                continue
            lead = article.body.split("\n\n", 1)[0]
            columns.append({**member, "lead": lead[:LEAD_CHARS] + ("…" if len(lead) > LEAD_CHARS else ""),
                            "quotes": article.quotes, "body_chars": len(article.body)})
        keys = sorted({(end["article"], end["quote"]) for link in story["statements"] for end in (link["a"], link["b"])
                       if end["quote"]})
        found = queries.quotes_by_key(store, keys)
        shared = [[found[k] for k in group if k in found]
                  for group in queries.group_statements(keys, story["statements"])]
        return _render(request, "story.html", story=story, columns=columns, shared=[g for g in shared if len(g) > 1])


def _marks(events: list[dict[str, Any]], statements: list[dict[str, Any]]) -> tuple[list[Mark], int]:
    """Timeline dots for events and statements, and how many had no usable date."""
    marks, undated = [], 0
    for event in events:
        day = parse_day(event["date"]) or parse_day(event["published"])
        if day is None:
            undated += 1
            continue
        parties = f"{event['source_country'] or '?'} → {event['target_country'] or '?'}"
        marks.append(Mark(day, event["type"], f"{day} {event['type']} ({event['trigger'] or ''}) {parties}: "
                                              f"{event['headline'] or ''} — {event['outlet'] or ''}",
                          article_url(event["article"])))
    for said in statements:
        day = parse_day(said["date"]) or parse_day(said["published"])
        if day is None:
            undated += 1
            continue
        text = said["text"] if len(said["text"]) <= 160 else said["text"][:157] + "…"
        marks.append(Mark(day, STATEMENTS, f"{day} {said['speaker'] or 'unknown speaker'}: “{text}” — "
                                           f"{said['outlet'] or ''}",
                          article_url(said["article"]) + f"#quote-{said['quote']}"))
    return marks, undated


@router.get("/timeline")
def timeline_page(request: Request, pool: PoolDep, filters: TimelineDep) -> HTMLResponse:
    with pool.borrow() as store:
        events = queries.timeline_events(store, filters, TIMELINE_LIMIT)
        said = queries.timeline_statements(store, filters, TIMELINE_LIMIT)
        marks, undated = _marks(events, said)
        actor = store.actor(filters.actor) if filters.actor else None
        context = {"filters": filters, "svg": timeline_svg(marks), "events": events, "said": said, "undated": undated,
                   "actor": actor, "limit": TIMELINE_LIMIT}
        if _partial(request, "timeline"):
            return _render(request, "_timeline.html", **context)
        return _render(request, "timeline.html", choices=queries.choices(store), **context)
