//! Quotation-mark pairing.
//!
//! Marks are paired paragraph by paragraph with a stack, so nested quotes stay inside their
//! outer quote. Curly marks say which way they face; a straight mark is read from its
//! neighbours (space before: opening; space or punctuation after: closing) and, when they do not
//! tell, closes an open quote or opens a new one. A curly mark whose neighbours contradict its
//! shape (a `”` opening after a space) is read from the neighbours. A quote still open at the end
//! of its paragraph ends there; when the next paragraph opens with a quotation mark, the
//! newspaper convention for speech running over paragraphs, the next quote continues it
//! (`continues`). Unpaired closing marks are ignored, so odd counts never shift the pairing.

/// One top-level quotation: byte offsets into the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct QuoteSpan {
    /// Byte offset of the opening mark.
    pub open: usize,
    /// First byte inside the marks.
    pub start: usize,
    /// One past the last byte inside the marks (before the closing mark).
    pub end: usize,
    /// Byte offset of the closing mark, if the quote was closed in its paragraph.
    pub close: Option<usize>,
    /// Index of the quote this one continues (speech running over paragraphs).
    pub continues: Option<usize>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Facing {
    Open,
    Close,
    Either,
}

/// True for the double quotation marks that delimit quotes.
pub(crate) fn is_mark(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„' | '«' | '»')
}

fn facing(prev: Option<char>, c: char, next: Option<char>) -> Option<Facing> {
    let space_before = prev.is_none_or(|p| p.is_whitespace() || "([{—–/".contains(p));
    let space_after = next.is_none_or(|n| n.is_whitespace() || ".,;:!?)]}—–…".contains(n));
    let glyph = match c {
        '“' | '„' | '«' => Facing::Open,
        '”' | '»' => Facing::Close,
        '"' => Facing::Either,
        _ => return None,
    };
    Some(match (space_before, space_after) {
        (true, false) => Facing::Open,
        (false, true) => Facing::Close,
        // 5'11" or a mark between letters: not a quotation mark at all.
        (false, false)
            if glyph == Facing::Either
                && prev.is_some_and(char::is_alphanumeric)
                && next.is_some_and(char::is_alphanumeric) =>
        {
            return None
        }
        _ => glyph,
    })
}

/// Pairs the quotation marks of `text`; `paragraphs` are byte ranges covering it in order.
pub(crate) fn find(text: &str, paragraphs: &[(usize, usize)]) -> Vec<QuoteSpan> {
    let mut out: Vec<QuoteSpan> = Vec::new();
    let whole = [(0, text.len())];
    let paragraphs = if paragraphs.is_empty() {
        &whole[..]
    } else {
        paragraphs
    };
    let lines = quoted_lines(text, paragraphs);
    let mut carried: Option<usize> = None;
    for &(ps, pe) in &lines {
        let para = &text[ps..pe];
        let mut stack: Vec<usize> = Vec::new();
        let chars: Vec<(usize, char)> = para.char_indices().collect();
        // The quote left open in the previous paragraph, continued by one opening this one.
        let carried_in = carried.take();
        let lead = first_mark(text, ps);
        let mut skip = false;
        for (k, &(i, c)) in chars.iter().enumerate() {
            if std::mem::take(&mut skip) {
                continue;
            }
            // Two apostrophes stand for a double mark in some newspapers' plain text.
            let doubled = c == '\'' && chars.get(k + 1).is_some_and(|x| x.1 == '\'');
            if !is_mark(c) && !doubled {
                continue;
            }
            skip = doubled;
            let prev = k.checked_sub(1).map(|j| chars[j].1);
            let next = chars.get(k + 1 + usize::from(doubled)).map(|x| x.1);
            let c = if doubled { '"' } else { c };
            let Some(f) = facing(prev, c, next) else {
                continue;
            };
            let at = ps + i;
            // A mark opening its line opens a quote, whichever way it faces ("” … what I
            // learned", a wrong-facing mark of a quote taken up mid-sentence).
            let f = if para[..i].trim().is_empty() {
                Facing::Open
            } else {
                f
            };
            let f = match f {
                Facing::Either if stack.is_empty() => Facing::Open,
                Facing::Either => Facing::Close,
                f => f,
            };
            match f {
                Facing::Open => stack.push(at),
                Facing::Close => {
                    if let Some(o) = stack.pop() {
                        if stack.is_empty() {
                            let continues = carried_in.filter(|_| o == lead);
                            out.push(QuoteSpan {
                                open: o,
                                start: o + mark_len(text, o),
                                end: at,
                                close: Some(at),
                                continues,
                            });
                        }
                    }
                }
                Facing::Either => {}
            }
        }
        if let Some(&o) = stack.first() {
            let start = o + mark_len(text, o);
            let end = ps + para.trim_end().len();
            let continues = carried_in.filter(|_| o == lead);
            out.push(QuoteSpan {
                open: o,
                start,
                end: end.max(start),
                close: None,
                continues,
            });
            // Speech runs on only when the next paragraph opens with a mark (checked there).
            carried = Some(out.len() - 1);
        }
    }
    out
}

