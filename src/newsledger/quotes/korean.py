"""Find quotations in a Korean article, with their speakers, from Kiwi's morphemes.

Korean reports speech at the end of the clause: what was said, an ending that marks it as said,
then the verb of saying. Each sentence is read for those endings:
- direct: quoted words followed by a quotative particle or ending (“…”라고 말했다, "…"고 밝혔다,
  “…”며 “…”고 강조했다, “…”는 입장을 밝혔다);
- indirect: a clause closed by a reporting ending outside quotation marks (…했다고 밝혔다,
  …하자고 제안했다, …하라고 지시했다, …했다며, …하겠다는 뜻을 전했다); the text is the clause, ending
  cut ("…했다고" -> "…했다");
- mixed: a reported clause that holds quoted words (북한의 도발이 “용납될 수 없다”고 말했다,
  남측의 제안을 “기만적인 술책”이라고 비난했다); the text runs from the clause's start to the closing mark.
Endings chained with 며/면서 are one report: every part gets the speaker and the verb at its end.
An ending needs a verb of saying after it (speech_verbs in lexicon/ko.toml), except after quoted
words, where any finite verb will do ("…"고 목소리를 높였다) but not "…"라고 불리는 (a name).

The speaker is the subject of the report (…은/는/이/가): after the reported words when it stands
there (…했다고 합동참모본부가 밝혔다), else the first one before them that can speak: an entity of the
actors stage, a pronoun, a title or person noun ("국방부 장관은", "관계자는", "전문가들은") or an
organisation's name ("질병관리청은"). Its noun phrase ("김영호 통일부 장관", "미국 국무부 대변인") is
the mention, resolved to the actors stage's entity named in it (a person first, else the
organisation it ends with). 그는/그녀는 stand for the last person who spoke or was the topic of a
sentence; "이 관계자", "지 청장", "밀러 대변인" for the speaker last named so; a report with no subject
is the previous sentence's speaker's (“…”라고 덧붙였다). Quoted words that stand as a sentence of
their own continue the previous quote's speaker; others (names, terms: “민생 안정 특별법” 등) are no
quote. Only the body is read: a headline's quote (정부 "北 도발에 단호히 대응") is the body's too.

`cue` is the verb's dictionary form (lemma), not its surface: 말했다 -> "말하다", 밝혔다 -> "밝히다",
덧붙였다 -> "덧붙이다". The morphemes come from the Kiwi instance the NLP stage loaded
(newsledger.nlp.models.korean), and the sentences from the record's `sentences` (Kiwi's split).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from newsledger.actors.resolve import ArticleEntity
from newsledger.lexicons import load_toml
from newsledger.model import Article, Quote, Speaker
from newsledger.nlp import models
from newsledger.quotes.marks import QuotedSpan, find_quoted_spans
from newsledger.time.assign import date_of_span

# How far back a pronoun, "이 관계자" or a subjectless report may look for whom it stands for.
COREFERENCE_CHARS = 1200
# The verb of saying stands at most this many words after the ending ("…고 발부 사유를 밝혔다").
MAX_CUE_WORDS = 5
# The longest speaker noun phrase, in words ("국회 외교통일위원회 소속 한 의원").
MAX_SPEAKER_WORDS = 6
# A phrase skipped between speaker and content ("조선중앙통신을 통해 발표한 담화에서") spans at most this.
MAX_ADVERBIAL_WORDS = 6
# A quoted sentence standing alone is a quote only with at least this many words.
MIN_STANDALONE_WORDS = 3
_SENTENCE = re.compile(r"[^\n.!?]*(?:[.!?]+[\"'”’)]*|\n|$)")
_CLOSING = "\"”»“'"
_FINAL = re.compile(r"[.!?…。]['\"”’)\]]*\s*$")
_NOUNISH = ("NN", "NP", "NR", "SN", "SL", "SH", "XSN", "XPN", "SSO", "SSC", "MM")
_TIME_WORD = re.compile(r"^(?:\d+(?:일|월|시|분|년|주|께|경)?|[0-9.]+(?:일|월)|오전|오후|새벽|밤|낮|저녁)+[,]?$")


def lexicon() -> dict[str, Any]:
    return load_toml("newsledger.quotes", "lexicon", "ko")


@dataclass
class Word:
    start: int
    end: int
    text: str
    tokens: list[Any] = field(default_factory=list)


@dataclass
class Cue:
    lemma: str
    start: int  # the verb's word
    end: int
    belief: bool = False


@dataclass
class Marker:
    """An ending that marks what comes before it as said."""

    kind: str  # direct (after quoted words) or indirect
    chain: bool  # 며/면서: the report runs on
    anchor: int  # the content starts at the latest here: the opening mark, or the ending's word
    end: int  # where the ending ends (the next part of the report starts after it)
    content_end: int  # where the reported words end (the closing mark, or the clause without its ending)
    quote: QuotedSpan | None = None
    cue: Cue | None = None


@dataclass
class Who:
    """A speaker as resolved, with what later references to it need."""

    speaker: Speaker
    person: bool
    at: int
    head: str = ""  # the noun the mention ends with ("관계자", "청장")


@dataclass
class KoreanQuote:
    start: int
    end: int
    text: str
    kind: str
    who: Who | None
    cue: Cue | None
    venue: str | None = None
    confidence: float = 0.5


def _lemma(tokens: list[Any], i: int) -> str | None:
    """The dictionary form of the predicate whose stem is token i, or None if it is none."""
    token = tokens[i]
    if token.tag.startswith(("VV", "VX")):
        return token.form + "다"
    if token.tag == "XSV" and i > 0 and tokens[i - 1].tag.startswith("N"):
        return tokens[i - 1].form + "하다"
    return None


def _end(token: Any) -> int:
    return token.start + token.len


class KoreanFinder:
    """The quotes of one Korean article (its body, sentences, times and the actors stage's entities)."""

    def __init__(self, article: Article, entities: list[ArticleEntity], tokens: list[Any] | None = None) -> None:
        self.article = article
        self.body = body = article.body
        self.entities = entities
        lex = lexicon()
        self.lex = lex
        self.speech = set(lex["speech_verbs"])
        self.belief = set(lex["belief_verbs"])
        self.titles = sorted(lex["titles"], key=len, reverse=True)
        self.person_heads = sorted(set(lex["titles"]) | set(lex["person_nouns"]), key=len, reverse=True)
        self.adverbs = set(lex["adverbs"])
        analysed = models.korean().tokenize(body) if tokens is None else tokens
        self.tokens = [t for t in analysed if t.len > 0 or t.form]
        self.token_starts = [t.start for t in self.tokens]
        self.words = [Word(m.start(), m.end(), m.group()) for m in re.finditer(r"\S+", body)]
        self.word_starts = [w.start for w in self.words]
        for token in self.tokens:
            k = bisect.bisect_right(self.word_starts, token.start) - 1
            if k >= 0 and token.start < self.words[k].end:
                self.words[k].tokens.append(token)
        self.spans = find_quoted_spans(body)
        self.marks: list[tuple[int, int]] = []  # each quoted part with its marks: [open mark, after close mark)
        self.bounds: dict[int, tuple[int, int]] = {}  # per span: its opening mark, the end of its closing one
        for span in self.spans:
            for s, e in span.parts:
                left = max(0, s - 2 if body[max(0, s - 2):s] == "''" else s - 1)
                right = e + 2 if body[e:e + 2] == "''" else e + 1 if e < len(body) and body[e] in _CLOSING else e
                self.marks.append((left, max(right, e + 1)))
            self.bounds[id(span)] = (self.marks[-len(span.parts)][0], right)
        self.time_spans = [(t.start, t.end) for t in article.times]
        self.dateline = article.dateline_span()
        self.sentences = self._sentences()
        self.mentions: list[tuple[int, int, ArticleEntity, str]] = sorted(
            ((s, e, ent, ent.kinds.get((s, e), "name")) for ent in entities for s, e in ent.mentions),
            key=lambda m: (m[0], m[1]))  # two entities may share a span: they are not ordered themselves

    # --- text ---------------------------------------------------------------------------------
    def quoted(self, pos: int) -> bool:
        return any(s <= pos < e for s, e in self.marks)

    def _sentences(self) -> list[tuple[int, int]]:
        """The record's sentences, cut at line breaks and joined where a break falls inside quoted words."""
        spans = [tuple(s) for s in self.article.sentences] or [m.span() for m in _SENTENCE.finditer(self.body)]
        pieces: list[tuple[int, int]] = []
        for s, e in spans:
            start = s
            for m in re.finditer(r"\n+", self.body[s:e]):
                pieces.append((start, s + m.start()))
                start = s + m.end()
            pieces.append((start, e))
        merged: list[tuple[int, int]] = []
        for s, e in pieces:
            if s >= e or not self.body[s:e].strip():
                continue
            # a break inside quoted words, or with no sentence-final mark ("…”이라고 한 | 대학병원 교수는")
            if merged and "\n" not in self.body[merged[-1][1]:s] and (any(
                    a < merged[-1][1] < b - 1 for a, b in self.marks) or not _FINAL.search(
                    self.body[merged[-1][0]:merged[-1][1]])):
                merged[-1] = (merged[-1][0], e)
            else:
                merged.append((s, e))
        return merged

    def words_in(self, start: int, end: int) -> list[int]:
        """Indexes of the words that start in [start, end)."""
        lo = bisect.bisect_left(self.word_starts, start)
        hi = bisect.bisect_left(self.word_starts, end)
        return list(range(lo, hi))

    def word_at(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.word_starts, pos) - 1)

    def token_index(self, pos: int) -> int:
        """The first token starting at or after pos."""
        return bisect.bisect_left(self.token_starts, pos)

    def is_time(self, word: Word) -> bool:
        return _TIME_WORD.match(word.text) is not None or any(
            s < word.end and word.start < e for s, e in self.time_spans)

    def stem(self, word: Word) -> str:
        """The word without its particles and trailing punctuation ("장관은," -> "장관")."""
        tokens = [t for t in word.tokens if not t.tag.startswith(("SF", "SP", "SE"))]
        while tokens and tokens[-1].tag.startswith("J"):
            tokens.pop()
        if not tokens:
            return word.text
        return self.body[word.start:_end(tokens[-1])]

    # --- endings and verbs --------------------------------------------------------------------
    def predicate_after(self, pos: int, stop: int) -> tuple[Cue, bool, bool] | None:
        """The first predicate after pos, before stop (another quote, the sentence's end):
        (cue, finite, adnominal), or None."""
        first_word = self.word_at(pos) if pos < len(self.body) else len(self.words)
        k = self.token_index(pos)
        while k < len(self.tokens) and self.tokens[k].start < stop:
            token = self.tokens[k]
            if token.tag == "SSO" or self.word_at(token.start) - first_word > MAX_CUE_WORDS:
                return None
            lemma = _lemma(self.tokens, k) if not self.quoted(token.start) else None
            if lemma is not None:
                rest = [t for t in self.tokens[k + 1:k + 4] if t.start < stop and t.tag != "EP"]
                after = rest[0] if rest else None
                if after is not None and after.tag == "XSV":  # "분석/NNG 하/XSV": the lemma is at XSV
                    k += 1
                    continue
                word = self.words[self.word_at(token.start)]
                if word.text == "한" and lemma == "하다":  # "…이라고 한 대학병원 교수는": the determiner
                    k += 1
                    continue
                finite = self.tokens[k + 1].tag in ("EP", "EF") if k + 1 < len(self.tokens) else False
                adnominal = after is not None and after.tag == "ETM"
                conditional = after is not None and after.tag == "EC" and after.form in (
                    "어서", "아서", "어도", "더라도", "면", "으면", "니", "니까", "어야", "다가")
                if conditional:
                    return None
                return Cue(lemma, word.start, word.end, lemma in self.belief), finite, adnominal
            if token.tag in ("EF", "VCP", "VCN") or token.tag.startswith("VA"):
                return None
            k += 1
        return None

    def speech_cue(self, pos: int, stop: int, after_quote: bool) -> Cue | None:
        """The verb of saying after an ending: a speech or belief verb, finite 하다 (…라고 했다),
        or after quoted words any finite verb that does not name them."""
        found = self.predicate_after(pos, stop)
        if found is None:
            return None
        cue, finite, adnominal = found
        if cue.lemma in self.lex["not_cues"]:
            return None
        if cue.lemma in self.speech or cue.lemma in self.belief:
            return cue
        if cue.lemma == self.lex["say_verb"] and (finite or not adnominal):
            return cue
        if after_quote and not adnominal:
            return cue
        return None

    def statement_cue(self, k: int, stop: int) -> Cue | None:
        """After an adnominal ending (token k): a statement noun and its verb ("…는 입장을 밝혔다")."""
        w = self.word_at(self.tokens[k].start) + 1
        for _ in range(2):  # "…는 입장을", "…는 기존 입장을": one modifier may stand between
            if w >= len(self.words) or self.words[w].start >= stop:
                return None
            nouns = [t for t in self.words[w].tokens if t.tag.startswith("NN")]
            if nouns and nouns[-1].form in self.lex["statement_nouns"] and self.words[w].tokens[-1].tag.startswith("J"):
                break
            if self.stem(self.words[w]) not in self.lex["statement_modifiers"]:
                return None
            w += 1
        else:
            return None
        found = self.predicate_after(self.words[w].end, stop)
        if found is None:
            return None
        cue, _, adnominal = found
        verbs = set(self.lex["statement_verbs"]) | self.speech
        if adnominal or cue.lemma not in verbs or self.word_at(cue.start) - w > 2:
            return None
        return cue

    def markers(self, start: int, end: int) -> tuple[list[Marker], list[QuotedSpan]]:
        """The endings of a sentence, in order, and the quoted spans in it that have none."""
        found: list[Marker] = []
        bare: list[QuotedSpan] = []
        used: set[int] = set()
        lex = self.lex
        for span in self.spans:
            close = self._closing(span)
            if not (start <= close <= end):
                continue
            k = self.token_index(close)
            tokens = self.tokens
            if k >= len(tokens) or tokens[k].start > close + 1 or tokens[k].start >= end:
                bare.append(span)
                continue
            first = k
            if tokens[k].tag == "VCP" and k + 1 < len(tokens):
                k += 1
            form, tag = tokens[k].form, tokens[k].tag
            ending_end = _end(tokens[k])
            if k + 1 < len(tokens) and tokens[k + 1].tag == "JX" and tokens[k + 1].start <= ending_end:
                ending_end = _end(tokens[k + 1])
            marker = Marker("direct", False, self._opening(span), ending_end, span.end, quote=span)
            if tag == "JKQ" or (tag == "EC" and form in lex["quote_endings"]):
                marker.cue = self.speech_cue(ending_end, end, after_quote=True)
                if marker.cue is None:
                    bare.append(span)
                    continue
            elif tag == "EC" and (form in lex["quote_chain_endings"] or form.endswith(("며", "면서"))):
                marker.chain = True
            elif tag == "ETM" and form in lex["adnominal_endings"]:
                marker.cue = self.statement_cue(k, end)
                if marker.cue is None:
                    bare.append(span)
                    continue
            else:
                bare.append(span)
                continue
            used.update(range(first, k + 2))
            found.append(marker)
        report = set(lex["report_endings"])
        chain = set(lex["chain_endings"])
        adnominal = set(lex["adnominal_endings"])
        for k in range(self.token_index(start), self.token_index(end)):
            token = self.tokens[k]
            if k in used or self.quoted(token.start) or token.tag not in ("EC", "ETM"):
                continue
            if k > 0 and self.tokens[k - 1].tag == "SSC" and self.body[self.tokens[k - 1].start] in _CLOSING[:4]:
                continue  # right after quoted words: handled above (single quotes are a paraphrase's)
            word = self.words[self.word_at(token.start)]
            clause_end = self._clause_end(word.start, _end(token))
            if token.tag == "EC" and token.form in report:
                cue = self.speech_cue(_end(token), end, after_quote=False)
                if cue is None:
                    continue
                found.append(Marker("indirect", False, word.start, _end(token), clause_end, cue=cue))
            elif token.tag == "EC" and token.form in chain:
                found.append(Marker("indirect", True, word.start, _end(token), clause_end))
            elif token.tag == "ETM" and token.form in adnominal and (token.form not in ("는", "란") or (
                    k > 0 and self.tokens[k - 1].tag == "SSC")):
                cue = self.statement_cue(k, end)
                if cue is None or any(self._is_report_word(x) for x in self.words_in(cue.start, cue.end)):
                    continue  # "…한다는 의견을 냈다고 전했다": the outer report holds it
                found.append(Marker("indirect", False, word.start, _end(token), clause_end, cue=cue))
        found.sort(key=lambda m: m.end)
        return found, bare

    def _clause_end(self, start: int, end: int) -> int:
        """The reported clause without its ending: "발사했다고" -> "발사했다", "예정이라고" -> "예정이라",
        "제기했다면서도" -> "제기했다" (Kiwi may give the ending a length of one)."""
        last = max(self.body.rfind(c, start, end) for c in "다라자냐까")
        return last + 1 if last >= 0 else max(start, end - 1)

    def _is_report_word(self, w: int) -> bool:
        ends = set(self.lex["report_endings"]) | set(self.lex["chain_endings"])
        return any(t.tag == "EC" and t.form in ends for t in self.words[w].tokens)

    def _opening(self, span: QuotedSpan) -> int:
        return self.bounds[id(span)][0]

    def _closing(self, span: QuotedSpan) -> int:
        return self.bounds[id(span)][1]

    # --- speakers -----------------------------------------------------------------------------
    def subject(self, w: int) -> tuple[str, str] | None:
        """("topic" | "subject", head noun) when word w is a noun with 은/는/도/께서 or 이/가."""
        tokens = [t for t in self.words[w].tokens if not t.tag.startswith(("SF", "SP", "SE"))]
        if len(tokens) < 2:
            return None
        last, before = tokens[-1], tokens[-2]
        if before.tag == "XSN" and len(tokens) >= 3:  # 전문가/들/은
            before = tokens[-3]
        if not before.tag.startswith(("NN", "NP", "NR", "SL", "SH", "SN")) and before.tag != "SSC":
            return None
        if last.tag == "JX" and last.form in ("은", "는", "도", "ᆫ"):
            return "topic", before.form
        if last.tag == "JKS":
            return ("topic" if last.form == "께서" else "subject"), before.form
        return None

    def speaker_kind(self, w: int, head: str) -> str | None:
        """What word w (a subject) names, if it can speak: pronoun, group, person, statement, org, entity."""
        stem = self.stem(self.words[w])
        s, e = self.words[w].start, self.words[w].start + len(stem)
        lex = self.lex
        if stem in lex["pronouns"]:
            return "pronoun"
        if stem in lex["group_pronouns"]:
            return "group"
        if stem in lex["statement_speakers"]:
            return "statement"
        named = [ent for ms, me, ent, kind in self.mentions if ms < e and s < me and kind not in ("pronoun",)]
        if any(ent.type == "PERSON" for ent in named):
            return "person"
        if stem.endswith(tuple(self.person_heads)) or head in lex["person_nouns"] or head in lex["person_words"]:
            return "person"
        if named:
            return "entity"
        if stem in lex["speaker_words"] or head in lex["speaker_words"]:
            return "org"
        if len(stem) >= 3 and stem.endswith(tuple(lex["org_endings"])) and re.fullmatch(r"[가-힣]+", stem):
            return "org"
        return None

    def noun_phrase(self, w: int, floor: int) -> int:
        """Where the speaker's noun phrase ending in word w starts ("미국 국무부 대변인은" -> 미국)."""
        start = self.words[w].start
        for k in range(w - 1, max(-1, w - MAX_SPEAKER_WORDS), -1):
            word = self.words[k]
            if word.start < floor or self.quoted(word.start) or word.text.endswith((",", ".", "=")):
                break
            if self.body[word.end:start].count("\n"):
                break
            if self.stem(word) in self.adverbs or self.is_time(word):
                break
            tokens = [t for t in word.tokens if not t.tag.startswith(("SF", "SP", "SE"))]
            if not tokens:
                break
            if word.text in ("한", "어느", "모"):  # "한 대학병원 교수": a determiner Kiwi may read as a verb
                start = word.start
                continue
            named = any(ms < word.end and word.start < me for ms, me, _, _ in self.mentions)
            body = tokens[:-1] if tokens[-1].tag == "JKG" else tokens
            if not named and not all(t.tag.startswith(_NOUNISH) for t in body):
                break
            if not body:
                break
            start = word.start
        return start

    def find_speaker(self, start: int, end: int, direct: bool, topic_only: bool = False
                     ) -> tuple[int, int, str, str] | None:
        """The speaker in [start, end): (mention start, end, kind, head) of the first subject that can
        speak, a topic (은/는) before a subject (이/가); for indirect reports a subject (이/가) only if
        a person or if the clause has a subject of its own after it ("필리핀 정부가 … 함정들이 …다고")."""
        best: tuple[int, int, str, str] | None = None
        words = self.words_in(start, end)
        for n, w in enumerate(words):
            if self.quoted(self.words[w].start) or self.words[w].end > end + 1:
                continue
            found = self.subject(w)
            if found is None:
                continue
            role, head = found
            kind = self.speaker_kind(w, head)
            if kind is None:
                continue
            mention = (self.noun_phrase(w, start), self.words[w].start + len(self.stem(self.words[w])), kind, head)
            if role == "topic":
                return mention
            if topic_only:
                continue
            later = any(self.subject(x) is not None and not self.quoted(self.words[x].start) for x in words[n + 1:])
            if best is None and (direct or kind in ("person", "pronoun") or later):
                best = mention
        return best

    # --- adverbials between speaker and content -------------------------------------------------
    def content_start(self, pos: int, end: int) -> tuple[int, str | None]:
        """Skip the time words, adverbs and attribution phrases after pos: (where the content
        starts, the venue named by a skipped phrase)."""
        venue = None
        lex = self.lex
        heads = set(lex["adverbial_heads"])
        venues = tuple(lex["venue_nouns"])
        while True:
            ws = [w for w in self.words_in(pos, end) if not self.quoted(self.words[w].start)]
            if not ws or self.words[ws[0]].start >= end:
                break
            word = self.words[ws[0]]
            if (self.stem(word) in self.adverbs or self.is_time(word)) and word.end <= end:
                pos = word.end
                continue
            skipped = False
            for k in ws[:MAX_ADVERBIAL_WORDS]:
                cand = self.words[k]
                if cand.end > end or self.quoted(cand.start):
                    break
                if k != ws[0] and self.subject(k - 1) and self.subject(k - 1)[0] in ("topic", "subject"):
                    break  # a subject inside: this is the content
                bare = cand.text.rstrip(",")
                last = [t for t in cand.tokens if not t.tag.startswith(("SF", "SP", "SE"))]
                place = last and last[-1].tag.startswith(("JKB", "JX")) and any(
                    t.tag == "JKB" and t.form in ("에서", "에", "에게", "서") for t in last)
                phrase = self.body[word.start:cand.end]
                if bare in heads or (place and (any(v in phrase for v in venues) or any(
                        t.form == "에게" for t in last))):
                    if self.subject(k) is not None:
                        break
                    if any(v in phrase for v in venues):
                        venue = re.sub(r"(?:에서는|에서|에게|에|을 통해|를 통해|을 내고|를 내고)$", "", phrase).strip()
                    pos = cand.end
                    skipped = True
                    break
            if not skipped:
                break
        while pos < end and self.body[pos] in " \t\n,":
            pos += 1
        return pos, venue

    def clause_start(self, start: int, end: int) -> int:
        """Where the report's own clause starts in [start, end): after the last word that ends
        another clause ("…영상을 올리며 “…”", "…발사하며 “…”고") or an attribution phrase ("…에 대해")."""
        heads = set(self.lex["adverbial_heads"])
        for w in reversed(self.words_in(start, end)):
            word = self.words[w]
            if word.end > end or self.quoted(word.start):
                continue
            tokens = [t for t in word.tokens if not t.tag.startswith(("SF", "SP", "SE"))]
            verb = any(t.tag.startswith(("VV", "VX", "XSV", "VA")) for t in tokens)
            if word.text.rstrip(",") in heads or (verb and tokens and tokens[-1].tag == "EC"
                                                  and not self._is_report_word(w)):
                return word.end
        return start

    def has_content_words(self, start: int, end: int) -> bool:
        """Is there a clause before quoted words ("남측의 제안을 “…”", "북한의 도발이 “…”")?"""
        for w in self.words_in(self.clause_start(start, end), end):
            word = self.words[w]
            if word.end > end + 1 or self.quoted(word.start):
                continue
            tokens = [t for t in word.tokens if not t.tag.startswith(("SF", "SP", "SE"))]
            if tokens and (tokens[-1].tag in ("JKS", "JKO", "JKC") or (
                    tokens[-1].tag == "JX" and tokens[-1].form in ("은", "는", "ᆫ", "도"))):
                return True
        return False

    # --- resolution ---------------------------------------------------------------------------
    def resolve(self, start: int, end: int, kind: str, head: str, tracker: Tracker) -> Who:
        mention = self.body[start:end]
        inside = [(ms, me, ent, k) for ms, me, ent, k in self.mentions if start <= ms and me <= end]
        people = [(ms, me, ent, k) for ms, me, ent, k in inside if ent.type == "PERSON" and k != "pronoun"]
        if kind == "pronoun":
            gender = self.lex["pronouns"].get(mention, "x")
            who = tracker.person(start, gender, self.entities)
            if who is None:
                same = [ent for ms, me, ent, k in self.mentions if (ms, me) == (start, end) and k == "pronoun"]
                if same:
                    who = self._who(same[0], start, end, mention, head)
            if who is not None:
                return self._refer(who, start, end, mention)
        if kind == "statement":
            who = tracker.last(start)
            if who is not None:
                return self._refer(who, start, end, mention)
        words = mention.split()
        if people:
            named = [p for p in people if p[3] != "title"] or people
            # the longest name, a known actor's before a name the actors stage made from part of it
            _, _, ent, k = max(named, key=lambda p: (p[1] - p[0], p[2].kb_id is not None, p[0]))
            if k != "title" or len(words) == 1 or self._title_fits(ent, mention):
                return self._who(self._canonical(ent, start), start, end, mention, head)
        if words and all(any(w.endswith(t) for t in self.titles) or w in ("대행", "권한대행") for w in words):
            # a bare title ("차관보 대행은", "대변인은"): the last person named with it, or who spoke with it
            titled = [ent for ent in self.entities if ent.type == "PERSON" and ent.first() < start
                      and any(role.endswith(mention) for role in ent.roles)]
            if titled:
                return self._who(max(titled, key=lambda ent: max(m for m, _ in ent.mentions if m < start)),
                                 start, end, mention, head)
            who = tracker.titled(start, mention)
            if who is not None:
                return self._refer(who, start, end, mention)
        if len(words) == 2 and (words[0] in self.lex["demonstratives"] or re.fullmatch(r"[가-힣]", words[0])):
            # "이 관계자", "지 청장", "해당 기업 대표": the speaker last named with that noun
            who = tracker.named_by(start, words[0], words[1])
            if who is not None:
                return self._refer(who, start, end, mention)
        if len(words) >= 2 and re.fullmatch(r"[가-힣]{2,}", words[0]):
            # "밀러 대변인", "푸틴 대통령": a person the article named in full before
            for ent in self.entities:
                if ent.type == "PERSON" and any(
                        a.split()[-1] == words[0] or a.split()[0] == words[0]
                        for a in ent.aliases | {ent.name} if " " in a) and ent.first() < start:
                    return self._who(ent, start, end, mention, head)
        orgs = [(ms, me, ent, k) for ms, me, ent, k in inside if ent.type != "PERSON" and me >= end - 1]
        if orgs and kind in ("entity", "org"):
            return self._who(orgs[-1][2], start, end, mention, head)
        return self._unnamed(start, end, mention, kind, head)

    def _canonical(self, person: ArticleEntity, before: int) -> ArticleEntity:
        """A name the knowledge base lacks that is the family or given name of a known actor named
        earlier ("밀러" after "매튜 밀러") is that actor."""
        if person.kb_id is not None:
            return person
        for other in self.entities:
            if other.type == "PERSON" and other.kb_id is not None and other.first() < before and any(
                    " " in a and person.name in (a.split()[0], a.split()[-1]) for a in other.aliases | {other.name}):
                return other
        return person

    def _title_fits(self, person: ArticleEntity, mention: str) -> bool:
        """A bare title resolved by the actors stage fits "미국 국무부 대변인" only if the person's role
        names the same body."""
        qualifier = mention.rsplit(" ", 1)[0]
        return any(qualifier in role for role in person.roles)

    def _who(self, entity: ArticleEntity, start: int, end: int, mention: str, head: str) -> Who:
        role = entity.roles[0] if entity.roles else self._title_in(mention) or entity.kb_role
        speaker = Speaker(name=entity.name, entity=entity.id, mention=mention, mention_start=start,
                          mention_end=end, role=role)
        return Who(speaker, entity.type == "PERSON", start, head)

    def _refer(self, who: Who, start: int, end: int, mention: str) -> Who:
        old = who.speaker
        speaker = Speaker(name=old.name, entity=old.entity, mention=mention, mention_start=start, mention_end=end,
                          role=old.role)
        return Who(speaker, who.person, start, who.head)

    def _title_in(self, mention: str) -> str | None:
        last = mention.split()[-1] if mention.split() else ""
        if any(last.endswith(t) for t in self.titles):
            words = mention.split()
            if len(words) >= 2 and self._personal_name(words[0]):
                return " ".join(words[1:])
            return last
        return None

    def _personal_name(self, word: str) -> bool:
        return bool(re.fullmatch(r"[가-힣]{2,4}", word)) and word not in self.lex["not_names"] and not word.endswith(
            tuple(self.lex["org_endings"])) and not any(
            word == self.body[ms:me] for ms, me, ent, _ in self.mentions if ent.type != "PERSON")

    def _unnamed(self, start: int, end: int, mention: str, kind: str, head: str) -> Who:
        """A speaker the actors stage does not know: "윤영빈 우주항공청장" is 윤영빈, role 우주항공청장;
        "미국 국무부 대변인" stays as written."""
        words = mention.split()
        name, role = mention, self._title_in(mention)
        if len(words) >= 2 and role and self._personal_name(words[0]):
            name, role = words[0], " ".join(words[1:])
        person = kind in ("person", "pronoun")
        return Who(Speaker(name=name, mention=mention, mention_start=start, mention_end=end, role=role),
                   person, start, head)

    # --- the article --------------------------------------------------------------------------
    def find(self) -> list[KoreanQuote]:
        quotes: list[KoreanQuote] = []
        tracker = Tracker()
        for s, e in self.sentences:
            if self.dateline and self.dateline[0] <= s < self.dateline[1]:
                s = self.dateline[1]
            markers, bare = self.markers(s, e)
            reports = self._reports(markers)
            start = s
            speaker: Who | None = None
            for report in reports:
                speaker, made = self._report(report, start, e, speaker, tracker)
                quotes += made
                cue = report[-1].cue
                start = max(report[-1].end, cue.end if cue else report[-1].end)
                if speaker is not None:
                    tracker.add(speaker)
            if not reports:
                topic = self.find_speaker(s, e, direct=True)
                if topic is not None:
                    tracker.add(self.resolve(*topic, tracker), topic=True)
                according = self._according(s, e, tracker)
                if according is not None:
                    quotes.append(according)
            for span in bare:
                alone = self._standalone(span, s, e, quotes, tracker)
                if alone is not None:
                    quotes.append(alone)
        return sorted(quotes, key=lambda q: q.start)

    def _reports(self, markers: list[Marker]) -> list[list[Marker]]:
        reports, current = [], []
        for marker in markers:
            current.append(marker)
            if not marker.chain:
                reports.append(current)
                current = []
        if current:
            reports.append(current)
        return reports

    def _report(self, report: list[Marker], start: int, end: int, previous: Who | None, tracker: Tracker
                ) -> tuple[Who | None, list[KoreanQuote]]:
        last = report[-1]
        if last.cue is None:  # a chain with no verb of its own: the next verb of saying, if any
            found = self.predicate_after(last.end, end)
            if found is not None and (found[0].lemma in self.speech or found[0].lemma == self.lex["say_verb"]):
                last.cue = found[0]
        cue = last.cue
        after = self.find_speaker(last.end, cue.start, direct=True) if cue is not None else None
        first = report[0]
        if first.anchor < start:  # quoted words running over paragraphs: their speaker is where they open
            start = max((s for s, _ in self.sentences if s <= first.anchor), default=start)
        # after a report in the same sentence only a topic is a new speaker ("…며 당국자들이 “…”고"
        # is the same speaker's mixed report)
        before = None if after is not None else self.find_speaker(start, first.anchor, first.kind == "direct",
                                                                  topic_only=previous is not None)
        mention = after or before
        if mention is not None:
            who: Who | None = self.resolve(*mention, tracker)
            confidence = 0.9
        else:
            who = previous or tracker.last(start)
            who = _inherited(who) if who is not None else None
            confidence = 0.6
        made = []
        pos = self.words[self.word_at(before[1] - 1)].end if before is not None else start
        for marker in report:
            content, venue = self.content_start(pos, marker.anchor)
            if marker.kind == "direct":
                span = marker.quote
                text = " ".join(self.body[a:b] for a, b in span.parts)
                q_start, q_end, kind = span.start, span.end, "direct"
                if content < marker.anchor and self.has_content_words(content, marker.anchor):
                    q_start, q_end, kind = content, marker.content_end + 1, "mixed"
                    text = self.body[q_start:q_end]
            else:
                q_start, q_end = content, marker.content_end
                text = self.body[q_start:q_end].strip()
                if len(text.split()) < 2:
                    pos = marker.end
                    continue
                own = self.clause_start(q_start, q_end)
                kind = "mixed" if any(own <= a < q_end for a, _ in self.marks) else "indirect"
            belief = cue is not None and cue.belief
            made.append(KoreanQuote(q_start, q_end, text, kind, who, cue, venue,
                                    (0.5 if belief else confidence) if kind != "direct" or who else 0.6))
            pos = marker.end
        return who, made

    def _according(self, start: int, end: int, tracker: Tracker) -> KoreanQuote | None:
        """"합참에 따르면 북한은 …했다": the clause after, reported by X."""
        for k in range(self.token_index(start), self.token_index(end)):
            t = self.tokens[k]
            if not (_lemma(self.tokens, k) in self.lex["according"] and k > 0 and self.tokens[k - 1].tag == "JKB"
                    and k + 1 < len(self.tokens) and self.tokens[k + 1].form == "면"):
                continue
            w = self.word_at(self.tokens[k - 1].start)
            if self.quoted(t.start):
                continue
            stem_end = self.tokens[k - 1].start
            mention_start = self.noun_phrase(w, start)
            content, venue = _end(self.tokens[k + 1]), None  # its time words are the content's
            while content < end and self.body[content] in " ,":
                content += 1
            text_end = end
            while text_end > content and self.body[text_end - 1] in ".!? ":
                text_end -= 1
            text = self.body[content:text_end]
            if len(text.split()) < 3:
                return None
            head = self.words[w].text
            who = self.resolve(mention_start, stem_end, self.speaker_kind(w, head) or "org", head, tracker)
            kind = "mixed" if any(content <= a < text_end for a, _ in self.marks) else "indirect"
            return KoreanQuote(content, text_end, text, kind, who, Cue("따르다", t.start, _end(t)), venue, 0.7)
        return None

    def _standalone(self, span: QuotedSpan, start: int, end: int, quotes: list[KoreanQuote], tracker: Tracker
                    ) -> KoreanQuote | None:
        """Quoted words that are their sentence: said by whom the next sentence says said them
        ("관계자는 … 이같이 말했다"), else the previous quote's speaker goes on speaking."""
        opening = self._opening(span)
        close = self._closing(span)
        outside = self.body[start:opening] + self.body[close:end]
        text = " ".join(self.body[a:b] for a, b in span.parts)
        if outside.strip(" .\n") or len(text.split()) < MIN_STANDALONE_WORDS:
            return None
        following = next(((s, e) for s, e in self.sentences if s >= end), None)
        if following is not None and self.body.count("\n\n", end, following[0]) <= 1:
            s, e = following
            cataphor = next((m.start() for m in re.finditer("|".join(map(re.escape, self.lex["cataphora"])),
                                                           self.body[s:e])), None)
            if cataphor is not None:
                found = self.predicate_after(s + cataphor, e)
                mention = self.find_speaker(s, s + cataphor, direct=True)
                if found is not None and found[0].lemma in self.speech and mention is not None:
                    who = self.resolve(*mention, tracker)
                    return KoreanQuote(span.start, span.end, text, "direct", who, found[0], None, 0.8)
        previous = next((q for q in reversed(quotes) if q.end <= span.start), None)
        if previous is None or previous.who is None or self.body.count("\n\n", previous.end, opening) > 1:
            return KoreanQuote(span.start, span.end, text, "direct", None, None, None, 0.4)
        who = _inherited(previous.who)
        return KoreanQuote(span.start, span.end, text, "direct", who, previous.cue, None, 0.6)


