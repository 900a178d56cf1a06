"""Resolve the people, organisations and places of one article to one entity each.

Names are found two ways and then joined: the knowledge base's names, aliases, capitals and
seats of power matched over the text ("the Kremlin", "DPRK", "North Korean"), and spaCy's named
entities for everyone the knowledge base does not know. Then, in order:
- a capital or seat of power after a place word is a place ("talks in Seoul"), unless a stance
  is taken towards it ("critics of Beijing"); otherwise it stands for its country's government
  ("Seoul said") and joins that country;
- a person's short name joins the full name it is part of, the nearest one before it when two
  people share it (surname first for Korean and Chinese names: "Kim" of "Kim Yo Jong");
- a name the knowledge base does not hold but nearly does, with a role that agrees, is that
  actor, misspelling kept as an alias ("Cut Campbell, U.S. Deputy Secretary of State");
- pronouns go to a person whose gender agrees: the subject of a clause they stand in, else of the
  last sentence that names anyone, never the speaker of the quotation they are in; definite
  descriptions ("the deputy secretary", "the ministry", "the waterway") to the last person,
  organisation or place that carried that title, name word or kind, modifiers agreeing;
- roles come from the titles and appositions beside a name, with "former" kept, and from the
  knowledge base on the article's date; a country and a sector come with each entity.
"""

from __future__ import annotations

import bisect
import itertools
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from functools import lru_cache
from typing import Any

from newsledger.actors.kb import KnowledgeBase, active_role, name_key
from newsledger.lexicons import load_toml
from newsledger.nlp.parsed import Parsed
from newsledger.quotes.marks import find_quoted_spans

_TOKEN = re.compile(r"[^\W_]+")
# What may stand between two words of one name ("U.S. Forces", "Jong-un", "People's").
_NAME_GAP = re.compile(r"[ .\-'’]{1,3}")
SPACY_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "GPE", "NORP": "GPE", "LOC": "LOC", "FAC": "LOC"}
SUBJECT_REACH = 600  # characters back to look for the subject a one-word name continues
KB_MIN_SIMILARITY = 0.85  # a name this close to a known actor's (and not closer to another) is that actor
# The longest name looked up, in words.
MAX_NAME_WORDS = 8
# How far back a pronoun or a title may look for the one it refers to.
COREFERENCE_CHARS = 1500


def lexicon(language: str) -> dict[str, Any]:
    return load_toml("newsledger.actors", "lexicon", language)


@dataclass
class ArticleEntity:
    """One person, organisation or place of an article, with every mention of it."""

    id: str
    name: str
    type: str = "PERSON"
    kb_id: str | None = None
    country: str | None = None
    sector: str | None = None
    gender: str | None = None
    aliases: set[str] = field(default_factory=set)
    roles: list[str] = field(default_factory=list)
    kb_role: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    kinds: dict[tuple[int, int], str] = field(default_factory=dict)  # mention -> name, metonym, pronoun, …
    titles: set[str] = field(default_factory=set)  # lower-case title words ("minister", "spokesperson")
    heads: set[str] = field(default_factory=set)  # words of its other names: "the shoal", "the agency"
    kind_heads: set[str] = field(default_factory=set)  # what its kind is called: "the bloc", "the alliance"
    contexts: list[str] = field(default_factory=list)  # the text of its roles as written ("Algeria's …")
    described: set[str] = field(default_factory=set)  # heads of descriptions resolved to them ("official")

    def add(self, start: int, end: int, kind: str, text: str | None = None) -> None:
        if (start, end) not in self.kinds:
            self.mentions.append((start, end))
            self.kinds[(start, end)] = kind
        if text and kind in ("name", "surname", "misspelt", "alias"):
            self.aliases.add(text)

    def first(self) -> int:
        return min((s for s, _ in self.mentions), default=0)

    def named_mentions(self) -> list[tuple[int, int]]:
        return [m for m in self.mentions if self.kinds.get(m) not in ("pronoun", "title")]


def title_head(role: str) -> str:
    """The word a later mention uses for the role: "Foreign Ministry spokesman" -> "spokesman",
    "U.S. Deputy Secretary of State" -> "secretary"."""
    words = re.findall(r"[A-Za-z]+", re.split(r"\s+(?:of|for|at|to|in)\s+", role)[0])
    return words[-1].casefold() if words else ""


class _Spans:
    """The stretches of text already given to an entity, sorted, for the question every later
    pass asks of a candidate name: does it overlap one of them?"""

    def __init__(self) -> None:
        self._spans: list[tuple[int, int]] = []
        self._longest = 0

    def add(self, start: int, end: int) -> None:
        bisect.insort(self._spans, (start, end))
        self._longest = max(self._longest, end - start)

    def overlaps(self, start: int, end: int) -> bool:
        low = bisect.bisect_left(self._spans, (start - self._longest,))
        high = bisect.bisect_left(self._spans, (end,))
        return any(start < e for _, e in self._spans[low:high])


@dataclass
class _Match:
    start: int
    end: int
    ids: list[str]
    kind: str  # name, metonym, place, context


@lru_cache(maxsize=4)
def _tokens(text: str) -> tuple[tuple[int, int, str], ...]:
    """The words of a text with their offsets; kept for the last few texts, since resolving one
    article's names scans its body three times."""
    return tuple((m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text))


@lru_cache(maxsize=4)
def _token_keys(text: str) -> tuple[str, ...]:
    """The name key of each of `_tokens(text)`, worked out once for the scans over one body."""
    return tuple(name_key(w) for _, _, w in _tokens(text))


def _capitalised(word: str) -> bool:
    return word[:1].isupper() or word[:1].isdigit()


