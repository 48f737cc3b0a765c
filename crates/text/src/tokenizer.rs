//! The tokenizer. (Placeholder: splits on whitespace and punctuation; UD conventions to come.)

/// One token: a byte range of the normalised text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Token {
    /// The token's text in `text`.
    pub fn text(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

/// Splits `text` into tokens.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            if start.is_none() {
                start = Some(i);
            }
            continue;
        }
        if let Some(s) = start.take() {
            out.push(Token { start: s, end: i });
        }
        if !c.is_whitespace() {
            out.push(Token {
                start: i,
                end: i + c.len_utf8(),
            });
        }
    }
    if let Some(s) = start {
        out.push(Token {
            start: s,
            end: text.len(),
        });
    }
    out
}
