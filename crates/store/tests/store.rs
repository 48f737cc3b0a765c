//! The same store tests on SQLite and, when `BYLINE_TEST_PG` is set, on PostgreSQL.

use byline_model::Document;
use byline_store::{ClaimQuery, EventQuery, Status, Store, Write};

/// A document with every layer filled, written for these tests.
fn fixture(id: &str, published: &str, claim_words: &str) -> Document {
    let text = format!(
        "Valdoria said on Monday that Ostmark troops shelled the border town of Kirra. \
         Two senior officials told reporters that {claim_words}. The Ostmark ministry did not respond."
    );
    let json = serde_json::json!({
        "schema": "byline/1", "id": id, "url": format!("https://news.example/{id}"), "outlet": "Example Post",
        "title": "Shelling reported", "published": published, "language": "en", "text": text,
        "relayed_from": [], "paragraphs": [[0, 20]], "sentences": [[0, 78]],
        "actors": [
            {"id": "a1", "name": "Valdoria", "kind": "country", "country": "VAL", "code": "VALGOV",
             "mentions": [{"span": [0, 8], "text": "Valdoria"}]},
            {"id": "a2", "name": "Ostmark", "kind": "country", "country": "OST", "code": "OSTMIL",
             "mentions": [{"span": [29, 36], "text": "Ostmark"}]}
        ],
        "sources": [
            {"id": "s1", "span": [0, 8], "text": "Valdoria", "kind": "named_organization", "count": null,
             "seniority": null, "role": null, "affiliation": "a1", "refers_to": []},
            {"id": "s2", "span": [79, 101], "text": "Two senior officials", "kind": "anonymous", "count": 2,
             "seniority": "senior", "role": "official", "affiliation": null, "refers_to": []}
        ],
        "claims": [
            {"id": "c1", "span": [29, 77], "text": "Ostmark troops shelled the border town of Kirra",
             "sources": ["s1"], "cue": {"span": [9, 13], "text": "said"}, "quote": false,
             "factuality": "reported", "events": ["e1"]},
            {"id": "c2", "span": [120, 140], "text": claim_words, "sources": ["s2"], "cue": null,
             "quote": false, "factuality": "hedged", "events": []}
        ],
        "quotes": [],
        "events": [
            {"id": "e1", "type": "ASSAULT", "mode": "artillery", "cameo": "19",
             "trigger": {"span": [44, 51], "text": "shelled"}, "actor": "a2", "target": "a1",
             "location": null, "time": "t1", "polarity": "positive", "status": "actual", "claim": "c1"}
        ],
        "times": [{"id": "t1", "span": [17, 23], "text": "Monday", "type": "DATE", "value": published}],
        "notices": [{"kind": "no_comment", "actor": "a2", "claims": [], "cue": {"span": [150, 160], "text": "did not respond"}}]
    });
    serde_json::from_value(json).expect("fixture matches byline/1")
}

fn write_doc(doc: Document, source: &str) -> Write {
    let json = serde_json::to_string(&doc).unwrap();
    Write::Document {
        doc: Box::new(doc),
        json,
        status: Status::Extracted,
        source: source.into(),
    }
}

