//! Sentence and paragraph splitting over the tokens of a normalised text.
//!
//! A blank line ends a paragraph, and every paragraph end ends a sentence. Inside a paragraph a
//! sentence ends:
//! - after `.`, `!`, `?`, an ellipsis or a run such as `?!`, followed by any closing quotes or
//!   brackets attached to it, when the next token can open a sentence (not a lowercase word, not
//!   `,` `;` `:`): so `"Deal. This," he said` splits after `Deal."`'s period but
//!   `"Stop," he said` and `"Stop!" he said` do not split;
//! - after an abbreviation (`U.S.`, `Inc.`, `etc.`) only when a typical sentence opener follows
//!   (`The`, `He`, …); never after titles and initials (`Mr.`, `Gen.`, `M.`) or `No.` before a number;
//! - at a line break (headlines, datelines, list items), unless the next line starts with a
//!   lowercase word or the paragraph is hard-wrapped running text (lines of nearly equal length).

use crate::tables::{self, SENTENCE_STARTERS, TITLES};
use crate::tokenizer::is_abbreviation;
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

/// Paragraphs of `text`: runs of non-blank lines, without their outer whitespace.
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

/// What a token is, as far as sentence ends go.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// `.`, `!`, `?`, `...`, `…`, `?!`.
    Terminal,
    /// A word with its abbreviation period (`U.S.`, `Mr.`).
    Abbreviation,
    /// `:)`, `;-)`, `:(`, `^_^` …
    Emoticon,
    /// Anything else.
    Other,
}

/// True when the period at token `k` follows a list number that opens the sentence (`1.`,
/// `*2.`), which is not a sentence of its own.
fn list_number(text: &str, tokens: &[Token], first: usize, k: usize) -> bool {
    if k == 0 || tokens[k].text(text) != "." || tokens[k - 1].end != tokens[k].start {
        return false;
    }
    let num = tokens[k - 1].text(text);
    let opens = k - 1 == first
        || k - 2 == first
        || matches!(kind(tokens[k - 2].text(text)), Kind::Terminal)
        || tokens[k - 2].text(text) == ":";
    opens
        && (1..=2).contains(&num.len())
        && num
            .bytes()
            .all(|b| b.is_ascii_digit() || b.is_ascii_lowercase())
        && num.bytes().any(|b| b.is_ascii_digit())
}

fn kind(tok: &str) -> Kind {
    if crate::tokenizer::is_emoticon(tok) {
        return Kind::Emoticon;
    }
    if !tok.is_empty()
        && tok
            .chars()
            .all(|c| matches!(c, '.' | '!' | '?' | '\u{2026}'))
    {
        return Kind::Terminal;
    }
    match tok.strip_suffix('.') {
        Some(w) if !w.is_empty() && w.bytes().any(|b| b.is_ascii_alphabetic()) => {
            Kind::Abbreviation
        }
        _ => Kind::Other,
    }
}

/// Closing quotes and brackets that stay with the sentence they follow.
fn is_closer(tok: &str) -> bool {
    matches!(tok, "\"" | "'" | "''" | "\u{203A}") || is_right_only(tok) || tok == "\u{2019}"
}

/// Closers that can only close (so they belong to the sentence even after a space).
fn is_right_only(tok: &str) -> bool {
    tok == "''"
        || (!tok.is_empty()
            && tok
                .chars()
                .all(|c| matches!(c, '\u{201D}' | '\u{BB}' | ')' | ']' | '}'))
            || (tok.len() > 3 && tok.chars().all(|c| c == '\u{2019}')))
}

/// Whether `tok`, followed by `after`, can be the first token of a sentence.
fn opens_sentence(tok: &str, after: Option<&str>) -> bool {
    let Some(c) = tok.chars().next() else {
        return false;
    };
    if c.is_lowercase() {
        return tok.starts_with("http") || tok.starts_with("www.");
    }
    if c == '(' {
        // `(This is …)` opens a sentence; `(2 in total)` and `(see above)` do not.
        return after.is_some_and(|a| a.chars().next().is_some_and(char::is_uppercase));
    }
    if tok.len() > 1 && tok.chars().all(|c| matches!(c, '.' | '\u{2026}')) {
        // A leading ellipsis (`... and then`) opens a sentence.
        return true;
    }
    !matches!(
        c,
        ',' | ';' | ':' | ')' | ']' | '}' | '%' | '.' | '!' | '?' | '\u{2026}'
    ) && !is_right_only(tok)
}

