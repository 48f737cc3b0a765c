//! The `byline-gold/1` scorer: every layer of a `byline/1` document against hand-made gold.
//!
//! A gold file names its text file (`text_file`, relative to the gold file) and its publication
//! date, and lists `sources` (an object keyed by id), `claims`, `quotes`, `events`, `times`,
//! `actors` and `notices`. Scoring follows DESIGN section 8:
//! - spans match when their character-level overlap F1 is at least 0.5 (quotes: 0.8, ignoring
//!   quotation marks and trailing punctuation); matching is one-to-one, best overlap first;
//! - a claim matches when its span matches and one of its sources (or what they refer to) matches
//!   one of the gold sources of that claim (or what they refer to); a gold claim without sources
//!   wants a claim without sources;
//! - a quote matches when its span matches and its speaker matches one of the gold `speakers`;
//! - events are unique (type, actor, target) triples per document; an actor matches a gold code
//!   when its `country` or `code` starts with it, or its name contains it; `symmetric` events
//!   match either way round; `target_optional` events match whatever the target;
//! - times: detection by span, normalisation by exact `value`;
//! - actors are scored as entities: gold entries sharing a `name` (or linked by `same_as`) form
//!   one entity, matched by any overlapping mention;
//! - notices match on kind, cue span and, when the gold names one, the actor;
//! - `optional` gold items count neither as missed nor as wrong.
//!
//! Factuality accuracy is taken over matched claims whose gold states a `factuality`.
//!
//! ```
//! use byline_eval::gold::{score, Gold};
//! use byline_model::{Document, Span};
//!
//! let gold: Gold = serde_json::from_str(
//!     r#"{"schema": "byline-gold/1", "text_file": "t.txt",
//!         "times": [{"text": "Monday", "span": [3, 9], "value": "2025-01-06"}]}"#,
//! ).unwrap();
//! let doc = Document::new("On Monday it rained.".to_string());
//! let scores = score(&gold, &doc, "On Monday it rained.");
//! assert_eq!(scores.times.gold, 1);
//! assert_eq!(scores.times.correct, 0);
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use byline_model::{Actor, CharMap, Document, Span};
use serde::Deserialize;

use crate::prf::Counts;
use crate::{Error, Result};

/// The schema name of gold files.
pub const GOLD_SCHEMA: &str = "byline-gold/1";

/// One `byline-gold/1` file.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Gold {
    /// Always `byline-gold/1`.
    pub schema: String,
    /// The text file, relative to the gold file.
    pub text_file: String,
    /// Publication date.
    #[serde(default)]
    pub published: Option<String>,
    /// Outlets the report passes on.
    #[serde(default)]
    pub relayed_from: Vec<String>,
    /// Sources by id.
    #[serde(default)]
    pub sources: BTreeMap<String, GoldSource>,
    /// Claims.
    #[serde(default)]
    pub claims: Vec<GoldClaim>,
    /// Direct quotes.
    #[serde(default)]
    pub quotes: Vec<GoldQuote>,
    /// Events.
    #[serde(default)]
    pub events: Vec<GoldEvent>,
    /// Time expressions.
    #[serde(default)]
    pub times: Vec<GoldTime>,
    /// Actor mentions.
    #[serde(default)]
    pub actors: Vec<GoldActor>,
    /// Notices.
    #[serde(default)]
    pub notices: Vec<GoldNotice>,
}

/// A gold source.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct GoldSource {
    /// Its text.
    pub text: String,
    /// Its span (code points).
    pub span: Span,
    /// `named_person`, `anonymous`, `outlet` …
    #[serde(default)]
    pub kind: Option<String>,
    /// Number of people.
    #[serde(default)]
    pub count: Option<u32>,
    /// Role noun.
    #[serde(default)]
    pub role: Option<String>,
    /// Actor code or group name of the affiliation.
    #[serde(default)]
    pub affiliation: Option<String>,
    /// Earlier gold sources it re-mentions.
    #[serde(default)]
    pub refers_to: Vec<String>,
    /// Neither missed nor wrong.
    #[serde(default)]
    pub optional: bool,
}

/// A gold claim.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct GoldClaim {
    /// Its text.
    pub text: String,
    /// Its span.
    pub span: Span,
    /// Gold source ids.
    #[serde(default)]
    pub sources: Vec<String>,
    /// The cue's text.
    #[serde(default)]
    pub cue: Option<String>,
    /// Factuality (snake case).
    #[serde(default)]
    pub factuality: Option<String>,
    /// Direct speech.
    #[serde(default)]
    pub quote: bool,
    /// Neither missed nor wrong.
    #[serde(default)]
    pub optional: bool,
}

/// A gold quote.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct GoldQuote {
    /// Its text.
    pub text: String,
    /// Its span.
    pub span: Span,
    /// Gold source ids, any of which is a right speaker.
    #[serde(default)]
    pub speakers: Vec<String>,
    /// Neither missed nor wrong.
    #[serde(default)]
    pub optional: bool,
}

