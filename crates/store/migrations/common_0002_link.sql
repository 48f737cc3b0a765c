-- Cross-report tables (byline-link): the incremental index, row by row, plus queryable figures.
CREATE TABLE link_config (
    id   BIGINT PRIMARY KEY,
    json TEXT NOT NULL
);

-- One row per linked report: its origin, near-duplicate group, and MinHash signature (in json).
CREATE TABLE link_reports (
    n            BIGINT PRIMARY KEY,
    doc_id       TEXT NOT NULL UNIQUE,
    outlet       TEXT,
    published    TEXT,
    origin       TEXT NOT NULL,
    duplicate_of BIGINT,
    json         TEXT NOT NULL
);
CREATE INDEX link_reports_origin ON link_reports (origin);

-- Actors resolved across reports.
CREATE TABLE link_actors (
    id      BIGINT PRIMARY KEY,
    name    TEXT NOT NULL,
    kind    TEXT,
    country TEXT,
    code    TEXT,
    json    TEXT NOT NULL
);
CREATE INDEX link_actors_code ON link_actors (code);

-- Claims of different reports stating the same proposition, with their figures.
CREATE TABLE claim_clusters (
    id                 BIGINT PRIMARY KEY,
    event_type         TEXT,
    first_seen         TEXT,
    text               TEXT,
    reports            BIGINT NOT NULL,
    claims             BIGINT NOT NULL,
    independent_chains BIGINT NOT NULL,
    confirmations      BIGINT NOT NULL,
    denials            BIGINT NOT NULL,
    contradictions     BIGINT NOT NULL,
    json               TEXT NOT NULL
);
CREATE INDEX claim_clusters_first_seen ON claim_clusters (first_seen);

CREATE TABLE cluster_actors (
    actor_id   BIGINT NOT NULL,
    cluster_id BIGINT NOT NULL,
    PRIMARY KEY (actor_id, cluster_id)
);
