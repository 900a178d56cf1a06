-- Search (issue 8, the web UI): every quotation of every article, broken out of the records so that
-- quotes can be searched and a speaker's statements listed with an index lookup. The rows are derived
-- from `articles.record` and kept in step with it by newsledger/web/search.py (a trigger on articles,
-- installed with a catch-up of what was stored before it), which also creates the full-text indexes:
-- those differ per dialect (FTS5 tables in SQLite, GIN indexes on tsvectors in PostgreSQL).
CREATE TABLE search_quotes (
    id              {SERIAL_ID},
    article_id      TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    quote_id        TEXT NOT NULL,
    speaker         TEXT,                 -- the speaker's name as the article gives it
    speaker_entity  TEXT,                 -- the article's entity id: article_entities gives its actor
    role            TEXT,
    kind            TEXT,
    date            TEXT,
    text            TEXT NOT NULL,
    confidence      REAL,
    UNIQUE (article_id, quote_id)
);
CREATE INDEX search_quotes_speaker ON search_quotes (article_id, speaker_entity);
