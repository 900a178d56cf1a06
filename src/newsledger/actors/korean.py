"""Actors in Korean articles: the knowledge base's Korean names, and people named before a title.

Korean writes particles onto the word ("북한은", "평양의"), so a name is the start of a word
whose rest is a particle; a multi-word name ("커트 캠벨") may span words. Then, in order:
- a capital after which a place particle follows ("서울에서") or inside a dateline ("(서울=")
  is a place; otherwise it stands for its government ("워싱턴은 … 밝혔다");
- a government body named without its country ("외교부") is the country's own body named just
  before it ("중국 외교부"), else South Korea's, as Korean press writes;
- a person the knowledge base does not hold is a name before a title ("박지훈 연구위원",
  "이수진 세종연구소 수석연구위원"); the words up to the title are the role;
- a family name before a title ("조 장관", "윤 대통령"), a bare title ("부장관은") and "그" (he)
  / "그녀" (she) refer to the person named before who fits, the first one named in the previous
  sentence for a pronoun (Korean news puts the topic first).
"""

from __future__ import annotations

import re
from typing import Any

from newsledger.actors.kb import KnowledgeBase, active_role
from newsledger.actors.resolve import ArticleEntity, lexicon

_WORD = re.compile(r"[가-힣A-Za-z0-9·]+")
_SENTENCE = re.compile(r"[^.!?\n]+[.!?]?")
MAX_NAME_WORDS = 3
COREFERENCE_CHARS = 800
# Endings of words that name an organisation standing between a name and its title.
_ORG_ENDINGS = ("원", "부", "청", "처", "회", "소", "당", "실", "대", "교", "관", "국", "군", "성", "처", "단", "사")
_PLACE_PARTICLES = {"에서", "에", "으로", "로", "까지", "부터", "에서는", "에는", "에선"}
# A word ending so is a verb, an adverb or an organisation, not a person's name.
_NOT_NAME_ENDINGS = ("다", "며", "고", "서", "해", "게", "지", "대", "청", "처", "회", "당", "실", "교", "단", "부",
                     "날")


