//! The draft judge: is a draft the dependency parse reads (cue, source and content) an
//! attribution?
//!
//! The token classifier ([`super::cuemodel`]) judges a word alone; [`frames`](super::frames)
//! then reads every noun and verb it does not rule out into a draft, and this judge decides on
//! the whole drafts the classifier's thresholds drop (keeping those whose content holds a
//! verb, and those above the word's threshold that only the verbless gate drops, task 6AC; a
//! verb's draft whose content holds a verb is decided on its probability blended with the
//! classifier's, task 6AP),
//! from: the classifier's probability in buckets, the cue's lemma and relation, the lemma of
//! the head word that opens a cue of several words (a controller, "began to say", task 6AF), the
//! frame its content was read in (clausal complement with or without "that", object, `about`
//! oblique, passive subject, a clause it is tacked on to, a noun's clause…), the content's
//! length and whether it holds a verb, the kind of source (none, pronoun, name, role noun,
//! other noun, an actor mention), where source and content stand, quotation marks, negation,
//! modals and whether a surface frame read a cue in the same sentence; and, from the whole
//! article and sentence (task 6AG, [`Around`]), how often the cue's lemma occurs elsewhere in
//! the article and the classifier's highest and mean probability there, whether a surface
//! frame read it as a cue elsewhere, the article's attribution density, a quote-heavy
//! stretch, the number of candidates in the sentence and the draft's rank among them, a
//! likely cue inside its content or above its cue, and the nearest surface cue; and the route
//! that brought the draft (task 6AM, [`Route`]: the loose reading, a verbless draft below the
//! word's threshold; the ordinary drafts see no route feature). Its weights are
//! `data/cues/draft-model.tsv` of `byline-lexicon`, trained on the PolNeAR train and dev splits
//! with the candidate drafts generated as at run time (`byline eval polnear --folds 5
//! --write-models`).
//!
//! [`collect_drafts`] and [`with_draft_judge`] let the trainer and the tuner see the candidates
//! and replace the model or its threshold, on the calling thread only.

use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

use byline_lexicon::cues::model::{draft_model, CueModel};
use byline_lexicon::cues::Cues;
use byline_nlp::Upos;

use super::claims::{Content, Draft};
use super::{head, phrase_head, Work};

/// A draft is kept when the judge gives it at least this probability (chosen on PolNeAR dev,
/// docs/attribution.md).
pub(crate) const MIN_DRAFT: f32 = 0.45;

/// A loose draft (`frames.rs`, `fallback`) below the classifier's bar for the loose reading is
/// kept when the judge gives it at least this probability (tasks 6AM, 6AN: on 5-fold
/// cross-validation on PolNeAR train it adds cues +105 right of +163 predicted held out;
/// 0.55 and 0.75 gained less there and lost cues on dev; docs/attribution.md, 6AM, 6AN).
pub(crate) const MIN_LOOSE_DRAFT: f32 = 0.65;

/// Whether the built-in judge decides by default. On: it adds to the classifier's thresholds
/// the drafts it gives at least [`MIN_DRAFT`] whose content holds a verb (PolNeAR dev overlap
/// F1 sources 0.798 → 0.799, cues 0.779 → 0.782; gold claims 0.843 → 0.836;
/// docs/attribution.md, 6H). Off, the thresholds alone decide unless [`with_draft_judge`] or
/// `byline eval polnear --draft-judge` turn it on.
const ENABLED: bool = true;

/// Candidates below this token-classifier probability are not read at all (the same at
/// training and at run time): reading every noun and verb costs time and such words are
/// almost never cues.
pub(crate) const FLOOR: f32 = 0.02;

/// One candidate draft seen while collecting: its features and the byte ranges (of the
/// normalised text) of its cue and sources.
#[derive(Clone, Debug)]
pub struct DraftExample {
    /// Feature names, the parts joined with `=`.
    pub features: Vec<String>,
    /// Byte range of the cue.
    pub cue: (usize, usize),
    /// Byte ranges of the sources.
    pub sources: Vec<(usize, usize)>,
    /// A draft of the surface frames, read before the parse frames and not judged (its
    /// features are empty): a gold cue it covers is no gain for a candidate.
    pub surface: bool,
}

