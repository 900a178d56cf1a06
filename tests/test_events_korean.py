"""Korean events: PLOVER types from Kiwi's morphemes, with source and target countries from the
particles; negations, possibilities, plans and plain speech are no events."""

from __future__ import annotations

import pytest

from newsledger import extract_text
from newsledger.model import Article, Event

LAUNCH = """\
北, 서해상으로 순항미사일 발사

(서울=새벽일보) 정다은 기자 = 북한이 3일 오후 서해상으로 순항미사일 3발을 쐈다고 합동참모본부가 4일 밝혔다.

국방부는 북한의 순항미사일 발사를 강력히 규탄했다.

미국 국무부는 북한에 즉각 대화에 복귀하라고 촉구했다.

러시아는 북한을 비난하지 않았다.

우리 군은 북한이 조만간 추가로 미사일을 발사할 수 있다고 보고 있다.

국방부 대변인은 "대비태세를 철저히 유지하고 있다"고 말했다.
"""

TALKS = """\
한중 외교장관 베이징서 회담

(베이징=새벽일보) 김도현 특파원 = 조태열 외교부 장관은 13일 베이징에서 왕이 중국 외교부장과 회담했다.

두 장관은 공급망 분야의 협력을 강화하기로 합의했다.

조 장관은 왕 부장에게 한반도 비핵화를 위해 건설적인 역할을 해 달라고 요청했다.

왕 부장은 이 요청에 대해 구체적으로 답하지 않았다.

중국은 다음 달 한국 단체관광을 재개할 예정이다.
"""

WAR = """\
우크라이나, 쿠르스크 탄약고 드론 공격

(서울=새벽일보) 송하린 기자 = 우크라이나군이 15일 러시아 쿠르스크 지역의 탄약고를 드론으로 공격했다고 \
우크라이나 당국이 밝혔다.

러시아 당국은 16일 흑해에서 우크라이나 선박 1척을 억류했다.

유럽연합은 러시아에 대한 추가 제재를 부과했다.
"""

SPEECH = """\
통일부 "北, 억류자 석방해야"

(서울=새벽일보) 한지우 기자 = 통일부 장관은 20일 "북한은 억류한 우리 국민을 즉시 석방해야 한다"고 말했다.

정부는 북한에 남북 회담을 제안했지만 북한은 이를 거절했다.

억류됐던 한국 국적 선원 2명이 21일 석방됐다.

일본 해상자위대는 22일 동해에서 호주 해군과 공동훈련을 실시했다.
"""


def _korean(text: str, published: str) -> Article:
    article = extract_text(text, language="ko", published=published)
    assert isinstance(article, Article)
    return article


@pytest.fixture(scope="module")
def launch() -> Article:
    return _korean(LAUNCH, "2024-05-04")


@pytest.fixture(scope="module")
def talks() -> Article:
    return _korean(TALKS, "2024-05-13")


@pytest.fixture(scope="module")
def war() -> Article:
    return _korean(WAR, "2024-08-16")


@pytest.fixture(scope="module")
def speech() -> Article:
    return _korean(SPEECH, "2024-07-22")


def events_at(article: Article, words: str) -> list[Event]:
    at = article.body.index(words)
    return [e for e in article.events if e.sentence[0] <= at < e.sentence[1]]


def one(article: Article, words: str, kind: str) -> Event:
    found = [e for e in events_at(article, words) if e.type == kind]
    assert len(found) == 1, [(e.type, e.trigger) for e in events_at(article, words)]
    return found[0]


def test_a_missile_launch_reported_by_the_jcs_is_the_norths_show_of_force(launch):
    event = one(launch, "북한이 3일 오후", "MOBILIZE")
    assert event.mode == "weapons"
    assert event.source_country == ["PRK"]
    assert event.date == "2024-05-03"  # the launch's day, not the report's
    assert event.trigger.startswith("쐈다")
    assert [e.type for e in events_at(launch, "북한이 3일 오후")] == ["MOBILIZE"]  # 밝혔다 is no event


