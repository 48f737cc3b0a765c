//! `byline demo`: builds a store from the demo corpus embedded in the binary and serves it.

use anyhow::{Context as _, Result};

use super::Outcome;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The SQLite file (or postgres://… URL) to fill [default: byline-demo.db in the system's
    /// temporary folder].
    #[arg(long, value_name = "FILE.db|URL")]
    db: Option<String>,
    /// Address to listen on.
    #[arg(long, default_value = byline_serve::DEFAULT_BIND, value_name = "ADDR")]
    bind: String,
    /// Build (or bring up to date) the demo store, print its path and exit without serving.
    #[arg(long)]
    build_only: bool,
    /// Bearer token that enables the write endpoints [default: $BYLINE_TOKEN].
    #[arg(long, value_name = "TOKEN")]
    token: Option<String>,
}

pub fn run(args: Args) -> Result<Outcome> {
    let db = args.db.unwrap_or_else(|| {
        std::env::temp_dir()
            .join("byline-demo.db")
            .to_string_lossy()
            .into_owned()
    });
    let built = byline_serve::demo::build(&db)
        .with_context(|| format!("cannot build the demo store {db}"))?;
    eprintln!(
        "byline: demo store {db}: {} reports added, {} already there",
        built.added, built.already
    );
    if args.build_only {
        println!("{db}");
        return Ok(Outcome::AllOk);
    }
    let token = args
        .token
        .or_else(|| std::env::var("BYLINE_TOKEN").ok())
        .filter(|t| !t.is_empty());
    super::serve::serve(
        byline_serve::Options {
            db,
            token,
            pool_size: 0,
        },
        &args.bind,
    )
}
