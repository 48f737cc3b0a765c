//! Source phrases described and linked, and the claims and quotes written into the document.
//!
//! A source phrase is read for what it says of its source: its kind (outlet, document, named
//! person or organisation, anonymous), how many it stands for ("two", "a", "four"; none for a
//! bare plural), seniority ("senior"), role ("official", or a modifier such as "intelligence",
//! which wins over the head noun "source"), and affiliation (a demonym or group name resolved to
//! the document's actor). Named people take the role a title before, or an apposition after,
//! one of their mentions gives them; organisations the role their kind gives them ("ministry" →
//! government); possessives ("his aides") are affiliated to their possessor. Re-mentions are linked to what they re-mention: "they" to the sources
//! of the last claim with several, "he"/"she" to the last single person, "one" to the last
//! plural source, "the official" / "the two commanders" to the last source with that role.
//! Before that, the source phrases of the drafts are checked against the grammar of their cue
//! in the parse (`revise`: verbs of seeming, passives with and without an agent, stance
//! participles, naming participles, psychological verbs, participles and coordinated reports,
//! relative pronouns, verbs left without a subject — through the parse, the nouns just before
//! the cue, or the subject shared with the word the cue hangs on —, verbs the tagger read as
//! nouns, adjuncts taken for subjects, nouns naming whoever holds a view).

use std::collections::HashMap;

use byline_lexicon::cues::CueClass;
use byline_model::{ActorKind, Claim, Factuality, Mention, Quote, Source, SourceKind};
use byline_nlp::Upos;

use super::claims::{Content, Draft};
use super::{
    agent, head, is_in, kids, lemma, outside_heads, rel, relative_at, upos, Work, TIME_WORDS,
};
use crate::context::Context;

/// Number words and what they count.
const NUMBERS: &[(&str, u32)] = &[
    ("a", 1),
    ("an", 1),
    ("another", 1),
    ("eight", 8),
    ("eleven", 11),
    ("five", 5),
    ("four", 4),
    ("nine", 9),
    ("one", 1),
    ("seven", 7),
    ("six", 6),
    ("someone", 1),
    ("ten", 10),
    ("three", 3),
    ("twelve", 12),
    ("two", 2),
];

/// Head nouns of organisations speaking as such.
const ORG_HEADS: &[&str] = &[
    "army",
    "campaign",
    "commission",
    "committee",
    "company",
    "council",
    "court",
    "department",
    "embassy",
    "firm",
    "government",
    "hospital",
    "ministry",
    "office",
    "party",
    "police",
    "presidency",
    "prosecutors",
    "spokesperson",
    "union",
];

/// Titles that make a definite re-mention of a person ("the president said").
const TITLES: &[&str] = &[
    "chancellor",
    "envoy",
    "general",
    "governor",
    "king",
    "leader",
    "mayor",
    "minister",
    "president",
    "prime",
    "secretary",
    "senator",
];

/// What a source phrase says of its source.
#[derive(Clone, Debug)]
struct Desc {
    kind: SourceKind,
    count: Option<u32>,
    seniority: Option<String>,
    role: Option<String>,
    affiliation: Option<usize>,
    actor: Option<usize>,
    pronoun: Option<String>,
    definite: bool,
    plural: bool,
    title: bool,
    head: String,
}

/// Claim index of each draft (none for drafts that only name a speaker).
pub(crate) struct Built {
    /// `cx.doc.claims` index of each draft.
    pub claim_of: Vec<Option<usize>>,
}

/// Writes sources, claims and quotes into the document.
pub(crate) fn build(w: &Work, cx: &mut Context, drafts: &[Draft]) -> Built {
    let mut revised = revise(w, drafts);
    super::chooser::choose(w, &mut revised);
    let drafts = &revised[..];
    // Sources in text order, each phrase once.
    let mut ranges: Vec<(usize, usize)> = drafts.iter().flat_map(|d| d.sources.clone()).collect();
    ranges.sort_unstable();
    ranges.dedup();
    let mut id_of: HashMap<(usize, usize), String> = HashMap::new();
    let mut descs: Vec<Desc> = Vec::new();
    let roles = person_roles(w);
    for (n, &r) in ranges.iter().enumerate() {
        let mut d = describe(w, r);
        named_role(w, &roles, r, &mut d);
        let refers = resolve(w, &ranges[..n], &descs, drafts, r, &mut d);
        let id = format!("s{}", n + 1);
        id_of.insert(r, id.clone());
        let (s, e) = (w.toks[r.0].start, w.toks[r.1 - 1].end);
        cx.doc.sources.push(Source {
            id,
            span: cx.chars.span(s, e),
            text: w.text[s..e].to_string(),
            kind: d.kind,
            count: d.count,
            seniority: d.seniority.clone(),
            role: d.role.clone(),
            affiliation: d.affiliation.map(|a| w.actors[a].id.clone()),
            actor: d.actor.map(|a| w.actors[a].id.clone()),
            refers_to: refers.iter().map(|&k| format!("s{}", k + 1)).collect(),
        });
        descs.push(d);
    }

    // Claims. A transcript turn ("WALLACE: …") is its speaker's direct quote.
    let tags = super::claims::speaker_tags(w);
    let is_turn = |d: &Draft| {
        d.cue.1 == d.cue.0 + 1
            && tags
                .iter()
                .any(|t| t.name.1 == d.cue.0 && d.sources.first() == Some(&t.name))
    };
    let mut claim_of = vec![None; drafts.len()];
    for (i, d) in drafts.iter().enumerate() {
        if d.speaker_only {
            continue;
        }
        let (s, e) = d.bytes(w);
        let (cs, ce) = (w.toks[d.cue.0].start, w.toks[d.cue.1 - 1].end);
        let factuality = if super::claims::is_hedged(w, d) {
            Factuality::Hedged
        } else {
            match d.class {
                CueClass::Report => Factuality::Reported,
                CueClass::Belief => Factuality::Belief,
                CueClass::Denial => Factuality::Denied,
            }
        };
        claim_of[i] = Some(cx.doc.claims.len());
        cx.doc.claims.push(Claim {
            id: format!("c{}", cx.doc.claims.len() + 1),
            span: cx.chars.span(s, e),
            text: w.text[s..e].to_string(),
            sources: d
                .sources
                .iter()
                .filter_map(|r| id_of.get(r).cloned())
                .collect(),
            cue: Some(Mention {
                span: cx.chars.span(cs, ce),
                text: w.text[cs..ce].to_string(),
            }),
            quote: matches!(d.content, Content::Quote(_)) || is_turn(d),
            factuality,
            parent: None,
            events: Vec::new(),
        });
    }
    for (i, d) in drafts.iter().enumerate() {
        if let (Some(c), Some(p)) = (claim_of[i], d.parent) {
            cx.doc.claims[c].parent = claim_of[p].map(|pc| cx.doc.claims[pc].id.clone());
        }
    }

    // Quotes and their speakers.
    let mut speaker_of: Vec<Option<(String, Option<String>)>> = vec![None; w.quotes.len()];
    for (qi, q) in w.quotes.iter().enumerate() {
        let direct = drafts
            .iter()
            .enumerate()
            .filter(|(_, d)| d.content == Content::Quote(qi))
            .min_by_key(|(_, d)| d.speaker_only);
        let inside = drafts
            .iter()
            .enumerate()
            .filter(|(_, d)| {
                let (s, e) = d.bytes(w);
                s <= q.start && q.end <= e + 1 && !d.sources.is_empty()
            })
            .min_by_key(|(_, d)| {
                let (s, e) = d.bytes(w);
                e - s
            });
        let found = direct.or(inside).and_then(|(i, d)| {
            let src = d.sources.first().and_then(|r| id_of.get(r)).cloned()?;
            let claim = claim_of[i]
                .or_else(|| {
                    // A speaker-only draft: the claim the quote lies in.
                    drafts.iter().enumerate().find_map(|(k, o)| {
                        let (s, e) = o.bytes(w);
                        (claim_of[k].is_some() && s <= q.start && q.end <= e + 1)
                            .then(|| claim_of[k])
                            .flatten()
                    })
                })
                .map(|c| cx.doc.claims[c].id.clone());
            Some((src, claim))
        });
        speaker_of[qi] = found.or_else(|| q.continues.and_then(|p| speaker_of[p].clone()));
    }
    for (qi, q) in w.quotes.iter().enumerate() {
        let words = w.text[q.start..q.end].split_whitespace().count();
        let speaker = speaker_of[qi].clone();
        // Unattributed short quotes are scare quotes or titles, not speech.
        if speaker.is_none() && words < 4 {
            continue;
        }
        let (start, end) = trim(w.text, q.start, q.end);
        if start >= end {
            continue;
        }
        let (speaker, claim) = match speaker {
            Some((s, c)) => (Some(s), c),
            None => (None, None),
        };
        cx.doc.quotes.push(Quote {
            id: format!("q{}", cx.doc.quotes.len() + 1),
            span: cx.chars.span(start, end),
            text: w.text[start..end].to_string(),
            speaker,
            claim,
        });
    }
    // Turns of a transcript without quotation marks are quotes too.
    let mut turned = false;
    for (i, d) in drafts.iter().enumerate() {
        let (Some(c), Some(src)) = (claim_of[i], d.sources.first()) else {
            continue;
        };
        if !is_turn(d) {
            continue;
        }
        let (s, e) = d.bytes(w);
        if w.quotes.iter().any(|q| q.start < e && s < q.end) {
            continue;
        }
        let (start, end) = trim(w.text, s, e);
        cx.doc.quotes.push(Quote {
            id: String::new(),
            span: cx.chars.span(start, end),
            text: w.text[start..end].to_string(),
            speaker: id_of.get(src).cloned(),
            claim: Some(cx.doc.claims[c].id.clone()),
        });
        turned = true;
    }
    if turned {
        cx.doc.quotes.sort_by_key(|q| q.span.0);
        for (n, q) in cx.doc.quotes.iter_mut().enumerate() {
            q.id = format!("q{}", n + 1);
        }
    }
    Built { claim_of }
}

