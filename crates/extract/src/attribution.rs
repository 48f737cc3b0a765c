//! The attribution annotator: sources, claims, quotes, notices and the outlet chain.
//!
//! It works in stages over the tokens of the document:
//! 1. [`quotes`] pairs quotation marks into top-level quotes;
//! 2. [`cues`] finds reporting verbs and phrases outside quotes (lexicon `data/cues`);
//! 3. [`claims`] reads each cue in its frame (`S said C`, `C, S said`, `According to S, C`,
//!    `S told R that C`, quotes before, after or around the cue, `as S put it`, passives) into
//!    draft claims with their source phrases, then adds hedged claims without a source;
//! 4. [`sources`] describes each source phrase (kind, count, seniority, role, affiliation) and
//!    links re-mentions ("they", "the official", "one") to what they re-mention;
//! 5. [`notices`] finds no-comment and could-not-verify notices and denials, and marks the
//!    claims they speak of.

mod claims;
mod cues;
mod notices;
mod quotes;
mod sources;

use std::ops::Range;

use byline_lexicon::actors::Actors as ActorLexicon;
use byline_lexicon::cues::Cues;
use byline_model::{Actor, ActorKind};

use crate::context::Context;
use crate::{Config, Error, Result};

/// What the attribution annotator loads once and shares across documents.
#[derive(Debug)]
pub(crate) struct Attribution {
    cues: Cues,
}

impl Attribution {
    /// Loads the cue lexicon (built-in plus the user's folders).
    pub(crate) fn load(config: &Config) -> Result<Attribution> {
        let cues = if config.lexicon_dirs.is_empty() {
            Cues::builtin().clone()
        } else {
            Cues::with_dirs(&config.lexicon_dirs).map_err(|e| Error::Load {
                what: "cue lexicon".into(),
                message: e.to_string(),
            })?
        };
        Ok(Attribution { cues })
    }

    /// Fills sources, claims, quotes, notices and `relayed_from`.
    pub(crate) fn annotate(&self, cx: &mut Context) {
        let work = Work::new(cx, &self.cues, ActorLexicon::builtin());
        let found = claims::find(&work);
        let built = sources::build(&work, cx, &found);
        notices::annotate(&work, cx, &found, built);
    }
}

/// One token with what the stages need to know about it.
#[derive(Clone, Debug)]
pub(crate) struct Tok {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Lowercase text.
    pub lower: String,
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// Punctuation only (quotation marks included).
    pub punct: bool,
    /// A double quotation mark.
    pub mark: bool,
    /// The quote the token lies inside, if any.
    pub quote: Option<usize>,
    /// Its sentence.
    pub sent: usize,
}

/// The document as the stages see it.
pub(crate) struct Work<'a> {
    /// The normalised text.
    pub text: &'a str,
    /// Tokens.
    pub toks: Vec<Tok>,
    /// Sentences as token ranges.
    pub sents: Vec<Range<usize>>,
    /// Top-level quotes.
    pub quotes: Vec<quotes::QuoteSpan>,
    /// The cue lexicon.
    pub cues: &'a Cues,
    /// The actor lexicon (demonyms, outlets, institutions).
    pub lex: &'a ActorLexicon,
    /// Actor mentions as `(start byte, end byte, actor index)`, in text order.
    pub mentions: Vec<(usize, usize, usize)>,
    /// The document's actors.
    pub actors: Vec<Actor>,
}

