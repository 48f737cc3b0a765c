//! Who did it and to whom: the participants of a trigger, read from the actor mentions around it.
//!
//! Active verbs take the subject (the nearest actor mention to the left in the same clause that
//! is not the object of a preposition) as actor and the first actor mention after them as
//! target; passives take the `by` agent as actor and the subject as target; nouns take a
//! premodifier ("Israeli airstrikes", "Israel's raids") or a `by` agent as actor, else the
//! subject of the clause, and their target from a preposition (`on`, `against`, `with`, `to` …).
//! Coordinated mentions ("Syria and Israel") all take the role.

use byline_lexicon::events::Pos;
use byline_model::ActorKind;

use super::sentence::Sent;
use super::triggers::Trigger;
use super::words;

/// The participants found for one trigger (slot indices).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Roles {
    /// Who acts.
    pub actors: Vec<usize>,
    /// Who is acted on.
    pub targets: Vec<usize>,
    /// Where it happened.
    pub location: Option<usize>,
    /// Token range (inclusive) of the subject phrase the tree found when no actor mention
    /// heads it ("evidence", "several thousand people"): an actor read from the tokens must
    /// lie inside it.
    pub actor_phrase: Option<(usize, usize)>,
    /// The actor is a people or crowd coded by the country it lives or acts in ("the
    /// Albanians of southern Serbia" → SRB), not that country's state: it is a party apart
    /// from the state's government.
    pub people: bool,
    /// A target is such a people ("Ugandan opposition candidates"), not the state.
    pub people_target: bool,
}

/// How far participants may be from their trigger, in tokens.
const REACH: usize = 14;

/// The participants of trigger `t`.
pub(crate) fn find(sent: &Sent<'_>, t: &Trigger<'_>) -> Roles {
    let mut roles = Roles::default();
    match t.pattern.pos {
        Pos::Verb if is_passive(sent, t) => {
            roles.actors = agent(sent, t.last + 1)
                .map(|s| right(sent, s))
                .unwrap_or_default();
            roles.targets = subject(sent, t.first)
                .map(|s| left(sent, s))
                .unwrap_or_default();
        }
        Pos::Verb => {
            roles.actors = subject(sent, t.first)
                .map(|s| left(sent, s))
                .unwrap_or_default();
            let mut from = t.last + 1;
            // "demanded (on Friday) that Syria withdraw": the subject of the demanded clause.
            if t.pattern.kind == byline_model::EventType::Request {
                if let Some(j) = (from..(from + 3).min(sent.len())).find(|&j| sent.w(j) == "that") {
                    from = j + 1;
                }
            }
            roles.targets = object(sent, from)
                .map(|s| right(sent, s))
                .unwrap_or_default();
        }
        Pos::Noun => {
            if let Some((a, b)) = between(sent, t.last + 1) {
                roles.actors = vec![a];
                roles.targets = vec![b];
            } else {
                let actor = premodifier(sent, t.first)
                    .or_else(|| agent(sent, t.last + 1))
                    .or_else(|| subject(sent, t.first));
                roles.actors = actor.map(|s| left(sent, s)).unwrap_or_default();
                roles.targets = prep_object(sent, t.last + 1)
                    .map(|s| right(sent, s))
                    .unwrap_or_default();
            }
        }
    }
    let actors = roles.actors.clone();
    roles.targets.retain(|s| !actors.contains(s));
    if t.pattern.symmetric && roles.targets.is_empty() && roles.actors.len() > 1 {
        roles.targets = roles.actors.split_off(1);
    }
    roles.location = location(sent, t.head);
    roles
}

/// True for a participle after a form of "be" ("were supplied") or before a `by` agent
/// ("weapons supplied by Israel").
fn is_passive(sent: &Sent<'_>, t: &Trigger<'_>) -> bool {
    let head = sent.w(t.head);
    let participle = head != t.pattern.words[0]
        && !head.ends_with("ing")
        && (!head.ends_with('s') || head.ends_with("ss"));
    if !participle {
        return false;
    }
    let aux = (1..=3).any(|k| {
        t.first >= k
            && words::is_passive_aux(sent.w(t.first - k))
            && (t.first - k + 1..t.first).all(|j| sent.slot_of[j].is_none())
    });
    aux || agent(sent, t.last + 1).is_some() && sent.w(t.last + 1) == "by"
}

