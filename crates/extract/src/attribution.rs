//! The attribution annotator: sources, claims, quotes, notices and the outlet chain.
//!
//! It works in stages over the tokens of the document:
//! 1. [`quotes`] pairs quotation marks into top-level quotes;
//! 2. [`cues`] finds reporting verbs and phrases outside quotes (lexicon `data/cues`);
//! 3. [`claims`] reads each cue in its frame (`S said C`, `C, S said`, `According to S, C`,
//!    `S told R that C`, quotes before, after or around the cue, `as S put it`, passives) into
//!    draft claims with their source phrases; [`frames`] reads the verbs and nouns left over
//!    that the trained cue classifier ([`cuemodel`], `data/cues/cue-model.tsv`) takes for cues
//!    through the dependency parse (subject or possessor subtree as source, complement subtree
//!    as content); then hedged claims without a source are added;
//! 4. [`sources`] revises sources the rules left out, lets the trained source [`chooser`]
//!    (`data/cues/source-model.tsv`) replace the source of a parse frame's claim when it is
//!    confident, describes each source phrase (kind, count, seniority, role, affiliation) and
//!    links re-mentions ("they", "the official", "one") to what they re-mention;
//! 5. [`notices`] finds no-comment and could-not-verify notices and denials, and marks the
//!    claims they speak of.

pub(crate) mod chooser;
mod claims;
mod cuemodel;
mod cues;
mod frames;
pub(crate) mod judge;
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
        let text = cx.doc.text.clone();
        let work = Work::new(&text, cx, &self.cues, ActorLexicon::builtin());
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
    /// Tagged as a verb in its base form (Penn `VB`), when the parse is there.
    pub base_verb: bool,
    /// What the parse says of it (`None` without a parse).
    pub syn: Option<Syn>,
}