/// A gold event: any of `types`, from `actor` to `target`.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct GoldEvent {
    /// PLOVER types, any of which is right.
    pub types: Vec<String>,
    /// Actor code or group name.
    pub actor: String,
    /// Target code or group name.
    #[serde(default)]
    pub target: Option<String>,
    /// Matches either way round.
    #[serde(default)]
    pub symmetric: bool,
    /// Any target (or none) will do.
    #[serde(default)]
    pub target_optional: bool,
    /// Neither missed nor wrong.
    #[serde(default)]
    pub optional: bool,
}

/// A gold time expression.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct GoldTime {
    /// Its text.
    pub text: String,
    /// Its span.
    pub span: Span,
    /// TIMEX3 value.
    #[serde(default)]
    pub value: Option<String>,
    /// Neither missed nor wrong.
    #[serde(default)]
    pub optional: bool,
}

/// A gold actor mention.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct GoldActor {
    /// Its text.
    pub text: String,
    /// Its span.
    pub span: Span,
    /// ISO 3166-1 alpha-3 code.
    #[serde(default)]
    pub country: Option<String>,
    /// Actor kind.
    #[serde(default)]
    pub kind: Option<String>,
    /// Canonical name shared by mentions of one actor.
    #[serde(default)]
    pub name: Option<String>,
    /// Text of another entry naming the same actor.
    #[serde(default)]
    pub same_as: Option<String>,
    /// Neither missed nor wrong.
    #[serde(default)]
    pub optional: bool,
}

/// The words of a gold notice.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct GoldCue {
    /// Their text.
    pub text: String,
    /// Their span.
    pub span: Span,
}

/// A gold notice.
#[derive(Clone, Debug, Default, Deserialize)]
pub struct GoldNotice {
    /// `unverified`, `no_comment`, `denied`, `correction`.
    pub kind: String,
    /// Who makes the notice (a name).
    #[serde(default)]
    pub by: Option<String>,
    /// Who the notice is about (a name).
    #[serde(default)]
    pub actor: Option<String>,
    /// The cue.
    pub cue: GoldCue,
    /// Indices into the gold claims.
    #[serde(default)]
    pub about_claims: Vec<usize>,
    /// Neither missed nor wrong.
    #[serde(default)]
    pub optional: bool,
}

/// A gold file read from disk with its text.
#[derive(Clone, Debug)]
pub struct GoldFile {
    /// The gold file.
    pub path: PathBuf,
    /// Its content.
    pub gold: Gold,
    /// The text it annotates.
    pub text: String,
}

/// Reads one gold file and its text file.
pub fn read_file(path: &Path) -> Result<GoldFile> {
    let raw = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let gold: Gold = serde_json::from_str(&raw).map_err(|e| Error::Format {
        path: path.to_path_buf(),
        message: e.to_string(),
    })?;
    if gold.schema != GOLD_SCHEMA {
        return Err(Error::Format {
            path: path.to_path_buf(),
            message: format!("schema is {:?}, expected {GOLD_SCHEMA:?}", gold.schema),
        });
    }
    let text_path = path
        .parent()
        .unwrap_or_else(|| Path::new("."))
        .join(&gold.text_file);
    let text = std::fs::read_to_string(&text_path).map_err(|source| Error::Io {
        path: text_path.clone(),
        source,
    })?;
    let n = text.chars().count();
    let spans = gold
        .sources
        .values()
        .map(|s| s.span)
        .chain(gold.claims.iter().map(|c| c.span))
        .chain(gold.quotes.iter().map(|q| q.span))
        .chain(gold.times.iter().map(|t| t.span))
        .chain(gold.actors.iter().map(|a| a.span))
        .chain(gold.notices.iter().map(|a| a.cue.span));
    for s in spans {
        if s.0 > s.1 || s.1 > n {
            return Err(Error::Format {
                path: path.to_path_buf(),
                message: format!("span [{}, {}] outside the text ({n} characters)", s.0, s.1),
            });
        }
    }
    Ok(GoldFile {
        path: path.to_path_buf(),
        gold,
        text,
    })
}

/// Reads every `*.gold.json` file in `dir`, sorted by name.
pub fn read_dir(dir: &Path) -> Result<Vec<GoldFile>> {
    let entries = std::fs::read_dir(dir).map_err(|source| Error::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.ends_with(".gold.json"))
        })
        .collect();
    paths.sort();
    paths.iter().map(|p| read_file(p)).collect()
}

/// Share of right answers.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Accuracy {
    /// Right answers.
    pub correct: usize,
    /// Answers checked.
    pub total: usize,
}

impl Accuracy {
    /// correct / total (1 when nothing was checked).
    pub fn value(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.correct as f64 / self.total as f64
        }
    }

    fn check(&mut self, ok: bool) {
        self.total += 1;
        self.correct += usize::from(ok);
    }

    fn add(&mut self, o: Accuracy) {
        self.correct += o.correct;
        self.total += o.total;
    }
}

