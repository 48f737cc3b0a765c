//! `byline parse`: raw text or CoNLL-U in, CoNLL-U with predicted UPOS, XPOS, LEMMA, HEAD and
//! DEPREL out.

use std::io::{Read, Write};
use std::path::PathBuf;

use anyhow::{Context as _, Result};
use byline_nlp::{conllu, Models};

use super::Outcome;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input file; - reads stdin.
    #[arg(value_name = "FILE")]
    file: String,
    /// The input is CoNLL-U: keep its tokens and sentences, predict UPOS, XPOS, LEMMA, HEAD
    /// and DEPREL, copy the other columns.
    #[arg(long)]
    conllu: bool,
    /// Folder with tagger.bin and parser.bin to use instead of the built-in models.
    #[arg(long, value_name = "DIR")]
    models: Option<PathBuf>,
}

fn read_input(file: &str) -> Result<String> {
    if file == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .context("reading stdin as UTF-8 text")?;
        Ok(s)
    } else {
        std::fs::read_to_string(file).with_context(|| format!("{file}: cannot read as UTF-8 text"))
    }
}

pub fn run(args: Args) -> Result<Outcome> {
    let models = Models::load(args.models.as_deref()).context("loading the models")?;
    let input = read_input(&args.file)?;
    let out = if args.conllu {
        let mut sentences =
            conllu::parse(&input).with_context(|| format!("{}: not valid CoNLL-U", args.file))?;
        for s in &mut sentences {
            models.annotate(s);
        }
        conllu::write(&sentences)
    } else {
        let normalized = byline_text::normalize(&input);
        let sentences: Vec<conllu::Sentence> = models
            .parse_text(&normalized.text)
            .into_iter()
            .map(|(s, _)| s)
            .collect();
        conllu::write(&sentences)
    };
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(out.as_bytes())?;
    stdout.flush()?;
    Ok(Outcome::AllOk)
}
