//! Text layer: normalisation with offset maps, a UD-style tokenizer, a sentence and paragraph
//! splitter.
//!
//! All offsets here are **byte** offsets into the normalised text; the `byline/1` output converts
//! them to code points with [`byline_model::CharMap`].
//!
//! ```
//! let raw = "Mr. Smith didn't go.\r\nHe said: \"No. Not today.\" Then he left.";
//! let norm = byline_text::normalize(raw);
//! let text = norm.text.as_str();
//! let layout = byline_text::analyze(text);
//! let sentences: Vec<&str> = layout.sentences.iter().map(|s| &text[s.start..s.end]).collect();
//! assert_eq!(
//!     sentences,
//!     ["Mr. Smith didn't go.", "He said: \"No.", "Not today.\"", "Then he left."]
//! );
//! let first: Vec<&str> = layout.tokens[..5].iter().map(|t| t.text(text)).collect();
//! assert_eq!(first, ["Mr.", "Smith", "did", "n't", "go"]);
//! ```
#![deny(missing_docs)]

mod normalize;
mod sentence;
mod tables;
mod tokenizer;

pub use normalize::{normalize, Normalized, OffsetMap};
pub use sentence::{paragraphs, split_sentences, Paragraph, Sentence};
pub use tokenizer::{tokenize, Token};

/// Tokens, sentences and paragraphs of one normalised text.
#[derive(Clone, Debug, Default)]
pub struct Layout {
    /// Every token, in order.
    pub tokens: Vec<Token>,
    /// Sentences, in order; each names its range of tokens.
    pub sentences: Vec<Sentence>,
    /// Paragraphs, in order.
    pub paragraphs: Vec<Paragraph>,
}

/// Tokenizes `text` and splits it into sentences and paragraphs.
pub fn analyze(text: &str) -> Layout {
    let tokens = tokenize(text);
    let paragraphs = paragraphs(text);
    let sentences = split_sentences(text, &tokens, &paragraphs);
    Layout {
        tokens,
        sentences,
        paragraphs,
    }
}
