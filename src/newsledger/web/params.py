"""Request parameters shared by the pages and the JSON API, each with the bounds that keep a request
cheap: page sizes and offsets are capped, texts are length-limited, dates and countries patterned."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Path, Query, Request

from newsledger.web.queries import TimelineFilters
from newsledger.web.search import Filters
from newsledger.web.stores import StorePool

MAX_LIMIT = 100
MAX_OFFSET = 10_000
PAGE_SIZE = 20  # results per page on the HTML pages
DATE_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
COUNTRY_PATTERN = r"^([A-Za-z]{3})?$"


def store_pool(request: Request) -> StorePool:
    """The app's read-only connections. An endpoint borrows one inside its own body (`with
    pool.borrow() as store`), in the worker thread that runs it: a yield-dependency would hand the
    connection back from another worker thread, and with every worker waiting for a connection
    none would be left to hand one back."""
    return request.app.state.pool


PoolDep = Annotated[StorePool, Depends(store_pool)]
Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"page size, at most {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="how many to skip")]
PageNo = Annotated[int, Query(ge=1, le=MAX_OFFSET // PAGE_SIZE, description="page number, from 1")]
Id = Annotated[str, Path(min_length=1, max_length=300)]
Text = Annotated[str | None, Query(max_length=200)]
QueryText = Annotated[str | None, Query(max_length=200, description="words to find, each as a prefix")]
DateFrom = Annotated[str | None, Query(alias="from", pattern=DATE_PATTERN, description="ISO date: 2024, 2024-06 …")]
DateTo = Annotated[str | None, Query(alias="to", pattern=DATE_PATTERN, description="ISO date, inclusive")]
Country = Annotated[str | None, Query(pattern=COUNTRY_PATTERN, description="ISO 3166 alpha-3, e.g. PRK")]


def search_filters(outlet: Text = None, language: Annotated[str | None, Query(max_length=16)] = None,
                   date_from: DateFrom = None, date_to: DateTo = None,
                   speaker: Annotated[str | None, Query(max_length=200,
                                                        description="an actor id, or part of a name")] = None,
                   country: Country = None) -> Filters:
    return Filters.of(outlet=outlet, language=language, date_from=date_from, date_to=date_to, speaker=speaker,
                      country=country)


def timeline_filters(actor: Annotated[str | None, Query(max_length=300, description="an actor id")] = None,
                     country: Country = None,
                     type: Annotated[str | None, Query(max_length=40, description="a PLOVER event type, or "
                                                                                  "STATEMENT")] = None,
                     date_from: DateFrom = None, date_to: DateTo = None) -> TimelineFilters:
    return TimelineFilters.of(actor=actor, country=country, type=type, date_from=date_from, date_to=date_to)


FiltersDep = Annotated[Filters, Depends(search_filters)]
TimelineDep = Annotated[TimelineFilters, Depends(timeline_filters)]
