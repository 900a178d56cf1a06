"""Time: anchoring around week, month and year boundaries, and the tagger in English and Korean."""

from __future__ import annotations

from datetime import date

import pytest

from newsledger import extract_text
from newsledger.time import anchoring as cal
from newsledger.time import find_times


@pytest.mark.parametrize(("ref", "weekday", "on_or_before", "before", "after"), [
    (date(2024, 6, 21), 4, date(2024, 6, 21), date(2024, 6, 14), date(2024, 6, 28)),  # a Friday, Friday
    (date(2024, 7, 1), 4, date(2024, 6, 28), date(2024, 6, 28), date(2024, 7, 5)),    # across a month
    (date(2025, 1, 1), 4, date(2024, 12, 27), date(2024, 12, 27), date(2025, 1, 3)),  # across a year
    (date(2024, 12, 30), 0, date(2024, 12, 30), date(2024, 12, 23), date(2025, 1, 6)),  # Monday, ISO week 1
])
def test_weekday_anchoring(ref, weekday, on_or_before, before, after):
    assert cal.weekday_on_or_before(ref, weekday) == on_or_before
    assert cal.weekday_before(ref, weekday) == before
    assert cal.weekday_after(ref, weekday) == after
    assert cal.weekday_on_or_after(ref, weekday) in (ref, after)


@pytest.mark.parametrize(("ref", "day", "before", "after"), [
    (date(2024, 6, 25), 24, date(2024, 6, 24), date(2024, 7, 24)),
    (date(2024, 6, 2), 24, date(2024, 5, 24), date(2024, 6, 24)),
    (date(2025, 1, 3), 31, date(2024, 12, 31), date(2025, 1, 31)),
    (date(2024, 3, 15), 30, date(2024, 1, 30), date(2024, 3, 30)),  # February has no 30th
])
def test_day_of_month_anchoring(ref, day, before, after):
    assert cal.day_on_or_before(ref, day) == before
    assert cal.day_on_or_after(ref, day) == after


def test_iso_weeks_and_months_across_the_year():
    assert cal.iso_week(date(2025, 1, 1)) == "2025-W01"
    assert cal.iso_week(date(2024, 12, 30)) == "2025-W01"
    assert cal.iso_week(date(2025, 1, 2), -1) == "2024-W52"
    assert cal.add_months(2025, 1, -1) == (2024, 12)
    assert cal.month_year(date(2013, 3, 22), 7, forward=False) == 2012
    assert cal.month_year(date(2013, 3, 22), 7, forward=True) == 2013


def values(text: str, published: str | None, language: str = "en") -> dict[str, str | None]:
    return {text[f.start:f.end]: f.value for f in find_times(text, published, language)}


def test_english_expressions():
    text = ("Kim said Friday that talks would resume. Officials will meet on Monday. Last year, in July, and "
            "April last year; earlier this month; on the 24th (local time); next week; three years; the second "
            "half of the year; the 1990s; two years ago; Nov. 5, 2025; 2,000 troops in 2013. It starts at 10 a.m.")
    got = values(text, "2024-06-25")
    assert got["Friday"] == "2024-06-21"
    assert got["on Monday"] == "2024-07-01"
    assert got["Last year"] == "2023" and got["in July"] == "2023-07" and got["April last year"] == "2023-04"
    assert got["earlier this month"] == "2024-06" and got["on the 24th (local time)"] == "2024-06-24"
    assert got["next week"] == "2024-W27" and got["three years"] == "P3Y"
    assert got["the second half of the year"] == "2024-H2" and got["the 1990s"] == "199"
    assert got["two years ago"] == "2022" and got["10 a.m."] == "2024-06-25T10:00"
    assert got["Nov. 5, 2025"] == "2025-11-05" and got["2013"] == "2013"
    assert "2,000" not in " ".join(got)


def test_korean_expressions_and_context_days():
    text = ("북한이 24일(현지시간) 미사일을 발사했다. 합참은 이날 오전 10시 30분 밝혔다. 전날 회의가 열렸다. "
            "지난달 24일, 오는 15일, 지난해 4월, 올해 상반기, 2024년 6월 19일, 3년간, 지난주, 최근, 2년 전.")
    got = values(text, "2025-03-25", "ko")
    assert got["24일(현지시간)"] == "2025-03-24"
    assert got["이날"] == "2025-03-24" and got["전날"] == "2025-03-23"
    assert got["오전 10시 30분"] == "2025-03-24T10:30"  # the time of "이날", that day
    assert got["지난달 24일"] == "2025-02-24" and got["오는 15일"] == "2025-04-15"
    assert got["지난해 4월"] == "2024-04" and got["올해 상반기"] == "2025-H1"
    assert got["2024년 6월 19일"] == "2024-06-19" and got["3년간"] == "P3Y"
    assert got["지난주"] == "2025-W12" and got["최근"] == "PAST_REF" and got["2년 전"] == "2023"


def test_no_publication_date_leaves_relative_expressions_unresolved():
    got = values("Kim said Friday, June 20, 2024, that talks would resume next week.", None)
    assert got["Friday, June 20, 2024"] == "2024-06-20"
    assert got["next week"] is None


def test_local_time_is_the_place_of_the_event():
    """A Washington statement "on the 24th (local time)" reported on the 25th KST is the 24th."""
    [found] = [f for f in find_times("미국 국무부는 24일(현지시간) 성명을 냈다.", "2025-06-25", "ko") if f.value]
    assert (found.value, found.zone) == ("2025-06-24", "local")


def test_time_stage_fills_the_record():
    article = extract_text("SEOUL -- North Korea fired a missile on Friday, officials said.",
                           published="2025-03-03")
    [friday] = article.times
    assert (friday.text, friday.value, friday.type, friday.anchor) == ("on Friday", "2025-02-28", "DATE", "published")
    assert article.body[friday.start:friday.end] == friday.text


def test_date_of_a_span_prefers_its_clause_then_sentence_then_paragraph_then_publication():
    from newsledger.time.assign import date_of_span

    body = ("The minister spoke on Monday in Seoul. \"We are ready,\" she said Friday.\n\n"
            "Talks began on the 3rd. \"It went well,\" an aide said.\n\nNo date here, a diplomat said.")
    article = extract_text(body, published="2025-03-08")
    quote = body.index("she said Friday")
    assert date_of_span(article, quote, quote + len("she said Friday")) == ("2025-03-07", "span")
    assert date_of_span(article, body.index("spoke"), body.index("spoke") + 5) == ("2025-03-03", "sentence")
    aide = body.index("an aide")
    assert date_of_span(article, aide, aide + 7) == ("2025-03-03", "paragraph")
    last = body.index("a diplomat")
    assert date_of_span(article, last, last + 10) == ("2025-03-08", "published")


def test_korean_words_that_only_look_like_times():
    got = values("주가가 올라섰다. 올 하반기 전망은 밝다. 지금까지 달라진 것은 없다.", "2024-06-20", "ko")
    assert "올" not in got and got["올 하반기"] == "2024-H2"