/// Verbs of seeming: the writer's impression, their subject no source ("Sanders appears to
/// lead"); only a "to" experiencer is ("To voters, the plan seemed fair").
const SEEM_VERBS: &[&str] = &["appear", "seem", "sound"];

/// Verbs whose object (or passive subject) feels what the cue reports: the experiencer is the
/// source ("the remark angered party leaders", "officials were startled by it").
const PSYCH_VERBS: &[&str] = &[
    "alarm",
    "anger",
    "annoy",
    "appall",
    "baffle",
    "bother",
    "confound",
    "delight",
    "disappoint",
    "dismay",
    "displease",
    "disturb",
    "embarrass",
    "enrage",
    "exasperate",
    "frighten",
    "frustrate",
    "horrify",
    "impress",
    "infuriate",
    "irk",
    "irritate",
    "offend",
    "outrage",
    "puzzle",
    "rankle",
    "scare",
    "shock",
    "startle",
    "stun",
    "surprise",
    "trouble",
    "unsettle",
    "upset",
    "worry",
];

/// Participles that state their subject's own stance after "be" ("is opposed to C", "are
/// split on C", "was convinced that C"): not passives of a report by someone else.
const STANCE_PARTICIPLES: &[&str] = &[
    "assure",
    "commit",
    "convince",
    "dedicate",
    "determine",
    "devote",
    "divide",
    "focus",
    "incline",
    "oppose",
    "persuade",
    "prepare",
    "resign",
    "split",
];

/// Verbs whose "-ed" participle after a noun names or charges it ("a group called X", "a man
/// accused of C"): what others call it, the noun no source.
const NAMING_PARTICIPLES: &[&str] = &[
    "accuse", "brand", "call", "charge", "consider", "convict", "deem", "dub", "label", "name",
    "nickname", "suspect", "term", "title",
];

/// Prepositions that open an adjunct, never a source phrase ("On Friday", "Amid the
/// uproar", "For months"): "by" (a passive's agent), "from", "according to" and "with" ("with
/// officials saying C") are left alone.
const ADJUNCT_PREPOSITIONS: &[&str] = &[
    "after",
    "amid",
    "at",
    "before",
    "despite",
    "during",
    "for",
    "given",
    "in",
    "on",
    "over",
    "since",
    "through",
    "throughout",
    "until",
    "while",
];

