//! Tense of the verb that governs a time expression, from word-level cues (or POS tags when the
//! caller has them): it decides whether a bare "Tuesday" or "in May" lies before or after the
//! publication date.

use crate::scan::{Kind, Piece};

/// Which way a bare date points from the publication date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    /// No cue found.
    Unknown,
}

/// Irregular past forms (sorted; checked by a test).
static IRREGULAR_PAST: &[&str] = &[
    "arose",
    "ate",
    "became",
    "began",
    "bent",
    "bit",
    "blew",
    "bought",
    "broke",
    "brought",
    "built",
    "burnt",
    "came",
    "caught",
    "chose",
    "clung",
    "dealt",
    "did",
    "drank",
    "drew",
    "drove",
    "dug",
    "fed",
    "fell",
    "felt",
    "fled",
    "flew",
    "forbade",
    "forgot",
    "fought",
    "found",
    "froze",
    "gave",
    "got",
    "grew",
    "had",
    "heard",
    "held",
    "hid",
    "hung",
    "kept",
    "knew",
    "laid",
    "led",
    "left",
    "lent",
    "lost",
    "made",
    "meant",
    "met",
    "paid",
    "ran",
    "rang",
    "rode",
    "rose",
    "said",
    "sank",
    "sat",
    "saw",
    "sent",
    "shook",
    "shot",
    "slept",
    "sold",
    "sought",
    "spent",
    "spoke",
    "stole",
    "stood",
    "struck",
    "swore",
    "taught",
    "thought",
    "threw",
    "told",
    "took",
    "understood",
    "was",
    "were",
    "withdrew",
    "woke",
    "won",
    "wore",
    "wrote",
];

/// Words ending in -ed that are not past forms.
static NOT_PAST_ED: &[&str] = &[
    "bed", "bred", "embed", "exceed", "feed", "greed", "heed", "hundred", "indeed", "need",
    "proceed", "red", "seed", "shed", "speed", "succeed", "weed",
];

/// Modal or marker words that put what follows in the future.
static FUTURE: &[&str] = &[
    "due",
    "effective",
    "expected",
    "going",
    "payable",
    "shall",
    "upcoming",
    "will",
    "would",
];

/// Verbs whose infinitive ("to meet on Friday") points a date ahead.
static INFINITIVES: &[&str] = &[
    "arrive", "attend", "be", "begin", "close", "come", "end", "expire", "go", "hold", "host",
    "join", "launch", "leave", "meet", "open", "resume", "return", "run", "sign", "start", "take",
    "travel", "visit", "vote",
];

fn lower<'b>(text: &str, p: &Piece, buf: &'b mut [u8; 24]) -> Option<&'b str> {
    let s = text.get(p.start..p.end)?;
    if s.len() > buf.len() || !s.is_ascii() {
        return None;
    }
    for (b, c) in buf.iter_mut().zip(s.bytes()) {
        *b = c.to_ascii_lowercase();
    }
    std::str::from_utf8(&buf[..s.len()]).ok()
}

fn in_sorted(list: &[&str], w: &str) -> bool {
    list.binary_search(&w).is_ok()
}

