"""The pages and the API over the example corpus, through the ASGI app: what each shows, escaping,
read-only connections, bounded requests, security headers, and `serve` binding to loopback."""

from __future__ import annotations

import re
import sqlite3
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from newsledger.cli.app import app as cli
from newsledger.store import Store
from newsledger.web.params import MAX_LIMIT

from .conftest import CAMPBELL_EN, HOSTILE


def html(client: TestClient, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.text[:500])
    assert response.headers["content-type"].startswith("text/html")
    return response.text


def test_search_page_lists_articles_and_quotes(client):
    page = html(client, "/search?q=water+cannon")
    assert "Philippines accuses China of water cannon attack near Scarborough Shoal" in page
    assert "<mark>water</mark>" in page
    assert 'href="/actors/person%3Ajay-tarriela"' in html(client, "/search?q=water")  # a quote's speaker, linked
    assert "No article has all of these words" in html(client, "/search?q=zzzqqq")
    filtered = html(client, "/search?q=&language=ko&outlet=%ED%95%9C%EB%B9%9B%EC%9D%BC%EB%B3%B4")  # 한빛일보
    assert filtered.count('class="hit"') == 2 and "Harbor Wire</p>" not in filtered
    assert "<h1>Search articles and quotes</h1>" in html(client, "/")


def test_htmx_requests_get_only_the_results(client):
    partial = client.get("/search?q=campbell", headers={"HX-Request": "true", "HX-Target": "results"})
    assert partial.status_code == 200 and "<html" not in partial.text and "Kurt Campbell" in partial.text
    assert partial.headers["vary"] == "HX-Request"
    timeline = client.get("/timeline?type=STATEMENT", headers={"HX-Request": "true", "HX-Target": "timeline"})
    assert "<svg" in timeline.text and "<html" not in timeline.text


def test_article_page_marks_quotes_entities_dates_and_removed_text(client):
    page = html(client, f"/articles/{CAMPBELL_EN}")
    assert '<h1>Campbell says trilateral ties with Seoul and Tokyo must outlast leadership changes</h1>' in page
    quote_link = re.search(r'<a id="quote-Q\d+" class="quote (sp-\d)"[^>]*data-tip="Kurt Campbell, U\.S\. Deputy '
                           r'Secretary of State · [^"]* · confidence \d\.\d\d · \w+" '
                           r'href="/actors/person%3Akurt-campbell"', page)
    assert quote_link, "a quote by Kurt Campbell, coloured, with its tooltip, linked to his page"
    assert f'<span class="swatch {quote_link.group(1)}"></span><a href="/actors/person%3Akurt-campbell">Kurt Campbell' \
           in page  # the legend gives his colour
    assert 'class="ent ent-GPE"' in page and '<time class="tx"' in page
    assert '<details class="removed" id="removed">' in page and "Removed by the cleaner" in page


def test_hostile_article_text_is_shown_as_text(client):
    for url in ("/articles/hostile-1", "/search?q=minister+warns", "/search?q=respond", "/timeline",
                "/actors/person:cho-tae-yul"):
        page = client.get(url).text
        for tag in ("<script>alert", "<script>document", "<img src=x", "<b onmouseover", "<b>Wire"):
            assert tag not in page, (url, tag)
    page = html(client, "/articles/hostile-1")
    assert "Minister warns &lt;script&gt;alert(&#39;headline&#39;)&lt;/script&gt; is no threat" in page
    assert "&lt;img src=x onerror=alert(&#39;quote&#39;)" in page
    assert "Evil &lt;b&gt;Wire&lt;/b&gt;" in page
    assert "javascript:" not in page  # the record's url is not an http(s) link: no link to it
    assert re.findall(r"<script[^>]*>", page) == ['<script src="/static/htmx.min.js" defer>']
    record = client.get("/api/articles/hostile-1").json()
    assert record["headline"] == HOSTILE["text"].split("\n")[0]  # the API gives the text as it is


def test_actor_page_shows_statements_roles_articles_and_company(client):
    page = html(client, "/actors/person:kurt-campbell")
    assert "<h1>Kurt Campbell</h1>" in page
    statements = re.findall(r'<li class="statement">', page)
    assert len(statements) >= 5
    dates = re.findall(r'<span class="when">([^<]+)</span>', page)
    assert dates == sorted(dates)  # in time order
    assert "Pacific Dispatch (en)" in page and "U.S. Deputy Secretary of State" in page
    assert 'id="co-actors"' in page and "/actors/country%3Ajpn" in page


