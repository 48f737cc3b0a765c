//! `byline ner`: named entities. With `--conll FILE`, reads CoNLL-2003 column format and prints
//! every line with the predicted IOB2 tag appended as a last column; otherwise reads text files
//! and prints one JSON object a file with its entities (byte-free: code-point spans).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context as _, Result};
use byline_ner::Ner;

use super::Outcome;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A CoNLL-2003 column file to tag.
    #[arg(long, value_name = "FILE", conflicts_with = "files")]
    conll: Option<PathBuf>,
    /// Text files to find entities in (- reads stdin).
    #[arg(value_name = "FILE", required_unless_present = "conll")]
    files: Vec<String>,
    /// A model file to use instead of the built-in one (written by `byline train ner`).
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
}

/// The model at `path`, or the built-in one.
pub fn load(path: Option<&Path>) -> Result<Ner> {
    Ok(match path {
        Some(p) => Ner::from_path(p).with_context(|| format!("loading {}", p.display()))?,
        None => Ner::embedded().context("loading the built-in NER model")?,
    })
}

/// IOB2 tags for every token line of a CoNLL-2003 text, in order.
pub fn tag_conll(ner: &Ner, docs: &[byline_ner::conll::Doc]) -> Vec<Vec<Vec<String>>> {
    docs.iter()
        .map(|d| {
            let words: Vec<Vec<&str>> = d
                .sentences
                .iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect();
            ner.tag_document(&words)
        })
        .collect()
}

pub fn run(args: Args) -> Result<Outcome> {
    let ner = load(args.model.as_deref())?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if let Some(path) = &args.conll {
        let text = std::fs::read_to_string(path)
            .with_context(|| format!("{}: cannot read as UTF-8 text", path.display()))?;
        let docs = byline_ner::conll::parse(&text);
        let tags: Vec<String> = tag_conll(&ner, &docs)
            .into_iter()
            .flatten()
            .flatten()
            .collect();
        let mut next = tags.iter();
        for line in text.lines() {
            let line = line.trim_end_matches('\r');
            if line.trim().is_empty() || line.starts_with("-DOCSTART-") {
                writeln!(out, "{line}")?;
            } else {
                let tag = next.next().map_or("O", String::as_str);
                writeln!(out, "{line} {tag}")?;
            }
        }
        out.flush()?;
        return Ok(Outcome::AllOk);
    }
    let mut failed = 0;
    for f in &args.files {
        let text = if f == "-" {
            let mut s = String::new();
            std::io::Read::read_to_string(&mut std::io::stdin(), &mut s).map(|_| s)
        } else {
            std::fs::read_to_string(f)
        };
        let text = match text {
            Ok(t) => t,
            Err(e) => {
                failed += 1;
                eprintln!("byline: {f}: {e}");
                continue;
            }
        };
        let layout = byline_text::analyze(&text);
        let chars = byline_model::CharMap::new(&text);
        let sentences: Vec<Vec<&str>> = layout
            .sentences
            .iter()
            .map(|s| {
                layout.tokens[s.tokens.clone()]
                    .iter()
                    .map(|t| t.text(&text))
                    .collect()
            })
            .collect();
        let mut entities = Vec::new();
        for (s, ents) in layout
            .sentences
            .iter()
            .zip(ner.entities_document(&sentences))
        {
            for e in ents {
                let toks = &layout.tokens[s.tokens.clone()];
                let (start, end) = (toks[e.start].start, toks[e.end - 1].end);
                entities.push(serde_json::json!({
                    "span": chars.span(start, end),
                    "text": &text[start..end],
                    "type": e.kind,
                }));
            }
        }
        writeln!(
            out,
            "{}",
            serde_json::json!({ "file": f, "entities": entities })
        )?;
    }
    out.flush()?;
    Ok(if failed == 0 {
        Outcome::AllOk
    } else {
        Outcome::SomeFailed
    })
}