/// What one word says about tense: `Some(tense)` for a cue.
fn cue(
    text: &str,
    pieces: &[Piece],
    k: usize,
    lo: usize,
    tags: Option<&[&str]>,
    near: bool,
) -> Option<Tense> {
    let p = &pieces[k];
    if p.kind != Kind::Word {
        return None;
    }
    if let Some(tag) = tags.and_then(|t| t.get(k)) {
        match *tag {
            "VBD" => return Some(Tense::Past),
            "MD" => {}
            "VBN" | "VB" | "VBZ" | "VBP" | "VBG" => {}
            _ => return None,
        }
    }
    let mut buf = [0u8; 24];
    let w = lower(text, p, &mut buf)?;
    let prev = |n: usize| -> Option<&str> {
        let j = k.checked_sub(n)?;
        if j < lo || pieces[j].kind != Kind::Word {
            return None;
        }
        text.get(pieces[j].start..pieces[j].end)
    };
    let prev_is = |n: usize, words: &[&str]| {
        prev(n).is_some_and(|p| words.iter().any(|w| p.eq_ignore_ascii_case(w)))
    };
    if in_sorted(FUTURE, w) {
        return Some(Tense::Future);
    }
    if w == "ll" && k > lo && pieces[k - 1].is_char('\'') {
        return Some(Tense::Future);
    }
    if w == "ago" {
        return Some(Tense::Past);
    }
    // "to" + infinitive: "to be held on", "to take effect on".
    if prev_is(1, &["to"]) && near && in_sorted(INFINITIVES, w) && !p.cap && p.lex.is_none() {
        return Some(Tense::Future);
    }
    let past_form = in_sorted(IRREGULAR_PAST, w)
        || (w.len() >= 4 && w.ends_with("ed") && !in_sorted(NOT_PAST_ED, w) && !p.cap);
    if past_form {
        if w == "won" && pieces.get(k + 1).is_some_and(|n| n.is_char('\'')) {
            return Some(Tense::Future);
        }
        // Passive after a modal or "to": "will be held", "to be announced".
        if prev_is(1, &["be"]) {
            return prev_is(2, &["to", "will", "would", "shall"]).then_some(Tense::Future);
        }
        if let Some(tag) = tags.and_then(|t| t.get(k)) {
            if *tag == "VBN" && !prev_is(1, &["has", "have", "had", "was", "were"]) {
                return None;
            }
        }
        return Some(Tense::Past);
    }
    if matches!(w, "is" | "are") {
        // "is to meet", "are due to": future.
        let next = pieces
            .get(k + 1)
            .map(|n| text[n.start..n.end].to_ascii_lowercase());
        if matches!(
            next.as_deref(),
            Some("to" | "due" | "set" | "expected" | "scheduled")
        ) {
            return Some(Tense::Future);
        }
    }
    None
}

/// Tense of the clause around the expression `[a, b)` of the sentence `[lo, hi)`: the nearest cue,
/// looking left first, within a few words.
pub(crate) fn tense(
    text: &str,
    pieces: &[Piece],
    (lo, hi): (usize, usize),
    (a, b): (usize, usize),
    tags: Option<&[&str]>,
) -> Tense {
    const REACH: usize = 12;
    let mut k = a;
    while k > lo && a - k < REACH {
        k -= 1;
        if pieces[k].is_char(';') {
            break;
        }
        if let Some(t) = cue(text, pieces, k, lo, tags, a - k <= 3) {
            return t;
        }
    }
    for k in b..hi.min(b + REACH) {
        if pieces[k].is_char(';') {
            break;
        }
        if let Some(t) = cue(text, pieces, k, lo, tags, false) {
            return t;
        }
    }
    Tense::Unknown
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tense_of(text: &str, word: &str) -> Tense {
        let layout = byline_text::analyze(text);
        let p = crate::scan::pieces(text, &layout.tokens);
        let k = p
            .iter()
            .position(|p| &text[p.start..p.end] == word)
            .unwrap();
        tense(text, &p, (0, p.len()), (k, k + 1), None)
    }

    #[test]
    fn lists_are_sorted() {
        for l in [IRREGULAR_PAST, NOT_PAST_ED, FUTURE, INFINITIVES] {
            assert!(l.windows(2).all(|w| w[0] <= w[1]), "{l:?}");
        }
    }

    #[test]
    fn finds_cues() {
        assert_eq!(
            tense_of("The envoys met in May to talk.", "May"),
            Tense::Past
        );
        assert_eq!(
            tense_of("They will meet on Tuesday.", "Tuesday"),
            Tense::Future
        );
        assert_eq!(
            tense_of("A vote to be held on Sunday was planned.", "Sunday"),
            Tense::Future
        );
        assert_eq!(
            tense_of("The rule is to take effect in June.", "June"),
            Tense::Future
        );
        assert_eq!(
            tense_of("Officials announced on Friday a plan.", "Friday"),
            Tense::Past
        );
        assert_eq!(tense_of("Rain on Friday.", "Friday"), Tense::Unknown);
    }
}
