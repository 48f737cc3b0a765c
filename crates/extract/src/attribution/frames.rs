//! Reading cues through the dependency parse, for the verbs and nouns the surface frames left
//! unread.
//!
//! Every verb and noun outside the drafts found so far and outside quotes (and a verb that
//! continues a draft's cue inside its content: "…, even suggesting C") is judged by the
//! trained cue classifier (`byline_lexicon::cues::model`, weights in `cue-model.tsv`, trained
//! on the PolNeAR train and dev splits). With the draft judge on ([`judge`](super::judge), the
//! default), every candidate the classifier does not rule out is read. A verb's draft whose
//! content holds a verb is kept on a blend of the classifier's and the judge's probabilities
//! (task 6AP, [`BLEND_P`]); any other draft the classifier's thresholds drop is still kept when
//! the judge trusts the whole draft and its content holds a verb, or, above the classifier's
//! threshold, when its content has no verb (the verbless gate, task 6AC). A verb taken for a
//! cue is taken apart by its dependents:
//! - the source is the subtree of its subject (`nsubj`), of the `by` agent of a passive, of
//!   the subject it shares with the verb it is coordinated with, completes or follows as a
//!   participle ("… and argued that", "wants to know whether", "…, arguing that"), or the noun a relative clause hangs on ("officials who
//!   argued …");
//! - the content is the subtree of its clausal complement (`ccomp`, `xcomp`) or, for a
//!   passive, of its passive subject, else of its
//!   object, of a clause led by `about`/`of`/`for`… ("was accused of hiding C"), of its
//!   `about`/`of`/`on`/`for`/`over` oblique or of its `against`/`at`/`to`/`toward` one
//!   ("railed against C", "pointed to C"), else, for a verb tacked on after its
//!   content ("C, she argued"), the clause it hangs on minus itself.
//!
//! A passive without an agent ("the plan was criticised for its cost") is read without a
//! source. A noun cue ("the mayor's claim that C", "a report by S about C", "S voiced concern
//! that C") takes its possessor, its `by`/`from` nominal or the subject of the verb it is the
//! object of as source (none after "faced", "drew": "faced questions about C"; none at all
//! for "criticism of C"), and its clause or its `about`/`of`/`on`/`for`/`over` nominal as
//! content. A verb the tagger took for a noun ("New Poll Shows …") is read as a verb when
//! the noun frame finds nothing and it has a subject.
//!
//! A verb carrying a cue noun ("raised questions about C", "voiced support for C") is part of
//! the cue. Stance predicates after a copula ("has been critical of C", "is opposed to C",
//! "was skeptical that C") are read from a short list, with their subject as source; any other
//! adjective after a copula is read with a "that"/"whether" clause ("S is aware that C"), an
//! "about" nominal ("S is upbeat about C"), a person's "of" nominal ("he is proud of C") or,
//! for an adjective of will, an infinitive ("S is eager to V") (task 6N2, [`read_adjective`]).
//!
//! Where the parse leaves a verb without a source or a content (task 6L): a participle clause
//! of its own ("Asked whether C, …", "when asked about C", "As reported by S, C") is read as
//! an agentless passive (its `by` agent as source); "went on to say C" is read from "say",
//! with the cue from "went"; a verb hung on the noun before it with an object or a clause
//! ("Muslim advocates hailed the nomination") takes that noun as source, and one with no
//! subject at all the noun phrase just before it, for a clausal content only; a `with`
//! oblique is the last prepositional content ("sided with C"), and "that" or a colon right
//! after the verb opens a content running to the sentence's end when the parse hung the
//! clause elsewhere.
//!
//! A verb the classifier is sure of (p ≥ 0.5, an infinitive 0.7) that no frame reads is read
//! loosely (task 6N, [`fallback`]): the subject the parse offers (or the subject of the verb an
//! infinitive of purpose hangs on, "took to Twitter to say C", or the noun phrase before it,
//! or none) and what follows it in its subtree, else the clause it is tacked on to. A phrasal
//! verb's particle is part of its cue ("laid out C"). With the draft judge on (task 6AM), a
//! verb from p 0.3 (an infinitive 0.5) is read loosely too, and below the bars its draft is
//! kept when the judge, which sees it on the route "loose", gives it at least
//! [`MIN_LOOSE_DRAFT`](judge::MIN_LOOSE_DRAFT) and its content holds no word the classifier
//! gives more ("The coach came out to defend his decision to rest the captain"); the judge
//! is trained on these drafts (they were not read while collecting before).
//!
//! Polls and findings (task 6V): the "in" of a single poll or survey is a cue with the poll
//! for source and the clause it is an adjunct of for content ("Clinton held a 24-point lead in
//! a CNN poll", [`read_poll`]); "show"/"find"/"suggest"/"indicate"/"reveal" with a document
//! for subject is read whatever the classifier says ("A poll showed Clinton ahead"), also when
//! the tagger took it for a noun ("The latest poll shows S leading", [`read_finding`]); and so
//! is "endorsed"/"supported" with a name for object ("The union endorsed Sanders").
//!
//! Cues the classifier never sees (task 6AK): "in" + a third person's view, words, mind …
//! ("In Ash's view, C", "in the words of S, C", [`read_viewpoint`]), and a headline's verb
//! the tagger took for a name ("Harbour Union Endorses Velez", [`read_headline`]), read like
//! the poll's "in", for tokens outside every draft.
//!
//! Asides and stance nouns (task 6AA, [`aside`], [`stance_noun`]): an "-ing" participle right
//! after a comma inside another draft's content is read as a report of its own when the
//! classifier gives it at least 0.3, with the enclosing report's speaker for source ("The
//! mayor said C, suggesting C2"); "attacks on
//! X", "criticism of X" and "questions about X" are read with their holder (possessor, `by`
//! nominal or the subject of the verb carrying them) whatever the classifier says.
//!
//! Nested reports (task 6AI, [`sure_nested`]): a verb inside another draft's content that the
//! classifier gives at least 0.9, no infinitive, is read by the frames above (not loosely, and
//! without the judge's rescue) and nested in the outer claim ("The mayor said C1, although the
//! board grumbled that C2").
//!
//! Infinitives ("decided to release") are no cues by themselves, but for the loose reading and
//! under a verb of control or aspect (task 6AF, [`controller`]): "The mayor began to say C",
//! "S refused to deny C", "S is expected to announce C", "S has yet to explain why C" are read
//! from the infinitive with the cue from the controller and the controller's subject (a
//! passive's too) for source, as "went on to say C" is.
//!
//! Spans are whole subtrees, so a source keeps its appositions and relative clauses, and a
//! content its "that".

use byline_lexicon::cues::CueClass;
use byline_nlp::Upos;

use super::claims::{Content, Draft};
use super::cuemodel::CueView;
use super::judge::{self, Frame};
use super::{agent, head, kids, rel, upos, Work};

/// A verb is read as a cue when the trained classifier (`cue-model.tsv`) gives it at least this
/// probability (chosen on PolNeAR dev) …
const MIN_VERB: f32 = 0.3;
/// … and a noun at least this one.
const MIN_NOUN: f32 = 0.6;
/// A cue followed by a content that has no verb ("rejected the offer", "questions about the
/// deal") needs
/// this much. It was 0.7 (dev F1 flat from 0 to 0.7 while cue precision rose 0.822 → 0.868);
/// since the loose reading (session g) 0.6 pays by 5-fold cross-validation on PolNeAR train
/// (cues 0.753 → 0.759, sources 0.767 → 0.771) and on dev (0.797 → 0.799); 0.5 loses on dev.
/// With the draft judge on, a verbless draft above the verb (noun) threshold but below this one
/// is kept when the judge trusts it (task 6AC: cross-validated cues 0.765 → 0.769, sources
/// 0.777 → 0.781; lowering this gate for all drafts gained as much in the folds but lost on
/// dev).
const MIN_NOMINAL: f32 = 0.6;

/// A parse-read draft at a verb whose content holds a verb (not nested in another draft) is
/// kept when `BLEND_P · p + (1 − BLEND_P) · j ≥ MIN_BLEND`, `p` being the token classifier's
/// probability and `j` the draft judge's (task 6AP). It replaces "p ≥ [`MIN_VERB`] or j ≥ the
/// judge's 0.45" for these drafts: the bar on the judge slides with `p` (j ≥ 0.85 − 1.5 p: 0.4
/// at p 0.3, 0.55 at p 0.2, none from p 0.57), so a verb just above `MIN_VERB` whose draft the
/// judge doubts is dropped and a judged addition needs more the less likely its word. Chosen by 5-fold cross-validation on PolNeAR train (the drafts
/// it drops were right 29 % of the time; cues .7769 → .7781, sources .7887 → .7892) and kept
/// as it did not lose on dev (docs/attribution.md, 6AP). Verbless contents, nouns and nested
/// drafts keep the separate bars.
const BLEND_P: f32 = 0.6;
/// … see [`BLEND_P`].
const MIN_BLEND: f32 = 0.34;

/// Whether a verb whose content holds a verb is kept, the classifier giving it `p` and the
/// judge its draft `j` (see [`BLEND_P`]).
fn blend_keeps(p: f32, j: f32) -> bool {
    BLEND_P * p + (1.0 - BLEND_P) * j >= MIN_BLEND
}

/// A verb no frame reads is read loosely ([`fallback`]) from this probability on (chosen by
/// 5-fold cross-validation on PolNeAR train: 0.4 added cues right 42 % of the time, 0.5 70 %)
/// …
const MIN_LOOSE: f32 = 0.5;
/// … and an infinitive ("took to Twitter to say C") from this one (65 % right at 0.7 in the
/// folds, about half on dev at 0.5).
const MIN_LOOSE_INFINITIVE: f32 = 0.7;

/// Relative pronouns: a subject that stands for the noun its clause hangs on.
const RELATIVE: &[&str] = &["that", "which", "who", "whom"];

/// Prepositions that introduce what a verb is about ("complained about", "spoke of").
const ABOUT: &[&str] = &["about", "for", "of", "on", "over"];

/// Prepositions that introduce what a verb aims at ("railed against", "pointed to").
const TOWARDS: &[&str] = &["against", "at", "to", "toward", "towards"];

/// Verbs whose subject is the target, not the source, of the noun cue they take ("the
/// operator faced questions about C", "drew criticism for C").
const TARGETED: &[&str] = &["attract", "draw", "face", "receive"];

