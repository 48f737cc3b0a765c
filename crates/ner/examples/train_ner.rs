//! Trains the NER model: `cargo run --release -p byline-ner --example train_ner -- TRAIN DEV OUT [EPOCHS]`
//! (the same as `byline train ner`).

use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.len() < 3 {
        return Err("usage: train_ner TRAIN DEV OUT [EPOCHS]".into());
    }
    let train = byline_ner::conll::read(Path::new(&args[0]))?;
    let dev = byline_ner::conll::read(Path::new(&args[1]))?;
    let opts = byline_ner::TrainOptions {
        epochs: args.get(3).and_then(|e| e.parse().ok()).unwrap_or(12),
        ..Default::default()
    };
    let start = std::time::Instant::now();
    let ner = byline_ner::train(&train, &dev, &opts, &mut |l| eprintln!("{l}"))?;
    let bytes = ner.to_bytes()?;
    std::fs::write(&args[2], &bytes)?;
    eprintln!(
        "{} features, {} bytes, {:.1}s; {}",
        ner.features_len(),
        bytes.len(),
        start.elapsed().as_secs_f64(),
        ner.meta()
    );
    Ok(())
}
