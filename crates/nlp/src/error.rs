//! Errors of the nlp crate.

/// What can go wrong while loading, training or running a model.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A model file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A model file is not a byline model, or is corrupt.
    #[error("model {model}: {message}")]
    BadModel {
        /// Which model (file name or "embedded tagger").
        model: String,
        /// What is wrong with it.
        message: String,
    },
    /// A model of a format version this build cannot read.
    #[error("model {model}: format version {found} is not supported (this build reads {oldest}..={current})")]
    Version {
        /// Which model.
        model: String,
        /// The version in the file.
        found: u16,
        /// Oldest version read.
        oldest: u16,
        /// Newest version read.
        current: u16,
    },
    /// A CoNLL-U file could not be read.
    #[error("{file}: {source}")]
    Conllu {
        /// The file.
        file: String,
        /// The error.
        source: crate::conllu::ParseError,
    },
    /// Training data that cannot be used.
    #[error("training data: {0}")]
    Training(String),
}

/// Result with the nlp crate's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