/// The drafts the parse yields for the verbs and nouns outside every existing draft that the
/// cue classifier takes for cues.
///
/// Words inside a quote or inside another draft's content are no candidates, but for a verb
/// that continues a draft's cue as the same speaker's second report ("…, even suggesting
/// C") and a verb the classifier is sure of ([`MIN_NESTED`], no infinitive, read by a frame
/// and kept by the thresholds alone: "S said C1, although T grumbled that C2", task 6AI),
/// which is nested in the outer claim: PolNeAR gives each word to one attribution only (none
/// of the 2,192 dev cues lies inside a content), and judging them all, with a threshold of
/// their own or a retrained classifier, lowered dev F1 (docs/attribution.md).
pub(crate) fn find(w: &Work, drafts: &[Draft]) -> Vec<Draft> {
    let taken = taken_tokens(w, drafts);
    let mut cues = vec![false; w.toks.len()];
    for d in drafts {
        cues[d.cue.0..d.cue.1].iter_mut().for_each(|x| *x = true);
    }
    let view = CueView::new(w);
    // With a draft judge, every candidate above its floor is read and the judge decides on the
    // whole draft; without one, the classifier's thresholds decide on the word.
    let judged = judge::active();
    judge::log_surface(w, drafts);
    let around = judge::Around::new(w, drafts, |i| if judged { view.score(w, i) } else { 0.0 });
    let mut out: Vec<Draft> = Vec::new();
    for (i, (t, &used)) in w.toks.iter().zip(&taken).enumerate() {
        let Some(syn) = &t.syn else { continue };
        if t.quote.is_some() {
            continue;
        }
        if !used {
            if let Some(d) = read_predicate(w, i) {
                if !out.iter().any(|d| inside_draft(w, d, i)) {
                    out.push(d);
                }
                continue;
            }
        }
        if !matches!(syn.upos, Upos::Verb | Upos::Noun) {
            continue;
        }
        // "A CNN poll showed Clinton ahead", "a study found C", "S endorsed Clinton" (task
        // 6V): read whatever the classifier and the verbless gate say (not inside another
        // draft's source: "S, who has endorsed Clinton, said C" is right 3 times in 11).
        let framed = || documented(w, i) || endorsed(w, i);
        if !used && !judge::collecting() && framed() && !out.iter().any(|d| inside_draft(w, d, i)) {
            if let Some(d) = read(w, i, &cues, &view)
                .map(|(d, _)| d)
                .or_else(|| fallback(w, i, &cues))
            {
                out.push(d);
                continue;
            }
        }
        // Cues read by their frame past the classifier (task 6AA): an aside inside another
        // draft's content ("…, suggesting C2"), a stance noun with its holder ("his attacks on
        // X"). The word is tested first, so the drafts are searched only for the few it fits.
        let (aside_word, stance_word) = (is_aside_word(w, i), stance_prep(w, i).is_some());
        if (aside_word || stance_word)
            && !judge::collecting()
            && !drafts.iter().chain(&out).any(|d| in_cue_or_sources(d, i))
        {
            let inside = used || out.iter().any(|d| inside_draft(w, d, i));
            let d = if aside_word {
                inside
                    .then(|| aside(w, drafts, &out, &cues, &view, i))
                    .flatten()
            } else {
                (!inside).then(|| stance_noun(w, i)).flatten()
            };
            if let Some(d) = d {
                out.push(d);
                continue;
            }
        }
        // A sure verb inside another draft's content (not its cue or sources) is read as a
        // nested report of its own (task 6AI, [`MIN_NESTED`]).
        let mut nested = false;
        if used && !second_report(w, drafts, &cues, i) {
            if !in_content_only(w, drafts, i) || judge::collecting() {
                continue;
            }
            nested = true;
        }
        let least = if syn.upos == Upos::Noun {
            MIN_NOUN
        } else {
            MIN_VERB
        };
        let p = match around.prob(i) {
            Some(p) if judged => p,
            _ => view.score(w, i),
        };
        let floor = if judged { judge::FLOOR } else { least };
        if p < floor {
            continue;
        }
        if out.iter().any(|d| inside_draft(w, d, i)) {
            if !in_content_only(w, &out, i) || judge::collecting() {
                continue;
            }
            nested = true;
        }
        if nested && !sure_nested(w, i, p) {
            continue;
        }
        let Some((d, frame)) = read(w, i, &cues, &view) else {
            if nested {
                continue;
            }
            // A verb the classifier is sure of that no frame reads: the loose reading. With the
            // judge, a verb from `LOOSE_FLOOR` is a candidate of the route "loose" (task 6AM).
            let collecting = judge::collecting();
            let (lo, lo_inf) = if judged {
                (LOOSE_FLOOR, LOOSE_FLOOR_INFINITIVE)
            } else {
                (MIN_LOOSE, MIN_LOOSE_INFINITIVE)
            };
            if syn.upos == Upos::Verb && p >= lo.min(lo_inf) && (!collecting || judged) {
                let (floor, bar) = if infinitive(w, i) {
                    (lo_inf, MIN_LOOSE_INFINITIVE)
                } else {
                    (lo, MIN_LOOSE)
                };
                if let Some(d) = fallback(w, i, &cues).filter(|_| p >= floor) {
                    let nominal =
                        verbless(w, &d) && matches!(d.content, Content::Tokens(a, _) if a > i);
                    let classic = p >= bar && !(nominal && p < MIN_NOMINAL);
                    let route = judge::Route::Loose;
                    let kept = if collecting {
                        judge::verdict(w, &d, i, Frame::Loose, p, &around, route).0
                    } else {
                        classic
                            || (judged
                                && !surer_inside(&around, &d, p)
                                && judge::verdict(w, &d, i, Frame::Loose, p, &around, route).0)
                    };
                    // While collecting, only what the thresholds keep is kept, as at run time.
                    if kept && (!collecting || classic) {
                        out.push(d);
                    }
                    continue;
                }
            }
            continue;
        };
        // A cue followed by a content without a verb ("rejected the offer"); a passive
        // subject before its verb ("The plan was mocked by S") is spared.
        let verbless = verbless(w, &d);
        let nominal = verbless && matches!(d.content, Content::Tokens(a, _) if a > i);
        let classic = p >= least && !(nominal && p < MIN_NOMINAL);
        if judged {
            // The judge adds to the thresholds (but for the blend below): a draft they keep
            // stays, and one they drop is kept when the judge is sure enough of it and its
            // content holds a verb (the verbless ones it adds are mostly actions: "filed his
            // resignation"). Judging alone, or verbless additions too, lowered dev source F1 or
            // gold claims F1 (docs/attribution.md, 6H).
            //
            // The verbless gate defers to the judge (task 6AC): a draft above the verb or noun
            // threshold whose content has no verb is kept below `MIN_NOMINAL` when the judge
            // trusts it ("The union shared its worries about the quay").
            // The judge sees a verbless draft below the word's threshold on a route of its
            // own (task 6AM); it is not kept (below).
            let route = if verbless && p < least {
                judge::Route::Verbless
            } else {
                judge::Route::Ordinary
            };
            let (kept, j) = judge::verdict(w, &d, i, frame, p, &around, route);
            // A nested draft is kept by the thresholds alone.
            let trusted = kept && (!verbless || (nominal && p >= least)) && !nested;
            // A verb whose content holds a verb is decided on the classifier's and the judge's
            // probabilities together (task 6AP, [`BLEND_P`], [`MIN_BLEND`]).
            let take = if syn.upos == Upos::Verb && !verbless && !nested {
                blend_keeps(p, j)
            } else {
                classic || trusted
            };
            if judge::collecting() {
                out.push(d);
            } else if take {
                out.push(controlled(w, i, &cues, &view).unwrap_or(d));
            }
            continue;
        }
        if !classic {
            continue;
        }
        out.push(controlled(w, i, &cues, &view).unwrap_or(d));
    }
    // "Clinton held a 24-point lead in a CNN poll": the poll is the source (task 6V). The
    // readers test the word first, so the drafts are searched only for the few they read.
    for (i, &used) in taken.iter().enumerate() {
        if used || w.toks[i].quote.is_some() {
            continue;
        }
        let Some(d) = read_poll(w, i)
            .or_else(|| read_finding(w, i))
            .or_else(|| read_viewpoint(w, i))
            .or_else(|| read_headline(w, i))
        else {
            continue;
        };
        if !drafts.iter().chain(&out).any(|o| inside_draft(w, o, i)) {
            let (a, b) = d.bytes(w);
            let holds_cue = drafts
                .iter()
                .chain(&out)
                .any(|o| (o.cue.0..o.cue.1).any(|k| a <= w.toks[k].start && w.toks[k].end <= b));
            if !holds_cue {
                out.push(d);
            }
        }
    }
    out
}

/// True when token `i` is part of draft `d`'s cue or of one of its sources.
fn in_cue_or_sources(d: &Draft, i: usize) -> bool {
    (d.cue.0..d.cue.1).contains(&i) || d.sources.iter().any(|s| (s.0..s.1).contains(&i))
}

/// True when token `i` has the shape of an aside: an "-ing" verb right after a comma.
fn is_aside_word(w: &Work, i: usize) -> bool {
    let sent = w.sentence_of(i);
    w.toks[i]
        .syn
        .as_ref()
        .is_some_and(|s| s.upos == Upos::Verb && w.word(i).ends_with("ing"))
        && i > sent.start
        && w.word(i - 1) == ","
}

/// An "-ing" participle after a comma that the classifier gives this much is read inside
/// another draft's content ("S said C, suggesting C2"; chosen by 5-fold cross-validation on
/// PolNeAR train, task 6AA).
const MIN_ASIDE: f32 = 0.3;

/// The draft of an aside at verb `i` (task 6AA; [`is_aside_word`], inside another draft's
/// content): an "-ing" participle right after a comma that the classifier gives at least
/// [`MIN_ASIDE`] ("S said C, suggesting that C2"; a verbless content needs `MIN_NOMINAL`). PolNeAR reads it as
/// an attribution of its own. Its source is the enclosing draft's ("S said C, suggesting C2":
/// S), else the parse's. ("referring to X" read anywhere was right 4 times in 12 once it took
/// the enclosing speaker: left to the classifier.)
fn aside(
    w: &Work,
    drafts: &[Draft],
    out: &[Draft],
    cues: &[bool],
    view: &CueView,
    i: usize,
) -> Option<Draft> {
    let p = view.score(w, i);
    if p < MIN_ASIDE {
        return None;
    }
    let mut d = read(w, i, cues, view)
        .map(|(d, _)| d)
        .or_else(|| fallback(w, i, cues))?;
    let nominal = verbless(w, &d) && matches!(d.content, Content::Tokens(a, _) if a > i);
    if nominal && p < MIN_NOMINAL {
        return None;
    }
    // The speaker of the report whose content holds the aside (the latest such draft).
    let (a, b) = (w.toks[i].start, w.toks[i].end);
    let outer = drafts.iter().chain(out).rev().find(|o| {
        let (x, y) = o.bytes(w);
        x <= a && b <= y && !o.sources.is_empty()
    });
    if let Some(o) = outer {
        let (ca, cb) = match d.content {
            Content::Tokens(ca, cb) => (ca, cb),
            Content::Quote(_) => (i, i),
        };
        // Only when the speaker lies outside the aside's own cue and content.
        let clear = o
            .sources
            .iter()
            .all(|s| s.1 <= d.cue.0.min(ca) || s.0 >= d.cue.1.max(cb));
        if clear {
            d.sources.clone_from(&o.sources);
        }
    }
    Some(d)
}

/// Nouns of an attack, a criticism or a question, with the preposition of what they are
/// about ("attacks on X", "criticism of X", "questions about X"): PolNeAR marks them as cues
/// when their holder is named ("his attacks on X", "the union's criticism of X", "S raised
/// questions about X"), right 28 times in 44 in 5-fold cross-validation on its train split
/// (task 6AA). "support for X" (2 in 14) and "view of X" are left to the classifier.
const STANCE_NOUNS: &[(&str, &str)] =
    &[("attack", "on"), ("criticism", "of"), ("question", "about")];

/// The preposition of token `n` if it is a stance noun ([`STANCE_NOUNS`]).
fn stance_prep(w: &Work, n: usize) -> Option<&'static str> {
    let syn = w.toks[n].syn.as_ref()?;
    if syn.upos != Upos::Noun {
        return None;
    }
    STANCE_NOUNS
        .iter()
        .find(|(l, _)| *l == syn.lemma)
        .map(|&(_, prep)| prep)
}

/// The draft of stance noun `n` ([`STANCE_NOUNS`]) with its preposition's nominal after it and
/// a source (its possessor, its `by`/`from` nominal or the subject of the verb carrying it),
/// whatever the classifier says (task 6AA).
fn stance_noun(w: &Work, n: usize) -> Option<Draft> {
    let prep = stance_prep(w, n)?;
    let sent = w.sentence_of(n);
    kids(w, &sent, n)
        .any(|k| k > n && rel(w, k) == "nmod" && led_by(w, &sent, k, "case", &[prep]))
        .then(|| read_noun(w, n, &sent))
        .flatten()
        .filter(|d| !d.sources.is_empty())
}

/// Verbs by which a poll, a study or records state what they found ("a poll showed C").
const FINDINGS: &[&str] = &["find", "indicate", "reveal", "show", "suggest"];

