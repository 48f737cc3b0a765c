//! `byline ingest`: read pages, feeds, WARC and JSONL, extract on every core, store.

use anyhow::{Context as _, Result};
use byline_extract::Pipeline;
use byline_ingest::{ingest, Options, Progress};

use super::Outcome;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files, folders (read recursively) and http(s) URLs of pages or feeds.
    #[arg(required = true, value_name = "PATH|URL")]
    inputs: Vec<String>,
    /// The store: a SQLite file (created on first use) or a postgres://… URL [default: $BYLINE_DB, else byline.db].
    #[arg(long, value_name = "FILE.db|URL")]
    db: Option<String>,
    /// Publication date (YYYY-MM-DD) for documents that carry none.
    #[arg(long, value_name = "DATE")]
    published: Option<String>,
    /// Outlet name for documents that carry none.
    #[arg(long, value_name = "NAME")]
    outlet: Option<String>,
    /// Never fetch the pages feed items link to; use the item's own content or summary.
    #[arg(long)]
    no_fetch: bool,
    /// Extract every document as English, without language detection.
    #[arg(long)]
    no_language_check: bool,
    /// Documents per transaction.
    #[arg(long, default_value_t = 32, value_name = "N")]
    batch: usize,
    /// Worker threads (default: every core).
    #[arg(long, value_name = "N")]
    threads: Option<usize>,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
    /// Print the summary as JSON on stdout.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> Result<Outcome> {
    if let Some(n) = args.threads {
        rayon::ThreadPoolBuilder::new()
            .num_threads(n.max(1))
            .build_global()
            .context("cannot start worker threads")?;
    }
    let pipeline = Pipeline::new()?;
    let mut store = super::query::open(&args.db)?;
    let options = Options {
        fetch: !args.no_fetch,
        batch: args.batch,
        published: args.published.clone(),
        outlet: args.outlet.clone(),
        detect_language: !args.no_language_check,
        ..Options::default()
    };
    let bar = if args.quiet {
        indicatif::ProgressBar::hidden()
    } else {
        let bar = indicatif::ProgressBar::new_spinner();
        bar.set_style(
            indicatif::ProgressStyle::with_template("{spinner} {elapsed_precise} {msg}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
        );
        bar.enable_steady_tick(std::time::Duration::from_millis(200));
        bar
    };
    let summary = ingest(
        &args.inputs,
        &mut store,
        &pipeline,
        &options,
        &mut |p: &Progress| {
            bar.set_message(format!(
                "{} documents ({} new, {} already stored), {:.0} docs/s, {} errors",
                p.added + p.duplicates,
                p.added,
                p.duplicates,
                p.docs_per_second(),
                p.errors
            ));
        },
    )?;
    bar.finish_and_clear();
    let p = &summary.progress;
    if args.json {
        let out = serde_json::json!({
            "store": store.target(),
            "sources": p.sources,
            "sources_skipped": p.sources_skipped,
            "units": p.units,
            "added": p.added,
            "duplicates": p.duplicates,
            "not_english": p.not_english,
            "errors": p.errors,
            "seconds": p.elapsed.as_secs_f64(),
            "docs_per_second": p.docs_per_second(),
            "errors_by_kind": summary.errors_by_kind.iter().map(|(k, n)| serde_json::json!({"kind": k, "count": n})).collect::<Vec<_>>(),
        });
        println!("{out}");
    } else {
        eprintln!(
            "byline: ingested into {}: {} new documents ({} not English), {} already stored, {} errors; \
             {} sources ({} finished earlier) in {:.1}s, {:.1} docs/s",
            store.target(),
            p.added,
            p.not_english,
            p.duplicates,
            p.errors,
            p.sources,
            p.sources_skipped,
            p.elapsed.as_secs_f64(),
            p.docs_per_second()
        );
        for (kind, n) in &summary.errors_by_kind {
            eprintln!("  {n:>6} × {kind}");
        }
        for (source, message) in summary.first_errors.iter().take(10) {
            eprintln!("  {source}: {message}");
        }
        if p.errors > 0 {
            eprintln!(
                "  (all errors: byline query errors --db {})",
                store.target()
            );
        }
    }
    Ok(if p.errors == 0 {
        Outcome::AllOk
    } else {
        Outcome::SomeFailed
    })
}
