"""Near-duplicate fingerprints: word (or, in Korean, character) shingles, MinHash, LSH bands.

A syndicated copy or a light rewrite of a wire story shares most of its 4-word shingles with the
original; MinHash estimates that share (Jaccard) from 128 numbers, and cutting the numbers into
32 bands of 4 makes articles whose share is above about 0.4 meet in some band's bucket.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 32
ROWS = NUM_PERM // BANDS
SEED = 7  # fixed: signatures stored today must compare with those computed tomorrow
WORD = re.compile(r"\w+")


def shingles(text: str, language: str | None) -> set[bytes]:
    """4-word shingles; for Korean, whose words carry particles, 5-character shingles without spaces."""
    if language == "ko":
        letters = re.sub(r"\W+", "", text.casefold())
        grams = {letters[i:i + 5] for i in range(max(len(letters) - 4, 1))}
    else:
        words = WORD.findall(text.casefold())
        grams = {" ".join(words[i:i + 4]) for i in range(max(len(words) - 3, 1))}
    return {gram.encode("utf-8") for gram in grams if gram}


def signature(text: str, language: str | None) -> np.ndarray:
    """The MinHash signature of a text (uint64, NUM_PERM values)."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED)
    minhash.update_batch(list(shingles(text, language)))
    return minhash.hashvalues.astype(np.uint64)


def band_keys(values: np.ndarray) -> list[str]:
    """One bucket key per band: articles sharing a key in any band are candidate duplicates."""
    return [hashlib.blake2b(values[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=8).hexdigest()
            for b in range(BANDS)]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a)
