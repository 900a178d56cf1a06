#!/usr/bin/env python3
"""Korean quote benchmark: our Korean gold set through the real pipeline, scored by shared/eval/score.py.

    .venv/bin/python benchmarks/run_quotes_ko.py [--shared ../shared] [--out benchmarks/out] [--verbose] [--heldout]

The articles (benchmarks/ko_quote_gold/articles.jsonl: fictional, news-style, written for this
project) go through `newsledger.extract` as JSONL, exactly as the CLI reads them; the records are
written to benchmarks/out/ko_quote_gold_newsledger.jsonl and scored against
benchmarks/gold/ko_quotes.json. Printed: quote recall (a gold quote's substring found in some
quote), speaker-attributed recall (found with an acceptable speaker), kind accuracy, precision
(extracted quotes that are gold or optional) and the F1 of attributed recall and precision.
--verbose lists every miss. The figures are also written to benchmarks/out/quotes_ko.json.

--heldout scores instead the Korean articles of benchmarks/heldout*/ko/ (scraped-page texts written
by other authors for the cleaner's benchmark, never seen while the quote finder was written) against
benchmarks/ko_quote_gold/heldout_others.json, whose quotes were marked from those texts alone.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

from common import ROOT, arguments, read_jsonl, run_pipeline

GOLD = ROOT / "benchmarks" / "gold" / "ko_quotes.json"
ARTICLES = ROOT / "benchmarks" / "ko_quote_gold" / "articles.jsonl"
HELDOUT_GOLD = ROOT / "benchmarks" / "ko_quote_gold" / "heldout_others.json"
NAMES = {"quote_span": "quote recall", "quote_speaker": "speaker-attributed recall", "quote_kind": "kind accuracy",
         "quote_precision": "precision", "body_kept": "quote text kept in body"}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="list every miss the scorer reports")
    ap.add_argument("--heldout", action="store_true", help="the other authors' Korean articles (benchmarks/heldout*)")
    args = arguments(__doc__, ap)
    gold = GOLD
    if args.heldout:
        gold = HELDOUT_GOLD
        items = [{"id": f"{path.parent.parent.name}/{path.stem}", "language": "ko",
                  "text": path.read_text(encoding="utf-8")}
                 for path in sorted((ROOT / "benchmarks").glob("heldout*/ko/*.txt"))]
    else:
        items = read_jsonl(ARTICLES)
    records, seconds = run_pipeline(items)
    out = args.out / ("ko_quote_heldout_newsledger.jsonl" if args.heldout else "ko_quote_gold_newsledger.jsonl")
    with out.open("w", encoding="utf-8") as stream:
        for item in items:
            if item["id"] in records:
                stream.write(json.dumps(records[item["id"]], ensure_ascii=False) + "\n")
    score = args.shared / "eval" / "score.py"
    measures = json.loads(subprocess.run([sys.executable, str(score), str(gold), str(out), "--json"],
                                         capture_output=True, text=True, check=True).stdout.splitlines()[0])
    detail = subprocess.run([sys.executable, str(score), str(gold), str(out)] + (["--verbose"] if args.verbose else []),
                            capture_output=True, text=True, check=True).stdout
    attributed, precision = measures.get("quote_speaker", 0.0), measures.get("quote_precision", 0.0)
    report = {"articles": len(items), "records": len(records),
              "quotes_extracted": sum(len(r.get("quotes") or []) for r in records.values()),
              "seconds": round(seconds, 2),
              **{NAMES.get(k, k): v for k, v in measures.items()},
              "f1 (attributed recall, precision)": round(
                  2 * attributed * precision / (attributed + precision), 3) if attributed + precision else 0.0}
    print(detail.rstrip())
    print(json.dumps(report, indent=2, ensure_ascii=False))
    name = "quotes_ko_heldout.json" if args.heldout else "quotes_ko.json"
    (args.out / name).write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
