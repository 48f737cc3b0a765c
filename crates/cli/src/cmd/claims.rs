//! `byline claims`: claim clusters across reports — first seen, reports, independent source
//! chains, confirmations, denials, contradictions.

use std::io::{BufRead, Write as _};

use anyhow::{Context as _, Result};
use byline_link::{Added, ClaimCluster, LinkIndex};
use byline_model::Document;

use super::Outcome;

/// Where the reports come from.
#[derive(clap::Args, Debug)]
pub struct Source {
    /// The store: a SQLite file or a postgres://… URL [default: $BYLINE_DB, else byline.db].
    /// Documents stored since the last run are linked first, and only what they touch is rewritten.
    #[arg(long, value_name = "FILE.db|URL", conflicts_with = "from")]
    db: Option<String>,
    /// Read byline/1 JSONL files instead of a store (nothing is saved).
    #[arg(long, value_name = "FILE.jsonl")]
    from: Vec<String>,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    #[command(flatten)]
    source: Source,
    /// Only clusters involving this actor (name, alias or code).
    #[arg(long)]
    actor: Option<String>,
    /// Only clusters with at least this many independent source chains.
    #[arg(long, default_value_t = 0, value_name = "N")]
    min_chains: usize,
    /// Only clusters someone denies or contradicts.
    #[arg(long)]
    contested: bool,
    /// JSON lines instead of a table.
    #[arg(long)]
    json: bool,
    /// At most this many clusters (0: all).
    #[arg(long, default_value_t = 50, value_name = "N")]
    limit: usize,
}

fn read_jsonl(path: &str) -> Result<Vec<Document>> {
    let file = std::fs::File::open(path).with_context(|| format!("cannot open {path}"))?;
    let mut docs = Vec::new();
    for (n, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.with_context(|| format!("{path}:{}", n + 1))?;
        if line.trim().is_empty() {
            continue;
        }
        let doc: Document = serde_json::from_str(&line)
            .with_context(|| format!("{path}:{}: not a byline/1 document", n + 1))?;
        docs.push(doc);
    }
    Ok(docs)
}

/// Builds the index from JSONL files, or brings the store's index up to date and returns it.
pub(crate) fn load_index(source: &Source) -> Result<LinkIndex> {
    if !source.from.is_empty() {
        let mut docs = Vec::new();
        for f in &source.from {
            docs.extend(read_jsonl(f)?);
        }
        byline_link::chronological(&mut docs);
        let mut index = LinkIndex::default();
        for d in &docs {
            if let Err(e) = index.add(d) {
                eprintln!("byline: {}: {e}", d.id);
            }
        }
        return Ok(index);
    }
    let mut store = super::query::open(&source.db)?;
    let mut index = store.link_index().context("reading the link tables")?;
    let fresh = store.unlinked_documents()?;
    for batch in fresh.chunks(256) {
        let mut added: Vec<Added> = Vec::new();
        for d in batch {
            match index.add(d) {
                Ok(a) => added.push(a),
                Err(e) => eprintln!("byline: {}: {e}", d.id),
            }
        }
        store
            .save_link(&index, &added)
            .context("saving the link tables")?;
    }
    if !fresh.is_empty() {
        eprintln!(
            "linked {} new report(s); {} in all",
            fresh.len(),
            index.reports().len()
        );
    }
    Ok(index)
}

/// Global ids of the actors a user names; an error when none matches.
pub(crate) fn actor_ids(index: &LinkIndex, query: &str) -> Result<Vec<u32>> {
    let ids = index.actors().find(query);
    anyhow::ensure!(!ids.is_empty(), "no actor matches {query:?}");
    Ok(ids)
}

pub(crate) fn cut(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

pub fn run(args: Args) -> Result<Outcome> {
    let index = load_index(&args.source)?;
    let actors = args
        .actor
        .as_deref()
        .map(|a| actor_ids(&index, a))
        .transpose()?;
    let mut chosen: Vec<&ClaimCluster> = index
        .clusters()
        .iter()
        .filter(|c| {
            actors
                .as_ref()
                .is_none_or(|ids| c.actors.iter().any(|a| ids.contains(a)))
        })
        .filter(|c| c.independent_chains() >= args.min_chains)
        .filter(|c| !args.contested || c.contested())
        .collect();
    // Best corroborated first, then oldest.
    chosen.sort_by(|a, b| {
        b.independent_chains()
            .cmp(&a.independent_chains())
            .then_with(|| a.first_seen().cmp(&b.first_seen()))
            .then(a.id.cmp(&b.id))
    });
    if args.limit > 0 {
        chosen.truncate(args.limit);
    }
    let out = std::io::stdout();
    let mut out = out.lock();
    if args.json {
        for c in chosen {
            serde_json::to_writer(&mut out, &c.summary())?;
            writeln!(out)?;
        }
    } else {
        writeln!(
            out,
            "{:>5}  {:<10}  {:>4} {:>6} {:>4} {:>4} {:>5}  {:<8}  claim",
            "id", "first seen", "rep", "chains", "conf", "deny", "contr", "type"
        )?;
        for c in chosen {
            let s = c.summary();
            let ty = s
                .event_type
                .map(|t| format!("{t:?}").to_uppercase())
                .unwrap_or_default();
            writeln!(
                out,
                "{:>5}  {:<10}  {:>4} {:>6} {:>4} {:>4} {:>5}  {:<8}  {}",
                s.id,
                s.first_seen.as_deref().unwrap_or("-"),
                s.reports,
                s.independent_chains,
                s.confirmations,
                s.denials,
                s.contradictions,
                ty,
                cut(&s.text, 80)
            )?;
        }
    }
    Ok(Outcome::AllOk)
}
