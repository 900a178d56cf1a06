"""The linker: places newly stored articles among the stored ones, incrementally.

For each new article, in (publication day, id) order, inside the caller's transaction:
1. near-duplicates: the articles sharing an LSH bucket whose MinHash similarity is high;
2. the same statement and citations: quotes of the same speaker within a few days (or on the
   recalled date), compared one to one;
3. its story: the best open story within the time window, else a new one (stories.py);
4. happenings: its events that report a happening another article of its story reported (same
   type and parties, dates a day apart at most) take that happening's id.
Every candidate comes from an index (bucket, speaker and day, event type and date, story days), so
the cost per article does not grow with the archive, only with what is near it in time.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from typing import Any

import numpy as np

from newsledger.actors.kb import name_key
from newsledger.link import fingerprint
from newsledger.link.embed import DIMENSIONS, embed_where, from_blob, to_blob
from newsledger.link.names import family_name_sound
from newsledger.link.statements import (
    QuoteProfile,
    StatementMatch,
    StatementSettings,
    anchors,
    attribution_context,
    lowest_cosine,
    match,
    news_day,
    one_to_one,
    recalls,
    shift,
    speaker_key,
)
from newsledger.link.stories import ArticleProfile, Evidence, Story, StoryIndex, StorySettings, best_story
from newsledger.model import Article, Entity, Speaker
from newsledger.store.sql import json_value

# an article is scored against the stories nearest by text and those naming its rarest actors
CANDIDATES_BY_TEXT = 20
CANDIDATES_BY_ACTOR = 10
RAREST_ACTORS = 5
SURNAME_DAYS = 30  # how far back a bare surname looks for the one person it names
LEAD_CHARS = 1000  # headline and lead: what the article is about, within the model's 256 tokens


Embedder = Callable[[Sequence[str], Sequence[str | None]], list[np.ndarray | None]]


@dataclass(frozen=True)
class LinkSettings:
    duplicate_min: float = 0.3  # estimated Jaccard of 3-word shingles
    happening_days: int = 1
    stories: StorySettings = field(default_factory=StorySettings)
    statements: StatementSettings = field(default_factory=StatementSettings)


@dataclass
class LinkSummary:
    articles: int = 0
    duplicates: int = 0
    same_statement: int = 0
    cites: int = 0
    new_stories: int = 0
    joined_stories: int = 0
    shared_happenings: int = 0

    def add(self, other: LinkSummary) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))


def full_day(value: str | None) -> str | None:
    """The calendar day of a value that names one ("2026-03-12", "2026-03-12T09:30"); else None."""
    try:
        return Date.fromisoformat((value or "")[:10]).isoformat()
    except ValueError:
        return None


def _day(article: Article) -> str | None:
    return full_day(article.published)


def lead_text(article: Article) -> str:
    return "\n".join(filter(None, [article.headline, article.body[:LEAD_CHARS]]))


def _sentence_around(article: Article, start: int, end: int) -> str:
    """The sentence(s) holding the quote, without the quote itself nor what the sentence adds after
    its attribution: where "Earlier, X said" is."""
    spans = [s for s in article.sentences if s[0] < end and s[1] > start] or [[max(0, start - 200), end]]
    first, last = min(s[0] for s in spans), max(s[1] for s in spans)
    return attribution_context(article.body[first:start], article.body[end:last], article.language)


class Linker:
    """Links articles as they are stored; one instance per store connection."""

    def __init__(self, store: Any, settings: LinkSettings | None = None, embedder: Embedder = embed_where) -> None:
        self.store = store
        self.settings = settings or LinkSettings()
        self.embedder = embedder  # texts, languages -> vectors (None where the language is not read)
        self._stories = StoryIndex(DIMENSIONS)
        self._loaded_days: set[str] = set()
        self._known_members = -1
        self._rarity_cache: dict[str, float] = {}

    # -- entry points ---------------------------------------------------------------------------
    def link(self, articles: Sequence[Article]) -> LinkSummary:
        """Link these stored articles (inside the caller's transaction)."""
        summary = LinkSummary()
        articles = sorted(articles, key=lambda a: (_day(a) or "", a.id))
        if not articles:
            return summary
        self._refresh_cache()
        self._rarity_cache.clear()
        # rounded as the store keeps them, so that a pair scores the same whichever of the two is new
        vectors = [from_blob(to_blob(v)) for v in self.embedder([lead_text(a) for a in articles],
                                                                 [a.language for a in articles])]
        quote_vectors = iter([from_blob(to_blob(v)) for v in self.embedder(
            [q.text for a in articles for q in a.quotes], [a.language for a in articles for _ in a.quotes])])
        days = [d for d in map(_day, articles) if d]
        if days:
            self._load_stories(min(days), max(days))
        for article, vector in zip(articles, vectors, strict=True):
            summary.add(self._link_one(article, vector, [next(quote_vectors) for _ in article.quotes]))
        self._save_stories()
        return summary

    def rebuild(self, on_progress: Callable[[int], None] | None = None, batch: int = 64) -> LinkSummary:
        """Forget all links and link every stored article again, in (day, id) order: same result each time."""
        with self.store.transaction():
            self.store.clear_links()
        self._stories.clear()
        self._loaded_days.clear()
        return self.link_pending(on_progress, batch)

    def link_pending(self, on_progress: Callable[[int], None] | None = None, batch: int = 64) -> LinkSummary:
        """Link the stored articles not linked yet (ingested with --no-link, or before linking existed)."""
        summary = LinkSummary()
        # the order link() keeps within a batch, kept across batches: publication day, then id
        pending = [i for i, _ in sorted(self.store.unlinked_articles(), key=lambda r: (full_day(r[1]) or "", r[0]))]
        for start in range(0, len(pending), batch):
            chunk = [a for a in map(self.store.get, pending[start:start + batch]) if a is not None]
            with self.store.transaction():
                summary.add(self.link(chunk))
            if on_progress:
                on_progress(len(chunk))
        return summary

    # -- one article ----------------------------------------------------------------------------
    def _link_one(self, article: Article, vector: np.ndarray | None, quote_vectors: list[np.ndarray | None]
                  ) -> LinkSummary:
        summary = LinkSummary(articles=1)
        day = _day(article)
        actor_of = self._actor_ids(article, day)
        profile = ArticleProfile(article.id, day, article.language, article.headline, vector,
                                 self._salient_actors(article, actor_of),
                                 news_day=news_day([q.date for q in article.quotes], day))
        signature = fingerprint.signature(article.body, article.language)
        buckets = fingerprint.band_keys(signature)

        duplicates = self._duplicates(article.id, signature, buckets)
        summary.duplicates = len(duplicates)
        quotes = self._quote_profiles(article, day, actor_of, quote_vectors)
        matches = self._statements(quotes)
        summary.same_statement = sum(m.kind == "same_statement" for m in matches)
        summary.cites = sum(m.kind == "cites" for m in matches)

        evidence = self._evidence(duplicates, matches, article.id)
        rarity = self._rarity(set(profile.actors))
        chosen = self._stories.candidates(profile, rarity, CANDIDATES_BY_TEXT, CANDIDATES_BY_ACTOR, RAREST_ACTORS)
        # and the stories its duplicates and statements point to: from memory, else (closed ones) the store
        chosen |= set(evidence)
        candidates = [s for i in sorted(chosen) if (s := self._stories.get(i)) is not None]
        candidates += self._read_stories(sorted(i for i in chosen if self._stories.get(i) is None))
        rarity = self._rarity({a for s in candidates for a in s.actors})
        story, score, why = best_story(profile, candidates, rarity, evidence,
                                       self.settings.stories)
        if story is None:
            story, score, why = Story.opened_by(profile), 1.0, "opens the story"
            self._save(story)
            summary.new_stories = 1
        else:
            story.add(profile)
            summary.joined_stories = 1
        self._stories.put(story)
        summary.shared_happenings = self._happenings(article, story.id)

        self.store.execute("INSERT INTO article_signatures (article_id, day, language, minhash, vector, actors) "
                           "VALUES (?, ?, ?, ?, ?, ?)", (article.id, day, article.language, signature.tobytes(),
                                                         to_blob(vector), json.dumps(profile.actors)))
        for bucket in buckets:
            self.store.execute("INSERT INTO lsh_buckets (bucket, article_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                               (bucket, article.id))
        self._store_quotes(article, quotes, actor_of)
        self.store.insert_links(
            [("duplicate", other, None, article.id, None, similarity,
              f"near-duplicate: {similarity:.2f} of 3-word shingles shared (MinHash)")
             for other, similarity in duplicates]
            + [_statement_link(m) for m in matches])
        self.store.execute("INSERT INTO story_articles (article_id, story_id, position, score, evidence) "
                           "VALUES (?, ?, ?, ?, ?)", (article.id, story.id, story.articles, round(score, 4), why))
        self._known_members += 1
        return summary

    # -- signals --------------------------------------------------------------------------------
    def _actor_ids(self, article: Article, day: str | None) -> dict[str, str]:
        """Each entity's actor; a person named only by surname ("Whitfield") is the one person of
        that surname the store saw in the month before, if there is exactly one."""
        actor_of = dict(self.store.execute("SELECT entity_id, actor_id FROM article_entities WHERE article_id = ?",
                                           (article.id,)).fetchall())
        for entity in article.entities:
            actor = actor_of.get(entity.id)
            if entity.type != "PERSON" or not actor or entity.kb_id or len(entity.name.split()) != 1 or not day:
                continue
            surname = name_key(entity.name)
            rows = self.store.execute(
                "SELECT id FROM actors WHERE type = 'PERSON' AND (name_key LIKE ? OR name_key LIKE ?) "
                "AND last_seen >= ? AND id <> ?",
                (f"% {surname}", f"{surname} %", shift(day, -SURNAME_DAYS), actor)).fetchall()
            holders = {speaker_key(r[0]) for r in rows}
            if len(holders) == 1:
                actor_of[entity.id] = holders.pop()
        return actor_of

    @staticmethod
    def _salient_actors(article: Article, actor_of: dict[str, str]) -> dict[str, int]:
        actors: dict[str, int] = {}
        for entity in article.entities:
            if entity.id in actor_of and entity.mentions:
                actors[actor_of[entity.id]] = actors.get(actor_of[entity.id], 0) + len(entity.mentions)
        return actors

    def _rarity(self, actors: set[str]) -> dict[str, float]:
        """Inverse document frequency of each actor in the store: rare actors tie articles more.
        Cached for the batch: the counts barely move within one."""
        missing = sorted(actors - self._rarity_cache.keys())
        total = self.store.count()
        for start in range(0, len(missing), 500):
            chunk = missing[start:start + 500]
            rows = self.store.execute(f"SELECT id, articles FROM actors WHERE id IN ({', '.join('?' * len(chunk))})",
                                      chunk).fetchall()
            known = dict(rows)
            for actor in chunk:
                self._rarity_cache[actor] = math.log((total + 1) / (known.get(actor, 0) + 1)) + 1.0
        return self._rarity_cache

    def _duplicates(self, article_id: str, signature: np.ndarray, buckets: list[str]) -> list[tuple[str, float]]:
        rows = self.store.execute(
            f"SELECT DISTINCT s.article_id, s.minhash FROM lsh_buckets b JOIN article_signatures s "
            f"ON s.article_id = b.article_id WHERE b.bucket IN ({', '.join('?' * len(buckets))}) "
            f"AND b.article_id <> ? ORDER BY s.article_id", (*buckets, article_id)).fetchall()
        found = []
        for other, blob in rows:
            similarity = fingerprint.similarity(signature, np.frombuffer(bytes(blob), dtype=np.uint64))
            if similarity >= self.settings.duplicate_min:
                found.append((other, similarity))
        return found

    def _quote_profiles(self, article: Article, day: str | None, actor_of: dict[str, str],
                        vectors: list[np.ndarray | None]) -> list[QuoteProfile]:
        profiles = []
        reported_day = news_day([q.date for q in article.quotes], day)
        entities = {e.id: e for e in article.entities}
        for quote, vector in zip(article.quotes, vectors, strict=True):
            speaker = quote.speaker
            entity = entities.get(speaker.entity) if speaker and speaker.entity else None
            inside = {actor_of[e.id] for e in article.entities if e.id in actor_of
                      and any(quote.start <= m[0] and m[1] <= quote.end for m in e.mentions)}
            around = _sentence_around(article, quote.start, quote.end)
            profiles.append(QuoteProfile(
                article=article.id, quote=quote.id,
                speaker_key=speaker_key(actor_of.get(entity.id)) if entity else None,
                speaker=speaker.name if speaker else None,
                speaker_type=entity.type if entity else None, speaker_country=entity.country if entity else None,
                speaker_sound=_speaker_sound(entity, speaker),
                kind=quote.kind, date=quote.date, day=day,
                language=article.language, text=quote.text,
                recalls=recalls(around, article.language, quote.date, reported_day),
                anchors=anchors(quote.text, inside, article.language), vector=vector))
        return profiles

    def _statements(self, quotes: list[QuoteProfile]) -> list[StatementMatch]:
        settings = self.settings.statements
        found = []
        for quote in quotes:
            if not (quote.speaker_key or quote.speaker_country or quote.speaker_sound) or not quote.day:
                continue
            # reports of one occasion nearby; quotes that may recall this one later; what this one recalls
            conditions = ["(day BETWEEN ? AND ?)", "(recalls = 1 AND day BETWEEN ? AND ?)"]
            params: list[Any] = [shift(quote.day, -settings.window_days), shift(quote.day, settings.window_days),
                                 quote.day, shift(quote.day, settings.recall_window_days)]
            if quote.recalls:
                conditions.append("(day BETWEEN ? AND ?)")
                params += [shift(quote.day, -settings.recall_window_days), quote.day]
            rows = self.store.execute(
                f"SELECT article_id, quote_id, speaker_key, speaker, speaker_type, speaker_country, speaker_sound, "
                f"kind, date, day, language, text, recalls, anchors, vector FROM quotes WHERE (speaker_key = ? OR "
                f"(speaker_country = ? AND speaker_type <> ?) OR (speaker_sound = ? AND language <> ?)) "
                f"AND article_id <> ? AND ({' OR '.join(conditions)}) ORDER BY article_id, quote_id",
                (quote.speaker_key, quote.speaker_country, quote.speaker_type, quote.speaker_sound, quote.language,
                 quote.article, *params)).fetchall()
            per_article = Counter(row[0] for row in rows)
            mine = sum(_same_speaker(quote, q) for q in quotes)
            for row in self._within_reach(quote, rows):
                other = QuoteProfile(*row[:12], recalls=bool(row[12]), anchors=frozenset(json_value(row[13])),
                                     vector=from_blob(row[14]))
                alone = mine == 1 and per_article[other.article] == 1
                if (found_match := match(quote, other, settings, alone)) is not None:
                    found.append(found_match)
        return one_to_one(found)

    def _within_reach(self, quote: QuoteProfile, rows: list[tuple]) -> list[tuple]:
        """The candidates whose content could still score high enough: of those in the quote's
        language, only the ones whose cosine allows it (one matrix product for all), so that a
        speaker quoted a thousand times a week costs a product, not a thousand comparisons."""
        if quote.vector is None:
            return rows
        comparable = [i for i, row in enumerate(rows) if row[10] == quote.language and row[14] is not None]
        if not comparable:
            return rows
        vectors = np.frombuffer(b"".join(bytes(rows[i][14]) for i in comparable), dtype=np.float16)
        cosines = vectors.reshape(len(comparable), -1).astype(np.float32) @ quote.vector
        floor = lowest_cosine(self.settings.statements)
        dropped = {i for i, cosine in zip(comparable, cosines, strict=True) if cosine < floor}
        return [row for i, row in enumerate(rows) if i not in dropped]

    def _store_quotes(self, article: Article, profiles: list[QuoteProfile], actor_of: dict[str, str]) -> None:
        for quote, profile in zip(article.quotes, profiles, strict=True):
            self.store.execute(
                "INSERT INTO quotes (article_id, quote_id, speaker, speaker_actor, speaker_key, speaker_sound, "
                "speaker_type, speaker_country, role, kind, cue, date, day, language, text, confidence, recalls, "
                f"anchors, vector) VALUES ({', '.join('?' * 19)}) ON CONFLICT DO NOTHING",
                (article.id, quote.id, profile.speaker,
                 actor_of.get(quote.speaker.entity) if quote.speaker and quote.speaker.entity else None,
                 profile.speaker_key, profile.speaker_sound, profile.speaker_type, profile.speaker_country,
                 quote.speaker.role if quote.speaker else None, quote.kind, quote.cue, quote.date, profile.day,
                 article.language, quote.text, quote.confidence, int(profile.recalls),
                 json.dumps(sorted(profile.anchors)), to_blob(profile.vector)))

    def _happenings(self, article: Article, story_id: str) -> int:
        """Give each event its happening id; return how many an earlier article of its story reported
        already. Within the story only: "the U.S. consults South Korea" on one day is, across stories,
        usually two happenings with the same parties; and never an event of a party with itself."""
        shared = 0
        for event in article.events:
            happening_id = f"{article.id}/{event.id}"
            parts = (event.happening or "").split("|")  # type|source|target|date|place
            if len(parts) == 5 and (day := full_day(event.date)) and "?" not in parts[1:3] and parts[1] != parts[2]:
                window = (shift(day, -self.settings.happening_days), shift(day, self.settings.happening_days))
                rows = self.store.execute(
                    "SELECT happening, happening_id FROM events WHERE type = ? AND date BETWEEN ? AND ? "
                    "AND article_id <> ? AND happening_id IS NOT NULL AND article_id IN "
                    "(SELECT article_id FROM story_articles WHERE story_id = ?) ORDER BY happening_id, article_id",
                    (event.type, *window, article.id, story_id)).fetchall()
                for key, other_happening in rows:
                    theirs = key.split("|")
                    same_place = theirs[4] == parts[4] or "?" in (theirs[4], parts[4])
                    if theirs[1:3] == parts[1:3] and same_place:
                        happening_id = other_happening
                        shared += 1
                        break
            self.store.execute("UPDATE events SET happening_id = ? WHERE article_id = ? AND event_id = ?",
                               (happening_id, article.id, event.id))
        return shared

    def _evidence(self, duplicates: list[tuple[str, float]], matches: list[StatementMatch], article_id: str
                  ) -> dict[str, Evidence]:
        """Per story, what ties the article to it through its member articles."""
        def other(m: StatementMatch) -> str:
            return m.earlier.article if m.later.article == article_id else m.later.article

        by_story: dict[str, dict[str, list[str]]] = {}
        groups = (("duplicate", [d for d, _ in duplicates]),
                  # a match on the speaker alone is too weak to also decide the story
                  ("statement", [other(m) for m in matches if m.kind == "same_statement" and m.by_content]))
        for kind, ids in groups:
            for article in ids:
                story_id = self.store.story_of(article)
                if story_id:
                    by_story.setdefault(story_id, {}).setdefault(kind, []).append(article)
        return {story_id: Evidence(duplicate_of=(kinds.get("duplicate") or [None])[0],
                                   statements_with=tuple(dict.fromkeys(kinds.get("statement", []))))
                for story_id, kinds in by_story.items()}

    # -- the open stories, cached ---------------------------------------------------------------
    def _refresh_cache(self) -> None:
        """Drop the cache if another process linked articles since we last looked."""
        members = int(self.store.execute("SELECT COUNT(*) FROM story_articles").fetchone()[0])
        if members != self._known_members:
            self._stories.clear()
            self._loaded_days.clear()
            self._known_members = members

    def _load_stories(self, first: str, last: str) -> None:
        window = self.settings.stories.window_days
        lo, hi = shift(first, -window), shift(last, window)
        days = {shift(lo, i) for i in range((Date.fromisoformat(hi) - Date.fromisoformat(lo)).days + 1)}
        # closed stories leave memory, so it holds only the stories of the window
        self._stories.forget_before(shift(lo, -window))
        self._loaded_days = {d for d in self._loaded_days if d >= lo}
        if days <= self._loaded_days:
            return
        rows = self.store.execute("SELECT id FROM stories WHERE last_day >= ? AND first_day <= ? ORDER BY id",
                                  (lo, hi)).fetchall()
        for story in self._read_stories([r[0] for r in rows if self._stories.get(r[0]) is None]):
            self._stories.put(story)
        self._loaded_days |= days

    def _read_stories(self, ids: list[str]) -> list[Story]:
        stories = []
        for story_id in ids:
            row = self.store.execute("SELECT id, headline, first_day, last_day, articles, actors, news_days "
                                     "FROM stories WHERE id = ?", (story_id,)).fetchone()
            if row is None:
                continue
            story = Story(*row[:5], actors=json_value(row[5]), news_days=set(json_value(row[6])))
            vectors = self.store.execute("SELECT language, articles, centroid FROM story_vectors WHERE story_id = ?",
                                         (story_id,)).fetchall()
            for language, count, blob in vectors:
                story.sums[language] = np.frombuffer(bytes(blob), dtype=np.float32).copy()
                story.counts[language] = count
            stories.append(story)
        return stories

    def _save_stories(self) -> None:
        for story in self._stories.stories.values():
            if story.changed:
                self._save(story)

    def _save(self, story: Story) -> None:
        self.store.execute(
            "INSERT INTO stories (id, headline, first_day, last_day, articles, actors, news_days) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET first_day = excluded.first_day, "
            "last_day = excluded.last_day, articles = excluded.articles, actors = excluded.actors, "
            "news_days = excluded.news_days",
            (story.id, story.headline, story.first_day, story.last_day, story.articles, json.dumps(story.actors),
             json.dumps(sorted(story.news_days))))
        for language, total in story.sums.items():
            self.store.execute(
                "INSERT INTO story_vectors (story_id, language, articles, centroid) VALUES (?, ?, ?, ?) "
                "ON CONFLICT (story_id, language) DO UPDATE SET articles = excluded.articles, "
                "centroid = excluded.centroid",
                (story.id, language, story.counts[language], np.asarray(total, dtype=np.float32).tobytes()))
        story.changed = False


def _same_speaker(a: QuoteProfile, b: QuoteProfile) -> bool:
    return (a.speaker_key is not None and a.speaker_key == b.speaker_key) or (
        a.speaker_sound is not None and a.speaker_sound == b.speaker_sound)


def _speaker_sound(entity: Entity | None, speaker: Speaker | None) -> str | None:
    """How a person speaker's name sounds, to meet the same person written in the other script; a
    Korean name the actors stage left unresolved ("아라카와") counts too."""
    if entity is not None:
        return family_name_sound(entity.name) if entity.type == "PERSON" else None
    name = speaker.name if speaker else None
    if name and re.fullmatch(r"[\uac00-\ud7a3]{2,5}", name):
        return family_name_sound(name)
    return None


def _statement_link(found: StatementMatch) -> tuple[str, str, str | None, str, str | None, float, str]:
    if found.kind == "cites":  # the citing quote first, then the article that reported the statement
        return ("cites", found.later.article, found.later.quote, found.earlier.article, found.earlier.quote,
                found.score, found.evidence)
    return ("same_statement", found.earlier.article, found.earlier.quote, found.later.article, found.later.quote,
            found.score, found.evidence)
