//! End to end: events from `byline extract` and `byline eval plover`, with the real binary.

mod common;

use common::{byline, scratch};

#[test]
fn extract_reports_events_with_actors_and_claims() {
    let dir = scratch("extract");
    let file = dir.join("report.txt");
    std::fs::write(
        &file,
        "Egypt is supplying weapons to Libya, two officials said. \
         Portugal has not met Spain since May. Norway will not meet Iceland.\n",
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
    // Refusing an announced meeting is a rejection (CAMEO 12).
    let reject = events
        .iter()
        .find(|e| e["type"] == "REJECT")
        .expect("a REJECT event");
    assert_eq!(actor_code(&reject["actor"]), "NOR");
    assert_eq!(actor_code(&reject["target"]), "ISL");
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
  {"id": "T-1", "event": "FIGHT", "text": "Chilean troops shelled Peru on Monday.",
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
    // Every fifth record is held out: two records are all tuning records.
    let split = |name: &str| -> serde_json::Value {
        let out = byline()
            .args(["eval", "plover", "--json", "--split", name])
            .arg(&file)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).unwrap()
    };
    assert_eq!(split("tune")["records"], 2);
    assert_eq!(split("held-out")["records"], 0);
    let missing = byline()
        .args(["eval", "plover", "/nonexistent/records.json"])
        .output()
        .unwrap();
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn export_events_as_gdelt_csv_and_jsonl() {
    let dir = scratch("export");
    let file = dir.join("report.txt");
    std::fs::write(
        &file,
        "Egypt is supplying weapons to Libya, two officials said on Monday.\n",
    )
    .unwrap();
    let db = dir.join("store.db");
    let ingest = byline()
        .args([
            "ingest",
            "--quiet",
            "--no-language-check",
            "--published",
            "2024-03-05",
            "--db",
        ])
        .arg(&db)
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        ingest.status.success(),
        "{}",
        String::from_utf8_lossy(&ingest.stderr)
    );
    let csv = byline()
        .args(["export", "--events", "--format", "gdelt-csv", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        csv.status.success(),
        "{}",
        String::from_utf8_lossy(&csv.stderr)
    );
    let text = String::from_utf8(csv.stdout).unwrap();
    let mut lines = text.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("GlobalEventID,Day,Actor1Code"));
    let row = lines.find(|l| l.contains(",AID,")).expect("an AID row");
    // The day is the event's own time ("on Monday" before 2024-03-05).
    assert!(row.contains(",20240304,"), "{row}");
    assert!(row.contains(",07,07,AID,"), "{row}");
    let jsonl = byline()
        .args(["export", "--events", "--format", "jsonl", "--db"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(jsonl.status.success());
    let first: serde_json::Value = serde_json::from_str(
        String::from_utf8_lossy(&jsonl.stdout)
            .lines()
            .next()
            .unwrap(),
    )
    .unwrap();
    assert!(first["PloverType"].is_string());
    assert!(first["QuadClass"].is_string());
}
