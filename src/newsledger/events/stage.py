"""The events stage: PLOVER events with resolved actors, country codes, date and place."""

from __future__ import annotations

import bisect
from dataclasses import replace
from functools import lru_cache
from typing import Any

from newsledger.actors.kb import knowledge_base, name_key
from newsledger.actors.resolve import ArticleEntity
from newsledger.events.coder import PLACE_PREPS, Coded, code_sentence, word_set
from newsledger.events.korean import korean_events
from newsledger.lexicons import load_toml
from newsledger.model import Article, Event
from newsledger.pipeline import Document, stage
from newsledger.time.assign import date_of_span

# Below this, an event is too weakly found to report (measured on our event gold: precision 0.49 ->
# 0.57 for recall 0.67 -> 0.64).
MIN_CONFIDENCE = 0.55
# Objects that name the act itself, whose names are no party to it.
EVENT_NOUNS = {"exercise", "drill", "talk", "summit", "treaty", "agreement", "deal", "accord", "pact", "meeting",
               "patrol", "operation", "mission", "dialogue", "consultation", "negotiation", "game", "maneuver",
               "manoeuvre", "visit", "conference", "forum"}
# Sectors of the bodies that belong to no country.
INTERNATIONAL = {"IGO", "NGO"}
# Sectors of the bodies that report events, whose country is not that of the events they report.
REPORTERS = {"MED"}
# Types whose parties act together: "Putin and Kim signed" -> each is the other's target.
MUTUAL = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT"}


@lru_cache(maxsize=1)
def _lexicon() -> dict[str, Any]:
    return load_toml("newsledger.events", "lexicon", "en")


def _qualified(entity: ArticleEntity, start: int, text: str) -> bool:
    """Whether the mention at `start` names no party of its country: a stance ("anti-Syria") or an
    ethnic group ("ethnic Albanians"), whose country is where its members live."""
    lex = _lexicon()
    before = text[max(0, start - 12):start].casefold()
    words = before.split()
    ethnic = before.endswith(" ") and bool(words) and words[-1] in lex["ethnic_words"]
    return entity.country is not None and (ethnic or any(before.endswith(p) for p in lex["stance_prefixes"]))


class Parties(list[ArticleEntity]):
    """An article's entities as the parties of its events, with their mentions indexed by where
    they start: every head of every coded event asks which entity is named at it or inside its
    phrase, and scanning every mention of every entity for each made the stage quadratic."""

    def __init__(self, entities: list[ArticleEntity]) -> None:
        super().__init__(entities)
        self._mentions = sorted((s, t, n) for n, e in enumerate(self) for s, t in e.mentions)
        self._starts = [s for s, _, _ in self._mentions]
        self._longest = max((t - s for s, t, _ in self._mentions), default=0)

    def holding(self, offset: int) -> list[ArticleEntity]:
        """The entities with a mention over `offset`, in the article's entity order."""
        low = bisect.bisect_left(self._starts, offset - self._longest)
        high = bisect.bisect_right(self._starts, offset)
        return [self[n] for n in sorted({n for s, t, n in self._mentions[low:high] if offset < t})]

    def named_within(self, spans: list[tuple[int, int]]) -> list[ArticleEntity]:
        """The entities with a mention starting inside one of `spans`, first named first."""
        first: dict[int, int] = {}
        for a, b in spans:
            for s, _, n in self._mentions[bisect.bisect_left(self._starts, a):bisect.bisect_left(self._starts, b)]:
                first[n] = min(s, first.get(n, s))
        return [self[n] for n in sorted(first, key=lambda n: (first[n], n))]


def _as_parties(entities: list[ArticleEntity], text: str) -> Parties:
    """The entities without their mentions that name no party ("anti-Syria", "ethnic Albanians"),
    once per article."""
    out = []
    for entity in entities:
        kept = [m for m in entity.mentions if not _qualified(entity, m[0], text)]
        if kept == entity.mentions:
            out.append(entity)
        elif kept:
            out.append(replace(entity, mentions=kept))
    return Parties(out)


def _residence(head: Any, entities: Parties) -> list[ArticleEntity]:
    """Where a group lives or acts, for a group that names no country of its own: "security forces in
    Guinea", "a group based in Trinidad", "Albanians of southern Serbia" -> the place's country; not
    what its members do elsewhere ("students protesting the war in Syria")."""
    lex = _lexicon()
    preps = set(lex["residence_preps"])
    for node in _residing(head, set(lex["residence_verbs"])):
        for prep in (c for c in node.children if c.dep_ == "prep" and c.lower_ in preps):
            for pobj in (g for g in prep.children if g.dep_ == "pobj"):
                for place in (t for t in _residing(pobj, set(lex["residence_verbs"]))
                              if t.ent_type_ in ("GPE", "LOC")):
                    found = [e for e in entities.holding(place.idx) if e.country]
                    if found:
                        return found[:1]
    return []