/// Models replacing the built-in ones while documents are extracted on one thread
/// ([`with_overrides`], [`collect_drafts_with`]): those of a cross-validation fold, trained
/// without the documents extracted. Shared (`Arc`) so that setting them per document is cheap.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    /// A lexicon whose learnt counts (`learnt.tsv`, `reads.tsv`) replace the built-in ones in
    /// the features of the token classifier and of the judge (see `Cues::with_counts`).
    pub lexicon: Option<Arc<Cues>>,
    /// A token classifier replacing `cue-model.tsv`.
    pub token: Option<Arc<CueModel>>,
    /// A draft judge replacing `draft-model.tsv`.
    pub judge: Option<Arc<CueModel>>,
    /// A threshold replacing the built-in one (a draft is kept at this judge probability).
    pub threshold: Option<f32>,
    /// A source chooser replacing `source-model.tsv` (an empty model turns the chooser off).
    pub source: Option<Arc<CueModel>>,
    /// A margin replacing the chooser's built-in one (`MARGIN` of `chooser.rs`).
    pub margin: Option<f32>,
}

/// What the calling thread asked of the judge.
#[derive(Default)]
struct Settings {
    /// Candidates collected, when collecting (every candidate is then kept).
    log: Option<Vec<DraftExample>>,
    /// Models replacing the built-in ones.
    over: Overrides,
    /// The judge decides (turned on by [`with_draft_judge`]).
    on: bool,
}

thread_local! {
    static SETTINGS: RefCell<Settings> = RefCell::new(Settings::default());
}

/// Runs `f` (documents extracted on this thread) keeping every candidate draft the parse
/// reads, and returns its result with the candidates' features: the training data of the
/// judge. `token_model` (a `cue-model.tsv` text) replaces the token classifier meanwhile: one
/// trained without the documents of `f`, so that its probabilities are as unsure as on unseen
/// text.
pub fn collect_drafts<R>(
    token_model: Option<&str>,
    f: impl FnOnce() -> R,
) -> crate::Result<(R, Vec<DraftExample>)> {
    let over = Overrides {
        token: parse_model(token_model, "cue model")?.map(Arc::new),
        ..Overrides::default()
    };
    Ok(collect_drafts_with(&over, f))
}

/// [`collect_drafts`] with the token classifier and the learnt counts of `over` (its judge
/// and threshold play no part: every candidate is kept).
pub fn collect_drafts_with<R>(over: &Overrides, f: impl FnOnce() -> R) -> (R, Vec<DraftExample>) {
    SETTINGS.with(|s| {
        let mut s = s.borrow_mut();
        s.log = Some(Vec::new());
        s.over = over.clone();
    });
    let r = f();
    let log = SETTINGS.with(|s| {
        let mut s = s.borrow_mut();
        s.over = Overrides::default();
        s.log.take()
    });
    (r, log.unwrap_or_default())
}

/// Runs `f` (documents extracted on this thread) with the models of `over` in place of the
/// built-in ones; the judge decides as by default (or as [`with_draft_judge`] set, around it).
pub fn with_overrides<R>(over: &Overrides, f: impl FnOnce() -> R) -> R {
    let before = SETTINGS.with(|s| std::mem::replace(&mut s.borrow_mut().over, over.clone()));
    let r = f();
    SETTINGS.with(|s| s.borrow_mut().over = before);
    r
}

/// The model a `cue-model.tsv`-format text holds, if one is given; `what` names it in the error.
fn parse_model(text: Option<&str>, what: &str) -> crate::Result<Option<CueModel>> {
    text.map(|t| {
        CueModel::parse(t).map_err(|e| crate::Error::Load {
            what: what.into(),
            message: e.to_string(),
        })
    })
    .transpose()
}

/// The token classifier that replaces the built-in one, if any.
pub(crate) fn token_model() -> Option<Arc<CueModel>> {
    SETTINGS.with(|s| s.borrow().over.token.clone())
}

