//! `byline eval tokens FILE…` and `byline eval sentences FILE…`: the tokenizer and the sentence
//! splitter against CoNLL-U gold (surface tokens, sentence spans and boundaries).

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use byline_eval::prf::Counts;
use byline_eval::segmentation::{score_conllu, Report};

use crate::cmd::Outcome;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// CoNLL-U files with `# text` lines (and `# newdoc` / `# newpar`).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
    /// Also print up to this many sentence-boundary errors, in context.
    #[arg(long, value_name = "N", default_value_t = 0)]
    errors: usize,
}

/// Which layer the command reports first.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Layer {
    /// Surface tokens.
    Tokens,
    /// Sentences.
    Sentences,
}

pub fn run(args: Args, layer: Layer) -> Result<Outcome> {
    let mut reports = Vec::new();
    for f in &args.files {
        let text = std::fs::read_to_string(f)
            .with_context(|| format!("{}: cannot read as UTF-8 text", f.display()))?;
        let report =
            score_conllu(&text, args.errors).with_context(|| format!("{}", f.display()))?;
        reports.push((f.display().to_string(), report));
    }
    if args.json {
        let counts = |c: Counts| {
            serde_json::json!({"precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
                "correct": c.correct, "predicted": c.predicted, "gold": c.gold})
        };
        let files: Vec<serde_json::Value> = reports
            .iter()
            .map(|(name, r)| {
                let mut v = serde_json::json!({"file": name, "documents": r.documents,
                    "unaligned_gold_tokens": r.unaligned});
                let layers: &[(&str, Counts)] = match layer {
                    Layer::Tokens => &[("tokens", r.tokens)],
                    Layer::Sentences => &[("sentences", r.sentences), ("boundaries", r.boundaries)],
                };
                for (k, c) in layers {
                    v[*k] = counts(*c);
                }
                if args.errors > 0 {
                    v["errors"] = serde_json::json!(r.boundary_errors);
                }
                v
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&files)?);
        return Ok(Outcome::AllOk);
    }
    for (name, r) in &reports {
        print_report(name, r, layer);
    }
    Ok(Outcome::AllOk)
}

fn print_report(name: &str, r: &Report, layer: Layer) {
    println!(
        "{name}: {} documents, {} sentences",
        r.documents, r.gold_sentences
    );
    let line = |what: &str, c: Counts| {
        println!(
            "  {what:<11} P {:.4}  R {:.4}  F1 {:.4}   ({} correct, {} predicted, {} gold)",
            c.precision(),
            c.recall(),
            c.f1(),
            c.correct,
            c.predicted,
            c.gold
        );
    };
    match layer {
        Layer::Tokens => {
            line("tokens", r.tokens);
            if r.unaligned > 0 {
                println!("  ({} gold tokens not found in the text)", r.unaligned);
            }
        }
        Layer::Sentences => {
            line("sentences", r.sentences);
            line("boundaries", r.boundaries);
        }
    }
    for e in &r.boundary_errors {
        println!("  {e}");
    }
}
