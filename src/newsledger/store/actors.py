"""Actors across articles: each entity of a stored article joins one actor row.

An entity the knowledge base knows is that actor. Any other entity with a full name joins the
actor of the same name and type whose country and sector do not contradict its own, else a new
one ("person~kim-min-jun~2": the same name, someone else). A bare one-word name ("Kim") is too
little to merge on and gets an actor of its own article; a Korean name in Hangul ("한승우") is one
word and a full name.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from newsledger.actors.kb import name_key
from newsledger.model import Article, Entity


def _slug(text: str) -> str:
    """"Park Ji-hoon" -> "park-ji-hoon"; a Korean name keeps its letters ("서울")."""
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(ch))
    return re.sub(r"[\W_]+", "-", unicodedata.normalize("NFC", text)).strip("-") or "x"


def _agrees(row: tuple[Any, ...], entity: Entity) -> bool:
    _, country, sector = row
    return (not country or not entity.country or country == entity.country) and \
        (not sector or not entity.sector or sector == entity.sector)


def _korean_full_name(key: str) -> bool:
    """"한승우": a Korean name is written as one word, family name and given name together."""
    return 3 <= len(key) <= 4 and all("\uac00" <= ch <= "\ud7a3" for ch in key)


def actor_id_for(store: Any, article: Article, entity: Entity) -> str:
    if entity.kb_id:
        return entity.kb_id
    key = name_key(entity.name)
    base = f"{entity.type.lower()}~{_slug(entity.name)}"
    if (entity.type == "PERSON" and len(key.split()) < 2 and not _korean_full_name(key)) or not key:
        return f"{base}~{_slug(article.id)}-{entity.id.lower()}"
    rows = store.execute("SELECT id, country, sector FROM actors WHERE name_key = ? AND type = ? AND kb_id IS NULL "
                         "ORDER BY id", (key, entity.type)).fetchall()
    for row in rows:
        if _agrees(row, entity):
            return row[0]
    return base if not rows else f"{base}~{len(rows) + 1}"


def link_actors(store: Any, article: Article) -> None:
    """Record the article's entities as actors (inside the caller's transaction)."""
    date = (article.published or "")[:10] or None
    for entity in article.entities:
        actor_id = actor_id_for(store, article, entity)
        store.execute(
            "INSERT INTO actors (id, kb_id, name, name_key, type, country, sector, first_seen, last_seen, articles) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1) ON CONFLICT (id) DO UPDATE SET "
            "articles = actors.articles + 1, country = COALESCE(actors.country, excluded.country), "
            "sector = COALESCE(actors.sector, excluded.sector), "
            "first_seen = CASE WHEN actors.first_seen IS NULL OR excluded.first_seen < actors.first_seen "
            "THEN excluded.first_seen ELSE actors.first_seen END, "
            "last_seen = CASE WHEN actors.last_seen IS NULL OR excluded.last_seen > actors.last_seen "
            "THEN excluded.last_seen ELSE actors.last_seen END",
            (actor_id, entity.kb_id, entity.name, name_key(entity.name), entity.type, entity.country, entity.sector,
             date, date))
        for name in [entity.name, *entity.aliases]:
            store.execute("INSERT INTO actor_names (actor_id, name) VALUES (?, ?) ON CONFLICT DO NOTHING",
                          (actor_id, name))
        for role in entity.roles:
            store.execute("INSERT INTO actor_roles (actor_id, role, article_id, date) VALUES (?, ?, ?, ?) "
                          "ON CONFLICT DO NOTHING", (actor_id, role, article.id, date))
        store.execute("INSERT INTO article_entities (article_id, entity_id, actor_id, mentions) VALUES (?, ?, ?, ?) "
                      "ON CONFLICT DO NOTHING", (article.id, entity.id, actor_id, len(entity.mentions)))