/// The source chooser and its margin that replace the built-in ones, if any.
pub(crate) fn source_override() -> (Option<Arc<CueModel>>, Option<f32>) {
    SETTINGS.with(|s| {
        let s = s.borrow();
        (s.over.source.clone(), s.over.margin)
    })
}

/// The lexicon whose learnt counts replace the built-in ones, if any.
pub(crate) fn lexicon() -> Option<Arc<Cues>> {
    SETTINGS.with(|s| s.borrow().over.lexicon.clone())
}

/// Runs `f` (documents extracted on this thread) with the draft judge deciding on the parse
/// frames' drafts: `model` (a `draft-model.tsv` text) instead of the built-in one, `threshold`
/// instead of the built-in one, if given. For tuning, and for trying the judge.
pub fn with_draft_judge<R>(
    model: Option<&str>,
    threshold: Option<f32>,
    f: impl FnOnce() -> R,
) -> crate::Result<R> {
    let model = parse_model(model, "draft model")?.map(Arc::new);
    // What was set before (by `with_overrides` around it) comes back afterwards.
    let before = SETTINGS.with(|s| {
        let mut s = s.borrow_mut();
        let before = (s.over.judge.clone(), s.over.threshold, s.on);
        s.over.judge = model.or_else(|| s.over.judge.clone());
        s.over.threshold = threshold.or(s.over.threshold);
        s.on = true;
        before
    });
    let r = f();
    SETTINGS.with(|s| {
        let mut s = s.borrow_mut();
        (s.over.judge, s.over.threshold, s.on) = before;
    });
    Ok(r)
}

/// True while candidates are collected for training: every candidate is then kept.
pub(crate) fn collecting() -> bool {
    SETTINGS.with(|s| s.borrow().log.is_some())
}

/// True when a judge is there to decide (a model with weights, or collecting): the parse
/// frames then read every candidate above [`FLOOR`] instead of applying the classifier's
/// thresholds.
pub(crate) fn active() -> bool {
    SETTINGS.with(|s| {
        let s = s.borrow();
        s.log.is_some()
            || ((s.on || ENABLED)
                && s.over
                    .judge
                    .as_ref()
                    .map_or(!draft_model().is_empty(), |m| !m.is_empty()))
    })
}

/// How the parse read a draft's content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Frame {
    /// A clausal complement (`ccomp`).
    Ccomp,
    /// An open clausal complement (`xcomp`).
    Xcomp,
    /// A direct object.
    Obj,
    /// The passive subject of a passive with an agent.
    Passive,
    /// A light verb with its cue noun ("voiced support for C").
    Light,
    /// The indirect object with the clause after it.
    Iobj,
    /// A clause led by a preposition ("accused of hiding C").
    AboutClause,
    /// An `about`/`of`/`on`… oblique.
    About,
    /// An `against`/`at`/`to`… oblique.
    Towards,
    /// The clause it is tacked on to ("C, she argued").
    Tacked,
    /// A noun's clause or nominal.
    Noun,
    /// The loose reading of a verb no other frame reads (`frames.rs`, `fallback`).
    Loose,
}

impl Frame {
    fn name(self) -> &'static str {
        match self {
            Frame::Ccomp => "ccomp",
            Frame::Xcomp => "xcomp",
            Frame::Obj => "obj",
            Frame::Passive => "passive",
            Frame::Light => "light",
            Frame::Iobj => "iobj",
            Frame::AboutClause => "about-clause",
            Frame::About => "about",
            Frame::Towards => "towards",
            Frame::Tacked => "tacked",
            Frame::Noun => "noun",
            Frame::Loose => "loose",
        }
    }
}

/// Which rule of [`frames`](super::frames) brought a draft to the judge (task 6AM): the judge
/// learns a bar of its own for each. (6AM's routes for a verb inside another draft's content,
/// collected but never judged at run time, lost on 5-fold cross-validation and dev against
/// leaving those verbs out of the judge's training, task 6AN.)
#[derive(Clone, Copy, Debug)]
pub(crate) enum Route {
    /// A parse frame's draft outside every other draft.
    Ordinary,
    /// The loose reading of a verb no frame reads (`fallback`).
    Loose,
    /// A parse frame's draft below the word's threshold whose content has no verb.
    Verbless,
}

