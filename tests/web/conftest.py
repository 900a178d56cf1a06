"""Fixtures of the web tests: the example corpus (and one hostile article) ingested once into a
SQLite store, the app over it, a live server on loopback, and Debian's headless Chromium."""

from __future__ import annotations

import json
import os
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newsledger import Ledger
from newsledger.store import open_store
from newsledger.web import create_app

from ..conftest import EXAMPLES

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update"]
# Article text is data, never markup: each of these must show as text and run nothing.
HOSTILE = {
    "id": "hostile-1", "url": "javascript:alert('url')", "published": "2025-02-03", "outlet": "Evil <b>Wire</b>",
    "language": "en",
    "text": "Minister warns <script>alert('headline')</script> is no threat\n\n"
            "SEOUL (Evil Wire) — Foreign Minister Cho Tae-yul said on Monday that \"<img src=x "
            "onerror=alert('quote')> will not intimidate Seoul,\" speaking to reporters.\n\n"
            "\"We will respond <script>document.title='pwned'</script> firmly,\" Cho said.\n\n"
            "The ministry added that <b onmouseover=alert('body')>talks</b> would continue in March.",
}
CAMPBELL_EN = "1d90d8be8f34db5a"  # examples/en/campbell_trilateral.txt
CAMPBELL_KO = "0fcd144ec6cba6b7"  # examples/ko/campbell_trilateral_ko.txt, the same remarks in Korean


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """examples/ plus the hostile article, ingested (with every analysis stage) into a SQLite file."""
    folder = tmp_path_factory.mktemp("web-corpus")
    feed = folder / "hostile.jsonl"
    feed.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = folder / "corpus.db"
    with Ledger(db) as ledger:
        report = ledger.ingest([EXAMPLES, feed])
    assert report.ok, report.failures
    return db


@pytest.fixture(scope="session")
def stories_exist(corpus: Path) -> bool:
    with open_store(corpus) as store:
        return bool(store.stories(limit=1))


@pytest.fixture(scope="session")
def app(corpus: Path) -> Iterator[FastAPI]:
    web_app = create_app(corpus, pool_size=4)
    yield web_app
    web_app.state.pool.close()


@pytest.fixture(scope="session")
def client(app: FastAPI) -> TestClient:
    return TestClient(app)


@pytest.fixture(scope="session")
def live_url(app: FastAPI) -> Iterator[str]:
    """The app served by uvicorn on a free loopback port, in a thread of this process."""
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(10)


@pytest.fixture(scope="session")
def screenshots(tmp_path_factory: pytest.TempPathFactory, request: pytest.FixtureRequest) -> Path:
    """Where the browser tests leave their screenshots: $NEWSLEDGER_ARTIFACTS/web, else a pytest
    temporary folder; the run's summary prints it."""
    base = os.environ.get("NEWSLEDGER_ARTIFACTS")
    folder = Path(base) / "web" if base else tmp_path_factory.mktemp("web-screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    request.config.stash[SCREENSHOTS] = folder
    return folder


SCREENSHOTS = pytest.StashKey[Path]()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, config: pytest.Config) -> None:
    folder = config.stash.get(SCREENSHOTS, None)
    if folder is not None:
        terminalreporter.write_line(f"web UI screenshots: {folder}")


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    """Debian's Chromium driven by Playwright; never a downloaded browser."""
    if not CHROMIUM.exists():
        if os.environ.get("CI"):
            pytest.fail("CI has no /usr/bin/chromium: .ci/run installs Debian's chromium package")
        pytest.skip("no /usr/bin/chromium: `apt-get install -y chromium` (CI installs it)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_FLAGS)
        yield chromium
        chromium.close()
