//! The read side: claims and events by actor, source kind, factuality, type and date; full-text
//! search over claims; paging through documents for export.

use std::collections::HashMap;

use serde_json::Value as Json;

use crate::backend::{Backend, Conn, Value};
use crate::{Error, Result};

/// Which claims to return. Every field narrows the result; `None` means any.
#[derive(Clone, Debug, Default)]
pub struct ClaimQuery {
    /// An actor the claim concerns: its name (any case) or a CAMEO code prefix (`ISR`, `SYRGOV`).
    pub actor: Option<String>,
    /// A kind of source behind the claim: `anonymous`, `named_person`, `outlet` …
    pub source_kind: Option<String>,
    /// `asserted`, `reported`, `hedged`, `belief`, `denied`, `unverified`, `disputed`.
    pub factuality: Option<String>,
    /// Earliest report date (ISO 8601: `2025`, `2025-09` or `2025-09-16`).
    pub from: Option<String>,
    /// Latest report date, inclusive (same forms).
    pub to: Option<String>,
    /// Words that must all occur in the claim's text.
    pub search: Option<String>,
    /// At most this many rows.
    pub limit: u32,
}

/// Which events to return.
#[derive(Clone, Debug, Default)]
pub struct EventQuery {
    /// The actor (doer): name or CAMEO code prefix.
    pub actor: Option<String>,
    /// The target: name or CAMEO code prefix.
    pub target: Option<String>,
    /// PLOVER type (`AID`, `ASSAULT` …), any case.
    pub event_type: Option<String>,
    /// Earliest event date.
    pub from: Option<String>,
    /// Latest event date, inclusive.
    pub to: Option<String>,
    /// At most this many rows.
    pub limit: u32,
}

/// One claim found.
#[derive(Clone, Debug, PartialEq)]
pub struct ClaimRow {
    /// The document it is in.
    pub doc_id: String,
    /// Its id within the document.
    pub claim_id: String,
    /// The report's date.
    pub published: Option<String>,
    /// Its factuality.
    pub factuality: Option<String>,
    /// Its text.
    pub text: Option<String>,
    /// The report's URL.
    pub url: Option<String>,
    /// The kinds of its sources.
    pub source_kinds: Vec<String>,
    /// The claim as stored in `byline/1`.
    pub json: Json,
}

/// One event found.
#[derive(Clone, Debug, PartialEq)]
pub struct EventRow {
    /// The document it is in.
    pub doc_id: String,
    /// Its id within the document.
    pub event_id: String,
    /// PLOVER type.
    pub event_type: Option<String>,
    /// Its date: its own resolved time, else the report's date.
    pub date: Option<String>,
    /// The doer's name.
    pub actor: Option<String>,
    /// The doer's CAMEO code.
    pub actor_code: Option<String>,
    /// The target's name.
    pub target: Option<String>,
    /// The target's CAMEO code.
    pub target_code: Option<String>,
    /// The report's URL.
    pub url: Option<String>,
    /// The event as stored in `byline/1`.
    pub json: Json,
}

/// Narrows `sql` to rows whose ISO date `column` lies in `from ..= to` (each `YYYY`, `YYYY-MM`
/// or `YYYY-MM-DD`; either may be absent).
pub(crate) fn date_range(
    sql: &mut String,
    params: &mut Vec<Value>,
    column: &str,
    from: Option<&str>,
    to: Option<&str>,
) -> Result<()> {
    if let Some(from) = from {
        sql.push_str(&format!(" AND {column} >= ?"));
        params.push(Value::text(lower_bound(from)?));
    }
    if let Some(to) = to {
        sql.push_str(&format!(" AND {column} <= ?"));
        params.push(Value::text(upper_bound(to)?));
    }
    Ok(())
}

/// `2025` → `2025-00-00`, so that `>=` on ISO strings includes the whole year.
pub(crate) fn lower_bound(d: &str) -> Result<String> {
    check_date(d)?;
    Ok(d.to_string())
}

/// `2025-09` → `2025-09-99`, so that `<=` on ISO strings includes the whole month.
pub(crate) fn upper_bound(d: &str) -> Result<String> {
    check_date(d)?;
    Ok(match d.len() {
        4 => format!("{d}-99-99"),
        7 => format!("{d}-99"),
        _ => format!("{d}\u{7f}"),
    })
}

fn check_date(d: &str) -> Result<()> {
    let b = d.as_bytes();
    let ok = matches!(b.len(), 4 | 7 | 10)
        && b.iter().enumerate().all(|(i, c)| {
            if i == 4 || i == 7 {
                *c == b'-'
            } else {
                c.is_ascii_digit()
            }
        });
    if ok {
        Ok(())
    } else {
        Err(Error::InvalidQuery(format!(
            "date {d:?} is not YYYY, YYYY-MM or YYYY-MM-DD"
        )))
    }
}

