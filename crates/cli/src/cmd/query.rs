//! `byline query`: claims and events from the store, as a table or JSON.

use anyhow::{Context as _, Result};
use byline_store::{ClaimQuery, EventQuery, Store};

use super::Outcome;

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// Claims by actor, source kind, factuality, date range and words.
    Claims(ClaimArgs),
    /// Events by actor, target, type and date range.
    Events(EventArgs),
    /// How many documents, claims, events … the store holds.
    Stats(Common),
    /// The per-document errors recorded by ingest.
    Errors(Common),
}

#[derive(clap::Args, Debug)]
pub struct Common {
    /// The store: a SQLite file or a postgres://… URL [default: $BYLINE_DB, else byline.db].
    #[arg(long, value_name = "FILE.db|URL")]
    db: Option<String>,
    /// JSON lines instead of a table.
    #[arg(long)]
    json: bool,
    /// At most this many rows (0: all).
    #[arg(long, default_value_t = 50, value_name = "N")]
    limit: u32,
}

#[derive(clap::Args, Debug)]
pub struct ClaimArgs {
    #[command(flatten)]
    common: Common,
    /// An actor the claim concerns: name (any case) or CAMEO code prefix (ISR, SYRGOV).
    #[arg(long)]
    actor: Option<String>,
    /// Kind of source: named_person, named_organization, anonymous, outlet, document.
    #[arg(long, value_name = "KIND")]
    source_kind: Option<String>,
    /// asserted, reported, hedged, belief, denied, unverified, disputed.
    #[arg(long)]
    factuality: Option<String>,
    /// Earliest report date: YYYY, YYYY-MM or YYYY-MM-DD.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Latest report date, inclusive.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
    /// Words that must all occur in the claim (full-text search, stemmed).
    #[arg(long, value_name = "WORDS")]
    search: Option<String>,
}

#[derive(clap::Args, Debug)]
pub struct EventArgs {
    #[command(flatten)]
    common: Common,
    /// The doer: name or CAMEO code prefix.
    #[arg(long)]
    actor: Option<String>,
    /// The target: name or CAMEO code prefix.
    #[arg(long)]
    target: Option<String>,
    /// PLOVER type (AID, ASSAULT, …).
    #[arg(long = "type", value_name = "TYPE")]
    event_type: Option<String>,
    /// Earliest event date.
    #[arg(long, value_name = "DATE")]
    from: Option<String>,
    /// Latest event date, inclusive.
    #[arg(long, value_name = "DATE")]
    to: Option<String>,
}

/// Opens `--db`, else `$BYLINE_DB`, else `byline.db` in the current folder.
pub(crate) fn open(db: &Option<String>) -> Result<Store> {
    let target = db
        .clone()
        .or_else(|| std::env::var("BYLINE_DB").ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| byline_store::DEFAULT_DB.to_string());
    Store::open(&target).with_context(|| format!("cannot open store {target}"))
}

fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

fn table(header: &[&str], rows: &[Vec<String>]) {
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for r in rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let s: Vec<String> = cells
            .iter()
            .zip(&widths)
            .map(|(c, w)| format!("{c:<w$}"))
            .collect();
        println!("{}", s.join("  ").trim_end());
    };
    line(header.iter().map(|h| h.to_string()).collect());
    for r in rows {
        line(r.clone());
    }
}

pub fn run(command: Command) -> Result<Outcome> {
    match command {
        Command::Claims(a) => {
            let mut store = open(&a.common.db)?;
            let rows = store.claims(&ClaimQuery {
                actor: a.actor,
                source_kind: a.source_kind,
                factuality: a.factuality,
                from: a.from,
                to: a.to,
                search: a.search,
                limit: a.common.limit,
            })?;
            if a.common.json {
                for r in &rows {
                    let out = serde_json::json!({
                        "doc": r.doc_id, "published": r.published, "url": r.url,
                        "source_kinds": r.source_kinds, "claim": r.json,
                    });
                    println!("{out}");
                }
            } else {
                let cells: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| {
                        vec![
                            r.published.clone().unwrap_or_default(),
                            format!("{}/{}", cut(&r.doc_id, 8), r.claim_id),
                            r.factuality.clone().unwrap_or_default(),
                            r.source_kinds.join(","),
                            cut(r.text.as_deref().unwrap_or(""), 80),
                        ]
                    })
                    .collect();
                table(&["DATE", "CLAIM", "FACTUALITY", "SOURCES", "TEXT"], &cells);
            }
        }
        Command::Events(a) => {
            let mut store = open(&a.common.db)?;
            let rows = store.events(&EventQuery {
                actor: a.actor,
                target: a.target,
                event_type: a.event_type,
                from: a.from,
                to: a.to,
                limit: a.common.limit,
            })?;
            if a.common.json {
                for r in &rows {
                    let out = serde_json::json!({
                        "doc": r.doc_id, "date": r.date, "url": r.url,
                        "actor": r.actor, "actor_code": r.actor_code,
                        "target": r.target, "target_code": r.target_code, "event": r.json,
                    });
                    println!("{out}");
                }
            } else {
                let cells: Vec<Vec<String>> = rows
                    .iter()
                    .map(|r| {
                        vec![
                            r.date.clone().unwrap_or_default(),
                            format!("{}/{}", cut(&r.doc_id, 8), r.event_id),
                            r.event_type.clone().unwrap_or_default(),
                            r.actor.clone().unwrap_or_default(),
                            r.target.clone().unwrap_or_default(),
                            cut(r.json["trigger"]["text"].as_str().unwrap_or(""), 30),
                        ]
                    })
                    .collect();
                table(
                    &["DATE", "EVENT", "TYPE", "ACTOR", "TARGET", "TRIGGER"],
                    &cells,
                );
            }
        }
        Command::Stats(c) => {
            let mut store = open(&c.db)?;
            let n = store.counts()?;
            let pairs = [
                ("documents", n.documents),
                ("not_english", n.not_english),
                ("actors", n.actors),
                ("sources", n.sources),
                ("claims", n.claims),
                ("quotes", n.quotes),
                ("events", n.events),
                ("times", n.times),
                ("notices", n.notices),
                ("errors", n.errors),
            ];
            if c.json {
                let map: serde_json::Map<String, serde_json::Value> = pairs
                    .iter()
                    .map(|(k, v)| (k.to_string(), (*v).into()))
                    .collect();
                println!("{}", serde_json::Value::Object(map));
            } else {
                for (k, v) in pairs {
                    println!("{k:<12} {v}");
                }
            }
        }
        Command::Errors(c) => {
            let mut store = open(&c.db)?;
            let limit = if c.limit == 0 { u32::MAX } else { c.limit };
            for e in store.errors(limit)? {
                if c.json {
                    println!(
                        "{}",
                        serde_json::json!({"source": e.source, "message": e.message})
                    );
                } else {
                    println!("{}: {}", e.source, e.message);
                }
            }
        }
    }
    Ok(Outcome::AllOk)
}