def scan_names(text: str, kb: KnowledgeBase) -> list[_Match]:
    """The knowledge base's names in the text, longest first, left to right, never overlapping.
    A name's words must be capitalised (function words aside) and joined by at most a space,
    a period, a hyphen or an apostrophe, so "us" the pronoun is never the United States. A name
    led by "the" gives way to a longer one right after the article: "the North Atlantic Treaty
    Organization" is NATO, not "the North" (North Korea) followed by a stray word."""
    small = set(lexicon("en")["name_function_words"])
    tokens = _tokens(text)
    lowers = _token_keys(text)
    caps = [_capitalised(w) for _, _, w in tokens]
    # joined[k]: tokens k and k + 1 may belong to one name
    joined = [(gap := text[a[1]:b[0]]) == " " or bool(_NAME_GAP.fullmatch(gap)) for a, b in itertools.pairwise(tokens)]

    def match_at(i: int) -> _Match | None:
        if lowers[i] not in kb.first_words or not (caps[i] or lowers[i] == "the"):
            return None
        run = 1
        while run < min(kb.max_words, MAX_NAME_WORDS) and i + run < len(tokens) and joined[i + run - 1]:
            run += 1
        for n in range(run, 0, -1):
            key = " ".join(lowers[i:i + n])
            start, end = tokens[i][0], tokens[i + n - 1][1]
            if not caps[i + n - 1] or any(not caps[k] and lowers[k] not in small for k in range(i, i + n)):
                # "Foreign ministry spokesperson": an organisation's name, capitalised only first
                ids = kb.names.get(key, ())
                led_by_country = any(x.startswith("country:") for k in (1, 2)
                                     for x in kb.names.get(" ".join(lowers[i:i + k]), ()))
                if n > 1 and caps[i] and ids and not led_by_country and all(kb.actors[x]["type"] == "ORG"
                                                                          for x in ids):
                    return _Match(start, end, list(ids), "name")
                continue
            first = tokens[i][2]
            if n == 1 and len(first) <= 3 and not (first.isupper() or text[end:end + 1] == "."):
                continue  # "UN", "US", "U.S." but not "Un" of "Kim Jong Un"
            for index, kind in ((kb.metonyms, "metonym"), (kb.names, "name"), (kb.context, "context"),
                                (kb.places, "place")):
                if key in index:
                    return _Match(start, end, index[key], kind)
        return None

    found: list[_Match] = []
    covered = -1  # where the last name found ends: names never overlap
    # only a word that starts some name, or "the", can start one: the rest are passed over at once
    for i in (k for k, word in enumerate(lowers) if word in kb.first_words or word == "the"):
        if tokens[i][0] < covered:
            continue
        match = match_at(i)
        if lowers[i] == "the" and i + 1 < len(tokens) and joined[i]:
            after = match_at(i + 1)
            if after is not None and (match is None or after.end > match.end):
                match = after
        if match:
            found.append(match)
            covered = match.end
    return found


def _similarity(a: str, b: str) -> float:
    """SequenceMatcher's ratio, skipped (0) when its cheap upper bound cannot reach the threshold."""
    matcher = SequenceMatcher(None, a, b)
    if matcher.real_quick_ratio() < KB_MIN_SIMILARITY or matcher.quick_ratio() < KB_MIN_SIMILARITY:
        return 0.0
    return matcher.ratio()


def _one_edit(a: str, b: str) -> bool:
    """At most one letter inserted, deleted or changed."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = next((k for k, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), len(a))
    return a[i + 1:] == b[i + 1:] if len(a) == len(b) else a[i:] == b[i + 1:]


def _misspelt(key: str, known: str) -> bool:
    """A misspelling keeps every word within one letter of the known one, and short words exact
    ("Blinkin" for "Blinken"); "Han Seung-woo" is neither a misspelt "Chang Seung Woo" nor a
    misspelt "Han Seung Soo", however alike the whole strings look."""
    words, known_words = key.split(), known.split()
    return len(words) == len(known_words) and all(
        w == k or (len(k) >= 5 and _one_edit(w, k)) for w, k in zip(words, known_words, strict=True))


def _gender_from_text(text: str, start: int) -> str | None:
    before = text[max(0, start - 6):start].casefold().strip(" .")
    return lexicon("en")["honorifics"].get(before.split()[-1]) if before.split() else None


_APPOSITION_AFTER = re.compile(
    r",\s+([^,;:\"“”()\n]{3,140}?)(?=,|\s+(?:said|says|told|added|who|which)\b|(?<![A-Z])[.;:](?:\s|$)|$)")
# A family name written first and a hyphenated given name: "Park Ji-hoon", "Kim Min-jun".
_EAST_ASIAN_NAME = re.compile(r"\b([A-Z][a-z]{1,4}) ([A-Z][a-z]+-[a-z]+)\b")
# Two capitalised words before a comma: a name followed by its role ("Cut Campbell, U.S. Deputy …").
_NAME_BEFORE_APPOSITION = re.compile(r"\b[A-Z][a-z]+ [A-Z][a-z]+(?=, )")
_LEADING_ARTICLE = re.compile(r"^(?:a|an|the)\s+", re.I)
# "South Korea's unification minister": the country is the entity's country, the role is the rest.
_POSSESSOR = re.compile(r"^(?:the\s+)?(?:[A-Z][\w.-]*\s+){0,3}[A-Z][\w.-]*(?:'s|’s)\s+")
# "King Hassan of Morocco": the country the person is of.
_OF_COUNTRY = re.compile(r"\s+of\s+(?:the\s+)?(?=[A-Z])")
# "the Bush administration": the body a leader's name stands before.
_LEADER_BODY = re.compile(r"\s+(administration|government|cabinet)\b", re.I)
_RELATIVE = re.compile(r"\s+(?:who|which|that|whose|now)\s.*$")


@lru_cache(maxsize=1)
def _title_words() -> frozenset[str]:
    return frozenset(lexicon("en")["title_words"])


def _has_title(text: str) -> bool:
    titles = _title_words()
    return any(w in titles for w in re.findall(r"[a-z][a-z.-]*", text.casefold()))


def _clean_role(text: str) -> list[str]:
    """"a former deputy secretary of state who …" -> ["former deputy secretary of state"]; a role
    that joins two ("national security adviser and a former defence minister") gives both."""
    text = _RELATIVE.sub("", text.strip(" ,"))
    parts = re.split(r"\s+and\s+(?=(?:a|an|the|former|ex-)\b)", text)
    out = []
    for part in parts:
        part = _POSSESSOR.sub("", _LEADING_ARTICLE.sub("", part.strip(" ,")))
        if part and _has_title(part) and len(part.split()) <= 16:
            out.append(part)
    return out


def _title_like(token: Any, run_start: int, title_words: frozenset[str]) -> bool:
    """A word that can stand in a title: capitalised, a title word, or a noun or adjective that
    modifies the title ("press" in "Pentagon press secretary")."""
    return token.is_title or token.is_upper or token.lower_ in title_words or token.lower_ in ("'s", "’s", "-", ".") \
        or (token.dep_ in ("compound", "amod") and token.head.i >= run_start and token.pos_ in ("NOUN", "ADJ"))


def _title_before(ent: Any) -> str | None:
    """The title run right before a name: "U.S. Deputy Secretary of State Kurt Campbell", "Foreign
    ministry spokesperson Lin Jian", "U.S. Ambassador to the United Nations Linda Thomas-Greenfield"."""
    doc = ent.doc
    title_words = _title_words()
    start = ent.start
    while start > 0:
        token = doc[start - 1]
        lower = token.lower_
        if token.ent_type_ == "PERSON" or lower in ("and", "said", "says", "with", "by", "that", "as", "when"):
            break
        if lower in ("of", "for", "to", "the"):
            if not (doc[start].is_title or doc[start].is_upper or doc[start].lower_ == "the"):
                break  # "Secretary of State", "Ambassador to the United Nations", not "sister of leader"
        elif (token.is_punct and lower not in (".", "-")) or not _title_like(token, start, title_words):
            break
        start -= 1
    while start < ent.start and doc[start].lower_ in ("of", "for", "to", "'s", "’s", "-", ".", "the"):
        start += 1
    text = _POSSESSOR.sub("", doc[start:ent.start].text)
    return text if start < ent.start and _has_title(text) else None