impl Route {
    fn name(self) -> &'static str {
        match self {
            Route::Ordinary => "ordinary",
            Route::Loose => "loose",
            Route::Verbless => "verbless",
        }
    }
}

/// Records the surface frames' drafts while collecting.
pub(crate) fn log_surface(w: &Work, drafts: &[Draft]) {
    SETTINGS.with(|s| {
        if let Some(log) = s.borrow_mut().log.as_mut() {
            log.extend(
                drafts
                    .iter()
                    .filter(|d| d.cue.1 > d.cue.0)
                    .map(|d| example(w, d, Vec::new(), true)),
            );
        }
    });
}

/// Draft `d` as a training example: its cue and sources as byte ranges, with `features`.
fn example(w: &Work, d: &Draft, features: Vec<String>, surface: bool) -> DraftExample {
    let bytes = |(a, b): (usize, usize)| (w.toks[a].start, w.toks[b - 1].end);
    DraftExample {
        features,
        cue: bytes(d.cue),
        sources: d.sources.iter().map(|&x| bytes(x)).collect(),
        surface,
    }
}

/// The judge's verdict on draft `d` read at cue word `v` in `frame`, `p` being the token
/// classifier's probability; `around` is what the judge sees of the article and the sentence:
/// whether its probability clears the judge's threshold ([`MIN_DRAFT`]), and that probability
/// (the blend of task 6AP in [`frames`](super::frames) weighs it with `p`). While collecting,
/// the draft is recorded and kept (probability 1).
pub(crate) fn verdict(
    w: &Work,
    d: &Draft,
    v: usize,
    frame: Frame,
    p: f32,
    around: &Around<'_>,
    route: Route,
) -> (bool, f32) {
    SETTINGS.with(|s| {
        let mut s = s.borrow_mut();
        let s = &mut *s;
        if let Some(log) = s.log.as_mut() {
            let mut names = Vec::new();
            let cues = s.over.lexicon.as_deref().unwrap_or(w.cues);
            features(w, cues, d, v, frame, p, around, route, &mut |f| {
                names.push(f.join("="))
            });
            log.push(example(w, d, names, false));
            return (true, 1.0);
        }
        let least = match route {
            Route::Loose => MIN_LOOSE_DRAFT,
            _ => s.over.threshold.unwrap_or(MIN_DRAFT),
        };
        let model = s.over.judge.as_deref().unwrap_or_else(|| draft_model());
        let cues = s.over.lexicon.as_deref().unwrap_or(w.cues);
        let j = model.score_features(|f| features(w, cues, d, v, frame, p, around, route, f));
        (j >= least, j)
    })
}

/// Buckets of a length in tokens.
fn length_bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2..=3 => "2-3",
        4..=7 => "4-7",
        8..=15 => "8-15",
        _ => "16+",
    }
}

/// Buckets of a probability, in tenths.
/// The judge's features that name the cue word itself (its lemma by part of speech, and its
/// `learnt.tsv` share, which stands in as `learnt=none`, how an unseen word looks): what
/// lexical dropout (`TrainOptions::dropout`) leaves out while training.
pub const JUDGE_LEXICAL: &[(&str, Option<&str>)] =
    &[("lemma", None), ("learnt", Some("learnt=none"))];

const TENTHS: [&str; 11] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "9"];

/// Negations of a verb.
const NEGATIONS: &[&str] = &["n't", "never", "not"];

/// Modal verbs.
const MODALS: &[&str] = &[
    "can", "could", "may", "might", "must", "shall", "should", "will", "would",
];

/// Words that open a content worth naming ("that C", "whether C", "to V", "about C").
const OPENERS: &[&str] = &[
    "about", "against", "for", "how", "if", "of", "on", "over", "that", "to", "what", "whether",
    "why",
];

