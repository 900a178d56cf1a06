"""Code the events of an English article's parse in the PLOVER ontology.

For each verb of a sentence, the event-verb dictionary (data/verbs.json, from the CAMEO verb
dictionary mapped to PLOVER) gives a type: the most specific phrase pattern whose words follow
the verb in its clause, in order ("signed a peace treaty" -> AGREE), else the verb's default.
The verb's subject is the source ("by X" for a passive), its object or the object of its first
preposition the target; each is resolved to the article's entities (actors stage), the
entity whose mention stands in the phrase, with its country. Conjoined subjects ("Putin and Kim
signed") are sources and, with no other party, each other's targets.

Not coded: a verb negated ("did not respond") or in a hypothetical ("could push", "if …"), and a
speech verb on its own: "X said …" is a quote; what the statement does (accuses, demands,
rejects, threatens) is coded through its own verb.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

# Modal and conditional markers that make a verb a hypothetical, not a happening.
HYPOTHETICAL = {"could", "might", "may", "would", "should", "must", "can"}
CONDITIONAL = {"if", "unless", "whether"}
# Speech verbs whose content is the statement: never an event on their own.
SPEECH = {"say", "tell", "add", "state", "note", "announce", "report", "comment", "claim", "write", "quote",
          "explain", "describe", "insist", "stress", "remark", "reply", "respond", "confirm", "declare"}
SUBJECTS = ("nsubj", "csubj")
# Prepositions whose object is the other party, and those whose object is where it happened.
TARGET_PREPS = {"against", "with", "to", "on", "toward", "towards", "into", "upon", "from", "for"}
PLACE_PREPS = {"in", "at", "near", "off", "outside", "inside"}
OBJECTS = ("dobj", "obj", "attr", "dative")


@lru_cache(maxsize=1)
def verbs() -> dict[str, dict[str, Any]]:
    resource = resources.files("newsledger.events") / "data" / "verbs.json"
    return json.loads(resource.read_text(encoding="utf-8"))


@dataclass
class Coded:
    """An event found at one verb, before its actors are turned into record fields."""

    verb: Any
    type: str
    mode: str | None
    code: str
    sources: list[Any] = field(default_factory=list)  # head tokens of the source phrases
    targets: list[Any] = field(default_factory=list)
    location: Any = None
    confidence: float = 0.5


def _matches(words: list[list[str]], after: list[set[str]]) -> bool:
    """Whether each word slot of a pattern is found in order among the words after the verb."""
    at = 0
    for slot in words:
        while at < len(after) and not after[at].intersection(slot):
            at += 1
        if at == len(after):
            return False
        at += 1
    return True


def _clause_after(verb: Any) -> list[set[str]]:
    """The words after the verb in its own clause, each as its lemma and its lower-case form."""
    out = []
    for token in verb.subtree:
        if token.i <= verb.i:
            continue
        if token.dep_ in ("ccomp", "advcl", "relcl", "parataxis") and token.head.i == verb.i:
            break
        out.append({token.lemma_.lower(), token.lower_})
    return out


def classify(verb: Any) -> tuple[dict[str, Any], float] | None:
    """The dictionary entry a verb token codes to, and how sure: a phrase pattern beats a default."""
    entry = verbs().get(verb.lemma_.lower())
    if entry is None:
        return None
    after = _clause_after(verb)
    best, best_len = None, 0
    for pattern in entry["patterns"]:
        if len(pattern["words"]) > best_len and _matches(pattern["words"], after):
            best, best_len = pattern, len(pattern["words"])
    if best is not None:
        return best, min(0.9, 0.6 + 0.1 * best_len)
    if entry["default"] is not None:
        return entry["default"], 0.5
    return None


def is_hypothetical(verb: Any) -> bool:
    for child in verb.children:
        if child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in HYPOTHETICAL):
            return True
        if child.dep_ == "mark" and child.lower_ in CONDITIONAL:
            return True
    head = verb
    while head.dep_ in ("xcomp", "conj") and head.head is not head:  # "refused to attack", "could meet and sign"
        head = head.head
        if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in HYPOTHETICAL) for c in head.children):
            return True
    return False


def _subjects(verb: Any) -> list[Any]:
    found = [c for c in verb.children if c.dep_ in SUBJECTS]
    if not found and verb.dep_ in ("conj", "xcomp") and verb.head is not verb:
        found = [c for c in verb.head.children if c.dep_ in SUBJECTS]  # "met and signed", "agreed to supply"
    agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return agent
    out = []
    for subject in found:
        out.append(subject)
        out += [c for c in subject.conjuncts]
    return out


def _prep_objects(head: Any, preps: set[str]) -> list[Any]:
    return [g for c in head.children if c.dep_ == "prep" and c.lower_ in preps for g in c.children
            if g.dep_ == "pobj"]


def _targets(verb: Any) -> list[Any]:
    """The other party: the object of the verb, a passive subject, the object of "against", "with",
    "to", "on", "at"…, also when that phrase hangs on the object ("fired a water cannon at a boat")."""
    objects = [c for c in verb.children if c.dep_ in OBJECTS]
    passive = [c for c in verb.children if c.dep_ == "nsubjpass"]
    prep_objects = _prep_objects(verb, TARGET_PREPS | {"at"})
    for thing in objects:
        prep_objects += _prep_objects(thing, TARGET_PREPS | {"at"})
    out = []
    for head in passive + objects + prep_objects:
        out.append(head)
        out += list(head.conjuncts)
    return out


def _location(verb: Any) -> Any:
    """Where it happened: a place after "in", "at", "near", "off" on the verb or on its object."""
    heads = [verb] + [c for c in verb.children if c.dep_ in OBJECTS]
    for head in heads:
        for grand in _prep_objects(head, PLACE_PREPS):
            if grand.ent_type_ in ("GPE", "LOC", "FAC"):
                return grand
    return None


def code_sentence(sentence: Any) -> list[Coded]:
    """The events of one spaCy sentence, in verb order."""
    coded = []
    for token in sentence:
        if token.pos_ not in ("VERB", "NOUN") or (token.pos_ == "NOUN" and token.dep_ not in ("ROOT",)):
            continue
        if token.lemma_.lower() in SPEECH or is_hypothetical(token):
            continue
        found = classify(token)
        if found is None:
            continue
        entry, confidence = found
        coded.append(Coded(verb=token, type=entry["type"], mode=entry.get("mode"), code=entry["code"],
                           sources=_subjects(token), targets=_targets(token), location=_location(token),
                           confidence=confidence))
    return coded