/// True when verb `v` is a finding ([`FINDINGS`]) whose subject is a document ("A CNN poll
/// showed C", "polls that show C", "a new survey showing C", "C, records show"): a document
/// word of `documents.tsv`, by its form or its lemma ("studies").
fn documented(w: &Work, v: usize) -> bool {
    let Some(syn) = w.toks[v].syn.as_ref() else {
        return false;
    };
    if syn.upos != Upos::Verb || !super::is_in(FINDINGS, &syn.lemma) {
        return false;
    }
    let sent = w.sentence_of(v);
    let subject = kids(w, &sent, v).find(|&k| rel(w, k) == "nsubj");
    let noun = match subject {
        Some(s) if super::is_in(RELATIVE, w.word(s)) => syn.head,
        Some(s) => Some(s),
        // "a new poll showing C".
        None if syn.deprel == "acl" => syn.head,
        None => None,
    };
    noun.and_then(|n| w.toks[n].syn.as_ref().map(|s| (n, s)))
        .is_some_and(|(n, s)| {
            matches!(s.upos, Upos::Noun | Upos::Propn)
                && (w.cues.is_document(w.word(n)) || w.cues.is_document(&s.lemma))
        })
}

/// Past forms of verbs of support that PolNeAR marks as a cue when a person or a group is their
/// object ("S endorsed Clinton": right 50 times in 64 on PolNeAR train, "supported" 18 in 33;
/// the present "support" 7 in 62, "supporting" 27 in 67, "backed" 10 in 27).
const ENDORSED: &[&str] = &["endorsed", "endorses", "supported"];

/// True when verb `v` is a past act of support ([`ENDORSED`]) with a name for its object ("The
/// union, which endorsed Clinton in November", "Pate supported Charlie Crist") and a subject (task
/// 6V).
fn endorsed(w: &Work, v: usize) -> bool {
    let Some(syn) = w.toks[v].syn.as_ref() else {
        return false;
    };
    if syn.upos != Upos::Verb || !super::is_in(ENDORSED, w.word(v)) {
        return false;
    }
    let sent = w.sentence_of(v);
    let subject = kids(w, &sent, v).any(|k| rel(w, k) == "nsubj");
    let named = kids(w, &sent, v).any(|k| {
        k > v
            && rel(w, k) == "obj"
            && w.toks[k]
                .syn
                .as_ref()
                .is_some_and(|s| s.upos == Upos::Propn)
    });
    subject && named
}

/// Forms of [`FINDINGS`] the tagger may take for a plural noun after a document ("poll shows").
const FINDING_FORMS: &[&str] = &[
    "finds",
    "found",
    "indicate",
    "indicates",
    "revealed",
    "reveals",
    "show",
    "showed",
    "shows",
    "suggest",
    "suggested",
    "suggests",
];

/// Plurals and mass nouns of findings that `documents.tsv` does not list (general English).
const FINDING_NOUNS: &[&str] = &[
    "polling", "polls", "research", "results", "studies", "surveys",
];

/// The draft of a finding right after a document noun, whatever the parse made of it (task
/// 6V): "The latest Rasmussen Reports poll shows Trump leading C" (read by the tagger as the
/// compound "poll shows"), "C, a Quinnipiac University poll shows." The source is the noun
/// phrase ending in the document (determiners, adjectives, nouns, names, numbers), the content
/// the rest of the sentence, or for a finding that ends it, the clause before the comma.
fn read_finding(w: &Work, v: usize) -> Option<Draft> {
    if !super::is_in(FINDING_FORMS, w.word(v)) {
        return None;
    }
    let sent = w.sentence_of(v);
    let mut n = v.checked_sub(1).filter(|&k| k >= sent.start)?;
    if matches!(w.word(n), "also" | "now") {
        n = n.checked_sub(1).filter(|&k| k >= sent.start)?;
    }
    let word = w.word(n);
    let lemma = super::lemma(w, n);
    if !(w.cues.is_document(word) || w.cues.is_document(lemma) || super::is_in(FINDING_NOUNS, word))
    {
        return None;
    }
    let mut a = n;
    while a > sent.start {
        let k = a - 1;
        let joint = matches!(w.word(k), "/" | "-" | "'s" | "\u{2019}s");
        let nominal = !w.toks[k].punct
            && w.toks[k].syn.as_ref().is_some_and(|s| {
                matches!(
                    s.upos,
                    Upos::Det | Upos::Adj | Upos::Noun | Upos::Propn | Upos::Num
                )
            });
        if !(joint || nominal) {
            break;
        }
        a = k;
    }
    let (_, end) = trim(w, (v + 1, sent.end));
    let content = if end > v + 1 {
        (v + 1, end)
    } else if a > sent.start && w.word(a - 1) == "," {
        (sent.start, a - 1)
    } else {
        return None;
    };
    draft(w, v, Some((a, n + 1)), content)
}

/// Nouns of a poll whose "in" phrase reports its figures ("led by 9 points in a CNN poll").
const POLLS: &[&str] = &["poll", "survey"];

/// The draft of a poll's "in" at `i` (task 6V): "Clinton held a 24-point lead in a CNN poll",
/// "In the latest survey, 71 percent approved of C". PolNeAR takes "in" for the cue, the poll's
/// noun phrase for the source and the clause it is an adjunct of for the content. Only a single
/// poll is read: "leads in the polls" and "in national polls" are mostly not annotated (right
/// 29 times in 188 on PolNeAR train, a single poll 26 in 41 when its clause reports nothing
/// else).
fn read_poll(w: &Work, i: usize) -> Option<Draft> {
    if w.word(i) != "in" || rel(w, i) != "case" {
        return None;
    }
    let sent = w.sentence_of(i);
    let p = head(w, i)?;
    if !super::is_in(POLLS, w.word(p)) || !matches!(rel(w, p), "obl" | "nmod") {
        return None;
    }
    // The predicate the phrase belongs to: up through the nouns it modifies ("a lead in C").
    let mut h = head(w, p)?;
    for _ in 0..4 {
        let s = w.toks[h].syn.as_ref()?;
        if !matches!(s.upos, Upos::Noun | Upos::Propn | Upos::Num | Upos::Pron) {
            break;
        }
        if matches!(s.deprel, "nsubj" | "nsubj:pass") {
            // "voters in the poll were undecided".
            return None;
        }
        h = s.head?;
    }
    // "the voters surveyed in the poll", "all of whom participated in this survey".
    if rel(w, h) == "acl" || w.toks[h].syn.as_ref()?.lemma == "participate" {
        return None;
    }
    let (pa, pb) = w.subtree(p, &sent);
    let source = (i + 1, pb);
    let (ca, cb) = w.subtree(h, &sent);
    // The clause without the poll's phrase: the longer side of it.
    let content = if pa - ca.min(pa) >= cb.saturating_sub(pb) {
        (ca, pa)
    } else {
        (pb, cb)
    };
    if content.1 <= content.0 {
        return None;
    }
    let mut d = draft(w, i, Some(source), content)?;
    d.class = CueClass::Report;
    Some(d)
}

/// Words after which a capitalised "-s" word is a plural noun ("The Faces", "Got More Votes",
/// "the United States").
const HEADLINE_NOMINAL: &[&str] = &[
    "a", "an", "her", "his", "its", "more", "most", "my", "our", "the", "their", "united", "your",
];

/// Words that open a condition or a question in a headline ("If Obama Says It, …").
const HEADLINE_OPENERS: &[&str] = &["how", "if", "what", "when", "where", "whether", "why"];

/// A headline's reporting verb the tagger took for a name or a noun (task 6AK): in a title-case
/// sentence ("Harbour Union Endorses Velez For Mayor"), a capitalised word in "-s" that the
/// verb lexicon (`verbs.tsv`) lists, or whose lemma is a cue at least half the time in
/// `learnt.tsv`, is the cue, the capitalised words before it the source
/// and the rest of the sentence the content (41 of 60 such words are gold cues on PolNeAR
/// train by surface count, most of them read already when tagged as verbs).
fn read_headline(w: &Work, v: usize) -> Option<Draft> {
    let up = w.toks[v].syn.as_ref()?.upos;
    if !matches!(up, Upos::Propn | Upos::Noun) {
        return None;
    }
    let word = w.word(v);
    if !word.ends_with('s') || word.ends_with("ss") {
        return None;
    }
    // A reporting verb of the lexicon, or a lemma ("endorse", "slam") that PolNeAR train marks
    // as a cue at least half the time it is a verb (`learnt.tsv`).
    let learnt = |lemma: &str| {
        w.cues
            .learnt(lemma, "VERB")
            .is_some_and(|l| l.total >= 5 && l.precision() >= 0.5)
    };
    let stem = &word[..word.len() - 1];
    if w.cues.verb(word).is_none() && !learnt(stem) && !stem.strip_suffix('e').is_some_and(learnt) {
        return None;
    }
    let capital = |k: usize| w.span_text(k, k + 1).starts_with(char::is_uppercase);
    if !capital(v) {
        return None;
    }
    let sent = w.sentence_of(v);
    // Title case: most longer words capitalised.
    let long: Vec<usize> = sent
        .clone()
        .filter(|&k| !w.toks[k].punct && w.word(k).chars().count() > 3)
        .collect();
    if long.len() < 3 || long.iter().filter(|&&k| capital(k)).count() * 5 < long.len() * 4 {
        return None;
    }
    let (a, _) = trim(w, (sent.start, v));
    if a >= v
        || super::is_in(HEADLINE_NOMINAL, w.word(v - 1))
        || super::is_in(HEADLINE_OPENERS, w.word(a))
        || (a..v)
            .any(|k| !w.toks[k].punct && !capital(k) && !matches!(w.word(k), "'s" | "\u{2019}s"))
    {
        return None;
    }
    draft(w, v, Some((a, v)), (v + 1, sent.end))
}

/// Nouns of a point of view that an "in" phrase with a holder turns into a cue ("in Ash's
/// view", "in the words of an adviser"; general English). "eyes" only with an "of" holder:
/// "tears in their eyes" is no view.
const VIEW_NOUNS: &[&str] = &[
    "assessment",
    "estimation",
    "eyes",
    "judgment",
    "mind",
    "opinion",
    "view",
    "words",
];

/// A viewpoint adjunct at `i` (task 6AK), a cue the classifier never sees since it is no noun
/// or verb: "in" + a third person's view, mind, opinion, words … ("In Ash's view, the change
/// would C", "C, in the view of many of us"). The cue runs from "in" to the view noun, the
/// possessor or the "of" nominal is the source, the clause without the phrase the content.
/// "in my view" is left out (inside quotes, where nothing is read, and unannotated elsewhere).
/// A sentence-initial "To S, C" was measured and dropped: right 7 times in 25 held out,
/// PolNeAR's copies of an article mark it in one copy of four.
fn read_viewpoint(w: &Work, i: usize) -> Option<Draft> {
    if w.word(i) != "in" || rel(w, i) != "case" {
        return None;
    }
    let sent = w.sentence_of(i);
    let n = head(w, i)?;
    if n <= i || !matches!(rel(w, n), "obl" | "nmod") {
        return None;
    }
    let h = head(w, n)?;
    let (na, nb) = w.subtree(n, &sent);
    let (ha, hb) = w.subtree(h, &sent);
    if !super::is_in(VIEW_NOUNS, w.word(n)) {
        return None;
    }
    // "who in their right mind", "in the very words".
    if kids(w, &sent, n).any(|k| matches!(w.word(k), "right" | "very")) {
        return None;
    }
    let holder = kids(w, &sent, n).find(|&k| {
        (rel(w, k) == "nmod:poss"
            && !matches!(w.word(k), "my" | "our" | "your" | "its")
            && w.word(n) != "eyes")
            || (rel(w, k) == "nmod"
                && kids(w, &sent, k).any(|c| rel(w, c) == "case" && w.word(c) == "of"))
    })?;
    let (sa, sb) = w.subtree(holder, &sent);
    // The possessor keeps its "'s"; an "of" nominal drops its "of".
    let source = if rel(w, holder) == "nmod" {
        (sa + 1, sb)
    } else {
        (sa, sb)
    };
    // The clause without the phrase: the longer side of it.
    let content = if na - ha.min(na) >= hb.saturating_sub(nb) {
        (ha, na)
    } else {
        (nb, hb)
    };
    let content = trim(w, content);
    if content.1 <= content.0 + 1 || !super::any_verb(w, content.0, content.1) {
        return None;
    }
    let (sa, sb) = trim(w, source);
    if sb <= sa {
        return None;
    }
    // The cue runs from "in" to the view noun: PolNeAR marks either end ("In", "'s view").
    Some(Draft::new(
        Content::Tokens(content.0, content.1),
        (i, n + 1),
        CueClass::Belief,
        vec![(sa, sb)],
    ))
}

