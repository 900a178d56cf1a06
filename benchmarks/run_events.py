#!/usr/bin/env python3
"""Event benchmarks: PLOVER gold sentences (dev) and our own event gold, through the real pipeline.

    .venv/bin/python benchmarks/run_events.py [--shared ../shared] [--out benchmarks/out] [--no-heldout]

1. ../shared/benchmarks/plover/plover_gsr_dev.jsonl: each sentence as a JSONL input {"id", "text"}
   through `newsledger.extract`, scored with shared/eval/score_events.py (macro-F1 over the 16
   PLOVER types, type accuracy, source/target country accuracy), plus the confusion between gold
   and predicted types (the best event per sentence, as the scorer takes it). The rest of the
   PLOVER gold standard is held out by the benchmark's owners; these are dev figures.
2. Our gold (benchmarks/event_gold/articles.jsonl, benchmarks/gold/events.json; developed with its
   errors in view) and a held-out gold by another author (benchmarks/event_gold_heldout/,
   benchmarks/gold/events_heldout.json; scored, never tuned on), when present: each gold event
   is found when a predicted event of its sentence has its type; its source and target countries
   are then compared; sentences listed as not events must yield none.
3. The Korean gold (benchmarks/event_gold_ko/{dev,heldout}/: articles.jsonl and events.json),
   scored the same way: `--korean dev` (the default) while working, `--korean dev heldout` once at
   the end; `--korean-only` skips the English sets.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from collections import Counter
from pathlib import Path

from common import ROOT, arguments, read_jsonl, run_pipeline

REMAP = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}


def plover(shared: Path, out: Path) -> dict:
    path = shared / "benchmarks" / "plover" / "plover_gsr_dev.jsonl"
    gold = read_jsonl(path)
    records, _ = run_pipeline([{"id": g["id"], "text": g["text"], "language": "en"} for g in gold])
    records_path = out / "plover_dev_newsledger.jsonl"
    records_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records.values()),
                            encoding="utf-8")
    done = subprocess.run([sys.executable, str(shared / "eval" / "score_events.py"), str(path), str(records_path),
                           "--json"], capture_output=True, text=True, check=True)
    scores = json.loads(done.stdout.splitlines()[0])
    confusion: Counter = Counter()
    for g in gold:
        want = REMAP.get(g.get("event16") or g["event"], g.get("event16") or g["event"])
        events = (records.get(g["id"]) or {}).get("events") or []
        best = max(events, key=lambda e: e.get("confidence") or 0.0, default=None)
        confusion[(want, best["type"] if best else "none")] += 1
    scores["confusion"] = {f"{a} -> {b}": n for (a, b), n in sorted(confusion.items()) if a != b}
    return scores


def own_gold(out: Path, name: str, articles_path: Path, gold_path: Path) -> dict | None:
    if not (articles_path.exists() and gold_path.exists()):
        return None
    articles = read_jsonl(articles_path)
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["articles"]
    records, _ = run_pipeline(articles)
    (out / f"{name}_newsledger.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records.values()), encoding="utf-8")
    found = total = src_ok = src_n = tgt_ok = tgt_n = quiet = quiet_n = predicted = 0
    by_type_gold: Counter = Counter()
    by_type_found: Counter = Counter()
    matched_predictions = set()
    misses = []
    for article in articles:
        record = records.get(article["id"]) or {"body": "", "events": []}
        body, events = record["body"], record.get("events") or []
        predicted += len(events)
        for g in gold.get(article["id"], {}).get("events", []):
            total += 1
            by_type_gold[g["type"]] += 1
            at = body.find(g["sentence"])
            here = [e for e in events if at >= 0 and e["sentence"][0] <= at < e["sentence"][1]]
            same = [e for e in here if e["type"] == g["type"]]
            if not same:
                misses.append(f"{article['id']}: {g['type']} {g['sentence'][:60]!r} -> {[e['type'] for e in here]}")
                continue
            found += 1
            by_type_found[g["type"]] += 1
            matched_predictions.add((article["id"], same[0]["id"]))
            for side, ok_n in (("source_country", "src"), ("target_country", "tgt")):
                if g.get(side):
                    hit = bool(set(g[side]) & set(same[0].get(side) or []))
                    if ok_n == "src":
                        src_n, src_ok = src_n + 1, src_ok + hit
                    else:
                        tgt_n, tgt_ok = tgt_n + 1, tgt_ok + hit
        for sentence in gold.get(article["id"], {}).get("not_events", []):
            quiet_n += 1
            at = body.find(sentence)
            quiet += not any(at >= 0 and e["sentence"][0] <= at < e["sentence"][1] for e in events)
    return {"articles": len(articles), "gold_events": total, "predicted_events": predicted,
            "recall_type": round(found / max(1, total), 3),
            "precision_type": round(len(matched_predictions) / max(1, predicted), 3),
            "source_country_accuracy": round(src_ok / max(1, src_n), 3),
            "target_country_accuracy": round(tgt_ok / max(1, tgt_n), 3),
            "not_events_kept_quiet": round(quiet / max(1, quiet_n), 3), "not_events": quiet_n,
            "recall_by_type": {t: f"{by_type_found[t]}/{n}" for t, n in sorted(by_type_gold.items())},
            "misses": misses}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--korean", nargs="*", default=["dev"], choices=["dev", "heldout"],
                        help="parts of the Korean gold to score (heldout: once, at the end of a round of work)")
    parser.add_argument("--korean-only", action="store_true", help="score the Korean gold alone")
    parser.add_argument("--no-heldout", action="store_true",
                        help="leave the held-out gold unscored, so that work in progress never sees it")
    args = arguments(__doc__, parser)
    report: dict = {}
    if args.korean_only:
        for part in args.korean:
            folder = ROOT / "benchmarks" / "event_gold_ko" / part
            report[f"korean_{part}"] = own_gold(args.out, f"korean_{part}", folder / "articles.jsonl",
                                                folder / "events.json")
        (args.out / "events_korean.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
        print(json.dumps(report, indent=2, ensure_ascii=False))
        return 0
    if (args.shared / "benchmarks" / "plover" / "plover_gsr_dev.jsonl").exists():
        report["plover_dev"] = plover(args.shared, args.out)
    benchmarks = ROOT / "benchmarks"
    golds = {"own_gold": (benchmarks / "event_gold" / "articles.jsonl", benchmarks / "gold" / "events.json")}
    if not args.no_heldout:
        golds["heldout"] = (benchmarks / "event_gold_heldout" / "articles.jsonl",
                            benchmarks / "gold" / "events_heldout.json")
    for part in args.korean:
        folder = benchmarks / "event_gold_ko" / part
        golds[f"korean_{part}"] = (folder / "articles.jsonl", folder / "events.json")
    for name, (articles_path, gold_path) in golds.items():
        if (scores := own_gold(args.out, name, articles_path, gold_path)) is not None:
            report[name] = scores
    (args.out / "events.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps({k: {kk: vv for kk, vv in v.items() if kk != "misses"} for k, v in report.items()}, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
