"""The time stage: every time expression of the body, normalised against the publication date."""

from __future__ import annotations

from newsledger.model import TimeExpression
from newsledger.pipeline import Document, stage
from newsledger.time.tagger import find_times


class TimeStage:
    def __call__(self, doc: Document) -> Document:
        art = doc.article
        art.times = [
            TimeExpression(text=art.body[f.start:f.end], start=f.start, end=f.end, value=f.value,
                           anchor=f.anchor if f.value else None, type=f.type, precision=f.precision, zone=f.zone)
            for f in find_times(art.body, art.published, art.language)
        ]
        return doc


@stage("time")
def make_time_stage() -> TimeStage:
    return TimeStage()
