#!/usr/bin/env python3
"""Actor benchmarks: our entity gold set, PLOVER actor country codes, and the cost of resolution.

    .venv/bin/python benchmarks/run_actors.py [--shared ../shared] [--out benchmarks/out]

1. Our gold (benchmarks/actor_gold/articles.jsonl, benchmarks/gold/actors.json; developed with its
   errors in view) and two held-out golds by other authors (benchmarks/actor_gold_heldout*/,
   benchmarks/gold/actors_heldout*.json; scored, never tuned on): every article
   through `newsledger.extract` (the real pipeline); gold offsets (into the input text) are mapped
   onto the cleaned body by character alignment. Scored here, since shared/eval has no entity scorer:
   - entity recall / precision by type: a gold entity is found when a predicted entity of the same
     type has a mention overlapping one of its mentions; a predicted entity of an annotated type
     that overlaps no gold mention at all is a false positive;
   - resolution accuracy: each gold mention (names, metonyms, demonyms, pronouns, titles) is right
     when the predicted entity holding an overlapping mention is the one mapped to its gold entity
     (each predicted entity maps to the gold entity most of its mentions overlap); by kind too;
   - role accuracy: each gold role of a person, found among the roles of the entity mapped to it;
   - country accuracy of the entities found, and the share of public figures linked to the KB.
2. PLOVER (../shared/benchmarks/plover/plover_gsr_dev.jsonl): each sentence through the pipeline;
   each gold source/target actor with a country code is right when the entity covering its text
   carries that code.
3. Cost: the pipeline with and without the actors stage on the same articles, in one run,
   interleaved, best of 5: the ratio is what resolution adds; and the actors stage's own time,
   measured inside the pipeline, over the time of everything else (less noisy).
"""

from __future__ import annotations

import json
import time
from collections import Counter
from difflib import SequenceMatcher
from pathlib import Path

from common import ROOT, arguments, read_jsonl, run_pipeline
from newsledger.actors.kb import knowledge_base, name_key
from newsledger.pipeline import DEFAULT_STAGES, Pipeline

TYPES = ("PERSON", "ORG", "GPE", "LOC")
CAMEO_TO_ISO = {"JAP": "JPN", "UKG": "GBR", "GMY": "DEU", "SPN": "ESP", "PHI": "PHL", "MOR": "MAR",
                "NTH": "NLD", "SAF": "ZAF", "ROM": "ROU"}
NOT_COUNTRY = {"IGO", "NGO", "MNC", "UNK", "REB", "IMG", ""}


def offset_map(text: str, body: str) -> dict[int, int]:
    """Input-text offset -> body offset, for the characters the cleaner kept."""
    mapping = {}
    for a, b, size in SequenceMatcher(None, text, body, autojunk=False).get_matching_blocks():
        for k in range(size):
            mapping[a + k] = b + k
    return mapping


def overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def roles_match(gold: str, predicted: list[str]) -> bool:
    g = name_key(gold)
    for role in predicted:
        p = name_key(role)
        if g == p or ((g in p or p in g) and min(len(g), len(p)) >= 0.6 * max(len(g), len(p))):
            return True
    return False


