//! Writing documents, errors and progress: one transaction per batch, every insert keyed so
//! that replaying a batch changes nothing.

use std::collections::BTreeSet;

use serde_json::Value as Json;

use crate::backend::{Conn, Value};
use crate::Result;

/// Whether a stored document went through extraction.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Extracted: every layer is filled in.
    Extracted,
    /// Not in English: stored and flagged, its layers left empty rather than mis-extracted.
    NotEnglish,
}

impl Status {
    /// The name stored in `documents.status`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Extracted => "extracted",
            Status::NotEnglish => "not_english",
        }
    }
}

/// One thing to write.
#[derive(Clone, Debug)]
pub enum Write {
    /// A document and all its layers (skipped when its id is already stored).
    Document {
        /// The `byline/1` record.
        doc: Box<byline_model::Document>,
        /// Its exact JSON, as `byline extract` prints it.
        json: String,
        /// Whether it was extracted.
        status: Status,
        /// The input unit it came from.
        source: String,
    },
    /// An input unit that failed, with why.
    Error {
        /// The input unit.
        source: String,
        /// What went wrong.
        message: String,
    },
    /// A source read to the end.
    SourceDone {
        /// The source (a file path or URL).
        source: String,
        /// What identifies this version of it (size and modification time).
        fingerprint: String,
        /// How many units it held.
        units: u64,
    },
}

/// What a batch changed.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Written {
    /// Documents added.
    pub added: u64,
    /// Documents already stored, left alone.
    pub duplicates: u64,
    /// Errors recorded.
    pub errors: u64,
}

pub(crate) fn write_batch(conn: &mut Conn, batch: &[Write]) -> Result<Written> {
    conn.batch("BEGIN")?;
    let mut written = Written::default();
    let mut rows = Rows::default();
    let result = (|| {
        for w in batch {
            match w {
                Write::Document {
                    doc,
                    json,
                    status,
                    source,
                } => {
                    if insert_document(conn, &mut rows, doc, json, *status, source)? {
                        written.added += 1;
                    } else {
                        written.duplicates += 1;
                    }
                }
                Write::Error { source, message } => {
                    conn.exec(
                        "INSERT INTO errors (source, message, at) VALUES (?, ?, ?) \
                         ON CONFLICT (source) DO UPDATE SET message = excluded.message, at = excluded.at",
                        &[
                            Value::text(source.as_str()),
                            Value::text(message.as_str()),
                            Value::Int(Some(crate::now())),
                        ],
                    )?;
                    written.errors += 1;
                }
                Write::SourceDone {
                    source,
                    fingerprint,
                    units,
                } => {
                    conn.exec(
                        "INSERT INTO progress (source, fingerprint, units, at) VALUES (?, ?, ?, ?) \
                         ON CONFLICT (source) DO UPDATE SET fingerprint = excluded.fingerprint, \
                         units = excluded.units, at = excluded.at",
                        &[
                            Value::text(source.as_str()),
                            Value::text(fingerprint.as_str()),
                            Value::Int(Some(i64::try_from(*units).unwrap_or(i64::MAX))),
                            Value::Int(Some(crate::now())),
                        ],
                    )?;
                }
            }
        }
        rows.flush(conn)
    })();
    match result {
        Ok(()) => {
            conn.batch("COMMIT")?;
            Ok(written)
        }
        Err(e) => {
            let _ = conn.batch("ROLLBACK");
            Err(e)
        }
    }
}

/// Layer rows: written at once on SQLite (in process, cheap), gathered on PostgreSQL and sent
/// as multi-row INSERTs at the end of the batch (one round trip per table, not per row).
#[derive(Default)]
struct Rows {
    pending: Vec<(&'static str, Vec<Value>, usize)>,
}

/// Parameters in one multi-row statement (PostgreSQL allows 65,535).
const MAX_PARAMS: usize = 16_000;

impl Rows {
    fn add(&mut self, conn: &mut Conn, sql: &'static str, params: Vec<Value>) -> Result<()> {
        if conn.backend() == crate::Backend::Sqlite {
            conn.exec(sql, &params)?;
            return Ok(());
        }
        let at = match self.pending.iter().position(|(s, _, _)| *s == sql) {
            Some(i) => i,
            None => {
                self.pending.push((sql, Vec::new(), 0));
                self.pending.len() - 1
            }
        };
        let entry = &mut self.pending[at];
        entry.1.extend(params);
        entry.2 += 1;
        if entry.1.len() >= MAX_PARAMS {
            let (sql, params, n) = std::mem::replace(entry, (sql, Vec::new(), 0));
            multi_insert(conn, sql, &params, n)?;
        }
        Ok(())
    }