/// The loose reading of a verb the classifier takes for a cue but no frame reads ("Sanders,
/// who sits at zero endorsements, said C", "Clinton took to Twitter to say C", "delegates
/// formally nominating S"): the source is the subject the parse gives it (up coordination and
/// control chains) or the noun phrase right before it, else none; the content is what follows
/// the verb in its own subtree (its clause, object or oblique), else the clause it is tacked
/// on to before it ("C, experts say").
fn fallback(w: &Work, v: usize, cues: &[bool]) -> Option<Draft> {
    let sent = w.sentence_of(v);
    let kids = |h: usize| kids(w, &sent, h);
    let rel = |k: usize| rel(w, k);
    // A verb hanging on a cue read before ("said, adding C") is that report's.
    if w.toks[v].syn.as_ref()?.head.is_some_and(|h| cues[h]) {
        return None;
    }
    // "Fishermen took to the radio to say C": an infinitive of purpose reports for the
    // subject of the verb it hangs on.
    let purpose = || {
        let h = head(w, v).filter(|&h| h < v)?;
        (infinitive(w, v) && matches!(rel(v), "advcl" | "xcomp"))
            .then(|| source_of(w, h, &sent))
            .flatten()
    };
    let source = source_of(w, v, &sent)
        .or_else(purpose)
        .or_else(|| subject_before(w, &sent, v));
    // What follows the verb in its subtree, from its first dependent after it that is no
    // adverb, particle or punctuation, up to the end of its last such dependent (a
    // coordinated clause ", and …" is left out).
    let after: Vec<usize> = kids(v)
        .filter(|&k| {
            k > v
                && !matches!(
                    rel(k),
                    "punct"
                        | "advmod"
                        | "compound:prt"
                        | "conj"
                        | "cc"
                        | "parataxis"
                        | "aux"
                        | "cop"
                )
        })
        .collect();
    let content = if let (Some(&first), Some(&last)) = (after.first(), after.last()) {
        let (a, _) = w.subtree(first, &sent);
        let (_, b) = w.subtree(last, &sent);
        Some((a.max(v + 1), b))
    } else {
        // "C, experts say": the clause it hangs on, before its own subtree (not a noun a
        // participle modifies: "the issue discussed").
        let h = head(w, v)?;
        let clause = w.toks[h]
            .syn
            .as_ref()
            .is_some_and(|s| !matches!(s.upos, Upos::Noun | Upos::Propn | Upos::Pron));
        let (ha, _) = w.subtree(h, &sent);
        let (va, _) = w.subtree(v, &sent);
        (clause && h < v && ha < va).then_some((ha, va))
    };
    let (a, b) = content?;
    // A content opened by an auxiliary ("issue discussed was C") is no dependent of the cue.
    let aux = (a..b)
        .find(|&k| !w.toks[k].punct)
        .and_then(|k| w.toks[k].syn.as_ref())
        .is_some_and(|s| s.upos == Upos::Aux);
    if aux || (a..b).any(|k| cues[k]) {
        return None;
    }
    let mut d = draft(w, v, source, (a, b))?;
    // PolNeAR's cue of an infinitive holds its "to" ("took to Twitter to say").
    if v > sent.start && w.word(v - 1) == "to" && rel(v - 1) == "mark" {
        d.cue.0 = v - 1;
    }
    Some(d)
}

/// True when draft `d`'s content is tokens without a verb (a quote is never verbless).
fn verbless(w: &Work, d: &Draft) -> bool {
    match d.content {
        Content::Tokens(a, b) => !super::any_verb(w, a, b),
        Content::Quote(_) => false,
    }
}

/// True when verb `i`, inside another draft's content, continues that draft's cue as a second
/// report of the same speaker ("S complained about C1, even suggesting C2", "S said C1 and
/// urged C2"): PolNeAR annotates it as an attribution of its own.
fn second_report(w: &Work, drafts: &[Draft], cues: &[bool], i: usize) -> bool {
    let Some(syn) = &w.toks[i].syn else {
        return false;
    };
    syn.upos == Upos::Verb
        && matches!(syn.deprel, "advcl" | "conj")
        && syn.head.is_some_and(|h| cues[h])
        && !drafts.iter().any(|d| in_cue_or_sources(d, i))
}

/// Tokens already part of a draft (its cue, its sources and its content) or of a notice phrase
/// ("declined to comment" is a notice, not a claim).
fn taken_tokens(w: &Work, drafts: &[Draft]) -> Vec<bool> {
    let mut taken = vec![false; w.toks.len()];
    for d in drafts {
        for (i, x) in taken.iter_mut().enumerate() {
            if inside_draft(w, d, i) {
                *x = true;
            }
        }
    }
    for i in 0..w.toks.len() {
        for p in w.cues.notices() {
            let matches = p
                .words
                .iter()
                .enumerate()
                .all(|(k, pw)| w.toks.get(i + k).is_some_and(|t| t.lower == *pw));
            if matches {
                taken[i..i + p.words.len()]
                    .iter_mut()
                    .for_each(|x| *x = true);
            }
        }
    }
    taken
}

/// A verb inside another draft's content is read as a nested report of its own when the
/// classifier gives it at least this much (task 6AI; 5-fold cross-validation on PolNeAR train
/// and dev: at 0.5 the nested drafts were right 63 % of the time held out on train but 13 % on
/// dev, at 0.9 77 % and 45 %).
const MIN_NESTED: f32 = 0.9;

/// True when token `i` lies inside the content of one of `drafts` and in none's cue or
/// sources.
fn in_content_only(w: &Work, drafts: &[Draft], i: usize) -> bool {
    let t = &w.toks[i];
    !drafts.iter().any(|d| in_cue_or_sources(d, i))
        && drafts.iter().any(|d| {
            let (a, b) = d.bytes(w);
            a <= t.start && t.end <= b
        })
}

/// True when the word `i` inside another draft's content, of classifier probability `p`, may
/// be read as a nested report (task 6AI): a verb the classifier is sure of
/// ([`MIN_NESTED`]), no infinitive ("asked the candidates to discuss C", "decided not to
/// recommend C" report nothing of their own there).
fn sure_nested(w: &Work, i: usize, p: f32) -> bool {
    let verb = w.toks[i].syn.as_ref().is_some_and(|s| s.upos == Upos::Verb);
    let to_before = i > 0 && w.word(i - 1) == "to";
    verb && p >= MIN_NESTED && !infinitive(w, i) && !to_before
}

/// The draft of a verb of control `i` kept as a cue, when a frame reads the infinitive it
/// controls as a report ("The mayor began to say C", "S has yet to explain why C"): that
/// reading, whose cue runs from `i` to the infinitive and whose content is the infinitive's
/// (task 6AF), when the infinitive is a likely cue ([`MIN_VERB`]) with a clause for content
/// ("The mayor wants to close the harbour" stays a want). The decision stays with `i`'s own
/// reading: deciding on the infinitive's instead lost on 5-fold CV (docs/attribution.md,
/// session l).
fn controlled(w: &Work, i: usize, cues: &[bool], view: &CueView) -> Option<Draft> {
    let sent = w.sentence_of(i);
    kids(w, &sent, i)
        .filter(|&x| x > i && infinitive(w, x) && controller(w, &sent, x) == Some(i))
        .filter(|&x| view.score(w, x) >= MIN_VERB)
        .find_map(|x| read(w, x, cues, view))
        .map(|(d, _)| d)
        .filter(|d| (d.cue.0..d.cue.1).contains(&i) && !verbless(w, d))
}

/// True when verb `v` is an infinitive: it has a "to" marker ("decided to release").
fn infinitive(w: &Work, v: usize) -> bool {
    let sent = w.sentence_of(v);
    kids(w, &sent, v).any(|k| rel(w, k) == "mark" && w.word(k) == "to")
}

/// True when the content of loose draft `d` (cue probability `p`) holds a candidate the
/// classifier gives more: that word's own reading is the better one.
fn surer_inside(around: &judge::Around, d: &Draft, p: f32) -> bool {
    match d.content {
        Content::Tokens(a, b) => (a..b)
            .any(|k| !(d.cue.0..d.cue.1).contains(&k) && around.prob(k).is_some_and(|q| q > p)),
        Content::Quote(_) => false,
    }
}

/// With the draft judge on, the loose reading reads a verb from this probability on and the
/// judge decides below [`MIN_LOOSE`] (task 6AM) …
const LOOSE_FLOOR: f32 = 0.3;
/// … and an infinitive from this one.
const LOOSE_FLOOR_INFINITIVE: f32 = 0.5;

/// True when token `i` is part of the draft.
fn inside_draft(w: &Work, d: &Draft, i: usize) -> bool {
    let t = &w.toks[i];
    let (a, b) = d.bytes(w);
    (a <= t.start && t.end <= b) || in_cue_or_sources(d, i)
}

