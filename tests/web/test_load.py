"""A small load test on loopback: 200 requests, 20 at a time, over search and article pages, with
zero errors (benchmarks/run_web_load.py runs the 2,000-request one against `newsledger serve`)."""

from __future__ import annotations

import importlib.util
from concurrent.futures import ThreadPoolExecutor

from ..conftest import ROOT


def test_two_hundred_requests_twenty_at_a_time_without_an_error(live_url):
    spec = importlib.util.spec_from_file_location("run_web_load", ROOT / "benchmarks" / "run_web_load.py")
    load = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(load)
    with ThreadPoolExecutor(1) as thread:  # its own event loop: Playwright's may be running in this thread
        report = thread.submit(load.run_load, live_url, requests=200, concurrency=20, max_seconds=60).result()
    assert report["errors"] == 0, report["error_samples"]
    assert report["requests"] == 200
    print(f"{report['requests_per_second']} requests/s, p95 {report['p95_ms']} ms")
