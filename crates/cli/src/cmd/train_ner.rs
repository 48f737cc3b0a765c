//! `byline train ner`: trains the named-entity recogniser on CoNLL-2003 column files (two
//! averaged-perceptron stages, passes chosen on the dev file, then retrained on train + dev with
//! those passes) and writes `ner.bin`. Word clusters and a name list are first learnt from the
//! unlabelled text of the corpora folder that holds the training file's folder
//! (`../shared/corpora` for `../shared/corpora/conll2003/train.txt`; see
//! `byline_ner::unlabelled`).

use std::path::Path;
use std::time::Instant;

use anyhow::{Context as _, Result};

use super::Outcome;

/// Trains on `train`, tunes on `dev`, writes `DIR/ner.bin` (`out` is a folder) or `out` itself
/// when it ends in `.bin`.
pub fn run(
    train: &Path,
    dev: &Path,
    out: &Path,
    epochs: usize,
    seed: u64,
    folds: usize,
) -> Result<Outcome> {
    let start = Instant::now();
    let train_docs = byline_ner::conll::read(train)?;
    let dev_docs = byline_ner::conll::read(dev)?;
    byline_ner::conll::check_tagged(&train_docs, &train.display().to_string())?;
    byline_ner::conll::check_tagged(&dev_docs, &dev.display().to_string())?;
    let corpora = train
        .parent()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .filter(|p| p.is_dir());
    let opts = byline_ner::TrainOptions {
        epochs: epochs.max(1),
        seed,
        folds,
        corpora,
        refit: true,
        ..Default::default()
    };
    let mut ner = byline_ner::train(&train_docs, &dev_docs, &opts, &mut |line| {
        eprintln!("{line}")
    })?;
    let meta = format!(
        "trained on {} (CoNLL-2003), passes chosen on {}; command: byline train ner --train {} --dev {} --out {} --epochs {} --seed {} --folds {}; {}",
        train.display(),
        dev.display(),
        train.display(),
        dev.display(),
        out.display(),
        epochs,
        seed,
        folds,
        ner.meta()
    );
    ner.set_meta(meta);
    let path = if out.extension().is_some_and(|e| e == "bin") {
        out.to_path_buf()
    } else {
        std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
        out.join("ner.bin")
    };
    let bytes = ner.to_bytes()?;
    std::fs::write(&path, &bytes).with_context(|| format!("writing {}", path.display()))?;
    eprintln!(
        "wrote {} ({} bytes, {} features) in {:.1} s: {}",
        path.display(),
        bytes.len(),
        ner.features_len(),
        start.elapsed().as_secs_f64(),
        ner.meta()
    );
    Ok(Outcome::AllOk)
}
