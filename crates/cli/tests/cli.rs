//! The binary as a whole: the README's main job on the demo store, and a closed stdout.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use common::{byline, json_of, ok, run};

fn examples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/reports")
}

/// Runs `byline args…` with stdout a pipe whose reading end is already closed, so every write
/// fails with EPIPE, deterministically.
fn with_closed_stdout(args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().expect("a pipe");
    drop(reader);
    byline()
        .args(args)
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .expect("byline runs")
}

fn ingest_examples(db: &str) {
    ok(&byline()
        .args(["ingest", "--quiet", "--db", db, "--published", "2025-03-04"])
        .arg(examples())
        .output()
        .unwrap());
}

/// What `scripts/run.sh` (the README's main job) prints before it serves: the demo store's
/// anonymous claims, its events and its claim clusters.
#[test]
fn main_job_builds_the_demo_store_and_finds_its_sources() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("byline-demo.db");
    let db = db.to_str().unwrap();
    ok(&run(&["demo", "--build-only", "--db", db]));
    let text = ok(&run(&[
        "query",
        "claims",
        "--db",
        db,
        "--source-kind",
        "anonymous",
        "--json",
    ]));
    assert!(text.contains("military vehicles"), "{text}");
    assert!(text.contains("\"denied\""), "{text}");
    let events = ok(&run(&["query", "events", "--db", db]));
    assert!(events.contains("COERCE"), "{events}");
    let clusters = ok(&run(&["claims", "--db", db]));
    assert!(clusters.contains("military vehicles"), "{clusters}");
}

#[test]
fn closed_stdout_is_not_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("byline.db");
    let db = db.to_str().unwrap();
    ingest_examples(db);
    for args in [
        vec!["query", "claims", "--db", db],
        vec!["query", "events", "--db", db],
        vec!["claims", "--db", db],
        vec!["export", "--db", db, "--format", "jsonl"],
    ] {
        let out = with_closed_stdout(&args);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{args:?}: {:?} {err}", out.status);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
    let report = examples().join("drone-strike.txt");
    let report = report.to_str().unwrap();
    ok(&with_closed_stdout(&[
        "extract", "--format", "jsonl", report, report,
    ]));
}

#[test]
fn extract_loads_models_from_a_folder() {
    let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../nlp/models");
    let report = examples().join("drone-strike.txt");
    let doc = json_of(
        byline()
            .args(["extract", "--models"])
            .arg(&models)
            .arg(&report),
    );
    assert!(!doc["claims"].as_array().unwrap().is_empty());
    let out = byline()
        .args(["extract", "--models", "/nonexistent/models"])
        .arg(&report)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("/nonexistent/models"), "{err}");
}
