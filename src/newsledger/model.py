"""The typed data model every stage shares, serialised exactly to the record contract.

The contract (shared/spec/records.md, v1) is the interface of every output: the field names and
meanings below must not change. Fields may be added; added ones are marked "(added)".
`Article.to_dict()` emits the contract's keys in the contract's order so records diff cleanly.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any, Literal

RemovedReason = Literal["boilerplate", "duplicate", "caption", "credit", "headline", "metadata"]
QuoteKind = Literal["direct", "indirect", "mixed"]
LinkType = Literal["duplicate", "same_story", "same_statement", "cites"]


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _plain(value: Any) -> Any:
    """`dataclasses.asdict` without its deep copy of every leaf value: a record's leaves are
    strings and numbers, which need none, and the copies were a tenth of the time of writing an
    archive. Containers are rebuilt as asdict rebuilds them (a tuple stays a tuple)."""
    kind = type(value)
    if kind in (str, int, float, bool) or value is None:
        return value
    if kind in (list, tuple):
        return kind(_plain(v) for v in value)
    if kind is dict:
        return {k: _plain(v) for k, v in value.items()}
    if is_dataclass(value):
        names = _FIELD_NAMES.get(kind)
        if names is None:
            names = _FIELD_NAMES[kind] = tuple(f.name for f in fields(value))
        return {name: _plain(getattr(value, name)) for name in names}
    return value


def _from_dict(cls: type, data: dict[str, Any]) -> Any:
    """Build a flat dataclass from a dict, ignoring keys the class does not know."""
    known = {f.name for f in fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in known})


@dataclass
class Source:
    """Where a record came from: a file, a line of a JSONL file, or a record of a WARC file."""

    path: str | None = None
    url: str | None = None
    line: int | None = None
    offset: int | None = None  # (added) byte offset of the WARC record

    def label(self) -> str:
        """A short human label, `file.jsonl:12`, used in reports."""
        where = self.path or "<stdin>"
        if self.line is not None:
            return f"{where}:{self.line}"
        if self.offset is not None:
            return f"{where}@{self.offset}"
        return where


@dataclass
class Removed:
    """A piece of the input the cleaner took out of the body, and why."""

    text: str
    reason: RemovedReason
    rule: str | None = None  # (added) the name of the rule that matched


@dataclass
class Entity:
    id: str
    name: str
    type: str
    kb_id: str | None = None
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[list[int]] = field(default_factory=list)
    # (added) fields below
    sector: str | None = None  # GOV, MIL, IGO, … (CAMEO sector codes), from the knowledge base or the role
    role_at_date: str | None = None  # the role the knowledge base says was held on the publication date
    mention_kinds: list[str] = field(default_factory=list)  # per mention: name, surname, metonym, pronoun, …


@dataclass
class Speaker:
    name: str | None
    entity: str | None = None
    mention: str | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    role: str | None = None


@dataclass
class Quote:
    id: str
    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: Speaker | None = None
    cue: str | None = None
    date: str | None = None
    venue: str | None = None
    confidence: float = 0.0

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quote:
        quote = _from_dict(cls, data)
        if isinstance(quote.speaker, dict):
            quote.speaker = _from_dict(Speaker, quote.speaker)
        return quote


@dataclass
class TimeExpression:
    text: str
    start: int
    end: int
    value: str | None = None
    anchor: str | None = None
    type: str = "DATE"
    precision: str | None = None  # (added) day, month, year, week, quarter, duration, ref, …
    zone: str | None = None  # (added) the zone assumed: "local" (of the event), "Asia/Seoul (publication)"


@dataclass
class Event:
    id: str
    type: str
    mode: str | None = None
    trigger: str | None = None
    source: list[str] = field(default_factory=list)
    target: list[str] = field(default_factory=list)
    source_country: list[str] = field(default_factory=list)
    target_country: list[str] = field(default_factory=list)
    date: str | None = None
    location: str | None = None
    sentence: list[int] = field(default_factory=list)
    confidence: float = 0.0
    # (added) fields below
    context: str | None = None  # PLOVER context: military, economic, humanitarian, diplomatic, …
    code: str | None = None  # the CAMEO code the verb dictionary gave, before PLOVER
    # what makes two reports one happening across sentences and articles: type, the parties'
    # knowledge-base ids (or countries), date and place, normalised ("CONSULT|country:prk+…|…")
    happening: str | None = None


@dataclass
class LinkEnd:
    article: str
    quote: str | None = None


@dataclass
class Link:
    type: LinkType
    a: LinkEnd
    b: LinkEnd
    score: float
    evidence: str

    def to_dict(self) -> dict[str, Any]:
        return _plain(self)


@dataclass
class Article:
    """One article: the clean text, its metadata and everything extracted from it."""

    id: str
    source: Source = field(default_factory=Source)
    language: str | None = None
    headline: str | None = None
    subheadlines: list[str] = field(default_factory=list)
    outlet: str | None = None
    credits: list[str] = field(default_factory=list)
    byline: list[str] = field(default_factory=list)
    published: str | None = None
    metadata_source: dict[str, str] = field(default_factory=dict)
    body: str = ""
    removed: list[Removed] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    times: list[TimeExpression] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    # (added) fields below
    dateline: str | None = None
    sentences: list[list[int]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """The record as the contract spells it (plain JSON-ready types, contract key order)."""
        return _plain(self)

    def dateline_span(self) -> tuple[int, int] | None:
        """Where the dateline the cleaner found ("SEOUL (Harbor News) —") stands in the body."""
        at = self.body.find(self.dateline) if self.dateline else -1
        return (at, at + len(self.dateline)) if at >= 0 and self.dateline else None

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        """Rebuild an Article from a record (as read back from the store or a JSONL file)."""
        art = _from_dict(cls, data)
        art.source = _from_dict(Source, data.get("source") or {})
        art.removed = [_from_dict(Removed, r) for r in data.get("removed") or []]
        art.entities = [_from_dict(Entity, e) for e in data.get("entities") or []]
        art.quotes = [Quote.from_dict(q) for q in data.get("quotes") or []]
        art.times = [_from_dict(TimeExpression, t) for t in data.get("times") or []]
        art.events = [_from_dict(Event, e) for e in data.get("events") or []]
        return art


@dataclass
class RawItem:
    """One input item as read at the edge: text or HTML plus the metadata the input gave."""

    source: Source
    text: str | None = None
    html: str | None = None
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Failure:
    """An input that could not become an article, with the reason a person can act on."""

    source: Source
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"source": _plain(self.source), "reason": self.reason}
