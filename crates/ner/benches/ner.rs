//! NER speed on a fixed text of our own: tokens per second through both stages, with the default
//! beam and with greedy decoding.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

const TEXT: &str = "Foreign ministers from Jordan and Egypt met in Amman on Tuesday to discuss \
the crisis in Gaza, officials said. The United Nations Security Council will meet in New York \
next week. Karim Haddad, a spokesman for the Arab League, told reporters that talks with \
Damascus had stalled. Israeli officials declined to comment. The European Union said it would \
send aid through the Rafah crossing.";

fn sentences() -> Vec<Vec<&'static str>> {
    let layout = byline_text::analyze(TEXT);
    layout
        .sentences
        .iter()
        .map(|s| {
            layout.tokens[s.tokens.clone()]
                .iter()
                .map(|t| t.text(TEXT))
                .collect()
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let ner = byline_ner::Ner::embedded().expect("embedded model");
    let sents = sentences();
    let tokens: usize = sents.iter().map(Vec::len).sum();
    // A bench that finds nothing measures nothing.
    let found: usize = ner.entities_document(&sents).iter().map(Vec::len).sum();
    assert!(found >= 10, "only {found} entities");
    let mut g = c.benchmark_group("ner");
    g.throughput(Throughput::Elements(tokens as u64));
    g.bench_function("entities_document", |b| {
        b.iter(|| {
            let n: usize = ner.entities_document(&sents).iter().map(Vec::len).sum();
            assert_eq!(n, found);
        })
    });
    // The same through the greedy decoder (beam width 1), to see what the beam costs.
    let mut greedy = byline_ner::Ner::embedded().expect("embedded model");
    greedy.set_beam(1);
    g.bench_function("entities_document_greedy", |b| {
        b.iter(|| {
            greedy
                .entities_document(&sents)
                .iter()
                .map(Vec::len)
                .sum::<usize>()
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