/// One token's analysis, with its head as a document token index.
#[derive(Clone, Debug)]
pub(crate) struct Syn {
    /// Universal part of speech.
    pub upos: byline_nlp::Upos,
    /// Lowercase lemma.
    pub lemma: String,
    /// The head token, `None` for the root.
    pub head: Option<usize>,
    /// Relation to the head ("nsubj", "ccomp").
    pub deprel: &'static str,
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
    fn new(text: &'a str, cx: &Context, cues: &'a Cues, lex: &'a ActorLexicon) -> Work<'a> {
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
        let mut base_verb = vec![false; cx.layout.tokens.len()];
        let mut syn: Vec<Option<Syn>> = vec![None; cx.layout.tokens.len()];
        for (s, a) in cx.layout.sentences.iter().zip(&cx.syntax) {
            for (t, word) in s.tokens.clone().zip(&a.words) {
                if let Some(x) = base_verb.get_mut(t) {
                    *x = word.xpos == "VB";
                }
                if let Some(x) = syn.get_mut(t) {
                    *x = Some(Syn {
                        upos: word.upos,
                        lemma: word.lemma.to_lowercase(),
                        head: word
                            .head
                            .map(|h| s.tokens.start + h)
                            .filter(|&h| h < s.tokens.end),
                        deprel: word.deprel,
                    });
                }
            }
        }
        let toks = cx
            .layout
            .tokens
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let s = &text[t.start..t.end];
                let first = s.chars().next().unwrap_or(' ');
                let mark = (s.chars().all(quotes::is_mark) && !s.is_empty()) || s == "''";
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
                    base_verb: base_verb[i],
                    syn: syn[i].take(),
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

    /// Tokens `[a, b)` covered by the parse subtree of `root` within the sentence `sent`: every
    /// token whose chain of heads, inside `sent`, reaches `root`.
    pub fn subtree(&self, root: usize, sent: &Range<usize>) -> (usize, usize) {
        let (mut a, mut b) = (root, root + 1);
        for k in sent.clone() {
            let mut x = k;
            for _ in 0..64 {
                if x == root {
                    a = a.min(k);
                    b = b.max(k + 1);
                    break;
                }
                match self.toks[x].syn.as_ref().and_then(|s| s.head) {
                    Some(h) if sent.contains(&h) => x = h,
                    _ => break,
                }
            }
        }
        (a, b)
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
    pub fn actor_for(
        &self,
        name: &str,
        code: Option<&str>,
        country: Option<&str>,
    ) -> Option<usize> {
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

/// The dependents of token `h` in its sentence, left to right.
pub(crate) fn kids<'w>(
    w: &'w Work,
    sent: &Range<usize>,
    h: usize,
) -> impl Iterator<Item = usize> + 'w {
    sent.clone()
        .filter(move |&k| w.toks[k].syn.as_ref().and_then(|s| s.head) == Some(h))
}

/// The relation of token `k` to its head ("" without a parse).
pub(crate) fn rel(w: &Work, k: usize) -> &'static str {
    w.toks[k].syn.as_ref().map_or("", |s| s.deprel)
}

/// The lemma of token `k` ("" when it was not parsed).
pub(crate) fn lemma<'w>(w: &'w Work<'_>, k: usize) -> &'w str {
    w.toks[k].syn.as_ref().map_or("", |s| s.lemma.as_str())
}

/// The head of token `k` in the parse (`None` for a root or without a parse).
pub(crate) fn head(w: &Work, k: usize) -> Option<usize> {
    w.toks[k].syn.as_ref().and_then(|s| s.head)
}

/// The head word of the phrase `(a, b)`: the first token whose head lies outside it (a token
/// without a parse counts as one; [`outside_heads`] skips those).
pub(crate) fn phrase_head(w: &Work, (a, b): (usize, usize)) -> Option<usize> {
    (a..b).find(|&k| {
        w.toks[k]
            .syn
            .as_ref()
            .is_none_or(|s| s.head.is_none_or(|h| h < a || h >= b))
    })
}

/// The part of speech of token `k` (`None` when it was not parsed).
pub(crate) fn upos(w: &Work, k: usize) -> Option<byline_nlp::Upos> {
    w.toks[k].syn.as_ref().map(|s| s.upos)
}

/// True when a token of `a..b` is a verb or an auxiliary (a content "has a verb").
pub(crate) fn any_verb(w: &Work, a: usize, b: usize) -> bool {
    (a..b).any(|k| {
        matches!(
            upos(w, k),
            Some(byline_nlp::Upos::Verb | byline_nlp::Upos::Aux)
        )
    })
}

/// Whether token `k` is a relative pronoun that can stand for a speaker ("the mayor, who said
/// C", "the agency, which said C", "officials that said C").
pub(crate) fn relative_at(w: &Work, k: usize) -> bool {
    matches!(w.word(k), "who" | "which" | "that")
}

/// The "by" agent of verb `v` in its sentence ("was criticised by S"): an `obl:agent`, or an
/// `obl` with a "by" among its dependents.
pub(crate) fn agent(w: &Work, sent: &Range<usize>, v: usize) -> Option<usize> {
    kids(w, sent, v).find(|&k| {
        rel(w, k) == "obl:agent"
            || (rel(w, k) == "obl" && kids(w, sent, k).any(|c| w.word(c) == "by"))
    })
}

/// The tokens of the phrase `[a, b)` with a parse whose head lies outside it, in text order:
/// the first is the phrase's head.
pub(crate) fn outside_heads<'w>(
    w: &'w Work,
    (a, b): (usize, usize),
) -> impl Iterator<Item = usize> + 'w {
    (a..b).filter(move |&k| {
        w.toks[k]
            .syn
            .as_ref()
            .is_some_and(|s| s.head.is_none_or(|h| h < a || h >= b))
    })
}

/// Words of time: they make a phrase an adjunct rather than a source ("Friday", "last week",
/// "this cycle") and close a source phrase ("the court on Friday", "the council this month";
/// "may" only as a capitalised month).
pub(crate) const TIME_WORDS: &[&str] = &[
    "april",
    "august",
    "cycle",
    "december",
    "february",
    "friday",
    "january",
    "july",
    "june",
    "march",
    "may",
    "monday",
    "month",
    "months",
    "morning",
    "night",
    "november",
    "october",
    "saturday",
    "september",
    "sunday",
    "thursday",
    "today",
    "tonight",
    "tuesday",
    "wednesday",
    "week",
    "weekend",
    "weeks",
    "year",
    "years",
    "yesterday",
];

/// Words that open a noun phrase and so rule out a verb reading of the next word.
pub(crate) const DETERMINERS: &[&str] = &[
    "'s", "a", "all", "an", "any", "both", "each", "every", "few", "her", "his", "its", "many",
    "most", "my", "no", "of", "our", "several", "some", "such", "the", "their", "these", "this",
    "those", "whose", "your",
];

/// Words that end a source phrase read leftwards from its verb, or rightwards after it.
pub(crate) const CLAUSE_WORDS: &[&str] = &[
    "after", "although", "as", "because", "before", "but", "if", "since", "so", "than", "that",
    "though", "until", "what", "when", "where", "whether", "which", "while", "who", "whom",
];

