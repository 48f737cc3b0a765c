//! The events annotator: PLOVER who-did-what-to-whom records, linked to the claims that report
//! them.
//!
//! For each sentence it finds triggers with the event lexicon ([`byline_lexicon::events`]),
//! reads the participants from the actor mentions around each trigger (active and passive verbs,
//! nouns with premodifiers and prepositions, coordinated actors giving one event each), its
//! polarity and status from the words before it, and links it to the smallest claim whose span
//! contains the trigger (adding the event id to that claim's `events`), so every event carries
//! its sources and factuality. A few compositions follow the CAMEO codebook: a hostile act that
//! is only announced ("will blockade", "vowed to strike … unless") is a THREATEN; "X said Y must
//! …" is a REQUEST from X to Y; a light verb ("impose", "launch", "stage") gives way to the event
//! noun it governs.
//!
//! [`gdelt_row`] maps an event to GDELT-like columns plus byline's provenance.

mod gdelt;
mod roles;
mod sentence;
mod status;
mod tree;
mod triggers;
mod words;

use byline_lexicon::events::{EventPatterns, Pattern};
use byline_model::{Event, EventStatus, EventType, Mention, Polarity};

use crate::context::Context;
use crate::{Config, Error, Result};

pub use gdelt::{gdelt_json, gdelt_row, GDELT_COLUMNS};

use sentence::Sent;
use triggers::Trigger;

/// Most events one trigger may give (actors × targets).
const MAX_PER_TRIGGER: usize = 8;

/// What the events annotator loads once and shares across documents.
#[derive(Debug)]
pub(crate) struct Events {
    patterns: EventPatterns,
    /// Read participants from the dependency tree when there is one.
    use_tree: bool,
}

/// An event read from one sentence, before ids are given.
#[derive(Clone, Debug)]
struct Draft {
    first: usize,
    last: usize,
    kind: EventType,
    mode: Option<String>,
    cameo: String,
    actors: Vec<usize>,
    targets: Vec<usize>,
    location: Option<usize>,
    polarity: Polarity,
    status: EventStatus,
    /// The trigger is the predicate of the main clause (or of what a main reporting verb
    /// reports), not a background mention inside a noun phrase or subordinate clause.
    main: bool,
    /// A definite event noun ("the murder"): a re-mention of an event named before.
    definite: bool,
}

impl Events {
    /// Loads the built-in event patterns and the user's (`events/*.tsv` in each lexicon folder).
    pub(crate) fn load(config: &Config) -> Result<Events> {
        let patterns = if config.lexicon_dirs.is_empty() {
            EventPatterns::builtin().clone()
        } else {
            let dirs: Vec<_> = config
                .lexicon_dirs
                .iter()
                .filter(|d| d.join("events").is_dir())
                .cloned()
                .collect();
            EventPatterns::with_dirs(&dirs).map_err(|e| Error::Load {
                what: "event patterns".into(),
                message: e.to_string(),
            })?
        };
        // Development switch for comparing the tree with the token heuristics.
        #[cfg(test)]
        let use_tree = std::env::var_os("BYLINE_EVENTS_NO_TREE").is_none();
        #[cfg(not(test))]
        let use_tree = true;
        Ok(Events { patterns, use_tree })
    }

