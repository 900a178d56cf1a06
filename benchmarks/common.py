"""What every benchmark script shares: where things are, its command line, running the pipeline."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsledger import Article, Pipeline, extract  # noqa: E402


def arguments(doc: str, parser: argparse.ArgumentParser | None = None) -> argparse.Namespace:
    """`--shared` (../shared) and `--out` (benchmarks/out, created), plus the script's own options."""
    ap = parser or argparse.ArgumentParser(description=doc.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "out")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    return args


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]


def run_pipeline(items: list[dict], stages: list[str] | None = None) -> tuple[dict[str, dict], float]:
    """Records by id for JSONL input items, through the real pipeline (`extract`), and the seconds it took."""
    with tempfile.TemporaryDirectory() as tmp:
        feed = Path(tmp) / "feed.jsonl"
        feed.write_text("".join(json.dumps(i, ensure_ascii=False) + "\n" for i in items), encoding="utf-8")
        pipeline = Pipeline(stages)
        start = time.perf_counter()
        records = {r.id: r.to_dict() for r in extract([feed], pipeline=pipeline) if isinstance(r, Article)}
        return records, time.perf_counter() - start