/// Adverbs and auxiliaries that may stand between a subject and its reporting verb.
pub(crate) const BETWEEN_WORDS: &[&str] = &[
    "again",
    "already",
    "also",
    "audibly",
    "did",
    "do",
    "does",
    "earlier",
    "emphatically",
    "even",
    "eventually",
    "finally",
    "first",
    "flatly",
    "formally",
    "further",
    "had",
    "has",
    "have",
    "immediately",
    "initially",
    "last",
    "later",
    "long",
    "n't",
    "never",
    "not",
    "now",
    "officially",
    "once",
    "only",
    "openly",
    "previously",
    "privately",
    "publicly",
    "quickly",
    "recently",
    "repeatedly",
    "reportedly",
    "separately",
    "still",
    "strongly",
    "subsequently",
    "then",
    "ultimately",
    "yet",
];

/// Words that may open a sentence before its subject ("But sources said").
pub(crate) const LEADING_WORDS: &[&str] = &[
    "afterwards",
    "also",
    "and",
    "but",
    "earlier",
    "finally",
    "however",
    "indeed",
    "instead",
    "later",
    "likewise",
    "meanwhile",
    "moreover",
    "now",
    "separately",
    "similarly",
    "so",
    "still",
    "then",
    "yet",
];

/// Words that start an adjunct after a source phrase ("said on Tuesday", "told Reuters in May").
pub(crate) const ADJUNCT_WORDS: &[&str] = &[
    "after",
    "at",
    "before",
    "during",
    "earlier",
    "friday",
    "in",
    "last",
    "late",
    "later",
    "monday",
    "on",
    "saturday",
    "sunday",
    "this",
    "thursday",
    "today",
    "tonight",
    "tuesday",
    "via",
    "wednesday",
    "when",
    "while",
    "who",
    "yesterday",
];

/// Personal pronouns that may stand for a source.
pub(crate) const PRONOUNS: &[&str] = &["he", "i", "it", "one", "she", "they", "we"];

