//! Integration tests of the embedded models on sentences of our own with the shapes of news
//! attribution: the heads and relations the extractors rely on.

use byline_nlp::{conllu, relation_is, Analysis, Models, Upos};

fn models() -> Models {
    Models::embedded().expect("embedded models load")
}

fn parse(m: &Models, s: &str) -> (Vec<String>, Analysis) {
    let words: Vec<String> = s.split(' ').map(str::to_string).collect();
    let refs: Vec<&str> = words.iter().map(String::as_str).collect();
    let a = m.analyze(&refs);
    (words, a)
}

fn idx(words: &[String], w: &str) -> usize {
    words
        .iter()
        .position(|x| x == w)
        .unwrap_or_else(|| panic!("{w} not in sentence"))
}

/// Asserts `dep` hangs from `head` with relation `rel` (or a subtype of it).
fn arc(words: &[String], a: &Analysis, dep: &str, head: &str, rel: &str) {
    let (d, h) = (idx(words, dep), idx(words, head));
    let w = &a.words[d];
    assert!(
        w.head == Some(h) && relation_is(w.deprel, rel),
        "{dep} should be {rel} of {head}, got head {:?} {}\n{:#?}",
        w.head.map(|h| &words[h]),
        w.deprel,
        a.words
    );
}

#[test]
fn x_said_clause() {
    let m = models();
    let (w, a) = parse(&m, "The minister said the talks had failed .");
    assert_eq!(a.root(), Some(idx(&w, "said")));
    arc(&w, &a, "minister", "said", "nsubj");
    arc(&w, &a, "failed", "said", "ccomp");
    arc(&w, &a, "talks", "failed", "nsubj");
    assert_eq!(a.words[idx(&w, "said")].lemma, "say");
    assert_eq!(a.words[idx(&w, "said")].upos, Upos::Verb);
}

#[test]
fn clause_comma_x_said() {
    let m = models();
    let (w, a) = parse(
        &m,
        "The army will withdraw next week , a senior official said .",
    );
    let said = idx(&w, "said");
    arc(&w, &a, "official", "said", "nsubj");
    // The reporting verb hangs from the reported clause (parataxis) or heads it.
    let withdraw = idx(&w, "withdraw");
    assert!(a.words[said].head == Some(withdraw) || a.words[withdraw].head == Some(said));
}

#[test]
fn according_to_x() {
    let m = models();
    let (w, a) = parse(
        &m,
        "According to two diplomats , the government has frozen the accounts .",
    );
    arc(&w, &a, "diplomats", "frozen", "obl");
    arc(&w, &a, "According", "diplomats", "case");
    arc(&w, &a, "government", "frozen", "nsubj");
    arc(&w, &a, "accounts", "frozen", "obj");
}

#[test]
fn x_told_y_that() {
    let m = models();
    let (w, a) = parse(
        &m,
        "Four officials told reporters that the deal was signed in May .",
    );
    assert_eq!(a.root(), Some(idx(&w, "told")));
    arc(&w, &a, "officials", "told", "nsubj");
    let rep = &a.words[idx(&w, "reporters")];
    assert_eq!(rep.head, Some(idx(&w, "told")));
    assert!(rep.deprel == "obj" || rep.deprel == "iobj");
    arc(&w, &a, "signed", "told", "ccomp");
    arc(&w, &a, "that", "signed", "mark");
    arc(&w, &a, "deal", "signed", "nsubj:pass");
}

#[test]
fn passive_with_agent() {
    let m = models();
    let (w, a) = parse(&m, "The convoy was attacked by armed men near the border .");
    assert_eq!(a.root(), Some(idx(&w, "attacked")));
    arc(&w, &a, "convoy", "attacked", "nsubj:pass");
    arc(&w, &a, "was", "attacked", "aux:pass");
    arc(&w, &a, "men", "attacked", "obl");
    arc(&w, &a, "by", "men", "case");
}

#[test]
fn supplying_object() {
    let m = models();
    let (w, a) = parse(&m, "The company is supplying fuel to the hospitals .");
    arc(&w, &a, "company", "supplying", "nsubj");
    arc(&w, &a, "fuel", "supplying", "obj");
    arc(&w, &a, "hospitals", "supplying", "obl");
}

#[test]
fn every_sentence_is_one_tree() {
    let m = models();
    for s in [
        "Officials said , \" We will not leave . \"",
        ", , ,",
        "x",
        "The the the the",
        "\" Ok , \" she said , adding that talks would resume on Monday .",
    ] {
        let (_, a) = parse(&m, s);
        let roots = a.words.iter().filter(|w| w.head.is_none()).count();
        assert_eq!(roots, 1, "{s}");
        for i in 0..a.len() {
            assert!(
                a.dominates(a.root().unwrap(), i),
                "{s}: no path from the root to {i}"
            );
        }
    }
    assert!(m.analyze(&[]).is_empty());
}

#[test]
fn conllu_annotation_keeps_other_columns() {
    let m = models();
    let src = "# sent_id = x1\n# text = Talks ended.\n1\tTalks\t_\t_\t_\tNumber=Plur\t_\t_\t_\t_\n2\tended\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n3\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
    let mut s = conllu::parse(src).unwrap();
    m.annotate(&mut s[0]);
    let w = &s[0].words;
    assert_eq!(s[0].comment("sent_id"), Some("x1"));
    assert_eq!(w[0].feats, "Number=Plur");
    assert_eq!(w[1].misc, "SpaceAfter=No");
    assert_eq!((w[1].head, w[1].deprel.as_str()), (0, "root"));
    assert_eq!((w[0].head, w[0].deprel.as_str()), (2, "nsubj"));
    assert_eq!(w[1].lemma, "end");
}

#[test]
fn raw_text_spans_point_at_words() {
    let m = models();
    let text = "Rebels seized the town. Officials denied it.";
    let out = m.parse_text(text);
    assert_eq!(out.len(), 2);
    for (s, spans) in &out {
        for (w, (a, b)) in s.words.iter().zip(spans) {
            assert_eq!(&text[*a..*b], w.form);
        }
    }
}

#[test]
fn models_record_their_training() {
    let m = models();
    for meta in [m.tagger().meta(), m.parser().meta()] {
        assert!(
            meta.get("trained_on").is_some_and(|t| t.contains("ewt")),
            "{meta:?}"
        );
        assert!(meta
            .get("licence")
            .is_some_and(|t| t.contains("CC BY-SA 4.0")));
    }
}

#[test]
fn bad_model_bytes_are_errors() {
    assert!(byline_nlp::Tagger::from_bytes(b"nonsense", "x").is_err());
    assert!(byline_nlp::Parser::from_bytes(b"BYLNPAR\0\x01\x00garbage", "x").is_err());
    let dir = std::env::temp_dir().join("byline-nlp-missing-models");
    assert!(Models::from_dir(&dir).is_err());
}
