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
    if args[1] == "speed" {
        // speed MODEL_DIR CONLLU
        let t0 = std::time::Instant::now();
        let m = byline_nlp::Models::from_dir(Path::new(&args[2]))?;
        let load = t0.elapsed().as_secs_f64();
        let gold = train::read_conllu(Path::new(&args[3]))?;
        let sents: Vec<Vec<&str>> = gold.iter().map(|s| s.words.iter().map(|w| w.form.as_str()).collect()).collect();
        let n: usize = sents.iter().map(Vec::len).sum();
        let t1 = std::time::Instant::now();
        let mut k = 0;
        for s in &sents {
            k += m.analyze(s).len();
        }
        let secs = t1.elapsed().as_secs_f64();
        println!("load {load:.3}s, {k} of {n} tokens in {secs:.3}s = {:.0} tokens/s", n as f64 / secs);
        let t2 = std::time::Instant::now();
        for s in &sents {
            k -= m.tag(s).len();
        }
        println!("tagging alone: {:.0} tokens/s", n as f64 / t2.elapsed().as_secs_f64());
        return Ok(());
    }
    if args[1] == "eval" {
        // eval MODEL_DIR CONLLU
        let m = byline_nlp::Models::from_dir(Path::new(&args[2]))?;
        let gold = train::read_conllu(Path::new(&args[3]))?;
        let t = m.tagger().evaluate(&gold);
        let p = m.parser().evaluate_tagged(&gold, m.tagger());
        println!("UPOS {:.2} XPOS {:.2} lemma {:.2} UAS {:.2} LAS {:.2} (tagger rows {}, parser rows {})", t.upos, t.xpos, t.lemma, p.uas, p.las, m.tagger().features(), m.parser().features());
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
        // Jack-knifed tags are cached between experiments (JK_CACHE=path).
        let tags = match std::env::var("JK_CACHE") {
            Ok(path) if Path::new(&path).exists() => {
                let text = std::fs::read_to_string(&path)?;
                text.lines()
                    .map(|l| {
                        l.split(' ')
                            .filter(|t| !t.is_empty())
                            .map(|t| {
                                let (x, u) = t.rsplit_once('|').unwrap_or((t, "X"));
                                (x.to_string(), byline_nlp::Upos::parse(u).unwrap_or(byline_nlp::Upos::X))
                            })
                            .collect()
                    })
                    .collect()
            }
            other => {
                let tags = train::jackknife_tags(&trainset, &tagger, &opts, &mut report)?;
                if let Ok(path) = other {
                    let lines: Vec<String> = tags
                        .iter()
                        .map(|s: &byline_nlp::SentenceTags| {
                            s.iter().map(|(x, u)| format!("{x}|{u}")).collect::<Vec<_>>().join(" ")
                        })
                        .collect();
                    std::fs::write(path, lines.join("\n"))?;
                }
                tags
            }
        };
        let parser = train::train_parser_with_tags(&trainset, &tags, &dev, &tagger, &opts, &mut report)?;
        std::fs::write(out.join("parser.bin"), parser.to_bytes(0.0))?;
    }
    eprintln!("{:.1}s", t.elapsed().as_secs_f64());
    Ok(())
}
