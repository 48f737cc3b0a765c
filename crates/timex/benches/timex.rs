//! Speed of time tagging on a news-like text, next to the tokenizer and sentence splitter it
//! runs after (the part of the pipeline it adds to). Asserts the number of expressions found, so
//! the bench cannot silently measure nothing.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};

const PARAGRAPH: &str = "Negotiators met in Geneva on Tuesday, officials said, and will meet \
again later this month. The ceasefire, agreed on October 15, 2019, lasted three days before \
fighting resumed around 18:00 local time. Aid convoys have crossed the border every Friday \
since 1998, the agency reported. The minister, who resigned last week, said the talks had \
been difficult but that a deal could come in the future. About 2,000 people marched in the \
capital, where shops stayed closed for 48 hours.\n\n";

/// Expressions per paragraph: Tuesday, later this month, October 15, 2019, three days,
/// around 18:00 local time, every Friday, 1998, last week, the future, 48 hours.
const PER_PARAGRAPH: usize = 10;
const PARAGRAPHS: usize = 50;

fn bench(c: &mut Criterion) {
    let text = PARAGRAPH.repeat(PARAGRAPHS);
    let published = Some(byline_timex::parse_date("2019-10-20").unwrap());
    let layout = byline_text::analyze(&text);
    let found = byline_timex::tag(&byline_timex::Request {
        text: &text,
        tokens: &layout.tokens,
        sentences: &layout.sentences,
        published,
        tags: None,
    });
    assert_eq!(found.len(), PER_PARAGRAPH * PARAGRAPHS, "{found:?}");

    let mut group = c.benchmark_group("timex");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("analyze (tokens, sentences)", |b| {
        b.iter(|| byline_text::analyze(black_box(&text)).tokens.len())
    });
    group.bench_function("tag", |b| {
        b.iter(|| {
            let n = byline_timex::tag(&byline_timex::Request {
                text: black_box(&text),
                tokens: &layout.tokens,
                sentences: &layout.sentences,
                published,
                tags: None,
            })
            .len();
            assert_eq!(n, PER_PARAGRAPH * PARAGRAPHS);
            n
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
