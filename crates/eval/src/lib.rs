//! Scorers for gold sets: CoNLL-U, CoNLL NER, TimeML, byline-gold/1, PolNeAR, PLOVER.
#![deny(missing_docs)]

pub mod coref;
pub mod ecb;
mod error;
pub mod gold;
pub mod ner;
pub mod parsing;
pub mod plover;
pub mod polnear;
pub mod prf;
pub mod segmentation;
pub mod timeml;

pub use error::{Error, Result};
