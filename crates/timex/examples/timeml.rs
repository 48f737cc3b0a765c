//! Development aid: scores the tagger on TimeML folders and lists its errors.
//!
//! `cargo run --release -p byline-timex --example timeml -- DIR… [--errors]`
//! (the same figures as `byline eval timeml`, without the CLI).

use byline_eval::timeml::{read_dir, score, Annotation, Scores};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let errors = args.iter().any(|a| a == "--errors");
    let mut total = Scores::default();
    for dir in args.iter().filter(|a| !a.starts_with("--")) {
        for doc in read_dir(std::path::Path::new(dir))? {
            let dct = doc
                .dct
                .as_deref()
                .and_then(|d| byline_timex::parse_date(d).ok());
            let sys: Vec<Annotation> = byline_timex::tag_text(&doc.text, dct)
                .into_iter()
                .map(|t| Annotation {
                    start: t.start,
                    end: t.end,
                    kind: t.kind.as_str().to_string(),
                    value: t.value.unwrap_or_default(),
                })
                .collect();
            total.add(score(&doc.timexes, &sys));
            if errors {
                let name = doc
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy())
                    .unwrap_or_default();
                let show = |a: &Annotation| doc.text[a.start..a.end].replace('\n', " ");
                let ctx = |a: &Annotation| {
                    let mut s = a.start.saturating_sub(40);
                    while !doc.text.is_char_boundary(s) {
                        s -= 1;
                    }
                    let mut e = (a.end + 30).min(doc.text.len());
                    while !doc.text.is_char_boundary(e) {
                        e += 1;
                    }
                    doc.text[s..e].replace('\n', " ")
                };
                let ov = |a: &Annotation, b: &Annotation| a.start < b.end && b.start < a.end;
                for g in &doc.timexes {
                    match sys.iter().find(|s| ov(g, s)) {
                        None => println!(
                            "MISS\t{name}\t{}\t{} {}\t|{}",
                            show(g),
                            g.kind,
                            g.value,
                            ctx(g)
                        ),
                        Some(s) if s.value != g.value => println!(
                            "VALUE\t{name}\t{}\t{} {}\t=> {}\t{} {}\t|{}",
                            show(g),
                            g.kind,
                            g.value,
                            show(s),
                            s.kind,
                            s.value,
                            ctx(g)
                        ),
                        Some(_) => {}
                    }
                }
                for s in &sys {
                    if !doc.timexes.iter().any(|g| ov(g, s)) {
                        println!(
                            "SPUR\t{name}\t{}\t{} {}\t|{}",
                            show(s),
                            s.kind,
                            s.value,
                            ctx(s)
                        );
                    }
                }
            }
        }
    }
    for (n, c) in [
        ("strict", total.strict),
        ("relaxed", total.relaxed),
        ("type", total.kind),
        ("value", total.value),
    ] {
        println!(
            "{n:<8} P {:.4} R {:.4} F1 {:.4}  ({}/{}/{})",
            c.precision(),
            c.recall(),
            c.f1(),
            c.correct,
            c.predicted,
            c.gold
        );
    }
    println!(
        "type acc {:.4} value acc {:.4}",
        total.type_accuracy(),
        total.value_accuracy()
    );
    Ok(())
}
