#!/usr/bin/env python3
"""Linking at scale: time and memory to link 10k, 30k and 100k synthetic articles.

    .venv/bin/python benchmarks/run_link_scale.py [--sizes 10000,30000,100000] [--out benchmarks/out]

What runs is the real store and the real linker (`Store.write_batch` with `Linker.link` inside
each batch's transaction, SQLite on disk): MinHash and LSH buckets, quotes by speaker and day,
events by type and date, stories from the open-story index. Two things are synthetic, so that
100,000 articles fit in a benchmark:
- the articles: built as records (entities with mentions, quotes with speakers and dates) from
  generated stories, about 1,000 a day, 10% wire copies, not run through spaCy;
- the embedder: a hashing bag-of-words embedder (384 dimensions) instead of MiniLM. The model's own
  cost is linear by nature (one forward pass per article); it is measured apart on real article
  leads and reported as articles per second, so its share at any size is a multiplication.
Each size runs in its own process; peak memory is that process's maximum resident set. The
synthetic stories also give pairwise story precision and recall, as a check that the index's
narrowing (nearest stories by text, stories naming the rarest actors) loses nothing.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator, Sequence
from datetime import date, timedelta
from itertools import accumulate, combinations
from pathlib import Path

import numpy as np

from common import ROOT, arguments
from newsledger.link import Linker
from newsledger.link.embed import DIMENSIONS
from newsledger.model import Article, Entity, Quote, Speaker
from newsledger.store import Store

PER_DAY = 1000
BATCH = 500
WORD = re.compile(r"\w+")


def hashing_embedder(texts: Sequence[str], languages: Sequence[str | None]) -> list[np.ndarray | None]:
    """Feature hashing of the words into 384 dimensions, L2-normalised: a stand-in for MiniLM."""
    vectors: list[np.ndarray | None] = []
    for text in texts:
        vector = np.zeros(DIMENSIONS, dtype=np.float32)
        for word in WORD.findall(text.casefold()):
            digest = int.from_bytes(hashlib.blake2b(word.encode(), digest_size=4).digest(), "little")
            vector[digest % DIMENSIONS] += 1.0 if digest & 0x80000000 else -1.0
        vectors.append(vector / (np.linalg.norm(vector) or 1.0))
    return vectors


class Generator:
    """Stories of 1 to 6 articles from a vocabulary of 20,000 words, 3,000 organisations and places
    and 2,000 people (frequencies Zipf-like), each story with its own words, actors and speakers."""

    def __init__(self, seed: int = 7) -> None:
        self.rng = random.Random(seed)
        self._weights: dict[int, list[float]] = {}
        syllables = ["ka", "ro", "mi", "ten", "sa", "lo", "vik", "dan", "ne", "ru", "bo", "li", "gar", "so", "ha"]
        self.words = sorted({"".join(self.rng.choices(syllables, k=self.rng.randint(2, 4))) for _ in range(30000)})
        self.words = self.words[:20000]
        self.people = [f"{self._name(syllables).title()} {self._name(syllables).title()}" for _ in range(2000)]
        self.groups = [(f"{self._name(syllables).title()} {kind}", "ORG" if kind != "City" else "GPE")
                       for kind in ("Ministry", "Council", "Agency", "City") for _ in range(750)]

    def _name(self, syllables: list[str]) -> str:
        return "".join(self.rng.choices(syllables, k=self.rng.randint(2, 3)))

    def _zipf(self, items: list, k: int) -> list:
        """k distinct items, the r-th most frequent drawn with weight 1/r (the top person is in about
        one story in eight, as a head of government is in the news)."""
        if len(items) not in self._weights:
            self._weights[len(items)] = list(accumulate(1 / r for r in range(1, len(items) + 1)))
        weights = self._weights[len(items)]
        picked: list = []
        while len(picked) < k:
            item = self.rng.choices(items, cum_weights=weights)[0]
            if item not in picked:
                picked.append(item)
        return picked

    def batches(self, count: int, size: int) -> Iterator[tuple[list[Article], dict[str, str]]]:
        """Articles in publication order, `size` at a time, with each one's story: generated as they
        are stored, so that the benchmark's own memory stays flat and the figure is the linker's."""
        batch: list[Article] = []
        truth: dict[str, str] = {}
        produced, number = 0, 0
        start = date(2026, 1, 1)
        recent: list[Article] = []  # the articles a wire copy may copy
        while produced < count:
            story = f"T{number}"
            number += 1
            day = start + timedelta(days=produced // PER_DAY)
            topic = self.rng.sample(self.words, 30)
            groups = self._zipf(self.groups, self.rng.randint(2, 4))
            speakers = self._zipf(self.people, self.rng.randint(1, 3))
            statements = [" ".join(self.rng.sample(topic, 12)) for _ in speakers]
            size_of_story = min(self.rng.choice([1, 1, 2, 3, 3, 4, 5, 6]), count - produced)
            recent = []
            for index in range(size_of_story):
                article_id = f"a{produced:07d}"
                if index and self.rng.random() < 0.1:  # a wire copy of the story's first article
                    article = self._copy(recent[0], article_id)
                else:
                    article = self._article(article_id, day + timedelta(days=index // 3), topic, groups, speakers,
                                            statements)
                recent.append(article)
                batch.append(article)
                truth[article_id] = story
                produced += 1
                if len(batch) == size:
                    yield batch, truth
                    batch, truth = [], {}
        if batch:
            yield batch, truth

    def _article(self, article_id: str, day: date, topic: list[str], groups: list, speakers: list[str],
                 statements: list[str]) -> Article:
        rng = self.rng
        parts: list[str] = []
        entities: list[Entity] = []
        quotes: list[Quote] = []

        def mention(name: str, type_: str) -> None:
            offset = sum(len(p) for p in parts)
            entity = next((e for e in entities if e.name == name), None)
            if entity is None:
                entity = Entity(id=f"E{len(entities) + 1}", name=name, type=type_)
                entities.append(entity)
            entity.mentions.append([offset, offset + len(name)])
            parts.append(name)

        for sentence in range(8):
            if sentence % 3 == 1 and speakers:
                speaker = speakers[sentence % len(speakers)]
                words = statements[speakers.index(speaker)].split()
                rng.shuffle(words[:3])
                said = " ".join(words)
                parts.append('"')
                start = sum(len(p) for p in parts)
                parts.append(said)
                end = sum(len(p) for p in parts)
                parts.append('," said ')
                offset = sum(len(p) for p in parts)
                mention(speaker, "PERSON")
                parts.append(". ")
                entity = next(e for e in entities if e.name == speaker)
                quotes.append(Quote(id=f"Q{len(quotes) + 1}", text=said, start=start, end=end, kind="direct",
                                    speaker=Speaker(name=speaker, entity=entity.id, mention=speaker,
                                                    mention_start=offset, mention_end=offset + len(speaker)),
                                    cue="said", date=day.isoformat(), confidence=0.9))
            else:
                name, type_ = rng.choice(groups)
                parts.append(" ".join(rng.sample(topic, 5)).capitalize() + " ")
                mention(name, type_)
                parts.append(" " + " ".join(rng.sample(self.words, 4)) + " " + " ".join(rng.sample(topic, 3)) + ". ")
        body = "".join(parts)
        return Article(id=article_id, language="en", headline=" ".join(rng.sample(topic, 7)).capitalize(),
                       outlet=rng.choice(["Harbor Wire", "Capital Ledger", "Pacific Dispatch"]),
                       published=f"{day.isoformat()}T{rng.randint(6, 22):02d}:00:00+09:00", body=body,
                       entities=entities, quotes=quotes)

    def _copy(self, original: Article, article_id: str) -> Article:
        copy = Article.from_dict(original.to_dict())
        copy.id = article_id
        copy.outlet = "Reprint Daily"
        copy.headline = (copy.headline or "") + " (update)"
        return copy


def run_size(size: int, database: Path) -> dict:
    """Generate, store and link `size` articles; time, memory, store size and story agreement."""
    store = Store(database)
    linker = Linker(store, embedder=hashing_embedder)
    run_id = store.start_run()
    checkpoints = []
    truth: dict[str, str] = {}
    done = 0
    seconds = 0.0
    for batch, stories in Generator().batches(size, BATCH):
        truth.update(stories)
        started = time.perf_counter()  # the linking and storing only, not the generating
        store.write_batch(run_id, batch, [], read=len(batch), then=linker.link)
        seconds += time.perf_counter() - started
        done += len(batch)
        if done % 10000 == 0:
            checkpoints.append(round(seconds, 1))
    predicted = {}
    for story in store.story_memberships():
        for article in story["articles"]:
            predicted[article] = story["story"]
    store.close()
    sample = random.Random(1).sample(sorted(truth), min(2000, len(truth)))
    pairs = [(a, b) for a, b in combinations(sample, 2) if abs(int(a[1:]) - int(b[1:])) < 50]
    both = sum(truth[a] == truth[b] and predicted[a] == predicted[b] for a, b in pairs)
    gold = sum(truth[a] == truth[b] for a, b in pairs)
    said = sum(predicted[a] == predicted[b] for a, b in pairs)
    return {"articles": size, "seconds": round(seconds, 1), "articles_per_second": round(size / seconds, 1),
            "seconds_at_each_10k": checkpoints,
            "peak_rss_mib": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024),
            "store_mib": round(sum(p.stat().st_size for p in database.parent.glob(database.name + "*")) / 2**20),
            "story_pair_precision_sample": round(both / said, 3) if said else None,
            "story_pair_recall_sample": round(both / gold, 3) if gold else None}


def model_throughput(count: int = 256) -> dict:
    """MiniLM on this machine's CPU, over article leads of ~1,000 characters, as the linker embeds them."""
    from newsledger.link.embed import embed

    feed = ROOT / "benchmarks" / "link_gold" / "articles.jsonl"
    leads = [json.loads(x)["text"][:1000] for x in feed.read_text(encoding="utf-8").splitlines() if x.strip()]
    texts = (leads * (count // max(1, len(leads)) + 1))[:count]
    embed(texts[:8])  # load the model first
    started = time.perf_counter()
    embed(texts)
    seconds = time.perf_counter() - started
    return {"texts": count, "seconds": round(seconds, 1), "leads_per_second": round(count / seconds, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process: one size
    args = arguments(__doc__, parser)
    if args.one:
        with tempfile.TemporaryDirectory() as tmp:
            print(json.dumps(run_size(args.one, Path(tmp) / "scale.db")))
        return
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        done = subprocess.run([sys.executable, __file__, "--one", str(size), "--out", str(args.out)],
                              capture_output=True, text=True, check=True)
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        print(json.dumps(results[-1]), flush=True)
    base = results[0]
    for result in results[1:]:
        result["time_ratio_vs_first"] = round(result["seconds"] / base["seconds"], 2)
        result["size_ratio_vs_first"] = round(result["articles"] / base["articles"], 2)
    report = {"linking": results, "model_cpu": model_throughput()}
    print(json.dumps(report["model_cpu"]))
    (args.out / "link_scale.json").write_text(json.dumps(report, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