/// The draft of the cue verb at `v`, if a source and a content are found, with the frame its
/// content was read in; `cues` marks the cue tokens of the drafts found before.
fn read(w: &Work, v: usize, cues: &[bool], view: &CueView) -> Option<(Draft, Frame)> {
    let sent = w.sentence_of(v);
    let kids = |h: usize| kids(w, &sent, h);
    let rel = |k: usize| rel(w, k);
    if w.toks[v].syn.as_ref()?.upos == Upos::Noun {
        let d = read_noun(w, v, &sent);
        // A verb tagged as a noun ("New Poll Shows …", "Clinton plans to …") still has its
        // subject: read it as a verb then.
        if d.is_some() || !kids(v).any(|k| rel(k) == "nsubj") {
            return d.map(|d| (d, Frame::Noun));
        }
    }
    // "went on to say C" is read from "say" (below), not as "went" with "to say C".
    if kids(v).any(|k| go_on(w, &sent, k) == Some(v)) {
        return None;
    }
    // An infinitive ("decided to release") reports nothing by itself, but after "go on" it is
    // the report ("went on to say C": the cue starts at "went").
    // Under a verb of control or aspect it is read too, with the controller's subject ("The
    // mayor began to say C", "S is expected to announce C", "S has yet to explain why C"; task
    // 6AF): the cue runs from the controller.
    let mut went_on = None;
    if infinitive(w, v) {
        went_on = go_on(w, &sent, v).or_else(|| controller(w, &sent, v));
        went_on?;
    }
    let parsed = match went_on {
        Some(h) => source_of(w, h, &sent).or_else(|| passive_subject(w, &sent, h)),
        None => source_of(w, v, &sent),
    };
    let passive = kids(v).any(|k| rel(k) == "nsubj:pass");
    // "Asked whether C, …": a participle clause of its own, read without a source as an
    // agentless passive is.
    let reduced = parsed.is_none() && !passive && reduced_passive(w, &sent, v);
    // "Majorities in all five states say C" with the subject the parse hung elsewhere: the
    // noun phrase ending right before the verb, for a clausal content only (below).
    let before = if parsed.is_none() && !passive && !reduced {
        subject_before(w, &sent, v)
    } else {
        None
    };
    // "Asked by S whether C", "As reported by S, C": the agent, if any.
    let agent = || {
        kids(v)
            .find(|&k| {
                rel(k) == "obl:agent" || (rel(k) == "obl" && led_by(w, &sent, k, "case", &["by"]))
            })
            .map(|k| {
                let (a, b) = w.subtree(k, &sent);
                (a + usize::from(w.word(a) == "by"), b)
            })
    };
    let source = parsed.or(before).or_else(|| reduced.then(agent).flatten());
    if source.is_none() && !passive && !reduced {
        return None;
    }
    let mut content = None;
    let mut frame = Frame::Passive;
    if reduced {
        // "Asked if C", "when asked whether C": a question clause the parse may hang as an
        // adverbial clause.
        content = kids(v)
            .filter(|&k| k > v && rel(k) == "advcl")
            .find(|&k| led_by(w, &sent, k, "mark", QUESTION))
            .map(|k| w.subtree(k, &sent));
        if content.is_some() {
            frame = Frame::Ccomp;
        }
    }
    if let Some(k) = kids(v).find(|&k| rel(k) == "nsubj:pass") {
        // "The plan was criticised by S": what the passive is about.
        if kids(v).any(|k| rel(k) == "obl:agent" || rel(k) == "obl") {
            content = Some(w.subtree(k, &sent));
        }
    }
    for (want, fr) in [
        ("ccomp", Frame::Ccomp),
        ("xcomp", Frame::Xcomp),
        ("obj", Frame::Obj),
    ] {
        if content.is_some() {
            break;
        }
        if let Some(k) = kids(v).find(|&k| rel(k) == want) {
            // "told reporters, adding that C": a report of its own by the same speaker, already
            // read, is no content of this verb ("argued that officials said C", with a subject
            // of its own, is).
            if cues[k] && !kids(k).any(|c| rel(c).starts_with("nsubj")) {
                return None;
            }
            if want == "obj" && light_noun(w, k, view) {
                // "voiced support for C": the verb and its cue noun are one cue, the content
                // the noun's or, hung on the verb, the verb's `about`/`over`… nominal.
                let on_verb = || {
                    kids(v)
                        .filter(|&c| c > k && rel(c) == "obl")
                        .find(|&c| led_by(w, &sent, c, "case", ABOUT))
                        .map(|c| w.subtree(c, &sent))
                };
                if let Some(c) = noun_content(w, k, &sent).or_else(on_verb) {
                    let mut d = draft(w, k, source, c)?;
                    d.cue.0 = v;
                    return Some((d, Frame::Light));
                }
            }
            content = Some(w.subtree(k, &sent));
            frame = fr;
            break;
        }
    }
    if content.is_none() {
        // "warned officials to boost defences": the indirect object with the clause after it.
        if let Some(k) = kids(v).find(|&k| rel(k) == "iobj") {
            let (a, mut b) = w.subtree(k, &sent);
            for c in kids(v).filter(|&c| c > k && matches!(rel(c), "advcl" | "xcomp" | "ccomp")) {
                b = b.max(w.subtree(c, &sent).1);
            }
            content = Some((a, b));
            frame = Frame::Iobj;
        }
    }
    // A dependent led by a preposition, in this order: "was accused of using", "talked about
    // bringing" (a clause); "talked about C"; "railed against C", "pointed to C"; "sided with
    // C", "disagreed with C" (after the verb only). Each is (frame, relation, marker relation,
    // marker words, after the verb only).
    let led: [(Frame, &str, &str, &[&str], bool); 4] = [
        (Frame::AboutClause, "advcl", "mark", ABOUT, false),
        (Frame::About, "obl", "case", ABOUT, false),
        (Frame::Towards, "obl", "case", TOWARDS, false),
        (Frame::Towards, "obl", "case", &["with"], true),
    ];
    for (fr, relation, marker, words, after) in led {
        if content.is_some() {
            break;
        }
        frame = fr;
        content = kids(v)
            .filter(|&k| (!after || k > v) && rel(k) == relation)
            .find(|&k| led_by(w, &sent, k, marker, words))
            .map(|k| w.subtree(k, &sent));
    }
    if content.is_none() && !reduced {
        // "He suggested that C" or "Hewitt writes: C" with the clause the parse hung
        // elsewhere: the rest of the sentence after "that" or the colon.
        if let Some(k) = (v + 1..sent.end)
            .find(|&k| w.toks[k].syn.as_ref().is_none_or(|s| s.upos != Upos::Adv))
            .filter(|&k| matches!(w.word(k), "that" | ":"))
        {
            let c = (k + usize::from(w.word(k) == ":"), sent.end);
            if c.1 > c.0 + 1 {
                content = Some(c);
                frame = Frame::Ccomp;
            }
        }
    }
    if content.is_none() && matches!(rel(v), "parataxis" | "ccomp") {
        // "C, she argued": the clause the verb hangs on, up to the verb's own subtree.
        let h = head(w, v)?;
        let (ha, _) = w.subtree(h, &sent);
        let (va, _) = w.subtree(v, &sent);
        if h < v && ha < va {
            content = Some((ha, va));
            frame = Frame::Tacked;
        }
    }
    if content.is_none() && reduced && led_by(w, &sent, v, "mark", &["as"]) {
        // "As reported by S, C": the clause the participle hangs on, after it.
        let h = head(w, v)?;
        let (_, vb) = w.subtree(v, &sent);
        let (_, hb) = w.subtree(h, &sent);
        if h > v && hb > vb {
            content = Some((vb, hb));
            frame = Frame::Tacked;
        }
    }
    if before.is_some() && frame != Frame::Ccomp {
        return None;
    }
    let mut d = draft(w, v, source, content?)?;
    if let Some(h) = went_on {
        d.cue.0 = h;
    }
    Some((d, frame))
}

/// The "go" of "went on to V" that infinitive `v` completes, if any.
fn go_on(w: &Work, sent: &std::ops::Range<usize>, v: usize) -> Option<usize> {
    let syn = w.toks[v].syn.as_ref()?;
    let h = syn.head.filter(|&h| h < v)?;
    let go = w.toks[h].syn.as_ref()?;
    (matches!(syn.deprel, "xcomp" | "advcl")
        && go.lemma == "go"
        && kids(w, sent, h).any(|k| k > h && k < v && w.word(k) == "on"))
    .then_some(h)
}

/// Verbs of control or aspect whose infinitive may report for their subject ("began to say",
/// "refused to deny", "is expected to announce", "is going to claim"; general English, task
/// 6AF). "has yet to explain" is read from "have" with "yet" ([`controller`]).
const CONTROLLERS: &[&str] = &[
    "appear", "begin", "continue", "decline", "expect", "go", "refuse", "seem", "set", "start",
    "try", "want",
];

/// The verb of control or aspect ([`CONTROLLERS`], or "have" with "yet") that infinitive `v`
/// completes as its `xcomp`, if any: "The mayor began to say C" gives "began".
fn controller(w: &Work, sent: &std::ops::Range<usize>, v: usize) -> Option<usize> {
    let syn = w.toks[v].syn.as_ref()?;
    let h = syn.head.filter(|&h| h < v)?;
    let head = w.toks[h].syn.as_ref()?;
    if syn.deprel != "xcomp" || !matches!(head.upos, Upos::Verb | Upos::Aux | Upos::Adj) {
        return None;
    }
    let yet = head.lemma == "have" && kids(w, sent, h).any(|k| k > h && w.word(k) == "yet");
    // "is going to say", not "went to the pier to say".
    let go = head.lemma != "go" || w.word(h) == "going";
    ((super::is_in(CONTROLLERS, &head.lemma) && go) || yet).then_some(h)
}

/// The passive subject of verb `h` when it has no agent ("The mayor is expected to announce
/// C": "The mayor").
fn passive_subject(w: &Work, sent: &std::ops::Range<usize>, h: usize) -> Option<(usize, usize)> {
    if agent(w, sent, h).is_some() {
        return None;
    }
    kids(w, sent, h)
        .find(|&k| rel(w, k) == "nsubj:pass")
        .filter(|&k| !super::is_in(RELATIVE, w.word(k)))
        .map(|k| w.subtree(k, sent))
}

/// Markers of a question clause ("asked if C", "asked whether C").
const QUESTION: &[&str] = &["if", "whether"];

/// Words that may open a participle clause before its participle ("when asked whether C").
const CLAUSE_OPENERS: &[&str] = &["after", "as", "if", "once", "when", "while"];

/// True when verb `v` is a past participle heading a clause of its own without a subject or
/// an auxiliary, at the clause's start or after "when"/"if"/… ("Asked whether C, the mayor
/// said …", "when asked about C"): an agentless passive.
fn reduced_passive(w: &Work, sent: &std::ops::Range<usize>, v: usize) -> bool {
    let kids = |h: usize| kids(w, sent, h);
    if !w.word(v).ends_with("ed")
        || !matches!(rel(w, v), "advcl" | "ccomp" | "parataxis" | "root")
        || kids(v).any(|k| {
            rel(w, k).starts_with("nsubj")
                || matches!(rel(w, k), "aux" | "aux:pass" | "cop" | "expl")
        })
    {
        return false;
    }
    // Nothing before the participle in its clause but an opener ("when asked").
    let (a, _) = w.subtree(v, sent);
    (a..v).all(|k| {
        w.toks[k].punct || (super::is_in(CLAUSE_OPENERS, w.word(k)) && head(w, k) == Some(v))
    })
}

/// The noun phrase ending right before verb `v` (an adverb such as "also" between them
/// allowed), when the parse gave `v` no subject ("majorities in all five states say C"):
/// the largest subtree of a noun, pronoun or number there that ends before `v` and holds no
/// verb or punctuation but an apostrophe.
fn subject_before(w: &Work, sent: &std::ops::Range<usize>, v: usize) -> Option<(usize, usize)> {
    if !matches!(rel(w, v), "root" | "parataxis" | "conj" | "ccomp" | "advcl") {
        return None;
    }
    let mut end = v;
    while end > sent.start && upos(w, end - 1) == Some(Upos::Adv) {
        end -= 1;
    }
    let k = end.checked_sub(1).filter(|&k| k >= sent.start)?;
    if !matches!(
        upos(w, k),
        Some(Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num)
    ) {
        return None;
    }
    // Up the heads while the phrase stays before the verb.
    let mut top = k;
    for _ in 0..8 {
        let Some(h) = head(w, top) else {
            break;
        };
        // A conjunct is a phrase of its own ("…, but majorities in all five say C").
        if rel(w, top) == "conj" || h >= end || !sent.contains(&h) || w.subtree(h, sent).1 > end {
            break;
        }
        top = h;
    }
    let (mut a, b) = w.subtree(top, sent);
    while a < top && matches!(rel(w, a), "cc" | "punct") {
        a += 1;
    }
    let clean = (a..b).all(|x| {
        let apostrophe = matches!(w.word(x), "'s" | "\u{2019}s" | "'" | "-");
        !matches!(upos(w, x), Some(Upos::Verb | Upos::Aux)) && (!w.toks[x].punct || apostrophe)
    });
    (clean && b == end && !super::is_in(RELATIVE, w.word(a))).then_some((a, b))
}

/// The draft of cue `v` with its source and content ranges, unless either is empty or any
/// two of source, cue and content overlap.
fn draft(
    w: &Work,
    v: usize,
    source: Option<(usize, usize)>,
    content: (usize, usize),
) -> Option<Draft> {
    let (ca, cb) = trim(w, content);
    let (sa, sb) = source.map_or((v, v), |s| trim(w, s));
    if cb <= ca || (source.is_some() && sb <= sa) {
        return None;
    }
    // Source, cue and content must not overlap one another.
    let apart = |x: (usize, usize), y: (usize, usize)| x.1 <= y.0 || y.1 <= x.0;
    if !apart((ca, cb), (sa, sb)) || !apart((ca, cb), (v, v + 1)) || !apart((sa, sb), (v, v + 1)) {
        return None;
    }
    let class = w.cues.verb(w.word(v)).map_or(CueClass::Report, |x| x.class);
    // A phrasal verb's particle is part of its cue ("laid out C", "backed off C").
    let particle = w
        .toks
        .get(v + 1)
        .and_then(|t| t.syn.as_ref())
        .is_some_and(|s| s.deprel == "compound:prt" && s.head == Some(v))
        && ![(ca, cb), (sa, sb)]
            .iter()
            .any(|r| (r.0..r.1).contains(&(v + 1)));
    let sources = if sb > sa { vec![(sa, sb)] } else { Vec::new() };
    Some(Draft::new(
        Content::Tokens(ca, cb),
        (v, v + 1 + usize::from(particle)),
        class,
        sources,
    ))
}