/// Scores of one or more documents on every layer.
#[derive(Clone, Debug, Default)]
pub struct Scores {
    /// Documents scored.
    pub documents: usize,
    /// Source mentions.
    pub sources: Counts,
    /// Claims (span + source).
    pub claims: Counts,
    /// Quotes (span + speaker).
    pub quotes: Counts,
    /// Event triples.
    pub events: Counts,
    /// Time detection.
    pub times: Counts,
    /// Time detection with the exact value.
    pub time_values: Counts,
    /// Actor entities.
    pub actors: Counts,
    /// Notices.
    pub notices: Counts,
    /// Outlets in `relayed_from`.
    pub relayed_from: Counts,
    /// Factuality over matched claims.
    pub factuality: Accuracy,
    /// Cue text over matched claims (either contains the other, ignoring case).
    pub cue: Accuracy,
    /// Source kind over matched sources.
    pub source_kind: Accuracy,
    /// Source count over matched anonymous sources.
    pub source_count: Accuracy,
    /// Source role over matched sources whose gold has one.
    pub source_role: Accuracy,
    /// Source affiliation over matched sources whose gold has one.
    pub source_affiliation: Accuracy,
    /// Actor country over matched actors.
    pub actor_country: Accuracy,
    /// One line per missed gold item (`-`), spurious prediction (`+`) or wrong attribute (`~`).
    pub errors: Vec<String>,
}

/// Defines a public by-name view of some fields (`$all`) and its private mutable twin (`$all_mut`),
/// from one list of field names, so that the two can never disagree.
macro_rules! named_fields {
    ($(#[$doc:meta])* $all:ident, $all_mut:ident, $ty:ty, [$($field:ident),* $(,)?]) => {
        $(#[$doc])*
        pub fn $all(&self) -> Vec<(&'static str, $ty)> {
            vec![$((stringify!($field), self.$field)),*]
        }

        fn $all_mut(&mut self) -> Vec<(&'static str, &mut $ty)> {
            vec![$((stringify!($field), &mut self.$field)),*]
        }
    };
}

impl Scores {
    /// Adds another document's scores.
    pub fn add(&mut self, o: &Scores) {
        self.documents += o.documents;
        for (a, b) in self.layers_mut().into_iter().zip(o.layers()) {
            a.1.add(b.1);
        }
        for (a, b) in self.accuracies_mut().into_iter().zip(o.accuracies()) {
            a.1.add(b.1);
        }
        self.errors.extend(o.errors.iter().cloned());
    }

    named_fields! {
        /// Every layer's counts, by name.
        layers, layers_mut, Counts,
        [sources, claims, quotes, events, times, time_values, actors, notices, relayed_from]
    }

    named_fields! {
        /// Every attribute accuracy, by name.
        accuracies, accuracies_mut, Accuracy,
        [factuality, cue, source_kind, source_count, source_role, source_affiliation, actor_country]
    }
}

/// Character-level overlap F1 of two spans.
pub fn overlap_f1(a: Span, b: Span) -> f64 {
    let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0));
    let total = a.len() + b.len();
    if inter == 0 || total == 0 {
        0.0
    } else {
        2.0 * inter as f64 / total as f64
    }
}

/// Threshold of [`overlap_f1`] for spans to match.
pub const SPAN_THRESHOLD: f64 = 0.5;
/// Threshold of [`overlap_f1`] for quotes (after trimming marks and punctuation).
pub const QUOTE_THRESHOLD: f64 = 0.8;

fn spans_match(a: Span, b: Span) -> bool {
    overlap_f1(a, b) >= SPAN_THRESHOLD
}

/// Narrows a span past quotation marks and spaces at both ends and punctuation at the end.
fn trim_quote(chars: &[char], span: Span) -> Span {
    let (mut s, mut e) = (span.0.min(chars.len()), span.1.min(chars.len()));
    let mark = |c: char| c.is_whitespace() || "\"'“”‘’«»„‚‹›".contains(c);
    while s < e && mark(chars[s]) {
        s += 1;
    }
    while e > s && (mark(chars[e - 1]) || ".,;:!?…".contains(chars[e - 1])) {
        e -= 1;
    }
    Span(s, e)
}

/// Maps spans of a document extracted from `raw` (after normalisation) back onto `raw`.
pub(crate) struct Aligner {
    map: Option<(CharMap, byline_text::Normalized, CharMap)>,
}

impl Aligner {
    pub(crate) fn new(doc_text: &str, raw: &str) -> Aligner {
        if doc_text == raw {
            return Aligner { map: None };
        }
        let normalized = byline_text::normalize(raw);
        if normalized.text != doc_text {
            return Aligner { map: None };
        }
        Aligner {
            map: Some((CharMap::new(doc_text), normalized, CharMap::new(raw))),
        }
    }

    pub(crate) fn span(&self, s: Span) -> Span {
        match &self.map {
            None => s,
            Some((doc_map, norm, raw_map)) => {
                let b = doc_map.bytes(s);
                raw_map.span(norm.original_offset(b.start), norm.original_offset(b.end))
            }
        }
    }
}

/// Greedy one-to-one matching, best score first; `score` is `None` for pairs that cannot match.
fn match_pairs(
    n_pred: usize,
    n_gold: usize,
    mut score: impl FnMut(usize, usize) -> Option<f64>,
) -> Vec<(usize, usize)> {
    let mut cand = Vec::new();
    for p in 0..n_pred {
        for g in 0..n_gold {
            if let Some(s) = score(p, g) {
                cand.push((s, p, g));
            }
        }
    }
    cand.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut used_p, mut used_g) = (vec![false; n_pred], vec![false; n_gold]);
    let mut out = Vec::new();
    for (_, p, g) in cand {
        if !used_p[p] && !used_g[g] {
            used_p[p] = true;
            used_g[g] = true;
            out.push((p, g));
        }
    }
    out
}

