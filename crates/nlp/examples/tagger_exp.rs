//! Tagger experiments without the CLI: learn word clusters once, then train taggers on them.
//!
//! ```text
//! cargo run --release -p byline-nlp --example tagger_exp -- clusters OUT.bin SIZES PATH...
//!     (SIZES: comma-separated class counts, e.g. 32,128,512; MIN_COUNT=n: rarest word kept)
//! cargo run --release -p byline-nlp --example tagger_exp -- train CLUSTERS.bin TRAIN DEV EPOCHS OUT_DIR
//!     (CLUSTERS.bin may be a tagger.bin: its clusters are reused; SEED=n: the shuffling seed)
//! cargo run --release -p byline-nlp --example tagger_exp -- mix OUT.bin DEV TAGGER.bin...
//!     (mixes taggers trained with different seeds on the same classes: the mean of their
//!     weights; prints each one's dev scores and the mix's; PRUNE=p: written without the
//!     weights under p times the largest)
//! cargo run --release -p byline-nlp --example tagger_exp -- errors TAGGER.bin TRAIN DEV
//!     (accuracy of known / unknown words, with / without a word class; top confusions)
//! cargo run --release -p byline-nlp --example tagger_exp -- tagspeed TAGGER.bin GOLD ROUNDS
//!     (tags GOLD's words ROUNDS times; run under valgrind --tool=callgrind for instructions)
//! ```

use std::path::Path;
use std::time::Instant;

use byline_nlp::clusters::{self, ClusterOptions, Clusters};
use byline_nlp::train::{self, Progress, TrainOptions};
use byline_nlp::Tagger;

type Res<T> = Result<T, Box<dyn std::error::Error>>;

fn load_clusters(p: &str) -> Res<Clusters> {
    let bytes = std::fs::read(p)?;
    if bytes.starts_with(b"BYLNTAG") {
        return Ok(Tagger::from_bytes(&bytes, p)?.clusters().clone());
    }
    Ok(Clusters::from_bytes(&bytes, p)?)
}

