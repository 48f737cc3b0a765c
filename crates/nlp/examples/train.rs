//! Trains the tagger or the parser without the CLI:
//! `cargo run --release -p byline-nlp --example train -- tagger|parser TRAIN DEV OUT_DIR [EPOCHS]`.

use std::path::Path;

use byline_nlp::train::{self, Progress, TrainOptions};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().collect();
    if args[1] == "prune" {
        // prune IN_DIR OUT_DIR FACTOR
        let f: f32 = args[4].parse()?;
        let (i, o) = (Path::new(&args[2]), Path::new(&args[3]));
        let t = byline_nlp::Tagger::from_bytes(&std::fs::read(i.join("tagger.bin"))?, "tagger")?;
        let p = byline_nlp::Parser::from_bytes(&std::fs::read(i.join("parser.bin"))?, "parser")?;
        std::fs::create_dir_all(o)?;
        std::fs::write(o.join("tagger.bin"), t.to_bytes(f))?;
        std::fs::write(o.join("parser.bin"), p.to_bytes(f))?;
        return Ok(());
    }
    if args[1] == "confusion" {
        // confusion MODEL_DIR GOLD
        let t = byline_nlp::Tagger::from_bytes(&std::fs::read(Path::new(&args[2]).join("tagger.bin"))?, "tagger")?;
        let gold = train::read_conllu(Path::new(&args[3]))?;
        for s in &gold {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            for ((x, u, l), w) in t.tag_words(&words).iter().zip(&s.words) {
                println!("{}\t{}\t{}\t{}\t{}\t{}\t{}", w.form, w.upos, u, w.xpos, x, w.lemma, l);
            }
        }
        return Ok(());
    }
    if args.len() < 5 {
        return Err("usage: train tagger|parser TRAIN DEV OUT_DIR [EPOCHS]".into());
    }
    let trainset = train::read_conllu(Path::new(&args[2]))?;
    let dev = train::read_conllu(Path::new(&args[3]))?;
    let out = Path::new(&args[4]);
    let mut opts = TrainOptions::default();
    if let Some(e) = args.get(5) {
        opts.epochs = e.parse()?;
    }
    if let Ok(f) = std::env::var("FOLDS") {
        opts.folds = f.parse()?;
    }
    let mut report = |p: Progress| {
        if let Progress::Epoch { epoch, scores, features } = p {
            eprintln!("epoch {epoch}: {scores:?} features {features}");
        } else if let Progress::Stage(s) = p {
            eprintln!("{s}");
        }
    };
    let t = std::time::Instant::now();
    std::fs::create_dir_all(out)?;
    if args[1] == "tagger" {
        let tagger = train::train_tagger(&trainset, &dev, &opts, &mut report)?;
        std::fs::write(out.join("tagger.bin"), tagger.to_bytes(0.0))?;
    } else {
        let tagger = byline_nlp::Tagger::from_bytes(&std::fs::read(out.join("tagger.bin"))?, "tagger")?;
        let parser = train::train_parser(&trainset, &dev, &tagger, &opts, &mut report)?;
        std::fs::write(out.join("parser.bin"), parser.to_bytes(0.0))?;
    }
    eprintln!("{:.1}s", t.elapsed().as_secs_f64());
    Ok(())
}
