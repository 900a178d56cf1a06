"""newsledger: news articles to a ledger of who said what, and who did what to whom, when and where.

The pipeline (one subpackage per stage): ingest -> clean -> nlp -> (quotes, actors, time, events)
-> link -> store -> cli/web. Start with `extract` (records, no store) or `Ledger` (a store).
"""

from newsledger.api import IngestReport, Ledger, extract, extract_text
from newsledger.model import Article, Entity, Event, Failure, Link, Quote, TimeExpression
from newsledger.pipeline import Pipeline, stage

__version__ = "0.1.0"
__all__ = ["Article", "Entity", "Event", "Failure", "IngestReport", "Ledger", "Link", "Pipeline", "Quote",
           "TimeExpression", "extract", "extract_text", "stage"]
