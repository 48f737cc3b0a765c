//! Text layer: normalisation with offset maps, a UD-style tokenizer, a sentence and paragraph
//! splitter.
//!
//! All offsets here are **byte** offsets into the normalised text; the `byline/1` output converts
//! them to code points with [`byline_model::CharMap`].
//!
//! ```
//! let layout = byline_text::analyze("Israel said it left. Syria did not.");
//! assert_eq!(layout.sentences.len(), 2);
//! assert_eq!(layout.tokens[0].text("Israel said it left. Syria did not."), "Israel");
//! ```
#![deny(missing_docs)]

mod normalize;
mod sentence;
mod tokenizer;

pub use normalize::{normalize, Normalized};
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
