"""Actors: one entity per person, government, organisation and place, resolved against the KB."""

from __future__ import annotations

import pytest

from newsledger import extract_text
from newsledger.actors.kb import active_role, knowledge_base, name_key
from newsledger.model import Article, Entity
from newsledger.store import open_store

from .conftest import ENGLISH_SCRAPED

ALLIANCE = """\
Allies vow to keep pressure on Pyongyang

SEOUL (Harbor News) — U.S. Deputy Secretary of State Kurt Campbell said on Friday that Washington would \
keep pressure on North Korea after talks in Seoul with South Korean officials.

Allison Hooker, former senior director for Asia at the National Security Council, said the North had \
shipped artillery shells to Russia. Hooker added that North Korean troops were training near the border. \
She said Pyongyang wanted technology in return.

"We are watching closely," Campbell told reporters. The deputy secretary later flew to Tokyo.
"""


def entity(article: Article, text: str) -> Entity:
    """The entity that holds a mention with this text."""
    for e in article.entities:
        if any(article.body[s:t] == text for s, t in e.mentions):
            return e
    raise AssertionError(f"no entity mentions {text!r}: {[(e.name, e.mentions) for e in article.entities]}")


def mentions(article: Article, e: Entity) -> list[str]:
    return [article.body[s:t] for s, t in e.mentions]


@pytest.fixture(scope="module")
def alliance() -> Article:
    article = extract_text(ALLIANCE, published="2024-06-21")
    assert isinstance(article, Article)
    return article


def test_a_country_is_one_entity_whatever_it_is_called(alliance):
    north = entity(alliance, "North Korea")
    assert north.kb_id == "country:prk" and north.country == "PRK" and north.type == "GPE"
    assert {"North Korea", "the North", "North Korean", "Pyongyang"} <= set(mentions(alliance, north))
    assert entity(alliance, "Washington").country == "USA"  # the government, as the subject
    assert entity(alliance, "Washington").kb_id == "country:usa"


def test_a_capital_after_a_place_word_is_a_place(alliance):
    seoul = entity(alliance, "Seoul")
    assert seoul.type == "GPE" and seoul.kb_id is None and seoul.country == "KOR"
    assert seoul.name == "Seoul"
    assert "SEOUL" not in mentions(alliance, entity(alliance, "South Korean"))  # the dateline is a place too


def test_a_person_is_one_entity_through_surname_pronoun_and_title(alliance):
    hooker = entity(alliance, "Allison Hooker")
    assert {"Allison Hooker", "Hooker", "She"} <= set(mentions(alliance, hooker))
    assert hooker.roles == ["former senior director for Asia at the National Security Council"]
    campbell = entity(alliance, "Kurt Campbell")
    assert campbell.kb_id == "person:kurt-campbell" and campbell.country == "USA"
    assert {"Kurt Campbell", "Campbell", "The deputy secretary"} <= set(mentions(alliance, campbell))
    assert campbell.roles == ["U.S. Deputy Secretary of State"]
    assert campbell.role_at_date == "Deputy Secretary of State"  # the knowledge base, on the article's date


def test_the_dateline_outlet_is_not_an_actor(alliance):
    assert not any(e.name == "Harbor News" for e in alliance.entities)


def test_a_misspelt_known_name_with_a_consistent_role_joins_the_actor():
    text = ("Officials meet in Manila\n\nCut Campbell, U.S. Deputy Secretary of State, met Philippine officials on "
            "Monday. Campbell said the alliance was strong.\n")
    article = extract_text(text, published="2024-07-01")
    campbell = entity(article, "Campbell")
    assert campbell.kb_id == "person:kurt-campbell" and campbell.name == "Kurt Campbell"
    assert "Cut Campbell" in campbell.aliases
    assert "Cut Campbell" in mentions(article, campbell)


def test_two_people_who_share_a_family_name_stay_apart():
    text = ("Kim warns Seoul\n\nKim Yo Jong, the sister of leader Kim Jong Un, said on Tuesday that Seoul would "
            "pay for the leaflets. Kim Min-jun, an analyst at the Sejong Institute, said the statement was "
            "a warning. Kim Min-jun added that more launches were likely.\n")
    article = extract_text(text, published="2025-03-04")
    sister, analyst = entity(article, "Kim Yo Jong"), entity(article, "Kim Min-jun")
    leader = entity(article, "Kim Jong Un")
    assert len({sister.id, analyst.id, leader.id}) == 3
    assert sister.kb_id == "person:kim-yo-jong" and leader.kb_id == "person:kim-jong-un"
    assert analyst.kb_id is None and analyst.roles == ["analyst at the Sejong Institute"]


