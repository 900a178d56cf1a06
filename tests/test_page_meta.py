"""Page metadata from sharing and search tags."""

from __future__ import annotations

from trafilatura.utils import load_html

from newsledger.clean.page_meta import read_page_meta


def meta(head: str, body: str = "<p>Text.</p>") -> dict:
    return read_page_meta(load_html(f"<html><head>{head}</head><body>{body}</body></html>"))


def test_open_graph_and_article_tags():
    got = meta('<meta property="og:title" content="Kim: We will respond"><meta property="og:site_name" '
               'content="Harbor Wire"><meta property="article:published_time" content="2025-02-03T09:00:00+09:00">'
               '<meta name="author" content="Hana Ito"><meta property="og:url" content="https://hw.example/a">')
    assert got == {"title": "Kim: We will respond", "sitename": "Harbor Wire", "date": "2025-02-03T09:00:00+09:00",
                   "author": "Hana Ito", "url": "https://hw.example/a"}


def test_json_ld_article():
    got = meta('<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": '
               '"NewsArticle", "headline": "Allies meet in Tokyo", "datePublished": "2025-06-12", "author": '
               '[{"@type": "Person", "name": "Mina Cho"}], "publisher": {"name": "Pacific Dispatch"}}]}</script>')
    assert (got["title"], got["date"], got["author"], got["sitename"]) == (
        "Allies meet in Tokyo", "2025-06-12", "Mina Cho", "Pacific Dispatch")


def test_title_tag_loses_its_site_suffix_and_time_tag_gives_the_date():
    got = meta("<title>Allies meet in Tokyo | World | Harbor Wire</title>",
               '<p>Text.</p><time datetime="2025-06-12T08:00:00Z">June 12</time>')
    assert got["title"] == "Allies meet in Tokyo"
    assert got["date"] == "2025-06-12T08:00:00Z"
    assert meta("<title>Seoul and Tokyo agree to resume talks</title>")["title"] == (
        "Seoul and Tokyo agree to resume talks")


def test_broken_json_ld_and_missing_tags_are_none():
    got = meta('<script type="application/ld+json">{broken</script>')
    assert got["title"] is None and got["author"] is None and got["sitename"] is None
