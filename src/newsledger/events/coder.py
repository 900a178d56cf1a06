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
from functools import cache, lru_cache
from importlib import resources
from typing import Any

from newsledger.lexicons import load_toml

# Modal and conditional markers that make a verb a hypothetical, not a happening.
HYPOTHETICAL = {"could", "might", "may", "should", "can"}
# What marks an intention: "will provide", "agreed to withdraw", "is ready to contribute", "said it
# would allow". PLOVER codes the intention: AGREE for what cooperates, THREATEN for what harms.
FUTURE = {"will", "shall", "'ll", "wo"}
INTENT_HEADS = {"agree", "offer", "promise", "pledge", "vow", "plan", "decide", "prepare", "ready", "willing",
                "intend", "prepared", "set", "aim", "consent", "undertake", "commit", "swear"}
# Verbs of weighing, whose object has not happened: "would consider taking part".
HEDGES = {"consider", "weigh", "mull", "study", "contemplate", "explore", "discuss"}
NOBODY = {"none", "nobody", "no", "neither"}
HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}
VERBAL = {"REQUEST", "ACCUSE", "REJECT", "THREATEN", "AGREE"}
# "Y must …" in what X says is X's demand of Y; these verbs report demands as speech verbs do.
OBLIGATION = {"must"}
DEMAND_VERBS = {"demand", "insist", "urge", "declare", "reiterate", "conclude", "warn", "tell", "call"}
# CAMEO's "express intent to …" codes, when the verb reports the thing done ("met for talks",
# "provided aid"): the type of the act itself.
REALIZED = {"031": ("COOPERATE", None), "0311": ("COOPERATE", None), "0312": ("COOPERATE", None),
            "033": ("AID", None), "0331": ("AID", None), "0332": ("AID", None), "0333": ("AID", None),
            "0334": ("AID", None), "036": ("CONSULT", None)}
# Verbs that take the act as their object ("carried out a strike", "imposed a blockade").
LIGHT_VERBS = {"carry", "conduct", "launch", "mount", "stage", "make", "hold", "issue", "impose", "begin", "start",
               "wage", "unleash", "deliver", "step", "undertake", "perform", "execute", "announce"}
# Dependencies of verbs that describe something else ("ousted president", "according to"): no event.
MODIFIER = {"amod", "prep", "agent", "pcomp", "compound", "nmod", "acl", "relcl", "csubj", "advmod"}
CONDITIONAL = {"if", "unless", "whether"}
# Speech verbs whose content is the statement: never an event on their own.
SPEECH = {"say", "tell", "add", "state", "note", "announce", "report", "comment", "claim", "write", "quote",
          "explain", "describe", "insist", "stress", "remark", "reply", "respond", "confirm", "declare"}
SUBJECTS = ("nsubj", "csubj")
# Prepositions whose object is the other party, and those whose object is where it happened.
TARGET_PREPS = {"against", "with", "to", "on", "toward", "towards", "into", "upon", "from", "for", "between"}
PLACE_PREPS = {"in", "at", "near", "off", "outside", "inside"}
OBJECTS = ("dobj", "obj", "attr", "dative")
# Verb tags that can head a sentence's predicate: finite forms, and the past participle that the
# tagger gives a past tense it takes for a participle ("a newspaper called on …").
FINITE_OR_PAST = {"VBD", "VBZ", "VBP", "VBN"}
# Named-entity types of a time: "on Tuesday" is when, never whom.
WHEN = {"DATE", "TIME"}


@lru_cache(maxsize=1)
def verbs() -> dict[str, dict[str, Any]]:
    """The verb dictionary; each phrase pattern's word slots also as sets ("slots"), since every
    verb of every sentence is tried against them."""
    resource = resources.files("newsledger.events") / "data" / "verbs.json"
    table = json.loads(resource.read_text(encoding="utf-8"))
    for entry in table.values():
        for pattern in entry["patterns"]:
            pattern["slots"] = [frozenset(slot) for slot in pattern["words"]]
    return table


@lru_cache(maxsize=1)
def acts() -> list[dict[str, Any]]:
    """The acts named by a verb's object (lexicon/en.toml [[act]]), most specific (with a qualifier)
    first, their word lists as sets."""
    table = [{key: frozenset(value) if key in ("verbs", "nouns", "with") else value for key, value in act.items()}
             for act in _lexicon()["act"]]
    return sorted(table, key=lambda act: "with" not in act)


