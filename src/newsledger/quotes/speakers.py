"""Resolve speaker mentions to the entities of the article (found by the actors stage).

A mention the actors stage already resolved (a name, a pronoun, a title) is its entity; else a
pronoun goes to the nearest person named before it, a title ("the minister") to the last person
who carried that title ("Finance Minister Choi Sang-mok"), a surname to its full name, and a
description ("a former U.S. official") to the person named with that description in the next
sentences.
"""

from __future__ import annotations

import re

from newsledger.actors.resolve import ArticleEntity as Person
from newsledger.actors.resolve import title_head
from newsledger.quotes.finder import lexicon

PRONOUNS = {"he", "she", "him", "her", "his", "i"}
GROUP_PRONOUNS = {"they", "we", "them"}
# How far ahead a description ("a former U.S. official said") may be named.
FORWARD_CHARS = 600
_TITLE_WORDS = re.compile(r"^(?:the|a|an|its|his|her|their)\s+", re.I)


def _last_person_before(people: list[Person], offset: int) -> Person | None:
    best, best_pos = None, -1
    for person in people:
        for start, _ in person.named_mentions():
            if best_pos < start < offset:
                best, best_pos = person, start
    return best


def _named_in(entities: list[Person], start: int, end: int) -> list[Person]:
    return [e for e in entities if any(start <= s < end for s, _ in e.named_mentions())]


def resolve(mention: str, start: int, entities: list[Person], referent: tuple[int, int] | None = None,
            quoted: list[tuple[int, int]] = ()) -> Person | None:
    """The entity a speaker mention refers to, or None when it names no one we know."""
    people = [e for e in entities if e.type == "PERSON"]
    lower = mention.casefold().strip()
    end = start + len(mention)
    same = [e for e in entities if (start, end) in e.kinds and e.kinds[(start, end)] in ("pronoun", "title")]
    if same:  # the actors stage already knows whom this pronoun or title refers to
        return same[0]
    named = _named_in(people, *(referent or (start, end))) or _named_in(people, start, end)
    if named:  # a person named in the mention or its apposition ("His rival, Kim Moon-soo,")
        return named[0]
    bare = _TITLE_WORDS.sub("", mention).strip()
    others = [e for e in _named_in(entities, start, end)
              if any(abs(e_end - end) <= 2 and (e.type == "ORG" or e_end - s == len(bare))
                     for s, e_end in e.named_mentions())]
    if others:  # "China's foreign ministry" is not China, but "the ministry of X" may be X's
        return others[0]
    if lower in PRONOUNS:
        return _last_person_before(people, start)
    words = re.findall(r"[a-z]+", lower)
    if words and _TITLE_WORDS.match(mention):
        head = title_head(mention)
        described = [p for p in people if head in p.described]
        if described:  # "the former official", once "a former U.S. official" was named
            return described[-1]
        titled = [p for p in people if head in p.titles and any(s < start for s, _ in p.named_mentions())]
        if titled:  # the last person who carried that title before the mention
            return max(titled, key=lambda p: max(s for s, _ in p.named_mentions() if s < start))
        if re.match(r"(?:a|an)\s", lower) or (lower.startswith("the ") and head in lexicon("en")["person_roles"]):
            # "a former U.S. official said …", "the commander of U.S. Forces Korea said …", named only later:
            def introduced(p: Person) -> int:  # first named outside quotation marks
                return min((s for s, _ in p.named_mentions() if not any(a <= s < b for a, b in quoted)), default=-1)
            later = [p for p in people if start < introduced(p) < start + FORWARD_CHARS
                     and min(s for s, _ in p.named_mentions()) > start]
            if later:  # the first person introduced after the description; later "the official" too
                person = min(later, key=lambda p: min(s for s, _ in p.named_mentions()))
                person.described.add(head)
                return person
    for person in people:  # a surname alone
        if lower and any(lower == alias.casefold().split()[-1] for alias in person.aliases | {person.name}):
            return person
    return None


def role_at(person: Person) -> str | None:
    """The speaker's role as the article gives it, else as the knowledge base has it on the day."""
    return person.roles[0] if person.roles else person.kb_role