    /// Fills the events layer of the document and links each event to its claim.
    pub(crate) fn annotate(&self, cx: &mut Context) {
        let mentions = sentence::mention_bytes(&cx.doc, &cx.chars);
        let mut events: Vec<Event> = Vec::new();
        for (si, s) in cx.layout.sentences.iter().enumerate() {
            let spans: Vec<(usize, usize)> = cx.layout.tokens[s.tokens.clone()]
                .iter()
                .map(|t| (t.start, t.end))
                .collect();
            let sent = Sent::new(&cx.doc.text, spans, &mentions, &cx.doc);
            let tree = cx.syntax.get(si).filter(|_| self.use_tree);
            let found = triggers::find(&sent, &self.patterns, tree);
            let drafts = drafts(&sent, &found, tree);
            if drafts.is_empty() {
                continue;
            }
            let sentence_span = cx.chars.span(s.start, s.end);
            let time = cx
                .doc
                .times
                .iter()
                .filter(|t| sentence_span.contains(t.span))
                .min_by_key(|t| t.span.0)
                .map(|t| t.id.clone());
            for d in drafts {
                let (start, end) = (sent.spans[d.first].0, sent.spans[d.last].1);
                let trigger = Mention {
                    span: cx.chars.span(start, end),
                    text: cx.doc.text[start..end].to_string(),
                };
                let id_of = |slot: usize| cx.doc.actors[sent.slots[slot].actor].id.clone();
                let actors: Vec<Option<String>> = if d.actors.is_empty() {
                    vec![None]
                } else {
                    d.actors.iter().map(|&s| Some(id_of(s))).collect()
                };
                let targets: Vec<Option<String>> = if d.targets.is_empty() {
                    // "rogue operatives … committed the murder": the target of the same event
                    // named before in the document.
                    let before = d
                        .definite
                        .then(|| {
                            events.iter().rev().find(|e| {
                                e.kind == d.kind
                                    && e.target.is_some()
                                    && e.trigger.text.eq_ignore_ascii_case(&trigger.text)
                            })
                        })
                        .flatten()
                        .and_then(|e| e.target.clone());
                    vec![before]
                } else {
                    d.targets.iter().map(|&s| Some(id_of(s))).collect()
                };
                let location = d.location.map(id_of);
                let mut n = 0;
                for a in &actors {
                    for t in &targets {
                        let t = if !violent(d.kind) && same_party(&cx.doc.actors, a, t) {
                            &None
                        } else {
                            t
                        };
                        // An attack or coercion on no actor (crowds, "one person") is domestic:
                        // event data code it as the country acting on itself.
                        let home = (violent(d.kind) && t.is_none())
                            .then(|| home_country(&cx.doc.actors, a))
                            .flatten();
                        let own = home.is_some();
                        let t = if own { &home } else { t };
                        if !own && a.is_some() && a == t || n >= MAX_PER_TRIGGER {
                            continue;
                        }
                        n += 1;
                        events.push(Event {
                            id: format!("e{}", events.len() + 1),
                            kind: d.kind,
                            mode: d.mode.clone(),
                            cameo: Some(d.cameo.clone()),
                            trigger: trigger.clone(),
                            actor: a.clone(),
                            target: t.clone(),
                            location: location.clone().filter(|l| Some(l) != a.as_ref()),
                            time: time.clone(),
                            polarity: d.polarity,
                            status: d.status,
                            claim: None,
                        });
                    }
                }
            }
        }
        link_claims(&mut cx.doc.claims, &mut events);
        cx.doc.events = events;
    }
}

/// A country and its own government or armed forces are one party: "Israel is supplying …"
/// does not act on the Israeli government.
fn same_party(actors: &[byline_model::Actor], a: &Option<String>, t: &Option<String>) -> bool {
    use byline_model::ActorKind;
    let find = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| actors.iter().find(|x| &x.id == id))
    };
    let (Some(a), Some(t)) = (find(a), find(t)) else {
        return false;
    };
    let state = |k: ActorKind| {
        matches!(
            k,
            ActorKind::Country | ActorKind::Government | ActorKind::Military
        )
    };
    a.country.is_some()
        && a.country == t.country
        && state(a.kind)
        && state(t.kind)
        && (a.kind == ActorKind::Country || t.kind == ActorKind::Country)
}

/// The country actor of `a`'s own country (`a` itself when it is a country), if the text
/// names it.
fn home_country(actors: &[byline_model::Actor], a: &Option<String>) -> Option<String> {
    let a = actors.iter().find(|x| Some(&x.id) == a.as_ref())?;
    let c = a.country.as_ref()?;
    actors
        .iter()
        .find(|x| x.kind == byline_model::ActorKind::Country && x.country.as_ref() == Some(c))
        .map(|x| x.id.clone())
}

/// Links each event to the smallest claim whose span contains its trigger.
fn link_claims(claims: &mut [byline_model::Claim], events: &mut [Event]) {
    for e in events.iter_mut() {
        let best = claims
            .iter_mut()
            .filter(|c| c.span.contains(e.trigger.span))
            .min_by_key(|c| c.span.len());
        if let Some(c) = best {
            e.claim = Some(c.id.clone());
            c.events.push(e.id.clone());
        }
    }
}

/// Types a state may do to its own people ("the Cuban government's repression of the Cuban
/// people"): a country and its government are not one party there.
fn violent(kind: EventType) -> bool {
    matches!(kind, EventType::Assault | EventType::Coerce)
}

/// True for types that, when only announced, are threats.
fn hostile(kind: EventType) -> bool {
    matches!(
        kind,
        EventType::Assault
            | EventType::Coerce
            | EventType::Sanction
            | EventType::Mobilize
            | EventType::Protest
    )
}