def _residing(node: Any, verbs: set[str]) -> list[Any]:
    """A phrase's tokens, into the clauses that say where it is ("based in", "operating in") and no
    other clause."""
    out = [node]
    for child in node.children:
        if child.dep_ in ("acl", "relcl", "advcl") and child.lemma_.lower() not in verbs:
            continue
        out += _residing(child, verbs)
    return out


def _is_demonym(entity: ArticleEntity, token: Any) -> bool:
    actor = knowledge_base().get(entity.kb_id or "")
    return bool(actor) and name_key(token.text) in {name_key(d) for d in actor.get("demonyms", ())}


def entities_in(head: Any, entities: Parties) -> list[ArticleEntity]:
    """The entities named in the phrase a token heads: the one whose mention holds the head word,
    else those named in the phrase ("a Chinese coast guard ship" -> China), first named first; a
    group that names no country of its own takes that of where it lives ("rebels in Sudan")."""
    holding = entities.holding(head.idx)
    if holding and _is_demonym(holding[0], head) and (home := _residence(head, entities)):
        return home  # "the Albanians of southern Serbia"
    named = holding[:1] or _named_in_phrase(head, entities)
    if not any(e.country for e in named) and not _international(named) and (linked := _linked(head, entities)):
        return linked  # "the Europe Bridge spanning the Rhine from France to Germany"
    return named or _residence(head, entities)


def _named_in_phrase(head: Any, entities: Parties) -> list[ArticleEntity]:
    """The entities named in the phrase without its place ("a summit in Pyongyang" names no party),
    first named first: "U.S. and Russian negotiators" are both."""
    return entities.named_within([(t.idx, t.idx + len(t)) for t in _phrase(head)])


def _linked(head: Any, entities: Parties) -> list[ArticleEntity]:
    """The countries a bridge, road or pipeline of none of its own links ("a pipeline linking Iraq
    to Turkey", "the bridge spanning the river from France to Germany"), as its clause names them."""
    verbs = word_set("link_verbs")
    places = [t for c in head.children if c.dep_ == "acl" and c.lemma_.lower() in verbs for t in c.subtree
              if t.ent_type_ in ("GPE", "LOC")]
    named = {id(e) for t in places for e in entities.holding(t.idx)}
    return [e for e in entities if e.country and id(e) in named]


def _places_in(verb: Any, own_clause: bool = True) -> list[Any]:
    """Places named after the verb ("imposed in Sudan", "to refugees … in Liberia"), in its own
    clause first: not in a clause of its own ("… to protest the sending of troops to Iraq")."""
    tokens = _own_clause(verb) if own_clause else list(verb.subtree)
    return [t for t in tokens if t.i > verb.i and t.ent_type_ in ("GPE", "LOC") and t.ent_iob_ == "B"]


def _happened_in(verb: Any) -> list[Any]:
    """The places of the verb's own clause that stand after "in", "at", "near", "outside" …: where it
    happened, not whose it is ("U.S. troops", "outside the Russian embassy"); also in its subject
    ("a roadside bomb near Samarra killed …")."""
    def placed(token: Any) -> bool:
        while token.i != verb.i and token.head.i != token.i:
            if token.dep_ == "prep" and token.lower_ in PLACE_PREPS:
                return True
            token = token.head
        return False

    return [t for t in _own_clause(verb) if _names_place(t) and t.ent_iob_ == "B" and placed(t)]


def _names_place(token: Any) -> bool:
    """A place's name; also a name the tagger took for a people's ("near the town of Samarra") where
    it stands as the place itself, not as a demonym that qualifies one ("outside the Russian embassy")."""
    return token.ent_type_ in ("GPE", "LOC") or (token.ent_type_ == "NORP" and token.dep_ in ("pobj", "compound"))


def _own_clause(verb: Any) -> list[Any]:
    out = []
    for child in verb.children:
        if child.dep_ in ("advcl", "ccomp", "xcomp", "relcl", "acl", "conj", "parataxis") and child.pos_ in ("VERB",
                                                                                                          "AUX"):
            continue
        out += [t for t in child.subtree if not _in_clause_below(t, child)]
    return out


def _in_clause_below(token: Any, top: Any) -> bool:
    """Whether a token lies in a clause that hangs below `top` ("students who protested in Sivas")."""
    while token.i != top.i and token.head.i != token.i:
        if token.dep_ in ("advcl", "ccomp", "xcomp", "relcl", "acl") and token.pos_ in ("VERB", "AUX"):
            return True
        token = token.head
    return False


