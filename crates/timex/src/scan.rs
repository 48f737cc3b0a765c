//! Pieces: the tokens of `byline_text`, cut further into runs of letters, runs of digits and single
//! other characters, so that the grammar sees the same pieces whatever the tokenizer does with
//! "18:00", "1990s", "Oct." or "2019-10-15".

use byline_text::Token;

use crate::lexicon::{lookup, Lex};

/// What a piece is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    Digits,
    Other(char),
}

/// One piece of a token.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Piece {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// What the word means to the grammar, if anything.
    pub lex: Option<Lex>,
    /// Value of a run of digits (saturating).
    pub num: u32,
    /// Number of digits of a run of digits.
    pub digits: u8,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Follows the previous piece with no space between them.
    pub glued: bool,
}

impl Piece {
    pub(crate) fn is_char(&self, c: char) -> bool {
        self.kind == Kind::Other(c)
    }
}

/// Cuts `tokens` of `text` into pieces.
pub(crate) fn pieces(text: &str, tokens: &[Token]) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::with_capacity(tokens.len() + tokens.len() / 4);
    let mut prev_end = usize::MAX;
    for t in tokens {
        let Some(tok) = text.get(t.start..t.end) else {
            continue;
        };
        let mut run_start = 0;
        let mut run_kind: Option<Kind> = None;
        for (i, c) in tok.char_indices() {
            let k = if c.is_alphabetic() {
                Kind::Word
            } else if c.is_ascii_digit() {
                Kind::Digits
            } else {
                Kind::Other(c)
            };
            match run_kind {
                Some(rk) if rk == k && !matches!(k, Kind::Other(_)) => continue,
                Some(rk) => {
                    push(
                        &mut out,
                        text,
                        t.start + run_start,
                        t.start + i,
                        rk,
                        &mut prev_end,
                    );
                }
                None => {}
            }
            run_start = i;
            run_kind = Some(k);
        }
        if let Some(rk) = run_kind {
            push(
                &mut out,
                text,
                t.start + run_start,
                t.end,
                rk,
                &mut prev_end,
            );
        }
    }
    out
}

fn push(
    out: &mut Vec<Piece>,
    text: &str,
    start: usize,
    end: usize,
    kind: Kind,
    prev_end: &mut usize,
) {
    let s = &text[start..end];
    let (lex, num, digits) = match kind {
        Kind::Word => (lookup(s), 0, 0),
        Kind::Digits => {
            let num = s.bytes().fold(0u32, |n, b| {
                n.saturating_mul(10).saturating_add(u32::from(b - b'0'))
            });
            (None, num, s.len().min(255) as u8)
        }
        Kind::Other(_) => (None, 0, 0),
    };
    let cap = s.chars().next().is_some_and(char::is_uppercase);
    out.push(Piece {
        start,
        end,
        kind,
        lex,
        num,
        digits,
        cap,
        glued: *prev_end == start,
    });
    *prev_end = end;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_digits_letters_and_marks() {
        let text = "In the 1990s, at 18:00 on 2019-10-15.";
        let layout = byline_text::analyze(text);
        let p = pieces(text, &layout.tokens);
        let words: Vec<&str> = p.iter().map(|p| &text[p.start..p.end]).collect();
        assert_eq!(
            words,
            [
                "In", "the", "1990", "s", ",", "at", "18", ":", "00", "on", "2019", "-", "10", "-",
                "15", "."
            ]
        );
        assert!(p[3].glued && !p[2].glued);
        assert_eq!(p[2].num, 1990);
        assert_eq!(p[2].digits, 4);
        assert!(p[0].cap);
    }
}