/// True for types that, when only announced, are intents to cooperate.
fn cooperative(kind: EventType) -> bool {
    matches!(
        kind,
        EventType::Support
            | EventType::Cooperate
            | EventType::Aid
            | EventType::Retreat
            | EventType::Concede
            | EventType::Consult
    )
}

/// Cooperative acts whose refusal is a rejection.
fn cooperative_act(kind: EventType) -> bool {
    matches!(
        kind,
        EventType::Agree | EventType::Concede | EventType::Support | EventType::Cooperate
    ) || kind == EventType::Aid
}

fn is_commitment(p: &Pattern) -> bool {
    matches!(
        p.words[0].as_str(),
        "vow" | "pledge" | "promise" | "commit" | "threaten"
    )
}

/// The events of one sentence.
fn drafts(
    sent: &Sent<'_>,
    found: &[Trigger<'_>],
    tree: Option<&byline_nlp::Analysis>,
) -> Vec<Draft> {
    let mut out: Vec<Draft> = Vec::new();
    let mut dropped = vec![false; found.len()];
    for (i, t) in found.iter().enumerate() {
        let p = t.pattern;
        // A light verb gives way to the event noun it governs ("imposed sanctions").
        if p.light
            && found[i + 1..]
                .iter()
                .any(|n| !n.pattern.light && n.first > t.last && n.first <= t.last + 5)
        {
            dropped[i] = true;
            continue;
        }
        if stopped(found, i) || orders_attack(found, i, tree) {
            continue;
        }
        // What is rejected is not an event of its own ("ruled out concessions").
        if p.pos == byline_lexicon::events::Pos::Noun
            && found[..i].iter().rev().take(1).any(|g| {
                g.pattern.kind == EventType::Reject && g.last < t.first && t.first - g.last <= 3
            })
        {
            continue;
        }
        let reading = status::read(sent, found, i);
        let roles = participants(sent, t, tree);
        let mut kind = p.kind;
        let mut cameo = p.cameo.clone();
        let mut status = reading.status;
        let mut polarity = reading.polarity;
        let announced =
            reading.announced && matches!(status, EventStatus::Planned | EventStatus::Hypothetical);
        let ultimatum = (t.last + 1..sent.len()).any(|j| sent.w(j) == "unless");
        if announced && cooperative(kind) && !ultimatum {
            // An announced cooperative act is an intent to cooperate (CAMEO 03); refusing it
            // is a rejection (CAMEO 12).
            if polarity == Polarity::Positive {
                (kind, cameo) = (EventType::Agree, "03".into());
            } else {
                (kind, cameo) = (EventType::Reject, "12".into());
                polarity = Polarity::Positive;
            }
            status = EventStatus::Actual;
        } else if polarity == Polarity::Negated
            && cooperative_act(kind)
            && p.pos == byline_lexicon::events::Pos::Verb
        {
            // Not doing a cooperative act one is asked or expected to do is a rejection
            // ("has not conceded", "is not offering").
            (kind, cameo) = (EventType::Reject, "12".into());
            polarity = Polarity::Positive;
        } else if announced && polarity == Polarity::Positive && (hostile(kind) || ultimatum) {
            // The threat is real even if the act is not.
            let governor = (0..i)
                .rev()
                .find(|&g| found[g].last < t.first && t.first - found[g].last <= 4);
            if let Some(g) = governor.filter(|&g| is_commitment(found[g].pattern)) {
                if found[g].pattern.kind == EventType::Threaten {
                    continue;
                }
                dropped[g] = true;
            }
            kind = EventType::Threaten;
            cameo = "13".into();
            status = EventStatus::Actual;
        }
        let mode = p.mode.clone().or_else(|| mode_near(sent, t));
        out.push(Draft {
            first: t.first,
            last: t.last,
            kind,
            mode,
            cameo,
            actors: roles.actors,
            targets: roles.targets,
            location: roles.location,
            polarity,
            status,
            main: tree
                .filter(|tree| tree.len() == sent.len())
                .is_none_or(|tree| tree::in_main_clause(tree, t.head)),
            definite: p.pos == byline_lexicon::events::Pos::Noun
                && matches!(sent.prev(t.first), "the" | "this" | "that"),
        });
    }
    // Remove the commitments that became threats.
    let kept: Vec<usize> = found
        .iter()
        .enumerate()
        .filter(|(i, _)| dropped[*i])
        .map(|(_, t)| t.first)
        .collect();
    out.retain(|d| !kept.contains(&d.first));
    out.extend(obligations(sent));
    // Who-did-what-to-whom: an event nobody is said to do is left out.
    out.retain(|d| !d.actors.is_empty());
    // A participant-less reading of a background mention ("claims of arms deliveries", "the
    // murder") is left out; a main-clause event keeps its missing target ("Denmark accepted a
    // formula"), and so do events that often have nobody on the receiving end.
    out.retain(|d| !d.targets.is_empty() || (!dyadic(d.kind) && (intransitive(d.kind) || d.main)));
    out.sort_by_key(|d| d.first);
    out
}

/// Stopping an attack is not a sanction against the attacker ("halting airstrikes"), and a
/// stopped cooperative act does not happen ("suspended aid deliveries"): true for the trigger
/// `i` of `found` that such a pair leaves out.
fn stopped(found: &[Trigger<'_>], i: usize) -> bool {
    use byline_lexicon::events::Pos;
    let stops = |g: &Trigger<'_>| {
        g.pattern.pos == Pos::Verb
            && g.pattern.kind == EventType::Sanction
            && g.pattern.cameo == "16"
    };
    let t = &found[i];
    let next = found
        .get(i + 1)
        .filter(|n| n.first > t.last && n.first <= t.last + 3);
    // Over a noun compound ("suspended aid deliveries").
    let prev = found[..i]
        .iter()
        .rev()
        .take(2)
        .filter(|g| g.last < t.first && t.first - g.last <= 3);
    (stops(t) && next.is_some_and(|n| n.pattern.pos == Pos::Noun && hostile(n.pattern.kind)))
        || (t.pattern.pos == Pos::Noun && cooperative(t.pattern.kind) && { prev }.any(stops))
}

/// Types that are dyadic by PLOVER's own definition: a request, accusation, consultation,
/// rejection, concession or aid is always of or to someone, so one whose target cannot be
/// recovered is more likely an extraction error ("Pompeo requested an exemption", "associates
/// alleged he drank poisoned tea") than an event. Protests, mobilizations, retreats, attacks
/// and the other material acts may have nobody named on the receiving end.
fn dyadic(kind: EventType) -> bool {
    matches!(
        kind,
        EventType::Request
            | EventType::Accuse
            | EventType::Consult
            | EventType::Reject
            | EventType::Concede
            | EventType::Aid
    )
}

/// "ordered the murder of X", "authorized airstrikes on Y": whoever orders an attack or an
/// arrest is its actor (CAMEO codes the act ordered), so the order gives way to the event noun
/// that is its object; true for the trigger `i` of `found` that so gives way.
fn orders_attack(found: &[Trigger<'_>], i: usize, tree: Option<&byline_nlp::Analysis>) -> bool {
    let t = &found[i];
    let Some(tree) = tree else {
        return false;
    };
    t.pattern.pos == byline_lexicon::events::Pos::Verb
        && matches!(
            t.pattern.words[0].as_str(),
            "order" | "authorize" | "authorise" | "command"
        )
        && found[i + 1..].iter().any(|n| {
            n.pattern.pos == byline_lexicon::events::Pos::Noun
                && matches!(n.pattern.kind, EventType::Assault | EventType::Coerce)
                && tree.words.get(n.head).is_some_and(|w| {
                    w.head == Some(t.head) && matches!(w.deprel, "obj" | "nsubj:pass")
                })
        })
}

/// Types whose events often have nobody on the receiving end ("thousands protested", "troops
/// were put on alert").
fn intransitive(kind: EventType) -> bool {
    matches!(kind, EventType::Protest | EventType::Mobilize)
}

/// Participants from the tree, each side falling back to the token heuristics when the tree
/// finds nobody.
fn participants(
    sent: &Sent<'_>,
    t: &Trigger<'_>,
    tree: Option<&byline_nlp::Analysis>,
) -> roles::Roles {
    let tokens = roles::find(sent, t);
    let Some(mut r) = tree.and_then(|tree| tree::find(sent, tree, t)) else {
        return with_place_target(sent, t, tokens);
    };
    // The token heuristics fill a side the tree left empty, but only with mentions inside
    // the argument phrase the tree found ("evidence supported …" has no actor).
    let inside = |slots: Vec<usize>, phrase: Option<(usize, usize)>| -> Vec<usize> {
        match phrase {
            None => slots,
            Some((a, b)) => slots
                .into_iter()
                .filter(|&s| sent.slots[s].first >= a && sent.slots[s].last <= b)
                .collect(),
        }
    };
    if r.actors.is_empty() {
        let targets = r.targets.clone();
        r.actors = inside(tokens.actors, r.actor_phrase);
        r.actors.retain(|s| !targets.contains(s));
    }
    if r.targets.is_empty() {
        r.targets = tokens.targets;
    }
    // A place does not act (capitals standing for governments are governments, not places).
    r.actors
        .retain(|&s| !matches!(sent.slots[s].kind, byline_model::ActorKind::Place));
    let actors = r.actors.clone();
    r.targets.retain(|s| !actors.contains(s));
    if t.pattern.symmetric && r.targets.is_empty() && r.actors.len() > 1 {
        r.targets = r.actors.split_off(1);
    }
    r.location = tokens.location;
    if t.pattern.kind == EventType::Consult {
        // "traveled to New York": a city is where the visit goes, not whom it meets.
        if let [only] = r.targets[..] {
            if matches!(sent.slots[only].kind, byline_model::ActorKind::Place) {
                r.targets.clear();
                r.location = r.location.or(Some(only));
            }
        }
    }
    with_place_target(sent, t, r)
}

/// An attack, coercion or threat without a target is aimed at where it happens ("curfew in
/// Cizre", "bombing in Baghdad", "airstrikes in southern Syria … and raids there").
fn with_place_target(sent: &Sent<'_>, t: &Trigger<'_>, mut r: roles::Roles) -> roles::Roles {
    let aimed = matches!(
        t.pattern.kind,
        EventType::Assault | EventType::Coerce | EventType::Threaten | EventType::Protest
    );
    if aimed && r.location.is_none() {
        r.location = there(sent, t);
    }
    if r.targets.is_empty() && aimed {
        if let Some(l) = r.location {
            if !r.actors.contains(&l) {
                r.targets.push(l);
            }
        }
    }
    r
}

/// "… there": the place it stands for, the last place or country named before the trigger.
fn there(sent: &Sent<'_>, t: &Trigger<'_>) -> Option<usize> {
    let after = t.last + 1..(t.last + 6).min(sent.len());
    after
        .take_while(|&j| !words::closes_object(sent.w(j)))
        .find(|&j| sent.w(j) == "there")?;
    sent.slots
        .iter()
        .enumerate()
        .rev()
        .filter(|(_, s)| s.last < t.first)
        .find(|(_, s)| {
            matches!(
                s.kind,
                byline_model::ActorKind::Place | byline_model::ActorKind::Country
            )
        })
        .map(|(i, _)| i)
}

/// A mode adjective next to the trigger ("military supplies", "providing financial aid").
fn mode_near(sent: &Sent<'_>, t: &Trigger<'_>) -> Option<String> {
    let before = t.first.saturating_sub(2)..t.first;
    let after = t.last + 1..(t.last + 4).min(sent.len());
    before
        .chain(after)
        .find_map(|j| words::mode_adjective(sent.w(j)))
        .map(String::from)
}

/// "X said Y must …": a REQUEST from the speaker to the subject of the obligation.
fn obligations(sent: &Sent<'_>) -> Vec<Draft> {
    let mut out = Vec::new();
    for j in 0..sent.len() {
        if !matches!(sent.w(j), "must" | "should") {
            continue;
        }
        let Some(r) = (0..sent.len())
            .filter(|&r| words::is_reporting(sent.w(r)) && sent.w(r) != "according")
            .min_by_key(|&r| r.abs_diff(j))
        else {
            continue;
        };
        let speaker = if r < j {
            roles::subject(sent, r)
        } else {
            roles::subject(sent, r)
                .filter(|&s| sent.slots[s].first > j)
                .or_else(|| roles::object(sent, r + 1))
        };
        let addressee = roles::subject(sent, j);
        let (Some(a), Some(b)) = (speaker, addressee) else {
            continue;
        };
        if sent.slots[a].actor == sent.slots[b].actor {
            continue;
        }
        let mut targets = vec![b];
        let mut k = b;
        while k > 0 {
            let (end, start) = (sent.slots[k - 1].last + 1, sent.slots[k].first);
            if start > end
                && start - end <= 2
                && (end..start).all(|x| words::is_coordinator(sent.w(x)))
            {
                k -= 1;
                targets.insert(0, k);
            } else {
                break;
            }
        }
        out.push(Draft {
            first: j,
            last: j,
            kind: EventType::Request,
            mode: None,
            cameo: "10".into(),
            actors: vec![a],
            targets,
            location: None,
            polarity: Polarity::Positive,
            status: EventStatus::Actual,
            main: true,
            definite: false,
        });
    }
    out
}

#[cfg(test)]
mod tests;
