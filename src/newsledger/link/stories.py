"""Stories: which earlier story a new article continues, or that it opens a new one.

An article is compared with the stories active within a few days of it, never with every stored
article: with each story's centroid in the article's language (sentence embeddings), with the
actors the story's articles name (weighted by how rare each actor is in the store, so "the United
States" says less than "Kim Yo Jong"), and with what the linker already found: a near-duplicate
of a member, a statement a member also reports, an event a member also reports.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date as Date

import numpy as np


@dataclass(frozen=True)
class StorySettings:
    window_days: int = 3  # a story is open to articles up to this many days after its last one
    min_score: float = 0.5
    embedding_weight: float = 0.6  # the rest is actor overlap
    statement_bonus: float = 0.25
    happening_bonus: float = 0.15
    cross_language_min_actors: float = 0.45  # without embeddings, actor overlap alone must reach this


@dataclass
class ArticleProfile:
    id: str
    day: str | None
    language: str | None
    headline: str | None
    vector: np.ndarray | None  # None in a language the embedding model does not read
    actors: dict[str, int]  # actor id -> mentions in the article


@dataclass
class Story:
    id: str
    headline: str | None
    first_day: str | None
    last_day: str | None
    articles: int
    actors: dict[str, int]  # actor id -> member articles naming it
    centroids: dict[str, np.ndarray] = field(default_factory=dict)  # language -> sum of member vectors
    members: set[str] = field(default_factory=set)
    changed: bool = False

    @classmethod
    def opened_by(cls, article: ArticleProfile) -> Story:
        story = cls(id=f"S-{article.id}", headline=article.headline, first_day=article.day, last_day=article.day,
                    articles=0, actors={})
        story.add(article)
        return story

    def add(self, article: ArticleProfile) -> None:
        self.articles += 1
        self.members.add(article.id)
        for actor in article.actors:
            self.actors[actor] = self.actors.get(actor, 0) + 1
        if article.vector is not None:
            language = article.language or "?"
            self.centroids[language] = self.centroids.get(language, np.zeros_like(article.vector)) + article.vector
        if article.day:
            self.first_day = min(filter(None, (self.first_day, article.day)))
            self.last_day = max(filter(None, (self.last_day, article.day)))
        self.changed = True


def days_apart(day: str | None, story: Story) -> int:
    if not day or not story.first_day or not story.last_day:
        return 0
    today = Date.fromisoformat(day[:10])
    first, last = Date.fromisoformat(story.first_day[:10]), Date.fromisoformat(story.last_day[:10])
    if first <= today <= last:
        return 0
    return min(abs((today - first).days), abs((today - last).days))


@dataclass(frozen=True)
class Evidence:
    """What ties an article to a story, for the score and for the words a person reads."""

    duplicate_of: str | None = None
    statements_with: tuple[str, ...] = ()
    happenings_with: tuple[str, ...] = ()


def actor_overlap(article: ArticleProfile, story: Story, rarity: dict[str, float]) -> tuple[float, list[str]]:
    """Share of the article's actor weight that the story also names, each actor weighted by rarity
    and by how many of the story's articles name it."""
    total = sum(rarity.get(a, 1.0) * math.log1p(n) for a, n in article.actors.items())
    if not total:
        return 0.0, []
    shared = [a for a in article.actors if a in story.actors]
    weight = sum(rarity.get(a, 1.0) * math.log1p(article.actors[a]) * min(1.0, 2 * story.actors[a] / story.articles)
                 for a in shared)
    shared.sort(key=lambda a: -rarity.get(a, 1.0) * article.actors[a])
    return weight / total, shared


def score(article: ArticleProfile, story: Story, rarity: dict[str, float], evidence: Evidence,
          settings: StorySettings) -> tuple[float, str]:
    """How well the article continues the story (0..1), and why, in words."""
    if evidence.duplicate_of:
        return 0.99, f"near-duplicate of {evidence.duplicate_of}"
    overlap, shared = actor_overlap(article, story, rarity)
    centroid = story.centroids.get(article.language or "?")
    reasons = []
    if centroid is not None and article.vector is not None:
        cosine = float(np.dot(article.vector, centroid) / (np.linalg.norm(centroid) or 1.0))
        value = settings.embedding_weight * cosine + (1 - settings.embedding_weight) * overlap
        reasons.append(f"text similarity {cosine:.2f}")
    else:
        value = overlap if overlap >= settings.cross_language_min_actors else overlap / 2
    reasons.append(f"shared actors {overlap:.2f}")
    if evidence.statements_with:
        value += settings.statement_bonus
        reasons.append(f"reports a statement also in {', '.join(evidence.statements_with[:3])}")
    if evidence.happenings_with:
        value += settings.happening_bonus
        reasons.append(f"reports an event also in {', '.join(evidence.happenings_with[:3])}")
    return min(value, 1.0), "; ".join(reasons) + (f" ({', '.join(shared[:4])})" if shared else "")


def best_story(article: ArticleProfile, stories: list[Story], rarity: dict[str, float],
               evidence_for: dict[str, Evidence], settings: StorySettings) -> tuple[Story | None, float, str]:
    """The open story the article continues best, if any reaches the bar."""
    best: tuple[Story | None, float, str] = (None, 0.0, "")
    for story in sorted(stories, key=lambda s: s.id):
        if days_apart(article.day, story) > settings.window_days:
            continue
        value, why = score(article, story, rarity, evidence_for.get(story.id, Evidence()), settings)
        import os
        if os.environ.get("DBG"):
            print("DBG", article.id, story.id, round(value, 3), why)
        if value > best[1]:
            best = (story, value, why)
    if best[0] is None or best[1] < settings.min_score:
        return None, best[1], best[2]
    return best
