//! `byline eval`: score byline against gold data.

use anyhow::Result;

use super::Outcome;

#[derive(clap::Subcommand, Debug)]
pub enum Command {}

pub fn run(command: Command) -> Result<Outcome> {
    match command {}
}
