//! Per-document annotators over parsed sentences, and the pipeline that runs them.
//!
//! [`Pipeline::extract`] turns one [`Input`] into a `byline/1` [`Document`](byline_model::Document): it normalises the
//! text, splits it into tokens, sentences and paragraphs, and runs each annotator in turn (times,
//! actors, attribution, events). Layers not built yet stay empty.
//!
//! ```
//! use byline_extract::{Input, Pipeline};
//!
//! let pipeline = Pipeline::new().unwrap();
//! let doc = pipeline.extract(&Input::new("The minister said talks went well.")).unwrap();
//! assert_eq!(doc.sentences.len(), 1);
//! ```
#![deny(missing_docs)]

mod actors;
mod attribution;
mod context;
mod error;
pub mod events;
mod pipeline;
mod times;

pub use attribution::chooser::{
    collect_choices, SourceCandidate, SourceChoice, MARGIN as SOURCE_MARGIN,
};
pub use attribution::judge::{
    collect_drafts, collect_drafts_with, with_draft_judge, with_overrides, DraftExample, Overrides,
    JUDGE_LEXICAL,
};
pub use error::{Error, Result};
pub use pipeline::{Config, Input, Pipeline, DEFAULT_MAX_BYTES};
