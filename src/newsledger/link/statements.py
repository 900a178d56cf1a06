"""The same statement reported twice, and a later article recalling an earlier statement.

Two quotes report one utterance when they have the same speaker (the same actor across
articles), dates that allow one occasion, and content that agrees: the embedding cosine and the
share of content words in one language; across languages the actor ids, the numbers and the
concepts of a bilingual list (lexicon/*.toml) inside the quotes, as the embedding model reads
English only. A quote whose article recalls it ("Earlier, X said
on the 21st ...") is a citation of the earlier article that reported the statement.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta
from functools import lru_cache

import numpy as np

from newsledger.lexicons import load_toml

WORD = re.compile(r"\w+")
NUMBER = re.compile(r"\d+(?:[.,]\d+)?")


@dataclass
class QuoteProfile:
    """What linking needs of one quotation."""

    article: str
    quote: str
    speaker_key: str | None  # see speaker_key()
    speaker: str | None
    speaker_type: str | None  # PERSON, ORG, GPE
    speaker_country: str | None
    speaker_sound: str | None  # link.names.name_sound of a person's name
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
    recall_window_days: int = 30  # how far back an undated recall ("Earlier, X said") is looked for
    min_score: float = 0.62
    # an institution's words reported in another article as its spokesperson's: same country, and
    # content this close ("U.S. Forces Korea said" / "Col. Jennifer Hale, a USFK spokesperson, said")
    institution_min_score: float = 0.8
    cross_language_min_anchors: int = 2


@lru_cache(maxsize=4)
def _lexicon(language: str) -> dict:
    try:
        return load_toml("newsledger.link", "lexicon", language)
    except FileNotFoundError:
        return {}


def recall_cues(language: str) -> tuple[str, ...]:
    return tuple(_lexicon(language).get("recall_cues", ()))


@lru_cache(maxsize=4)
def stop_words(language: str) -> frozenset[str]:
    return frozenset(_lexicon(language).get("stop_words", ()))


def day_range(value: str | None) -> tuple[str, str] | None:
    """The first and last day a date value names: a day, an ISO week ("2026-W19"), a month."""
    if not value:
        return None
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]) and (len(value) == 10 or value[10] == "T"):
        return value[:10], value[:10]
    if week := re.fullmatch(r"(\d{4})-W(\d{2})", value):
        monday = Date.fromisocalendar(int(week[1]), int(week[2]), 1)
        return monday.isoformat(), (monday + timedelta(days=6)).isoformat()
    if month := re.fullmatch(r"(\d{4})-(\d{2})", value):
        first = Date(int(month[1]), int(month[2]), 1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return first.isoformat(), last.isoformat()
    return None


def news_day(dates: list[str | None], published: str | None) -> str | None:
    """The day an article reports on: the day most of its quotes were said (the latest of a tie),
    else its publication day. A quote said before it is recalled, not reported."""
    days = [d[:10] for d in dates if (r := day_range(d)) and r[0] == r[1]]
    if not days:
        return published
    return max(set(days), key=lambda d: (days.count(d), d))


def added_clause_openers(language: str | None) -> tuple[str, ...]:
    return tuple(_lexicon(language or "en").get("added_clause_openers", ()))


def attribution_context(before: str, after: str, language: str | None) -> str:
    """The words of a quote's sentence that can say when it was said: those before the quote, and
    those after it up to where the sentence goes on to other content (", adding that …")."""
    folded = after.casefold()
    cut = min((at for opener in added_clause_openers(language) if (at := folded.find(opener)) >= 0),
              default=len(after))
    return before + " " + after[:cut]


def recalls(sentence: str, language: str | None, statement_date: str | None, reported_day: str | None) -> bool:
    """True when the quote's sentence recalls an earlier statement: said before the day the article
    reports on, or a cue ("Earlier, ...", "... 밝힌 바 있다") in its attribution."""
    said = day_range(statement_date)
    if said and reported_day and said[1] < reported_day:
        return True
    text = sentence.casefold()
    if language == "ko":
        return any(cue in text for cue in recall_cues("ko"))
    return any(re.search(rf"\b{re.escape(cue)}\b", text) for cue in recall_cues(language or "en"))


def speaker_key(actor_id: str | None) -> str | None:
    """The speaker's actor id without the number the store gives a namesake whose country or sector
    differed ("person~daniel-whitcombe~2"): one article calling him a U.S. official and another not
    saying must not keep his two reports of one statement apart."""
    return re.sub(r"~\d+$", "", actor_id) if actor_id else None


def anchors(text: str, actor_ids: set[str], language: str | None = None) -> frozenset[str]:
    """Language-free content of a quote: the actors it names, the numbers it gives and the
    concepts of the lexicon's bilingual list it speaks of ("~provocation")."""
    numbers = {n.replace(",", "") for n in NUMBER.findall(text)}
    return frozenset(actor_ids | {f"#{n}" for n in numbers} | {f"~{c}" for c in concepts(text, language)})


