"""The bad-input list of the foundation issue, all in one ingest: each is reported with where and
why, the run goes on, the good articles are stored and what was stored before stays intact."""

from __future__ import annotations

import gzip
import io
import json

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsledger import Ledger

from .conftest import ENGLISH_SCRAPED, KOREAN_SCRAPED

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(40)


def _warc_with_image(path):
    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record("https://news.example/map.png", "response",
                                                      payload=io.BytesIO(PNG), http_headers=headers))


def test_every_bad_input_is_reported_and_nothing_is_lost(tmp_path, write):
    db = tmp_path / "ledger.db"
    with Ledger(db, nlp=False) as ledger:
        before = ledger.ingest([write("before/ko.txt", KOREAN_SCRAPED)])
        assert before.stored == 1
    folder = tmp_path / "mixed"
    write("mixed/01_good.txt", ENGLISH_SCRAPED)
    write("mixed/02_empty.txt", b"")
    write("mixed/03_png_renamed.txt", PNG)
    huge = write("mixed/04_huge.txt", b"")
    with huge.open("wb") as stream:
        stream.truncate(50 * 1024 * 1024)
    write("mixed/05_no_body.html", "<html><head><title>Nothing here</title></head></html>")
    broken = ENGLISH_SCRAPED.replace("Tuesday", "Tues\udcffday").encode("utf-8", "surrogateescape")
    write("mixed/06_broken_utf8.txt", broken)
    write("mixed/07_euc_kr.txt", KOREAN_SCRAPED.replace("김민수", "박지훈"), encoding="euc-kr")
    write("mixed/08_feed.jsonl", "\n".join([
        "this is not json",
        json.dumps({"id": "no-text", "headline": "Only a headline"}),
        json.dumps({"id": "ok-1", "text": "SEOUL -- The two sides met on Monday, officials said."}),
    ]))
    _warc_with_image(folder / "09_crawl.warc.gz")
    locked = write("mixed/10_dir/unreadable.txt", ENGLISH_SCRAPED)
    locked.unlink()
    locked.symlink_to(tmp_path / "vanished.txt")
    write("mixed/11_same_again.txt", ENGLISH_SCRAPED)
    write("mixed/12_gz_bomb.txt.gz", gzip.compress(b"a" * (11 * 1024 * 1024)))

    with Ledger(db, nlp=False) as ledger:
        report = ledger.ingest([folder])
        reasons = {f.source.label().rsplit("/", 1)[-1]: f.reason for f in report.failures}
        assert reasons == {
            "02_empty.txt": "empty file",
            "03_png_renamed.txt": "binary file (PNG image), not text",
            "04_huge.txt": "file too large for one article (over 10.0 MiB)",
            "05_no_body.html": "HTML has no article text (empty or missing <body>, or no main content)",
            "08_feed.jsonl:1": "line is not JSON: Expecting value at column 1",
            "08_feed.jsonl:2": "object has no non-empty 'text' or 'html' field",
            "09_crawl.warc.gz@0": "WARC record is not HTML (Content-Type image/png)",
            "unreadable.txt": "cannot read file: No such file or directory",
            "12_gz_bomb.txt.gz": "file too large for one article (over 10.0 MiB)",
        }
        assert report.stored == 4  # good, broken UTF-8 (kept, with a warning), EUC-KR, jsonl ok-1
        assert len(report.duplicates) == 1 and "11_same_again.txt (id " in report.duplicates[0]
        assert ledger.store.count() == 5
        assert ledger.store.check_integrity() == []
        stored = {ledger.get(a["id"]).source.path.rsplit("/", 1)[-1]: ledger.get(a["id"])
                  for a in ledger.articles(limit=100)}
        assert "ko.txt" in stored  # stored before, still intact
        assert any("broken UTF-8" in w for w in stored["06_broken_utf8.txt"].warnings)
        assert stored["07_euc_kr.txt"].byline == ["박지훈"]
        failures = ledger.store.failures(report.run_id)
        assert len(failures) == len(report.failures)
