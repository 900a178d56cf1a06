"""Explicit dates ("June 20, 2024", "2024.06.10 14:05", "2024년 6월 19일") to ISO 8601.

Only fully written dates are handled here: they need no anchor. The cleaner uses this for
publication lines; relative expressions ("Friday", "지난달 24일") belong to the time stage.
Our patterns find where a date is written and in which order its parts come; dateparser reads
the calendar date from that text (our own reading stands in only where dateparser finds none);
the clock time and the zone are read from the match.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache

MONTHS = {
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}
ZONES = {"kst": "+09:00", "jst": "+09:00", "utc": "+00:00", "gmt": "+00:00", "z": "+00:00",
         "est": "-05:00", "edt": "-04:00", "cst": "+08:00", "pst": "-08:00", "pdt": "-07:00",
         "bst": "+01:00", "cet": "+01:00", "cest": "+02:00", "gst": "+04:00", "msk": "+03:00"}
_MONTH = r"(?P<month>jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_TIME = (r"(?:\.?\s*\(?[월화수목금토일](?:요일)?\)?)?"
         r"(?:[ T,|•·—–-]+(?:at\s+)?(?P<half>오전|오후)?\s*(?P<hour>\d{1,2})[:.](?P<minute>\d{2})"
         r"(?::\d{2}(?:\.\d+)?)?\s*(?P<ampm>[ap]\.?m\.?)?"
         r"\s*(?P<zone>(?:gmt|utc)[+-]\d{1,2}(?::?\d{2})?|[+-]\d{2}:?\d{2}|z\b|kst|jst|utc|gmt|est|edt|pst|pdt|bst|cet|cest|gst|msk)?)?")
_PATTERNS = [
    re.compile(r"(?P<year>\d{4})\s*[-./]\s*(?P<month>\d{1,2})\s*[-./]\s*(?P<day>\d{1,2})\.?" + _TIME, re.I),
    re.compile(r"(?P<day>\d{1,2})\.(?P<month>\d{1,2})\.(?P<year>\d{4})" + _TIME, re.I),
    re.compile(r"(?P<year>\d{4})\s*년\s*(?P<month>\d{1,2})\s*월\s*(?P<day>\d{1,2})\s*일(?:\s*\(?[월화수목금토일](?:요일)?\)?)?"
               r"(?:\s*(?P<half>오전|오후)?\s*(?P<hour>\d{1,2})\s*[시:]\s*(?:(?P<minute>\d{1,2})\s*분?)?)?", re.I),
    re.compile(r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?" + _MONTH
               + r"\s+(?P<day>\d{1,2})(?:st|nd|rd|th)?,?\s+(?P<year>\d{4})" + _TIME, re.I),
    re.compile(r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?(?P<day>\d{1,2})(?:st|nd|rd|th)?\s+"
               + _MONTH + r",?\s+(?P<year>\d{4})" + _TIME, re.I),
]


# The order of day, month and year in each pattern above, for dateparser.
ORDERS = ["YMD", "DMY", "YMD", "MDY", "DMY"]


@lru_cache(maxsize=4096)
def _read_with_dateparser(text: str, order: str) -> date | None:
    import dateparser  # loads its language data on first use: only when a date was found

    parsed = dateparser.parse(text, languages=["en", "ko"],
                              settings={"REQUIRE_PARTS": ["day", "month", "year"], "DATE_ORDER": order})
    return parsed.date() if parsed is not None else None


def _month_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    return MONTHS[text.lower()[:3]]


def _offset(zone: str) -> str:
    """"kst" -> "+09:00", "gmt+8" -> "+08:00", "+0900" -> "+09:00"; "" when there is none."""
    if zone in ZONES or not zone:
        return ZONES.get(zone, "")
    match = re.fullmatch(r"(?:gmt|utc)?([+-])(\d{1,2}):?(\d{2})?", zone)
    if not match:
        return ""
    sign, hours, minutes = match.groups()
    return f"{sign}{int(hours):02d}:{minutes or '00'}"


def parse_explicit_date(text: str) -> str | None:
    """ISO date (with `THH:MM` and offset where given) of the first full date in `text`, else None."""
    for pattern in _PATTERNS:
        match = pattern.search(text)
        if not match:
            continue
        parts = match.groupdict()
        try:
            day = date(int(parts["year"]), _month_number(parts["month"]), int(parts["day"]))
        except (ValueError, KeyError):
            continue
        day = _read_with_dateparser(match.group(0), ORDERS[_PATTERNS.index(pattern)]) or day
        if not 1900 <= day.year <= 2100:
            continue
        if parts.get("hour") is None:
            return day.isoformat()
        hour, minute = int(parts["hour"]), int(parts.get("minute") or 0)
        ampm = (parts.get("ampm") or "").lower().replace(".", "")
        if (ampm == "pm" or parts.get("half") == "오후") and hour < 12:
            hour += 12
        elif (ampm == "am" or parts.get("half") == "오전") and hour == 12:
            hour = 0
        if hour > 23 or minute > 59:
            return day.isoformat()
        offset = _offset((parts.get("zone") or "").lower())
        return f"{day.isoformat()}T{hour:02d}:{minute:02d}{offset}"
    return None
