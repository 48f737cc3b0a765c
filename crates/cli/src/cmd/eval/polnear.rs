//! `byline eval polnear DIR`: source, cue and content P/R/F1 on PolNeAR brat files.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use byline_eval::polnear::{self, Scores};
use byline_extract::{Input, Pipeline};

use crate::cmd::Outcome;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A PolNeAR split folder holding `text/` and `attributions/` (e.g. corpora/polnear/data/dev).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Score only the first N articles.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<Outcome> {
    let pipeline = Pipeline::new()?;
    let mut articles = polnear::read_split(&args.dir)
        .with_context(|| format!("reading PolNeAR split {}", args.dir.display()))?;
    if let Some(n) = args.limit {
        articles.truncate(n);
    }
    let mut total = Scores::default();
    let mut failed = 0;
    for a in &articles {
        match pipeline.extract(&Input::new(a.text.clone())) {
            Ok(doc) => {
                let pred = polnear::from_document(&doc, &a.text);
                total.add(&polnear::score(&a.gold, &pred, &a.text));
            }
            Err(e) => {
                failed += 1;
                eprintln!("byline: {}: {e}", a.name);
            }
        }
    }
    if args.json {
        let mut rows = serde_json::Map::new();
        for (name, c) in total.rows() {
            rows.insert(
                name.replace(' ', "_"),
                serde_json::json!({"precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
                    "correct": c.correct, "predicted": c.predicted, "gold": c.gold}),
            );
        }
        let out = serde_json::json!({"articles": articles.len(), "failed": failed, "layers": rows});
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        println!("{} articles", articles.len());
        println!(
            "{:<18} {:>9} {:>9} {:>9} {:>8} {:>10} {:>6}",
            "layer", "precision", "recall", "f1", "correct", "predicted", "gold"
        );
        for (name, c) in total.rows() {
            println!(
                "{:<18} {:>9.3} {:>9.3} {:>9.3} {:>8} {:>10} {:>6}",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.correct,
                c.predicted,
                c.gold
            );
        }
    }
    Ok(if failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::AllOk
    })
}