def _phrase(head: Any) -> list[Any]:
    """The tokens of a noun phrase, leaving out its place and time phrases and clauses."""
    out = [head]
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in PLACE_PREPS | {"on", "during", "after", "before"}:
            continue
        if child.dep_ in ("relcl", "acl", "advcl", "appos"):
            continue
        out += _phrase(child)
    return out


def _pair(head: Any, entities: Parties) -> list[ArticleEntity]:
    """"The two leaders", "both sides": the last two people (or countries) of two countries named
    before the phrase, as the reader takes them."""
    lex = _lexicon()
    lemma = head.lemma_.lower()
    if not any(c.lower_ in lex["pair_numbers"] for c in head.children if c.dep_ in ("nummod", "det", "predet")):
        return []
    if lemma in lex["pair_people"]:
        kinds = {"PERSON"}
    elif lemma in lex["pair_countries"]:
        kinds = {"GPE"}
    else:
        return []
    before = sorted(((s, e) for e in entities if e.type in kinds and e.country for s, _ in e.mentions
                     if s < head.idx), key=lambda x: -x[0])
    out: list[ArticleEntity] = []
    for _, entity in before:
        if all(entity.country != e.country for e in out):
            out.append(entity)
        if len(out) == 2:
            return out
    return []


def _side(heads: list[Any], entities: Parties) -> list[ArticleEntity]:
    out: list[ArticleEntity] = []
    for head in heads:
        if head.lemma_.lower() in EVENT_NOUNS:
            continue  # "began their annual Balikatan exercises": the name of the act, not a party
        for entity in entities_in(head, entities) or _pair(head, entities):
            if entity not in out:
                out.append(entity)
    return out


def to_event(coded: Coded, sentence: Any, article: Article, entities: Parties,
             home: str | None = None) -> Event:
    """The record of a coded event; `home` is the country of the story's dateline, whose people the
    unnamed police, protesters and crowds of a sentence that names no country are."""
    sources, targets = _side(coded.sources, entities), _side(coded.targets, entities)
    kind = coded.type
    if coded.alone and len({e.country for e in sources + targets if e.country}) < 2:
        kind = coded.alone  # exercises by one country alone
    if coded.together and len({e.country for e in sources if e.country}) > 1:
        kind = coded.together  # drills by the troops of several countries
    if not targets and len(sources) > 1 and kind in MUTUAL:
        targets = list(sources)
    location = _side([coded.location], entities) if coded.location is not None else []
    where = location or _side(_places_in(coded.verb), entities)
    if not targets:  # no party named: where it happened ("troops arrived in Bosnia", "curfew in Sudan")
        targets = [e for e in where if e not in sources][:1]
    start, end = sentence.start_char, sentence.end_char
    date, _ = date_of_span(article, start, end)
    source_country = sorted({e.country for e in sources if e.country})
    target_country = sorted({e.country for e in targets if e.country})
    lex = _lexicon()
    if not sources and kind in lex["local_actor_types"]:  # "a roadside bomb near Basra killed …"
        source_country = sorted({e.country for e in _side(_happened_in(coded.verb), entities) if e.country})[:1]
    if not source_country and _ethnic(coded.sources):  # "ethnic Turks protested against Sweden's decision"
        source_country = _where_it_happened(coded.verb, entities)
    if not target_country and _ethnic(coded.targets):
        target_country = _where_it_happened(coded.verb, entities)
    if not target_country and kind in lex["domestic_target_types"] and any(
            _nouns(h) & set(lex["domestic_targets"]) and not entities_in(h, entities) for h in coded.targets):
        target_country = source_country  # "police dispersed the demonstrators"
    if not targets and not target_country:  # a place named further on, in a clause of its own
        targets = [e for e in _side(_places_in(coded.verb, own_clause=False), entities) if e not in sources][:1]
        target_country = sorted({e.country for e in targets if e.country})
    # the countries in view, not the news agency that reports it ("…, two commanders told AFP")
    named = {e.country for e in entities if e.country and e.sector not in REPORTERS
             and any(start <= s < end for s, _ in e.mentions)}
    if not named and home and kind in lex["local_actor_types"]:  # "police detained 14 people" (TEL AVIV —)
        source_country = source_country or ([] if sources else [home])
        target_country = target_country or ([] if targets else [home])
    if len(named) == 1:  # a domestic happening: the unnamed side belongs to the one country in view
        source_country = source_country or ([] if _international(sources) else sorted(named))
        target_country = target_country or ([] if _international(targets) else sorted(named))
    confidence = coded.confidence + 0.1 * bool(sources) + 0.05 * bool(targets) + 0.05 * (coded.verb.dep_ == "ROOT")
    return Event(id="", type=kind, mode=coded.mode, trigger=coded.verb.text,
                 source=[e.id for e in sources], target=[e.id for e in targets],
                 source_country=source_country, target_country=target_country,
                 date=date, location=location[0].id if location else None, sentence=[start, end],
                 confidence=round(min(confidence, 1.0), 2), context=coded.context, code=coded.code)


