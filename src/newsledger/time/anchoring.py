"""Calendar arithmetic for anchoring relative expressions: which Friday, which 24th, which July.

Kept apart from the tagger so that the rules of anchoring are small functions, tested on their own
around week, month and year boundaries.
"""

from __future__ import annotations

import calendar
from datetime import date, timedelta


def weekday_on_or_before(ref: date, weekday: int) -> date:
    """The latest day with `weekday` (Monday=0) on or before `ref`: "said Friday"."""
    return ref - timedelta(days=(ref.weekday() - weekday) % 7)


def weekday_before(ref: date, weekday: int) -> date:
    """The latest such day strictly before `ref`: "last Friday"."""
    return ref - timedelta(days=(ref.weekday() - weekday - 1) % 7 + 1)


def weekday_on_or_after(ref: date, weekday: int) -> date:
    """The earliest such day on or after `ref`: "will meet on Friday"."""
    return ref + timedelta(days=(weekday - ref.weekday()) % 7)


def weekday_after(ref: date, weekday: int) -> date:
    """The earliest such day strictly after `ref`: "next Friday"."""
    return ref + timedelta(days=(weekday - ref.weekday() - 1) % 7 + 1)


def weekday_in_week(ref: date, weekday: int) -> date:
    """That weekday of `ref`'s ISO week: "this Friday"."""
    return ref + timedelta(days=weekday - ref.weekday())


def add_months(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def day_on_or_before(ref: date, day: int) -> date | None:
    """The latest date with day-of-month `day` on or before `ref`: "24일", "on the 24th"."""
    year, month = ref.year, ref.month
    for _ in range(13):
        if day <= calendar.monthrange(year, month)[1]:
            candidate = date(year, month, day)
            if candidate <= ref:
                return candidate
        year, month = add_months(year, month, -1)
    return None


def day_on_or_after(ref: date, day: int) -> date | None:
    """The earliest date with day-of-month `day` on or after `ref`: "오는 15일"."""
    year, month = ref.year, ref.month
    for _ in range(13):
        if day <= calendar.monthrange(year, month)[1]:
            candidate = date(year, month, day)
            if candidate >= ref:
                return candidate
        year, month = add_months(year, month, 1)
    return None


def month_year(ref: date, month: int, forward: bool) -> int:
    """The year of a month named without one: the latest such month on or before `ref`'s month
    in past-tense reporting ("in July" said in March 2013 -> 2012), the next one when forward."""
    if forward:
        return ref.year if month >= ref.month else ref.year + 1
    return ref.year if month <= ref.month else ref.year - 1


def month_day_year(ref: date, month: int, day: int, forward: bool = False) -> int:
    """The year of "June 20" written without one: news reports what happened, so the latest such
    day up to two weeks after `ref` (a date just ahead is an announced one); when the clause points
    forward ("will meet on June 20"), the next one from a week before `ref` on ("will fall from
    Nov. 1" written on Nov. 5)."""
    for year in ((ref.year, ref.year + 1) if forward else (ref.year + 1, ref.year, ref.year - 1)):
        try:
            candidate = date(year, month, day)
        except ValueError:
            continue
        if (forward and candidate >= ref - timedelta(days=7)) or (
                not forward and candidate <= ref + timedelta(days=14)):
            return year
    return ref.year


def iso_week(day: date, delta: int = 0) -> str:
    year, week, _ = (day + timedelta(weeks=delta)).isocalendar()
    return f"{year}-W{week:02d}"


def month_value(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"
