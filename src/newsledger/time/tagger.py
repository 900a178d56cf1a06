"""Find time expressions in English and Korean text and normalise them to TimeML values.

Each recogniser is a small function that yields `Found` candidates (span, type, value, precision,
anchor); overlapping candidates are resolved longest-first. Vocabulary lives in `lexicon/*.toml`.
Relative expressions are anchored to the reference date (publication, or for "이날"/"that day" the
date the text last set); with no reference they keep their text and get no value, never today.
"""

from __future__ import annotations

import bisect
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from importlib import resources
from typing import Any

from newsledger.time import anchoring as cal
from newsledger.time.explicit import parse_explicit_date

# The precision a shift by a unit leaves: "two years ago" is a year, "three days ago" a day.
PRECISION = {"Y": "year", "M": "month", "W": "week", "D": "day", "H": "hour", "MIN": "minute", "DE": "decade",
             "CE": "century"}


@dataclass
class Found:
    start: int
    end: int
    type: str
    value: str | None
    precision: str
    anchor: str = "published"
    zone: str | None = None
    day: date | None = None  # the calendar day meant, when the expression names one

    def length(self) -> int:
        return self.end - self.start


@dataclass
class Context:
    """What recognisers need besides the text: the reference date and the lexicon."""

    text: str
    ref: date | None
    lex: dict[str, Any]
    language: str
    sentence_starts: list[int] | None = None


@lru_cache(maxsize=4)
def lexicon(language: str) -> dict[str, Any]:
    resource = resources.files("newsledger.time") / "lexicon" / f"{language}.toml"
    return tomllib.loads(resource.read_text(encoding="utf-8")) if resource.is_file() else {}


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def _forward(ctx: Context, start: int) -> bool:
    """Does the clause before `start` point to the future ("will meet on Friday")?"""
    clause = re.split(r"[.;!?\n]", ctx.text[max(0, start - 80):start])[-1].casefold()
    return any(re.search(rf"(?<![\w']){re.escape(cue)}\b", clause) for cue in ctx.lex.get("future_cues", []))


def _number(token: str, lex: dict[str, Any]) -> float | None:
    token = token.casefold().strip()
    if token.replace(".", "", 1).isdigit():
        return float(token)
    return lex.get("numbers", {}).get(token)


