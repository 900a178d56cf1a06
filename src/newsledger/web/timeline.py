"""The timeline picture: events and statements on a date axis, one lane per kind, drawn as SVG here.

Server-side SVG needs no plotting library and no script: each mark is a link to its article with a
<title> the browser shows on hover, and every piece of text is escaped like the rest of the page.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from datetime import date, timedelta

from markupsafe import Markup, escape

STATEMENTS = "Statements"
# One colour per PLOVER event type (and the statements' lane); unknown types are grey.
COLOURS = {
    STATEMENTS: "#4c6ef5", "AGREE": "#2f9e44", "CONSULT": "#1098ad", "SUPPORT": "#74b816", "CONCEDE": "#66a80f",
    "COOPERATE": "#0ca678", "AID": "#37b24d", "RETREAT": "#82c91e", "REQUEST": "#f59f00", "ACCUSE": "#e67700",
    "REJECT": "#f08c00", "THREATEN": "#e8590c", "PROTEST": "#d9480f", "SANCTION": "#c2255c", "MOBILIZE": "#ae3ec9",
    "COERCE": "#c92a2a", "ASSAULT": "#a61e4d",
}
OTHER_COLOUR = "#868e96"
ISO_DAY = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:$|T)")
LEFT, RIGHT, TOP, LANE, AXIS = 130, 24, 16, 34, 36
MONTH_STEPS = (1, 2, 3, 6, 12, 24, 60, 120)
MAX_TICKS = 10


@dataclass(frozen=True)
class Mark:
    """One dot: when, in which lane, what the hover says and where a click goes."""

    day: date
    lane: str
    label: str
    href: str


def parse_day(value: str | None) -> date | None:
    """The day an ISO date stands for (a month or a year: its first day); None for anything else
    (weeks, quarters, durations), which the timeline lists as undated rather than misplace."""
    match = ISO_DAY.match(value or "")
    if not match:
        return None
    year, month, day = match.groups()
    try:
        return date(int(year), int(month or 1), int(day or 1))
    except ValueError:
        return None


def _add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def _ticks(start: date, end: date) -> list[tuple[date, str]]:
    span = (end - start).days
    if span <= 70:
        step = max(1, span // MAX_TICKS + 1)
        return [(start + timedelta(days=d), (start + timedelta(days=d)).strftime("%b %d"))
                for d in range(0, span + 1, step)]
    months = (end.year - start.year) * 12 + end.month - start.month
    step = next((s for s in MONTH_STEPS if months // s <= MAX_TICKS), MONTH_STEPS[-1])
    first = _add_months(date(start.year, start.month, 1), 1)
    if step >= 12:
        first = date(first.year + (first.month > 1), 1, 1)
    ticks, day = [], first
    while day <= end:
        ticks.append((day, str(day.year) if step >= 12 else day.strftime("%b %Y")))
        day = _add_months(day, step)
    return ticks


def timeline_svg(marks: list[Mark], width: int = 960) -> Markup:
    """The SVG of these marks: statements in the first lane, then one lane per event type, A to Z."""
    if not marks:
        return Markup("")
    lanes = sorted(dict.fromkeys(m.lane for m in marks), key=lambda lane: (lane != STATEMENTS, lane))
    counts = Counter(m.lane for m in marks)
    first, last = min(m.day for m in marks), max(m.day for m in marks)
    pad = timedelta(days=max(3, (last - first).days // 30))
    start, end = first - pad, last + pad
    span = max(1, (end - start).days)
    plot = width - LEFT - RIGHT
    height = TOP + LANE * len(lanes) + AXIS

    def x_of(day: date) -> float:
        return LEFT + (day - start).days / span * plot

    out = [f'<svg class="timeline" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'role="img" aria-label="{escape(f"Timeline: {len(marks)} marks from {first} to {last}")}">']
    for number, lane in enumerate(lanes):
        y = TOP + LANE * number + LANE / 2
        out.append(f'<line class="lane" x1="{LEFT}" x2="{width - RIGHT}" y1="{y}" y2="{y}" stroke="#dee2e6"/>')
        out.append(f'<text class="lane-label" x="{LEFT - 10}" y="{y + 4}" text-anchor="end" font-size="12">'
                   f'{escape(lane.title() if lane != STATEMENTS else lane)} ({counts[lane]})</text>')
    axis_y = TOP + LANE * len(lanes) + 6
    out.append(f'<line x1="{LEFT}" x2="{width - RIGHT}" y1="{axis_y}" y2="{axis_y}" stroke="#495057"/>')
    for day, label in _ticks(start, end):
        x = x_of(day)
        out.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{TOP}" y2="{axis_y + 4}" stroke="#f1f3f5"/>'
                   f'<text x="{x:.1f}" y="{axis_y + 18}" text-anchor="middle" font-size="11">{escape(label)}</text>')
    stacked: Counter[tuple[str, int]] = Counter()
    for mark in sorted(marks, key=lambda m: (m.day, m.lane)):
        x = x_of(mark.day)
        slot = (mark.lane, round(x / 6))
        offset = (0, -8, 8, -4, 4, -12, 12)[stacked[slot] % 7]
        stacked[slot] += 1
        y = TOP + LANE * lanes.index(mark.lane) + LANE / 2 + offset
        colour = COLOURS.get(mark.lane, OTHER_COLOUR)
        out.append(f'<a href="{escape(mark.href)}"><circle class="mark" cx="{x:.1f}" cy="{y:.1f}" r="6" '
                   f'fill="{colour}" fill-opacity="0.8" stroke="#fff"><title>{escape(mark.label)}</title>'
                   f'</circle></a>')
    out.append("</svg>")
    return Markup("".join(out))