class _KoreanBuilder:
    def __init__(self, text: str, kb: KnowledgeBase, date: str | None, dateline: tuple[int, int] | None) -> None:
        self.text, self.kb, self.date, self.dateline = text, kb, date, dateline
        lex = lexicon("ko")
        self.particles = set(lex["particles"])
        self.titles = sorted(lex["titles"], key=len, reverse=True)
        self.pronouns = lex["pronouns"]
        self.place_nouns = set(lex["place_nouns"])
        self.country_syllables = set(lex["country_syllables"])
        self.words = list(_WORD.finditer(text))
        self.entities: dict[str, ArticleEntity] = {}
        self.sentences = [m.span() for m in _SENTENCE.finditer(text)]

    # --- words --------------------------------------------------------------------------------
    def stem(self, word: str) -> str:
        """The word without a trailing particle ("북한은" -> "북한")."""
        for cut in range(len(word) - 1, 0, -1):
            if word[cut:] in self.particles:
                return word[:cut]
        return word

    def title_of(self, word: str) -> str | None:
        """The title a word is or ends with ("장관", "수석연구위원"); not an institute's name that
        happens to end like one ("한국국방연구원")."""
        stem = self.stem(word)
        return next((t for t in self.titles if stem.endswith(t) and len(stem) - len(t) <= 2), None)

    def name_at(self, i: int, most_words: int = MAX_NAME_WORDS) -> tuple[int, int, list[str], str] | None:
        """The longest Korean name starting at word i: (last word index, end offset, ids, particle)."""
        for n in range(min(most_words, len(self.words) - i), 0, -1):
            joined = "".join(w.group() for w in self.words[i:i + n])
            last = self.words[i + n - 1]
            for cut in range(len(joined), 0, -1):
                head, rest = joined[:cut], joined[cut:]
                if head in self.kb.korean and (not rest or rest in self.particles):
                    return i + n - 1, last.end() - len(rest), self.kb.korean[head], rest
        return None

    # --- entities -----------------------------------------------------------------------------
    def kb_entity(self, actor: dict[str, Any]) -> ArticleEntity:
        entity = self.entities.get(actor["id"])
        if entity is None:
            entity = self.entities[actor["id"]] = ArticleEntity(
                id="", name=actor["name"], type=actor["type"], kb_id=actor["id"], country=actor.get("country"),
                sector=actor.get("sector"), gender=actor.get("gender"))
            role = active_role(actor, self.date)
            entity.kb_role = role.get("title") if role else None
            entity.heads = set(actor.get("ko", ()))
        return entity

    def country_before(self, i: int) -> str | None:
        if i == 0:
            return None
        previous = self.name_at(i - 1)
        if previous is None or previous[0] != i - 1:
            return None
        ids = [x for x in previous[2] if x.startswith("country:")]
        return self.kb.actors[ids[0]]["country"] if ids else None

    def add_kb_name(self, i: int, found: tuple[int, int, list[str], str]) -> int:
        last, end, ids, particle = found
        start = self.words[i].start()
        surface = self.text[start:end]
        # "일본 방위성": the country, then its body
        if last > i:
            first = self.name_at(i, most_words=1)
            if first and all(x.startswith("country:") for x in first[2]) \
                    and not all(x.startswith("country:") for x in ids):
                self.add_kb_name(i, first)
                return self.add_kb_name(i + 1, found)
        qualifier = self.country_before(i)
        countries = {qualifier or "KOR": 10}
        actor = self.kb.choose(ids, self.date, countries)
        if actor is None:
            return last + 1
        metonym = surface in actor.get("ko_metonyms", ())
        dateline = self.dateline is not None and self.dateline[0] <= start < self.dateline[1]
        nearby = {self.stem(w.group()) for w in self.words[last + 1:last + 3]}
        if metonym and (particle in _PLACE_PARTICLES or dateline or (not particle and nearby & self.place_nouns)):
            place = self.entities.setdefault("place:" + surface, ArticleEntity(
                id="", name=surface, type="GPE", country=actor.get("country")))
            place.add(start, end, "place", surface)
        else:
            entity = self.kb_entity(actor)
            entity.add(start, end, "metonym" if metonym else "name", surface)
            if entity.type == "PERSON":
                self.add_role(entity, last + 1)
        return last + 1

    def add_role(self, entity: ArticleEntity, i: int) -> None:
        """The words after a name up to its title: "조태열 외교부 장관" -> "외교부 장관"."""
        window = self.words[i:i + 4]
        for j, word in enumerate(window):
            title = self.title_of(word.group())
            if title is not None:
                role = self.text[window[0].start():word.start()] + self.stem(word.group())
                if role not in entity.roles:
                    entity.roles.append(role)
                    entity.titles.add(title)
                return
            if j > 0 and not self.stem(word.group()).endswith(_ORG_ENDINGS) and self.name_at(i + j) is None:
                return

    def local_person(self, i: int) -> bool:
        """A name the knowledge base lacks, before a title: "박정민 한국국방연구원 연구위원"."""
        word = self.words[i].group()
        stem = self.stem(word)
        if not (2 <= len(stem) <= 4 and re.fullmatch(r"[가-힣]+", stem)) or self.title_of(word) or stem != word \
                or stem.endswith(_NOT_NAME_ENDINGS) or stem in self.place_nouns or set(stem) <= self.country_syllables \
                or not self._title_follows(i + 1):
            return False
        entity = self.entities.setdefault("local:" + stem, ArticleEntity(id="", name=stem, type="PERSON",
                                                                       country="KOR"))
        entity.add(self.words[i].start(), self.words[i].start() + len(stem), "name", stem)
        self.add_role(entity, i + 1)
        return True

    def _adjacent(self, k: int) -> bool:
        """Whether word k follows the word before it across spaces alone, in one line."""
        return k > 0 and self.text[self.words[k - 1].end():self.words[k].start()] in (" ", "  ")

    def _title_follows(self, k: int) -> bool:
        """A title within the next three words, any words before it naming a body or a country
        ("한국국방연구원 연구위원", "일본 관방장관") and no person of the knowledge base."""
        for j in range(3):
            if k + j >= len(self.words):
                return False
            following = self.words[k + j].group()
            if not self._adjacent(k + j):
                return False  # "한지우 기자 = 통일부 장관": the byline is no part of the role
            if self.title_of(following) is not None:
                return True
            named = self.name_at(k + j)
            if named and any(self.kb.actors[x]["type"] == "PERSON" for x in named[2]):
                return False  # "밝혔다. 신원식 국방부 장관": the title is someone else's
            if not (self.stem(following).endswith(_ORG_ENDINGS) or named):
                return False
        return False

    def people(self) -> list[ArticleEntity]:
        return [e for e in self.entities.values() if e.type == "PERSON"]

    def korean_names(self, person: ArticleEntity) -> list[str]:
        actor = self.kb.get(person.kb_id) if person.kb_id else None
        return list(actor.get("ko", ())) if actor else [person.name]

    def nearest(self, people: list[ArticleEntity], offset: int) -> ArticleEntity | None:
        best = [(max((s for s, _ in p.named_mentions() if s < offset), default=-1), p) for p in people]
        best = [(pos, p) for pos, p in best if pos >= 0 and offset - pos <= COREFERENCE_CHARS]
        return max(best, key=lambda b: b[0])[1] if best else None

    def add_references(self) -> None:
        """Family name + title ("조 장관"), a bare title ("부장관은"), and pronouns."""
        for i, match in enumerate(self.words):
            word, start = match.group(), match.start()
            if any(s <= start < e for p in self.entities.values() for s, e in p.mentions):
                continue
            following = self.words[i + 1].group() if i + 1 < len(self.words) else ""
            if len(word) == 1 and self.title_of(following):
                people = [p for p in self.people() if any(n.startswith(word) for n in self.korean_names(p))]
                target = self.nearest(people, start)
                if target is not None:
                    target.add(start, start + 1, "surname", word)
                continue
            title = self.title_of(word)
            after_title = i > 0 and self.title_of(self.words[i - 1].group()) is not None
            if title is not None and self.stem(word) == title and not after_title:
                target = self.nearest([p for p in self.people() if title in p.titles], start)
                if target is not None:
                    target.add(start, start + len(title), "title")
                continue
            for pronoun, gender in self.pronouns.items():
                rest = word[len(pronoun):]
                if word.startswith(pronoun) and rest and rest in self.particles:
                    target = self.topic_before(start, gender)
                    if target is not None:
                        target.add(start, start + len(pronoun), "pronoun")

    def topic_before(self, offset: int, gender: str) -> ArticleEntity | None:
        """The first person named in the sentence before the pronoun's, else the nearest before it."""
        people = [p for p in self.people() if not (p.gender and p.gender != gender)]
        own = next((k for k, (s, e) in enumerate(self.sentences) if s <= offset < e), None)
        if own:
            s, e = self.sentences[own - 1]
            named = [(min(m for m, _ in p.named_mentions() if s <= m < e), p) for p in people
                     if any(s <= m < e for m, _ in p.named_mentions())]
            if named:
                return min(named, key=lambda n: n[0])[1]
        return self.nearest(people, offset)

    def collect(self) -> list[ArticleEntity]:
        i = 0
        while i < len(self.words):
            found = self.name_at(i)
            if found is not None:
                i = self.add_kb_name(i, found)
                continue
            self.local_person(i)
            i += 1
        self.bare_local_names()
        self.add_references()
        ordered = sorted(self.entities.values(), key=ArticleEntity.first)
        for number, entity in enumerate(ordered, start=1):
            entity.id = f"E{number}"
            entity.mentions.sort()
            entity.aliases.discard(entity.name)
        return ordered

    def bare_local_names(self) -> None:
        """A local person named again without a title ("박정민은")."""
        local = [p for p in self.people() if not p.kb_id]
        for match in self.words:
            stem = self.stem(match.group())
            for person in local:
                if stem == person.name:
                    person.add(match.start(), match.start() + len(stem), "name")


def collect_korean_entities(text: str, kb: KnowledgeBase, date: str | None,
                            dateline: tuple[int, int] | None = None) -> list[ArticleEntity]:
    return _KoreanBuilder(text, kb, date, dateline).collect()