/// The kind of the phrase `(a, b)`: the part of speech of its head word, a role noun of
/// `roles.tsv` apart.
fn kind(w: &Work, (a, b): (usize, usize)) -> &'static str {
    let Some(h) = phrase_head(w, (a, b)) else {
        return "other";
    };
    match super::upos(w, h) {
        Some(Upos::Pron) => "pron",
        Some(Upos::Propn) => "propn",
        Some(Upos::Noun) if w.cues.role(&w.toks[h].lower).is_some() => "role",
        Some(Upos::Noun) => "noun",
        _ => "other",
    }
}

/// Calls `f` with the parts of every feature of draft `d`, read at cue word `v` in `frame`
/// with token-classifier probability `p`; the learnt counts are those of `cues`.
#[allow(clippy::too_many_arguments)]
fn features(
    w: &Work,
    cues: &Cues,
    d: &Draft,
    v: usize,
    frame: Frame,
    p: f32,
    around: &Around<'_>,
    route: Route,
    f: &mut dyn FnMut(&[&str]),
) {
    let surface = &around.surface;
    let Some(syn) = w.toks[v].syn.as_ref() else {
        return;
    };
    let upos = syn.upos.as_str();
    let fr = frame.name();
    let pb = TENTHS[((p * 10.0) as usize).min(10)];
    f(&["bias"]);
    f(&["p", pb]);
    f(&["p", pb, upos]);
    f(&["p", pb, fr]);
    f(&["lemma", &syn.lemma, upos]);
    f(&["frame", fr]);
    f(&["frame", fr, upos]);
    f(&["rel", syn.deprel]);
    f(&["rel", syn.deprel, fr]);
    if d.cue.1 - d.cue.0 > 1 {
        f(&["cue-words", "many"]);
    }
    // A cue opened by the head of its word (task 6AF): an infinitive read with its controller
    // ("began to say C", "went on to say C"), a noun with its light verb ("voiced concern"):
    // that head's lemma.
    if d.cue.0 < v && syn.head == Some(d.cue.0) {
        if let Some(c) = w.toks[d.cue.0].syn.as_ref() {
            f(&["control", &c.lemma]);
        }
    }
    match cues.learnt(&syn.lemma, upos) {
        Some(l) if l.total > 0 => f(&["learnt", TENTHS[((l.cue * 10) / l.total).min(10) as usize]]),
        _ => f(&["learnt", "none"]),
    }
    if w.cues.verb(&w.toks[v].lower).is_some() {
        f(&["verbs-tsv"]);
    }
    // Its dependents: negation, modal, passive.
    let sent = w.sentence_of(v);
    for k in sent.clone() {
        let Some(s) = w.toks[k].syn.as_ref() else {
            continue;
        };
        if s.head != Some(v) {
            continue;
        }
        let lower = w.toks[k].lower.as_str();
        if super::is_in(NEGATIONS, lower) {
            f(&["neg"]);
        }
        if s.deprel == "aux" && super::is_in(MODALS, lower) {
            f(&["modal"]);
        }
        if s.deprel == "aux:pass" {
            f(&["passive-aux", fr]);
        }
    }
    // The content.
    let (ca, cb) = match d.content {
        Content::Tokens(a, b) => (a, b),
        Content::Quote(_) => (v, v),
    };
    let clen = length_bucket(cb.saturating_sub(ca));
    f(&["clen", clen]);
    f(&["clen", clen, fr]);
    let verb = super::any_verb(w, ca, cb);
    let cverb = if verb { "y" } else { "n" };
    f(&["cverb", cverb]);
    f(&["cverb", cverb, fr]);
    let cside = if ca > v { "after" } else { "before" };
    f(&["cside", cside, fr]);
    if ca < cb {
        let first = w.toks[ca].lower.as_str();
        let opener = if super::is_in(OPENERS, first) {
            first
        } else {
            w.toks[ca].syn.as_ref().map_or("-", |s| s.upos.as_str())
        };
        f(&["cfirst", opener]);
        f(&["cfirst", opener, fr]);
        let quoted = (ca..cb).any(|k| w.toks[k].quote.is_some() || w.toks[k].mark);
        if quoted {
            f(&["cquote"]);
        }
        if cb == sent.end || (cb < sent.end && (cb..sent.end).all(|k| w.toks[k].punct)) {
            f(&["cend"]);
        }
        // The content's head word: a full clause has a subject of its own.
        if let Some(h) = phrase_head(w, (ca, cb)) {
            if let Some(hs) = w.toks[h].syn.as_ref() {
                f(&["chead", hs.upos.as_str(), fr]);
                let subject = sent.clone().any(|k| {
                    w.toks[k]
                        .syn
                        .as_ref()
                        .is_some_and(|s| s.head == Some(h) && s.deprel.starts_with("nsubj"))
                });
                if subject {
                    f(&["cfull", fr]);
                }
            }
        }
    }
    // The word the cue hangs on ("refused to comment", "wants to know").
    if let Some(h) = syn.head.and_then(|h| w.toks[h].syn.as_ref()) {
        f(&["head", &h.lemma, syn.deprel]);
    }
    // The source.
    let (skind, sside, slen) = match d.sources.first() {
        None => ("none", "-", "0"),
        Some(&s) => (
            kind(w, s),
            if s.0 < v { "before" } else { "after" },
            length_bucket(s.1 - s.0),
        ),
    };
    f(&["skind", skind]);
    f(&["skind", skind, fr]);
    f(&["skind", skind, upos]);
    f(&["sside", sside, skind]);
    f(&["slen", slen]);
    if let Some(&(a, b)) = d.sources.first() {
        if let Some(h) = phrase_head(w, (a, b)) {
            if matches!(skind, "pron" | "role") {
                f(&["shead", &w.toks[h].lower]);
            }
        }
        let gap = if b <= v {
            v - b
        } else {
            a.saturating_sub(d.cue.1)
        };
        f(&["sgap", length_bucket(gap)]);
        let (x, y) = (w.toks[a].start, w.toks[b - 1].end);
        if w.mentions.iter().any(|m| m.0 < y && x < m.1) {
            f(&["sactor"]);
        }
    }
    // The sentence: quotation marks, surface cues, position.
    let marks = sent.clone().filter(|&k| w.toks[k].mark).count();
    f(&["marks", if marks > 0 { "y" } else { "n" }]);
    let s = w.toks[v].sent;
    f(&[
        "surface",
        if surface.get(s).copied().unwrap_or(false) {
            "y"
        } else {
            "n"
        },
    ]);
    if s == 0 {
        f(&["first-sentence"]);
    }
    if v == sent.start || (sent.start..v).all(|k| w.toks[k].punct) {
        f(&["cue-first"]);
    }
    if syn.head.is_none() {
        f(&["root", upos]);
    }
    around.features(w, d, v, p, f);
    // The route (task 6AM): the ordinary drafts see no feature of it, so that the judge's
    // weights for them stay what they were.
    if !matches!(route, Route::Ordinary) {
        let r = route.name();
        let pc = coarse(p);
        f(&["route", r]);
        f(&["route", r, pc]);
        f(&["route", r, fr]);
        f(&["route", r, "cverb", cverb]);
        f(&["route", r, "skind", skind]);
    }
}

