-- Links across articles (issue 7). Everything here is derived from the articles and can be rebuilt
-- by `newsledger link --rebuild`; nothing in it is the only copy of anything.

-- What the linker keeps of each article: its publication day (the time window), its MinHash
-- signature (near-duplicates) and its sentence embedding (stories), float16, L2-normalised.
CREATE TABLE article_signatures (
    article_id    TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    day           TEXT,
    language      TEXT,
    minhash       {BLOB} NOT NULL,
    vector        {BLOB},                  -- NULL in a language the embedding model does not read
    actors        {JSON} NOT NULL          -- {actor id: mentions} of the article's salient actors
);
CREATE INDEX article_signatures_day ON article_signatures (day);

-- LSH bands of the MinHash signatures: two articles sharing a bucket in any band are candidate
-- near-duplicates, so finding them is an index lookup, never a scan of all pairs.
CREATE TABLE lsh_buckets (
    bucket        TEXT NOT NULL,            -- "band:hash of the band's rows"
    article_id    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    PRIMARY KEY (bucket, article_id)
);

-- Every quotation, broken out of the records, with its speaker's actor: same-statement and citation
-- candidates are an index lookup on (speaker_actor, day).
CREATE TABLE quotes (
    article_id    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    quote_id      TEXT NOT NULL,
    speaker       TEXT,
    speaker_actor TEXT,
    speaker_key   TEXT,                     -- speaker_actor without the "~2" that tells namesakes apart
    speaker_type  TEXT,                     -- PERSON, ORG, GPE: a ministry's words are also its spokesperson's
    speaker_country TEXT,
    role          TEXT,
    kind          TEXT NOT NULL,
    cue           TEXT,
    date          TEXT,                     -- the statement's date, as the quotes stage resolved it
    day           TEXT,                     -- the article's publication day
    language      TEXT,
    text          TEXT NOT NULL,
    confidence    REAL,
    recalls       INTEGER NOT NULL DEFAULT 0, -- 1: the article recalls an earlier statement ("Earlier, X said …")
    anchors       {JSON} NOT NULL,          -- actor ids and numbers inside the quote: language-free content
    vector        {BLOB},
    PRIMARY KEY (article_id, quote_id)
);
CREATE INDEX quotes_speaker_actor ON quotes (speaker_actor);
CREATE INDEX quotes_speaker_day ON quotes (speaker_key, day);
CREATE INDEX quotes_speaker_date ON quotes (speaker_key, date);
CREATE INDEX quotes_speaker_country ON quotes (speaker_country, day);

-- Stories: clusters of articles about one development, across outlets and languages. An article
-- joins one story when it is ingested; `actors` ({actor id: member articles naming it}) and the
-- per-language centroids (sum of member vectors) are the running profile it is compared with.
CREATE TABLE stories (
    id            TEXT PRIMARY KEY,
    headline      TEXT,
    first_day     TEXT,
    last_day      TEXT,
    articles      INTEGER NOT NULL DEFAULT 0,
    actors        {JSON} NOT NULL,
    news_days     {JSON} NOT NULL           -- the days its articles report on (their quotes' dates)
);
CREATE INDEX stories_last_day ON stories (last_day);
CREATE TABLE story_vectors (
    story_id      TEXT NOT NULL REFERENCES stories (id),
    language      TEXT NOT NULL,
    articles      INTEGER NOT NULL,
    centroid      {BLOB} NOT NULL,         -- float32 sum of the member vectors of this language
    PRIMARY KEY (story_id, language)
);
CREATE TABLE story_articles (
    article_id    TEXT PRIMARY KEY REFERENCES articles (id) ON DELETE CASCADE,
    story_id      TEXT NOT NULL REFERENCES stories (id),
    position      INTEGER NOT NULL,         -- 1 for the article that opened it, then in the order they joined
    score         REAL NOT NULL,
    evidence      TEXT NOT NULL
);
CREATE INDEX story_articles_story ON story_articles (story_id);

-- duplicate, same_statement and cites links (record contract: "Links across articles"); same_story
-- links are the pairs of a story's articles and are read from story_articles. '' stands for "no quote".
CREATE TABLE links (
    type          TEXT NOT NULL,
    a_article     TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    a_quote       TEXT NOT NULL DEFAULT '',
    b_article     TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    b_quote       TEXT NOT NULL DEFAULT '',
    score         REAL NOT NULL,
    evidence      TEXT NOT NULL,
    PRIMARY KEY (type, a_article, a_quote, b_article, b_quote)
);
CREATE INDEX links_b ON links (b_article);

-- The same happening reported by several articles is one event with several mentions: every event
-- row names the happening it reports, "article-id/V2" of its first report.
ALTER TABLE events ADD COLUMN happening_id TEXT;
CREATE INDEX events_happening_id ON events (happening_id);
