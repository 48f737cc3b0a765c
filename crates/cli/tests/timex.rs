//! End to end: the times layer of `byline extract` and `byline eval timeml`, with the real binary,
//! on fixtures written for these tests.

mod common;

use common::{byline, json_of, scratch};

fn extract(name: &str, text: &str, published: Option<&str>) -> serde_json::Value {
    match published {
        Some(p) => common::extract(name, text, &["--published", p]),
        None => common::extract(name, text, &[]),
    }
}

/// (id, text, type, value) of every time, checking each span against the text.
fn times(doc: &serde_json::Value) -> Vec<(String, String, String, String)> {
    let chars: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    doc["times"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let (s, e) = (
                t["span"][0].as_u64().unwrap() as usize,
                t["span"][1].as_u64().unwrap() as usize,
            );
            let text: String = chars[s..e].iter().collect();
            assert_eq!(text, t["text"].as_str().unwrap());
            (
                t["id"].as_str().unwrap().to_string(),
                text,
                t["type"].as_str().unwrap().to_string(),
                t["value"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn extract_fills_times_against_the_given_date() {
    let doc = extract(
        "given",
        "Négociateurs aside, the envoys met in May, officials said on Tuesday. \
         They will meet again later this month for three days.",
        Some("2025-09-18"),
    );
    let got = times(&doc);
    let want = [
        ("t1", "May", "DATE", "2025-05"),
        ("t2", "Tuesday", "DATE", "2025-09-16"),
        ("t3", "later this month", "DATE", "2025-09"),
        ("t4", "three days", "DURATION", "P3D"),
    ];
    assert_eq!(got.len(), want.len(), "{got:?}");
    for (g, w) in got.iter().zip(want) {
        assert_eq!((g.0.as_str(), g.1.as_str(), g.2.as_str(), g.3.as_str()), w);
    }
}

#[test]
fn extract_reads_the_dateline() {
    let doc = extract(
        "dateline",
        "Wednesday, June 12, 2024\n\nThe port reopened yesterday after a strike of 48 hours.",
        None,
    );
    assert_eq!(doc["published"], "2024-06-12");
    let got = times(&doc);
    let values: Vec<&str> = got.iter().map(|t| t.3.as_str()).collect();
    assert_eq!(values, ["2024-06-12", "2024-06-11", "PT48H"]);
}

const TIMEML: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>fixture</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2024-06-12" temporalFunction="false" functionInDocument="CREATION_TIME">June 12, 2024</TIMEX3></DCT>
<TEXT>
The harbour authority said <TIMEX3 tid="t1" type="DATE" value="2024-06-11">Tuesday</TIMEX3> that ferries would stop for <TIMEX3 tid="t2" type="DURATION" value="P2W">two weeks</TIMEX3>. Crossings had risen <TIMEX3 tid="t3" type="DATE" value="2023">last year</TIMEX3>, and fares go up <TIMEX3 tid="t4" type="SET" value="P1Y">every year</TIMEX3>. The old pier dates from <TIMEX3 tid="t5" type="DATE" value="1890">the 1890s</TIMEX3>.
</TEXT>
</TimeML>
"#;

#[test]
fn eval_timeml_scores_a_folder() {
    let dir = scratch("timeml");
    std::fs::write(dir.join("fixture.tml"), TIMEML).unwrap();
    let v = json_of(byline().args(["eval", "timeml", "--json"]).arg(&dir));
    assert_eq!(v["documents"], 1);
    assert_eq!(v["relaxed"]["gold"], 5);
    assert_eq!(v["relaxed"]["correct"], 5);
    assert_eq!(v["strict"]["correct"], 5);
    // "the 1890s" is 189 in TIMEX3, not the fixture's 1890: one wrong value.
    assert_eq!(v["value"]["correct"], 4);
    assert!((v["type_accuracy"].as_f64().unwrap() - 1.0).abs() < 1e-9);

    let text = byline()
        .args(["eval", "timeml"])
        .arg(&dir)
        .output()
        .unwrap();
    let text = String::from_utf8(text.stdout).unwrap();
    assert!(text.contains("relaxed"), "{text}");
}

#[test]
fn eval_timeml_reports_a_missing_folder() {
    let out = byline()
        .args(["eval", "timeml", "/nonexistent/timeml/folder"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nonexistent"));
}
