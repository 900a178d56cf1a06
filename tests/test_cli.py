"""The `newsledger` command end to end, on the example corpus and on bad inputs."""

from __future__ import annotations

import csv
import io
import json
import re
import subprocess
import sys

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from newsledger.cli import app
from newsledger.contract import problems

from .conftest import ENGLISH_SCRAPED, EXAMPLES

runner = CliRunner()


def run(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin)


@pytest.fixture(scope="module")
def example_records(tmp_path_factory):
    out = tmp_path_factory.mktemp("x") / "records.jsonl"
    result = run("extract", str(EXAMPLES), "-o", str(out))
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


def test_extract_examples_validates_against_the_contract(example_records):
    assert len(example_records) >= 10
    assert {r["language"] for r in example_records} == {"en", "ko"}
    for record in example_records:
        assert problems(record) == [], record["id"]
        assert record["headline"] and record["body"] and record["sentences"]
    kinds = {r["source"]["path"].rsplit(".", 1)[-1] for r in example_records}
    assert kinds == {"txt", "html", "jsonl"}


def test_extract_reports_failures_and_exits_1(write, tmp_path):
    write("in/good.txt", ENGLISH_SCRAPED)
    write("in/empty.txt", "")
    write("in/feed.jsonl", '{"id": "x1", "text": "SEOUL -- It rained, officials said."}\n{broken\n')
    result = run("extract", str(tmp_path / "in"), "--no-nlp")
    assert result.exit_code == 1
    records = [json.loads(x) for x in result.stdout.splitlines() if x.startswith("{")]
    assert {r["id"] for r in records} >= {"x1"} and len(records) == 2
    assert "read 4, written 2, failed 2" in result.stderr
    assert "empty.txt: empty file" in result.stderr
    assert "feed.jsonl:2: line is not JSON" in result.stderr


def test_usage_errors_exit_2(tmp_path):
    assert run("extract").exit_code == 2
    assert run("extract", "x.txt", "--bogus").exit_code == 2
    assert run("articles", "--db", "mysql://x/y").exit_code == 2
    assert run("export", "--format", "xml", "--db", str(tmp_path / "a.db")).exit_code == 2
    assert run("export", "--format", "parquet", "--db", str(tmp_path / "a.db")).exit_code == 2


def test_help_teaches():
    result = run("--help")
    assert result.exit_code == 0
    for command in ("extract", "ingest", "articles", "show", "export"):
        assert command in result.output
    words = re.sub(r"[\s│]+", " ", run("extract", "--help").output)
    assert "- reads JSONL from standard input" in words


def test_ingest_articles_show_export(tmp_path):
    db = str(tmp_path / "news.db")
    first = run("ingest", str(EXAMPLES), "--db", db, "--no-nlp")
    assert first.exit_code == 0, first.output
    assert "duplicates 0, failed 0" in first.stderr
    again = run("ingest", str(EXAMPLES), "--db", db, "--no-nlp")
    assert again.exit_code == 0 and "stored 0" in again.stderr and "duplicates 15" in again.stderr

    listed = [json.loads(x) for x in run("articles", "--db", db, "--json", "--limit", "100").stdout.splitlines()]
    assert len(listed) == 15
    korean = next(a for a in listed if a["language"] == "ko")
    shown = run("show", korean["id"], "--db", db)
    assert shown.exit_code == 0 and korean["headline"] in shown.stdout and "removed (" in shown.stdout
    record = json.loads(run("show", korean["id"], "--db", db, "--json").stdout)
    assert problems(record) == []
    assert run("show", "no-such-id", "--db", db).exit_code == 1

    jsonl = run("export", "--format", "jsonl", "--db", db)
    assert len(jsonl.stdout.splitlines()) == 15
    rows = list(csv.DictReader(io.StringIO(run("export", "--format", "csv", "--db", db).stdout)))
    assert len(rows) == 15 and {"id", "headline", "body", "removed"} <= set(rows[0])
    parquet = tmp_path / "news.parquet"
    assert run("export", "--format", "parquet", "-o", str(parquet), "--db", db).exit_code == 0
    table = pq.read_table(parquet)
    assert table.num_rows == 15 and table.schema.field("byline").type.value_type == "string"


def test_console_script_reads_jsonl_on_stdin(tmp_path):
    line = json.dumps({"id": "stdin-1", "text": ENGLISH_SCRAPED, "outlet": "Pacific Dispatch"})
    done = subprocess.run([sys.executable, "-m", "newsledger.cli", "extract", "-", "--no-nlp"], input=line + "\n",
                          capture_output=True, text=True, timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    record = json.loads(done.stdout)
    assert record["id"] == "stdin-1" and record["source"]["line"] == 1
    assert record["metadata_source"]["outlet"] == "input"


def test_actors_and_actor(tmp_path):
    db = str(tmp_path / "news.db")
    english = tmp_path / "a.txt"
    english.write_text(ENGLISH_SCRAPED, encoding="utf-8")
    assert run("ingest", str(english), "--db", db).exit_code == 0
    people = [json.loads(x) for x in run("actors", "--db", db, "--type", "PERSON", "--json").stdout.splitlines()]
    teodoro = next(p for p in people if p["name"] == "Gilberto Teodoro")
    assert teodoro["country"] == "PHL" and teodoro["articles"] == 1
    shown = run("actor", teodoro["id"], "--db", db)
    assert shown.exit_code == 0 and "Defense Secretary" in shown.stdout
    philippines = json.loads(run("actor", "country:phl", "--db", db, "--json").stdout)
    assert "Philippine" in philippines["names"] and philippines["in_articles"][0]["mentions"] >= 3
    assert run("actor", "no-such-actor", "--db", db).exit_code == 1
    assert "actors (" in run("show", philippines["in_articles"][0]["article"], "--db", db).stdout


def test_events_lists_the_stored_events(tmp_path):
    db = str(tmp_path / "news.db")
    english = tmp_path / "a.txt"
    english.write_text(ENGLISH_SCRAPED, encoding="utf-8")
    assert run("ingest", str(english), "--db", db).exit_code == 0
    rows = [json.loads(x) for x in run("events", "--db", db, "--json").stdout.splitlines()]
    attack = next(r for r in rows if r["trigger"] == "fired")
    assert attack["source_country"] == "CHN" and attack["target_country"] == "PHL"
    listed = run("events", "--db", db, "--json", "--happening", attack["happening"]).stdout
    same = [json.loads(x) for x in listed.splitlines()]
    assert [r["event_id"] for r in same] == [attack["event_id"]]
    assert "events" in run("events", "--db", db).stdout
    assert attack["type"] in run("show", attack["article_id"], "--db", db).stdout
