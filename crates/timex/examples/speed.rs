//! Development aid: time tagging alone (tokens and sentences computed beforehand) on files,
//! to compare with `byline bench` on the same files.
//!
//! `cargo run --release -p byline-timex --example speed -- FILE…`

use std::time::Instant;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut texts = Vec::new();
    for f in std::env::args().skip(1) {
        texts.push(std::fs::read_to_string(f)?);
    }
    let layouts: Vec<_> = texts.iter().map(|t| byline_text::analyze(t)).collect();
    let published = byline_timex::parse_date("2020-01-01").ok();
    let bytes: usize = texts.iter().map(String::len).sum();
    let passes = 200;
    let start = Instant::now();
    let mut found = 0;
    for _ in 0..passes {
        for (t, l) in texts.iter().zip(&layouts) {
            found += byline_timex::tag(&byline_timex::Request {
                text: t,
                tokens: &l.tokens,
                sentences: &l.sentences,
                published,
                tags: None,
            })
            .len();
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{} bytes x {passes} passes: {:.2} MB/s, {} expressions per pass",
        bytes,
        (bytes * passes) as f64 / secs / 1e6,
        found / passes
    );
    Ok(())
}
