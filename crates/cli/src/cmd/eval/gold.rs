//! `byline eval gold DIR…`: the byline-gold/1 scorer over folders of gold files.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use byline_eval::gold::{self, Scores};
use byline_extract::{Input, Pipeline};

use crate::cmd::Outcome;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folders of `*.gold.json` files (each naming its text file).
    #[arg(required = true, value_name = "DIR")]
    dirs: Vec<PathBuf>,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
    /// Also print every miss (-), spurious item (+) and wrong attribute (~), per document.
    #[arg(long)]
    errors: bool,
}

pub fn run(args: Args) -> Result<Outcome> {
    let pipeline = Pipeline::new()?;
    let mut total = Scores::default();
    let mut per_doc = Vec::new();
    for dir in &args.dirs {
        let files = gold::read_dir(dir)
            .with_context(|| format!("reading gold files in {}", dir.display()))?;
        for f in files {
            let mut input = Input::new(f.text.clone());
            input.published = f.gold.published.clone();
            let doc = pipeline
                .extract(&input)
                .with_context(|| format!("extracting {}", f.path.display()))?;
            let s = gold::score(&f.gold, &doc, &f.text);
            total.add(&s);
            per_doc.push((f.path.display().to_string(), s));
        }
    }
    if args.json {
        let layer = |c: byline_eval::prf::Counts| {
            serde_json::json!({"precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
                "correct": c.correct, "predicted": c.predicted, "gold": c.gold})
        };
        let mut layers = serde_json::Map::new();
        for (name, c) in total.layers() {
            layers.insert(name.to_string(), layer(c));
        }
        let mut acc = serde_json::Map::new();
        for (name, a) in total.accuracies() {
            acc.insert(
                name.to_string(),
                serde_json::json!({"accuracy": a.value(), "correct": a.correct, "total": a.total}),
            );
        }
        let mut out = serde_json::json!({"documents": total.documents, "layers": layers,
            "accuracy": acc});
        if args.errors {
            out["errors"] = serde_json::json!(per_doc
                .iter()
                .map(|(name, s)| serde_json::json!({"file": name, "errors": s.errors}))
                .collect::<Vec<_>>());
        }
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        if args.errors {
            for (name, s) in &per_doc {
                println!("# {name}");
                for e in &s.errors {
                    println!("  {e}");
                }
            }
            println!();
        }
        println!("{} documents", total.documents);
        println!(
            "{:<14} {:>9} {:>9} {:>9} {:>8} {:>10} {:>6}",
            "layer", "precision", "recall", "f1", "correct", "predicted", "gold"
        );
        for (name, c) in total.layers() {
            println!(
                "{:<14} {:>9.3} {:>9.3} {:>9.3} {:>8} {:>10} {:>6}",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.correct,
                c.predicted,
                c.gold
            );
        }
        println!();
        println!(
            "{:<20} {:>9} {:>8} {:>6}",
            "attribute", "accuracy", "correct", "total"
        );
        for (name, a) in total.accuracies() {
            println!(
                "{:<20} {:>9.3} {:>8} {:>6}",
                name,
                a.value(),
                a.correct,
                a.total
            );
        }
    }
    Ok(Outcome::AllOk)
}