/// Skips determiners after a preposition: the slot starting within two tokens of `from`.
fn slot_near(sent: &Sent<'_>, from: usize) -> Option<usize> {
    for j in from..(from + 3).min(sent.len()) {
        if let Some(s) = sent.slot_of[j] {
            return (sent.slots[s].first == j).then_some(s);
        }
        let w = sent.w(j);
        if !(words::is_determiner(w) || (!words::is_punct(w) && !words::is_preposition(w))) {
            return None;
        }
    }
    None
}

/// The comma that opens a trailing attribution after token `last` ("…, a UN official said on
/// Monday", "…, the BTA reported", "…, according to reports"): whoever reports an event is not
/// one of its participants.
pub(crate) fn attribution_after(sent: &Sent<'_>, last: usize) -> Option<usize> {
    // Not a word of a name ("the United States").
    let r = (last + 1..sent.len())
        .find(|&r| words::is_reporting(sent.w(r)) && sent.slot_of[r].is_none())?;
    let c = (last + 1..r).rev().find(|&c| sent.w(c) == ",")?;
    let quiet = (c + 1..r).all(|k| {
        let w = sent.w(k);
        !words::opens_clause(w) && !words::is_coordinator(w) && !matches!(w, "," | ";")
    });
    (quiet && r - c <= 8).then_some(c)
}

/// The subject of a condition after the trigger ending at `last` ("… unless Baghdad accepted",
/// "… if the United States goes ahead"): whoever must comply, the target of a threat.
pub(crate) fn condition_subject(sent: &Sent<'_>, last: usize) -> Option<usize> {
    let j = (last + 1..sent.len()).find(|&j| matches!(sent.w(j), "unless" | "if"))?;
    // "…, officials said, if …" is still the threat's clause; a new sentence part is not.
    if (last + 1..j).any(|k| matches!(sent.w(k), ";" | ":")) {
        return None;
    }
    slot_near(sent, j + 1).filter(|&s| !matches!(sent.slots[s].kind, ActorKind::Place))
}

/// The `by` agent after `from`.
fn agent(sent: &Sent<'_>, from: usize) -> Option<usize> {
    agent_within(sent, from, 5)
}

/// The `by` agent at most `reach` tokens after `from`, not past another actor mention or a
/// clause boundary ("his murder and dismemberment inside the consulate by Saudi agents").
pub(crate) fn agent_within(sent: &Sent<'_>, from: usize, reach: usize) -> Option<usize> {
    for j in from..(from + reach).min(sent.len()) {
        let w = sent.w(j);
        if w == "by" {
            return slot_near(sent, j + 1);
        }
        if words::closes_object(w) || sent.slot_of[j].is_some() {
            return None;
        }
    }
    None
}

/// True when the slot is the object of a preposition.
fn oblique(sent: &Sent<'_>, s: usize) -> bool {
    let first = sent.slots[s].first;
    let mut j = first;
    while j > 0 && words::is_determiner(sent.w(j - 1)) {
        j -= 1;
    }
    let prev = sent.prev(j);
    words::is_preposition(prev) || prev == "to"
}

/// The subject of a clause whose verb starts at `pos`: the nearest actor mention to the left
/// in the same clause that is not the object of a preposition.
pub(crate) fn subject(sent: &Sent<'_>, pos: usize) -> Option<usize> {
    // "when he met al-Sharaa": a pronoun subject stands for the subject before it.
    let mut k = pos;
    while k > 0 && pos - k < 4 {
        k -= 1;
        let w = sent.w(k);
        if sent.slot_of[k].is_some() || words::is_punct(w) {
            break;
        }
        if words::is_pronoun(w) {
            return antecedent(sent, k);
        }
    }
    let mut j = pos;
    let stop = pos.saturating_sub(REACH + 6);
    while j > stop {
        j -= 1;
        let w = sent.w(j);
        if words::is_reporting(w) || (w == "that" && j > 0 && words::is_reporting(sent.w(j - 1))) {
            // "Ghana said it will …": the pronoun subject is the speaker.
            let r = if words::is_reporting(w) { j } else { j - 1 };
            let after = if sent.w(r + 1) == "that" {
                r + 2
            } else {
                r + 1
            };
            if after < pos && words::is_pronoun(sent.w(after)) {
                return subject(sent, r);
            }
            return None;
        }
        if words::opens_clause(w) {
            return None;
        }
        if let Some(s) = sent.slot_of[j] {
            let first = sent.slots[s].first;
            if j >= pos || matches!(sent.slots[s].kind, ActorKind::Place) {
                j = first;
                continue;
            }
            if !oblique(sent, s) {
                return Some(appositive_head(sent, s, pos).unwrap_or(s));
            }
            j = first;
        }
    }
    None
}

