//! TIMEX3 time expressions: recognition in news text and normalisation against the publication
//! date.
//!
//! A rule-based recogniser of our own walks the tokens of `byline_text` (cut into pieces of
//! letters, digits and marks) with hand-written matchers and one sorted word table: weekdays,
//! relative expressions ("last week", "later this month", "seven days earlier"), calendar dates
//! in the common formats, years, decades, times of day, durations, sets and vague references
//! ("recently", "currently"). The normaliser resolves each one to a TIMEX3 type and value against
//! the publication date, using the tense of the clause where it decides ("met in May" → the last
//! May, "will meet on Tuesday" → the next Tuesday), and the last day the text named for anchored
//! expressions ("the previous day", "at 18:00").
//!
//! ```
//! use byline_timex::{parse_date, tag_text, TimexType};
//!
//! let text = "Officials met in May and will meet again on Tuesday for three days.";
//! let found = tag_text(text, Some(parse_date("2025-09-16").unwrap()));
//! let got: Vec<(&str, TimexType, &str)> = found
//!     .iter()
//!     .map(|t| (&text[t.start..t.end], t.kind, t.value.as_deref().unwrap_or("")))
//!     .collect();
//! assert_eq!(
//!     got,
//!     [
//!         ("May", TimexType::Date, "2025-05"),
//!         ("Tuesday", TimexType::Date, "2025-09-16"),
//!         ("three days", TimexType::Duration, "P3D"),
//!     ]
//! );
//! ```
#![deny(missing_docs)]

mod dateline;
mod error;
mod lexicon;
mod normalize;
mod recognize;
mod scan;
mod tense;

use byline_text::{Sentence, Token};

pub use dateline::find_published;
pub use error::{Error, Result};
pub use jiff::civil::Date;

/// TIMEX3 types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimexType {
    /// A calendar date or period: "Tuesday", "May 2019", "last week", "the 1990s".
    Date,
    /// A time of day: "18:00", "this morning".
    Time,
    /// A length of time: "three days", "a decade".
    Duration,
    /// A recurrence: "every Friday", "daily".
    Set,
}

impl TimexType {
    /// The TIMEX3 name: DATE, TIME, DURATION or SET.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// One time expression found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Timex {
    /// First byte in the text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// TIMEX3 type.
    pub kind: TimexType,
    /// TIMEX3 value ("2025-09-16", "P3D", "PAST_REF"), `None` when it cannot be resolved
    /// (a relative expression in a text without a publication date).
    pub value: Option<String>,
    /// TIMEX3 `mod` ("START", "END", "MID", "APPROX", …).
    pub modifier: Option<&'static str>,
}

/// What the tagger reads: a text, its tokens and sentences, and what is known about it.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    /// The text the offsets refer to.
    pub text: &'a str,
    /// Its tokens (byte offsets).
    pub tokens: &'a [Token],
    /// Its sentences (byte offsets and token ranges); empty means one sentence.
    pub sentences: &'a [Sentence],
    /// The publication date relative expressions resolve against.
    pub published: Option<Date>,
    /// Penn Treebank POS tags, one per token, when a tagger has run (`VBD` marks past tense,
    /// `MD` modals); word-level cues are used otherwise.
    pub tags: Option<&'a [&'a str]>,
}

/// Parses an ISO 8601 date (`YYYY-MM-DD`, optionally followed by a time).
pub fn parse_date(s: &str) -> Result<Date> {
    let day = s.get(..10).unwrap_or(s);
    day.parse::<Date>()
        .map_err(|e| Error::BadDate(s.to_string(), e.to_string()))
}

/// Tags `text` on its own: tokenizes it with `byline_text` and runs [`tag`].
pub fn tag_text(text: &str, published: Option<Date>) -> Vec<Timex> {
    let layout = byline_text::analyze(text);
    tag(&Request {
        text,
        tokens: &layout.tokens,
        sentences: &layout.sentences,
        published,
        tags: None,
    })
}

/// Finds and normalises every time expression of the request, in text order.
pub fn tag(req: &Request) -> Vec<Timex> {
    let pieces = scan::pieces(req.text, req.tokens);
    // Tags are per token; pieces may cut tokens, so map them over.
    let piece_tags: Option<Vec<&str>> = req.tags.map(|tags| {
        let mut out = Vec::with_capacity(pieces.len());
        let mut t = 0;
        for p in &pieces {
            while t < req.tokens.len() && req.tokens[t].end <= p.start {
                t += 1;
            }
            out.push(tags.get(t).copied().unwrap_or(""));
        }
        out
    });
    // Sentence bounds in pieces.
    let mut bounds: Vec<(usize, usize)> = Vec::with_capacity(req.sentences.len().max(1));
    if req.sentences.is_empty() {
        bounds.push((0, pieces.len()));
    } else {
        let mut k = 0;
        for s in req.sentences {
            while k < pieces.len() && pieces[k].start < s.start {
                k += 1;
            }
            let lo = k;
            while k < pieces.len() && pieces[k].end <= s.end {
                k += 1;
            }
            bounds.push((lo, k));
        }
    }
    let mut state = normalize::State {
        dct: req.published,
        ..Default::default()
    };
    let mut out = Vec::new();
    for (lo, hi) in bounds {
        let grammar = recognize::Grammar {
            text: req.text,
            p: &pieces,
            lo,
            hi,
        };
        let mut election_at: Option<usize> = None;
        let mut i = lo;
        while i < hi {
            if pieces[i].lex == Some(lexicon::Lex::W(lexicon::W::Election)) {
                election_at = Some(i);
            }
            let Some(found) = grammar.match_at(i) else {
                i += 1;
                continue;
            };
            let tense = if found.sem.needs_tense() {
                tense::tense(
                    req.text,
                    &pieces,
                    (lo, hi),
                    (found.start, found.end),
                    piece_tags.as_deref(),
                )
            } else {
                tense::Tense::Unknown
            };
            let resolved = state.resolve(&found.sem, tense);
            if let Some(day) = resolved.day {
                state.days.push(day);
                if election_at.is_some_and(|e| e < found.start) && state.election.is_none() {
                    state.election = Some(day);
                }
            }
            match found.sem {
                recognize::Sem::Year(y) | recognize::Sem::Date { y: Some(y), .. } => {
                    state.year = Some(y);
                }
                _ => {}
            }
            out.push(Timex {
                start: pieces[found.start].start,
                end: pieces[found.end - 1].end,
                kind: resolved.kind,
                value: resolved.value,
                modifier: found.modifier,
            });
            i = found.end;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_dates_are_errors() {
        assert!(parse_date("2025-13-01").is_err());
        assert!(parse_date("yesterday").is_err());
        assert_eq!(
            parse_date("2025-09-16T10:00:00Z").unwrap(),
            Date::new(2025, 9, 16).unwrap()
        );
    }
}
