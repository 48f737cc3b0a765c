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
    /// One event a row: GDELT-like columns plus provenance (sources, kinds, factuality).
    GdeltCsv,
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
    /// Export events (GDELT-like columns plus provenance): with --format gdelt-csv or jsonl.
    #[arg(long)]
    events: bool,
}

/// The CSV columns, one event a row.
const EVENT_COLUMNS: &[&str] = &[
    "doc_id",
    "event_id",
    "date",
    "type",
    "mode",
    "cameo",
    "actor",
    "actor_code",
    "target",
    "target_code",
    "polarity",
    "status",
    "trigger",
    "claim",
    "url",
];

/// One event as CSV/Parquet cells, in [`EVENT_COLUMNS`] order.
fn event_row(e: &byline_store::EventRow) -> Vec<String> {
    let s = |k: &str| e.json[k].as_str().unwrap_or("").to_string();
    vec![
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
    ]
}

pub fn run(args: Args) -> Result<Outcome> {
    let mut store = super::query::open(&args.db)?;
    if args.format == Format::Parquet && !args.events {
        #[cfg(feature = "parquet")]
        {
            let file: Box<dyn Write + Send> = match &args.output {
                Some(p) => Box::new(
                    std::fs::File::create(p)
                        .with_context(|| format!("cannot create {}", p.display()))?,
                ),
                None => Box::new(std::io::stdout()),
            };
            parquet_events(&mut store, file)?;
            return Ok(Outcome::AllOk);
        }
        #[cfg(not(feature = "parquet"))]
        anyhow::bail!(
            "this byline was built without Parquet support \
             (cargo build --release -p byline-cli --features parquet)"
        );
    }
    let sink: Box<dyn Write> = match &args.output {
        Some(p) => Box::new(
            std::fs::File::create(p).with_context(|| format!("cannot create {}", p.display()))?,
        ),
        None => Box::new(std::io::stdout().lock()),
    };
    let mut out = std::io::BufWriter::new(sink);
    if args.events || args.format == Format::GdeltCsv {
        let format = match args.format {
            Format::Jsonl => super::export_events::EventFormat::Jsonl,
            _ => super::export_events::EventFormat::GdeltCsv,
        };
        super::export_events::write(&mut store, &mut out, format)?;
        out.flush()?;
        return Ok(Outcome::AllOk);
    }
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
                let row = event_row(e);
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
        // Written above, with the events.
        Format::GdeltCsv => {}
        // Written above, to its own Send sink.
        Format::Parquet => {}
    }
    out.flush()?;
    Ok(Outcome::AllOk)
}

/// Events as Parquet, one row group per 8,192 events, every column UTF-8.
#[cfg(feature = "parquet")]
fn parquet_events(store: &mut byline_store::Store, out: Box<dyn Write + Send>) -> Result<()> {
    use std::sync::Arc;

    use arrow_array::{ArrayRef, RecordBatch, StringArray};
    use arrow_schema::{DataType, Field, Schema};

    let schema = Arc::new(Schema::new(
        EVENT_COLUMNS
            .iter()
            .map(|c| Field::new(*c, DataType::Utf8, false))
            .collect::<Vec<_>>(),
    ));
    let mut writer = parquet::arrow::ArrowWriter::try_new(out, schema.clone(), None)?;
    let mut columns: Vec<Vec<String>> = vec![Vec::new(); EVENT_COLUMNS.len()];
    let flush = |columns: &mut Vec<Vec<String>>,
                 writer: &mut parquet::arrow::ArrowWriter<Box<dyn Write + Send>>|
     -> Result<()> {
        if columns[0].is_empty() {
            return Ok(());
        }
        let arrays: Vec<ArrayRef> = columns
            .iter_mut()
            .map(|c| Arc::new(StringArray::from(std::mem::take(c))) as ArrayRef)
            .collect();
        writer.write(&RecordBatch::try_new(schema.clone(), arrays)?)?;
        Ok(())
    };
    let mut failed: Option<anyhow::Error> = None;
    store.for_each_event(|e| {
        for (col, cell) in columns.iter_mut().zip(event_row(e)) {
            col.push(cell);
        }
        if columns[0].len() >= 8192 && failed.is_none() {
            failed = flush(&mut columns, &mut writer).err();
        }
        Ok(())
    })?;
    if let Some(e) = failed {
        return Err(e);
    }
    flush(&mut columns, &mut writer)?;
    writer.close()?;
    Ok(())
}
