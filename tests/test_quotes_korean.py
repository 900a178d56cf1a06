"""Korean quotes: direct, two-part, indirect and mixed, with speakers from titles, pronouns,
organisations and the previous sentence, cues as lemmas (말했다 -> 말하다)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger import extract_text
from newsledger.model import Failure

ARTICLE = """\
통일부 "北 대화 호응해야"

(서울=한빛일보) 박민준 기자 = 북한이 12일 새벽 서해상으로 순항미사일 2발을 발사했다고 합동참모본부가 밝혔다.

김영호 통일부 장관은 이날 국회에서 “북한은 도발을 멈추고 대화에 나와야 한다”며 \
“정부는 인도적 지원의 문을 닫지 않겠다”고 말했다.

그는 북한이 남북 연락 채널을 복원해야 한다고 강조했다. 이어 “대화 제의는 유효하다”라고 덧붙였다.

김 장관은 북한의 미사일 발사를 “한반도 평화를 위협하는 행위”라고 규정했다.

국방부는 "추가 도발 가능성에 대비해 경계를 강화했다"고 밝혔다.

미국 국무부 대변인은 한국과 긴밀히 공조하고 있다고 설명했다.

이날 회의에서는 "평화 통일 기본법" 등 안건 5건이 논의됐다.
"""

EXPERTS = """\
보건당국 "독감 확산세 계속"

이정훈 한국보건연구원 선임연구위원은 “올겨울 유행은 길어질 가능성이 크다”고 분석했다.

그는 백신 접종률이 예년보다 낮다고 지적했다.

서울시 관계자는 “임시 선별진료소를 추가로 열 계획”이라고 했다. 이 관계자는 병상 여유가 아직 충분하다고 전했다.

“환자가 몰리는 주말이 고비가 될 것”이라고 한 대학병원 교수는 말했다.

보건당국에 따르면 지난주 의심환자는 1천명당 30명을 넘었다. 당국은 이번 유행을 이른바 “겨울 대유행”으로 부르고 있다.
"""


@pytest.fixture(scope="module")
def article():
    return extract_text(ARTICLE, language="ko", published="2024-06-12")


@pytest.fixture(scope="module")
def experts():
    return extract_text(EXPERTS, language="ko", published="2024-12-03")


def _find(quotes, fragment):
    hits = [q for q in quotes if fragment in q.text]
    assert hits, f"no quote holds {fragment!r}: {[q.text for q in quotes]}"
    assert len(hits) == 1, f"{fragment!r} is in {len(hits)} quotes"
    return hits[0]


def _entity(article, name):
    return next(e for e in article.entities if e.name == name)


def test_only_body_quotes_each_once_with_ids_in_order(article):
    texts = [q.text for q in article.quotes]
    assert len(article.quotes) == 8, texts
    assert [q.id for q in article.quotes] == [f"Q{n}" for n in range(1, 9)]
    assert [q.start for q in article.quotes] == sorted(q.start for q in article.quotes)
    assert not any("北 대화 호응해야" in t for t in texts)  # the headline is no body quote
    assert not any("평화 통일 기본법" in t for t in texts)  # a name in quotation marks is no quote
    for q in article.quotes:
        assert article.body[q.start:q.end] == q.text or q.kind == "direct"


def test_indirect_lead_with_the_speaker_after_the_clause(article):
    quote = _find(article.quotes, "순항미사일 2발을 발사했다")
    assert quote.kind == "indirect" and quote.text == "북한이 12일 새벽 서해상으로 순항미사일 2발을 발사했다"
    assert quote.cue == "밝히다"
    jcs = _entity(article, "Joint Chiefs of Staff")
    assert quote.speaker.entity == jcs.id and quote.speaker.mention == "합동참모본부"
    assert quote.date == "2024-06-12"


def test_two_quoted_parts_are_two_quotes_of_one_titled_speaker(article):
    first = _find(article.quotes, "북한은 도발을 멈추고 대화에 나와야 한다")
    second = _find(article.quotes, "인도적 지원의 문을 닫지 않겠다")
    kim = _entity(article, "Kim Yung-ho")
    for quote in (first, second):
        assert quote.kind == "direct" and quote.cue == "말하다"
        assert quote.speaker.name == "Kim Yung-ho" and quote.speaker.entity == kim.id
        assert quote.speaker.mention == "김영호 통일부 장관" and quote.speaker.role == "통일부 장관"
    assert first.text == "북한은 도발을 멈추고 대화에 나와야 한다"
    assert article.body[first.speaker.mention_start:first.speaker.mention_end] == "김영호 통일부 장관"
    assert first.venue == "국회"


def test_pronoun_and_subjectless_sentence_continue_the_speaker(article):
    kim = _entity(article, "Kim Yung-ho")
    reported = _find(article.quotes, "남북 연락 채널을 복원해야 한다")
    assert reported.kind == "indirect" and reported.text == "북한이 남북 연락 채널을 복원해야 한다"
    assert reported.speaker.entity == kim.id and reported.speaker.mention == "그" and reported.cue == "강조하다"
    added = _find(article.quotes, "대화 제의는 유효하다")
    assert added.kind == "direct" and added.cue == "덧붙이다"
    assert added.speaker.entity == kim.id and added.speaker.mention is None


def test_mixed_quote_and_family_name_with_title(article):
    quote = _find(article.quotes, "한반도 평화를 위협하는 행위")
    assert quote.kind == "mixed" and quote.text == "북한의 미사일 발사를 “한반도 평화를 위협하는 행위”"
    assert quote.speaker.name == "Kim Yung-ho" and quote.speaker.mention == "김 장관"
    assert quote.cue == "규정하다"


def test_organisation_and_unnamed_spokesperson(article):
    ministry = _find(article.quotes, "경계를 강화했다")  # straight quotation marks
    assert ministry.kind == "direct" and ministry.cue == "밝히다"
    assert ministry.speaker.entity == _entity(article, "Ministry of National Defense").id
    spokesperson = _find(article.quotes, "한국과 긴밀히 공조하고 있다")
    assert spokesperson.kind == "indirect" and spokesperson.cue == "설명하다"
    assert spokesperson.speaker.name == "미국 국무부 대변인" and spokesperson.speaker.entity is None
    assert spokesperson.speaker.role == "대변인"


def test_local_person_pronoun_and_this_official(experts):
    quotes = experts.quotes
    lee = _find(quotes, "유행은 길어질 가능성이 크다")
    assert lee.kind == "direct" and lee.cue == "분석하다"
    assert lee.speaker.name == "이정훈" and lee.speaker.entity is not None
    assert lee.speaker.role == "한국보건연구원 선임연구위원"
    pronoun = _find(quotes, "백신 접종률이 예년보다 낮다")
    assert pronoun.speaker.entity == lee.speaker.entity and pronoun.speaker.mention == "그"
    official = _find(quotes, "임시 선별진료소를 추가로 열 계획")
    assert official.speaker.name == "서울시 관계자" and official.cue == "하다"  # "…라고 했다"
    this_one = _find(quotes, "병상 여유가 아직 충분하다")
    assert this_one.speaker.name == "서울시 관계자" and this_one.speaker.mention == "이 관계자"


def test_speaker_after_the_quote_and_according_to(experts):
    after = _find(experts.quotes, "주말이 고비가 될 것")
    assert after.kind == "direct" and after.speaker.mention == "한 대학병원 교수" and after.cue == "말하다"
    according = _find(experts.quotes, "의심환자는 1천명당 30명을 넘었다")
    assert according.kind == "indirect" and according.speaker.name == "보건당국"
    assert not any("겨울 대유행" in q.text for q in experts.quotes)  # "…”으로 부르고": a name


def test_english_articles_keep_the_english_finder():
    article = extract_text('"We will respond sternly," Defense Minister Shin Won-sik said on Friday.\n',
                           language="en", published="2024-06-14")
    assert [(q.text, q.cue, q.speaker.name) for q in article.quotes] == [
        ("We will respond sternly,", "said", "Shin Won-sik")]


def test_korean_text_without_quotes_or_parse_never_fails():
    for text in ("", "\"", "“열린 따옴표만", "그는 말했다.", "라고 밝혔다.", "”고 말했다", "북한이 발사했다고"):
        article = extract_text("제목\n\n" + text + "\n", language="ko")
        assert isinstance(article.quotes, list)


CLAUSES = """\
외교 현안 점검

