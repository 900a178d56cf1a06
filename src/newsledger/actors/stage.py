"""The actors stage: the article's entities, resolved in the text and against the knowledge base."""

from __future__ import annotations

import re

from newsledger.actors.kb import knowledge_base
from newsledger.actors.korean import collect_korean_entities
from newsledger.actors.resolve import ArticleEntity, collect_entities
from newsledger.model import Article, Entity
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
            entities = collect_entities(art.body, parsed, knowledge_base(), date, art.dateline_span())
        elif art.language == "ko":
            entities = collect_korean_entities(art.body, knowledge_base(), date, art.dateline_span())
        else:
            return doc
        entities = _without_outlet(entities, art)
        doc.annotations["actors"] = entities
        art.entities = [to_record(e) for e in entities]
        return doc


def _without_outlet(entities: list[ArticleEntity], article: Article) -> list[ArticleEntity]:
    """"SEOUL (Meridian Wire) —", "(서울=하버뉴스)": the outlet named in the dateline is the article's
    source, not an actor of the story."""
    span = article.dateline_span()
    outlet = re.search(r"\((?:[^=)\n]{1,20}=)?([^)\n]{2,40})\)", article.dateline or "")
    if span is None or outlet is None:
        return entities
    start, end = span[0] + outlet.start(1), span[0] + outlet.end(1)
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
