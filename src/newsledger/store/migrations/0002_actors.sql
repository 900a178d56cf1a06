-- Actors across articles: one row per person, government, organisation or place, whatever the
-- article called it. An entity the knowledge base knows takes its id ("person:kurt-campbell");
-- one it does not know gets an id minted from its name ("person~park-ji-hoon"), shared by the
-- articles where name and context (country, sector) agree, and a numbered one where they do not.
CREATE TABLE actors (
    id            TEXT PRIMARY KEY,
    kb_id         TEXT,
    name          TEXT NOT NULL,
    name_key      TEXT NOT NULL,        -- the name, case-folded, without punctuation: for matching
    type          TEXT NOT NULL,
    country       TEXT,
    sector        TEXT,
    first_seen    TEXT,                 -- the earliest publication date of an article naming it
    last_seen     TEXT,
    articles      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX actors_name_key ON actors (name_key);
CREATE INDEX actors_country ON actors (country);

-- Every name an actor was given, and every role, with the article and its date: who held which
-- role when, as the press reported it.
CREATE TABLE actor_names (
    actor_id      TEXT NOT NULL REFERENCES actors (id),
    name          TEXT NOT NULL,
    PRIMARY KEY (actor_id, name)
);
CREATE TABLE actor_roles (
    actor_id      TEXT NOT NULL REFERENCES actors (id),
    role          TEXT NOT NULL,
    article_id    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    date          TEXT,
    PRIMARY KEY (actor_id, role, article_id)
);

-- Which actor each entity of an article is.
CREATE TABLE article_entities (
    article_id    TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    entity_id     TEXT NOT NULL,
    actor_id      TEXT NOT NULL REFERENCES actors (id),
    mentions      INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity_id)
);
CREATE INDEX article_entities_actor ON article_entities (actor_id);
