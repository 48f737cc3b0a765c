//! Scorers for gold sets: CoNLL-U, CoNLL NER, TimeML, byline-gold/1, PolNeAR, PLOVER.
#![deny(missing_docs)]

pub mod prf;