def score_gold(articles: list[dict], gold: dict, records: dict[str, dict]) -> dict:
    found, total, false_pos, predicted_n = Counter(), Counter(), Counter(), Counter()
    by_kind, by_kind_total = Counter(), Counter()
    roles_ok = roles_n = country_ok = country_n = linked = public = 0
    misses: list[str] = []
    for article in articles:
        record = records.get(article["id"])
        entities = gold["articles"].get(article["id"], {}).get("entities", [])
        if record is None:
            continue
        mapping = offset_map(article["text"], record["body"])
        gold_mentions = []  # (span in body, gold entity index, kind)
        for g, entity in enumerate(entities):
            for m in entity["mentions"]:
                if m["start"] in mapping and m["end"] - 1 in mapping:
                    gold_mentions.append(((mapping[m["start"]], mapping[m["end"] - 1] + 1), g, m["kind"]))
        predicted = [(e, [tuple(x) for x in e["mentions"]]) for e in record.get("entities", [])]
        # each predicted entity maps to the gold entity most of its mentions overlap
        owner: dict[int, int] = {}
        for p, (_, spans) in enumerate(predicted):
            votes = Counter(g for span in spans for gspan, g, _ in gold_mentions if overlaps(span, gspan))
            if votes:
                owner[p] = votes.most_common(1)[0][0]
        for gspan, g, kind in gold_mentions:
            holders = [p for p, (_, spans) in enumerate(predicted) if any(overlaps(s, gspan) for s in spans)]
            ok = any(owner.get(p) == g for p in holders)
            by_kind_total[kind] += 1
            by_kind[kind] += ok
            if not ok:
                misses.append(f"{article['id']}: {record['body'][gspan[0]:gspan[1]]!r} ({kind}) of "
                              f"{entities[g]['name']} -> {[predicted[p][0]['name'] for p in holders]}")
        for g, entity in enumerate(entities):
            total[entity["type"]] += 1
            mine = [p for p, q in owner.items() if q == g and predicted[p][0]["type"] == entity["type"]]
            if mine:
                found[entity["type"]] += 1
                best = predicted[mine[0]][0]
                if entity.get("country"):
                    country_n += 1
                    country_ok += best.get("country") == entity["country"]
                if entity["type"] == "PERSON":
                    for role in entity.get("roles", []):
                        roles_n += 1
                        roles_ok += any(roles_match(role, predicted[p][0].get("roles", [])) for p in mine)
                if entity.get("public_figure") and entity["type"] == "PERSON":
                    public += 1
                    linked += any(predicted[p][0].get("kb_id") for p in mine)
            elif entity["type"] == "PERSON":
                roles_n += len(entity.get("roles", []))
        for p, (entity, _) in enumerate(predicted):
            if entity["type"] in TYPES:
                predicted_n[entity["type"]] += 1
                if p not in owner:
                    false_pos[entity["type"]] += 1
    per_type = {}
    for t in TYPES:
        recall = found[t] / total[t] if total[t] else None
        precision = 1 - false_pos[t] / predicted_n[t] if predicted_n[t] else None
        per_type[t] = {"gold": total[t], "found": found[t], "predicted": predicted_n[t], "false_positive": false_pos[t],
                       "recall": round(recall, 3) if recall is not None else None,
                       "precision": round(precision, 3) if precision is not None else None}
    mentions = sum(by_kind_total.values())
    return {
        "articles": len(articles),
        "entities_by_type": per_type,
        "entity_recall": round(sum(found.values()) / max(1, sum(total.values())), 3),
        "entity_precision": round(1 - sum(false_pos.values()) / max(1, sum(predicted_n.values())), 3),
        "resolution_accuracy": round(sum(by_kind.values()) / max(1, mentions), 3),
        "resolution_by_kind": {k: {"n": by_kind_total[k], "accuracy": round(by_kind[k] / by_kind_total[k], 3)}
                               for k in sorted(by_kind_total)},
        "role_accuracy": round(roles_ok / max(1, roles_n), 3), "roles": roles_n,
        "country_accuracy": round(country_ok / max(1, country_n), 3), "countries": country_n,
        "public_people_linked_to_kb": round(linked / max(1, public), 3), "public_people": public,
        "misses": misses,
    }


def plover_codes(side: object) -> list[tuple[str, str]]:
    if isinstance(side, dict):
        side = [side]
    out = []
    for actor in side or []:
        if not isinstance(actor, dict):
            continue
        code = str(actor.get("code") or "").upper()[:3]
        code = CAMEO_TO_ISO.get(code, code)
        if code not in NOT_COUNTRY and actor.get("actorText"):
            out.append((actor["actorText"], code))
    return out


def locate(body: str, actor_text: str) -> tuple[str, int]:
    """Where the gold actor text stands: whole, else its part before an ellipsis ("U.S. ...
    negotiators"), else its longest leading words found ("US forces" in "US and British forces")."""
    for candidate in (actor_text, actor_text.split("...")[0].strip()):
        if candidate and (at := body.find(candidate)) >= 0:
            return candidate, at
    words = actor_text.split("...")[0].split()
    for n in range(len(words) - 1, 0, -1):
        candidate = " ".join(words[:n])
        if (at := body.find(candidate)) >= 0:
            return candidate, at
    return actor_text, -1


