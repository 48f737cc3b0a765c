//! End to end with the real binary: `byline claims` and `byline timeline` over JSONL files and
//! over a store that grows one report at a time; `byline eval ecb` on a tiny corpus of our own.

mod common;
#[path = "../../link/tests/story/mod.rs"]
mod story;

use std::path::Path;

use byline_store::{Status, Store, Write};
use common::{ok, run as byline};

fn jsonl(out: &str) -> Vec<serde_json::Value> {
    out.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

fn write_jsonl(path: &Path, docs: &[byline_model::Document]) {
    let text: String = docs
        .iter()
        .map(|d| serde_json::to_string(d).expect("json") + "\n")
        .collect();
    std::fs::write(path, text).expect("written");
}

fn store_docs(db: &Path, docs: &[byline_model::Document]) {
    let mut store = Store::open(db.to_str().expect("utf-8 path")).expect("store");
    let writes: Vec<Write> = docs
        .iter()
        .map(|d| Write::Document {
            doc: Box::new(d.clone()),
            json: serde_json::to_string(d).expect("json"),
            status: Status::Extracted,
            source: format!("{}.json", d.id),
        })
        .collect();
    store.write(&writes).expect("stored");
}

fn shelling(clusters: &[serde_json::Value]) -> &serde_json::Value {
    clusters
        .iter()
        .max_by_key(|c| c["claims"].as_u64())
        .expect("a cluster")
}

#[test]
fn claims_from_jsonl_count_independent_chains() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("story.jsonl");
    write_jsonl(&file, &story::all());
    let out = ok(&byline(&[
        "claims",
        "--from",
        file.to_str().expect("path"),
        "--json",
    ]));
    let clusters = jsonl(&out);
    assert_eq!(clusters.len(), 2);
    let c = shelling(&clusters);
    assert_eq!(c["reports"], 6);
    assert_eq!(c["independent_chains"], 3);
    assert_eq!(c["denials"], 1);
    assert_eq!(c["contradictions"], 1);
    assert_eq!(c["first_seen"], "2025-03-02");

    // Filters and the table.
    let contested = jsonl(&ok(&byline(&[
        "claims",
        "--from",
        file.to_str().expect("path"),
        "--json",
        "--contested",
    ])));
    assert_eq!(contested.len(), 1);
    let table = ok(&byline(&["claims", "--from", file.to_str().expect("path")]));
    assert!(table.contains("ASSAULT"), "{table}");
    assert!(table.lines().count() == 3, "{table}");
}

#[test]
fn store_links_incrementally_and_timelines_read_it() {
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("byline.db");
    let db_s = db.to_str().expect("path");
    let docs = story::all();
    store_docs(&db, &docs[..3]);
    let first = byline(&["claims", "--db", db_s, "--json"]);
    assert!(String::from_utf8_lossy(&first.stderr).contains("linked 3 new report(s)"));
    let c = jsonl(&ok(&first));
    assert_eq!(
        shelling(&c)["independent_chains"],
        1,
        "three copies of one wire story"
    );

    store_docs(&db, &docs[3..]);
    let second = byline(&["claims", "--db", db_s, "--json"]);
    assert!(String::from_utf8_lossy(&second.stderr).contains("linked 4 new report(s); 7 in all"));
    let c = jsonl(&ok(&second));
    assert_eq!(shelling(&c)["independent_chains"], 3);
    assert_eq!(shelling(&c)["denials"], 1);

    // Nothing new: nothing linked, same answer.
    let third = byline(&["claims", "--db", db_s, "--json"]);
    assert!(!String::from_utf8_lossy(&third.stderr).contains("linked"));
    assert_eq!(jsonl(&ok(&third)), c);

    let t = jsonl(&ok(&byline(&[
        "timeline", "Borduria", "--db", db_s, "--json",
    ])));
    assert_eq!(t.len(), 7);
    let pair = jsonl(&ok(&byline(&[
        "timeline", "RURMIL", "--with", "Borduria", "--db", db_s, "--json",
    ])));
    assert_eq!(pair.len(), 6);
    assert_eq!(pair[0]["date"], "2025-03-02");
    let table = ok(&byline(&["timeline", "Borduria", "--db", db_s]));
    assert!(
        table.contains("denial") && table.contains("contradiction"),
        "{table}"
    );

    let missing = byline(&["timeline", "Nobody Atall", "--db", db_s]);
    assert_eq!(missing.status.code(), Some(2));
}

#[test]
fn bad_input_is_a_clear_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("bad.jsonl");
    std::fs::write(&file, "{not json\n").expect("written");
    let out = byline(&["claims", "--from", file.to_str().expect("path")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bad.jsonl:1"));
}

#[test]
fn eval_ecb_scores_a_tiny_corpus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let topic = dir.path().join("ECB+").join("36");
    std::fs::create_dir_all(&topic).expect("dir");
    std::fs::write(
        dir.path().join("ECBplus_coreference_sentences.csv"),
        "Topic,File,Sentence Number\n36,1ecb,0\n36,2ecb,0\n",
    )
    .expect("csv");
    let doc = |n: u32, verb: &str| {
        format!(
            r#"<Document doc_name="36_{n}ecb.xml" doc_id="D{n}">
<token t_id="1" sentence="0" number="0">Floods</token>
<token t_id="2" sentence="0" number="1">{verb}</token>
<token t_id="3" sentence="0" number="2">Lindfield</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"  >
  <token_anchor t_id="2"/>
</ACTION_OCCURRENCE>
<LOC_GEO m_id="2"  >
  <token_anchor t_id="3"/>
</LOC_GEO>
<ACTION_OCCURRENCE m_id="9" RELATED_TO="" TAG_DESCRIPTOR="flood" instance_id="ACT1" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="1" note="ACT1" >
  <source m_id="1" />
  <target m_id="9" />
</CROSS_DOC_COREF>
</Relations>
</Document>"#
        )
    };
    std::fs::write(topic.join("36_1ecb.xml"), doc(1, "hit")).expect("xml");
    std::fs::write(topic.join("36_2ecb.xml"), doc(2, "hit")).expect("xml");
    let out = ok(&byline(&[
        "eval",
        "ecb",
        dir.path().to_str().expect("path"),
        "--json",
    ]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("json");
    assert_eq!(v["docs"], 2);
    assert_eq!(v["event_mentions"], 2);
    assert_eq!(v["events"]["conll_f1"], 1.0);
    let none = byline(&[
        "eval",
        "ecb",
        dir.path().to_str().expect("path"),
        "--topics",
        "1-3",
    ]);
    assert_eq!(none.status.code(), Some(2));
}
