//! Helpers shared by the end-to-end tests of the `byline` binary: running it, scratch folders,
//! and `byline extract` on a text of the test's own.

// Each test binary uses only some of these.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// The `byline` binary built for these tests.
pub fn byline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_byline"))
}

/// Runs `byline args…` and returns what it did, whatever its exit status.
pub fn run(args: &[&str]) -> Output {
    byline()
        .args(args)
        .output()
        .expect("the byline binary runs")
}

/// The standard output of a run that must have succeeded; on failure, panics with its stderr.
pub fn ok(out: &Output) -> String {
    assert!(
        out.status.success(),
        "exit {:?}: {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs `cmd`, which must succeed, and parses its standard output as one JSON value.
pub fn json_of(cmd: &mut Command) -> serde_json::Value {
    let out = cmd.output().expect("the byline binary runs");
    serde_json::from_str(&ok(&out)).expect("stdout is JSON")
}

/// A fresh scratch folder for this test binary and `name`.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "byline-{}-{}-{name}",
        env!("CARGO_CRATE_NAME"),
        std::process::id()
    ));
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// `byline extract [args…] FILE` on `text` written to a scratch file named after `name`.
pub fn extract(name: &str, text: &str, args: &[&str]) -> serde_json::Value {
    let file = scratch(name).join("report.txt");
    std::fs::write(&file, text).expect("report written");
    json_of(byline().arg("extract").args(args).arg(&file))
}
