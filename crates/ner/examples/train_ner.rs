//! Trains the NER model with every option exposed, for experiments:
//! `cargo run --release -p byline-ner --example train_ner -- TRAIN DEV OUT [--epochs N]
//! [--folds N] [--seed N] [--corpora DIR] [--min-count N] [--cluster-iterations N] [--members N]
//! [--refit]`.
//! `byline train ner` is the documented command; it uses the defaults below with `--corpora` the
//! folder holding the training file's folder and `--refit`.

use std::path::{Path, PathBuf};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut pos = Vec::new();
    let mut opts = byline_ner::TrainOptions::default();
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = || it.next().ok_or(format!("{a} needs a value"));
        match a.as_str() {
            "--epochs" => opts.epochs = val()?.parse()?,
            "--folds" => opts.folds = val()?.parse()?,
            "--seed" => opts.seed = val()?.parse()?,
            "--corpora" => opts.corpora = Some(PathBuf::from(val()?)),
            "--min-count" => opts.cluster_min_count = val()?.parse()?,
            "--cluster-iterations" => opts.cluster_iterations = val()?.parse()?,
            "--refit" => opts.refit = true,
            "--members" => opts.members = val()?.parse()?,
            _ => pos.push(a.clone()),
        }
    }
    if pos.len() != 3 {
        return Err("usage: train_ner TRAIN DEV OUT [options]".into());
    }
    let train = byline_ner::conll::read(Path::new(&pos[0]))?;
    let dev = byline_ner::conll::read(Path::new(&pos[1]))?;
    let start = std::time::Instant::now();
    let mut ner = byline_ner::train(&train, &dev, &opts, &mut |l| eprintln!("{l}"))?;
    let meta = format!(
        "trained on {} (CoNLL-2003), passes chosen on {}; command: cargo run --release -p byline-ner --example train_ner -- {}; {}",
        pos[0],
        pos[1],
        args.join(" "),
        ner.meta()
    );
    ner.set_meta(meta);
    let bytes = ner.to_bytes()?;
    std::fs::write(&pos[2], &bytes)?;
    eprintln!(
        "{} features, {} clustered words, {} bytes, {:.1}s; {}",
        ner.features_len(),
        ner.cluster_words(),
        bytes.len(),
        start.elapsed().as_secs_f64(),
        ner.meta()
    );
    let scores = byline_ner::score(&ner, &dev);
    let mut keys: Vec<&String> = scores.keys().collect();
    keys.sort();
    for k in keys {
        let note = if opts.refit {
            " (dev was trained on)"
        } else {
            ""
        };
        eprintln!("dev {k}: F1 {:.4}{note}", scores[k].f1());
    }
    Ok(())
}
