"""One key for a name however it is written: "한승우" and "Han Seung-woo", "엘리슨" and "Ellison".

Korean news writes foreign names in Hangul by ear, and English news writes Korean names in one
of several romanisations (Lee, Yi, Rhee; Seung-woo, Seung-u). Neither spelling can be looked up
in the other, but both keep the consonants in order. The key is that consonant skeleton: Hangul is
romanised syllable by syllable (Revised Romanisation), vowels are left out (Korean adds some to
a foreign name's consonant clusters: 휘트컴 for Whitcombe), and consonants a listener confuses
across the two languages fall together (g/k, d/t, b/p/f/v, j/ch/z, r/l). Family names that
English spells by convention (박 Park, 이 Lee, 김 Kim) are mapped first.
The key is loose on purpose; the linker only trusts it when exactly one person in view has it.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from newsledger.lexicons import load_toml

# Revised Romanisation of the jamo: initials, medials, finals (Unicode order).
INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
MEDIALS = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
           "yu", "eu", "ui", "i"]
FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
          "ng", "t", "t", "k", "t", "p", "t"]
# consonants that sound alike across the two languages, each group to one letter
CLASSES = str.maketrans({"k": "g", "c": "g", "q": "g", "t": "d", "p": "b", "f": "b", "v": "b", "z": "j",
                         "x": "s", "r": "l"})
MIN_CONSONANTS = 2  # a name of one consonant ("Li", "Wu", "Oh") says too little


def romanise(hangul: str) -> str:
    """"한승우" -> "hanseungu"; other characters pass through."""
    out = []
    for ch in hangul:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            initial, rest = divmod(code, 588)
            medial, final = divmod(rest, 28)
            out.append(INITIALS[initial] + MEDIALS[medial] + FINALS[final])
        else:
            out.append(ch)
    return "".join(out)


@lru_cache(maxsize=1)
def _surnames() -> dict[str, str]:
    """Korean family names with the spelling English news gives them (data: link/lexicon/ko.toml)."""
    return load_toml("newsledger.link", "lexicon", "ko").get("surname_spellings", {})


def _consonants(latin: str) -> str:
    """Consonants in order, alike ones as one letter, a doubled one once (a vowel between keeps
    two apart), a final "mb" as "m"."""
    text = latin.casefold().replace("sch", "s").replace("ch", "j").replace("sh", "s").replace("ph", "f")
    text = re.sub(r"[hwy]", "", text.replace("ng", "N")).translate(CLASSES)
    text = re.sub(r"(.)\1+", r"\1", re.sub(r"[aeiou]+", "V", text))
    return re.sub(r"mb$", "m", text.replace("V", ""))


def family_name_sound(name: str) -> str | None:
    """The sound of the part of a person's name a report may give alone: the whole of a Korean
    name ("한승우", "Han Seung-woo"), the last word of any other ("Margaret Ellison", "마거릿 엘리슨":
    both "Ellison")."""
    words = unicodedata.normalize("NFKC", name).split()
    if not words:
        return None
    hangul = bool(re.search(r"[\uac00-\ud7a3]", name))
    korean = (hangul and len(words) == 1 and 3 <= len(words[0]) <= 4 and words[0][0] in _surnames()) or (
        not hangul and 2 <= len(words) <= 3 and words[0].casefold() in _surname_spellings())
    return name_sound(name) if korean else name_sound(words[-1], korean=False)


@lru_cache(maxsize=1)
def _surname_spellings() -> frozenset[str]:
    return frozenset({*_surnames().values(), "yi", "rhee", "pak", "chung", "jeong", "choe", "yun", "ryu", "yu", "im",
                      "rim", "ri", "koh", "kang"})


def _latin(name: str, korean: bool) -> str:
    """A name's letters in the Latin alphabet: Hangul romanised (a Korean name's family name as
    English spells it), accents dropped, all but letters removed."""
    text = unicodedata.normalize("NFKC", name).strip()
    if re.search(r"[\uac00-\ud7a3]", text):
        words = text.split()
        if korean and len(words) == 1 and 3 <= len(text) <= 4 and text[0] in _surnames():
            return _surnames()[text[0]] + romanise(text[1:])
        return romanise("".join(words))
    return re.sub(r"[^A-Za-z]", "", "".join(unicodedata.normalize("NFKD", w)[0] + w[1:] for w in text.split()))


@lru_cache(maxsize=65536)
def name_sound(name: str, korean: bool = True) -> str | None:
    """The consonants of a person's name in Latin or Hangul letters, in order, alike ones as one
    letter; None when too few to trust. Vowels are left out because Korean writes a foreign name
    by ear and puts a vowel (으) inside the consonant clusters English spells without one
    ("Whitcombe" 휘트컴, "Vos" 포스, "Schmidt" 슈미트); a final "mb" is an "m", as English does
    not say its b. `korean=False`: Hangul is not read as a Korean name (family name first)."""
    key = _consonants(_latin(name, korean))
    return key if len(key) >= MIN_CONSONANTS else None
