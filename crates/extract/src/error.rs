//! Errors of the extract pipeline.

/// What can go wrong while extracting one document.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The document holds no text once normalised.
    #[error("empty document: no text to extract from")]
    Empty,
    /// The document looks like binary data, not text.
    #[error(
        "binary data, not text ({control} control characters in the first {sampled} characters)"
    )]
    Binary {
        /// Control characters seen.
        control: usize,
        /// Characters sampled.
        sampled: usize,
    },
    /// The document is larger than the configured limit.
    #[error("document of {size} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// Its size.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// A lexicon or model could not be loaded.
    #[error("cannot load {what}: {message}")]
    Load {
        /// The lexicon or model file.
        what: String,
        /// Why.
        message: String,
    },
    /// A publication date that is not ISO 8601.
    #[error("publication date {0:?} is not an ISO 8601 date (YYYY-MM-DD)")]
    BadDate(String),
}

/// Result with the pipeline's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