/// Source phrases corrected where the cue's own grammar in the parse says who speaks:
/// - a verb of seeming ("Sanders appears to lead") has no source but a "to" experiencer;
/// - a passive cue without a "by" agent ("she was asked", "a group known for C", "Smith was
///   accused of C") leaves its subject no source: whoever asked or accused is not named (a
///   stance participle, "is opposed to C", is no such passive);
/// - a psychological verb's experiencer is the source ("the remark angered party leaders",
///   "officials were startled by it"), and the thing that caused the feeling its content;
/// - an adjunct taken for a source ("On Friday", "Amid the uproar", "last week") gives way
///   to the verb's subject, else to the noun phrase just before it ("Cruz on Friday said"),
///   unless a relative pronoun follows it (the eval scores that pronoun);
/// - a noun naming whoever holds a view, predicated of a subject ("Ryan is a critic of C"),
///   takes that subject when no frame gave it a source;
/// - a report the parse coordinated with the verb of a clause under another report takes that
///   report's subject ("She said she had met X but said C");
/// - a relative pronoun subject just before the cue stands for the whole phrase before it
///   ("Mike Pence, who called C");
/// - a "by" agent of a passive cue is its source ("was endorsed by S", "when asked by S");
/// - a naming participle after a noun ("a group called X", "two men charged with C") leaves
///   the noun no source; a stance participle ("voters are split on C") takes its subject;
/// - an "-ing" participle whose source is no subject takes the parse's subject ("S issued
///   statements condemning C", "…, calling them C");
/// - a verb cue without a source takes its parse subject, else the noun phrase just before it.
fn revise(w: &Work, drafts: &[Draft]) -> Vec<Draft> {
    let mut out = drafts.to_vec();
    for d in out.iter_mut() {
        let Some(v) = cue_head(w, d.cue) else {
            continue;
        };
        let Some(syn) = w.toks[v].syn.as_ref() else {
            continue;
        };
        let sent = w.sentence_of(v);
        let lemma = syn.lemma.as_str();
        let upos = syn.upos;
        let before = |r: &(usize, usize)| r.1 <= d.cue.0;
        if upos == Upos::Noun {
            if d.sources.is_empty() {
                if let Some(s) = predicated_of(w, v, &sent) {
                    d.sources = vec![s];
                } else if let Some(s) = verb_read_as_noun(w, v, d.cue, &sent) {
                    // "The group also plans to C", "Trump shot back": a verb read as a noun.
                    d.sources = vec![s];
                }
            }
            continue;
        }
        if !matches!(upos, Upos::Verb | Upos::Aux) {
            continue;
        }
        let passive = is_passive(w, v, &sent);
        if is_in(SEEM_VERBS, lemma) && bare_cue(w, d.cue, v) {
            d.sources = experiencer(w, v, &sent).into_iter().collect();
            continue;
        }
        if is_in(PSYCH_VERBS, lemma) {
            let felt = if passive {
                kids(w, &sent, v)
                    .find(|&k| rel(w, k) == "nsubj:pass")
                    .map(|k| w.subtree(k, &sent))
            } else {
                kids(w, &sent, v)
                    .find(|&k| rel(w, k) == "obj")
                    .map(|k| w.subtree(k, &sent))
            };
            if let Some(s) = felt.and_then(|s| noun_phrase(w, s)) {
                // What caused the feeling is what it is about: the old subject or agent.
                if let [cause] = d.sources[..] {
                    if cause.1 <= s.0 || s.1 <= cause.0 {
                        d.content = Content::Tokens(cause.0, cause.1);
                    }
                }
                d.sources = vec![s];
            }
            continue;
        }
        if let Some(s) = outer_subject(w, v, &sent, &d.sources) {
            // "She said she had met X but said C": the second report is the speaker's, not
            // the subject of the clause the parse coordinated it with.
            d.sources = vec![s];
            continue;
        }
        if let Some(s) = relative_antecedent(w, v, d.cue, &sent) {
            // "Mike Pence, who called C": the phrase the relative pronoun stands for, whole.
            d.sources = vec![s];
            continue;
        }
        if let Some(s) = by_agent(w, v, &sent) {
            // "was endorsed by S", "a fact first reported by S", "when asked by S".
            if d.sources.iter().all(|r| r.1 <= s.0 || s.1 <= r.0) {
                d.sources = vec![s];
            }
            continue;
        }
        let reduced = reduced_participle(w, v, &sent);
        if (passive || reduced)
            && !is_in(STANCE_PARTICIPLES, lemma)
            && !d.sources.is_empty()
            && d.sources.iter().all(before)
            && agent(w, &sent, v).is_none()
        {
            d.sources.clear();
            continue;
        }
        if passive && d.sources.is_empty() {
            // "voters are split on C", "she is assured of C": the passive subject holds the
            // stance.
            if is_in(STANCE_PARTICIPLES, lemma) {
                if let Some(s) = kids(w, &sent, v).find(|&k| rel(w, k) == "nsubj:pass") {
                    if !matches!(w.word(s), "who" | "which" | "that" | "it") {
                        d.sources = noun_phrase(w, w.subtree(s, &sent)).into_iter().collect();
                    }
                }
            }
            continue;
        }
        if w.word(v).ends_with("ing")
            && upos == Upos::Verb
            && d.cue.0 > sent.start
            && w.word(d.cue.0 - 1) == ","
            && w.word(v) != "according"
            && d.sources.iter().all(|r| {
                before(r)
                    && (adjunct(w, *r)
                        || outside_heads(w, *r)
                            .next()
                            .is_some_and(|h| !rel(w, h).starts_with("nsubj")))
            })
        {
            // "S said C, adding D", "S set out to energize X, hoping C": a participle set off
            // by a comma is its clause's speaker's, however high the parse hung it.
            if let Some(s) = clause_subject(w, v, &sent) {
                if !d.sources.iter().any(|r| r.0 < s.1 && s.0 < r.1) {
                    d.sources = vec![s];
                }
                continue;
            }
        }
        if w.word(v).ends_with("ing") && upos == Upos::Verb {
            // "…, calling them rapists", "a senator calling for C", "with S telling C": the
            // participle's subject through the parse.
            // Only a source before the cue that is no subject gives way ("S filed C, citing
            // his results"); one after it was chosen on purpose ("a report, citing S").
            let weak = |r: &(usize, usize)| {
                r.1 <= d.cue.0
                    && outside_heads(w, *r).next().is_some_and(|h| {
                        !rel(w, h).starts_with("nsubj") && !is_in(super::PRONOUNS, w.word(h))
                    })
            };
            if let Some(s) = participle_subject(w, v, &sent)
                .filter(|_| !d.sources.is_empty() && d.sources.iter().all(weak))
            {
                if d.sources.iter().all(|r| r.1 <= s.0 || s.1 <= r.0) {
                    d.sources = vec![s];
                }
                continue;
            }
        }
        if d.sources.is_empty() && upos == Upos::Verb && !passive {
            // A reporting verb read without a source ("Cement makers, for instance, argue
            // that C"): its subject in the parse, or the one of the verb it is coordinated
            // with.
            let subject = subject_of(w, v, &sent).filter(|s| !adjunct(w, *s));
            // Else the noun phrase just before a finite cue the parse left without a subject
            // ("protest organizers in Cleveland say that C" read with "protest" as a verb).
            let finite = !w.word(v).ends_with("ing")
                && d.cue.0 > sent.start
                && w.word(d.cue.0 - 1) != "to"
                && nominal(w, d.cue.0 - 1);
            let before =
                subject.is_none() && finite && !kids(w, &sent, v).any(|k| rel(w, k) == "nsubj");
            let found = subject.or_else(|| {
                before
                    .then(|| noun_before(w, d.cue.0, &sent))
                    .flatten()
                    .filter(|s| !adjunct(w, *s))
            });
            // Else the nouns just before it, with a word the tagger read as a verb ("Clinton
            // aides said C") or an apposition ("Jane Doe, the mayor, proposed C").
            let bare = subject.is_none()
                && !w.word(v).ends_with("ing")
                && !kids(w, &sent, v).any(|k| rel(w, k) == "nsubj");
            let found = found
                .or_else(|| bare.then(|| phrase_before(w, v, d.cue.0, &sent)).flatten())
                // Else the subject it shares with the word it hangs on ("Murphy, who was
                // elected in 2012, argued C").
                .or_else(|| {
                    subject
                        .is_none()
                        .then(|| shared_subject(w, v, d.cue.0, &sent))
                        .flatten()
                });
            if let Some(s) = found.and_then(|s| tidy(w, s)) {
                if !matches!(w.word(s.0), "it" | "there") || s.1 > s.0 + 1 {
                    d.sources = vec![s];
                }
            }
            continue;
        }
        // A phrase before "who"/"which"/"that" stands for the relative pronoun of the cue's
        // clause, whatever it is.
        let relative = |r: (usize, usize)| {
            let next = if w.word(r.1) == "," { r.1 + 1 } else { r.1 };
            next < d.cue.0 && relative_at(w, next)
        };
        if d.sources.len() == 1 && adjunct(w, d.sources[0]) && !relative(d.sources[0]) {
            let subject = subject_of(w, v, &sent).filter(|s| !adjunct(w, *s));
            if let Some(s) = subject.or_else(|| noun_before(w, d.sources[0].0, &sent)) {
                d.sources = vec![s];
            }
        }
    }
    out
}

/// The subject of the main clause for a verb `v` the parse coordinated with the verb of a
/// clause under it ("She said [she had met X] but said C", "Clinton adds that she released X
/// and called on C"), when the draft's source is that inner clause's subject.
fn outer_subject(
    w: &Work,
    v: usize,
    sent: &std::ops::Range<usize>,
    sources: &[(usize, usize)],
) -> Option<(usize, usize)> {
    if rel(w, v) != "conj" || sources.len() != 1 {
        return None;
    }
    let h = head(w, v)?;
    let inner = kids(w, sent, h).find(|&k| rel(w, k) == "nsubj")?;
    if relative_at(w, inner) {
        return None;
    }
    let inner = noun_phrase(w, w.subtree(inner, sent))?;
    let src = sources[0];
    if !(src.0 < inner.1 && inner.0 < src.1) || rel(w, h) != "ccomp" {
        return None;
    }
    let h2 = head(w, h)?;
    let outer = kids(w, sent, h2).find(|&k| rel(w, k) == "nsubj")?;
    if matches!(w.word(outer), "who" | "which" | "that" | "it") || outer > inner.0 {
        return None;
    }
    noun_phrase(w, w.subtree(outer, sent))
}

/// The phrase a relative pronoun subject of verb `v` stands for, when the pronoun opens the
/// cue's clause just before the cue ("Mike Pence, who called C", "voters who said C"): the
/// noun phrase ending before the pronoun (a comma between allowed).
fn relative_antecedent(
    w: &Work,
    v: usize,
    cue: (usize, usize),
    sent: &std::ops::Range<usize>,
) -> Option<(usize, usize)> {
    let p = kids(w, sent, v).find(|&k| rel(w, k) == "nsubj")?;
    if !relative_at(w, p) || p >= cue.0 {
        return None;
    }
    if (p + 1..cue.0).any(|k| w.toks[k].punct) {
        return None;
    }
    noun_before(w, p, sent)
}

