//! Errors of the time tagger.

/// What can go wrong.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A publication date that is not an ISO 8601 calendar date.
    #[error("{0:?} is not an ISO 8601 date (YYYY-MM-DD): {1}")]
    BadDate(String, String),
}

/// Result with the tagger's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
