"""Word lists and rules are data: TOML files inside the stage's package, read once per process."""

from __future__ import annotations

import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=32)
def load_toml(package: str, folder: str, name: str) -> dict[str, Any]:
    """`load_toml("newsledger.quotes", "lexicon", "en")` reads newsledger/quotes/lexicon/en.toml."""
    resource = resources.files(package) / folder / f"{name}.toml"
    return tomllib.loads(resource.read_text(encoding="utf-8"))
