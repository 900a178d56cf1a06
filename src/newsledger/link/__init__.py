"""Links across articles: near-duplicates, stories, the same statement reported twice, citations.

Linking is incremental: `Linker.link(articles)` places newly stored articles among those already
in the store (blocked by LSH buckets, publication-day windows and speakers, never all pairs), and a
rebuild that links every stored article in (day, id) order gives the same result every time.
"""

from newsledger.link.linker import Linker, LinkSettings, LinkSummary

__all__ = ["LinkSettings", "LinkSummary", "Linker"]