/// Words of a search as an FTS5 query: each quoted, all required.
pub(crate) fn fts5_query(search: &str) -> Result<String> {
    let words: Vec<String> = search
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| format!("\"{w}\""))
        .collect();
    if words.is_empty() {
        return Err(Error::InvalidQuery("empty search".into()));
    }
    Ok(words.join(" "))
}

pub(crate) fn party_filter(
    sql: &mut String,
    params: &mut Vec<Value>,
    key_col: &str,
    code_col: &str,
    who: &str,
) {
    sql.push_str(&format!(" AND ({key_col} = ? OR {code_col} LIKE ?)"));
    params.push(Value::text(who.trim().to_lowercase()));
    params.push(Value::text(format!("{}%", who.trim().to_uppercase())));
}

pub(crate) fn limit(n: u32) -> Value {
    Value::Int(Some(i64::from(if n == 0 { u32::MAX } else { n })))
}

pub(crate) fn json_of(v: &Value) -> Json {
    v.as_text()
        .and_then(|s| serde_json::from_str(s).ok())
        .unwrap_or(Json::Null)
}

pub(crate) fn text_of(v: &Value) -> Option<String> {
    v.as_text().map(str::to_string)
}

pub(crate) fn claims(conn: &mut Conn, q: &ClaimQuery) -> Result<Vec<ClaimRow>> {
    claims_at(conn, q, 0)
}

/// Appends the `WHERE` conditions of `q` (after `WHERE 1 = 1`) for claims aliased `c`.
pub(crate) fn claim_conditions(
    backend: Backend,
    q: &ClaimQuery,
    sql: &mut String,
    params: &mut Vec<Value>,
) -> Result<()> {
    if let Some(actor) = &q.actor {
        sql.push_str(
            " AND EXISTS (SELECT 1 FROM claim_actors ca WHERE ca.doc_id = c.doc_id AND ca.claim_id = c.id",
        );
        party_filter(sql, params, "ca.name_key", "ca.code", actor);
        sql.push(')');
    }
    if let Some(kind) = &q.source_kind {
        sql.push_str(
            " AND EXISTS (SELECT 1 FROM claim_sources cs WHERE cs.doc_id = c.doc_id AND cs.claim_id = c.id \
             AND cs.kind = ?)",
        );
        params.push(Value::text(kind.as_str()));
    }
    if let Some(f) = &q.factuality {
        sql.push_str(" AND c.factuality = ?");
        params.push(Value::text(f.as_str()));
    }
    date_range(
        sql,
        params,
        "c.published",
        q.from.as_deref(),
        q.to.as_deref(),
    )?;
    if let Some(search) = &q.search {
        match backend {
            Backend::Sqlite => {
                sql.push_str(
                    " AND (c.doc_id || ' ' || c.id) IN \
                     (SELECT doc_id || ' ' || claim_id FROM claims_fts WHERE claims_fts MATCH ?)",
                );
                params.push(Value::text(fts5_query(search)?));
            }
            Backend::Postgres => {
                fts5_query(search)?;
                sql.push_str(
                    " AND to_tsvector('english', coalesce(c.text, '')) @@ plainto_tsquery('english', ?)",
                );
                params.push(Value::text(search.as_str()));
            }
        }
    }
    Ok(())
}

