//! The `byline` binary: flags, output formatting and exit codes over the library crates.

mod cmd;
mod input;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Who did what to whom — and who says so.
#[derive(Parser, Debug)]
#[command(name = "byline", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract byline/1 records from reports (files, or - for stdin).
    Extract(cmd::extract::Args),
    /// Score byline against gold data.
    #[command(subcommand)]
    Eval(cmd::eval::Command),
    /// Train the part-of-speech tagger, the dependency parser (CoNLL-U) or the NER (CoNLL-2003).
    Train(cmd::train::Args),
    /// Tag and parse raw text (or CoNLL-U with --conllu) to CoNLL-U.
    Parse(cmd::parse::Args),
    /// Measure the extract pipeline's speed and memory on files.
    Bench(cmd::bench::Args),
    /// Named entities in text files, or IOB2 tags appended to a CoNLL-2003 file (--conll).
    Ner(cmd::ner::Args),
    /// Read pages, feeds, WARC and JSONL; extract on every core; store (SQLite or PostgreSQL).
    Ingest(cmd::ingest::Args),
    /// Claims and events from the store.
    #[command(subcommand)]
    Query(cmd::query::Command),
    /// The store as JSONL (byline/1) or event CSV.
    Export(cmd::export::Args),
    /// Claim clusters across reports: independent source chains, confirmations, denials.
    Claims(cmd::claims::Args),
    /// Claims and events involving an actor, or a pair of actors, over time.
    Timeline(cmd::timeline::Args),
    /// Serve the JSON API and the web pages over a store.
    Serve(cmd::serve::Args),
    /// Build a store from the embedded demo story and serve it.
    Demo(cmd::demo::Args),
}

/// Exit status when every document went through.
const EXIT_OK: u8 = 0;
/// Exit status when some documents failed.
const EXIT_SOME_FAILED: u8 = 1;
/// Exit status for usage errors and fatal errors.
const EXIT_USAGE: u8 = 2;

fn main() -> ExitCode {
    quiet_on_broken_pipe();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return ExitCode::from(if e.use_stderr() { EXIT_USAGE } else { EXIT_OK });
        }
    };
    let result = match cli.command {
        Command::Extract(args) => cmd::extract::run(args),
        Command::Eval(command) => cmd::eval::run(command),
        Command::Bench(args) => cmd::bench::run(args),
        Command::Ner(args) => cmd::ner::run(args),
        Command::Ingest(args) => cmd::ingest::run(args),
        Command::Query(command) => cmd::query::run(command),
        Command::Export(args) => cmd::export::run(args),
        Command::Claims(args) => cmd::claims::run(args),
        Command::Timeline(args) => cmd::timeline::run(args),
        Command::Serve(args) => cmd::serve::run(args),
        Command::Demo(args) => cmd::demo::run(args),
        Command::Train(args) => cmd::train::run(args),
        Command::Parse(args) => cmd::parse::run(args),
    };
    match result {
        Ok(cmd::Outcome::AllOk) => ExitCode::from(EXIT_OK),
        Ok(cmd::Outcome::SomeFailed) => ExitCode::from(EXIT_SOME_FAILED),
        Err(e) if is_broken_pipe(&e) => ExitCode::from(EXIT_OK),
        Err(e) => {
            eprintln!("byline: {e:#}");
            ExitCode::from(EXIT_USAGE)
        }
    }
}

/// `println!` panics when stdout is closed (`byline query claims | head -1`). A closed stdout is not
/// an error: leave quietly with status 0 instead of printing a panic. Other panics keep the default
/// report.
fn quiet_on_broken_pipe() {
    let default = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        let payload = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("");
        if payload.contains("Broken pipe") || payload.contains("os error 32") {
            std::process::exit(i32::from(EXIT_OK));
        }
        default(info);
    }));
}

/// A closed stdout (`byline extract … | head`) is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
