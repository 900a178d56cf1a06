"""Events: PLOVER types with resolved actors, country codes, date and place; not every verb is one."""

from __future__ import annotations

import pytest

from newsledger import extract_text
from newsledger.model import Article, Event

SUMMIT = """\
Putin and Kim sign defence pact in Pyongyang

SEOUL (Harbor News) — North Korean leader Kim Jong Un and Russian President Vladimir Putin held a summit \
in Pyongyang on Wednesday. Putin and Kim signed a comprehensive strategic partnership treaty.

South Korean officials said the North has supplied Russia with artillery shells. Seoul accused Pyongyang \
of violating United Nations sanctions. North Korea did not respond to the accusation.

Analysts said the pact could push Japan to expand its own defences. The foreign ministry said it was \
studying the text.
"""


@pytest.fixture(scope="module")
def summit() -> Article:
    article = extract_text(SUMMIT, published="2024-06-21")
    assert isinstance(article, Article)
    return article


def event_at(article: Article, words: str) -> list[Event]:
    at = article.body.index(words)
    return [e for e in article.events if e.sentence[0] <= at < e.sentence[1]]


def names(article: Article, ids: list[str]) -> set[str]:
    return {e.name for e in article.entities if e.id in ids}


def test_a_summit_is_a_consultation_with_place_and_date(summit):
    (event,) = event_at(summit, "held a summit")
    assert event.type == "CONSULT" and event.trigger == "held"
    assert set(event.source_country) == {"PRK", "RUS"} and set(event.target_country) == {"PRK", "RUS"}
    assert event.date == "2024-06-19"
    assert names(summit, [event.location]) == {"Pyongyang"}


def test_signing_a_treaty_is_coded_as_the_plover_table_says(summit):
    (event,) = event_at(summit, "signed a comprehensive")
    assert event.type == "SUPPORT" and event.code == "057"  # CAMEO 057 "sign formal agreement"
    assert names(summit, event.source) == {"Vladimir Putin", "Kim Jong Un"}
    assert event.source_country == event.target_country == ["PRK", "RUS"]  # together: each the other's party


def test_supplying_munitions_is_military_aid_between_countries(summit):
    events = [e for e in event_at(summit, "has supplied") if e.trigger == "supplied"]
    assert [(e.type, e.context, e.source_country, e.target_country) for e in events] == [
        ("AID", "military", ["PRK"], ["RUS"])]


def test_what_a_statement_accuses_is_an_event_but_the_statement_is_not(summit):
    (event,) = event_at(summit, "accused Pyongyang")
    assert event.type == "ACCUSE" and event.source_country == ["KOR"] and event.target_country == ["PRK"]
    assert not any(e.trigger == "said" for e in summit.events)


def test_negations_and_hypotheticals_are_not_events(summit):
    assert event_at(summit, "did not respond") == []
    assert event_at(summit, "could push Japan") == []


def test_water_cannon_is_force_between_two_countries():
    text = ("Philippine supply boat hit by water cannon near shoal\n\nA Chinese coast guard ship fired a water "
            "cannon at a Philippine supply boat near Second Thomas Shoal on Tuesday.\n")
    article = extract_text(text, published="2024-06-20")
    (event,) = article.events
    assert event.type in ("ASSAULT", "COERCE")
    assert event.source_country == ["CHN"] and event.target_country == ["PHL"] and event.date == "2024-06-18"


def test_intentions_demands_and_refusals():
    text = ("Talks\n\nJapan will provide emergency food aid to the Philippines. The minister said Beijing must "
            "release the detained sailors. China said it would not accept the ruling.\n")
    article = extract_text(text, published="2024-07-01")
    kinds = {(e.type, tuple(e.source_country), tuple(e.target_country)) for e in article.events}
    assert ("AGREE", ("JPN",), ("PHL",)) in kinds
    assert any(k[0] == "REQUEST" and k[2] == ("CHN",) for k in kinds)
    assert ("REJECT", ("CHN",), ()) in kinds or any(k[0] == "REJECT" and k[1] == ("CHN",) for k in kinds)


def test_one_happening_reported_twice_is_one_event():
    text = ("Strike\n\nRussia attacked Ukraine on Monday. Russia attacked Ukraine on Monday, officials repeated.\n")
    article = extract_text(text, published="2024-07-02")
    assert [e.type for e in article.events] == ["ASSAULT"]


def test_two_articles_reporting_one_happening_share_its_key(db_url):
    from newsledger.store import open_store

    first = extract_text("Kim and Putin meet in North Korean capital\n\nKim Jong Un and Vladimir Putin held "
                         "a summit in Pyongyang on Wednesday.\n", published="2024-06-21", id="s1")
    second = extract_text("Russian leader visits Pyongyang for summit talks\n\nVladimir Putin and Kim Jong Un "
                          "held a summit in Pyongyang on June 19.\n", published="2024-06-22", id="s2")
    (a,), (b,) = first.events, second.events
    assert a.happening == b.happening
    assert a.happening.startswith("CONSULT|person:kim-jong-un+person:vladimir-putin|")
    with open_store(db_url) as store:
        store.write_batch(store.start_run(), [first, second], [], read=2)
        rows = store.events(happening=a.happening)
        assert [(r["article_id"], r["type"], r["date"]) for r in rows] == [("s1", "CONSULT", "2024-06-19"),
                                                                           ("s2", "CONSULT", "2024-06-19")]


def test_an_act_named_by_a_noun_after_a_light_verb():
    text = ("Strike hits car in southern Lebanon port city\n\nThe Israeli military carried out a drone strike on a "
            "car in Tyre on Monday.\n")
    article = extract_text(text, published="2024-07-02")
    assert [(e.type, e.trigger, e.source_country) for e in article.events] == [("ASSAULT", "carried", ["ISR"])]