/// Buckets of a count.
fn count_bucket(n: usize) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2 => "2",
        3 => "3",
        4..=7 => "4-7",
        _ => "8+",
    }
}

/// Coarse buckets of a probability.
fn coarse(p: f32) -> &'static str {
    if p < 0.1 {
        "<.1"
    } else if p < 0.3 {
        ".1-.3"
    } else if p < 0.5 {
        ".3-.5"
    } else if p < 0.8 {
        ".5-.8"
    } else {
        ".8+"
    }
}

/// What the judge sees of the article and of the sentence around a draft (task 6AG), taken
/// once per document from what the first reading already has, without parsing again: the
/// token classifier's probability of every candidate word (nouns and verbs outside quotes)
/// and the cues of the surface frames' drafts.
pub(crate) struct Around<'w> {
    /// The sentences where a surface frame read a cue.
    surface: Vec<bool>,
    /// The classifier's probability of every token (0 for non-candidates).
    probs: Vec<f32>,
    /// Tokens that are candidates (nouns and verbs outside quotes).
    cand: Vec<bool>,
    /// Tokens of a surface draft's cue.
    surface_cue: Vec<bool>,
    /// The positions of those tokens, in order.
    surface_at: Vec<usize>,
    /// Candidate tokens by lemma.
    by_lemma: HashMap<&'w str, Vec<usize>>,
    /// Lemmas of the surface drafts' cue words.
    surface_lemmas: HashSet<&'w str>,
    /// The article's attribution density, bucketed.
    density: &'static str,
    /// The share of tokens inside quotes, by sentence.
    quoted: Vec<f32>,
}