/// The paragraphs, each also split at a line break before a line that opens with a quotation
/// mark: one speech per line, as newspapers set paragraphs one to a line, so a quote left open
/// at a line end ends there (and the next line's quote continues it).
fn quoted_lines(text: &str, paragraphs: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    for &(ps, pe) in paragraphs {
        let mut start = ps;
        for (i, _) in text[ps..pe].match_indices('\n') {
            let at = ps + i + 1;
            let rest = text[at..pe].trim_start();
            let mut cs = rest.chars();
            let opens = match (cs.next(), cs.next()) {
                (Some('“' | '„' | '«'), _) => true,
                (Some('"'), Some(n)) => n.is_alphanumeric(),
                (Some('\''), Some('\'')) => cs.next().is_some_and(char::is_alphanumeric),
                _ => false,
            };
            if opens {
                let line = &text[start..ps + i];
                out.push((start, start + line.trim_end().len()));
                start = pe - rest.len();
            }
        }
        out.push((start, pe));
    }
    out
}

/// Byte length of the quotation mark at `o` (`''` counts as one mark).
fn mark_len(text: &str, o: usize) -> usize {
    if text[o..].starts_with("''") {
        2
    } else {
        text[o..].chars().next().map_or(1, char::len_utf8)
    }
}

/// Byte offset of the first non-space character of the paragraph starting at `ps`.
fn first_mark(text: &str, ps: usize) -> usize {
    let rest = &text[ps..];
    ps + (rest.len() - rest.trim_start().len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str) -> Vec<&str> {
        find(text, &[(0, text.len())])
            .iter()
            .map(|q| &text[q.start..q.end])
            .collect()
    }

    #[test]
    fn straight_and_curly_marks() {
        assert_eq!(
            texts(r#""We will stay," the mayor said. She added: “It is over.”"#),
            ["We will stay,", "It is over."]
        );
    }

    #[test]
    fn nested_quotes_stay_inside() {
        assert_eq!(
            texts(r#"He said "they told me "never again" and left" yesterday."#),
            [r#"they told me "never again" and left"#]
        );
        assert_eq!(
            texts("“She called it “a trap” twice,” he said."),
            ["She called it “a trap” twice,"]
        );
    }

    #[test]
    fn doubled_apostrophes_are_double_marks() {
        assert_eq!(
            texts("''The ferry is late,'' a clerk said. It's the tide's fault."),
            ["The ferry is late,"]
        );
    }

    #[test]
    fn odd_counts_and_inches() {
        // A stray closing mark is ignored; a height in inches is no quote.
        assert_eq!(texts(r#"The 6'2" guard said "no" twice."#), ["no"]);
        assert_eq!(texts("A stray” mark, then “a quote” here."), ["a quote"]);
    }

    #[test]
    fn quotes_left_open_across_paragraphs() {
        let text = "“We came early, she said.\n\n“We left late.”\n\nThe end.";
        let p1 = text.find("\n\n").unwrap();
        let p2 = text[p1 + 2..].find("\n\n").unwrap() + p1 + 2;
        let q = find(text, &[(0, p1), (p1 + 2, p2), (p2 + 2, text.len())]);
        assert_eq!(q.len(), 2);
        assert_eq!(&text[q[0].start..q[0].end], "We came early, she said.");
        assert_eq!(q[0].close, None);
        assert_eq!(&text[q[1].start..q[1].end], "We left late.");
        assert_eq!(q[1].continues, Some(0));
    }

    #[test]
    fn a_wrong_facing_mark_opening_a_paragraph_opens() {
        assert_eq!(
            texts("” … and then the water came,” the keeper said."),
            [" … and then the water came,"]
        );
    }

    #[test]
    fn a_line_opening_with_a_mark_starts_a_new_speech() {
        // Paragraphs one to a line: the quote left open at the first line end stops there,
        // and the next line's quotes pair among themselves.
        let text = "“The dam holds,” the warden said. “If the rain keeps up, we open the gates.\n“I have seen worse,” added a farmer. “Much worse.”\nThe river rose.";
        let q = texts(text);
        assert_eq!(
            q,
            [
                "The dam holds,",
                "If the rain keeps up, we open the gates.",
                "I have seen worse,",
                "Much worse."
            ]
        );
        // A wrapped line that does not open with a mark keeps its quote running.
        assert_eq!(
            texts("He said “the dam\nholds for now” and left."),
            ["the dam\nholds for now"]
        );
    }
}
