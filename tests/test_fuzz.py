"""Fuzzing the cleaner and the readers: no exception escapes, and time stays linear in input size."""

from __future__ import annotations

import json
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsledger.clean import clean_text, load_rules
from newsledger.ingest import read_inputs
from newsledger.ingest.decode import DecodeError, decode_bytes
from newsledger.model import Article, Failure, RawItem, Source
from newsledger.pipeline import Pipeline
from newsledger.time import find_times

from .conftest import ENGLISH_SCRAPED, KOREAN_SCRAPED

# Pieces real pages are made of, so the fuzzer reaches the rules rather than only random noise.
PIECES = [line for line in (ENGLISH_SCRAPED + KOREAN_SCRAPED).splitlines() if line] + [
    "By ", "Published ", "입력 ", "©", "ⓒ", "|", " > ", "[Image source=", "]", "(AP Photo/", ")", " / ",
    " file", "기자", "--", "“", "”", '"', "\n", "\n\n", "2025.06.10 14:05", "March 14, 2025", "\u00a0", "\ufffd",
]
RULES = {lang: load_rules(lang) for lang in ("en", "ko")}
PIPELINE = Pipeline(nlp=False)
fuzz_settings = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@fuzz_settings
@given(st.lists(st.one_of(st.sampled_from(PIECES), st.text(max_size=40)), max_size=60),
       st.sampled_from(["en", "ko"]))
def test_cleaner_never_raises_and_loses_nothing(parts, lang):
    text = "".join(parts)
    result = clean_text(text, RULES[lang])
    assert isinstance(result.body, str)
    kept = sum(len(line) for line in result.body.split("\n\n"))
    assert kept <= len(text)
    for piece in result.removed:
        assert piece.reason in {"boilerplate", "duplicate", "caption", "credit", "headline", "metadata"}


@fuzz_settings
@given(st.binary(max_size=2000))
def test_decoding_random_bytes_gives_text_or_a_decode_error(data):
    try:
        decoded = decode_bytes(data)
    except DecodeError as exc:
        assert str(exc)
    else:
        assert isinstance(decoded.text, str)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.binary(max_size=600), st.sampled_from([".txt", ".html", ".jsonl", ".warc", ".warc.gz"]))
def test_readers_never_raise_on_random_files(tmp_path, data, suffix):
    path = tmp_path / f"fuzz{suffix}"
    path.write_bytes(data)
    for item in read_inputs([path]):
        assert isinstance(item, RawItem | Failure)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.one_of(st.text(max_size=30), st.dictionaries(st.sampled_from(["text", "html", "id", "x"]),
                                                                 st.one_of(st.text(max_size=30), st.integers(),
                                                                           st.none())))))
def test_jsonl_reader_never_raises(tmp_path, objects):
    path = tmp_path / "fuzz.jsonl"
    path.write_text("\n".join(json.dumps(o) for o in objects), encoding="utf-8")
    for item in read_inputs([path]):
        assert isinstance(item, RawItem | Failure)


def _seconds(text: str, lang: str) -> float:
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        clean_text(text, RULES[lang])
        best = min(best, time.perf_counter() - start)
    return best


def test_cleaning_time_is_linear_in_input_size():
    """Eight times the input may cost at most ~20x the time (linear plus noise, not quadratic)."""
    for lang, sample in (("en", ENGLISH_SCRAPED), ("ko", KOREAN_SCRAPED)):
        # distinct lines, so duplicate detection cannot shortcut the work
        small = "\n".join(f"{line} {i}" for i, line in enumerate(sample.splitlines() * 10))
        large = "\n".join(f"{line} {i}" for i, line in enumerate(sample.splitlines() * 80))
        ratio = _seconds(large, lang) / _seconds(small, lang)
        assert ratio < 20, f"{lang}: 8x input took {ratio:.1f}x time"


def test_pathological_lines_stay_fast():
    lines = ["By " + "Aa and Bb, " * 40, "Copyright " + "Aa " * 120, "Home > " + "ab > " * 3000,
             "“" * 5000, "[Image source=" * 2000, "입력 " + "2025.06.10 " * 500, "A" * 100_000]
    start = time.perf_counter()
    for line in lines:
        clean_text(line, RULES["en"])
    assert time.perf_counter() - start < 2.0


HTML_PIECES = ["<html>", "<body>", "<p>", "</p>", "<article>", "<h1>", "</h1>", "<script>", "<meta charset='x'>",
               "<div", ">", "&amp;", "&#0;", "<!--", "-->", "<![CDATA[", "]]>", "\x00", "Seoul said on Friday."]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.one_of(st.sampled_from(HTML_PIECES + PIECES), st.text(max_size=20)), max_size=80),
       st.booleans())
def test_pipeline_turns_anything_into_an_article_or_a_failure(parts, as_html):
    text = "".join(parts)
    item = RawItem(Source(path="fuzz"), html=text) if as_html else RawItem(Source(path="fuzz"), text=text)
    [result] = list(PIPELINE.pipe([item]))
    assert isinstance(result, Article | Failure)
    if isinstance(result, Article):
        assert result.id and result.body.strip()


TIME_PIECES = ["Friday", "last", "next", "week", "the 24th", "(local time)", "2024", "-", "June", "May", "20,",
               "years ago", "이날", "전날", "24일", "(현지시간)", "지난달", "오는", "년", "월",
               "오전 10시", "3년간", " ", "\n"]


@fuzz_settings
@given(st.lists(st.one_of(st.sampled_from(TIME_PIECES), st.text(max_size=10)), max_size=60),
       st.sampled_from(["en", "ko"]), st.sampled_from([None, "2024-02-29", "2025-01-01"]))
def test_time_tagger_never_raises_and_spans_fit(parts, lang, published):
    text = "".join(parts)
    for found in find_times(text, published, lang):
        assert 0 <= found.start < found.end <= len(text)


def test_time_tagging_is_linear_in_input_size():
    sample = ("North Korea fired a missile on Friday, two years after talks in June 2022 collapsed. "
              "북한이 24일(현지시간) 발사했다. 합참은 이날 밝혔다. ")
    def seconds(text: str) -> float:
        start = time.perf_counter()
        find_times(text, "2025-03-25", "en")
        find_times(text, "2025-03-25", "ko")
        return time.perf_counter() - start
    small, large = sample * 40, sample * 320
    seconds(small)
    assert seconds(large) / seconds(small) < 20