def _fmt(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


# ---------------------------------------------------------------------------------------------
# English recognisers
# ---------------------------------------------------------------------------------------------

_ASCII_LOWER = str.maketrans("ABCDEFGHIJKLMNOPQRSTUVWXYZ", "abcdefghijklmnopqrstuvwxyz")


@lru_cache(maxsize=2)
def _folded(text: str) -> str:
    """The text with its ASCII letters lowered (offsets unchanged); kept for the last texts, since
    every English pattern runs over the same one."""
    return text.translate(_ASCII_LOWER)


def _fold_pattern(pattern: str) -> str:
    """The pattern with its literal ASCII letters lowered; escapes (`\\b`, `\\W`) and group names
    stay as written."""
    out, i = [], 0
    while i < len(pattern):
        if pattern[i] == "\\":
            out.append(pattern[i:i + 2])
            i += 2
        elif pattern.startswith(("(?P<", "(?P="), i):
            close = pattern.index(">" if pattern[i + 3] == "<" else ")", i)
            out.append(pattern[i:close + 1])
            i = close + 1
        else:
            out.append(pattern[i].translate(_ASCII_LOWER))
            i += 1
    return "".join(out)


class _FoldedMatch:
    """A match over the folded text that reads its groups from the original text."""

    __slots__ = ("_match", "_text")

    def __init__(self, match: re.Match[str], text: str) -> None:
        self._match, self._text = match, text

    def group(self, name: int | str = 0) -> Any:
        start, end = self._match.span(name)
        return None if start < 0 else self._text[start:end]

    def start(self, name: int | str = 0) -> int:
        return self._match.start(name)

    def end(self, name: int | str = 0) -> int:
        return self._match.end(name)


class Folded:
    """A case-insensitive English pattern, lowered and matched case-sensitively over the text with
    its ASCII letters lowered: Python's `re.IGNORECASE` made the alternations of month, unit and
    number words three to four times slower, and the time stage runs twenty of them over every
    body. Differs from re.I only on non-ASCII case pairs, which these patterns never spell."""

    def __init__(self, pattern: str) -> None:
        self.pattern = pattern
        self._compiled = re.compile(_fold_pattern(pattern))

    def finditer(self, text: str) -> Iterator[_FoldedMatch]:
        for match in self._compiled.finditer(_folded(text)):
            yield _FoldedMatch(match, text)


@lru_cache(maxsize=1)
def _en_patterns() -> dict[str, Any]:
    lex = lexicon("en")
    month = rf"(?:{_alternation(lex['months'])}|(?:{_alternation(lex['month_abbreviations'])})\.?)"
    weekday = _alternation(lex["weekdays"])
    numbers = _alternation(list(lex["numbers"]))
    vague = _alternation(lex["vague_numbers"])
    units = _alternation(list(lex["units"]))
    season = _alternation(list(lex["seasons"]))
    parts = _alternation(list(lex["parts_of_day"]))
    mod = r"(?:(?:early|late|mid|the end of|the beginning of|the start of|the middle of)[\s-]+)?"
    duration = (rf"\b(?P<mod>(?:almost|nearly|about|around|more than|less than|over|at least|some|roughly|just"
                rf"|only|the past|the last|the next|the coming|the first|the final|another)\s+)?"
                rf"(?P<n>\d+(?:\.\d+)?|{numbers}|{vague})[\s-]+(?:more\s+)?(?P<unit>{units})s?(?:[\s-]+long)?\b"
                rf"(?![\s-]+old\b)")
    return {
        "full_date": Folded(
            rf"\b(?:(?:{weekday}),?\s+)?(?:{month}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}\s+{month},?\s+\d{{4}}"
            rf"|\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}}(?!\d))"),
        "month_day": Folded(rf"\b(?:(?:{weekday}),?\s+)?(?P<month>{month})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"
                            rf"(?!,?\s+\d{{4}})(?!\s*(?:%|percent|\d))"),
        "day_month": Folded(rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{month})\b"
                            rf"(?!,?\s+\d{{4}})"),
        "month_year": Folded(rf"\b{mod}(?P<month>{month})(?:\s+of)?,?\s+(?P<year>\d{{4}})\b"),
        "month_rel": Folded(rf"\b{mod}(?P<month>{month})\s+(?P<rel>last|next|this)\s+year\b"),
        "rel_month": Folded(rf"\b{mod}(?P<rel>last|next|this|this past|this coming)\s+(?P<month>{month})\b"),
        "month": Folded(rf"\b(?:(?:in|since|by|until|through|from|of|during|before|after|early|late|mid)[\s-]+)?"
                        rf"(?P<month>{month})(?!\w)(?!\.?\s*\d)"),
        "year": Folded(r"\b(?:(?:(?:this|last|next)\s+)?(?:fiscal(?:\s+year)?|FY)\s*)?(?P<year>(?:19|20)\d{2})\b"
                       r"(?!\s*(?:[-–/]\d|%|percent))"),
        "year_range": re.compile(r"\b(?P<a>(?:19|20)\d{2})[-–](?P<b>(?:19|20)?\d{2})\b"),
        "fiscal": Folded(r"\b(?P<rel>this|last|next)\s+fiscal\s+year\b"),
        "decade": Folded(r"\b(?:the\s+)?(?:(?P<century>19|20)|')(?P<decade>\d)0'?s\b"),
        "century": Folded(r"\b(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)\s+century\b"),
        "weekday": Folded(rf"\b(?:(?P<rel>last|next|this|this past|this coming|on|early|late)\s+)?"
                          rf"(?P<weekday>{weekday})(?:'s)?(?:\s+(?P<part>{parts}))?\b"),
        "day_ref": Folded(rf"\b(?:(?P<mod>the day before|the day after)\s+)?"
                          rf"(?P<word>yesterday|today|tomorrow|tonight)(?:\s+(?P<part>{parts}))?\b"),
        "this_part": Folded(rf"\b(?:this|last)\s+(?P<part>{parts})\b"),
        "relative": Folded(
            r"\b(?P<pre>(?:earlier|later|early|late|since|until|by|in|at|during)\s+)?"
            r"(?P<det>this|last|next|the past|the last|the next|the coming|the previous|past|previous|coming)"
            r"\s+(?P<unit>week|month|year|quarter|decade"
            r"|weekend|century)\b"),
        "nth_day": Folded(r"\b(?:on\s+)?the\s+(?P<day>\d{1,2})(?:st|nd|rd|th)\b(?!\s+(?:century|anniversary|time))"),
        "quarter": Folded(r"\b(?:the\s+)?(?P<n>first|second|third|fourth|1st|2nd|3rd|4th|final|last)\s+quarter"
                          r"(?:\s+of\s+(?P<year>\d{4}|this year|last year|next year))?\b"),
        "half": Folded(r"\b(?:the\s+)?(?P<n>first|second|latter|1st|2nd)\s+half(?:\s+of\s+(?P<of>\d{4}|the year"
                       r"|this year|last year|next year))?\b"),
        "season": Folded(rf"\b(?:(?P<rel>this|last|next|this past|early|late)\s+)?(?P<season>{season})"
                         r"(?:\s+(?:of\s+)?(?P<year>\d{4}))?\b"),
        "year_end": Folded(r"\b(?:the\s+)?(?P<which>end|beginning|start|middle)\s+of\s+(?:the\s+)?(?P<what>year"
                           r"|month|week)\b"),
        "duration": Folded(duration),
        "duration_ago": Folded(rf"{duration}\s+(?P<dir>ago)\b"),
        "bare_duration": Folded(rf"\b(?:(?:for|over|within|in recent|after|takes?|took|in)\s+(?P<unit>{units})s\b"
                                rf"|(?P<unit2>{units})s(?=\s+(?:before|after|later|earlier|into)\b))"),
        "clock": Folded(
            r"\b(?P<h>\d{1,2})(?::(?P<m>\d{2}))?\s*(?P<ampm>a\.?m\.?|p\.?m\.?)(?=\W|$)"
            r"|\b(?P<h24>[01]?\d|2[0-3]):(?P<m24>[0-5]\d)\s*(?P<zone>GMT|UTC|EST|EDT|KST|JST|local time)?\b"
            r"|\b(?P<word>noon|midday|midnight)\b"),
        "refs": Folded(rf"\b(?:{_alternation(lex['present'] + lex['past'] + lex['future'])})\b"),
        "sets": Folded(rf"\b(?:{_alternation(list(lex['sets']))})\b"),
        "local": re.compile(r"\s*\((?:local time|local|[A-Z]{2,4} time)\)", re.I),
    }


def _month_number(token: str, lex: dict[str, Any]) -> int:
    """"Nov." -> 11, "September" -> 9: months are known by their first three letters."""
    prefix = token.casefold()[:3]
    return next(i for i, name in enumerate(lex["months"], start=1) if name.startswith(prefix))


def _month_day(ctx: Context, m: re.Match[str], month: int, day: int) -> Found | None:
    """"June 20" / "6월 20일" without a year: the year the reference and the clause point to."""
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    if ctx.ref is None:
        return Found(m.start(), m.end(), "DATE", None, "day")
    try:
        found = date(cal.month_day_year(ctx.ref, month, day, _forward(ctx, m.start())), month, day)
    except ValueError:
        return None
    return _day(found, m.start(), m.end())


