//! `byline serve`: the JSON API and the web pages over a store.

use anyhow::{Context as _, Result};

use super::Outcome;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The store: a SQLite file or a postgres://… URL [default: $BYLINE_DB, else byline.db].
    #[arg(long, value_name = "FILE.db|URL")]
    db: Option<String>,
    /// Address to listen on.
    #[arg(long, default_value = byline_serve::DEFAULT_BIND, value_name = "ADDR")]
    bind: String,
    /// Bearer token that enables POST /api/extract and POST /api/documents [default: $BYLINE_TOKEN;
    /// without one, write endpoints answer 403].
    #[arg(long, value_name = "TOKEN")]
    token: Option<String>,
    /// Store connections kept open at most.
    #[arg(long, default_value_t = byline_serve::state::DEFAULT_POOL_SIZE, value_name = "N")]
    pool: usize,
}

/// The store a command names: `--db`, else `$BYLINE_DB`, else `byline.db`.
pub(crate) fn store_target(db: &Option<String>) -> String {
    db.clone()
        .or_else(|| std::env::var("BYLINE_DB").ok().filter(|v| !v.is_empty()))
        .unwrap_or_else(|| byline_store::DEFAULT_DB.to_string())
}

/// Opens the state and serves until Ctrl-C.
pub(crate) fn serve(options: byline_serve::Options, bind: &str) -> Result<Outcome> {
    let state = byline_serve::AppState::open(&options)
        .with_context(|| format!("cannot open store {}", options.db))?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")?;
    let writes = state.writes_enabled();
    let target = state.target().to_string();
    runtime
        .block_on(byline_serve::serve(state, bind, |addr| {
            eprintln!(
                "byline: serving {target} on http://{addr}/ (API: http://{addr}/api/stats, \
                 OpenAPI: http://{addr}/openapi.json; writes {}); Ctrl-C stops",
                if writes { "enabled" } else { "disabled" }
            );
        }))
        .with_context(|| format!("cannot serve on {bind}"))?;
    Ok(Outcome::AllOk)
}

pub fn run(args: Args) -> Result<Outcome> {
    let token = args
        .token
        .or_else(|| std::env::var("BYLINE_TOKEN").ok())
        .filter(|t| !t.is_empty());
    serve(
        byline_serve::Options {
            db: store_target(&args.db),
            token,
            pool_size: args.pool,
        },
        &args.bind,
    )
}
