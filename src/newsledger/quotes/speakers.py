"""Resolve speaker mentions to the people and organisations of the article.

People are spaCy's PERSON names grouped by surname ("Allison Hooker" … "Hooker" one person);
a pronoun goes to the nearest person named before it, a title ("the minister") to the last person
who carried that title ("Finance Minister Choi Sang-mok"), a surname to its full name, and a
description ("a former U.S. official") to the person named with that description in the next
sentences. Organisations and places keep their name. Roles come from the titles and appositions
that stand with a person's name, "former" kept.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from newsledger.quotes.finder import lexicon

PRONOUNS = {"he", "she", "him", "her", "his", "i"}
GROUP_PRONOUNS = {"they", "we", "them"}
# How far ahead a description ("a former U.S. official said") may be named.
FORWARD_CHARS = 600
_TITLE_WORDS = re.compile(r"^(?:the|a|an|its|his|her|their)\s+", re.I)


@dataclass
class Person:
    id: str
    name: str
    type: str = "PERSON"
    aliases: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)
    mentions: list[tuple[int, int]] = field(default_factory=list)
    titles: set[str] = field(default_factory=set)  # lower-case title words ("minister", "spokesperson")
    described: set[str] = field(default_factory=set)  # heads of descriptions resolved to them ("official")


def title_head(role: str) -> str:
    """The word a later mention uses for the role: "Foreign Ministry spokesman" -> "spokesman",
    "U.S. Deputy Secretary of State" -> "secretary"."""
    words = re.findall(r"[A-Za-z]+", re.split(r"\s+(?:of|for|at|to)\s+", role)[0])
    return words[-1].casefold() if words else ""


def _role_of(ent: Any) -> str | None:
    """The title before a name ("U.S. Deputy Secretary of State") or its apposition."""
    doc = ent.doc
    head = ent.root
    for child in head.children:
        if child.dep_ == "appos" and child.i > ent.end - 1:
            tokens = list(child.subtree)
            text = doc[tokens[0].i:tokens[-1].i + 1].text.strip(" ,")
            if 1 <= len(text.split()) <= 16:
                return text
    start = ent.start
    while start > 0 and doc[start - 1].dep_ in ("compound", "amod", "nmod") and doc[start - 1].head.i >= start \
            and doc[start - 1].ent_type_ != "PERSON":
        start -= 1
    while start > 0 and doc[start - 1].lower_ in ("former", "ex", "-", "then", "acting"):
        start -= 1
    if start < ent.start:
        return doc[start:ent.start].text
    return None


def collect_entities(doc: Any) -> list[Person]:
    """People (grouped by surname), organisations and places named in the article."""
    people: list[Person] = []
    others: dict[str, Person] = {}
    for ent in doc.ents:
        text = ent.text.strip()
        if ent.label_ == "PERSON" and re.search(r"[A-Z]", text):
            parts = text.replace("’s", "").replace("'s", "").split()
            if not parts:
                continue
            surname = parts[-1]
            match = next((p for p in people if p.name.split()[-1] == surname or text in p.aliases), None)
            if match is None:
                match = Person(id="", name=text)
                people.append(match)
            elif len(text) > len(match.name):
                match.aliases.add(match.name)
                match.name = text
            match.aliases.add(text)
            match.mentions.append((ent.start_char, ent.end_char))
            role = _role_of(ent)
            if role and role not in match.roles:
                match.roles.append(role)
                match.titles.add(title_head(role))
        elif ent.label_ in ("ORG", "GPE", "NORP", "LOC"):
            entity = others.setdefault(text, Person(id="", name=text, type=ent.label_))
            entity.mentions.append((ent.start_char, ent.end_char))
    people, others = _merge_name_parts(people, others)
    entities = people + list(others.values())
    for number, entity in enumerate(entities, start=1):
        entity.id = f"E{number}"
        entity.aliases.discard(entity.name)
    return entities


def _merge_name_parts(people: list[Person], others: dict[str, Person]) -> tuple[list[Person], dict[str, Person]]:
    """"Lin" after "Lin Jian" (a surname that comes first), and "Nakatani" that spaCy tagged as an
    organisation after "Gen Nakatani": one word that is part of a person's full name is that person."""
    by_part: dict[str, Person] = {}
    for person in people:
        parts = person.name.split()
        if len(parts) > 1:
            for part in (parts[0], parts[-1]):
                by_part.setdefault(part, person)
    kept = []
    for person in people:
        target = by_part.get(person.name) if len(person.name.split()) == 1 else None
        if target is not None and target is not person:
            target.mentions += person.mentions
            target.aliases |= person.aliases | {person.name}
            target.roles += [r for r in person.roles if r not in target.roles]
        else:
            kept.append(person)
    for name in list(others):
        target = by_part.get(name)
        if target is not None and others[name].type in ("ORG", "GPE", "NORP"):
            target.mentions += others.pop(name).mentions
            target.aliases.add(name)
    for person in kept:
        person.mentions.sort()
    return kept, others


def _last_person_before(people: list[Person], offset: int) -> Person | None:
    best, best_pos = None, -1
    for person in people:
        for start, _ in person.mentions:
            if best_pos < start < offset:
                best, best_pos = person, start
    return best


def _named_in(entities: list[Person], start: int, end: int) -> list[Person]:
    return [e for e in entities if any(start <= s < end for s, _ in e.mentions)]


def resolve(mention: str, start: int, entities: list[Person], referent: tuple[int, int] | None = None,
            quoted: list[tuple[int, int]] = ()) -> Person | None:
    """The entity a speaker mention refers to, or None when it names no one we know."""
    people = [e for e in entities if e.type == "PERSON"]
    lower = mention.casefold().strip()
    end = start + len(mention)
    named = _named_in(people, *(referent or (start, end))) or _named_in(people, start, end)
    if named:  # a person named in the mention or its apposition ("His rival, Kim Moon-soo,")
        return named[0]
    others = [e for e in _named_in(entities, start, end) if any(abs(e_end - end) <= 2 for _, e_end in e.mentions)
              and (e.type == "ORG" or _TITLE_WORDS.sub("", mention).strip() == e.name)]
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
        titled = [p for p in people if head in p.titles and any(s < start for s, _ in p.mentions)]
        if titled:  # the last person who carried that title before the mention
            return max(titled, key=lambda p: max(s for s, _ in p.mentions if s < start))
        if re.match(r"(?:a|an)\s", lower) or (lower.startswith("the ") and head in lexicon("en")["person_roles"]):
            # "a former U.S. official said …", "the commander of U.S. Forces Korea said …", named only later:
            def introduced(p: Person) -> int:  # first named outside quotation marks
                return min((s for s, _ in p.mentions if not any(a <= s < b for a, b in quoted)), default=-1)
            later = [p for p in people if start < introduced(p) < start + FORWARD_CHARS
                     and min(s for s, _ in p.mentions) > start]
            if later:  # the first person introduced after the description; later "the official" too
                person = min(later, key=lambda p: min(s for s, _ in p.mentions))
                person.described.add(head)
                return person
    for person in people:  # a surname alone
        if lower and any(lower == alias.casefold().split()[-1] for alias in person.aliases | {person.name}):
            return person
    return None


def role_at(person: Person) -> str | None:
    return person.roles[0] if person.roles else None
