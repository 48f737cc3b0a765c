//! End to end: `byline ner`, `byline eval ner`, `byline train ner` and the actors layer of
//! `byline extract`, with the real binary, on fixtures written for these tests.

mod common;

use common::{byline, extract, json_of, ok, scratch};

/// A small CoNLL-2003 file in our own words.
const CONLL: &str = "-DOCSTART- -X- -X- O

Angela NNP B-NP B-PER
Merkel NNP I-NP I-PER
flew VBD B-VP O
to TO B-PP O
Paris NNP B-NP B-LOC
. . O O

The DT B-NP O
European NNP I-NP B-ORG
Commission NNP I-NP I-ORG
met VBD B-VP O
German JJ B-NP B-MISC
farmers NNS I-NP O
. . O O
";

#[test]
fn ner_appends_a_tag_column() {
    let dir = scratch("ner");
    let file = dir.join("small.conll");
    std::fs::write(&file, CONLL).unwrap();
    let text = ok(&byline()
        .arg("ner")
        .arg("--conll")
        .arg(&file)
        .output()
        .unwrap());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), CONLL.lines().count());
    assert_eq!(lines[0], "-DOCSTART- -X- -X- O");
    assert_eq!(lines[2], "Angela NNP B-NP B-PER B-PER");
    assert_eq!(lines[6], "Paris NNP B-NP B-LOC B-LOC");
    for (l, orig) in lines.iter().zip(CONLL.lines()) {
        if !orig.is_empty() && !orig.starts_with("-DOCSTART-") {
            assert!(l.starts_with(orig) && l.len() > orig.len(), "{l}");
        }
    }
}

#[test]
fn eval_ner_prints_per_type_and_overall() {
    let dir = scratch("eval");
    let file = dir.join("small.conll");
    std::fs::write(&file, CONLL).unwrap();
    let v = json_of(byline().args(["eval", "ner", "--json"]).arg(&file));
    assert_eq!(v["overall"]["gold"], 4);
    assert!(v["overall"]["f1"].as_f64().unwrap() >= 0.75, "{v}");
    for t in ["PER", "LOC", "ORG", "MISC"] {
        assert!(v["per_type"][t].is_object(), "{t}");
    }
    let plain = byline().args(["eval", "ner"]).arg(&file).output().unwrap();
    assert!(String::from_utf8_lossy(&plain.stdout).contains("overall"));
}

#[test]
fn eval_ner_rejects_a_missing_file_with_exit_2() {
    let out = byline()
        .args(["eval", "ner", "/nonexistent/file.conll"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn train_ner_writes_a_loadable_model() {
    let dir = scratch("train");
    let file = dir.join("small.conll");
    std::fs::write(&file, CONLL).unwrap();
    ok(&byline()
        .args(["train", "ner", "--epochs", "3", "--folds", "2"])
        .arg("--train")
        .arg(&file)
        .arg("--dev")
        .arg(&file)
        .arg("--out")
        .arg(&dir)
        .output()
        .unwrap());
    let model = dir.join("ner.bin");
    assert!(std::fs::read(&model).unwrap().starts_with(b"BYLNER"));
    let tagged = byline()
        .arg("ner")
        .arg("--model")
        .arg(&model)
        .arg("--conll")
        .arg(&file)
        .output()
        .unwrap();
    assert!(tagged.status.success());
    std::fs::write(dir.join("bad.bin"), b"not a model").unwrap();
    let bad = byline()
        .arg("ner")
        .arg("--model")
        .arg(dir.join("bad.bin"))
        .arg("--conll")
        .arg(&file)
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("magic"));
}

#[test]
fn extract_resolves_actors_across_mentions() {
    let doc = extract(
        "extract",
        "Amman is weighing new talks with Damascus, Jordanian officials said on Monday. \
         Jordanian Foreign Minister Karim Haddad met Egyptian Foreign Minister Badr Abdelatty \
         in Cairo. Haddad said the talks were useful. The Egyptian president later called \
         Abdelatty. Clashes continued in As-Suwayda, and residents of Sweida fled. \
         Later, the IDF said it had struck targets near Suwayda.\n",
        &["--published", "2025-03-05"],
    );
    let actors = doc["actors"].as_array().unwrap();
    let by_mention = |m: &str| {
        actors
            .iter()
            .find(|a| {
                a["mentions"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|x| x["text"] == m)
            })
            .unwrap_or_else(|| panic!("no actor mentioned as {m:?}: {actors:#?}"))
    };
    let jordan = by_mention("Amman");
    assert_eq!(jordan["code"], "JORGOV");
    assert_eq!(by_mention("Jordanian officials")["id"], jordan["id"]);
    assert_eq!(by_mention("Damascus")["code"], "SYRGOV");
    let haddad = by_mention("Karim Haddad");
    assert_eq!(haddad["kind"], "person");
    assert_eq!(haddad["country"], "JOR");
    assert_eq!(haddad["roles"][0], "Foreign Minister");
    assert_eq!(by_mention("Haddad")["id"], haddad["id"]);
    assert_eq!(by_mention("Cairo")["kind"], "place");
    assert_eq!(by_mention("Sweida")["id"], by_mention("As-Suwayda")["id"]);
    assert_eq!(by_mention("Suwayda")["id"], by_mention("Sweida")["id"]);
    assert_eq!(by_mention("IDF")["code"], "ISRMIL");
    assert_eq!(
        by_mention("The Egyptian president")["name"],
        "Abdel Fattah el-Sisi"
    );
    // Ids a1, a2 … in order of first mention; every mention's text is its span's text.
    let text: Vec<char> = doc["text"].as_str().unwrap().chars().collect();
    for (i, a) in actors.iter().enumerate() {
        assert_eq!(a["id"], format!("a{}", i + 1));
        for m in a["mentions"].as_array().unwrap() {
            let (s, e) = (
                m["span"][0].as_u64().unwrap() as usize,
                m["span"][1].as_u64().unwrap() as usize,
            );
            assert_eq!(
                text[s..e].iter().collect::<String>(),
                m["text"].as_str().unwrap()
            );
        }
    }
}

#[test]
fn extract_takes_a_user_lexicon() {
    let dir = scratch("lexicon");
    let lex = dir.join("lex");
    std::fs::create_dir_all(&lex).unwrap();
    std::fs::write(
        lex.join("mine.tsv"),
        "# source: test; licence: CC0; version: 1\n\
         # columns: name\tkind\tcountry\tcode\taliases\tadjectives\tcapitals\n\
         Northern Valley Front\trebel\tSYR\tSYRREB\tNVF\t-\t-\n",
    )
    .unwrap();
    let file = dir.join("r.txt");
    std::fs::write(&file, "The NVF said it had left the town.\n").unwrap();
    let doc = json_of(
        byline()
            .arg("extract")
            .arg("--lexicon")
            .arg(&lex)
            .arg(&file),
    );
    let a = &doc["actors"][0];
    assert_eq!(a["name"], "Northern Valley Front");
    assert_eq!(a["code"], "SYRREB");
}
