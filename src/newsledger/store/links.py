"""Reading and writing what the linker derives: signatures, quotes, stories and links.

`LinkQueries` is mixed into `Store`; the linker (newsledger.link) decides, this module only stores
and fetches, with parameterised SQL that runs on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import combinations
from typing import Any

from newsledger.store.sql import Queries, equal_to

LINK_TYPES = ("duplicate", "same_story", "same_statement", "cites")
LINK_TABLES = ("links", "story_articles", "story_vectors", "stories", "quotes", "lsh_buckets",
               "article_signatures")


def _link(kind: str, a_article: str, a_quote: str | None, b_article: str, b_quote: str | None, score: float,
          evidence: str) -> dict[str, Any]:
    """A link as the record contract writes it."""
    return {"type": kind, "a": {"article": a_article, "quote": a_quote or None},
            "b": {"article": b_article, "quote": b_quote or None}, "score": round(float(score), 3),
            "evidence": evidence}


class LinkQueries(Queries):
    """The link tables' queries; `execute` comes from Store."""

    # -- reading, for people and the web UI ------------------------------------------------------
    def stories(self, limit: int = 50, offset: int = 0, min_articles: int = 1) -> list[dict[str, Any]]:
        """Stories, the latest first: id, headline, first_day, last_day, articles (count)."""
        return self.rows(
            "SELECT id, headline, first_day, last_day, articles FROM stories WHERE articles >= ? "
            "ORDER BY last_day DESC, articles DESC, id LIMIT ? OFFSET ?", (min_articles, limit, offset))

    def story(self, story_id: str) -> dict[str, Any] | None:
        """One story: its articles (oldest first, with why each joined) and the statements that several
        of them report (same_statement links between its articles)."""
        rows = self.rows("SELECT id, headline, first_day, last_day, articles FROM stories WHERE id = ?",
                                  (story_id,))
        if not rows:
            return None
        story = rows[0]
        story["members"] = self.rows(
            "SELECT a.id AS article, a.headline, a.outlet, a.published, a.language, s.score, s.evidence "
            "FROM story_articles s JOIN articles a ON a.id = s.article_id WHERE s.story_id = ? "
            "ORDER BY a.published, a.id", (story_id,))
        members = [m["article"] for m in story["members"]]
        story["statements"] = [link for link in self.links(type_="same_statement", articles=members)
                               if link["a"]["article"] in members and link["b"]["article"] in members]
        return story

    def story_of(self, article_id: str) -> str | None:
        row = self.execute("SELECT story_id FROM story_articles WHERE article_id = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def links(self, type_: str | None = None, articles: Sequence[str] | None = None, limit: int | None = None
              ) -> list[dict[str, Any]]:
        """Links in the contract's shape; `articles` keeps those touching any of these articles.
        same_story links are the pairs of each story's articles."""
        return list(self.iter_links(type_=type_, articles=articles, limit=limit))

    def iter_links(self, type_: str | None = None, articles: Sequence[str] | None = None,
                   limit: int | None = None) -> Iterator[dict[str, Any]]:
        count = 0
        for link in self._stored_links(type_, articles):
            if limit is not None and count >= limit:
                return
            count += 1
            yield link
        if type_ not in (None, "same_story"):
            return
        for link in self._story_links(articles):
            if limit is not None and count >= limit:
                return
            count += 1
            yield link

    def _stored_links(self, type_: str | None, articles: Sequence[str] | None) -> Iterator[dict[str, Any]]:
        where, params = [], []
        if type_:
            where.append("type = ?")
            params.append(type_)
        if articles is not None:
            if not articles:
                return
            marks = ", ".join("?" * len(articles))
            where.append(f"(a_article IN ({marks}) OR b_article IN ({marks}))")
            params += [*articles, *articles]
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        cursor = self.execute(f"SELECT type, a_article, a_quote, b_article, b_quote, score, evidence FROM links "
                              f"{clause} ORDER BY type, a_article, a_quote, b_article, b_quote", params)
        for row in cursor.fetchall():
            yield _link(*row)

    def _story_links(self, articles: Sequence[str] | None) -> Iterator[dict[str, Any]]:
        if articles is not None:
            if not articles:
                return
            marks = ", ".join("?" * len(articles))
            story_ids = [r[0] for r in self.execute(
                f"SELECT DISTINCT story_id FROM story_articles WHERE article_id IN ({marks}) ORDER BY story_id",
                list(articles)).fetchall()]
        else:
            story_ids = [r[0] for r in self.execute(
                "SELECT id FROM stories WHERE articles > 1 ORDER BY id").fetchall()]
        for story_id in story_ids:
            members = self.execute("SELECT article_id, score, evidence FROM story_articles WHERE story_id = ? "
                                   "ORDER BY position", (story_id,)).fetchall()
            # each pair says why the later of the two joined
            for (first, _, _), (second, score, evidence) in combinations(members, 2):
                yield _link("same_story", first, None, second, None, score, f"story {story_id}: {evidence}")

    def story_memberships(self) -> Iterator[dict[str, Any]]:
        """`{"story": id, "articles": [ids]}` per story, as `export --stories` writes them."""
        for (story_id,) in self.execute("SELECT id FROM stories ORDER BY first_day, id").fetchall():
            members = [r[0] for r in self.execute(
                "SELECT s.article_id FROM story_articles s JOIN articles a ON a.id = s.article_id "
                "WHERE s.story_id = ? ORDER BY a.published, a.id", (story_id,)).fetchall()]
            yield {"story": story_id, "articles": members}

    def happenings(self, min_reports: int = 2, type_: str | None = None, limit: int = 100) -> list[dict[str, Any]]:
        """Events reported by several articles, one row per happening: its type, date, parties'
        countries, how many reports, and the (article, event) of each report."""
        where, params = equal_to((("type", type_),))
        where.insert(0, "happening_id IS NOT NULL")
        groups = self.rows(
            f"SELECT happening_id AS happening, MIN(type) AS type, MIN(date) AS date, "
            f"MIN(source_country) AS source_country, MIN(target_country) AS target_country, "
            f"COUNT(DISTINCT article_id) AS reports FROM events WHERE {' AND '.join(where)} "
            f"GROUP BY happening_id HAVING COUNT(DISTINCT article_id) >= ? ORDER BY MIN(date), happening_id LIMIT ?",
            (*params, min_reports, limit))
        for group in groups:
            group["mentions"] = [{"article": r[0], "event": r[1], "trigger": r[2]} for r in self.execute(
                "SELECT article_id, event_id, trigger FROM events WHERE happening_id = ? ORDER BY article_id, event_id",
                (group["happening"],)).fetchall()]
        return groups

    def quotes(self, article: str | None = None, speaker_actor: str | None = None, limit: int = 200,
               offset: int = 0) -> list[dict[str, Any]]:
        """Quotations with their speaker's actor, by statement date (for speaker pages and search)."""
        where, params = equal_to((("q.article_id", article), ("q.speaker_actor", speaker_actor)))
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        return self.rows(
            f"SELECT q.article_id AS article, q.quote_id AS quote, q.speaker, q.speaker_actor, q.role, q.kind, q.cue, "
            f"q.date, q.text, q.confidence, a.outlet, a.headline, a.published FROM quotes q "
            f"JOIN articles a ON a.id = q.article_id {clause} "
            f"ORDER BY COALESCE(q.date, q.day), q.article_id, q.quote_id LIMIT ? OFFSET ?", (*params, limit, offset))

    def unlinked_articles(self) -> list[tuple[str, str | None]]:
        """(id, published) of the stored articles the linker has not placed yet (say, after
        `ingest --no-link`)."""
        return [(r[0], r[1]) for r in self.execute(
            "SELECT id, published FROM articles WHERE id NOT IN (SELECT article_id FROM article_signatures) "
            "ORDER BY published, id").fetchall()]

    # -- writing, for the linker -----------------------------------------------------------------
    def clear_links(self) -> None:
        """Forget everything derived by linking (inside the caller's transaction)."""
        for table in LINK_TABLES:
            self.execute(f"DELETE FROM {table}")
        self.execute("UPDATE events SET happening_id = NULL")

    def insert_links(self, links: Iterable[tuple[str, str, str | None, str, str | None, float, str]]) -> None:
        for kind, a_article, a_quote, b_article, b_quote, score, evidence in links:
            self.execute("INSERT INTO links (type, a_article, a_quote, b_article, b_quote, score, evidence) "
                         "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                         (kind, a_article, a_quote or "", b_article, b_quote or "", round(score, 4), evidence))
