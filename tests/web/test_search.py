"""Search on SQLite (FTS5) and PostgreSQL (tsvector): the index catches up with what was stored
before it, follows what is stored after, and every filter narrows the same way on both."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import psycopg
import pytest

from newsledger.model import Article, Entity, Quote, Source, Speaker
from newsledger.store import Store, open_store
from newsledger.web.search import Filters, ensure_index, search_articles, search_quotes, snippet, terms
from newsledger.web.stores import StorePool


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    url = str(tmp_path / "search.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    with open_store(url) as opened:
        yield opened


def article(article_id: str, headline: str, body: str, *, outlet: str, language: str, published: str,
            speaker: tuple[str, str, str] | None = None) -> Article:
    """An article; with `speaker` (name, knowledge-base id, country) its first sentence is their quote."""
    entities, quotes = [], []
    if speaker:
        name, kb_id, country = speaker
        entities = [Entity(id="E1", name=name, type="PERSON", kb_id=kb_id, country=country, mentions=[[0, 1]])]
        end = body.index(".")
        quotes = [Quote(id="Q1", text=body[:end], start=0, end=end, kind="indirect",
                        speaker=Speaker(name=name, entity="E1", role="Minister"), confidence=0.9)]
    return Article(id=article_id, headline=headline, body=body, outlet=outlet, language=language,
                   published=published, source=Source(path=f"{article_id}.txt"), entities=entities, quotes=quotes)


CANNON = article("a1", "Water cannon fired near shoal", "Coast guard ships fired water cannons near the shoal. "
                 "The crew was unhurt.", outlet="Harbor Wire", language="en", published="2025-03-14",
                 speaker=("Jay Tarriela", "person:jay-tarriela", "PHL"))
SANCTIONS = article("a2", "New sanctions on shipping", "Sanctions were announced against ten shipping firms.",
                    outlet="Pacific Dispatch", language="en", published="2024-06-20")
MISSILE_KO = article("a3", "북한, 탄도미사일 발사", "북한이 동해상으로 탄도미사일을 발사했다. 합참이 밝혔다.",
                     outlet="한빛일보", language="ko", published="2025-01-06",
                     speaker=("김정은", "person:kim-jong-un", "PRK"))


def ids(rows: list[dict], key: str = "id") -> list[str]:
    return sorted(row[key] for row in rows)


def test_index_catches_up_then_follows_every_stored_article(store):
    run = store.start_run()
    store.write_batch(run, [CANNON, SANCTIONS], [], read=2)
    assert ensure_index(store) is True  # built now, with what was stored before
    assert ensure_index(store) is False  # and only once
    store.write_batch(run, [MISSILE_KO], [], read=1)  # stored after: the trigger indexes it
    none = Filters()
    assert ids(search_articles(store, "cannon", none, 10)) == ["a1"]
    assert ids(search_articles(store, "sanction", none, 10)) == ["a2"]  # each word is a prefix
    assert ids(search_articles(store, "북한", none, 10)) == ["a3"]  # finds 북한이: Korean particles
    assert ids(search_articles(store, "WATER Cannons", none, 10)) == ["a1"]
    assert ids(search_articles(store, "water sanctions", none, 10)) == []  # every word must be there
    assert ids(search_articles(store, None, none, 10)) == ["a1", "a2", "a3"]  # no words: newest first
    assert [r["id"] for r in search_articles(store, "", none, 2)] == ["a1", "a3"]
    quotes = search_quotes(store, "tarriela", none, 10)  # the speaker's name is searched with the text
    assert [(q["article"], q["quote"], q["speaker_actor"]) for q in quotes] == [("a1", "Q1", "person:jay-tarriela")]
    assert ids(search_quotes(store, "탄도미사일", none, 10), "article") == ["a3"]


def test_filters_narrow_articles_and_quotes(store):
    ensure_index(store)  # on an empty store: everything comes through the trigger
    store.write_batch(store.start_run(), [CANNON, SANCTIONS, MISSILE_KO], [], read=3)

    def found(**filters: str) -> tuple[list[str], list[str]]:
        chosen = Filters.of(**filters)
        return ids(search_articles(store, None, chosen, 10)), ids(search_quotes(store, None, chosen, 10), "article")

    assert found(outlet="Harbor Wire") == (["a1"], ["a1"])
    assert found(language="ko") == (["a3"], ["a3"])
    assert found(date_from="2025-01-01") == (["a1", "a3"], ["a1", "a3"])
    assert found(date_from="2025-01", date_to="2025-01") == (["a3"], ["a3"])  # a month is its whole month
    assert found(date_to="2024") == (["a2"], [])
    assert found(country="prk") == (["a3"], ["a3"])  # articles naming an actor of it; quotes by one
    assert found(speaker="person:jay-tarriela") == (["a1"], ["a1"])  # an actor id
    assert found(speaker="tarri") == (["a1"], ["a1"])  # or part of a name
    assert found(speaker="%") == ([], [])  # LIKE's wildcards are plain characters
    assert found(outlet="Harbor Wire", language="ko") == ([], [])


@pytest.mark.parametrize("query", ['"; DROP TABLE articles; --', "NEAR(water", "water*", "' OR 1=1 --", "a\x00b",
                                   "-cannon", "col:water", "^water", "(water) & !cannon:*"])
def test_hostile_queries_are_words_not_syntax(store, query):
    ensure_index(store)
    store.write_batch(store.start_run(), [CANNON], [], read=1)
    search_articles(store, query, Filters(), 10)
    search_quotes(store, query, Filters.of(speaker=query, outlet=query), 10)
    assert store.count() == 1


def test_terms_and_snippets():
    assert terms("  Water-cannon, WATER; 북한이 _x_ ") == ["water", "cannon", "북한이", "x"]
    assert terms(None) == [] and terms("!!!") == []
    assert len(terms(" ".join(f"w{i}" for i in range(50)))) == 10
    text = "Intro words here. " * 30 + "Ships fired water cannons at the boat." + " Tail text." * 30
    parts = snippet(text, ["water", "cannon"])
    assert ("water", True) in parts and ("cannons", True) in parts
    assert parts[0] == ("… ", False) and parts[-1] == (" …", False)
    assert sum(len(p) for p, _ in parts) < 300
    assert snippet("Short text.", []) == [("Short text.", False)]


def test_the_servers_connections_cannot_write(store):
    store.write_batch(store.start_run(), [CANNON], [], read=1)
    pool = StorePool(store.target.location, size=1)
    with pool.borrow() as reader, pytest.raises((sqlite3.OperationalError, psycopg.Error), match=r"read-?only"):
        reader.execute("DELETE FROM articles")
    pool.close()
    assert store.count() == 1
