#!/usr/bin/env python3
"""Korean articles per second as a ratio against English ones of similar length, in one run.

    .venv/bin/python benchmarks/run_korean_speed.py [--rounds 3] [--out benchmarks/out]

Like for like: the Korean articles of the link sets (benchmarks/link_dev/, benchmarks/link_gold/;
13 articles written for this project in news style) and, for each, an English article of the same
story (the first of that story in the set), so that both sides report the same news at the length
news is written in each language. Both go through the full pipeline (`newsledger.extract`:
cleaning, Kiwi or spaCy, times, actors, quotes, events) in alternating rounds, after a warm-up that
loads the models. Korean packs more into a character, so the ratio is given per article and per
character. Writes benchmarks/out/korean_speed.json.
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from common import ROOT, arguments, read_jsonl, run_pipeline

LINK_SETS = (("link_dev", "links_dev.json"), ("link_gold", "links.json"))


def paired_articles() -> dict[str, list[dict]]:
    """Each Korean article of the link sets and the first English article of its story."""
    pairs: dict[str, list[dict]] = {"ko": [], "en": []}
    for folder, gold_name in LINK_SETS:
        articles = {a["id"]: a for a in read_jsonl(ROOT / "benchmarks" / folder / "articles.jsonl")}
        gold = json.loads((ROOT / "benchmarks" / "gold" / gold_name).read_text(encoding="utf-8"))
        for story in gold["stories"]:
            korean = [articles[i] for i in story["articles"] if articles[i]["language"] == "ko"]
            english = [articles[i] for i in story["articles"] if articles[i]["language"] == "en"]
            for article in korean:
                if english:
                    pairs["ko"].append(article)
                    pairs["en"].append(english[0])
    return pairs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = arguments(__doc__, parser)
    items = paired_articles()
    for batch in items.values():  # warm-up: models load once per process
        run_pipeline(batch[:2])
    seconds: dict[str, list[float]] = {language: [] for language in items}
    for _ in range(args.rounds):
        for language, batch in items.items():
            started = time.perf_counter()
            records, _ = run_pipeline(batch)
            seconds[language].append(time.perf_counter() - started)
            assert len(records) == len(batch), f"{language}: {len(batch) - len(records)} articles failed"
    result = {}
    for language, batch in items.items():
        best = min(seconds[language])
        characters = sum(len(i["text"]) for i in batch)
        result[language] = {"articles": len(batch), "characters": characters,
                            "median_characters": statistics.median(len(i["text"]) for i in batch),
                            "best_seconds": round(best, 2), "articles_per_second": round(len(batch) / best, 2),
                            "kchars_per_second": round(characters / best / 1000, 2)}
    ko, en = result["ko"], result["en"]
    result["ratio_ko_over_en"] = {
        "articles_per_second": round(ko["articles_per_second"] / en["articles_per_second"], 2),
        "characters_per_second": round(ko["kchars_per_second"] / en["kchars_per_second"], 2)}
    print(json.dumps(result, indent=1))
    (args.out / "korean_speed.json").write_text(json.dumps(result, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
