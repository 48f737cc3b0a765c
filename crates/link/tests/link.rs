//! Integration tests of the cross-document index on a story written for them.

mod story;

use byline_link::{LinkIndex, Role};

fn shelling(index: &LinkIndex) -> &byline_link::ClaimCluster {
    index
        .clusters()
        .iter()
        .max_by_key(|c| c.members.len())
        .expect("a cluster")
}

#[test]
fn fixture_spans_hold() {
    for d in story::all() {
        for (span, text) in d.spanned_items() {
            assert_eq!(d.slice(span), Some(text), "{}", d.id);
        }
    }
}

#[test]
fn republications_are_found_with_their_origin() {
    let mut index = LinkIndex::default();
    let added: Vec<_> = story::all()
        .iter()
        .map(|d| index.add(d).expect("added"))
        .collect();
    assert_eq!(added[0].duplicate_of, None);
    assert_eq!(added[0].origin, "reuters");
    assert_eq!(added[1].duplicate_of, Some(0), "credited relay");
    assert_eq!(added[1].origin, "reuters");
    assert_eq!(added[2].duplicate_of, Some(0), "uncredited copy");
    assert_eq!(added[2].origin, "reuters", "credit found in the text");
    assert_eq!(index.reports()[2].relayed_from, vec!["reuters"]);
    assert_eq!(added[3].duplicate_of, None, "own reporting");
    assert_eq!(added[3].origin, "valley news");
    assert_eq!(
        index.original_of(2),
        0,
        "the Reuters report is the original"
    );
}

#[test]
fn one_cluster_with_independent_chains_denial_and_contradiction() {
    let mut index = LinkIndex::default();
    for d in story::all() {
        index.add(&d).expect("added");
    }
    assert_eq!(index.clusters().len(), 2, "{:#?}", index.clusters());
    let c = shelling(&index);
    let s = c.summary();
    assert_eq!(s.reports, 6);
    assert_eq!(s.claims, 6);
    // Reuters' two officials (relayed twice: one chain), the aid worker, the doctor.
    assert_eq!(s.independent_chains, 3, "{:?}", s.chains);
    assert_eq!(s.denials, 1);
    assert_eq!(s.contradictions, 1);
    assert_eq!(s.confirmations, 0);
    assert_eq!(s.first_seen.as_deref(), Some("2025-03-02"));
    assert!(c.contested());
    let roles: Vec<Role> = c.members.iter().map(|m| m.role).collect();
    assert_eq!(roles.iter().filter(|r| **r == Role::Support).count(), 4);
}

#[test]
fn relays_alone_add_no_chain() {
    let mut index = LinkIndex::default();
    for d in [
        story::wire(),
        story::relay_credited(),
        story::relay_uncredited(),
    ] {
        index.add(&d).expect("added");
    }
    let s = shelling(&index).summary();
    assert_eq!(s.reports, 3);
    assert_eq!(s.independent_chains, 1);
}

#[test]
fn actors_are_shared_across_reports() {
    let mut index = LinkIndex::default();
    for d in story::all() {
        index.add(&d).expect("added");
    }
    let army = index.actors().find("RURMIL");
    assert_eq!(army.len(), 1);
    let borduria = index.actors().find("Borduria");
    assert_eq!(borduria.len(), 1);
    let g = index.actors().get(borduria[0]).expect("actor");
    assert_eq!(g.reports, 7);
    // Timelines: Borduria is in both clusters; the pair only in the shelling.
    let all = index.timeline(borduria[0], None);
    assert_eq!(all.len(), 7);
    assert!(all.windows(2).all(|w| w[0].date <= w[1].date));
    let pair = index.timeline(army[0], Some(borduria[0]));
    assert_eq!(pair.len(), 6);
}

#[test]
fn incremental_adds_match_and_survive_a_round_trip() {
    let docs = story::all();
    let mut whole = LinkIndex::default();
    for d in &docs {
        whole.add(d).expect("added");
    }
    let mut part = LinkIndex::default();
    for d in &docs[..4] {
        part.add(d).expect("added");
    }
    let json = part.to_json().expect("saved");
    let mut part = LinkIndex::from_json(&json).expect("loaded");
    let mut touched = Vec::new();
    for d in &docs[4..] {
        touched.push(part.add(d).expect("added").clusters);
    }
    // The denial touches only the shelling cluster.
    assert_eq!(touched[0], vec![0]);
    let a: Vec<_> = whole.clusters().iter().map(|c| c.summary()).collect();
    let b: Vec<_> = part.clusters().iter().map(|c| c.summary()).collect();
    assert_eq!(a, b);
}

#[test]
fn the_same_report_twice_is_refused() {
    let mut index = LinkIndex::default();
    index.add(&story::wire()).expect("added");
    assert!(index.add(&story::wire()).is_err());
}

#[test]
fn a_bad_saved_index_is_an_error() {
    assert!(LinkIndex::from_json("{").is_err());
    let json = LinkIndex::default().to_json().expect("saved");
    let future = json.replacen("\"format\":1", "\"format\":99", 1);
    assert!(matches!(
        LinkIndex::from_json(&future),
        Err(byline_link::Error::Version { found: 99, .. })
    ));
}

#[test]
fn empty_and_odd_documents_do_not_panic() {
    let mut index = LinkIndex::default();
    for (i, text) in ["", " ", "\u{0}\u{ffff}", "((Reuters))", "a"]
        .iter()
        .enumerate()
    {
        let mut d = byline_model::Document::new(text.to_string());
        d.id = format!("odd-{i}");
        index.add(&d).expect("added");
    }
    assert_eq!(index.reports().len(), 5);
}