/// "Pakistan, a key U.S. ally in the war, has refused": when the mention `s` found as a subject
/// sits in an apposition set off by commas before the verb at `pos`, the subject is the mention
/// the apposition describes.
fn appositive_head(sent: &Sent<'_>, s: usize, pos: usize) -> Option<usize> {
    if !(sent.slots[s].last + 1..pos).any(|j| sent.w(j) == ",") {
        return None;
    }
    let mut j = sent.slots[s].first;
    for _ in 0..4 {
        if j == 0 {
            return None;
        }
        j -= 1;
        let w = sent.w(j);
        if w == "," {
            let head = sent.slot_of[j.checked_sub(1)?]?;
            return (sent.slots[head].last + 1 == j && !oblique(sent, head)).then_some(head);
        }
        let modifier = words::is_determiner(w)
            || (sent.raw(j).chars().next().is_some_and(char::is_lowercase)
                && !words::is_preposition(w)
                && !words::is_punct(w)
                && !words::is_coordinator(w));
        if !modifier || sent.slot_of[j].is_some() {
            return None;
        }
    }
    None
}

/// What a pronoun at `p` stands for: the nearest actor mention before it that is not the object
/// of a preposition, across clause boundaries.
fn antecedent(sent: &Sent<'_>, p: usize) -> Option<usize> {
    let mut j = p;
    let stop = p.saturating_sub(30);
    while j > stop {
        j -= 1;
        if let Some(s) = sent.slot_of[j] {
            if !oblique(sent, s) {
                return Some(s);
            }
            j = sent.slots[s].first;
        }
    }
    None
}

/// The first actor mention after `from` that is not an agent or a location: the object.
pub(crate) fn object(sent: &Sent<'_>, from: usize) -> Option<usize> {
    let mut j = from;
    while j < sent.len().min(from + REACH) {
        let w = sent.w(j);
        if words::closes_object(w) {
            return None;
        }
        if let Some(s) = sent.slot_of[j] {
            let slot = sent.slots[s];
            let prev = sent.prev(slot.first);
            let place = matches!(slot.kind, ActorKind::Place) && words::is_locative(prev);
            if prev != "by" && !place {
                return Some(s);
            }
            j = slot.last;
        }
        j += 1;
    }
    None
}

/// The first actor mention introduced by a preposition after a noun ("strikes on Syria",
/// "massacres against the Druze", "talks with Israel").
fn prep_object(sent: &Sent<'_>, from: usize) -> Option<usize> {
    let mut j = from;
    while j < sent.len().min(from + 10) {
        let w = sent.w(j);
        if words::closes_object(w) {
            return None;
        }
        if matches!(
            w,
            "on" | "against"
                | "with"
                | "to"
                | "at"
                | "toward"
                | "towards"
                | "of"
                | "into"
                | "over"
                | "from"
                | "for"
                | "targeting"
                | "in"
        ) {
            if let Some(s) = slot_near(sent, j + 1) {
                let slot = sent.slots[s];
                let place = matches!(slot.kind, ActorKind::Place) && words::is_locative(w);
                if !place {
                    return Some(s);
                }
            }
        }
        if let Some(s) = sent.slot_of[j] {
            j = sent.slots[s].last;
        }
        j += 1;
    }
    None
}

/// "talks between Syria and Israel": the two sides.
fn between(sent: &Sent<'_>, from: usize) -> Option<(usize, usize)> {
    for j in from..(from + 3).min(sent.len()) {
        if sent.w(j) == "between" {
            let a = slot_near(sent, j + 1)?;
            let b = right(sent, a);
            return (b.len() > 1).then(|| (a, b[1]));
        }
    }
    None
}

