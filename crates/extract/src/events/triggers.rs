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
    "ship",
    "ships",
    "flotilla",
    "truck",
    "trucks",
    "plane",
    "planes",
    "camp",
    "camps",
    "center",
    "centers",
    "centre",
    "centres",
    "facility",
    "facilities",
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
            if !plausible(sent, &t) || tagged_noun(tree, &t, sent.w(i)) {
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
            found.push(work_stoppage(sent, lex, complaint(sent, lex, tree, t)));
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

/// "X is failing to uphold rights, a rights group protested": the verb *protest* that reports
/// what is said (a clausal complement) is a complaint (CAMEO 11), not a demonstration (14);
/// it takes the lexicon's complaint reading of the verb ("protest that").
fn complaint<'p>(
    sent: &Sent<'_>,
    lex: &'p EventPatterns,
    tree: Option<&byline_nlp::Analysis>,
    t: Trigger<'p>,
) -> Trigger<'p> {
    let says = t.pattern.pos == Pos::Verb
        && t.pattern.kind == byline_model::EventType::Protest
        && tree.is_some_and(|tree| {
            tree.dependents(t.head)
                .any(|c| tree.words[c].deprel == "ccomp")
        });
    let reading = lex.by_form(sent.w(t.head)).find(|p| {
        p.pos == Pos::Verb
            && p.kind == byline_model::EventType::Accuse
            && p.words[0] == t.pattern.words[0]
    });
    match reading {
        Some(p) if says => Trigger { pattern: p, ..t },
        _ => t,
    }
}

/// "workers staged a nationwide strike", "teachers are on strike", "a strike by workers": the
/// noun *strike* of a work stoppage is a protest (CAMEO 143), not an attack (CAMEO 19, "air
/// strikes on X"); it takes the lexicon's work-stoppage reading ("general strike").
fn work_stoppage<'p>(sent: &Sent<'_>, lex: &'p EventPatterns, t: Trigger<'p>) -> Trigger<'p> {
    let head = sent.w(t.head);
    if t.pattern.pos != Pos::Noun
        || t.pattern.kind != byline_model::EventType::Assault
        || t.pattern.words.len() != 1
        || !matches!(head, "strike" | "strikes")
    {
        return t;
    }
    let next = sent.w(t.last + 1);
    // "strikes on/against X" are attacks whatever comes before them ("a strike on Monday" is
    // a date).
    if matches!(next, "on" | "against" | "at" | "targeting")
        && !words::is_time_noun(sent.w(t.last + 2))
    {
        return t;
    }
    let window = t.first.saturating_sub(4)..t.first;
    let before = || {
        window
            .clone()
            .rev()
            .map(|j| sent.w(j))
            .take_while(|w| !words::is_punct(w) || *w == "-")
    };
    if before().any(words::is_military_modifier) {
        return t;
    }
    let labour = before().any(words::is_stoppage_cue)
        || (next == "by" && words::is_crowd(sent.w(t.last + 2)));
    let reading = lex.by_form(head).find(|p| {
        p.pos == Pos::Noun
            && p.kind == byline_model::EventType::Protest
            && p.words.first().is_some_and(|w| w == "general")
    });
    match reading {
        Some(p) if labour => Trigger { pattern: p, ..t },
        _ => t,
    }
}

