//! Finding reporting cues among the tokens: multi-word phrases first, then verb forms read as
//! verbs only where their neighbours allow it ("the claims of" is a noun, "officials claim" a
//! verb).

use byline_lexicon::cues::{CueClass, Frame, Verb};
use byline_nlp::Upos;

use super::{is_in, Work, BETWEEN_WORDS, DETERMINERS};

/// One reporting cue in the text.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    /// First token.
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// Stance.
    pub class: CueClass,
    /// How source and content are arranged.
    pub frame: Frame,
    /// Lemma or phrase.
    pub lemma: String,
    /// A participle continuing an earlier clause ("adding that", "noting").
    pub participle: bool,
    /// A passive ("was reported"): no subject source.
    pub passive: bool,
}

/// Lemmas that are also common nouns, read as verbs only with clear verbal neighbours.
const NOUNY: &[&str] = &[
    "answer", "brief", "call", "charge", "claim", "comment", "doubt", "estimate", "fear", "hope",
    "note", "promise", "remark", "reply", "report", "signal", "state", "stress", "suspect",
    "tweet", "vow",
];

/// Words before a base form that make it a reporting verb ("they say", "officials also say").
/// Modals and "to" are left out: "can announce", "declined to say" report nothing said.
const BASE_BEFORE: &[&str] = &[
    "also", "did", "do", "does", "i", "n't", "never", "not", "often", "still", "they", "we", "you",
];

/// Forms of "be" that make a past participle passive.
const BE: &[&str] = &["are", "be", "been", "being", "is", "was", "were"];

const IRREGULAR_PAST: &[&str] = &[
    "felt", "knew", "known", "learnt", "put", "said", "thought", "told", "written", "wrote",
];

/// Numerals that make the next word a plural noun ("two states").
const NUMERALS: &[&str] = &[
    "eight", "five", "four", "nine", "seven", "several", "six", "ten", "three", "two",
];

/// Lemmas that report speech only next to a quote or a colon ("Caddell continued: …",
/// "\"…,\" she continued"); elsewhere they report nothing ("continued its attacks").
const QUOTE_ONLY: &[&str] = &["continue"];

/// Words before a present form that make it an infinitive or a bare form, not a finite verb.
const NOT_FINITE_BEFORE: &[&str] = &[
    "'d", "'ll", "can", "could", "let", "may", "might", "must", "shall", "should", "to", "will",
    "would",
];

/// Every cue in the document, in text order.
pub(crate) fn find(w: &Work) -> Vec<Hit> {
    let mut hits = Vec::new();
    let n = w.toks.len();
    let title: Vec<bool> = w.sents.iter().map(|s| title_case(w, s.clone())).collect();
    let mut i = 0;
    while i < n {
        let t = &w.toks[i];
        if t.quote.is_some() || t.punct {
            i += 1;
            continue;
        }
        if let Some(p) = w.cues.phrases().iter().find(|p| {
            p.words.iter().enumerate().all(|(k, pw)| {
                w.toks
                    .get(i + k)
                    .is_some_and(|t| t.quote.is_none() && t.lower == *pw)
            }) && (k_cap_ok(w, i) || p.frame == Frame::According)
        }) {
            let len = p.words.len();
            hits.push(Hit {
                first: i,
                end: i + len,
                class: p.class,
                frame: p.frame,
                lemma: p.words.join(" "),
                participle: p.words[0].ends_with("ing") && p.frame != Frame::Passive,
                passive: p.frame == Frame::Passive,
            });
            i += len;
            continue;
        }
        if let Some(v) = w.cues.verb(&t.lower) {
            if !t.cap || title.get(t.sent).copied().unwrap_or(false) {
                if let Some(hit) = read_verb(w, i, v) {
                    hits.push(hit);
                }
            }
        }
        i += 1;
    }
    hits
}

/// A headline in title case ("Graham Says Talks Failed"): most of its words capitalised, so a
/// capital says nothing of a name.
fn title_case(w: &Work, sent: std::ops::Range<usize>) -> bool {
    let words: Vec<&super::Tok> = w.toks[sent]
        .iter()
        .filter(|t| !t.punct && t.quote.is_none() && t.lower.chars().any(char::is_alphabetic))
        .collect();
    let caps = words.iter().filter(|t| t.cap).count();
    let small = words
        .iter()
        .filter(|t| {
            !t.cap
                && matches!(
                    t.lower.as_str(),
                    "a" | "an"
                        | "and"
                        | "of"
                        | "the"
                        | "to"
                        | "in"
                        | "on"
                        | "for"
                        | "at"
                        | "by"
                        | "or"
                )
        })
        .count();
    words.len() >= 4 && caps * 10 >= (words.len() - small) * 9
}

/// A phrase may start with a capital only at the start of its sentence.
fn k_cap_ok(w: &Work, i: usize) -> bool {
    !w.toks[i].cap || w.sentence_of(i).start == i
}

