"""The cleaner removes what rules recognise and keeps every sentence of the story."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsledger.clean import clean_text, load_rules
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
