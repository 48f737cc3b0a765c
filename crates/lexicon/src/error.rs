//! The one error type of the lexicon crate: reading and parsing lexicon files.

use std::path::PathBuf;

/// What can go wrong while loading lexicon files (actors, cues, event patterns).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or folder could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A line is malformed.
    #[error("{file}:{line}: {message}")]
    Parse {
        /// The file.
        file: String,
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// Result with the lexicon's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
