//! Errors of the cross-document index.

/// What can go wrong linking reports.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A saved index could not be read or written.
    #[error("link index: {0}")]
    Json(#[from] serde_json::Error),
    /// A saved index has a format this version cannot read.
    #[error("link index format {found} is not supported (this build reads {oldest} to {current})")]
    Version {
        /// Version found in the file.
        found: u32,
        /// Oldest version this build reads.
        oldest: u32,
        /// Version this build writes.
        current: u32,
    },
    /// A document was added twice.
    #[error("document {0} is already in the index")]
    Duplicate(String),
}

/// Result of the cross-document index.
pub type Result<T> = std::result::Result<T, Error>;
