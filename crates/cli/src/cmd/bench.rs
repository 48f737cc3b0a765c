//! `byline bench`: words/s and MB/s per core, and peak memory, for the extract pipeline.

use std::time::Instant;

use anyhow::{Context as _, Result};
use byline_extract::{Input, Pipeline};

use super::Outcome;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Text files to run the pipeline over (one document each).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<String>,
    /// Passes over the files.
    #[arg(long, default_value_t = 3)]
    passes: usize,
    /// Print the figures as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<Outcome> {
    let load_start = Instant::now();
    let pipeline = Pipeline::new()?;
    let load_secs = load_start.elapsed().as_secs_f64();
    let mut texts = Vec::new();
    for f in &args.files {
        texts.push(
            std::fs::read_to_string(f)
                .with_context(|| format!("{f}: cannot read as UTF-8 text"))?,
        );
    }
    let bytes: usize = texts.iter().map(String::len).sum();
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();
    // One warm-up pass, then timed passes on this one thread.
    for t in &texts {
        let _ = pipeline.extract(&Input::new(t.as_str()));
    }
    let passes = args.passes.max(1);
    let start = Instant::now();
    let mut items = 0usize;
    for _ in 0..passes {
        for t in &texts {
            if let Ok(doc) = pipeline.extract(&Input::new(t.as_str())) {
                items += doc.sentences.len();
            }
        }
    }
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    let words_per_sec = (words * passes) as f64 / secs;
    let mb_per_sec = (bytes * passes) as f64 / secs / 1e6;
    let peak = peak_memory_kib();
    if args.json {
        println!(
            "{}",
            serde_json::json!({
                "documents": texts.len(), "words": words, "bytes": bytes, "passes": passes,
                "seconds": secs, "words_per_sec_per_core": words_per_sec,
                "mb_per_sec_per_core": mb_per_sec, "model_load_seconds": load_secs,
                "peak_memory_kib": peak, "sentences": items / passes,
            })
        );
    } else {
        println!("documents        {}", texts.len());
        println!("words            {words}");
        println!("bytes            {bytes}");
        println!("passes           {passes}");
        println!("sentences/pass   {}", items / passes);
        println!("words/s/core     {words_per_sec:.0}");
        println!("MB/s/core        {mb_per_sec:.2}");
        println!("load time        {load_secs:.3} s");
        match peak {
            Some(kib) => println!("peak memory      {:.1} MiB", kib as f64 / 1024.0),
            None => println!("peak memory      unknown"),
        }
    }
    Ok(Outcome::AllOk)
}

/// Peak resident set size of this process, from /proc (Linux).
fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}