/// The "by" agent phrase of a passive verb `v` (without the "by"): a `be`/`get` passive or a
/// past participle hanging on a noun or a clause ("a fact first reported by S", "when asked
/// by S").
fn by_agent(w: &Work, v: usize, sent: &std::ops::Range<usize>) -> Option<(usize, usize)> {
    let k = agent(w, sent, v)?;
    let x = w.word(v);
    let participle = x.ends_with("ed") || x.ends_with("en") || x.ends_with("wn");
    if !participle || kids(w, sent, v).any(|c| rel(w, c) == "nsubj") {
        return None;
    }
    let (a, b) = w.subtree(k, sent);
    let by = (a..b).find(|&c| w.word(c) == "by")?;
    noun_phrase(w, (by + 1, b))
}

/// The subject of a participle `v` ending in "-ing" through the parse: its own subject ("with
/// S telling C"), the noun it modifies ("a senator calling for C") unless that noun is an
/// object ("S issued statements condemning C": then the verb's subject), or the subject of
/// the clause it hangs on ("S filed a motion, arguing C").
fn participle_subject(w: &Work, v: usize, sent: &std::ops::Range<usize>) -> Option<(usize, usize)> {
    if let Some(s) = kids(w, sent, v).find(|&k| rel(w, k) == "nsubj") {
        if relative_at(w, s) {
            return None;
        }
        return noun_phrase(w, w.subtree(s, sent));
    }
    let h = head(w, v)?;
    match rel(w, v) {
        // "S issued statements condemning C": whoever issued the statement.
        "acl" if rel(w, h) == "obj" => {
            let g = head(w, h)?;
            subject_of(w, g, sent).filter(|s| !adjunct(w, *s))
        }
        "acl" => {
            let (a, _) = w.subtree(h, sent);
            (nominal(w, h) && a <= h && h < v)
                .then(|| noun_phrase(w, (a, h + 1)))
                .flatten()
        }
        "advcl" | "conj" | "xcomp" => subject_of(w, h, sent).filter(|s| !adjunct(w, *s)),
        _ => None,
    }
}

/// The subject of the clause a participle `v` set off by a comma belongs to: up the parse
/// from the verb or noun it hangs on, through coordinated, controlled and adverbial verbs and
/// through the objects of verbs, to the first subject ("S set out to energize X, hoping C"),
/// or the noun a participial verb modifies ("The businessman began by talking, saying C");
/// the subject of a content clause gives way to the one of the report above it ("S said C
/// had failed, adding D"), unless that one is an adjunct.
fn clause_subject(w: &Work, v: usize, sent: &std::ops::Range<usize>) -> Option<(usize, usize)> {
    let nominal = |k: usize| nominal(w, k);
    let head = |k: usize| {
        w.toks[k]
            .syn
            .as_ref()
            .and_then(|s| s.head)
            .filter(|h| sent.contains(h))
    };
    let mut inner = None;
    let mut at = head(v)?;
    // "she said, referring to X." read with the participle on the full stop.
    if w.toks[at].punct {
        at = head(at)?;
    }
    for _ in 0..6 {
        if nominal(at) {
            match rel(w, at) {
                r if r.starts_with("nsubj") => {
                    // Without the participle if the parse hung it on the noun.
                    let (a, b) = w.subtree(at, sent);
                    let s = noun_phrase(w, (a, b.min(v))).filter(|s| !adjunct(w, *s));
                    return s.or(inner);
                }
                "obj" | "iobj" | "obl" | "nmod" | "appos" | "compound" | "conj" => at = head(at)?,
                _ => return inner,
            }
            continue;
        }
        if let Some(p) = kids(w, sent, at).find(|&k| rel(w, k) == "nsubj") {
            let s = if relative_at(w, p) {
                noun_before(w, p, sent)
            } else {
                noun_phrase(w, w.subtree(p, sent))
            };
            let s = s.filter(|s| !adjunct(w, *s) && !matches!(w.word(s.0), "it" | "there"));
            let content = rel(w, at) == "ccomp"
                || kids(w, sent, at)
                    .any(|k| rel(w, k) == "mark" && matches!(w.word(k), "that" | "whether"));
            if !content || s.is_none() {
                return s.or(inner);
            }
            inner = inner.or(s);
        }
        match rel(w, at) {
            "conj" | "xcomp" | "advcl" | "ccomp" | "parataxis" => at = head(at)?,
            "acl" => {
                let h = head(at)?;
                // Only a participle on a subject noun ("The businessman began by talking").
                let subject = matches!(rel(w, h), "root") || rel(w, h).starts_with("nsubj");
                if nominal(h) && h < at && subject && !w.word(at).ends_with("ing") {
                    let (a, _) = w.subtree(h, sent);
                    let s = noun_phrase(w, (a.min(h), h + 1)).filter(|s| !adjunct(w, *s));
                    return s.or(inner);
                }
                return inner;
            }
            _ => return inner,
        }
    }
    inner
}

/// The token of the cue `[a, b)` whose head lies outside it (the cue's syntactic head).
fn cue_head(w: &Work, cue: (usize, usize)) -> Option<usize> {
    outside_heads(w, cue).find(|&k| !w.toks[k].punct)
}

/// True when the cue is its verb with auxiliaries, negation and adverbs only ("may seem",
/// "doesn't appear"), not "seemed to confirm".
fn bare_cue(w: &Work, (a, b): (usize, usize), v: usize) -> bool {
    (a..b).all(|k| {
        k == v
            || w.toks[k].punct
            || w.toks[k]
                .syn
                .as_ref()
                .is_some_and(|s| matches!(s.upos, Upos::Aux | Upos::Adv | Upos::Part))
    })
}

/// The "to X" experiencer of a verb of seeming, on the verb or its complement ("To voters,
/// the plan seemed fair"), without the "to".
fn experiencer(w: &Work, v: usize, sent: &std::ops::Range<usize>) -> Option<(usize, usize)> {
    let heads = std::iter::once(v).chain(kids(w, sent, v).filter(|&k| rel(w, k) == "xcomp"));
    let heads: Vec<usize> = heads.collect();
    heads.into_iter().find_map(|h| {
        kids(w, sent, h)
            .filter(|&k| matches!(rel(w, k), "obl" | "nmod"))
            .find(|&k| kids(w, sent, k).any(|c| rel(w, c) == "case" && w.word(c) == "to"))
            .and_then(|k| {
                let (a, b) = w.subtree(k, sent);
                let a = if w.word(a) == "to" { a + 1 } else { a };
                noun_phrase(w, (a, b))
            })
    })
}

/// The subject phrase of the verb `v`: its own `nsubj`, else the one of the verb it is
/// coordinated with or controlled by; none for a relative pronoun.
fn subject_of(w: &Work, v: usize, sent: &std::ops::Range<usize>) -> Option<(usize, usize)> {
    let mut at = v;
    for _ in 0..4 {
        if let Some(s) = kids(w, sent, at).find(|&k| rel(w, k) == "nsubj") {
            if relative_at(w, s) {
                return None;
            }
            return noun_phrase(w, w.subtree(s, sent));
        }
        match rel(w, at) {
            "conj" | "xcomp" => at = head(w, at)?,
            "advcl" if w.word(at).ends_with("ing") => at = head(w, at)?,
            _ => return None,
        }
    }
    None
}

