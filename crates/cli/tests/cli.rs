//! The binary as a whole: the README's main job on the example reports, and a closed stdout.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn byline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_byline"))
}

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
    let out = byline()
        .args(["ingest", "--quiet", "--db", db, "--published", "2025-03-04"])
        .arg(examples())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn main_job_finds_anonymous_sources_and_unverified_claims() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("byline.db");
    let db = db.to_str().unwrap();
    ingest_examples(db);
    let out = byline()
        .args([
            "query",
            "claims",
            "--db",
            db,
            "--source-kind",
            "anonymous",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("moving heavy equipment"), "{text}");
    assert!(text.contains("unverified"), "{text}");
    let out = byline().args(["claims", "--db", db]).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
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
    let out = with_closed_stdout(&["extract", "--format", "jsonl", report, report]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn extract_loads_models_from_a_folder() {
    let models = Path::new(env!("CARGO_MANIFEST_DIR")).join("../nlp/models");
    let report = examples().join("drone-strike.txt");
    let out = byline()
        .args(["extract", "--models"])
        .arg(&models)
        .arg(&report)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
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
