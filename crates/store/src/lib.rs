//! SQLite (embedded default) and PostgreSQL stores with one schema and migrations.
//!
//! A [`Store`] keeps every `byline/1` document with its full JSON (so an export is exactly
//! what `byline extract` printed) and one table per layer — actors, mentions, sources, claims,
//! quotes, events, times, notices — holding each item's JSON plus indexed columns for the
//! queries. Layers this schema does not know go to a generic `layer_items` table, so a new
//! layer needs no migration. Writes are idempotent: a document is keyed by its content hash
//! and written with `ON CONFLICT DO NOTHING`, in one transaction with its layers.
//!
//! ```
//! use byline_store::{Store, Status, Write, ClaimQuery};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let mut store = Store::open(dir.path().join("byline.db").to_str().unwrap()).unwrap();
//! let mut doc = byline_model::Document::new("The ministry said the bridge reopened.".into());
//! doc.id = "0011".into();
//! let json = serde_json::to_string(&doc).unwrap();
//! let write = Write::Document { doc: Box::new(doc), json, status: Status::Extracted, source: "a.txt".into() };
//! assert_eq!(store.write(&[write.clone()]).unwrap().added, 1);
//! assert_eq!(store.write(&[write]).unwrap().added, 0); // idempotent
//! assert_eq!(store.counts().unwrap().documents, 1);
//! assert!(store.claims(&ClaimQuery::default()).unwrap().is_empty());
//! ```
#![deny(missing_docs)]

mod backend;
mod browse;
mod error;
mod link;
mod query;
mod schema;
mod write;

use std::collections::HashMap;

use backend::{Conn, Value};

pub use backend::Backend;
pub use browse::{DocumentQuery, DocumentRow, Paged};
pub use error::{Error, Result};
pub use query::{ClaimQuery, ClaimRow, EventQuery, EventRow};
pub use schema::SCHEMA_VERSION;
pub use write::{Status, Write, Written};

/// The file created when no store is named.
pub const DEFAULT_DB: &str = "byline.db";

/// Seconds since the Unix epoch.
pub(crate) fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

/// How many rows each table holds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
#[allow(missing_docs)]
pub struct Counts {
    pub documents: u64,
    pub not_english: u64,
    pub actors: u64,
    pub sources: u64,
    pub claims: u64,
    pub quotes: u64,
    pub events: u64,
    pub times: u64,
    pub notices: u64,
    pub errors: u64,
}

/// A recorded per-document error.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ErrorRow {
    /// The input unit (file, `file#offset`, `file:line`, feed item URL).
    pub source: String,
    /// What went wrong.
    pub message: String,
}

/// An open store.
pub struct Store {
    conn: Conn,
    target: String,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("backend", &self.conn.backend())
            .field("target", &self.target)
            .finish()
    }
}

/// True when `target` names a PostgreSQL server rather than a SQLite file.
pub fn is_postgres_url(target: &str) -> bool {
    target.starts_with("postgres://") || target.starts_with("postgresql://")
}

impl Store {
    /// Opens `target`: a `postgres://…` URL, or a SQLite file (created on first use).
    /// Brings the schema up to date.
    pub fn open(target: &str) -> Result<Store> {
        if is_postgres_url(target) {
            Store::open_postgres(target)
        } else {
            Store::open_sqlite(target)
        }
    }