fn exercise(store: &mut Store) {
    assert_eq!(
        store.schema_version().unwrap(),
        byline_store::SCHEMA_VERSION
    );
    let a = fixture(
        "doc-a",
        "2025-09-16",
        "the bridge talks had stalled over fishing quotas",
    );
    let b = fixture(
        "doc-b",
        "2025-10-02",
        "the grain convoy was delayed at the crossing",
    );
    let written = store
        .write(&[
            write_doc(a.clone(), "a.html"),
            write_doc(b.clone(), "b.html"),
            Write::Error {
                source: "bad.html".into(),
                message: "html: no article text found".into(),
            },
            Write::SourceDone {
                source: "dir".into(),
                fingerprint: "3:100".into(),
                units: 3,
            },
        ])
        .unwrap();
    assert_eq!(
        (written.added, written.duplicates, written.errors),
        (2, 0, 1)
    );
    // idempotent: the same batch again adds nothing
    let again = store.write(&[write_doc(a.clone(), "copy.html")]).unwrap();
    assert_eq!((again.added, again.duplicates), (0, 1));
    let counts = store.counts().unwrap();
    assert_eq!(counts.documents, 2);
    assert_eq!(counts.claims, 4);
    assert_eq!(counts.events, 2);
    assert_eq!(counts.actors, 4);
    assert_eq!(counts.notices, 2);
    assert_eq!(counts.errors, 1);
    assert!(store.source_done("dir", "3:100").unwrap());
    assert!(!store.source_done("dir", "4:100").unwrap());
    assert!(store.has_document("doc-a").unwrap());

    // claims by actor (name, any case, or code prefix), source kind, factuality, date range
    let q = |f: &dyn Fn(&mut ClaimQuery)| {
        let mut q = ClaimQuery {
            limit: 100,
            ..ClaimQuery::default()
        };
        f(&mut q);
        q
    };
    let by_actor = store
        .claims(&q(&|q| q.actor = Some("ostmark".into())))
        .unwrap();
    assert_eq!(by_actor.len(), 2, "{by_actor:?}");
    assert!(by_actor.iter().all(|c| c.claim_id == "c1"));
    assert_eq!(
        store
            .claims(&q(&|q| q.actor = Some("VAL".into())))
            .unwrap()
            .len(),
        2
    );
    let anon = store
        .claims(&q(&|q| q.source_kind = Some("anonymous".into())))
        .unwrap();
    assert_eq!(anon.len(), 2);
    assert_eq!(anon[0].source_kinds, vec!["anonymous".to_string()]);
    let hedged_sept = store
        .claims(&q(&|q| {
            q.factuality = Some("hedged".into());
            q.from = Some("2025-09".into());
            q.to = Some("2025-09".into());
        }))
        .unwrap();
    assert_eq!(hedged_sept.len(), 1);
    assert_eq!(hedged_sept[0].doc_id, "doc-a");
    assert_eq!(hedged_sept[0].json["factuality"], "hedged");
    // full text (stemmed on both backends)
    let found = store
        .claims(&q(&|q| q.search = Some("convoy delays".into())))
        .unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].doc_id, "doc-b");
    assert!(store
        .claims(&q(&|q| q.from = Some("last week".into())))
        .is_err());

    // events by actor, target, type and date
    let e = store
        .events(&EventQuery {
            actor: Some("Ostmark".into()),
            target: Some("VALGOV".into()),
            event_type: Some("assault".into()),
            limit: 10,
            ..EventQuery::default()
        })
        .unwrap();
    assert_eq!(e.len(), 2);
    assert_eq!(e[0].date.as_deref(), Some("2025-10-02"));
    assert_eq!(e[0].actor.as_deref(), Some("Ostmark"));
    let none = store
        .events(&EventQuery {
            actor: Some("Valdoria".into()),
            target: Some("Ostmark".into()),
            ..EventQuery::default()
        })
        .unwrap();
    assert!(none.is_empty());
    let oct = store
        .events(&EventQuery {
            from: Some("2025-10-01".into()),
            to: Some("2025-10-31".into()),
            ..EventQuery::default()
        })
        .unwrap();
    assert_eq!(oct.len(), 1);

    // export: the exact JSON, in id order
    let mut exported = Vec::new();
    let n = store
        .for_each_document(|j| {
            exported.push(j.to_string());
            Ok(())
        })
        .unwrap();
    assert_eq!(n, 2);
    assert_eq!(exported[0], serde_json::to_string(&a).unwrap());
    let mut events = 0;
    store
        .for_each_event(|_| {
            events += 1;
            Ok(())
        })
        .unwrap();
    assert_eq!(events, 2);
    assert_eq!(store.errors(10).unwrap()[0].source, "bad.html");
}

#[test]
fn sqlite_store() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    let mut store = Store::open(path.to_str().unwrap()).unwrap();
    exercise(&mut store);
    drop(store);
    // reopening migrates nothing and keeps everything
    let mut store = Store::open(path.to_str().unwrap()).unwrap();
    assert_eq!(store.counts().unwrap().documents, 2);
}

#[test]
fn postgres_store() {
    let Some(base) = byline_store::testing::postgres_base("postgres_store") else {
        return;
    };
    let url = byline_store::testing::fresh_database(&base).unwrap();
    let mut store = Store::open(&url).unwrap();
    exercise(&mut store);
    drop(store);
    let mut store = Store::open(&url).unwrap();
    assert_eq!(store.counts().unwrap().documents, 2);
}

#[test]
fn newer_schema_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("t.db");
    drop(Store::open(path.to_str().unwrap()).unwrap());
    let c = rusqlite::Connection::open(&path).unwrap();
    c.execute(
        "INSERT INTO schema_version (version, applied_at) VALUES (99, 0)",
        [],
    )
    .unwrap();
    drop(c);
    let err = Store::open(path.to_str().unwrap()).unwrap_err();
    assert!(err.to_string().contains("newer"), "{err}");
}
