//! End to end: events from `byline extract` and `byline eval plover`, with the real binary.

use std::path::PathBuf;
use std::process::Command;

fn byline() -> Command {
    Command::new(env!("CARGO_BIN_EXE_byline"))
}

/// A scratch folder for this test binary.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("byline-events-{}-{name}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn extract_reports_events_with_actors_and_claims() {
    let dir = scratch("extract");
    let file = dir.join("report.txt");
    std::fs::write(
        &file,
        "Egypt is supplying weapons to Libya, two officials said. \
         Portugal will not meet Spain this week.\n",
    )
    .unwrap();
    let out = byline()
        .args(["extract", "--published", "2024-03-05"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let doc: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let events = doc["events"].as_array().unwrap();
    let actor_code = |id: &serde_json::Value| {
        doc["actors"]
            .as_array()
            .unwrap()
            .iter()
            .find(|a| &a["id"] == id)
            .and_then(|a| a["country"].as_str().or(a["code"].as_str()))
            .unwrap_or("")
            .to_string()
    };
    let aid = events
        .iter()
        .find(|e| e["type"] == "AID")
        .expect("an AID event");
    assert_eq!(actor_code(&aid["actor"]), "EGY");
    assert_eq!(actor_code(&aid["target"]), "LBY");
    assert_eq!(aid["cameo"], "07");
    assert_eq!(aid["status"], "ongoing");
    let meet = events
        .iter()
        .find(|e| e["type"] == "CONSULT")
        .expect("a CONSULT event");
    assert_eq!(meet["polarity"], "negated");
    // Every event's trigger text is what its span points at.
    let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    for e in events {
        let (s, t) = (
            e["trigger"]["span"][0].as_u64().unwrap() as usize,
            e["trigger"]["span"][1].as_u64().unwrap() as usize,
        );
        let got: String = text[s..t].iter().collect();
        assert_eq!(got, e["trigger"]["text"].as_str().unwrap());
    }
    // An event inside a claim is listed by that claim.
    if let Some(cid) = aid["claim"].as_str() {
        let claim = doc["claims"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["id"] == cid)
            .unwrap();
        assert!(claim["events"]
            .as_array()
            .unwrap()
            .iter()
            .any(|x| x == &aid["id"]));
    }
}

#[test]
fn eval_plover_scores_records() {
    let dir = scratch("plover");
    let file = dir.join("records.json");
    std::fs::write(
        &file,
        r#"[
  {"id": "T-1", "event": "FIGHT", "text": "Chilean troops shelled positions held by Peru.",
   "source": [{"actorText": "Chilean troops", "code": "CHL", "sector": "MIL"}],
   "target": [{"actorText": "Peru", "code": "PER"}]},
  {"id": "T-2", "event": "DEMAND", "text": "Kenya urged Uganda to reopen the border.",
   "source": [{"actorText": "Kenya", "code": "KEN"}],
   "target": [{"actorText": "Uganda", "code": "UGA"}]}
]"#,
    )
    .unwrap();
    let out = byline()
        .args(["eval", "plover", "--json"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["records"], 2);
    assert_eq!(v["type"]["correct"], 2, "{v}");
    assert_eq!(v["type_source_target"], 2, "{v}");
    let text = byline()
        .args(["eval", "plover"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&text.stdout).contains("overall"));
    let missing = byline()
        .args(["eval", "plover", "/nonexistent/records.json"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}
