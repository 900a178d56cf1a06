"""The Ray executor: the same shard work as Ray Data `map_batches` over an actor pool.

Each actor builds the pipeline (loads spaCy and kiwi) once, in its constructor, and is then
given shards one at a time; it writes the shard's files into the archive itself and returns only
the shard's report, so records never travel through Ray's object store. On a cluster every
worker must see the output folder at the same path (a shared file system) and have newsledger
installed. Without an address, Ray starts in local mode on this machine with `workers` CPUs.
"""

from __future__ import annotations

import logging
import warnings
from collections.abc import Iterator
from dataclasses import asdict
from pathlib import Path
from typing import Any

from newsledger.executors.archive import Archive, ShardReport
from newsledger.executors.shards import Shard
from newsledger.executors.work import Settings, run_shard


class ShardActor:
    """A Ray actor holding one pipeline; called with a batch of shards (as JSON)."""

    def __init__(self, settings: dict[str, Any], root: str) -> None:
        self.settings = Settings(**{**settings, "rules": tuple(settings["rules"])})
        self.pipeline = self.settings.pipeline()
        self.archive = Archive(root)

    def __call__(self, batch: dict[str, Any]) -> dict[str, list[str]]:
        reports = [run_shard(Shard.from_json(str(text)), self.pipeline, self.archive, self.settings).to_json()
                   for text in batch["shard"]]
        return {"report": reports}


class RayExecutor:
    """Shards over a pool of `workers` Ray actors, in local mode or on the cluster at `address`
    (`ray://head:10001`, `auto`, or the address of `ray start --head`)."""

    name = "ray"

    def __init__(self, workers: int = 2, address: str | None = None) -> None:
        self.workers = workers
        self.address = address

    def _start(self) -> bool:
        """Connect to Ray (or start it locally); True when this call started it."""
        import ray

        if ray.is_initialized():
            return False
        quiet = {"log_to_driver": False, "logging_level": logging.WARNING}
        if self.address:
            ray.init(address=self.address, **quiet)
        else:
            ray.init(num_cpus=self.workers, include_dashboard=False, **quiet)
        return True

    def run(self, shards: list[Shard], archive: Archive, settings: Settings) -> Iterator[ShardReport]:
        """Reports as shards finish; shards are handed out one per actor call."""
        if not shards:
            return
        import ray
        import ray.data

        started = self._start()
        try:
            logging.getLogger("ray.data").setLevel(logging.ERROR)  # (ours is the progress shown)
            context = ray.data.DataContext.get_current()
            context.enable_progress_bars = False
            # a shard is a few bytes naming files every actor reads itself: placing it near an
            # actor holding it gains nothing, and the tracker behind it is one more process. Ray
            # 2.60 deprecates the option ("Ray Data manages actor locality internally") but still
            # obeys it; the warning would only reach users of the CLI.
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                context.execution_options.actor_locality_enabled = False
            dataset = ray.data.from_items([{"shard": shard.to_json()} for shard in shards],
                                          override_num_blocks=len(shards))
            reports = dataset.map_batches(
                ShardActor, batch_size=1, batch_format="numpy", num_cpus=1,
                # one shard at a time per actor: a free actor takes the next shard, so shards of
                # unequal length do not leave one actor with a queue while the other idles
                compute=ray.data.ActorPoolStrategy(size=min(self.workers, len(shards)),
                                                   max_tasks_in_flight_per_actor=1),
                fn_constructor_kwargs={"settings": asdict(settings),
                                       "root": str(Path(archive.root).resolve())})
            reported: set[str] = set()
            try:
                for row in reports.iter_rows():
                    report = ShardReport.from_json(row["report"])
                    reported.add(report.shard)
                    yield report
            except Exception as exc:  # noqa: BLE001 - e.g. an actor killed for memory, retried and lost
                for shard in shards:
                    if shard.id not in reported:
                        yield ShardReport(shard=shard.id, label=shard.label(), error=f"Ray job failed: {exc}")
        finally:
            if started:
                ray.shutdown()