/// Whether the abbreviation token `tok` ends a sentence when `next` follows it.
fn abbreviation_ends(tok: &str, next: &str) -> bool {
    let word = &tok[..tok.len() - 1];
    if word.len() == 1 || tables::contains(TITLES, word) || matches!(word, "No" | "Nos" | "no") {
        return false;
    }
    if !is_abbreviation(word) && !word.contains('.') {
        // A word that only looks like one, such as `No.` at a sentence end.
        return opens_sentence(next, None);
    }
    let Some(c) = next.chars().next() else {
        return false;
    };
    if matches!(c, '"' | '\u{201C}' | '(' | '[') {
        return true;
    }
    if word.eq_ignore_ascii_case("etc") {
        return c.is_uppercase();
    }
    tables::contains(SENTENCE_STARTERS, next)
}

/// True when the lines of `para` look hard-wrapped (running text cut at a fixed width), so a
/// line break inside it is just a space.
fn hard_wrapped(para: &str) -> bool {
    let mut lines = 0usize;
    let mut max = 0usize;
    let mut min_inner = usize::MAX;
    let mut prev: Option<usize> = None;
    for line in para.split('\n') {
        let len = line.trim_end().chars().count();
        if let Some(p) = prev {
            min_inner = min_inner.min(p);
        }
        max = max.max(len);
        prev = Some(len);
        lines += 1;
    }
    lines >= 3 && (40..=140).contains(&max) && min_inner * 10 >= max * 7
}

/// Splits the tokens of `text` into sentences, never across paragraphs.
pub fn split_sentences(text: &str, tokens: &[Token], paragraphs: &[Paragraph]) -> Vec<Sentence> {
    let mut out = Vec::new();
    let n = tokens.len();
    let mut first = 0;
    let mut para = 0;
    let mut wrapped: Option<bool> = None;
    let mut k = 0;
    while k < n {
        while para + 1 < paragraphs.len() && paragraphs[para].end <= tokens[k].start {
            para += 1;
            wrapped = None;
        }
        let para_end = paragraphs
            .get(para)
            .filter(|p| p.end > tokens[k].start)
            .map_or(text.len(), |p| p.end);
        let in_para = |j: usize| j < n && tokens[j].start < para_end;
        let tok = tokens[k].text(text);
        let mut end = k;
        let mut split = false;
        match kind(tok) {
            Kind::Terminal => {
                while in_para(end + 1) {
                    let t = tokens[end + 1];
                    let attached = t.start == tokens[end].end;
                    let s = t.text(text);
                    // Closing quotes, and an emoticon after the full stop (`Thanks! :)`).
                    if is_closer(s) && (attached || is_right_only(s)) || kind(s) == Kind::Emoticon {
                        end += 1;
                    } else {
                        break;
                    }
                }
                split = in_para(end + 1)
                    && tokens[end + 1].start > tokens[end].end
                    && opens_sentence(
                        tokens[end + 1].text(text),
                        tokens.get(end + 2).map(|t| t.text(text)),
                    )
                    && !list_number(text, tokens, first, k);
                if !split && in_para(end + 1) {
                    split = lowercase_opens(text, tokens, k, end);
                }
            }
            Kind::Abbreviation if in_para(k + 1) => {
                split = tokens[k + 1].start > tokens[k].end
                    && abbreviation_ends(tok, tokens[k + 1].text(text));
            }
            _ => {}
        }
        if !in_para(end + 1) {
            split = true;
        } else if !split {
            let gap = &text[tokens[end].end..tokens[end + 1].start];
            if gap.contains('\n') && !starts_lowercase(tokens[end + 1].text(text)) {
                let p = paragraphs.get(para).copied();
                let is_wrapped = *wrapped.get_or_insert_with(|| {
                    p.and_then(|p| text.get(p.start..p.end))
                        .is_some_and(hard_wrapped)
                });
                split = !is_wrapped;
            }
        }
        if split {
            out.push(Sentence {
                start: tokens[first].start,
                end: tokens[end].end,
                tokens: first..end + 1,
            });
            first = end + 1;
        }
        k = end + 1;
    }
    if first < n {
        out.push(Sentence {
            start: tokens[first].start,
            end: tokens[n - 1].end,
            tokens: first..n,
        });
    }
    out
}