    /// Opens (creating if needed) a SQLite file in WAL mode.
    pub fn open_sqlite(path: &str) -> Result<Store> {
        let c = rusqlite::Connection::open(path)?;
        c.busy_timeout(std::time::Duration::from_secs(30))?;
        // WAL + NORMAL: a killed process loses nothing committed; only power loss may drop the
        // last transactions, which a rerun redoes.
        c.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON;",
        )?;
        c.set_prepared_statement_cache_capacity(64);
        let mut conn = Conn::Sqlite(Box::new(c));
        schema::migrate(&mut conn)?;
        Ok(Store {
            conn,
            target: path.to_string(),
        })
    }

    /// Connects to PostgreSQL (no TLS: loopback or a trusted network).
    pub fn open_postgres(url: &str) -> Result<Store> {
        let client = postgres::Client::connect(url, postgres::NoTls)?;
        let mut conn = Conn::Postgres {
            client: Box::new(client),
            statements: HashMap::new(),
        };
        conn.batch("SET client_min_messages = warning")?;
        schema::migrate(&mut conn)?;
        Ok(Store {
            conn,
            target: redact(url),
        })
    }

    /// Which database this is.
    pub fn backend(&self) -> Backend {
        self.conn.backend()
    }

    /// The file or URL (password removed) it was opened from.
    pub fn target(&self) -> &str {
        &self.target
    }

    /// The schema version in the database.
    pub fn schema_version(&mut self) -> Result<i64> {
        Ok(self
            .conn
            .scalar("SELECT MAX(version) FROM schema_version", &[])?
            .unwrap_or(0))
    }

    /// Writes a batch in one transaction.
    pub fn write(&mut self, batch: &[Write]) -> Result<Written> {
        write::write_batch(&mut self.conn, batch)
    }

    /// Whether a document with this id is stored.
    pub fn has_document(&mut self, id: &str) -> Result<bool> {
        Ok(self
            .conn
            .scalar(
                "SELECT COUNT(*) FROM documents WHERE id = ?",
                &[Value::text(id)],
            )?
            .unwrap_or(0)
            > 0)
    }

    /// The ids of every stored document.
    pub fn document_ids(&mut self) -> Result<Vec<String>> {
        Ok(self
            .conn
            .query("SELECT id FROM documents", &[])?
            .iter()
            .filter_map(|r| r[0].as_text().map(str::to_string))
            .collect())
    }

    /// Whether `source` was read to the end in the version `fingerprint` names.
    pub fn source_done(&mut self, source: &str, fingerprint: &str) -> Result<bool> {
        Ok(self
            .conn
            .scalar(
                "SELECT COUNT(*) FROM progress WHERE source = ? AND fingerprint = ?",
                &[Value::text(source), Value::text(fingerprint)],
            )?
            .unwrap_or(0)
            > 0)
    }

    /// Row counts.
    pub fn counts(&mut self) -> Result<Counts> {
        let mut n = |sql: &str| -> Result<u64> {
            Ok(self.conn.scalar(sql, &[])?.unwrap_or(0).max(0) as u64)
        };
        Ok(Counts {
            documents: n("SELECT COUNT(*) FROM documents")?,
            not_english: n("SELECT COUNT(*) FROM documents WHERE status = 'not_english'")?,
            actors: n("SELECT COUNT(*) FROM actors")?,
            sources: n("SELECT COUNT(*) FROM sources")?,
            claims: n("SELECT COUNT(*) FROM claims")?,
            quotes: n("SELECT COUNT(*) FROM quotes")?,
            events: n("SELECT COUNT(*) FROM events")?,
            times: n("SELECT COUNT(*) FROM times")?,
            notices: n("SELECT COUNT(*) FROM notices")?,
            errors: n("SELECT COUNT(*) FROM errors")?,
        })
    }

    /// Recorded per-document errors, by source.
    pub fn errors(&mut self, limit: u32) -> Result<Vec<ErrorRow>> {
        let rows = self.conn.query(
            "SELECT source, message FROM errors ORDER BY source LIMIT ?",
            &[Value::Int(Some(i64::from(limit)))],
        )?;
        Ok(rows
            .iter()
            .map(|r| ErrorRow {
                source: r[0].as_text().unwrap_or_default().to_string(),
                message: r[1].as_text().unwrap_or_default().to_string(),
            })
            .collect())
    }

    /// Claims matching `q`, newest report first.
    pub fn claims(&mut self, q: &ClaimQuery) -> Result<Vec<ClaimRow>> {
        query::claims(&mut self.conn, q)
    }

    /// Events matching `q`, latest first.
    pub fn events(&mut self, q: &EventQuery) -> Result<Vec<EventRow>> {
        query::events(&mut self.conn, q)
    }

    /// Calls `f` with the `byline/1` JSON of every stored document, in id order, a page at a time.
    pub fn for_each_document(&mut self, mut f: impl FnMut(&str) -> Result<()>) -> Result<u64> {
        let mut after = String::new();
        let mut n = 0;
        loop {
            let rows = self.conn.query(
                "SELECT id, json FROM documents WHERE id > ? ORDER BY id LIMIT 256",
                &[Value::text(after.as_str())],
            )?;
            let Some(last) = rows.last() else {
                return Ok(n);
            };
            after = last[0].as_text().unwrap_or_default().to_string();
            for r in &rows {
                f(r[1].as_text().unwrap_or_default())?;
                n += 1;
            }
        }
    }

    /// Every event (by document id, then event id), a page at a time.
    pub fn for_each_event(&mut self, mut f: impl FnMut(&EventRow) -> Result<()>) -> Result<u64> {
        let mut n = 0;
        let mut after = (String::new(), String::new());
        loop {
            let rows = self.conn.query(
                "SELECT e.doc_id, e.id, e.type, e.date, a.name, e.actor_code, t.name, e.target_code, d.url, e.json \
                 FROM events e JOIN documents d ON d.id = e.doc_id \
                 LEFT JOIN actors a ON a.doc_id = e.doc_id AND a.id = e.actor_id \
                 LEFT JOIN actors t ON t.doc_id = e.doc_id AND t.id = e.target_id \
                 WHERE e.doc_id > ? OR (e.doc_id = ? AND e.id > ?) ORDER BY e.doc_id, e.id LIMIT 512",
                &[
                    Value::text(after.0.as_str()),
                    Value::text(after.0.as_str()),
                    Value::text(after.1.as_str()),
                ],
            )?;
            if rows.is_empty() {
                return Ok(n);
            }
            for r in &rows {
                let row = EventRow {
                    doc_id: r[0].as_text().unwrap_or_default().to_string(),
                    event_id: r[1].as_text().unwrap_or_default().to_string(),
                    event_type: r[2].as_text().map(str::to_string),
                    date: r[3].as_text().map(str::to_string),
                    actor: r[4].as_text().map(str::to_string),
                    actor_code: r[5].as_text().map(str::to_string),
                    target: r[6].as_text().map(str::to_string),
                    target_code: r[7].as_text().map(str::to_string),
                    url: r[8].as_text().map(str::to_string),
                    json: r[9]
                        .as_text()
                        .and_then(|s| serde_json::from_str(s).ok())
                        .unwrap_or(serde_json::Value::Null),
                };
                f(&row)?;
                after = (row.doc_id.clone(), row.event_id.clone());
                n += 1;
            }
        }
    }
}