def _day(found_day: date, start: int, end: int, anchor: str = "published", type_: str = "DATE") -> Found:
    return Found(start, end, type_, found_day.isoformat(), "day", anchor, day=found_day)


def _english(ctx: Context) -> Iterator[Found]:
    text, ref, lex = ctx.text, ctx.ref, ctx.lex
    pats = _en_patterns()

    for m in pats["full_date"].finditer(text):
        value = parse_explicit_date(m.group(0))
        if value:
            yield Found(m.start(), m.end(), "DATE", value, "day", "absolute", day=date.fromisoformat(value[:10]))
    for name in ("month_day", "day_month"):
        for m in pats[name].finditer(text):
            if name == "month_day" and m.group("month").casefold() == "may" and not m.group("month")[0].isupper():
                continue
            found = _month_day(ctx, m, _month_number(m.group("month"), lex), int(m.group("day")))
            if found is not None:
                yield found
    for m in pats["month_year"].finditer(text):
        if m.group("month").casefold() == "may" and not m.group("month")[0].isupper():
            continue
        month = _month_number(m.group("month"), lex)
        yield Found(m.start(), m.end(), "DATE", cal.month_value(int(m.group("year")), month), "month", "absolute")
    for m in pats["month_rel"].finditer(text):
        if ref is None:
            yield Found(m.start(), m.end(), "DATE", None, "month")
            continue
        delta = {"last": -1, "next": 1, "this": 0}[m.group("rel").casefold()]
        yield Found(m.start(), m.end(), "DATE", cal.month_value(ref.year + delta, _month_number(m.group("month"), lex)),
                    "month")
    for m in pats["rel_month"].finditer(text):
        if m.group("month").casefold() == "may" and not m.group("month")[0].isupper():
            continue
        if ref is None:
            yield Found(m.start(), m.end(), "DATE", None, "month")
            continue
        month, rel = _month_number(m.group("month"), lex), m.group("rel").casefold()
        if rel in ("last", "this past"):
            year = ref.year - 1 if month >= ref.month else ref.year
        elif rel in ("next", "this coming"):
            year = ref.year + 1 if month <= ref.month else ref.year
        else:
            year = ref.year
        yield Found(m.start(), m.end(), "DATE", cal.month_value(year, month), "month")
    for m in pats["month"].finditer(text):
        word = m.group("month")
        if word.casefold().rstrip(".") in ("may", "march") and not word[0].isupper():
            continue
        if word.casefold() == "may" and m.start("month") == m.start() and _modal_may(text, m.end()):
            continue
        if ref is None:
            yield Found(m.start("month"), m.end(), "DATE", None, "month")
            continue
        month = _month_number(word, lex)
        preposition = m.group(0)[:m.start("month") - m.start()].strip().casefold()
        year = cal.month_year(ref, month, _forward(ctx, m.start()) or preposition in lex["forward_prepositions"])
        yield Found(m.start(), m.end(), "DATE", cal.month_value(year, month), "month")
    for m in pats["year"].finditer(text):
        if _not_a_year(text, m, lex):
            continue
        yield Found(m.start(), m.end(), "DATE", m.group("year"), "year", "absolute")
    for m in pats["year_range"].finditer(text):
        first, second = m.group("a"), m.group("b")
        second_year = second if len(second) == 4 else first[:2] + second
        if int(second_year) > int(first):  # "2009-2010", "1957-58"; not "2009-07"
            yield Found(m.start("a"), m.end("a"), "DATE", first, "year", "absolute")
            yield Found(m.start("b"), m.end("b"), "DATE", second_year, "year", "absolute")
    for m in pats["fiscal"].finditer(text):
        if ref is not None:
            yield Found(m.start(), m.end(), "DATE", str(ref.year + {"this": 0, "last": -1, "next": 1}[
                m.group("rel").casefold()]), "year")
    for m in pats["decade"].finditer(text):
        century = m.group("century") or ("19" if int(m.group("decade")) >= 3 else "20")
        yield Found(m.start(), m.end(), "DATE", f"{century}{m.group('decade')}", "decade", "absolute")
    for m in pats["century"].finditer(text):
        yield Found(m.start(), m.end(), "DATE", f"{int(m.group('n')) - 1:02d}", "century", "absolute")
    yield from _weekdays(ctx, pats)
    yield from _day_refs(ctx, pats)
    yield from _relative_units(ctx, pats)
    for m in pats["nth_day"].finditer(text):
        day = int(m.group("day"))
        if not 1 <= day <= 31:
            continue
        found = None
        if ref is not None:
            found = cal.day_on_or_after(ref, day) if _forward(ctx, m.start()) else cal.day_on_or_before(ref, day)
        yield _day(found, m.start(), m.end()) if found else Found(m.start(), m.end(), "DATE", None, "day")
    yield from _parts_of_year(ctx, pats)
    yield from _durations(ctx, pats)
    yield from _clock(ctx, pats)
    for m in pats["refs"].finditer(text):
        word = m.group(0).casefold()
        kind = ("PRESENT_REF" if word in lex["present"] else "PAST_REF" if word in lex["past"] else "FUTURE_REF")
        yield Found(m.start(), m.end(), "DATE", kind, "ref", "none")
    for m in pats["sets"].finditer(text):
        value = lex["sets"][m.group(0).casefold()]
        if m.group(0).casefold() == "a year" and not re.match(r"\s*(?:ago|earlier|later|before)", text[m.end():]):
            yield Found(m.start(), m.end(), "DURATION", "P1Y", "duration", "none")
            continue
        yield Found(m.start(), m.end(), "SET", value, "set", "none")


def _modal_may(text: str, end: int) -> bool:
    """"may" as a verb: followed by a verb-like word rather than a day or year."""
    return not re.match(r"\s*(?:\d|of\b|this\b|last\b|next\b|and\b|,|\.)", text[end:])


