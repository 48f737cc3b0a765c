//! Adding one report to an index that already holds 100,000 claims (generated).

use std::time::Instant;

use byline_link::LinkIndex;
use byline_model::{
    Actor, ActorKind, Claim, Document, Event, EventStatus, EventType, Factuality, Mention,
    Polarity, Source, SourceKind, Span,
};
use criterion::{criterion_group, criterion_main, Criterion};

const CLAIMS: usize = 100_000;
const CLAIMS_PER_REPORT: usize = 10;
const TYPES: [EventType; 6] = [
    EventType::Assault,
    EventType::Consult,
    EventType::Aid,
    EventType::Accuse,
    EventType::Protest,
    EventType::Agree,
];

/// A tiny deterministic generator (xorshift), so every run builds the same index.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

fn word(i: usize) -> String {
    const SYL: [&str; 12] = [
        "ka", "lo", "mi", "ne", "ru", "ta", "vo", "zi", "pe", "sa", "do", "gu",
    ];
    format!(
        "{}{}{}",
        SYL[i % 12],
        SYL[(i / 12) % 12],
        SYL[(i / 144) % 12]
    )
}

fn report(rng: &mut Rng, n: usize) -> Document {
    let mut text = String::new();
    let mut doc = Document::new(String::new());
    doc.id = format!("gen-{n}");
    doc.outlet = Some(format!("Outlet {}", rng.below(300)));
    doc.published = Some(format!(
        "2025-{:02}-{:02}",
        1 + rng.below(12),
        1 + rng.below(28)
    ));
    for k in 0..CLAIMS_PER_REPORT {
        let a = rng.below(400);
        let t = rng.below(400);
        let start = text.chars().count();
        let who = format!("Country{a}");
        let whom = format!("Country{t}");
        let words: Vec<String> = (0..8).map(|_| word(rng.below(1500))).collect();
        let sentence = format!("{who} {} {whom} {}", words[0], words[1..].join(" "));
        let source = format!("official{}", rng.below(50));
        text.push_str(&sentence);
        text.push_str(", ");
        let src_start = text.chars().count();
        text.push_str(&source);
        text.push_str(" said. ");
        let len = sentence.chars().count();
        let (aid, tid) = (format!("a{}", 2 * k), format!("a{}", 2 * k + 1));
        for (id, name, at) in [
            (&aid, &who, start),
            (&tid, &whom, start + who.len() + words[0].len() + 2),
        ] {
            doc.actors.push(Actor {
                id: id.clone(),
                name: name.clone(),
                kind: ActorKind::Country,
                country: Some(name.to_uppercase()),
                code: Some(name.to_uppercase()),
                roles: Vec::new(),
                mentions: vec![Mention {
                    span: Span::new(at, at + name.chars().count()),
                    text: name.clone(),
                }],
            });
        }
        doc.sources.push(Source {
            id: format!("s{k}"),
            span: Span::new(src_start, src_start + source.len()),
            text: source,
            kind: SourceKind::Anonymous,
            count: None,
            seniority: None,
            role: Some("official".into()),
            affiliation: Some(aid.clone()),
            actor: None,
            refers_to: Vec::new(),
        });
        doc.claims.push(Claim {
            id: format!("c{k}"),
            span: Span::new(start, start + len),
            text: sentence,
            sources: vec![format!("s{k}")],
            cue: None,
            quote: false,
            factuality: Factuality::Reported,
            parent: None,
            events: vec![format!("e{k}")],
        });
        let trig = start + who.len() + 1;
        doc.events.push(Event {
            id: format!("e{k}"),
            kind: TYPES[rng.below(TYPES.len())],
            mode: None,
            cameo: None,
            trigger: Mention {
                span: Span::new(trig, trig + words[0].len()),
                text: words[0].clone(),
            },
            actor: Some(aid),
            target: Some(tid),
            location: None,
            time: None,
            polarity: Polarity::Positive,
            status: EventStatus::Actual,
            claim: Some(format!("c{k}")),
        });
    }
    doc.text = text;
    doc
}

fn bench_add(c: &mut Criterion) {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut index = LinkIndex::default();
    let built = Instant::now();
    let mut n = 0;
    while index.claim_count() < CLAIMS {
        index.add(&report(&mut rng, n)).expect("generated report");
        n += 1;
    }
    eprintln!(
        "built an index of {} claims in {} clusters from {n} reports in {:.1?}",
        index.claim_count(),
        index.clusters().len(),
        built.elapsed()
    );
    let one = report(&mut rng, n);
    n += 1;
    let t = Instant::now();
    let added = index.add(&one).expect("one report");
    let took = t.elapsed();
    eprintln!("one report ({CLAIMS_PER_REPORT} claims) added in {took:.2?}");
    assert!(took.as_secs_f64() < 1.0, "adding one report took {took:?}");
    assert!(!added.clusters.is_empty());

    let mut added_claims = 0;
    c.bench_function("add one report to an index of 100k claims", |b| {
        b.iter(|| {
            let d = report(&mut rng, n);
            n += 1;
            let added = index.add(&d).expect("generated report");
            added_claims += added.clusters.len();
        })
    });
    // The bench must have measured real work.
    assert!(added_claims > 0);
    assert!(index.claim_count() >= CLAIMS + CLAIMS_PER_REPORT);
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20);
    targets = bench_add
}
criterion_main!(benches);
