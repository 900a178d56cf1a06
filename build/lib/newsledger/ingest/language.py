"""Language identification stage (lingua), unless the input named the language."""

from __future__ import annotations

from functools import lru_cache

from newsledger.pipeline import Document, stage

# The languages we tell apart; English and Korean are the product's, the others are the ones
# news archives about the region mix in and that must not be mistaken for them.
LANGUAGES = ("ENGLISH", "KOREAN", "JAPANESE", "CHINESE", "RUSSIAN", "FRENCH", "GERMAN", "SPANISH")
# Enough text to decide; lingua's cost grows with length.
SAMPLE_CHARS = 2000


@lru_cache(maxsize=1)
def _detector():
    from lingua import Language, LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_languages(*(getattr(Language, n) for n in LANGUAGES)).build()


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the language of `text`, or None when it has no letters to judge."""
    sample = text[:SAMPLE_CHARS]
    if not any(ch.isalpha() for ch in sample):
        return None
    hangul = sum(1 for ch in sample if "\uac00" <= ch <= "\ud7a3")
    letters = sum(1 for ch in sample if ch.isalpha())
    if hangul / letters > 0.3:  # Hangul syllables are Korean's alone; skip the model
        return "ko"
    found = _detector().detect_language_of(sample)
    return found.iso_code_639_1.name.lower() if found else None


class LanguageStage:
    def __call__(self, doc: Document) -> Document:
        given = doc.item.meta.get("language")
        if given:
            doc.article.language = given.lower()
            doc.article.metadata_source["language"] = "input"
            return doc
        doc.article.language = detect_language(doc.text)
        doc.article.metadata_source["language"] = "inferred"
        if doc.article.language is None:
            doc.article.warnings.append("language could not be identified")
        return doc


@stage("language")
def make_language_stage() -> LanguageStage:
    return LanguageStage()
