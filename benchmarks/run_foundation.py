#!/usr/bin/env python3
"""Foundation benchmarks: cleaning gold sets, main text from HTML, and extract throughput.

    .venv/bin/python benchmarks/run_foundation.py [--shared ../shared] [--out benchmarks/out]

1. Cleaning: `extract` over examples/ and over the held-out sets benchmarks/heldout*/, scored with
   shared/eval/score.py against benchmarks/gold/cleaning*.json; for the held-out sets also the
   share of story paragraphs (`body_keeps`) that survive cleaning.
2. Main text from HTML: the 181 pages of shared/benchmarks/article_extraction through newsledger
   (no NLP) and through trafilatura's `extract` alone, in the same run, both scored with
   shared/eval/score_extraction.py; newsledger also with its removed credits and copyright lines
   put back, since the ground truth keeps them.
3. Throughput on those pages: newsledger `extract` without NLP stages, as a ratio against
   trafilatura's `extract`, timed in the same run (best of 3 rounds each, interleaved).
Skips a part cleanly when its shared data is absent.
"""

from __future__ import annotations

import gzip
import json
import re
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

from common import ROOT, arguments
from newsledger import Article, extract
from newsledger.api import make_pipeline
from newsledger.ingest import read_inputs


def norm(text: str) -> str:
    """The scorer's normalisation (shared/eval/score.py), for the body_keeps measure."""
    text = unicodedata.normalize("NFKC", text or "").translate(
        str.maketrans({"\u201c": '"', "\u201d": '"', "\u2018": "'", "\u2019": "'", "\u00a0": " "}))
    return re.sub(r"\s+", " ", text.casefold()).strip()


def write_records(articles, path: Path) -> int:
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for result in articles:
            if isinstance(result, Article):
                out.write(json.dumps(result.to_dict(), ensure_ascii=False) + "\n")
                count += 1
    return count


def scorer(shared: Path, name: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, str(shared / "eval" / name), *args, "--json"], capture_output=True,
                          text=True, check=True)
    return json.loads(done.stdout.splitlines()[0])


def cleaning(shared: Path, out: Path) -> dict:
    results = {}
    sets = [("examples", [ROOT / "examples"], ROOT / "benchmarks/gold/cleaning.json")]
    sets += [(name, [ROOT / "benchmarks" / name], ROOT / f"benchmarks/gold/cleaning_{name}.json")
             for name in ("heldout", "heldout2", "heldout3")]
    for label, inputs, gold in sets:
        if not gold.exists() or not all(p.exists() for p in inputs):
            continue
        records_path = out / f"cleaning_{label}.jsonl"
        write_records(extract(inputs, nlp=False), records_path)
        scores = scorer(shared, "score.py", str(gold), str(records_path))
        scores.pop("quote_precision", None)
        records = [json.loads(x) for x in records_path.read_text(encoding="utf-8").splitlines()]
        by_name = {Path(r["source"]["path"]).name: r for r in records}
        by_name.update({r["id"]: r for r in records})
        keeps = kept = 0
        misses = []
        for key, entry in json.loads(gold.read_text(encoding="utf-8"))["articles"].items():
            body = norm((by_name.get(key) or {}).get("body", ""))
            for paragraph in entry.get("body_keeps", []):
                keeps += 1
                if norm(paragraph) in body:
                    kept += 1
                else:
                    misses.append(f"{key}: {paragraph[:70]}")
        if keeps:
            scores["story_paragraphs_kept"] = round(kept / keeps, 3)
            scores["story_paragraphs"] = keeps
            scores["story_misses"] = misses
        results[label] = scores
    return results


def html_extraction(shared: Path, out: Path) -> dict | None:
    bench = shared / "benchmarks" / "article_extraction"
    if not bench.exists():
        return None
    import trafilatura

    pages = sorted((bench / "html").glob("*.html.gz"))
    ours_path, theirs_path, with_credits_path = (out / f"extraction_{n}.jsonl" for n in
                                                 ("newsledger", "trafilatura", "newsledger_with_credits"))
    write_records(extract(pages, nlp=False), ours_path)
    with theirs_path.open("w", encoding="utf-8") as stream:
        for page in pages:
            body = trafilatura.extract(gzip.decompress(page.read_bytes()).decode("utf-8", "replace")) or ""
            stream.write(json.dumps({"id": page.name.removesuffix(".html.gz"), "body": body}) + "\n")
    with with_credits_path.open("w", encoding="utf-8") as stream:
        for line in ours_path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            back = [r["text"] for r in record["removed"] if r["reason"] in ("credit", "caption")
                    or r.get("rule") == "copyright"]
            record["body"] = "\n\n".join([record["body"], *back])
            stream.write(json.dumps(record, ensure_ascii=False) + "\n")
    gt = str(bench / "ground-truth.json")
    return {"pages": len(pages),
            "trafilatura_extract": scorer(shared, "score_extraction.py", gt, str(theirs_path)),
            "newsledger": scorer(shared, "score_extraction.py", gt, str(ours_path)),
            "newsledger_with_removed_credits": scorer(shared, "score_extraction.py", gt, str(with_credits_path))}


def throughput(shared: Path, rounds: int = 3) -> dict | None:
    bench = shared / "benchmarks" / "article_extraction" / "html"
    if not bench.exists():
        return None
    import trafilatura

    pages = sorted(bench.glob("*.html.gz"))
    htmls = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in pages]
    pipeline = make_pipeline(nlp=False)
    list(pipeline.pipe(read_inputs(pages[:5])))  # warm up: rules, language model
    for html in htmls[:5]:
        trafilatura.extract(html)
    ours, theirs = [], []
    for _ in range(rounds):  # interleaved, so both see the same machine load
        start = time.perf_counter()
        done = sum(isinstance(r, Article) for r in pipeline.pipe(read_inputs(pages)))
        ours.append(time.perf_counter() - start)
        start = time.perf_counter()
        for html in htmls:
            trafilatura.extract(html)
        theirs.append(time.perf_counter() - start)
    return {"pages": len(pages), "articles": done,
            "newsledger_pages_per_s": round(len(pages) / min(ours), 1),
            "trafilatura_pages_per_s": round(len(pages) / min(theirs), 1),
            "ratio_newsledger_over_trafilatura": round(min(theirs) / min(ours), 3),
            "note": "newsledger includes reading the .gz files, decoding, language id, cleaning and ids"}


def main() -> int:
    args = arguments(__doc__)
    report = {"cleaning": cleaning(args.shared, args.out), "html_extraction": html_extraction(args.shared, args.out),
              "throughput": throughput(args.shared)}
    (args.out / "foundation.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    print(json.dumps(report, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
