"""The web application: pages, JSON API, static files and the headers that keep a browser safe.

`create_app` does its writing up front (migrations, the search index) on a connection of its own,
then serves every request from read-only connections: nothing a request can do changes the store.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

from fastapi import FastAPI, Request, Response
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsledger.store import open_store
from newsledger.web import api, pages
from newsledger.web.search import ensure_index
from newsledger.web.stores import StorePool

STATIC = Path(__file__).parent / "static"
# Scripts and styles only from this server (htmx is a file of the package, never a CDN), no
# framing, no plugins; SVG presentation attributes are not styles, so the timeline needs no
# 'unsafe-inline'.
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
                               "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
}


def create_app(db: str | Path | None = None, pool_size: int = 8) -> FastAPI:
    """The app for one store (a SQLite path or a postgresql:// URL); raises StoreError if unusable."""
    with open_store(db) as store:
        ensure_index(store)

    app = FastAPI(title="newsledger", version="1",
                  description="Read-only access to a newsledger store: articles as records of the record "
                              "contract (v1), actors, events, stories and links across articles.",
                  openapi_url="/api/openapi.json", docs_url=None, redoc_url=None)
    # closed by whoever created the app (`serve` when the server stops), not on ASGI lifespan events,
    # which in-process test clients send each time they start
    app.state.pool = StorePool(db, size=pool_size)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        if request.url.path.startswith("/api"):
            return await http_exception_handler(request, exc)
        return pages.templates.TemplateResponse(request, "error.html", {"status": exc.status_code,
                                                                        "detail": exc.detail},
                                                status_code=exc.status_code, headers=getattr(exc, "headers", None))

    @app.exception_handler(RequestValidationError)
    async def bad_request(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api"):
            return await request_validation_exception_handler(request, exc)
        problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in exc.errors())
        return pages.templates.TemplateResponse(request, "error.html", {"status": 422, "detail": problems},
                                                status_code=422)

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    return app
