"""NLP: sentences and the spaCy parse (English) or Kiwi's analysis (Korean) for later stages."""

from newsledger.nlp import stage

__all__ = ["stage"]
