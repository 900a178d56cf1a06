"""The date of a span (a quote's attribution, an event's sentence) from the article's times.

Quotes and events take their date from the nearest calendar date that governs them: an
expression inside the span itself (the attribution clause: "said Friday"), else one in its
sentence, else the last one named earlier in its paragraph, else the publication date.
"""

from __future__ import annotations

from newsledger.model import Article, TimeExpression

# Values that name a day or a time on the calendar (not a duration, a set or a vague reference).
_DATED_TYPES = {"DATE", "TIME"}


def _calendar(t: TimeExpression) -> bool:
    return t.type in _DATED_TYPES and bool(t.value) and t.value[:1].isdigit() and "X" not in t.value


def _enclosing(spans: list[list[int]], start: int, end: int) -> tuple[int, int] | None:
    for s, e in spans:
        if s <= start and end <= e:
            return s, e
    return None


def _paragraph(body: str, start: int) -> tuple[int, int]:
    left = body.rfind("\n\n", 0, start)
    right = body.find("\n\n", start)
    return (0 if left < 0 else left + 2), (len(body) if right < 0 else right)


def date_of_span(article: Article, start: int, end: int, exclude: tuple[int, int] | None = None,
                 past: bool = False) -> tuple[str | None, str]:
    """(date value, where it came from: "span", "sentence", "paragraph", "published" or "none").

    `exclude` is a stretch whose dates do not count: what a quote says happened ("in 2012") is
    not when it was said. With `past`, dates after publication do not count either: a statement
    reported today was not made "in August" next."""
    published = (article.published or "")[:10]
    dated = [t for t in article.times if _calendar(t)
             and not (exclude and exclude[0] <= t.start and t.end <= exclude[1])
             and not (past and published and str(t.value)[:10] > published)]
    inside = [t for t in dated if start <= t.start and t.end <= end]
    if inside:
        return inside[0].value, "span"
    sentence = _enclosing(article.sentences, start, end)
    if sentence:
        near = [t for t in dated if sentence[0] <= t.start and t.end <= sentence[1]]
        if near:
            return min(near, key=lambda t: abs(t.start - start)).value, "sentence"
    para_start, _ = _paragraph(article.body, start)
    earlier = [t for t in dated if para_start <= t.start and t.end <= start]
    if earlier:
        return earlier[-1].value, "paragraph"
    if article.published:
        return article.published[:10], "published"
    return None, "none"