@lru_cache(maxsize=1)
def _leaving_preps() -> frozenset[str]:
    """The prepositions whose object a verb acts on: "from", "of" and those acts name ("via")."""
    return frozenset({"from", "of", *(p for act in acts() for p in act.get("via", ()))})


@cache
def word_set(name: str) -> frozenset[str]:
    """A word list of the lexicon as a set, made once."""
    return frozenset(_lexicon()[name])


# Words that make drills, patrols or a mission a joint one.
JOINT = {"joint", "combined", "bilateral", "trilateral", "multinational", "allied"}


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
    context: str | None = None  # PLOVER context: military, economic, humanitarian, …
    alone: str | None = None  # the type when only one country takes part (joint exercises -> MOBILIZE)
    together: str | None = None  # the type when the sources are of two countries or more (drills -> COOPERATE)


def _matches(slots: list[frozenset[str]], after: list[set[str]]) -> bool:
    """Whether each word slot of a pattern is found in order among the words after the verb."""
    at = 0
    for slot in slots:
        while at < len(after) and after[at].isdisjoint(slot):
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


def _lemmas(verb: Any) -> list[str]:
    """The verb's lemma, and plain de-inflections for when the lemmatiser errs ("staged" -> "stag")."""
    lower = verb.lower_
    forms = [verb.lemma_.lower(), lower]
    for suffix, repl in (("ied", "y"), ("ed", "e"), ("ed", ""), ("d", ""), ("ing", "e"), ("ing", ""), ("s", "")):
        if lower.endswith(suffix) and len(lower) > len(suffix) + 2:
            forms.append(lower[: -len(suffix)] + repl)
    return list(dict.fromkeys(forms))


def _verb_names(verb: Any) -> set[str]:
    """The names a verb goes by in the act table: its lemmas, "light" for a light verb, and the lemma
    with its particle ("call off", "step up")."""
    lemmas = _lemmas(verb)
    parts = word_set("part_objects")
    names = set(lemmas) | {f"{lemmas[0]} {c.lower_}" for c in verb.children
                           if c.dep_ == "prt" or (c.dep_ in OBJECTS and c.lower_ in parts)}
    return names | ({"light"} if names & LIGHT_VERBS else set())


def _act_objects(verb: Any) -> list[Any]:
    """What a verb acts on: its objects, the subject of its passive ("the treaty was suspended"), the
    object of "from"/"out of" for a verb of leaving ("pulled out of the pact"), with their conjuncts."""
    parts = word_set("part_objects")
    heads = [c for c in verb.children if c.dep_ in (*OBJECTS, "nsubjpass")]
    heads += _prep_objects(verb, _leaving_preps())
    for part in [h for h in heads if h.lower_ in parts]:  # "took part in the rally"
        heads += _prep_objects(part, {"in"}) + _prep_objects(verb, {"in"})
    return heads + [c for h in heads for c in h.conjuncts]


def _object_words(thing: Any) -> tuple[set[str], set[str]]:
    """The lemmas that name an object, and those that qualify it: its head and what its "of" names
    ("state of emergency", "ten days of war games"), with their modifiers ("arms embargo", "naval
    mission", "war games")."""
    heads = [thing] + [g for c in thing.children if c.dep_ == "prep" and c.lower_ == "of"
                       for g in c.children if g.dep_ == "pobj"]
    names = {w for h in heads for w in (h.lemma_.lower(), h.lower_)}
    qualifiers = {w for h in heads for c in h.children if c.dep_ in ("compound", "amod", "nmod", "npadvmod")
                  for w in (c.lemma_.lower(), c.lower_)}
    return names, qualifiers


