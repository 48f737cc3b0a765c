//! The store's error type.

/// Everything that can go wrong while opening, writing or querying a store.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// SQLite reported an error.
    #[error("sqlite: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL reported an error.
    #[error("postgres: {0}")]
    Postgres(#[from] postgres::Error),
    /// A stored or given JSON value could not be read or written.
    #[error("json: {0}")]
    Json(#[from] serde_json::Error),
    /// The database was written by a newer byline than this one.
    #[error("store schema version {found} is newer than this byline supports ({supported})")]
    TooNew {
        /// Version found in the database.
        found: i64,
        /// Newest version this build knows.
        supported: i64,
    },
    /// A query argument is not usable (bad date, empty search).
    #[error("invalid query: {0}")]
    InvalidQuery(String),
    /// A file could not be created or opened.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
}

/// The store's result type.
pub type Result<T> = std::result::Result<T, Error>;
