"""The events stage: PLOVER events with resolved actors, country codes, date and place."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from newsledger.actors.resolve import ArticleEntity
from newsledger.events.coder import PLACE_PREPS, Coded, code_sentence
from newsledger.events.korean import korean_events
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
# Types whose parties act together: "Putin and Kim signed" -> each is the other's target.
MUTUAL = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT"}


def entities_in(head: Any, entities: list[ArticleEntity]) -> list[ArticleEntity]:
    """The entities named in the phrase a token heads: the one whose mention holds the head word,
    else those named in the phrase ("a Chinese coast guard ship" -> China), first named first."""
    holding = [e for e in entities if any(s <= head.idx < t for s, t in e.mentions)]
    if holding:
        return holding[:1]
    # the phrase without its place ("a summit in Pyongyang" names no party)
    spans = [(t.idx, t.idx + len(t)) for t in _phrase(head)]
    inside = sorted(((min(s for s, _ in e.mentions if any(a <= s < b for a, b in spans)), e) for e in entities
                     if any(a <= s < b for s, _ in e.mentions for a, b in spans)), key=lambda x: x[0])
    return [e for _, e in inside]  # "U.S. and Russian negotiators": both


def _places_in(verb: Any) -> list[Any]:
    """Places named after the verb in its clause ("imposed in Sudan", "to refugees … in Liberia")."""
    return [t for t in verb.subtree if t.i > verb.i and t.ent_type_ in ("GPE", "LOC") and t.ent_iob_ == "B"]


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


def _side(heads: list[Any], entities: list[ArticleEntity]) -> list[ArticleEntity]:
    out: list[ArticleEntity] = []
    for head in heads:
        if head.lemma_.lower() in EVENT_NOUNS:
            continue  # "began their annual Balikatan exercises": the name of the act, not a party
        for entity in entities_in(head, entities):
            if entity not in out:
                out.append(entity)
    return out


def to_event(coded: Coded, sentence: Any, article: Article, entities: list[ArticleEntity]) -> Event:
    sources, targets = _side(coded.sources, entities), _side(coded.targets, entities)
    kind = coded.type
    if coded.alone and len({e.country for e in sources + targets if e.country}) < 2:
        kind = coded.alone  # exercises by one country alone
    if not targets and len(sources) > 1 and kind in MUTUAL:
        targets = list(sources)
    location = _side([coded.location], entities) if coded.location is not None else []
    if not targets:  # no party named: where it happened ("troops arrived in Bosnia", "curfew in Sudan")
        targets = [e for e in location or _side(_places_in(coded.verb), entities) if e not in sources][:1]
    start, end = sentence.start_char, sentence.end_char
    date, _ = date_of_span(article, start, end)
    source_country = sorted({e.country for e in sources if e.country})
    target_country = sorted({e.country for e in targets if e.country})
    named = {e.country for e in entities if e.country and any(start <= s < end for s, _ in e.mentions)}
    if len(named) == 1:  # a domestic happening: the unnamed side belongs to the one country in view
        source_country = source_country or sorted(named)
        target_country = target_country or sorted(named)
    confidence = coded.confidence + 0.1 * bool(sources) + 0.05 * bool(targets) + 0.05 * (coded.verb.dep_ == "ROOT")
    return Event(id="", type=kind, mode=coded.mode, trigger=coded.verb.text,
                 source=[e.id for e in sources], target=[e.id for e in targets],
                 source_country=source_country, target_country=target_country,
                 date=date, location=location[0].id if location else None, sentence=[start, end],
                 confidence=round(min(confidence, 1.0), 2), context=coded.context, code=coded.code)


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
        entities = _after_dateline(doc.annotations.get("actors", []), doc.article)
        parsed = doc.annotations.get("spacy")
        if doc.article.language == "ko" and "kiwi" in doc.annotations:
            found = korean_events(doc.article, doc.annotations["kiwi"], entities)
        elif parsed is not None and doc.article.language == "en":
            found = (to_event(coded, sentence, doc.article, entities)
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