def _act(verb: Any, names: set[str]) -> dict[str, Any] | None:
    """The act a verb's object names ("launched a naval mission" -> MOBILIZE, "suspended the treaty"
    -> SANCTION), as a dictionary entry; "joint drills" are the act's joint type, and so are drills
    whose sources are of two countries (`together`, decided once the sources are resolved).
    `names` are the verb's `_verb_names`."""
    for thing in _act_objects(verb):
        nouns, qualifiers = _object_words(thing)
        words = nouns | qualifiers
        for act in acts():
            if names.isdisjoint(act["verbs"]) or nouns.isdisjoint(act["nouns"]):
                continue
            if "with" in act and qualifiers.isdisjoint(act["with"]):
                continue
            if act.get("recipient") and not _recipient(verb, thing):
                continue
            if thing.dep_ == "pobj" and thing.head.lower_ not in act.get("via", ("from", "of", "in")):
                continue  # "on alert" names the act of "remained" only where the act says so
            kind = act["type"]
            if act.get("joint") and words & JOINT:
                kind = act["joint"]
            return {"type": kind, "code": act["code"], "mode": act.get("mode"), "context": act.get("context"),
                    "together": act.get("joint")}
    return None


def _recipient(verb: Any, thing: Any) -> bool:
    """Whether a transfer names whom it goes to: "delivered shells to Ukraine", "sent Kyiv generators"."""
    return any(c.dep_ == "dative" for c in verb.children) or bool(
        _prep_objects(verb, {"to", "for"}) or _prep_objects(thing, {"to", "for"}))


def _by_whom(verb: Any, names: set[str]) -> dict[str, Any] | None:
    """The type an act takes from who does it (lexicon/en.toml [[by]]): "protesters blocked the highway"
    is a protest, where "police blocked the road" is the verb's own coercion. `names` are the
    verb's `_verb_names`."""
    heads = {s.lemma_.lower() for s in _subjects(verb)}
    for by in _lexicon()["by"]:
        if names.intersection(by["verbs"]) and heads & set(by["subjects"]):
            return {"type": by["type"], "code": by["code"], "mode": by.get("mode"), "context": by.get("context")}
    return None


def classify(verb: Any) -> tuple[dict[str, Any], float] | None:
    """The dictionary entry a verb token codes to, and how sure: the act its object names beats a
    phrase pattern, which beats a default."""
    names = _verb_names(verb)
    if (act := _by_whom(verb, names) or _act(verb, names)) is not None:
        return act, 0.7
    entry = next((verbs()[form] for form in _lemmas(verb) if form in verbs()), None)
    best, best_len = None, 0
    if entry is not None:
        after = _clause_after(verb)
        present = set().union(*after)
        for pattern in entry["patterns"]:
            slots = pattern["slots"]
            if len(slots) > best_len and all(not slot.isdisjoint(present) for slot in slots) \
                    and _matches(slots, after):
                best, best_len = pattern, len(slots)
    if best is not None:
        return best, min(0.9, 0.6 + 0.1 * best_len)
    if (nominal := _nominal_event(verb)) is not None:
        return nominal, 0.6
    if entry is not None and entry["default"] is not None:
        return entry["default"], 0.5
    return None


def _nominal_event(verb: Any) -> dict[str, Any] | None:
    """"carried out a drone strike", "imposed a blockade", "launched an attack": a light verb whose
    object names the act; the act's own verb entry codes it."""
    if verb.lemma_.lower() not in LIGHT_VERBS:
        return None
    objects = [c for c in verb.children if c.dep_ in OBJECTS]
    for thing in objects + [c for o in objects for c in o.conjuncts]:  # "launched artillery and rocket fire"
        entry = verbs().get(thing.lemma_.lower())
        if entry is not None and entry["default"] is not None and thing.lemma_.lower() not in SPEECH:
            return entry["default"]
    return None


def _lexicon() -> dict[str, Any]:
    return load_toml("newsledger.events", "lexicon", "en")


def _ultimatum(verb: Any) -> bool:
    """"X will do Y unless Z": an intention on a condition is an ultimatum, a threat."""
    marks = word_set("ultimatum_marks")
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in marks for m in c.children)
               for c in verb.children)


def _describes(verb: Any) -> bool:
    """A verb that is the content of a clause describing a noun ("an agreement allowing the two
    countries to exchange information", "a resolution that aims to tighten sanctions"): what the
    thing is about, not a happening."""
    head = verb
    while head.dep_ in ("xcomp", "ccomp") and head.head.i != head.i:
        head = head.head
        if head.dep_ in ("acl", "relcl"):
            return True
    return False


