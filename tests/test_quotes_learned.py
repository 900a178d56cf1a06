"""The learned attribution model (quotes/learned.py, trained by scripts/train_quote_cues.py):
attributions beyond speech verbs, on sentences written for these tests."""

from __future__ import annotations

import pytest

from newsledger import extract_text
from newsledger.nlp import models
from newsledger.nlp.parsed import Parsed
from newsledger.quotes.finder import find_quotes
from newsledger.quotes.learned import CueModel, model, options

ARTICLE = """\
Council weighs depot closure

Most economists believe that the central bank will raise interest rates again in June.

The senator's claim that the Harbor Street bridge was unsafe drew sharp criticism from engineers.

According to the county auditor, the road project ran two million dollars over its budget.

Jane Okoro, a spokeswoman for the transit agency, said the audit would be published next week.

The mayor opened a new public library on Main Street on Tuesday morning.
"""


@pytest.fixture(scope="module")
def quotes():
    return extract_text(ARTICLE, published="2025-05-02").quotes


def _holding(quotes, words):
    hits = [q for q in quotes if words in q.text]
    assert hits, f"no quote holds {words!r}: {[q.text for q in quotes]}"
    return hits[0]


def test_a_belief_is_an_attribution(quotes):
    quote = _holding(quotes, "central bank will raise interest rates")
    assert quote.cue == "believe" and quote.kind == "indirect"
    assert quote.speaker is not None and quote.speaker.mention == "Most economists"


def test_a_nominal_cue_reports_its_clause_for_its_owner(quotes):
    quote = _holding(quotes, "Harbor Street bridge was unsafe")
    assert quote.cue == "claim"
    assert "criticism" not in quote.text
    assert quote.speaker is not None and "senator" in quote.speaker.mention


def test_according_to_names_the_source(quotes):
    quote = _holding(quotes, "road project ran two million dollars")
    assert quote.cue == "According"
    assert quote.speaker is not None and quote.speaker.mention == "the county auditor"
    assert "auditor" not in quote.text


def test_the_speaker_mention_keeps_its_apposition(quotes):
    quote = _holding(quotes, "audit would be published next week")
    assert quote.cue == "said"
    assert quote.speaker.mention.startswith("Jane Okoro, a spokeswoman for the transit agency")
    assert quote.speaker.name == "Jane Okoro"


def test_an_action_is_not_an_attribution(quotes):
    assert not [q for q in quotes if "library" in q.text or q.cue == "opened"]


def test_the_shipped_model_is_small_and_complete():
    cues = model()
    assert 0.0 < cues.threshold < 1.0
    assert {"say", "believe", "accord", "claim"} <= cues.lemmas
    assert "be" not in cues.lemmas  # too common a word to be scored at all
    assert cues.probability(0.0) == 0.5


def test_a_clausal_complement_is_one_of_the_options():
    doc = models.english()("Officials said that the vote would be delayed.")
    said = next(t for t in doc if t.text == "said")
    choices = {o.kind: doc[o.parts[0][0]:o.parts[-1][1]].text for o in options(said, doc[:])}
    assert choices["c:ccomp"] == "that the vote would be delayed"


def test_a_model_without_weights_reports_nothing_indirect():
    parsed = Parsed(models.english()("Most economists believe that rates will rise in June."))
    silent = CueModel(weights={}, lemmas=frozenset({"believe"}), threshold=0.6)
    assert find_quotes(parsed, silent) == []
    assert [q.cue.text for q in find_quotes(parsed, model())] == ["believe"]
