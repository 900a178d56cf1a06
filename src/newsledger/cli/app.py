"""The `newsledger` command: a thin layer over the Python API (newsledger.api).

Exit status: 0 when every input went well, 1 when some inputs failed (each is listed with its
reason), 2 for usage errors (a bad option, an unusable --db).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from newsledger.api import IngestReport, Ledger, extract, link_archive
from newsledger.executors import ENGINES, Executor, Settings, ShardReport, extract_archive, make_executor
from newsledger.executors.shards import FILES_PER_SHARD, LINES_PER_SHARD
from newsledger.ingest import DEFAULT_MAX_BYTES
from newsledger.ingest.readers import MIB
from newsledger.link import LinkSummary
from newsledger.model import Article, Failure
from newsledger.store import (
    DEFAULT_DB,
    FORMATS,
    LINK_TYPES,
    StoreError,
    open_store,
    write_csv,
    write_jsonl,
    write_parquet,
    write_rows_csv,
    write_rows_parquet,
)

app = typer.Typer(
    help="Turn news articles (text, HTML, JSONL, WARC) into a ledger of who said what, when and where.\n\n"
         "Start with `newsledger extract examples/` to see records, or `newsledger ingest examples/` "
         "to build a store (newsledger.db), then `newsledger articles` and `newsledger show ID`.",
    no_args_is_help=True, add_completion=False, rich_markup_mode="markdown",
)
err = Console(stderr=True)
out = Console()
# How many failures the summary lists one by one before it only counts the rest.
MAX_LISTED_FAILURES = 25

InputsArg = Annotated[list[str], typer.Argument(
    help="Files or folders of .txt, .html, .jsonl, .warc/.warc.gz; `-` reads JSONL from standard input.",
    show_default=False, metavar="INPUT")]
DbOpt = Annotated[str, typer.Option("--db", envvar="NEWSLEDGER_DB",
                                    help="SQLite file (path or sqlite:///path) or postgresql://user@host/db.")]
NoNlpOpt = Annotated[bool, typer.Option(
    "--no-nlp", help="Clean records only: skip the analysis stages (times, sentences; faster).")]
RulesOpt = Annotated[list[Path] | None, typer.Option(
    "--rules", help="Extra cleaning rules (TOML, same format as newsledger/clean/rules/*.toml); repeatable.",
    exists=True, dir_okay=False, metavar="FILE")]
MaxMbOpt = Annotated[float, typer.Option("--max-mb", help="Report files larger than this (MiB) instead of reading.")]


def main() -> None:
    app()


@contextmanager
def _progress(label: str, unit: str = "items") -> Iterator[Progress]:
    columns = [SpinnerColumn(), TextColumn("[bold]{task.description}"), BarColumn(bar_width=None),
               TextColumn(f"{{task.completed}} {unit}"), TimeElapsedColumn()]
    with Progress(*columns, console=err, transient=True) as progress:
        progress.add_task(label, total=None)
        yield progress


def _print_failures(failures: list[Failure]) -> None:
    for failure in failures[:MAX_LISTED_FAILURES]:
        err.print(f"  [red]failed[/red] {failure.source.label()}: {failure.reason}", highlight=False, soft_wrap=True)
    if len(failures) > MAX_LISTED_FAILURES:
        err.print(f"  … and {len(failures) - MAX_LISTED_FAILURES} more failures")


def _open_ledger(db: str, **kwargs: object) -> Ledger:
    try:
        return Ledger(db, **kwargs)  # type: ignore[arg-type]
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc


def _printed_as_json(item: dict | None, kind: str, item_id: str, as_json: bool) -> bool:
    """Exit 1 when nothing has that id; print the item as JSON when asked (then True)."""
    if item is None:
        err.print(f"[red]no {kind} with id {item_id!r}[/red]")
        raise typer.Exit(1)
    if as_json:
        print(json.dumps(item, ensure_ascii=False, indent=2))
    return as_json


EngineOpt = Annotated[str, typer.Option(
    "--engine", help="Where the work runs, with -o FOLDER: `local` (this machine, --workers processes) or `ray` "
                     "(Ray Data actors: local mode here, or the cluster at --address).")]
WorkersOpt = Annotated[int, typer.Option(
    "--workers", "-w", min=1, help="Processes (or Ray actors), each with its own models (~0.5 GB): one per core.")]
JSONL_OUTPUTS = (".jsonl", ".json", ".ndjson")


@app.command("extract")
def extract_cmd(
    inputs: InputsArg,
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="A .jsonl file for the records (default: stdout), or a FOLDER for an archive: "
                               "Parquet by publication month, resumable (a re-run skips finished shards).")] = None,
    no_nlp: NoNlpOpt = False,
    rules: RulesOpt = None,
    max_mb: MaxMbOpt = DEFAULT_MAX_BYTES / MIB,
    engine: EngineOpt = "local",
    workers: WorkersOpt = 1,
    address: Annotated[str | None, typer.Option(
        help="Ray cluster to use with --engine ray (`ray://head:10001`, `auto`); none starts Ray here.")] = None,
    jsonl: Annotated[bool, typer.Option(
        "--jsonl", help="Archive: also write the records as JSONL (DIR/jsonl/).")] = False,
    link: Annotated[bool, typer.Option(
        "--link", help="Archive: then link across articles into DIR/ledger.db (or --db), and write "
                       "DIR/links.parquet and DIR/stories.parquet.")] = False,
    db: Annotated[str | None, typer.Option("--db", help="Store for --link (default: DIR/ledger.db).")] = None,
    files_per_shard: Annotated[int, typer.Option(min=1, help="Archive: loose .txt/.html files per shard.")]
    = FILES_PER_SHARD,
    lines_per_shard: Annotated[int, typer.Option(min=1, help="Archive: JSONL lines per shard.")] = LINES_PER_SHARD,
) -> None:
    """Extract records (one JSON object per article, per the record contract) without a store.

    Examples: `newsledger extract examples/ -o records.jsonl`, `cat feed.jsonl | newsledger extract -`,
    `newsledger extract crawl/*.warc.gz -o archive/ --workers 2 --link`,
    `newsledger extract shards/ -o archive/ --engine ray --address auto`.
    """
    archive = output is not None and (output.is_dir() or output.suffix.lower() not in JSONL_OUTPUTS)
    if not archive and (engine != "local" or jsonl or link or db):
        err.print("[red]error:[/red] --engine ray, --jsonl, --link and --db write an archive: give -o FOLDER")
        raise typer.Exit(2)
    if engine not in ENGINES:
        err.print(f"[red]error:[/red] unknown engine {engine!r}; choose one of {', '.join(ENGINES)}")
        raise typer.Exit(2)
    settings = Settings(nlp=not no_nlp, rules=tuple(str(r) for r in rules or ()), max_bytes=int(max_mb * MIB),
                        jsonl=jsonl)
    if archive:
        assert output is not None
        _extract_archive(inputs, output, settings, make_executor(engine, workers, address),
                         files_per_shard, lines_per_shard, link=link, db=db)
        return
    _extract_stream(inputs, output, settings, workers)


def _extract_stream(inputs: list[str], output: Path | None, settings: Settings, workers: int) -> None:
    read = written = 0
    failures: list[Failure] = []
    stream = output.open("w", encoding="utf-8") if output else sys.stdout
    try:
        with _progress("extracting") as progress:
            for result in extract(inputs, nlp=settings.nlp, rules=settings.rules, max_bytes=settings.max_bytes,
                                  workers=workers):
                read += 1
                progress.advance(0)
                if isinstance(result, Article):
                    stream.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                    written += 1
                else:
                    failures.append(result)
    finally:
        if output:
            stream.close()
    err.print(f"[bold]extracted[/bold] read {read}, written {written}, failed {len(failures)}"
              + (f" → {output}" if output else ""))
    _print_failures(failures)
    if failures:
        raise typer.Exit(1)


def _extract_archive(inputs: list[str], root: Path, settings: Settings, executor: Executor,
                     files_per_shard: int, lines_per_shard: int, *, link: bool, db: str | None) -> None:
    if "-" in inputs:
        err.print("[red]error:[/red] an archive is cut into shards of files: standard input (-) cannot be one")
        raise typer.Exit(2)
    with _progress(f"extracting ({executor.name})", unit="shards") as progress:

        def shard_done(shard: ShardReport) -> None:
            progress.advance(0)
            if shard.error:
                progress.console.print(f"  [red]shard failed[/red] {shard.label}: {shard.error}", highlight=False)

        report = extract_archive(inputs, root, executor, settings, files_per_shard=files_per_shard,
                                 lines_per_shard=lines_per_shard, on_shard=shard_done)
    err.print(f"[bold]extracted[/bold] {report.shards} shards ({report.skipped} finished before, "
              f"{len(report.broken)} broken): read {report.read}, written {report.written}, "
              f"failed {report.failed} → {root}  (failures: {root}/failures/)")
    _print_failures(report.unreadable)
    if link:
        with _progress("linking") as progress:
            stored, links = link_archive(root, db, on_progress=lambda n: progress.advance(0, n))
        err.print(f"[bold]stored[/bold] {stored.stored} new records ({len(stored.duplicates)} already there) "
                  f"→ {db or root / 'ledger.db'}")
        _print_link_summary(links)
    if not report.ok:
        raise typer.Exit(1)


def _print_report(report: IngestReport, db: str) -> None:
    err.print(f"[bold]ingested[/bold] read {report.read}, stored {report.stored}, "
              f"duplicates {len(report.duplicates)}, failed {len(report.failures)} → {db}")
    for dup in report.duplicates[:MAX_LISTED_FAILURES]:
        err.print(f"  [yellow]duplicate[/yellow] {dup}", highlight=False, soft_wrap=True)
    _print_failures(report.failures)


@app.command("ingest")
def ingest_cmd(
    inputs: InputsArg,
    db: DbOpt = DEFAULT_DB,
    no_nlp: NoNlpOpt = False,
    rules: RulesOpt = None,
    max_mb: MaxMbOpt = DEFAULT_MAX_BYTES / MIB,
    batch_size: Annotated[int, typer.Option(help="Articles per transaction.", min=1)] = 32,
    workers: WorkersOpt = 1,
    no_link: Annotated[bool, typer.Option(
        "--no-link", help="Store without linking across articles (faster); `newsledger link` links later.")] = False,
) -> None:
    """Extract, store and link articles; the same article twice is stored once and reported as a duplicate.

    Each batch is one transaction, its links included: an interrupted ingest loses nothing it
    committed; run it again to finish. New articles join the stories, statements and duplicates
    already stored. Example: `newsledger ingest examples/ --db postgresql://me@localhost/news`.
    """
    with _open_ledger(db, nlp=not no_nlp, rules=rules or (), max_bytes=int(max_mb * MIB), batch_size=batch_size,
                      link=not no_link, workers=workers) as ledger, _progress("ingesting") as progress:
        report = ledger.ingest(inputs, on_progress=lambda n: progress.advance(0, n))
        links = ledger.links_summary
    _print_report(report, db)
    if links.articles:
        _print_link_summary(links)
    if report.failures:
        raise typer.Exit(1)


def _print_link_summary(summary: LinkSummary) -> None:
    err.print(f"[bold]linked[/bold] {summary.articles} articles: {summary.new_stories} new stories, "
              f"{summary.joined_stories} joined a story, {summary.duplicates} near-duplicates, "
              f"{summary.same_statement} same statements, {summary.cites} citations, "
              f"{summary.shared_happenings} events already reported")


@app.command("link")
def link_cmd(
    db: DbOpt = DEFAULT_DB,
    rebuild: Annotated[bool, typer.Option(
        "--rebuild", help="Forget every link and story and link all stored articles again.")] = False,
) -> None:
    """Link stored articles across outlets and languages: near-duplicates, stories, the same
    statement reported twice, and quotes that recall an earlier statement.

    `ingest` links as it stores; this links what was stored with `--no-link`. With `--rebuild`,
    articles are linked again one by one in publication order, so the same store always gives the
    same stories. Then: `newsledger stories`, `newsledger links`.
    """
    with _open_ledger(db) as ledger, _progress("linking") as progress:
        summary = ledger.link(rebuild=rebuild, on_progress=lambda n: progress.advance(0, n))
    _print_link_summary(summary)


@app.command("links")
def links_cmd(
    db: DbOpt = DEFAULT_DB,
    kind: Annotated[str | None, typer.Option(
        "--type", help="Only duplicate, same_story, same_statement or cites.")] = None,
    article: Annotated[str | None, typer.Option(help="Only links touching this article.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many.", min=1)] = None,
) -> None:
    """Write links across articles as JSONL to standard output, one per line, in the record contract's
    shape: {"type", "a": {"article", "quote"}, "b": {...}, "score", "evidence"}.

    Example: `newsledger links --type same_statement | jq .evidence`."""
    if kind is not None and kind not in LINK_TYPES:
        err.print(f"[red]error:[/red] unknown link type {kind!r}; choose one of {', '.join(LINK_TYPES)}")
        raise typer.Exit(2)
    with _open_ledger(db) as ledger:
        count = write_jsonl(ledger.store.iter_links(type_=kind, articles=[article] if article else None,
                                                    limit=limit), sys.stdout)
    err.print(f"[bold]{count}[/bold] links")


@app.command("stories")
def stories_cmd(
    db: DbOpt = DEFAULT_DB,
    min_articles: Annotated[int, typer.Option(help="Only stories of at least this many articles.", min=1)] = 1,
) -> None:
    """Write stories as JSONL to standard output: {"story", "articles": [ids], "headline", "first_day",
    "last_day"}, oldest first; `newsledger links --type same_story` gives the pairs with their reasons."""
    with _open_ledger(db) as ledger:
        stories = (s for s in ledger.store.story_memberships() if len(s["articles"]) >= min_articles)
        count = write_jsonl(stories, sys.stdout)
    err.print(f"[bold]{count}[/bold] stories")


@app.command("articles")
def articles_cmd(
    db: DbOpt = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="How many to list.", min=1)] = 50,
    outlet: Annotated[str | None, typer.Option(help="Only this outlet.")] = None,
    language: Annotated[str | None, typer.Option(help="Only this language (en, ko, …).")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List stored articles, newest first."""
    with _open_ledger(db) as ledger:
        rows = ledger.articles(limit=limit, outlet=outlet, language=language)
        total = ledger.store.count()
    if as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} of {total} articles")
    table.add_column("id", no_wrap=True, min_width=16)
    table.add_column("published", no_wrap=True, min_width=10)
    table.add_column("outlet", max_width=18, overflow="ellipsis", no_wrap=True)
    table.add_column("lang", no_wrap=True, min_width=4)
    table.add_column("headline")
    for row in rows:
        table.add_row(row["id"], (row["published"] or "")[:10], row["outlet"] or "", row["language"] or "",
                      row["headline"] or "")
    out.print(table)


