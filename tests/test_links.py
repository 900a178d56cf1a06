"""Links across articles: near-duplicates, stories, the same statement, citations (issue 7).

The articles are written for these tests: one statement by a (fictional) U.S. official reported by
three outlets (one a wire copy), an unrelated story the same day, and a later article recalling
the statement. Every test runs the real pipeline and the real store.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsledger import Ledger
from newsledger.cli import app
from newsledger.link import fingerprint
from newsledger.link.statements import (
    QuoteProfile,
    anchors,
    attribution_context,
    concepts,
    day_range,
    news_day,
    recalls,
    spokesperson_of,
)

A1 = {"id": "hw-0621-whitfield", "outlet": "Harbor Wire", "published": "2026-06-21T10:00:00+09:00", "language": "en", "text": """U.S. envoy warns North Korea-Russia pact is reshaping Seoul's nuclear debate

SEOUL (Harbor Wire) — U.S. Under Secretary of State Laura Whitfield said on Sunday that the deepening military partnership between North Korea and Russia was pushing some South Koreans toward calls for their own nuclear weapons.

"The closer Pyongyang and Moscow become, the louder the voices in Seoul asking for a bomb of their own," Whitfield told reporters after meeting South Korean Foreign Minister Park Min-seo at the foreign ministry.

She said Washington remained committed to extended deterrence and would expand consultations on nuclear planning with Seoul this year.

Park said the two sides had agreed to hold a new round of the Nuclear Consultative Group talks in August. "Our alliance answers every provocation together," he said.

North Korea has sent artillery shells and missiles to Russia for its war in Ukraine, according to South Korean and U.S. officials, and is believed to have received air-defense systems in return.

The meeting came two days after Russian and North Korean officials marked the second anniversary of their mutual defense treaty in Pyongyang.

Whitfield is scheduled to travel to Tokyo on Sunday for talks with Japanese officials.
"""}
A2 = {"id": "cl-0621-whitfield", "outlet": "Capital Ledger", "published": "2026-06-21T15:30:00+09:00", "language": "en", "text": """Whitfield says Pyongyang-Moscow ties feed calls for a South Korean bomb

SEOUL (Capital Ledger) — A senior U.S. diplomat warned on Sunday that North Korea's growing military ties with Russia were strengthening voices in South Korea that want nuclear arms.

Under Secretary of State Laura Whitfield said the closer Pyongyang and Moscow became, the louder the voices in Seoul asking for their own bomb grew.

Speaking after talks with Foreign Minister Park Min-seo, Whitfield said the United States would expand consultations on nuclear planning with its ally this year.

Park told reporters the allies would hold the next Nuclear Consultative Group meeting in August. "Our alliance answers every provocation together," he said.

Pyongyang and Moscow signed a mutual defense treaty two years ago, and Seoul says the North has shipped millions of artillery shells to Russia since 2023.
"""}
A3 = {"id": "pd-0621-whitfield", "outlet": "Pacific Dispatch", "published": "2026-06-21T11:20:00+09:00", "language": "en", "text": """U.S. official: North Korea-Russia pact fuels nuclear debate in South Korea

SEOUL (Harbor Wire) — U.S. Under Secretary of State Laura Whitfield said on Sunday that the deepening military partnership between North Korea and Russia was pushing some South Koreans toward calls for their own nuclear weapons.

"The closer Pyongyang and Moscow become, the louder the voices in Seoul asking for a bomb of their own," Whitfield told reporters after meeting South Korean Foreign Minister Park Min-seo at the foreign ministry.

She said Washington remained committed to extended deterrence and would expand consultations on nuclear planning with Seoul this year.

Park said the two sides had agreed to hold a new round of the Nuclear Consultative Group talks in August. "Our alliance answers every provocation together," he said.

North Korea has sent artillery shells and missiles to Russia for its war in Ukraine, according to South Korean and U.S. officials.
"""}
A4 = {"id": "hw-0621-senkaku", "outlet": "Harbor Wire", "published": "2026-06-21T18:00:00+09:00", "language": "en", "text": """Japan protests as Chinese coast guard ships enter waters near Senkakus

TOKYO (Harbor Wire) — Japan lodged a protest with China on Sunday after four Chinese coast guard vessels entered Japanese territorial waters near the Senkaku Islands in the East China Sea, the government said.

