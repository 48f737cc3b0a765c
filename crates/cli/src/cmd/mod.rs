//! One module per subcommand.

pub mod bench;
pub mod eval;
pub mod extract;

/// How a command that processes many documents ended.
pub enum Outcome {
    /// Every document went through.
    AllOk,
    /// Some documents failed; each was reported on stderr.
    SomeFailed,
}
