//! One module per subcommand.

pub mod bench;
pub mod claims;
pub mod demo;
pub mod eval;
pub mod export;
pub mod export_events;
pub mod extract;
pub mod ingest;
pub mod ner;
pub mod parse;
pub mod query;
pub mod serve;
pub mod timeline;
pub mod train;
pub mod train_ner;

/// How a command that processes many documents ended.
pub enum Outcome {
    /// Every document went through.
    AllOk,
    /// Some documents failed; each was reported on stderr.
    SomeFailed,
}
