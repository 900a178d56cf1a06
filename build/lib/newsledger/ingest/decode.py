"""Bytes to text: byte-order marks, UTF-8, declared charsets, then charset-normalizer.

Korean news sites still serve EUC-KR/CP949, Windows tools write UTF-16 with a BOM, old pages are
Latin-1. We decode strictly wherever we can, so that a wrong guess shows up as an error rather
than as mojibake stored forever; a file that is UTF-8 with a few broken bytes is kept, with the
bytes replaced and a warning saying how many.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field

from charset_normalizer import from_bytes

# Signatures of common binary formats, so a PNG renamed `.txt` is named for what it is.
_MAGIC = [
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"GIF8", "GIF image"),
    (b"%PDF", "PDF document"),
    (b"PK\x03\x04", "ZIP archive (or Office document)"),
    (b"\x1f\x8b", "gzip archive"),
    (b"\x7fELF", "ELF executable"),
    (b"RIFF", "RIFF media file"),
    (b"BZh", "bzip2 archive"),
    (b"\xfd7zXZ\x00", "xz archive"),
    (b"SQLite format 3\x00", "SQLite database"),
]
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
# Supersets that decode everything their narrower names do (CP949 extends EUC-KR; sites that
# say euc-kr routinely serve CP949's extra syllables).
_SUPERSETS = {"euc_kr": "cp949", "euc-kr": "cp949", "ks_c_5601-1987": "cp949", "iso-8859-1": "cp1252",
              "latin-1": "cp1252", "latin_1": "cp1252", "ascii": "utf-8", "gb2312": "gb18030", "gbk": "gb18030"}
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
# A UTF-8 file with fewer broken bytes than this share is "broken UTF-8", not another encoding.
BROKEN_UTF8_MAX_SHARE = 0.02


class DecodeError(ValueError):
    """The bytes are not text we can read; the message says what they look like instead."""


@dataclass
class Decoded:
    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def sniff_binary(data: bytes) -> str | None:
    """Name the binary format of `data`, or None if it may be text."""
    for magic, name in _MAGIC:
        if data.startswith(magic):
            return name
    head = data[:8192]
    if any(head.startswith(bom) for bom, _ in _BOMS):
        return None
    if b"\x00" in head:
        return "binary data (NUL bytes)"
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    if head and controls / len(head) > 0.05:
        return "binary data (control bytes)"
    return None


def declared_charset(data: bytes) -> str | None:
    """The charset an HTML page declares in a <meta> tag within its first 4 KB."""
    match = _META_CHARSET.search(data[:4096])
    if not match:
        return None
    name = match.group(1).decode("ascii", "ignore").lower()
    try:
        return codecs.lookup(_SUPERSETS.get(name, name)).name
    except LookupError:
        return None


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode `data` to text, or raise DecodeError with a reason a person can act on."""
    if not data.strip():
        raise DecodeError("empty file")
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(name), name.replace("-sig", ""))
            except UnicodeDecodeError as exc:
                raise DecodeError(f"starts with a {name} byte-order mark but is not {name}: {exc}") from exc
    binary = sniff_binary(data)
    if binary:
        raise DecodeError(f"binary file ({binary}), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        pass
    if declared and declared != "utf-8":
        try:
            return Decoded(data.decode(declared), declared)
        except UnicodeDecodeError:
            pass
    replaced = data.decode("utf-8", errors="replace")
    broken = replaced.count("\ufffd")
    multibyte = sum(1 for ch in replaced if ord(ch) > 0x7F and ch != "\ufffd")
    # valid multi-byte sequences rarely occur by chance in other encodings: one says "UTF-8"
    if multibyte and broken / max(1, len(replaced)) < BROKEN_UTF8_MAX_SHARE:
        return Decoded(replaced, "utf-8", [f"broken UTF-8: {broken} invalid byte sequence(s) replaced by U+FFFD"])
    best = from_bytes(data).best()
    if best is None or best.encoding is None:
        raise DecodeError("not valid UTF-8 and no other text encoding fits")
    name = _SUPERSETS.get(best.encoding, best.encoding)
    try:
        text = data.decode(name)
    except UnicodeDecodeError:
        text = str(best)
        name = best.encoding
    return Decoded(text, codecs.lookup(name).name, [f"decoded as {codecs.lookup(name).name} (not UTF-8)"])
