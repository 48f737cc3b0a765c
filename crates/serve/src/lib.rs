//! `byline serve`: a JSON API (`/api/…`, described at `/openapi.json`) and server-rendered
//! pages over a byline store, so that a person can browse documents, claims with their
//! provenance, actors, events and timelines.
//!
//! The store is blocking (SQLite or PostgreSQL), so [`AppState`] keeps a small pool of
//! connections and runs every query on a blocking thread. The cross-report link index is kept
//! in memory and updated when a document is ingested through `POST /api/documents`.
//! Both the API ([`api`]) and the pages ([`ui`]) read through one data layer ([`data`]).
#![deny(missing_docs)]

pub mod api;
pub mod data;
pub mod demo;
pub mod error;
pub mod links;
pub mod openapi;
pub mod state;
pub mod ui;

use std::net::SocketAddr;

use axum::Router;

pub use error::{Error, Result};
pub use state::{AppState, Options};

/// The address the server binds when none is given.
pub const DEFAULT_BIND: &str = "127.0.0.1:8080";

/// Largest request body accepted (larger ones get 413).
pub const BODY_LIMIT: usize = 2 * 1024 * 1024;

/// The whole application: API, OpenAPI description and pages.
pub fn router(state: AppState) -> Router {
    Router::new()
        .merge(api::routes())
        .merge(ui::routes())
        .fallback(api::not_found)
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .layer(tower_http::limit::RequestBodyLimitLayer::new(BODY_LIMIT))
        .with_state(state)
}

/// Binds `addr` and serves until Ctrl-C (or SIGTERM). `ready` is called with the bound address
/// (useful with port 0).
pub async fn serve(
    state: AppState,
    addr: &str,
    ready: impl FnOnce(SocketAddr),
) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::bind(addr).await?;
    ready(listener.local_addr()?);
    axum::serve(listener, router(state))
        .with_graceful_shutdown(shutdown())
        .await
}

/// Serves on an already bound listener until `stop` resolves (for tests).
pub async fn serve_on(
    state: AppState,
    listener: tokio::net::TcpListener,
    stop: impl std::future::Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    axum::serve(listener, router(state))
        .with_graceful_shutdown(stop)
        .await
}

async fn shutdown() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}