impl<'w> Around<'w> {
    /// The context of document `w` whose surface drafts are `drafts`, `score` giving the
    /// classifier's probability of a token.
    pub(crate) fn new(w: &'w Work, drafts: &[Draft], score: impl Fn(usize) -> f32) -> Around<'w> {
        let n = w.toks.len();
        let mut surface = vec![false; w.sents.len()];
        let mut surface_cue = vec![false; n];
        let mut surface_lemmas = HashSet::new();
        for d in drafts {
            if let Some(x) = w.toks.get(d.cue.0).and_then(|t| surface.get_mut(t.sent)) {
                *x = true;
            }
            let a = d.cue.0.min(n);
            let b = d.cue.1.min(n).max(a);
            for (x, t) in surface_cue[a..b].iter_mut().zip(&w.toks[a..b]) {
                *x = true;
                if let Some(s) = t.syn.as_ref() {
                    if matches!(s.upos, Upos::Verb | Upos::Noun) {
                        surface_lemmas.insert(s.lemma.as_str());
                    }
                }
            }
        }
        let mut probs = vec![0.0; n];
        let mut cand = vec![false; n];
        let mut by_lemma: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, t) in w.toks.iter().enumerate() {
            let Some(s) = t.syn.as_ref() else { continue };
            if t.quote.is_some() || !matches!(s.upos, Upos::Verb | Upos::Noun) {
                continue;
            }
            cand[i] = true;
            probs[i] = score(i);
            by_lemma.entry(s.lemma.as_str()).or_default().push(i);
        }
        let sure = probs.iter().filter(|&&p| p >= 0.5).count() + drafts.len();
        let per = sure as f32 / w.sents.len().max(1) as f32;
        let density = if per < 0.25 {
            "<.25"
        } else if per < 0.5 {
            ".25-.5"
        } else if per < 0.75 {
            ".5-.75"
        } else if per < 1.0 {
            ".75-1"
        } else {
            "1+"
        };
        let quoted = w
            .sents
            .iter()
            .map(|r| {
                let q = r.clone().filter(|&k| w.toks[k].quote.is_some()).count();
                q as f32 / r.len().max(1) as f32
            })
            .collect();
        let surface_at = (0..n).filter(|&k| surface_cue[k]).collect();
        Around {
            surface,
            probs,
            cand,
            surface_cue,
            surface_at,
            by_lemma,
            surface_lemmas,
            density,
            quoted,
        }
    }

    /// The classifier's probability of candidate token `i`, if it is one.
    pub(crate) fn prob(&self, i: usize) -> Option<f32> {
        self.cand
            .get(i)
            .copied()
            .unwrap_or(false)
            .then(|| self.probs[i])
    }

