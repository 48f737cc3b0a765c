//! The `byline/1` record types.
//!
//! A [`Document`] is what `byline extract` prints for one report: the normalised text that every
//! offset refers to, and the layers extracted from it (sentences, actors, sources, claims, quotes,
//! events, times and notices). Every item carries a [`Span`] in Unicode code points into
//! [`Document::text`] and its own text, so consumers never slice.
//!
//! ```
//! use byline_model::{Document, Span};
//!
//! let mut doc = Document::new("Israel said so.".to_string());
//! doc.sentences.push(Span::new(0, 15));
//! assert_eq!(doc.slice(doc.sentences[0]), Some("Israel said so."));
//! let json = serde_json::to_string(&doc).unwrap();
//! assert!(json.starts_with(r#"{"schema":"byline/1""#));
//! ```
#![deny(missing_docs)]

mod document;
mod span;

pub use document::*;
pub use span::{CharMap, Span};

/// The schema name written in every document.
pub const SCHEMA: &str = "byline/1";

/// The JSON Schema of `byline/1`, as committed in `schema/byline-1.schema.json`.
pub const JSON_SCHEMA: &str = include_str!("../schema/byline-1.schema.json");
