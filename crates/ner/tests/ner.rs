//! The embedded model: loads, round-trips through its file format, tags text of our own, and
//! never panics on odd input.

use byline_ner::{conll, Ner, FORMAT_VERSION, MAGIC};

#[test]
fn embedded_model_round_trips() {
    let ner = Ner::embedded().unwrap();
    assert!(ner.meta().contains("CoNLL-2003"), "{}", ner.meta());
    let bytes = ner.to_bytes().unwrap();
    assert_eq!(&bytes[..8], MAGIC);
    assert_eq!(
        u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]),
        FORMAT_VERSION
    );
    assert!(bytes.len() < 10 << 20);
    let again = Ner::from_bytes(&bytes).unwrap();
    let doc = vec![vec![
        "Karim", "Haddad", "left", "Amman", "for", "Cairo", ".",
    ]];
    assert_eq!(ner.tag_document(&doc), again.tag_document(&doc));
}

#[test]
fn tags_a_document_of_our_own() {
    let ner = Ner::embedded().unwrap();
    let doc = vec![
        vec![
            "The", "United", "Nations", "said", "on", "Monday", "that", "aid", "reached", "Gaza",
            ".",
        ],
        vec![
            "Foreign", "Minister", "Karim", "Haddad", "flew", "to", "Amman", ".",
        ],
    ];
    let ents = ner.entities_document(&doc);
    let found: Vec<(usize, usize, usize, &str)> = ents
        .iter()
        .enumerate()
        .flat_map(|(s, es)| es.iter().map(move |e| (s, e.start, e.end, e.kind)))
        .collect();
    assert!(found.contains(&(0, 1, 3, "ORG")), "{found:?}");
    assert!(found.contains(&(0, 9, 10, "LOC")), "{found:?}");
    assert!(found.contains(&(1, 2, 4, "PER")), "{found:?}");
    assert!(found.contains(&(1, 6, 7, "LOC")), "{found:?}");
}

#[test]
fn odd_input_does_not_panic() {
    let ner = Ner::embedded().unwrap();
    let doc = vec![
        vec![],
        vec!["", "-", "’s", "ÉÉÉ", "123", "\u{200b}"],
        vec!["ALL", "CAPS", "HEADLINE", "FROM", "LONDON"],
    ];
    let tags = ner.tag_document(&doc);
    assert_eq!(tags.iter().map(Vec::len).collect::<Vec<_>>(), [0, 6, 5]);
    assert!(Ner::from_bytes(b"").is_err());
    let docs = conll::parse("a b\n\n-DOCSTART- -X- O\nsolo\n");
    assert_eq!(docs.len(), 2);
    assert!(conll::check_tagged(&docs, "x").is_err());
}