def is_hypothetical(verb: Any) -> bool:
    if any(c.dep_ in (*SUBJECTS, "nsubjpass") and (c.lower_ in NOBODY or any(d.lower_ == "no" for d in c.children))
           for c in verb.children):
        return True  # "none of the crew were injured"
    if verb.lemma_.lower() in HEDGES or (verb.dep_ == "xcomp" and verb.head.lemma_.lower() in HEDGES):
        return True
    for child in verb.children:
        if child.dep_ == "neg" or (child.dep_ == "aux" and child.lower_ in HYPOTHETICAL):
            return True
        if child.dep_ == "mark" and child.lower_ in CONDITIONAL:
            return True
        if child.dep_ == "aux" and child.lower_ == "would" and not _reported(verb):
            return True  # "would" outside reported speech is a condition; inside it, an intention
    head = verb
    while head.dep_ in ("xcomp", "conj") and head.head is not head:  # "refused to attack", "could meet and sign"
        head = head.head
        if any(c.dep_ == "neg" or (c.dep_ == "aux" and c.lower_ in HYPOTHETICAL) for c in head.children):
            return True
    return False


def _reporting_verb(verb: Any, reporting: set[str] = SPEECH) -> Any:
    """The speech verb whose clause holds this verb ("Iraq said it would allow …", "reiterated that
    Libya must …"), climbing through complements and conjuncts; None when there is none."""
    head = verb
    while head.dep_ in ("ccomp", "xcomp", "conj", "acomp") and head.head is not head:
        head = head.head
        if head.lemma_.lower() in reporting:
            return head
    return None


def _reported(verb: Any) -> bool:
    return _reporting_verb(verb) is not None


def is_intention(verb: Any) -> bool:
    """"will provide", "would allow" (reported), "agreed to withdraw", "is ready to contribute"."""
    if any(c.dep_ == "aux" and c.lower_ in FUTURE | {"would"} for c in verb.children):
        return True
    head = verb.head
    return verb.dep_ == "xcomp" and head is not verb and (
        head.lemma_.lower() in INTENT_HEADS or any(c.lemma_.lower() in INTENT_HEADS for c in head.children
                                                   if c.dep_ == "acomp"))


def _misread_predicate(verb: Any) -> Any:
    """The subject of a predicate the parser read as a clause describing a noun, in a sentence that
    it left without a verb ("An official newspaper called on Arabs to unite", "Doctors from two aid
    groups donated …": the noun is the root, the verb its "acl"); None for any other verb. A news
    sentence has a predicate: the first such clause is it, and the root noun its subject."""
    root = verb.sent.root
    if verb.dep_ != "acl" or root.pos_ not in ("NOUN", "PROPN") or verb.i < root.i or verb.tag_ not in FINITE_OR_PAST:
        return None
    first = next((t for t in verb.sent if t.dep_ == "acl" and t.pos_ == "VERB" and t.i > root.i), None)
    return root if first is not None and first.i == verb.i else None


def _is_main(verb: Any) -> bool:
    """The sentence's own predicate, or what its speech verb reports."""
    if verb.dep_ == "ROOT" or _misread_predicate(verb) is not None:
        return verb.lemma_.lower() not in SPEECH
    return verb.dep_ in ("ccomp", "xcomp", "conj") and verb.head.dep_ == "ROOT" and verb.head.lemma_.lower() in SPEECH


def _subjects(verb: Any) -> list[Any]:
    """Who acts: the verb's subject, else that of the verb it depends on ("met and signed", "agreed
    to supply", "is ready to contribute", "…, easing restrictions"); "by X" for a passive; for
    "it"/"they" in reported speech ("Iraq said it would allow"), the speaker."""
    agent = [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return agent
    head, found = verb, [c for c in verb.children if c.dep_ in SUBJECTS]
    for _ in range(3):
        if not found and (subject := _misread_predicate(head)) is not None:
            found = [subject]
        # "China restored visa-free entry, easing …": a participle's subject is its clause's
        participle = head.dep_ == "advcl" and head.tag_ == "VBG"
        if found or (head.dep_ not in ("conj", "xcomp", "acomp") and not participle) or head.head.i == head.i:
            break
        conjunct, head = head.dep_ == "conj", head.head
        found = [c for c in head.children if c.dep_ in SUBJECTS]
        if not found and conjunct and _active(verb):
            # "was indicted … and will resign": who undergoes the first verb does the second
            found = [c for c in head.children if c.dep_ == "nsubjpass"]
    speaker = _reporting_verb(verb) if found and found[0].lower_ in ("it", "they", "we") else None
    if speaker is not None:
        found = [c for c in speaker.children if c.dep_ in SUBJECTS] or found
    out = []
    for subject in found:
        if _is_dateline(subject):  # "SEOUL (Harbor News) — Kim and Putin held …" parsed as SEOUL's apposition
            subject = next((c for c in reversed(list(subject.children)) if c.dep_ == "appos"), subject)
        out.append(subject)
        out += [c for c in subject.conjuncts]
    return out


def _active(verb: Any) -> bool:
    """Whether a verb that has no subject of its own is active: "will resign", "resigned", "has
    resigned"; "charged" in "was arrested and charged" shares the passive of the verb before it."""
    return verb.tag_ != "VBN" or any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in verb.children)


