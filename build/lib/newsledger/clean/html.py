"""HTML to main text and page metadata, through trafilatura."""

from __future__ import annotations

import logging

from newsledger.pipeline import Document, StageError, stage

logging.getLogger("trafilatura").setLevel(logging.ERROR)
logging.getLogger("htmldate").setLevel(logging.ERROR)


class HtmlStage:
    """Replace an HTML item's text with trafilatura's main text; keep title, site, date, author."""

    def __call__(self, doc: Document) -> Document:
        if doc.item.html is None:
            return doc
        from trafilatura import bare_extraction

        html = doc.item.html
        if "<" not in html:
            raise StageError("HTML file holds no markup")
        extracted = bare_extraction(html, url=doc.item.meta.get("url"), with_metadata=True,
                                    include_comments=False, include_tables=True,
                                    date_extraction_params={"extensive_search": False, "original_date": True})
        text = extracted.text if extracted is not None else None
        if not text or not text.strip():
            raise StageError("HTML has no article text (empty or missing <body>, or no main content)")
        doc.text = text
        doc.annotations["html"] = {
            "title": extracted.title, "sitename": extracted.sitename, "date": extracted.date,
            "author": extracted.author, "url": extracted.url,
        }
        return doc


@stage("html")
def make_html_stage() -> HtmlStage:
    return HtmlStage()
