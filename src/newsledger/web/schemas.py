"""The JSON API's shapes: the record contract (shared/spec/records.md, v1) as pydantic models.

They exist so that the OpenAPI description says what every response holds, field by field, and
so that schemathesis can hold the API to it. The contract allows added fields, so every model
lets extra keys through (`additionalProperties`) instead of dropping what a later stage adds.
"""

from __future__ import annotations

from typing import Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field


class Open(BaseModel):
    """A contract object: the named fields, and whatever fields were added."""

    model_config = ConfigDict(extra="allow")


class SourceOut(Open):
    path: str | None = None
    url: str | None = None
    line: int | None = None


class RemovedOut(Open):
    text: str
    reason: str


class EntityOut(Open):
    id: str
    name: str
    type: str
    kb_id: str | None = None
    country: str | None = None
    aliases: list[str] = []
    roles: list[str] = []
    mentions: list[list[int]] = Field(default=[], description="[start, end] offsets into body, end exclusive")


class SpeakerOut(Open):
    name: str | None = None
    entity: str | None = None
    mention: str | None = None
    mention_start: int | None = None
    mention_end: int | None = None
    role: str | None = None


class QuoteOut(Open):
    id: str
    text: str
    start: int
    end: int
    kind: Literal["direct", "indirect", "mixed"]
    speaker: SpeakerOut | None = None
    cue: str | None = None
    date: str | None = None
    venue: str | None = None
    confidence: float = Field(ge=0.0, le=1.0)


class TimeOut(Open):
    text: str
    start: int
    end: int
    value: str | None = None
    anchor: str | None = None
    type: str


class EventOut(Open):
    id: str
    type: str
    mode: str | None = None
    trigger: str | None = None
    source: list[str] = []
    target: list[str] = []
    source_country: list[str] = []
    target_country: list[str] = []
    date: str | None = None
    location: str | None = None
    sentence: list[int] = []
    confidence: float = Field(ge=0.0, le=1.0)


class ArticleRecord(Open):
    """One article, exactly as `newsledger extract` writes it."""

    id: str
    source: SourceOut
    language: str | None = None
    headline: str | None = None
    subheadlines: list[str] = []
    outlet: str | None = None
    credits: list[str] = []
    byline: list[str] = []
    published: str | None = None
    metadata_source: dict[str, str] = {}
    body: str
    removed: list[RemovedOut] = []
    entities: list[EntityOut] = []
    quotes: list[QuoteOut] = []
    times: list[TimeOut] = []
    events: list[EventOut] = []


class ArticleSummary(Open):
    id: str
    published: str | None = None
    outlet: str | None = None
    language: str | None = None
    headline: str | None = None
    byline: str | None = Field(default=None, description="names joined by '; '")


class LinkEndOut(BaseModel):
    article: str
    quote: str | None = None


class LinkOut(BaseModel):
    """A link across articles, as `newsledger links` writes it."""

    type: Literal["duplicate", "same_story", "same_statement", "cites"]
    a: LinkEndOut
    b: LinkEndOut
    score: float
    evidence: str


class StorySummary(BaseModel):
    """A story as `export --stories` writes it (`story`, `articles`), with its headline and days."""

    story: str
    articles: list[str]
    headline: str | None = None
    first_day: str | None = None
    last_day: str | None = None


class StoryMember(Open):
    article: str
    headline: str | None = None
    outlet: str | None = None
    published: str | None = None
    language: str | None = None
    score: float | None = None
    evidence: str | None = None


class StoryDetail(StorySummary):
    members: list[StoryMember]
    statements: list[LinkOut] = Field(description="same_statement links between the story's articles")


class ActorSummary(Open):
    id: str
    name: str
    type: str
    country: str | None = None
    sector: str | None = None
    articles: int
    first_seen: str | None = None
    last_seen: str | None = None


class RoleOut(BaseModel):
    role: str
    date: str | None = None
    article: str


class ActorArticle(BaseModel):
    article: str
    entity: str
    mentions: int


class ActorDetail(ActorSummary):
    kb_id: str | None = None
    names: list[str]
    roles: list[RoleOut]
    in_articles: list[ActorArticle]


class Statement(BaseModel):
    """A quote with its article and its speaker's actor: what the speaker and search pages list."""

    article: str
    quote: str
    text: str
    kind: str | None = None
    speaker: str | None = None
    speaker_actor: str | None = None
    role: str | None = None
    date: str | None = None
    confidence: float | None = None
    outlet: str | None = None
    headline: str | None = None
    published: str | None = None
    language: str | None = None


class StoredEvent(BaseModel):
    """An event as the record has it (countries as lists), with the article it is in."""

    article: str
    id: str
    type: str
    mode: str | None = None
    context: str | None = None
    trigger: str | None = None
    source_country: list[str]
    target_country: list[str]
    date: str | None = None
    happening: str | None = None
    confidence: float | None = None


class ArticleHit(ArticleSummary):
    snippet: str


class SearchResult(BaseModel):
    query: str
    terms: list[str] = Field(description="the words searched for, each as a prefix")
    articles: list[ArticleHit]
    quotes: list[Statement]


T = TypeVar("T")


class Page(BaseModel, Generic[T]):
    """One page of a list: `next_offset` is null on the last page."""

    items: list[T]
    limit: int
    offset: int
    next_offset: int | None


class Problem(BaseModel):
    detail: str
