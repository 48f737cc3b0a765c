//! Speed of tagging + parsing, in tokens per second, on generated news-like sentences (our own
//! words). Set `BYLINE_BENCH_CONLLU=path.conllu` to time the words of a treebank instead.
//!
//! `BYLINE_BENCH_MODELS=DIR` loads `tagger.bin` and `parser.bin` from DIR instead of the
//! built-in models. `BYLINE_BENCH_ONCE=N` skips criterion: it loads the models once and analyses the sentences N
//! times, printing load time and tokens/s (for `valgrind --tool=callgrind`, whose instruction
//! counts are repeatable on a busy machine).

use std::hint::black_box;

use byline_nlp::Models;
use criterion::{criterion_group, Criterion, Throughput};

fn generated() -> Vec<Vec<String>> {
    const SUBJECTS: &[&str] = &[
        "The minister",
        "Two senior commanders",
        "A Western intelligence source",
        "Officials in the capital",
        "The company",
    ];
    const VERBS: &[&str] = &["said", "told reporters", "denied", "confirmed", "stressed"];
    const TAILS: &[&str] = &[
        "that the army had withdrawn from the town on Tuesday .",
        "that talks with the rebels would resume next week in Geneva .",
        "the report , which was published by a local newspaper .",
        "that fuel supplies to the hospitals were attacked by armed men .",
        "that , according to the United Nations , 3,000 people had fled .",
    ];
    let mut out = Vec::new();
    for (i, s) in SUBJECTS.iter().enumerate() {
        for (j, v) in VERBS.iter().enumerate() {
            for (k, t) in TAILS.iter().enumerate() {
                if (i + j + k) % 2 == 0 {
                    out.push(format!("{s} {v} {t}"));
                } else {
                    let body = t.trim_start_matches("that ").trim_end_matches(" .");
                    out.push(format!("{body} , {} {v} .", s.to_lowercase()));
                }
            }
        }
    }
    out.iter()
        .map(|s| s.split(' ').map(str::to_string).collect())
        .collect()
}

fn sentences() -> Vec<Vec<String>> {
    if let Ok(path) = std::env::var("BYLINE_BENCH_CONLLU") {
        if let Ok(s) = byline_nlp::train::read_conllu(std::path::Path::new(&path)) {
            return s
                .into_iter()
                .map(|s| s.words.into_iter().map(|w| w.form).collect())
                .collect();
        }
    }
    generated()
}

fn bench(c: &mut Criterion) {
    let models = load();
    let sents = sentences();
    let tokens: usize = sents.iter().map(Vec::len).sum();
    let refs: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect();
    let mut g = c.benchmark_group("nlp");
    g.throughput(Throughput::Elements(tokens as u64));
    g.bench_function("tag+parse", |b| {
        b.iter(|| {
            let mut n = 0;
            for s in &refs {
                n += models.analyze(black_box(s)).len();
            }
            assert_eq!(n, tokens);
            n
        })
    });
    g.bench_function("load models", |b| {
        b.iter(|| {
            let m = load();
            assert!(m.tagger().features() > 0);
        })
    });
    g.finish();
}

/// The models to time: from `BYLINE_BENCH_MODELS` when set, else the built-in ones.
fn load() -> Models {
    match std::env::var_os("BYLINE_BENCH_MODELS") {
        Some(dir) => {
            Models::from_dir(std::path::Path::new(&dir)).expect("models in BYLINE_BENCH_MODELS")
        }
        None => Models::embedded().expect("embedded models"),
    }
}

/// One load and `rounds` passes over the sentences, timed without criterion.
fn once(rounds: usize) {
    let started = std::time::Instant::now();
    let models = load();
    let load = started.elapsed();
    let sents = sentences();
    let refs: Vec<Vec<&str>> = sents
        .iter()
        .map(|s| s.iter().map(String::as_str).collect())
        .collect();
    let started = std::time::Instant::now();
    let mut n = 0;
    for _ in 0..rounds {
        for s in &refs {
            n += models.analyze(black_box(s)).len();
        }
    }
    let secs = started.elapsed().as_secs_f64();
    assert_eq!(n, rounds * sents.iter().map(Vec::len).sum::<usize>());
    println!(
        "load {:.3} s; tag+parse {n} tokens in {secs:.3} s = {:.0} tokens/s",
        load.as_secs_f64(),
        n as f64 / secs
    );
}

criterion_group!(benches, bench);

fn main() {
    if let Some(rounds) = std::env::var("BYLINE_BENCH_ONCE")
        .ok()
        .and_then(|r| r.parse().ok())
    {
        once(rounds);
        return;
    }
    benches();
    Criterion::default().configure_from_args().final_summary();
}
