"""Page metadata from the tags news sites publish for sharing and search: Open Graph, article:*,
schema.org JSON-LD, <title>, <time>.

Reading these few tags directly is much cheaper than trafilatura's general metadata extraction
(a quarter of the whole pipeline's time in a profile), and it is what news pages are built to
expose. htmldate is asked only when the page declares no date.
"""

from __future__ import annotations

import json
import re
from typing import Any

_META = {
    "title": ["og:title", "twitter:title", "title", "headline", "dc.title"],
    "sitename": ["og:site_name", "application-name", "publisher", "dc.publisher", "twitter:site"],
    "date": ["article:published_time", "og:published_time", "datepublished", "pubdate", "publishdate",
             "date", "dc.date", "dc.date.issued", "sailthru.date", "parsely-pub-date", "article.published"],
    "author": ["author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author"],
    "url": ["og:url"],
}
_TITLE_SEPARATOR = re.compile(r"\s+[|–—»·-]\s+")


def _meta_values(tree: Any) -> dict[str, str]:
    values: dict[str, str] = {}
    for element in tree.iterfind(".//meta"):
        key = (element.get("property") or element.get("name") or element.get("itemprop") or "").strip().lower()
        content = (element.get("content") or "").strip()
        if key and content and key not in values:
            values[key] = content
    return values


def _json_ld(tree: Any) -> dict[str, str]:
    """headline, datePublished, author and publisher names of the page's Article object."""
    found: dict[str, str] = {}
    for script in tree.iterfind(".//script[@type='application/ld+json']"):
        try:
            data = json.loads(script.text or "")
        except (json.JSONDecodeError, TypeError):
            continue
        items = data.get("@graph", [data]) if isinstance(data, dict) else data if isinstance(data, list) else []
        for item in items:
            if not isinstance(item, dict) or ("Article" not in str(item.get("@type", "")) and "headline" not in item):
                continue
            for key, field in (("headline", "title"), ("datePublished", "date")):
                if isinstance(item.get(key), str):
                    found.setdefault(field, item[key])
            for key, field in (("author", "author"), ("publisher", "sitename")):
                value = item.get(key)
                value = value[0] if isinstance(value, list) and value else value
                name = value.get("name") if isinstance(value, dict) else value
                if isinstance(name, str) and name.strip():
                    found.setdefault(field, name.strip())
    return found


def _strip_site(title: str, sitename: str | None, loose: bool) -> str:
    """"Allies meet in Tokyo | World | Harbor Wire" -> "Allies meet in Tokyo". A trailing part goes
    when it is the site's name or, for a <title> (`loose`), short (a site or a section name):
    <title> tags carry the site and section; og:title rarely does."""
    parts = _TITLE_SEPARATOR.split(title)
    while len(parts) > 1:
        last = parts[-1].strip()
        if not ((sitename and last.casefold() == sitename.casefold()) or (loose and len(last.split()) <= 4)):
            break
        parts.pop()
    return " | ".join(parts)


def read_page_meta(tree: Any) -> dict[str, str | None]:
    """title, sitename, date, author and url of a parsed HTML page (None where absent)."""
    meta, ld = _meta_values(tree), _json_ld(tree)
    result: dict[str, str | None] = {}
    for field, keys in _META.items():
        result[field] = next((meta[k] for k in keys if meta.get(k)), None) or ld.get(field)
    if result["author"] and result["author"].startswith("http"):
        result["author"] = ld.get("author")
    if not result["title"]:
        title = " ".join((tree.findtext(".//title") or tree.findtext(".//h1") or "").split())
        result["title"] = _strip_site(title, result["sitename"], loose=True) or None
    else:
        result["title"] = _strip_site(result["title"], result["sitename"], loose=False)
    if not result["date"]:
        time_tag = tree.find(".//time[@datetime]")
        result["date"] = time_tag.get("datetime") if time_tag is not None else None
    if not result["date"]:
        from htmldate import find_date

        result["date"] = find_date(tree, extensive_search=False, original_date=True)
    if result["url"] is None:
        link = tree.find(".//link[@rel='canonical']")
        result["url"] = link.get("href") if link is not None else None
    return result
