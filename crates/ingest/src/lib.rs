//! Readers and the ingest run: plain text, HTML pages (main content and metadata), RSS and
//! Atom feeds (files or URLs), WARC and WARC.gz, JSONL; each document extracted and stored.
//!
//! Every reader is guarded by size limits ([`Limits`]): files over the limit are refused before
//! they are read, decompression stops at a cap (a gzip bomb costs nothing), WARC records over
//! the limit are skipped. Declared encodings are honoured (BOM, HTTP header, `<meta charset>`,
//! XML declaration). Reports not in English are stored and flagged, not mis-extracted.
//!
//! ```
//! use byline_ingest::{ingest, Options};
//!
//! let dir = tempfile::tempdir().unwrap();
//! let page = dir.path().join("a.txt");
//! std::fs::write(&page, "The port authority said on Monday that the new terminal would open in May.").unwrap();
//! let mut store = byline_store::Store::open(dir.path().join("b.db").to_str().unwrap()).unwrap();
//! let pipeline = byline_extract::Pipeline::new().unwrap();
//! let inputs = vec![page.display().to_string()];
//! let first = ingest(&inputs, &mut store, &pipeline, &Options::default(), &mut |_| {}).unwrap();
//! assert_eq!(first.progress.added, 1);
//! // a second run finds the file finished and adds nothing
//! let again = ingest(&inputs, &mut store, &pipeline, &Options::default(), &mut |_| {}).unwrap();
//! assert_eq!((again.progress.added, again.progress.sources_skipped), (0, 1));
//! ```
#![deny(missing_docs)]

mod decode;
mod error;
pub mod feed;
pub mod html;
pub mod lang;
mod limits;
pub mod read;
mod run;
pub mod warc;

pub use error::{Error, Result};
pub use limits::Limits;
pub use read::{kind_of, Kind, Record};
pub use run::{content_id, ingest, Options, Progress, Summary};