/// The subject a noun cue naming whoever holds a view is predicated of: the `nsubj` of the
/// copular noun ("Ryan is a critic of C").
fn predicated_of(w: &Work, n: usize, sent: &std::ops::Range<usize>) -> Option<(usize, usize)> {
    if !kids(w, sent, n).any(|k| rel(w, k) == "cop") || !agent_noun(w.word(n)) {
        return None;
    }
    let s = kids(w, sent, n).find(|&k| rel(w, k) == "nsubj")?;
    if matches!(w.word(s), "who" | "which" | "that" | "it" | "this") {
        return None;
    }
    noun_phrase(w, w.subtree(s, sent))
}

/// A noun naming whoever holds a view ("critic", "supporter", "advocate", "architect").
fn agent_noun(x: &str) -> bool {
    let x = x.trim_end_matches('s');
    ["er", "or", "ist", "ent", "ant", "ic"]
        .iter()
        .any(|e| x.ends_with(e))
        || matches!(
            x,
            "architect" | "champion" | "voice" | "fan" | "ally" | "foe"
        )
}

/// True when the verb `v` is passive: a "be"/"get" passive auxiliary, or a participle that
/// cannot be a past tense ("-wn", "-en") hanging on a noun without a subject of its own ("a
/// group known for C"; "rabbis called for C" is too often a main verb the parse reads as a
/// participle).
fn is_passive(w: &Work, v: usize, sent: &std::ops::Range<usize>) -> bool {
    if kids(w, sent, v).any(|k| {
        rel(w, k) == "aux:pass"
            && w.toks[k]
                .syn
                .as_ref()
                .is_some_and(|s| matches!(s.lemma.as_str(), "be" | "get"))
    }) {
        return true;
    }
    let x = w.word(v);
    rel(w, v) == "acl"
        && !kids(w, sent, v).any(|k| rel(w, k).starts_with("nsubj"))
        && (x.ends_with("wn") || x.ends_with("en"))
}

/// True when the verb `v` is an "-ed" participle modifying the noun before it without a subject
/// or object of its own ("a group called X", "a contractor accused of spying"), not a main
/// verb the parse hung on its subject ("rabbis called for C", "called on S to", "pointed out").
fn reduced_participle(w: &Work, v: usize, sent: &std::ops::Range<usize>) -> bool {
    let Some(h) = head(w, v) else {
        return false;
    };
    rel(w, v) == "acl"
        && h < v
        && is_in(NAMING_PARTICIPLES, lemma(w, v))
        && w.word(v).ends_with("ed")
        && !matches!(w.word(v + 1), "for" | "on" | "out" | "up" | "upon" | "that")
        && !kids(w, sent, v).any(|k| matches!(rel(w, k), "nsubj" | "obj" | "ccomp"))
}

/// The subject a verb cue without one shares with the word it hangs on before it: the
/// passive subject of the verb it is coordinated with ("Murphy, who was elected in 2012,
/// argued C"), or the noun a `parataxis` hangs on ("Democratic economists, like their
/// colleagues, say C").
fn shared_subject(
    w: &Work,
    v: usize,
    at: usize,
    sent: &std::ops::Range<usize>,
) -> Option<(usize, usize)> {
    let h = head(w, v)?;
    if h >= v || !sent.contains(&h) {
        return None;
    }
    let relative = |k: usize| matches!(w.word(k), "who" | "which" | "that" | "it" | "there");
    match rel(w, v) {
        "conj" => {
            // Only when the parse hung a relative clause's verb over the name.
            kids(w, sent, h).find(|&k| matches!(w.word(k), "who" | "which"))?;
            let s = kids(w, sent, h).find(|&k| rel(w, k) == "nsubj:pass" && !relative(k))?;
            let (a, b) = w.subtree(s, sent);
            // The subject alone, without the relative clause hung on it.
            let b = (a..b)
                .find(|&k| k > s && (w.word(k) == "," || relative(k)))
                .unwrap_or(b);
            noun_phrase(w, (a, b)).and_then(|s| tidy(w, s))
        }
        "parataxis"
            if nominal(w, h)
                && w.word(at - 1) == ","
                && !kids(w, sent, h).any(|k| rel(w, k) == "case") =>
        {
            let (a, _) = w.subtree(h, sent);
            let b = (h + 1..at).find(|&k| w.toks[k].punct)?;
            if w.word(b) != "," || (a > sent.start && !w.toks[a - 1].punct) {
                return None;
            }
            noun_phrase(w, (a, b)).and_then(|s| tidy(w, s))
        }
        _ => None,
    }
}

/// The speaker of a noun cue that is a verb the tagger read as a noun ("The group also
/// plans to C", "Trump shot back"): the noun's own `nsubj` before it, else the phrase just
/// before it. Only for a bare noun: with a determiner, a possessor, a case marker or a
/// copula it is a noun ("the plans", "his plans", "are plans").
fn verb_read_as_noun(
    w: &Work,
    n: usize,
    cue: (usize, usize),
    sent: &std::ops::Range<usize>,
) -> Option<(usize, usize)> {
    if kids(w, sent, n).any(|k| {
        matches!(
            rel(w, k),
            "det" | "nmod:poss" | "case" | "cop" | "amod" | "nummod"
        ) && (k < cue.0 || k >= cue.1 || k < n)
    }) {
        return None;
    }
    if let Some(s) = kids(w, sent, n).find(|&k| rel(w, k) == "nsubj" && k < cue.0) {
        return noun_phrase(w, w.subtree(s, sent)).and_then(|s| tidy(w, s));
    }
    if rel(w, n) != "root" {
        return None;
    }
    phrase_before(w, n, cue.0, sent)
}

/// The phrase of nouns just before a cue that has no subject in the parse ("Clinton aides
/// said", "Some 56 percent of voters polled said", "Jane Doe, the mayor, proposed"): a run of
/// nouns, names, pronouns, determiners, numbers, adjectives and "of", possibly ending with one
/// word the tagger read as a verb, or an apposition closed by a comma. The word before the cue
/// must hang on it, or it on that word.
fn phrase_before(
    w: &Work,
    v: usize,
    at: usize,
    sent: &std::ops::Range<usize>,
) -> Option<(usize, usize)> {
    let mut end = at;
    if end > sent.start && w.word(end - 1) == "," {
        // "Jane Doe, the mayor, proposed": the phrase before the comma, if an apposition.
        end -= 1;
    }
    let last = end.checked_sub(1).filter(|&k| k >= sent.start)?;
    let head = |k: usize| super::head(w, k);
    let linked = |k: usize| head(k) == Some(v) || head(v) == Some(k);
    let nounish = |k: usize| {
        matches!(
            upos(w, k),
            Some(Upos::Noun | Upos::Propn | Upos::Pron | Upos::Det | Upos::Num | Upos::Adj)
        ) || (w.word(k) == "of" && k > sent.start)
            || w.word(k) == "'s"
            || w.word(k) == "’s"
    };
    if matches!(
        w.word(last),
        "who" | "which" | "that" | "it" | "there" | "this"
    ) {
        return None;
    }
    let mut a = last;
    if !nounish(last) {
        // One word the tagger read as a verb ("aides", "polled") after a noun.
        let verbal = matches!(upos(w, last), Some(Upos::Verb))
            && (w.word(last).ends_with('s') || w.word(last).ends_with("ed"))
            && (linked(last) || end < at);
        if !verbal || last == sent.start || !nounish(last - 1) {
            return None;
        }
        a = last - 1;
    } else if end == at && !linked(last) && !nominal(w, last) {
        return None;
    }
    let mut commas = 0;
    while a > sent.start {
        let k = a - 1;
        let joins = matches!(w.word(k), "of" | "-");
        if (nounish(k) && !joins) || (joins && k > sent.start && nounish(k - 1)) {
            a = k;
        } else if end < at && w.word(k) == "," && commas == 0 {
            // An apposition: "Jane Doe, the mayor," — the name before the first comma.
            commas += 1;
            a = k;
        } else {
            break;
        }
    }
    while a < end && (w.toks[a].punct || w.word(a) == "of") {
        a += 1;
    }
    if end < at && commas == 0 {
        // A comma before the cue with no apposition: a fronted phrase, not a subject.
        return None;
    }
    if !(a..end).any(|k| nominal(w, k)) {
        return None;
    }
    if a > sent.start && matches!(upos(w, a - 1), Some(Upos::Adp | Upos::Sconj | Upos::Verb)) {
        // The object of a preposition or a verb ("In a statement released", "on Tuesday").
        return None;
    }
    noun_phrase(w, (a, end))
}

