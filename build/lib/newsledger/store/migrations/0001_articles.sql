-- Written once for both dialects: {JSON} and {SERIAL_ID} are filled in per dialect (store/db.py).
-- Articles as records, with the columns people filter on broken out for Datasette and DuckDB.
CREATE TABLE articles (
    id            TEXT PRIMARY KEY,
    published     TEXT,
    outlet        TEXT,
    language      TEXT,
    headline      TEXT,
    byline        TEXT,                 -- names joined by semicolons
    dateline      TEXT,
    url           TEXT,
    source_path   TEXT,
    source_line   INTEGER,
    body          TEXT NOT NULL,
    record        {JSON} NOT NULL,      -- the full record, exactly as `extract` writes it
    ingested_at   TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);
CREATE INDEX articles_outlet ON articles (outlet);
CREATE INDEX articles_language ON articles (language);

-- What the cleaner took out of each article, and why (nothing is lost).
CREATE TABLE removed (
    article_id    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    text          TEXT NOT NULL,
    reason        TEXT NOT NULL,
    rule          TEXT,
    PRIMARY KEY (article_id, seq)
);

-- One row per ingest run, and every input that failed with its reason.
CREATE TABLE ingest_runs (
    id            TEXT PRIMARY KEY,
    started_at    TEXT NOT NULL,
    finished_at   TEXT,
    read          INTEGER NOT NULL DEFAULT 0,
    stored        INTEGER NOT NULL DEFAULT 0,
    duplicates    INTEGER NOT NULL DEFAULT 0,
    failed        INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE ingest_failures (
    id            {SERIAL_ID},
    run_id        TEXT NOT NULL REFERENCES ingest_runs (id),
    source        TEXT,
    line          INTEGER,
    url           TEXT,
    reason        TEXT NOT NULL
);
