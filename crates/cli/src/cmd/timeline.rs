//! `byline timeline ACTOR [--with OTHER]`: the claims and events involving an actor (or a pair
//! of actors) across reports, oldest first.

use std::io::Write as _;

use anyhow::Result;

use super::claims::{actor_ids, cut, load_index, Source};
use super::Outcome;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The actor: name, alias or code (ISRGOV).
    #[arg(value_name = "ACTOR")]
    actor: String,
    /// Only what also involves this actor.
    #[arg(long, value_name = "ACTOR")]
    with: Option<String>,
    #[command(flatten)]
    source: Source,
    /// JSON lines instead of a table.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<Outcome> {
    let index = load_index(&args.source)?;
    let first = actor_ids(&index, &args.actor)?;
    let others = args
        .with
        .as_deref()
        .map(|w| actor_ids(&index, w))
        .transpose()?;
    let mut entries = Vec::new();
    for &a in &first {
        match &others {
            None => entries.extend(index.timeline(a, None)),
            Some(os) => {
                for &o in os {
                    entries.extend(index.timeline(a, Some(o)));
                }
            }
        }
    }
    entries.sort_by(|a, b| {
        (a.date.is_none(), &a.date, a.cluster, a.report).cmp(&(
            b.date.is_none(),
            &b.date,
            b.cluster,
            b.report,
        ))
    });
    entries.dedup_by(|a, b| a.cluster == b.cluster && a.report == b.report && a.text == b.text);
    let out = std::io::stdout();
    let mut out = out.lock();
    for e in &entries {
        if args.json {
            serde_json::to_writer(&mut out, e)?;
            writeln!(out)?;
        } else {
            let ty = e
                .event_type
                .map(|t| format!("{t:?}").to_uppercase())
                .unwrap_or_default();
            let role = serde_json::to_value(e.role)?;
            writeln!(
                out,
                "{:<10}  {:>5}  {:<16}  {:<13}  {:<8}  {}",
                e.date.as_deref().unwrap_or("-"),
                e.cluster,
                cut(e.outlet.as_deref().unwrap_or("-"), 16),
                role.as_str().unwrap_or_default(),
                ty,
                cut(&e.text, 80)
            )?;
        }
    }
    Ok(Outcome::AllOk)
}
