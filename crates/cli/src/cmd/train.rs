//! `byline train tagger|parser|ner`: trains the part-of-speech tagger or the dependency parser on
//! CoNLL-U data, with a progress bar and per-epoch dev scores, or hands the NER (CoNLL-2003
//! columns) to `train_ner`. Deterministic for a given seed.

use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::{Context as _, Result};
use byline_nlp::train::{self, Progress, TrainOptions};
use byline_nlp::{Meta, Tagger};
use indicatif::{ProgressBar, ProgressStyle};

use super::Outcome;

/// Which model to train.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Which {
    /// Part-of-speech tagger and lemmatiser (writes tagger.bin).
    Tagger,
    /// Dependency parser (writes parser.bin; tags its training data with jack-knifed taggers).
    Parser,
    /// Named-entity recogniser on CoNLL-2003 column files (writes ner.bin).
    Ner,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The model to train.
    #[arg(value_enum)]
    which: Which,
    /// Training data (CoNLL-U; CoNLL-2003 columns for `ner`).
    #[arg(long, value_name = "FILE")]
    train: PathBuf,
    /// Development data (CoNLL-U; CoNLL-2003 columns for `ner`): scored after each epoch; the best
    /// epoch is kept.
    #[arg(long, value_name = "FILE")]
    dev: PathBuf,
    /// Folder to write the model to (created if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = 12)]
    epochs: usize,
    /// Random seed (shuffling, parser exploration).
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Tagger: train this many taggers (seeds SEED, SEED+1, …) and mix them into one, the mean
    /// of their weights (1: a single tagger).
    #[arg(long, default_value_t = 1)]
    seeds: usize,
    /// Parser: jack-knife folds for the training tags (0 = gold tags).
    #[arg(long, default_value_t = 5)]
    folds: usize,
    /// Parser: the tagger for dev tags (folder with tagger.bin); default OUT, else the built-in one.
    #[arg(long, value_name = "DIR")]
    tagger: Option<PathBuf>,
    /// Drop weights smaller than this fraction of the largest when writing the model.
    #[arg(long, default_value_t = 0.0)]
    prune: f32,
    /// Tagger: unlabelled text (files or folders: CoNLL-U, CoNLL-2003, CSV, token XML, plain
    /// text) to learn word clusters from; none, no cluster features.
    #[arg(long, value_name = "PATH", num_args = 1..)]
    unlabelled: Vec<PathBuf>,
}

fn load_tagger(args: &Args) -> Result<Tagger> {
    let dir = args.tagger.clone().unwrap_or_else(|| args.out.clone());
    let path = dir.join(byline_nlp::TAGGER_FILE);
    if path.exists() {
        let bytes = std::fs::read(&path).with_context(|| format!("reading {}", path.display()))?;
        return Ok(Tagger::from_bytes(&bytes, &path.display().to_string())?);
    }
    if args.tagger.is_some() {
        anyhow::bail!("{}: no tagger there", path.display());
    }
    Ok(byline_nlp::Models::embedded()?.tagger().clone())
}

