//! One module per subcommand.

pub mod bench;
pub mod eval;
pub mod extract;
pub mod parse;
pub mod train;

/// How a command that processes many documents ended.
pub enum Outcome {
    /// Every document went through.
    AllOk,
    /// Some documents failed; each was reported on stderr.
    SomeFailed,
}
