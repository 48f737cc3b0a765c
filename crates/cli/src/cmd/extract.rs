//! `byline extract`: reports in, byline/1 JSON out.

use std::io::Write;

use anyhow::Result;
use byline_extract::Pipeline;
use clap::ValueEnum;
use rayon::prelude::*;

use super::Outcome;
use crate::input::{read_jsonl, read_text, Loaded};

/// Output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One pretty-printed JSON object (one input only).
    Json,
    /// One JSON object a line.
    Jsonl,
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Folders of user lexicon files (TSV) that extend or override the built-in ones.
    #[arg(long, value_name = "DIR")]
    lexicon: Vec<std::path::PathBuf>,
    /// A folder of model files (tagger.bin, parser.bin) to use instead of the embedded ones.
    #[arg(long, value_name = "DIR")]
    models: Option<std::path::PathBuf>,
    /// Files to read; - reads stdin.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    /// Publication date (YYYY-MM-DD) for documents that do not carry one.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Outlet name for documents that do not carry one.
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,
    /// URL for documents that do not carry one.
    #[arg(long, value_name = "URL")]
    url: Option<String>,
    /// Output format; the default is json for one input and jsonl for several.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Read each input as JSON lines with fields text, published, outlet, url, title.
    #[arg(long)]
    jsonl_in: bool,
}

pub fn run(args: Args) -> Result<Outcome> {
    let pipeline = Pipeline::with_config(&byline_extract::Config {
        lexicon_dirs: args.lexicon.clone(),
        model_dir: args.models.clone(),
    })?;
    let mut docs: Vec<Loaded> = Vec::new();
    for f in &args.files {
        if args.jsonl_in {
            docs.extend(read_jsonl(f));
        } else {
            docs.push(read_text(f));
        }
    }
    let format = args.format.unwrap_or(if docs.len() == 1 && !args.jsonl_in {
        Format::Json
    } else {
        Format::Jsonl
    });
    if format == Format::Json && docs.len() > 1 {
        anyhow::bail!(
            "--format json takes one document; {} were given (use --format jsonl)",
            docs.len()
        );
    }
    let results: Vec<(String, Result<String>)> = docs
        .into_par_iter()
        .map(|loaded| {
            let out = loaded.input.and_then(|mut input| {
                input.published = input.published.or_else(|| args.published.clone());
                input.outlet = input.outlet.or_else(|| args.outlet.clone());
                input.url = input.url.or_else(|| args.url.clone());
                let doc = pipeline.extract(&input)?;
                Ok(match format {
                    Format::Json => serde_json::to_string_pretty(&doc)?,
                    Format::Jsonl => serde_json::to_string(&doc)?,
                })
            });
            (loaded.name, out)
        })
        .collect();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0;
    for (name, result) in results {
        match result {
            Ok(json) => writeln!(out, "{json}")?,
            Err(e) => {
                failed += 1;
                eprintln!("byline: {name}: {e:#}");
            }
        }
    }
    out.flush()?;
    Ok(if failed == 0 {
        Outcome::AllOk
    } else {
        Outcome::SomeFailed
    })
}