def test_organisations_and_their_country():
    article = extract_text(ENGLISH_SCRAPED)
    ministry = entity(article, "foreign ministry")
    assert ministry.type == "ORG" and ministry.country == "CHN"
    assert entity(article, "China").kb_id == "country:chn"
    teodoro = entity(article, "Gilberto Teodoro")
    assert teodoro.country == "PHL" and teodoro.roles == ["Defense Secretary"]


def test_korean_names_particles_and_titles():
    text = ("(서울=한빛일보) 조태열 외교부 장관은 24일 북한의 미사일 발사를 규탄했다. 조 장관은 "
            "\"평양은 도발을 멈춰야 한다\"고 말했다. 그는 워싱턴과 긴밀히 협의하겠다고 밝혔다. "
            "박지훈 한국국방연구원 연구위원은 북한이 추가 발사를 할 것이라고 내다봤다.\n")
    article = extract_text(text, language="ko", published="2024-06-24")
    cho = entity(article, "조태열")
    assert cho.kb_id == "person:cho-tae-yul" and cho.roles == ["외교부 장관"]
    assert {"조태열", "조", "그"} <= set(mentions(article, cho))
    north = entity(article, "북한")
    assert north.kb_id == "country:prk" and "평양" in mentions(article, north)
    assert entity(article, "서울").kb_id is None  # the dateline city is a place
    park = entity(article, "박지훈")
    assert park.roles == ["한국국방연구원 연구위원"] and park.kb_id is None


def test_korean_military_ranks_are_titles():
    text = ("(서울=한빛일보) 한지우 기자 = 해군작전사령부 공보실장 최민재 중령은 25일 \"북측 경비정이 물러났다\"고 "
            "말했다. 최 중령은 경계 태세를 유지하고 있다고 덧붙였다.\n")
    article = extract_text(text, language="ko", published="2025-04-25")
    choi = entity(article, "최민재")
    assert choi.type == "PERSON" and choi.roles == ["중령"]
    assert "최" in mentions(article, choi)  # family name + rank
    assert not any(e.name.startswith("한지우") and e.roles for e in article.entities)  # the byline holds no role
    assert [q.speaker.name for q in article.quotes if q.speaker][:1] == ["최민재"]


def test_a_korean_pair_of_countries_before_a_title_is_no_person():
    """"한미 국방장관" is the Korean and U.S. defence ministers, not a minister called 한미 (한 is
    a family name); a name before a title still is a person."""
    text = ("(서울=한빛일보) 한미 국방장관은 6일 서울에서 회담했다. 한미일 외교장관도 8일 도쿄에서 만난다. "
            "남궁민 국방연구원 연구위원은 \"억제력이 강화됐다\"고 말했다.\n")
    article = extract_text(text, language="ko", published="2026-05-06")
    people = [e.name for e in article.entities if e.type == "PERSON"]
    assert "한미" not in people and "한미일" not in people
    assert "남궁민" in people


def test_the_knowledge_base_knows_who_held_which_role_when():
    kb = knowledge_base()
    blinken = kb.get("person:antony-blinken")
    assert active_role(blinken, "2023-05-01")["title"] == "Secretary of State"
    assert active_role(blinken, "2026-05-01") is None
    assert name_key("Kim Jong-un") == name_key("KIM JONG UN") == "kim jong un"
    assert "country:prk" in kb.names[name_key("D.P.R.K.")]
    assert kb.get("country:kor")["country"] == "KOR"


def test_the_same_person_across_articles_is_one_actor_and_namesakes_stay_apart(db_url):
    first = extract_text("Talks\n\nKurt Campbell met Park Ji-hoon, a South Korean lawmaker, in Seoul on Monday.\n",
                         published="2024-05-06", id="a1")
    second = extract_text("Visit\n\nDeputy Secretary of State Kurt Campbell visited Tokyo. Park Ji-hoon, a South "
                          "Korean lawmaker, joined him.\n", published="2024-05-08", id="a2")
    third = extract_text("Film\n\nPark Ji-hoon, a Japanese film director, opened a show in Osaka.\n",
                         published="2024-05-09", id="a3")
    with open_store(db_url) as store:
        store.write_batch(store.start_run(), [first, second, third], [], read=3)
        campbell = store.actor("person:kurt-campbell")
        assert campbell["articles"] == 2 and campbell["first_seen"] == "2024-05-06"
        assert campbell["last_seen"] == "2024-05-08"
        assert {r["role"] for r in campbell["roles"]} == {"Deputy Secretary of State"}
        parks = store.actors(name="park ji-hoon")
        assert sorted((p["country"], p["articles"]) for p in parks) == [("JPN", 1), ("KOR", 2)]
        assert len({p["id"] for p in parks}) == 2
        korean = next(p for p in parks if p["country"] == "KOR")
        assert {row["article"] for row in store.actor(korean["id"])["in_articles"]} == {"a1", "a2"}
