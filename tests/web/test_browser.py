"""End to end in a real browser (Debian's Chromium through Playwright) over the example corpus:
what a person sees on each page, the clicks from a quote to its speaker and from an article to its
story, and that hostile article text runs nothing. Each test leaves screenshots (see `screenshots`)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

from .conftest import CAMPBELL_EN, CAMPBELL_KO

EXPECTED_CONSOLE = "Failed to load resource: the server responded with a status of 404"  # the not-found page


@pytest.fixture
def page(browser, live_url: str, screenshots: Path, request: pytest.FixtureRequest) -> Iterator[object]:
    """A fresh browser tab on the live server; it fails the test on any dialog, script error or
    console error (a Content-Security-Policy violation is one)."""
    context = browser.new_context(base_url=live_url, viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    problems: list[str] = []
    tab.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    tab.on("console", lambda message: message.type == "error" and not message.text.startswith(EXPECTED_CONSOLE)
           and problems.append(f"console: {message.text}"))
    tab.set_default_timeout(10_000)
    yield tab
    context.close()
    assert problems == [], f"{request.node.name}: {problems}"


def shot(page, screenshots: Path, name: str) -> None:
    page.screenshot(path=str(screenshots / f"{name}.png"), full_page=True)


def test_search_as_you_type(page, screenshots):
    page.goto("/search?q=water+cannon")
    first = page.locator("#article-hits .hit h3 a").first
    assert first.inner_text() == "Philippines accuses China of water cannon attack near Scarborough Shoal"
    assert page.locator("#article-hits mark").first.inner_text().lower() == "water"
    shot(page, screenshots, "search-water-cannon")
    page.fill("#q", "institutionalize")  # htmx swaps the results in and puts the query in the address
    page.wait_for_url("**/search?q=institutionalize*")
    hit = page.locator("#quote-hits figure").first
    assert "institutionalize" in hit.locator("blockquote").inner_text()
    assert "Kurt Campbell" in hit.locator("figcaption").inner_text()
    page.select_option("select[name=language]", "ko")
    page.wait_for_url("**language=ko*")
    assert page.locator("#quote-hits .empty").inner_text() == "No quote matches."
    shot(page, screenshots, "search-as-you-type")


def test_from_a_highlighted_quote_to_its_speaker(page, screenshots):
    page.goto(f"/articles/{CAMPBELL_EN}")
    assert page.locator("h1").inner_text().startswith("Campbell says trilateral ties")
    quote = page.locator('#body a.quote[href="/actors/person%3Akurt-campbell"]').first
    colour = quote.get_attribute("class").split()[-1]
    assert colour.startswith("sp-")
    background = quote.evaluate("q => getComputedStyle(q).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "transparent")  # highlighted
    quote.hover()
    tip = quote.evaluate("q => getComputedStyle(q, '::after').content")
    assert "Kurt Campbell, U.S. Deputy Secretary of State" in tip and "confidence" in tip  # the hover card
    shot(page, screenshots, "article-quote-hover")
    assert page.locator("#removed").evaluate("d => d.open") is False  # boilerplate collapsed …
    page.click("#removed summary")
    assert page.locator("#removed li").first.is_visible()  # … and there on a click
    quote.click()
    page.wait_for_url("**/actors/person%3Akurt-campbell")
    assert page.locator("h1").inner_text() == "Kurt Campbell"
    assert page.locator("li.statement").count() >= 5
    assert page.locator("#roles td").first.inner_text() == "U.S. Deputy Secretary of State"
    assert page.locator("#co-actors li").count() > 3
    shot(page, screenshots, "actor-kurt-campbell")


def test_from_an_article_to_its_story(page, screenshots, stories_exist):
    page.goto(f"/articles/{CAMPBELL_EN}")
    if not stories_exist:
        assert "In no story yet" in page.locator("#story").inner_text()  # the honest empty state
        shot(page, screenshots, "article-no-story")
        pytest.skip("the store has no stories: cross-article linking (issue 7) has not placed the articles")
    page.click("#story a.story-link")
    page.wait_for_url("**/stories/**")
    columns = page.locator(".columns .column")
    assert columns.count() >= 2
    headlines = [columns.nth(i).locator("h2 a").get_attribute("href") for i in range(columns.count())]
    assert f"/articles/{CAMPBELL_EN}" in headlines and f"/articles/{CAMPBELL_KO}" in headlines  # side by side
    statements = page.request.get("/api" + urlparse(page.url).path).json()["statements"]
    shared = page.locator("#shared li.statement")
    assert (shared.count() > 0) == bool(statements)
    if statements:  # a statement both report: each article's words, side by side
        assert {"en", "ko"} <= {q.get_attribute("lang") for q in shared.first.locator("q").all()}
    shot(page, screenshots, "story")


def test_hostile_text_shows_as_text_and_runs_nothing(page, screenshots):
    page.goto("/articles/hostile-1")
    assert page.locator("h1").inner_text() == "Minister warns <script>alert('headline')</script> is no threat"
    body = page.locator("#body").inner_text()
    assert "<img src=x onerror=alert('quote')>" in body and "<b onmouseover=alert('body')>talks</b>" in body
    assert page.title() != "pwned"
    assert page.locator("img").count() == 0 and page.locator("script").count() == 1  # htmx only
    page.locator("#body .quote").last.hover()
    shot(page, screenshots, "hostile-article")
    page.goto("/search?q=respond")
    assert "<script>document.title='pwned'</script>" in page.locator("#quote-hits").inner_text()
    assert page.title() != "pwned"


def test_timeline_is_a_picture(page, screenshots):
    page.goto("/timeline")
    svg = page.locator("svg.timeline")
    assert svg.is_visible() and svg.bounding_box()["height"] > 200
    assert page.locator("svg.timeline circle.mark").count() > 100
    lanes = page.locator("svg.timeline text.lane-label").all_text_contents()
    assert lanes[0].startswith("Statements (") and any(lane.startswith("Assault (") for lane in lanes)
    shot(page, screenshots, "timeline")
    page.select_option("select[name=type]", "ASSAULT")  # htmx redraws it with the filter in the address
    page.wait_for_url("**type=ASSAULT*")
    assert [t.split(" (")[0] for t in page.locator("svg.timeline text.lane-label").all_text_contents()] == ["Assault"]
    page.goto("/timeline?actor=person:kurt-campbell&type=STATEMENT")
    assert "Kurt Campbell" in page.locator("#timeline p.meta").first.inner_text()
    page.locator("svg.timeline circle.mark").first.click()  # to the statement in its article
    page.wait_for_url("**/articles/*#quote-Q*")
    quote_id = page.url.rsplit("#", 1)[1]
    assert page.locator(f"#{quote_id}").get_attribute("href") == "/actors/person%3Akurt-campbell"
    shot(page, screenshots, "timeline-to-article")


def test_every_page_loads(page, screenshots, stories_exist):
    for name, url, heading in (("home", "/", "Search articles and quotes"), ("actors", "/actors", "Actors"),
                               ("stories", "/stories", "Stories"),
                               ("korean-article", f"/articles/{CAMPBELL_KO}", "캠벨"),
                               ("not-found", "/articles/no-such-article", "Not found")):
        page.goto(url)
        assert heading in page.locator("h1").inner_text(), url
        shot(page, screenshots, f"page-{name}")
    page.goto("/stories")
    if stories_exist:
        page.locator("table.list a").first.click()
        page.wait_for_url("**/stories/**")
        assert page.locator(".columns .column").count() >= 1
        shot(page, screenshots, "page-story")
