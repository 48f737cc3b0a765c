//! `byline eval plover FILE`: event type P/R/F1 and record accuracy on PLOVER gold records.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use byline_eval::plover::{read, score, source_ok, target_ok, Prediction, Split};
use byline_eval::prf::Counts;
use byline_extract::{Input, Pipeline};
use rayon::prelude::*;

use crate::cmd::Outcome;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A PLOVER gold-standard records file (JSON array, one sentence per record).
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
    /// Also print up to this many wrong records.
    #[arg(long, value_name = "N", default_value_t = 0)]
    errors: usize,
    /// Score all records, the tuning part, or the held-out part (every fifth record).
    #[arg(long, value_enum, default_value_t = SplitArg::All)]
    split: SplitArg,
}

#[derive(clap::ValueEnum, Clone, Copy, Debug)]
enum SplitArg {
    All,
    Tune,
    HeldOut,
}

impl From<SplitArg> for Split {
    fn from(s: SplitArg) -> Split {
        match s {
            SplitArg::All => Split::All,
            SplitArg::Tune => Split::Tune,
            SplitArg::HeldOut => Split::HeldOut,
        }
    }
}

pub fn run(args: Args) -> Result<Outcome> {
    let records = read(&args.file).with_context(|| format!("{}", args.file.display()))?;
    let records = Split::from(args.split).select(records);
    let pipeline = Pipeline::new()?;
    let predictions: Vec<Prediction> = records
        .par_iter()
        .map(|r| {
            let mut input = Input::new(r.text.clone());
            input.published = Some("2000-01-01".into());
            pipeline
                .extract(&input)
                .map(|doc| Prediction::from_document(&doc))
                .unwrap_or_default()
        })
        .collect();
    let report = score(&records, &predictions);
    let wrong: Vec<serde_json::Value> = records
        .iter()
        .zip(&predictions)
        .filter(|(r, p)| p.kind != Some(r.kind) || !source_ok(r, p) || !target_ok(r, p))
        .take(args.errors)
        .map(|(r, p)| {
            serde_json::json!({"id": r.id, "text": r.text,
                "gold": {"type": r.kind, "sources": r.sources, "targets": r.targets},
                "predicted": {"type": p.kind, "actor": p.actor, "target": p.target}})
        })
        .collect();
    if args.json {
        let counts = |c: Counts| {
            serde_json::json!({"precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
                "correct": c.correct, "predicted": c.predicted, "gold": c.gold})
        };
        let per_type: serde_json::Map<String, serde_json::Value> = report
            .per_type
            .iter()
            .map(|(k, c)| {
                let name = serde_json::to_value(k)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default();
                (name, counts(*c))
            })
            .collect();
        let mut v = serde_json::json!({
            "file": args.file.display().to_string(),
            "records": report.records,
            "type": counts(report.overall),
            "per_type": per_type,
            "type_source": report.type_source,
            "type_source_target": report.triples,
            "record_accuracy": report.triple_accuracy(),
        });
        if args.errors > 0 {
            v["errors"] = serde_json::Value::Array(wrong);
        }
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        println!("{}: {} records", args.file.display(), report.records);
        print!("{report}");
        for w in wrong {
            println!("{w}");
        }
    }
    Ok(Outcome::AllOk)
}
