//! Notices about the reporting itself, and the outlet chain.
//!
//! - `no_comment`: "declined to comment", "did not respond to a request for comment", and
//!   phrases that say so only when negated ("neither X nor Y provided a comment"); one notice
//!   per actor named in the clause before the phrase (else one without an actor), each with
//!   the clause's subject as `subject` ("He declined to comment", "his campaign did not
//!   respond").
//! - `unverified`: "could not independently verify claims of A or B" marks the earlier claims
//!   whose content shares a content word with A or B (by stem), and that are not the outlet's
//!   own, as `unverified`.
//! - `denied`: "denied", "no evidence to support": links the denial's own claim, and marks
//!   earlier claims the denied words speak of as `disputed`.
//! - `relayed_from`: outlets the report passes on: the recipient of "told Reuters", and the
//!   outlet source of the lead sentence ("…, Reuters reported Tuesday").

use std::ops::Range;

use byline_lexicon::cues::NoticeKind;
use byline_model::{ActorKind, Factuality, Mention, Notice, SourceKind};

use super::claims::Draft;
use super::sources::Built;
use super::{head, is_in, kids, rel, Work};
use crate::context::Context;

/// Words that negate a clause.
const NEGATIONS: &[&str] = &["n't", "neither", "never", "no", "nor", "not", "without"];

/// Words too common to tie a notice to a claim.
const STOP: &[&str] = &[
    "about",
    "accusation",
    "accusations",
    "allegation",
    "allegations",
    "also",
    "and",
    "any",
    "are",
    "been",
    "but",
    "claim",
    "claims",
    "for",
    "from",
    "had",
    "has",
    "have",
    "independent",
    "independently",
    "into",
    "its",
    "not",
    "other",
    "over",
    "report",
    "reports",
    "said",
    "than",
    "that",
    "the",
    "their",
    "them",
    "these",
    "they",
    "this",
    "those",
    "verify",
    "was",
    "were",
    "what",
    "which",
    "who",
    "will",
    "with",
    "would",
];

