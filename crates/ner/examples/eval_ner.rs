//! Scores a model file on a CoNLL-2003 file (exact span + type P/R/F1 per type and overall):
//! `cargo run --release -p byline-ner --example eval_ner -- MODEL FILE [BEAM [TEMPERATURE]]` (`byline eval ner
//! FILE --model MODEL` prints the same figures at the default beam width).

use std::path::Path;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if !(2..=4).contains(&args.len()) {
        return Err("usage: eval_ner MODEL FILE [BEAM [TEMPERATURE]]".into());
    }
    let mut ner = byline_ner::Ner::from_path(Path::new(&args[0]))?;
    if let Some(b) = args.get(2) {
        ner.set_beam(b.parse()?);
    }
    if let Some(t) = args.get(3) {
        ner.set_temperature(t.parse()?);
    }
    let docs = byline_ner::conll::read(Path::new(&args[1]))?;
    let scores = byline_ner::score(&ner, &docs);
    let mut keys: Vec<&String> = scores.keys().collect();
    keys.sort();
    for k in keys {
        let c = scores[k];
        println!(
            "{k:8} P {:.4} R {:.4} F1 {:.4} ({} correct, {} predicted, {} gold)",
            c.correct as f64 / c.predicted.max(1) as f64,
            c.correct as f64 / c.gold.max(1) as f64,
            c.f1(),
            c.correct,
            c.predicted,
            c.gold
        );
    }
    Ok(())
}
