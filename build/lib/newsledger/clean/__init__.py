"""Clean: HTML to text, scraped text to a clean body with headline, byline, outlet and dates."""

from newsledger.clean import html, stage
from newsledger.clean.cleaner import CleanResult, clean_text
from newsledger.clean.rules import load_rules

__all__ = ["CleanResult", "clean_text", "html", "load_rules", "stage"]
