#!/usr/bin/env python3
"""Time benchmarks: TempEval-3 platinum and our own English/Korean gold, newsledger vs dateparser.

    .venv/bin/python benchmarks/run_time.py [--shared ../shared] [--out benchmarks/out]

1. TempEval-3 platinum (20 documents, 138 TIMEX3): each document through `newsledger.extract`
   (the real pipeline, `{"id","text","published"}` as JSONL input), scored with
   shared/eval/score_times.py; dateparser's `search_dates` alone on the same texts, same scorer.
2. Our gold (benchmarks/time_gold/articles.jsonl, benchmarks/gold/times.json): value accuracy of
   every gold expression (shared/eval/score.py `date_value`), newsledger and dateparser.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from datetime import datetime
from pathlib import Path

from common import ROOT, arguments
from newsledger import Article, extract


def run_newsledger(docs: list[dict], path: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        feed.write_text("".join(json.dumps({k: d[k] for k in ("id", "text", "published", "language") if d.get(k)})
                                + "\n" for d in docs), encoding="utf-8")
        with path.open("w", encoding="utf-8") as out:
            for result in extract([feed]):
                if isinstance(result, Article):
                    out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")


def run_dateparser(docs: list[dict], path: Path) -> None:
    """dateparser's search_dates alone: each hit a time with the day it resolves to."""
    from dateparser.search import search_dates

    with path.open("w", encoding="utf-8") as out:
        for doc in docs:
            base = datetime.fromisoformat(doc["published"][:10])
            settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past"}
            languages = [doc.get("language") or "en"]
            hits = search_dates(doc["text"], languages=languages, settings=settings) or []
            times = [{"text": text, "start": 0, "end": 0, "value": when.date().isoformat(), "type": "DATE"}
                     for text, when in hits]
            out.write(json.dumps({"id": doc["id"], "body": doc["text"], "times": times}, ensure_ascii=False) + "\n")


def score(shared: Path, scorer: str, gold: Path, records: Path) -> dict:
    done = subprocess.run([sys.executable, str(shared / "eval" / scorer), str(gold), str(records), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[0])


def main() -> int:
    args = arguments(__doc__)
    report: dict = {}
    tempeval = args.shared / "benchmarks" / "tempeval3" / "te3_platinum.jsonl"
    if tempeval.exists():
        docs = [json.loads(x) for x in tempeval.read_text(encoding="utf-8").splitlines() if x.strip()]
        for d in docs:
            d["language"] = "en"
        report["tempeval3"] = {}
        for name, runner in (("newsledger", run_newsledger), ("dateparser", run_dateparser)):
            path = args.out / f"tempeval3_{name}.jsonl"
            runner(docs, path)
            report["tempeval3"][name] = score(args.shared, "score_times.py", tempeval, path)
    gold = ROOT / "benchmarks" / "gold" / "times.json"
    articles = ROOT / "benchmarks" / "time_gold" / "articles.jsonl"
    if gold.exists() and articles.exists():
        docs = [json.loads(x) for x in articles.read_text(encoding="utf-8").splitlines() if x.strip()]
        report["own_gold"] = {}
        for name, runner in (("newsledger", run_newsledger), ("dateparser", run_dateparser)):
            path = args.out / f"time_gold_{name}.jsonl"
            runner(docs, path)
            scores = {"date_value": score(args.shared, "score.py", gold, path).get("date_value")}
            for lang in ("en", "ko"):
                done = subprocess.run([sys.executable, str(args.shared / "eval" / "score.py"), str(gold), str(path),
                                       "--json", "--lang", lang], capture_output=True, text=True, check=True)
                scores[f"date_value_{lang}"] = json.loads(done.stdout.splitlines()[0]).get("date_value")
            report["own_gold"][name] = scores
    (args.out / "time.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
