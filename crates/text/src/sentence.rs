//! Sentence and paragraph splitting. (Placeholder.)

use crate::Token;

/// A sentence: its byte range and its range of tokens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Indices into the token list.
    pub tokens: std::ops::Range<usize>,
}

/// A paragraph: a byte range separated from the next by a blank line.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

/// Paragraphs of `text`: runs of non-blank lines.
pub fn paragraphs(text: &str) -> Vec<Paragraph> {
    let mut out = Vec::new();
    let mut start = None;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let blank = line.trim().is_empty();
        let content_end = offset + line.trim_end().len();
        match (blank, start) {
            (false, None) => {
                let lead = line.len() - line.trim_start().len();
                start = Some((offset + lead, content_end));
            }
            (false, Some((s, _))) => start = Some((s, content_end)),
            (true, Some((s, e))) => {
                out.push(Paragraph { start: s, end: e });
                start = None;
            }
            (true, None) => {}
        }
        offset += line.len();
    }
    if let Some((s, e)) = start {
        out.push(Paragraph { start: s, end: e });
    }
    out
}

/// Splits the tokens of `text` into sentences, never across paragraphs.
pub fn split_sentences(text: &str, tokens: &[Token], paragraphs: &[Paragraph]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let mut first = 0;
    let mut para = 0;
    for (i, t) in tokens.iter().enumerate() {
        while para < paragraphs.len() && paragraphs[para].end <= t.start {
            para += 1;
        }
        let last_in_para = tokens
            .get(i + 1)
            .is_none_or(|n| para < paragraphs.len() && n.start >= paragraphs[para].end);
        let stop = matches!(t.text(text), "." | "!" | "?");
        if stop || last_in_para {
            out.push(Sentence {
                start: tokens[first].start,
                end: t.end,
                tokens: first..i + 1,
            });
            first = i + 1;
        }
    }
    out
}
