"""The same statement reported twice, and a later article recalling an earlier statement.

Two quotes report one utterance when they have the same speaker (the same actor across
articles), dates that allow one occasion, and content that agrees: the embedding cosine and the
share of content words in one language, the actor ids and numbers inside the quotes across
languages (the embedding model is English-only). A quote whose article recalls it ("Earlier, X said
on the 21st ...") is a citation of the earlier article that reported the statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as Date
from functools import lru_cache

import numpy as np

from newsledger.lexicons import load_toml

WORD = re.compile(r"\w+")
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")
STOP = frozenset("""a an the and or but of to in on at for with by from as that this these those it its is are was
were be been being will would could should can may might must not no we our they their he she his her i you
said says say has have had do does did than then there here what which who whom about into over also more""".split())


@dataclass
class QuoteProfile:
    """What linking needs of one quotation."""

    article: str
    quote: str
    speaker_actor: str | None
    speaker: str | None
    kind: str
    date: str | None  # the statement's date
    day: str | None  # the article's publication day
    language: str | None
    text: str
    recalls: bool = False
    anchors: frozenset[str] = field(default_factory=frozenset)
    vector: np.ndarray | None = None


@dataclass(frozen=True)
class StatementSettings:
    window_days: int = 3  # articles further apart than this do not report one utterance as news
    max_date_gap: int = 1  # statement dates (resolved, in two time zones) may differ by a day
    recall_days: int = 2  # a statement this many days before publication is recalled, not reported
    min_score: float = 0.62
    cross_language_min_anchors: int = 2


@lru_cache(maxsize=4)
def recall_cues(language: str) -> tuple[str, ...]:
    try:
        return tuple(load_toml("newsledger.link", "lexicon", language).get("recall_cues", ()))
    except FileNotFoundError:
        return ()


def recalls(sentence: str, language: str | None, statement_date: str | None, day: str | None,
            settings: StatementSettings) -> bool:
    """True when the quote's sentence recalls an earlier statement: a cue, or a date days before."""
    if statement_date and day and _days(statement_date, day) is not None and \
            _days(statement_date, day) >= settings.recall_days:
        return True
    text = sentence.casefold()
    if language == "ko":
        return any(cue in text for cue in recall_cues("ko"))
    return any(re.search(rf"\b{re.escape(cue)}\b", text) for cue in recall_cues(language or "en"))


def anchors(text: str, actor_ids: set[str]) -> frozenset[str]:
    """Language-free content of a quote: the actors it names and the numbers it gives."""
    numbers = {n.replace(",", "") for n in NUMBER.findall(text)}
    return frozenset(actor_ids | {f"#{n}" for n in numbers})


def content_words(text: str) -> set[str]:
    return {w for w in WORD.findall(text.casefold()) if w not in STOP and not w.isdigit() and len(w) > 2}


def _days(earlier: str, later: str) -> int | None:
    try:
        return (Date.fromisoformat(later[:10]) - Date.fromisoformat(earlier[:10])).days
    except ValueError:
        return None


def _date_gap(a: str | None, b: str | None) -> int | None:
    if not a or not b:
        return None
    gap = _days(a, b)
    return abs(gap) if gap is not None else None


@dataclass(frozen=True)
class StatementMatch:
    kind: str  # "same_statement" or "cites"
    earlier: QuoteProfile
    later: QuoteProfile
    score: float
    evidence: str


def _content(a: QuoteProfile, b: QuoteProfile, settings: StatementSettings) -> tuple[float, str] | None:
    """How much the two quotes say the same thing, and the words that say so."""
    shared_anchors = a.anchors & b.anchors
    if a.language == b.language and a.vector is not None and b.vector is not None:
        cosine = float(np.dot(a.vector, b.vector))
        words_a, words_b = content_words(a.text), content_words(b.text)
        overlap = len(words_a & words_b) / max(1, min(len(words_a), len(words_b)))
        score = 0.75 * cosine + 0.25 * overlap
        return score, f"content similarity {cosine:.2f}, shared words {overlap:.2f}"
    if len(shared_anchors) >= settings.cross_language_min_anchors:
        share = len(shared_anchors) / max(1, min(len(a.anchors), len(b.anchors)))
        return 0.55 + 0.4 * share, f"{a.language}/{b.language}: shares {len(shared_anchors)} names and numbers"
    return None


def match(new: QuoteProfile, old: QuoteProfile, settings: StatementSettings) -> StatementMatch | None:
    """Whether two quotes by one speaker report one utterance, and as what."""
    if not new.speaker_actor or new.speaker_actor != old.speaker_actor or new.article == old.article:
        return None
    earlier, later = sorted((new, old), key=lambda q: (q.day or "", q.article))
    apart = _date_gap(earlier.day, later.day)
    if later.recalls and later.date:
        gap = _date_gap(later.date, earlier.date or earlier.day)
        if gap is None or gap > settings.max_date_gap or (earlier.day or "") > (later.day or ""):
            return None
        kind = "cites"
    else:
        if apart is None or apart > settings.window_days or earlier.recalls:
            return None
        gap = _date_gap(earlier.date, later.date)
        if gap is not None and gap > settings.max_date_gap:
            return None
        kind = "same_statement"
    content = _content(new, old, settings)
    if content is None or content[0] < settings.min_score:
        return None
    score, how = content
    when = earlier.date or earlier.day or "?"
    dates = f"{when} both" if (later.date or later.day) == when else f"{when} and {later.date or later.day}"
    evidence = f"same speaker {new.speaker or new.speaker_actor}; {dates}; {how}"
    if kind == "cites":
        evidence = f"recalls the statement of {later.date}; " + evidence
    return StatementMatch(kind, earlier, later, min(score, 1.0), evidence)


def one_to_one(matches: list[StatementMatch]) -> list[StatementMatch]:
    """Per pair of articles, each quote reports at most one utterance of the other: best first."""
    kept: list[StatementMatch] = []
    used: set[tuple[str, str, str]] = set()
    for found in sorted(matches, key=lambda m: (-m.score, m.earlier.article, m.earlier.quote, m.later.quote)):
        keys = {(found.earlier.article, found.earlier.quote, found.later.article),
                (found.later.article, found.later.quote, found.earlier.article)}
        if keys & used:
            continue
        used |= keys
        kept.append(found)
    return kept