    fn flush(&mut self, conn: &mut Conn) -> Result<()> {
        for (sql, params, n) in std::mem::take(&mut self.pending) {
            if n > 0 {
                multi_insert(conn, sql, &params, n)?;
            }
        }
        Ok(())
    }
}

/// `INSERT … VALUES (?, ?) ON CONFLICT …` with its one tuple repeated `n` times.
fn multi_insert(conn: &mut Conn, sql: &str, params: &[Value], n: usize) -> Result<()> {
    let open = sql
        .find("VALUES (")
        .map_or(sql.len(), |i| i + "VALUES ".len());
    let close = sql[open..].find(')').map_or(sql.len(), |j| open + j + 1);
    let tuple = &sql[open..close];
    let mut multi = String::with_capacity(sql.len() + n * (tuple.len() + 2));
    multi.push_str(&sql[..open]);
    for i in 0..n {
        if i > 0 {
            multi.push_str(", ");
        }
        multi.push_str(tuple);
    }
    multi.push_str(&sql[close..]);
    conn.exec_once(&multi, params)?;
    Ok(())
}

fn s(v: &Json, key: &str) -> Option<String> {
    match v.get(key)? {
        Json::String(s) => Some(s.clone()),
        Json::Null => None,
        other => Some(other.to_string()),
    }
}

fn key(name: Option<&str>) -> Option<String> {
    name.map(|n| n.trim().to_lowercase())
}

fn span(v: &Json) -> Option<(i64, i64)> {
    let a = v.get("span")?.as_array()?;
    Some((a.first()?.as_i64()?, a.get(1)?.as_i64()?))
}

fn ids(v: &Json, key: &str) -> Vec<String> {
    match v.get(key) {
        Some(Json::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().map(str::to_string))
            .collect(),
        Some(Json::String(s)) => vec![s.clone()],
        _ => Vec::new(),
    }
}

fn items<'a>(root: &'a Json, layer: &str) -> &'a [Json] {
    root.get(layer)
        .and_then(Json::as_array)
        .map(Vec::as_slice)
        .unwrap_or(&[])
}

/// Layers with their own tables, or kept only in the document's JSON.
const KNOWN_LAYERS: &[&str] = &[
    "actors",
    "claims",
    "events",
    "notices",
    "paragraphs",
    "quotes",
    "relayed_from",
    "sentences",
    "sources",
    "times",
];