def test_lists_stories_and_timeline(client, stories_exist):
    assert "<h1>Actors</h1>" in html(client, "/actors?country=prk")
    stories = html(client, "/stories")
    assert ("No story yet" in stories) != stories_exist
    timeline = html(client, "/timeline")
    assert timeline.count('<circle class="mark"') > 50 and "Statements (" in timeline
    only = html(client, "/timeline?type=ASSAULT")
    assert "Assault (" in only and "Statements (" not in only
    assert "Where <a" in html(client, "/timeline?actor=country:prk")


def test_unknown_ids_are_404_in_html_and_json(client):
    for kind, one in (("articles", "article"), ("actors", "actor"), ("stories", "story")):
        assert "Not found" in html(client, f"/{kind}/no-such-id", status=404)
        response = client.get(f"/api/{kind}/no-such-id")
        assert response.status_code == 404 and response.json() == {"detail": f"no {one} with id 'no-such-id'"}
    assert client.get("/static/../pyproject.toml").status_code == 404
    assert client.get("/static/%2e%2e/pyproject.toml").status_code == 404


def test_ids_with_any_character_round_trip(client):
    response = client.get("/api/articles/" + quote("hostile-1", safe=""))
    assert response.status_code == 200
    assert client.get("/api/articles/" + quote("a/b?c#d", safe="")).status_code == 404


def test_api_mirrors_the_record_contract(client):
    record = client.get(f"/api/articles/{CAMPBELL_EN}").json()
    assert list(record)[:16] == ["id", "source", "language", "headline", "subheadlines", "outlet", "credits", "byline",
                                 "published", "metadata_source", "body", "removed", "entities", "quotes", "times",
                                 "events"]
    quote_ = record["quotes"][0]
    assert record["body"][quote_["start"]:quote_["end"]] == quote_["text"]
    page = client.get("/api/articles?limit=5").json()
    assert len(page["items"]) == 5 and page["next_offset"] == 5
    found = client.get("/api/search?q=campbell&language=en").json()
    assert CAMPBELL_EN in [a["id"] for a in found["articles"]] and found["quotes"]
    said = client.get("/api/statements", params={"actor": "person:kurt-campbell", "limit": 100}).json()
    assert said["items"] and {s["speaker_actor"] for s in said["items"]} == {"person:kurt-campbell"}
    events = client.get("/api/events?country=PRK&limit=100").json()["items"]
    assert events and all("PRK" in e["source_country"] + e["target_country"] for e in events)
    parties = client.get("/api/events", params={"actor": "country:prk", "limit": 100}).json()["items"]
    assert parties and all("PRK" in e["source_country"] + e["target_country"] for e in parties)  # a party to each
    assert client.get("/api/openapi.json").json()["info"]["title"] == "newsledger"


def test_requests_are_bounded_and_read_only(client, app):
    assert client.get(f"/api/articles?limit={MAX_LIMIT + 1}").status_code == 422
    assert client.get("/api/articles?offset=10000000").status_code == 422
    assert client.get("/api/search", params={"q": "x" * 201}).status_code == 422
    assert client.get("/search?page=0").status_code == 422
    assert client.get("/search?from=yesterday").status_code == 422
    for url in ("/search", "/api/articles", f"/articles/{CAMPBELL_EN}"):
        assert client.post(url).status_code == 405
        assert client.delete(url).status_code == 405
    with app.state.pool.borrow() as store, pytest.raises(sqlite3.OperationalError, match="readonly"):
        store.execute("DELETE FROM articles")


def test_security_headers_and_nothing_from_elsewhere(client):
    response = client.get(f"/articles/{CAMPBELL_EN}")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp and "unsafe" not in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    for url in re.findall(r'<(?:script|link)[^>]+(?:src|href)="([^"]+)"', response.text):
        assert url.startswith(("/", "data:")), url
    assert client.get("/static/htmx.min.js").text.startswith("var htmx=")


