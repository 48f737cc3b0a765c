//! What the annotators share while they work on one document.

use byline_model::{CharMap, Document, Mention};
use byline_text::Layout;

/// One document under extraction: the text, its layout and the record being filled.
pub(crate) struct Context {
    /// Byte ↔ code-point map of `doc.text`.
    pub chars: CharMap,
    /// Tokens, sentences and paragraphs (byte offsets).
    #[allow(dead_code)]
    pub layout: Layout,
    /// The record being filled; `doc.text` is the normalised text.
    pub doc: Document,
    /// Tags, lemmas and dependency trees: `syntax[i]` is `layout.sentences[i]`, and its
    /// `words[j]` is the token `layout.tokens[layout.sentences[i].tokens.start + j]`.
    #[allow(dead_code)]
    pub syntax: Vec<byline_nlp::Analysis>,
}

impl Context {
    /// A mention of the byte range `[start, end)`.
    #[allow(dead_code)]
    pub fn mention(&self, start: usize, end: usize) -> Mention {
        Mention {
            span: self.chars.span(start, end),
            text: self.doc.text[start..end].to_string(),
        }
    }
}