def _inherited(who: Who) -> Who:
    """The speaker of a report that names none: who it is, with no mention of its own."""
    old = who.speaker
    return Who(Speaker(name=old.name, entity=old.entity, role=old.role), who.person, who.at, who.head)


class Tracker:
    """Who spoke, or was the topic, last: for pronouns, "이 관계자" and reports with no subject."""

    def __init__(self) -> None:
        self.seen: list[Who] = []

    def add(self, who: Who, topic: bool = False) -> None:
        self.seen.append(who)

    def last(self, at: int) -> Who | None:
        near = [w for w in self.seen if 0 <= at - w.at <= COREFERENCE_CHARS]
        return near[-1] if near else None

    def person(self, at: int, gender: str, entities: list[ArticleEntity]) -> Who | None:
        genders = {e.id: e.gender for e in entities}
        for who in reversed(self.seen):
            if at - who.at > COREFERENCE_CHARS:
                break
            if not who.person:
                continue
            if gender != "x" and genders.get(who.speaker.entity or "") not in (None, gender):
                continue
            return who
        return None

    def titled(self, at: int, title: str) -> Who | None:
        for who in reversed(self.seen):
            if at - who.at > COREFERENCE_CHARS:
                break
            if who.person and who.speaker.mention != title and (
                    (who.speaker.role or "").endswith(title) or (who.speaker.mention or "").endswith(title)):
                return who
        return None

    def named_by(self, at: int, first: str, head: str) -> Who | None:
        """"이 관계자": the last with a mention ending in 관계자; "지 청장": the last 지… whose mention ends in 청장."""
        for who in reversed(self.seen):
            if at - who.at > COREFERENCE_CHARS:
                break
            mention = who.speaker.mention or ""
            names = " ".join(x for x in (who.speaker.name, mention, who.speaker.role) if x)
            if not (mention.endswith(head) or (who.speaker.role or "").endswith(head)):
                continue
            if len(first) == 1 and re.fullmatch(r"[가-힣]", first) and first not in ("이", "그", "동") and not any(
                    part.startswith(first) for part in names.split()):
                continue
            return who
        return None


def find_korean_quotes(article: Article, entities: list[ArticleEntity], tokens: list[Any] | None = None
                       ) -> list[Quote]:
    """The quotes of a Korean article as records, ids Q1… in text order, dated like the English ones;
    `tokens`: Kiwi's morphemes of the body when the nlp stage has them already."""
    found = KoreanFinder(article, entities, tokens).find()
    quotes = []
    for number, q in enumerate(found, start=1):
        speaker = q.who.speaker if q.who is not None else None
        attribution = []
        if speaker is not None and speaker.mention_start is not None:
            attribution += [speaker.mention_start, speaker.mention_end]
        if q.cue is not None:
            attribution += [q.cue.start, q.cue.end]
        if not attribution:
            attribution = [q.start, q.end]
        content = (q.start, q.end) if q.cue is not None or speaker is not None else None
        date, _ = date_of_span(article, min(attribution), max(attribution), exclude=content)
        quotes.append(Quote(id=f"Q{number}", text=q.text, start=q.start, end=q.end, kind=q.kind,  # type: ignore[arg-type]
                            speaker=speaker, cue=q.cue.lemma if q.cue is not None else None, date=date,
                            venue=q.venue, confidence=round(q.confidence, 2)))
    return quotes