/// The verb reading of the form at `i`, if its neighbours allow one.
fn read_verb(w: &Work, i: usize, v: &Verb) -> Option<Hit> {
    let form = w.word(i);
    let prev = if i > 0 { w.word(i - 1) } else { "" };
    let next = w.word(i + 1);
    if is_in(DETERMINERS, prev) || matches!(prev, "-" | "’s") || next == "-" {
        return None;
    }
    let nouny = is_in(NOUNY, &v.lemma);
    // "Western states", "his latest remarks": the tagger's plural noun after an adjective, with
    // no clause after it.
    let clause_after = next == "that" || next == ":" || w.toks.get(i + 1).is_some_and(|t| t.mark);
    let tagged = |k: usize, u: Upos| w.toks[k].syn.as_ref().is_some_and(|s| s.upos == u);
    if nouny
        && !clause_after
        && form.ends_with('s')
        && i > 0
        && tagged(i, Upos::Noun)
        && tagged(i - 1, Upos::Adj)
    {
        return None;
    }
    let past = form != v.lemma
        && (form.ends_with("ed") || is_in(IRREGULAR_PAST, form))
        && !form.ends_with("ing");
    let ing = form.ends_with("ing") && form != v.lemma;
    let third = !past && !ing && form != v.lemma && form.ends_with('s');
    // The word before, past adverbs ("officials reportedly believe").
    let mut j = i;
    while j > 0 && (is_in(BETWEEN_WORDS, w.word(j - 1)) || w.cues.is_hedge_adverb(w.word(j - 1))) {
        j -= 1;
    }
    let before = if j > 0 { w.word(j - 1) } else { "" };
    let plural_before = j > 0
        && !w.toks[j - 1].punct
        && before.ends_with('s')
        && !before.ends_with("ss")
        && !is_in(DETERMINERS, before);
    let clause_next =
        next == "that" || next == "," || next == ":" || w.toks.get(i + 1).is_some_and(|t| t.mark);
    // "two states", "18 states": a noun after a numeral.
    let numeral =
        prev.chars().all(|c| c.is_ascii_digit()) && !prev.is_empty() || is_in(NUMERALS, prev);
    if numeral && !past && !ing {
        return None;
    }
    // "(Additional) reporting by X": a credit line, not a participle reporting something.
    if ing && next == "by" {
        return None;
    }
    if no_report(w, i, &v.lemma) {
        return None;
    }
    // "she continued:": verbs that report speech only next to a quote or a colon.
    if is_in(QUOTE_ONLY, &v.lemma) {
        let quote_next = next == ":"
            || w.toks.get(i + 1).is_some_and(|t| t.mark)
            || (next == "," && w.toks.get(i + 2).is_some_and(|t| t.mark));
        let quote_before =
            (i.saturating_sub(5)..i).any(|k| w.toks[k].mark && w.toks[k].sent == w.toks[i].sent);
        if !(quote_next || quote_before) {
            return None;
        }
    }
    let mut passive = false;
    let mut participle = false;
    if v.frame == Frame::As {
        // "as one put it": the frame itself checks its words.
    } else if past {
        if is_in(BE, before) {
            passive = true;
        }
        if next == "of" && nouny {
            return None;
        }
        // "a stream called Mill Run", "the plan, called Bridge": a participle naming its noun;
        // "called into the show", "called off the talks": no report.
        // The parse must give the sentence a verb of its own to be sure: a subject read as
        // a noun with a participle ("Doe called on them") is no naming.
        let sent = w.sentence_of(i);
        let naming = w.toks[i]
            .syn
            .as_ref()
            .is_some_and(|s| s.deprel == "acl" && s.head.is_some_and(|h| h < i))
            && sent.clone().any(|k| {
                k != i
                    && w.toks[k]
                        .syn
                        .as_ref()
                        .is_some_and(|s| s.deprel == "root" && s.upos == Upos::Verb)
            });
        if v.lemma == "call"
            && !passive
            && (naming || matches!(next, "into" | "in" | "off" | "back" | "up" | "out"))
        {
            return None;
        }
    } else if ing {
        if is_in(BE, before) {
            // progressive: "is saying"
        } else {
            participle = true;
        }
    } else if third {
        if next == "of" || next == "for" && v.lemma != "call" {
            return None;
        }
        let pronoun_before = matches!(before, "he" | "she" | "it");
        let name_before = j > 0 && w.toks[j - 1].cap;
        if nouny && !(clause_next || pronoun_before || name_before) {
            return None;
        }
    } else {
        // base form
        if next == "of" {
            return None;
        }
        // The tagger's finite present ("Police say", "some note"), past any adverbs, when no
        // modal or "to" stands before it.
        let finite = !w.toks[i].base_verb
            && w.toks[i].syn.as_ref().is_some_and(|s| s.upos == Upos::Verb)
            && j > 0
            && !w.toks[j - 1].punct
            && !is_in(NOT_FINITE_BEFORE, before)
            && !is_in(DETERMINERS, before);
        // "Both Smith and Jones say": coordinated names make a plural subject.
        let names_before =
            j > 2 && w.toks[j - 1].cap && (j.saturating_sub(6)..j - 1).any(|k| w.word(k) == "and");
        // A word before it that may end its subject: no punctuation, no word making it an
        // infinitive or a bare form, no determiner.
        let subject_may_end = j > 0
            && !w.toks[j - 1].punct
            && !is_in(NOT_FINITE_BEFORE, before)
            && !is_in(DETERMINERS, before);
        // "…, advisers to Mr. Doe say, the plan …": "say" set off by a comma after its subject.
        let aside = v.lemma == "say"
            && next == ","
            && subject_may_end
            && !matches!(before, "me" | "us" | "you" | "let");
        // "Observers in the region say C": the parse gives it a subject before it.
        let sent = w.sentence_of(i);
        let has_subject = j == i
            && subject_may_end
            && (sent.start..i).any(|k| {
                w.toks[k]
                    .syn
                    .as_ref()
                    .is_some_and(|s| s.head == Some(i) && s.deprel.starts_with("nsubj"))
            });
        let verbal = is_in(BASE_BEFORE, before)
            || aside
            || (!nouny && (plural_before || finite || names_before || has_subject));
        let nouny_ok = nouny && plural_before && clause_next;
        if !(verbal || nouny_ok) {
            return None;
        }
    }
    // "felt comfortable", "feels strong": a state, not a belief about something.
    if v.lemma == "feel"
        && w.toks
            .get(i + 1)
            .and_then(|t| t.syn.as_ref())
            .is_some_and(|s| s.upos == Upos::Adj)
        && w.word(i + 2) != "that"
    {
        return None;
    }
    // "say" takes no infinitive of its own: "experts say her plans to raise taxes …" reports.
    let takes_infinitive = v.lemma != "say" || next == "to";
    if !passive && takes_infinitive && infinitive_follows(w, i) {
        return None;
    }
    Some(Hit {
        first: i,
        end: i + 1,
        class: v.class,
        frame: v.frame,
        lemma: v.lemma.clone(),
        participle,
        passive,
    })
}

