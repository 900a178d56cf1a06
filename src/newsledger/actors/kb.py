"""The actor knowledge base shipped in the package (data/actors.jsonl.gz, built by scripts/build_kb.py).

Loaded once per process. Names are looked up by a key that forgets case, accents, periods and
hyphens ("U.S." = "US", "Kim Jong-un" = "Kim Jong Un"), so the text's spelling and the KB's meet.
A name may belong to several actors ("Ministry of National Defense" in Seoul and in Taipei; two
officials called "Kim Yong Chol"); `choose` picks one by the article's date and country context.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import Any

from newsledger.lexicons import load_toml

_WORD = re.compile(r"[^\W_]+")


@lru_cache(maxsize=1)
def _word_variants() -> dict[str, str]:
    return load_toml("newsledger.actors", "lexicon", "en")["name_variants"]


def key_word(word: str) -> str:
    """One word of a name as the key spells it: case-folded, and a transliteration variant written
    one way ("el" of "Omar El Bashir" is the "al" of "Omar Al Bashir"), so spellings of one
    name from Arabic meet without every spelling in the knowledge base."""
    word = word.casefold()
    return _word_variants().get(word, word)


@lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The lookup key of a name: its words, case-folded, without accents or punctuation, each
    transliteration variant written one way (`key_word`)."""
    text = unicodedata.normalize("NFKD", text.replace(".", ""))
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return " ".join(key_word(w) for w in _WORD.findall(text))


@dataclass
class KnowledgeBase:
    actors: dict[str, dict[str, Any]]
    names: dict[str, list[str]]  # name key -> actor ids (names and aliases, English)
    metonyms: dict[str, list[str]]  # key -> country ids: capitals and seats of power ("the Kremlin")
    places: dict[str, list[str]]  # key -> country ids: other cities and regions of a country
    context: dict[str, list[str]]  # "the north" -> country ids, only inside their region's coverage
    korean: dict[str, list[str]]  # Korean name -> actor ids
    agents: dict[str, list[str]]  # generic agent words -> sectors ("defense minister" -> GOV, MIL)
    surnames: dict[str, list[str]] = field(default_factory=dict)  # person surname key -> person ids
    given_names: dict[str, list[str]] = field(default_factory=dict)  # first word of a person's name -> ids
    max_words: int = 1
    first_words: set[str] = field(default_factory=set)  # the first word of every name: where a scan may start
    _name_keys: dict[str, tuple[str, ...]] = field(default_factory=dict, repr=False)

    def get(self, actor_id: str) -> dict[str, Any] | None:
        return self.actors.get(actor_id)

    def name_keys(self, actor_id: str) -> tuple[str, ...]:
        """The keys of an actor's name and aliases, worked out once: every near-miss of a name
        in every article is compared with them."""
        keys = self._name_keys.get(actor_id)
        if keys is None:
            actor = self.actors[actor_id]
            keys = self._name_keys[actor_id] = tuple(name_key(n) for n in [actor["name"], *actor["aliases"]])
        return keys

    def choose(self, ids: list[str], date: str | None, countries: dict[str, int], type_: str | None = None
               ) -> dict[str, Any] | None:
        """The actor a name means here: of the right type, holding a role on the article's date,
        of a country the article talks about, curated before Phoenix-only entries."""
        candidates = [self.actors[i] for i in ids if i in self.actors]
        if type_ is not None:
            candidates = [a for a in candidates if a["type"] == type_] or candidates
        if not candidates:
            return None

        def score(actor: dict[str, Any]) -> tuple[int, int, int, int]:
            return (int(actor["type"] == "GPE"), int(bool(date) and active_role(actor, date) is not None),
                    countries.get(actor.get("country") or "", 0), int("curated" in actor.get("provenance", ())))

        return max(candidates, key=score)


def active_role(actor: dict[str, Any], date: str | None) -> dict[str, Any] | None:
    """The actor's role on `date` (ISO), the titled and most recent one first; None if none is known."""
    if not date:
        return None
    held = [r for r in actor.get("roles", []) if (r.get("from") or "") <= date
            and (not r.get("to") or date <= r["to"] + "~")]  # "2024-02" covers the whole month
    held.sort(key=lambda r: (r.get("title") is not None, r.get("from") or ""))
    return held[-1] if held else None


def _add(index: dict[str, list[str]], name: str, actor_id: str) -> None:
    key = name_key(name)
    if key and actor_id not in index[key]:
        index[key].append(actor_id)


@lru_cache(maxsize=1)
def knowledge_base() -> KnowledgeBase:
    data = resources.files("newsledger.actors") / "data"
    actors: dict[str, dict[str, Any]] = {}
    names: dict[str, list[str]] = defaultdict(list)
    metonyms: dict[str, list[str]] = defaultdict(list)
    places: dict[str, list[str]] = defaultdict(list)
    context: dict[str, list[str]] = defaultdict(list)
    korean: dict[str, list[str]] = defaultdict(list)
    surnames: dict[str, list[str]] = defaultdict(list)
    given_names: dict[str, list[str]] = defaultdict(list)
    with gzip.open(str(data / "actors.jsonl.gz"), "rt", encoding="utf-8") as lines:
        for line in lines:
            actor = json.loads(line)
            actors[actor["id"]] = actor
            for name in [actor["name"], *actor.get("aliases", ()), *actor.get("demonyms", ())]:
                if actor["type"] != "PERSON" or len(name_key(name).split()) > 1:
                    _add(names, name, actor["id"])
            for name in actor.get("metonyms", ()):
                _add(metonyms, name, actor["id"])
            for name in actor.get("places", ()):
                _add(places, name, actor["id"])
            for name in actor.get("context_aliases", ()):
                _add(context, name, actor["id"])
            for name in actor.get("ko", ()):
                korean[name.replace(" ", "")].append(actor["id"])
            if actor["type"] == "PERSON":
                _add(surnames, actor["name"].split()[-1], actor["id"])
                _add(given_names, actor["name"].split()[0], actor["id"])
    agents = json.loads((data / "agents.json").read_text(encoding="utf-8"))
    keys = [*names, *metonyms, *places, *context]
    longest = max(len(k.split()) for k in keys)
    return KnowledgeBase(actors=actors, names=dict(names), metonyms=dict(metonyms), places=dict(places),
                         context=dict(context),
                         korean=dict(korean), agents=agents, surnames=dict(surnames),
                         given_names=dict(given_names), max_words=longest,
                         first_words={k.split()[0] for k in keys})