/// The draft of the cue noun at `n` ("the mayor's claim that C", "a report by S about C",
/// "S voiced concern that C", "support among S for C"): the source is its possessor, its
/// `by`/`from`/`among` nominal, or the subject of the verb it is the object of; the content its
/// clause, its `about`/`of`/`on` nominal, or the clause after a copula it is the subject of
/// ("The claim is that C").
fn read_noun(w: &Work, n: usize, sent: &std::ops::Range<usize>) -> Option<Draft> {
    let kids = |h: usize| kids(w, sent, h);
    let rel = |k: usize| rel(w, k);
    let mut light_verb = None;
    let source = if let Some(k) = kids(n).find(|&k| rel(k) == "nmod:poss") {
        // "the mayor's": without the possessive ending.
        let (a, mut b) = w.subtree(k, sent);
        while b > a + 1 && matches!(w.word(b - 1), "'s" | "'" | "\u{2019}s" | "\u{2019}") {
            b -= 1;
        }
        (a, b)
    } else if let Some(k) = kids(n)
        .filter(|&k| matches!(rel(k), "nmod" | "obl"))
        .find(|&k| led_by(w, sent, k, "case", &["among", "by", "from"]))
    {
        let (a, b) = w.subtree(k, sent);
        (
            a + usize::from(matches!(w.word(a), "by" | "from" | "among")),
            b,
        )
    } else if rel(n) == "obj" {
        // "S voiced concern that C"; "S faced questions about C" names no source.
        let verb = head(w, n)?;
        let targeted = w.toks[verb]
            .syn
            .as_ref()
            .is_some_and(|s| super::is_in(TARGETED, &s.lemma));
        match source_of(w, verb, sent) {
            Some(s) if !targeted => {
                // PolNeAR's cue spans the verb carrying the noun ("raised questions").
                light_verb = (verb < n).then_some(verb);
                s
            }
            _ => (n, n),
        }
    } else {
        // "criticism of C" without a source: PolNeAR annotates source-less attributions.
        (n, n)
    };
    let content = noun_content(w, n, sent)?;
    let source = (source.1 > source.0).then_some(source);
    let mut d = draft(w, n, source, content)?;
    if let Some(verb) = light_verb {
        d.cue.0 = verb;
    }
    Some(d)
}

/// The content of cue noun `n`: its clause, or its `about`/`of`/`on`/`for`/`over` nominal.
fn noun_content(w: &Work, n: usize, sent: &std::ops::Range<usize>) -> Option<(usize, usize)> {
    let kids = |h: usize| kids(w, sent, h);
    let rel = |k: usize| rel(w, k);
    kids(n)
        .find(|&k| matches!(rel(k), "acl" | "ccomp"))
        .or_else(|| {
            kids(n)
                .filter(|&k| rel(k) == "nmod")
                .find(|&k| led_by(w, sent, k, "case", ABOUT))
        })
        .map(|k| w.subtree(k, sent))
        .or_else(|| copula_content(w, n, sent))
}

/// The content of cue noun `n` that is the subject of a copula with a clause ("The claim is that
/// C", "His view was that C"): the clause after the copula.
fn copula_content(w: &Work, n: usize, sent: &std::ops::Range<usize>) -> Option<(usize, usize)> {
    // The parse marks the subject of a clausal predicate "nsubj:outer".
    if !matches!(rel(w, n), "nsubj" | "nsubj:outer") {
        return None;
    }
    let h = head(w, n)?;
    let cop = kids(w, sent, h).find(|&k| rel(w, k) == "cop" && k > n)?;
    kids(w, sent, h)
        .any(|k| k > cop && rel(w, k) == "mark" && matches!(w.word(k), "that" | "whether"))
        .then(|| (cop + 1, w.subtree(h, sent).1))
}

/// True when noun `k`, the object of a verb, is a cue noun by the classifier ("voiced support
/// for C", "raised questions about C"): the verb only carries it.
fn light_noun(w: &Work, k: usize, view: &CueView) -> bool {
    w.toks[k].syn.as_ref().is_some_and(|s| s.upos == Upos::Noun) && view.score(w, k) >= MIN_NOUN
}

/// Predicates that state a stance or a belief of their subject ("has been critical of C", "is
/// opposed to C", "was skeptical that C"), and whether the stance is a belief.
const PREDICATES: &[(&str, bool)] = &[
    ("adamant", false),
    ("certain", true),
    ("concerned", true),
    ("confident", true),
    ("convinced", true),
    ("critical", false),
    ("doubtful", true),
    ("hopeful", true),
    ("opposed", false),
    ("optimistic", true),
    ("pessimistic", true),
    ("sceptical", true),
    ("skeptical", true),
    ("supportive", false),
    ("sure", true),
    ("unhappy", false),
    ("unsure", true),
    ("wary", true),
    ("worried", true),
];

/// Prepositions and conjunctions that open the content of a predicate ("critical of",
/// "opposed to", "confident that", "unhappy with", "confident in").
const PREDICATE_LINKS: &[&str] = &["about", "in", "of", "over", "that", "to", "whether", "with"];

/// The draft of a stance predicate at `a` ("S has been critical of C", "S is opposed to C", "S
/// was skeptical that C"): an adjective or a stative participle after a copula or a passive
/// auxiliary, its subject as source, and as content its clause or the nominal or clause its
/// preposition opens. Raising frames ("is sure to V") are no claims.
fn read_predicate(w: &Work, a: usize) -> Option<Draft> {
    let syn = w.toks[a].syn.as_ref()?;
    if !matches!(syn.upos, Upos::Adj | Upos::Verb) {
        return None;
    }
    let Ok(at) = PREDICATES.binary_search_by(|(p, _)| (*p).cmp(w.word(a))) else {
        return read_adjective(w, a);
    };
    let sent = w.sentence_of(a);
    let kids = |h: usize| kids(w, &sent, h);
    let rel = |k: usize| rel(w, k);
    if !kids(a).any(|k| matches!(rel(k), "cop" | "aux:pass")) {
        return None;
    }
    let source = match kids(a).find(|&k| matches!(rel(k), "nsubj" | "nsubj:pass")) {
        Some(k) if !super::is_in(RELATIVE, w.word(k)) => w.subtree(k, &sent),
        _ => source_of(w, a, &sent)?,
    };
    let opens = |k: usize| {
        kids(k)
            .find(|&c| matches!(rel(c), "case" | "mark") && c < k)
            .is_some_and(|c| super::is_in(PREDICATE_LINKS, w.word(c)))
    };
    let content = kids(a)
        .filter(|&k| k > a)
        .find(|&k| match rel(k) {
            "ccomp" => true,
            "obl" | "advcl" | "nmod" => opens(k),
            _ => false,
        })
        .map(|k| w.subtree(k, &sent))?;
    let mut d = draft(w, a, Some(source), content)?;
    d.class = if PREDICATES[at].1 {
        CueClass::Belief
    } else {
        CueClass::Report
    };
    Some(d)
}

/// Conjunctions that open the clause an adjective takes for its content ("S is confident
/// that C", "S is uncertain whether C"); "if" opens a condition ("would be vulnerable if C").
const ADJECTIVE_LINKS: &[&str] = &["that", "whether"];

/// Degree words that make an adjective's "that" clause a consequence ("so sure that C").
const CONSEQUENCE: &[&str] = &["enough", "so", "such", "sufficiently", "too"];

/// Personal pronouns that may hold a stance "of" something ("they are aware of C").
const PERSONS: &[&str] = &["he", "i", "she", "they", "we", "you"];

/// Adjectives of will that take an infinitive as their content ("S is eager to V", "S was
/// reluctant to V"); "ready", "able", "likely" or "sure to V" state no attitude.
const VOLITION: &[&str] = &[
    "anxious",
    "determined",
    "eager",
    "hesitant",
    "keen",
    "loath",
    "reluctant",
    "unwilling",
    "willing",
];

/// Modal auxiliaries that make a predicate advice or a guess ("should be willing to V").
const MODALS: &[&str] = &["could", "may", "might", "must", "should", "would"];

/// The draft of an adjective after a copula that no stance list names (task 6N2): with a
/// subject and a clause opened by "that"/"whether" ("S is confident that C", "S was
/// uncertain whether C"), or an "about" nominal ("S is upbeat about C"), or — for a person
/// named or a personal pronoun — an "of" nominal ("he is proud of C"), or, for an adjective
/// of will ([`VOLITION`]) without a modal, an infinitive ("S was eager to V"). The subject is
/// the source ("it is clear that C" is the writer's, no claim: such expletive frames were
/// right 9 times in 62 on PolNeAR train); an adjective with a determiner ("the best of C") is
/// a noun phrase.
fn read_adjective(w: &Work, a: usize) -> Option<Draft> {
    let syn = w.toks[a].syn.as_ref()?;
    if syn.upos != Upos::Adj {
        return None;
    }
    let sent = w.sentence_of(a);
    let kids = |h: usize| kids(w, &sent, h);
    let rel = |k: usize| rel(w, k);
    let consequence = |k: usize| rel(k) == "advmod" && super::is_in(CONSEQUENCE, w.word(k));
    if !kids(a).any(|k| rel(k) == "cop") || kids(a).any(|k| rel(k) == "det" || consequence(k)) {
        return None;
    }
    let subject = kids(a)
        .find(|&k| rel(k) == "nsubj" && k < a)
        .filter(|&k| !matches!(w.word(k), "it" | "this" | "that" | "what"));
    let opened = |k: usize| {
        kids(k)
            .find(|&c| rel(c) == "mark" && c < k)
            .is_some_and(|c| super::is_in(ADJECTIVE_LINKS, w.word(c)))
    };
    let clause = kids(a)
        .filter(|&k| k > a)
        .find(|&k| matches!(rel(k), "ccomp" | "advcl") && opened(k));
    let person = subject.is_some_and(|k| {
        super::is_in(PERSONS, w.word(k))
            || w.toks[k]
                .syn
                .as_ref()
                .is_some_and(|s| s.upos == Upos::Propn)
    });
    let oblique = || {
        kids(a).filter(|&k| k > a && rel(k) == "obl").find(|&k| {
            led_by(w, &sent, k, "case", &["about"])
                || (person && led_by(w, &sent, k, "case", &["of"]))
        })
    };
    // "S is eager to V": a will of the subject; "S should be willing to V" is advice.
    let volition = || {
        let modal = kids(a).any(|k| rel(k) == "aux" && super::is_in(MODALS, w.word(k)));
        kids(a)
            .filter(|&k| k > a && rel(k) == "xcomp")
            .find(|_| !modal && super::is_in(VOLITION, w.word(a)))
    };
    let content = clause.or_else(oblique).or_else(volition)?;
    let source = match subject {
        Some(s) if !super::is_in(RELATIVE, w.word(s)) => w.subtree(s, &sent),
        Some(_) => source_of(w, a, &sent)?,
        None => return None,
    };
    let mut d = draft(w, a, Some(source), w.subtree(content, &sent))?;
    d.class = if clause.is_some() {
        CueClass::Belief
    } else {
        CueClass::Report
    };
    Some(d)
}