@app.command("show")
def show_cmd(
    article_id: Annotated[str, typer.Argument(help="The article id (see `newsledger articles`).")],
    db: DbOpt = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print the record as JSON.")] = False,
) -> None:
    """Show one stored article: metadata, clean body, quotes, actors, events, times, and what was removed."""
    with _open_ledger(db) as ledger:
        article = ledger.get(article_id)
    if _printed_as_json(article and article.to_dict(), "article", article_id, as_json):
        return
    out.print(f"[bold]{article.headline or '(no headline)'}[/bold]", highlight=False)
    for sub in article.subheadlines:
        out.print(f"[italic]{sub}[/italic]", highlight=False)
    facts = [("id", article.id), ("outlet", article.outlet), ("byline", ", ".join(article.byline)),
             ("published", article.published), ("language", article.language), ("dateline", article.dateline),
             ("credits", ", ".join(article.credits)), ("source", article.source.label()), ("url", article.source.url)]
    for name, value in facts:
        if value:
            out.print(f"[dim]{name:>10}[/dim] {value}", highlight=False)
    out.print()
    out.print(article.body, highlight=False)
    if article.quotes:
        out.print(f"\n[bold]quotes ({len(article.quotes)}):[/bold]")
        for quote in article.quotes:
            who = quote.speaker.name if quote.speaker else "?"
            role = f", {quote.speaker.role}" if quote.speaker and quote.speaker.role else ""
            out.print(f"  [cyan]{who}{role}[/cyan] ({quote.kind}, {quote.date or 'no date'}): {quote.text[:160]}",
                      highlight=False)
    if article.entities:
        people = [e for e in article.entities if e.type == "PERSON"]
        rest = [e for e in article.entities if e.type != "PERSON"]
        out.print(f"\n[bold]actors ({len(article.entities)}):[/bold]")
        for entity in people + rest:
            about = ", ".join(x for x in (entity.type, entity.country, entity.roles[0] if entity.roles else None)
                              if x)
            out.print(f"  {entity.name} [dim]({about}; {len(entity.mentions)} mention(s))[/dim]", highlight=False)
    if article.events:
        out.print(f"\n[bold]events ({len(article.events)}):[/bold]")
        for event in article.events:
            parties = f"{'+'.join(event.source_country) or '?'} -> {'+'.join(event.target_country) or '?'}"
            out.print(f"  {event.type:<9} {parties:<15} {event.date or 'no date'}  [dim]{event.trigger}[/dim]",
                      highlight=False)
    if article.times:
        dates = ", ".join(f"{t.text} = {t.value}" for t in article.times[:12])
        out.print(f"\n[bold]times ({len(article.times)}):[/bold] {dates}", highlight=False)
    if article.removed:
        out.print(f"\n[dim]removed ({len(article.removed)}):[/dim]")
        for piece in article.removed:
            out.print(f"[dim]  {piece.reason:<11} {piece.text[:100]}[/dim]", highlight=False)