def score_plover(path: Path) -> dict:
    gold = read_jsonl(path)
    records, _ = run_pipeline([{"id": g["id"], "text": g["text"], "language": "en"} for g in gold])
    ok = n = 0
    wrong: list[str] = []
    for g in gold:
        record = records.get(g["id"])
        body = record["body"] if record else ""
        for side in ("source", "target"):
            for text, code in plover_codes(g.get(side)):
                n += 1
                text, at = locate(body, text)
                codes = set()
                if at >= 0 and record:
                    for entity in record.get("entities", []):
                        if any(overlaps((at, at + len(text)), tuple(m)) for m in entity["mentions"]):
                            codes.add(entity.get("country"))
                hit = code in codes
                ok += hit
                if not hit:
                    wrong.append(f"{g['id']}: {text!r} gold {code} got {sorted(c or '-' for c in codes)}")
    countries = {a["country"] for a in knowledge_base().actors.values() if a["type"] == "GPE"}
    odd = [w for w in wrong if w.split(" gold ")[1][:3] not in countries]
    return {"actors": n, "country_accuracy": round(ok / max(1, n), 3),
            "gold_codes_not_iso": len(odd),
            "country_accuracy_iso_gold_only": round(ok / max(1, n - len(odd)), 3), "wrong": wrong}


def cost(items: list[dict], rounds: int = 5) -> dict:
    """What resolution adds to the pipeline's time: the pipeline with and without the actors stage,
    interleaved, best of `rounds`; and, less noisy, the actors stage's own time as a share of the
    rest of the pipeline, timed inside one run."""
    knowledge_base()  # loaded once per process: timed apart from the per-article cost
    start = time.perf_counter()
    knowledge_base.cache_clear()
    knowledge_base()
    load = time.perf_counter() - start
    without_stages = [s for s in DEFAULT_STAGES if s != "actors"]
    with_s, without_s = [], []
    for _ in range(rounds):
        without_s.append(run_pipeline(items, without_stages)[1])
        with_s.append(run_pipeline(items)[1])
    spent = {"actors": 0.0, "total": 0.0}
    stage_class = type(Pipeline(["actors"]).stages[0])
    original = stage_class.__call__

    def timed(self, doc):  # the stage's own time, inside the full pipeline
        began = time.perf_counter()
        try:
            return original(self, doc)
        finally:
            spent["actors"] += time.perf_counter() - began

    stage_class.__call__ = timed
    try:
        spent["total"] = run_pipeline(items)[1]
    finally:
        stage_class.__call__ = original
    return {"articles": len(items), "rounds": rounds, "pipeline_s": round(min(with_s), 2),
            "pipeline_without_actors_s": round(min(without_s), 2),
            "added_by_actors": round(min(with_s) / min(without_s) - 1, 3),
            "actors_stage_share_of_the_rest": round(spent["actors"] / (spent["total"] - spent["actors"]), 3),
            "kb_load_s_once": round(load, 2)}


def main() -> int:
    args = arguments(__doc__)
    report: dict = {}
    for name, folder, gold_file in (("own_gold", "actor_gold", "actors.json"),
                                    ("heldout", "actor_gold_heldout", "actors_heldout.json"),
                                    ("heldout2", "actor_gold_heldout2", "actors_heldout2.json")):
        if not (ROOT / "benchmarks" / folder / "articles.jsonl").exists():
            continue
        articles = read_jsonl(ROOT / "benchmarks" / folder / "articles.jsonl")
        gold = json.loads((ROOT / "benchmarks/gold" / gold_file).read_text(encoding="utf-8"))
        records, _ = run_pipeline(articles)
        (args.out / f"{folder}_newsledger.jsonl").write_text(
            "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records.values()), encoding="utf-8")
        report[name] = score_gold(articles, gold, records)
        for language in sorted({a.get("language", "en") for a in articles}):
            subset = [a for a in articles if a.get("language", "en") == language]
            report[f"{name}_{language}"] = score_gold(subset, gold, records)
    plover = args.shared / "benchmarks" / "plover" / "plover_gsr_dev.jsonl"
    if plover.exists():
        report["plover_dev_countries"] = score_plover(plover)
    cost_articles = [a for folder in ("actor_gold", "quote_gold", "event_gold", "time_gold")
                     for a in read_jsonl(ROOT / "benchmarks" / folder / "articles.jsonl")]
    report["cost"] = cost(cost_articles)
    (args.out / "actors.json").write_text(json.dumps(report, indent=2, ensure_ascii=False), encoding="utf-8")
    summary = {k: ({kk: vv for kk, vv in v.items() if kk not in ("misses", "wrong")} if isinstance(v, dict) else v)
               for k, v in report.items()}
    print(json.dumps(summary, indent=2, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
