"""Stories: which earlier story a new article continues, or that it opens a new one.

An article is compared with the stories active within a few days of it, never with every stored
article: with the story's articles in the article's language (mean cosine of sentence embeddings),
with the actors the story's articles name (weighted by how rare each actor is in the store, so
"the United States" says less than "Kim Yo Jong"), with the days its articles report on (a reaction
two days later is a story of its own), and with what the linker already found: a near-duplicate of
a member, a statement a member also reports.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date as Date

import numpy as np


@dataclass(frozen=True)
class StorySettings:
    """The bar an article must reach to join a story; set on benchmarks/link_dev (see its README).

    On that set, the cosine between the leads of two English articles of one story is 0.73 and
    more, and of two different stories 0.66 and less but for a few hard neighbours (0.86 at most):
    the cosine to the story's centroid decides, and actor overlap moves it by a little. Where the
    article or the story has no vector in a common language, actor overlap alone decides."""

    window_days: int = 3  # a story is open to articles up to this many days after its last one
    span_days: int = 6  # and up to this many after its first: a follow-up a week on is a story of its own
    text_bar: float = 0.78  # cosine to the centroid (plus the actor term) that joins a story
    actor_weight: float = 0.3  # the actor term: weight * (overlap - actor_centre)
    actor_centre: float = 0.3
    actor_bar: float = 0.3  # actor overlap that joins a story when there is no text to compare
    actor_bar_with_text: float = 0.45  # the same, for an article the model reads, facing a story it cannot
    statement_bonus: float = 0.25
    occasion_penalty: float = 0.1  # per day between the article's news day and the story's, beyond one


@dataclass
class ArticleProfile:
    id: str
    day: str | None
    language: str | None
    headline: str | None
    vector: np.ndarray | None  # None in a language the embedding model does not read
    actors: dict[str, int]  # actor id -> mentions in the article
    news_day: str | None = None  # the day its quotes were said (statements.news_day)


@dataclass
class Story:
    id: str
    headline: str | None
    first_day: str | None
    last_day: str | None
    articles: int
    actors: dict[str, int]  # actor id -> member articles naming it
    sums: dict[str, np.ndarray] = field(default_factory=dict)  # language -> sum of member vectors
    counts: dict[str, int] = field(default_factory=dict)  # language -> members with a vector
    news_days: set[str] = field(default_factory=set)  # the days its articles report on
    changed: bool = False

    @classmethod
    def opened_by(cls, article: ArticleProfile) -> Story:
        story = cls(id=f"S-{article.id}", headline=article.headline, first_day=article.day, last_day=article.day,
                    articles=0, actors={})
        story.add(article)
        return story

    def add(self, article: ArticleProfile) -> None:
        self.articles += 1
        if article.news_day:
            self.news_days.add(article.news_day)
        for actor in article.actors:
            self.actors[actor] = self.actors.get(actor, 0) + 1
        if article.vector is not None:
            language = article.language or "?"
            self.sums[language] = self.sums.get(language, np.zeros_like(article.vector)) + article.vector
            self.counts[language] = self.counts.get(language, 0) + 1
        if article.day:
            self.first_day = min(filter(None, (self.first_day, article.day)))
            self.last_day = max(filter(None, (self.last_day, article.day)))
        self.changed = True


def in_window(day: str | None, story: Story, settings: StorySettings) -> bool:
    """Whether the story is still open on that day: near its last article and not long after its first."""
    if not day or not story.first_day or not story.last_day:
        return True
    today = Date.fromisoformat(day[:10])
    first, last = Date.fromisoformat(story.first_day[:10]), Date.fromisoformat(story.last_day[:10])
    return (first - today).days <= settings.window_days and (today - last).days <= settings.window_days \
        and (today - first).days <= settings.span_days


def occasion_gap(article: ArticleProfile, story: Story) -> int:
    """Days between the day the article reports on and the nearest day the story's articles do."""
    if not article.news_day or not story.news_days:
        return 0
    day = Date.fromisoformat(article.news_day)
    return min(abs((day - Date.fromisoformat(other)).days) for other in story.news_days)


@dataclass(frozen=True)
class Evidence:
    """What ties an article to a story, for the score and for the words a person reads."""

    duplicate_of: str | None = None
    statements_with: tuple[str, ...] = ()


def actor_overlap(article: ArticleProfile, story: Story, rarity: dict[str, float]) -> tuple[float, list[str]]:
    """How much article and story are about the same actors, both ways: the share of the article's
    actor weight the story names, and the share of the story's actor weight the article names
    (geometric mean), each actor weighted by rarity; the story's by how many of its articles name it.
    One way only would let a short story absorb any article that names its two actors in passing."""
    article_weight = {a: rarity.get(a, 1.0) * math.log1p(n) for a, n in article.actors.items()}
    story_weight = {a: rarity.get(a, 1.0) * n / story.articles for a, n in story.actors.items()}
    if not article_weight or not story_weight:
        return 0.0, []
    shared = [a for a in article_weight if a in story_weight]
    covered_article = sum(article_weight[a] for a in shared) / sum(article_weight.values())
    covered_story = sum(story_weight[a] for a in shared) / sum(story_weight.values())
    shared.sort(key=lambda a: -article_weight[a])
    return math.sqrt(covered_article * covered_story), shared