def _not_a_year(text: str, m: re.Match[str], lex: dict[str, Any]) -> bool:
    """"2,000 troops", "$2020", "2025 people": a count or an amount, not a year."""
    before, after = text[max(0, m.start() - 2):m.start()], text[m.end():m.end() + 24]
    if re.search(r"[\d,.$€£₩]$", before):
        return True
    following = re.match(r"\s+(?:more\s+|additional\s+|new\s+)?([a-z]+)", after)
    return bool(following and following.group(1) in lex.get("count_nouns", []))


def _weekdays(ctx: Context, pats: dict[str, Any]) -> Iterator[Found]:
    for m in pats["weekday"].finditer(ctx.text):
        if ctx.ref is None:
            yield Found(m.start(), m.end(), "DATE", None, "day")
            continue
        weekday = ctx.lex["weekdays"].index(m.group("weekday").casefold())
        rel = (m.group("rel") or "").casefold()
        if rel in ("last", "this past"):
            day = cal.weekday_before(ctx.ref, weekday)
        elif rel in ("next", "this coming"):
            day = cal.weekday_after(ctx.ref, weekday)
        elif rel == "this":
            day = cal.weekday_in_week(ctx.ref, weekday)
        elif _forward(ctx, m.start()):
            day = cal.weekday_on_or_after(ctx.ref, weekday)
        else:
            day = cal.weekday_on_or_before(ctx.ref, weekday)
        part = m.group("part")
        value = day.isoformat() + (f"T{ctx.lex['parts_of_day'][part.casefold()]}" if part else "")
        yield Found(m.start(), m.end(), "TIME" if part else "DATE", value, "day", day=day)


def _day_refs(ctx: Context, pats: dict[str, Any]) -> Iterator[Found]:
    for m in pats["day_ref"].finditer(ctx.text):
        word, mod = m.group("word").casefold(), (m.group("mod") or "").casefold()
        if ctx.ref is None:
            yield Found(m.start(), m.end(), "DATE", None, "day")
            continue
        offset = {"yesterday": -1, "today": 0, "tomorrow": 1, "tonight": 0}[word] + (
            -1 if mod == "the day before" else 1 if mod == "the day after" else 0)
        day = ctx.ref + timedelta(days=offset)
        part = "NI" if word == "tonight" else (ctx.lex["parts_of_day"][m.group("part").casefold()]
                                               if m.group("part") else None)
        if word == "today" and not mod and not part:
            # "today" in news is the day; TimeML values it as the day too
            yield _day(day, m.start(), m.end())
            continue
        yield Found(m.start(), m.end(), "TIME" if part else "DATE", day.isoformat() + (f"T{part}" if part else ""),
                    "day", day=day)
    for m in pats["this_part"].finditer(ctx.text):
        if ctx.ref is not None:
            part = ctx.lex["parts_of_day"][m.group("part").casefold()]
            yield Found(m.start(), m.end(), "TIME", f"{ctx.ref.isoformat()}T{part}", "day", day=ctx.ref)


def _relative_units(ctx: Context, pats: dict[str, Any]) -> Iterator[Found]:
    for m in pats["relative"].finditer(ctx.text):
        det, unit = m.group("det").casefold(), m.group("unit").casefold()
        pre = (m.group("pre") or "").strip().casefold()
        if det in ("the past", "past", "the coming", "coming") or (det in ("the last", "the next") and (
                pre == "in" or unit in ("decade", "century"))):
            if unit in ("week", "month", "year", "decade", "century"):
                n = {"decade": 10, "century": 100}.get(unit, 1)
                code = {"week": "W", "month": "M"}.get(unit, "Y")
                yield Found(m.start(), m.end(), "DURATION", f"P{n}{code}", "duration", "none")
            continue
        if ctx.ref is None:
            yield Found(m.start(), m.end(), "DATE", None, unit)
            continue
        delta = {"this": 0, "last": -1, "the last": -1, "previous": -1, "the previous": -1, "next": 1,
                 "the next": 1}.get(det, 0)
        ref = ctx.ref
        if unit == "week":
            value = cal.iso_week(ref, delta)
        elif unit == "weekend":
            value = cal.iso_week(ref, delta) + "-WE"
        elif unit == "month":
            value = cal.month_value(*cal.add_months(ref.year, ref.month, delta))
        elif unit == "year":
            value = str(ref.year + delta)
        elif unit == "quarter":
            quarter = (ref.month - 1) // 3 + delta
            value = f"{ref.year + quarter // 4}-Q{quarter % 4 + 1}"
        elif unit == "decade":
            value = str(ref.year // 10 + delta)
        else:
            value = f"{ref.year // 100 + delta:02d}"
        yield Found(m.start(), m.end(), "DATE", value, unit)


def _year_of(phrase: str | None, ref: date | None) -> int | None:
    if phrase and phrase.isdigit():
        return int(phrase)
    if ref is None:
        return None
    return ref.year + {"last year": -1, "next year": 1}.get((phrase or "").casefold(), 0)


def _parts_of_year(ctx: Context, pats: dict[str, Any]) -> Iterator[Found]:
    ordinals = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
                "final": 4, "last": 4, "latter": 2}
    for m in pats["quarter"].finditer(ctx.text):
        year = _year_of(m.group("year"), ctx.ref)
        value = f"{year}-Q{ordinals[m.group('n').casefold()]}" if year else None
        yield Found(m.start(), m.end(), "DATE", value, "quarter")
    for m in pats["half"].finditer(ctx.text):
        if m.group("of") is None and not re.match(r"\s+of\b", ctx.text[m.end():]) and "year" not in ctx.text[
                max(0, m.start() - 30):m.start()]:
            continue  # "the second half" of a match, a session: not a date
        year = _year_of(m.group("of") if m.group("of") not in (None, "the year") else None, ctx.ref)
        value = f"{year}-H{ordinals[m.group('n').casefold()]}" if year else None
        yield Found(m.start(), m.end(), "DATE", value, "half")
    for m in pats["season"].finditer(ctx.text):
        code = ctx.lex["seasons"][m.group("season").casefold()]
        rel = (m.group("rel") or "").casefold()
        if m.group("year"):
            year: int | None = int(m.group("year"))
        elif ctx.ref is None:
            year = None
        else:
            year = ctx.ref.year + {"last": -1, "next": 1}.get(rel, 0)
        if not rel and not m.group("year") and not re.search(r"\b(?:in|this|during|by|until|the)\s+$",
                                                             ctx.text[max(0, m.start() - 12):m.start()]):
            continue  # "spring" the verb, "fall" the verb
        yield Found(m.start(), m.end(), "DATE", f"{year}-{code}" if year else None, "season")
    for m in pats["year_end"].finditer(ctx.text):
        if ctx.ref is None:
            continue
        what = m.group("what").casefold()
        value = {"year": str(ctx.ref.year), "month": cal.month_value(ctx.ref.year, ctx.ref.month),
                 "week": cal.iso_week(ctx.ref)}[what]
        yield Found(m.start(), m.end(), "DATE", value, what)


