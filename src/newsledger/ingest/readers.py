"""Readers: files, folders, JSONL, WARC and standard input to `RawItem`s, or `Failure`s.

This is the input edge of the pipeline. Every reader yields, in order, either a RawItem or a
Failure that names the file (and line or record) and the reason; nothing raises out of here, so
one unreadable file never stops a run.
"""

from __future__ import annotations

import gzip
import json
import os
import sys
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from newsledger.ingest.decode import DecodeError, declared_charset, decode_bytes
from newsledger.model import Failure, RawItem, Source

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
WARC_SUFFIXES = {".warc", ".warc.gz"}
# Metadata a JSONL line may carry; whatever it gives wins over what is guessed from the text.
META_KEYS = ("id", "url", "published", "outlet", "language")
# One article is never this large; bigger files are reported, not loaded into memory.
MIB = 1024 * 1024
DEFAULT_MAX_BYTES = 10 * MIB

Item = RawItem | Failure


def suffix_of(path: Path) -> str:
    """The suffix that says how to read `path`: `.warc.gz` as such, `.html.gz` as `.html`."""
    name = path.name.lower()
    if name.endswith(".warc.gz"):
        return ".warc.gz"
    if name.endswith(".gz"):
        return Path(name[:-3]).suffix
    return path.suffix.lower()


def is_supported(path: Path) -> bool:
    return suffix_of(path) in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES


def _is_gzip(path: Path) -> bool:
    return path.name.lower().endswith(".gz") and suffix_of(path) != ".warc.gz"


def jsonl_slices(path: Path, size: int) -> list[tuple[int, int, int, int]]:
    """A (possibly gzipped) JSONL file cut every `size` lines: (first line, the line after the
    last, byte offset of the first line, bytes in the slice), so that a slice's reader seeks
    instead of reading past every line before it (which made reading all slices quadratic in the
    file's length), and executors can hand out the largest slices first."""
    slices: list[tuple[int, int]] = []
    offset = number = 0
    with (gzip.open(path, "rb") if _is_gzip(path) else path.open("rb")) as stream:
        for number, line in enumerate(stream, start=1):
            if (number - 1) % size == 0:
                slices.append((number, offset))
            offset += len(line)
    ends = [at for _, at in slices[1:]] + [offset]
    return [(first, min(first + size, number + 1), at, end - at) for (first, at), end in zip(slices, ends, strict=True)]


def _read_bounded(path: Path, max_bytes: int) -> bytes | None:
    """The file's bytes (gunzipped for .gz), or None when they exceed `max_bytes`."""
    if not _is_gzip(path):
        return None if path.stat().st_size > max_bytes else path.read_bytes()
    with gzip.open(path, "rb") as stream:
        data = stream.read(max_bytes + 1)
    return None if len(data) > max_bytes else data


def read_inputs(inputs: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES) -> Iterator[Item]:
    """Yield items from each input: a file, a folder (walked in name order) or `-` for stdin."""
    for spec in inputs:
        if str(spec) == "-":
            yield from read_jsonl_stream(sys.stdin.buffer, Source(path=None), max_bytes)
            continue
        path = Path(spec)
        if path.is_dir():
            yield from _read_folder(path, max_bytes)
        elif path.exists():
            yield from read_file(path, max_bytes)
        else:
            yield Failure(Source(path=str(path)), "no such file or folder")


def _read_folder(folder: Path, max_bytes: int) -> Iterator[Item]:
    """Walk a folder; files of other types (README.md, images) are passed over silently."""
    for found in walk_folder(folder):
        yield from read_file(found, max_bytes) if isinstance(found, Path) else [found]


def walk_folder(folder: Path) -> Iterator[Path | Failure]:
    """The readable files of a folder in name order (subfolders too, hidden ones left out), or
    a Failure for a folder that cannot be listed. The shard planner walks folders with it too, so
    a file has the same path, hence the same records, whichever way it is read."""
    def on_error(exc: OSError) -> None:
        failures.append(Failure(Source(path=str(exc.filename)), f"cannot read folder: {exc.strerror}"))

    failures: list[Failure] = []
    for root, dirs, files in os.walk(folder, onerror=on_error):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        yield from failures
        failures.clear()
        for name in sorted(files):
            path = Path(root) / name
            if not name.startswith(".") and is_supported(path):
                yield path
    yield from failures


