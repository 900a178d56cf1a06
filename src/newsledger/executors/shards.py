"""Shards: the units of work of a large extraction, each of which finishes or is redone whole.

A WARC file is one shard; a JSONL file is cut into shards of `lines_per_shard` lines (read as
slices of the file, numbered as in the whole file); loose .txt/.html files are grouped
`files_per_shard` at a time. A shard's id hashes its files (path, size, modification time), its
slice and the settings, so a re-run recognises the shards it already finished and redoes a shard
whose files or settings changed.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsledger.ingest.readers import (
    DEFAULT_MAX_BYTES,
    JSONL_SUFFIXES,
    WARC_SUFFIXES,
    Item,
    jsonl_slices,
    read_file,
    suffix_of,
    walk_folder,
)
from newsledger.model import Failure, Source

# Defaults chosen so a shard takes about a minute on one core: enough work to hide a worker's
# start, small enough that a redone shard costs little.
FILES_PER_SHARD = 500
LINES_PER_SHARD = 1000


@dataclass(frozen=True)
class Shard:
    """Some input files, or a slice of lines of one JSONL file (`lines` = [start, stop), 1-based)."""

    files: tuple[str, ...]
    lines: tuple[int, int] | None = None
    offset: int = 0  # where the first of `lines` starts in the file, in bytes
    id: str = field(default="", compare=False)
    size: int = field(default=0, compare=False)  # bytes of input it covers (unpacked for a JSONL slice)

    def items(self, max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
        if self.lines is not None:
            yield from read_file(Path(self.files[0]), max_bytes, range(*self.lines), self.offset)
            return
        for name in self.files:
            yield from read_file(Path(name), max_bytes)

    def label(self) -> str:
        if self.lines is not None:
            return f"{self.files[0]} lines {self.lines[0]}-{self.lines[1] - 1}"
        return self.files[0] if len(self.files) == 1 else f"{len(self.files)} files from {self.files[0]}"

    def to_json(self) -> str:
        return json.dumps({"files": self.files, "lines": self.lines, "offset": self.offset, "id": self.id,
                           "size": self.size})

    @classmethod
    def from_json(cls, text: str) -> Shard:
        data: dict[str, Any] = json.loads(text)
        return cls(tuple(data["files"]), tuple(data["lines"]) if data["lines"] else None, data["offset"], data["id"],
                   data["size"])


def _with_id(shard: Shard, salt: str) -> Shard:
    """The shard with its id and, unless a slice's is known already, its size (its files')."""
    digest = hashlib.sha1(salt.encode())
    size = 0
    for name in shard.files:
        stat = Path(name).stat()
        digest.update(f"\0{name}\0{stat.st_size}\0{stat.st_mtime_ns}".encode())
        size += stat.st_size
    digest.update(repr(shard.lines).encode())
    return Shard(shard.files, shard.lines, shard.offset, digest.hexdigest()[:16], shard.size or size)


def plan_shards(inputs: Iterable[str | Path], *, salt: str = "", files_per_shard: int = FILES_PER_SHARD,
                lines_per_shard: int = LINES_PER_SHARD) -> tuple[list[Shard], list[Failure]]:
    """The shards of the inputs in input order, and the inputs that cannot be read at all."""
    shards: list[Shard] = []
    failures: list[Failure] = []
    loose: list[str] = []

    def flush_loose() -> None:
        for at in range(0, len(loose), files_per_shard):
            shards.append(Shard(tuple(loose[at:at + files_per_shard])))
        loose.clear()

    for spec in inputs:
        path = Path(spec)
        if str(spec) == "-":
            failures.append(Failure(Source(path=None), "standard input cannot be cut into shards: give files"))
            continue
        found: Iterable[Path | Failure] = walk_folder(path) if path.is_dir() else [path]
        for item in found:
            if isinstance(item, Failure):
                failures.append(item)
            elif not item.exists():
                failures.append(Failure(Source(path=str(item)), "no such file or folder"))
            elif suffix_of(item) in WARC_SUFFIXES:
                flush_loose()
                shards.append(Shard((str(item),)))
            elif suffix_of(item) in JSONL_SUFFIXES:
                flush_loose()
                shards += [Shard((str(item),), (first, stop), offset, size=length)
                           for first, stop, offset, length in jsonl_slices(item, lines_per_shard)
                           ] or [Shard((str(item),))]
            else:
                loose.append(str(item))
        flush_loose()
    return [_with_id(s, salt) for s in shards], failures