def _role_contexts(ent: Any, text: str, sentence_start: int) -> list[str]:
    """The words around a name where its roles stand, as written (possessors kept: "Algeria's
    leading human rights activist"), for the entity's country."""
    after = _APPOSITION_AFTER.match(text, ent.end_char)
    before = text[sentence_start:ent.start_char]
    return [x for x in (after.group(1) if after else None, before[-80:] if _has_title(before) else None) if x]


def _roles_of(ent: Any, text: str, sentence_start: int) -> list[str]:
    """The roles that stand with a name: the title before it, an apposition after it ("Allison
    Hooker, former senior director for Asia at the National Security Council,") or before it
    ("Russia's foreign minister, Sergei Lavrov,"); "former" kept."""
    roles = []
    if (before := _title_before(ent)) is not None:
        roles.append(before)
    after = _APPOSITION_AFTER.match(text, ent.end_char)
    if after:
        roles += _clean_role(after.group(1))
    if text[ent.end_char:ent.end_char + 1] == "," and not before:
        preceding = text[sentence_start:ent.start_char]
        if preceding.endswith(", ") and len(preceding.split()) <= 12 and not re.search(r"[,;:\"“”]", preceding[:-2]):
            roles += _clean_role(preceding)
    return list(dict.fromkeys(roles))


