"""Cleaning rules as data: TOML files per language (see rules/common.toml for the format).

Rules are data so that a user can extend them for the sites they read without touching code:
`load_rules("en", extra=[Path("my_sites.toml")])` appends their rules to ours.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property, lru_cache
from importlib import resources
from pathlib import Path

KINDS = {"boilerplate", "section", "credit", "caption_end", "inline", "copyright", "byline",
         "published", "updated", "dateline"}


@dataclass(frozen=True)
class Rule:
    kind: str
    name: str
    patterns: tuple[re.Pattern[str], ...]

    def fullmatch(self, line: str) -> re.Match[str] | None:
        for pattern in self.patterns:
            match = pattern.fullmatch(line)
            if match:
                return match
        return None


@dataclass
class RuleSet:
    rules: list[Rule] = field(default_factory=list)
    outlet_words: frozenset[str] = frozenset()
    role_words: frozenset[str] = frozenset()

    def of_kind(self, kind: str) -> list[Rule]:
        return self._by_kind.get(kind, [])

    @cached_property
    def _by_kind(self) -> dict[str, list[Rule]]:
        by_kind: dict[str, list[Rule]] = {}
        for rule in self.rules:
            by_kind.setdefault(rule.kind, []).append(rule)
        return by_kind


def parse_rules(text: str, origin: str) -> RuleSet:
    """Parse one rule file's TOML text; raise ValueError naming `origin` on a bad rule."""
    data = tomllib.loads(text)
    rules = []
    for entry in data.get("rule", []):
        kind, name = entry.get("kind"), entry.get("name", "unnamed")
        if kind not in KINDS:
            raise ValueError(f"{origin}: rule {name!r} has unknown kind {kind!r}; kinds: {sorted(KINDS)}")
        try:
            compiled = tuple(re.compile(p, re.IGNORECASE) for p in entry.get("patterns", []))
        except re.error as exc:
            raise ValueError(f"{origin}: rule {name!r} has a bad pattern: {exc}") from exc
        rules.append(Rule(kind, name, compiled))
    words = data.get("byline_words", {})
    return RuleSet(rules, frozenset(w.lower() for w in words.get("outlet_words", [])),
                   frozenset(w.lower() for w in words.get("role_words", [])))


def _merge(sets: list[RuleSet]) -> RuleSet:
    merged = RuleSet()
    for rs in sets:
        merged.rules.extend(rs.rules)
        merged.outlet_words |= rs.outlet_words
        merged.role_words |= rs.role_words
    return merged


@lru_cache(maxsize=16)
def _builtin(name: str) -> RuleSet | None:
    resource = resources.files("newsledger.clean") / "rules" / f"{name}.toml"
    if not resource.is_file():
        return None
    return parse_rules(resource.read_text(encoding="utf-8"), f"rules/{name}.toml")


@lru_cache(maxsize=64)
def load_rules(language: str | None, extra: tuple[Path, ...] = ()) -> RuleSet:
    """Rules for `language` (English's when we have none for it), then common ones, then `extra`."""
    own = _builtin(language or "en") or _builtin("en")
    sets = [own, _builtin("common")]
    sets += [parse_rules(Path(p).read_text(encoding="utf-8"), str(p)) for p in extra]
    return _merge([s for s in sets if s is not None])
