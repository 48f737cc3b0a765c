//! `byline eval ner FILE`: exact span + type P/R/F1 per type and overall on a CoNLL-2003 file.

use std::path::PathBuf;

use anyhow::{Context as _, Result};

use crate::cmd::Outcome;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A CoNLL-2003 column file with gold tags in the last column.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// A model file to use instead of the built-in one.
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
    /// Print the figures as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<Outcome> {
    let ner = crate::cmd::ner::load(args.model.as_deref())?;
    let docs = byline_ner::conll::read(&args.file)
        .with_context(|| format!("reading {}", args.file.display()))?;
    byline_ner::conll::check_tagged(&docs, &args.file.display().to_string())?;
    let start = std::time::Instant::now();
    let pred: Vec<Vec<String>> = crate::cmd::ner::tag_conll(&ner, &docs)
        .into_iter()
        .flatten()
        .collect();
    let secs = start.elapsed().as_secs_f64();
    let gold: Vec<Vec<String>> = docs
        .iter()
        .flat_map(|d| &d.sentences)
        .map(|s| {
            s.tags
                .iter()
                .map(|t| t.clone().unwrap_or_else(|| "O".into()))
                .collect()
        })
        .collect();
    let tokens: usize = gold.iter().map(Vec::len).sum();
    let s = byline_eval::ner::score(&gold, &pred);
    let row = |c: &byline_eval::prf::Counts| {
        serde_json::json!({"precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
                           "correct": c.correct, "predicted": c.predicted, "gold": c.gold})
    };
    if args.json {
        let per: serde_json::Map<String, serde_json::Value> = s
            .per_type
            .iter()
            .map(|(k, c)| (k.clone(), row(c)))
            .collect();
        println!(
            "{}",
            serde_json::json!({"file": args.file, "tokens": tokens, "seconds": secs,
                               "per_type": per, "overall": row(&s.overall)})
        );
    } else {
        println!(
            "{}: {tokens} tokens, tagged in {secs:.2} s",
            args.file.display()
        );
        println!(
            "{:<8} {:>9} {:>9} {:>9} {:>7} {:>7} {:>7}",
            "type", "precision", "recall", "F1", "correct", "pred", "gold"
        );
        for (k, c) in s
            .per_type
            .iter()
            .map(|(k, c)| (k.as_str(), c))
            .chain([("overall", &s.overall)])
        {
            println!(
                "{k:<8} {:>9.4} {:>9.4} {:>9.4} {:>7} {:>7} {:>7}",
                c.precision(),
                c.recall(),
                c.f1(),
                c.correct,
                c.predicted,
                c.gold
            );
        }
    }
    Ok(Outcome::AllOk)
}