"It is extremely regrettable that Chinese vessels entered our territorial waters again," Chief Cabinet Secretary Hideo Kuramoto told a news conference in Tokyo.

The Japan Coast Guard said the ships stayed in the waters for about two hours and approached a Japanese fishing boat before leaving.

China, which calls the islands Diaoyu, said its coast guard had carried out a routine law-enforcement patrol in its own waters.

The uninhabited islands are administered by Japan and claimed by China and Taiwan.
"""}
A5 = {"id": "cl-0625-nuclear", "outlet": "Capital Ledger", "published": "2026-06-25T09:00:00+09:00", "language": "en", "text": """South Korean lawmakers revive nuclear armament debate

SEOUL (Capital Ledger) — A group of South Korean lawmakers on Wednesday called for a national debate on developing nuclear weapons, citing North Korea's deepening military cooperation with Russia.

"We can no longer rely only on promises made in Washington," Representative Cho Young-hwan told a forum at the National Assembly.

Earlier, Whitfield said on the 21st that the closer Pyongyang and Moscow became, the louder the voices in Seoul asking for their own bomb grew.

The foreign ministry said the government's commitment to the Nuclear Non-Proliferation Treaty was unchanged.
"""}
ALL = [A1, A2, A3, A4, A5]


def _feed(tmp_path: Path, articles: list[dict], name: str = "feed.jsonl") -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in articles), encoding="utf-8")
    return path


def _stories(ledger: Ledger) -> list[list[str]]:
    return sorted(sorted(s["articles"]) for s in ledger.store.story_memberships())


@pytest.fixture(scope="module")
def linked(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[list[str]], list[dict], dict[tuple, str]]:
    """Stories, links, and the text of every quote by (article, quote id)."""
    tmp = tmp_path_factory.mktemp("links")
    with Ledger(tmp / "links.db") as ledger:
        ledger.ingest([_feed(tmp, ALL)])
        quotes = {(q["article"], q["quote"]): q["text"] for q in ledger.store.quotes()}
        return _stories(ledger), ledger.store.links(), quotes


def test_wire_copy_is_a_near_duplicate(linked):
    _, links, _ = linked
    duplicates = [(x["a"]["article"], x["b"]["article"]) for x in links if x["type"] == "duplicate"]
    assert duplicates == [(A1["id"], A3["id"])]
    assert "shingles" in next(x["evidence"] for x in links if x["type"] == "duplicate")


def test_one_story_per_happening_and_the_distractor_apart(linked):
    stories, _, _ = linked
    assert sorted([A1["id"], A2["id"], A3["id"]]) in stories
    assert [A4["id"]] in stories  # the same day, another story
    assert [A5["id"]] in stories  # four days on, a debate of its own that recalls the statement
    assert sum(len(s) for s in stories) == len(ALL)


def test_same_statement_direct_and_paraphrase(linked):
    _, links, quotes = linked

    def text(end: dict) -> str:
        return quotes[(end["article"], end["quote"])]

    paraphrase = [x for x in links if x["type"] == "same_statement"
                  and {x["a"]["article"], x["b"]["article"]} == {A1["id"], A2["id"]}
                  and "the louder the voices in Seoul" in text(x["a"]) and "the louder the voices" in text(x["b"])]
    assert len(paraphrase) == 1, "the direct quote and its paraphrase are one statement"
    assert {text(paraphrase[0]["a"]).startswith("The closer"), text(paraphrase[0]["b"]).startswith("The closer")} \
        == {True, False}
    evidence = paraphrase[0]["evidence"]
    assert "same speaker Laura Whitfield" in evidence and "2026-06-21 both" in evidence
    assert "content similarity" in evidence
    # nothing joins statements of different speakers
    assert not any(x["type"] == "same_statement" and A4["id"] in (x["a"]["article"], x["b"]["article"])
                   for x in links)


def test_a_recalled_statement_cites_the_article_that_reported_it(linked):
    _, links, _ = linked
    cites = [x for x in links if x["type"] == "cites"]
    assert cites and all(x["a"]["article"] == A5["id"] for x in cites)
    assert {x["b"]["article"] for x in cites} <= {A1["id"], A2["id"], A3["id"]}
    assert all(x["a"]["quote"] and x["b"]["quote"] for x in cites)
    assert "recalls an earlier statement (2026-06-21)" in cites[0]["evidence"]


def _quote_links(ledger: Ledger) -> list[dict]:
    return [x for x in ledger.store.links() if x["type"] != "same_story"]


def test_incremental_ingest_joins_stored_stories_and_a_rebuild_gives_the_same(tmp_path):
    with Ledger(tmp_path / "inc.db") as ledger:
        ledger.ingest([_feed(tmp_path, [A1, A4], "first.jsonl")])
        ledger.ingest([_feed(tmp_path, [A2, A3, A5], "second.jsonl")])
        incremental, links = _stories(ledger), _quote_links(ledger)
        ledger.link(rebuild=True)
        assert _stories(ledger) == incremental
        assert _quote_links(ledger) == links
        rebuilt = ledger.store.links()
        ledger.link(rebuild=True)
        assert ledger.store.links() == rebuilt  # story ids and reasons too
    assert sorted([A1["id"], A2["id"], A3["id"]]) in incremental


def test_no_link_then_link(tmp_path):
    with Ledger(tmp_path / "later.db", link=False) as ledger:
        ledger.ingest([_feed(tmp_path, [A1, A2])])
        assert ledger.store.links() == [] and len(ledger.store.unlinked_articles()) == 2
        summary = ledger.link()
        assert summary.articles == 2 and summary.joined_stories == 1
        assert ledger.store.unlinked_articles() == []


def test_links_and_stories_commands(tmp_path):
    runner = CliRunner()
    db = str(tmp_path / "cli.db")
    assert runner.invoke(app, ["ingest", str(_feed(tmp_path, [A1, A3, A4])), "--db", db]).exit_code == 0
    result = runner.invoke(app, ["links", "--db", db, "--type", "duplicate"])
    assert result.exit_code == 0
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [(r["a"]["article"], r["b"]["article"]) for r in rows] == [(A1["id"], A3["id"])]
    assert set(rows[0]) >= {"type", "a", "b", "score", "evidence"}
    result = runner.invoke(app, ["stories", "--db", db, "--min-articles", "2"])
    stories = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert [sorted(s["articles"]) for s in stories] == [sorted([A1["id"], A3["id"]])]
    assert runner.invoke(app, ["links", "--db", db, "--type", "friends"]).exit_code == 2
    out = tmp_path / "links.csv"
    result = runner.invoke(app, ["export", "--links", "-f", "csv", "-o", str(out), "--db", db])
    assert result.exit_code == 0 and out.read_text().startswith("type,a_article,a_quote,b_article,b_quote")
    result = runner.invoke(app, ["export", "--stories", "--db", db])
    assert '"story"' in result.stdout


@pytest.fixture(scope="module")
def example_db_with_links(tmp_path_factory: pytest.TempPathFactory) -> list[list[str]]:
    tmp = tmp_path_factory.mktemp("examples")
    examples = Path(__file__).resolve().parents[1] / "examples"
    with Ledger(tmp / "examples.db") as ledger:
        ledger.ingest([examples])
        languages = {a["id"]: a["language"] for a in ledger.articles(limit=100)}
        return [[languages[i] for i in s] for s in _stories(ledger)]


def test_cross_language_story_in_the_examples(example_db_with_links):
    """The examples hold Korean and English reports of one day's news (Kurt Campbell's remarks,
    the Putin-Kim pact, the Scarborough water cannon): the text model reads only English, so
    shared actors bring them together."""
    assert sum(set(s) == {"en", "ko"} for s in example_db_with_links) >= 2


@pytest.mark.postgres
def test_postgresql_links_like_sqlite(pg_url, linked, tmp_path):
    with Ledger(pg_url) as ledger:
        ledger.ingest([_feed(tmp_path, ALL)])
        assert _stories(ledger) == linked[0]
        assert ledger.store.links() == linked[1]
        assert {(q["article"], q["quote"]): q["text"] for q in ledger.store.quotes()} == linked[2]


# -- the parts, one by one ---------------------------------------------------------------------

def test_minhash_estimates_shared_shingles():
    copy = fingerprint.signature(A1["text"], "en"), fingerprint.signature(A3["text"], "en")
    other = fingerprint.signature(A4["text"], "en")
    assert fingerprint.similarity(*copy) > 0.6 > 0.1 > fingerprint.similarity(copy[0], other)
    assert set(fingerprint.band_keys(copy[0])) & set(fingerprint.band_keys(copy[1]))


def test_day_ranges_and_news_days():
    assert day_range("2026-06-21") == ("2026-06-21", "2026-06-21")
    assert day_range("2026-W25") == ("2026-06-15", "2026-06-21")
    assert day_range("2026-02") == ("2026-02-01", "2026-02-28")
    assert day_range("2026") is None
    assert news_day(["2026-06-20", "2026-06-21", "2026-06-21", None], "2026-06-22") == "2026-06-21"
    assert news_day([None, "2026-W25"], "2026-06-22") == "2026-06-22"


def test_recalls_by_cue_or_by_date():
    assert recalls("Earlier, Whitfield said on the 21st that", "en", "2026-06-21", "2026-06-21")
    assert recalls("Whitfield said on Tuesday that", "en", "2026-06-16", "2026-06-21")
    assert not recalls("Whitfield said on Sunday that", "en", "2026-06-21", "2026-06-21")
    assert recalls("지난 21일 휘트필드 차관은 라고 말한 바 있다", "ko", "2026-06-21", "2026-06-21")


def test_a_recall_cue_in_what_the_sentence_adds_is_not_the_quotes():
    """'"…," Oh said, adding that Seoul had offered talks earlier in the month': the talks were
    earlier, the quote is today's; "…," Oh said earlier' is a recall."""
    added = attribution_context("", ' Oh said, adding that Seoul had offered talks earlier in the month.', "en")
    assert not recalls(added, "en", "2026-06-21", "2026-06-21")
    assert recalls(attribution_context("", " Oh said earlier, adding that talks were possible.", "en"),
                   "en", "2026-06-21", "2026-06-21")
    assert recalls(attribution_context("Earlier, Oh said ", " and added that talks were possible.", "en"),
                   "en", "2026-06-21", "2026-06-21")


def test_an_institution_and_its_spokesperson():
    def quote(kind: str, country: str | None) -> QuoteProfile:
        return QuoteProfile("a", "Q1", None, "x", kind, country, None, "direct", None, None, "en", "text")

    assert spokesperson_of(quote("ORG", "KOR"), quote("PERSON", "KOR"))
    assert not spokesperson_of(quote("ORG", "KOR"), quote("PERSON", "JPN"))
    assert not spokesperson_of(quote("PERSON", "KOR"), quote("PERSON", "KOR"))


def test_quotes_in_two_languages_compare_through_the_concepts_they_share() -> None:
    english = concepts("The launch was a clear provocation that threatens peace on the Korean Peninsula", "en")
    korean = concepts("이번 발사는 한반도 평화를 위협하는 명백한 도발 행위", "ko")
    assert {"launch", "provocation", "threat", "peace", "peninsula", "clear"} <= english & korean
    assert "war" not in concepts("He warned of a wardrobe", "en")  # whole words, or the beginnings listed
    assert concepts("He warned of a wardrobe", "en") == {"warning"}
    assert not concepts("The weather was fine", "en")
    assert {"~provocation", "#3", "country:prk"} <= anchors("3번째 도발", {"country:prk"}, "ko")


def test_a_foreign_name_sounds_alike_in_hangul_and_latin():
    """Korean writes a foreign name by ear, with a vowel inside its consonant clusters and none
    for letters English does not say; a Korean name keeps its family name first."""
    from newsledger.link.names import family_name_sound

    for latin, hangul in [("Edward Holcombe", "홀컴"), ("Lena Schmidt", "레나 슈미트"), ("Ruud Bos", "보스"),
                          ("Margaret Ellison", "엘리슨"), ("Han Seung-woo", "한승우"), ("Kim Yo Jong", "김여정")]:
        assert family_name_sound(latin) == family_name_sound(hangul), (latin, hangul)
    assert family_name_sound("Margaret Ellison") != family_name_sound("데이비드 앨런")
    assert family_name_sound("Li") is None