/// Whether token `k` is parsed as a noun, a proper noun or a pronoun.
fn nominal(w: &Work, k: usize) -> bool {
    w.toks[k]
        .syn
        .as_ref()
        .is_some_and(|s| matches!(s.upos, Upos::Noun | Upos::Propn | Upos::Pron))
}

/// The noun phrase ending just before token `at` (a comma between allowed): the subtree of
/// the noun there, or of the noun it is an apposition or modifier of, cut at `at` ("Cruz" of
/// "Cruz on Friday", "Jane Doe, the mayor," of "Jane Doe, the mayor, this week").
fn noun_before(w: &Work, at: usize, sent: &std::ops::Range<usize>) -> Option<(usize, usize)> {
    let mut n = at.checked_sub(1).filter(|&k| k >= sent.start)?;
    if w.word(n) == "," {
        n = n.checked_sub(1).filter(|&k| k >= sent.start)?;
    }
    let nominal = |k: usize| nominal(w, k);
    if !nominal(n) {
        return None;
    }
    for _ in 0..4 {
        match head(w, n) {
            Some(h) if h >= sent.start && h < n && nominal(h) => n = h,
            _ => break,
        }
    }
    let (a, _) = w.subtree(n, sent);
    noun_phrase(w, (a.min(n), at))
}

/// A subject phrase without what the parse hung before its head: leading conjunctions and
/// subordinators ("as a new poll", "and the senator"), and everything up to the last comma
/// before the head ("Pressed about the talk, Perez").
fn tidy(w: &Work, (mut a, b): (usize, usize)) -> Option<(usize, usize)> {
    let head = outside_heads(w, (a, b)).find(|&k| !w.toks[k].punct)?;
    if let Some(c) = (a..head).rev().find(|&k| w.word(k) == ",") {
        a = c + 1;
    }
    while a < head
        && w.toks[a]
            .syn
            .as_ref()
            .is_some_and(|x| matches!(x.upos, Upos::Cconj | Upos::Sconj | Upos::Adp))
    {
        a += 1;
    }
    noun_phrase(w, (a, b))
}

/// The range trimmed of punctuation at both ends, if anything is left.
fn noun_phrase(w: &Work, (mut a, mut b): (usize, usize)) -> Option<(usize, usize)> {
    while a < b && w.toks[a].punct {
        a += 1;
    }
    while b > a && w.toks[b - 1].punct {
        b -= 1;
    }
    (a < b).then_some((a, b))
}

/// True when the phrase `[a, b)` is an adjunct rather than a noun phrase that could speak: its
/// head hangs on the verb as a temporal, or as an oblique or modifier that opens with an
/// adjunct preposition ("On Friday", "Amid the uproar") or is a short time phrase ("last
/// week", "Tuesday"), which the parse may also read as the subject.
fn adjunct(w: &Work, (a, b): (usize, usize)) -> bool {
    let Some(h) = outside_heads(w, (a, b)).next() else {
        return false;
    };
    match rel(w, h) {
        "obl:tmod" | "nmod:tmod" | "obl:npmod" => true,
        "obl" | "nmod" | "advmod" | "advcl" => {
            is_in(ADJUNCT_PREPOSITIONS, w.word(a)) || (b - a <= 3 && is_in(TIME_WORDS, w.word(h)))
        }
        // "last week" read as the subject.
        "nsubj" => b - a <= 3 && is_in(TIME_WORDS, w.word(h)),
        _ => false,
    }
}

fn trim(text: &str, s: usize, e: usize) -> (usize, usize) {
    let inner = &text[s..e];
    let lead = inner.len() - inner.trim_start().len();
    let tail = inner.len() - inner.trim_end().len();
    (s + lead, e - tail)
}

/// What the phrase `[a, b)` says of its source.
fn describe(w: &Work, (a, b): (usize, usize)) -> Desc {
    let words: Vec<&str> = (a..b).map(|k| w.word(k)).collect();
    let (s, e) = (w.toks[a].start, w.toks[b - 1].end);
    let mut d = Desc {
        kind: SourceKind::Anonymous,
        count: None,
        seniority: None,
        role: None,
        affiliation: None,
        actor: None,
        pronoun: None,
        definite: matches!(words[0], "the" | "that" | "this" | "these" | "those"),
        plural: false,
        title: false,
        head: String::new(),
    };
    if words.len() == 1 && is_in(super::PRONOUNS, words[0]) {
        d.pronoun = Some(words[0].to_string());
        d.plural = matches!(words[0], "they" | "we");
        d.kind = if matches!(words[0], "he" | "she" | "i") {
            SourceKind::NamedPerson
        } else {
            SourceKind::Anonymous
        };
        return d;
    }
    // The head: the last word before the post-modifiers ("sources involved in the talks",
    // "the Department of Transportation", "officials who").
    let cut = (1..words.len())
        .find(|&k| {
            let x = words[k];
            matches!(
                x,
                "of" | "in"
                    | "for"
                    | "from"
                    | "at"
                    | "with"
                    | "who"
                    | "which"
                    | "that"
                    | "on"
                    | ","
                    | "familiar"
                    | "close"
                    | "knowledgeable"
                    | "speaking"
                    | "whose"
            ) || (!w.toks[a + k].cap && (x.ends_with("ed") || x.ends_with("ing")) && x.len() > 4)
        })
        .unwrap_or(words.len());
    let head_at = cut - 1;
    let head = words[head_at];
    d.head = head.trim_end_matches('s').to_string();
    d.plural = head.ends_with('s') && !head.ends_with("ss") || head == "people";
    d.seniority = words
        .iter()
        .take(head_at + 1)
        .find(|x| w.cues.is_seniority(x))
        .map(|x| x.to_string());
    let modifier = words[..head_at].iter().find_map(|x| {
        w.cues
            .role(x)
            .filter(|r| r.modifier)
            .map(|r| r.role.clone())
    });
    let head_role = w
        .cues
        .role(head)
        .filter(|r| !r.modifier)
        .map(|r| r.role.clone());
    // Outlets: a known name anywhere in the phrase, or an outlet noun as head.
    let max = w.cues.outlet_max_words().max(1);
    let outlet_name = (0..words.len()).any(|i| {
        (1..=max.min(words.len() - i)).any(|n| w.cues.is_outlet_name(&words[i..i + n].join(" ")))
    });
    let actors = w.actors_in(s, e);
    let person = actors
        .iter()
        .copied()
        .find(|&x| w.actors[x].kind == ActorKind::Person);
    let media = actors
        .iter()
        .copied()
        .find(|&x| w.actors[x].kind == ActorKind::Media);
    d.title = is_in(TITLES, head);
    if outlet_name || media.is_some() || (w.cues.is_outlet_head(head) && head_role.is_none()) {
        d.kind = SourceKind::Outlet;
        d.actor = media;
    } else if head_role.is_some() || head == "someone" {
        d.kind = SourceKind::Anonymous;
        d.role = modifier.clone().or(head_role);
        if d.role.as_deref() == Some("source") && words.len() == 1 {
            d.role = None;
        }
    } else if w.cues.is_document(head) {
        d.kind = SourceKind::Document;
    } else if let Some(p) = person {
        d.kind = SourceKind::NamedPerson;
        d.actor = Some(p);
    } else if is_in(ORG_HEADS, head) {
        d.kind = SourceKind::NamedOrganization;
        d.actor = actors.first().copied();
    } else if let Some(&x) = actors.first() {
        d.kind = if w.actors[x].kind == ActorKind::Person {
            SourceKind::NamedPerson
        } else {
            SourceKind::NamedOrganization
        };
        d.actor = Some(x);
    } else if (a..b).any(|k| w.toks[k].cap && (k > a || !is_function_word(words[0])))
        && w.toks[a + head_at].cap
    {
        d.kind = guess_named(w, a, b);
    } else if d.title {
        d.kind = SourceKind::NamedPerson;
    }
    if d.kind == SourceKind::Anonymous {
        d.count = words.iter().take(head_at).find_map(|x| count_word(x));
        if head == "someone" {
            d.count = Some(1);
        }
        // "other intelligence agencies": a role modifier before a head that is no role noun.
        if d.role.is_none() && d.pronoun.is_none() {
            d.role = modifier;
        }
    }
    if d.kind == SourceKind::NamedOrganization {
        d.role = org_role(w, &words, head_at, d.actor);
    }
    d.affiliation = affiliation(w, a, head_at + a, d.actor)
        .or_else(|| possessor(w, a, b, d.kind))
        .or_else(|| post_affiliation(w, a + cut, b, d.kind));
    d
}

