//! Speed of the tokenizer and sentence splitter on generated news-like text.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

/// About `bytes` of generated news-style text (our own words, not corpus text), in paragraphs.
fn generate(bytes: usize) -> String {
    const SUBJECTS: &[&str] = &[
        "Officials in Damascus",
        "Mr. al-Sharaa",
        "The U.S. envoy",
        "Two senior commanders",
        "Gen. Smith",
        "A Western diplomat",
    ];
    const VERBS: &[&str] = &[
        "said",
        "didn't confirm",
        "told reporters",
        "stressed",
        "noted",
    ];
    const TAILS: &[&str] = &[
        "that 3,000 fighters had left on Jan. 5, 2019-10-15 at 9:30 a.m.",
        "\u{201C}the talks are moving forward. This matters,\u{201D} adding that nothing was signed",
        "the deal, worth $1.5 billion (about 20% more), wasn't final",
        "they'd visit https://example.org/news?id=42 or write to desk@example.org",
        "the region's well-known e-mail rules \u{2014} and the army's \u{2014} still apply...",
    ];
    let mut out = String::with_capacity(bytes + 200);
    let mut i = 0usize;
    while out.len() < bytes {
        let s = SUBJECTS[i % SUBJECTS.len()];
        let v = VERBS[(i / 3) % VERBS.len()];
        let t = TAILS[(i / 7) % TAILS.len()];
        out.push_str(s);
        out.push(' ');
        out.push_str(v);
        out.push(' ');
        out.push_str(t);
        out.push_str(if i % 5 == 4 { ".\n\n" } else { ". " });
        i += 1;
    }
    out
}

fn bench(c: &mut Criterion) {
    let text = generate(4 << 20);
    let layout = byline_text::analyze(&text);
    let sentences = layout.sentences.len();
    let tokens = layout.tokens.len();
    // The bench must measure real work: about one sentence per 95 bytes, 20 tokens each.
    assert!(sentences > text.len() / 200, "{sentences} sentences");
    assert!(tokens > sentences * 10, "{tokens} tokens");
    let mut group = c.benchmark_group("text");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.sample_size(10);
    group.bench_function("analyze", |b| {
        b.iter(|| {
            let l = byline_text::analyze(std::hint::black_box(&text));
            assert_eq!(l.sentences.len(), sentences);
            l.tokens.len()
        })
    });
    group.bench_function("tokenize", |b| {
        b.iter(|| {
            let t = byline_text::tokenize(std::hint::black_box(&text));
            assert_eq!(t.len(), tokens);
        })
    });
    group.bench_function("normalize", |b| {
        b.iter(|| {
            byline_text::normalize(std::hint::black_box(&text))
                .text
                .len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
