"""Find quotations in an English article's spaCy parse: direct, indirect and mixed, with cues.

Direct quotes start from paired quotation marks (marks.py) and look for their attribution in
their sentence: a speech verb outside the marks and its subject ("he said", "said Norwegian
Foreign Minister Espen Barth Eide", "Teodoro said:"). A quote split by its attribution is one
quote; a quoted sentence with no attribution of its own belongs to the previous quote's speaker
unless someone else was named in between; quoted words without any cue are scare quotes and are
not quotes. The cue verbs of the lexicon serve direct quotes only.

Everything else PolNeAR calls an attribution (indirect reports, beliefs, stances, "according to
X", nominal cues such as "his claim that …") comes from the model learned on PolNeAR train
(learned.py): a candidate cue word and the stretch of its parse it reports; one that holds quoted
words is mixed.
"""

from __future__ import annotations

import bisect
import math
import re
from dataclasses import dataclass, field
from typing import Any

from newsledger.lexicons import load_toml
from newsledger.nlp.parsed import Parsed
from newsledger.quotes.learned import CueModel, candidate_key, content_text, option_features, options, token_features
from newsledger.quotes.learned import model as cue_model
from newsledger.quotes.marks import CLOSING, OPENING, QuotedSpan, find_quoted_spans

# "PENCE: …", "Mr. Smith: …" at the start of a paragraph
_TRANSCRIPT = re.compile(r"(?m)^(?P<who>(?:[A-Z][A-Z.'-]+|(?:Mr|Mrs|Ms|Dr)\.\s+[A-Z][\w'-]+)(?:\s+[A-Z][A-Z.'-]+){0,2})"
                         r":[ \t]+(?P<said>[^\n]+)")
# Quoted words with no cue are a quote only as a whole sentence of at least this many words;
# otherwise they are scare quotes or a name ("a 'paper shield'").
MIN_QUOTED_SENTENCE_WORDS = 3
# every quotation mark, opening or closing
_MARKS = frozenset(OPENING) | CLOSING


def lexicon(language: str = "en") -> dict[str, Any]:
    return load_toml("newsledger.quotes", "lexicon", language)


@dataclass
class Found:
    start: int
    end: int
    text: str
    kind: str
    cue: Any = None  # the cue token
    speaker: Any = None  # the head token of the speaker mention
    mention: tuple[int, int] | None = None  # its character span
    venue: str | None = None
    confidence: float = 0.5
    parts: list[tuple[int, int]] = field(default_factory=list)
    fragment: bool = False  # quoted words that are not a sentence of their own
    referent: tuple[int, int] | None = None  # where to look for the speaker's name (appositions too)


def _is_cue(token: Any, lex: dict[str, Any]) -> bool:
    return token.pos_ in ("VERB", "AUX") and token.lemma_.casefold() in lex["cue_verbs"]


def _inside(pos: int, spans: list[tuple[int, int]]) -> bool:
    """Whether `pos` lies in one of `spans` (sorted, not overlapping: the quoted parts)."""
    at = bisect.bisect_right(spans, (pos, math.inf)) - 1
    return at >= 0 and spans[at][0] <= pos < spans[at][1]


