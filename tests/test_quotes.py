"""Quotes: direct, indirect and mixed, with speakers resolved through pronouns, titles and names."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger import extract_text
from newsledger.quotes.marks import find_quoted_spans

ARTICLE = """\
Allies weigh response to launch

SEOUL -- Finance Minister Choi Sang-mok said on Friday that the economy would withstand the shock.

"This is not directed at any third country," he said, "but at keeping the peace." He spoke in Seoul.

"We will not be intimidated." The minister added that talks with Washington would continue.

Putin and Kim signed a "comprehensive strategic partnership" treaty last year.

The plan is a "paper shield," said Norwegian Foreign Minister Espen Barth Eide in a statement.

According to China's foreign ministry, the drills were routine.

Eide said the declaration "provides what we need to respond now" and called for calm.

Teodoro said: "We will defend every inch of our territory."

"The first part of a long statement runs on,

"and the second paragraph finishes it," Eide told reporters.
"""


@pytest.fixture(scope="module")
def quotes():
    article = extract_text(ARTICLE, published="2025-03-14")
    return article, article.quotes


def _find(quotes, fragment):
    hits = [q for q in quotes if fragment in q.text]
    assert hits, f"no quote holds {fragment!r}: {[q.text for q in quotes]}"
    return hits[0]


def test_split_quote_is_one_quote_with_the_pronoun_resolved(quotes):
    _, qs = quotes
    quote = _find(qs, "not directed at any third country")
    assert "keeping the peace" in quote.text
    assert quote.kind == "direct" and quote.cue == "said"
    assert quote.speaker.name == "Choi Sang-mok" and quote.speaker.mention == "he"
    assert quote.speaker.role == "Finance Minister"
    assert quote.date == "2025-03-14"


def test_indirect_quote_and_title_resolution(quotes):
    _, qs = quotes
    first = _find(qs, "the economy would withstand the shock")
    assert first.kind == "indirect" and first.speaker.name == "Choi Sang-mok"
    assert first.date == "2025-03-14"  # "on Friday" in its sentence: Friday, March 14, 2025
    added = _find(qs, "talks with Washington would continue")
    assert added.speaker.name == "Choi Sang-mok" and added.speaker.mention.lower() == "the minister"


def test_unattributed_quoted_sentence_keeps_the_previous_speaker(quotes):
    _, qs = quotes
    assert _find(qs, "We will not be intimidated").speaker.name == "Choi Sang-mok"


def test_scare_quotes_are_not_quotes(quotes):
    _, qs = quotes
    assert not [q for q in qs if q.text.strip(" ,") == "comprehensive strategic partnership"]


def test_inverted_attribution_with_a_venue(quotes):
    _, qs = quotes
    quote = _find(qs, "paper shield")
    assert "Eide" in quote.speaker.mention and quote.venue == "a statement"


def test_according_to_and_mixed_and_colon(quotes):
    _, qs = quotes
    assert _find(qs, "the drills were routine").speaker.mention == "China's foreign ministry"
    mixed = _find(qs, "provides what we need to respond now")
    assert mixed.kind == "mixed" and "the declaration" in mixed.text
    assert _find(qs, "defend every inch").speaker.mention == "Teodoro"


def test_quote_over_two_paragraphs_is_one_quote(quotes):
    _, qs = quotes
    quote = _find(qs, "long statement runs on")
    assert "second paragraph finishes it" in quote.text
    assert "Eide" in quote.speaker.name and quote.venue == "reporters"


def test_entities_carry_names_aliases_and_roles(quotes):
    article, _ = quotes
    choi = next(e for e in article.entities if e.name == "Choi Sang-mok")
    assert choi.type == "PERSON" and "Finance Minister" in choi.roles and choi.mentions


def test_unbalanced_marks_pair_what_can_be_paired():
    text = 'He said "yes. Then "no" came.\n\n"Fine," she said.'
    spans = find_quoted_spans(text)
    assert [text[s.start:s.end] for s in spans][-1] == "Fine,"


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(['"', "“", "”", "''", "\n\n", "\n", "he said", ", ", ". ", "word", "«", "»"]),
                max_size=80))
def test_mark_pairing_never_throws_and_spans_fit(parts):
    text = "".join(parts)
    for span in find_quoted_spans(text):
        for start, end in span.parts:
            assert 0 <= start < end <= len(text)


def test_long_quotes_stay_linear():
    def seconds(n: int) -> float:
        body = '"' + "We will hold the line and we will keep talking. " * n + '" the minister said.'
        start = time.perf_counter()
        extract_text(body, published="2025-03-14")
        return time.perf_counter() - start
    seconds(50)
    assert seconds(2000) / seconds(250) < 20  # 8x the text (a 5,000-word quote is ~500 of these)


def test_a_description_named_only_later_and_an_apposition():
    text = ("WASHINGTON -- \"Pyongyang now has a patron in Moscow,\" a former U.S. official said Friday. "
            "Allison Hooker, former senior director for Asia at the National Security Council, made the remarks "
            "at a seminar.\n\n\"The deal is harder to reach now,\" the former official said.\n\n"
            "Her successor, Mark Lambert, said the talks would resume.")
    article = extract_text(text, published="2025-03-14")
    first = _find(article.quotes, "patron in Moscow")
    assert first.speaker.name == "Allison Hooker" and first.speaker.mention == "a former U.S. official"
    assert _find(article.quotes, "harder to reach").speaker.name == "Allison Hooker"
    assert _find(article.quotes, "the talks would resume").speaker.name == "Mark Lambert"