/// The source phrase of the cue verb at `v`.
fn source_of(w: &Work, v: usize, sent: &std::ops::Range<usize>) -> Option<(usize, usize)> {
    let kids = |h: usize| kids(w, sent, h);
    let rel = |k: usize| rel(w, k);
    let mut at = v;
    // Up coordination and control chains: "… and argued", "wants to argue".
    for _ in 0..4 {
        if let Some(s) = kids(at).find(|&k| rel(k) == "nsubj") {
            if super::is_in(RELATIVE, w.word(s)) && rel(at) == "acl:relcl" {
                // "officials who argued": the noun, without its relative clause.
                let noun = head(w, at)?;
                let (na, _) = w.subtree(noun, sent);
                let (ra, _) = w.subtree(at, sent);
                return (na < ra).then_some((na, ra));
            }
            if super::is_in(RELATIVE, w.word(s)) {
                // A relative clause the parse hangs elsewhere ("the company, which announced
                // C" read as parataxis): the noun just before the pronoun, else no source.
                return antecedent(w, sent, s);
            }
            return Some(w.subtree(s, sent));
        }
        if kids(at).any(|k| rel(k) == "nsubj:pass") {
            // "was criticised by S".
            let (a, b) = w.subtree(agent(w, sent, at)?, sent);
            let a = if w.word(a) == "by" { a + 1 } else { a };
            return Some((a, b));
        }
        match rel(at) {
            "conj" | "xcomp" => at = head(w, at)?,
            // "filed a motion, arguing that …": a participle takes the main clause's subject.
            "advcl" if w.word(at).ends_with("ing") => at = head(w, at)?,
            "acl"
                if w.word(at).ends_with("ing")
                    || kids(at).any(|k| matches!(rel(k), "obj" | "ccomp")) =>
            {
                // "a senator calling for …": the noun the participle hangs on; so does a verb
                // with an object or a clause the parse hung on the noun before it ("Muslim
                // advocates hailed the nomination", "the speaker shared … that C").
                let noun = head(w, at)?;
                let (na, _) = w.subtree(noun, sent);
                return (na <= noun && noun < at).then_some((na, noun + 1));
            }
            _ => return None,
        }
    }
    None
}

/// The noun a relative pronoun `r` stands for: the noun right before it (a comma between
/// them allowed), with what stands before it in its phrase ("the ferry company" of "the
/// ferry company, which"); none when no noun is there.
fn antecedent(w: &Work, sent: &std::ops::Range<usize>, r: usize) -> Option<(usize, usize)> {
    let mut n = r.checked_sub(1).filter(|&k| k >= sent.start)?;
    if w.toks[n].punct && w.word(n) == "," {
        n = n.checked_sub(1).filter(|&k| k >= sent.start)?;
    }
    let upos = w.toks[n].syn.as_ref()?.upos;
    if !matches!(upos, Upos::Noun | Upos::Propn) {
        return None;
    }
    let (a, _) = w.subtree(n, sent);
    Some((a.min(n), n + 1))
}

/// True when token `k` has a `marker` dependent (`case`, `mark`) that is one of `words`
/// ("about the deal", "of hiding C").
fn led_by(w: &Work, sent: &std::ops::Range<usize>, k: usize, marker: &str, words: &[&str]) -> bool {
    kids(w, sent, k).any(|c| rel(w, c) == marker && super::is_in(words, w.word(c)))
}

