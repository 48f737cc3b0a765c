//! Development tool for the models, without the CLI (the CLI's `byline train` is the supported
//! way to train; this one adds the experiment helpers):
//!
//! ```text
//! cargo run --release -p byline-nlp --example train -- tagger TRAIN DEV OUT_DIR [EPOCHS]
//! cargo run --release -p byline-nlp --example train -- parser TRAIN DEV OUT_DIR [EPOCHS]
//!     (reads OUT_DIR/tagger.bin; JK_CACHE=file caches the jack-knifed training tags)
//! cargo run --release -p byline-nlp --example train -- prune IN_DIR OUT_DIR FRACTION
//! cargo run --release -p byline-nlp --example train -- eval MODEL_DIR GOLD.conllu
//! cargo run --release -p byline-nlp --example train -- speed MODEL_DIR GOLD.conllu
//! ```

use std::path::Path;
use std::time::Instant;

use byline_nlp::train::{self, Progress, TrainOptions};
use byline_nlp::{Models, Parser, SentenceTags, Tagger, Upos};

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn load(dir: &Path) -> Res<(Tagger, Parser)> {
    Ok((
        Tagger::from_bytes(&std::fs::read(dir.join("tagger.bin"))?, "tagger")?,
        Parser::from_bytes(&std::fs::read(dir.join("parser.bin"))?, "parser")?,
    ))
}

fn words(gold: &[byline_nlp::conllu::Sentence]) -> Vec<Vec<&str>> {
    gold.iter()
        .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
        .collect()
}

fn cached_tags(
    path: Option<String>,
    trainset: &[byline_nlp::conllu::Sentence],
    tagger: &Tagger,
    opts: &TrainOptions,
    report: &mut dyn FnMut(Progress),
) -> Res<Vec<SentenceTags>> {
    if let Some(p) = path.as_deref().filter(|p| Path::new(p).exists()) {
        return Ok(std::fs::read_to_string(p)?
            .lines()
            .map(|l| {
                l.split(' ')
                    .filter(|t| !t.is_empty())
                    .map(|t| {
                        let (x, u) = t.rsplit_once('|').unwrap_or((t, "X"));
                        (x.to_string(), Upos::parse(u).unwrap_or(Upos::X))
                    })
                    .collect()
            })
            .collect());
    }
    let tags = train::jackknife_tags(trainset, tagger, opts, report)?;
    if let Some(p) = path {
        let lines: Vec<String> = tags
            .iter()
            .map(|s| {
                let t: Vec<String> = s.iter().map(|(x, u)| format!("{x}|{u}")).collect();
                t.join(" ")
            })
            .collect();
        std::fs::write(p, lines.join("\n"))?;
    }
    Ok(tags)
}

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize| -> Res<&str> {
        args.get(i)
            .map(String::as_str)
            .ok_or_else(|| "missing argument; see the example's doc comment".into())
    };
    match arg(1)? {
        "prune" => {
            let (t, p) = load(Path::new(arg(2)?))?;
            let f: f32 = arg(4)?.parse()?;
            let out = Path::new(arg(3)?);
            std::fs::create_dir_all(out)?;
            std::fs::write(out.join("tagger.bin"), t.to_bytes(f))?;
            std::fs::write(out.join("parser.bin"), p.to_bytes(f))?;
        }
        "eval" => {
            let (t, p) = load(Path::new(arg(2)?))?;
            let gold = train::read_conllu(Path::new(arg(3)?))?;
            let ts = t.evaluate(&gold);
            let ps = p.evaluate_tagged(&gold, &t);
            println!(
                "UPOS {:.2} XPOS {:.2} lemma {:.2} UAS {:.2} LAS {:.2} (rows: tagger {}, parser {})",
                ts.upos,
                ts.xpos,
                ts.lemma,
                ps.uas,
                ps.las,
                t.features(),
                p.features()
            );
        }
        "speed" => {
            let t0 = Instant::now();
            let m = Models::from_dir(Path::new(arg(2)?))?;
            let load_secs = t0.elapsed().as_secs_f64();
            let gold = train::read_conllu(Path::new(arg(3)?))?;
            let sents = words(&gold);
            let n: usize = sents.iter().map(Vec::len).sum();
            let t1 = Instant::now();
            let k: usize = sents.iter().map(|s| m.analyze(s).len()).sum();
            let both = t1.elapsed().as_secs_f64();
            let t2 = Instant::now();
            let j: usize = sents.iter().map(|s| m.tag(s).len()).sum();
            let tag = t2.elapsed().as_secs_f64();
            assert_eq!((k, j), (n, n));
            println!(
                "load {load_secs:.3}s; tag+parse {:.0} tokens/s; tag alone {:.0} tokens/s ({n} tokens)",
                n as f64 / both,
                n as f64 / tag
            );
        }
        which @ ("tagger" | "parser") => {
            let trainset = train::read_conllu(Path::new(arg(2)?))?;
            let dev = train::read_conllu(Path::new(arg(3)?))?;
            let out = Path::new(arg(4)?);
            let mut opts = TrainOptions::default();
            if let Ok(e) = arg(5) {
                opts.epochs = e.parse()?;
            }
            let mut report = |p: Progress| match p {
                Progress::Epoch {
                    epoch,
                    scores,
                    features,
                } => eprintln!("epoch {epoch}: {scores:?} features {features}"),
                Progress::Stage(s) => eprintln!("{s}"),
                Progress::Step { .. } => {}
            };
            let t = Instant::now();
            std::fs::create_dir_all(out)?;
            if which == "tagger" {
                let tagger = train::train_tagger(&trainset, &dev, &opts, &mut report)?;
                std::fs::write(out.join("tagger.bin"), tagger.to_bytes(0.0))?;
            } else {
                let tagger = Tagger::from_bytes(&std::fs::read(out.join("tagger.bin"))?, "tagger")?;
                let cache = std::env::var("JK_CACHE").ok();
                let tags = cached_tags(cache, &trainset, &tagger, &opts, &mut report)?;
                let parser = train::train_parser_with_tags(
                    &trainset,
                    &tags,
                    &dev,
                    &tagger,
                    &opts,
                    &mut report,
                )?;
                std::fs::write(out.join("parser.bin"), parser.to_bytes(0.0))?;
            }
            eprintln!("{:.1}s", t.elapsed().as_secs_f64());
        }
        other => return Err(format!("unknown mode {other}").into()),
    }
    Ok(())
}