국방부 관계자는 취재진 질의에 "훈련 일정에는 변화가 없다"는 기존 입장을 되풀이했다.

김수현 외교부 대변인은 SNS에 관련 사진을 올리며 "동맹의 신뢰는 흔들리지 않는다"고 밝혔다.

“대화의 문은 언제나 열려 있습니다.”

정부 고위 당국자는 브리핑 직후 이같이 말했다.

참석자 가운데 한 명은 "회의 분위기가 좋았다"고 말했다.
"""


def test_statement_noun_after_a_modifier_connective_clause_and_cataphora():
    article = extract_text(CLAUSES, language="ko", published="2025-02-03")
    quotes = article.quotes
    position = _find(quotes, "훈련 일정에는 변화가 없다")  # "…”는 기존 입장을 되풀이했다"
    assert position.kind == "direct" and position.speaker.name == "국방부 관계자" and position.cue == "되풀이하다"
    photo = _find(quotes, "동맹의 신뢰는 흔들리지 않는다")  # "…사진을 올리며 “…”": still direct
    assert photo.kind == "direct" and photo.speaker.mention == "김수현 외교부 대변인"
    alone = _find(quotes, "대화의 문은 언제나 열려 있습니다")  # named by the next sentence
    assert alone.speaker.name == "정부 고위 당국자" and alone.cue == "말하다"
    one = _find(quotes, "회의 분위기가 좋았다")
    assert one.speaker.mention == "참석자 가운데 한 명"
    assert len(quotes) == 4, [q.text for q in quotes]


PIECES = st.sampled_from(["김 장관은 ", "그는 ", "합참은 ", "“", "”", "\"", "''", "라고 ", "고 ", "다고 ",
                          "며 ", "는 입장을 ", "말했다", "밝혔다.", " ", "\n", "\n\n", "북한이 ",
                          "에 따르면 ", "이같이 ", "한 명은 ", "가나다"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PIECES, min_size=1, max_size=40))
def test_any_korean_text_gives_quotes_inside_the_body(pieces):
    article = extract_text("제목입니다\n\n" + "".join(pieces) + "\n", language="ko")
    if isinstance(article, Failure):
        assert "quotes" not in article.reason, article.reason
        return
    for quote in article.quotes:
        assert 0 <= quote.start < quote.end <= len(article.body)
        assert quote.kind in ("direct", "indirect", "mixed")