def _ethnic(heads: list[Any]) -> bool:
    """Whether a side is an ethnic group ("ethnic Albanians", "a third of ethnic Serb fighters"),
    whose members are of the country where they live, not of their demonym's."""
    words = word_set("ethnic_words")
    return any(t.lower_ in words for h in heads for t in _phrase(h))


def _where_it_happened(verb: Any, entities: Parties) -> list[str]:
    """The country of the first place the verb's clause names ("sworn to fight for villages near
    Macedonia's border"): where an ethnic group of no named residence lives, as PLOVER codes it."""
    places = [t for t in verb.subtree if t.ent_type_ in ("GPE", "LOC") and t.ent_iob_ == "B"]
    return next(([e.country] for e in _side(places, entities) if e.country), [])


def _nouns(head: Any) -> set[str]:
    """What a phrase names: its head, and for a quantity its "of" ("dozens of students")."""
    return {head.lemma_.lower()} | {g.lemma_.lower() for c in head.children if c.dep_ == "prep" and c.lower_ == "of"
                                    for g in c.children if g.dep_ == "pobj"}


def _international(side: list[ArticleEntity]) -> bool:
    """Whether a side is an international body (the UN, the EU, the IAEA, an NGO): it stands for no
    country, not even the one country its sentence names."""
    return any(e.type == "ORG" and not e.country and e.sector in INTERNATIONAL for e in side)


def happening_key(event: Event, entities: list[ArticleEntity]) -> str:
    """Type, parties (knowledge-base ids where known, else countries, else names), date and place,
    normalised so that two articles reporting one happening give the same key."""
    by_id = {e.id: e for e in entities}

    def party(ids: list[str], countries: list[str]) -> str:
        names = sorted({by_id[i].kb_id or by_id[i].name.casefold() for i in ids if i in by_id})
        return "+".join(names) or "+".join(countries) or "?"

    place = by_id.get(event.location)
    where = (place.kb_id or place.name.casefold()) if place else "?"
    return "|".join([event.type, party(event.source, event.source_country), party(event.target, event.target_country),
                     event.date or "?", where])


def same_happening(a: Event, b: Event) -> bool:
    """Two events of one article that report one happening: same type, parties and date."""
    return a.happening == b.happening and bool(a.source)


def _home(entities: list[ArticleEntity], article: Article) -> str | None:
    """The country of the place the story is filed from ("TEL AVIV (Northwind Press) —")."""
    span = article.dateline_span()
    return next((e.country for e in entities if e.country and span is not None
                 and any(span[0] <= m[0] < span[1] for m in e.mentions)), None)


def _after_dateline(entities: list[ArticleEntity], article: Article) -> list[ArticleEntity]:
    """The entities without their dateline mention: "SEOUL (Harbor News) —" places the story, it
    takes no part in the first sentence's events."""
    span = article.dateline_span()
    if span is None:
        return entities
    out = []
    for entity in entities:
        kept = [m for m in entity.mentions if not span[0] <= m[0] < span[1]]
        if kept == entity.mentions:
            out.append(entity)
        elif kept:
            out.append(replace(entity, mentions=kept))
    return out


class EventsStage:
    """`min_confidence`: events less sure than this are left out (a verb in a participle clause,
    coded by its default alone, with no party named); 0 keeps every one."""

    def __init__(self, min_confidence: float = MIN_CONFIDENCE) -> None:
        self.min_confidence = min_confidence

    def __call__(self, doc: Document) -> Document:
        parsed = doc.annotations.get("spacy")
        if doc.article.language == "ko" and "kiwi" in doc.annotations:
            entities = _after_dateline(doc.annotations.get("actors", []), doc.article)
            found = korean_events(doc.article, doc.annotations["kiwi"], entities)
        elif parsed is not None and doc.article.language == "en":
            entities = _as_parties(_after_dateline(doc.annotations.get("actors", []), doc.article), doc.article.body)
            home = _home(doc.annotations.get("actors", []), doc.article)
            found = (to_event(coded, sentence, doc.article, entities, home)
                     for sentence in parsed.sents for coded in code_sentence(sentence))
        else:
            return doc
        events: list[Event] = []
        for event in found:
            if event.confidence < self.min_confidence:
                continue
            event.id = f"V{len(events) + 1}"
            event.happening = happening_key(event, entities)
            if not any(same_happening(event, other) for other in events):
                events.append(event)
        doc.article.events = events
        return doc


@stage("events")
def make_events_stage(min_confidence: float = MIN_CONFIDENCE) -> EventsStage:
    return EventsStage(min_confidence)
