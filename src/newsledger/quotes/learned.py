"""Attributions found by a model learned from PolNeAR train (scripts/train_quote_cues.py).

PolNeAR marks far more than speech verbs: beliefs ("thinks that …"), stances ("opposes the
deal"), "according to", nominal cues ("his statement that …"), "in an interview". A word list
cannot hold that long tail, so a logistic model scores pairs of a candidate cue word and one of
the stretches its parse offers as what it reports (a child's subtree, the rest of its clause, the
rest of the sentence). The best pair per word wins when its probability passes the threshold
chosen on held-out train articles. Candidates are only words whose lemma was a cue often enough
in train, so the per-word work stays a set lookup for most of an article.

The features here are the ones the training script computes: both import them from this module.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

# dependents that are part of the cue or its speaker, never what it reports
_NOT_CONTENT = frozenset({"punct", "aux", "auxpass", "neg", "nsubj", "nsubjpass", "cc", "det", "poss", "compound",
                          "amod", "advmod", "case", "prt", "expl", "predet", "nummod", "quantmod"})
_QUOTE_MARKS = frozenset('"“”')


@dataclass(frozen=True)
class Option:
    """One stretch a cue may report: its kind ("c:ccomp", "p", "r", "l") and token ranges."""

    kind: str
    parts: tuple[tuple[int, int], ...]
    first: Any  # the first token, whose word ("that", "to", "of") says much about the stretch


@dataclass(frozen=True)
class CueModel:
    weights: dict[str, float]
    lemmas: frozenset[str]
    threshold: float

    def score(self, features: list[str]) -> float:
        """The features' summed weights: a word's own once, each stretch's added to it."""
        return sum(self.weights.get(f, 0.0) for f in features)

    @staticmethod
    def probability(score: float) -> float:
        return 1.0 / (1.0 + math.exp(-score))


@cache
def model() -> CueModel:
    """The shipped model (quotes/data/en_cues.json)."""
    data = json.loads(resources.files("newsledger.quotes").joinpath("data", "en_cues.json").read_text("utf-8"))
    return CueModel(weights=data["weights"], lemmas=frozenset(data["lemmas"]), threshold=data["threshold"])


def candidate_key(token: Any) -> str:
    """What decides whether a word may be a cue at all: its lemma, or ":" for a colon."""
    return token.lemma_.casefold()


def _trim(doc: Any, start: int, end: int) -> tuple[int, int]:
    """A token range without punctuation or spaces at its edges (quotation marks stay)."""
    while start < end and (doc[start].is_space or (doc[start].is_punct and doc[start].text not in _QUOTE_MARKS)):
        start += 1
    while end > start and (doc[end - 1].is_space or (doc[end - 1].is_punct and doc[end - 1].text not in _QUOTE_MARKS)):
        end -= 1
    return start, end


def options(token: Any, sentence: Any) -> list[Option]:
    """The stretches `token` may report: each content-like child's subtree, those after it
    together, its head's clause without the cue ("…, he said"; "according to X, …"), the rest of
    the sentence after it, and the sentence before it."""
    doc = token.doc
    out = []
    for child in token.children:
        if child.dep_ in _NOT_CONTENT:
            continue
        start, end = _trim(doc, child.left_edge.i, child.right_edge.i + 1)
        if end > start:
            kind = "c:" + child.dep_
            out.append(Option(kind, ((start, end),), doc[start]))
    right = [c for c in token.children if c.dep_ not in _NOT_CONTENT and c.i > token.i]
    if len(right) > 1:  # "accused Clinton of lying", "told reporters that …": the children together
        start, end = _trim(doc, right[0].left_edge.i, right[-1].right_edge.i + 1)
        if end > start:
            out.append(Option("a", ((start, end),), doc[start]))
    head = token.head
    if head is not token:
        low, high = max(head.left_edge.i, sentence.start), min(head.right_edge.i + 1, sentence.end)
        parts = [_trim(doc, low, token.left_edge.i), _trim(doc, token.right_edge.i + 1, high)]
        parts = [p for p in parts if p[1] > p[0]]
        if parts:
            out.append(Option("p", tuple(parts), doc[parts[0][0]]))
    start, end = _trim(doc, token.i + 1, sentence.end)
    if end > start:
        out.append(Option("r", ((start, end),), doc[start]))
    start, end = _trim(doc, sentence.start, token.left_edge.i)
    if end > start:
        out.append(Option("l", ((start, end),), doc[start]))
    return out


def token_features(token: Any, quoted: bool) -> list[str]:
    """What speaks for the word being a cue, whatever it reports."""
    lemma = token.lemma_.casefold()
    deps = sorted({c.dep_ for c in token.children})
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    doc = token.doc
    before = doc[token.i - 1].lower_ if token.i > 0 else "<s>"
    after = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else "</s>"
    features = ["bias", "l=" + lemma, "t=" + token.tag_, "d=" + token.dep_, "ld=" + lemma + "|" + token.dep_,
                "lt=" + lemma + "|" + token.tag_, "hl=" + token.head.lemma_.casefold(), "hp=" + token.head.pos_,
                "b=" + before, "a=" + after, "lb=" + lemma + "|" + before, "la=" + lemma + "|" + after,
                "q=" + str(quoted)]
    features += ["cd=" + d for d in deps]
    features += ["lcd=" + lemma + "|" + d for d in deps]
    if subject is not None:
        features += ["s=" + subject.pos_, "se=" + (subject.ent_type_ or "-"), "ls=" + lemma + "|" + subject.pos_]
    else:
        features.append("s=none")
    if any(c.dep_ == "poss" for c in token.children):
        features.append("poss|" + token.pos_)
    return features


def option_features(token: Any, option: Option) -> list[str]:
    """What speaks for this stretch being what the word reports."""
    lemma = token.lemma_.casefold()
    kind = option.kind
    size = sum(end - start for start, end in option.parts)
    first = option.first.lower_
    doc = token.doc
    marks = any(doc[i].text in _QUOTE_MARKS for start, end in option.parts for i in (start, end - 1))
    bucket = "1" if size <= 1 else "2" if size <= 3 else "s" if size <= 8 else "m" if size <= 20 else "L"
    deps = ["kc=" + kind + "|" + c.dep_ for c in token.children if c.dep_ not in _NOT_CONTENT]
    return [*deps, "k=" + kind, "kl=" + kind + "|" + lemma, "kd=" + kind + "|" + token.dep_,
            "kp=" + kind + "|" + token.pos_, "kf=" + kind + "|" + first, "klf=" + kind + "|" + lemma + "|" + first,
            "kn=" + kind + "|" + bucket, "kfp=" + kind + "|" + option.first.pos_, "km=" + kind + "|" + str(marks)]


def content_text(doc: Any, option: Option) -> tuple[int, int, str]:
    """Character start, end and text of a stretch (its parts joined by a space)."""
    spans = [doc[start:end] for start, end in option.parts]
    return spans[0].start_char, spans[-1].end_char, " ".join(s.text for s in spans)
