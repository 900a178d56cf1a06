-- Events broken out of the records, one row each, for timelines and for joining the reports of one
-- happening across articles (`happening` is the normalised key: type, parties, date, place).
CREATE TABLE events (
    article_id      TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    event_id        TEXT NOT NULL,
    type            TEXT NOT NULL,
    mode            TEXT,
    context         TEXT,
    date            TEXT,
    source_country  TEXT,                 -- ISO codes joined by commas
    target_country  TEXT,
    happening       TEXT,
    trigger         TEXT,
    confidence      REAL,
    PRIMARY KEY (article_id, event_id)
);
CREATE INDEX events_date ON events (date);
CREATE INDEX events_type ON events (type);
CREATE INDEX events_happening ON events (happening);
