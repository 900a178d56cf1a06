"""The Python API: `extract` (records, no store) and `Ledger` (a store you ingest into and read).

The CLI is a thin layer over these; notebooks and other tools use them directly:

    from newsledger import Ledger, extract
    for article in extract(["examples/"]):
        print(article.headline)
    with Ledger("newsledger.db") as ledger:
        report = ledger.ingest(["examples/"])
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsledger.executors import Archive, Settings, parallel_pipe
from newsledger.ingest import DEFAULT_MAX_BYTES, read_inputs
from newsledger.link import Linker, LinkSummary
from newsledger.model import Article, Failure, RawItem, Source
from newsledger.pipeline import Pipeline
from newsledger.store import Store, open_store, write_rows_parquet

Progress = Callable[[int], None]


def make_pipeline(nlp: bool = True, rules: Iterable[str | Path] = (), batch_size: int = 32) -> Pipeline:
    return Settings(nlp=nlp, rules=tuple(str(r) for r in rules), batch_size=batch_size).pipeline()


def extract(inputs: Iterable[str | Path], *, nlp: bool = True, rules: Iterable[str | Path] = (),
            max_bytes: int = DEFAULT_MAX_BYTES, pipeline: Pipeline | None = None,
            workers: int = 1) -> Iterator[Article | Failure]:
    """Articles (or Failures, in their place) from files, folders or `-` (JSONL on stdin).

    With `workers` > 1 the pipeline runs in that many processes; the results are the same, in
    the same order. (For archives, resumable and on Ray: `newsledger.executors.extract_archive`.)"""
    settings = Settings(nlp=nlp, rules=tuple(str(r) for r in rules), max_bytes=max_bytes)
    items = read_inputs(inputs, max_bytes=max_bytes)
    if workers > 1:
        yield from parallel_pipe(items, settings, workers)
        return
    yield from (pipeline or settings.pipeline()).pipe(items)


def extract_text(text: str | None = None, *, html: str | None = None, nlp: bool = True,
                 **meta: str) -> Article | Failure:
    """One article from a string of text or HTML, with optional `id`, `url`, `published`, …"""
    item = RawItem(Source(url=meta.get("url")), text=text, html=html,
                   meta={k: str(v) for k, v in meta.items() if v})
    return make_pipeline(nlp=nlp)(item)


@dataclass
class IngestReport:
    """What an ingest did: the summary every run ends with."""

    run_id: str
    read: int = 0
    stored: int = 0
    duplicates: list[str] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


class Ledger:
    """A store of articles plus the pipeline that fills it."""

    def __init__(self, db: str | Path | None = None, *, nlp: bool = True, rules: Iterable[str | Path] = (),
                 max_bytes: int = DEFAULT_MAX_BYTES, batch_size: int = 32, link: bool = True,
                 workers: int = 1) -> None:
        self.store: Store = open_store(db)
        # linking needs what the NLP stages find (speakers, actors, events)
        self.linker: Linker | None = Linker(self.store) if link and nlp else None
        self.settings = Settings(nlp=nlp, rules=tuple(str(r) for r in rules), batch_size=batch_size,
                                 max_bytes=max_bytes)
        self.workers = workers
        self._pipeline: Pipeline | None = None
        self.links_summary = LinkSummary()

    @property
    def pipeline(self) -> Pipeline:
        if self._pipeline is None:
            self._pipeline = self.settings.pipeline()
        return self._pipeline

    def __enter__(self) -> Ledger:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.store.close()

    def ingest(self, inputs: Iterable[str | Path], on_progress: Progress | None = None) -> IngestReport:
        """Read, clean and store; each batch is one transaction, so a crash loses no committed batch.

        With `workers` > 1 the pipeline runs in worker processes while this one stores and links
        (one writer, in input order: the store ends up as a one-process ingest leaves it)."""
        items = read_inputs(inputs, max_bytes=self.settings.max_bytes)
        results = (parallel_pipe(items, self.settings, self.workers) if self.workers > 1
                   else self.pipeline.pipe(items))
        return self._store_all(results, on_progress)

    def store_records(self, records: Iterable[dict[str, Any]], on_progress: Progress | None = None) -> IngestReport:
        """Store (and link) records extracted elsewhere: an archive's, or JSONL from `extract`."""
        return self._store_all((Article.from_dict(r) for r in records), on_progress)

    def _store_all(self, results: Iterable[Article | Failure], on_progress: Progress | None) -> IngestReport:
        report = IngestReport(run_id=self.store.start_run())
        batch: list[Article | Failure] = []
        for result in results:
            batch.append(result)
            if len(batch) >= self.settings.batch_size:
                self._commit(report, batch, on_progress)
                batch = []
        if batch:
            self._commit(report, batch, on_progress)
        return report

    def _commit(self, report: IngestReport, batch: list[Article | Failure], on_progress: Progress | None) -> None:
        articles = [r for r in batch if isinstance(r, Article)]
        failures = [r for r in batch if isinstance(r, Failure)]
        stored = self.store.write_batch(report.run_id, articles, failures, read=len(batch),
                                        then=self._link if self.linker else None)
        report.read += len(batch)
        report.stored += sum(stored)
        report.duplicates += [a.source.label() + f" (id {a.id})" for a, new in zip(articles, stored, strict=True)
                              if not new]
        report.failures += failures
        if on_progress:
            on_progress(len(batch))

    def _link(self, articles: list[Article]) -> None:
        assert self.linker is not None
        self.links_summary.add(self.linker.link(articles))

    def link(self, rebuild: bool = False, on_progress: Progress | None = None) -> LinkSummary:
        """Link stored articles not linked yet; `rebuild` forgets all links and links everything again."""
        linker = self.linker or Linker(self.store)
        return linker.rebuild(on_progress) if rebuild else linker.link_pending(on_progress)

    def get(self, article_id: str) -> Article | None:
        return self.store.get(article_id)

    def articles(self, **filters: Any) -> list[dict[str, Any]]:
        return self.store.list_articles(**filters)

    def records(self) -> Iterator[dict[str, Any]]:
        return self.store.records()

    def actors(self, **filters: Any) -> list[dict[str, Any]]:
        """Actors by how many articles name them; filter by `type_`, `country` or `name`."""
        return self.store.actors(**filters)

    def actor(self, actor_id: str) -> dict[str, Any] | None:
        """One actor: every name it was given, its roles by date, the articles that name it."""
        return self.store.actor(actor_id)


def link_archive(root: str | Path, db: str | Path | None = None,
                 on_progress: Progress | None = None) -> tuple[IngestReport, LinkSummary]:
    """The linking pass over an archive: its records into a store (`root/ledger.db` unless `db`
    names one), a month at a time in publication order, linked as they go in; then the links and
    stories as `root/links.parquet` and `root/stories.parquet`. Run again after more shards were
    extracted, it stores and links only the new records."""
    root = Path(root)
    with Ledger(db or root / "ledger.db") as ledger:
        report = ledger.store_records(Archive(root).records(), on_progress)
        write_rows_parquet(ledger.store.iter_links(), str(root / "links.parquet"))
        write_rows_parquet(ledger.store.story_memberships(), str(root / "stories.parquet"))
        return report, ledger.links_summary