@app.command("actors")
def actors_cmd(
    db: DbOpt = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="How many to list.", min=1)] = 50,
    name: Annotated[str | None, typer.Option(help="Only actors one of whose names contains this.")] = None,
    country: Annotated[str | None, typer.Option(help="Only this country (ISO alpha-3: PRK, USA, …).")] = None,
    kind: Annotated[str | None, typer.Option("--type", help="Only PERSON, ORG, GPE or LOC.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List the people, governments, organisations and places of the store, most named first.

    One actor is one identity across articles: "Pyongyang" and "the North" are North Korea;
    see one with `newsledger actor ID` (its names, its roles by date, its articles)."""
    with _open_ledger(db) as ledger:
        rows = ledger.actors(limit=limit, name=name, country=country, type_=kind)
    if as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} actors")
    for column in ("id", "name", "type", "country", "sector", "articles", "first seen", "last seen"):
        table.add_column(column, no_wrap=column != "name", min_width=18 if column == "name" else None)
    for row in rows:
        table.add_row(row["id"], row["name"], row["type"], row["country"] or "", row["sector"] or "",
                      str(row["articles"]), row["first_seen"] or "", row["last_seen"] or "")
    out.print(table)


@app.command("actor")
def actor_cmd(
    actor_id: Annotated[str, typer.Argument(help="The actor id (see `newsledger actors`).")],
    db: DbOpt = DEFAULT_DB,
    as_json: Annotated[bool, typer.Option("--json", help="Print the actor as JSON.")] = False,
) -> None:
    """Show one actor: every name it was given, who it was when (roles by date), where it appears."""
    with _open_ledger(db) as ledger:
        actor = ledger.actor(actor_id)
    if _printed_as_json(actor, "actor", actor_id, as_json):
        return
    out.print(f"[bold]{actor['name']}[/bold] ({actor['type']}, {actor['country'] or 'no country'}, "
              f"{actor['sector'] or 'no sector'})", highlight=False)
    out.print(f"[dim]names:[/dim] {'; '.join(actor['names'])}", highlight=False)
    for role in actor["roles"]:
        out.print(f"[dim]{role['date'] or '?':>10}[/dim] {role['role']} [dim]({role['article']})[/dim]",
                  highlight=False)
    out.print(f"[dim]in {actor['articles']} article(s):[/dim] "
              + ", ".join(row["article"] for row in actor["in_articles"][:20]), highlight=False)


@app.command("events")
def events_cmd(
    db: DbOpt = DEFAULT_DB,
    limit: Annotated[int, typer.Option(help="How many to list.", min=1)] = 100,
    kind: Annotated[str | None, typer.Option("--type", help="Only this PLOVER type (ASSAULT, AGREE, …).")] = None,
    happening: Annotated[str | None, typer.Option(help="Only the reports of one happening (its key).")] = None,
    merged: Annotated[bool, typer.Option(
        "--merged", help="One row per happening reported by several articles, with its reports.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """List stored events by date: who did what to whom (PLOVER type, countries), when, in which article.

    Reports of one happening share its `happening` key: `--happening KEY` lists them together.
    Across articles, the linker gives every report of one happening (same type and parties, dates a
    day apart at most) one `happening_id`: `--merged` lists each such happening once."""
    with _open_ledger(db) as ledger:
        rows = ledger.store.happenings(type_=kind, limit=limit) if merged else ledger.store.events(
            happening=happening, type_=kind, limit=limit)
    if as_json:
        for row in rows:
            print(json.dumps(row, ensure_ascii=False))
        return
    table = Table(title=f"{len(rows)} {'happenings' if merged else 'events'}")
    for column in ("date", "type", "source", "target", "reports" if merged else "trigger", "article"):
        table.add_column(column, no_wrap=column in ("date", "type"))
    for row in rows:
        last = (str(row["reports"]), ", ".join(m["article"] for m in row["mentions"])) if merged else (
            row["trigger"] or "", f"{row['article_id']} {row['event_id']}")
        table.add_row(row["date"] or "", row["type"], row["source_country"] or "", row["target_country"] or "", *last)
    out.print(table)


@app.command("export")
def export_cmd(
    fmt: Annotated[str, typer.Option("--format", "-f", help=f"One of: {', '.join(FORMATS)}.")] = "jsonl",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File to write (default: stdout).")] = None,
    db: DbOpt = DEFAULT_DB,
    links: Annotated[bool, typer.Option("--links", help="Export the links across articles instead.")] = False,
    stories: Annotated[bool, typer.Option("--stories", help="Export the stories instead.")] = False,
) -> None:
    """Export every stored record: JSONL (the record contract), CSV or Parquet (flat columns); with
    `--links` or `--stories`, the links or stories (nested fields flattened in CSV and Parquet)."""
    if links and stories:
        err.print("[red]error:[/red] choose one of --links and --stories")
        raise typer.Exit(2)
    if fmt not in FORMATS:
        err.print(f"[red]error:[/red] unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        raise typer.Exit(2)
    if fmt == "parquet" and output is None:
        err.print("[red]error:[/red] Parquet is binary: give a file with -o records.parquet")
        raise typer.Exit(2)
    try:
        store = open_store(db)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    what = "links" if links else "stories" if stories else "records"
    with store:
        items = {"links": store.iter_links, "stories": store.story_memberships, "records": store.records}[what]()
        if fmt == "parquet":
            count = (write_parquet if what == "records" else write_rows_parquet)(items, str(output))
        else:
            writer = write_jsonl if fmt == "jsonl" else write_csv if what == "records" else write_rows_csv
            if output:
                with output.open("w", encoding="utf-8", newline="") as stream:
                    count = writer(items, stream)
            else:
                count = writer(items, sys.stdout)
    err.print(f"[bold]exported[/bold] {count} {what} as {fmt}" + (f" → {output}" if output else ""))


@app.command("serve")
def serve_cmd(
    db: DbOpt = DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Address to listen on; 127.0.0.1 keeps it on this machine.")] = "127.0.0.1",
    port: Annotated[int, typer.Option(help="Port to listen on.", min=1, max=65535)] = 8000,
) -> None:
    """Serve the web UI and the JSON API over a store, read-only: search, articles, actors, stories, timeline.

    Open the printed URL in a browser; the API is under /api, described at /api/openapi.json.
    Example: `newsledger serve --db demo.db`. Listening on another address than 127.0.0.1
    (`--host 0.0.0.0`) shows the store to the network: it has no login."""
    import uvicorn

    from newsledger.web import create_app

    try:
        web_app = create_app(db)
    except StoreError as exc:
        err.print(f"[red]error:[/red] {exc}")
        raise typer.Exit(2) from exc
    shown = f"[{host}]" if ":" in host else host
    err.print(f"[bold]serving[/bold] {db} at http://{shown}:{port}/ (API: http://{shown}:{port}/api/openapi.json); "
              "Ctrl-C stops", highlight=False, soft_wrap=True)
    try:
        uvicorn.run(web_app, host=host, port=port, log_level="warning")
    finally:
        web_app.state.pool.close()