def _subject(cue: Any) -> Any:
    """Who speaks: the cue's subject (a relative "who" stays, as PolNeAR marks it); for a
    participle ("Trump, attacking Clinton, …", "a statement condemning …") the noun it modifies;
    for a second verb ("said … and added") or a gerund after a preposition ("by challenging …") the
    governing verb's subject."""
    subjects = [c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")]
    if subjects:  # the one nearest the verb ("SEOUL -- Minister Choi said": Choi)
        return min(subjects, key=lambda c: abs(c.i - cue.i))
    if cue.dep_ == "acl" and cue.head.pos_ in ("NOUN", "PROPN", "PRON"):
        return cue.head
    if cue.dep_ in ("conj", "xcomp", "advcl") and cue.head is not cue:
        return _subject(cue.head)
    if cue.dep_ == "pcomp" and cue.head.dep_ == "prep":  # "… by challenging X": who challenged
        return _subject(cue.head.head)
    return None


def _mention_span(doc: Any, token: Any, quoted: list[tuple[int, int]]) -> tuple[int, int]:
    """The speaker mention: the subject's subtree, cut at a relative clause or a quote; an
    apposition stays ("Steve Huhn, a former HP vice president"), as PolNeAR marks sources."""
    tokens = [t for t in token.subtree if t.i == token.i or (
        not _inside(t.idx, quoted) and t.dep_ not in ("relcl", "punct") and "\n" not in t.text)]
    paragraph_start = doc.text.rfind("\n", 0, token.idx) + 1
    dateline = re.match(r"[A-Z][A-Z .,'-]*(?:\([^)]*\))?\s*(?:--|—|–)\s*", doc.text[paragraph_start:])
    if dateline:
        paragraph_start += dateline.end()
    tokens = [t for t in tokens if t.idx >= paragraph_start] or [token]  # "SEOUL --" is not the speaker
    left = min(t.idx for t in tokens)
    right = max(t.idx + len(t) for t in tokens)
    return left, max(left + 1, right)


def _referent(doc: Any, token: Any) -> tuple[int, int]:
    """The stretch that names the speaker: the subject with its apposition ("His rival, Kim
    Moon-soo, said"), or for a relative "who" the noun it stands for."""
    if token.lower_ in ("who", "that", "which") and token.head.dep_ == "relcl":
        token = token.head.head
    tokens = [t for t in token.subtree if "\n" not in t.text]
    return min(t.idx for t in tokens), max(t.idx + len(t) for t in tokens)


def _venue(cue: Any, lex: dict[str, Any]) -> str | None:
    """"said in a statement", "told a webinar hosted by …", "at an event hosted by …"."""
    for child in cue.children:
        if child.dep_ == "prep" and child.lower_ in ("in", "at", "during", "on", "to"):
            objects = [c for c in child.children if c.dep_ == "pobj"]
            if objects and any(n in objects[0].lower_ or n in " ".join(t.lower_ for t in objects[0].subtree)
                               for n in lex["statement_nouns"]):
                span = list(objects[0].subtree)
                return cue.doc[span[0].i:span[-1].i + 1].text
    for child in cue.children:  # "told reporters"
        if child.dep_ in ("dobj", "dative") and child.lower_ in ("reporters", "journalists", "lawmakers"):
            return child.text
    return None


def _cue_for_span(doc: Any, start: int, end: int, quoted: list[tuple[int, int]], lex: dict[str, Any]) -> Any:
    """The speech verb outside the marks in the sentence(s) of a quoted span, nearest to it."""
    sentences = [s for s in doc.sents if s.end_char > start and s.start_char < end]
    if not sentences:
        return None
    candidates = []
    for sent in sentences:
        for token in sent:
            if _is_cue(token, lex) and not _inside(token.idx, quoted):
                distance = 0 if start <= token.idx <= end else min(abs(token.idx - start), abs(token.idx - end))
                candidates.append((distance, token))
    if not candidates:
        # "Teodoro said:" ending the sentence before the quote
        previous = doc.char_span(max(0, start - 1), start, alignment_mode="expand")
        if previous is not None:
            before = [s for s in doc.sents if s.end_char <= start and s.end_char >= start - 3]
            for sent in before:
                if sent.text.rstrip().endswith(":"):
                    candidates += [(0, t) for t in sent if _is_cue(t, lex)]
    if not candidates:
        return None
    cue = min(candidates, key=lambda c: c[0])[1]
    # "Han said it showed "once again ..."": the report is the outer verb's, the inner one is what was said
    while cue.dep_ == "ccomp" and cue.head is not cue and _is_cue(cue.head, lex) and not any(
            mark in doc.text[min(cue.head.idx, cue.idx):max(cue.head.idx, cue.idx)] for mark in "\"“”"):
        cue = cue.head
    return cue


def _direct(doc: Any, spans: list[QuotedSpan], quoted: list[tuple[int, int]], lex: dict[str, Any]) -> list[Found]:
    found: list[Found] = []
    for span in spans:
        text = doc.text[span.start:span.end]
        words = len(re.findall(r"\w+", text))
        cue = _cue_for_span(doc, span.start, span.end, quoted, lex)
        if cue is not None and not _complement_of(cue, span, doc):
            cue = None
        speaker = _subject(cue) if cue is not None else None
        item = Found(span.start, span.end, text, "direct", cue, speaker, parts=list(span.parts),
                     confidence=0.9 if speaker is not None else 0.6)
        if speaker is not None:
            item.mention = _mention_span(doc, speaker, quoted)
            item.referent = _referent(doc, speaker)
        if cue is not None:
            item.venue = _venue(cue, lex)
            _widen_to_mixed(doc, item, cue, span, lex)
        item.fragment = item.kind == "direct" and (
            words < MIN_QUOTED_SENTENCE_WORDS or not _is_whole_sentence(doc, span)) and len(span.parts) == 1
        if item.fragment and cue is None:
            continue  # scare quotes, names, titles in quotation marks
        found.append(item)
    # quoted words that are no sentence, no one's report and no part of a split quote: scare quotes;
    # but what someone called something ("calling it "a laughable clown show"") is their words
    return [q for q in _merge_split(doc, found) if not (q.fragment and len(q.parts) == 1) or (
        q.cue is not None and q.speaker is not None and q.cue.lemma_.casefold() in lex["naming_cues"]
        and len(re.findall(r"\w+", q.text)) >= MIN_QUOTED_SENTENCE_WORDS)]


def _widen_to_mixed(doc: Any, item: Found, cue: Any, span: QuotedSpan, lex: dict[str, Any]) -> None:
    """`X said the declaration "provides what we need"`, `called them "deplorables"`: quoted words
    inside what the cue reports make one mixed quote of the whole report."""
    comp = _complement(cue, lex)
    if comp is None or len(span.parts) > 1:
        return
    tokens = [t for t in comp.subtree if t.i != cue.i]
    start, end = tokens[0].idx, tokens[-1].idx + len(tokens[-1])
    if "\n\n" in doc.text[min(start, cue.idx):max(end, cue.idx)]:
        return  # a parse that runs over a paragraph break reports nothing
    outside = doc.text[start:span.start - 1].strip(" \"“”,") + doc.text[span.end + 1:end].strip(" \"“”,.")
    while end < len(doc.text) and doc.text[end] in "\"”’'":  # the closing mark belongs to the quote
        end += 1
    if start <= span.start - 1 and span.end <= end + 1 and len(re.findall(r"\w+", outside)) >= 1:
        item.start, item.end = start, end
        item.text = doc.text[start:end]
        item.kind = "mixed"
        item.parts = [(start, end)]


def _complement_of(cue: Any, span: QuotedSpan, doc: Any) -> bool:
    """Does the cue govern the quoted words (its complement, or its sentence's other half)?"""
    sentence = doc.sentence_of(cue)
    if sentence.start_char <= span.start < sentence.end_char or sentence.start_char < span.end <= sentence.end_char:
        return True
    return sentence.text.rstrip().endswith(":") and sentence.end_char <= span.start


def _is_whole_sentence(doc: Any, span: QuotedSpan) -> bool:
    text = doc.text[span.start:span.end].strip()
    return bool(re.search(r"[.!?,]['\"”’]?$", text)) and text[:1].isupper()


def _merge_split(doc: Any, found: list[Found]) -> list[Found]:
    """`"A," he said, "B."` is one quote: same cue, nothing but the attribution between."""
    merged: list[Found] = []
    for item in found:
        last = merged[-1] if merged else None
        if last is not None and item.start < last.end:
            continue  # quoted words a mixed quote already holds
        if last is not None and "\n\n" in doc.text[last.end:item.start]:
            last = None  # a new paragraph is a new quote (a continued one is already one span)
        if (last is not None and last.cue is not None and item.cue is not None and item.cue.i == last.cue.i) or (
                last is not None and last.cue is not None and item.cue is None
                and _only_attribution_between(doc.text[last.end:item.start])):
            last.parts += item.parts
            last.end = item.end
            last.fragment = False
            last.text = " ".join(doc.text[s:e] for s, e in last.parts)
            continue
        merged.append(item)
    return merged


def _only_attribution_between(between: str) -> bool:
    return len(between) < 60 and "\n" not in between and bool(
        re.fullmatch(r"[\W\s]*\w[\w\s.'-]*[,:;]?[\W\s]*", between))


def _complement(cue: Any, lex: dict[str, Any]) -> Any:
    """What a cue reports: its clause ("said (that) …"), its infinitive ("vowed to retaliate"), or
    for cues like "call for" and "cite" its object ("called for an inquiry")."""
    for dep in ("ccomp", "parataxis"):
        for child in cue.children:
            if child.dep_ == dep and child.pos_ in ("VERB", "AUX"):
                return child
    for token in cue.subtree:  # "said in a statement that …", "told a briefing that …"
        if token.lower_ == "that" and token.dep_ == "mark" and token.head.i != cue.i and token.head.pos_ in (
                "VERB", "AUX") and token.i > cue.i:
            return token.head
    if cue.lemma_.casefold() not in lex["object_cues"]:
        return None
    for deps in (("xcomp", "oprd"), ("dobj",)):  # "called [the launch] [a clear provocation]": the naming
        for child in cue.children:
            if child.dep_ in deps or (deps[0] == "xcomp" and child.dep_ == "prep" and child.lower_ in ("as", "of")):
                return child  # "denounced the visit [as a gangster-like trip]", "accused Seoul [of lying]"
    for child in cue.children:  # "called for an inquiry", "accused Washington of militarizing the region"
        if child.dep_ == "prep" and child.lower_ in ("for", "on", "to", "about", "of"):
            objects = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if objects:
                return child
    return None


def _transcript(doc: Any, quoted: list[tuple[int, int]]) -> list[Found]:
    """Transcripts and interviews: "PENCE: Well, look, …" — the speaker's name and a colon open
    the paragraph, and the rest of it is what they said."""
    found = []
    for m in _TRANSCRIPT.finditer(doc.text):
        start, end = m.start("said"), m.end("said")
        if _inside(start, quoted) or len(re.findall(r"\w+", m.group("said"))) < 3:
            continue
        item = Found(start, end, m.group("said"), "direct", None, None, confidence=0.7)
        item.mention = (m.start("who"), m.end("who"))
        item.parts = [(start, end)]
        found.append(item)
    return found


def _learned_speaker(token: Any) -> Any:
    """Who a learned cue attributes to: X of "according to X", the owner of a nominal cue ("his
    statement that …", "Trump's claim"), otherwise the verb's subject."""
    if token.lower_ == "according":
        to = next((c for c in token.children if c.lower_ == "to"), None)
        return next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
    owner = next((c for c in token.children if c.dep_ == "poss"), None)
    if owner is not None and token.pos_ in ("NOUN", "PROPN"):
        return owner
    return _subject(token)


def _uncut(text: str, parts: list[tuple[int, int]], quoted: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Quoted words are never cut: a content edge inside a quotation moves out to its mark (the
    parse of odd quoted text, such as markup, may end a clause in the middle of it)."""
    (start, first_end), (last_start, end) = parts[0], parts[-1]
    at = bisect.bisect_right(quoted, (start, math.inf)) - 1
    if at >= 0 and quoted[at][0] < start < quoted[at][1]:
        start = quoted[at][0] - (quoted[at][0] > 0 and text[quoted[at][0] - 1] in _MARKS)
    at = bisect.bisect_right(quoted, (end - 1, math.inf)) - 1
    if at >= 0 and quoted[at][0] <= end - 1 and end < quoted[at][1]:
        end = quoted[at][1] + (quoted[at][1] < len(text) and text[quoted[at][1]] in _MARKS)
    if len(parts) == 1:
        return [(start, end)]
    return [(start, first_end), *parts[1:-1], (last_start, end)]


def _learned(doc: Any, quoted: list[tuple[int, int]], used_cues: set[int], cues: CueModel,
             lex: dict[str, Any]) -> list[Found]:
    """Attributions of the learned model (learned.py): for each word whose lemma was a cue in
    PolNeAR train, the best-scoring stretch it reports, when that scores above the threshold."""
    found = []
    for token in doc:
        if token.i in used_cues or candidate_key(token) not in cues.lemmas:
            continue
        sentence = doc.sentence_of(token)
        choices = options(token, sentence)
        if not choices:
            continue
        base = cues.score(token_features(token, _inside(token.idx, quoted)))
        score, option = max(((base + cues.score(option_features(token, o)), o) for o in choices),
                            key=lambda pair: pair[0])
        probability = cues.probability(score)
        if probability < cues.threshold:
            continue
        start, end, text = content_text(doc, option)
        parts = [(doc[s].idx, doc[e - 1].idx + len(doc[e - 1])) for s, e in option.parts]
        if _inside(start, quoted) or _inside(end - 1, quoted):
            parts = _uncut(doc.text, parts, quoted)
            start, end = parts[0][0], parts[-1][1]
            text = " ".join(doc.text[s:e] for s, e in parts)
        if "\n\n" in doc.text[min(start, token.idx):max(end, token.idx)]:
            continue  # a parse that runs over a paragraph break
        speaker = _learned_speaker(token)
        kind = "mixed" if re.search("[\"“”]", text) else "indirect"
        item = Found(start, end, text, kind, token, speaker, confidence=round(probability, 2), parts=parts)
        if speaker is not None:
            item.mention = _mention_span(doc, speaker, quoted)
            item.referent = _referent(doc, speaker)
        item.venue = _venue(token, lex)
        found.append(item)
    return found


def find_quotes(doc: Parsed, cues: CueModel | None = None) -> list[Found]:
    """All quotes of a parsed article, in text order. `cues`: the learned model (the shipped one
    unless given, as the training script does to choose its threshold)."""
    lex = lexicon("en")
    cues = cues or cue_model()
    spans = find_quoted_spans(doc.text)
    quoted = sorted(part for span in spans for part in span.parts)
    direct = _direct(doc, spans, quoted, lex) + _transcript(doc, quoted)
    used = {d.cue.i for d in direct if d.cue is not None}
    indirect = [q for q in _learned(doc, quoted, used, cues, lex)
                if not any(d.start <= q.start < d.end for d in direct)]
    # a report inside another's content ("called it a provocation that threatened peace") is part of it
    indirect = [q for q in indirect if not any(p is not q and p.start <= q.start and q.end <= p.end
                                               and (p.start, p.end) != (q.start, q.end) for p in indirect)]
    # quoted words that a mixed quote already reports are not a quote of their own
    direct = [d for d in direct if not any(q.kind == "mixed" and q.start <= d.start and d.end <= q.end + 1
                                           for q in indirect)]
    return sorted(direct + indirect, key=lambda q: q.start)