def _is_dateline(token: Any) -> bool:
    following = token.doc[token.i + 1:token.i + 2]
    return token.i < 4 and token.is_upper and len(token) > 2 and bool(following) and following[0].text in "(—–-,"


def _prep_objects(head: Any, preps: set[str]) -> list[Any]:
    """The objects of the head's prepositions, also of those hung on its particle ("kidnapped up to
    16 advisers", which the parser reads as "up" + "to 16 advisers")."""
    holders = [head] + [c for c in head.children if c.dep_ == "prt"]
    objects = []
    for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in preps):
        objects += _stranded_object(prep) or [g for g in prep.children if g.dep_ == "pobj"]
    return [g for g in objects if g.ent_type_ not in WHEN]


def _stranded_object(prep: Any) -> list[Any]:
    """The noun phrase right after a preposition that the parser left without an object, having made
    the phrase the subject of the next verb ("granted asylum to five officers holed up in …", read
    as "officers holed up"): the phrase's head; none for a preposition with an object."""
    if prep.n_lefts + prep.n_rights or prep.i + 1 >= len(prep.doc):
        return []
    token = prep.doc[prep.i + 1]
    while token.head.i > token.i and token.head.pos_ in ("NOUN", "PROPN") and token.dep_ not in ("prep", "pobj"):
        token = token.head
    return [token] if token.pos_ in ("NOUN", "PROPN") and token.dep_ in SUBJECTS else []


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
    if not out:  # "demanded that the Turkish government provide …": whom the demand is on
        for clause in (c for c in verb.children if c.dep_ == "ccomp"):
            out += [c for c in clause.children if c.dep_ in SUBJECTS]
    if not out:  # "threatened to cut off electricity to X", "prepared to resume shelling X": the act's party
        for complement in (c for c in verb.children if c.dep_ == "xcomp"):
            out += _targets(complement)
    return out


def _location(verb: Any) -> Any:
    """Where it happened: a place after "in", "at", "near", "off" on the verb or on its object."""
    heads = [verb] + [c for c in verb.children if c.dep_ in OBJECTS]
    for head in heads:
        for grand in _prep_objects(head, PLACE_PREPS):
            if grand.ent_type_ in ("GPE", "LOC", "FAC"):
                return grand
    return None


def _obligation(verb: Any) -> Coded | None:
    """"X said Y must drop barriers": X demands it of Y (REQUEST), whatever Y must do."""
    if not any(c.dep_ == "aux" and c.lower_ in OBLIGATION for c in verb.children):
        return None
    speaker = _reporting_verb(verb, SPEECH | DEMAND_VERBS)
    sources = [c for c in speaker.children if c.dep_ in SUBJECTS] if speaker is not None else []
    targets = [c for c in verb.children if c.dep_ in SUBJECTS]
    return Coded(verb=verb, type="REQUEST", mode=None, code="100", sources=sources, targets=targets,
                 location=_location(verb), confidence=0.7 + 0.15 * _is_main(verb))


def _refusal(verb: Any) -> Coded | None:
    """"will not accept", "refused to commit": a refusal is a REJECT by the subject."""
    negated = any(c.dep_ == "neg" for c in verb.children)
    future = any(c.dep_ == "aux" and c.lower_ in FUTURE | {"would"} for c in verb.children)
    if not (negated and (future or _reported(verb))):
        return None
    return Coded(verb=verb, type="REJECT", mode=None, code="120", sources=_subjects(verb), targets=_targets(verb),
                 location=_location(verb), confidence=0.6 + 0.15 * _is_main(verb))