/// Inserts a document and its layers; false when its id was already stored.
fn insert_document(
    conn: &mut Conn,
    rows: &mut Rows,
    doc: &byline_model::Document,
    json: &str,
    status: Status,
    source: &str,
) -> Result<bool> {
    let root: Json = serde_json::to_value(doc)?;
    let doc_id = doc.id.clone();
    let added = conn.exec(
        "INSERT INTO documents (id, url, outlet, title, published, language, status, source, ingested_at, json) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING",
        &[
            Value::text(doc_id.as_str()),
            Value::opt(doc.url.clone()),
            Value::opt(doc.outlet.clone()),
            Value::opt(doc.title.clone()),
            Value::opt(doc.published.clone()),
            Value::text(doc.language.as_str()),
            Value::text(status.as_str()),
            Value::text(source),
            Value::Int(Some(crate::now())),
            Value::text(json),
        ],
    )?;
    if added == 0 {
        return Ok(false);
    }
    let d = || Value::text(doc_id.as_str());
    let published = doc
        .published
        .as_ref()
        .map(|p| p.chars().take(10).collect::<String>());

    // actors and their mentions
    let actors = items(&root, "actors");
    for a in actors {
        let id = s(a, "id").unwrap_or_default();
        let name = s(a, "name");
        rows.add(
            conn,
            "INSERT INTO actors (doc_id, id, name, name_key, kind, country, code, json) \
             VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            vec![
                d(),
                Value::text(id.as_str()),
                Value::opt(name.clone()),
                Value::opt(key(name.as_deref())),
                Value::opt(s(a, "kind")),
                Value::opt(s(a, "country")),
                Value::opt(s(a, "code")),
                Value::text(a.to_string()),
            ],
        )?;
        for (n, m) in items(a, "mentions").iter().enumerate() {
            let sp = span(m);
            rows.add(
                conn,
                "INSERT INTO mentions (doc_id, actor_id, n, span_start, span_end, text) \
                 VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                vec![
                    d(),
                    Value::text(id.as_str()),
                    Value::Int(Some(n as i64)),
                    Value::Int(sp.map(|x| x.0)),
                    Value::Int(sp.map(|x| x.1)),
                    Value::opt(s(m, "text")),
                ],
            )?;
        }
    }
    let actor = |id: &str| {
        actors
            .iter()
            .find(|a| a.get("id").and_then(Json::as_str) == Some(id))
    };

    let sources = items(&root, "sources");
    for so in sources {
        rows.add(
                conn,
            "INSERT INTO sources (doc_id, id, kind, text, json) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            vec![
                d(),
                Value::text(s(so, "id").unwrap_or_default()),
                Value::opt(s(so, "kind")),
                Value::opt(s(so, "text")),
                Value::text(so.to_string()),
            ],
        )?;
    }
    let source = |id: &str| {
        sources
            .iter()
            .find(|x| x.get("id").and_then(Json::as_str) == Some(id))
    };
    let events = items(&root, "events");

    for c in items(&root, "claims") {
        let id = s(c, "id").unwrap_or_default();
        let text = s(c, "text");
        rows.add(
            conn,
            "INSERT INTO claims (doc_id, id, text, factuality, quote, published, json) \
             VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            vec![
                d(),
                Value::text(id.as_str()),
                Value::opt(text.clone()),
                Value::opt(s(c, "factuality")),
                Value::Int(c.get("quote").and_then(Json::as_bool).map(i64::from)),
                Value::opt(published.clone()),
                Value::text(c.to_string()),
            ],
        )?;
        if conn.backend() == crate::Backend::Sqlite {
            conn.exec(
                "INSERT INTO claims_fts (text, doc_id, claim_id) VALUES (?, ?, ?)",
                &[Value::opt(text), d(), Value::text(id.as_str())],
            )?;
        }
        // the actors a claim concerns
        let mut concerned: BTreeSet<String> = BTreeSet::new();
        let mut spans: Vec<(i64, i64)> = span(c).into_iter().collect();
        for sid in ids(c, "sources") {
            if let Some(so) = source(&sid) {
                concerned.extend(ids(so, "affiliation"));
                spans.extend(span(so));
                rows.add(
                conn,
                    "INSERT INTO claim_sources (doc_id, claim_id, source_id, kind) VALUES (?, ?, ?, ?) \
                     ON CONFLICT DO NOTHING",
                    vec![d(), Value::text(id.as_str()), Value::text(sid.as_str()), Value::opt(s(so, "kind"))],
                )?;
            }
        }
        let claim_events = ids(c, "events");
        for e in events {
            let eid = s(e, "id").unwrap_or_default();
            if claim_events.contains(&eid) || s(e, "claim").as_deref() == Some(id.as_str()) {
                concerned.extend(s(e, "actor"));
                concerned.extend(s(e, "target"));
            }
        }
        for a in actors {
            let inside = items(a, "mentions")
                .iter()
                .filter_map(span)
                .any(|(ms, me)| spans.iter().any(|&(cs, ce)| ms >= cs && me <= ce));
            if inside {
                concerned.extend(s(a, "id"));
            }
        }
        for aid in concerned {
            let a = actor(&aid);
            rows.add(
                conn,
                "INSERT INTO claim_actors (doc_id, claim_id, actor_id, name_key, code) VALUES (?, ?, ?, ?, ?) \
                 ON CONFLICT DO NOTHING",
                vec![
                    d(),
                    Value::text(id.as_str()),
                    Value::text(aid.as_str()),
                    Value::opt(a.and_then(|a| key(a.get("name").and_then(Json::as_str)))),
                    Value::opt(a.and_then(|a| s(a, "code"))),
                ],
            )?;
        }
    }

    for q in items(&root, "quotes") {
        rows.add(
                conn,
            "INSERT INTO quotes (doc_id, id, text, speaker, claim, json) VALUES (?, ?, ?, ?, ?, ?) \
             ON CONFLICT DO NOTHING",
            vec![
                d(),
                Value::text(s(q, "id").unwrap_or_default()),
                Value::opt(s(q, "text")),
                Value::opt(s(q, "speaker")),
                Value::opt(s(q, "claim")),
                Value::text(q.to_string()),
            ],
        )?;
    }

    let times = items(&root, "times");
    for t in times {
        rows.add(
            conn,
            "INSERT INTO times (doc_id, id, type, value, text, json) VALUES (?, ?, ?, ?, ?, ?) \
             ON CONFLICT DO NOTHING",
            vec![
                d(),
                Value::text(s(t, "id").unwrap_or_default()),
                Value::opt(s(t, "type")),
                Value::opt(s(t, "value")),
                Value::opt(s(t, "text")),
                Value::text(t.to_string()),
            ],
        )?;
    }

    for e in events {
        let party = |field: &str| {
            let id = s(e, field);
            let a = id.as_deref().and_then(actor);
            (
                id,
                a.and_then(|a| key(a.get("name").and_then(Json::as_str))),
                a.and_then(|a| s(a, "code")),
            )
        };
        let (actor_id, actor_key, actor_code) = party("actor");
        let (target_id, target_key, target_code) = party("target");
        // an event's date: its own time when resolved to a day, else the report's date
        let date = s(e, "time")
            .and_then(|tid| {
                times
                    .iter()
                    .find(|t| t.get("id").and_then(Json::as_str) == Some(tid.as_str()))
                    .and_then(|t| s(t, "value"))
            })
            .filter(|v| v.len() >= 4 && v.as_bytes()[..4].iter().all(u8::is_ascii_digit))
            .or_else(|| published.clone());
        rows.add(
                conn,
            "INSERT INTO events (doc_id, id, type, actor_id, actor_key, actor_code, target_id, target_key, \
             target_code, date, claim, json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            vec![
                d(),
                Value::text(s(e, "id").unwrap_or_default()),
                Value::opt(s(e, "type")),
                Value::opt(actor_id),
                Value::opt(actor_key),
                Value::opt(actor_code),
                Value::opt(target_id),
                Value::opt(target_key),
                Value::opt(target_code),
                Value::opt(date),
                Value::opt(s(e, "claim")),
                Value::text(e.to_string()),
            ],
        )?;
    }

    for (n, x) in items(&root, "notices").iter().enumerate() {
        rows.add(
                conn,
            "INSERT INTO notices (doc_id, n, kind, json) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
            vec![d(), Value::Int(Some(n as i64)), Value::opt(s(x, "kind")), Value::text(x.to_string())],
        )?;
    }

    // layers added to byline/1 after this schema: kept generically
    if let Json::Object(map) = &root {
        for (layer, v) in map {
            if KNOWN_LAYERS.contains(&layer.as_str()) {
                continue;
            }
            if let Json::Array(list) = v {
                for (n, x) in list.iter().enumerate() {
                    rows.add(
                conn,
                        "INSERT INTO layer_items (doc_id, layer, n, json) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING",
                        vec![d(), Value::text(layer.as_str()), Value::Int(Some(n as i64)), Value::text(x.to_string())],
                    )?;
                }
            }
        }
    }
    Ok(true)
}
