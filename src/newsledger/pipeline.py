"""Stages and the pipeline that composes them.

A stage is a function of a `Document` (it reads and fills `doc.article`) registered under a name,
as spaCy registers pipeline components: later stages (quotes, actors, time, events) plug in with
`@stage("name")` and an entry in `DEFAULT_STAGES`, never by editing a central if-chain. A stage
object may also offer `pipe(docs)` to work on a batch at once (the NLP stage batches spaCy);
the pipeline uses it when present.

A stage that raises turns that one document into a `Failure` with the stage's name and the
error, and the run goes on with the next document: one bad article never stops an archive.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

from newsledger.model import Article, Failure, RawItem


@dataclass
class Document:
    """The working state of one article as it moves through the stages.

    `article` is what gets written out; `text` is the raw text the cleaner works on; the
    `annotations` dict carries in-memory results (a spaCy Doc, HTML metadata) that later
    stages read but the record does not contain.
    """

    item: RawItem
    article: Article
    text: str = ""
    annotations: dict[str, Any] = field(default_factory=dict)


class Stage(Protocol):
    def __call__(self, doc: Document) -> Document: ...


StageFactory = Callable[..., Stage]
_REGISTRY: dict[str, StageFactory] = {}

# The order in which `extract` runs the registered stages; each name must be registered.
DEFAULT_STAGES = ["html", "language", "clean", "identify", "time", "nlp", "actors", "quotes", "events"]
# The analysis stages, beyond reading and cleaning; `Pipeline(nlp=False)` leaves them out, for
# clean records as fast as they come (`extract --no-nlp`).
NLP_STAGES = {"time", "nlp", "actors", "quotes", "events"}


def stage(name: str) -> Callable[[StageFactory], StageFactory]:
    """Register a stage factory under `name` (a factory takes keyword config, returns a stage)."""

    def register(factory: StageFactory) -> StageFactory:
        _REGISTRY[name] = factory
        return factory

    return register


def registered_stages() -> list[str]:
    _load_builtin_stages()
    return sorted(_REGISTRY)


def _load_builtin_stages() -> None:
    """Import the modules whose import registers the built-in stages."""
    from newsledger import clean, ingest, nlp, time  # noqa: F401
    from newsledger.actors import stage as actors_stage  # noqa: F401
    from newsledger.events import stage as events_stage  # noqa: F401
    from newsledger.quotes import stage as quotes_stage  # noqa: F401


class StageError(Exception):
    """Raised by a stage for a document it cannot handle; the message is the reason reported."""


def new_document(item: RawItem) -> Document:
    article = Article(id="", source=item.source, warnings=list(item.warnings))
    return Document(item=item, article=article, text=item.text or "")


class Pipeline:
    """Runs the named stages over raw items and yields articles or failures, in input order."""

    def __init__(
        self,
        stages: Iterable[str] | None = None,
        *,
        nlp: bool = True,
        config: dict[str, dict[str, Any]] | None = None,
        batch_size: int = 32,
    ) -> None:
        _load_builtin_stages()
        names = list(stages) if stages is not None else list(DEFAULT_STAGES)
        if not nlp:
            names = [n for n in names if n not in NLP_STAGES]
        unknown = [n for n in names if n not in _REGISTRY]
        if unknown:
            raise ValueError(f"unknown stage(s) {unknown}; registered: {sorted(_REGISTRY)}")
        config = config or {}
        self.names = names
        self.stages: list[Stage] = [_REGISTRY[n](**config.get(n, {})) for n in names]
        self.batch_size = batch_size

    def __call__(self, item: RawItem) -> Article | Failure:
        return next(iter(self.pipe([item])))

    def pipe(self, items: Iterable[RawItem | Failure]) -> Iterator[Article | Failure]:
        """Process items in batches; failures from reading pass through in their place."""
        iterator = iter(items)
        while batch := list(itertools.islice(iterator, self.batch_size)):
            yield from self._run_batch(batch)

    def _run_batch(self, batch: list[RawItem | Failure]) -> list[Article | Failure]:
        results: list[Document | Failure] = [
            x if isinstance(x, Failure) else new_document(x) for x in batch
        ]
        for name, stage_fn in zip(self.names, self.stages, strict=True):
            live = [i for i, r in enumerate(results) if isinstance(r, Document)]
            docs = [results[i] for i in live]
            for i, out in zip(live, self._apply(name, stage_fn, docs), strict=True):
                results[i] = out
        return [r.article if isinstance(r, Document) else r for r in results]

    @staticmethod
    def _apply(name: str, stage_fn: Stage, docs: list[Document]) -> list[Document | Failure]:
        batch_fn = getattr(stage_fn, "pipe", None)
        if batch_fn is not None and docs:
            try:
                return list(batch_fn(docs))
            except Exception:  # noqa: BLE001 - retry one by one to isolate the bad document
                pass
        out: list[Document | Failure] = []
        for doc in docs:
            try:
                out.append(stage_fn(doc))
            except StageError as exc:
                out.append(Failure(doc.item.source, str(exc)))
            except Exception as exc:  # noqa: BLE001 - one bad article must not stop the run
                out.append(Failure(doc.item.source, f"{name} stage failed: {type(exc).__name__}: {exc}"))
        return out
