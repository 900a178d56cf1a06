"""The work one worker does, the same under every executor: a shard in, its records out."""

from __future__ import annotations

import hashlib
import os
import resource
import socket
import time
from dataclasses import dataclass
from pathlib import Path

from newsledger.executors.archive import Archive, ShardReport
from newsledger.executors.shards import Shard
from newsledger.ingest.readers import DEFAULT_MAX_BYTES
from newsledger.model import Article
from newsledger.pipeline import Pipeline


@dataclass(frozen=True)
class Settings:
    """What a worker needs to build its pipeline and write its output; plain values, so it
    pickles to a process or a Ray actor."""

    nlp: bool = True
    rules: tuple[str, ...] = ()
    batch_size: int = 32
    max_bytes: int = DEFAULT_MAX_BYTES
    jsonl: bool = False

    def pipeline(self) -> Pipeline:
        return Pipeline(nlp=self.nlp, config={"clean": {"extra_rules": tuple(Path(r) for r in self.rules)}},
                        batch_size=self.batch_size)

    def fingerprint(self) -> str:
        """What changes the records (not `jsonl`, not the batch size): part of every shard id."""
        digest = hashlib.sha1(f"nlp={self.nlp};max={self.max_bytes}".encode())
        for rule in self.rules:
            digest.update(Path(rule).read_bytes())
        return digest.hexdigest()[:12]


def peak_rss_mib() -> float:
    """This process's peak resident memory so far. On Linux from VmHWM: getrusage's maxrss of a
    worker started by fork-and-exec still counts the parent's peak from before the exec."""
    try:
        status = Path("/proc/self/status").read_text(encoding="ascii")
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:")) / 1024


def run_shard(shard: Shard, pipeline: Pipeline, archive: Archive, settings: Settings) -> ShardReport:
    """Extract one shard into the archive. Failing records are written as failures; a shard that
    breaks down (a disk error, a bug) is reported with its error and left unfinished, to redo."""
    report = ShardReport(shard=shard.id, label=shard.label(), worker=f"{socket.gethostname()}:{os.getpid()}")
    start = time.perf_counter()
    writer = archive.open_shard(shard.id, settings.jsonl)
    try:
        for result in pipeline.pipe(shard.items(settings.max_bytes)):
            report.read += 1
            if isinstance(result, Article):
                writer.add(result)
                report.written += 1
            else:
                writer.fail(result)
                report.failed += 1
        writer.commit()
    except Exception as exc:  # noqa: BLE001 - one broken shard must not stop the job
        writer.discard()
        report.error = f"{type(exc).__name__}: {exc}"
    report.seconds = round(time.perf_counter() - start, 3)
    report.peak_rss_mib = round(peak_rss_mib(), 1)
    if report.error is None:
        archive.finish(report)
    return report
