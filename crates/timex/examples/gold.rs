//! Development aid: compares the tagger with the `times` of byline-gold/1 files.
//!
//! `cargo run -p byline-timex --example gold -- FILE.gold.json…`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    for path in std::env::args().skip(1) {
        let gold = std::fs::read_to_string(&path)?;
        let field = |name: &str| -> Option<String> {
            let k = gold.find(&format!("\"{name}\""))?;
            let rest = &gold[k + name.len() + 2..];
            let q = rest.find('"')?;
            let rest = &rest[q + 1..];
            Some(rest[..rest.find('"')?].to_string())
        };
        let dir = std::path::Path::new(&path)
            .parent()
            .unwrap_or(std::path::Path::new("."));
        let text = std::fs::read_to_string(dir.join(field("text_file").unwrap_or_default()))?;
        let published = field("published").and_then(|p| byline_timex::parse_date(&p).ok());
        println!(
            "== {path} published {published:?} dateline {:?}",
            byline_timex::find_published(&text)
        );
        for t in byline_timex::tag_text(&text, published) {
            let cs = text[..t.start].chars().count();
            let ce = cs + text[t.start..t.end].chars().count();
            println!(
                "  [{cs}, {ce}] {:?} {} {:?}",
                &text[t.start..t.end],
                t.kind.as_str(),
                t.value
            );
        }
    }
    Ok(())
}
