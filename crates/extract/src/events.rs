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
    /// The actor is a people or crowd coded by where it lives or acts, a party apart from
    /// that country's government.
    people: bool,
    /// A target is such a people ("Ugandan opposition candidates").
    people_target: bool,
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
                        let t = if !domestic(d.kind)
                            && !d.people
                            && !d.people_target
                            && same_party(&cx.doc.actors, a, t)
                        {
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
                        // "ethnic Albanians demonstrated in Serbia": a people coded by
                        // where it lives, acting there, is that country acting on itself.
                        let domestic = domestic(d.kind)
                            && t.as_ref().is_some_and(|t| {
                                cx.doc.actors.iter().any(|x| {
                                    &x.id == t && x.kind == byline_model::ActorKind::Country
                                })
                            });
                        // A people acting on the state it lives in is a domestic event too
                        // ("the Albanians of southern Serbia … from Serbian authorities").
                        if !own && !domestic && !d.people && a.is_some() && a == t
                            || n >= MAX_PER_TRIGGER
                        {
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
    // A head of state or an officer acts for the state ("Serbian President Kostunica promised
    // to democratize Serbia").
    let state = |x: &byline_model::Actor| {
        matches!(
            x.kind,
            ActorKind::Country | ActorKind::Government | ActorKind::Military
        ) || (x.kind == ActorKind::Person
            && x.code
                .as_deref()
                .is_some_and(|c| c.ends_with("GOV") || c.ends_with("MIL")))
    };
    a.country.is_some()
        && a.country == t.country
        && state(a)
        && state(t)
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

/// Types a country may do to itself in event data's coding of domestic events (a protest in
/// Serbia by the people living there is SRB → SRB).
fn domestic(kind: EventType) -> bool {
    matches!(
        kind,
        EventType::Assault | EventType::Coerce | EventType::Protest
    )
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
        "vow" | "pledge" | "promise" | "commit" | "swear" | "threaten"
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
        let mut targets = roles.targets;
        if kind == EventType::Threaten {
            // "threatened to … unless Baghdad accepted": a threat is aimed at whoever must
            // comply (CAMEO 13 codes the conditioned party as the target), unless a party
            // is already named ("withdraw its force from Chad unless President X …").
            if let Some(c) = roles::condition_subject(sent, t.last) {
                let other = |s: &usize| sent.slots[*s].actor != sent.slots[c].actor;
                let place =
                    |s: &usize| matches!(sent.slots[*s].kind, byline_model::ActorKind::Place);
                if roles.actors.iter().all(other) && targets.iter().all(place) {
                    targets = vec![c];
                }
            }
        }
        out.push(Draft {
            first: t.first,
            last: t.last,
            kind,
            mode,
            cameo,
            actors: roles.actors,
            targets,
            location: roles.location,
            polarity,
            status,
            main: tree
                .filter(|tree| tree.len() == sent.len())
                .is_none_or(|tree| tree::in_main_clause(tree, t.head)),
            definite: p.pos == byline_lexicon::events::Pos::Noun
                && matches!(sent.prev(t.first), "the" | "this" | "that"),
            people: roles.people,
            people_target: roles.people_target,
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
    accused_doers(&mut out, found);
    demanded_of(sent, &mut out, found);
    // Who-did-what-to-whom: an event nobody is said to do is left out, unless a crowd or a
    // device does it ("demonstrators blocked a road", "a car bomb killed").
    // Such a crowd is coded by where it acts, as event data code it ("demonstrators in
    // Baghdad" → IRQ).
    out.retain_mut(|d| {
        if !d.actors.is_empty() {
            return true;
        }
        let crowd = found
            .iter()
            .find(|t| t.first == d.first)
            .is_some_and(|t| triggers::by_crowd(sent, tree, t.head, d.kind));
        if let Some(l) = d.location.filter(|_| crowd) {
            d.actors.push(l);
            d.people = true;
            d.targets.retain(|&t| t != l);
        }
        crowd
    });
    // A participant-less reading of a background mention ("claims of arms deliveries", "the
    // murder") is left out; a main-clause event keeps its missing target ("Denmark accepted a
    // formula"), and so do events that often have nobody on the receiving end.
    out.retain(|d| !d.targets.is_empty() || (!dyadic(d.kind) && (intransitive(d.kind) || d.main)));
    out.sort_by_key(|d| d.first);
    out
}

/// "denounced as a crime Serbia's suppression of …", "condemned the killing by X": an
/// accusation with no target of its own is aimed at whoever did the act it names (the event
/// noun right after it).
fn accused_doers(out: &mut [Draft], found: &[Trigger<'_>]) {
    use byline_lexicon::events::Pos;
    for k in 0..out.len() {
        let d = &out[k];
        if d.kind != EventType::Accuse || !d.targets.is_empty() {
            continue;
        }
        let doers = out.iter().find(|n| {
            n.first > d.last
                && n.first <= d.last + 7
                && !n.actors.is_empty()
                && found
                    .iter()
                    .any(|t| t.first == n.first && t.pattern.pos == Pos::Noun)
        });
        if let Some(n) = doers {
            let targets: Vec<usize> = n
                .actors
                .iter()
                .copied()
                .filter(|a| !d.actors.contains(a))
                .collect();
            out[k].targets = targets;
        }
    }
}

/// "reiterated its demand that Israel ease restrictions": a demand noun with no target of its
/// own is made of the subject of its "that" clause.
fn demanded_of(sent: &Sent<'_>, out: &mut [Draft], found: &[Trigger<'_>]) {
    use byline_lexicon::events::Pos;
    for d in out.iter_mut() {
        let noun = found
            .iter()
            .any(|t| t.first == d.first && t.pattern.pos == Pos::Noun);
        if d.kind != EventType::Request || !d.targets.is_empty() || !noun {
            continue;
        }
        let Some(that) = (d.last + 1..(d.last + 4).min(sent.len())).find(|&j| sent.w(j) == "that")
        else {
            continue;
        };
        let subject = sent
            .slots
            .iter()
            .position(|s| s.first > that && s.first <= that + 4)
            .filter(|&s| {
                d.actors
                    .iter()
                    .all(|&a| sent.slots[a].actor != sent.slots[s].actor)
            });
        if let Some(s) = subject {
            d.targets.push(s);
        }
    }
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
    let tail = roles::attribution_after(sent, t.last);
    let before = |s: &usize| tail.is_none_or(|c| sent.slots[*s].first < c);
    let outside = |mut r: roles::Roles| {
        r.actors.retain(before);
        r.targets.retain(before);
        r.location = r.location.filter(before);
        r
    };
    let tokens = outside(roles::find(sent, t));
    let Some(mut r) = tree.and_then(|tree| tree::find(sent, tree, t)).map(outside) else {
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
    if let Some(tree) = tree.filter(|tree| tree.len() == sent.len()) {
        let n_actors = r.actors.len();
        let mut people = false;
        for (k, s) in r.actors.iter_mut().chain(r.targets.iter_mut()).enumerate() {
            let home = resident(sent, tree, *s);
            people |= k < n_actors && home != *s;
            *s = home;
        }
        r.people |= people;
        r.people |= r
            .actors
            .iter()
            .any(|&s| tree::people_modifier(tree, sent, s, t.head));
        r.people_target = r
            .targets
            .iter()
            .any(|&s| tree::people_modifier(tree, sent, s, t.head));
        r.actors.dedup();
        r.targets.dedup();
    }
    with_place_target(sent, t, r)
}

/// The country a people named by slot `s` lives in, when the sentence says so, else `s`:
/// "Iraqi Kurds", "ethnic Albanians in south Serbia", "ethnic Albanians demonstrated in
/// Serbia" (event data code a people by where it lives; *ethnic* marks a people living
/// outside the country its name comes from).
fn resident(sent: &Sent<'_>, tree: &byline_nlp::Analysis, s: usize) -> usize {
    let slot = sent.slots[s];
    if let Some(home) = tree::residence(tree, sent, slot.last, s) {
        return home;
    }
    if sent.prev(slot.first) != "ethnic" || slot.kind != byline_model::ActorKind::Country {
        return s;
    }
    // The country after a locative preposition, nearest to the people named.
    sent.slots
        .iter()
        .enumerate()
        .filter(|(_, x)| x.kind == byline_model::ActorKind::Country && x.actor != slot.actor)
        .filter(|(_, x)| {
            let mut j = x.first;
            while j > 0 && j + 3 > x.first && !words::is_locative(sent.w(j - 1)) {
                let w = sent.w(j - 1);
                let modifier = words::is_determiner(w)
                    || sent
                        .raw(j - 1)
                        .chars()
                        .next()
                        .is_some_and(char::is_lowercase)
                        && !words::is_preposition(w)
                        && !words::is_punct(w);
                if !modifier {
                    return false;
                }
                j -= 1;
            }
            j > 0 && words::is_locative(sent.w(j - 1))
        })
        .min_by_key(|(_, x)| x.first.abs_diff(slot.first))
        .map_or(s, |(i, _)| i)
}

/// An attack, coercion, threat, protest, mobilization or sanction without a target (and
/// another act, when the place follows it in its clause) is aimed at where it happens ("curfew in Cizre", "bombing in Baghdad", "airstrikes in southern Syria
/// … and raids there", "troops on alert in the West Bank", "suspended aid deliveries in
/// Baghdad"), as event data code them.
fn with_place_target(sent: &Sent<'_>, t: &Trigger<'_>, mut r: roles::Roles) -> roles::Roles {
    let aimed = aimed(t.pattern.kind);
    if aimed && r.location.is_none() {
        r.location = there(sent, t);
    }
    // Other acts with no party named are aimed at the country where they happen, as the
    // PLOVER records code them ("set up a research centre in Tokyo", "opened an embassy in
    // Tehran"), when that place is named after the act in its own clause; not a surrender or
    // resignation (RETREAT has no target there), nor an accusation (aimed at a party).
    let here = |l: usize| {
        let first = sent.slots[l].first;
        first > t.last
            && roles::locative_phrase(sent, first)
            && (t.last + 1..first).all(|j| !words::opens_clause(sent.w(j)))
    };
    let located = !matches!(t.pattern.kind, EventType::Retreat | EventType::Accuse);
    let placed = aimed || (located && r.location.is_some_and(here));
    if r.targets.is_empty() && placed {
        if let Some(l) = r.location {
            let own =
                sent.slots[l].kind == byline_model::ActorKind::Country && domestic(t.pattern.kind);
            if own || !r.actors.contains(&l) {
                r.targets.push(l);
            }
        }
    }
    r
}

/// Types aimed at where they happen when no party is named.
fn aimed(kind: EventType) -> bool {
    matches!(
        kind,
        EventType::Assault
            | EventType::Coerce
            | EventType::Threaten
            | EventType::Protest
            | EventType::Mobilize
            | EventType::Sanction
    )
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
            people: false,
            people_target: false,
        });
    }
    out
}

#[cfg(test)]
mod tests;
