//! Readers: plain text, HTML main content, RSS/Atom feeds, WARC, JSONL.
#![deny(missing_docs)]