    /// Calls `f` with the article's and the sentence's features of draft `d` at cue word `v`.
    fn features(&self, w: &Work, d: &Draft, v: usize, p: f32, f: &mut dyn FnMut(&[&str])) {
        let Some(syn) = w.toks[v].syn.as_ref() else {
            return;
        };
        let upos = syn.upos.as_str();
        let pc = coarse(p);
        // The article.
        {
            let others = || {
                let same = self
                    .by_lemma
                    .get(syn.lemma.as_str())
                    .map_or(&[][..], Vec::as_slice);
                same.iter().copied().filter(|&k| k != v)
            };
            let n = others().count();
            let count = count_bucket(n.min(3));
            f(&["a-others", count]);
            f(&["a-others", count, pc]);
            if let Some(max) = others().map(|k| self.probs[k]).reduce(f32::max) {
                let mean = others().map(|k| self.probs[k]).sum::<f32>() / n as f32;
                f(&["a-max", coarse(max)]);
                f(&["a-max", coarse(max), pc]);
                f(&["a-mean", coarse(mean)]);
            }
            if self.surface_lemmas.contains(syn.lemma.as_str()) {
                f(&["a-surface-lemma"]);
                f(&["a-surface-lemma", pc]);
            }
            f(&["a-density", self.density]);
            let s = w.toks[v].sent;
            let lo = s.saturating_sub(1);
            let hi = (s + 2).min(self.quoted.len());
            if lo < hi {
                let q = self.quoted[lo..hi].iter().sum::<f32>() / (hi - lo) as f32;
                if q >= 0.3 {
                    f(&["a-quoted"]);
                }
            }
        }
        // The sentence.
        {
            let sent = w.sentence_of(v);
            let cands: Vec<usize> = sent
                .clone()
                .filter(|&k| self.cand[k] && self.probs[k] >= FLOOR)
                .collect();
            f(&["s-cands", count_bucket(cands.len())]);
            let rank = cands
                .iter()
                .filter(|&&k| k != v && self.probs[k] > p)
                .count();
            let rank = count_bucket(rank.min(3));
            f(&["s-rank", rank]);
            f(&["s-rank", rank, upos]);
            if let Some(max) = cands
                .iter()
                .filter(|&&k| k != v)
                .map(|&k| self.probs[k])
                .reduce(f32::max)
            {
                f(&["s-max", coarse(max), pc]);
            }
            // Nesting: the content holds a likely cue; the cue hangs (through its heads) on one.
            if let Content::Tokens(a, b) = d.content {
                if (a..b).any(|k| k != v && self.cand[k] && self.probs[k] >= 0.5) {
                    f(&["s-content-holds"]);
                }
                if (a..b).any(|k| self.surface_cue.get(k).copied().unwrap_or(false)) {
                    f(&["s-content-surface"]);
                }
            }
            let mut h = syn.head;
            let mut steps = 0;
            while let Some(x) = h {
                if steps > 30 {
                    break;
                }
                if self.surface_cue[x] {
                    f(&["s-under", "surface"]);
                    break;
                }
                if self.cand[x] && self.probs[x] >= 0.5 {
                    f(&["s-under", "likely"]);
                    break;
                }
                h = head(w, x);
                steps += 1;
            }
            // The nearest surface cue, in tokens.
            let near = {
                let at = self.surface_at.partition_point(|&k| k < v);
                let below = at.checked_sub(1).map(|i| self.surface_at[i]);
                let above = self.surface_at.get(at).copied();
                match (below, above) {
                    (Some(b), Some(a)) if a - v < v - b => Some(a),
                    (Some(b), _) => Some(b),
                    (None, a) => a,
                }
            };
            let near = match near {
                None => "none",
                Some(k) if w.toks[k].sent == w.toks[v].sent => "sentence",
                Some(k) => match k.abs_diff(v) {
                    0..=30 => "near",
                    31..=100 => "mid",
                    _ => "far",
                },
            };
            f(&["s-surface-near", near]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted() {
        for list in [NEGATIONS, MODALS, OPENERS] {
            for w in list.windows(2) {
                assert!(w[0] < w[1], "{:?} before {:?}", w[0], w[1]);
            }
        }
    }

    #[test]
    fn the_built_in_judge_loads() {
        // The committed file parses (an unreadable one would silently disable the judge).
        let text = include_str!("../../../lexicon/data/cues/draft-model.tsv");
        assert!(CueModel::parse(text).is_ok());
        assert!(!draft_model().is_empty());
    }
}
