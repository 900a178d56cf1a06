"""Code the events of a Korean article in PLOVER, from Kiwi's morphemes.

Korean has no dependency parse in this project, but it marks each phrase's role with a particle
and each clause's relation to the next with an ending, and both are morphemes Kiwi returns. So a
sentence is read as a row of predicates (a noun with 하다/되다/시키다, or a native verb), each with
the phrases that stand before it since the previous clause:

- the predicate's word, through the lexicon (lexicon/ko.toml), gives the type ("규탄" -> ACCUSE);
  a light verb ("정상회담을 열고", "유감을 표명하고", "거부권을 행사해") takes it from the event noun
  before it;
- its ending says whether it happened: a relative clause ("나포한 어선"), a possibility or plan
  ("발사할 가능성", "벌일 계획"), a condition ("계속한다면"), a doubt ("나설지는") or a negation
  ("공격하지 않았다") is no event; a clause reported with -다고/-라고 is what the verb after it
  says: coded when that verb is plain speech ("발사했다고 밝혔다"), taken into it when that verb is
  itself an accusation, demand or threat ("중단하라고 촉구했다" is one REQUEST, whose target is the
  reported clause's party), and dropped after a verb of belief ("…가능성이 있다고 분석했다");
- the phrase marked 이/가 is the source, else one marked 은/는 (the sentence's topic runs on through
  its clauses); the 에/에게 phrase, else the 을/를 phrase, else the 와/과 partner is the target; a
  passive (석방됐다) has its 이/가 phrase as the target and no source. A clause chained to the one
  before ("총괄공사를 초치해 항의했다") takes its party when it names none. Phrases are resolved to
  the actors stage's entities by their mentions: the person a conjunct names, else its last entity
  ("미국 재무부는" -> the Treasury), both conjuncts of "북한과 러시아는"; "양측"/"두 정상" stand for
  the parties of the event before, "담화는" for its source, "이를" and an act named as the object
  ("이번 발사를 규탄했다") for the doer of that act.

Speech on its own ("밝혔다", "말했다") is a quote, never an event, as in English; what a speaker
says a party must do ("북한은 …해야 한다"고 말했다) is the speaker's REQUEST of it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from newsledger.actors.kb import knowledge_base
from newsledger.actors.resolve import ArticleEntity
from newsledger.lexicons import load_toml
from newsledger.model import Article, Event
from newsledger.time.assign import date_of_span

# Types whose parties act together: "북한과 러시아는 … 서명했다" -> each is the other's target.
MUTUAL = {"AGREE", "CONSULT", "COOPERATE", "SUPPORT"}
HOSTILE = {"ASSAULT", "COERCE", "SANCTION", "MOBILIZE", "PROTEST"}
# Types of what is said: they take the clause they report into themselves.
VERBAL = {"ACCUSE", "REQUEST", "REJECT", "THREATEN", "AGREE"}
# What Korean writes for joint drills ("연합훈련", "한미 합동훈련"): two countries act together.
JOINT_MARKERS = ("연합", "합동", "공동")
EXERCISES = ("훈련", "연습")
NOUN_TAGS = ("NNG", "NNP", "NNB", "NR", "NP", "SN", "SL", "SH", "XSN", "XPN", "XR", "MM")
SUFFIX_VERBS = {"하", "되", "시키"}
# Clause kinds whose clause belongs to the predicate after it.
EMBEDDED = {"quote", "content", "decision", "condition"}
# Clause kinds that describe a noun or say what may be: their phrases belong to the next clause.
NOT_CLAUSES = {"modifier", "unreal", "purpose", "doubt"}
BASE_CONFIDENCE = 0.6


@dataclass
class Phrase:
    """A noun phrase and the role its particle gives it; `inner` when it stands inside a clause
    that describes a later noun ("대만에 무기를 판매한 업체를": 대만 and 무기 are inner)."""

    start: int
    end: int
    role: str  # subject, topic, object, dative, with, place, other
    conjuncts: list[tuple[int, int]]
    quoted: bool
    inner: bool = False


@dataclass
class Predicate:
    stem: str
    first: int  # token index where the predicate's word starts (the noun of 규탄하다)
    last: int  # token index of its last ending
    kind: str  # final, connect, quote, content, decision, condition, modifier, unreal, purpose, doubt
    negated: bool = False
    intention: bool = False  # -겠-, "…할 것이라고"
    passive: bool = False
    obligation: bool = False  # "…해야 한다"
    phrases: list[Phrase] = field(default_factory=list)
    governor: Predicate | None = None
    contents: list[Predicate] = field(default_factory=list)


def lexicon() -> dict[str, Any]:
    return load_toml("newsledger.events", "lexicon", "ko")


def _end(token: Any) -> int:
    return token.start + token.len


def _unique(entities: list[ArticleEntity]) -> list[ArticleEntity]:
    """The entities without repeats, in order (entities compare by value, so not through a set)."""
    out: list[ArticleEntity] = []
    for entity in entities:
        if not any(entity is seen for seen in out):
            out.append(entity)
    return out


class KoreanCoder:
    """The events of one Korean article: its body's Kiwi tokens, sentences and the actors stage's
    entities (without their dateline mentions)."""

    def __init__(self, article: Article, tokens: list[Any], entities: list[ArticleEntity]) -> None:
        self.article, self.entities = article, entities
        self.tokens = [t for t in tokens if t.len > 0]
        self.starts = [t.start for t in self.tokens]
        self.lex = lex = lexicon()
        self.function_verbs = set(lex["function_verbs"])
        self.light_verbs = set(lex["light_verbs"])
        self.speech = set(lex["speech_verbs"])
        self.belief = set(lex["belief_verbs"])
        self.allege = set(lex["allege_verbs"])
        self.mentions = sorted(((s, e, entity) for entity in entities for s, e in entity.mentions),
                               key=lambda mention: mention[:2])
        self.quoted: dict[int, bool] = {}  # token index -> inside quotation marks
        self.previous_parties: list[ArticleEntity] = []  # of the last event: whom "양측" means
        self.history: list[Event] = []  # the events so far, for "이번 발사를 규탄했다"
        self.by_id = {e.id: e for e in entities}
        self.country_mentions: dict[str | None, int] = {}
        for entity in entities:
            self.country_mentions[entity.country] = self.country_mentions.get(entity.country, 0) + len(entity.mentions)
        self.known: dict[str, list[str]] = knowledge_base().korean  # "북한" is a name, not 북 + 한
        self.abbreviations: dict[str, str] = lex["abbreviations"]

    # --- morphemes ----------------------------------------------------------------------------
    def events(self) -> list[Event]:
        out: list[Event] = []
        for start, end in self.article.sentences:
            first, last = bisect.bisect_left(self.starts, start), bisect.bisect_left(self.starts, end)
            out += self._sentence_events(first, last, start, end)
        return out

    def _predicates(self, first: int, last: int) -> list[Predicate]:
        """The sentence's predicates with their clause kinds, in order."""
        tokens, found, quoted = self.tokens, [], False
        for i in range(first, last):
            if tokens[i].tag in ("SSO", "SSC"):
                quoted = tokens[i].tag == "SSO"
            self.quoted[i] = quoted
        i = first
        while i < last:
            stem_end, stem, begin = self._stem_at(i, first, last)
            if stem is None:
                i += 1
                continue
            predicate = self._ending(stem, begin, stem_end, last)
            if stem == "" and predicate.kind == "modifier":
                i = predicate.last + 1  # "부당한 주장": an adjective describing a noun, no clause
                continue
            predicate.passive = tokens[stem_end].tag == "XSV" and tokens[stem_end].form == "되"
            before = tokens[begin - 1] if begin > first else None
            if before is not None and before.tag == "MAG" and before.form in self.lex["negating_adverbs"]:
                predicate.negated = True
            found.append(predicate)
            i = predicate.last + 1
        return found

    def _stem_at(self, i: int, first: int, last: int) -> tuple[int, str | None, int]:
        """(index of the verb morpheme, lexicon word, index where the word starts) for a predicate
        at token i: a noun run with 하다/되다/시키다 ("시험/발사/하" -> "시험발사" when listed, else
        "발사"), or a native verb ("쏘")."""
        token = self.tokens[i]
        if token.tag.startswith("VV") and token.form not in self.function_verbs:
            after_ge = i > first and self.tokens[i - 1].form == "게" and token.form == "되"
            return (i, None, i) if after_ge else (i, token.form, i)
        if token.tag in ("NNG", "NNP", "XR") and i + 1 < last and self.tokens[i + 1].tag in ("XSV", "XSA") \
                and self.tokens[i + 1].form in SUFFIX_VERBS:
            begin = i
            while begin - 1 >= first and self.tokens[begin - 1].tag == "NNG" \
                    and _end(self.tokens[begin - 1]) == self.tokens[begin].start:
                begin -= 1
            words = [t.form for t in self.tokens[begin:i + 1]]
            table = self.lex["verbs"]
            stem = next(("".join(words[k:]) for k in range(len(words)) if "".join(words[k:]) in table), token.form)
            if self.tokens[i + 1].tag == "XSA":
                return i + 1, "", i  # an adjective: a clause, never an event
            return i + 1, stem, i
        return i, None, i

    def _ending(self, stem: str, begin: int, at: int, last: int) -> Predicate:
        """The predicate whose verb morpheme is at `at`, with what its ending makes of it."""
        tokens, lex = self.tokens, self.lex
        j, endings = at + 1, []
        while j < last:
            token = tokens[j]
            if token.tag in ("EP", "EF", "EC", "VX", "ETM", "ETN") or (
                    token.tag.startswith("VV") and token.form == "되" and endings and endings[-1].form == "게"):
                endings.append(token)
                j += 1
                if token.tag in ("ETM", "ETN", "EF"):
                    break
                if token.tag == "EC" and not (j < last and (tokens[j].tag == "VX" or tokens[j].form == "되"
                                                            or (tokens[j].tag == "JX" and j + 1 < last
                                                                and tokens[j + 1].tag == "VX"))):
                    break
                continue
            if token.tag == "JX" and endings and endings[-1].tag == "EC":
                j += 1  # "하지도 않았다"
                continue
            break
        predicate = Predicate(stem=stem, first=begin, last=max(at, j - 1), kind="connect")
        predicate.negated = any(t.tag == "VX" and t.form in lex["negating_auxiliaries"] for t in endings)
        predicate.intention = any(t.tag == "EP" and t.form == "겠" for t in endings)
        predicate.obligation = any(a.tag == "EC" and a.form in lex["obligation_endings"] and b.tag == "VX"
                                   and b.form == "하" for a, b in pairwise(endings))
        if not endings:
            predicate.kind = "modifier"
            return predicate
        ending = endings[-1]
        following = [t for t in tokens[j:last] if t.tag not in ("SSC", "SSO")][:3]
        if ending.tag == "EF":
            # "…촉구한다"고 말했다", "…중단해야 한다"며": a quotation reported by what follows
            quoted_after = following and (following[0].tag == "JKQ" or (
                following[0].tag == "EC" and following[0].form in lex["after_quotation"]))
            predicate.kind = "quote" if quoted_after else "final"
        elif ending.tag == "ETN":
            if following and following[0].tag == "JKB" and following[0].form == "로":
                predicate.kind = "decision"
            elif following and following[0].form in self.function_verbs:
                predicate.kind = "purpose"  # "억제하기 위해"
            else:
                predicate.kind = "content"
        elif ending.tag == "ETM":
            predicate.kind = self._after_modifier(following, predicate)
        elif ending.form in lex["quote_endings"]:
            predicate.kind = "quote"
        elif ending.form in lex["condition_endings"]:
            predicate.kind = "condition"
        elif ending.form in lex["doubt_endings"]:
            predicate.kind = "doubt"
        elif ending.form in lex["purpose_endings"]:
            predicate.kind = "purpose"
        return predicate

    def _after_modifier(self, following: list[Any], predicate: Predicate) -> str:
        """What a clause ending in -ㄴ/-ㄹ is, by the noun after it: "회담한 뒤" happened; "철회할
        것을 촉구했다" is a demand's content; "치르게 될 것"이라고" a quoted prediction; "발사할
        가능성" and "나포한 어선" are no events."""
        if not following:
            return "modifier"
        noun = following[0]
        if noun.form in self.lex["happened_after"]:
            return "connect"
        if noun.form == "것":
            rest = following[1:]
            if rest and rest[0].tag == "JKO":
                return "content"
            if rest and (rest[0].tag == "JKQ" or (rest[0].tag == "VCP" and len(rest) > 1
                                                   and rest[1].form in self.lex["quote_endings"])):
                predicate.intention = True
                return "quote"
            return "unreal"
        if noun.form in self.lex["unreal_nouns"]:
            return "unreal"
        return "modifier"

    # --- phrases ------------------------------------------------------------------------------
    def _phrases(self, first: int, last: int) -> list[Phrase]:
        """The noun phrases between two predicates, each closed by its particle."""
        out: list[Phrase] = []
        start: int | None = None
        quoted = False
        conjuncts: list[tuple[int, int]] = []
        lex = self.lex
        for i in range(first, last):
            token = self.tokens[i]
            if token.tag.startswith("NN") or token.tag in NOUN_TAGS:
                if start is None:
                    start, conjuncts, quoted = token.start, [], self.quoted.get(i, False)
                continue
            if start is None:
                continue
            if token.tag == "JKG":
                continue
            if token.tag == "JC" or (token.tag == "SP" and token.form == ","):
                conjuncts.append((conjuncts[-1][1] if conjuncts else start, token.start))
                continue
            role = None
            if token.tag == "JKS":
                role = "subject"
            elif token.tag == "JX" and token.form in ("은", "는", "도", "만"):
                role = "topic"
            elif token.tag == "JKO":
                role = "object"
            elif token.tag == "JKB":
                role = ("dative" if token.form in lex["dative_particles"] else
                        "with" if token.form in lex["comitative_particles"] else
                        "place" if token.form in lex["place_particles"] else "other")
            elif token.tag in ("JKQ", "VCP", "JKC", "JKV"):
                role = "other"
            if role is None and token.tag in ("SSO", "SSC", "MAG", "SF", "SP", "SO", "SW", "SE"):
                start = None
                continue
            role = role or "other"
            conjuncts.append((conjuncts[-1][1] if conjuncts else start, token.start))
            out.append(Phrase(start=start, end=token.start, role=role, conjuncts=conjuncts, quoted=quoted))
            start = None
        return out

    def _entities(self, phrase: Phrase) -> list[ArticleEntity]:
        """The party each conjunct names: the person it names first ("시진핑 중국 국가주석": the
        name comes before the country and the title), else the entity of its last mention ("미국
        재무부") unless that is another country's than the one the conjunct names ("호주 해군");
        of two on one mention ("외무성": North Korea's or Japan's), the one whose country the
        phrase also names, else the one whose country the article names most."""
        text = self.article.body[phrase.start:phrase.end]
        words = text.split()
        if words and words[0] in self.lex["plural_determiners"] and self.previous_parties:
            return list(self.previous_parties)  # "두 장관은": the two of the event before
        out: list[ArticleEntity] = []
        named = [m for m in self.mentions if phrase.start <= m[0] < phrase.end]
        for start, end in phrase.conjuncts:
            inside = [m for m in named if start <= m[0] < end]
            if not inside:
                continue
            people = [m for m in inside if m[2].type == "PERSON"]
            head_start = min(m[0] for m in people) if people else max(m[0] for m in inside)
            candidates = [m[2] for m in people or inside if m[0] == head_start]
            choice = max(candidates, key=lambda e: (sum(m[2].country == e.country for m in named),
                                                    self.country_mentions.get(e.country, 0)))
            country = [m[2] for m in inside if (m[2].kb_id or "").startswith("country:")]
            if not people and country and country[-1].country != choice.country:
                choice = country[-1]  # "호주 해군": Australia's, whatever navy the name was taken for
            if choice not in out:
                out.append(choice)
        if not out and phrase.role in ("subject", "topic") and self.history \
                and any(text.endswith(noun) for noun in self.lex["statement_nouns"]):
            return [self.by_id[i] for i in self.history[-1].source if i in self.by_id]  # "담화는 … 경고했다"
        return out or self._countries_in_words(text)

    def _countries_in_words(self, text: str) -> list[ArticleEntity]:
        """Countries written inside a word, as the article's entities for them: one syllable each
        ("북러 간 협력", "한미일 3국"), or a name the word starts with ("주한 중국대사관")."""
        kb_ids: list[str] = []
        for word in text.split():
            if 2 <= len(word) <= 3 and all(c in self.abbreviations for c in word) and word not in self.known:
                kb_ids += ["country:" + self.abbreviations[c].lower() for c in word]
                continue
            for cut in range(len(word) - 1, 1, -1):
                countries = [i for i in self.known.get(word[:cut], []) if i.startswith("country:")]
                if countries:
                    kb_ids.append(countries[0])
                    break
        return _unique([e for kb_id in kb_ids for e in self.entities if e.kb_id == kb_id][:len(kb_ids)])

    # --- events -------------------------------------------------------------------------------
    def _sentence_events(self, first: int, last: int, start: int, end: int) -> list[Event]:
        predicates = self._predicates(first, last)
        cursor, pending = first, []
        for predicate in predicates:
            phrases = self._phrases(cursor, predicate.first)
            cursor = predicate.last + 1
            if predicate.kind in NOT_CLAUSES:
                for phrase in phrases:  # they go with the next clause, as inner ones
                    phrase.inner = phrase.role not in ("subject", "topic")
                pending += phrases
                continue
            predicate.phrases, pending = pending + phrases, []
        clauses = [p for p in predicates if p.kind not in NOT_CLAUSES]
        for k, predicate in enumerate(clauses):
            if predicate.kind in EMBEDDED and k + 1 < len(clauses):
                predicate.governor = clauses[k + 1]
                clauses[k + 1].contents.append(predicate)
        topic = next((ents for p in clauses for ph in p.phrases if ph.role == "topic" and not ph.quoted
                      and not ph.inner and (ents := self._entities(ph))), [])
        events: list[Event] = []
        prior: Predicate | None = None
        prior_event: Event | None = None
        for predicate in clauses:
            event = self._event(predicate, topic, start, end)
            if event is not None and not event.target and prior is not None and prior.kind == "connect":
                self._inherit_target(event, prior, prior_event)
            prior, prior_event = predicate, event
            if event is None or any(e.type == event.type and e.source == event.source for e in events):
                continue  # "정상회담을 열고 … 논의했다": one meeting, told twice
            events.append(event)
            self.history.append(event)
            self.previous_parties = _unique([self.by_id[i] for i in event.source + event.target if i in self.by_id])
        return events

    def _inherit_target(self, event: Event, prior: Predicate, prior_event: Event | None) -> None:
        """A clause chained to the one before takes its party: "총괄공사를 초치해 항의했다" (the one
        summoned is the one protested to), "…을 규탄하고 … 촉구했다" (the same side)."""
        if prior_event is None:
            found = self._places_left_out(self._role(prior, "dative") or self._role(prior, "object"))
        elif prior_event.source == event.source:
            found = [self.by_id[i] for i in prior_event.target if i in self.by_id]
        else:
            found = []
        found = [e for e in found if e.id not in event.source]
        event.target = [e.id for e in found]
        event.target_country = sorted({e.country for e in found if e.country})

    def _top(self, predicate: Predicate) -> Predicate:
        while predicate.governor is not None:
            predicate = predicate.governor
        return predicate

    def _classify(self, predicate: Predicate) -> dict[str, Any] | None:
        """The lexicon entry the predicate codes to: its own word, or the event noun a light verb
        carries (the nearest one before it in its clause)."""
        verbs, nouns = self.lex["verbs"], self.lex["nouns"]
        if predicate.stem in verbs and predicate.stem not in self.light_verbs:
            entry = dict(verbs[predicate.stem])
            if entry["type"] == "MOBILIZE" and predicate.stem in EXERCISES:
                entry.update(self._joint(predicate.first))
            return entry
        if predicate.stem not in self.light_verbs:
            return None
        lowest = min((self._token_index(p.start) for p in predicate.phrases), default=predicate.first)
        for i in range(predicate.first - 1, lowest - 1, -1):
            token = self.tokens[i]
            if not token.tag.startswith("NN") and token.tag != "XSN":
                continue
            run = self._noun_run(i)
            for k in range(len(run)):
                word = "".join(t.form for t in run[k:])
                if word in nouns or word in verbs:
                    entry = dict(nouns.get(word) or verbs[word])
                    if entry["type"] == "MOBILIZE" and any(x in word for x in EXERCISES):
                        entry.update(self._joint(self._token_index(run[0].start)))
                    return entry
        return None

    def _joint(self, at: int) -> dict[str, Any]:
        """A drill is joint (COOPERATE/military) when "연합"/"합동"/"공동" stands in its noun run."""
        run = self._noun_run(at)
        if any(t.form in JOINT_MARKERS for t in run):
            return {"type": "COOPERATE", "mode": None, "context": "military"}
        return {}

    def _noun_run(self, i: int) -> list[Any]:
        """The nouns written together or side by side up to token i ("연합 해상훈련")."""
        j = i
        while j - 1 >= 0 and (self.tokens[j - 1].tag.startswith("NN") or self.tokens[j - 1].tag == "XSN") \
                and self.tokens[j].start - _end(self.tokens[j - 1]) <= 1:
            j -= 1
        return self.tokens[j:i + 1]

    def _token_index(self, offset: int) -> int:
        return bisect.bisect_left(self.starts, offset)

    def _event(self, predicate: Predicate, topic: list[ArticleEntity], start: int, end: int) -> Event | None:
        if predicate.negated or predicate.kind in NOT_CLAUSES:
            return None
        top = self._top(predicate)
        if predicate is not top:
            # a reported clause: what plain speech says is coded; what an accusation, demand or
            # threat says is that event's content; under belief or a condition it has not happened
            if top.negated or top.stem in self.belief or self._classify(top) is not None:
                return None
            if predicate.kind == "condition" or (predicate.governor and predicate.governor.kind == "condition"):
                return None
            if top.stem not in self.speech | self.allege and predicate.kind != "decision":
                return None
        if predicate.obligation:
            return self._demand(predicate, top, topic, start, end)
        entry = self._classify(predicate)
        allege = predicate.stem in self.allege
        if entry is None and not allege:
            return None
        if allege:
            entry = {"type": "ACCUSE", "mode": "allege"}
        kind, mode, context = entry["type"], entry.get("mode"), entry.get("context")
        if kind == "NONE":
            return None
        if predicate.kind == "decision" and kind not in HOSTILE | VERBAL:
            kind, mode = "AGREE", None  # "교류를 확대하기로 했다": a pledge
        if predicate is not top and predicate.intention and kind not in VERBAL:
            kind, mode = ("THREATEN", None) if kind in HOSTILE else ("AGREE", None)
        sources = self._sources(predicate, topic)
        targets = self._targets(predicate, sources, kind)
        if allege and not targets:
            return None  # a claim about no one else is a statement
        if kind == "ASSAULT":
            mode = self._assault_mode(predicate) or mode
        if kind == "MOBILIZE" and len({e.country for e in sources if e.country}) > 1 \
                and any(x in predicate.stem for x in EXERCISES):
            kind, mode, context = "COOPERATE", None, "military"
        if kind in MUTUAL and not targets and len(sources) > 1:
            targets = list(sources)
        location = self._location(predicate)
        date, _ = date_of_span(self.article, start, end)
        confidence = BASE_CONFIDENCE + 0.1 * bool(sources) + 0.05 * bool(targets) + 0.1 * (predicate.kind == "final")
        word = self._word(predicate)
        return Event(id="", type=kind, mode=mode, trigger=word, source=[e.id for e in sources],
                     target=[e.id for e in targets],
                     source_country=sorted({e.country for e in sources if e.country}),
                     target_country=sorted({e.country for e in targets if e.country}),
                     date=date, location=location.id if location else None, sentence=[start, end],
                     confidence=round(min(confidence, 1.0), 2), context=context)

    def _demand(self, predicate: Predicate, top: Predicate, topic: list[ArticleEntity], start: int,
                end: int) -> Event | None:
        """"장관은 '북한은 도발을 중단해야 한다'고 말했다": what a speaker says a party must do is the
        speaker's demand of it (REQUEST), whatever it must do; said by no one, it is an opinion."""
        if predicate is top:
            return None
        sources = self._role(top, "subject") or self._role(top, "topic") or list(topic)
        targets = [e for e in self._role(predicate, "subject") or self._role(predicate, "topic") if e not in sources]
        date, _ = date_of_span(self.article, start, end)
        return Event(id="", type="REQUEST", mode="change", trigger=self._word(predicate),
                     source=[e.id for e in sources], target=[e.id for e in targets],
                     source_country=sorted({e.country for e in sources if e.country}),
                     target_country=sorted({e.country for e in targets if e.country}), date=date,
                     sentence=[start, end], confidence=BASE_CONFIDENCE + 0.1 * bool(sources) + 0.05 * bool(targets))

    def _word(self, predicate: Predicate) -> str:
        """The predicate as written: its word from the noun to the last ending ("발사했다고")."""
        body = self.article.body
        begin = self.tokens[predicate.first].start
        stop = _end(self.tokens[predicate.last])
        while stop < len(body) and not body[stop].isspace() and body[stop] not in ".,\"”'’":
            stop += 1
        return body[begin:stop]

    def _role(self, predicate: Predicate, role: str, inner: bool = False) -> list[ArticleEntity]:
        out: list[ArticleEntity] = []
        for phrase in predicate.phrases:
            if phrase.role == role and phrase.inner == inner:
                out += [e for e in self._entities(phrase) if e not in out]
        return out

    def _sources(self, predicate: Predicate, topic: list[ArticleEntity]) -> list[ArticleEntity]:
        """Who acts: the 이/가 phrase, else the 은/는 one, with a 와/과 partner standing before it
        ("이재명 대통령과 시진핑 주석은"); else the sentence's topic; else who reports it."""
        if predicate.passive:
            return []  # "선원들이 석방됐다": who acted is not said
        found = self._role(predicate, "subject") or self._role(predicate, "topic")
        if found:
            partners = [e for ph in predicate.phrases if ph.role == "with" and not ph.inner
                        and ph.end <= min(p.start for p in predicate.phrases if p.role in ("subject", "topic"))
                        for e in self._entities(ph)]
            return _unique(partners + found)
        if topic:
            return list(topic)
        governor = predicate.governor
        while governor is not None:
            if found := self._role(governor, "subject") or self._role(governor, "topic"):
                return found
            governor = governor.governor
        return []

    def _targets(self, predicate: Predicate, sources: list[ArticleEntity], kind: str) -> list[ArticleEntity]:
        """The other party: the 에/에게 phrase, the 을/를 phrase (a place only for what is done to
        it: "하르키우를 포격해", not "한반도 정세를 논의했다"), the 와/과 partner (not one standing
        before the source), a passive's subject; the doer of an act named ("이번 발사를 규탄했다");
        then those of a relative clause; then the party of what an accusation, demand or threat
        reports."""
        subject_at = min((p.start for p in predicate.phrases if p.role in ("subject", "topic")), default=-1)
        objects = self._role(predicate, "object")
        order: list[list[ArticleEntity]] = []
        if predicate.passive:
            order.append(self._role(predicate, "subject"))
        order += [self._places_left_out(self._role(predicate, "dative")),
                  objects if kind in HOSTILE else self._places_left_out(objects),
                  [e for ph in predicate.phrases if ph.role == "with" and not ph.inner and ph.start > subject_at
                   for e in self._entities(ph)],
                  self._doers_of_acts_named(predicate, kind),
                  self._places_left_out(self._role(predicate, "dative", inner=True)),
                  self._role(predicate, "object", inner=True)]
        for content in self._all_contents(predicate):
            order += [self._role(content, "subject"), self._role(content, "topic"), self._role(content, "dative"),
                      self._role(content, "object"), self._role(content, "dative", inner=True)]
        return next((kept for found in order if (kept := [e for e in found if e not in sources])), [])

    def _doers_of_acts_named(self, predicate: Predicate, kind: str) -> list[ArticleEntity]:
        """"합참은 이번 발사를 규탄했다": an object naming another kind of act and no one is the doer
        of the last such act the article reported (its type by the lexicon, as for the act's own
        verb); an act of the event's own kind is the event ("항의의 뜻을 전달했다"). "이를" (this)
        is the doer of the event just before ("…요구했지만 러시아는 이를 일축했다")."""
        table = self.lex["verbs"] | self.lex["nouns"]
        for phrase in predicate.phrases:
            if phrase.role not in ("object", "dative") or phrase.inner or self._entities(phrase):
                continue
            if self.article.body[phrase.start:phrase.end] in self.lex["pronouns"] and self.history:
                return [self.by_id[i] for i in self.history[-1].source if i in self.by_id]  # "이를 일축했다"
            first, last = self._token_index(phrase.start), self._token_index(phrase.end)
            kinds = {table[t.form]["type"] for t in self.tokens[first:last] if t.form in table} - {kind}
            for event in reversed(self.history):
                if event.type in kinds or (event.type == "COOPERATE" and "MOBILIZE" in kinds):
                    return [self.by_id[i] for i in event.source if i in self.by_id]
        return []

    def _all_contents(self, predicate: Predicate) -> list[Predicate]:
        out = []
        for content in predicate.contents:
            out += [content, *self._all_contents(content)]
        return out

    @staticmethod
    def _is_place(entity: ArticleEntity) -> bool:
        return (entity.kb_id or "").startswith("place:") or (entity.type == "GPE" and not entity.kb_id)

    def _places_left_out(self, entities: list[ArticleEntity]) -> list[ArticleEntity]:
        """"한반도 상공에 전개했다", "부산 작전기지에 입항했다": a place reached is where, not whom."""
        return [e for e in entities if not self._is_place(e)]

    def _location(self, predicate: Predicate) -> ArticleEntity | None:
        for role in ("place", "dative", "object"):
            for phrase in predicate.phrases:
                if phrase.role == role:
                    places = [e for e in self._entities(phrase) if self._is_place(e)]
                    if places:
                        return places[0]
        return None

    def _assault_mode(self, predicate: Predicate) -> str | None:
        """The mode an instrument named in the clause gives an attack ("드론 40여 대로" -> drone)."""
        modes = self.lex["assault_modes"]
        lowest = min((self._token_index(p.start) for p in predicate.phrases), default=predicate.first)
        return next((modes[t.form] for t in self.tokens[lowest:predicate.first] if t.form in modes), None)


def korean_events(article: Article, tokens: list[Any], entities: list[ArticleEntity]) -> list[Event]:
    """The PLOVER events of a Korean article, in sentence order, without ids or happening keys."""
    return KoreanCoder(article, tokens, entities).events()
