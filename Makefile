# Two commands do all set-up on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3.11
VENV ?= .venv
BIN = $(VENV)/bin
DEMO_DB ?= demo.db

.PHONY: demo test lint bench bench-scale kb clean

$(BIN)/.installed: pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "need $(PYTHON) (Python 3.11)"; exit 2; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e '.[dev]'
	touch $@

## demo: install, ingest examples/ into $(DEMO_DB) (SQLite), list what was found, say where the web UI will be
demo: $(BIN)/.installed
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BIN)/newsledger ingest examples/ --db $(DEMO_DB)
	$(BIN)/newsledger articles --db $(DEMO_DB)
	@echo "Next: $(BIN)/newsledger show ID --db $(DEMO_DB)   |   $(BIN)/newsledger actors --db $(DEMO_DB)   |   $(BIN)/newsledger events --db $(DEMO_DB)   |   $(BIN)/newsledger stories --db $(DEMO_DB)   |   $(BIN)/newsledger links --db $(DEMO_DB)   |   $(BIN)/newsledger export --format csv --db $(DEMO_DB)"
	@echo "Web UI: $(BIN)/newsledger serve --db $(DEMO_DB)   then open http://127.0.0.1:8000/"

## test: install, start a throwaway PostgreSQL, run ruff and the test suite
test: $(BIN)/.installed
	$(BIN)/ruff check src tests benchmarks scripts
	NEWSLEDGER_TEST_PG=$$(scripts/ensure-postgres.sh) $(BIN)/python -m pytest -q

lint: $(BIN)/.installed
	$(BIN)/ruff check src tests benchmarks scripts

## bench: the benchmarks (cleaning, HTML extraction vs trafilatura, throughput; times; quotes vs textacy; actors;
##        events; links). The link scale run (10k-100k articles, ~30 min) is apart: `make bench-scale`
bench: $(BIN)/.installed
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	$(BIN)/python benchmarks/run_foundation.py
	$(BIN)/python benchmarks/run_time.py
	$(BIN)/python benchmarks/run_quotes.py
	$(BIN)/python benchmarks/run_quotes_ko.py
	$(BIN)/python benchmarks/run_actors.py
	$(BIN)/python benchmarks/run_events.py
	$(BIN)/python benchmarks/run_links.py

bench-scale: $(BIN)/.installed
	$(BIN)/python -m pip install -q -e '.[dev,bench]'
	$(BIN)/python benchmarks/run_scale.py --profile
	$(BIN)/python benchmarks/run_link_scale.py

clean:
	rm -rf $(VENV) $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm .pytest_cache

## kb: rebuild the shipped actor knowledge base and event-verb dictionary from ../shared/kb/phoenix,
##     pycountry and kb/curated/
kb: $(BIN)/.installed
	$(BIN)/python -m pip install -q -e '.[kb]'
	$(BIN)/python scripts/build_kb.py
	$(BIN)/python scripts/build_event_verbs.py
