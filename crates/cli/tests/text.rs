//! End-to-end tests of the text layer through the real `byline` binary: sentences and spans of
//! `byline extract`, its handling of bad input, the JSON Schema, and `byline eval tokens|sentences`.

mod common;

use std::path::{Path, PathBuf};

use byline_model::Document;
use common::{ok, run as byline};

const SEED: &str = "../../../shared/seed/report.txt";

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(SEED)
}

/// Every sentence and every item of `doc` carries spans that slice its own text.
fn check_spans(doc: &Document) {
    let chars = doc.text.chars().count();
    let mut last = 0;
    for s in &doc.sentences {
        assert!(s.0 < s.1 && s.1 <= chars, "sentence {s:?}");
        assert!(s.0 >= last, "sentences overlap at {s:?}");
        let text = doc.slice(*s).expect("sentence inside the text");
        assert_eq!(text, text.trim(), "sentence {s:?} has outer whitespace");
        last = s.1;
    }
    for (span, text) in doc.spanned_items() {
        assert_eq!(doc.slice(span), Some(text), "span {span:?}");
    }
}

fn validate(json: &serde_json::Value) {
    let schema: serde_json::Value =
        serde_json::from_str(byline_model::JSON_SCHEMA).expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(json)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "schema errors: {errors:#?}");
}

#[test]
fn extract_splits_the_seed_into_its_20_sentences() {
    let out = byline(&[
        "extract",
        seed().to_str().unwrap(),
        "--published",
        "2025-09-16",
    ]);
    ok(&out);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON output");
    validate(&json);
    let doc: Document = serde_json::from_value(json).expect("a byline/1 document");
    assert_eq!(doc.sentences.len(), 20);
    check_spans(&doc);
    // The quotation holding two sentences is split inside, after its first sentence.
    let split = doc
        .sentences
        .iter()
        .map(|s| doc.slice(*s).unwrap())
        .position(|s| s.ends_with("with the security deal."))
        .expect("a sentence ends inside the quotation");
    let next = doc.slice(doc.sentences[split + 1]).unwrap();
    assert!(
        next.starts_with("This is personal for Trump,\" adding that"),
        "{next}"
    );
}

#[test]
fn bad_inputs_are_reported_by_name_and_the_rest_go_on() {
    let dir = tempfile::tempdir().unwrap();
    let p = |name: &str| dir.path().join(name);
    std::fs::write(
        p("first.txt"),
        "The mayor said on Monday that the bridge would reopen. Workers agreed.",
    )
    .unwrap();
    std::fs::write(
        p("last.txt"),
        "Farmers \u{201C}want rain. They need it,\u{201D} a union official said.\r\n",
    )
    .unwrap();
    std::fs::write(p("latin1.txt"), b"Caf\xe9 owners met on Tuesday.").unwrap();
    std::fs::write(p("empty.txt"), b"").unwrap();
    let binary: Vec<u8> = (0..4096u32).map(|i| (i * 7 % 256) as u8).collect();
    std::fs::write(p("image.bin"), &binary).unwrap();
    let line = "Officials said the talks would go on for another week. ".repeat(20) + "\n";
    let big = line.repeat((50 << 20) / line.len() + 1);
    std::fs::write(p("huge.txt"), &big).unwrap();
    drop(big);
    let missing = p("missing.txt");

    let names = [
        "first.txt",
        "latin1.txt",
        "empty.txt",
        "image.bin",
        "huge.txt",
        "missing.txt",
        "last.txt",
    ];
    let paths: Vec<String> = names.iter().map(|n| p(n).display().to_string()).collect();
    let mut args = vec!["extract"];
    args.extend(paths.iter().map(String::as_str));
    let out = byline(&args);
    assert_eq!(out.status.code(), Some(1), "some inputs failed");
    let stderr = String::from_utf8_lossy(&out.stderr);
    for (name, what) in [
        ("latin1.txt", "UTF-8"),
        ("empty.txt", "empty"),
        ("image.bin", "binary"),
        ("huge.txt", "limit"),
        ("missing.txt", "cannot open"),
    ] {
        let path = p(name).display().to_string();
        let line = stderr
            .lines()
            .find(|l| l.contains(&path))
            .unwrap_or_else(|| panic!("no message names {path}: {stderr}"));
        assert!(line.contains(what), "{line:?} should say {what:?}");
    }
    assert!(!missing.exists());
    // The good inputs before and after the bad ones were processed and printed, in order.
    let docs: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    assert_eq!(docs.len(), 2);
    for json in &docs {
        validate(json);
        let doc: Document = serde_json::from_value(json.clone()).unwrap();
        assert_eq!(doc.sentences.len(), 2, "{:?}", doc.text);
        check_spans(&doc);
    }
    assert!(docs[0]["text"].as_str().unwrap().starts_with("The mayor"));
    // CRLF was normalised, and the quote holding two sentences split inside.
    let last: Document = serde_json::from_value(docs[1].clone()).unwrap();
    assert!(!last.text.contains('\r'));
    assert_eq!(
        last.slice(last.sentences[1]),
        Some("They need it,\u{201D} a union official said.")
    );
}