/// Counts from a matching, leaving out optional gold items and what matched them.
fn tally(
    n_pred: usize,
    optional: &[bool],
    pairs: &[(usize, usize)],
    layer: &str,
    pred_label: impl Fn(usize) -> String,
    gold_label: impl Fn(usize) -> String,
    errors: &mut Vec<String>,
) -> Counts {
    let mut c = Counts {
        correct: 0,
        predicted: n_pred,
        gold: optional.iter().filter(|o| !**o).count(),
    };
    let mut pred_matched = vec![false; n_pred];
    let mut gold_matched = vec![false; optional.len()];
    for &(p, g) in pairs {
        pred_matched[p] = true;
        gold_matched[g] = true;
        if optional[g] {
            c.predicted -= 1;
        } else {
            c.correct += 1;
        }
    }
    for (g, m) in gold_matched.iter().enumerate() {
        if !m && !optional[g] {
            errors.push(format!("{layer} - {}", gold_label(g)));
        }
    }
    for (p, m) in pred_matched.iter().enumerate() {
        if !m {
            errors.push(format!("{layer} + {}", pred_label(p)));
        }
    }
    c
}

/// Gold source ids plus everything they refer to, transitively.
fn expand_gold(gold: &Gold, ids: &[String]) -> Vec<Span> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id.to_string()) {
            continue;
        }
        if let Some(s) = gold.sources.get(id) {
            out.push(s.span);
            stack.extend(s.refers_to.iter().map(String::as_str));
        }
    }
    out
}

/// Predicted source ids plus everything they refer to, transitively, as gold-text spans.
fn expand_pred(doc: &Document, al: &Aligner, ids: &[String]) -> Vec<Span> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&str> = ids.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    while let Some(id) = stack.pop() {
        if !seen.insert(id.to_string()) {
            continue;
        }
        if let Some(s) = doc.sources.iter().find(|s| s.id == id) {
            out.push(al.span(s.span));
            stack.extend(s.refers_to.iter().map(String::as_str));
        }
    }
    out
}

fn any_match(a: &[Span], b: &[Span]) -> bool {
    a.iter().any(|x| b.iter().any(|y| spans_match(*x, *y)))
}

/// True when `actor` matches a gold actor code or group name.
pub fn actor_matches(actor: &Actor, gold: &str) -> bool {
    let starts = |v: &Option<String>| v.as_deref().is_some_and(|v| v.starts_with(gold));
    if starts(&actor.country) || starts(&actor.code) {
        return true;
    }
    let g = gold.to_lowercase();
    actor.name.to_lowercase().contains(&g)
        || actor
            .mentions
            .iter()
            .any(|m| m.text.to_lowercase().contains(&g))
}

fn actor_by_id<'a>(doc: &'a Document, id: Option<&str>) -> Option<&'a Actor> {
    id.and_then(|id| doc.actors.iter().find(|a| a.id == id))
}

