//! Shared server state: a small pool of blocking store connections, the link index kept in
//! memory, the extraction pipeline and the optional write token.

use std::sync::{Arc, Mutex, RwLock};

use byline_extract::Pipeline;
use byline_store::Store;
use tokio::sync::Semaphore;

use crate::error::{Error, Result};
use crate::links::{link_pending, Links};

/// How many store connections the pool opens at most.
pub const DEFAULT_POOL_SIZE: usize = 8;

/// Everything a handler needs. Cheap to clone (one `Arc`).
#[derive(Clone)]
pub struct AppState {
    inner: Arc<Inner>,
}

struct Inner {
    /// What the store was opened from (may hold a password: never shown).
    db: String,
    target: String,
    idle: Mutex<Vec<Store>>,
    permits: Semaphore,
    token: Option<String>,
    pipeline: Arc<Pipeline>,
    link: RwLock<Links>,
    /// Serialises writes (ingest + link) so that the link index and the store stay in step.
    writer: tokio::sync::Mutex<()>,
}

impl std::fmt::Debug for AppState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AppState")
            .field("target", &self.inner.target)
            .field("writes", &self.inner.token.is_some())
            .finish()
    }
}

/// How to build an [`AppState`].
#[derive(Clone, Debug, Default)]
pub struct Options {
    /// A SQLite file or a `postgres://…` URL.
    pub db: String,
    /// The bearer token that write endpoints require; `None` disables them.
    pub token: Option<String>,
    /// Store connections kept open at most (0: [`DEFAULT_POOL_SIZE`]).
    pub pool_size: usize,
}

impl AppState {
    /// Opens the store (bringing its schema and link tables up to date), loads the link index
    /// and the extraction pipeline. Blocking: call it before starting the runtime or inside
    /// `spawn_blocking`.
    pub fn open(options: &Options) -> Result<AppState> {
        let mut store = Store::open(&options.db)?;
        let link = link_pending(&mut store)?;
        let pipeline = Pipeline::new()?;
        let size = if options.pool_size == 0 {
            DEFAULT_POOL_SIZE
        } else {
            options.pool_size
        };
        Ok(AppState {
            inner: Arc::new(Inner {
                db: options.db.clone(),
                target: store.target().to_string(),
                idle: Mutex::new(vec![store]),
                permits: Semaphore::new(size),
                token: options.token.clone().filter(|t| !t.is_empty()),
                pipeline: Arc::new(pipeline),
                link: RwLock::new(link),
                writer: tokio::sync::Mutex::new(()),
            }),
        })
    }

    /// The file or URL (password removed) of the store.
    pub fn target(&self) -> &str {
        &self.inner.target
    }

    /// Whether write endpoints are enabled (a token is configured).
    pub fn writes_enabled(&self) -> bool {
        self.inner.token.is_some()
    }

    /// Checks an `Authorization` header value against the token.
    pub fn authorize(&self, header: Option<&str>) -> Result<()> {
        let Some(token) = &self.inner.token else {
            return Err(Error::WritesDisabled);
        };
        let given = header
            .and_then(|h| h.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(Error::Unauthorized)?;
        if constant_time_eq(given.as_bytes(), token.as_bytes()) {
            Ok(())
        } else {
            Err(Error::Unauthorized)
        }
    }

    /// The extraction pipeline.
    pub fn pipeline(&self) -> Arc<Pipeline> {
        self.inner.pipeline.clone()
    }

    /// Runs `f` with a pooled store connection and read access to the link index, on a
    /// blocking thread.
    pub async fn read<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, &Links) -> Result<T> + Send + 'static,
    {
        let state = self.clone();
        self.with_store(move |store| {
            let link = state
                .inner
                .link
                .read()
                .map_err(|_| Error::Internal("link index lock poisoned".into()))?;
            f(store, &link)
        })
        .await
    }

    /// Runs `f` with a pooled store connection and write access to the link index, one writer
    /// at a time.
    pub async fn write<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store, &mut Links) -> Result<T> + Send + 'static,
    {
        let _one_writer = self.inner.writer.lock().await;
        let state = self.clone();
        self.with_store(move |store| {
            // Work on a copy so readers are not held up while the store writes; swap at the end.
            let mut link = state
                .inner
                .link
                .read()
                .map_err(|_| Error::Internal("link index lock poisoned".into()))?
                .clone();
            let out = f(store, &mut link)?;
            *state
                .inner
                .link
                .write()
                .map_err(|_| Error::Internal("link index lock poisoned".into()))? = link;
            Ok(out)
        })
        .await
    }

    async fn with_store<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Store) -> Result<T> + Send + 'static,
    {
        let _permit = self
            .inner
            .permits
            .acquire()
            .await
            .map_err(|_| Error::Internal("store pool closed".into()))?;
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            let pooled = state.inner.idle.lock().ok().and_then(|mut v| v.pop());
            let mut store = match pooled {
                Some(s) => s,
                None => Store::open(&state.inner.db)?,
            };
            let out = f(&mut store);
            if let Ok(mut idle) = state.inner.idle.lock() {
                idle.push(store);
            }
            out
        })
        .await
        .map_err(|e| Error::Internal(format!("worker: {e}")))?
    }
}

fn constant_time_eq(a: &[u8], b: &[u8]) -> bool {
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}
