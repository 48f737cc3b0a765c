//! Participants from the dependency tree (`cx.syntax`): `nsubj` / `obj` / `iobj` / `obl` of
//! verbs, `obl:agent` and `nsubj:pass` of passives, `nmod:poss` / `amod` / `compound` / `nmod`
//! of event nouns, with control through `xcomp` ("pressing Syria to advance talks": Syria
//! advances) and subjects shared along `conj` and `advcl`.
//!
//! A dependent that is not an actor mention itself reaches one through its own modifiers
//! ("two senior Druze commanders" → the Druze; "al-Sharaa's forces" → al-Sharaa).

use byline_lexicon::events::Pos;
use byline_model::{ActorKind, EventType};
use byline_nlp::{relation_is, Analysis, Upos};

use super::roles::Roles;
use super::sentence::Sent;
use super::triggers::Trigger;
use super::words;

/// Prepositions whose object is a target.
const TARGET_CASES: &[&str] = &[
    "against", "at", "into", "on", "onto", "over", "to", "toward", "towards", "with", "upon",
];

fn case_of<'a>(tree: &'a Analysis, sent: &'a Sent<'_>, j: usize) -> &'a str {
    tree.dependents(j)
        .find(|&c| relation_is(tree.words[c].deprel, "case"))
        .map(|c| sent.w(c))
        .unwrap_or("")
}

/// The actor mention a word stands for: its own, or one among its nominal modifiers.
fn slot_for(tree: &Analysis, sent: &Sent<'_>, j: usize, depth: usize) -> Option<usize> {
    if let Some(s) = sent.slot_of.get(j).copied().flatten() {
        return Some(s);
    }
    if depth == 0 {
        return None;
    }
    // A name modifier says what the noun is before its possessor says whose ("Osama bin
    // Laden's al-Qaeda network" is al-Qaeda's).
    let mut deps: Vec<usize> = tree.dependents(j).collect();
    deps.sort_by_key(|&c| tree.words[c].deprel.ends_with("poss"));
    for c in deps {
        let rel = tree.words[c].deprel;
        if ["amod", "compound", "nmod:poss", "flat", "nmod", "appos"]
            .iter()
            .any(|r| relation_is(rel, r) || rel == *r)
        {
            if relation_is(rel, "nmod")
                && !rel.ends_with("poss")
                && !matches!(case_of(tree, sent, c), "of" | "by" | "from")
            {
                continue;
            }
            if let Some(s) = slot_for(tree, sent, c, depth - 1) {
                return Some(s);
            }
        }
    }
    None
}

/// The slots of a word and of the words coordinated with it.
fn slots_with_conj(tree: &Analysis, sent: &Sent<'_>, j: usize) -> Vec<usize> {
    let mut out = Vec::new();
    let mut stack = vec![j];
    let mut seen = 0;
    while let Some(k) = stack.pop() {
        seen += 1;
        if seen > 16 {
            break;
        }
        if let Some(s) = slot_for(tree, sent, k, 2) {
            if !out.contains(&s) {
                out.push(s);
            }
        }
        for c in tree.dependents(k) {
            if tree.words[c].deprel == "conj" {
                stack.push(c);
            }
        }
    }
    out.sort_by_key(|&s| sent.slots[s].first);
    out
}

fn dep(tree: &Analysis, h: usize, rel: &str) -> Option<usize> {
    tree.dependents(h).find(|&c| tree.words[c].deprel == rel)
}

/// The subject of verb `h`, climbing through control, coordination and adverbial clauses.
fn subject_of(tree: &Analysis, h: usize, depth: usize) -> Option<(usize, bool)> {
    if let Some(s) = dep(tree, h, "nsubj") {
        return Some((s, false));
    }
    if let Some(s) = dep(tree, h, "nsubj:pass") {
        return Some((s, true));
    }
    if depth == 0 {
        return None;
    }
    let w = &tree.words[h];
    let parent = w.head?;
    match w.deprel {
        // Object control: "pressing Syria to advance" — Syria advances.
        "xcomp" => dep(tree, parent, "obj")
            .map(|o| (o, false))
            .or_else(|| subject_of(tree, parent, depth - 1).filter(|(_, pass)| !pass)),
        // "pressing Syria and Israel to advance talks", parsed as a purpose clause.
        "advcl"
            if words::controls_object(&tree.words[parent].lemma)
                && tree
                    .dependents(h)
                    .any(|c| tree.words[c].deprel == "mark" && tree.words[c].lemma == "to") =>
        {
            dep(tree, parent, "obj")
                .map(|o| (o, false))
                .or_else(|| subject_of(tree, parent, depth - 1))
        }
        // Conjuncts hang on the first one: the subject is that of the nearest conjunct
        // before with one of its own ("Saudi Arabia denied …, however a UN report concluded
        // …, supported …": the report).
        "conj" => tree
            .dependents(parent)
            .filter(|&c| c < h && tree.words[c].deprel == "conj")
            .filter_map(|c| dep(tree, c, "nsubj").map(|s| (s, false)))
            .last()
            .or_else(|| subject_of(tree, parent, depth - 1)),
        "advcl" => subject_of(tree, parent, depth - 1),
        // An active participle modifying a noun: "forces shelling the town", and a reduced
        // relative the parser made of a main verb with an object ("KGB arrested 33 Russians").
        "acl" if dep(tree, h, "obj").is_some() => Some((parent, false)),
        _ => None,
    }
}

