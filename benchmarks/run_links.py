#!/usr/bin/env python3
"""Cross-article linking benchmark: stories, near-duplicates, the same statement, citations.

    .venv/bin/python benchmarks/run_links.py [--set dev|gold|both] [--shared ../shared] [--out benchmarks/out]

Each set's articles (benchmarks/link_dev/ or benchmarks/link_gold/articles.jsonl) are ingested
with `Ledger` into a fresh SQLite store, in publication order, so linking is incremental as in use.
The links the store holds are then scored against the set's gold (benchmarks/gold/links_dev.json,
written to tune on, and benchmarks/gold/links.json, the evaluation set, never tuned on):

- stories: pairwise precision and recall over article pairs (two articles in one gold story);
- duplicates: precision and recall of `duplicate` links;
- same statement: a gold pair is found when a `same_statement` link joins a quote overlapping each
  gold quote (half the gold words at least); a predicted link is right when its two quotes are one
  gold utterance (pairs closed transitively, quotes copied between gold duplicates included);
- citations: a gold citation is found when a `cites` link starts at a quote overlapping the citing
  words and ends at the cited article.
The records and links are also scored by ../shared/eval/score.py (link_story, link_statement).
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
import tempfile
import time
from itertools import combinations, pairwise
from pathlib import Path

from common import ROOT, arguments, read_jsonl
from newsledger import Ledger

SETS = {"dev": ("link_dev", "links_dev.json"), "gold": ("link_gold", "links.json"),
        "heldout": ("link_heldout", "links_heldout.json")}


def _ratio(hit: int, total: int) -> float:
    return round(hit / total, 3) if total else 0.0


def _f1(p: float, r: float) -> float:
    return round(2 * p * r / (p + r), 3) if p + r else 0.0


class Quotes:
    """Which predicted quotes a gold quote (an article and a substring) points at."""

    def __init__(self, records: dict[str, dict]) -> None:
        self.records = records

    def ids(self, article: str, snippet: str) -> set[str]:
        record = self.records.get(article)
        if not record:
            return set()
        body = record["body"]
        at = body.find(snippet)
        if at < 0:
            return {q["id"] for q in record["quotes"] if snippet in q["text"]}
        end = at + len(snippet)
        return {q["id"] for q in record["quotes"]
                if min(end, q["end"]) - max(at, q["start"]) >= 0.5 * len(snippet)}


def _utterances(gold: dict, quotes: Quotes) -> dict[tuple[str, str], int]:
    """Predicted quote -> gold utterance number, closing gold pairs (and duplicate copies) transitively."""
    parent: dict[tuple[str, str], tuple[str, str]] = {}

    def find(x: tuple[str, str]) -> tuple[str, str]:
        parent.setdefault(x, x)
        while parent[x] != x:
            x = parent[x]
        return x

    for pair in gold["same_statement"] + gold.get("cites_pairs", []):
        ends = [(pair[s]["article"], q) for s in ("a", "b") for q in quotes.ids(pair[s]["article"], pair[s]["quote"])]
        for x, y in pairwise(ends):
            parent[find(x)] = find(y)
    for a, b in gold.get("duplicates", []):  # a quote a duplicate copies (lightly edited) is the same one
        for qa in quotes.records.get(a, {}).get("quotes", []):
            for qb in quotes.records.get(b, {}).get("quotes", []):
                if _copied(qa["text"], qb["text"]):
                    parent[find((a, qa["id"]))] = find((b, qb["id"]))
    roots: dict[tuple[str, str], int] = {}
    return {x: roots.setdefault(find(x), len(roots)) for x in list(parent)}


def _copied(a: str, b: str) -> bool:
    """Most words of the shorter quote are in the longer one: the copy of a lightly edited wire story."""
    words_a, words_b = set(re.findall(r"\w+", a.casefold())), set(re.findall(r"\w+", b.casefold()))
    return len(words_a & words_b) >= 0.6 * max(1, min(len(words_a), len(words_b)))


def score(gold: dict, records: dict[str, dict], links: list[dict]) -> dict:
    quotes = Quotes(records)
    by_type: dict[str, list[dict]] = {}
    for link in links:
        by_type.setdefault(link["type"], []).append(link)

    story_of = {a: s["story"] for s in gold["stories"] for a in s["articles"]}
    gold_pairs = {frozenset(p) for s in gold["stories"] for p in combinations(s["articles"], 2)}
    predicted = {frozenset((x["a"]["article"], x["b"]["article"])) for x in by_type.get("same_story", [])}
    story_p, story_r = _ratio(len(predicted & gold_pairs), len(predicted)), _ratio(len(predicted & gold_pairs),
                                                                                     len(gold_pairs))
    gold_dups = {frozenset(p) for p in gold.get("duplicates", [])}
    dups = {frozenset((x["a"]["article"], x["b"]["article"])) for x in by_type.get("duplicate", [])}

    statement_pairs = {frozenset([(x["a"]["article"], x["a"]["quote"]), (x["b"]["article"], x["b"]["quote"])])
                       for x in by_type.get("same_statement", [])}
    found = 0
    misses = []
    for pair in gold["same_statement"]:
        qa = {(pair["a"]["article"], q) for q in quotes.ids(pair["a"]["article"], pair["a"]["quote"])}
        qb = {(pair["b"]["article"], q) for q in quotes.ids(pair["b"]["article"], pair["b"]["quote"])}
        if any(frozenset([x, y]) in statement_pairs for x in qa for y in qb):
            found += 1
        else:
            misses.append(f"{pair['a']['article']}~{pair['b']['article']} {pair.get('speaker')}: "
                          f"{'no quote a' if not qa else ''} {'no quote b' if not qb else ''}".strip())
    utterance = _utterances(gold, quotes)
    right = [p for p in statement_pairs if len({utterance.get(end, -1 - i) for i, end in enumerate(p)}) == 1]
    wrong = sorted(str(sorted(p)) for p in statement_pairs if p not in right)

    cites = by_type.get("cites", [])
    cites_found = 0
    cite_hits = set()
    for cite in gold.get("cites", []):
        citing = quotes.ids(cite["a"]["article"], cite["a"]["quote"])
        hit = [x for x in cites if x["a"]["article"] == cite["a"]["article"] and x["a"]["quote"] in citing
               and x["b"]["article"] == cite["b"]["article"]]
        cites_found += bool(hit)
        cite_hits |= {id(x) for x in hit}
    cited_ok = [x for x in cites if id(x) in cite_hits or any(
        x["a"]["article"] == c["a"]["article"] and x["b"]["article"] in _reporters(gold, c, quotes)
        and x["a"]["quote"] in quotes.ids(c["a"]["article"], c["a"]["quote"]) for c in gold.get("cites", []))]

    statement_p = _ratio(len(right), len(statement_pairs))
    statement_r = _ratio(found, len(gold["same_statement"]))
    cites_p, cites_r = _ratio(len(cited_ok), len(cites)), _ratio(cites_found, len(gold.get("cites", [])))
    return {
        "articles": len(records), "gold_stories": len(gold["stories"]),
        "predicted_stories": len({x for x in _predicted_stories(links, records)}),
        "story_pairwise_precision": story_p, "story_pairwise_recall": story_r, "story_f1": _f1(story_p, story_r),
        "duplicate_precision": _ratio(len(dups & gold_dups), len(dups)),
        "duplicate_recall": _ratio(len(dups & gold_dups), len(gold_dups)),
        "statement_precision": statement_p, "statement_recall": statement_r,
        "statement_f1": _f1(statement_p, statement_r),
        "cites_precision": cites_p, "cites_recall": cites_r, "cites_f1": _f1(cites_p, cites_r),
        "wrong_story_pairs": sorted(f"{min(p)}~{max(p)} ({story_of.get(min(p))}/{story_of.get(max(p))})"
                                    for p in predicted - gold_pairs)[:40],
        "missed_story_pairs": sorted(f"{min(p)}~{max(p)} ({story_of.get(min(p))})"
                                     for p in gold_pairs - predicted)[:40],
        "missed_statements": misses, "wrong_statements": wrong[:30],
    }


def happening_agreement(gold: dict, happenings: list[dict]) -> dict:
    """A proxy for merged events (the gold has no event annotation): how many pairs of reports the
    linker made one happening, and the share of them whose two articles are in one gold story."""
    story_of = {a: s["story"] for s in gold["stories"] for a in s["articles"]}
    pairs = [(a["article"], b["article"]) for h in happenings for a, b in combinations(h["mentions"], 2)
             if a["article"] != b["article"]]
    within = sum(story_of.get(a) == story_of.get(b) for a, b in pairs)
    return {"merged_happenings": len(happenings), "happening_report_pairs": len(pairs),
            "happening_pairs_within_one_story": _ratio(within, len(pairs))}


def _reporters(gold: dict, cite: dict, quotes: Quotes) -> set[str]:
    """Articles that report the cited statement: the gold one and its same-statement partners."""
    found = {cite["b"]["article"]}
    for pair in gold["same_statement"]:
        ends = {pair["a"]["article"], pair["b"]["article"]}
        if found & ends:
            found |= ends
    return found


def _predicted_stories(links: list[dict], records: dict[str, dict]) -> set[str]:
    return {x["evidence"].split(":")[0] for x in links if x["type"] == "same_story"}


def run_set(name: str, shared: Path, out: Path) -> dict | None:
    folder, gold_name = SETS[name]
    articles_path, gold_path = ROOT / "benchmarks" / folder / "articles.jsonl", ROOT / "benchmarks" / "gold" / gold_name
    if not articles_path.exists() or not gold_path.exists():
        return None
    gold = json.loads(gold_path.read_text(encoding="utf-8"))
    items = sorted(read_jsonl(articles_path), key=lambda i: (i.get("published") or "", i["id"]))
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        feed.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
        database = out / f"links_{name}.db"  # kept, to look into with `newsledger stories --db`
        for stale in out.glob(f"links_{name}.db*"):
            stale.unlink()
        with Ledger(database, batch_size=8) as ledger:
            start = time.perf_counter()
            ledger.ingest([feed])
            seconds = time.perf_counter() - start
            records = {r["id"]: r for r in ledger.records()}
            links = ledger.store.links()
            happenings = ledger.store.happenings(limit=100000)
    result = score(gold, records, links)
    result.update(happening_agreement(gold, happenings))
    result["ingest_seconds"] = round(seconds, 1)
    records_path, links_path = out / f"links_{name}_records.jsonl", out / f"links_{name}_links.jsonl"
    records_path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records.values()),
                            encoding="utf-8")
    links_path.write_text("".join(json.dumps(x, ensure_ascii=False) + "\n" for x in links), encoding="utf-8")
    result["shared_scorer"] = shared_score(gold, records_path, links_path, shared, out / f"links_{name}_gold.json")
    return result


def shared_score(gold: dict, records_path: Path, links_path: Path, shared: Path, converted: Path) -> dict:
    """The same links through ../shared/eval/score.py, its gold written in that scorer's format."""
    scorer = shared / "eval" / "score.py"
    if not scorer.exists():
        return {}
    story_of = {a: s["story"] for s in gold["stories"] for a in s["articles"]}
    converted.write_text(json.dumps({
        "articles": {},
        "links": [{"type": "same_story", "a": a, "b": b}
                  for s in gold["stories"] for a, b in combinations(s["articles"], 2)]
        + [{"type": "same_statement", "a": [p["a"]["article"], p["a"]["quote"]],
            "b": [p["b"]["article"], p["b"]["quote"]]} for p in gold["same_statement"]],
        "not_links": [{"type": "same_story", "a": a, "b": b} for a, b in combinations(sorted(story_of), 2)
                      if story_of[a] != story_of[b]]}, ensure_ascii=False), encoding="utf-8")
    done = subprocess.run([sys.executable, str(scorer), str(converted), str(records_path), "--links", str(links_path),
                           "--json"], capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[0])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", choices=(*SETS, "all"), default="all")
    parser.add_argument("--verbose", action="store_true", help="list wrong and missed pairs")
    args = arguments(__doc__, parser)
    names = tuple(SETS) if args.set == "all" else (args.set,)
    results = {}
    for name in names:
        result = run_set(name, args.shared, args.out)
        if result is None:
            print(f"{name}: set not found", file=sys.stderr)
            continue
        results[name] = result
        shown = {k: v for k, v in result.items() if args.verbose or not isinstance(v, list)}
        print(f"== {name}\n" + json.dumps(shown, indent=1, ensure_ascii=False))
    (args.out / "links.json").write_text(json.dumps(results, indent=1, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