/// True when the trigger whose head is `head` is done by a crowd or a device that is no actor
/// ("demonstrators blocked a road", "a roadside bombing killed", "killed by an explosive
/// device"): PLOVER still records such a protest, attack or coercion, with its actor unknown
/// or inferred, so it is kept without one.
pub(crate) fn by_crowd(
    sent: &Sent<'_>,
    tree: Option<&byline_nlp::Analysis>,
    head: usize,
    kind: byline_model::EventType,
) -> bool {
    use byline_model::EventType;
    let Some(tree) = tree.filter(|t| t.len() == sent.len()) else {
        return false;
    };
    if !matches!(
        kind,
        EventType::Protest | EventType::Assault | EventType::Coerce
    ) {
        return false;
    }
    // An event noun is done by the subject of the verb it is the object of ("fundamentalists
    // continued their hunger strike").
    let w = &tree.words[head];
    let head = match (w.upos, w.deprel, w.head) {
        (byline_nlp::Upos::Noun, "obj", Some(verb)) => verb,
        _ => head,
    };
    let passive = tree
        .dependents(head)
        .any(|c| tree.words[c].deprel == "aux:pass");
    tree.dependents(head).any(|c| {
        let word = sent.w(c);
        if sent.slot_of[c].is_some() {
            return false;
        }
        // "a group of Chechen refugees".
        let group_of = matches!(word, "group" | "groups")
            && tree.dependents(c).any(|g| {
                tree.words[g].deprel == "nmod"
                    && sent.slot_of[g].is_none()
                    && words::is_crowd(sent.w(g))
            });
        match tree.words[c].deprel {
            "nsubj" => words::is_crowd(word) || words::is_device(word) || group_of,
            // "killed by an explosive device", "killed in a car bomb explosion".
            "obl:agent" => words::is_device(word),
            "obl" => passive && words::is_device(word),
            _ => false,
        }
    })
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
            // "state of emergency": the syntactic head of an "X of Y" compound is X.
            let head = if p.words.iter().any(|w| w == "of") {
                first
            } else {
                i
            };
            // "launched a mediation effort", "a bombing campaign": an event noun that only
            // modifies a noun for undertakings has that noun as its head in the clause.
            let carried = head == i
                && i + 1 < sent.len()
                && sent.slot_of[i + 1].is_none()
                && words::is_undertaking(sent.w(i + 1));
            let (head, last) = if carried { (i + 1, i + 1) } else { (head, i) };
            ok.then_some(Trigger {
                first,
                last,
                head,
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

/// "in a Burmese jail", "an apartment block": the bare form of a one-word verb pattern that
/// the tagger reads as a noun is no act (a noun pattern of the same word still applies:
/// "Japan's surrender", "prisoner abuse").
fn tagged_noun(tree: Option<&byline_nlp::Analysis>, t: &Trigger<'_>, form: &str) -> bool {
    t.pattern.pos == Pos::Verb
        && t.pattern.words.len() == 1
        && form == t.pattern.words[0]
        && tree
            .and_then(|tree| tree.words.get(t.head))
            .is_some_and(|w| matches!(w.upos, byline_nlp::Upos::Noun))
}

/// Rejects readings that are not events.
fn plausible(sent: &Sent<'_>, t: &Trigger<'_>) -> bool {
    let head = sent.w(t.head);
    let prev = sent.prev(t.first);
    let next = sent.w(t.last + 1);
    match t.pattern.pos {
        Pos::Verb => {
            // "its long-threatened invasion", "the Israeli-occupied West Bank": a participle
            // inside a hyphenated modifier describes the noun, it reports no event.
            if t.first >= 2
                && sent.w(t.first - 1) == "-"
                && sent.spans[t.first - 1].1 == sent.spans[t.first].0
                && sent.spans[t.first - 2].1 == sent.spans[t.first - 1].0
            {
                return false;
            }
            let base = head == t.pattern.words[0];
            // "aid agencies", "aid ships": a bare verb form before a noun for participants
            // is a noun modifier, not an act.
            if base
                && t.pattern.words.len() == 1
                && PARTICIPANT_HEADS.contains(&next)
                && !words::takes_bare_verb(prev)
            {
                return false;
            }
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
            // "a report released Thursday", "no details were released", "a video released by
            // X": a publication named just before the participle.
            if matches!(t.pattern.words[0].as_str(), "release" | "free")
                && head != t.pattern.words[0]
                && (t.first.saturating_sub(3)..t.first)
                    .rev()
                    .take_while(|&j| sent.slot_of[j].is_none())
                    .any(|j| words::is_publication(sent.w(j)))
            {
                return false;
            }
            // "withdrew from the race", "withdrew his candidacy": leaving a contest, not a
            // retreat of forces (CAMEO 087).
            if t.pattern.words[0] == "withdraw"
                && t.pattern.words.len() == 1
                && (t.last + 1..(t.last + 4).min(sent.len())).any(|j| words::is_contest(sent.w(j)))
            {
                return false;
            }
            // "protesters charged through the village": a rush, not an accusation.
            if t.pattern.words[0] == "charge"
                && matches!(
                    next,
                    "through" | "into" | "at" | "toward" | "towards" | "across"
                )
            {
                return false;
            }
            // "warned of health hazards", "warns about floods": a warning of a danger is no
            // threat unless what it names is a hostile act ("warned of retaliation").
            if t.pattern.words[0] == "warn"
                && matches!(next, "of" | "about")
                && !(t.last + 2..(t.last + 6).min(sent.len()))
                    .any(|j| words::is_reprisal(sent.w(j)))
            {
                return false;
            }
            // "the rocket lifted off", "lifted up his voice": no sanction eased.
            if t.pattern.words[0] == "lift"
                && t.pattern.words.len() == 1
                && matches!(next, "off" | "up")
            {
                return false;
            }
            // "negotiators return to Geneva", "returned home": travelling, not giving back
            // persons or property (CAMEO 084).
            if t.pattern.words[0] == "return"
                && t.pattern.words.len() == 1
                && matches!(next, "to" | "home")
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
