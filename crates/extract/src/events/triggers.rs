//! Finding event triggers in a sentence: the lexicon's verbs and nouns, with their particles and
//! fixed words, minus the uses that are not events (names, nouns after a determiner read as
//! verbs, "declined to comment").

use byline_lexicon::events::{EventPatterns, Pattern, Pos};

use super::sentence::Sent;
use super::words;

/// One trigger found in a sentence.
#[derive(Clone, Debug)]
pub(crate) struct Trigger<'p> {
    /// First token of the phrase.
    pub first: usize,
    /// Last token of the phrase (inclusive).
    pub last: usize,
    /// The head token.
    pub head: usize,
    /// The pattern.
    pub pattern: &'p Pattern,
}

/// Nouns that make an event noun a modifier of a participant ("aid workers", "protest leaders").
const PARTICIPANT_HEADS: &[&str] = &[
    "agencies",
    "agency",
    "chief",
    "convoy",
    "convoys",
    "group",
    "groups",
    "leader",
    "leaders",
    "movement",
    "official",
    "officials",
    "organisation",
    "organisations",
    "organization",
    "organizations",
    "worker",
    "workers",
];

/// Every trigger of `sent`, in text order, not overlapping.
pub(crate) fn find<'p>(
    sent: &Sent<'_>,
    lex: &'p EventPatterns,
    tree: Option<&byline_nlp::Analysis>,
) -> Vec<Trigger<'p>> {
    let tree = tree.filter(|t| t.len() == sent.len());
    let mut found: Vec<Trigger<'p>> = Vec::new();
    let first_word = (0..sent.len())
        .find(|&i| {
            sent.raw(i)
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric)
        })
        .unwrap_or(0);
    for i in 0..sent.len() {
        // Inside an actor mention only as its last word ("French airstrikes" as one mention).
        if let Some(s) = sent.slot_of[i] {
            let slot = sent.slots[s];
            if slot.last != i || slot.first == i {
                continue;
            }
        }
        let raw = sent.raw(i);
        // A capitalised word inside the sentence is a name ("March", "Aid Corps").
        if i != first_word && raw.chars().next().is_some_and(char::is_uppercase) {
            continue;
        }
        let mut best: Option<Trigger<'p>> = None;
        for p in lex.by_form(sent.w(i)) {
            let Some(t) = match_at(sent, i, p) else {
                continue;
            };
            if !plausible(sent, &t) {
                continue;
            }
            let better = match &best {
                None => true,
                Some(b) => {
                    let (len, blen) = (t.pattern.words.len(), b.pattern.words.len());
                    len > blen || (len == blen && prefer(sent, tree, &t, b))
                }
            };
            if better {
                best = Some(t);
            }
        }
        if let Some(t) = best {
            found.push(t);
        }
    }
    // Longer phrases win over triggers they overlap.
    let mut out: Vec<Trigger<'p>> = Vec::new();
    for t in found {
        if let Some(prev) = out.last() {
            if t.first <= prev.last {
                if t.pattern.words.len() > prev.pattern.words.len() {
                    out.pop();
                } else {
                    continue;
                }
            }
        }
        out.push(t);
    }
    out
}

/// Matches the rest of pattern `p` around its head at token `i`.
fn match_at<'p>(sent: &Sent<'_>, i: usize, p: &'p Pattern) -> Option<Trigger<'p>> {
    match p.pos {
        Pos::Noun => {
            let before = p.words.len() - 1;
            if before > i {
                return None;
            }
            let first = i - before;
            let ok = p.words[..before]
                .iter()
                .enumerate()
                .all(|(k, w)| sent.w(first + k) == w);
            ok.then_some(Trigger {
                first,
                last: i,
                head: i,
                pattern: p,
            })
        }
        Pos::Verb => {
            let mut last = i;
            for (k, w) in p.words[1..].iter().enumerate() {
                // The first particle may be separated from its verb by a short object
                // ("ruled it out", "took them hostage").
                let reach = if k == 0 { 3 } else { 1 };
                let at = (last + 1..=last + reach)
                    .take_while(|&j| j < sent.len() && !words::is_punct(sent.w(j)))
                    .find(|&j| sent.w(j) == w)?;
                last = at;
            }
            Some(Trigger {
                first: i,
                last,
                head: i,
                pattern: p,
            })
        }
    }
}

/// Rejects readings that are not events.
fn plausible(sent: &Sent<'_>, t: &Trigger<'_>) -> bool {
    let head = sent.w(t.head);
    let prev = sent.prev(t.first);
    let next = sent.w(t.last + 1);
    match t.pattern.pos {
        Pos::Verb => {
            let base = head == t.pattern.words[0];
            // "the press", "in order to", "a strike": a bare verb form after a determiner or a
            // preposition is a noun.
            if base && (words::is_determiner(prev) || words::is_preposition(prev)) {
                return false;
            }
            // "declined to comment" is a notice, not a rejection.
            if matches!(t.pattern.words[0].as_str(), "decline" | "refuse")
                && next == "to"
                && sent.w(t.last + 2) == "comment"
            {
                return false;
            }
            // "release the files", "released a statement": publishing, not freeing anyone.
            if matches!(t.pattern.words[0].as_str(), "release" | "free")
                && (t.last + 1..(t.last + 4).min(sent.len()))
                    .take_while(|&j| sent.slot_of[j].is_none())
                    .any(|j| words::is_publication(sent.w(j)))
            {
                return false;
            }
            // "provided a comment", "offered no comment": a notice, not aid or an offer.
            if matches!(t.pattern.words[0].as_str(), "provide" | "offer" | "give")
                && (t.last + 1..(t.last + 4).min(sent.len()))
                    .any(|j| matches!(sent.w(j), "comment" | "comments"))
            {
                return false;
            }
        }
        Pos::Noun => {
            if prev == "to" {
                return false;
            }
            if t.pattern.words.len() == 1 && PARTICIPANT_HEADS.contains(&next) {
                return false;
            }
        }
    }
    true
}

/// Between two readings of the same head, the noun wins after a determiner or adjective-like
/// context, the verb otherwise.
fn prefer(
    sent: &Sent<'_>,
    tree: Option<&byline_nlp::Analysis>,
    a: &Trigger<'_>,
    b: &Trigger<'_>,
) -> bool {
    if a.pattern.pos == b.pattern.pos {
        return false;
    }
    // The tagger decides when there is one.
    if let Some(word) = tree.and_then(|t| t.words.get(a.head)) {
        match word.upos {
            byline_nlp::Upos::Noun | byline_nlp::Upos::Propn => return a.pattern.pos == Pos::Noun,
            byline_nlp::Upos::Verb => return a.pattern.pos == Pos::Verb,
            _ => {}
        }
    }
    let prev = sent.prev(a.first.min(b.first));
    let noun_context = words::is_determiner(prev) || words::is_preposition(prev);
    (a.pattern.pos == Pos::Noun) == noun_context && a.pattern.pos != b.pattern.pos
}