/// Claims matching `q` from the `offset`-th on (at most `q.limit`), newest report first.
pub(crate) fn claims_at(conn: &mut Conn, q: &ClaimQuery, offset: u64) -> Result<Vec<ClaimRow>> {
    let mut sql = String::from(
        "SELECT c.doc_id, c.id, c.published, c.factuality, c.text, d.url, c.json \
         FROM claims c JOIN documents d ON d.id = c.doc_id WHERE 1 = 1",
    );
    let mut params = Vec::new();
    claim_conditions(conn.backend(), q, &mut sql, &mut params)?;
    sql.push_str(" ORDER BY c.published DESC, c.doc_id, c.id LIMIT ? OFFSET ?");
    params.push(limit(q.limit));
    params.push(Value::Int(i64::try_from(offset).ok()));
    let rows = conn.query(&sql, &params)?;
    // The source kinds of every claim on the page, in one query per 500 documents rather than one
    // per claim.
    let mut docs: Vec<String> = rows.iter().filter_map(|r| text_of(&r[0])).collect();
    docs.sort_unstable();
    docs.dedup();
    let mut kinds: HashMap<(String, String), Vec<String>> = HashMap::new();
    for chunk in docs.chunks(500) {
        let marks = vec!["?"; chunk.len()].join(", ");
        let params: Vec<Value> = chunk.iter().map(|d| Value::text(d.as_str())).collect();
        for k in conn.query(
            &format!(
                "SELECT doc_id, claim_id, kind FROM claim_sources WHERE doc_id IN ({marks}) \
                 ORDER BY doc_id, claim_id, source_id"
            ),
            &params,
        )? {
            if let (Some(d), Some(c), Some(kind)) = (text_of(&k[0]), text_of(&k[1]), text_of(&k[2]))
            {
                kinds.entry((d, c)).or_default().push(kind);
            }
        }
    }
    let mut out = Vec::with_capacity(rows.len());
    for r in rows {
        let doc_id = text_of(&r[0]).unwrap_or_default();
        let claim_id = text_of(&r[1]).unwrap_or_default();
        let source_kinds = kinds
            .remove(&(doc_id.clone(), claim_id.clone()))
            .unwrap_or_default();
        out.push(ClaimRow {
            doc_id,
            claim_id,
            published: text_of(&r[2]),
            factuality: text_of(&r[3]),
            text: text_of(&r[4]),
            url: text_of(&r[5]),
            source_kinds,
            json: json_of(&r[6]),
        });
    }
    Ok(out)
}

pub(crate) fn events(conn: &mut Conn, q: &EventQuery) -> Result<Vec<EventRow>> {
    events_at(conn, q, 0)
}

/// Appends the `WHERE` conditions of `q` (after `WHERE 1 = 1`) for events aliased `e`.
pub(crate) fn event_conditions(
    q: &EventQuery,
    sql: &mut String,
    params: &mut Vec<Value>,
) -> Result<()> {
    if let Some(actor) = &q.actor {
        party_filter(sql, params, "e.actor_key", "e.actor_code", actor);
    }
    if let Some(target) = &q.target {
        party_filter(sql, params, "e.target_key", "e.target_code", target);
    }
    if let Some(t) = &q.event_type {
        sql.push_str(" AND e.type = ?");
        params.push(Value::text(t.trim().to_uppercase()));
    }
    date_range(sql, params, "e.date", q.from.as_deref(), q.to.as_deref())?;
    Ok(())
}

/// Events matching `q` from the `offset`-th on (at most `q.limit`), latest first.
pub(crate) fn events_at(conn: &mut Conn, q: &EventQuery, offset: u64) -> Result<Vec<EventRow>> {
    let mut sql = format!("{EVENT_SELECT} WHERE 1 = 1");
    let mut params = Vec::new();
    event_conditions(q, &mut sql, &mut params)?;
    sql.push_str(" ORDER BY e.date DESC, e.doc_id, e.id LIMIT ? OFFSET ?");
    params.push(limit(q.limit));
    params.push(Value::Int(i64::try_from(offset).ok()));
    Ok(conn
        .query(&sql, &params)?
        .iter()
        .map(|r| event_row(r))
        .collect())
}

/// Events with their actors' names and their document's URL, in the column order of [`event_row`].
pub(crate) const EVENT_SELECT: &str =
    "SELECT e.doc_id, e.id, e.type, e.date, a.name, e.actor_code, t.name, e.target_code, d.url, e.json \
     FROM events e JOIN documents d ON d.id = e.doc_id \
     LEFT JOIN actors a ON a.doc_id = e.doc_id AND a.id = e.actor_id \
     LEFT JOIN actors t ON t.doc_id = e.doc_id AND t.id = e.target_id";

/// One row of [`EVENT_SELECT`].
pub(crate) fn event_row(r: &[Value]) -> EventRow {
    EventRow {
        doc_id: text_of(&r[0]).unwrap_or_default(),
        event_id: text_of(&r[1]).unwrap_or_default(),
        event_type: text_of(&r[2]),
        date: text_of(&r[3]),
        actor: text_of(&r[4]),
        actor_code: text_of(&r[5]),
        target: text_of(&r[6]),
        target_code: text_of(&r[7]),
        url: text_of(&r[8]),
        json: json_of(&r[9]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_bounds_cover_whole_periods() {
        assert_eq!(upper_bound("2025").unwrap(), "2025-99-99");
        assert_eq!(upper_bound("2025-09").unwrap(), "2025-09-99");
        assert!("2025-09-30" <= upper_bound("2025-09").unwrap().as_str());
        assert!(lower_bound("2025-9").is_err());
        assert!(lower_bound("yesterday").is_err());
    }

    #[test]
    fn search_words_are_quoted() {
        assert_eq!(fts5_query("Israel, arms\"").unwrap(), "\"Israel\" \"arms\"");
        assert!(fts5_query("  ,, ").is_err());
    }
}
