#!/usr/bin/env python3
"""Load test of the web UI on loopback: search and article pages, many requests at once.

    .venv/bin/python benchmarks/run_web_load.py [--db URL] [--requests 2000] [--concurrency 50]

Without --db, examples/ are ingested (every stage) into a temporary SQLite store first. The server
is `newsledger serve` in a child process on a free 127.0.0.1 port; the client (httpx2, asyncio) runs
in this process and sends half its requests to /search (a rotating set of queries, with and without
filters) and half to /articles/ID (every stored article in turn). Bounded in count and in time
(--max-seconds); only 127.0.0.1 is ever addressed. Prints requests/s, latency percentiles and
every error, writes the same to --out/web_load.json, and exits 1 on any error.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import quote, urlencode

import httpx2

ROOT = Path(__file__).resolve().parents[1]
SEARCHES = [{"q": "water cannon"}, {"q": "campbell"}, {"q": "북한"}, {"q": "missile", "language": "en"},
            {"q": "sanctions", "country": "PRK"}, {"q": "treaty", "from": "2024-01-01", "to": "2024-12-31"},
            {"q": ""}, {"q": "said", "outlet": "Harbor Wire"}]


def paths_for(base_url: str) -> list[str]:
    """Request paths alternating between a search and an article page, covering every article."""
    with httpx2.Client(base_url=base_url, timeout=30) as client:
        ids, offset = [], 0
        while offset is not None:
            page = client.get("/api/articles", params={"limit": 100, "offset": offset}).raise_for_status().json()
            ids += [item["id"] for item in page["items"]]
            offset = page["next_offset"]
    searches = ["/search?" + urlencode(params) for params in SEARCHES]
    articles = ["/articles/" + quote(article_id, safe="") for article_id in ids]
    count = max(len(searches), len(articles))
    return [path for n in range(count) for path in (searches[n % len(searches)], articles[n % len(articles)])]


async def _hammer(base_url: str, paths: list[str], requests: int, concurrency: int, max_seconds: float
                  ) -> dict[str, Any]:
    latencies: list[float] = []
    errors: list[str] = []
    numbers = itertools.count()
    limits = httpx2.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx2.AsyncClient(base_url=base_url, timeout=30, limits=limits) as client:

        async def worker() -> None:
            while (n := next(numbers)) < requests:
                path = paths[n % len(paths)]
                start = time.perf_counter()
                try:
                    response = await client.get(path)
                    if response.status_code != 200:
                        errors.append(f"{path}: HTTP {response.status_code}")
                except httpx2.HTTPError as exc:
                    errors.append(f"{path}: {type(exc).__name__} {exc}")
                latencies.append(time.perf_counter() - start)

        began = time.perf_counter()
        try:
            await asyncio.wait_for(asyncio.gather(*(worker() for _ in range(concurrency))), max_seconds)
        except TimeoutError:
            errors.append(f"stopped after {max_seconds:.0f} s with {len(latencies)} of {requests} requests done")
        elapsed = time.perf_counter() - began
    ordered = sorted(latencies)

    def percentile(share: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000, 1) if ordered else 0.0

    return {"requests": len(latencies), "concurrency": concurrency, "seconds": round(elapsed, 2),
            "requests_per_second": round(len(latencies) / elapsed, 1) if elapsed else 0.0,
            "p50_ms": percentile(0.50), "p95_ms": percentile(0.95), "p99_ms": percentile(0.99),
            "max_ms": percentile(1.0), "errors": len(errors), "error_samples": errors[:20]}


def run_load(base_url: str, requests: int = 2000, concurrency: int = 50, max_seconds: float = 600) -> dict[str, Any]:
    """`requests` GETs, `concurrency` at a time, over search and article pages of the server at `base_url`."""
    return asyncio.run(_hammer(base_url, paths_for(base_url), requests, concurrency, max_seconds))


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_ready(base_url: str, server: subprocess.Popen, seconds: float = 120) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise SystemExit(f"newsledger serve exited with status {server.returncode}")
        try:
            if httpx2.get(base_url + "/api/articles?limit=1", timeout=2).status_code == 200:
                return
        except httpx2.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"newsledger serve did not answer within {seconds:.0f} s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="store to serve (default: examples/ ingested into a temporary SQLite file)")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--max-seconds", type=float, default=600, help="stop the run after this long")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db
        if db is None:
            from newsledger import Ledger

            db = str(Path(tmp) / "examples.db")
            with Ledger(db) as ledger:
                ledger.ingest([ROOT / "examples"])
        port = _free_port()
        base_url = f"http://127.0.0.1:{port}"
        log = Path(tmp) / "serve.log"
        with log.open("w") as stderr:
            server = subprocess.Popen([sys.executable, "-m", "newsledger.cli", "serve", "--db", db, "--port",
                                       str(port)], stdout=subprocess.DEVNULL, stderr=stderr)
        try:
            _wait_ready(base_url, server)
            report = run_load(base_url, args.requests, args.concurrency, args.max_seconds)
        finally:
            server.terminate()
            try:
                server.wait(10)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
        if report["errors"]:
            report["server_log"] = log.read_text(encoding="utf-8")[-4000:]
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "web_load.json").write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"{report['requests']} requests, {report['concurrency']} at a time, in {report['seconds']} s: "
          f"{report['requests_per_second']} requests/s; latency p50 {report['p50_ms']} ms, p95 {report['p95_ms']} ms, "
          f"p99 {report['p99_ms']} ms, max {report['max_ms']} ms; errors {report['errors']}")
    for error in report["error_samples"]:
        print(f"  error: {error}")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    sys.exit(main())