def _durations(ctx: Context, pats: dict[str, Any]) -> Iterator[Found]:
    units = ctx.lex["units"]
    for m in pats["duration"].finditer(ctx.text):
        if re.match(r"\s+ago\b", ctx.text[m.end():m.end() + 6]):
            continue  # "two years ago": a date, handled below; "a month earlier" stays a duration
        n = _number(m.group("n"), ctx.lex)
        unit = units[m.group("unit").casefold()]
        yield Found(m.start(), m.end(), "DURATION", _duration_value(n, unit), "duration", "none")
    # (the pattern is long and tried at every position: only texts with "ago" in them can match)
    ago = pats["duration_ago"].finditer(ctx.text) if "ago" in _folded(ctx.text) else ()
    for m in ago:
        n = _number(m.group("n"), ctx.lex)
        unit = units[m.group("unit").casefold()]
        yield Found(m.start(), m.end(), "DATE", _shifted(ctx.ref, n, unit, m.group("dir")), PRECISION[unit])
    for m in pats["bare_duration"].finditer(ctx.text):
        group = "unit" if m.group("unit") else "unit2"
        unit = units[m.group(group).casefold()]
        yield Found(m.start(group), m.end(group) + 1, "DURATION", _duration_value(None, unit), "duration", "none")


def _duration_value(n: float | None, unit: str) -> str:
    amount = "X" if n is None else _fmt(n)
    if unit == "DE":
        return f"P{'X' if n is None else _fmt(n * 10)}Y"
    if unit == "CE":
        return f"P{'X' if n is None else _fmt(n * 100)}Y"
    if unit in ("H", "MIN"):
        return f"PT{amount}{'M' if unit == 'MIN' else 'H'}"
    return f"P{amount}{unit}"