/// The role an organisation's kind gives it: a word of its head or name in `org-roles.tsv`
/// ("ministry", "hospital", "intelligence"; the head first), else its actor's kind (a country or
/// government speaks as "government", a party as "party", a business as "company").
fn org_role(w: &Work, words: &[&str], head_at: usize, actor: Option<usize>) -> Option<String> {
    let mut found = w.cues.org_role(words[head_at]).or_else(|| {
        words[..head_at]
            .iter()
            .rev()
            .find_map(|x| w.cues.org_role(x))
    });
    if let Some(x) = actor {
        let a = &w.actors[x];
        let mut names: Vec<&str> = vec![a.name.as_str()];
        names.extend(a.mentions.iter().map(|m| m.text.as_str()));
        let entry = w.lex.lookup(&a.name).map(|h| h.entry);
        if let Some(e) = entry {
            names.extend(e.aliases.iter().map(String::as_str));
        }
        found = found.or_else(|| {
            names
                .iter()
                .flat_map(|n| n.split_whitespace())
                .find_map(|x| w.cues.org_role(x))
        });
        let by_kind = match a.kind {
            ActorKind::Country | ActorKind::Government => Some("government"),
            ActorKind::Military => Some("military"),
            ActorKind::Police => Some("police"),
            ActorKind::Party => Some("party"),
            ActorKind::Business => Some("company"),
            _ => None,
        };
        found = found.or(by_kind);
    }
    found.map(str::to_string)
}

/// The possessor of a possessive source phrase, as its affiliation: "his associates" → the last
/// person named before the phrase; "the mayor's office" → the person whose role the possessor
/// names (for an organisation, that person's country).
fn possessor(w: &Work, a: usize, b: usize, kind: SourceKind) -> Option<usize> {
    let start = w.toks[a].start;
    let person = if matches!(w.word(a), "his" | "her") {
        w.mentions
            .iter()
            .rev()
            .find(|&&(_, e, x)| e <= start && w.actors[x].kind == ActorKind::Person)
            .map(|m| m.2)
    } else {
        let pos = (a + 1..b).find(|&k| matches!(w.word(k), "'s" | "’s"))?;
        let title = w.word(pos - 1);
        if !is_in(TITLES, title) || pos - 1 < a {
            return None;
        }
        // The person named last before the phrase (else first after it) who holds that title.
        let holds = |x: usize| {
            w.actors[x].kind == ActorKind::Person
                && w.actors[x].roles.iter().any(|r| {
                    r.split_whitespace()
                        .next()
                        .is_some_and(|f| f.eq_ignore_ascii_case(title))
                })
        };
        let before = w.mentions.iter().rev().find(|m| m.1 <= start && holds(m.2));
        before
            .or_else(|| w.mentions.iter().find(|m| m.0 >= start && holds(m.2)))
            .map(|m| m.2)
    }?;
    if kind == SourceKind::NamedOrganization {
        return country_actor(w, person).or(Some(person));
    }
    Some(person)
}

/// The affiliation a post-modifier gives an anonymous source: "associates of X" → X, "hospital
/// officials in Omsk" → Omsk's country, "someone, seemingly X" → X. Tokens `[cut, b)` follow the
/// head.
fn post_affiliation(w: &Work, cut: usize, b: usize, kind: SourceKind) -> Option<usize> {
    if kind != SourceKind::Anonymous || cut >= b {
        return None;
    }
    if !matches!(w.word(cut), "of" | "for" | "from" | "at" | "in" | ",") {
        return None;
    }
    let x = *w.actors_in(w.toks[cut].start, w.toks[b - 1].end).first()?;
    place_country(w, x)
}

/// A place stands for its country's actor; other actors for themselves.
fn place_country(w: &Work, x: usize) -> Option<usize> {
    if w.actors[x].kind != ActorKind::Place {
        return Some(x);
    }
    country_actor(w, x)
}

/// The document's actor for the country of actor `x`, if both are known.
fn country_actor(w: &Work, x: usize) -> Option<usize> {
    w.actor_for("", None, Some(w.actors[x].country.as_deref()?))
}

/// A role the text gives a person at one mention, and the affiliation it names.
struct PersonRole {
    /// Start byte of the mention.
    at: usize,
    /// The person's actor index.
    actor: usize,
    /// The title or apposition as written ("Secretary of State", "foreign affairs minister").
    role: String,
    /// The actor named by the apposition's "of/for Y" or inside it ("a UN rapporteur").
    affiliation: Option<usize>,
}

/// Every role the document gives a named person, in text order: a title just before a mention
/// ("President Trump", "US Secretary of State Mike Pompeo" → "Secretary of State") or an
/// apposition just after one ("X, the foreign affairs minister of Y", "X, a spokesman for Y").
fn person_roles(w: &Work) -> Vec<PersonRole> {
    let mut out = Vec::new();
    for &(s, e, x) in &w.mentions {
        if w.actors[x].kind != ActorKind::Person {
            continue;
        }
        let Ok(i) = w.toks.binary_search_by_key(&s, |t| t.start) else {
            continue;
        };
        let after = w.toks.partition_point(|t| t.start < e);
        if let Some((role, affiliation)) = apposition(w, after) {
            out.push(PersonRole {
                at: s,
                actor: x,
                role,
                affiliation,
            });
            continue;
        }
        // The longest title first.
        let title = (1..=4usize.min(i))
            .rev()
            .filter(|&n| w.toks[i - n].sent == w.toks[i].sent)
            .find_map(|n| {
                let t = w.span_text(i - n, i);
                w.lex.title(t).map(|_| t)
            });
        if let Some(t) = title {
            out.push(PersonRole {
                at: s,
                actor: x,
                role: t.to_string(),
                affiliation: None,
            });
        }
    }
    out
}

