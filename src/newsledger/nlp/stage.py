"""The nlp stage: sentence spans on the record, the parse kept in memory for later stages
(`annotations["spacy"]`, a `Parsed`: the spaCy Doc with its text and sentences computed once;
for Korean, `annotations["kiwi"]`: Kiwi's morphemes of the body, for the events stage).

English goes through spaCy in batches (`nlp.pipe`), Korean through Kiwi; other languages get
sentences from a punctuation rule so that later stages always have sentences to work on.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from newsledger.nlp import models
from newsledger.nlp.parsed import Parsed
from newsledger.pipeline import Document, StageError, stage

_SENTENCE = re.compile(r"[^\n.!?。]*(?:[.!?。]+[\"'”’)]*|\n|$)")


def trimmed(text: str, start: int, end: int) -> list[int] | None:
    """The span without its surrounding whitespace, or None when nothing else is left."""
    chunk = text[start:end]
    left, right = len(chunk) - len(chunk.lstrip()), len(chunk.rstrip())
    return [start + left, start + right] if right > left else None


def sentence_spans(text: str, spans: Iterable[tuple[int, int]]) -> list[list[int]]:
    return [span for s, e in spans if (span := trimmed(text, s, e))]


def rule_sentences(text: str) -> list[list[int]]:
    return sentence_spans(text, (m.span() for m in _SENTENCE.finditer(text)))


class NlpStage:
    def __init__(self, batch_size: int = 16) -> None:
        self.batch_size = batch_size

    def __call__(self, doc: Document) -> Document:
        return self.pipe([doc])[0]

    def pipe(self, docs: Iterable[Document]) -> list[Document]:
        docs = list(docs)
        for doc in docs:
            if len(doc.article.body) > models.MAX_SPACY_CHARS:
                raise StageError(f"body too long for NLP ({len(doc.article.body)} characters)")
        english = [d for d in docs if (d.article.language or "en") == "en"]
        if english:
            parsed = models.english().pipe((d.article.body for d in english), batch_size=self.batch_size)
            for doc, spacy_doc in zip(english, parsed, strict=True):
                doc.annotations["spacy"] = parsed_doc = Parsed(spacy_doc)
                doc.article.sentences = sentence_spans(
                    doc.article.body, ((s.start_char, s.end_char) for s in parsed_doc.sents))
        for doc in docs:
            if doc.article.language == "ko":
                # one analysis gives both the sentences and the morphemes (tokenize() again would
                # analyse the body a second time, for the same tokens)
                sentences = models.korean().split_into_sents(doc.article.body, return_tokens=True)
                doc.annotations["kiwi"] = [token for sentence in sentences for token in sentence.tokens]
                doc.article.sentences = sentence_spans(doc.article.body, ((s.start, s.end) for s in sentences))
            elif doc.article.language not in (None, "en"):
                doc.article.sentences = rule_sentences(doc.article.body)
        return docs


@stage("nlp")
def make_nlp_stage(batch_size: int = 16) -> NlpStage:
    return NlpStage(batch_size)