/// A range without punctuation at either end.
fn trim(w: &Work, (mut a, mut b): (usize, usize)) -> (usize, usize) {
    while a < b && w.toks[a].punct && !w.toks[a].mark {
        a += 1;
    }
    while b > a && w.toks[b - 1].punct && !w.toks[b - 1].mark {
        b -= 1;
    }
    (a, b)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Input, Pipeline};

    /// `(cue, sources, content)` of every claim the pipeline finds in `text`.
    fn claims(text: &str) -> Vec<(String, Vec<String>, String)> {
        let doc = Pipeline::new().unwrap().extract(&Input::new(text)).unwrap();
        crate::attribution::claim_rows(&doc)
    }

    /// Asserts that `text` has a claim cued by `cue` with `source` among its sources and a
    /// content holding `content`.
    fn assert_claim(text: &str, cue: &str, source: &str, content: &str) {
        let found = claims(text);
        assert!(
            found
                .iter()
                .any(|c| c.0 == cue && c.1.iter().any(|s| s == source) && c.2.contains(content)),
            "no {cue:?} claim of {source:?} in {text:?}: {found:?}"
        );
    }

    #[test]
    fn an_unseen_reporting_verb_is_read_through_the_parse() {
        // Neither the lexicons nor the training data know "grumble".
        let cues = byline_lexicon::cues::Cues::builtin();
        assert!(cues.verb("grumbled").is_none() && cues.learnt("grumble", "VERB").is_none());
        let found = claims(
            "The harbour master grumbled that the new ferry timetable would strand late-shift workers.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        let (cue, sources, content) = &found[0];
        assert_eq!(cue, "grumbled");
        assert_eq!(sources, &["The harbour master"]);
        assert!(
            content.starts_with("that the new ferry timetable"),
            "{content}"
        );
    }

    #[test]
    fn a_noun_cue_takes_its_possessor_as_source() {
        let found = claims("Her claim that the ferry company cut wages was rejected by the board.");
        let (cue, sources, content) = found
            .iter()
            .find(|c| c.0 == "claim")
            .unwrap_or_else(|| panic!("no noun cue in {found:?}"));
        assert_eq!(
            (cue.as_str(), sources.as_slice()),
            ("claim", &["Her".to_string()][..])
        );
        assert!(
            content.starts_with("that the ferry company cut wages"),
            "{content}"
        );
    }

    #[test]
    fn a_noun_cue_with_a_preposition_is_read() {
        let found = claims("Local fishermen have raised questions about the new harbour fees.");
        // The light verb, its auxiliary and the preposition are part of the cue (PolNeAR).
        let (cue, sources, content) = found
            .iter()
            .find(|c| c.0.contains("questions"))
            .unwrap_or_else(|| panic!("no noun cue in {found:?}"));
        assert_eq!(
            (cue.as_str(), sources.as_slice()),
            (
                "have raised questions about",
                &["Local fishermen".to_string()][..]
            )
        );
        assert_eq!(content, "the new harbour fees");
    }

    #[test]
    fn viewpoints_and_headline_verbs_are_read() {
        for (text, cue, source, content) in [
            (
                "In Okafor's view, the new levy would ruin the small boat owners.",
                "In Okafor's view",
                "Okafor's",
                "the new levy would ruin the small boat owners",
            ),
            (
                "In the words of the harbour master, the new levy has emptied the quay.",
                "In the words",
                "the harbour master",
                "the new levy has emptied the quay",
            ),
            (
                "Harbour Union Endorses Velez For Mayor.",
                "Endorses",
                "Harbour Union",
                "Velez For Mayor",
            ),
        ] {
            let found = claims(text);
            assert!(
                found.iter().any(|c| c.0.starts_with(cue)
                    && c.1.iter().any(|s| s == source)
                    && c.2.contains(content)),
                "no {cue:?} claim of {source:?} in {text:?}: {found:?}"
            );
        }
        // A first person's view, literal eyes, a purpose, a holder after "to" (measured, not
        // kept) and a plural noun in a headline: no cue.
        for text in [
            "The levy, in my view, is fair to the boat owners.",
            "The fishermen had tears in their eyes when the quay closed.",
            "To reach the island, the ferry leaves at nine.",
            "To Marta Velez, the harbour board is a club of old friends.",
            "The Faces Of The Harbour Strike.",
        ] {
            let found = claims(text);
            assert!(
                !found.iter().any(|c| c.0.contains("view")
                    || c.0.contains("eyes")
                    || c.0 == "To"
                    || c.0 == "Faces"),
                "a cue read in {text:?}: {found:?}"
            );
        }
    }

    #[test]
    fn polls_and_findings_are_read() {
        for (text, cue, source, content) in [
            (
                "The mayor held a twelve-point lead over her rival in a Harbour Gazette poll.",
                "in",
                "a Harbour Gazette poll",
                "held a twelve-point lead",
            ),
            (
                "In the latest county survey, the mayor trailed her rival by six points.",
                "In",
                "the latest county survey",
                "the mayor trailed her rival by six points",
            ),
            (
                "The latest Harbour Gazette poll shows the mayor leading her rival by ten points.",
                "shows",
                "The latest Harbour Gazette poll",
                "the mayor leading her rival",
            ),
            (
                "The ferry union endorsed Maria Lopez for the harbour board in March.",
                "endorsed",
                "The ferry union",
                "Maria Lopez",
            ),
        ] {
            let found = claims(text);
            assert!(
                found.iter().any(|c| c.0 == cue
                    && c.1.iter().any(|s| s.contains(source))
                    && c.2.contains(content)),
                "no {cue:?} claim in {text:?}: {found:?}"
            );
        }
        // Many polls and a voter of a poll report nothing of their own.
        for text in [
            "The mayor has led in the polls since the spring.",
            "Most of the voters surveyed in the Harbour Gazette poll backed the quota.",
        ] {
            let found = claims(text);
            assert!(
                !found.iter().any(|c| c.0.eq_ignore_ascii_case("in")),
                "a poll cue in {text:?}: {found:?}"
            );
        }
    }

    #[test]
    fn asides_and_stance_nouns_are_read() {
        for (text, cue, source, content) in [
            // An aside inside another report's content takes that report's speaker.
            (
                "The mayor said the quay would reopen in May, suggesting that the council had found the money.",
                "suggesting",
                "The mayor",
                "the council had found the money",
            ),
            (
                "Lopez's attacks on the ferry operator have grown sharper.",
                "attacks on",
                "Lopez",
                "the ferry operator",
            ),
            (
                "The fishermen's criticism of the new quota grew louder over the winter.",
                "criticism of",
                "The fishermen",
                "the new quota",
            ),
            (
                "Her questions about the pier's cost went unanswered.",
                "questions about",
                "Her",
                "the pier's cost",
            ),
        ] {
            assert_claim(text, cue, source, content);
        }
    }

    #[test]
    fn a_sure_verb_inside_another_content_is_a_nested_report() {
        // Task 6AI: the verbs lie inside the content of the surface claim cued by "said".
        for (text, cue, source, content) in [
            (
                "The mayor said the quay would reopen in May, although the harbour board grumbled that the money had run out.",
                "grumbled",
                "the harbour board",
                "the money had run out",
            ),
            (
                "The mayor said the quay would reopen in May, although the harbour board has repeatedly touted the new ferry link.",
                "has repeatedly touted",
                "the harbour board",
                "the new ferry link",
            ),
        ] {
            let doc = Pipeline::new().unwrap().extract(&Input::new(text)).unwrap();
            let outer = doc.claims.iter().find(|c| c.cue.as_ref().is_some_and(|m| m.text == "said"));
            let inner = doc.claims.iter().find(|c| c.cue.as_ref().is_some_and(|m| m.text == cue));
            let (Some(outer), Some(inner)) = (outer, inner) else {
                panic!("no {cue:?} claim nested in the report of {text:?}: {:#?}", doc.claims);
            };
            assert_eq!(inner.parent.as_ref(), Some(&outer.id), "{:#?}", doc.claims);
            assert_claim(text, cue, source, content);
        }
    }

    #[test]
    fn a_noun_cue_reads_a_copula_clause() {
        for (text, cue, source, content) in [
            (
                "The union's fear is that the plant will close.",
                "fear",
                "The union",
                "the plant will close",
            ),
            (
                "Their concern was whether the plant would close.",
                "concern",
                "Their",
                "the plant would close",
            ),
        ] {
            let found = claims(text);
            assert!(
                found
                    .iter()
                    .any(|c| c.0 == cue && c.1 == [source] && c.2.contains(content)),
                "no copula clause in {found:?}"
            );
        }
    }

    #[test]
    fn a_verb_with_a_directed_oblique_is_read() {
        let found = claims("The harbour master railed against the new ferry timetable.");
        assert_eq!(found.len(), 1, "{found:?}");
        let (cue, sources, content) = &found[0];
        assert_eq!(
            (cue.as_str(), sources.as_slice()),
            ("railed against", &["The harbour master".to_string()][..])
        );
        assert!(content.contains("the new ferry timetable"), "{content}");
    }

    #[test]
    fn a_nested_attribution_keeps_both_claims() {
        let doc = Pipeline::new()
            .unwrap()
            .extract(&Input::new(
                "The mayor said the harbour board had argued that fares should rise.",
            ))
            .unwrap();
        assert_eq!(doc.claims.len(), 2, "{:?}", doc.claims);
        let (outer, inner) = (&doc.claims[0], &doc.claims[1]);
        assert_eq!(
            outer.text,
            "the harbour board had argued that fares should rise"
        );
        assert_eq!(inner.text, "fares should rise");
        assert_eq!(inner.parent.as_deref(), Some(outer.id.as_str()));
    }

    #[test]
    fn a_second_report_of_the_same_speaker_is_read_inside_the_first() {
        let found = claims(
            "The harbour master complained about the new timetable on Monday, even suggesting \
             that the ferry company had lied to the council.",
        );
        assert_eq!(found.len(), 2, "{found:?}");
        let (cue, sources, content) = &found[1];
        assert!(cue.ends_with("suggesting"), "{cue}");
        assert_eq!(sources, &["The harbour master"]);
        assert_eq!(content, "that the ferry company had lied to the council");
        // The outer claim keeps its whole content; the second report is nested in it.
        assert!(found[0].2.ends_with("lied to the council"), "{found:?}");
    }

    #[test]
    fn the_judge_sees_the_article_and_the_sentence() {
        // Task 6AG: a word the article uses as a cue elsewhere, and the competition inside its
        // sentence, are features of the judge.
        let text = "The mayor said the bridge would reopen in May. The council grumbled that the \
                    repairs were late. Residents grumbled that the tolls were too high. The ferry \
                    operator grumbled that nobody had asked it.";
        let pipeline = Pipeline::new().unwrap();
        let (_, read) =
            crate::collect_drafts(None, || pipeline.extract(&Input::new(text))).unwrap();
        let grumbled: Vec<_> = read
            .iter()
            .filter(|e| !e.surface && &text[e.cue.0..e.cue.1] == "grumbled")
            .collect();
        assert!(!grumbled.is_empty(), "{read:?}");
        for e in grumbled {
            assert!(e.features.iter().any(|f| f == "a-others=2"), "{e:?}");
            assert!(
                e.features.iter().any(|f| f.starts_with("s-cands=")),
                "{e:?}"
            );
        }
    }

    /// Asserts that the parse frames read at least one candidate draft in `text` (before the
    /// thresholds and the judge decide on it).
    fn assert_parse_reads_a_draft(text: &str) {
        let pipeline = Pipeline::new().unwrap();
        let (_, read) =
            crate::collect_drafts(None, || pipeline.extract(&Input::new(text))).unwrap();
        assert!(read.iter().any(|e| !e.surface), "{read:?}");
    }

    /// `(cue, content)` of every claim the pipeline finds in `text` with the draft judge on.
    fn judged(text: &str) -> Vec<(String, String)> {
        let pipeline = Pipeline::new().unwrap();
        let doc = crate::with_draft_judge(None, None, || pipeline.extract(&Input::new(text)))
            .unwrap()
            .unwrap();
        doc.claims
            .iter()
            .map(|c| {
                let cue = c.cue.as_ref().map_or(String::new(), |m| m.text.clone());
                (cue, c.text.clone())
            })
            .collect()
    }

    #[test]
    fn the_draft_judge_keeps_a_reporting_frame() {
        let found = judged(
            "The harbour master grumbled that the new ferry timetable would strand late-shift \
             workers.",
        );
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "grumbled");
        assert!(found[0].1.starts_with("that the new ferry"), "{found:?}");
    }

    #[test]
    fn the_draft_judge_drops_an_action() {
        let text = "The harbour master repainted the old ferry last spring.";
        // The parse reads a draft for it ("repainted" with a source and an object) …
        assert_parse_reads_a_draft(text);
        // … and the judge drops it.
        let found = judged(text);
        assert!(found.is_empty(), "{found:?}");
        assert!(judged("The ferry left the harbour at noon and docked an hour later.").is_empty());
    }

    #[test]
    fn a_verb_the_judge_doubts_is_dropped_just_above_the_threshold() {
        // Task 6AP: a verb just above `MIN_VERB` whose draft the judge doubts is dropped;
        // before, the threshold alone kept it. The bar on the judge slides with `p`.
        assert!(MIN_VERB >= 0.3 && !blend_keeps(0.31, 0.3));
        assert!(blend_keeps(0.31, 0.45) && blend_keeps(0.6, 0.0));
        assert!(!blend_keeps(0.1, 0.6) && blend_keeps(0.2, 0.6));
        // A likely cue the judge trusts stays.
        let found = judged("The mayor intends to close the harbour at night.");
        assert!(found.iter().any(|(c, _)| c == "intends"), "{found:?}");
    }

    #[test]
    fn a_relative_pronoun_is_no_source() {
        // The parse may hang ", which announced" on the main verb: the pronoun still stands
        // for the noun before it.
        let found =
            claims("The mayor praised the ferry company, which announced new routes on Monday.");
        for (cue, sources, _) in &found {
            for s in sources {
                assert!(!RELATIVE.contains(&s.to_lowercase().as_str()), "{cue}: {s}");
            }
            if cue == "announced" {
                assert_eq!(sources, &["the ferry company"]);
            }
        }
    }

    #[test]
    fn the_draft_judge_adds_no_verbless_content() {
        // The parse reads a draft with a verbless content for it … ("studied" until task 6AF:
        // the AdaGrad classifier puts it below the judge's candidate floor, so nothing is read)
        let text = "The harbour master reviewed the ferry company's plan.";
        assert_parse_reads_a_draft(text);
        // … the thresholds drop it, and the judge adds none such.
        let found = judged(text);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn a_sure_cue_no_frame_reads_is_read_loosely() {
        // An infinitive of purpose: the cue holds its "to", the source is the subject of the
        // verb it hangs on.
        let found =
            claims("Fishermen took to the radio to say the quota had been cut without warning.");
        assert!(
            found.iter().any(|(c, s, t)| c == "to say"
                && s == &["Fishermen"]
                && t == "the quota had been cut without warning"),
            "{found:?}"
        );
        // A verb whose content the frames do not take ("voted 5 to 4 … to delay C").
        let found = claims("The ferry board voted 5 to 4 in March to delay the new timetable.");
        assert!(
            found.iter().any(|(c, s, t)| c == "voted"
                && s == &["The ferry board"]
                && t.ends_with("to delay the new timetable")),
            "{found:?}"
        );
        // An infinitive of a plain action stays unread.
        assert!(claims("The skipper went to the pier to repaint the old ferry.").is_empty());
    }

    #[test]
    fn loose_readings_are_candidates_of_the_judge() {
        // Task 6AM: the loose reading's drafts are collected for the judge's training on a
        // route of their own (before, the loose reading did not run while collecting), so
        // that the judge can add those below the loose reading's bar.
        let pipeline = Pipeline::new().unwrap();
        for text in [
            "Fishermen took to the radio to say the quota had been cut without warning.",
            "The ferry board voted 5 to 4 in March to delay the new timetable.",
        ] {
            let (_, read) =
                crate::collect_drafts(None, || pipeline.extract(&Input::new(text))).unwrap();
            let loose: Vec<_> = read
                .iter()
                .filter(|e| e.features.iter().any(|f| f == "route=loose"))
                .collect();
            assert!(!loose.is_empty(), "{text}: {read:?}");
            assert!(
                loose
                    .iter()
                    .all(|e| e.features.iter().any(|f| f == "frame=loose")),
                "{loose:?}"
            );
        }
    }

    #[test]
    fn the_judge_adds_a_loose_reading_below_its_bar() {
        // Task 6AM: an infinitive no frame reads, below the loose reading's bar (p 0.68 with
        // the classifier of session m), is kept when the judge trusts its draft.
        let found = claims("The coach came out to defend his decision to rest the captain.");
        assert!(
            found
                .iter()
                .any(|c| c.0.ends_with("to defend") && c.2 == "his decision to rest the captain"),
            "{found:?}"
        );
    }

    #[test]
    fn an_infinitive_under_a_control_verb_reports_for_the_controller() {
        // Task 6AF: the cue runs from the verb of control or aspect to the reporting verb, the
        // source is the controller's subject (a passive's too), the content the infinitive's.
        for (text, cue, source, content) in [
            (
                "The mayor began to say that the ferry was safe.",
                "began to say",
                "The mayor",
                "that the ferry was safe",
            ),
            (
                "The harbour master tried to argue that the pier would close in May.",
                "tried to argue",
                "The harbour master",
                "that the pier would close in May",
            ),
            (
                "The harbour master is going to claim that the pier will close in May.",
                "is going to claim",
                "The harbour master",
                "that the pier will close in May",
            ),
            (
                "The ferry company has yet to explain why the late boat was cut.",
                "has yet to explain",
                "The ferry company",
                "why the late boat was cut",
            ),
        ] {
            let found = claims(text);
            assert!(
                found
                    .iter()
                    .any(|(c, s, t)| c == cue && s == &[source] && t == content),
                "{text}: {found:?}"
            );
        }
    }

    #[test]
    fn a_phrasal_verb_keeps_its_particle_in_the_cue() {
        let found = claims("The harbour master laid out her plan to dredge the channel.");
        assert!(
            found
                .iter()
                .any(|(c, s, _)| c == "laid out" && s == &["The harbour master"]),
            "{found:?}"
        );
    }

    #[test]
    fn an_adjective_with_a_clause_or_a_stance_is_read() {
        let cue_of = |text: &str, word: &str| {
            claims(text)
                .into_iter()
                .find(|(c, _, _)| c.contains(word))
                .map(|(_, s, content)| (s, content))
        };
        let (s, content) = cue_of(
            "The harbour master is aware that the channel will reopen in May.",
            "aware",
        )
        .expect("aware");
        assert_eq!(s, ["The harbour master"]);
        assert!(content.contains("the channel will reopen"), "{content}");
        let (s, _) = cue_of(
            "The fishermen were upbeat about the new quota for cod.",
            "upbeat",
        )
        .expect("upbeat");
        assert_eq!(s, ["The fishermen"]);
        let (s, content) = cue_of(
            "The ferry operator was eager to add a night crossing.",
            "eager",
        )
        .expect("eager");
        assert_eq!(s, ["The ferry operator"]);
        assert!(content.contains("add a night crossing"), "{content}");
        // The writer's judgement, advice and a likeness are no attributions.
        assert!(cue_of("It is clear that the channel will reopen in May.", "clear").is_none());
        assert!(cue_of("The pilots should be willing to sail at night.", "willing").is_none());
        assert!(cue_of(
            "The delay was emblematic of the port's troubles.",
            "emblematic"
        )
        .is_none());
    }

    #[test]
    fn plain_actions_are_no_cues() {
        assert!(claims("The ferry left the harbour at noon and docked an hour later.").is_empty());
    }

    #[test]
    fn lists_are_sorted() {
        for list in [
            RELATIVE,
            ABOUT,
            TOWARDS,
            TARGETED,
            QUESTION,
            CONTROLLERS,
            CLAUSE_OPENERS,
            ADJECTIVE_LINKS,
            CONSEQUENCE,
            PERSONS,
            VOLITION,
            MODALS,
            VIEW_NOUNS,
            HEADLINE_NOMINAL,
            HEADLINE_OPENERS,
        ] {
            for w in list.windows(2) {
                assert!(w[0] < w[1], "{:?} before {:?}", w[0], w[1]);
            }
        }
    }
}
