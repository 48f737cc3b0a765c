//! The demo corpus: one story told by several outlets on different days, embedded in the binary
//! so that `byline demo` works from any directory.
//!
//! Each report is a text file with a small header (`outlet:`, `published:`, `url:`, `title:`
//! and, for a rewrite, `relayed_from:` lines, then a blank line) followed by the report's text.
//! `relayed_from` stands for the wire credit a publisher's feed carries: the invented wire of
//! the demo is not one the extractor knows by name.

use byline_extract::{Input, Pipeline};
use byline_store::{Status, Store, Write};

use crate::error::{Error, Result};
use crate::links::link_pending;

/// The demo reports: file name and contents.
pub const REPORTS: &[(&str, &str)] = &[
    (
        "01-meridian-wire.txt",
        include_str!("../../../examples/demo/01-meridian-wire.txt"),
    ),
    (
        "02-harbour-times.txt",
        include_str!("../../../examples/demo/02-harbour-times.txt"),
    ),
    (
        "03-coastline-daily.txt",
        include_str!("../../../examples/demo/03-coastline-daily.txt"),
    ),
    (
        "04-meridian-wire.txt",
        include_str!("../../../examples/demo/04-meridian-wire.txt"),
    ),
    (
        "05-valletta-evening-post.txt",
        include_str!("../../../examples/demo/05-valletta-evening-post.txt"),
    ),
    (
        "06-harbour-times.txt",
        include_str!("../../../examples/demo/06-harbour-times.txt"),
    ),
    (
        "07-meridian-wire.txt",
        include_str!("../../../examples/demo/07-meridian-wire.txt"),
    ),
];

/// One demo report, parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// The file it came from.
    pub name: String,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Outlets it passes on (comma-separated in the header).
    pub relayed_from: Vec<String>,
    /// The text.
    pub text: String,
}

/// Parses a report file: header lines, a blank line, the text.
pub fn parse(name: &str, contents: &str) -> Result<Report> {
    let (head, body) = contents
        .split_once("\n\n")
        .ok_or_else(|| Error::BadRequest(format!("{name}: no blank line after the header")))?;
    let mut r = Report {
        name: name.to_string(),
        outlet: None,
        published: None,
        url: None,
        title: None,
        relayed_from: Vec::new(),
        text: body.trim().to_string(),
    };
    for line in head.lines() {
        let (key, value) = line
            .split_once(':')
            .ok_or_else(|| Error::BadRequest(format!("{name}: header line {line:?}")))?;
        let value = Some(value.trim().to_string()).filter(|v| !v.is_empty());
        match key.trim() {
            "outlet" => r.outlet = value,
            "published" => r.published = value,
            "url" => r.url = value,
            "title" => r.title = value,
            "relayed_from" => {
                r.relayed_from = value
                    .unwrap_or_default()
                    .split(',')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            }
            other => {
                return Err(Error::BadRequest(format!(
                    "{name}: unknown header {other:?}"
                )))
            }
        }
    }
    Ok(r)
}

/// Every demo report, parsed.
pub fn reports() -> Result<Vec<Report>> {
    REPORTS.iter().map(|(n, c)| parse(n, c)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_demo_report_parses() {
        let all = reports().unwrap();
        assert_eq!(all.len(), REPORTS.len());
        for r in &all {
            assert!(r.outlet.is_some() && r.published.is_some() && r.title.is_some());
            assert!(r.text.len() > 200, "{}", r.name);
        }
        assert!(all.iter().any(|r| !r.relayed_from.is_empty()));
    }

    #[test]
    fn headers_are_checked() {
        let r = parse("x.txt", "outlet: A\nrelayed_from: B, C\n\nSome text.").unwrap();
        assert_eq!(r.relayed_from, vec!["B", "C"]);
        assert_eq!(r.text, "Some text.");
        assert!(parse("x.txt", "no header").is_err());
        assert!(parse("x.txt", "colour: red\n\ntext").is_err());
    }
}

/// What building the demo store did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Built {
    /// Reports newly stored.
    pub added: u64,
    /// Reports stored before.
    pub already: u64,
}

/// Extracts every demo report into the store at `db` (created if needed) and links them.
/// Running it again adds nothing.
pub fn build(db: &str) -> Result<Built> {
    let pipeline = Pipeline::new()?;
    let mut store = Store::open(db)?;
    let mut built = Built::default();
    for r in reports()? {
        let mut input = Input::new(r.text.clone());
        input.outlet = r.outlet.clone();
        input.published = r.published.clone();
        input.url = r.url.clone();
        input.title = r.title.clone();
        let mut doc = pipeline.extract(&input)?;
        if doc.id.is_empty() {
            doc.id = byline_ingest::content_id(&doc.text);
        }
        if doc.relayed_from.is_empty() {
            doc.relayed_from = r.relayed_from.clone();
        }
        let json =
            serde_json::to_string(&doc).map_err(|e| Error::Internal(format!("{}: {e}", r.name)))?;
        let written = store.write(&[Write::Document {
            doc: Box::new(doc),
            json,
            status: Status::Extracted,
            source: format!("demo:{}", r.name),
        }])?;
        if written.added > 0 {
            built.added += 1;
        } else {
            built.already += 1;
        }
    }
    link_pending(&mut store)?;
    Ok(built)
}