fn snake<T: serde::Serialize>(v: &T) -> String {
    serde_json::to_value(v)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Scores one document `doc`, extracted from `raw`, against `gold`.
pub fn score(gold: &Gold, doc: &Document, raw: &str) -> Scores {
    let al = Aligner::new(&doc.text, raw);
    let chars: Vec<char> = raw.chars().collect();
    let slice = |s: Span| -> String {
        chars
            .get(s.0.min(chars.len())..s.1.min(chars.len()))
            .map(|c| c.iter().collect())
            .unwrap_or_default()
    };
    let mut sc = Scores {
        documents: 1,
        ..Scores::default()
    };
    let mut errors = Vec::new();

    // Sources.
    let gsrc: Vec<(&String, &GoldSource)> = gold.sources.iter().collect();
    let psrc: Vec<Span> = doc.sources.iter().map(|s| al.span(s.span)).collect();
    let pairs = match_pairs(psrc.len(), gsrc.len(), |p, g| {
        let f = overlap_f1(psrc[p], gsrc[g].1.span);
        (f >= SPAN_THRESHOLD).then_some(f + if gsrc[g].1.optional { 0.0 } else { 1e-6 })
    });
    let opt: Vec<bool> = gsrc.iter().map(|g| g.1.optional).collect();
    sc.sources = tally(
        psrc.len(),
        &opt,
        &pairs,
        "source",
        |p| format!("{:?} {:?}", doc.sources[p].text, psrc[p]),
        |g| format!("{} {:?} {:?}", gsrc[g].0, gsrc[g].1.text, gsrc[g].1.span),
        &mut errors,
    );
    for &(p, g) in &pairs {
        let (ps, gs) = (&doc.sources[p], gsrc[g].1);
        if gs.optional {
            continue;
        }
        let mut wrong = Vec::new();
        if let Some(kind) = &gs.kind {
            let ok = snake(&ps.kind) == *kind;
            sc.source_kind.check(ok);
            if !ok {
                wrong.push(format!("kind {} (gold {kind})", snake(&ps.kind)));
            }
        }
        if gs.kind.as_deref() == Some("anonymous") && gs.refers_to.is_empty() {
            let ok = ps.count == gs.count;
            sc.source_count.check(ok);
            if !ok {
                wrong.push(format!("count {:?} (gold {:?})", ps.count, gs.count));
            }
        }
        if let Some(role) = &gs.role {
            let ok = ps
                .role
                .as_deref()
                .is_some_and(|r| r.eq_ignore_ascii_case(role));
            sc.source_role.check(ok);
            if !ok {
                wrong.push(format!("role {:?} (gold {role})", ps.role));
            }
        }
        if let Some(aff) = &gs.affiliation {
            let ok = actor_by_id(doc, ps.affiliation.as_deref())
                .or_else(|| actor_by_id(doc, ps.actor.as_deref()))
                .is_some_and(|a| actor_matches(a, aff));
            sc.source_affiliation.check(ok);
            if !ok {
                wrong.push(format!("affiliation {:?} (gold {aff})", ps.affiliation));
            }
        }
        if !wrong.is_empty() {
            errors.push(format!("source ~ {:?}: {}", ps.text, wrong.join(", ")));
        }
    }

    // Claims.
    let gsets: Vec<Vec<Span>> = gold
        .claims
        .iter()
        .map(|c| expand_gold(gold, &c.sources))
        .collect();
    let psets: Vec<Vec<Span>> = doc
        .claims
        .iter()
        .map(|c| expand_pred(doc, &al, &c.sources))
        .collect();
    let pspans: Vec<Span> = doc.claims.iter().map(|c| al.span(c.span)).collect();
    let pairs = match_pairs(doc.claims.len(), gold.claims.len(), |p, g| {
        let gc = &gold.claims[g];
        let f = overlap_f1(pspans[p], gc.span);
        let sources_ok = if gc.sources.is_empty() {
            doc.claims[p].sources.is_empty()
        } else {
            any_match(&psets[p], &gsets[g])
        };
        (f >= SPAN_THRESHOLD && sources_ok).then_some(f + if gc.optional { 0.0 } else { 1e-6 })
    });
    let opt: Vec<bool> = gold.claims.iter().map(|c| c.optional).collect();
    sc.claims = tally(
        doc.claims.len(),
        &opt,
        &pairs,
        "claim",
        |p| {
            let srcs: Vec<String> = doc.claims[p]
                .sources
                .iter()
                .filter_map(|id| doc.sources.iter().find(|s| s.id == *id))
                .map(|s| s.text.clone())
                .collect();
            format!("{:?} {:?} from {srcs:?}", doc.claims[p].text, pspans[p])
        },
        |g| {
            let c = &gold.claims[g];
            format!("{:?} {:?} from {:?}", c.text, c.span, c.sources)
        },
        &mut errors,
    );
    for &(p, g) in &pairs {
        let (pc, gc) = (&doc.claims[p], &gold.claims[g]);
        if gc.optional {
            continue;
        }
        if let Some(want) = &gc.factuality {
            let got = snake(&pc.factuality);
            sc.factuality.check(got == *want);
            if got != *want {
                errors.push(format!(
                    "claim ~ {:?}: factuality {got} (gold {want})",
                    pc.text
                ));
            }
        }
        if let Some(cue) = &gc.cue {
            let got = pc
                .cue
                .as_ref()
                .map(|c| c.text.to_lowercase())
                .unwrap_or_default();
            let want = cue.to_lowercase();
            let ok = !got.is_empty() && (got.contains(&want) || want.contains(&got));
            sc.cue.check(ok);
            if !ok {
                errors.push(format!(
                    "claim ~ {:?}: cue {got:?} (gold {want:?})",
                    pc.text
                ));
            }
        }
    }

    // Quotes.
    let gq: Vec<Span> = gold
        .quotes
        .iter()
        .map(|q| trim_quote(&chars, q.span))
        .collect();
    let pq: Vec<Span> = doc
        .quotes
        .iter()
        .map(|q| trim_quote(&chars, al.span(q.span)))
        .collect();
    let gspk: Vec<Vec<Span>> = gold
        .quotes
        .iter()
        .map(|q| expand_gold(gold, &q.speakers))
        .collect();
    let pspk: Vec<Vec<Span>> = doc
        .quotes
        .iter()
        .map(|q| expand_pred(doc, &al, q.speaker.as_slice()))
        .collect();
    let pairs = match_pairs(pq.len(), gq.len(), |p, g| {
        let f = overlap_f1(pq[p], gq[g]);
        let speaker_ok = gold.quotes[g].speakers.is_empty() || any_match(&pspk[p], &gspk[g]);
        (f >= QUOTE_THRESHOLD && speaker_ok)
            .then_some(f + if gold.quotes[g].optional { 0.0 } else { 1e-6 })
    });
    let opt: Vec<bool> = gold.quotes.iter().map(|q| q.optional).collect();
    sc.quotes = tally(
        pq.len(),
        &opt,
        &pairs,
        "quote",
        |p| {
            let spk = doc.quotes[p]
                .speaker
                .as_ref()
                .and_then(|id| doc.sources.iter().find(|s| s.id == *id))
                .map(|s| s.text.clone());
            format!("{:?} {:?} by {spk:?}", slice(pq[p]), pq[p])
        },
        |g| {
            let q = &gold.quotes[g];
            format!("{:?} {:?} by {:?}", q.text, q.span, q.speakers)
        },
        &mut errors,
    );

    // Events: unique (type, actor, target) triples.
    let key = |a: Option<&Actor>| -> String {
        a.map(|a| {
            a.country
                .clone()
                .or_else(|| a.code.clone())
                .unwrap_or_else(|| a.name.to_lowercase())
        })
        .unwrap_or_default()
    };
    let mut triples: Vec<(String, Option<&Actor>, Option<&Actor>)> = Vec::new();
    // The first trigger of each triple, for the error listing.
    let mut triggers: Vec<&byline_model::Mention> = Vec::new();
    let mut seen = BTreeSet::new();
    for e in &doc.events {
        let a = actor_by_id(doc, e.actor.as_deref());
        let t = actor_by_id(doc, e.target.as_deref());
        let ty = snake(&e.kind);
        if seen.insert((ty.clone(), key(a), key(t))) {
            triples.push((ty, a, t));
            triggers.push(&e.trigger);
        }
    }
    let side = |a: Option<&Actor>, g: Option<&str>| match (a, g) {
        (_, None) => true,
        (Some(a), Some(g)) => actor_matches(a, g),
        (None, Some(_)) => false,
    };
    let pairs = match_pairs(triples.len(), gold.events.len(), |p, g| {
        let (ty, a, t) = &triples[p];
        let ge = &gold.events[g];
        let target = if ge.target_optional {
            None
        } else {
            ge.target.as_deref()
        };
        let ok = ge.types.iter().any(|x| x == ty)
            && ((side(*a, Some(&ge.actor)) && side(*t, target))
                || (ge.symmetric && side(*t, Some(&ge.actor)) && side(*a, target)));
        ok.then_some(if ge.optional { 0.0 } else { 1.0 })
    });
    let opt: Vec<bool> = gold.events.iter().map(|e| e.optional).collect();
    sc.events = tally(
        triples.len(),
        &opt,
        &pairs,
        "event",
        |p| {
            let (ty, a, t) = &triples[p];
            format!(
                "{ty} {:?} -> {:?} ({:?} {:?})",
                a.map(|a| a.name.as_str()),
                t.map(|a| a.name.as_str()),
                triggers[p].text,
                triggers[p].span
            )
        },
        |g| {
            let e = &gold.events[g];
            format!("{:?} {} -> {:?}", e.types, e.actor, e.target)
        },
        &mut errors,
    );

    // Times.
    let pt: Vec<Span> = doc.times.iter().map(|t| al.span(t.span)).collect();
    let pairs = match_pairs(pt.len(), gold.times.len(), |p, g| {
        let f = overlap_f1(pt[p], gold.times[g].span);
        (f >= SPAN_THRESHOLD).then_some(f + if gold.times[g].optional { 0.0 } else { 1e-6 })
    });
    let opt: Vec<bool> = gold.times.iter().map(|t| t.optional).collect();
    sc.times = tally(
        pt.len(),
        &opt,
        &pairs,
        "time",
        |p| format!("{:?} {:?}", doc.times[p].text, pt[p]),
        |g| format!("{:?} {:?}", gold.times[g].text, gold.times[g].span),
        &mut errors,
    );
    sc.time_values = Counts {
        correct: 0,
        ..sc.times
    };
    for &(p, g) in &pairs {
        if gold.times[g].optional {
            continue;
        }
        if doc.times[p].value == gold.times[g].value {
            sc.time_values.correct += 1;
        } else {
            errors.push(format!(
                "time ~ {:?}: value {:?} (gold {:?})",
                doc.times[p].text, doc.times[p].value, gold.times[g].value
            ));
        }
    }

    // Actors, as entities.
    let mut groups: Vec<(String, Vec<&GoldActor>)> = Vec::new();
    for a in &gold.actors {
        let k = a
            .name
            .clone()
            .or_else(|| {
                a.same_as.as_ref().map(|s| {
                    gold.actors
                        .iter()
                        .find(|b| b.text == *s)
                        .and_then(|b| b.name.clone())
                        .unwrap_or_else(|| s.clone())
                })
            })
            .unwrap_or_else(|| a.text.clone());
        match groups.iter_mut().find(|g| g.0 == k) {
            Some(g) => g.1.push(a),
            None => groups.push((k, vec![a])),
        }
    }
    let pa: Vec<Vec<Span>> = doc
        .actors
        .iter()
        .map(|a| a.mentions.iter().map(|m| al.span(m.span)).collect())
        .collect();
    let pairs = match_pairs(pa.len(), groups.len(), |p, g| {
        let best = pa[p]
            .iter()
            .flat_map(|m| groups[g].1.iter().map(move |ga| overlap_f1(*m, ga.span)))
            .fold(0.0, f64::max);
        (best >= SPAN_THRESHOLD).then_some(best)
    });
    let opt: Vec<bool> = groups
        .iter()
        .map(|g| g.1.iter().all(|a| a.optional))
        .collect();
    sc.actors = tally(
        pa.len(),
        &opt,
        &pairs,
        "actor",
        |p| format!("{:?} ({:?})", doc.actors[p].name, doc.actors[p].country),
        |g| format!("{:?} {:?}", groups[g].0, groups[g].1[0].span),
        &mut errors,
    );
    for &(p, g) in &pairs {
        if opt[g] {
            continue;
        }
        let want = groups[g].1[0].country.clone();
        let ok = doc.actors[p].country == want;
        sc.actor_country.check(ok);
        if !ok {
            errors.push(format!(
                "actor ~ {:?}: country {:?} (gold {want:?})",
                doc.actors[p].name, doc.actors[p].country
            ));
        }
    }

    // Notices.
    let pn: Vec<Span> = doc.notices.iter().map(|n| al.span(n.cue.span)).collect();
    let pairs = match_pairs(pn.len(), gold.notices.len(), |p, g| {
        let (pn_, gn) = (&doc.notices[p], &gold.notices[g]);
        let f = overlap_f1(pn[p], gn.cue.span);
        let actor_ok = match &gn.actor {
            None => true,
            Some(name) => {
                let name = name.to_lowercase();
                actor_by_id(doc, pn_.actor.as_deref()).is_some_and(|a| {
                    let n = a.name.to_lowercase();
                    n.contains(&name)
                        || name.contains(&n)
                        || a.mentions.iter().any(|m| {
                            let t = m.text.to_lowercase();
                            t.contains(&name) || name.contains(&t)
                        })
                })
            }
        };
        (snake(&pn_.kind) == gn.kind && f >= SPAN_THRESHOLD && actor_ok)
            .then_some(f + if gn.optional { 0.0 } else { 1e-6 })
    });
    let opt: Vec<bool> = gold.notices.iter().map(|n| n.optional).collect();
    sc.notices = tally(
        pn.len(),
        &opt,
        &pairs,
        "notice",
        |p| {
            let n = &doc.notices[p];
            let a = actor_by_id(doc, n.actor.as_deref()).map(|a| a.name.clone());
            format!("{} {:?} actor {a:?}", snake(&n.kind), n.cue.text)
        },
        |g| {
            let n = &gold.notices[g];
            format!("{} {:?} actor {:?}", n.kind, n.cue.text, n.actor)
        },
        &mut errors,
    );

    // Outlets relayed.
    let gr: Vec<String> = gold.relayed_from.iter().map(|s| s.to_lowercase()).collect();
    let pr: Vec<String> = doc.relayed_from.iter().map(|s| s.to_lowercase()).collect();
    let pairs = match_pairs(pr.len(), gr.len(), |p, g| (pr[p] == gr[g]).then_some(1.0));
    sc.relayed_from = tally(
        pr.len(),
        &vec![false; gr.len()],
        &pairs,
        "relayed_from",
        |p| pr[p].clone(),
        |g| gr[g].clone(),
        &mut errors,
    );

    sc.errors = errors;
    sc
}

#[cfg(test)]
mod tests {
    use super::*;
    use byline_model::{Claim, Factuality, Mention, Quote, Source, SourceKind};

    const TEXT: &str =
        "Two aides told the paper that the mayor will resign. \"I am done,\" she said.";

    fn gold() -> Gold {
        serde_json::from_str(
            r#"{"schema": "byline-gold/1", "text_file": "x.txt",
            "sources": {
              "aides": {"text": "Two aides", "span": [0, 9], "kind": "anonymous", "count": 2},
              "she": {"text": "she", "span": [66, 69], "kind": "anonymous", "refers_to": ["aides"]},
              "paper": {"text": "the paper", "span": [15, 24], "kind": "outlet", "optional": true}
            },
            "claims": [
              {"text": "the mayor will resign", "span": [30, 51], "sources": ["aides"], "cue": "told"},
              {"text": "I am done", "span": [54, 63], "sources": ["she"], "cue": "said", "quote": true,
               "factuality": "reported"}
            ],
            "quotes": [{"text": "I am done,", "span": [54, 64], "speakers": ["she"]}]
            }"#,
        )
        .unwrap()
    }

    fn source(id: &str, span: Span, refers_to: &[&str]) -> Source {
        Source {
            id: id.into(),
            span,
            text: TEXT.chars().skip(span.0).take(span.len()).collect(),
            kind: SourceKind::Anonymous,
            count: Some(2),
            seniority: None,
            role: None,
            affiliation: None,
            actor: None,
            refers_to: refers_to.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn claim(id: &str, span: Span, sources: &[&str], f: Factuality) -> Claim {
        Claim {
            id: id.into(),
            span,
            text: TEXT.chars().skip(span.0).take(span.len()).collect(),
            sources: sources.iter().map(|s| s.to_string()).collect(),
            cue: Some(Mention {
                span: Span(10, 14),
                text: "told".into(),
            }),
            quote: false,
            factuality: f,
            parent: None,
            events: vec![],
        }
    }

    #[test]
    fn overlap() {
        assert_eq!(overlap_f1(Span(0, 10), Span(0, 10)), 1.0);
        assert_eq!(overlap_f1(Span(0, 10), Span(10, 20)), 0.0);
        assert!((overlap_f1(Span(0, 10), Span(5, 10)) - 2.0 * 5.0 / 15.0).abs() < 1e-12);
    }

    #[test]
    fn trims_quote_marks_and_punctuation() {
        let chars: Vec<char> = TEXT.chars().collect();
        assert_eq!(trim_quote(&chars, Span(53, 65)), Span(54, 63));
    }

    #[test]
    fn scores_sources_claims_quotes() {
        let g = gold();
        let mut doc = Document::new(TEXT.to_string());
        // "the paper" matches an optional gold source: neither right nor wrong.
        doc.sources = vec![
            source("s1", Span(0, 9), &[]),
            source("s2", Span(66, 69), &["s1"]),
            source("s3", Span(15, 24), &[]),
        ];
        doc.claims = vec![
            claim("c1", Span(30, 52), &["s1"], Factuality::Reported),
            // Matched through refers_to, with the wrong factuality.
            claim("c2", Span(54, 63), &["s1"], Factuality::Asserted),
            // Right span, wrong source: a miss and a spurious claim.
            claim("c3", Span(30, 51), &["s3"], Factuality::Reported),
        ];
        doc.quotes = vec![Quote {
            id: "q1".into(),
            span: Span(53, 65),
            text: "\"I am done,\"".into(),
            speaker: Some("s2".into()),
            claim: None,
        }];
        let sc = score(&g, &doc, TEXT);
        assert_eq!(
            sc.sources,
            Counts {
                correct: 2,
                predicted: 2,
                gold: 2
            }
        );
        assert_eq!(
            sc.claims,
            Counts {
                correct: 2,
                predicted: 3,
                gold: 2
            }
        );
        assert_eq!(
            sc.factuality,
            Accuracy {
                correct: 0,
                total: 1
            }
        );
        assert_eq!(sc.quotes.correct, 1);
        assert_eq!(
            sc.source_count,
            Accuracy {
                correct: 1,
                total: 1
            }
        );
    }

    #[test]
    fn reads_gold_files_and_rejects_bad_ones() {
        let dir = std::env::temp_dir().join(format!("byline-gold-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("x.txt"), TEXT).unwrap();
        let json = r#"{"schema": "byline-gold/1", "text_file": "x.txt",
            "times": [{"text": "x", "span": [0, 999]}]}"#;
        std::fs::write(dir.join("a.gold.json"), json).unwrap();
        assert!(matches!(read_dir(&dir), Err(Error::Format { .. })));
        std::fs::write(dir.join("a.gold.json"), json.replace("999", "3")).unwrap();
        let files = read_dir(&dir).unwrap();
        assert_eq!(files.len(), 1);
        assert_eq!(files[0].text, TEXT);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn events_and_actors_match_by_code_or_name() {
        let g: Gold = serde_json::from_str(
            r#"{"schema": "byline-gold/1", "text_file": "x.txt",
            "events": [{"types": ["CONSULT"], "actor": "SYR", "target": "ISR", "symmetric": true},
                       {"types": ["AID"], "actor": "ISR", "target": "Druze", "optional": true}],
            "actors": [{"text": "Israel", "span": [0, 6], "country": "ISR"}]}"#,
        )
        .unwrap();
        let mut doc = Document::new("Israel met Syria and the Druze.".into());
        let actor = |id: &str, name: &str, country: Option<&str>, span: Span| Actor {
            id: id.into(),
            name: name.into(),
            kind: byline_model::ActorKind::Country,
            country: country.map(str::to_string),
            code: country.map(|c| format!("{c}GOV")),
            roles: vec![],
            mentions: vec![Mention {
                span,
                text: name.into(),
            }],
        };
        doc.actors = vec![
            actor("a1", "Israel", Some("ISR"), Span(0, 6)),
            actor("a2", "Syria", Some("SYR"), Span(11, 16)),
            actor("a3", "Druze", None, Span(25, 30)),
        ];
        let event = |ty, a: &str, t: &str| byline_model::Event {
            id: "e".into(),
            kind: ty,
            mode: None,
            cameo: None,
            trigger: Mention {
                span: Span(7, 10),
                text: "met".into(),
            },
            actor: Some(a.into()),
            target: Some(t.into()),
            location: None,
            time: None,
            polarity: byline_model::Polarity::Positive,
            status: byline_model::EventStatus::Actual,
            claim: None,
        };
        use byline_model::EventType::*;
        doc.events = vec![
            event(Consult, "a1", "a2"),
            event(Consult, "a1", "a2"),
            event(Aid, "a1", "a3"),
        ];
        let sc = score(&g, &doc, &doc.text.clone());
        assert_eq!(
            sc.events,
            Counts {
                correct: 1,
                predicted: 1,
                gold: 1
            }
        );
        assert_eq!(
            sc.actors,
            Counts {
                correct: 1,
                predicted: 3,
                gold: 1
            }
        );
    }
}
