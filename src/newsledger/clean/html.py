"""HTML to main text (trafilatura) and page metadata (page_meta)."""

from __future__ import annotations

import logging

from newsledger.clean.page_meta import read_page_meta
from newsledger.pipeline import Document, StageError, stage

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


class HtmlStage:
    """Replace an HTML item's text with trafilatura's main text; keep title, site, date, author
    (read from the page's sharing and search tags, see page_meta)."""

    def __call__(self, doc: Document) -> Document:
        if doc.item.html is None:
            return doc
        from trafilatura import bare_extraction
        from trafilatura.utils import load_html

        html = doc.item.html
        tree = load_html(html) if "<" in html else None
        if tree is None:
            raise StageError("HTML file holds no markup")
        meta = read_page_meta(tree)  # before extraction, which prunes a copy of the tree
        extracted = bare_extraction(tree, url=doc.item.meta.get("url"), include_comments=False,
                                    include_tables=True)
        text = extracted.text if extracted is not None else None
        if not text or not text.strip():
            raise StageError("HTML has no article text (empty or missing <body>, or no main content)")
        doc.text = text
        doc.annotations["html"] = meta
        return doc


@stage("html")
def make_html_stage() -> HtmlStage:
    return HtmlStage()
