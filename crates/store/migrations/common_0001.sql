-- Shared by both backends (types chosen to mean the same in SQLite and PostgreSQL).
CREATE TABLE documents (
    id          TEXT PRIMARY KEY,
    url         TEXT,
    outlet      TEXT,
    title       TEXT,
    published   TEXT,
    language    TEXT NOT NULL,
    status      TEXT NOT NULL,
    source      TEXT NOT NULL,
    ingested_at BIGINT NOT NULL,
    json        TEXT NOT NULL
);
CREATE INDEX documents_published ON documents (published);
CREATE INDEX documents_language ON documents (language);

CREATE TABLE actors (
    doc_id  TEXT NOT NULL REFERENCES documents (id),
    id      TEXT NOT NULL,
    name    TEXT,
    name_key TEXT,
    kind    TEXT,
    country TEXT,
    code    TEXT,
    json    TEXT NOT NULL,
    PRIMARY KEY (doc_id, id)
);
CREATE INDEX actors_name_key ON actors (name_key);
CREATE INDEX actors_code ON actors (code);

CREATE TABLE mentions (
    doc_id   TEXT NOT NULL REFERENCES documents (id),
    actor_id TEXT NOT NULL,
    n        BIGINT NOT NULL,
    span_start BIGINT,
    span_end   BIGINT,
    text     TEXT,
    PRIMARY KEY (doc_id, actor_id, n)
);

CREATE TABLE sources (
    doc_id TEXT NOT NULL REFERENCES documents (id),
    id     TEXT NOT NULL,
    kind   TEXT,
    text   TEXT,
    json   TEXT NOT NULL,
    PRIMARY KEY (doc_id, id)
);
CREATE INDEX sources_kind ON sources (kind);

CREATE TABLE claims (
    doc_id      TEXT NOT NULL REFERENCES documents (id),
    id          TEXT NOT NULL,
    text        TEXT,
    factuality  TEXT,
    quote       BIGINT,
    published   TEXT,
    json        TEXT NOT NULL,
    PRIMARY KEY (doc_id, id)
);
CREATE INDEX claims_factuality ON claims (factuality, published);
CREATE INDEX claims_published ON claims (published);

-- Which actors a claim concerns: mentioned inside it, its sources' affiliations, its events' parties.
CREATE TABLE claim_actors (
    doc_id   TEXT NOT NULL REFERENCES documents (id),
    claim_id TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    name_key TEXT,
    code     TEXT,
    PRIMARY KEY (doc_id, claim_id, actor_id)
);
CREATE INDEX claim_actors_name_key ON claim_actors (name_key);
CREATE INDEX claim_actors_code ON claim_actors (code);

CREATE TABLE claim_sources (
    doc_id    TEXT NOT NULL REFERENCES documents (id),
    claim_id  TEXT NOT NULL,
    source_id TEXT NOT NULL,
    kind      TEXT,
    PRIMARY KEY (doc_id, claim_id, source_id)
);
CREATE INDEX claim_sources_kind ON claim_sources (kind);

CREATE TABLE quotes (
    doc_id  TEXT NOT NULL REFERENCES documents (id),
    id      TEXT NOT NULL,
    text    TEXT,
    speaker TEXT,
    claim   TEXT,
    json    TEXT NOT NULL,
    PRIMARY KEY (doc_id, id)
);

CREATE TABLE events (
    doc_id      TEXT NOT NULL REFERENCES documents (id),
    id          TEXT NOT NULL,
    type        TEXT,
    actor_id    TEXT,
    actor_key   TEXT,
    actor_code  TEXT,
    target_id   TEXT,
    target_key  TEXT,
    target_code TEXT,
    date        TEXT,
    claim       TEXT,
    json        TEXT NOT NULL,
    PRIMARY KEY (doc_id, id)
);
CREATE INDEX events_type ON events (type, date);
CREATE INDEX events_actor ON events (actor_key);
CREATE INDEX events_actor_code ON events (actor_code);
CREATE INDEX events_target ON events (target_key);
CREATE INDEX events_target_code ON events (target_code);
CREATE INDEX events_date ON events (date);

CREATE TABLE times (
    doc_id TEXT NOT NULL REFERENCES documents (id),
    id     TEXT NOT NULL,
    type   TEXT,
    value  TEXT,
    text   TEXT,
    json   TEXT NOT NULL,
    PRIMARY KEY (doc_id, id)
);
CREATE INDEX times_value ON times (value);

CREATE TABLE notices (
    doc_id TEXT NOT NULL REFERENCES documents (id),
    n      BIGINT NOT NULL,
    kind   TEXT,
    json   TEXT NOT NULL,
    PRIMARY KEY (doc_id, n)
);
CREATE INDEX notices_kind ON notices (kind);

-- Layers this schema does not know yet: stored as they come, queryable by layer name.
CREATE TABLE layer_items (
    doc_id TEXT NOT NULL REFERENCES documents (id),
    layer  TEXT NOT NULL,
    n      BIGINT NOT NULL,
    json   TEXT NOT NULL,
    PRIMARY KEY (doc_id, layer, n)
);

-- One row per input unit (file, file#record, file:line, feed item) that failed.
CREATE TABLE errors (
    source  TEXT PRIMARY KEY,
    message TEXT NOT NULL,
    at      BIGINT NOT NULL
);

-- Sources read to the end: a rerun skips them.
CREATE TABLE progress (
    source      TEXT PRIMARY KEY,
    fingerprint TEXT NOT NULL,
    units       BIGINT NOT NULL,
    at          BIGINT NOT NULL
);
