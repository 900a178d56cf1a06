"""Check a record against the record contract (shared/spec/records.md, v1).

Used by the tests and by anyone who consumes records from elsewhere: `problems(record)` lists
what is missing or of the wrong type, and an empty list means the record speaks the contract.
"""

from __future__ import annotations

import re
from typing import Any

_ISO_DATE = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2}(?:T\d{2}:\d{2}(?::\d{2})?(?:Z|[+-]\d{2}:\d{2})?)?)?)?")
_STR, _OPT_STR, _LIST, _DICT, _INT = (str,), (str, type(None)), (list,), (dict,), (int,)

ARTICLE_FIELDS: dict[str, tuple[type, ...]] = {
    "id": _STR, "source": _DICT, "language": _OPT_STR, "headline": _OPT_STR, "subheadlines": _LIST,
    "outlet": _OPT_STR, "credits": _LIST, "byline": _LIST, "published": _OPT_STR, "metadata_source": _DICT,
    "body": _STR, "removed": _LIST, "entities": _LIST, "quotes": _LIST, "times": _LIST, "events": _LIST,
}
NESTED_FIELDS: dict[str, dict[str, tuple[type, ...]]] = {
    "removed": {"text": _STR, "reason": _STR},
    "entities": {"id": _STR, "name": _STR, "type": _STR, "aliases": _LIST, "roles": _LIST, "mentions": _LIST},
    "quotes": {"id": _STR, "text": _STR, "start": _INT, "end": _INT, "kind": _STR},
    "times": {"text": _STR, "start": _INT, "end": _INT, "value": _OPT_STR, "type": _STR},
    "events": {"id": _STR, "type": _STR, "source": _LIST, "target": _LIST, "sentence": _LIST},
}
SOURCE_FIELDS = ("path", "url", "line")


def problems(record: Any) -> list[str]:
    """Everything in `record` that breaks the contract; empty when it conforms."""
    if not isinstance(record, dict):
        return [f"record is {type(record).__name__}, not an object"]
    found = []
    for name, types in ARTICLE_FIELDS.items():
        if name not in record:
            found.append(f"missing field {name!r}")
        elif not isinstance(record[name], types):
            found.append(f"{name!r} is {type(record[name]).__name__}")
    if isinstance(record.get("source"), dict):
        found += [f"source lacks {k!r}" for k in SOURCE_FIELDS if k not in record["source"]]
    published = record.get("published")
    if isinstance(published, str) and not _ISO_DATE.fullmatch(published):
        found.append(f"published {published!r} is not ISO 8601")
    body = record.get("body") if isinstance(record.get("body"), str) else ""
    for name, spec in NESTED_FIELDS.items():
        items = record.get(name)
        for i, item in enumerate(items if isinstance(items, list) else []):
            if not isinstance(item, dict):
                found.append(f"{name}[{i}] is not an object")
                continue
            found += [f"{name}[{i}] lacks {k!r}" for k in spec if k not in item]
            found += [f"{name}[{i}].{k} is {type(item[k]).__name__}" for k, t in spec.items()
                      if k in item and not isinstance(item[k], t)]
            start, end = item.get("start"), item.get("end")
            if isinstance(start, int) and isinstance(end, int) and not 0 <= start <= end <= len(body):
                found.append(f"{name}[{i}] offsets {start}:{end} fall outside the body")
    return found