/// The country an ethnic group named by word `j` (slot `own`) lives in, when the phrase says
/// so: "Bosnian Serbs", "Iraqi Kurds", "ethnic Albanians in south Serbia" (event data codes a
/// people by where it lives).
pub(crate) fn residence(tree: &Analysis, sent: &Sent<'_>, j: usize, own: usize) -> Option<usize> {
    let slot = sent.slots[own];
    let people = matches!(slot.kind, ActorKind::Group | ActorKind::Country);
    let ethnic = people
        && slot.last == j
        && sent.w(j).ends_with('s')
        && sent.raw(j).chars().next().is_some_and(char::is_uppercase);
    // "Druze inhabitants of the Syrian Golan Heights": a people modifying a noun for those
    // who live somewhere.
    let dwellers = people
        && slot.last < j
        && tree.words[slot.last].head == Some(j)
        && words::is_dwellers(sent.w(j));
    if !ethnic && !dwellers {
        return None;
    }
    let country = |s: usize| {
        s != own && sent.slots[s].kind == ActorKind::Country && sent.slots[s].actor != slot.actor
    };
    tree.dependents(j)
        .filter(|&c| {
            let rel = tree.words[c].deprel;
            (rel == "amod" && !dwellers)
                || (relation_is(rel, "nmod") && matches!(case_of(tree, sent, c), "in" | "of"))
        })
        .find_map(|c| {
            // The place named may be coded by its own country modifier ("the Syrian Golan").
            let own_slot = sent.slot_of.get(c).copied().flatten();
            own_slot.filter(|&s| country(s)).or_else(|| {
                tree.dependents(c)
                    .filter(|&m| tree.words[m].deprel == "amod")
                    .filter_map(|m| sent.slot_of.get(m).copied().flatten())
                    .find(|&s| country(s))
            })
        })
}

/// Whether slot `s` is a demonym modifying a common noun of its own ("Ugandan opposition
/// candidates", "French farmers"): it names a people of that country, not the state.
pub(crate) fn people_modifier(tree: &Analysis, sent: &Sent<'_>, s: usize, trigger: usize) -> bool {
    let slot = sent.slots[s];
    let j = slot.last;
    slot.kind == ActorKind::Country
        && slot.first == j
        && tree.words[j].deprel == "amod"
        && tree.words[j].head.is_some_and(|h| {
            h != trigger && sent.slot_of[h].is_none() && tree.words[h].upos == Upos::Noun
        })
}

/// The token range (inclusive) of the phrase headed by word `j`: its whole subtree.
fn phrase(tree: &Analysis, j: usize) -> (usize, usize) {
    let mut range = (j, j);
    for k in 0..tree.len() {
        let mut a = k;
        for _ in 0..32 {
            if a == j {
                range = (range.0.min(k), range.1.max(k));
                break;
            }
            match tree.words[a].head {
                Some(h) => a = h,
                None => break,
            }
        }
    }
    range
}

/// Where the token heuristics may look for the actor of a subject word the tree found but no
/// actor mention stands for: inside its phrase for a noun, before it for a pronoun (its
/// antecedent); `None` (anywhere) when an actor was found or the word is no subject.
fn unfilled(
    tree: &Analysis,
    sent: &Sent<'_>,
    word: Option<usize>,
    found: &[usize],
) -> Option<(usize, usize)> {
    let j = word?;
    if found.is_empty() && tree.words[j].upos == Upos::Pron && tree.words[j].deprel == "nsubj" {
        // A pronoun stands for someone named before it ("She spoke about her husband
        // Siarhei … and promised": not Siarhei).
        return Some((0, j));
    }
    let nominal = matches!(tree.words[j].upos, Upos::Noun | Upos::Propn | Upos::Num)
        && tree.words[j].deprel.starts_with("nsubj");
    (found.is_empty() && nominal && !words::is_time_noun(sent.w(j))).then(|| phrase(tree, j))
}