def _shifted(ref: date | None, n: float | None, unit: str, direction: str) -> str | None:
    """"two years ago" -> the year two before the reference, at the unit's precision."""
    if ref is None or n is None or not float(n).is_integer():
        return None
    sign = 1 if direction.casefold() == "later" else -1
    k = int(n) * sign
    if unit == "Y":
        return str(ref.year + k)
    if unit == "DE":
        return str(ref.year // 10 + k)
    if unit == "M":
        return cal.month_value(*cal.add_months(ref.year, ref.month, k))
    if unit == "W":
        return cal.iso_week(ref, k)
    if unit == "D":
        return (ref + timedelta(days=k)).isoformat()
    return None


def _clock(ctx: Context, pats: dict[str, Any]) -> Iterator[Found]:
    for m in pats["clock"].finditer(ctx.text):
        if m.group("word"):
            hour, minute = {"noon": (12, 0), "midday": (12, 0), "midnight": (0, 0)}[m.group("word").casefold()]
        elif m.group("h"):
            hour, minute = int(m.group("h")), int(m.group("m") or 0)
            pm = m.group("ampm").casefold().startswith("p")
            if hour > 12:
                continue
            hour = (hour % 12) + (12 if pm else 0)
        else:
            hour, minute = int(m.group("h24")), int(m.group("m24"))
        day = ctx.ref
        value = f"{day.isoformat()}T{hour:02d}:{minute:02d}" if day else f"XXXX-XX-XXT{hour:02d}:{minute:02d}"
        zone = "local" if (m.group("zone") or "").casefold() == "local time" else m.group("zone")
        yield Found(m.start(), m.end(), "TIME", value, "minute", "published", zone=zone)


# ---------------------------------------------------------------------------------------------
# Korean recognisers
# ---------------------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _ko_patterns() -> dict[str, re.Pattern[str]]:
    lex = lexicon("ko")
    years, months, weeks, days = (_alternation(list(lex[k])) for k in ("years", "months", "weeks", "days"))
    return {
        "ymd": re.compile(r"(?<!\d)(?P<y>\d{4})\s*년\s*(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일(?!\s*(?:간|동안))"),
        "ym": re.compile(r"(?<!\d)(?P<y>\d{4})\s*년\s*(?P<m>\d{1,2})\s*월(?!\s*\d{1,2}\s*일)"),
        "y": re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*년(?!\s*\d{1,2}\s*월)(?!\s*(?:간|동안|만))"),
        "rel_year_month": re.compile(rf"(?P<rel>{years})\s*(?P<m>\d{{1,2}})\s*월(?:\s*(?P<d>\d{{1,2}})\s*일)?"),
        "rel_month_day": re.compile(rf"(?P<rel>{months})\s*(?P<d>\d{{1,2}})\s*일"),
        "md": re.compile(r"(?<![\d년])(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일(?!\s*(?:간|동안))"),
        "m": re.compile(r"(?<![\d년])(?P<m>1[0-2]|[1-9])\s*월(?!\s*\d)(?!\s*(?:간|동안))"),
        "d": re.compile(r"(?:(?P<dir>지난|오는|이달|이번 달)\s*)?(?<![\d월])(?P<d>[1-9]|[12]\d|3[01])\s*일"
                        r"(?!\s*(?:간|동안|째|만|이상|이내|씩|치))"),
        "rel_year": re.compile(rf"(?P<rel>{years}|올(?=\s*(?:상반기|하반기|[1-4]\s*분기|봄|여름|가을|겨울|연말|초)))"
                               r"(?:\s*(?P<part>상반기|하반기|초|말|중반|[1-4]\s*분기|봄|여름|가을|겨울))?"),
        "rel_month": re.compile(rf"(?P<rel>{months})(?:\s*(?P<part>초|말|중순|하순|상순))?(?!\s*\d)"),
        "rel_week": re.compile(rf"(?P<rel>{weeks})"),
        "rel_day": re.compile(rf"(?P<rel>{days})"),
        "context_day": re.compile(r"(?P<w>이날|당일|전날|전일|다음날|이튿날|당시)"),
        "half": re.compile(r"(?P<part>상반기|하반기|[1-4]\s*분기)"),
        "weekday": re.compile(rf"(?:(?P<rel>지난|오는|이번|다음|다음 주)\s*)?(?P<w>{_alternation(lex['weekdays'])})"),
        "clock": re.compile(r"(?P<half>오전|오후|새벽|밤|저녁)?\s*(?<!\d)(?P<h>\d{1,2})\s*시"
                            r"(?:\s*(?P<min>\d{1,2})\s*분|\s*(?P<ban>반))?(?!\s*간)"),
        "duration": re.compile(r"(?<![\d.])(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>년|개월|달|주일?|일|시간|분)"
                               r"\s*(?P<suffix>간|동안|만에|째|이상|여|가량|남짓|넘게|만|이내|내)"),
        "plain_duration": re.compile(r"(?<![\d.])(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>개월|시간|주일)(?!\s*(?:전|후|뒤))"),
        "ago": re.compile(r"(?<![\d.])(?P<n>\d+)\s*(?P<unit>년|개월|달|주|일|시간)\s*(?P<dir>전|후|뒤)"),
        "native": re.compile(rf"(?P<w>{_alternation(list(lex['native_days']))})(?:\s*(?:간|동안|만에|째))?"),
        "native_n": re.compile(rf"(?P<n>{_alternation(list(lex['native_numbers']))})\s*(?P<unit>달|해|주일?|시간)"
                               r"(?:\s*(?:간|동안|만에|째|여|가량|남짓|넘게|이상))?"),
        "compound": re.compile(r"(?<![\d.])(?P<y>\d+)\s*년\s*(?P<m>\d+)\s*개월(?:\s*(?:간|동안|만에|째))?"),
        "plan_years": re.compile(r"(?<![\d.])(?P<n>\d+)\s*개년"),
        "small_years": re.compile(r"(?<![\d.])(?P<n>[1-9]\d?)\s*년(?!\s*(?:\d|대|전|후|뒤|간|동안|만|째))"),
        "decade": re.compile(r"(?<!\d)(?P<c>1[89]|20)(?P<d>\d)0\s*년대"),
        "refs": re.compile(rf"(?P<w>{_alternation(lex['present'] + lex['past'] + lex['future'])})"),
        "local": re.compile(r"\s*\((?:현지\s*시간|현지시각|한국\s*시간|미국\s*동부\s*시간)\)"),
    }


def _korean(ctx: Context) -> Iterator[Found]:
    text, ref, lex = ctx.text, ctx.ref, ctx.lex
    pats = _ko_patterns()

    for m in pats["ymd"].finditer(text):
        try:
            day = date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
        except ValueError:
            continue
        yield Found(m.start(), m.end(), "DATE", day.isoformat(), "day", "absolute", day=day)
    for m in pats["ym"].finditer(text):
        if 1 <= int(m.group("m")) <= 12:
            yield Found(m.start(), m.end(), "DATE", cal.month_value(int(m.group("y")), int(m.group("m"))), "month",
                        "absolute")
    for m in pats["y"].finditer(text):
        yield Found(m.start(), m.end(), "DATE", m.group("y"), "year", "absolute")
    for m in pats["rel_year_month"].finditer(text):
        month = int(m.group("m"))
        if not 1 <= month <= 12:
            continue
        if ref is None:
            yield Found(m.start(), m.end(), "DATE", None, "month")
            continue
        year = ref.year + lex["years"][m.group("rel")]
        if m.group("d"):
            try:
                day = date(year, month, int(m.group("d")))
            except ValueError:
                continue
            yield _day(day, m.start(), m.end())
        else:
            yield Found(m.start(), m.end(), "DATE", cal.month_value(year, month), "month")
    for m in pats["rel_month_day"].finditer(text):
        if ref is None:
            yield Found(m.start(), m.end(), "DATE", None, "day")
            continue
        year, month = cal.add_months(ref.year, ref.month, lex["months"][m.group("rel")])
        try:
            yield _day(date(year, month, int(m.group("d"))), m.start(), m.end())
        except ValueError:
            continue
    for m in pats["md"].finditer(text):
        found = _month_day(ctx, m, int(m.group("m")), int(m.group("d")))
        if found is not None:
            yield found
    for m in pats["m"].finditer(text):
        if ref is None:
            yield Found(m.start(), m.end(), "DATE", None, "month")
            continue
        month = int(m.group("m"))
        yield Found(m.start(), m.end(), "DATE", cal.month_value(cal.month_year(ref, month, False), month), "month")
    for m in pats["d"].finditer(text):
        if ref is None:
            yield Found(m.start(), m.end(), "DATE", None, "day")
            continue
        direction = m.group("dir") or ""
        day_n = int(m.group("d"))
        if direction in ("이달", "이번 달"):
            try:
                day: date | None = date(ref.year, ref.month, day_n)
            except ValueError:
                day = None
        elif direction == "오는":
            day = cal.day_on_or_after(ref, day_n)
        else:
            day = cal.day_on_or_before(ref, day_n)
        if day:
            yield _day(day, m.start(), m.end())
    for m in pats["rel_year"].finditer(text):
        if ref is None:
            yield Found(m.start(), m.end(), "DATE", None, "year")
            continue
        year = ref.year + lex["years"].get(m.group("rel"), 0)  # "올 하반기": this year's
        part = (m.group("part") or "").replace(" ", "")
        if part in lex["halves"]:
            yield Found(m.start(), m.end(), "DATE", f"{year}-{lex['halves'][part]}", "half")
        elif part.endswith("분기"):
            yield Found(m.start(), m.end(), "DATE", f"{year}-Q{part[0]}", "quarter")
        elif part in lex["seasons"]:
            yield Found(m.start(), m.end(), "DATE", f"{year}-{lex['seasons'][part]}", "season")
        else:
            yield Found(m.start(), m.end(), "DATE", str(year), "year")
    for m in pats["rel_month"].finditer(text):
        if ref is not None:
            yield Found(m.start(), m.end(), "DATE",
                        cal.month_value(*cal.add_months(ref.year, ref.month, lex["months"][m.group("rel")])), "month")
    for m in pats["rel_week"].finditer(text):
        if ref is not None:
            yield Found(m.start(), m.end(), "DATE", cal.iso_week(ref, lex["weeks"][m.group("rel")]), "week")
    for m in pats["rel_day"].finditer(text):
        if ref is not None:
            day = ref + timedelta(days=lex["days"][m.group("rel")])
            yield _day(day, m.start(), m.end())
    for m in pats["half"].finditer(text):
        part = m.group("part").replace(" ", "")
        if ref is not None:
            value = f"{ref.year}-{lex['halves'][part]}" if part in lex["halves"] else f"{ref.year}-Q{part[0]}"
            yield Found(m.start(), m.end(), "DATE", value, "half" if part in lex["halves"] else "quarter")
    for m in pats["weekday"].finditer(text):
        if ref is None:
            continue
        weekday = lex["weekdays"].index(m.group("w"))
        rel = m.group("rel") or ""
        if rel == "지난":
            day = cal.weekday_before(ref, weekday)
        elif rel in ("오는", "다음", "다음 주"):
            day = cal.weekday_after(ref, weekday)
        elif rel == "이번":
            day = cal.weekday_in_week(ref, weekday)
        else:
            day = cal.weekday_on_or_before(ref, weekday)
        yield _day(day, m.start(), m.end())
    for m in pats["clock"].finditer(text):
        hour, minute = int(m.group("h")), int(m.group("min") or (30 if m.group("ban") else 0))
        if hour > 24 or minute > 59:
            continue
        if m.group("half") in ("오후", "저녁", "밤") and hour < 12:
            hour += 12
        day = ref
        value = f"{day.isoformat()}T{hour % 24:02d}:{minute:02d}" if day else f"XXXX-XX-XXT{hour % 24:02d}:{minute:02d}"
        yield Found(m.start() + (len(m.group(0)) - len(m.group(0).lstrip())), m.end(), "TIME", value, "minute")
    units = {"년": "Y", "개월": "M", "달": "M", "주": "W", "주일": "W", "일": "D", "시간": "H", "분": "MIN"}
    for name in ("duration", "plain_duration"):
        for m in pats[name].finditer(text):
            if name == "duration" and m.group("suffix") in ("째",) and m.group("unit") == "일":
                continue
            yield Found(m.start(), m.end(), "DURATION", _duration_value(float(m.group("n")), units[m.group("unit")]),
                        "duration", "none")
    for m in pats["ago"].finditer(text):
        direction = "earlier" if m.group("dir") == "전" else "later"
        yield Found(m.start(), m.end(), "DATE", _shifted(ref, float(m.group("n")), units[m.group("unit")], direction),
                    PRECISION[units[m.group("unit")]])
    for m in pats["native_n"].finditer(text):
        unit = {"달": "M", "해": "Y", "주": "W", "주일": "W", "시간": "H"}[m.group("unit")]
        yield Found(m.start(), m.end(), "DURATION", _duration_value(lex["native_numbers"][m.group("n")], unit),
                    "duration", "none")
    for m in pats["compound"].finditer(text):
        yield Found(m.start(), m.end(), "DURATION", f"P{m.group('y')}Y{m.group('m')}M", "duration", "none")
    for name in ("plan_years", "small_years"):
        for m in pats[name].finditer(text):
            yield Found(m.start(), m.end(), "DURATION", f"P{m.group('n')}Y", "duration", "none")
    for m in pats["decade"].finditer(text):
        yield Found(m.start(), m.end(), "DATE", f"{m.group('c')}{m.group('d')}", "decade", "absolute")
    for m in pats["native"].finditer(text):
        yield Found(m.start(), m.end(), "DURATION", f"P{lex['native_days'][m.group('w')]}D", "duration", "none")
    for m in pats["refs"].finditer(text):
        word = m.group("w")
        kind = ("PRESENT_REF" if word in lex["present"] else "PAST_REF" if word in lex["past"] else "FUTURE_REF")
        yield Found(m.start(), m.end(), "DATE", kind, "ref", "none")


def _context_days(ctx: Context, chosen: list[Found]) -> list[Found]:
    """"이날" (that day) and "전날" (the day before) count from the day the text last named, else
    from publication: "북한이 10일 … 발사했다 … 합참은 이날" is the 10th."""
    words = {"이날": 0, "당일": 0, "당시": 0, "전날": -1, "전일": -1, "다음날": 1, "이튿날": 1}
    found = []
    for m in _ko_patterns()["context_day"].finditer(ctx.text):
        if any(c.start <= m.start() < c.end for c in chosen):
            continue
        sentence = _sentence_index(ctx, m.start())
        named = [c.day for c in [*chosen, *found] if c.day and c.end <= m.start() and c.precision == "day"
                 and _sentence_index(ctx, c.start) >= sentence - 1 and (ctx.ref is None or c.day <= ctx.ref)]
        base, anchor = (named[-1], "context") if named else (ctx.ref, "published")
        if m.group("w") == "당시" and not named:
            continue
        if base is None:
            found.append(Found(m.start(), m.end(), "DATE", None, "day", anchor))
            continue
        day = base + timedelta(days=words[m.group("w")])
        found.append(_day(day, m.start(), m.end(), anchor))
    return found


# ---------------------------------------------------------------------------------------------

# a sentence ends at . ! ? (not the dot of "a.m.", "p.m." or "Nov.") before a space, or at a line end
_SENTENCE_BREAK = re.compile(r"(?<![ap]\.m\.)(?<!\b[A-Z][a-z]\.)(?<!\b[A-Z][a-z]{2}\.)(?<=[.!?。])\s+|\n+")


def _sentence_index(ctx: Context, offset: int) -> int:
    """Which sentence of the text `offset` falls in (computed once per text)."""
    if ctx.sentence_starts is None:
        ctx.sentence_starts = [0] + [m.end() for m in _SENTENCE_BREAK.finditer(ctx.text)]
    return bisect.bisect_right(ctx.sentence_starts, offset) - 1


def _attach_clock_times(ctx: Context, chosen: list[Found]) -> None:
    """"at 7:40 a.m. … on Sunday": a clock time takes the day its sentence names."""
    for found in chosen:
        if found.type != "TIME" or found.precision != "minute" or not found.value or ctx.ref is None:
            continue
        sentence = _sentence_index(ctx, found.start)
        days = [c for c in chosen if c.day and c.precision == "day" and _sentence_index(ctx, c.start) == sentence]
        if days:
            day = min(days, key=lambda c: abs(c.start - found.start)).day
            found.value = f"{day.isoformat()}{found.value[10:]}"
            found.day = day


_JOINED = re.compile(r"^\s*(?:일)?\s*(?:부터|~|-|–|과|와|및|,|에서|and|to|through|until)\s*(?:같은\s*달\s*)?$"
                     r"|같은\s*달\s*$")


def _inherit_months(ctx: Context, chosen: list[Found]) -> None:
    """"4월 2일 … 같은 달 9일", "오는 10일부터 20일까지": a day named without its month takes the month
    of the date before it in the sentence, and a range never ends before it starts."""
    previous: Found | None = None
    for found in chosen:
        if found.day and found.precision == "day":
            bare = re.fullmatch(r"\d{1,2}\s*일(?:\s*\(.*\))?", ctx.text[found.start:found.end].strip())
            if bare and previous is not None and previous.day and _sentence_index(ctx, previous.start) == \
                    _sentence_index(ctx, found.start):
                between = ctx.text[previous.end:found.start]
                joined = bool(_JOINED.search(between))
                if joined or re.search(r"같은\s*달", between):
                    if joined:  # a range or a list runs forward from the date before it
                        day = cal.day_on_or_after(previous.day, found.day.day)
                    else:
                        day = cal.day_on_or_after(previous.day.replace(day=1), found.day.day)
                    if day is not None:
                        found.day, found.value = day, day.isoformat()
            previous = found


Recogniser = Callable[[Context], Iterator[Found]]
RECOGNISERS: dict[str, Recogniser] = {"en": _english, "ko": _korean}


def _select(candidates: list[Found]) -> list[Found]:
    """Non-overlapping candidates, longest first (then the one found first)."""
    chosen: list[Found] = []
    taken = bytearray()
    for cand in sorted(candidates, key=lambda c: (-c.length(), c.start)):
        if len(taken) < cand.end:
            taken.extend(b"\0" * (cand.end - len(taken)))
        if any(taken[cand.start:cand.end]):
            continue
        taken[cand.start:cand.end] = b"\1" * cand.length()
        chosen.append(cand)
    return sorted(chosen, key=lambda c: c.start)


def _with_local_time(ctx: Context, found: Found) -> Found:
    """Take "(local time)" / "(현지시간)" into the expression and note the zone it names."""
    local = _en_patterns()["local"] if ctx.language == "en" else _ko_patterns()["local"]
    m = local.match(ctx.text, found.end)
    if m:
        found.end = m.end()
        found.zone = "local"
    return found


def find_times(text: str, published: str | None, language: str | None) -> list[Found]:
    """All time expressions of `text`, normalised against `published` (an ISO date or None)."""
    lang = language if language in RECOGNISERS else "en"
    ref = date.fromisoformat(published[:10]) if published and re.match(r"\d{4}-\d{2}-\d{2}", published) else None
    ctx = Context(text, ref, lexicon(lang), lang)
    chosen = _select(list(RECOGNISERS[lang](ctx)))
    _inherit_months(ctx, chosen)
    if lang == "ko":
        chosen = _select(chosen + _context_days(ctx, chosen))
    _attach_clock_times(ctx, chosen)
    default_zone = "Asia/Seoul (publication)" if lang == "ko" else None
    for found in chosen:
        _with_local_time(ctx, found)
        if found.zone is None and found.anchor in ("published", "context") and found.value and ref is not None:
            found.zone = default_zone
        if ref is None and found.anchor not in ("absolute", "none"):
            found.value = None
    return chosen