/// `(cue, sources, content)` of every claim of `doc`, the texts as the output gives them (for
/// the tests of the attribution modules).
#[cfg(test)]
pub(crate) fn claim_rows(doc: &byline_model::Document) -> Vec<(String, Vec<String>, String)> {
    doc.claims
        .iter()
        .map(|c| {
            let sources = c
                .sources
                .iter()
                .filter_map(|id| doc.sources.iter().find(|s| s.id == *id))
                .map(|s| s.text.clone())
                .collect();
            let cue = c.cue.as_ref().map_or(String::new(), |m| m.text.clone());
            (cue, sources, c.text.clone())
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use byline_model::{CharMap, Document, Factuality, Mention, NoticeKind, SourceKind, Span};

    /// Runs the annotator alone over `text`, with the given actors (name, kind, country,
    /// mentions) standing in for the actors layer.
    fn run_with(text: &str, actors: &[(&str, ActorKind, Option<&str>, &[&str])]) -> Document {
        let mut doc = Document::new(text.to_string());
        let chars = CharMap::new(text);
        for (i, (name, kind, country, surfaces)) in actors.iter().enumerate() {
            let mut mentions = Vec::new();
            for surf in surfaces.iter() {
                for (b, _) in text.match_indices(surf) {
                    mentions.push(Mention {
                        span: chars.span(b, b + surf.len()),
                        text: surf.to_string(),
                    });
                }
            }
            doc.actors.push(Actor {
                id: format!("a{}", i + 1),
                name: name.to_string(),
                kind: *kind,
                country: country.map(str::to_string),
                code: country.map(str::to_string),
                roles: Vec::new(),
                mentions,
            });
        }
        let layout = byline_text::analyze(text);
        let mut cx = Context {
            chars,
            layout,
            doc,
            syntax: Vec::new(),
        };
        let a = Attribution::load(&Config::default()).unwrap();
        a.annotate(&mut cx);
        for (span, t) in cx.doc.spanned_items() {
            assert_eq!(cx.doc.slice(span), Some(t), "span {span:?} of {t:?}");
        }
        cx.doc
    }

    fn run(text: &str) -> Document {
        run_with(text, &[])
    }

    fn claim<'d>(doc: &'d Document, content: &str) -> &'d byline_model::Claim {
        doc.claims
            .iter()
            .find(|c| c.text.trim_end_matches(['.', ',']) == content)
            .unwrap_or_else(|| panic!("no claim {content:?} in {:#?}", doc.claims))
    }

    fn sources_of(doc: &Document, c: &byline_model::Claim) -> Vec<String> {
        c.sources
            .iter()
            .map(|id| {
                doc.sources
                    .iter()
                    .find(|s| s.id == *id)
                    .unwrap()
                    .text
                    .clone()
            })
            .collect()
    }

    #[test]
    fn said_that_and_told_recipient() {
        let doc = run("Three port workers said that the cranes had stopped. A harbour official told the local radio that repairs would take a week.");
        let c = claim(&doc, "the cranes had stopped");
        assert_eq!(sources_of(&doc, c), ["Three port workers"]);
        assert_eq!(c.factuality, Factuality::Reported);
        let c = claim(&doc, "repairs would take a week");
        assert_eq!(sources_of(&doc, c), ["A harbour official"]);
        assert_eq!(c.cue.as_ref().unwrap().text, "told");
        let s = &doc.sources[0];
        assert_eq!(
            (s.kind, s.count, s.role.as_deref()),
            (SourceKind::Anonymous, Some(3), None)
        );
        let s = &doc.sources[1];
        assert_eq!((s.count, s.role.as_deref()), (Some(1), Some("official")));
    }

    #[test]
    fn content_before_cue_and_inverted() {
        let doc = run("The bridge will reopen in spring, two senior engineers said on Monday. The toll stays, said the mayor.");
        let c = claim(&doc, "The bridge will reopen in spring");
        assert_eq!(sources_of(&doc, c), ["two senior engineers"]);
        let s = doc
            .sources
            .iter()
            .find(|s| s.text == "two senior engineers")
            .unwrap();
        assert_eq!((s.count, s.seniority.as_deref()), (Some(2), Some("senior")));
        assert_eq!(
            sources_of(&doc, claim(&doc, "The toll stays")),
            ["the mayor"]
        );
    }

    #[test]
    fn verb_with_infinitive_is_no_cue() {
        // Needs the tagger: run the whole pipeline.
        let doc = crate::Pipeline::new()
            .unwrap()
            .extract(&crate::Input::new("Kenya and Uganda agreed on Friday to lift the fuel tariffs, trade officials from both countries said."))
            .unwrap();
        assert!(doc
            .claims
            .iter()
            .all(|c| c.cue.as_ref().is_none_or(|cue| cue.text != "agreed")));
        let c = claim(
            &doc,
            "Kenya and Uganda agreed on Friday to lift the fuel tariffs",
        );
        assert_eq!(sources_of(&doc, c), ["trade officials from both countries"]);
        assert_eq!(c.cue.as_ref().unwrap().text, "said");
    }

    #[test]
    fn unverified_notice_marks_only_the_claims_it_names() {
        let doc = run("Two port officials said the cranes stopped on Monday. A union leader said the workers will strike for higher pay. The agency could not independently verify the cranes stopping.");
        assert_eq!(
            claim(&doc, "the cranes stopped on Monday").factuality,
            Factuality::Unverified
        );
        assert_eq!(
            claim(&doc, "the workers will strike for higher pay").factuality,
            Factuality::Reported
        );
    }

    #[test]
    fn unverified_account_of_a_source_marks_that_sources_claims() {
        let doc = run("Three fishermen told the Gazette that the pier collapsed at dawn. A harbour engineer said the storm was the worst in a decade. The Gazette could not independently verify the fishermen's account.");
        assert_eq!(
            claim(&doc, "the pier collapsed at dawn").factuality,
            Factuality::Unverified
        );
        assert_eq!(
            claim(&doc, "the storm was the worst in a decade").factuality,
            Factuality::Reported
        );
    }

    #[test]
    fn declining_to_comment_is_a_notice_not_a_claim() {
        let doc = run("The ceasefire was reportedly arranged by the regional bloc, which declined to comment. The operator, which also declined to comment, shut the valves.");
        assert!(
            doc.claims
                .iter()
                .all(|c| c.cue.as_ref().is_none_or(|m| m.text == "reportedly")),
            "{:#?}",
            doc.claims
        );
        let hedged = doc
            .claims
            .iter()
            .find(|c| c.text.starts_with("The ceasefire was reportedly arranged"))
            .expect("the hedged claim");
        assert_eq!(hedged.factuality, Factuality::Hedged);
        let notices = doc.notices.iter();
        assert_eq!(
            notices
                .filter(|n| n.cue.text == "declined to comment")
                .count(),
            2
        );
    }

    #[test]
    fn a_participle_cue_is_not_the_content_of_the_verb_before_it() {
        let doc = run("\"The road will reopen soon,\" the governor told reporters in Mombasa, adding that \"repairs are almost done.\"");
        assert!(
            doc.claims.iter().all(|c| !c.text.starts_with("adding")),
            "{:#?}",
            doc.claims
        );
    }

    #[test]
    fn according_to_both_ways() {
        let doc = run("According to a customs memo, the shipment left on time. The cargo was seized, according to harbour police and a witness.");
        let c = claim(&doc, "the shipment left on time");
        assert_eq!(sources_of(&doc, c), ["a customs memo"]);
        assert_eq!(doc.sources[0].kind, SourceKind::Document);
        let c = claim(&doc, "The cargo was seized");
        assert_eq!(sources_of(&doc, c), ["harbour police", "a witness"]);
    }

    #[test]
    fn quotes_around_and_split_by_their_cue() {
        let doc = run(
            "\"We are not leaving,\" a local farmer said. A teacher said: \"Classes resume soon.\" \"The roads,\" one driver said, \"are still flooded.\"",
        );
        let q: Vec<&str> = doc.quotes.iter().map(|q| q.text.as_str()).collect();
        assert_eq!(
            q,
            [
                "We are not leaving,",
                "Classes resume soon.",
                "The roads,",
                "are still flooded."
            ]
        );
        let speaker = |i: usize| {
            let id = doc.quotes[i].speaker.clone().unwrap();
            doc.sources
                .iter()
                .find(|s| s.id == id)
                .unwrap()
                .text
                .clone()
        };
        assert_eq!(speaker(0), "a local farmer");
        assert_eq!(speaker(1), "A teacher");
        assert_eq!(speaker(2), "one driver");
        assert_eq!(speaker(3), "one driver");
        assert!(claim(&doc, "We are not leaving").quote);
    }

    #[test]
    fn quote_over_sentences_then_adding_that() {
        let doc = run("A fisheries inspector said, \"The nets were cut. Nobody saw it,\" adding that \"the coast guard came late.\"");
        assert_eq!(doc.quotes.len(), 2);
        assert_eq!(doc.quotes[0].text, "The nets were cut. Nobody saw it,");
        assert_eq!(doc.quotes[0].speaker, doc.quotes[1].speaker);
        assert!(doc.quotes[1].speaker.is_some());
        let c = claim(&doc, "the coast guard came late");
        assert_eq!(c.cue.as_ref().unwrap().text, "adding");
    }

    #[test]
    fn re_mentions_point_back() {
        let doc = run("Two dock managers and a union steward said the strike would end. They said wages would rise. \"It is settled,\" the steward said.");
        let they = doc.sources.iter().find(|s| s.text == "They").unwrap();
        assert_eq!(they.refers_to.len(), 2);
        let steward = doc
            .sources
            .iter()
            .find(|s| s.text == "the steward")
            .unwrap();
        let first = doc
            .sources
            .iter()
            .find(|s| s.text == "a union steward")
            .unwrap();
        assert_eq!(steward.refers_to, std::slice::from_ref(&first.id));
    }

    #[test]
    fn as_one_put_it_names_the_speaker() {
        let doc = run("Local traders complained that prices were rising, and that \"nobody listens to us at all,\" as one put it.");
        let q = &doc.quotes[0];
        let s = doc
            .sources
            .iter()
            .find(|s| Some(&s.id) == q.speaker.as_ref())
            .unwrap();
        assert_eq!(s.text, "one");
        assert_eq!(s.refers_to.len(), 1);
    }

    #[test]
    fn an_adverb_of_hearsay_at_the_cue_hedges_its_claim() {
        let doc = run("Two wardens reportedly said the reservoir would be drained in May. The wardens said the fish had been moved. Rangers apparently said the gates were shut.");
        let c = claim(&doc, "the reservoir would be drained in May");
        assert_eq!(c.factuality, Factuality::Hedged);
        assert_eq!(c.sources.len(), 1);
        assert_eq!(
            claim(&doc, "the fish had been moved").factuality,
            Factuality::Reported
        );
        // "apparently" is the writer's inference, not hearsay.
        assert_eq!(
            claim(&doc, "the gates were shut").factuality,
            Factuality::Reported
        );
    }

    #[test]
    fn hedges_beliefs_and_denials() {
        let doc = run("The plant is reportedly closing next year. Regional officials believe the plan will fail. The company denied that it had dumped waste.");
        let c = claim(&doc, "The plant is reportedly closing next year");
        assert_eq!((c.factuality, c.sources.len()), (Factuality::Hedged, 0));
        assert_eq!(
            claim(&doc, "the plan will fail").factuality,
            Factuality::Belief
        );
        assert_eq!(
            claim(&doc, "it had dumped waste").factuality,
            Factuality::Denied
        );
        assert!(doc.notices.iter().any(|n| n.kind == NoticeKind::Denied));
    }

    #[test]
    fn unverified_and_no_comment_notices() {
        let text = "Two aides said the minister sold shares before the vote. The Courier could not independently verify the share sales, and neither Jane Roe nor John Doe provided a comment. The ministry declined to comment.";
        let doc = run_with(
            text,
            &[
                ("Jane Roe", ActorKind::Person, None, &["Jane Roe"]),
                ("John Doe", ActorKind::Person, None, &["John Doe"]),
                ("Ministry", ActorKind::Government, None, &["The ministry"]),
            ],
        );
        let c = claim(&doc, "the minister sold shares before the vote");
        assert_eq!(c.factuality, Factuality::Unverified);
        let unverified = doc
            .notices
            .iter()
            .find(|n| n.kind == NoticeKind::Unverified)
            .unwrap();
        assert_eq!(unverified.claims, std::slice::from_ref(&c.id));
        let actors: Vec<Option<&str>> = doc
            .notices
            .iter()
            .filter(|n| n.kind == NoticeKind::NoComment)
            .map(|n| n.actor.as_deref())
            .collect();
        assert_eq!(actors, [Some("a1"), Some("a2"), Some("a3")]);
    }

    #[test]
    fn anonymous_descriptions_with_affiliation() {
        let text = "A senior Ruritanian diplomat said the border stays shut. Four Ruritanian security sources said troops had moved.";
        let doc = run_with(
            text,
            &[("Ruritania", ActorKind::Country, Some("RUR"), &["Ruritania"])],
        );
        let s = &doc.sources[0];
        assert_eq!(
            (s.count, s.seniority.as_deref(), s.role.as_deref()),
            (Some(1), Some("senior"), Some("diplomat"))
        );
        let s = &doc.sources[1];
        assert_eq!((s.count, s.role.as_deref()), (Some(4), Some("security")));
    }

    #[test]
    fn outlets_relayed_and_nouns_are_no_cues() {
        let doc = run("Rebels shelled the town overnight, Reuters reported. Claims of looting spread. A local trader told Reuters that shops were empty.");
        assert_eq!(doc.relayed_from, ["Reuters"]);
        assert_eq!(doc.sources[0].kind, SourceKind::Outlet);
        assert!(!doc.claims.iter().any(|c| c.text.contains("looting")));
    }

    #[test]
    fn colon_before_quote() {
        let doc = run("Ann Lee, the port director, responded to the new rules on the radio: \"We reject these rules. We will appeal!\"");
        assert!(doc.quotes[0].speaker.is_some());
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "\"",
            "said",
            "\" \" \"",
            "According to",
            ", said .",
            "“”„«»",
            "They said \"",
            "a\n\n\"b\n\nc\"",
        ] {
            let _ = run(text);
        }
        let _ = Span(0, 0);
    }

    /// The whole pipeline (tagger and parser included) over `text`.
    fn full(text: &str) -> Document {
        crate::Pipeline::new()
            .unwrap()
            .extract(&crate::Input::new(text))
            .unwrap()
    }

    #[test]
    fn subjects_with_appositives_and_asides() {
        let doc = full("A spokesman for the port, Ann Okoro, said the cranes were repaired. In a statement, one of the farmers' lawyers, Tom Reyes, said the land was sold. Ann Okoro, speaking on the radio, said the ferry would run again.");
        let c = claim(&doc, "the cranes were repaired");
        assert_eq!(sources_of(&doc, c), ["A spokesman for the port, Ann Okoro"]);
        let c = claim(&doc, "the land was sold");
        assert_eq!(
            sources_of(&doc, c),
            ["one of the farmers' lawyers, Tom Reyes"]
        );
        let c = claim(&doc, "the ferry would run again");
        assert_eq!(sources_of(&doc, c), ["Ann Okoro"]);
    }

    #[test]
    fn a_clause_after_the_verb_is_no_inverted_source() {
        let doc = full("Mina Patel, the harbour master, who was appointed in May, said many of the boats that sank were old.");
        let c = claim(&doc, "many of the boats that sank were old");
        assert_eq!(
            sources_of(&doc, c),
            ["Mina Patel, the harbour master, who was appointed in May"]
        );
        assert!(doc.sources.iter().all(|s| !s.text.starts_with("many")));
    }

    #[test]
    fn inverted_source_with_a_title_and_an_adjunct_before_the_subject() {
        let doc = full("\"The tide is late,\" said Rosa Lind, head of the coast guard station. In a radio interview the governor said the dam would hold.");
        let c = claim(&doc, "The tide is late");
        assert_eq!(
            sources_of(&doc, c),
            ["Rosa Lind, head of the coast guard station"]
        );
        let c = claim(&doc, "the dam would hold");
        assert_eq!(sources_of(&doc, c), ["the governor"]);
    }

    #[test]
    fn the_same_verb_again_after_and_is_the_same_speaker() {
        let doc = full("The clerk says the owner paid the fee and said the shop would reopen.");
        let first = claim(&doc, "the owner paid the fee");
        assert_eq!(sources_of(&doc, first), ["The clerk"]);
        let second = claim(&doc, "the shop would reopen");
        assert_eq!(sources_of(&doc, second), ["The clerk"]);
        assert_eq!(second.parent, None);
    }

    #[test]
    fn a_naming_participle_is_no_cue() {
        let doc = full("The ferry, called Blue Wing, sails at noon, the harbour office said.");
        assert!(
            doc.claims
                .iter()
                .all(|c| c.cue.as_ref().is_none_or(|m| m.text != "called")),
            "{:#?}",
            doc.claims
        );
    }

    #[test]
    fn a_quote_closed_by_its_comma_ends_before_while() {
        let doc = full("Only 40 percent of the growers agreed that the harvest was \"good enough to sell,\" while 70 percent said the same of the fish.");
        let c = claim(&doc, "the same of the fish");
        assert_eq!(sources_of(&doc, c), ["70 percent"]);
        assert_eq!(c.parent, None);
    }

    #[test]
    fn a_participle_after_an_adjunct_leaves_the_quote_to_its_verb() {
        let doc =
            full("\"The pier is safe,\" she said at the harbour, adding that boats may dock.");
        let c = claim(&doc, "The pier is safe");
        assert_eq!(c.cue.as_ref().unwrap().text, "said");
        let c = claim(&doc, "boats may dock");
        assert_eq!(c.cue.as_ref().unwrap().text, "adding");
    }

    #[test]
    fn say_set_off_by_commas_and_nouns_that_look_like_verbs() {
        let doc = full("In recent weeks, aides to the governor say, the budget has grown tight. The senator praised the Western states. His remarks were brief.");
        let c = claim(&doc, "the budget has grown tight");
        assert_eq!(sources_of(&doc, c), ["aides to the governor"]);
        assert!(
            doc.claims.iter().all(|c| c
                .cue
                .as_ref()
                .is_none_or(|m| m.text != "states" && m.text != "remarks")),
            "{:#?}",
            doc.claims
        );
    }

    /// The cue texts of `doc`'s claims.
    fn cue_texts(doc: &Document) -> Vec<&str> {
        doc.claims
            .iter()
            .filter_map(|c| c.cue.as_ref().map(|m| m.text.as_str()))
            .collect()
    }

    #[test]
    fn credit_lines_nouns_and_kept_leads_report_nothing() {
        let doc = full(
            "The council voted on the ferry plan late on Monday. Okafor reported from Nairobi.",
        );
        assert!(
            cue_texts(&doc).iter().all(|c| !c.contains("reported")),
            "{:#?}",
            doc.claims
        );
        let doc = full(
            "Voters in Gulf Coast states that have lost fishing jobs went to the polls on Tuesday.",
        );
        assert!(!cue_texts(&doc).contains(&"states"), "{:#?}", doc.claims);
        let doc =
            full("The harbour charter is old. It states that the ferry fees stay as they are.");
        let c = claim(&doc, "the ferry fees stay as they are");
        assert_eq!(c.cue.as_ref().unwrap().text, "states");
        let doc = full("With all precincts reporting, the harbour mayor led by 200 votes.");
        assert!(cue_texts(&doc).is_empty(), "{:#?}", doc.claims);
        let doc = full("The harbour mayor maintains a wide lead over her rival.");
        assert!(cue_texts(&doc).is_empty(), "{:#?}", doc.claims);
        let doc = full("The harbour mayor maintains that the pier is safe.");
        let c = claim(&doc, "the pier is safe");
        assert_eq!(sources_of(&doc, c), ["The harbour mayor"]);
    }

    #[test]
    fn beginning_trying_adding_to_and_acquaintance_report_nothing() {
        let doc = full(
            "The council tried to revive the pier plan in March. Okafor began to challenge the mayor in the spring.",
        );
        assert!(cue_texts(&doc).is_empty(), "{:#?}", doc.claims);
        // A verb of saying after it keeps the report.
        let doc = full("The mayor began to say that the ferry was safe.");
        assert!(
            doc.claims
                .iter()
                .any(|c| c.text.contains("the ferry was safe")),
            "{:#?}",
            doc.claims
        );
        let doc = full(
            "The ferry company won the harbour contract on Tuesday, adding to its lead over the rival firm. The storm adds to the drama around the pier.",
        );
        assert!(cue_texts(&doc).is_empty(), "{:#?}", doc.claims);
        let doc = full(
            "You know, the ferry has been late all year. Odhiambo, who has known Okafor since the 1990s, runs the fish market.",
        );
        assert!(cue_texts(&doc).is_empty(), "{:#?}", doc.claims);
        let doc = full("People briefed on the talks said the pier would close. The harbour board briefed the mayor on Monday.");
        assert!(!cue_texts(&doc).contains(&"briefed"), "{:#?}", doc.claims);
    }

    #[test]
    fn a_belief_asked_about_and_an_inference_adverb_are_no_claims() {
        let doc = full("Asked whether she thought the ferry would run, the mayor said the council would decide.");
        assert!(!cue_texts(&doc).contains(&"thought"), "{:#?}", doc.claims);
        claim(&doc, "the council would decide");
        let doc = full("The storm apparently damaged the old pier.");
        assert!(doc.claims.is_empty(), "{:#?}", doc.claims);
        let doc = full("The storm reportedly damaged the old pier.");
        assert_eq!(doc.claims.len(), 1, "{:#?}", doc.claims);
    }

    #[test]
    fn a_participle_after_the_cue_leaves_it_the_quote_before() {
        let doc = full("\"We have done our part,\" the warden said, cutting the call short.");
        let c = claim(&doc, "We have done our part");
        assert_eq!(c.cue.as_ref().unwrap().text, "said");
        assert_eq!(sources_of(&doc, c), ["the warden"]);
    }

    #[test]
    fn a_colon_ending_the_line_before_an_unquoted_statement() {
        let doc = full("The warden added:\nThe gates stay shut until Monday.");
        let c = claim(&doc, "The gates stay shut until Monday");
        assert_eq!(sources_of(&doc, c), ["The warden"]);
    }

    #[test]
    fn a_base_form_with_its_subject_in_the_parse() {
        let doc = full("Fishermen in the north and along the coast say the season opened late.");
        let c = claim(&doc, "the season opened late");
        assert_eq!(c.cue.as_ref().unwrap().text, "say");
    }

    #[test]
    fn a_content_running_past_another_is_not_nested_in_it() {
        let doc = full("The keeper spoke at length.\n\n” … what I saw from the tower is that when the boats start calling the harbour ‘closed,’ the town hears it,” he said.");
        let c = doc
            .claims
            .iter()
            .find(|c| c.cue.as_ref().is_some_and(|m| m.text == "said"))
            .expect("the said claim");
        assert_eq!(c.parent, None, "{:#?}", doc.claims);
        assert!(c.quote);
    }

    #[test]
    fn called_on_r_to_act() {
        let doc = full("In May, the harbour union called on the port owners to raise wages.");
        let c = claim(&doc, "the port owners to raise wages");
        assert_eq!(sources_of(&doc, c), ["the harbour union"]);
        assert_eq!(c.cue.as_ref().unwrap().text, "called on");
    }

    #[test]
    fn told_with_adding_that_keeps_one_claim_per_quote() {
        let doc = full("\"The ferries will run again. Nobody gains from idle boats,\" the port director told reporters in Mombasa, adding that \"the fees stay as they are.\"");
        let first: Vec<&str> = doc
            .claims
            .iter()
            .filter(|c| c.text.starts_with("The ferries will run again"))
            .map(|c| c.cue.as_ref().unwrap().text.as_str())
            .collect();
        assert_eq!(first, ["told"], "{:#?}", doc.claims);
        let c = claim(&doc, "the fees stay as they are");
        assert_eq!(sources_of(&doc, c), ["the port director"]);
    }

    #[test]
    fn word_lists_are_sorted_and_unique() {
        for list in [
            DETERMINERS,
            CLAUSE_WORDS,
            BETWEEN_WORDS,
            LEADING_WORDS,
            ADJUNCT_WORDS,
            PRONOUNS,
            TIME_WORDS,
        ] {
            for w in list.windows(2) {
                assert!(w[0] < w[1], "{:?} before {:?}", w[0], w[1]);
            }
        }
    }
}
