//! End to end: `byline parse`, `byline eval conllu` and `byline train tagger|parser`, with the
//! real binary, on fixtures of our own.

mod common;

use common::{byline, scratch};

/// A tiny treebank of our own sentences, in CoNLL-U.
const TREEBANK: &str = "\
# sent_id = 1
# text = The minister said talks failed.
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tminister\tminister\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_
4\ttalks\ttalk\tNOUN\tNNS\t_\t5\tnsubj\t_\t_
5\tfailed\tfail\tVERB\tVBD\t_\t3\tccomp\t_\tSpaceAfter=No
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

# sent_id = 2
# text = Rebels seized the town.
1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tseized\tseize\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\ttown\ttown\tNOUN\tNN\t_\t2\tobj\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

fn column(conllu: &str, form: &str, col: usize) -> String {
    conllu
        .lines()
        .map(|l| l.split('\t').collect::<Vec<_>>())
        .find(|c| c.len() == 10 && c[1] == form)
        .map(|c| c[col].to_string())
        .unwrap_or_else(|| panic!("{form} not found in\n{conllu}"))
}

#[test]
fn parse_raw_text_to_conllu() {
    let dir = scratch("raw");
    let file = dir.join("report.txt");
    std::fs::write(
        &file,
        "Two officials told reporters that the convoy was attacked by militants. \
         The army denied it.\n",
    )
    .unwrap();
    let out = byline().arg("parse").arg(&file).output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(text.matches("# text = ").count(), 2, "{text}");
    assert_eq!(column(&text, "told", 7), "root");
    assert_eq!(column(&text, "told", 2), "tell");
    assert_eq!(column(&text, "officials", 7), "nsubj");
    assert_eq!(column(&text, "convoy", 7), "nsubj:pass");
    assert_eq!(column(&text, "attacked", 3), "VERB");
    // Every word line has 10 columns and a head inside its sentence.
    for l in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        assert_eq!(l.split('\t').count(), 10, "{l}");
    }
}

#[test]
fn parse_conllu_keeps_tokens_and_other_columns() {
    let dir = scratch("conllu");
    let file = dir.join("in.conllu");
    let blank: String = TREEBANK
        .lines()
        .map(|l| {
            let c: Vec<&str> = l.split('\t').collect();
            if c.len() == 10 {
                format!("{}\t{}\t_\t_\t_\tX=Y\t_\t_\t_\t{}", c[0], c[1], c[9])
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(&file, blank).unwrap();
    let out = byline()
        .args(["parse", "--conllu"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("# sent_id = 2"));
    assert_eq!(column(&text, "said", 7), "root");
    assert_eq!(column(&text, "said", 5), "X=Y");
    assert_eq!(column(&text, "failed", 9), "SpaceAfter=No");
    assert_eq!(column(&text, "town", 7), "obj");
}

#[test]
fn eval_conllu_prints_scores() {
    let dir = scratch("eval");
    let gold = dir.join("gold.conllu");
    std::fs::write(&gold, TREEBANK).unwrap();
    for raw in [false, true] {
        let mut cmd = byline();
        cmd.args(["eval", "conllu", "--json"]).arg(&gold);
        if raw {
            cmd.arg("--raw");
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let row = &v[0];
        assert_eq!(row["gold_words"], 11);
        for k in ["upos", "xpos", "lemma", "uas", "las"] {
            let x = row[k].as_f64().unwrap();
            assert!(x > 60.0 && x <= 100.0, "{k} = {x} (raw {raw})");
        }
    }
    let out = byline()
        .args(["eval", "conllu"])
        .arg(&gold)
        .output()
        .unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.contains("UPOS") && table.contains("LAS"), "{table}");
}

#[test]
fn train_is_deterministic_and_its_models_load() {
    let dir = scratch("train");
    let data = dir.join("tiny.conllu");
    std::fs::write(&data, TREEBANK).unwrap();
    let mut bytes = Vec::new();
    // Twice into the same folder: the model records its command line, paths included.
    for _ in 0..2 {
        let out_dir = dir.join("models");
        for which in ["tagger", "parser"] {
            let out = byline()
                .args([
                    "train", which, "--epochs", "2", "--folds", "0", "--seed", "7",
                ])
                .arg("--train")
                .arg(&data)
                .arg("--dev")
                .arg(&data)
                .arg("--out")
                .arg(&out_dir)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "{}",
                String::from_utf8_lossy(&out.stderr)
            );
            assert!(String::from_utf8_lossy(&out.stderr).contains("epoch 2"));
        }
        bytes.push((
            std::fs::read(out_dir.join("tagger.bin")).unwrap(),
            std::fs::read(out_dir.join("parser.bin")).unwrap(),
        ));
        let out = byline()
            .args(["parse", "--conllu", "--models"])
            .arg(&out_dir)
            .arg(&data)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert!(bytes[0] == bytes[1], "same seed, different models");
    assert_eq!(&bytes[0].0[..8], b"BYLNTAG\0");
    assert_eq!(&bytes[0].1[..8], b"BYLNPAR\0");
}

#[test]
fn train_tagger_with_word_clusters_from_unlabelled_text() {
    let dir = scratch("clusters");
    let data = dir.join("tiny.conllu");
    std::fs::write(&data, TREEBANK).unwrap();
    let text = dir.join("news.txt");
    let mut lines = String::new();
    for (who, verb) in [
        ("The minister", "said"),
        ("Rebels", "claimed"),
        ("The envoy", "said"),
        ("Officials", "denied"),
    ] {
        for _ in 0..3 {
            lines.push_str(&format!("{who} {verb} the town had fallen.\n"));
        }
    }
    std::fs::write(&text, lines).unwrap();
    let mut bytes = Vec::new();
    for _ in 0..2 {
        let out_dir = dir.join("models");
        let out = byline()
            .args(["train", "tagger", "--epochs", "2", "--seed", "3"])
            .arg("--train")
            .arg(&data)
            .arg("--dev")
            .arg(&data)
            .arg("--out")
            .arg(&out_dir)
            .arg("--unlabelled")
            .arg(&text)
            .arg(&data)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{err}");
        assert!(err.contains("words clustered"), "{err}");
        bytes.push(std::fs::read(out_dir.join("tagger.bin")).unwrap());
    }
    assert!(bytes[0] == bytes[1], "same data, different models");
    let tagger = byline_nlp::Tagger::from_bytes(&bytes[0], "test").unwrap();
    assert!(!tagger.clusters().is_empty());
    assert!(tagger
        .meta()
        .get("command")
        .is_some_and(|c| c.contains("--unlabelled")));
    let tags = tagger.tag_words(&["Rebels", "seized", "the", "town", "."]);
    assert_eq!(tags[2].1.as_str(), "DET");
}

#[test]
fn bad_inputs_are_clear_errors() {
    let dir = scratch("bad");
    let bad = dir.join("bad.conllu");
    std::fs::write(&bad, "1\tonly three\tcolumns\n").unwrap();
    let out = byline()
        .args(["parse", "--conllu"])
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("line 1"));
    let out = byline()
        .args(["parse", "--models"])
        .arg(dir.join("nowhere"))
        .arg(&bad)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}
