//! TIMEX3 time expressions: recognition in news text and normalisation against the publication date.
#![deny(missing_docs)]
