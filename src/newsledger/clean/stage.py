"""The clean and identify stages: cleaner results onto the Article, input metadata first."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from newsledger.clean.cleaner import clean_text, comparable
from newsledger.clean.rules import load_rules
from newsledger.pipeline import Document, StageError, stage
from newsledger.time import parse_explicit_date


def _pick(article_sources: dict[str, str], name: str, *candidates: tuple[str, str | None]) -> str | None:
    """The first candidate that has a value, recording where it came from."""
    for origin, value in candidates:
        if value:
            article_sources[name] = origin
            return value
    return None


def _site_name(sitename: str | None) -> str | None:
    """trafilatura returns hostnames for sites that declare no name; those are not outlet names."""
    if not sitename or re.fullmatch(r"(?:www\.)?[\w-]+(?:\.[\w-]+)+", sitename):
        return None
    return sitename


class CleanStage:
    def __init__(self, extra_rules: tuple[Path, ...] = ()) -> None:
        self.extra_rules = tuple(Path(p) for p in extra_rules)
        load_rules("en", self.extra_rules)  # fail at start-up, not per article, on a bad rule file

    def __call__(self, doc: Document) -> Document:
        art, meta = doc.article, doc.item.meta
        html = doc.annotations.get("html", {})
        outlets = tuple(o for o in (meta.get("outlet"), html.get("sitename")) if o)
        result = clean_text(doc.text, load_rules(art.language, self.extra_rules), headline=html.get("title"),
                            outlets=outlets, hard_wrapped=doc.item.html is None)
        if not result.body.strip():
            raise StageError("no article text left after cleaning: every line was recognised as boilerplate")
        art.body, art.removed, art.dateline = result.body, result.removed, result.dateline
        art.headline, art.subheadlines, art.credits = result.headline, result.subheadlines, result.credits
        sources = art.metadata_source
        if html.get("title"):
            sources["headline"] = "html"
        elif art.headline:
            sources["headline"] = "text"
        art.byline = result.byline or [a.strip() for a in (html.get("author") or "").split(";") if a.strip()]
        if art.byline:
            sources["byline"] = "text" if result.byline else "html"
        art.outlet = _pick(sources, "outlet", ("input", meta.get("outlet")), ("html", _site_name(html.get("sitename"))),
                           ("text", result.copyright_outlet), ("text", result.page_outlet),
                           ("text", result.byline_outlet))
        given = meta.get("published")
        given_date = parse_explicit_date(given) if given else None
        if given and given_date is None:
            art.warnings.append(f"input published {given!r} is not a date we can read; kept as given")
        art.published = _pick(sources, "published", ("input", given_date or given),
                              ("html", parse_explicit_date(html.get("date") or "")), ("text", result.published),
                              ("text", result.updated))
        art.source.url = _pick(sources, "url", ("input", meta.get("url") or art.source.url), ("html", html.get("url")))
        return doc


class IdentifyStage:
    """The record id: the input's own id, else a hash of the normalised body (so copies collide)."""

    def __call__(self, doc: Document) -> Document:
        given = doc.item.meta.get("id")
        if given:
            doc.article.id = given
        else:
            digest = hashlib.sha1(comparable(doc.article.body).encode("utf-8")).hexdigest()
            doc.article.id = digest[:16]
        return doc


@stage("clean")
def make_clean_stage(extra_rules: tuple[Path, ...] = ()) -> CleanStage:
    return CleanStage(extra_rules)


@stage("identify")
def make_identify_stage() -> IdentifyStage:
    return IdentifyStage()
