"""One article's spaCy parse, with what later stages look up many times computed once."""

from __future__ import annotations

import bisect
from typing import Any


class Parsed:
    """A spaCy Doc with its text and sentences computed once: spaCy rebuilds `doc.text` and walks
    every token for `doc.sents` and `token.sent` on each access, which made quote finding and
    actor resolution quadratic in article length. The NLP stage makes one per article; the
    actors, quotes and events stages share it."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc
        self.text = doc.text
        self.sents = [part for sent in doc.sents for part in _split_at_paragraphs(sent)]
        self.ents = doc.ents
        self._starts = [s.start for s in self.sents]
        self._start_chars = [s.start_char for s in self.sents] or [0]

    def sentence_of(self, token: Any) -> Any:
        return self.sents[bisect.bisect_right(self._starts, token.i) - 1]

    def sentence_start(self, offset: int) -> int:
        """The character offset where the sentence holding `offset` starts."""
        return self._start_chars[max(0, bisect.bisect_right(self._start_chars, offset) - 1)]

    def sentence_number(self, offset: int) -> int:
        return max(0, bisect.bisect_right(self._start_chars, offset) - 1)

    def __iter__(self) -> Any:
        return iter(self.doc)

    def __getitem__(self, key: Any) -> Any:
        return self.doc[key]

    def __len__(self) -> int:
        return len(self.doc)

    def char_span(self, *args: Any, **kwargs: Any) -> Any:
        return self.doc.char_span(*args, **kwargs)


def _split_at_paragraphs(sent: Any) -> list[Any]:
    """A paragraph break ends a sentence. The parser may run one on into the next paragraph when
    the first ends in a closing quotation mark, and a cue there would then claim the quote above
    it; forcing the boundary before parsing makes the small model parse worse, so it is cut after."""
    parts, start = [], sent.start
    for token in sent:
        if token.is_space and "\n\n" in token.text and token.i > start:
            parts.append(sent.doc[start:token.i])
            start = token.i + 1
    if start < sent.end:
        parts.append(sent.doc[start:sent.end])
    return parts or [sent]
