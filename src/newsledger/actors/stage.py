"""The actors stage: the article's entities, resolved in the text and against the knowledge base."""

from __future__ import annotations

import re

from newsledger.actors.kb import knowledge_base
from newsledger.actors.korean import collect_korean_entities
from newsledger.actors.resolve import ArticleEntity, collect_entities
from newsledger.model import Entity
from newsledger.pipeline import Document, stage


def to_record(entity: ArticleEntity) -> Entity:
    return Entity(id=entity.id, name=entity.name, type=entity.type, kb_id=entity.kb_id, country=entity.country,
                  aliases=sorted(entity.aliases), roles=list(entity.roles),
                  mentions=[list(m) for m in entity.mentions], sector=entity.sector, role_at_date=entity.kb_role,
                  mention_kinds=[entity.kinds.get(m, "name") for m in entity.mentions])


class ActorsStage:
    def __call__(self, doc: Document) -> Document:
        art = doc.article
        date = (art.published or "")[:10] or None
        parsed = doc.annotations.get("spacy")
        if parsed is not None:
            entities = collect_entities(art.body, parsed, knowledge_base(), date)
        elif art.language == "ko":
            entities = collect_korean_entities(art.body, knowledge_base(), date)
        else:
            return doc
        entities = _without_outlet(entities, art.body)
        doc.annotations["actors"] = entities
        art.entities = [to_record(e) for e in entities]
        return doc


# "SEOUL (Meridian Wire) —", "(서울=하버뉴스)": the outlet of a dateline is the article's source,
# not an actor of the story.
_DATELINE_OUTLET = re.compile(r"^[^\n(]{0,40}\(([^)\n]{2,40})\)\s*[—–-]|^\([^=)\n]{1,20}=([^)\n]{2,30})\)")


def _without_outlet(entities: list[ArticleEntity], body: str) -> list[ArticleEntity]:
    match = _DATELINE_OUTLET.match(body)
    if match is None:
        return entities
    group = 1 if match.group(1) else 2
    start, end = match.span(group)
    kept = []
    for entity in entities:
        entity.mentions = [m for m in entity.mentions if not (start <= m[0] and m[1] <= end)]
        if entity.mentions:
            kept.append(entity)
    for number, entity in enumerate(kept, start=1):
        entity.id = f"E{number}"
    return kept


@stage("actors")
def make_actors_stage() -> ActorsStage:
    return ActorsStage()