/// An actor mention right before a noun ("Israeli airstrikes", "Israel's military raids").
fn premodifier(sent: &Sent<'_>, first: usize) -> Option<usize> {
    if let Some(s) = sent.slot_of[first] {
        return Some(s);
    }
    let mut j = first;
    for _ in 0..4 {
        if j == 0 {
            return None;
        }
        j -= 1;
        if let Some(s) = sent.slot_of[j] {
            return (!matches!(sent.slots[s].kind, ActorKind::Place)).then_some(s);
        }
        let w = sent.w(j);
        let adjective_like = !w.is_empty()
            && !words::is_punct(w)
            && !words::is_preposition(w)
            && !words::is_coordinator(w)
            && !words::is_reporting(w)
            && w != "to"
            && (w == "'s" || w == "’s" || !words::is_determiner(w));
        if !adjective_like {
            return None;
        }
    }
    None
}

/// The slot and the slots coordinated before it ("Syria and Israel" → both).
fn left(sent: &Sent<'_>, s: usize) -> Vec<usize> {
    let mut out = vec![s];
    let mut cur = s;
    while cur > 0 && joined(sent, cur - 1, cur) {
        cur -= 1;
        out.push(cur);
    }
    out.reverse();
    out
}

/// The slot and the slots coordinated after it.
fn right(sent: &Sent<'_>, s: usize) -> Vec<usize> {
    let mut out = vec![s];
    let mut cur = s;
    while cur + 1 < sent.slots.len() && joined(sent, cur, cur + 1) {
        cur += 1;
        out.push(cur);
    }
    out
}

/// True when slots `a` and `b` (a before b) are joined by a coordinator: "X and Y", "X, Y",
/// "X, and the Y".
fn joined(sent: &Sent<'_>, a: usize, b: usize) -> bool {
    let (end, start) = (sent.slots[a].last + 1, sent.slots[b].first);
    if start <= end || start - end > 3 {
        return false;
    }
    let gap: Vec<&str> = (end..start).map(|j| sent.w(j)).collect();
    gap.iter().any(|w| words::is_coordinator(w))
        && gap
            .iter()
            .all(|w| words::is_coordinator(w) || words::is_determiner(w))
}

/// The place an event happened: the nearest place or country after a locative preposition.
fn location(sent: &Sent<'_>, head: usize) -> Option<usize> {
    sent.slots
        .iter()
        .enumerate()
        .filter(|(_, s)| matches!(s.kind, ActorKind::Place | ActorKind::Country))
        .filter(|(_, s)| locative_phrase(sent, s.first))
        .min_by_key(|(_, s)| s.first.abs_diff(head))
        .map(|(i, _)| i)
}

/// Nouns for a kind of place ("the northern city of Kirkuk").
const PLACE_NOUNS: &[&str] = &[
    "area",
    "border",
    "capital",
    "city",
    "district",
    "island",
    "neighborhood",
    "neighbourhood",
    "outskirts",
    "port",
    "province",
    "region",
    "sector",
    "suburb",
    "town",
    "village",
];

/// True when the place starting at token `first` is where something happens: after a locative
/// preposition, with modifiers between ("in southeastern Serbia"), or as the name of a place
/// noun after one ("in the northern city of Kirkuk", "near the town of Samarra", "outside of
/// the Iraqi city of Basra").
pub(crate) fn locative_phrase(sent: &Sent<'_>, first: usize) -> bool {
    // Lowercase modifiers and determiners before the name, at most three.
    let modifier = |j: usize| {
        let w = sent.w(j);
        words::is_determiner(w)
            || (sent.raw(j).chars().next().is_some_and(char::is_lowercase)
                && !words::is_preposition(w)
                && !words::is_locative(w)
                && !words::is_punct(w)
                && !words::is_coordinator(w)
                && !words::is_reporting(w)
                && w != "to"
                && w != "of")
    };
    let mut j = first;
    while j > 0 && first - j < 3 && modifier(j - 1) {
        j -= 1;
    }
    let prev = sent.prev(j);
    if words::is_locative(prev) {
        return true;
    }
    if prev != "of" || j < 2 {
        return false;
    }
    // "outside of X"; "<locative> the <adjectives> city of X".
    let of = j - 1;
    if matches!(sent.w(of - 1), "outside" | "out") {
        return true;
    }
    let mut k = of;
    let mut place_noun = false;
    while k > 0 && of - k < 5 {
        k -= 1;
        let w = sent.w(k);
        if words::is_locative(w) {
            return place_noun;
        }
        place_noun |= PLACE_NOUNS.contains(&w);
        if !(modifier(k) || sent.slot_of[k].is_some()) {
            return false;
        }
    }
    false
}
