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
    /// Also print up to N unmatched spans per article (gold spans missed, predicted spans
    /// with no gold partner), with context, for error analysis.
    #[arg(long, value_name = "N")]
    misses: Option<usize>,
    /// Do not score: count how often each lemma lies inside a gold cue and write the counts
    /// as a cue lexicon file (`learnt.tsv`) to FILE. Use on a training split only.
    #[arg(long, value_name = "FILE")]
    learn_cues: Option<PathBuf>,
    /// Do not score: read every learnt verb through the parse, count how often each form read
    /// as a cue overlapped a gold cue, and write the counts (`reads.tsv`) to FILE. Use on a
    /// training split only.
    #[arg(long, value_name = "FILE")]
    learn_reads: Option<PathBuf>,
    /// Do not score: train the cue classifier on every noun and verb (a cue when it overlaps
    /// a gold cue) and write its weights (`cue-model.tsv`) to FILE. Use on a training split
    /// only.
    #[arg(long, value_name = "FILE")]
    train_cues: Option<PathBuf>,
}

/// Prints one unmatched span with some context.
fn print_miss(article: &str, text: &[char], m: &polnear::Miss) {
    let (a, b) = (
        m.frags.first().map_or(0, |f| f.0),
        m.frags.last().map_or(0, |f| f.1),
    );
    let clip = |x: usize, y: usize| -> String {
        text.get(x.min(text.len())..y.min(text.len()))
            .unwrap_or(&[])
            .iter()
            .map(|&c| if c == '\n' { ' ' } else { c })
            .collect()
    };
    println!(
        "{}\t{:<7}\t{}\t{}[{}]{}",
        if m.missed { "MISSED" } else { "FALSE" },
        m.layer,
        article,
        clip(a.saturating_sub(60), a),
        clip(a, b),
        clip(b, b + 40)
    );
}

/// `--learn-reads`: a pipeline whose lexicon takes every learnt lemma and every form already
/// counted for a sure cue, so that the parse reads them all, then the counts of its reads.
fn learn_reads(
    dir: &std::path::Path,
    articles: &[polnear::Article],
    out: &PathBuf,
) -> Result<Outcome> {
    let lex = std::env::temp_dir().join(format!("byline-learn-reads-{}", std::process::id()));
    let cues = lex.join("cues");
    std::fs::create_dir_all(&cues).with_context(|| format!("creating {}", cues.display()))?;
    for name in ["learnt.tsv", "reads.tsv"] {
        let text = byline_lexicon::cues::Cues::builtin_file(name).unwrap_or_default();
        std::fs::write(cues.join(name), polnear::all_sure(name, text))
            .with_context(|| format!("writing {}", cues.join(name).display()))?;
    }
    let config = byline_extract::Config {
        lexicon_dirs: vec![lex.clone()],
        model_dir: None,
    };
    let pipeline = Pipeline::with_config(&config);
    let _ = std::fs::remove_dir_all(&lex);
    let pipeline = pipeline?;
    let mut counts = Vec::new();
    for a in articles {
        let doc = pipeline
            .extract(&Input::new(a.text.clone()))
            .with_context(|| format!("extracting {}", a.name))?;
        polnear::count_reads(&doc, &a.text, &a.gold, &mut counts);
    }
    let source = format!("PolNeAR {}", dir.display());
    std::fs::write(out, polnear::reads_tsv(&counts, 5, &source))
        .with_context(|| format!("writing {}", out.display()))?;
    Ok(Outcome::AllOk)
}

pub fn run(args: Args) -> Result<Outcome> {
    let pipeline = Pipeline::new()?;
    let mut articles = polnear::read_split(&args.dir)
        .with_context(|| format!("reading PolNeAR split {}", args.dir.display()))?;
    if let Some(n) = args.limit {
        articles.truncate(n);
    }
    if let Some(out) = &args.learn_cues {
        let models = byline_nlp::Models::embedded().context("loading the models")?;
        let counts = polnear::learn_cues(&articles, &models);
        let source = format!("PolNeAR {}", args.dir.display());
        std::fs::write(out, polnear::learnt_tsv(&counts, 3, &source))
            .with_context(|| format!("writing {}", out.display()))?;
        return Ok(Outcome::AllOk);
    }
    if let Some(out) = &args.train_cues {
        let models = byline_nlp::Models::embedded().context("loading the models")?;
        let source = format!("PolNeAR {}", args.dir.display());
        let cues = byline_lexicon::cues::Cues::builtin();
        let (tsv, n, cue) = polnear::train_cues(&articles, &models, cues, 5, &source);
        std::fs::write(out, tsv).with_context(|| format!("writing {}", out.display()))?;
        eprintln!("{n} examples, {cue} cues");
        return Ok(Outcome::AllOk);
    }
    if let Some(out) = &args.learn_reads {
        return learn_reads(&args.dir, &articles, out);
    }
    let mut total = Scores::default();
    let mut failed = 0;
    for a in &articles {
        match pipeline.extract(&Input::new(a.text.clone())) {
            Ok(doc) => {
                let pred = polnear::from_document(&doc, &a.text);
                total.add(&polnear::score(&a.gold, &pred, &a.text));
                if let Some(n) = args.misses {
                    let chars: Vec<char> = a.text.chars().collect();
                    for m in polnear::misses(&a.gold, &pred, &a.text).iter().take(n) {
                        print_miss(&a.name, &chars, m);
                    }
                }
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
