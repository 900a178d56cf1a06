"""Pair quotation marks into quoted spans, paragraph by paragraph, without ever throwing.

Curly marks pair “ with ”; straight marks toggle. A paragraph that opens a quote without closing
it continues into the next paragraph when that one reopens it (the newspaper convention for
quotes that run over several paragraphs). A mark left open at the end of a paragraph that is
not continued closes there; a stray closing mark is ignored. Linear in the length of the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

# A mark left open at the end of a paragraph starts a quote running on only before this many words.
MIN_CONTINUED_WORDS = 4
OPENING = {"“": "”", "\"": "\"", "«": "»", "„": "“"}
CLOSING = {"”", "\"", "»", "“"}
# every mark, and two apostrophes standing for a straight quotation mark (NYT style), tried first
_MARK = re.compile("''|[" + re.escape("".join(sorted(set(OPENING) | CLOSING))) + "]")


@dataclass
class QuotedSpan:
    """A quoted stretch: `parts` are (start, end) of the text inside the marks, one per paragraph."""

    parts: list[tuple[int, int]] = field(default_factory=list)
    balanced: bool = True

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]


def _paragraphs(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    while start <= len(text):
        end = text.find("\n\n", start)
        end = len(text) if end < 0 else end
        spans.append((start, end))
        start = end + 2
    return spans


def find_quoted_spans(text: str) -> list[QuotedSpan]:
    spans: list[QuotedSpan] = []
    carry: QuotedSpan | None = None  # a quote left open at the end of the previous paragraph
    for para_start, para_end in _paragraphs(text):
        i = para_start
        while i < para_end and text[i] in " \t\n":
            i += 1
        current: QuotedSpan | None = None
        open_at, closer = -1, ""
        if carry is not None and i < para_end and (text[i] in OPENING or text.startswith("''", i)):
            width = 2 if text.startswith("''", i) else 1
            current, open_at, closer = carry, i + width, "\"" if width == 2 else OPENING[text[i]]  # it goes on
            i += width
        elif carry is not None:
            spans.append(carry)
        carry = None
        for mark in _MARK.finditer(text, i, para_end):
            ch = "\"" if mark.group() == "''" else mark.group()
            if open_at < 0 and ch in OPENING and ch != "”":
                open_at, closer = mark.end(), OPENING[ch]
                current = current or QuotedSpan()
            elif open_at >= 0 and (ch == closer or (closer == "\"" and ch == "”") or (closer == "”" and ch == "\"")):
                if mark.start() > open_at:
                    current.parts.append((open_at, mark.start()))
                    spans.append(current)
                current, open_at = None, -1
        if open_at >= 0 and current is not None and len(text[open_at:para_end].split()) >= MIN_CONTINUED_WORDS:
            current.parts.append((open_at, para_end))  # a quote running into the next paragraph;
            current.balanced = False  # a stray mark near a paragraph's end opens nothing
            carry = current
    if carry is not None and carry.parts:
        spans.append(carry)
    return [s for s in spans if s.parts]
