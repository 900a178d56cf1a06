"""Quotes: who said what (direct, indirect, mixed), with speakers resolved to the article's people.

The stage registers itself when `newsledger.quotes.stage` is imported (the pipeline does so).
"""