class _Builder:
    """Collects entities for one English article; see the module docstring for the order."""

    def __init__(self, text: str, doc: Parsed, kb: KnowledgeBase, date: str | None,
                 dateline: tuple[int, int] | None) -> None:
        self.text, self.doc, self.kb, self.date, self.dateline = text, doc, kb, date, dateline
        self.lex = lexicon("en")
        self.entities: list[ArticleEntity] = []
        self.by_kb: dict[str, ArticleEntity] = {}
        self.by_key: dict[tuple[str, str], ArticleEntity] = {}
        self.taken = _Spans()
        self.surname_first = set(self.lex["surname_first"])
        self.particles = set(self.lex["name_particles"])
        self.parts_cache: dict[int, tuple[int, set[str]]] = {}
        self.quoted_spans = [part for span in find_quoted_spans(text) for part in span.parts]

    # --- entities --------------------------------------------------------------------------
    def kb_entity(self, actor: dict[str, Any]) -> ArticleEntity:
        entity = self.by_kb.get(actor["id"])
        if entity is None:
            entity = ArticleEntity(id="", name=actor["name"], type=actor["type"], kb_id=actor["id"],
                                   country=actor.get("country"), sector=actor.get("sector"),
                                   gender=actor.get("gender"))
            if actor["type"] != "PERSON":
                entity.heads = {w.casefold() for alias in actor.get("aliases", ()) for w in alias.split()}
                entity.kind_heads = set(self.lex["sector_heads"].get(actor.get("sector") or "", ()))
            role = active_role(actor, self.date)
            if role is not None and role.get("title"):
                entity.kb_role = role["title"]
                entity.sector = role.get("sector") or entity.sector
            self.by_kb[actor["id"]] = entity
            self.entities.append(entity)
        return entity

    def local_entity(self, name: str, type_: str) -> ArticleEntity:
        if name.isupper() and len(name) > 4:
            name = name.title()  # "SEOUL" of a dateline
        key = (type_, name_key(re.sub(r"^(?:the|The)\s+", "", name)))
        entity = self.by_key.get(key)
        if entity is None:
            entity = ArticleEntity(id="", name=name, type=type_)
            self.by_key[key] = entity
            self.entities.append(entity)
        return entity

    def free(self, start: int, end: int) -> bool:
        return not self.taken.overlaps(start, end)

    # --- passes ----------------------------------------------------------------------------
    def countries_named(self, matches: list[_Match]) -> dict[str, int]:
        counts: dict[str, int] = {}
        for match in matches:
            if match.kind == "name":
                for actor_id in match.ids:
                    country = (self.kb.get(actor_id) or {}).get("country")
                    if country and actor_id.startswith("country:"):
                        counts[country] = counts.get(country, 0) + 1
        return counts

    def add_kb_matches(self, matches: list[_Match], countries: dict[str, int]) -> None:
        persons = [(e.start_char, e.end_char) for e in self.doc.ents if e.label_ == "PERSON"]
        names = [(e.start_char, e.end_char) for e in self.doc.ents if e.label_ in ("LOC", "FAC", "ORG")
                 and len(e) > 1]
        for match in self.split_country_prefix(matches):
            surface = self.text[match.start:match.end]
            inside_person = any(s <= match.start and match.end <= e and (s, e) != (match.start, match.end)
                                and not (s == match.start and self.is_demonym(match)) for s, e in persons)
            if inside_person and not any(self.kb.actors[i]["type"] == "PERSON" for i in match.ids):
                continue  # "Un" of "Kim Jong Un" is not the UN; "Bosnian" of "Bosnian Serbs" is Bosnia
            inside_name = any(s <= match.start and match.end <= e and (s, e) != (match.start, match.end)
                              for s, e in names)
            if inside_name and match.kind == "name" and all(i.startswith("country:") for i in match.ids):
                continue  # "China" of "South China Sea", "Philippines" of "University of the Philippines"
            if match.kind == "context" and not any(countries.get(self.kb.actors[i]["country"]) for i in match.ids):
                continue  # "the North" means North Korea only where the Koreas are the subject
            actor = self.kb.choose(match.ids, self.date, countries)
            if actor is None:
                continue
            dateline = self.dateline is not None and self.dateline[0] <= match.start < self.dateline[1]
            if match.kind == "prefix":
                match = _Match(match.start, match.end, match.ids, "name")
            if match.kind == "place" or (match.kind == "metonym" and (dateline or self.is_place(match))):
                entity = self.local_entity(re.sub(r"^the\s+", "", surface), "GPE")
                entity.country = actor.get("country")
                entity.add(match.start, match.end, "place", surface)
            else:
                kind = {"metonym": "metonym", "context": "metonym"}.get(match.kind, "name")
                entity = self.kb_entity(actor)
                entity.add(match.start, match.end, kind, surface)
                span = self.doc.char_span(match.start, match.end, alignment_mode="expand")
                if entity.type == "PERSON" and span is not None:  # roles also where spaCy saw no name
                    self.add_role(entity, span)
            self.taken.add(match.start, match.end)

    def is_place(self, match: _Match) -> bool:
        """Whether a capital or seat of power stands for the place, not its government: after a
        place word ("talks in Seoul", "visited Beijing"). After "of", "from", "at" or "to" it is the
        government where it owns something ("the impact of Pyongyang's weapons") or where the
        word those govern is a stance taken towards it ("critics of Beijing", "overtures from
        Seoul", "aimed at Washington"); the place otherwise ("the Sunan area of Pyongyang")."""
        before = self.text[max(0, match.start - 20):match.start].split()
        word = before[-1].casefold().strip(",") if before else ""
        if word not in self.lex["locative"]:
            return False
        if word not in self.lex["weak_locative"]:
            return True
        if self.text.startswith(("'s", "’s"), match.end):
            return False
        span = self.doc.char_span(match.start, match.end, alignment_mode="expand")
        if span is None:
            return True
        token = span.root
        while token.dep_ == "conj" and token.head is not token:
            token = token.head
        governor = token.head.head if token.dep_ == "pobj" else token.head
        while governor.pos_ == "ADV" and governor.head is not governor:  # "aimed as much at"
            governor = governor.head
        return governor.lemma_.casefold() not in self.lex["stance_words"]

    def is_demonym(self, match: _Match) -> bool:
        surface = name_key(self.text[match.start:match.end])
        return any(surface in {name_key(d) for d in self.kb.actors[i].get("demonyms", ())} for i in match.ids)

    def split_country_prefix(self, matches: list[_Match]) -> list[_Match]:
        """"Japan's Defense Ministry", "the Japanese Defense Ministry" are two mentions: the country,
        and its body; a lower-case body after a possessive country ("China's foreign ministry") too."""
        out: list[_Match] = []
        for match in matches:
            actors = [self.kb.actors[i] for i in match.ids]
            text = self.text[match.start:match.end]
            if match.kind == "name" and actors and all(a["type"] == "ORG" for a in actors):
                for space in re.finditer(r"(?:'s|’s)?\s+", text):
                    ids = [i for i in self.kb.names.get(name_key(text[:space.start()]), ()) if i.startswith("country:")]
                    if ids and space.start() > 0:
                        out.append(_Match(match.start, match.start + space.start(), ids, "prefix"))
                        match = _Match(match.start + space.end(), match.end, match.ids, match.kind)
                        break
            out.append(match)
            if match.kind == "name" and all(i.startswith("country:") for i in match.ids):
                body = self.lower_case_body(match)
                if body is not None:
                    out.append(body)
        return out

    def lower_case_body(self, country: _Match) -> _Match | None:
        """A government body named in lower case after its country: "China's foreign ministry";
        also one the knowledge base knows only with its country's name ("a Chinese coast guard
        ship": the China Coast Guard)."""
        after = re.match(r"(?:'s|’s)?\s+((?:[a-z]+\s+){0,3}[a-z]+)", self.text[country.end:country.end + 60])
        if after is None:
            return None
        words = after.group(1).split()
        actor = self.kb.actors[country.ids[0]]
        possessive = after.group(0).startswith(("'s", "’s"))
        prefixes = {"", name_key(self.text[country.start:country.end]) + " ", name_key(actor["name"]) + " "}
        # "China's foreign ministry", "the Chinese foreign ministry"; but "North Korean troops" are
        # the country's troops, not a body of it
        for n in range(len(words), 0 if possessive else 1, -1):
            body = " ".join(words[:n])
            ids = [i for prefix in sorted(prefixes) for i in self.kb.names.get(prefix + body, ())
                   if self.kb.actors[i]["type"] == "ORG" and self.kb.actors[i].get("country") == actor.get("country")]
            if ids:
                start = country.end + after.start(1)
                return _Match(start, start + len(body), list(dict.fromkeys(ids)), "name")
        return None

    def unqualified_bodies(self, matches: list[_Match]) -> list[_Match]:
        """Government bodies named in lower case with no country before them: "In Beijing, foreign
        ministry spokesperson Mao Ning said". Wire copy means the body of the country its sentence
        opens on ("In Beijing,"), else, where the sentence names no country at all, of the
        dateline's; a sentence that names another country leaves the body unresolved."""
        tokens = _tokens(self.text)
        located = sorted((m.start, m.end, self.kb.actors[m.ids[0]].get("country")) for m in matches
                         if m.kind in ("metonym", "place") or (m.kind == "name" and m.ids[0].startswith("country:")))
        dateline = self.dateline or (0, 0)
        dateline_country = next((c for s, _, c in located if dateline[0] <= s < dateline[1]), None)
        # where such a name may start: a lower-case word that begins some name (most words do not)
        starts = [w.islower() and key in self.kb.first_words
                  for (_, _, w), key in zip(tokens, _token_keys(self.text), strict=True)]
        out: list[_Match] = []
        k = 0
        while k < len(tokens):
            if not starts[k]:
                k += 1
                continue
            found = None
            for n in (3, 2):
                run = tokens[k:k + n]
                if len(run) < n or not all(w.islower() for _, _, w in run) or any(
                        self.text[a[1]:b[0]] != " " for a, b in itertools.pairwise(run)):
                    continue
                ids = self.kb.names.get(name_key(" ".join(w for _, _, w in run)), ())
                if ids and all(self.kb.actors[i]["type"] == "ORG" for i in ids):
                    found = (run[0][0], run[-1][1], ids)
                    break
            if found is None or self.text[max(0, found[0] - 4):found[0]].casefold() == "the ":
                k += 1  # "the foreign ministry" refers back, if to anything (`described`)
                continue
            sentence = self.sentence_start(found[0])
            opening = re.match(r"(?:In|At|From)\s+", self.text[sentence:found[0]])
            here = [c for s, _, c in located if sentence <= s < found[0] or (
                found[1] <= s and self.sentence_start(s) == sentence)]
            lead = next((c for s, _, c in located if opening and s == sentence + opening.end()), None)
            country = lead or (dateline_country if not here else None)
            ids = [i for i in found[2] if country and self.kb.actors[i].get("country") == country]
            if ids and not any(m.start < found[1] and found[0] < m.end for m in matches):
                out.append(_Match(found[0], found[1], ids, "name"))
            k += 1
        return out

    def missed_people(self) -> list[Any]:
        """People spaCy missed: "Park Ji-hoon" (a family name written first and a hyphenated given
        name), "Cut Campbell, U.S. Deputy Secretary of State," (nearly a known name, with a role that
        agrees)."""
        spans = []
        for match in _EAST_ASIAN_NAME.finditer(self.text):
            span = self.doc.char_span(match.start(), match.end())
            if match.group(1).casefold() in self.surname_first and span is not None and self.free(*match.span()):
                spans.append(span)
        for match in _NAME_BEFORE_APPOSITION.finditer(self.text):
            span = self.doc.char_span(match.start(), match.end())
            if span is None or not self.free(*match.span()) or any(t.ent_type_ == "PERSON" for t in span):
                continue
            roles = _roles_of(span, self.text, self.sentence_start(span.start_char))
            if roles and self.near_kb_person(span.text, roles[0]) is not None:
                spans.append(span)
        return spans

    def add_spacy_entities(self, countries: dict[str, int]) -> None:
        people: list[tuple[Any, str]] = [(span, span.text) for span in self.missed_people()]
        for span, _ in people:
            self.taken.add(span.start_char, span.end_char)
        for ent in self.doc.ents:
            type_ = SPACY_TYPES.get(ent.label_)
            start, end = ent.start_char, ent.end_char
            text = self.text[start:end]
            for suffix in ("'s", "’s"):
                if text.endswith(suffix):
                    text, end = text[:-2], end - 2
            if type_ is None or not re.search(r"[A-Z]", text) or text.casefold() in self.lex["title_words"]:
                continue  # "State" of "Secretary of State" is part of a title
            if type_ == "PERSON" and text.split()[-1].casefold() in self.lex["organisation_heads"]:
                type_, start = "ORG", self.name_start(ent)  # "[National] Chengchi University" read as a person
                text = self.text[start:end]
            if type_ != "PERSON" and (person := self.person_in_title(text)):
                # "Secretary of [Defense Daniel Whitcombe]" read as an organisation: the title's
                # last word, then a name
                span = self.doc.char_span(start + len(text) - len(person), end)
                if span is not None and self.free(span.start_char, span.end_char):
                    people.append((span, person))
                continue
            if not self.free(start, end):
                if type_ == "PERSON":  # a known person the knowledge base found: still read the role
                    holder = next((e for e in self.entities if e.type == "PERSON" and any(
                        s < end and start < e_ for s, e_ in e.mentions)), None)
                    if holder is not None:
                        self.add_role(holder, ent)
                continue
            if type_ == "PERSON":
                people.append((ent, text))
                continue
            if type_ == "GPE" and text.split()[-1].casefold() in self.lex["location_heads"]:
                type_ = "LOC"  # "Yonaguni Island", "the Narva River": places, not polities
            bare = re.sub(r"^the\s+", "", text)
            entity = self.local_entity(bare, type_)
            entity.add(start + len(text) - len(bare), end, "name", text)
            self.taken.add(start, end)
        self.add_people(people, countries)

    def name_start(self, ent: Any) -> int:
        """Where a name truly starts when the tagger left capitalised words of it outside: the
        capitalised adjectives and proper nouns right before it, not a sentence's first word."""
        i = ent.start
        while i > 0 and self.doc[i - 1].is_title and self.doc[i - 1].pos_ in ("PROPN", "ADJ") \
                and not self.doc[i - 1].is_sent_start:
            i -= 1
        return self.doc[i].idx

    def person_in_title(self, text: str) -> str | None:
        """The name after the title words an entity begins with, if two or three capitalised words
        that do not end as an organisation's name does."""
        words = text.split()
        lead = 0
        while lead < len(words) and words[lead].casefold() in self.lex["title_words"]:
            lead += 1
        rest = words[lead:]
        if lead and 2 <= len(rest) <= 3 and all(_capitalised(w) for w in rest) \
                and rest[-1].casefold() not in self.lex["organisation_heads"]:  # "National [Chengchi University]"
            return " ".join(rest)
        return None

    def add_people(self, people: list[tuple[Any, str]], countries: dict[str, int]) -> None:
        """Full names first, then one-word names join the person whose name they are part of."""
        full = [(ent, text) for ent, text in people if len(text.split()) > 1]
        short = [(ent, text) for ent, text in people if len(text.split()) == 1]
        for ent, text in full:
            entity = self.person_for_name(text, ent, countries)
            entity.add(ent.start_char, ent.start_char + len(text), "name", text)
            if name_key(text) != name_key(entity.name) and entity.kb_id and not self.is_kb_name(text, entity.kb_id):
                entity.kinds[(ent.start_char, ent.start_char + len(text))] = "misspelt"
            self.add_role(entity, ent)
            self.taken.add(ent.start_char, ent.start_char + len(text))
        for ent, text in short:
            entity = self.person_with_part(text, ent.start_char) or self.person_for_name(text, ent, countries)
            entity.add(ent.start_char, ent.start_char + len(text), "surname" if entity.name != text else "name", text)
            self.add_role(entity, ent)
            self.taken.add(ent.start_char, ent.start_char + len(text))

    def is_kb_name(self, text: str, kb_id: str) -> bool:
        return kb_id in self.kb.names.get(name_key(text), ())

    def person_for_name(self, text: str, ent: Any, countries: dict[str, int]) -> ArticleEntity:
        key = name_key(text)
        ids = [i for i in self.kb.names.get(key, ()) if self.kb.actors[i]["type"] == "PERSON"]
        actor = self.kb.choose(ids, self.date, countries, "PERSON") if ids else None
        if actor is None and len(key.split()) > 1:
            roles = _roles_of(ent, self.text, self.sentence_start(ent.start_char))
            actor = self.near_kb_person(text, roles[0] if roles else None)
        elif actor is None:  # "Putin" alone: the one known person of that surname in office that day
            holders = [self.kb.actors[i] for i in self.kb.surnames.get(key, ())]
            in_office = [a for a in holders if active_role(a, self.date) is not None]
            if len(in_office) == 1 or len(holders) == 1:  # the one in office that day, or the only one known
                actor = in_office[0] if len(in_office) == 1 else holders[0]
            ids = [a["id"] for a in holders]
        if actor is not None:
            return self.kb_entity(actor)
        existing = next((e for e in self.entities if e.type == "PERSON" and not e.kb_id
                         and name_key(e.name) == key), None)
        entity = existing or self.local_entity(text, "PERSON")
        shared = {self.kb.actors[i].get("country") for i in ids}
        if entity.country is None and len(shared) == 1:  # two known Bushes, both American
            entity.country = shared.pop()
        return entity

    def near_kb_person(self, text: str, role: str | None) -> dict[str, Any] | None:
        """A known person whose name this nearly is: one letter off ("Antony Blinkin"), or the same
        surname with a role that agrees ("Cut Campbell, U.S. Deputy Secretary of State")."""
        key = name_key(text)
        words = key.split()
        candidates = {*self.kb.surnames.get(words[-1], ()), *self.kb.surnames.get(words[0], ()),
                      *self.kb.given_names.get(words[0], ())}
        for part in (words[0], words[-1]):
            candidates.update(i for i in self.kb.names.get(part, ()) if self.kb.actors[i]["type"] == "PERSON")
        best, best_score = None, 0.0
        for actor_id in candidates:
            actor = self.kb.actors[actor_id]
            score = max((_similarity(key, known) for known in self.kb.name_keys(actor_id)
                         if abs(len(known) - len(key)) <= len(words) and _misspelt(key, known)), default=0.0)
            held = active_role(actor, self.date)
            if role and held and held.get("title") and words[-1] == name_key(actor["name"]).split()[-1]:
                title_words = set(name_key(held["title"]).split()) - {"of", "the", "for"}
                if title_words and title_words <= set(name_key(role).split()):
                    score = max(score, 0.9)
            if score > best_score:
                best, best_score = actor, score
        return best if best_score >= KB_MIN_SIMILARITY else None

    def person_with_part(self, word: str, offset: int) -> ArticleEntity | None:
        """The person a one-word name refers to: the nearest before it (else after it) whose name
        has it as family name (first word of an East Asian name, last word otherwise) or first name."""
        key = name_key(word)
        holders = [e for e in self.entities if e.type == "PERSON" and key in self.name_parts(e)]
        if not holders:
            return None
        before = [(max((s for s, _ in e.mentions if s < offset), default=-1), e) for e in holders]
        before = [(pos, e) for pos, e in before if pos >= 0]
        if len(holders) > 1:
            # "Kim Yo Jong, the sister of leader Kim Jong Un, issued a statement. ... Kim said": the
            # Kim last seen as a subject, not the one inside her apposition
            subjects = [(max((s for s, _ in e.mentions if s < offset and offset - s < SUBJECT_REACH
                              and self.is_subject(s)), default=-1), e) for e in holders]
            subjects = [(pos, e) for pos, e in subjects if pos >= 0]
            if subjects:
                return max(subjects, key=lambda pe: pe[0])[1]
        if before:
            return max(before, key=lambda pe: pe[0])[1]
        return min(holders, key=lambda e: e.first())

    def name_parts(self, entity: ArticleEntity) -> set[str]:
        """The keys a person's short name may have: the family name (first of an East Asian name,
        else last) and the last word, of every full name they were given; a hyphenated family name
        whole ("Thomas-Greenfield") and with its particle ("Al Bashir"); cached per set of names.
        A hyphenated given name after one word ("Wi Sung-lac") marks the family name first, in
        whatever list of family names it is missing from."""
        cached = self.parts_cache.get(id(entity))
        if cached is not None and cached[0] == len(entity.aliases):
            return cached[1]
        out = set()
        for name in [entity.name, *entity.aliases]:
            words, written = name_key(name).split(), name.split()
            if len(words) < 2:
                continue
            out.add(words[-1])
            if words[0] in self.surname_first or _EAST_ASIAN_NAME.fullmatch(name):
                out.add(words[0])
            if len(written) > 1:
                out.add(name_key(written[-1]))
            if len(words) > 2 and words[-2] in self.particles:
                out.add(" ".join(words[-2:]))
        self.parts_cache[id(entity)] = (len(entity.aliases), out)
        return out

    def add_role(self, entity: ArticleEntity, ent: Any) -> None:
        sentence_start = self.sentence_start(ent.start_char)
        entity.contexts += _role_contexts(ent, self.text, sentence_start)
        for role in _roles_of(ent, self.text, sentence_start):
            if role not in entity.roles:
                entity.roles.append(role)
                entity.titles.add(title_head(role))
        if entity.gender is None:
            entity.gender = _gender_from_text(self.text, ent.start_char)

    def join_name_parts(self) -> None:
        """"Nakatani" that spaCy tagged as an organisation or a place, after "Gen Nakatani": one word
        that is part of a person's full name is that person."""
        for entity in list(self.entities):
            if entity.type in ("ORG", "GPE", "LOC") and not entity.kb_id and len(entity.name.split()) == 1:
                target = self.person_with_part(entity.name, entity.first())
                if target is not None:
                    for mention in entity.mentions:
                        target.add(*mention, "surname", entity.name)
                    self.entities.remove(entity)

    def add_missed_names(self) -> None:
        """Short names spaCy did not tag ("Takaichi said", "Rubio added"): a capitalised word that is
        part of the name of a person of this article, standing alone, is a mention of that person."""
        taken = sorted(m for e in self.entities for m in e.mentions)
        starts = [m[0] for m in taken]
        tokens = _tokens(self.text)
        for n, (start, end, word) in enumerate(tokens):
            if not word[:1].isupper() or len(word) < 2:
                continue
            at = bisect.bisect_right(starts, start) - 1
            if at >= 0 and taken[at][0] <= start < taken[at][1]:
                continue
            following = tokens[n + 1] if n + 1 < len(tokens) else None
            if following and following[2][:1].isupper() and _NAME_GAP.fullmatch(self.text[end:following[0]]):
                continue  # part of a longer name nobody tagged
            person = self.person_with_part(word, start)
            if person is not None:
                person.add(start, end, "surname", word)

    def add_references(self) -> None:
        """Pronouns and definite titles ("the minister", "the ministry") to whom they refer."""
        pronouns = self.lex["pronouns"]
        people = [e for e in self.entities if e.type == "PERSON"]
        others = [e for e in self.entities if e.type != "PERSON"]
        for token in self.doc:
            lower = token.lower_
            if lower in pronouns and token.pos_ == "PRON":
                target = self.salient(people, token, pronouns[lower])
                if target is not None:
                    target.add(token.idx, token.idx + len(token), "pronoun")
                    target.gender = target.gender or pronouns[lower]
            elif lower == "the" and token.head.pos_ == "NOUN" and token.head.i > token.i and token.dep_ == "det":
                target = self.described(token, people, others)
                if target is not None:
                    target.add(token.idx, token.head.idx + len(token.head), "title")

    def described(self, article: Any, people: list[ArticleEntity], others: list[ArticleEntity]
                  ) -> ArticleEntity | None:
        """Whom a definite description ("the secretary", "the council", "the waterway") means: the
        nearest person who carries that title, one written in the article before one only the
        knowledge base knows ("The secretary" is the Secretary of State the story is about, not a
        party's General Secretary quoted in passing); else the nearest organisation or place with
        that word in its names, else of that kind ("the bloc", "the waterway" for a sea or a
        strait). A modifier must agree ("the foreign minister" is not the defence minister, "the
        presidential office" no ministry) unless it says nothing of who ("the new minister"). A
        mention by the same description carries the reference on past COREFERENCE_CHARS."""
        head = article.head
        if head.ent_type_ or any(c.dep_ in ("prep", "appos") and c.i > head.i and c.lower_ != "of"
                                 for c in head.children):
            return None
        start, end = article.idx, head.idx + len(head)
        if not self.free(start, end) or "\n" in self.text[start:end]:
            return None
        word = head.lower_
        modifiers = {c.lower_ for c in head.children if c.dep_ in ("amod", "compound") and article.i < c.i < head.i
                     and c.lower_ not in self.lex["free_modifiers"]}
        place_kinds = self.lex["place_kinds"].get(word, ())

        def agrees(entity: ArticleEntity, words: set[str]) -> bool:
            known = words | {w.casefold() for text in [entity.name, *entity.aliases, *entity.roles,
                                                        entity.kb_role or ""] for w in re.findall(r"[\w-]+", text)}
            return modifiers <= known

        written = [p for p in people if word in p.titles]
        known = [p for p in people if p.kb_role and title_head(p.kb_role) == word and p not in written]
        named = [o for o in others if word in {w.casefold() for w in [*o.name.split(), *o.heads]}]
        kind = [o for o in others if word in o.kind_heads
                or (o.type in ("LOC", "GPE") and o.name.split()[-1].casefold() in place_kinds)]
        for group in (written, known, named, kind):
            group = [e for e in group if agrees(e, e.heads)]
            if group and (target := self.nearest(group, start, through_titles=True)) is not None:
                return target
        return None

    def nearest(self, candidates: list[ArticleEntity], offset: int, gender: str | None = None,
                through_titles: bool = False) -> ArticleEntity | None:
        """The candidate named last before `offset`, within COREFERENCE_CHARS; a description
        (`through_titles`) also counts the candidate's earlier descriptions."""
        best, best_pos = None, -1
        for entity in candidates:
            if gender and entity.gender and entity.gender != gender:
                continue
            mentions = [m for m in entity.mentions if entity.kinds.get(m) != "pronoun"] if through_titles \
                else entity.named_mentions()
            for start, _ in mentions:
                if best_pos < start < offset and offset - start <= COREFERENCE_CHARS:
                    best, best_pos = entity, start
        return best

    def salient(self, people: list[ArticleEntity], token: Any, gender: str) -> ArticleEntity | None:
        """Whom a pronoun means, among the people whose gender agrees where it is known:
        - in its own sentence, the subject of a clause the pronoun stands in, the innermost first
          ("Lee won after Yoon was removed over his declaration": Yoon; "Trump said he wanted to
          meet Kim during his visit": Trump), else another subject, else the nearest person;
        - else the subject of the last sentence before that names anyone, its main clause first
          ("Rubio said Trump was not hostile. '… leaving NATO. But …,' he said": Rubio);
        - else the nearest person before it.
        Inside a quotation never its speaker, who would say "I": in '"When she speaks, she is
        speaking for her brother," Kim said', she is someone else."""
        number = self.doc.sentence_number(token.idx)
        sentence = self.doc.sents[number]
        inside = self.quoted(token.idx)
        if inside:
            speakers = {id(p) for p in people if any(
                sentence.start_char <= s < sentence.end_char and not self.quoted(s)
                and (verb := self.subject_of(s)) is not None and verb.dep_ == "ROOT" for s, _ in p.named_mentions())}
            people = [p for p in people if id(p) not in speakers]
        people = [p for p in people if not gender or not p.gender or p.gender == gender]
        clauses = {t.i for t in token.ancestors}

        def own_rank(offset: int) -> tuple[int, int]:
            verb = self.subject_of(offset)
            return (0 if verb is None else 2 if verb.i in clauses else 1), offset

        own = [(own_rank(s), p) for p in people for s, _ in p.named_mentions()
               if sentence.start_char <= s < token.idx and self.quoted(s) == inside]
        if own:
            return max(own, key=lambda rp: rp[0])[1]
        while number > 0 and token.idx - self.doc.sents[number - 1].start_char <= COREFERENCE_CHARS:
            number -= 1
            window = (self.doc.sents[number].start_char, self.doc.sents[number].end_char)
            named = [s for p in people for s, _ in p.named_mentions() if window[0] <= s < window[1]]
            if not named:
                continue
            subjects = [((int(verb.dep_ == "ROOT"), s), p) for p in people for s, _ in p.named_mentions()
                        if window[0] <= s < window[1] and (verb := self.subject_of(s)) is not None]
            if subjects:
                return max(subjects, key=lambda rp: rp[0])[1]
            break
        return self.nearest(people, token.idx, gender)

    def sentence_start(self, offset: int) -> int:
        return self.doc.sentence_start(offset)

    def quoted(self, offset: int) -> bool:
        return any(start <= offset < end for start, end in self.quoted_spans)

    def is_subject(self, offset: int) -> bool:
        return self.subject_of(offset) is not None

    def subject_of(self, offset: int) -> Any:
        """The verb whose subject the name at `offset` is, or None. The words right after the
        dateline ("SEOUL (AP) — Kim Yo Jong, the sister of …, issued") are the subject of the
        sentence's root, though the parser hangs them on the capital."""
        if self.dateline is not None and offset == self.dateline[1] + len(self.text[self.dateline[1]:]) - len(
                self.text[self.dateline[1]:].lstrip()):
            return self.doc.sents[self.doc.sentence_number(offset)].root
        span = self.doc.char_span(offset, offset + 1, alignment_mode="expand")
        token = span.root if span is not None else None
        while token is not None and token.dep_ in ("compound", "flat") and token.head is not token:
            token = token.head
        return token.head if token is not None and token.dep_ in ("nsubj", "nsubjpass") else None

    def finish(self, countries: dict[str, int]) -> list[ArticleEntity]:
        for entity in self.entities:
            entity.mentions.sort()
            if entity.country is None:
                entity.country = self.country_of(entity, countries)
            if entity.sector is None:
                entity.sector = self.sector_of(entity)
            entity.aliases.discard(entity.name)
        self.entities.sort(key=ArticleEntity.first)
        for number, entity in enumerate(self.entities, start=1):
            entity.id = f"E{number}"
        return self.entities

    def country_of(self, entity: ArticleEntity, countries: dict[str, int]) -> str | None:
        """A country named in the entity's role ("South Korean lawmaker"), or before an
        organisation's name ("China's foreign ministry", "the Japanese Defense Ministry")."""
        if entity.type != "PERSON":  # "Palestinian Islamic Jihad", "National Union for … of Angola"
            for name in [entity.name, *sorted(entity.aliases)]:
                if (country := self.country_named_in(name)) is not None:
                    return country
        texts = [*entity.roles, *entity.contexts]
        for start, _ in entity.named_mentions():
            before = self.text[max(0, start - 30):start].rsplit("\n", 1)[-1]
            adjacent = re.search(r"(\S+(?: \S+)?(?:'s|’s)?\s+(?:the\s+)?)$", before)
            if adjacent:
                texts.append(adjacent.group(1))
        for text in texts:
            for match in scan_names(text, self.kb):
                actor = self.kb.choose(match.ids, self.date, countries)
                if actor is not None and actor.get("country") and match.kind in ("name", "metonym"):
                    return actor["country"]
        leader = re.fullmatch(r"(?:the\s+)?(\w+)\s+(?:administration|government|cabinet|camp|campaign)",
                              entity.name, re.I)
        if entity.type == "ORG" and leader:  # "the Bush administration": every known Bush is American
            holders = {self.kb.actors[i].get("country") for i in self.kb.surnames.get(name_key(leader.group(1)), ())}
            if len(holders) == 1 and None not in holders:
                return holders.pop()
        if entity.type == "PERSON":
            return self.country_after(entity)
        return None

    def country_after(self, entity: ArticleEntity) -> str | None:
        """A person's country from the words right after their name: "King Hassan of Morocco", or
        "the Bush administration" where the knowledge base knows whose administration that is (every
        George Bush it holds is American, though a Bush of the Cayman Islands is known too)."""
        for start, end in entity.named_mentions():
            after = self.text[end:end + 60]
            if (of := _OF_COUNTRY.match(after)) is not None:
                found = scan_names(after[of.end():], self.kb)
                if found and found[0].start == 0 and all(i.startswith("country:") for i in found[0].ids):
                    return self.kb.actors[found[0].ids[0]]["country"]
            if (body := _LEADER_BODY.match(after)) is not None:
                ids = self.kb.names.get(name_key(f"{self.text[start:end]} {body.group(1)}"), ())
                held = {self.kb.actors[i].get("country") for i in ids}
                if len(held) == 1 and None not in held:
                    return held.pop()
        return None

    def country_named_in(self, name: str) -> str | None:
        """The first country a name holds: "Korea Institute for Defense Analyses" -> KOR."""
        words = [w.casefold() for _, _, w in _tokens(name)]
        for i in range(len(words)):
            for n in range(min(4, len(words) - i), 0, -1):
                ids = [x for x in self.kb.names.get(" ".join(words[i:i + n]), ()) if x.startswith("country:")]
                if ids:
                    return self.kb.actors[ids[0]]["country"]
        return None

    def sector_of(self, entity: ArticleEntity) -> str | None:
        agents = self.kb.agents
        for text in [*entity.roles, entity.kb_role or "", entity.name if entity.type == "ORG" else ""]:
            words = name_key(text).split()
            for n in range(min(4, len(words)), 0, -1):
                for i in range(len(words) - n + 1):
                    sectors = agents.get(" ".join(words[i:i + n]))
                    if sectors:
                        return sectors[0]
        return None


def collect_entities(text: str, doc: Parsed, kb: KnowledgeBase, date: str | None = None,
                     dateline: tuple[int, int] | None = None) -> list[ArticleEntity]:
    """The entities of an English article (its body and its spaCy parse) on its publication date;
    `dateline` is where the article's dateline stands in the body (a capital there is a place)."""
    builder = _Builder(text, doc, kb, date, dateline)
    matches = scan_names(text, kb)
    countries = builder.countries_named(matches)
    matches = sorted([*matches, *builder.unqualified_bodies(matches)], key=lambda m: m.start)
    builder.add_kb_matches(matches, countries)
    builder.add_spacy_entities(countries)
    builder.join_name_parts()
    builder.add_missed_names()
    builder.add_references()
    return builder.finish(countries)