def _manner_of(event: Coded, by_verb: dict[int, Coded]) -> Coded | None:
    """The act that a participle of the same type describes ("protested outside the embassy,
    chanting slogans against the war": one protest, whose parties both verbs name); None otherwise."""
    if event.verb.dep_ != "advcl" or event.verb.tag_ != "VBG":
        return None
    act = by_verb.get(event.verb.head.i)
    return act if act is not None and act.type == event.type else None


def code_sentence(sentence: Any) -> list[Coded]:
    """The events of one spaCy sentence, in verb order."""
    coded = []
    for token in sentence:
        if token.pos_ != "VERB" or token.lemma_.lower() in SPEECH:
            continue
        if token.dep_ in MODIFIER and _misread_predicate(token) is None:
            continue
        if _describes(token):
            continue
        if token.head.pos_ in ("NOUN", "PROPN") and token.i < token.head.i:
            continue  # "newly appointed prime minister": describes someone, happens to no one
        if (demand := _obligation(token)) is not None:
            coded.append(demand)
            continue
        if (refusal := _refusal(token)) is not None:
            coded.append(refusal)
            continue
        if is_hypothetical(token):
            continue
        found = classify(token)
        if found is None:
            continue
        entry, confidence = found
        kind, mode = entry["type"], entry.get("mode")
        if kind == "NONE":
            continue
        realized = REALIZED.get(entry["code"])
        if realized and token.lemma_.lower() not in INTENT_HEADS and not is_intention(token):
            kind, mode = realized  # "met for talks" happened: CONSULT, not CAMEO's intent to meet
        if is_intention(token) and kind not in VERBAL:
            kind, mode = ("THREATEN", None) if kind in HOSTILE else ("AGREE", None)
        if is_intention(token) and _ultimatum(token):
            kind, mode = "THREATEN", None  # "will withdraw its force unless a ceasefire is arranged"
        if _is_main(token):
            confidence += 0.15
        elif token.dep_ == "advcl" and token.tag_ == "VBG":
            confidence -= 0.2  # "demonstrated …, calling for independence": the manner, below the act
        targets = _targets(token)
        if kind in _lexicon()["grievance_types"]:  # "complained to the UN over Israeli raids": whom it is about
            targets += _prep_objects(token, word_set("grievance_preps"))
        if kind in _lexicon()["protest_types"]:  # "protested outside the American embassy": at its country
            sites = word_set("protest_sites")
            targets += [o for o in _prep_objects(token, PLACE_PREPS) if _object_words(o)[0] & sites]
        if entry.get("with_target") and any(t.ent_type_ in ("GPE", "NORP", "ORG") for h in targets for t in h.subtree):
            kind = entry["with_target"]  # missiles fired at a country: an attack, not a show of force
        coded.append(Coded(verb=token, type=kind, mode=mode, code=entry["code"], sources=_subjects(token),
                           targets=targets, location=_location(token), confidence=confidence,
                           context=entry.get("context"), alone=entry.get("alone"), together=entry.get("together")))
    # "threatened to impose", "refused to respond", "agreed to withdraw": the governing verb is the
    # event; what it governs is its content
    by_verb = {c.verb.i: c for c in coded}
    kept = []
    for event in coded:
        if (act := _manner_of(event, by_verb)) is not None:
            act.sources = act.sources or event.sources
            act.targets += [t for t in event.targets if t not in act.targets]
            continue
        governor = by_verb.get(event.verb.head.i) if event.verb.dep_ == "xcomp" else None
        if governor is None:
            kept.append(event)
            continue
        # its parties are the governor's where the governor names none ("threatened to cut off
        # electricity to Nakhichevan")
        governor.targets = governor.targets or event.targets
        governor.sources = governor.sources or event.sources
        governor.location = governor.location or event.location
        lemma = governor.verb.lemma_.lower()
        if event.type == "THREATEN" and lemma not in _lexicon()["agreeing_heads"] and (
                governor.type == "AGREE" or lemma in _lexicon()["vows"]):
            governor.type, governor.mode = "THREATEN", None  # "plans to impose restrictions": a threat
    return kept
