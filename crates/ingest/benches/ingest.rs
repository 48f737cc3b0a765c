//! Ingest throughput against the bare extract pipeline on the same documents: the store must
//! cost at most a fifth of the time (issue 8). Each bench asserts how many documents it did.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use rayon::prelude::*;

const DOCS: usize = 200;

const PLACES: &[&str] = &["Kirra", "Dunmore", "Velas", "Orlen", "Tasso", "Brannock"];
const BODIES: &[&str] = &[
    "transport ministry",
    "regional council",
    "port authority",
    "water board",
];

/// A report in our own words, different for every `i`.
fn report(i: usize) -> String {
    let place = PLACES[i % PLACES.len()];
    let body = BODIES[i % BODIES.len()];
    format!(
        "The {body} said on Tuesday that {n} bridges near {place} would reopen next month after repairs, \
         two officials told reporters. The work cost about {m} thousand dollars, according to a statement. \
         \"Residents have waited long enough,\" the mayor of {place} said, adding that the council had \
         asked the government in the capital for more money. Israel and Egypt agreed to resume talks, \
         the foreign ministry said. Report {i}.\n",
        n = 2 + i % 7,
        m = 100 + i,
    )
}

fn corpus() -> (tempfile::TempDir, Vec<std::path::PathBuf>) {
    let dir = tempfile::tempdir().expect("temp dir");
    let files = (0..DOCS)
        .map(|i| {
            let p = dir.path().join(format!("{i:04}.txt"));
            std::fs::write(&p, report(i)).expect("write fixture");
            p
        })
        .collect();
    (dir, files)
}

fn bench(c: &mut Criterion) {
    let pipeline = byline_extract::Pipeline::new().expect("pipeline");
    let (dir, files) = corpus();
    let mut group = c.benchmark_group("ingest");
    group.sample_size(10);
    group.throughput(Throughput::Elements(DOCS as u64));

    // what `byline extract` does: read, extract, serialise, on every core
    group.bench_function("extract_only", |b| {
        b.iter(|| {
            let n: usize = files
                .par_iter()
                .map(|p| {
                    let text = std::fs::read_to_string(p).expect("read");
                    let doc = pipeline
                        .extract(&byline_extract::Input::new(text))
                        .expect("extract");
                    serde_json::to_string(&doc)
                        .map(|s| s.len())
                        .map_or(0, |_| 1)
                })
                .sum();
            assert_eq!(n, DOCS);
        })
    });

    let inputs = vec![dir.path().display().to_string()];
    let options = byline_ingest::Options {
        fetch: false,
        ..byline_ingest::Options::default()
    };
    group.bench_function("ingest_sqlite", |b| {
        b.iter(|| {
            let db = tempfile::tempdir().expect("temp dir");
            let mut store =
                byline_store::Store::open(db.path().join("b.db").to_str().expect("utf-8 path"))
                    .expect("store");
            let s = byline_ingest::ingest(&inputs, &mut store, &pipeline, &options, &mut |_| {})
                .expect("ingest");
            assert_eq!(s.progress.added, DOCS as u64);
        })
    });

    if let Some(base) = byline_store::testing::postgres_base("ingest_postgres") {
        group.bench_function("ingest_postgres", |b| {
            b.iter(|| {
                let url = byline_store::testing::fresh_database(&base).expect("database");
                let mut store = byline_store::Store::open(&url).expect("store");
                let s =
                    byline_ingest::ingest(&inputs, &mut store, &pipeline, &options, &mut |_| {})
                        .expect("ingest");
                assert_eq!(s.progress.added, DOCS as u64);
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
