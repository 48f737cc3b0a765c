//! The committed JSON Schema accepts what the types write, and rejects what they must not.

use byline_model::*;

fn validator() -> jsonschema::Validator {
    let schema: serde_json::Value = serde_json::from_str(JSON_SCHEMA).expect("schema is JSON");
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn full_document() -> Document {
    let mut d = Document::new("Officials said the army left the town on Monday.".into());
    d.id = "abc".into();
    d.published = Some("2024-03-05".into());
    d.sentences.push(Span(0, 49));
    d.paragraphs.push(Span(0, 49));
    d.actors.push(Actor {
        id: "a1".into(),
        name: "army".into(),
        kind: ActorKind::Military,
        country: None,
        code: Some("MIL".into()),
        roles: vec![],
        mentions: vec![Mention {
            span: Span(19, 23),
            text: "army".into(),
        }],
    });
    d.sources.push(Source {
        id: "s1".into(),
        span: Span(0, 9),
        text: "Officials".into(),
        kind: SourceKind::Anonymous,
        count: None,
        seniority: None,
        role: Some("official".into()),
        affiliation: None,
        actor: None,
        refers_to: vec![],
    });
    d.claims.push(Claim {
        id: "c1".into(),
        span: Span(15, 47),
        text: "the army left the town on Monday".into(),
        sources: vec!["s1".into()],
        cue: Some(Mention {
            span: Span(10, 14),
            text: "said".into(),
        }),
        quote: false,
        factuality: Factuality::Reported,
        parent: None,
        events: vec!["e1".into()],
    });
    d.events.push(Event {
        id: "e1".into(),
        kind: EventType::Retreat,
        mode: Some("military".into()),
        cameo: Some("087".into()),
        trigger: Mention {
            span: Span(24, 28),
            text: "left".into(),
        },
        actor: Some("a1".into()),
        target: None,
        location: None,
        time: Some("t1".into()),
        polarity: Polarity::Positive,
        status: EventStatus::Actual,
        claim: Some("c1".into()),
    });
    d.times.push(Time {
        id: "t1".into(),
        span: Span(41, 47),
        text: "Monday".into(),
        kind: TimeType::Date,
        value: Some("2024-03-04".into()),
    });
    d.notices.push(Notice {
        kind: NoticeKind::NoComment,
        by: None,
        actor: Some("a1".into()),
        claims: vec![],
        cue: Mention {
            span: Span(0, 9),
            text: "Officials".into(),
        },
        subject: Some(Mention {
            span: Span(0, 9),
            text: "Officials".into(),
        }),
    });
    d
}

#[test]
fn every_layer_validates() {
    let doc = full_document();
    for (span, text) in doc.spanned_items() {
        assert_eq!(doc.slice(span), Some(text), "span {span:?}");
    }
    let value = serde_json::to_value(&doc).unwrap();
    let v = validator();
    let errors: Vec<String> = v.iter_errors(&value).map(|e| e.to_string()).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let back: Document = serde_json::from_value(value).unwrap();
    assert_eq!(back, doc);
}

#[test]
fn schema_rejects_bad_records() {
    let v = validator();
    let mut value = serde_json::to_value(full_document()).unwrap();
    value["claims"][0]["factuality"] = "rumoured".into();
    assert!(!v.is_valid(&value));
    let mut value = serde_json::to_value(full_document()).unwrap();
    value["schema"] = "byline/2".into();
    assert!(!v.is_valid(&value));
    let mut value = serde_json::to_value(full_document()).unwrap();
    value["sources"][0]["span"] = serde_json::json!([1]);
    assert!(!v.is_valid(&value));
}