def test_serve_binds_to_loopback_unless_told(monkeypatch, corpus):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append(kw))
    result = CliRunner().invoke(cli, ["serve", "--db", str(corpus)])
    assert result.exit_code == 0, result.output
    assert calls == [{"host": "127.0.0.1", "port": 8000, "log_level": "warning"}]
    assert "http://127.0.0.1:8000/" in result.output
    CliRunner().invoke(cli, ["serve", "--db", str(corpus), "--host", "0.0.0.0", "--port", "9001"])
    assert calls[-1]["host"] == "0.0.0.0" and calls[-1]["port"] == 9001
    assert CliRunner().invoke(cli, ["serve", "--db", "/no/such/folder/x.db"]).exit_code == 2


def test_links_across_articles_are_shown_where_they_belong(client, monkeypatch):
    """The example corpus has stories but no statement reported twice: the Store's link queries are
    stood in for here, with links of the contract's shape between real stored quotes."""
    seoul, manila = "b4460e811f2981ce", "24f09135a563d104"  # Chang Ho-jin's statements; Jay Tarriela's

    def quote(article: str, words: str) -> str:
        """The id the quote finder gave the quote holding these words (ids move as the finder improves)."""
        record = client.get(f"/api/articles/{article}").json()
        return next(q["id"] for q in record["quotes"] if words in q["text"])

    respond, help_, arms = (quote(seoul, w) for w in ("Seoul would respond", "Any cooperation", "reconsider the issue"))
    vessels, force = quote(manila, "Our vessels were in Philippine waters"), quote(manila, "What we saw today")
    same = {"type": "same_statement", "a": {"article": seoul, "quote": respond},
            "b": {"article": manila, "quote": vessels}, "score": 0.9, "evidence": "same speaker, same day"}
    again = {"type": "same_statement", "a": {"article": seoul, "quote": help_},
             "b": {"article": seoul, "quote": arms}, "score": 0.8, "evidence": "said twice"}
    cites = {"type": "cites", "a": {"article": manila, "quote": force}, "b": {"article": seoul, "quote": None},
             "score": 0.7, "evidence": "recalls the 20 June statement"}
    member = {"headline": "h", "outlet": "o", "published": "2024-06-20", "language": "en", "score": 1.0,
              "evidence": "opens the story"}
    story = {"id": "S-test", "headline": "A test story", "first_day": "2024-06-20", "last_day": "2025-03-14",
             "articles": 2, "members": [{**member, "article": seoul}, {**member, "article": manila}],
             "statements": [same]}

    def links(self, type_=None, articles=None, limit=None):
        return [link for link in (same, again, cites) if type_ in (None, link["type"])
                and (articles is None or {link["a"]["article"], link["b"]["article"]} & set(articles))]

    monkeypatch.setattr(Store, "links", links)
    monkeypatch.setattr(Store, "story_of", lambda self, article: "S-test" if article in (seoul, manila) else None)
    monkeypatch.setattr(Store, "story", lambda self, story_id: story if story_id == "S-test" else None)

    page = html(client, f"/articles/{seoul}")
    assert '<a class="story-link" href="/stories/S-test">A test story</a>' in page
    assert f'href="/articles/{manila}"' in page  # the other article of its story
    elsewhere = re.search(rf'<li id="q-{respond}">.*?</li>', page, re.S).group()
    assert f'href="/articles/{manila}#quote-{vessels}">Harbor Wire (en)</a>' in elsewhere
    assert "Our vessels were in Philippine waters" in elsewhere  # what the other article quotes
    assert re.search(rf'<span class="tag">cited by</span> <a href="/articles/{manila}#quote-{force}">', page)
    story_page = html(client, "/stories/S-test")
    shared = re.search(r'<section id="shared">.*?</section>', story_page, re.S).group()
    assert "Seoul would respond" in shared and "Our vessels were in Philippine waters" in shared
    actor = html(client, "/actors/person:chang-ho-jin")
    together = [item for item in re.findall(r'<li class="statement">.*?</li>', actor, re.S)
                if f"#quote-{arms}" in item]
    assert len(together) == 1 and f"#quote-{help_}" in together[0]  # one statement, reported twice
    api = client.get("/api/stories/S-test").json()
    assert api["articles"] == [seoul, manila] and api["statements"] == [same]
    assert client.get("/api/links", params={"article": manila, "type": "cites"}).json()["items"] == [cites]