impl<'a> Work<'a> {
    fn new(cx: &'a Context, cues: &'a Cues, lex: &'a ActorLexicon) -> Work<'a> {
        let text = cx.doc.text.as_str();
        let paras: Vec<(usize, usize)> = cx
            .layout
            .paragraphs
            .iter()
            .map(|p| (p.start, p.end))
            .collect();
        let quotes = quotes::find(text, &paras);
        let mut sent_of = vec![0; cx.layout.tokens.len()];
        let mut sents = Vec::new();
        for (i, s) in cx.layout.sentences.iter().enumerate() {
            for t in s.tokens.clone() {
                if let Some(x) = sent_of.get_mut(t) {
                    *x = i;
                }
            }
            sents.push(s.tokens.clone());
        }
        let toks = cx
            .layout
            .tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let s = &text[t.start..t.end];
                let first = s.chars().next().unwrap_or(' ');
                let mark = s.chars().all(quotes::is_mark) && !s.is_empty();
                Tok {
                    start: t.start,
                    end: t.end,
                    lower: s.to_lowercase(),
                    cap: first.is_uppercase(),
                    punct: s.chars().all(|c| !c.is_alphanumeric()),
                    mark,
                    quote: quotes
                        .iter()
                        .position(|q| q.start <= t.start && t.end <= q.end),
                    sent: sent_of[i],
                }
            })
            .collect();
        let mut mentions = Vec::new();
        for (i, a) in cx.doc.actors.iter().enumerate() {
            for m in &a.mentions {
                let b = cx.chars.bytes(m.span);
                mentions.push((b.start, b.end, i));
            }
        }
        mentions.sort_unstable();
        Work {
            text,
            toks,
            sents,
            quotes,
            cues,
            lex,
            mentions,
            actors: cx.doc.actors.clone(),
        }
    }

    /// The text of tokens `[a, b)`.
    pub fn span_text(&self, a: usize, b: usize) -> &str {
        if a >= b || b > self.toks.len() {
            return "";
        }
        &self.text[self.toks[a].start..self.toks[b - 1].end]
    }

    /// The sentence range holding token `i`.
    pub fn sentence_of(&self, i: usize) -> Range<usize> {
        self.toks
            .get(i)
            .and_then(|t| self.sents.get(t.sent))
            .cloned()
            .unwrap_or(0..self.toks.len())
    }

    /// Lowercase word of token `i`, or "" outside the text.
    pub fn word(&self, i: usize) -> &str {
        self.toks.get(i).map_or("", |t| t.lower.as_str())
    }

    /// Actors mentioned inside the byte range.
    pub fn actors_in(&self, start: usize, end: usize) -> Vec<usize> {
        let mut out = Vec::new();
        for &(s, e, a) in &self.mentions {
            if s >= start && e <= end && !out.contains(&a) {
                out.push(a);
            }
        }
        out
    }

    /// The document actor that a lexicon entry names, by name or code.
    pub fn actor_for(&self, name: &str, code: Option<&str>, country: Option<&str>) -> Option<usize> {
        self.actors
            .iter()
            .position(|a| a.name == name)
            .or_else(|| {
                code.and_then(|c| {
                    self.actors
                        .iter()
                        .position(|a| a.code.as_deref() == Some(c))
                })
            })
            .or_else(|| {
                country.and_then(|c| {
                    self.actors.iter().position(|a| {
                        a.kind == ActorKind::Country && a.country.as_deref() == Some(c)
                    })
                })
            })
    }
}

/// True when `w` is in the sorted list.
pub(crate) fn is_in(list: &[&str], w: &str) -> bool {
    list.binary_search(&w).is_ok()
}

/// Words that open a noun phrase and so rule out a verb reading of the next word.
pub(crate) const DETERMINERS: &[&str] = &[
    "'s", "a", "an", "any", "each", "every", "her", "his", "its", "my", "no", "of", "our",
    "some", "such", "the", "their", "these", "this", "those", "whose", "your",
];

/// Words that end a source phrase read leftwards from its verb, or rightwards after it.
pub(crate) const CLAUSE_WORDS: &[&str] = &[
    "after", "although", "as", "because", "before", "but", "if", "since", "so", "than", "that",
    "though", "until", "what", "when", "where", "whether", "which", "while", "who", "whom",
];

/// Adverbs and auxiliaries that may stand between a subject and its reporting verb.
pub(crate) const BETWEEN_WORDS: &[&str] = &[
    "again", "already", "also", "did", "does", "earlier", "emphatically", "even", "first",
    "flatly", "further", "had", "has", "have", "immediately", "initially", "later", "last",
    "long", "never", "now", "once", "only", "openly", "previously", "privately", "publicly",
    "quickly", "recently", "repeatedly", "reportedly", "separately", "still", "then", "yet",
];

/// Words that may open a sentence before its subject ("But sources said").
pub(crate) const LEADING_WORDS: &[&str] = &[
    "also", "and", "but", "however", "instead", "meanwhile", "moreover", "now", "separately",
    "so", "still", "then", "yet",
];

/// Words that start an adjunct after a source phrase ("said on Tuesday", "told Reuters in May").
pub(crate) const ADJUNCT_WORDS: &[&str] = &[
    "after", "at", "before", "during", "earlier", "friday", "in", "last", "late", "later", "monday", "on", "saturday", "sunday", "this", "thursday", "today", "tonight", "tuesday", "via", "wednesday", "when", "while", "who", "yesterday",
];

/// Personal pronouns that may stand for a source.
pub(crate) const PRONOUNS: &[&str] = &["he", "i", "it", "one", "she", "they", "we"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lists_are_sorted_and_unique() {
        for list in [
            DETERMINERS,
            CLAUSE_WORDS,
            BETWEEN_WORDS,
            LEADING_WORDS,
            ADJUNCT_WORDS,
            PRONOUNS,
        ] {
            for w in list.windows(2) {
                assert!(w[0] < w[1], "{:?} before {:?}", w[0], w[1]);
            }
        }
    }
}