def test_a_condemnation_targets_the_party_of_its_object(launch):
    event = one(launch, "국방부는 북한의 순항미사일", "ACCUSE")
    assert event.mode == "disapprove"
    assert (event.source_country, event.target_country) == (["KOR"], ["PRK"])


def test_a_demand_reported_with_ra_go_is_one_request_on_the_dative_party(launch):
    assert [e.type for e in events_at(launch, "미국 국무부는")] == ["REQUEST"]
    event = one(launch, "미국 국무부는", "REQUEST")
    assert (event.source_country, event.target_country) == (["USA"], ["PRK"])


def test_negations_possibilities_and_plain_speech_are_no_events(launch):
    assert events_at(launch, "러시아는 북한을 비난하지") == []
    assert events_at(launch, "우리 군은 북한이 조만간") == []
    assert events_at(launch, "국방부 대변인은") == []


def test_a_meeting_with_a_partner_and_an_agreement_by_both(talks):
    meeting = one(talks, "조태열 외교부 장관은 13일", "CONSULT")
    assert set(meeting.source_country + meeting.target_country) == {"KOR", "CHN"}
    assert meeting.date == "2024-05-13"
    agreement = one(talks, "두 장관은", "AGREE")  # "both ministers": the parties of the meeting
    assert agreement.source_country == agreement.target_country == ["CHN", "KOR"]


def test_a_request_to_a_named_minister_and_no_event_for_a_silence_or_a_plan(talks):
    request = one(talks, "조 장관은 왕 부장에게", "REQUEST")
    assert (request.source_country, request.target_country) == (["KOR"], ["CHN"])
    assert events_at(talks, "왕 부장은 이 요청에") == []
    assert events_at(talks, "중국은 다음 달") == []


def test_a_drone_strike_a_seizure_and_sanctions(war):
    strike = one(war, "우크라이나군이 15일", "ASSAULT")
    assert strike.mode == "drone"
    assert (strike.source_country, strike.target_country) == (["UKR"], ["RUS"])
    seizure = one(war, "러시아 당국은 16일", "COERCE")
    assert (seizure.source_country, seizure.target_country) == (["RUS"], ["UKR"])
    assert seizure.date == "2024-08-16"
    sanction = one(war, "유럽연합은", "SANCTION")
    assert sanction.target_country == ["RUS"]
    assert sanction.source_country == []  # the EU is no country


def test_what_a_speaker_says_a_party_must_do_is_a_demand_of_it(speech):
    demand = one(speech, "통일부 장관은 20일", "REQUEST")
    assert (demand.source_country, demand.target_country) == (["KOR"], ["PRK"])
    assert [e.type for e in events_at(speech, "통일부 장관은 20일")] == ["REQUEST"]  # 석방해야: not yet released


def test_this_stands_for_the_doer_of_the_act_before(speech):
    refusal = one(speech, "북한은 이를 거절했다", "REJECT")
    assert (refusal.source_country, refusal.target_country) == (["PRK"], ["KOR"])


def test_a_passive_release_names_who_was_released_not_who_released(speech):
    release = one(speech, "억류됐던 한국 국적", "RETREAT")
    assert (release.source, release.target_country) == ([], ["KOR"])
    assert release.date == "2024-07-21"


def test_a_joint_drill_is_cooperation_with_the_country_its_partner_names(speech):
    drill = one(speech, "일본 해상자위대는", "COOPERATE")
    assert drill.context == "military"
    assert (drill.source_country, drill.target_country) == (["JPN"], ["AUS"])


def test_events_carry_ids_happening_keys_and_entity_ids(war):
    ids = {e.id for e in war.entities}
    assert [e.id for e in war.events] == [f"V{n}" for n in range(1, len(war.events) + 1)]
    for event in war.events:
        assert event.happening and event.happening.startswith(event.type + "|")
        assert set(event.source + event.target) <= ids


def test_korean_text_without_predicates_has_no_events():
    article = extract_text("제목\n\n북한 미사일 발사 관련 속보.", language="ko", published="2024-05-04")
    assert isinstance(article, Article)
    assert article.events == []
