"""spaCy's attribute ruler with its patterns looked up by token instead of tried at every token.

The small English pipeline's attribute ruler (it maps fine tags to coarse parts of speech and
morphology, and fixes lemmas such as "gonna") holds about 180 patterns. spaCy's `Matcher` tries
every pattern at every token, which made the ruler cost as much as the parser (about 30 µs per
token, measured on PolNeAR). Nearly all the patterns test one token's tag or lower-cased form for
equality or membership, so this ruler indexes the patterns by the value their first token must
have, tries only those that can start at a token, and remembers which patterns a token with the
same values (word, tag, relation) can start. It returns the same matches in the same
order, so the annotations are the same, token for token (tested against spaCy's `Matcher`);
patterns it cannot read (operators, other predicates) are left to a spaCy `Matcher` of their own.
"""

from __future__ import annotations

import re
from typing import Any

from spacy.attrs import IDS
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import StringStore
from spacy.tokens import Doc

#: attributes whose value can index a pattern's first token, most selective first
_INDEXED = ("LOWER", "ORTH", "TEXT", "TAG", "DEP")
_SPELLINGS = {"TEXT": "ORTH"}

#: one test of one token: (column of the attribute array, operation, operand)
Test = tuple[int, str, Any]
#: a pattern: (its order in the ruler, its match id, the tests of each of its tokens)
Compiled = tuple[int, int, list[tuple[Test, ...]]]
#: how many distinct tokens' first-token matches are remembered before starting afresh
_REMEMBERED = 200_000


class _Unreadable(Exception):
    """A pattern with something this module does not read; spaCy's Matcher takes it."""


class _Compiler:
    """Turns token specs into tests over rows of `Doc.to_array(columns)` (hashes, flags as 0/1),
    so that matching compares integers instead of building tokens and strings."""

    def __init__(self, strings: StringStore) -> None:
        self.strings = strings
        self.columns: list[int] = []

    def column(self, key: str) -> int:
        attribute = IDS.get(_SPELLINGS.get(key.upper(), key.upper()))
        if attribute is None or key.upper() in ("OP", "_"):
            raise _Unreadable(key)
        if attribute not in self.columns:
            self.columns.append(attribute)
        return self.columns.index(attribute)

    def operand(self, value: Any) -> int:
        return int(value) if isinstance(value, bool) else self.strings.add(value)

    def tests(self, spec: dict[str, Any]) -> tuple[Test, ...]:
        tests: list[Test] = []
        for key, value in spec.items():
            column = self.column(key)
            if isinstance(value, (str, bool)):
                tests.append((column, "==", self.operand(value)))
            elif isinstance(value, dict) and value and not set(value) - {"IN", "NOT_IN", "REGEX"}:
                if "IN" in value:
                    tests.append((column, "in", frozenset(map(self.operand, value["IN"]))))
                if "NOT_IN" in value:
                    tests.append((column, "not in", frozenset(map(self.operand, value["NOT_IN"]))))
                if "REGEX" in value:
                    tests.append((column, "regex", re.compile(value["REGEX"]).search))
            else:
                raise _Unreadable(key)
        return tuple(tests)

    def starts(self, spec: dict[str, Any]) -> tuple[int, frozenset[int]] | None:
        """The column and the values a token must have to start a pattern whose first token has
        this spec, when the spec pins one of the indexed attributes down."""
        specs = {key.upper(): value for key, value in spec.items()}
        for key in _INDEXED:
            value = specs.get(key)
            if isinstance(value, str):
                return self.column(key), frozenset([self.operand(value)])
            if isinstance(value, dict) and "IN" in value:
                return self.column(key), frozenset(map(self.operand, value["IN"]))
        return None


def _passes(row: list[int], tests: tuple[Test, ...], strings: StringStore) -> bool:
    for column, operation, operand in tests:
        value = row[column]
        if operation == "==":
            if value != operand:
                return False
        elif operation == "in":
            if value not in operand:
                return False
        elif operation == "not in":
            if value in operand:
                return False
        elif not operand(strings[value]):
            return False
    return True


class _PatternIndex:
    """The ruler's patterns, by the value their first token must have."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.strings = ruler.vocab.strings
        compiler = _Compiler(self.strings)
        #: (column, value) -> [(order, match id, tests of each token)]
        self.by_value: dict[tuple[int, int], list[Compiled]] = {}
        self.everywhere: list[Compiled] = []
        self.starts: dict[tuple[int, ...], list[Compiled]] = {}
        self.rest = Matcher(ruler.vocab)
        for order in range(len(ruler.attrs)):
            key = str(order)
            match_id = self.strings.add(key)
            for pattern in ruler.matcher.get(key)[1]:
                try:
                    compiled = (order, match_id, [compiler.tests(spec) for spec in pattern])
                    starts = compiler.starts(pattern[0])
                except _Unreadable:
                    self.rest.add(key, [pattern])
                    continue
                if starts is None:
                    self.everywhere.append(compiled)
                    continue
                column, values = starts
                for value in values:
                    self.by_value.setdefault((column, value), []).append(compiled)
        self.columns = compiler.columns
        self.index_columns = sorted({column for column, _ in self.by_value})

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What `AttributeRuler.match` returns: (order, match id, start, end), sorted."""
        if not len(doc):
            return []
        rows = [tuple(row) for row in doc.to_array(self.columns).reshape(len(doc), -1).tolist()]
        found = set()
        for start, row in enumerate(rows):
            for order, match_id, tests in self.starting_with(row):
                end = start + len(tests)
                if end == start + 1 or (end <= len(rows) and all(
                        _passes(rows[i], token_tests, self.strings)
                        for i, token_tests in zip(range(start + 1, end), tests[1:], strict=True))):
                    found.add((order, match_id, start, end))
        if len(self.rest):
            for match_id, start, end in self.rest(doc, allow_missing=True, as_spans=False):
                found.add((int(self.strings[match_id]), match_id, start, end))
        return sorted(found)

    def starting_with(self, row: tuple[int, ...]) -> list[Compiled]:
        """The patterns whose first token this token passes. Remembered by the token's values,
        which repeat (the same word with the same tag and relation), up to a bound."""
        known = self.starts.get(row)
        if known is None:
            candidates = list(self.everywhere)
            for column in self.index_columns:
                candidates += self.by_value.get((column, row[column]), ())
            known = [pattern for pattern in candidates if _passes(row, pattern[2][0], self.strings)]
            if len(self.starts) >= _REMEMBERED:
                self.starts.clear()
            self.starts[row] = known
        return known


class IndexedAttributeRuler(AttributeRuler):
    """An `AttributeRuler` whose `match` looks patterns up by token; see the module docstring."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self._index: _PatternIndex | None = None
        super().__init__(*args, **kwargs)

    def add(self, *args: Any, **kwargs: Any) -> None:
        super().add(*args, **kwargs)
        self._index = None

    def clear(self) -> None:
        super().clear()
        self._index = None

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        if self._index is None:
            self._index = _PatternIndex(self)
        return self._index.match(doc)


@Language.factory("indexed_attribute_ruler",
                  default_config={"validate": False, "scorer": {"@scorers": "spacy.attribute_ruler_scorer.v1"}})
def make_indexed_attribute_ruler(nlp: Language, name: str, validate: bool, scorer: Any) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def use_indexed_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> None:
    """Put an `IndexedAttributeRuler` with the same patterns in place of the pipeline's ruler."""
    patterns = nlp.get_pipe(name).patterns
    nlp.replace_pipe(name, "indexed_attribute_ruler")
    nlp.get_pipe(name).add_patterns(patterns)
