//! Built-in, user-extensible lexicons: actors, places, titles, demonyms, reporting cues, hedges,
//! event patterns.
#![deny(missing_docs)]

pub mod actors;
pub mod cues;
mod error;
pub mod events;
mod files;

pub use error::{Error, Result};
