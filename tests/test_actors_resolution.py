"""Actors: in-article resolution of name variants, pronouns, descriptions, capitals and bodies
(sentences written for these tests)."""

from __future__ import annotations

from newsledger import extract_text
from newsledger.actors.kb import name_key
from newsledger.model import Article

from .test_actors import entity, mentions


def extract(text: str, published: str) -> Article:
    article = extract_text(text, published=published)
    assert isinstance(article, Article)
    return article


def test_arabic_particles_and_given_names_are_one_key():
    assert name_key("Omar El Bashir") == name_key("Omar Al Bashir") == name_key("Omar al-Bashir")
    assert name_key("Mohamed Salah") == name_key("Muhammad Salah")
    assert name_key("Elena Marsh") != name_key("Alena Marsh")  # whole words only


def test_short_names_hyphenated_family_names_and_particles():
    text = ("Envoys meet\n\nKHARTOUM (Harbor News) — Sudanese President Omar El Bashir met envoys on Monday. "
            "El-Bashir told reporters the talks had failed. Wi Sung-lac, a South Korean adviser, said the talks "
            "mattered. Wi, a veteran diplomat, added that Linda Thomas-Greenfield agreed. Thomas-Greenfield said "
            "the council would meet.\n")
    article = extract(text, "2005-01-01")
    assert entity(article, "Omar El Bashir").kb_id == "person:umar-al-bashir"
    assert entity(article, "El-Bashir").id == entity(article, "Omar El Bashir").id
    assert entity(article, "Wi").id == entity(article, "Wi Sung-lac").id
    assert entity(article, "Thomas-Greenfield").id == entity(article, "Linda Thomas-Greenfield").id


def test_a_longer_name_after_the_article_wins():
    text = ("Summit opens\n\nBRUSSELS (Harbor News) — Leaders of the North Atlantic Treaty Organization met on "
            "Tuesday. Officials said the North had fired a missile, and North Korea denied it.\n")
    article = extract(text, "2024-07-01")
    nato = entity(article, "North Atlantic Treaty Organization")
    assert nato.kb_id == "org:nato"
    assert entity(article, "the North").kb_id == "country:prk"


def test_pronouns_prefer_the_subject_of_their_clause():
    text = ("Leaders to meet\n\nWASHINGTON (Harbor News) — Donald Trump said he wanted to meet Kim Jong Un during "
            "his visit to Seoul. Enrique Manalo thanked Marco Rubio for what he called steady support.\n\n"
            "Marco Rubio said Donald Trump was not hostile to the alliance. \"We are not leaving. But we want "
            "a stronger alliance,\" he said.\n")
    article = extract(text, "2025-04-03")
    trump, rubio, manalo = (entity(article, n) for n in ("Donald Trump", "Marco Rubio", "Enrique Manalo"))
    body = article.body
    spans = {body[s:t] + str(s) for s, t in trump.mentions}
    assert any(x.startswith("he") for x in spans) and any(x.startswith("his") for x in spans)
    said = body.index("he said")
    assert any(s == said for s, _ in rubio.mentions)
    called = body.index("he called")
    assert any(s == called for s, _ in manalo.mentions)


def test_a_pronoun_in_a_quote_is_not_its_speaker():
    text = ("Sister's warning\n\nSEOUL (Harbor News) — Kim Yo Jong issued a statement on Monday. Park Ji-hoon, "
            "a professor at Korea University, said Kim Yo Jong's words were official policy. \"When she speaks, "
            "she speaks for her brother,\" Park said.\n")
    article = extract(text, "2025-03-04")
    sister = entity(article, "Kim Yo Jong")
    assert mentions(article, sister).count("she") == 2 and "her" in mentions(article, sister)


def test_a_title_written_in_the_article_before_one_the_knowledge_base_knows():
    text = ("Talks\n\nSEOUL (Harbor News) — Secretary of State Antony Blinken said Kim Jong Un posed a threat. "
            "The secretary later flew to Tokyo.\n")
    article = extract(text, "2024-07-01")
    assert "The secretary" in mentions(article, entity(article, "Antony Blinken"))


def test_a_description_by_kind_and_modifiers_that_must_agree():
    text = ("Ships collide\n\nMANILA (Harbor News) — Ships collided in the South China Sea on Sunday. "
            "The Foreign Ministry of North Korea said nothing. Ministers discussed a code of conduct for "
            "the waterway, and the presidential office declined to comment.\n")
    article = extract(text, "2024-07-01")
    assert "the waterway" in mentions(article, entity(article, "South China Sea"))
    assert not any(article.body[s:t] == "the presidential office" for e in article.entities for s, t in e.mentions)


def test_a_capital_is_the_government_where_a_stance_is_taken_towards_it():
    text = ("Allies weigh response\n\nSEOUL (Harbor News) — Officials met in Seoul on Monday. The plan was aimed "
            "at Washington, and critics of Beijing welcomed it. The missile was fired from the Sunan area of "
            "Pyongyang, and experts noted the growth of Pyongyang's arsenal. Overtures from Seoul went "
            "unanswered.\n")
    article = extract(text, "2024-07-01")
    body = article.body
    by_offset = {s: e for e in article.entities for s, _ in e.mentions}
    assert by_offset[body.index("in Seoul") + 3].kb_id is None  # the city
    assert by_offset[body.index("Washington")].kb_id == "country:usa"
    assert by_offset[body.index("Beijing")].kb_id == "country:chn"
    assert by_offset[body.index("area of Pyongyang") + 8].kb_id is None
    assert by_offset[body.index("Pyongyang's")].kb_id == "country:prk"
    assert by_offset[body.index("from Seoul") + 5].kb_id == "country:kor"


def test_bodies_named_in_lower_case():
    text = ("China warns Manila\n\nMANILA (Harbor News) — A Chinese coast guard ship fired a water cannon at a "
            "Philippine vessel on Sunday. In Beijing, foreign ministry spokesperson Mao Ning said Manila should "
            "stop. Chen Yu-ting, a professor at National Chengchi University, said the drills were larger.\n")
    article = extract(text, "2024-07-01")
    assert entity(article, "coast guard").kb_id == "org:chn-china-coast-guard"
    ministry = entity(article, "foreign ministry")
    assert ministry.type == "ORG" and ministry.country == "CHN"
    university = entity(article, "National Chengchi University")
    assert university.type == "ORG"