@dataclass(frozen=True)
class _ConceptTable:
    words: dict[str, frozenset[str]]  # a whole word -> its concepts
    prefixes: tuple[tuple[str, str], ...]  # ("provocat", "provocation") from "provocat*"
    phrases: tuple[tuple[re.Pattern[str], str], ...]  # several words ("water cannon"), or Korean stems
    substrings: bool  # Korean: stems are found inside words, which carry their particles


@lru_cache(maxsize=8)
def _concept_table(language: str) -> _ConceptTable:
    words: dict[str, set[str]] = {}
    prefixes, phrases = [], []
    for concept, forms in _lexicon(language).get("concepts", {}).items():
        for form in forms:
            if language == "ko" or " " in form:
                phrases.append((re.compile(re.escape(form) if language == "ko" else rf"\b{re.escape(form)}"), concept))
            elif form.endswith("*"):
                prefixes.append((form[:-1], concept))
            else:
                words.setdefault(form, set()).add(concept)
    return _ConceptTable({w: frozenset(c) for w, c in words.items()}, tuple(prefixes), tuple(phrases),
                         language == "ko")


def concepts(text: str, language: str | None) -> set[str]:
    """The bilingual list's concepts a text speaks of: whole words and word beginnings in English,
    stems anywhere in Korean."""
    table = _concept_table(language or "en")
    folded = text.casefold()
    found = {concept for pattern, concept in table.phrases if pattern.search(folded)}
    if not table.substrings:
        for word in set(WORD.findall(folded)):
            found |= table.words.get(word, frozenset())
            found |= {concept for prefix, concept in table.prefixes if word.startswith(prefix)}
    return found


BIGRAM_FLOOR = 0.3  # content score = floor + rest x share of letter pairs: 0.46 of them reach the bar
ALONE_SCORE = 0.62  # two reports in two languages, each with one quote of the speaker that day
COSINE_WEIGHT = 0.75  # the content score: this much embedding cosine, the rest shared content words


def lowest_cosine(settings: StatementSettings) -> float:
    """Below this cosine no share of words lifts a pair to the bar: such candidates need no more work."""
    return (settings.min_score - (1 - COSINE_WEIGHT)) / COSINE_WEIGHT


@lru_cache(maxsize=65536)
def content_words(text: str, language: str | None) -> frozenset[str]:
    stop = stop_words(language or "en")
    return frozenset(w for w in WORD.findall(text.casefold()) if w not in stop and not w.isdigit() and len(w) > 2)


def shift(day: str, days: int) -> str:
    return (Date.fromisoformat(day[:10]) + timedelta(days=days)).isoformat()


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
    by_content: bool = True  # False: matched as the speaker's only quote in each report


def _content(a: QuoteProfile, b: QuoteProfile, settings: StatementSettings) -> tuple[float, str] | None:
    """How much the two quotes say the same thing, and the words that say so."""
    shared_anchors = a.anchors & b.anchors
    if a.language == b.language and a.vector is not None and b.vector is not None:
        cosine = float(np.dot(a.vector, b.vector))
        words_a, words_b = content_words(a.text, a.language), content_words(b.text, b.language)
        overlap = len(words_a & words_b) / max(1, min(len(words_a), len(words_b)))
        score = COSINE_WEIGHT * cosine + (1 - COSINE_WEIGHT) * overlap
        return score, f"content similarity {cosine:.2f}, shared words {overlap:.2f}"
    if a.language == b.language:  # a language the model does not read: its letters in pairs
        overlap = _bigram_overlap(a.text, b.text)
        return BIGRAM_FLOOR + (1 - BIGRAM_FLOOR) * overlap, f"shared letter pairs {overlap:.2f}"
    if len(shared_anchors) >= settings.cross_language_min_anchors:
        share = len(shared_anchors) / max(1, min(len(a.anchors), len(b.anchors)))
        return 0.55 + 0.4 * share, (f"{a.language}/{b.language}: shares {len(shared_anchors)} names, numbers "
                                    f"and concepts ({', '.join(sorted(shared_anchors)[:6])})")
    return None