/// A small CoNLL-U file of our own: two documents, a multiword token, a paragraph break.
const CONLLU: &str = "# newdoc id = one
# newpar id = one-p1
# text = The port didn't open.
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tport\tport\tNOUN\tNN\t_\t5\tnsubj\t_\t_
3-4\tdidn't\t_\t_\t_\t_\t_\t_\t_\t_
3\tdid\tdo\tAUX\tVBD\t_\t5\taux\t_\t_
4\tn't\tnot\tPART\tRB\t_\t5\tadvmod\t_\t_
5\topen\topen\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t.\t_\t5\tpunct\t_\t_

# text = Ships waited.
1\tShips\tship\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\twaited\twait\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No
3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

# newpar id = one-p2
# text = Harbour notes
1\tHarbour\tharbour\tNOUN\tNN\t_\t2\tcompound\t_\t_
2\tnotes\tnote\tNOUN\tNNS\t_\t0\troot\t_\t_

# newdoc id = two
# text = Mr. Ames left at 5 p.m.
1\tMr.\tMr.\tPROPN\tNNP\t_\t2\tnmod\t_\t_
2\tAmes\tAmes\tPROPN\tNNP\t_\t3\tnsubj\t_\t_
3\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_
4\tat\tat\tADP\tIN\t_\t6\tcase\t_\t_
5\t5\t5\tNUM\tCD\t_\t6\tnummod\t_\t_
6\tp.m.\tp.m.\tNOUN\tNN\t_\t3\tobl\t_\t_

";

#[test]
fn eval_tokens_and_sentences_score_a_conllu_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gold.conllu");
    std::fs::write(&file, CONLLU).unwrap();
    let f = file.to_str().unwrap();

    let out = byline(&["eval", "tokens", f]);
    ok(&out);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("2 documents"), "{text}");
    assert!(text.contains("F1 1.0000"), "{text}");

    let out = byline(&["eval", "sentences", "--json", f]);
    ok(&out);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let report = &json[0];
    assert_eq!(report["documents"], 2);
    assert_eq!(report["sentences"]["gold"], 4);
    assert_eq!(report["sentences"]["correct"], 4);
    assert_eq!(report["boundaries"]["f1"], 1.0);

    let out = byline(&["eval", "tokens", "--json", f]);
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // `didn't` is one surface token; byline's `did` + `n't` tile it exactly.
    assert_eq!(json[0]["tokens"]["gold"], 16);
    assert_eq!(json[0]["tokens"]["correct"], 16);

    let out = byline(&[
        "eval",
        "sentences",
        dir.path().join("nope.conllu").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("nope.conllu"));
}