/// The slots of the first `obl` dependent of verb `v` whose preposition `case` accepts (with
/// the words coordinated with it) that names an actor: "talks with X", "offered aid to X".
fn oblique_target(
    tree: &Analysis,
    sent: &Sent<'_>,
    v: usize,
    case: impl Fn(&str) -> bool,
) -> Option<Vec<usize>> {
    tree.dependents(v)
        .filter(|&c| relation_is(tree.words[c].deprel, "obl"))
        .filter(|&c| case(case_of(tree, sent, c)))
        .map(|c| slots_with_conj(tree, sent, c))
        .find(|v| !v.is_empty())
}

/// The receiver of a transfer verb `v`: a `to` oblique of the verb, or of its object
/// ("paying salaries to X", where the parser hangs "to X" on "salaries").
fn receiver(tree: &Analysis, sent: &Sent<'_>, v: usize) -> Vec<usize> {
    let object = dep(tree, v, "obj");
    tree.dependents(v)
        .filter(|&c| relation_is(tree.words[c].deprel, "obl"))
        .chain(
            object
                .into_iter()
                .flat_map(|o| tree.dependents(o))
                .filter(|&c| relation_is(tree.words[c].deprel, "nmod")),
        )
        .filter(|&c| case_of(tree, sent, c) == "to")
        .map(|c| slots_with_conj(tree, sent, c))
        .find(|v| !v.is_empty())
        .unwrap_or_default()
}

/// "supplying weapons and paying salaries to X": the receiver of a verb, or the one a
/// coordinated verb shares.
fn conj_target(tree: &Analysis, sent: &Sent<'_>, h: usize) -> Vec<usize> {
    let w = &tree.words[h];
    let parent = w.head.filter(|_| w.deprel == "conj");
    let children = tree
        .dependents(h)
        .filter(|&c| tree.words[c].deprel == "conj" && tree.words[c].upos == Upos::Verb);
    std::iter::once(h)
        .chain(parent)
        .chain(children)
        .map(|v| receiver(tree, sent, v))
        .find(|v| !v.is_empty())
        .unwrap_or_default()
}

/// True when word `h` is the predicate of the main clause: the root, or joined to it through
/// coordination, control or a reported clause ("officials said Syria attacked"); an event noun
/// counts through the verb it is the subject or object of ("launched a mediation effort").
pub(crate) fn in_main_clause(tree: &Analysis, h: usize) -> bool {
    let mut k = h;
    let mut noun_step = true;
    for _ in 0..8 {
        let w = &tree.words[k];
        let Some(head) = w.head else {
            return true;
        };
        // "Egyptian police opened fire …, sources said": a main verb with an object that the
        // parser made a reduced relative of its subject noun stands for that noun's clause.
        if w.deprel == "acl"
            && dep(tree, k, "obj").is_some()
            && tree.words[head].deprel.starts_with("nsubj")
        {
            match tree.words[head].head {
                Some(predicate) => {
                    k = predicate;
                    noun_step = false;
                    continue;
                }
                None => return true,
            }
        }
        let up = matches!(w.deprel, "conj" | "xcomp" | "ccomp" | "parataxis")
            || (noun_step && matches!(w.deprel, "obj" | "nsubj" | "nsubj:pass"));
        if !up {
            return false;
        }
        noun_step = false;
        k = head;
    }
    false
}

