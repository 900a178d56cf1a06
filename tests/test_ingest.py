"""Readers and decoding: every bad input is reported with where and why, and the run goes on."""

from __future__ import annotations

import gzip
import io
import json
import os
import sys
from pathlib import Path

import pytest

from newsledger.ingest import read_inputs
from newsledger.ingest.decode import DecodeError, decode_bytes
from newsledger.model import Failure, RawItem

from .conftest import KOREAN_SCRAPED

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
STORY = "SEOUL -- The two leaders met in Seoul on Friday and agreed to resume talks, officials said.\n"


def items(*inputs):
    return list(read_inputs([str(i) for i in inputs]))


def test_euc_kr_file_is_decoded(write):
    path = write("kr.txt", KOREAN_SCRAPED, encoding="euc-kr")
    [item] = items(path)
    assert isinstance(item, RawItem)
    assert "북한이 10일 오전 동해상으로" in item.text
    assert any("cp949" in w for w in item.warnings)


def test_cp949_only_syllables_decode(write):
    # 똠 and 햏 exist in CP949 but not in EUC-KR proper: sites that say euc-kr send them anyway
    text = "똠방각하 햏자 논란에 대해 외교부 대변인이 10일 브리핑에서 입장을 밝혔다. " * 5
    [item] = items(write("cp.txt", text, encoding="cp949"))
    assert "똠방각하" in item.text


def test_euc_kr_html_with_meta_charset(write):
    html = ('<html><head><meta charset="euc-kr"><title>북한 미사일</title></head><body><article><p>'
            + "북한이 10일 동해상으로 탄도미사일을 발사했다고 합동참모본부가 밝혔다. " * 6
            + "</p></article></body></html>")
    [item] = items(write("kr.html", html, encoding="euc-kr"))
    assert "합동참모본부" in item.html


def test_utf16_with_bom_and_latin1(write):
    [utf16] = items(write("u16.txt", STORY, encoding="utf-16"))
    assert utf16.text.strip() == STORY.strip()
    latin = "MADRID -- El ministro dijo que la reunión será el viernes en Bruselas, según la agencia. " * 3
    [item] = items(write("latin.txt", latin, encoding="latin-1"))
    assert "reunión" in item.text


def test_broken_utf8_is_kept_with_a_warning(write):
    data = ("Café diplomacy in Paris: ministers met on Friday. " * 20).encode() + b"\xff\xfe broken" + b" end."
    [item] = items(write("broken.txt", data))
    assert isinstance(item, RawItem)
    assert "\ufffd" in item.text and "Café diplomacy" in item.text
    assert any("broken UTF-8" in w for w in item.warnings)


@pytest.mark.parametrize(("name", "content", "reason"), [
    ("empty.txt", b"", "empty file"),
    ("blank.txt", b"  \n\n ", "empty file"),
    ("image.txt", PNG, "binary file (PNG image)"),
    ("zeros.txt", b"abc\x00\x00\x00def" * 20, "binary file"),
])
def test_unreadable_files_are_failures_with_reasons(write, name, content, reason):
    [item] = items(write(name, content))
    assert isinstance(item, Failure)
    assert reason in item.reason
    assert item.source.path.endswith(name)


def test_huge_file_is_reported_not_loaded(write):
    path = write("huge.txt", b"")
    with path.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)  # a sparse 50 MB file
    [item] = items(path)
    assert isinstance(item, Failure)
    assert "too large" in item.reason and "over 10.0 MiB" in item.reason


def test_gzipped_text_html_and_jsonl_are_read(write):
    html = "<html><body><article><p>" + STORY * 3 + "</p></article></body></html>"
    got = items(write("a.html.gz", gzip.compress(html.encode())), write("b.txt.gz", gzip.compress(STORY.encode())),
                write("c.jsonl.gz", gzip.compress(json.dumps({"id": "c", "text": STORY}).encode())),
                write("d.txt.gz", b"not gzip at all"))
    assert [type(x).__name__ for x in got] == ["RawItem", "RawItem", "RawItem", "Failure"]
    assert got[0].html == html and got[1].text == STORY and got[2].meta["id"] == "c"
    assert "cannot read file" in got[3].reason


