//! End to end: the attribution layer of `byline extract`, `byline eval gold` and
//! `byline eval polnear`, with the real binary, on fixtures written for these tests.

use std::path::PathBuf;
use std::process::Command;

fn byline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_byline"))
}

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("byline-attr-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A short report in our own words with each kind of attribution.
const REPORT: &str = "Floodwater reached the old town overnight, Reuters reported on Friday.\n\
According to two senior city engineers and a local fire officer, the main levee was never inspected. \
They said repairs had been delayed for years.\n\n\
\"We warned them twice,\" one engineer said, \"and nobody answered.\" \
The dam is reportedly cracked. \
Reuters could not independently verify the inspection records, and the mayor's office declined to comment.\n";

fn extract(text: &str) -> serde_json::Value {
    let dir = scratch("extract");
    let file = dir.join("report.txt");
    std::fs::write(&file, text).unwrap();
    let out = byline()
        .args(["extract", "--published", "2025-03-07"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn texts<'a>(doc: &'a serde_json::Value, layer: &str) -> Vec<&'a str> {
    doc[layer]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["text"].as_str().unwrap())
        .collect()
}

#[test]
fn extract_fills_sources_claims_quotes_and_notices() {
    let doc = extract(REPORT);
    let sources = texts(&doc, "sources");
    for s in [
        "Reuters",
        "two senior city engineers",
        "a local fire officer",
        "They",
        "one engineer",
    ] {
        assert!(sources.contains(&s), "{s:?} missing from {sources:?}");
    }
    let claims = texts(&doc, "claims");
    assert!(
        claims.contains(&"the main levee was never inspected"),
        "{claims:?}"
    );
    assert!(claims
        .iter()
        .any(|c| c.starts_with("The dam is reportedly")));
    let quotes = texts(&doc, "quotes");
    assert_eq!(quotes, ["We warned them twice,", "and nobody answered."]);
    let q = &doc["quotes"][1];
    assert!(q["speaker"].is_string());
    let kinds: Vec<&str> = doc["notices"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"unverified") && kinds.contains(&"no_comment"),
        "{kinds:?}"
    );
    let they = doc["sources"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["text"] == "They")
        .unwrap();
    assert_eq!(they["refers_to"].as_array().unwrap().len(), 2);
    assert_eq!(doc["relayed_from"][0], "Reuters");
}

#[test]
fn eval_gold_scores_every_layer() {
    let dir = scratch("gold");
    std::fs::write(dir.join("r.txt"), REPORT).unwrap();
    let start = REPORT.find("two senior").unwrap();
    let gold = format!(
        r#"{{"schema": "byline-gold/1", "text_file": "r.txt", "published": "2025-03-07",
        "sources": {{"eng": {{"text": "two senior city engineers", "span": [{start}, {end}],
                    "kind": "anonymous", "count": 2}}}},
        "claims": [], "quotes": [], "events": [], "times": [], "actors": [], "notices": []}}"#,
        end = start + "two senior city engineers".len()
    );
    std::fs::write(dir.join("r.gold.json"), gold).unwrap();
    let out = byline()
        .args(["eval", "gold", "--json"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["documents"], 1);
    assert_eq!(v["layers"]["sources"]["correct"], 1);
    for layer in ["claims", "quotes", "events", "times", "actors", "notices"] {
        assert!(v["layers"][layer]["f1"].is_number(), "{layer}");
    }
    let table = byline().args(["eval", "gold"]).arg(&dir).output().unwrap();
    assert!(String::from_utf8_lossy(&table.stdout).contains("factuality"));
    let bad = byline()
        .args(["eval", "gold"])
        .arg(dir.join("nope"))
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn eval_polnear_reads_brat() {
    let dir = scratch("polnear");
    std::fs::create_dir_all(dir.join("text")).unwrap();
    std::fs::create_dir_all(dir.join("attributions")).unwrap();
    let text = "The levee failed, two engineers said.\n";
    std::fs::write(dir.join("text/art.txt"), text).unwrap();
    std::fs::write(
        dir.join("attributions/art_a1.ann"),
        "T1\tContent 0 16\tThe levee failed\nT2\tSource 18 31\ttwo engineers\nT3\tCue 32 36\tsaid\n",
    )
    .unwrap();
    let out = byline()
        .args(["eval", "polnear", "--json"])
        .arg(&dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["articles"], 1);
    for layer in ["sources_exact", "cues_overlap", "contents_overlap"] {
        assert_eq!(v["layers"][layer]["correct"], 1, "{layer}: {v}");
    }
}