/// Adds notices, marks the claims they speak of, and fills `relayed_from`.
pub(crate) fn annotate(w: &Work, cx: &mut Context, drafts: &[Draft], built: Built) {
    let n = w.toks.len();
    let mut i = 0;
    while i < n {
        if w.toks[i].quote.is_some() || w.toks[i].punct {
            i += 1;
            continue;
        }
        let Some(p) = w.cues.notices().iter().find(|p| {
            p.words.iter().enumerate().all(|(k, pw)| {
                w.toks
                    .get(i + k)
                    .is_some_and(|t| t.lower == *pw && t.quote.is_none())
            })
        }) else {
            i += 1;
            continue;
        };
        let end = i + p.words.len();
        let sent = w.sentence_of(i);
        let clause = clause_start(w, sent.start, i);
        if p.needs_negation && !(clause..i).any(|k| is_in(NEGATIONS, w.word(k))) {
            i = end;
            continue;
        }
        let cue = mention(w, cx, i, end);
        match p.kind {
            NoticeKind::NoComment => {
                let (s, e) = (w.toks[clause].start, w.toks[i].start);
                let mut actors: Vec<usize> = w
                    .actors_in(s, e)
                    .into_iter()
                    .filter(|&a| w.actors[a].kind != ActorKind::Place)
                    .collect();
                // "X's office" speaks for X; a person beats the country named in their title.
                if actors
                    .iter()
                    .any(|&a| w.actors[a].kind == ActorKind::Person)
                {
                    actors.retain(|&a| w.actors[a].kind == ActorKind::Person);
                }
                let subject =
                    clause_subject(w, &sent, clause, i).map(|(a, b)| mention(w, cx, a, b));
                if actors.is_empty() {
                    cx.doc.notices.push(Notice {
                        kind: NoticeKind::NoComment,
                        by: None,
                        actor: None,
                        claims: Vec::new(),
                        cue: cue.clone(),
                        subject: subject.clone(),
                    });
                }
                for a in actors {
                    cx.doc.notices.push(Notice {
                        kind: NoticeKind::NoComment,
                        by: None,
                        actor: Some(w.actors[a].id.clone()),
                        claims: Vec::new(),
                        cue: cue.clone(),
                        subject: subject.clone(),
                    });
                }
            }
            NoticeKind::Unverified | NoticeKind::Denied => {
                let (s, _) = (w.toks[sent.start].start, w.toks[i].start);
                let by = w
                    .mentions
                    .iter()
                    .filter(|m| m.0 >= s && m.1 <= w.toks[i].start)
                    .map(|m| m.2)
                    .next();
                let by_name = by
                    .map(|a| w.actors[a].name.to_lowercase())
                    .or_else(|| (clause < i).then(|| w.span_text(clause, i).to_lowercase()));
                // What is not verified or denied: the words after the phrase, else before it.
                let mut obj_end = end;
                while obj_end < sent.end
                    && !matches!(w.word(obj_end), "," | ";" | ".")
                    && !(w.word(obj_end) == "and" && obj_end > end + 6)
                {
                    obj_end += 1;
                }
                let (oa, ob) = if obj_end > end {
                    (end, obj_end)
                } else {
                    (clause, i)
                };
                // "the diplomats' account", "the ministry's claims": whose statements they are.
                let owner = (oa..ob)
                    .find(|&k| matches!(w.word(k), "'s" | "'" | "’s" | "’"))
                    .map(|k| stems(w, oa, k))
                    .unwrap_or_default();
                let stems = stems(w, oa, ob);
                let own = drafts
                    .iter()
                    .position(|d| d.cue.0 == i && !d.speaker_only)
                    .and_then(|k| built.claim_of[k]);
                let mut claims = Vec::new();
                if let Some(c) = own {
                    claims.push(cx.doc.claims[c].id.clone());
                }
                let at = cx.chars.char_of_byte(w.toks[i].start);
                for c in 0..cx.doc.claims.len() {
                    if Some(c) == own || cx.doc.claims[c].span.1 > at || stems.is_empty() {
                        continue;
                    }
                    let claim = &cx.doc.claims[c];
                    let by_source = claim.sources.iter().any(|sid| {
                        cx.doc.sources.iter().any(|s| {
                            s.id == *sid
                                && (s.kind == SourceKind::Outlet || s.kind == SourceKind::Document)
                                && by_name
                                    .as_deref()
                                    .is_some_and(|b| b.contains(&s.text.to_lowercase()))
                        })
                    });
                    if by_source || claim.sources.is_empty() {
                        continue;
                    }
                    let owned = !owner.is_empty()
                        && claim.sources.iter().any(|sid| {
                            cx.doc.sources.iter().any(|s| {
                                s.id == *sid
                                    && claim_stems(&s.text).iter().any(|w| owner.contains(w))
                            })
                        });
                    let words = claim_stems(&claim.text);
                    if owned || stems.iter().any(|s| words.contains(s)) {
                        claims.push(claim.id.clone());
                    }
                }
                let mark = if p.kind == NoticeKind::Unverified {
                    Factuality::Unverified
                } else {
                    Factuality::Disputed
                };
                let own_id = own.map(|o| cx.doc.claims[o].id.clone());
                for c in cx.doc.claims.iter_mut() {
                    if claims.contains(&c.id) && Some(&c.id) != own_id.as_ref() {
                        c.factuality = mark;
                    }
                }
                cx.doc.notices.push(Notice {
                    kind: p.kind,
                    by: by.map(|a| w.actors[a].id.clone()),
                    actor: if p.kind == NoticeKind::Denied {
                        by.map(|a| w.actors[a].id.clone())
                    } else {
                        None
                    },
                    claims,
                    cue,
                    subject: None,
                });
            }
            _ => {}
        }
        i = end;
    }
    relayed_from(w, cx, drafts);
}

/// The subject phrase of the clause of a notice whose first word is token `i` ("[He]
/// declined to comment", "[his campaign] did not respond", "Hoff, [who] declined"): the
/// `nsubj` of the notice's verb (through an auxiliary, or the verb it is coordinated with or
/// controlled by), when it lies in the clause from `clause` and before the notice.
fn clause_subject(
    w: &Work,
    sent: &Range<usize>,
    clause: usize,
    i: usize,
) -> Option<(usize, usize)> {
    let mut v = i;
    if matches!(rel(w, v), "aux" | "aux:pass") {
        v = head(w, v)?;
    }
    for _ in 0..4 {
        if let Some(s) = kids(w, sent, v).find(|&k| rel(w, k) == "nsubj") {
            let (mut a, mut b) = w.subtree(s, sent);
            while a < b && w.toks[a].punct {
                a += 1;
            }
            while b > a && w.toks[b - 1].punct {
                b -= 1;
            }
            return (clause <= a && a < b && b <= i).then_some((a, b));
        }
        match rel(w, v) {
            "conj" | "xcomp" => v = head(w, v)?,
            _ => return None,
        }
    }
    None
}

