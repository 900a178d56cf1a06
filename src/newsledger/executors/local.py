"""Executors on one machine: in this process, or in worker processes (one pipeline each).

Workers are started with `spawn`, not `fork`: the parent may hold threads (torch, rich's
progress bar) that a forked child would inherit half-locked. Each worker loads the models once,
in its initializer, and keeps them for every shard or batch it is given.
"""

from __future__ import annotations

import itertools
import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor, as_completed
from pathlib import Path

from newsledger.executors.archive import Archive, ShardReport
from newsledger.executors.shards import Shard
from newsledger.executors.work import Settings, run_shard
from newsledger.ingest.readers import Item
from newsledger.model import Article, Failure
from newsledger.pipeline import Pipeline

# Batches queued per worker ahead of the results being read: keeps both cores busy without
# reading a whole archive into memory.
QUEUED_PER_WORKER = 2

_worker: dict[str, object] = {}


def _start_worker(settings: Settings) -> None:
    _worker["settings"] = settings
    _worker["pipeline"] = settings.pipeline()


def _pipe_batch(items: list[Item]) -> list[Article | Failure]:
    pipeline = _worker["pipeline"]
    assert isinstance(pipeline, Pipeline)
    return list(pipeline.pipe(items))


def _shard_in_worker(shard: Shard, root: str) -> ShardReport:
    pipeline, settings = _worker["pipeline"], _worker["settings"]
    assert isinstance(pipeline, Pipeline) and isinstance(settings, Settings)
    return run_shard(shard, pipeline, Archive(root), settings)


def _pool(workers: int, settings: Settings) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn"),
                               initializer=_start_worker, initargs=(settings,))


def parallel_pipe(items: Iterable[Item], settings: Settings, workers: int) -> Iterator[Article | Failure]:
    """`Pipeline.pipe` over worker processes: batches of `settings.batch_size` items go out in
    turn and come back in input order, so the results are those of one process, in its order."""
    iterator = iter(items)
    with _pool(workers, settings) as pool:
        pending: deque[Future[list[Article | Failure]]] = deque()
        while batch := list(itertools.islice(iterator, settings.batch_size)):
            pending.append(pool.submit(_pipe_batch, batch))
            if len(pending) >= workers * QUEUED_PER_WORKER:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()


class LocalExecutor:
    """Shards in this process (`workers=1`) or spread over worker processes."""

    name = "local"

    def __init__(self, workers: int = 1) -> None:
        self.workers = workers

    def run(self, shards: list[Shard], archive: Archive, settings: Settings) -> Iterator[ShardReport]:
        """Reports as shards finish (in any order)."""
        if not shards:
            return
        if self.workers == 1:
            pipeline = settings.pipeline()
            for shard in shards:
                yield run_shard(shard, pipeline, archive, settings)
            return
        root = str(Path(archive.root).resolve())
        with _pool(min(self.workers, len(shards)), settings) as pool:
            futures = {pool.submit(_shard_in_worker, shard, root): shard for shard in shards}
            for future in as_completed(futures):
                shard = futures[future]
                try:
                    yield future.result()
                except Exception as exc:  # noqa: BLE001 - a worker that died takes only its shard
                    yield ShardReport(shard=shard.id, label=shard.label(), error=f"worker failed: {exc}")