def test_jsonl_bad_lines_are_numbered_and_the_rest_is_read(write):
    lines = [
        json.dumps({"id": "a1", "text": STORY, "outlet": "Harbor Wire", "published": "2025-06-20"}),
        "{not json",
        json.dumps({"id": "a2", "title": "no text here"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"id": "a3", "html": "<html><body><p>" + STORY * 3 + "</p></body></html>"}),
    ]
    got = items(write("feed.jsonl", "\n".join(lines)))
    assert [type(x).__name__ for x in got] == ["RawItem", "Failure", "Failure", "Failure", "RawItem"]
    assert got[0].meta == {"id": "a1", "outlet": "Harbor Wire", "published": "2025-06-20"}
    assert got[1].source.line == 2 and "not JSON" in got[1].reason
    assert got[2].source.line == 3 and "no non-empty 'text' or 'html'" in got[2].reason
    assert got[3].source.line == 4 and "not an object" in got[3].reason
    assert got[4].html and got[4].source.line == 6


def test_jsonl_on_stdin(monkeypatch):
    data = (json.dumps({"id": "s1", "text": STORY}) + "\n").encode()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    [item] = list(read_inputs(["-"]))
    assert item.meta["id"] == "s1" and item.source.line == 1


def _warc(path: Path) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for url, ctype, body in [
            ("https://news.example/a", "text/html; charset=utf-8",
             ("<html><body><article><p>" + STORY * 3 + "</p></article></body></html>").encode()),
            ("https://news.example/logo.png", "image/png", PNG),
        ]:
            headers = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body),
                                                          http_headers=headers))


def test_warc_html_is_read_and_other_records_reported(tmp_path):
    path = tmp_path / "crawl.warc.gz"
    _warc(path)
    html, image = items(path)
    assert isinstance(html, RawItem) and html.meta["url"] == "https://news.example/a"
    assert isinstance(image, Failure) and "not HTML" in image.reason and "image/png" in image.reason
    assert image.source.url == "https://news.example/logo.png"


def test_corrupt_warc_is_a_failure(write):
    [item] = items(write("bad.warc.gz", gzip.compress(b"this is not a WARC record at all\r\n\r\n")))
    assert isinstance(item, Failure) and "WARC" in item.reason


def test_folder_walk_skips_other_types_and_reports_dangling_links(tmp_path, write):
    write("news/a.txt", STORY)
    write("news/README.md", "# not an article")
    write("news/photo.jpg", b"\xff\xd8\xff" + b"x" * 10)
    os.symlink(tmp_path / "gone.txt", tmp_path / "news" / "b.txt")
    got = items(tmp_path / "news")
    assert len(got) == 2
    assert isinstance(got[0], RawItem)
    assert isinstance(got[1], Failure) and "cannot read file" in got[1].reason


def test_missing_input_and_unsupported_file(write):
    missing, unsupported = items("/nonexistent/path.txt", write("notes.docx", b"PK\x03\x04"))
    assert "no such file" in missing.reason
    assert "unsupported file type .docx" in unsupported.reason


def test_unreadable_files_and_folders(tmp_path, write, monkeypatch):
    """Permission errors (simulated: tests run as root, who may read anything) are reported."""
    write("in/ok.txt", STORY)
    secret = write("in/secret.txt", STORY)
    locked = write("in/locked/inner.txt", STORY).parent
    real_read_bytes, real_scandir = Path.read_bytes, os.scandir

    def read_bytes(self):
        if self == secret:
            raise PermissionError(13, "Permission denied", str(self))
        return real_read_bytes(self)

    def scandir(path="."):
        if Path(path) == locked:
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    monkeypatch.setattr(os, "scandir", scandir)
    got = items(tmp_path / "in")
    assert sum(isinstance(x, RawItem) for x in got) == 1
    reasons = sorted(x.reason for x in got if isinstance(x, Failure))
    assert reasons == ["cannot read file: Permission denied", "cannot read folder: Permission denied"]


def test_decode_error_messages():
    with pytest.raises(DecodeError, match="empty"):
        decode_bytes(b"")
    with pytest.raises(DecodeError, match="PDF"):
        decode_bytes(b"%PDF-1.7 ...")
