"""Shared fixtures: articles written for the tests, and a fresh PostgreSQL database per test."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"

ENGLISH_SCRAPED = """\
Skip to main content
Pacific Dispatch
Home > World > Asia
Subscribe | Log in
Text Size
Philippines protests water cannon attack near Second Thomas Shoal
Manila summons Chinese envoy after third incident this month
By Daniel Okafor and Maria Santos, Pacific Dispatch
Published June 18, 2025
Share this article
MANILA -- The Philippines lodged a diplomatic protest on Tuesday after a Chinese coast guard ship fired a water cannon at a Philippine supply boat near Second Thomas Shoal, the foreign ministry said.
Philippines protests water cannon attack near Second Thomas Shoal [Image source=Pacific Dispatch]
A Philippine supply boat is hit by a water cannon near Second Thomas Shoal, Tuesday. / Pacific Dispatch file
A Philippine supply boat is hit by a water cannon near Second Thomas Shoal, Tuesday. / Pacific Dispatch file
"We will not be intimidated," Defense Secretary Gilberto Teodoro said.
The vessel returned to port.
Diplomatic channels
Foreign Secretary Enrique Manalo said Manila had summoned the Chinese ambassador to explain "these dangerous actions" and warned that the country would take the issue to its allies.
China's foreign ministry said the Philippine boat had "intruded" into Chinese waters.
Related stories
Japan and Philippines sign troop access pact
Vietnam reclaims land in Spratlys
Sign up for eNewsletter
Join us on social!
© 2025 Pacific Dispatch (www.pacificdispatch.example). All rights reserved.
"""

KOREAN_SCRAPED = """\
본문 바로가기
홈 > 정치 > 북한
글자크기
북한, 동해상으로 탄도미사일 발사…한미 "강력 규탄"
합참 "추가 도발 가능성 예의주시"
입력 2025.06.10 14:05 수정 2025.06.10 15:20
(서울=한빛일보) 김민수 기자 = 북한이 10일 오전 동해상으로 단거리 탄도미사일 1발을 발사했다고 합동참모본부가 밝혔다.
합참은 "북한의 탄도미사일 발사는 명백한 도발 행위"라고 말했다.
정부는 이날 국가안전보장회의를 열었다.
관련기사
북한, 정찰위성 발사 예고
한미 연합훈련 시작
공유하기
저작권자 ⓒ 한빛일보 무단전재 및 재배포 금지
"""


@pytest.fixture
def write(tmp_path: Path):
    """Write a file under tmp_path (str as UTF-8 unless `encoding` says otherwise, or bytes)."""

    def _write(name: str, content: str | bytes, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return _write


def _pg_admin_url() -> str | None:
    return os.environ.get("NEWSLEDGER_TEST_PG")


@pytest.fixture
def pg_url() -> Iterator[str]:
    """A new, empty PostgreSQL database for one test, dropped afterwards.

    Locally without a server these tests skip with the reason; in CI (CI=true) a missing server
    is an error, so no PostgreSQL test is ever skipped there.
    """
    import psycopg

    admin = _pg_admin_url()
    if not admin:
        if os.environ.get("CI"):
            pytest.fail("CI has no PostgreSQL: NEWSLEDGER_TEST_PG is not set (see scripts/ensure-postgres.sh)")
        pytest.skip("no PostgreSQL: run `make test`, or set NEWSLEDGER_TEST_PG to a server URL")
    name = f"newsledger_test_{uuid.uuid4().hex[:10]}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = admin.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each store test runs on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return str(tmp_path / "test.db")
    return request.getfixturevalue("pg_url")
