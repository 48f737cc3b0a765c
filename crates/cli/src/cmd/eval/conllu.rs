//! `byline eval conllu GOLD.conllu… [--raw]`: UPOS, XPOS and lemma accuracy, UAS and LAS of the
//! tagger and parser, on the gold tokens (default) or from the raw text.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use byline_eval::parsing::{raw_documents, score_aligned, score_raw, Scores};
use byline_nlp::{train::read_conllu, Models};

use crate::cmd::Outcome;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Gold CoNLL-U files.
    #[arg(required = true, value_name = "GOLD")]
    files: Vec<PathBuf>,
    /// Start from the raw text (`# text` lines): byline segments it too, and words are aligned
    /// by span (scores are F1).
    #[arg(long)]
    raw: bool,
    /// Folder with tagger.bin and parser.bin to use instead of the built-in models.
    #[arg(long, value_name = "DIR")]
    models: Option<PathBuf>,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<Outcome> {
    let models = Models::load(args.models.as_deref()).context("loading the models")?;
    let mut rows = Vec::new();
    for f in &args.files {
        let gold = read_conllu(f)?;
        let scores = if args.raw {
            let mut s = Scores::default();
            for doc in raw_documents(&gold) {
                let mut pred = Vec::new();
                for (sent, spans) in models.parse_text(&doc.text) {
                    let base = pred.len();
                    for (mut w, sp) in sent.words.into_iter().zip(spans) {
                        if w.head != 0 {
                            w.head += base;
                        }
                        pred.push((sp, w));
                    }
                }
                s.add(score_raw(&doc, &pred));
            }
            s
        } else {
            let mut pred = gold.clone();
            for s in &mut pred {
                models.annotate(s);
            }
            score_aligned(&gold, &pred).with_context(|| f.display().to_string())?
        };
        rows.push((f.display().to_string(), scores));
    }
    if args.json {
        let v: Vec<serde_json::Value> = rows
            .iter()
            .map(|(f, s)| {
                serde_json::json!({"file": f, "raw": args.raw, "words": s.words(), "upos": s.upos(),
                    "xpos": s.xpos(), "lemma": s.lemma(), "uas": s.uas(), "las": s.las(),
                    "gold_words": s.gold, "predicted_words": s.predicted})
            })
            .collect();
        println!("{}", serde_json::to_string_pretty(&v)?);
    } else {
        println!(
            "{:<40} {:>7} {:>7} {:>7} {:>7} {:>7} {:>7}",
            "file", "words", "UPOS", "XPOS", "lemma", "UAS", "LAS"
        );
        for (f, s) in &rows {
            println!(
                "{:<40} {:>7.2} {:>7.2} {:>7.2} {:>7.2} {:>7.2} {:>7.2}",
                f,
                s.words(),
                s.upos(),
                s.xpos(),
                s.lemma(),
                s.uas(),
                s.las()
            );
        }
    }
    Ok(Outcome::AllOk)
}
