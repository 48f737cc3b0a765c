//! The pipeline: input → normalised text → layout → annotators → `byline/1`.

use byline_model::{CharMap, Document};
use sha2::{Digest, Sha256};

use std::path::PathBuf;

use crate::actors::Actors;
use crate::attribution::Attribution;
use crate::context::Context;
use crate::events::Events;
use crate::times::Times;
use crate::{Error, Result};

/// Largest document accepted by default (bytes).
pub const DEFAULT_MAX_BYTES: usize = 64 << 20;

/// One document to extract from, with what the caller knows about it.
#[derive(Clone, Debug, Default)]
pub struct Input {
    /// The raw text.
    pub text: String,
    /// Publication date, ISO 8601.
    pub published: Option<String>,
    /// The outlet that published it.
    pub outlet: Option<String>,
    /// Where it came from.
    pub url: Option<String>,
    /// Its headline.
    pub title: Option<String>,
}

impl Input {
    /// An input holding only text.
    pub fn new(text: impl Into<String>) -> Input {
        Input {
            text: text.into(),
            ..Input::default()
        }
    }
}

/// Where the pipeline finds user lexicons and models (built-in ones are always there).
#[derive(Clone, Debug, Default)]
pub struct Config {
    /// Folders of user lexicon files that extend or override the built-in ones.
    pub lexicon_dirs: Vec<PathBuf>,
    /// A folder of model files to load instead of the embedded ones.
    pub model_dir: Option<PathBuf>,
}

/// Runs every annotator over a document. Loaded once, shared across threads.
#[derive(Debug)]
pub struct Pipeline {
    max_bytes: usize,
    models: byline_nlp::Models,
    times: Times,
    actors: Actors,
    attribution: Attribution,
    events: Events,
}

impl Pipeline {
    /// A pipeline with the built-in models and lexicons.
    pub fn new() -> Result<Pipeline> {
        Pipeline::with_config(&Config::default())
    }

    /// A pipeline with user lexicons and models as `config` says.
    pub fn with_config(config: &Config) -> Result<Pipeline> {
        Ok(Pipeline {
            max_bytes: DEFAULT_MAX_BYTES,
            models: byline_nlp::Models::load(config.model_dir.as_deref()).map_err(|e| {
                Error::Load {
                    what: "tagger and parser".into(),
                    message: e.to_string(),
                }
            })?,
            times: Times::load(config)?,
            actors: Actors::load(config)?,
            attribution: Attribution::load(config)?,
            events: Events::load(config)?,
        })
    }

    /// Sets the largest document accepted, in bytes.
    pub fn with_max_bytes(mut self, max_bytes: usize) -> Pipeline {
        self.max_bytes = max_bytes;
        self
    }

    /// Extracts one document.
    pub fn extract(&self, input: &Input) -> Result<Document> {
        if input.text.len() > self.max_bytes {
            return Err(Error::TooLarge {
                size: input.text.len(),
                limit: self.max_bytes,
            });
        }
        check_not_binary(&input.text)?;
        let published = match &input.published {
            Some(p) => Some(check_date(p)?),
            None => None,
        };
        let normalized = byline_text::normalize(&input.text);
        if normalized.text.trim().is_empty() {
            return Err(Error::Empty);
        }
        let mut doc = Document::new(normalized.text);
        doc.id = content_id(&doc.text);
        doc.url = input.url.clone();
        doc.outlet = input.outlet.clone();
        doc.title = input.title.clone();
        doc.published = published;

        let layout = byline_text::analyze(&doc.text);
        let chars = CharMap::new(&doc.text);
        doc.paragraphs = layout
            .paragraphs
            .iter()
            .map(|p| chars.span(p.start, p.end))
            .collect();
        doc.sentences = layout
            .sentences
            .iter()
            .map(|s| chars.span(s.start, s.end))
            .collect();
        let syntax = self.models.analyze_layout(&doc.text, &layout);
        let mut cx = Context {
            chars,
            layout,
            doc,
            syntax,
        };
        self.times.annotate(&mut cx);
        self.actors.annotate(&mut cx);
        self.attribution.annotate(&mut cx);
        self.events.annotate(&mut cx);
        Ok(cx.doc)
    }
}

/// Hex SHA-256 of the normalised text, first 16 bytes.
fn content_id(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Rejects text that is mostly control characters (a binary file read as text).
fn check_not_binary(text: &str) -> Result<()> {
    let mut sampled = 0;
    let mut control = 0;
    for c in text.chars().take(8192) {
        sampled += 1;
        if c == '\0' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c')) {
            control += 1;
        }
    }
    if control > 0 && (text.contains('\0') || control * 10 > sampled) {
        return Err(Error::Binary { control, sampled });
    }
    Ok(())
}

/// Accepts `YYYY-MM-DD` (optionally followed by a time) and returns the date part.
fn check_date(s: &str) -> Result<String> {
    let date = s.get(..10).unwrap_or(s);
    let b = date.as_bytes();
    let ok = b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
        && (1..=12).contains(&date[5..7].parse::<u32>().unwrap_or(0))
        && (1..=31).contains(&date[8..10].parse::<u32>().unwrap_or(0));
    if ok {
        Ok(date.to_string())
    } else {
        Err(Error::BadDate(s.to_string()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_point_at_their_text() {
        let p = Pipeline::new().unwrap();
        let doc = p
            .extract(&Input::new("Ça va. «Oui», dit-il.\n\nNew paragraph here."))
            .unwrap();
        for s in &doc.sentences {
            assert!(doc.slice(*s).is_some());
        }
        assert_eq!(doc.paragraphs.len(), 2);
        assert_eq!(doc.id.len(), 32);
    }

    #[test]
    fn rejects_bad_input() {
        let p = Pipeline::new().unwrap();
        assert!(matches!(p.extract(&Input::new("  \n ")), Err(Error::Empty)));
        assert!(matches!(
            p.extract(&Input::new("ab\0\0\u{1}cd")),
            Err(Error::Binary { .. })
        ));
        let mut i = Input::new("Text.");
        i.published = Some("16/09/2025".into());
        assert!(matches!(p.extract(&i), Err(Error::BadDate(_))));
        i.published = Some("2025-09-16T10:00:00Z".into());
        assert_eq!(
            p.extract(&i).unwrap().published.as_deref(),
            Some("2025-09-16")
        );
        let big = Pipeline::new().unwrap().with_max_bytes(3);
        assert!(matches!(
            big.extract(&Input::new("abcd")),
            Err(Error::TooLarge { .. })
        ));
    }
}
