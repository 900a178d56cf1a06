"""The quotes stage: quotes with resolved speakers, roles, cues, venues and dates on the record."""

from __future__ import annotations

from newsledger.model import Quote, Speaker
from newsledger.pipeline import Document, stage
from newsledger.quotes.finder import Found, find_quotes
from newsledger.quotes.korean import find_korean_quotes
from newsledger.quotes.marks import find_quoted_spans
from newsledger.quotes.speakers import Person, resolve, role_at
from newsledger.time.assign import date_of_span


def _speaker(found: Found, body: str, entities: list[Person], quoted: list[tuple[int, int]]) -> Speaker | None:
    if found.mention is None:
        return None
    start, end = found.mention
    mention = body[start:end].rstrip(" ,;:")
    end = start + len(mention)
    entity = resolve(mention, start, entities, found.referent, quoted)
    if entity is None:
        return Speaker(name=mention, mention=mention, mention_start=start, mention_end=end)
    return Speaker(name=entity.name, entity=entity.id, mention=mention, mention_start=start, mention_end=end,
                   role=role_at(entity))


def _inherit(quotes: list[Quote], founds: list[Found], entities: list[Person]) -> None:
    """A quoted sentence with no attribution of its own continues the previous quote's speaker,
    unless another person is named between them."""
    people = [e for e in entities if e.type == "PERSON"]
    for i, (quote, found) in enumerate(zip(quotes, founds, strict=True)):
        if quote.speaker is not None or found.cue is not None or i == 0:
            continue
        previous = quotes[i - 1]
        if previous.speaker is None or previous.speaker.entity is None:
            continue
        named_between = any(previous.end <= s < quote.start for p in people if p.id != previous.speaker.entity
                            for s, _ in p.named_mentions())
        if not named_between:
            quote.speaker = Speaker(name=previous.speaker.name, entity=previous.speaker.entity,
                                    role=previous.speaker.role)
            quote.cue, quote.confidence = previous.cue, 0.6


class QuotesStage:
    def __call__(self, doc: Document) -> Document:
        art = doc.article
        if art.language == "ko":
            # Korean: Kiwi's morphemes and the actors stage's Korean entities (quotes/korean.py)
            art.quotes = find_korean_quotes(art, doc.annotations.get("actors", []), doc.annotations.get("kiwi"))
            return doc
        parsed = doc.annotations.get("spacy")
        if parsed is None or art.language != "en":
            return doc  # without a parse there is nothing to do
        people = doc.annotations.get("actors", [])
        founds = find_quotes(parsed)
        quoted = [part for span in find_quoted_spans(art.body) for part in span.parts]
        quotes = []
        for number, found in enumerate(founds, start=1):
            speaker = _speaker(found, art.body, people, quoted)
            # the date of the attribution clause ("said Friday"), not of what was said ("in 2012")
            attribution = list(found.mention or ())
            if found.cue is not None:
                attribution += [found.cue.idx, found.cue.idx + len(found.cue)]
            if not attribution:
                attribution = [found.start, found.end]
            content = (found.start, found.end) if found.mention or found.cue is not None else None
            date, _ = date_of_span(art, min(attribution), max(attribution), exclude=content, past=True)
            quotes.append(Quote(id=f"Q{number}", text=found.text, start=found.start, end=found.end, kind=found.kind,
                                speaker=speaker, cue=found.cue.text if found.cue is not None else None, date=date,
                                venue=found.venue, confidence=round(found.confidence, 2)))
        _inherit(quotes, founds, people)
        art.quotes = quotes
        return doc


@stage("quotes")
def make_quotes_stage() -> QuotesStage:
    return QuotesStage()
