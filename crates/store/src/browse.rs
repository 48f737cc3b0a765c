//! Paged reads for browsing (`byline serve`): documents, claims and events a page at a time,
//! each with the total the filter matches.

use crate::backend::{Backend, Value};
use crate::query::{claim_conditions, claims_at, date_range, event_conditions, events_at, text_of};
use crate::{ClaimQuery, ClaimRow, EventQuery, EventRow, Result, Store};

/// Which documents to list. Every field narrows the result; `None` means any.
#[derive(Clone, Debug, Default)]
pub struct DocumentQuery {
    /// The outlet, exactly as stored (any case).
    pub outlet: Option<String>,
    /// Earliest publication date (`YYYY`, `YYYY-MM` or `YYYY-MM-DD`).
    pub from: Option<String>,
    /// Latest publication date, inclusive.
    pub to: Option<String>,
    /// Words that must all occur in the title or text (any case).
    pub search: Option<String>,
    /// At most this many rows (0: all).
    pub limit: u32,
}

/// One stored document, without its layers.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentRow {
    /// Its `byline/1` id.
    pub id: String,
    /// Where it was published.
    pub url: Option<String>,
    /// The outlet.
    pub outlet: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Language code.
    pub language: String,
    /// `extracted`, `not_english` …
    pub status: String,
    /// The input unit it was read from.
    pub source: String,
    /// Number of claims extracted from it.
    pub claims: u64,
}

/// A page of rows and how many rows the filter matches in all.
#[derive(Clone, Debug, PartialEq)]
pub struct Paged<T> {
    /// Rows matching the filter, in all pages.
    pub total: u64,
    /// This page.
    pub rows: Vec<T>,
}

const DOC_COLUMNS: &str =
    "d.id, d.url, d.outlet, d.title, d.published, d.language, d.status, d.source, \
     (SELECT COUNT(*) FROM claims c WHERE c.doc_id = d.id)";

fn document_row(r: &[Value]) -> DocumentRow {
    DocumentRow {
        id: text_of(&r[0]).unwrap_or_default(),
        url: text_of(&r[1]),
        outlet: text_of(&r[2]),
        title: text_of(&r[3]),
        published: text_of(&r[4]),
        language: text_of(&r[5]).unwrap_or_default(),
        status: text_of(&r[6]).unwrap_or_default(),
        source: text_of(&r[7]).unwrap_or_default(),
        claims: r[8].as_int().unwrap_or(0).max(0) as u64,
    }
}

/// `%word%` patterns with `\` escaping LIKE's wildcards.
fn like_patterns(search: &str) -> Vec<String> {
    search
        .split_whitespace()
        .map(|w| {
            let mut p = String::from("%");
            for c in w.to_lowercase().chars() {
                if matches!(c, '%' | '_' | '\\') {
                    p.push('\\');
                }
                p.push(c);
            }
            p.push('%');
            p
        })
        .collect()
}

fn offset_value(offset: u64) -> Value {
    Value::Int(Some(i64::try_from(offset).unwrap_or(i64::MAX)))
}

