"""Near-duplicate fingerprints: word (or, in Korean, character) shingles, MinHash, LSH bands.

A syndicated copy or a light rewrite of a wire story shares a large part of its 3-word shingles
with the original (0.4 and more on our development set, where articles of one story that are not
copies share under 0.15); MinHash estimates that share (Jaccard) from 128 numbers, and cutting 126
of them into 42 bands of 3 makes two articles sharing 0.4 meet in some band's bucket with
probability 0.94 (0.3: 0.68), while unrelated articles (under 0.05) meet in under 0.5% of pairs.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np
from datasketch import MinHash

NUM_PERM = 128
BANDS = 42
ROWS = 3
SEED = 7  # fixed: signatures stored today must compare with those computed tomorrow
WORD = re.compile(r"\w+")


def shingles(text: str, language: str | None) -> set[bytes]:
    """3-word shingles; for Korean, whose words carry particles, 5-character shingles without spaces."""
    if language == "ko":
        letters = re.sub(r"\W+", "", text.casefold())
        grams = {letters[i:i + 5] for i in range(max(len(letters) - 4, 1))}
    else:
        words = WORD.findall(text.casefold())
        grams = {" ".join(words[i:i + 3]) for i in range(max(len(words) - 2, 1))}
    return {gram.encode("utf-8") for gram in grams if gram}


# named, not left to the library's default: signatures stored today must compare with tomorrow's
SCHEME = "affine32"
PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=SEED, scheme=SCHEME).permutations  # drawn once, not per article


def signature(text: str, language: str | None) -> np.ndarray:
    """The MinHash signature of a text (uint64, NUM_PERM values)."""
    minhash = MinHash(num_perm=NUM_PERM, seed=SEED, permutations=PERMUTATIONS, scheme=SCHEME)
    minhash.update_batch(list(shingles(text, language)))
    return minhash.hashvalues.astype(np.uint64)


def band_keys(values: np.ndarray) -> list[str]:
    """One bucket key per band: articles sharing a key in any band are candidate duplicates."""
    return [f"{b}:{hashlib.blake2b(values[b * ROWS:(b + 1) * ROWS].tobytes(), digest_size=8).hexdigest()}"
            for b in range(BANDS)]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two shingle sets."""
    return float(np.count_nonzero(a == b)) / len(a)