/// Helpers for tests that need a fresh PostgreSQL database.
#[doc(hidden)]
pub mod testing {
    use std::sync::atomic::{AtomicU64, Ordering};

    static NEXT: AtomicU64 = AtomicU64::new(0);

    /// `BYLINE_TEST_PG`, or `None` after printing that PostgreSQL tests are skipped.
    pub fn postgres_base(test: &str) -> Option<String> {
        match std::env::var("BYLINE_TEST_PG") {
            Ok(url) if !url.is_empty() => Some(url),
            _ => {
                eprintln!("{test}: skipped: BYLINE_TEST_PG not set");
                None
            }
        }
    }

    /// Creates an empty database on the server `base` names; returns its URL.
    pub fn fresh_database(base: &str) -> crate::Result<String> {
        let mut client = postgres::Client::connect(base, postgres::NoTls)?;
        let name = format!(
            "byline_t_{}_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed),
            crate::now()
        );
        client.batch_execute(&format!("CREATE DATABASE {name}"))?;
        let (head, tail) = base.rsplit_once('/').unwrap_or((base, ""));
        let query = tail
            .split_once('?')
            .map(|(_, q)| format!("?{q}"))
            .unwrap_or_default();
        Ok(format!("{head}/{name}{query}"))
    }
}

/// `postgres://user:secret@host/db` → `postgres://user:***@host/db`.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let Some((cred, host)) = rest.rsplit_once('@') else {
        return url.to_string();
    };
    match cred.split_once(':') {
        Some((user, _)) => format!("{scheme}://{user}:***@{host}"),
        None => url.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_redacted() {
        assert_eq!(
            redact("postgres://u:pw@127.0.0.1:5432/x"),
            "postgres://u:***@127.0.0.1:5432/x"
        );
        assert_eq!(redact("postgres://u@h/x"), "postgres://u@h/x");
        assert!(is_postgres_url("postgresql://h/x"));
        assert!(!is_postgres_url("byline.db"));
    }
}
