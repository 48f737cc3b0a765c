//! `byline export --events --format gdelt-csv|jsonl`: one event a row (or a line) with GDELT-like
//! columns plus byline's provenance (sources, source kinds, factuality), from the stored
//! `byline/1` documents. The row mapping lives in `byline_extract::events::gdelt_row`.

use std::io::Write;

use anyhow::{Context as _, Result};
use byline_extract::events::{gdelt_json, gdelt_row, GDELT_COLUMNS};
use byline_model::Document;
use byline_store::Store;

/// How the events are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EventFormat {
    /// CSV with a header row.
    GdeltCsv,
    /// One JSON object a line, keyed by the same column names.
    Jsonl,
}

/// Writes every event of every stored document.
pub fn write(store: &mut Store, out: &mut dyn Write, format: EventFormat) -> Result<()> {
    let mut failure: Option<anyhow::Error> = None;
    match format {
        EventFormat::GdeltCsv => {
            let mut csv = csv::Writer::from_writer(out);
            csv.write_record(GDELT_COLUMNS)?;
            store.for_each_document(|json| {
                if failure.is_none() {
                    failure = parse(json)
                        .and_then(|doc| {
                            for e in &doc.events {
                                csv.write_record(gdelt_row(&doc, e))?;
                            }
                            Ok(())
                        })
                        .err();
                }
                Ok(())
            })?;
            csv.flush()?;
        }
        EventFormat::Jsonl => {
            store.for_each_document(|json| {
                if failure.is_none() {
                    failure = parse(json)
                        .and_then(|doc| {
                            for e in &doc.events {
                                writeln!(out, "{}", gdelt_json(&doc, e))?;
                            }
                            Ok(())
                        })
                        .err();
                }
                Ok(())
            })?;
        }
    }
    match failure {
        Some(e) => Err(e),
        None => Ok(()),
    }
}

fn parse(json: &str) -> Result<Document> {
    serde_json::from_str(json).context("a stored document is not byline/1")
}
