"""The article body as HTML: quotes highlighted per speaker, entities and dates marked, all escaped.

The record gives character offsets into the body, and the markup is built from them here, one
piece of article text at a time, each piece escaped: an article whose text holds `<script>` or an
`onerror=` attribute shows it as text. Quotes are the outer layer (a quote whose speaker is a known
actor is a link to that actor's page); names and dates nest inside them or stand between them,
and one that would cross a quote's edge is left unmarked rather than break the nesting.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from urllib.parse import quote as url_quote

from markupsafe import Markup, escape

from newsledger.model import Article, Quote

PALETTE = 10  # speaker colours sp-0 … sp-9 in style.css; more speakers than that reuse them
SKIPPED_MENTIONS = {"pronoun"}  # "he", "she" would mark half the text and say nothing


def article_url(article_id: str) -> str:
    return "/articles/" + url_quote(article_id, safe="")


def actor_url(actor_id: str) -> str:
    return "/actors/" + url_quote(actor_id, safe="")


def story_url(story_id: str) -> str:
    return "/stories/" + url_quote(story_id, safe="")


@dataclass
class Speaker:
    """One speaker of an article with the colour its quotes get."""

    name: str
    actor: str | None
    colour: str
    quotes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Inline:
    start: int
    end: int
    tag: str
    attrs: tuple[tuple[str, str], ...]
    href: str | None = None  # used when the mark stands outside a linked quote


def _open(tag: str, attrs: tuple[tuple[str, str], ...] | list[tuple[str, str]]) -> str:
    return f"<{tag}" + "".join(f' {name}="{escape(value)}"' for name, value in attrs) + ">"


def _paragraphs(body: str) -> list[tuple[int, int]]:
    """(start, end) of each paragraph: the body separates them by a blank line."""
    spans, start = [], 0
    while start < len(body):
        gap = body.find("\n\n", start)
        end = len(body) if gap < 0 else gap
        if body[start:end].strip():
            spans.append((start, end))
        start = end + 2
    return spans


def _disjoint(items: list[_Inline]) -> list[_Inline]:
    """Keep marks that do not overlap, preferring the earlier and then the longer one."""
    chosen: list[_Inline] = []
    for item in sorted(items, key=lambda i: (i.start, i.start - i.end)):
        if not chosen or item.start >= chosen[-1].end:
            chosen.append(item)
    return chosen


def speakers_of(article: Article, actor_of: dict[str, str]) -> dict[str, Speaker]:
    """Quote id -> its speaker; speakers are told apart by actor, else by name, and coloured in
    the order they first speak."""
    by_key: dict[str, Speaker] = {}
    found: dict[str, Speaker] = {}
    for quote in sorted(article.quotes, key=lambda q: q.start):
        who = quote.speaker
        actor = actor_of.get(who.entity) if who and who.entity else None
        name = (who.name if who else None) or ""
        key = actor or name.casefold()
        if not key:
            continue
        if key not in by_key:
            by_key[key] = Speaker(name=name or actor or "", actor=actor, colour=f"sp-{len(by_key) % PALETTE}")
        by_key[key].quotes.append(quote.id)
        found[quote.id] = by_key[key]
    return found


def quote_tip(quote: Quote, speaker: Speaker | None) -> str:
    """What hovering a quote says: who, in which role, when, how sure, how reported."""
    who = speaker.name if speaker else "speaker unknown"
    role = quote.speaker.role if quote.speaker and quote.speaker.role else None
    parts = [who + (f", {role}" if role else ""), quote.date or "no date", f"confidence {quote.confidence:.2f}",
             quote.kind]
    return " · ".join(parts)


def _inlines(article: Article, actor_of: dict[str, str]) -> list[_Inline]:
    body_length = len(article.body)
    items = []
    for entity in article.entities:
        actor = actor_of.get(entity.id)
        about = " · ".join(x for x in (entity.name, entity.type, entity.country, entity.roles[0] if entity.roles
                                       else None) if x)
        kinds = entity.mention_kinds if len(entity.mention_kinds) == len(entity.mentions) else []
        for number, (start, end) in enumerate(entity.mentions):
            if (kinds and kinds[number] in SKIPPED_MENTIONS) or not 0 <= start < end <= body_length:
                continue
            attrs = (("class", f"ent ent-{entity.type}"), ("data-entity", entity.id), ("data-tip", about))
            items.append(_Inline(start, end, "span", attrs, actor_url(actor) if actor else None))
    for time in article.times:
        if 0 <= time.start < time.end <= body_length:
            attrs = [("class", "tx"), ("data-tip", f"{time.value or 'no value'} · {time.type}")]
            if time.value:
                attrs.append(("datetime", time.value))
            items.append(_Inline(time.start, time.end, "time", tuple(attrs)))
    return _disjoint(items)


def body_html(article: Article, actor_of: dict[str, str]) -> Markup:
    """The body as paragraphs of escaped text with quotes, names and dates marked up."""
    body = article.body
    speakers = speakers_of(article, actor_of)
    quotes = [q for q in sorted(article.quotes, key=lambda q: (q.start, -q.end)) if 0 <= q.start < q.end <= len(body)]
    kept: list[Quote] = []
    for quote in quotes:  # a quote inside another (a direct one within a mixed one) stays in the list below only
        if not kept or quote.start >= kept[-1].end:
            kept.append(quote)
    inlines = [i for i in _inlines(article, actor_of)
               if not any(i.start < q.end and q.start < i.end and not (q.start <= i.start and i.end <= q.end)
                          for q in kept)]
    starts = [i.start for i in inlines]

    def text(start: int, end: int, in_link: bool) -> str:
        out, position = [], start
        for item in inlines[bisect_left(starts, start):]:
            if item.start >= end:
                break
            if item.end > end:
                continue
            tag, attrs = item.tag, item.attrs
            if item.href and not in_link:
                tag, attrs = "a", (*attrs, ("href", item.href))
            out += [escape(body[position:item.start]), _open(tag, attrs), escape(body[item.start:item.end]),
                    f"</{tag}>"]
            position = item.end
        out.append(escape(body[position:end]))
        return "".join(out)

    html = []
    opened: set[str] = set()
    for p_start, p_end in _paragraphs(body):
        out, position = [], p_start
        for quote in kept:
            start, end = max(quote.start, p_start), min(quote.end, p_end)
            if start >= end:
                continue
            speaker = speakers.get(quote.id)
            link = speaker.actor if speaker else None
            attrs = [("class", f"quote {speaker.colour if speaker else 'sp-none'}"), ("data-quote", quote.id),
                     ("data-tip", quote_tip(quote, speaker))]
            if quote.id not in opened:
                attrs.insert(0, ("id", f"quote-{quote.id}"))
                opened.add(quote.id)
            tag = "a" if link else "mark"
            if link:
                attrs.append(("href", actor_url(link)))
            out += [text(position, start, False), _open(tag, attrs), text(start, end, bool(link)), f"</{tag}>"]
            position = end
        out.append(text(position, p_end, False))
        html.append(f"<p>{''.join(out)}</p>")
    return Markup("\n".join(html))