def read_file(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, lines: range | None = None,
              offset: int = 0) -> Iterator[Item]:
    """The items of one file; `lines` reads only those lines of a JSONL file (a shard of it), the
    first of which starts `offset` bytes in (see jsonl_slices)."""
    suffix = suffix_of(path)
    source = Source(path=str(path))
    if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | WARC_SUFFIXES:
        yield Failure(source, f"unsupported file type {suffix or '(none)'}: use .txt, .html, .jsonl or .warc")
        return
    try:
        if suffix in JSONL_SUFFIXES:
            with (gzip.open(path, "rb") if _is_gzip(path) else path.open("rb")) as stream:
                stream.seek(offset)
                yield from read_jsonl_stream(stream, source, max_bytes, lines)
            return
        if suffix in WARC_SUFFIXES:
            yield from read_warc(path)
            return
        data = _read_bounded(path, max_bytes)
    except (OSError, EOFError, zlib.error) as exc:
        yield Failure(source, f"cannot read file: {getattr(exc, 'strerror', None) or exc}")
        return
    if data is None:
        yield Failure(source, f"file too large for one article (over {max_bytes / MIB:.1f} MiB)")
        return
    yield decode_item(data, source, html=suffix in HTML_SUFFIXES)


def decode_item(data: bytes, source: Source, *, html: bool, meta: dict[str, str] | None = None) -> Item:
    """Turn the bytes of one text or HTML document into a RawItem (or say why not)."""
    try:
        decoded = decode_bytes(data, declared_charset(data) if html else None)
    except DecodeError as exc:
        return Failure(source, str(exc))
    if html:
        return RawItem(source, html=decoded.text, meta=meta or {}, warnings=decoded.warnings)
    return RawItem(source, text=decoded.text, meta=meta or {}, warnings=decoded.warnings)


def read_jsonl_stream(stream: BinaryIO, source: Source, max_bytes: int = DEFAULT_MAX_BYTES,
                      lines: range | None = None) -> Iterator[Item]:
    """One JSON object per line with `text` or `html`; bad lines are reported with their number.

    With `lines` (1-based numbers) the stream stands at the first of them (read_file seeks there)
    and only those are read, numbered as in the whole file, so a slice of a file yields the very
    items the whole file yields there."""
    for number, raw in enumerate(stream, start=lines.start if lines is not None else 1):
        if lines is not None and number >= lines.stop:
            break
        where = Source(path=source.path, line=number)
        if not raw.strip():
            continue
        if len(raw) > max_bytes:
            yield Failure(where, f"line too large for one article ({len(raw) / MIB:.1f} MiB)")
            continue
        try:
            obj = json.loads(raw.decode("utf-8"))
        except UnicodeDecodeError as exc:
            yield Failure(where, f"line is not UTF-8: {exc.reason} at byte {exc.start}")
            continue
        except json.JSONDecodeError as exc:
            yield Failure(where, f"line is not JSON: {exc.msg} at column {exc.colno}")
            continue
        yield item_from_object(obj, where)


def item_from_object(obj: object, where: Source) -> Item:
    """Validate one JSONL object and split it into content and input metadata."""
    if not isinstance(obj, dict):
        return Failure(where, f"line is JSON but not an object (got {type(obj).__name__})")
    text, html = obj.get("text"), obj.get("html")
    if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
        return Failure(where, "object has no non-empty 'text' or 'html' field")
    meta = {k: str(obj[k]) for k in META_KEYS if obj.get(k) not in (None, "")}
    where.url = meta.get("url")
    if isinstance(text, str) and text.strip():
        return RawItem(where, text=text, meta=meta)
    return RawItem(where, html=html, meta=meta)


def read_warc(path: Path) -> Iterator[Item]:
    """HTML responses of a WARC file; other response records are reported as skipped."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    source = Source(path=str(path))
    seen = 0
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            for record in records:
                if record.rec_type not in ("response", "resource"):
                    continue
                seen += 1
                url = record.rec_headers.get_header("WARC-Target-URI")
                ctype = (record.http_headers.get_header("Content-Type") if record.http_headers
                         else record.rec_headers.get_header("Content-Type")) or ""
                status = record.http_headers.get_statuscode() if record.http_headers else "200"
                data = record.content_stream().read() if "html" in ctype.lower() else b""
                # (the offset is only known once the record's content has been consumed)
                where = Source(path=str(path), url=url, offset=records.get_record_offset())
                if "html" not in ctype.lower():
                    yield Failure(where, f"WARC record is not HTML (Content-Type {ctype or 'missing'})")
                elif status and not str(status).startswith("2"):
                    yield Failure(where, f"WARC response has HTTP status {status}")
                else:
                    yield decode_item(data, where, html=True, meta={"url": url} if url else {})
    except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
        yield Failure(source, f"not a readable WARC file after {seen} record(s): {exc}")
