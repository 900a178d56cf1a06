"""Executors: the per-article pipeline over many inputs, in this process, in worker processes
or on Ray, writing a resumable archive (see `archive`).

As in datatrove, the work (a shard in, its records out: `work.run_shard`) is the same whatever
runs it; an executor only decides where shards run. A re-run skips the shards already finished.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from newsledger.executors.archive import Archive, ShardReport
from newsledger.executors.local import LocalExecutor, parallel_pipe
from newsledger.executors.shards import FILES_PER_SHARD, LINES_PER_SHARD, Shard, plan_shards
from newsledger.executors.work import Settings
from newsledger.model import Failure

ENGINES = ("local", "ray")


class Executor(Protocol):
    name: str

    def run(self, shards: list[Shard], archive: Archive, settings: Settings) -> Iterator[ShardReport]: ...


def make_executor(engine: str, workers: int = 1, address: str | None = None) -> Executor:
    if engine == "ray":
        from newsledger.executors.ray_executor import RayExecutor

        return RayExecutor(workers, address)
    if engine == "local":
        return LocalExecutor(workers)
    raise ValueError(f"unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")


@dataclass
class ArchiveReport:
    """What an extraction into an archive did, over all its shards."""

    shards: int = 0
    skipped: int = 0
    reports: list[ShardReport] = field(default_factory=list)
    unreadable: list[Failure] = field(default_factory=list)

    @property
    def broken(self) -> list[ShardReport]:
        return [r for r in self.reports if r.error]

    @property
    def read(self) -> int:
        return sum(r.read for r in self.reports) + len(self.unreadable)

    @property
    def written(self) -> int:
        return sum(r.written for r in self.reports)

    @property
    def failed(self) -> int:
        return sum(r.failed for r in self.reports) + len(self.unreadable)

    @property
    def ok(self) -> bool:
        return not (self.failed or self.broken)


def extract_archive(inputs: Iterable[str | Path], root: str | Path, executor: Executor, settings: Settings, *,
                    files_per_shard: int = FILES_PER_SHARD, lines_per_shard: int = LINES_PER_SHARD,
                    on_shard: Callable[[ShardReport], None] | None = None) -> ArchiveReport:
    """Extract the inputs into the archive at `root`, skipping shards a previous run finished."""
    archive = Archive(root)
    shards, unreadable = plan_shards(inputs, salt=settings.fingerprint(), files_per_shard=files_per_shard,
                                     lines_per_shard=lines_per_shard)
    report = ArchiveReport(shards=len(shards), unreadable=unreadable)
    # the largest first: the last shards handed out are then the shortest, so workers finish
    # together instead of one running a long shard alone at the end
    todo = sorted((s for s in shards if archive.finished(s.id) is None), key=lambda s: -s.size)
    report.skipped = len(shards) - len(todo)
    for shard_report in executor.run(todo, archive, settings):
        report.reports.append(shard_report)
        if on_shard:
            on_shard(shard_report)
    return report


__all__ = ["ENGINES", "Archive", "ArchiveReport", "Executor", "LocalExecutor", "Settings", "Shard", "ShardReport",
           "extract_archive", "make_executor", "parallel_pipe", "plan_shards"]