/// Set phrases that report nothing, for the verb of lemma `lemma` at `i`: "having said that",
/// "it goes without saying", "needless to say", "the city said enough" (a refusal, no content);
/// "called an emergency meeting", "called a snap election" (convening, not reporting).
pub(crate) fn no_report(w: &Work, i: usize, lemma: &str) -> bool {
    let prev = if i > 0 { w.word(i - 1) } else { "" };
    let before_prev = if i > 1 { w.word(i - 2) } else { "" };
    let next = w.word(i + 1);
    match lemma {
        "say" => {
            (prev == "having" && next == "that")
                || prev == "without"
                || (prev == "to" && before_prev == "needless")
                || (next == "enough" && w.toks.get(i + 2).is_none_or(|t| t.punct))
        }
        "call" => convenes(w, i),
        _ => false,
    }
}

/// Nouns of gatherings and votes that "call" convenes ("called a meeting"), never a report.
const CONVENED: &[&str] = &[
    "conference",
    "election",
    "elections",
    "halt",
    "hearing",
    "hearings",
    "meeting",
    "meetings",
    "referendum",
    "session",
    "strike",
    "summit",
    "truce",
    "vote",
];

/// Whether the object of "call" at `i` is a gathering or a vote: "called an emergency
/// meeting", "called a snap election", "calls a press conference" (a determiner, up to two
/// modifiers, then the noun).
fn convenes(w: &Work, i: usize) -> bool {
    if !matches!(
        w.word(i + 1),
        "a" | "an" | "the" | "another" | "new" | "early"
    ) {
        return false;
    }
    let Some(n) = (i + 2..i + 5).find(|&k| is_in(CONVENED, w.word(k))) else {
        return false;
    };
    // "called the vote a sham", "called the meeting “useful”": a judgement, reported.
    let judged = matches!(w.word(n + 1), "a" | "an") || w.toks.get(n + 1).is_some_and(|t| t.mark);
    !judged && (i + 2..n).all(|k| !(w.toks[k].punct || w.toks[k].quote.is_some()))
}

/// "agreed on Monday to reopen", "promised to leave": a verb taking an infinitive reports no
/// content clause. Looks a few words ahead, within the clause, for "to" before a base-form verb.
fn infinitive_follows(w: &Work, i: usize) -> bool {
    let sent = w.toks[i].sent;
    for k in i + 1..(i + 6).min(w.toks.len()) {
        let t = &w.toks[k];
        if t.sent != sent || t.punct || t.lower == "that" || t.quote.is_some() {
            return false;
        }
        // "said he wants to leave": a verb of its own clause comes first.
        if t.syn
            .as_ref()
            .is_some_and(|s| matches!(s.upos, Upos::Verb | Upos::Aux))
        {
            return false;
        }
        if t.lower == "to" {
            return w.toks.get(k + 1).is_some_and(|n| n.base_verb);
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted() {
        for list in [
            NOUNY,
            BASE_BEFORE,
            BE,
            IRREGULAR_PAST,
            NOT_FINITE_BEFORE,
            NUMERALS,
            QUOTE_ONLY,
        ] {
            for w in list.windows(2) {
                assert!(w[0] < w[1], "{:?} before {:?}", w[0], w[1]);
            }
        }
    }
}