fn commit() -> String {
    std::process::Command::new("git")
        .args(["rev-parse", "--short", "HEAD"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "unknown".into())
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(
        || p.display().to_string(),
        |f| f.to_string_lossy().into_owned(),
    )
}

pub fn run(args: Args) -> Result<Outcome> {
    if args.which == Which::Ner {
        return super::train_ner::run(
            &args.train,
            &args.dev,
            &args.out,
            args.epochs,
            args.seed,
            args.folds,
        );
    }
    let trainset = train::read_conllu(&args.train)?;
    let dev = train::read_conllu(&args.dev)?;
    let opts = TrainOptions {
        epochs: args.epochs.max(1),
        seed: args.seed,
        folds: args.folds,
        ..TrainOptions::default()
    };
    std::fs::create_dir_all(&args.out)
        .with_context(|| format!("creating {}", args.out.display()))?;
    let bar = ProgressBar::new(trainset.len() as u64);
    bar.set_style(
        ProgressStyle::with_template("{prefix} [{bar:40}] {pos}/{len} sentences {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    // A hidden bar (stderr not a terminal) prints nothing: say it on stderr then.
    let say = |bar: &ProgressBar, line: String| {
        if bar.is_hidden() {
            eprintln!("{line}");
        } else {
            bar.println(line);
        }
    };
    let mut report = |p: Progress| match p {
        Progress::Step { epoch, done, total } => {
            bar.set_length(total as u64);
            bar.set_prefix(format!("epoch {epoch}"));
            bar.set_position(done as u64);
        }
        Progress::Epoch {
            epoch,
            scores,
            features,
        } => {
            let s: Vec<String> = scores.iter().map(|(k, v)| format!("{k} {v:.2}")).collect();
            say(
                &bar,
                format!("epoch {epoch}: {} ({features} features)", s.join(", ")),
            );
        }
        Progress::Stage(s) => say(&bar, s),
    };
    let started = Instant::now();
    let mut meta = Meta::default();
    meta.set("trained_on", &file_name(&args.train));
    meta.set("dev", &file_name(&args.dev));
    meta.set("licence", "training data: UD English-EWT, CC BY-SA 4.0");
    let mut command =
        format!(
        "byline train {} --train {} --dev {} --out {} --epochs {} --seed {} --folds {} --prune {}",
        if args.which == Which::Tagger { "tagger" } else { "parser" },
        args.train.display(),
        args.dev.display(),
        args.out.display(),
        opts.epochs,
        opts.seed,
        opts.folds,
        args.prune
    );
    if args.which == Which::Tagger && args.seeds > 1 {
        command.push_str(&format!(" --seeds {}", args.seeds));
    }
    for p in &args.unlabelled {
        command.push_str(&format!(" --unlabelled {}", p.display()));
    }
    meta.set("command", &command);
    meta.set("commit", &commit());
    let (bytes, name, best) = match args.which {
        Which::Tagger => {
            let mut text = Vec::new();
            for p in &args.unlabelled {
                text.extend(byline_nlp::clusters::read_unlabelled(p)?);
            }
            let clusters = if text.is_empty() {
                byline_nlp::clusters::Clusters::default()
            } else {
                let tokens: usize = text.iter().map(Vec::len).sum();
                report(Progress::Stage(format!(
                    "word clusters from {} sentences, {tokens} tokens",
                    text.len()
                )));
                let c = byline_nlp::clusters::Clusters::train(
                    &text,
                    &byline_nlp::clusters::ClusterOptions::default(),
                );
                report(Progress::Stage(format!("{} words clustered", c.len())));
                c
            };
            let mut t = train::train_tagger_mixed(
                &trainset,
                &dev,
                clusters,
                &opts,
                args.seeds,
                &mut report,
            )?;
            let best = t.meta().get("best_epoch").unwrap_or("?").to_string();
            let s = t.evaluate(&dev);
            meta.set("best_epoch", &best);
            meta.set(
                "dev_scores",
                &format!("UPOS {:.2} XPOS {:.2} lemma {:.2}", s.upos, s.xpos, s.lemma),
            );
            t.set_meta(meta);
            (t.to_bytes(args.prune), byline_nlp::TAGGER_FILE, best)
        }
        Which::Parser => {
            let tagger = load_tagger(&args)?;
            let mut p = train::train_parser(&trainset, &dev, &tagger, &opts, &mut report)?;
            let best = p.meta().get("best_epoch").unwrap_or("?").to_string();
            let s = p.evaluate_tagged(&dev, &tagger);
            meta.set("best_epoch", &best);
            meta.set(
                "dev_scores",
                &format!("UAS {:.2} LAS {:.2} (predicted tags)", s.uas, s.las),
            );
            p.set_meta(meta);
            (p.to_bytes(args.prune), byline_nlp::PARSER_FILE, best)
        }
        Which::Ner => anyhow::bail!("byline train ner runs in train_ner"),
    };
    bar.finish_and_clear();
    let path = args.out.join(name);
    std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
    eprintln!(
        "wrote {} ({:.1} MB, best epoch {best}) in {:.0}s",
        path.display(),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(Outcome::AllOk)
}