fn mention(w: &Work, cx: &Context, a: usize, b: usize) -> Mention {
    cx.mention(w.toks[a].start, w.toks[b - 1].end)
}

/// Start of the clause holding token `i`: after the last ";" or ", and" / ", but" before it.
fn clause_start(w: &Work, lo: usize, i: usize) -> usize {
    let mut k = i;
    while k > lo {
        let x = w.word(k - 1);
        if x == ";" || (matches!(x, "and" | "but" | "while") && k >= 2 && w.word(k - 2) == ",") {
            return k;
        }
        k -= 1;
    }
    lo
}

/// Crude English stem: lowercase, one inflectional or common derivational suffix cut, then a
/// final silent "e", so that "shares"/"share", "cranes"/"crane", "moving"/"movements" meet.
fn stem(word: &str) -> String {
    let w = word.to_lowercase();
    let mut base = w.as_str();
    for suf in [
        "ments", "ment", "ings", "ing", "ions", "ion", "ies", "ed", "es", "s",
    ] {
        if w.len() > suf.len() + 2 {
            if let Some(s) = w.strip_suffix(suf) {
                if suf == "s" && s.ends_with('s') {
                    break;
                }
                if suf == "es"
                    && !(s.ends_with(['s', 'x', 'z']) || s.ends_with("ch") || s.ends_with("sh"))
                {
                    base = &w[..w.len() - 1];
                } else {
                    base = s;
                }
                break;
            }
        }
    }
    let base = if base.len() > 3 {
        base.strip_suffix('e').unwrap_or(base)
    } else {
        base
    };
    base.to_string()
}

/// Stems of the content words of tokens `[a, b)` (lowercase words of 3+ letters).
fn stems(w: &Work, a: usize, b: usize) -> Vec<String> {
    (a..b)
        .filter(|&k| {
            let t = &w.toks[k];
            !t.cap && !t.punct && t.lower.len() >= 3 && !is_in(STOP, &t.lower)
        })
        .map(|k| stem(&w.toks[k].lower))
        .collect()
}

fn claim_stems(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|x| x.len() >= 3)
        .map(stem)
        .collect()
}

/// Outlets the report passes on.
fn relayed_from(w: &Work, cx: &mut Context, drafts: &[Draft]) {
    let mut out: Vec<String> = Vec::new();
    let first_sentence_end = w.sents.first().map_or(0, |s| s.end);
    for d in drafts {
        let mut names = Vec::new();
        if let Some((a, b)) = d.recipient {
            names.push((a, b));
        }
        if d.cue.0 < first_sentence_end {
            names.extend(d.sources.iter().copied());
        }
        for (a, b) in names {
            let text = w.span_text(a, b);
            let words: Vec<&str> = (a..b).map(|k| w.word(k)).collect();
            let max = w.cues.outlet_max_words().max(1);
            let mut name = None;
            for i in 0..words.len() {
                for n in (1..=max.min(words.len() - i)).rev() {
                    if w.cues.is_outlet_name(&words[i..i + n].join(" ")) {
                        name = Some(w.span_text(a + i, a + i + n).to_string());
                        break;
                    }
                }
                if name.is_some() {
                    break;
                }
            }
            let _ = text;
            if let Some(name) = name {
                let own = cx
                    .doc
                    .outlet
                    .as_deref()
                    .is_some_and(|o| o.eq_ignore_ascii_case(&name));
                if !own && !out.iter().any(|o| o.eq_ignore_ascii_case(&name)) {
                    out.push(name);
                }
            }
        }
    }
    cx.doc.relayed_from = out;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems_meet_across_inflections() {
        for (a, b) in [
            ("shares", "share"),
            ("cranes", "crane"),
            ("moving", "movements"),
            ("stopped", "stopping"),
            ("boxes", "box"),
        ] {
            assert_eq!(stem(a), stem(b), "{a} / {b}");
        }
        assert_ne!(stem("sales"), stem("sold"));
    }

    #[test]
    fn stop_words_are_sorted_and_unique() {
        for pair in STOP.windows(2) {
            assert!(pair[0] < pair[1], "{:?} before {:?}", pair[0], pair[1]);
        }
    }
}