def _bigram_overlap(a: str, b: str) -> float:
    """Share of the shorter text's letter pairs (spaces and punctuation dropped) found in the other:
    Korean words carry their particles, so whole words compare badly."""
    def pairs(text: str) -> set[str]:
        letters = re.sub(r"\W+", "", text.casefold())
        return {letters[i:i + 2] for i in range(len(letters) - 1)}

    first, second = pairs(a), pairs(b)
    return len(first & second) / max(1, min(len(first), len(second)))


def spokesperson_of(a: QuoteProfile, b: QuoteProfile) -> bool:
    """One speaker an institution (a ministry, a military, a country), the other a person of its country."""
    return {a.speaker_type, b.speaker_type} in ({"PERSON", "ORG"}, {"PERSON", "GPE"}) \
        and a.speaker_country is not None and a.speaker_country == b.speaker_country


def _within(day: str | None, first: str, last: str, slack: int) -> bool:
    return bool(day) and shift(first, -slack) <= day[:10] <= shift(last, slack)  # type: ignore[index]


def _occasion(earlier: QuoteProfile, later: QuoteProfile, settings: StatementSettings) -> str | None:
    """"cites" when the later quote recalls the earlier statement, "same_statement" when both report
    one occasion, None when the dates rule either out."""
    if later.recalls and earlier.day and later.day and earlier.day < later.day:
        recalled = day_range(later.date)
        if recalled and recalled[1] < later.day:  # "on the 21st": the earlier report is of that day
            said = earlier.date if (r := day_range(earlier.date)) and r[0] == r[1] else earlier.day
            return "cites" if _within(said, *recalled, settings.max_date_gap) else None
        # "Earlier, X said": any earlier report within the window
        return "cites" if _within(earlier.day, shift(later.day, -settings.recall_window_days), later.day, 0) \
            else None
    if earlier.recalls != later.recalls:
        return None
    apart = _date_gap(earlier.day, later.day)
    if apart is None or apart > settings.window_days:
        return None
    gap = _date_gap(earlier.date, later.date)
    return None if gap is not None and gap > settings.max_date_gap else "same_statement"


def match(new: QuoteProfile, old: QuoteProfile, settings: StatementSettings, alone: bool = False
          ) -> StatementMatch | None:
    """Whether two quotes by one speaker report one utterance, and as what. `alone`: each is the
    speaker's only quote in its article, which across languages stands in for comparing content."""
    same_speaker = (bool(new.speaker_key) and new.speaker_key == old.speaker_key) or (
        new.language != old.language and bool(new.speaker_sound) and new.speaker_sound == old.speaker_sound)
    if new.article == old.article or not (same_speaker or spokesperson_of(new, old)):
        return None
    earlier, later = sorted((new, old), key=lambda q: (q.day or "", q.article))
    kind = _occasion(earlier, later, settings)
    content = _content(new, old, settings) if kind else None
    by_content = content is not None
    if content is None and kind and alone and same_speaker and new.language != old.language:
        content = (ALONE_SCORE, f"{new.language}/{old.language}: the speaker's only quote in each report")
    bar = settings.min_score if same_speaker else settings.institution_min_score
    if kind is None or content is None or content[0] < bar:
        return None
    score, how = content
    when = earlier.date or earlier.day or "?"
    dates = f"{when} both" if (later.date or later.day) == when else f"{when} and {later.date or later.day}"
    speakers = f"same speaker {new.speaker or new.speaker_key}" if same_speaker else \
        f"{earlier.speaker} and {later.speaker}, of one country ({new.speaker_country})"
    evidence = f"{speakers}; {dates}; {how}"
    if kind == "cites":
        evidence = f"recalls an earlier statement ({later.date or 'undated'}); " + evidence
    return StatementMatch(kind, earlier, later, min(score, 1.0), evidence, by_content)


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
