"""The pipeline composes registered stages; a stage that breaks on one article fails only that one."""

from __future__ import annotations

import pytest

from newsledger import Pipeline, extract_text, stage
from newsledger.contract import problems
from newsledger.model import Article, Failure, RawItem, Source
from newsledger.pipeline import DEFAULT_STAGES, registered_stages

from .conftest import ENGLISH_SCRAPED, KOREAN_SCRAPED


def test_builtin_stages_are_registered():
    assert set(DEFAULT_STAGES) <= set(registered_stages())


def test_unknown_stage_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown stage"):
        Pipeline(["clean", "nonsense"])


def test_a_new_stage_plugs_in_by_registration():
    @stage("shout")
    def make_shout():
        def shout(doc):
            doc.article.headline = (doc.article.headline or "").upper()
            return doc
        return shout

    pipeline = Pipeline([*DEFAULT_STAGES, "shout"], nlp=False)
    result = pipeline(RawItem(Source(), text=ENGLISH_SCRAPED))
    assert result.headline == "PHILIPPINES PROTESTS WATER CANNON ATTACK NEAR SECOND THOMAS SHOAL"


def test_a_stage_error_fails_one_document_and_the_rest_go_on():
    @stage("fragile")
    def make_fragile():
        def fragile(doc):
            if "Pyongyang" in doc.article.body:
                raise RuntimeError("cannot cope with Pyongyang")
            return doc
        return fragile

    pipeline = Pipeline([*DEFAULT_STAGES, "fragile"], nlp=False, batch_size=4)
    items = [RawItem(Source(path=f"{i}.txt"), text=t) for i, t in enumerate(
        ["SEOUL -- Talks went well, officials said.", "PYONGYANG -- Pyongyang said no.", ENGLISH_SCRAPED])]
    results = list(pipeline.pipe(items))
    assert [type(r).__name__ for r in results] == ["Article", "Failure", "Article"]
    assert results[1].reason == "fragile stage failed: RuntimeError: cannot cope with Pyongyang"
    assert results[1].source.path == "1.txt"


def test_reader_failures_pass_through_in_place():
    failure = Failure(Source(path="bad.txt"), "empty file")
    results = list(Pipeline(nlp=False).pipe([failure, RawItem(Source(), text="SEOUL -- It rained, they said.")]))
    assert results[0] is failure and isinstance(results[1], Article)


def test_input_metadata_wins_and_is_recorded():
    result = extract_text(ENGLISH_SCRAPED, nlp=False, id="pd-1", outlet="PD Online", published="2025-06-19",
                          language="en", url="https://pd.example/1")
    assert (result.id, result.outlet, result.published, result.source.url) == (
        "pd-1", "PD Online", "2025-06-19", "https://pd.example/1")
    assert result.metadata_source == {"language": "input", "headline": "text", "byline": "text",
                                      "outlet": "input", "published": "input", "url": "input"}
    guessed = extract_text(ENGLISH_SCRAPED, nlp=False)
    assert (guessed.outlet, guessed.published) == ("Pacific Dispatch", "2025-06-18")
    assert guessed.metadata_source["outlet"] == "text" and guessed.metadata_source["published"] == "text"


def test_html_metadata_fills_what_the_input_does_not_give():
    html = """<html><head><title>Allies meet in Tokyo | Harbor Wire</title>
    <meta property="og:title" content="Allies meet in Tokyo">
    <meta property="og:site_name" content="Harbor Wire">
    <meta property="article:published_time" content="2025-02-03T09:00:00+09:00">
    <meta name="author" content="Hana Ito"></head><body>
    <nav><a href="/">Home</a> <a href="/world">World</a></nav>
    <article><h1>Allies meet in Tokyo</h1>
    <p>TOKYO -- Foreign ministers of the three allies met in Tokyo on Monday to coordinate their response.</p>
    <p>"We stand together," the Japanese foreign minister told reporters after the meeting.</p>
    <p>The ministers agreed to meet again in the autumn in Seoul, officials said.</p></article>
    <footer>© 2025 Harbor Wire. All rights reserved.</footer></body></html>"""
    result = extract_text(html=html, nlp=False)
    assert result.headline == "Allies meet in Tokyo"
    assert result.outlet == "Harbor Wire" and result.metadata_source["outlet"] == "html"
    assert result.published.startswith("2025-02-03") and result.metadata_source["published"] == "html"
    assert result.byline == ["Hana Ito"]
    assert result.body.startswith("TOKYO -- Foreign ministers")
    assert "Allies meet in Tokyo" not in result.body
    assert problems(result.to_dict()) == []


def test_id_is_a_hash_of_the_normalised_body():
    a = extract_text("Talks resume\nSEOUL -- Talks resumed on Monday, officials said.", nlp=False)
    b = extract_text("Skip to main content\nTalks resume\nSEOUL --  Talks resumed on Monday, officials said.",
                     nlp=False)
    assert a.id == b.id and len(a.id) == 16


def test_nlp_stage_gives_sentences_in_english_and_korean():
    english = extract_text(ENGLISH_SCRAPED)
    korean = extract_text(KOREAN_SCRAPED)
    for article in (english, korean):
        assert len(article.sentences) >= 3
        assert all(0 <= s < e <= len(article.body) for s, e in article.sentences)
    first = english.body[slice(*english.sentences[0])]
    assert first.startswith("MANILA -- The Philippines lodged") and first.endswith("said.")
    assert any(korean.body[s:e] == "정부는 이날 국가안전보장회의를 열었다." for s, e in korean.sentences)


def test_records_speak_the_contract():
    record = extract_text(KOREAN_SCRAPED).to_dict()
    assert problems(record) == []
    assert list(record)[:16] == ["id", "source", "language", "headline", "subheadlines", "outlet", "credits",
                                 "byline", "published", "metadata_source", "body", "removed", "entities",
                                 "quotes", "times", "events"]
    assert Article.from_dict(record).to_dict() == record