/// After a full stop, `!` or `?` (not an ellipsis) that follows a word, a lowercase word opens a
/// new sentence in informal text (`That was it. no more`).
fn lowercase_opens(text: &str, tokens: &[Token], k: usize, end: usize) -> bool {
    let term = tokens[k].text(text);
    // Not after a closing quote: `"Stop!" he said` goes on.
    if term.contains('.') && term.len() > 1 || k == 0 || end != k {
        return false;
    }
    let prev = tokens[k - 1].text(text);
    let next = tokens[end + 1].text(text);
    tokens[end + 1].start > tokens[end].end
        && prev.len() >= 2
        && prev.chars().all(char::is_alphabetic)
        && next.chars().all(char::is_alphabetic)
        && starts_lowercase(next)
}

fn starts_lowercase(tok: &str) -> bool {
    tok.chars().next().is_some_and(char::is_lowercase)
}

#[cfg(test)]
mod tests {
    use crate::analyze;

    fn sents(s: &str) -> Vec<&str> {
        analyze(s)
            .sentences
            .iter()
            .map(|x| &s[x.start..x.end])
            .collect()
    }

    #[test]
    fn plain_ends() {
        assert_eq!(
            sents("It rained. Did it? Yes! 3 men left... Then nothing."),
            [
                "It rained.",
                "Did it?",
                "Yes!",
                "3 men left...",
                "Then nothing."
            ]
        );
        assert_eq!(sents("no end here"), ["no end here"]);
    }

    #[test]
    fn quotes_close_their_sentence() {
        let s = "A source said, \"The plan moves on. This is personal for him,\" adding that \"little is offered.\" Talks go on.";
        assert_eq!(
            sents(s),
            [
                "A source said, \"The plan moves on.",
                "This is personal for him,\" adding that \"little is offered.\"",
                "Talks go on."
            ]
        );
        assert_eq!(
            sents("\u{201C}Stop!\u{201D} he said. \u{201C}Now.\u{201D} She left."),
            [
                "\u{201C}Stop!\u{201D} he said.",
                "\u{201C}Now.\u{201D}",
                "She left."
            ]
        );
        assert_eq!(
            sents("He said: \"A. B,\" and left."),
            ["He said: \"A. B,\" and left."]
        );
    }

    #[test]
    fn abbreviations_and_numbers() {
        assert_eq!(
            sents("Mr. Smith paid $1.5 million to Dr. J. Doe on Jan. 5 at 3 p.m. on Tuesday."),
            ["Mr. Smith paid $1.5 million to Dr. J. Doe on Jan. 5 at 3 p.m. on Tuesday."]
        );
        assert_eq!(
            sents("He lives in the U.S. The rest moved to Acme Inc. in May."),
            [
                "He lives in the U.S.",
                "The rest moved to Acme Inc. in May."
            ]
        );
        assert_eq!(
            sents("Apples, pears etc. Nothing else."),
            ["Apples, pears etc.", "Nothing else."]
        );
        assert_eq!(
            sents("He said no. Then left."),
            ["He said no.", "Then left."]
        );
        assert_eq!(sents("Item No. 5 is here."), ["Item No. 5 is here."]);
    }

    #[test]
    fn lines_and_paragraphs() {
        let s = "Talks stall in the south\nTuesday, October 15, 2019\n\nThe talks stalled. Both sides left.\nA new round starts soon";
        assert_eq!(
            sents(s),
            [
                "Talks stall in the south",
                "Tuesday, October 15, 2019",
                "The talks stalled.",
                "Both sides left.",
                "A new round starts soon"
            ]
        );
        let p = crate::paragraphs(s);
        assert_eq!(p.len(), 2);
        // A line that continues in lowercase, and hard-wrapped running text, do not split.
        assert_eq!(
            sents("The talks\nstalled today."),
            ["The talks\nstalled today."]
        );
        let wrapped = "The ministers of both countries met in Paris on Monday to\nDiscuss the terms of a deal that has been months in the\nMaking, officials said, adding that more talks are due.";
        assert_eq!(sents(wrapped).len(), 1);
    }
}
