//! Polarity and status of an event, read from the words before its trigger in its clause:
//! negation ("has not met"), conditionals ("would", "if"), obligations and proposals ("must",
//! "calls for", "centered on securing"), plans ("will", "plans to", "agreed to") and progressive
//! or continuing actions ("is supplying", "continues to").

use byline_model::{EventStatus, EventType, Polarity};

use super::sentence::Sent;
use super::triggers::Trigger;
use super::words;

/// How far back the cues of a trigger may be, in tokens.
const WINDOW: usize = 6;

/// What the words before a trigger say about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Reading {
    /// Positive or negated.
    pub polarity: Polarity,
    /// Actual, ongoing, planned, proposed or hypothetical.
    pub status: EventStatus,
    /// The status comes from a future or conditional modal ("will", "would"), or from a
    /// commitment verb ("vowed to"): a hostile act read so is a threat.
    pub announced: bool,
}

/// Reads trigger `idx` of `triggers` in `sent`.
pub(crate) fn read(sent: &Sent<'_>, triggers: &[Trigger<'_>], idx: usize) -> Reading {
    let t = &triggers[idx];
    let mut start = t.first.saturating_sub(WINDOW);
    // The clause starts at its opener ("that", "if"), which still counts as a cue.
    if let Some(j) = (start..t.first)
        .rev()
        .find(|&j| words::opens_clause(sent.w(j)) || words::is_reporting(sent.w(j)))
    {
        start = j;
    }
    let before: Vec<&str> = (start..t.first).map(|j| sent.w(j)).collect();
    let has = |set: &[&str]| before.iter().any(|w| set.contains(w));
    let governing = triggers[..idx]
        .iter()
        .rev()
        .find(|g| g.last < t.first && t.first - g.last <= 7)
        .map(|g| g.pattern);
    // "refused to send troops", "defied orders to withdraw", "its refusal to negotiate": the
    // act a rejection governs is not done.
    let refused =
        sent.prev(t.first) == "to" && governing.is_some_and(|g| g.kind == EventType::Reject);
    let negated = before.iter().any(|w| words::is_negation(w)) || refused;
    let commitment = governing.is_some_and(|g| {
        matches!(
            g.words[0].as_str(),
            "vow" | "pledge" | "promise" | "commit" | "swear" | "threaten"
        )
    }) && sent.prev(t.first) == "to";
    let modal = has(&[
        "will", "'ll", "’ll", "shall", "would", "could", "might", "ready", "prepared", "willing",
        "poised", "plans", "plan", "intends", "intend",
    ])
        // "may halt", "may soon halt": the modal right before the verb, not the month.
        || (start.max(t.first.saturating_sub(2))..t.first).any(|j| sent.raw(j) == "may");
    let status = if has(&["if", "unless", "whether", "would", "could", "might", "may"]) {
        EventStatus::Hypothetical
    } else if has(&[
        "must",
        "should",
        "propose",
        "proposed",
        "proposes",
        "proposal",
        "proposals",
        "securing",
        "secure",
        "seeking",
        "seek",
        "seeks",
        "aimed",
        "aim",
        "aims",
        "want",
        "wants",
        "hope",
        "hopes",
        "possible",
        "potential",
    ]) || governing.is_some_and(|g| g.kind == EventType::Request)
    {
        EventStatus::Proposed
    } else if has(&[
        "will",
        "'ll",
        "’ll",
        "shall",
        "plan",
        "plans",
        "planned",
        "planning",
        "intend",
        "intends",
        "intended",
        "scheduled",
        "expected",
        "upcoming",
        "future",
        "ready",
        "prepared",
        "willing",
        "poised",
    ]) || (sent.prev(t.first) == "to"
        && governing.is_some_and(|g| g.kind == EventType::Agree || commitment))
    {
        EventStatus::Planned
    } else if progressive(sent, t)
        || has(&[
            "continue",
            "continues",
            "continued",
            "continuing",
            "ongoing",
            "still",
        ])
    {
        EventStatus::Ongoing
    } else {
        EventStatus::Actual
    };
    Reading {
        polarity: if negated {
            Polarity::Negated
        } else {
            Polarity::Positive
        },
        status,
        announced: modal || commitment,
    }
}

/// "is supplying", "are also paying": be + -ing, adverbs allowed between.
fn progressive(sent: &Sent<'_>, t: &Trigger<'_>) -> bool {
    if !sent.w(t.head).ends_with("ing") || t.head != t.first {
        return false;
    }
    (1..=3).any(|k| t.first >= k && words::is_be(sent.w(t.first - k)))
}
