//! `byline export`: the store as JSONL (`byline/1`, exactly as `byline extract` prints it) or
//! GDELT-style event CSV.

use std::io::Write;

use anyhow::{Context as _, Result};
use clap::ValueEnum;

use super::Outcome;

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One byline/1 document a line.
    Jsonl,
    /// One event a row, GDELT-style columns.
    Csv,
    /// Apache Parquet (events); needs a build with `--features parquet`.
    Parquet,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The store: a SQLite file or a postgres://… URL [default: $BYLINE_DB, else byline.db].
    #[arg(long, value_name = "FILE.db|URL")]
    db: Option<String>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Write to this file instead of stdout.
    #[arg(long, short, value_name = "FILE")]
    output: Option<std::path::PathBuf>,
}

/// The CSV columns, one event a row.
const EVENT_COLUMNS: &[&str] = &[
    "doc_id", "event_id", "date", "type", "mode", "cameo", "actor", "actor_code", "target",
    "target_code", "polarity", "status", "trigger", "claim", "url",
];

pub fn run(args: Args) -> Result<Outcome> {
    let mut store = super::query::open(&args.db)?;
    let sink: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::new(sink);
    match args.format {
        Format::Jsonl => {
            let mut io_err = None;
            store.for_each_document(|json| {
                if io_err.is_none() {
                    io_err = writeln!(out, "{json}").err();
                }
                Ok(())
            })?;
            if let Some(e) = io_err {
                return Err(e.into());
            }
        }
        Format::Csv => {
            let mut w = csv::Writer::from_writer(&mut out);
            w.write_record(EVENT_COLUMNS)?;
            let mut csv_err = None;
            store.for_each_event(|e| {
                let s = |k: &str| e.json[k].as_str().unwrap_or("").to_string();
                let row = [
                    e.doc_id.clone(),
                    e.event_id.clone(),
                    e.date.clone().unwrap_or_default(),
                    e.event_type.clone().unwrap_or_default(),
                    s("mode"),
                    s("cameo"),
                    e.actor.clone().unwrap_or_default(),
                    e.actor_code.clone().unwrap_or_default(),
                    e.target.clone().unwrap_or_default(),
                    e.target_code.clone().unwrap_or_default(),
                    s("polarity"),
                    s("status"),
                    e.json["trigger"]["text"].as_str().unwrap_or("").to_string(),
                    s("claim"),
                    e.url.clone().unwrap_or_default(),
                ];
                if csv_err.is_none() {
                    csv_err = w.write_record(&row).err();
                }
                Ok(())
            })?;
            if let Some(e) = csv_err {
                return Err(e.into());
            }
            w.flush()?;
        }
        Format::Parquet => {
            anyhow::bail!("this byline was built without Parquet support (rebuild with --features parquet)");
        }
    }
    out.flush()?;
    Ok(Outcome::AllOk)
}