fn main() -> Res<()> {
    let args: Vec<String> = std::env::args().collect();
    let arg = |i: usize| -> Res<&str> {
        args.get(i)
            .map(String::as_str)
            .ok_or_else(|| "missing argument; see the example's doc comment".into())
    };
    let t = Instant::now();
    match arg(1)? {
        "clusters" => {
            let sizes = arg(3)?
                .split(',')
                .map(str::parse)
                .collect::<Result<Vec<usize>, _>>()?;
            let mut text = Vec::new();
            for p in &args[4..] {
                text.extend(clusters::read_unlabelled(Path::new(p))?);
            }
            let tokens: usize = text.iter().map(Vec::len).sum();
            eprintln!("{} sentences, {tokens} tokens", text.len());
            let mut opts = ClusterOptions {
                sizes,
                ..ClusterOptions::default()
            };
            if let Ok(m) = std::env::var("MIN_COUNT") {
                opts.min_count = m.parse()?;
            }
            let c = Clusters::train(&text, &opts);
            eprintln!("{} words clustered", c.len());
            std::fs::write(arg(2)?, c.to_bytes())?;
        }
        "train" => {
            let c = load_clusters(arg(2)?)?;
            let trainset = train::read_conllu(Path::new(arg(3)?))?;
            let dev = train::read_conllu(Path::new(arg(4)?))?;
            let mut opts = TrainOptions {
                epochs: arg(5)?.parse()?,
                ..TrainOptions::default()
            };
            if let Ok(seed) = std::env::var("SEED") {
                opts.seed = seed.parse()?;
            }
            let out = Path::new(arg(6)?);
            let mut report = |p: Progress| match p {
                Progress::Epoch {
                    epoch,
                    scores,
                    features,
                } => {
                    let s: Vec<String> =
                        scores.iter().map(|(k, v)| format!("{k} {v:.2}")).collect();
                    eprintln!("epoch {epoch}: {} features {features}", s.join(", "));
                }
                Progress::Stage(s) => eprintln!("{s}"),
                Progress::Step { .. } => {}
            };
            let tagger = train::train_tagger_with_clusters(&trainset, &dev, c, &opts, &mut report)?;
            std::fs::create_dir_all(out)?;
            std::fs::write(out.join("tagger.bin"), tagger.to_bytes(0.0))?;
            let s = tagger.evaluate(&dev);
            eprintln!(
                "best epoch {}: dev UPOS {:.2} XPOS {:.2} lemma {:.2}",
                tagger.meta().get("best_epoch").unwrap_or("?"),
                s.upos,
                s.xpos,
                s.lemma
            );
        }
        "mix" => {
            let dev = train::read_conllu(Path::new(arg(3)?))?;
            let mut members = Vec::new();
            for p in args.get(4..).unwrap_or(&[]) {
                let t = Tagger::from_bytes(&std::fs::read(p)?, p)?;
                let s = t.evaluate(&dev);
                eprintln!(
                    "{p}: dev UPOS {:.2} XPOS {:.2} lemma {:.2}",
                    s.upos, s.xpos, s.lemma
                );
                members.push(t);
            }
            let mixed = Tagger::mix(&members)?;
            let s = mixed.evaluate(&dev);
            eprintln!(
                "mix of {}: dev UPOS {:.2} XPOS {:.2} lemma {:.2}, {} feature rows",
                members.len(),
                s.upos,
                s.xpos,
                s.lemma,
                mixed.features()
            );
            // PRUNE=p: write without the weights under p times the largest, and score that.
            let prune: f32 = std::env::var("PRUNE").map_or(Ok(0.0), |p| p.parse())?;
            let bytes = mixed.to_bytes(prune);
            if prune > 0.0 {
                let t = Tagger::from_bytes(&bytes, "pruned")?;
                let s = t.evaluate(&dev);
                eprintln!(
                    "pruned at {prune}: dev UPOS {:.2} XPOS {:.2}, {} feature rows",
                    s.upos,
                    s.xpos,
                    t.features()
                );
            }
            std::fs::write(arg(2)?, bytes)?;
        }
        "errors" => {
            let tagger = Tagger::from_bytes(&std::fs::read(arg(2)?)?, "tagger")?;
            let trainset = train::read_conllu(Path::new(arg(3)?))?;
            let dev = train::read_conllu(Path::new(arg(4)?))?;
            let known: std::collections::HashSet<String> = trainset
                .iter()
                .flat_map(|s| s.words.iter().map(|w| w.form.to_lowercase()))
                .collect();
            // [known/unknown][with/without class]: (words, right)
            let mut cells = [[(0usize, 0usize); 2]; 2];
            let mut confusions: std::collections::HashMap<(String, String), usize> =
                std::collections::HashMap::new();
            for s in &dev {
                let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
                for (t, w) in tagger.tag_words(&words).iter().zip(&s.words) {
                    let k = usize::from(!known.contains(&w.form.to_lowercase()));
                    let c = usize::from(tagger.clusters().classes_of(&w.form).is_none());
                    let ok = t.1.as_str() == w.upos;
                    cells[k][c].0 += 1;
                    cells[k][c].1 += usize::from(ok);
                    if !ok {
                        *confusions
                            .entry((w.upos.clone(), t.1.as_str().to_string()))
                            .or_default() += 1;
                    }
                }
            }
            for (k, name) in ["known", "unknown"].iter().enumerate() {
                for (c, cn) in ["class", "no class"].iter().enumerate() {
                    let (n, r) = cells[k][c];
                    println!(
                        "{name:8} {cn:9} words {n:6} right {:.2} errors {}",
                        100.0 * r as f64 / n.max(1) as f64,
                        n - r
                    );
                }
            }
            let mut v: Vec<_> = confusions.into_iter().collect();
            v.sort_by_key(|e| std::cmp::Reverse(e.1));
            for ((g, p), n) in v.iter().take(15) {
                println!("gold {g:6} tagged {p:6} {n}");
            }
        }
        "tagspeed" => {
            let tagger = Tagger::from_bytes(&std::fs::read(arg(2)?)?, "tagger")?;
            let gold = train::read_conllu(Path::new(arg(3)?))?;
            let rounds: usize = arg(4)?.parse()?;
            let sents: Vec<Vec<&str>> = gold
                .iter()
                .map(|s| s.words.iter().map(|w| w.form.as_str()).collect())
                .collect();
            let started = Instant::now();
            let mut n = 0;
            for _ in 0..rounds {
                for s in &sents {
                    n += std::hint::black_box(tagger.tag_words(s)).len();
                }
            }
            let secs = started.elapsed().as_secs_f64();
            println!(
                "tagged {n} tokens in {secs:.3} s = {:.0} tokens/s",
                n as f64 / secs
            );
        }
        other => return Err(format!("unknown mode {other}").into()),
    }
    eprintln!("{:.1}s", t.elapsed().as_secs_f64());
    Ok(())
}
