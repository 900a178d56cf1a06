"""The cleaner removes what rules recognise and keeps every sentence of the story."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.clean import clean_text, load_rules
from newsledger.clean.cleaner import names_of_line
from newsledger.clean.rules import parse_rules

from .conftest import ENGLISH_SCRAPED, KOREAN_SCRAPED


@pytest.fixture(scope="module")
def english():
    return clean_text(ENGLISH_SCRAPED, load_rules("en"))


@pytest.fixture(scope="module")
def korean():
    return clean_text(KOREAN_SCRAPED, load_rules("ko"))


@pytest.mark.parametrize("junk", [
    "Skip to main content", "Home > World > Asia", "Subscribe | Log in", "Text Size", "Share this article",
    "Related stories", "Japan and Philippines sign troop access pact", "Vietnam reclaims land in Spratlys",
    "Sign up for eNewsletter", "Join us on social!", "All rights reserved", "[Image source", "Pacific Dispatch file",
])
def test_english_boilerplate_leaves_the_body(english, junk):
    assert junk not in english.body


@pytest.mark.parametrize("story", [
    '"We will not be intimidated," Defense Secretary Gilberto Teodoro said.',
    "The vessel returned to port.",
    "Diplomatic channels",
    "China's foreign ministry said the Philippine boat had \"intruded\" into Chinese waters.",
    "MANILA -- The Philippines lodged a diplomatic protest on Tuesday",
])
def test_short_story_lines_stay(english, story):
    assert story in english.body


def test_english_metadata(english):
    assert english.headline == "Philippines protests water cannon attack near Second Thomas Shoal"
    assert english.subheadlines == ["Manila summons Chinese envoy after third incident this month"]
    assert english.byline == ["Daniel Okafor", "Maria Santos"]
    assert english.byline_outlet == "Pacific Dispatch"
    assert english.copyright_outlet == "Pacific Dispatch"
    assert english.published == "2025-06-18"
    assert english.dateline == "MANILA --"
    assert "Pacific Dispatch" in english.credits


def test_headline_repeat_and_caption_twice_are_removed(english):
    assert english.headline not in english.body
    assert "A Philippine supply boat is hit by a water cannon" not in english.body
    reasons = {r.reason for r in english.removed}
    assert {"boilerplate", "credit", "caption", "headline", "metadata"} <= reasons


def test_every_removed_piece_is_kept_with_a_reason(english):
    original_lines = [ln for ln in ENGLISH_SCRAPED.splitlines() if ln.strip()]
    body_and_removed = english.body + "\n" + "\n".join(r.text for r in english.removed)
    for line in original_lines:
        # a line is either in the body, or removed (whole or as a cut tag plus its remainder)
        assert line in body_and_removed or any(r.text in line for r in english.removed if r.text), line


def test_korean(korean):
    assert korean.headline == '북한, 동해상으로 탄도미사일 발사…한미 "강력 규탄"'
    assert korean.subheadlines == ['합참 "추가 도발 가능성 예의주시"']
    assert korean.published == "2025-06-10T14:05"
    assert korean.byline == ["김민수"]
    assert korean.copyright_outlet == "한빛일보"
    assert "한빛일보" in korean.credits
    for junk in ("본문 바로가기", "글자크기", "관련기사", "북한, 정찰위성 발사 예고", "공유하기", "무단전재"):
        assert junk not in korean.body
    assert "정부는 이날 국가안전보장회의를 열었다." in korean.body
    assert korean.body.startswith("(서울=한빛일보) 김민수 기자 = 북한이 10일")


def test_one_line_quote_paragraph_is_story_even_after_a_section_header():
    text = ("Allies weigh response\nBy Hana Ito\nWASHINGTON -- Officials met on Monday to weigh a response.\n"
            "Most read\n\"This is not a drill,\" the official said.\nThe meeting lasted three hours.")
    result = clean_text(text, load_rules("en"))
    assert '"This is not a drill," the official said.' in result.body
    assert "The meeting lasted three hours." in result.body
    assert "Most read" not in result.body


def test_user_rules_extend_the_builtin_ones(tmp_path: Path):
    extra = tmp_path / "mysite.toml"
    extra.write_text("[[rule]]\nkind = 'boilerplate'\nname = 'mysite-promo'\npatterns = ['''Try Premium.*''']\n")
    text = "Talks resume in Geneva\nGENEVA -- Talks resumed on Monday.\nTry Premium for 1 dollar\nThey end on Friday."
    assert "Try Premium" in clean_text(text, load_rules("en")).body
    result = clean_text(text, load_rules("en", (extra,)))
    assert "Try Premium" not in result.body
    assert any(r.rule == "mysite-promo" for r in result.removed)


def test_bad_rule_file_is_named_in_the_error():
    with pytest.raises(ValueError, match=r"my\.toml: rule 'x' has unknown kind"):
        parse_rules("[[rule]]\nkind = 'nonsense'\nname = 'x'\npatterns = []\n", "my.toml")
    with pytest.raises(ValueError, match="bad pattern"):
        parse_rules("[[rule]]\nkind = 'boilerplate'\nname = 'y'\npatterns = ['(']\n", "my.toml")


def test_text_without_any_boilerplate_is_unchanged():
    text = "Seoul and Tokyo agree to resume talks.\n\nThe ministers met in Busan on Saturday."
    result = clean_text(text, load_rules("en"))
    assert result.body == text
    assert result.removed == []


NAV_HEAVY = """\
☰ MENU    🔍 SEARCH    SUBSCRIBE
TRENDING: Election · Typhoon · Trade talks
The Capital Review  |  Log in  |  Subscribe
Politics  Economy  Security  Tech  Opinion
ANALYSIS
Kim Jong Un Visits Russia Again
Reporting by Mina Cho; Editing by Paul Grant
13.06.2025 — 18:05 JST
Accept all    Manage preferences
VLADIVOSTOK -- North Korean leader Kim Jong Un arrived in Russia on Friday, state media said.
The visit covers three points:
- energy
- rail links
- fisheries
Defence
The two sides did not publish an agenda.
Copyright (c) The Capital Review 2025. All Rights Reserved.
"""


def test_headline_is_chosen_over_navigation_rows():
    result = clean_text(NAV_HEAVY, load_rules("en"))
    assert result.headline == "Kim Jong Un Visits Russia Again"
    assert result.byline == ["Mina Cho"]
    assert result.published == "2025-06-13T18:05+09:00"
    assert result.copyright_outlet == "The Capital Review"
    for junk in ("MENU", "TRENDING", "Politics", "ANALYSIS", "Accept all", "Log in"):
        assert junk not in result.body
    assert result.body.startswith("VLADIVOSTOK -- North Korean leader")


def test_short_list_items_and_a_subhead_stay():
    result = clean_text(NAV_HEAVY, load_rules("en"))
    for story in ("- energy", "- rail links", "- fisheries", "Defence", "The visit covers three points:"):
        assert story in result.body.split("\n\n")
    plain = clean_text("Deal signed\nSEOUL -- They agreed on:\nenergy\nrail links\nfisheries\nIt ends in May.",
                       load_rules("en"))
    assert "rail links" in plain.body


def test_name_alone_under_the_headline_is_the_byline():
    text = ("As arms control treaty nears expiry, guardrails wobble\nNAOMI FELD\nSenior Fellow, Nuclear Program\n"
            "When the treaty expires in February, both sides will be unconstrained for the first time.\n"
            "Naomi Feld is a senior fellow at the institute.")
    result = clean_text(text, load_rules("en"))
    assert result.byline == ["Naomi Feld"]
    assert result.subheadlines == []
    assert result.body == "When the treaty expires in February, both sides will be unconstrained for the first time."


def test_page_title_gives_the_outlet_and_its_masthead_goes():
    text = ("Allies hold drills off Okinawa | World | Eastern Courier\nEastern Courier\n"
            "Allies hold drills off Okinawa\nBy Ken Ito\n"
            "NAHA -- Japanese and U.S. ships held drills on Monday, officials said.")
    result = clean_text(text, load_rules("en"))
    assert result.headline == "Allies hold drills off Okinawa"
    assert result.page_outlet == "Eastern Courier"
    assert result.body == "NAHA -- Japanese and U.S. ships held drills on Monday, officials said."


@pytest.mark.parametrize(("line", "names"), [
    ("Naomi Feld", ["Naomi Feld"]),
    ("JOSEFINA R. DELA CRUZ", ["Josefina R. Dela Cruz"]),
    ("Aarav Mehta | New Delhi", ["Aarav Mehta"]),
    ("Hiroshi Kubota — Tokyo bureau chief", ["Hiroshi Kubota"]),
    ("Olena Marsh in Kyiv and Peter Quayle in Istanbul", ["Olena Marsh", "Peter Quayle"]),
    ("North Korea fires missile", []),
    ("Sanctions pressure", []),
    ("The talks ended.", []),
])
def test_names_of_a_byline_line(line, names):
    assert names_of_line(line) == names


def test_korean_bracket_byline_and_reporter_bio():
    text = ("국정원 \"北, 러시아에 3천명 추가 파병\"\n- 김정은 연내 방러 가능성도 거론\n[동방타임즈=최유진 기자]\n"
            "승인 2025.09.04 18:20\n북한이 러시아에 약 3000명을 추가로 파병한 것으로 파악됐다.\n"
            "최유진 기자는 외교·안보를 취재하고 있습니다.")
    result = clean_text(text, load_rules("ko"))
    assert result.headline == '국정원 "北, 러시아에 3천명 추가 파병"'
    assert result.byline == ["최유진"]
    assert result.updated == "2025-09-04T18:20"
    assert result.body == "북한이 러시아에 약 3000명을 추가로 파병한 것으로 파악됐다."


def test_hard_wrapped_plain_text_is_joined_and_nothing_is_taken_for_a_headline():
    text = ("SEOUL -- North Korea fired a short-range ballistic missile into the\n"
            "sea off its east coast on Friday, South Korea's military said, the\n"
            "third launch this month.\n\n"
            "\"We are watching closely,\" a spokesman said, adding that the\n"
            "missile flew about 300 kilometres.\n")
    result = clean_text(text, load_rules("en"))
    assert result.headline is None and result.removed == []
    assert result.body.split("\n\n") == [
        "SEOUL -- North Korea fired a short-range ballistic missile into the sea off its east coast on Friday, "
        "South Korea's military said, the third launch this month.",
        "\"We are watching closely,\" a spokesman said, adding that the missile flew about 300 kilometres."]