impl Store {
    /// Documents matching `q`, newest first, from the `offset`-th on, with the total.
    pub fn documents_page(&mut self, q: &DocumentQuery, offset: u64) -> Result<Paged<DocumentRow>> {
        let mut cond = String::new();
        let mut params = Vec::new();
        if let Some(outlet) = &q.outlet {
            cond.push_str(" AND LOWER(d.outlet) = ?");
            params.push(Value::text(outlet.trim().to_lowercase()));
        }
        date_range(
            &mut cond,
            &mut params,
            "d.published",
            q.from.as_deref(),
            q.to.as_deref(),
        )?;
        if let Some(search) = &q.search {
            for p in like_patterns(search) {
                cond.push_str(
                    " AND (LOWER(COALESCE(d.title, '')) LIKE ? ESCAPE '\\' OR LOWER(d.json) LIKE ? ESCAPE '\\')",
                );
                params.push(Value::text(p.as_str()));
                params.push(Value::text(p));
            }
        }
        let total = self
            .conn
            .scalar(
                &format!("SELECT COUNT(*) FROM documents d WHERE 1 = 1{cond}"),
                &params,
            )?
            .unwrap_or(0)
            .max(0) as u64;
        let mut page = params;
        page.push(crate::query::limit(q.limit));
        page.push(offset_value(offset));
        let rows = self.conn.query(
            &format!(
                "SELECT {DOC_COLUMNS} FROM documents d WHERE 1 = 1{cond} \
                 ORDER BY d.published DESC, d.id LIMIT ? OFFSET ?"
            ),
            &page,
        )?;
        Ok(Paged {
            total,
            rows: rows.iter().map(|r| document_row(r)).collect(),
        })
    }

    /// One document's row and its `byline/1` JSON, if stored.
    pub fn document(&mut self, id: &str) -> Result<Option<(DocumentRow, String)>> {
        let rows = self.conn.query(
            &format!("SELECT {DOC_COLUMNS}, d.json FROM documents d WHERE d.id = ?"),
            &[Value::text(id)],
        )?;
        Ok(rows
            .first()
            .map(|r| (document_row(r), text_of(&r[9]).unwrap_or_default())))
    }

    /// Claims matching `q` (at most `q.limit` of them) from the `offset`-th on, with the total.
    pub fn claims_page(&mut self, q: &ClaimQuery, offset: u64) -> Result<Paged<ClaimRow>> {
        let mut sql = String::from("SELECT COUNT(*) FROM claims c WHERE 1 = 1");
        let mut params = Vec::new();
        claim_conditions(self.conn.backend(), q, &mut sql, &mut params)?;
        let total = self.conn.scalar(&sql, &params)?.unwrap_or(0).max(0) as u64;
        let rows = claims_at(&mut self.conn, q, offset)?;
        Ok(Paged { total, rows })
    }

    /// Events matching `q` (at most `q.limit` of them) from the `offset`-th on, with the total.
    pub fn events_page(&mut self, q: &EventQuery, offset: u64) -> Result<Paged<EventRow>> {
        let mut sql = String::from("SELECT COUNT(*) FROM events e WHERE 1 = 1");
        let mut params = Vec::new();
        event_conditions(q, &mut sql, &mut params)?;
        let total = self.conn.scalar(&sql, &params)?.unwrap_or(0).max(0) as u64;
        let rows = events_at(&mut self.conn, q, offset)?;
        Ok(Paged { total, rows })
    }

    /// The outlets of the stored documents with how many documents each has, most first.
    pub fn outlets(&mut self) -> Result<Vec<(String, u64)>> {
        Ok(self
            .conn
            .query(
                "SELECT outlet, COUNT(*) FROM documents WHERE outlet IS NOT NULL \
                 GROUP BY outlet ORDER BY COUNT(*) DESC, outlet",
                &[],
            )?
            .iter()
            .map(|r| {
                (
                    text_of(&r[0]).unwrap_or_default(),
                    r[1].as_int().unwrap_or(0).max(0) as u64,
                )
            })
            .collect())
    }

    /// Every event of one document, by id.
    pub fn events_in(&mut self, doc_id: &str) -> Result<Vec<EventRow>> {
        let rows = self.conn.query(
            &format!(
                "{} WHERE e.doc_id = ? ORDER BY e.id",
                crate::query::EVENT_SELECT
            ),
            &[Value::text(doc_id)],
        )?;
        Ok(rows.iter().map(|r| crate::query::event_row(r)).collect())
    }

    /// `sqlite` or `postgres`.
    pub fn backend_name(&self) -> &'static str {
        match self.conn.backend() {
            Backend::Sqlite => "sqlite",
            Backend::Postgres => "postgres",
        }
    }
}