/// An apposition starting at token `j` (the comma after a name): ", the/a/an WORDS" up to "of",
/// "for", "at", "in", "who", a comma or the sentence's end, its last word a noun; with the actor
/// its words or the following "of/for Y" name.
fn apposition(w: &Work, j: usize) -> Option<(String, Option<usize>)> {
    if w.word(j) != "," || !matches!(w.word(j + 1), "the" | "a" | "an") {
        return None;
    }
    let sent = w.toks.get(j)?.sent;
    let first = j + 2;
    let mut k = first;
    while k < w.toks.len()
        && w.toks[k].sent == sent
        && !w.toks[k].punct
        && !matches!(
            w.word(k),
            "of" | "for" | "at" | "in" | "who" | "and" | "to" | "with" | "on" | "from"
        )
        && k - first < 5
    {
        k += 1;
    }
    if k == first || k - first >= 5 {
        return None;
    }
    let last = upos(w, k - 1);
    if last != Some(byline_nlp::Upos::Noun) || w.toks[k - 1].cap {
        return None;
    }
    let own = w
        .actors_in(w.toks[first].start, w.toks[k - 1].end)
        .into_iter()
        .find(|&x| w.actors[x].kind != ActorKind::Person);
    let of = if matches!(w.word(k), "of" | "for" | "at") {
        let end = (k + 1..w.toks.len())
            .find(|&m| w.toks[m].sent != sent || w.toks[m].punct || w.word(m) == "who")
            .unwrap_or(w.toks.len());
        (k + 1 < end)
            .then(|| w.actors_in(w.toks[k + 1].start, w.toks[end - 1].end))
            .and_then(|v| {
                v.into_iter()
                    .find(|&x| w.actors[x].kind != ActorKind::Person)
            })
    } else {
        None
    };
    let affiliation = own.or(of).and_then(|x| place_country(w, x));
    Some((w.span_text(first, k).to_string(), affiliation))
}

/// A named person's role: the one the text gives at the mention inside the phrase, else the
/// first the document gives the same person (carried to "Pompeo" from "Secretary of State Mike
/// Pompeo"), or for a title phrase ("the president") its own title; an apposition's affiliation
/// wins over the person's country.
fn named_role(w: &Work, roles: &[PersonRole], (a, b): (usize, usize), d: &mut Desc) {
    if d.kind != SourceKind::NamedPerson || d.role.is_some() {
        return;
    }
    let Some(x) = d.actor else {
        return;
    };
    let (s, e) = (w.toks[a].start, w.toks[b - 1].end);
    let own = roles.iter().find(|r| r.actor == x && s <= r.at && r.at < e);
    if own.is_none() && d.title {
        // "the president": the phrase's own title, not one the person held elsewhere.
        let first = a + usize::from(d.definite);
        if let Some(k) = (first..b).find(|&k| w.word(k).trim_end_matches('s') == d.head) {
            d.role = Some(w.span_text(first, k + 1).to_string());
            return;
        }
    }
    let found = own.or_else(|| roles.iter().find(|r| r.actor == x));
    if let Some(r) = found {
        d.role = Some(r.role.clone());
        if r.affiliation.is_some() {
            d.affiliation = r.affiliation;
        }
    }
}

/// Named source without an actor: the lexicon's kind, or a person for a bare name.
fn guess_named(w: &Work, a: usize, b: usize) -> SourceKind {
    let phrase = w.span_text(a, b);
    match w.lex.lookup(phrase).map(|h| h.entry.kind) {
        Some(ActorKind::Person) => SourceKind::NamedPerson,
        Some(ActorKind::Media) => SourceKind::Outlet,
        Some(_) => SourceKind::NamedOrganization,
        None => {
            let names = (a..b)
                .filter(|&k| w.toks[k].cap && w.lex.adjective(&w.toks[k].lower).is_none())
                .count();
            if names == 0 {
                SourceKind::Anonymous
            } else {
                SourceKind::NamedPerson
            }
        }
    }
}

/// Determiners and number words, capitalised only at the start of a sentence.
fn is_function_word(x: &str) -> bool {
    is_in(super::DETERMINERS, x)
        || count_word(x).is_some()
        || matches!(x, "the" | "both" | "several" | "many" | "some")
}

fn count_word(x: &str) -> Option<u32> {
    if let Ok(i) = NUMBERS.binary_search_by(|(w, _)| (*w).cmp(x)) {
        return Some(NUMBERS[i].1);
    }
    x.parse::<u32>().ok().filter(|&n| n > 0 && n < 1000)
}

/// The actor a demonym or group word before the head stands for; for named sources, their
/// country.
fn affiliation(w: &Work, a: usize, head: usize, actor: Option<usize>) -> Option<usize> {
    for k in a..head.min(w.toks.len()) {
        let t = &w.toks[k];
        if !t.cap {
            continue;
        }
        let word = &w.text[t.start..t.end];
        if let Some(entry) = w.lex.adjective(word) {
            if entry.kind == ActorKind::Person {
                continue;
            }
            if let Some(x) =
                w.actor_for(&entry.name, entry.code.as_deref(), entry.country.as_deref())
            {
                if Some(x) != actor {
                    return Some(x);
                }
            }
        }
    }
    let x = actor?;
    country_actor(w, x).filter(|&c| c != x)
}

/// Links a re-mention to the earlier sources it stands for (indices into `earlier`).
fn resolve(
    w: &Work,
    earlier: &[(usize, usize)],
    descs: &[Desc],
    drafts: &[Draft],
    r: (usize, usize),
    d: &mut Desc,
) -> Vec<usize> {
    let index = |x: &(usize, usize)| earlier.iter().position(|e| e == x);
    if let Some(p) = d.pronoun.clone() {
        match p.as_str() {
            "they" | "we" => {
                // The sources of the last claim with several, or the last plural source.
                for dr in drafts.iter().rev() {
                    let before: Vec<usize> = dr
                        .sources
                        .iter()
                        .filter(|s| s.1 <= r.0)
                        .filter_map(index)
                        .collect();
                    if before.is_empty() || dr.sources.iter().all(|s| s.0 >= r.0) {
                        continue;
                    }
                    if before.len() > 1 || before.iter().any(|&k| descs[k].plural) {
                        let mut v = before;
                        v.sort_unstable();
                        v.dedup();
                        d.kind = descs[v[0]].kind;
                        return v;
                    }
                }
                Vec::new()
            }
            "one" => last(descs, |x| x.plural && x.pronoun.is_none())
                .into_iter()
                .collect(),
            _ => {
                let found = last(descs, |x| {
                    !x.plural
                        && (x.kind == SourceKind::NamedPerson
                            || x.kind == SourceKind::Anonymous && x.count == Some(1))
                });
                if let Some(k) = found {
                    d.kind = descs[k].kind;
                    // Point at the first mention, not at another pronoun.
                    return vec![descs[k].pronoun.as_ref().and(None).unwrap_or(k)];
                }
                let _ = w;
                Vec::new()
            }
        }
    } else if d.definite {
        if d.kind == SourceKind::Anonymous && d.role.is_some() {
            let role = d.role.clone();
            if let Some(k) = last(descs, |x| x.role == role && !x.definite) {
                return vec![k];
            }
        }
        if let Some(k) = last(descs, |x| {
            x.head == d.head && !x.definite && x.pronoun.is_none()
        }) {
            d.kind = descs[k].kind;
            return vec![k];
        }
        if d.title {
            if let Some(k) = last(descs, |x| x.kind == SourceKind::NamedPerson && !x.definite) {
                d.kind = SourceKind::NamedPerson;
                return vec![k];
            }
        }
        if d.kind == SourceKind::NamedOrganization || d.kind == SourceKind::Document {
            let kind = d.kind;
            return last(descs, |x| x.kind == kind && !x.definite)
                .into_iter()
                .collect();
        }
        Vec::new()
    } else {
        Vec::new()
    }
}

fn last(descs: &[Desc], f: impl Fn(&Desc) -> bool) -> Option<usize> {
    (0..descs.len()).rev().find(|&k| f(&descs[k]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted() {
        for w in NUMBERS.windows(2) {
            assert!(w[0].0 < w[1].0);
        }
        for list in [
            ORG_HEADS,
            TITLES,
            SEEM_VERBS,
            PSYCH_VERBS,
            STANCE_PARTICIPLES,
            NAMING_PARTICIPLES,
            ADJUNCT_PREPOSITIONS,
        ] {
            for w in list.windows(2) {
                assert!(w[0] < w[1], "{:?} before {:?}", w[0], w[1]);
            }
        }
    }
}