/// Participants of `t` from the tree, or `None` when the tree does not cover the sentence.
pub(crate) fn find(sent: &Sent<'_>, tree: &Analysis, t: &Trigger<'_>) -> Option<Roles> {
    if tree.len() != sent.len() {
        return None;
    }
    let h = t.head;
    let word = &tree.words[h];
    let mut roles = Roles::default();
    let verbal =
        t.pattern.pos == Pos::Verb && matches!(word.upos, Upos::Verb | Upos::Aux | Upos::Adj);
    if verbal {
        let passive = dep(tree, h, "nsubj:pass").is_some()
            || dep(tree, h, "aux:pass").is_some()
            || (word.xpos == "VBN" && word.deprel == "acl" && dep(tree, h, "obj").is_none());
        let agent = tree
            .dependents(h)
            .find(|&c| {
                tree.words[c].deprel == "obl:agent"
                    || (relation_is(tree.words[c].deprel, "obl") && case_of(tree, sent, c) == "by")
            })
            .map(|a| slots_with_conj(tree, sent, a))
            .unwrap_or_default();
        let subject_word = subject_of(tree, h, 3).map(|(s, _)| s);
        let mut subject = subject_word
            .map(|s| slots_with_conj(tree, sent, s))
            .unwrap_or_default();
        if let (Some(w), [only]) = (subject_word, subject.as_slice()) {
            if let Some(home) = residence(tree, sent, w, *only) {
                subject = vec![home];
                roles.people = true;
            }
        }
        if subject.is_empty() {
            // "Rebels in the Ivory Coast", "security forces in Guinea": a group named by the
            // country it is in belongs to it.
            subject = subject_word
                .into_iter()
                .flat_map(|s| tree.dependents(s))
                .filter(|&c| {
                    relation_is(tree.words[c].deprel, "nmod") && case_of(tree, sent, c) == "in"
                })
                .filter_map(|c| sent.slot_of.get(c).copied().flatten())
                .filter(|&s| {
                    matches!(
                        sent.slots[s].kind,
                        ActorKind::Country | ActorKind::Government
                    )
                })
                .take(1)
                .collect();
            roles.people = !subject.is_empty();
        }
        let object_word = dep(tree, h, "obj").or_else(|| dep(tree, h, "iobj"));
        let object = ["obj", "iobj"]
            .iter()
            .filter_map(|r| dep(tree, h, r))
            .map(|o| slots_with_conj(tree, sent, o))
            .find(|v| !v.is_empty())
            // A transfer's receiver before any other oblique ("supplying weapons and paying
            // salaries to X, while Damascus … talks with Jerusalem").
            .or_else(|| {
                object_word
                    .map(|_| conj_target(tree, sent, h))
                    .filter(|v| !v.is_empty())
            })
            .or_else(|| oblique_target(tree, sent, h, |case| TARGET_CASES.contains(&case)))
            // "blocked streets in defiance of X", "struck in retaliation against X".
            .or_else(|| {
                tree.dependents(h)
                    .filter(|&c| {
                        relation_is(tree.words[c].deprel, "obl")
                            && case_of(tree, sent, c) == "in"
                            && words::is_stance_noun(sent.w(c))
                    })
                    .flat_map(|c| tree.dependents(c))
                    .filter(|&c| relation_is(tree.words[c].deprel, "nmod"))
                    .filter(|&c| {
                        let case = case_of(tree, sent, c);
                        TARGET_CASES.contains(&case) || case == "of"
                    })
                    .map(|c| slots_with_conj(tree, sent, c))
                    .find(|v| !v.is_empty())
            })
            // The party named under the object noun: "demanded a truce with X", "closed its
            // borders with X", "imposed an embargo on X"; and whom a demand is made of:
            // "demanding autonomy from Serbian authorities" (CAMEO 10 codes them as target).
            .or_else(|| {
                let demand = t.pattern.kind == EventType::Request;
                object_word
                    .into_iter()
                    .flat_map(|o| tree.dependents(o))
                    .filter(|&c| relation_is(tree.words[c].deprel, "nmod"))
                    .chain(
                        tree.dependents(h)
                            .filter(|&c| demand && relation_is(tree.words[c].deprel, "obl")),
                    )
                    .filter(|&c| {
                        let case = case_of(tree, sent, c);
                        TARGET_CASES.contains(&case) || (demand && case == "from")
                    })
                    .map(|c| slots_with_conj(tree, sent, c))
                    .find(|v| !v.is_empty())
            })
            .unwrap_or_default();
        if passive {
            roles.actors = agent;
            roles.targets = if word.deprel == "acl" {
                word.head
                    .map(|n| slots_with_conj(tree, sent, n))
                    .unwrap_or_default()
            } else {
                subject
            };
        } else {
            roles.actor_phrase = unfilled(tree, sent, subject_word, &subject);
            roles.actors = subject;
            roles.targets = object;
        }
    } else {
        // An event noun: who by its modifiers, whom by its prepositions. A person who is
        // the possessor of an attack or arrest is who suffers it ("Khashoggi's murder").
        let violent = matches!(t.pattern.kind, EventType::Assault | EventType::Coerce);
        let victim = tree
            .dependents(h)
            .filter(|&c| violent && tree.words[c].deprel == "nmod:poss")
            .find_map(|c| {
                // "his murder": the person named last before the pronoun.
                let own = sent.slot_of.get(c).copied().flatten();
                let pronoun = matches!(sent.w(c), "his" | "her");
                own.or_else(|| {
                    pronoun
                        .then(|| {
                            (0..sent.slots.len()).rev().find(|&s| {
                                sent.slots[s].last < c && sent.slots[s].kind == ActorKind::Person
                            })
                        })
                        .flatten()
                })
                .filter(|&s| sent.slots[s].kind == ActorKind::Person)
            });
        let mut actor: Vec<usize> = tree
            .dependents(h)
            .filter(|&c| {
                let rel = tree.words[c].deprel;
                rel == "nmod:poss" || rel == "amod" || rel == "compound"
            })
            .filter_map(|c| slot_for(tree, sent, c, 1))
            .filter(|&s| Some(s) != victim)
            .filter(|&s| !matches!(sent.slots[s].kind, ActorKind::Place))
            .take(1)
            .collect();
        if actor.is_empty() && victim.is_none() {
            if let Some(s) = sent.slot_of[t.first] {
                actor.push(s);
            }
        }
        if actor.is_empty() {
            // "massacres carried out by X", "raids by X".
            let by = tree
                .dependents(h)
                .filter(|&c| {
                    relation_is(tree.words[c].deprel, "nmod") && case_of(tree, sent, c) == "by"
                })
                .chain(
                    tree.dependents(h)
                        .filter(|&c| tree.words[c].deprel == "acl")
                        .flat_map(|a| {
                            tree.dependents(a).filter(|&c| {
                                tree.words[c].deprel == "obl:agent"
                                    || case_of(tree, sent, c) == "by"
                            })
                        }),
                )
                .map(|c| slots_with_conj(tree, sent, c))
                .find(|v| !v.is_empty());
            actor = by.unwrap_or_default();
        }
        if actor.is_empty() {
            // A `by` agent the parser hung elsewhere in the noun's phrase.
            actor.extend(super::roles::agent_within(sent, t.last + 1, 8));
        }
        if actor.is_empty() {
            // The subject of the verb the noun is the object of ("Israel launched raids").
            // Or of the verb it is the setting of ("X said in a meeting with Y").
            let setting = relation_is(word.deprel, "obl")
                && matches!(case_of(tree, sent, h), "in" | "during" | "at");
            // "undertook a mediation mission": the noun modifying the object stands for it.
            let (noun, rel) = match word.head {
                Some(n) if word.deprel == "compound" => (n, tree.words[n].deprel),
                _ => (h, word.deprel),
            };
            if let (Some(v), true) = (
                tree.words[noun].head,
                matches!(rel, "obj" | "nsubj:pass") || setting,
            ) {
                if let Some((s, false)) = subject_of(tree, v, 2) {
                    actor = slots_with_conj(tree, sent, s);
                }
            }
        }
        roles.actors = actor;
        let mut targets: Vec<usize> = Vec::new();
        let mut cands: Vec<usize> = tree
            .dependents(h)
            .filter(|&c| relation_is(tree.words[c].deprel, "nmod"))
            .collect();
        cands.extend(
            tree.dependents(h)
                .filter(|&c| tree.words[c].deprel == "acl")
                .flat_map(|a| {
                    tree.dependents(a)
                        .filter(|&c| relation_is(tree.words[c].deprel, "obl"))
                }),
        );
        for c in cands {
            let case = case_of(tree, sent, c);
            if TARGET_CASES.contains(&case) || case == "of" || case == "between" {
                let v = slots_with_conj(tree, sent, c);
                if !v.is_empty() {
                    if case == "between" && roles.actors.is_empty() && v.len() > 1 {
                        roles.actors = vec![v[0]];
                        targets = v[1..].to_vec();
                    } else {
                        targets = v;
                    }
                    break;
                }
            }
        }
        if targets.is_empty() {
            // "give Tanzania a grant", "offered aid to Jordan": the receiver of the verb the
            // noun is the object of.
            if let (Some(v), "obj") = (word.head, word.deprel) {
                targets = dep(tree, v, "iobj")
                    .map(|o| slots_with_conj(tree, sent, o))
                    .filter(|v| !v.is_empty())
                    .or_else(|| oblique_target(tree, sent, v, |case| matches!(case, "to" | "with")))
                    .unwrap_or_default();
            }
        }
        if targets.is_empty() {
            targets.extend(victim);
        }
        roles.targets = targets;
    }
    // A place after a locative preposition is where, not whom.
    roles.targets.retain(|&s| {
        let slot = sent.slots[s];
        !(matches!(slot.kind, ActorKind::Place) && words::is_locative(sent.prev(slot.first)))
    });
    Some(roles)
}
