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
    /// Do not score: read every candidate draft of the parse frames (cue, source, content),
    /// label it by whether its cue overlaps a gold cue, train the draft judge and write its
    /// weights (`draft-model.tsv`) to FILE. Use on a training split only.
    #[arg(long, value_name = "FILE")]
    train_drafts: Option<PathBuf>,
    /// With --train-drafts: a draft is right only when its cue overlaps a gold cue and its
    /// source (if any) a gold source.
    #[arg(long)]
    draft_label_source: bool,
    /// Use the draft judge (`draft-model.tsv`) on the parse frames' drafts: it adds to the cue
    /// classifier's thresholds the drafts it trusts whose content holds a verb. On by default
    /// (docs/attribution.md, 6F and 6H); the flag is kept for scripts and tuning.
    #[arg(long)]
    draft_judge: bool,
    /// With --draft-judge: this `draft-model.tsv` instead of the built-in one (for tuning).
    #[arg(long, value_name = "FILE")]
    draft_model: Option<PathBuf>,
    /// With --draft-judge: keep a parse frame's draft when the judge gives it at least this
    /// probability (for tuning; the built-in threshold otherwise).
    #[arg(long, value_name = "P")]
    draft_threshold: Option<f32>,
}

/// `--train-drafts`: every candidate draft of the parse frames with its label, then the
/// judge's weights.
fn train_drafts(
    dir: &std::path::Path,
    pipeline: &Pipeline,
    articles: &[polnear::Article],
    label_source: bool,
    out: &PathBuf,
) -> Result<Outcome> {
    let mut trainer = byline_lexicon::cues::model::Trainer::new();
    // The token classifier's probability is a feature: on the training split the built-in
    // classifier has seen every article and is surer than on unseen text, so each half is read
    // with a classifier trained on the other half.
    let models = byline_nlp::Models::embedded().context("loading the models")?;
    let cues = byline_lexicon::cues::Cues::builtin();
    let half = |k: usize| -> Vec<polnear::Article> {
        articles
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == k)
            .map(|(_, a)| a.clone())
            .collect()
    };
    let token_models: Vec<String> = (0..2)
        .map(|k| polnear::train_cues(&half(1 - k), &models, cues, 5, "half").0)
        .collect();
    for (i, a) in articles.iter().enumerate() {
        let (doc, examples) = byline_extract::collect_drafts(Some(&token_models[i % 2]), || {
            pipeline.extract(&Input::new(a.text.clone()))
        })?;
        let doc = doc.with_context(|| format!("extracting {}", a.name))?;
        // Which gold cue each draft's cue overlaps: a gold cue already covered by a surface
        // draft or an earlier candidate is no gain (scoring matches one to one).
        let cues: Vec<(usize, usize)> = examples.iter().map(|e| e.cue).collect();
        let cue_hits = polnear::gold_hits(&doc, &a.text, &a.gold.cues, &cues);
        let firsts: Vec<(usize, usize)> = examples
            .iter()
            .map(|e| e.sources.first().copied().unwrap_or(e.cue))
            .collect();
        let source_hits = polnear::gold_hits(&doc, &a.text, &a.gold.sources, &firsts);
        let mut taken = vec![false; a.gold.cues.len()];
        for (e, hits) in examples.iter().zip(&cue_hits) {
            if e.surface {
                hits.iter().for_each(|&g| taken[g] = true);
            }
        }
        for ((e, hits), source) in examples.iter().zip(&cue_hits).zip(&source_hits) {
            if e.surface {
                continue;
            }
            let hit = match hits.iter().find(|&&g| !taken[g]) {
                Some(&g) => {
                    taken[g] = true;
                    true
                }
                None => false,
            };
            let source_hit = !label_source || e.sources.is_empty() || !source.is_empty();
            let names: Vec<&str> = e.features.iter().map(String::as_str).collect();
            trainer.add_names(&names, hit && source_hit);
        }
    }
    let (n, pos) = trainer.sizes();
    let header = format!(
        "source: byline project, trained by `byline eval polnear --train-drafts{}` on PolNeAR \
         {}: {n} candidate drafts of the parse frames, {pos} of them right (weights only, no \
         text)\n\
         data: PolNeAR v1.0.0 (Newell, Margolin and Ruths, LREC 2018); no data licence stated, \
         its software is MIT\nlicence: MIT OR Apache-2.0\nversion: 1",
        if label_source {
            " --draft-label-source"
        } else {
            ""
        },
        dir.display()
    );
    let tsv = trainer.train_with(
        DRAFT_EPOCHS,
        DRAFT_MIN_COUNT,
        DRAFT_L2,
        DRAFT_MIN_WEIGHT,
        &header,
    );
    std::fs::write(out, tsv).with_context(|| format!("writing {}", out.display()))?;
    eprintln!("{n} candidate drafts, {pos} right");
    Ok(Outcome::AllOk)
}

/// Training passes of the draft judge.
const DRAFT_EPOCHS: usize = 10;
/// Features seen in fewer drafts are left out.
const DRAFT_MIN_COUNT: u32 = 3;
/// The pull of every weight towards zero at each update.
const DRAFT_L2: f32 = 1e-4;
/// Smaller weights are left out of the file.
const DRAFT_MIN_WEIGHT: f32 = 0.05;

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
    if let Some(out) = &args.train_drafts {
        return train_drafts(
            &args.dir,
            &pipeline,
            &articles,
            args.draft_label_source,
            out,
        );
    }
    let model = match &args.draft_model {
        Some(p) => {
            Some(std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?)
        }
        None => None,
    };
    if args.draft_judge || model.is_some() || args.draft_threshold.is_some() {
        return byline_extract::with_draft_judge(model.as_deref(), args.draft_threshold, || {
            score_split(&args, &pipeline, &articles)
        })?;
    }
    score_split(&args, &pipeline, &articles)
}

/// Scores every article and prints the table (or JSON).
fn score_split(args: &Args, pipeline: &Pipeline, articles: &[polnear::Article]) -> Result<Outcome> {
    let mut total = Scores::default();
    let mut failed = 0;
    for a in articles {
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