def score(article: ArticleProfile, story: Story, rarity: dict[str, float], evidence: Evidence,
          settings: StorySettings) -> tuple[float, str]:
    """How well the article continues the story, and why, in words: 0.5 is the bar to join."""
    if evidence.duplicate_of:
        return 0.99, f"near-duplicate of {evidence.duplicate_of}"
    overlap, shared = actor_overlap(article, story, rarity)
    language = article.language or "?"
    reasons = []
    if article.vector is not None and story.counts.get(language):
        # the mean cosine to the story's articles (average link): unlike the cosine to a normalised
        # centroid, it does not grow as a story drifts and its centroid turns generic
        cosine = float(np.dot(article.vector, story.sums[language])) / story.counts[language]
        value = 0.5 + cosine + settings.actor_weight * (overlap - settings.actor_centre) - settings.text_bar
        reasons.append(f"text similarity {cosine:.2f}")
    else:  # no text in a common language; an English article needs more to join a Korean-only story
        value = 0.5 + overlap - (settings.actor_bar if article.vector is None else settings.actor_bar_with_text)
    reasons.append(f"shared actors {overlap:.2f}")
    if evidence.statements_with:
        value += settings.statement_bonus
        reasons.append(f"reports a statement also in {', '.join(evidence.statements_with[:3])}")
    if (gap := occasion_gap(article, story)) > 1:  # a reaction two days on is a story of its own
        value -= settings.occasion_penalty * (gap - 1)
        reasons.append(f"reports on a day {gap} days from the story's")
    return max(0.0, min(value, 1.0)), "; ".join(reasons) + (f" ({', '.join(shared[:4])})" if shared else "")


def best_story(article: ArticleProfile, stories: list[Story], rarity: dict[str, float],
               evidence_for: dict[str, Evidence], settings: StorySettings) -> tuple[Story | None, float, str]:
    """The open story the article continues best, if any reaches the bar."""
    best: tuple[Story | None, float, str] = (None, 0.0, "")
    for story in sorted(stories, key=lambda s: s.id):
        if not in_window(article.day, story, settings):
            continue
        value, why = score(article, story, rarity, evidence_for.get(story.id, Evidence()), settings)
        if value > best[1]:
            best = (story, value, why)
    if best[0] is None or best[1] < 0.5:
        return None, best[1], best[2]
    return best


class StoryIndex:
    """The open stories in memory, indexed so that an article is scored against a few of them: the
    nearest by text (one matrix product over the stories' mean vectors) and those naming its
    rarest actors, never every story in the window."""

    def __init__(self, dimensions: int) -> None:
        self.dimensions = dimensions
        self.clear()

    def clear(self) -> None:
        self.stories: dict[str, Story] = {}
        self._ids: dict[str, list[str]] = {}  # language -> story id per row
        self._rows: dict[str, dict[str, int]] = {}  # language -> story id -> row
        self._sums: dict[str, np.ndarray] = {}
        self._counts: dict[str, np.ndarray] = {}
        self._by_actor: dict[str, set[str]] = {}

    def __len__(self) -> int:
        return len(self.stories)

    def get(self, story_id: str) -> Story | None:
        return self.stories.get(story_id)

    def put(self, story: Story) -> None:
        """Add a story, or refresh its row after an article joined it."""
        self.stories[story.id] = story
        for actor in story.actors:
            self._by_actor.setdefault(actor, set()).add(story.id)
        for language, total in story.sums.items():
            rows = self._rows.setdefault(language, {})
            if story.id not in rows:
                ids = self._ids.setdefault(language, [])
                if language not in self._sums or len(ids) == len(self._sums[language]):
                    self._grow(language)
                rows[story.id] = len(ids)
                ids.append(story.id)
            row = rows[story.id]
            self._sums[language][row] = total
            self._counts[language][row] = story.counts[language]

    def _grow(self, language: str) -> None:
        size = max(64, 2 * len(self._ids.get(language, [])))
        sums, counts = np.zeros((size, self.dimensions), dtype=np.float32), np.zeros(size, dtype=np.float32)
        if language in self._sums:
            used = len(self._ids[language])
            sums[:used], counts[:used] = self._sums[language][:used], self._counts[language][:used]
        self._sums[language], self._counts[language] = sums, counts

    def forget_before(self, day: str) -> None:
        """Drop the stories whose last article is older than `day`: they are closed to new ones."""
        keep = [s for s in self.stories.values() if not s.last_day or s.last_day >= day]
        if len(keep) == len(self.stories):
            return
        self.clear()
        for story in keep:
            self.put(story)

    def candidates(self, article: ArticleProfile, rarity: dict[str, float], by_text: int, by_actor: int,
                   rarest: int) -> set[str]:
        """The stories worth scoring: the `by_text` nearest by mean cosine, and the `by_actor` latest
        that name each of the article's `rarest` actors (of those some open story names)."""
        found: set[str] = set()
        language = article.language or "?"
        ids = self._ids.get(language, [])
        if article.vector is not None and ids:
            count = len(ids)
            similarity = self._sums[language][:count] @ article.vector / self._counts[language][:count]
            top = np.argsort(-similarity)[:by_text]
            found.update(ids[i] for i in top)
        shared = [a for a in article.actors if self._by_actor.get(a)]
        for actor in sorted(shared, key=lambda a: (-rarity.get(a, 1.0), a))[:rarest]:
            holders = sorted(self._by_actor.get(actor, ()), key=lambda s: self.stories[s].last_day or "",
                             reverse=True)
            found.update(holders[:by_actor])
        return found
