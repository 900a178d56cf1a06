"""Quotes: who said what (direct, indirect, mixed), with speakers resolved to the article's people."""

from newsledger.quotes import stage
from newsledger.quotes.finder import find_quotes

__all__ = ["find_quotes", "stage"]
