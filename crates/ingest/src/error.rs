//! The ingest error type: every variant names the document or source it is about.

/// What can go wrong reading or storing one input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be opened or read.
    #[error("cannot read: {0}")]
    Io(#[from] std::io::Error),
    /// An input is larger than the limit for its kind.
    #[error("{what} exceeds the limit of {limit} bytes")]
    TooLarge {
        /// What was too large ("file of 104857600 bytes", "decompressed data").
        what: String,
        /// The limit.
        limit: u64,
    },
    /// gzip data that ends early or is corrupt.
    #[error("gzip: {0}")]
    Gzip(String),
    /// A WARC file that is malformed or truncated.
    #[error("warc: {0}")]
    Warc(String),
    /// A feed that is not well-formed RSS or Atom.
    #[error("feed: {0}")]
    Feed(String),
    /// Text that cannot be decoded.
    #[error("encoding: {0}")]
    Encoding(String),
    /// An HTML page without article text.
    #[error("html: {0}")]
    Html(String),
    /// A JSON line that is not a document.
    #[error("jsonl: {0}")]
    Json(String),
    /// A URL that could not be fetched.
    #[error("fetch {url}: {message}")]
    Fetch {
        /// The URL.
        url: String,
        /// Why.
        message: String,
    },
    /// The extract pipeline refused the document.
    #[error("extract: {0}")]
    Extract(#[from] byline_extract::Error),
    /// The store failed; fatal for the run.
    #[error("store: {0}")]
    Store(#[from] byline_store::Error),
}

/// The ingest result type.
pub type Result<T> = std::result::Result<T, Error>;
