//! A trained cue classifier: is this word, read through the parse, the cue of an attribution?
//!
//! A logistic regression over sparse binary features of one token of a parsed sentence (its
//! lemma, form, part of speech, relation, head, dependents, subject kind, neighbours, the
//! learnt counts of `learnt.tsv` and `reads.tsv` in buckets, and where it stands relative to
//! quotation marks and colons), and the word's context, which carries to words PolNeAR train
//! never showed as cues (docs/attribution.md, 6AD): the subject's lemma, the subject's kind
//! crossed with whether a clause depends on the word, the object's lemma, the first word of the
//! clausal complement and the distance to the nearest quotation mark in buckets. [`features`]
//! names the features; the same function serves training (feature names as strings) and
//! tagging (names hashed on the fly, no allocation).
//!
//! The weights live in `data/cues/cue-model.tsv`: rows `feature<TAB>weight`, the `bias`
//! feature included, with a header naming the training data and its licence. A user file of
//! that name replaces the built-in model as a whole.
//!
//! [`Trainer`] fits the weights by stochastic gradient descent as [`TrainOptions`] says:
//! plain or AdaGrad rates (AdaGrad at 0.1 trains the built-in files since task 6AF),
//! averaged weights, class weights, and lexical dropout of the features that name the word
//! ([`LEXICAL`]); each example may carry its own weight ([`Trainer::add_weighted`], since
//! task 6AQ: negatives inside a gold content weigh less).
//!
//! ```
//! use byline_lexicon::cues::model::{features, CueModel, CueTok};
//! use byline_lexicon::cues::Cues;
//!
//! // "Officials warned that prices rise": heads are indices into the slice.
//! let toks = [
//!     CueTok { lower: "officials", lemma: "official", upos: "NOUN", head: Some(1), deprel: "nsubj" },
//!     CueTok { lower: "warned", lemma: "warn", upos: "VERB", head: None, deprel: "root" },
//!     CueTok { lower: "that", lemma: "that", upos: "SCONJ", head: Some(4), deprel: "mark" },
//!     CueTok { lower: "prices", lemma: "price", upos: "NOUN", head: Some(4), deprel: "nsubj" },
//!     CueTok { lower: "rise", lemma: "rise", upos: "VERB", head: Some(1), deprel: "ccomp" },
//! ];
//! let mut names = Vec::new();
//! features(&toks, 1, Cues::builtin(), &mut |f: &[&str]| names.push(f.join("=")));
//! assert!(names.contains(&"dep=ccomp".to_string()));
//! let model = CueModel::parse("feature\tweight\nbias\t-1\ndep=ccomp\t2.5\n").unwrap();
//! assert!(model.score(&toks, 1, Cues::builtin()) > 0.5);
//! ```

use std::collections::HashMap;

use super::Cues;
use crate::error::{Error, Result};

/// One token of a parsed sentence, as the classifier sees it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct CueTok<'a> {
    /// Lowercase form.
    pub lower: &'a str,
    /// Lowercase lemma.
    pub lemma: &'a str,
    /// Universal part of speech ("VERB").
    pub upos: &'a str,
    /// Its head as an index into the same slice, `None` for the root.
    pub head: Option<usize>,
    /// Relation to the head ("ccomp").
    pub deprel: &'a str,
}

/// Parts of speech the classifier judges.
pub const CANDIDATES: &[&str] = &["NOUN", "VERB"];

/// Modal verbs, and the auxiliaries of "is …ing", "has …", "will …".
const MODALS: &[&str] = &[
    "can", "could", "may", "might", "must", "shall", "should", "will", "would",
];

/// Buckets of a share, in tenths.
const TENTHS: [&str; 11] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"];

/// Buckets of a count: 1, 2–4, 5–19, 20–99, 100+.
fn count_bucket(n: u32) -> &'static str {
    match n {
        0 => "0",
        1 => "1",
        2..=4 => "2-4",
        5..=19 => "5-19",
        20..=99 => "20-99",
        _ => "100+",
    }
}

fn share_bucket(cue: u32, total: u32) -> &'static str {
    if total == 0 {
        return "none";
    }
    TENTHS[((cue * 10) / total).min(10) as usize]
}

/// Quotation marks, straight and curly.
fn is_mark(w: &str) -> bool {
    matches!(w, "\"" | "\u{201c}" | "\u{201d}" | "``" | "''")
}

/// The kind of a subject or possessor word: pronoun, proper noun, role noun, other noun.
fn kind_of(t: &CueTok, cues: &Cues) -> &'static str {
    match t.upos {
        "PRON" => "pron",
        "PROPN" => "propn",
        "NOUN" if cues.role(t.lower).is_some() => "role",
        "NOUN" => "noun",
        _ => "other",
    }
}

/// Calls `f` with the parts of every feature of token `i` of `toks` (one sentence, or a
/// document whose heads point inside it): a feature's name is its parts joined with `=`.
pub fn features(toks: &[CueTok], i: usize, cues: &Cues, f: &mut dyn FnMut(&[&str])) {
    let Some(t) = toks.get(i) else { return };
    f(&["bias"]);
    f(&["lemma", t.lemma]);
    f(&["form", t.lower]);
    f(&["upos", t.upos]);
    f(&["lemma", t.lemma, t.upos]);
    f(&["rel", t.deprel]);
    f(&["rel", t.deprel, t.upos]);
    match t.head.and_then(|h| toks.get(h)) {
        Some(h) => {
            f(&["head", h.lemma]);
            f(&["head-upos", h.upos, t.deprel]);
            f(&["lemma-head", t.lemma, h.lemma]);
        }
        None => f(&["head", "-"]),
    }
    // Dependents, with the word of a marker or a preposition.
    let mut any_clause = false;
    for (k, c) in toks.iter().enumerate() {
        if c.head != Some(i) {
            continue;
        }
        let rel = c.deprel;
        f(&["dep", rel]);
        f(&["lemma-dep", t.lemma, rel]);
        match rel {
            "ccomp" | "xcomp" | "acl" | "acl:relcl" | "advcl" | "parataxis" => {
                any_clause = true;
                if let Some(m) = toks
                    .iter()
                    .find(|m| m.head == Some(k) && (m.deprel == "mark" || m.deprel == "case"))
                {
                    f(&["dep-mark", rel, m.lower]);
                    f(&["lemma-dep-mark", t.lemma, rel, m.lower]);
                }
            }
            "nsubj" | "nsubj:pass" | "nmod:poss" => {
                f(&["dep-kind", rel, kind_of(c, cues)]);
            }
            "obl" | "nmod" | "obl:agent" => {
                if let Some(m) = toks
                    .iter()
                    .find(|m| m.head == Some(k) && m.deprel == "case")
                {
                    f(&["dep-case", rel, m.lower]);
                    f(&["lemma-dep-case", t.lemma, rel, m.lower]);
                }
            }
            "mark" | "aux" | "aux:pass" | "cop" | "case" => f(&["dep-word", rel, c.lower]),
            _ => {}
        }
    }
    f(&["clause", if any_clause { "y" } else { "n" }]);
    // Neighbours.
    let prev = if i > 0 { toks[i - 1].lower } else { "<s>" };
    let next = toks.get(i + 1).map_or("</s>", |n| n.lower);
    f(&["prev", prev]);
    f(&["next", next]);
    f(&["next", next, t.upos]);
    if MODALS.binary_search(&prev).is_ok() {
        f(&["prev-modal"]);
    }
    // The learnt counts, in buckets.
    match cues.learnt(t.lemma, t.upos) {
        Some(l) => {
            f(&["learnt", share_bucket(l.cue, l.total)]);
            f(&["learnt-n", count_bucket(l.cue)]);
        }
        None => f(&["learnt", "none"]),
    }
    match cues.reads(t.lower) {
        Some(r) => {
            f(&["reads", share_bucket(r.cue, r.total)]);
            f(&["reads-n", count_bucket(r.total)]);
        }
        None => f(&["reads", "none"]),
    }
    if cues.verb(t.lower).is_some() {
        f(&["verbs-tsv"]);
    }
    // Quotation marks and colons around it.
    let marks_before = toks[..i].iter().filter(|x| is_mark(x.lower)).count();
    let marks_after = toks[i + 1..].iter().filter(|x| is_mark(x.lower)).count();
    let colon = toks[..i].iter().any(|x| x.lower == ":");
    f(&[
        "quotes",
        if marks_before % 2 == 1 {
            "inside"
        } else {
            "out"
        },
        if marks_before > 0 { "b" } else { "-" },
        if marks_after > 0 { "a" } else { "-" },
    ]);
    if colon {
        f(&["colon-before"]);
    }
    // The context (6AD): the subject's lemma and kind (with whether a clause depends on the
    // word), the object's lemma, the first word of the clausal complement (its first dependent
    // or itself), the distance to the nearest quotation mark.
    {
        let mut subj_kind = "none";
        for (k, c) in toks.iter().enumerate() {
            if c.head != Some(i) {
                continue;
            }
            match c.deprel {
                "nsubj" | "nsubj:pass" => {
                    f(&["subj-lemma", c.lemma]);
                    subj_kind = kind_of(c, cues);
                }
                "obj" => f(&["obj-lemma", c.lemma]),
                "ccomp" => {
                    let first = toks
                        .iter()
                        .enumerate()
                        .find(|(j, m)| *j == k || m.head == Some(k))
                        .map_or("-", |(_, m)| m.lower);
                    f(&["ccomp-first", first]);
                }
                _ => {}
            }
        }
        f(&[
            "subj-clause",
            subj_kind,
            if any_clause { "y" } else { "n" },
            t.upos,
        ]);
        let near = toks
            .iter()
            .enumerate()
            .filter(|(_, x)| is_mark(x.lower))
            .map(|(j, _)| j.abs_diff(i))
            .min();
        f(&[
            "qdist",
            match near {
                None => "none",
                Some(0..=1) => "1",
                Some(2..=3) => "2-3",
                Some(4..=7) => "4-7",
                Some(_) => "8+",
            },
        ]);
    }
    if toks.get(i + 1).is_some_and(|n| n.lower == ":") {
        f(&["colon-after"]);
    }
}

/// 64-bit FNV-1a over the parts joined with `=`, without building the string.
fn hash_parts(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for (n, p) in parts.iter().enumerate() {
        if n > 0 {
            h ^= u64::from(b'=');
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        for &b in p.as_bytes() {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The hash of the name made of `pieces` concatenated (without `=` between them): the same as
/// [`hash_parts`] of the joined name, without building it.
fn hash_pieces(pieces: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in pieces.iter().flat_map(|p| p.as_bytes()) {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The weights of the cue classifier.
#[derive(Clone, Debug, Default)]
pub struct CueModel {
    weights: HashMap<u64, f32>,
}

impl CueModel {
    /// Reads a `cue-model.tsv` text: comments, the header `feature<TAB>weight`, then rows.
    pub fn parse(text: &str) -> Result<CueModel> {
        const FILE: &str = "cue-model.tsv";
        let rows = super::rows(FILE, text)?;
        // `rows` has checked the header when there is one; a model without any is an error.
        if rows.is_empty()
            && text
                .lines()
                .all(|l| l.trim().is_empty() || l.starts_with('#'))
        {
            return Err(Error::Parse {
                file: FILE.into(),
                line: 0,
                message: "no header".into(),
            });
        }
        let mut weights = HashMap::with_capacity(rows.len());
        for (line, c) in rows {
            let w: f32 = c[1].parse().map_err(|_| Error::Parse {
                file: FILE.into(),
                line,
                message: format!("not a weight: {:?}", c[1]),
            })?;
            weights.insert(hash_parts(&[c[0]]), w);
        }
        Ok(CueModel { weights })
    }

    /// True when the model holds no weights (no classifier loaded).
    pub fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The probability that token `i` of `toks` is (part of) a cue.
    pub fn score(&self, toks: &[CueTok], i: usize, cues: &Cues) -> f32 {
        self.score_features(|f| features(toks, i, cues, f))
    }

    /// The probability of the example whose features `each` names, one call of its argument
    /// per feature (the parts of a name, joined with `=`): the same model format serves other
    /// feature sets, such as the draft judge's (`draft-model.tsv`).
    pub fn score_features(&self, each: impl FnOnce(&mut dyn FnMut(&[&str]))) -> f32 {
        let mut z = 0.0f32;
        each(&mut |parts| {
            z += self.weights.get(&hash_parts(parts)).copied().unwrap_or(0.0);
        });
        1.0 / (1.0 + (-z).exp())
    }

    /// As [`score_features`](Self::score_features), but each call of `each`'s argument names
    /// one feature by pieces that are concatenated as they are (`["dist=", "before", ":",
    /// "2"]` is the feature `dist=before:2`), so callers need not format the name.
    pub fn score_pieces(&self, each: impl FnOnce(&mut dyn FnMut(&[&str]))) -> f32 {
        let mut z = 0.0f32;
        each(&mut |pieces| {
            z += self
                .weights
                .get(&hash_pieces(pieces))
                .copied()
                .unwrap_or(0.0);
        });
        1.0 / (1.0 + (-z).exp())
    }
}

/// The built-in draft judge (`data/cues/draft-model.tsv`): a logistic regression over the
/// features of a whole draft the dependency parse reads (cue, source and content), trained on
/// the PolNeAR train and dev splits by `byline eval polnear DIR… --folds 5 --write-models OUT`. Empty when the file
/// holds no weights.
pub fn draft_model() -> &'static CueModel {
    static MODEL: std::sync::OnceLock<CueModel> = std::sync::OnceLock::new();
    MODEL.get_or_init(|| {
        CueModel::parse(include_str!("../../data/cues/draft-model.tsv")).unwrap_or_default()
    })
}

/// The built-in source chooser (`data/cues/source-model.tsv`): a logistic regression over the
/// features of a candidate source of a claim the dependency parse reads, trained on the
/// PolNeAR train and dev splits by `byline eval polnear DIR… --folds 5 --write-models OUT`. Empty
/// when the file holds no weights.
pub fn source_model() -> &'static CueModel {
    static MODEL: std::sync::OnceLock<CueModel> = std::sync::OnceLock::new();
    MODEL.get_or_init(|| {
        CueModel::parse(include_str!("../../data/cues/source-model.tsv")).unwrap_or_default()
    })
}

/// Collects training examples (their features interned) and trains the weights.
#[derive(Debug, Default)]
pub struct Trainer {
    index: HashMap<String, u32>,
    names: Vec<String>,
    counts: Vec<u32>,
    /// Each example's features, label and weight (its gradient is multiplied by it).
    examples: Vec<(Vec<u32>, bool, f32)>,
}

impl Trainer {
    /// An empty trainer.
    pub fn new() -> Trainer {
        Trainer::default()
    }

    /// Adds token `i` of `toks` with its label (true: it lies in a cue).
    pub fn add(&mut self, toks: &[CueTok], i: usize, cues: &Cues, label: bool) {
        self.add_weighted(toks, i, cues, label, 1.0);
    }

    /// [`Trainer::add`] with a weight: the example's gradient is multiplied by `weight`
    /// (1: as [`Trainer::add`]).
    pub fn add_weighted(
        &mut self,
        toks: &[CueTok],
        i: usize,
        cues: &Cues,
        label: bool,
        weight: f32,
    ) {
        let mut ids = Vec::new();
        features(toks, i, cues, &mut |parts| {
            ids.push(self.intern(&parts.join("=")))
        });
        self.push(ids, label, weight);
    }

    /// [`Trainer::add_names`] with a weight, as [`Trainer::add_weighted`].
    pub fn add_names_weighted(&mut self, names: &[&str], label: bool, weight: f32) {
        let ids = names.iter().map(|n| self.intern(n)).collect();
        self.push(ids, label, weight);
    }

    /// Adds an example given by its feature names.
    pub fn add_names(&mut self, names: &[&str], label: bool) {
        self.add_names_weighted(names, label, 1.0);
    }

    /// Examples added so far, and how many of them were cues.
    pub fn sizes(&self) -> (usize, usize) {
        (
            self.examples.len(),
            self.examples.iter().filter(|e| e.1).count(),
        )
    }

    /// True before any example was added.
    pub fn is_empty(&self) -> bool {
        self.examples.is_empty()
    }

    fn intern(&mut self, name: &str) -> u32 {
        if let Some(&k) = self.index.get(name) {
            return k;
        }
        let k = self.names.len() as u32;
        self.index.insert(name.to_string(), k);
        self.names.push(name.to_string());
        self.counts.push(0);
        k
    }

    fn push(&mut self, mut ids: Vec<u32>, label: bool, weight: f32) {
        ids.sort_unstable();
        ids.dedup();
        for &k in &ids {
            self.counts[k as usize] += 1;
        }
        self.examples.push((ids, label, weight));
    }

    /// Trains the weights by logistic regression (stochastic gradient descent, `epochs`
    /// passes in a fixed shuffled order, a learning rate falling by pass); features seen in
    /// fewer than `min_count` examples are left out. Returns the text of a `cue-model.tsv`
    /// whose comment lines are the lines of `header`.
    pub fn train(&self, epochs: usize, min_count: u32, header: &str) -> String {
        self.train_with(epochs, min_count, L2, MIN_WEIGHT, header)
    }

    /// [`Trainer::train`] with a pull `l2` of every weight towards zero at each update, and
    /// weights smaller than `min_weight` left out of the file.
    pub fn train_with(
        &self,
        epochs: usize,
        min_count: u32,
        l2: f32,
        min_weight: f32,
        header: &str,
    ) -> String {
        self.train_opts(
            &TrainOptions {
                epochs,
                min_count,
                l2,
                min_weight,
                ..TrainOptions::PLAIN
            },
            header,
        )
    }

    /// Trains the weights as `opts` says (see [`TrainOptions`]) and returns the text of a
    /// `cue-model.tsv` whose comment lines are the lines of `header`.
    pub fn train_opts(&self, opts: &TrainOptions, header: &str) -> String {
        let keep: Vec<bool> = self
            .counts
            .iter()
            .zip(&self.names)
            .map(|(&c, n)| c >= opts.min_count || n == "bias")
            .collect();
        // Lexical dropout: what each feature becomes when its example's word identity is
        // dropped (`Keep`, `Drop`, or the id of the stand-in, such as `learnt=none`).
        let stand_in: Vec<Lex> = self
            .names
            .iter()
            .map(|n| {
                let first = n.split('=').next().unwrap_or("");
                match opts.lexical.iter().find(|(p, _)| *p == first) {
                    None => Lex::Keep,
                    Some((_, None)) => Lex::Drop,
                    Some((_, Some(r))) => match self.index.get(*r) {
                        Some(&k) if keep[k as usize] => Lex::Swap(k as usize),
                        _ => Lex::Drop,
                    },
                }
            })
            .collect();
        let mut w = vec![0.0f32; self.names.len()];
        // AdaGrad: the sum of each weight's squared gradients.
        let mut g2 = vec![0.0f32; if opts.adagrad { w.len() } else { 0 }];
        // Averaging: `u` sums every update times the number of examples seen before it, so
        // that the mean of the weights over all steps is `w - u / steps`.
        let mut u = vec![0.0f64; if opts.average { w.len() } else { 0 }];
        let mut steps: f64 = 1.0;
        let mut order: Vec<usize> = (0..self.examples.len()).collect();
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        // A second generator for the dropout, so that the order stays as without it.
        let mut coin: u64 = 0x2545_f491_4f6c_dd1d;
        let mut dropped: Vec<usize> = Vec::new();
        for epoch in 0..opts.epochs {
            // Fisher–Yates with a fixed xorshift generator: the same weights every run.
            for k in (1..order.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                order.swap(k, (seed % (k as u64 + 1)) as usize);
            }
            let lr = if opts.adagrad {
                opts.rate
            } else {
                opts.rate / (1.0 + epoch as f32)
            };
            for &e in &order {
                let (fs, y, weight) = &self.examples[e];
                dropped.clear();
                let drop = opts.dropout > 0.0 && {
                    coin ^= coin << 13;
                    coin ^= coin >> 7;
                    coin ^= coin << 17;
                    ((coin >> 11) as f64 / (1u64 << 53) as f64) < f64::from(opts.dropout)
                };
                for k in fs.iter().map(|&k| k as usize).filter(|&k| keep[k]) {
                    match if drop { stand_in[k] } else { Lex::Keep } {
                        Lex::Keep => dropped.push(k),
                        Lex::Drop => {}
                        Lex::Swap(r) => dropped.push(r),
                    }
                }
                if drop {
                    dropped.sort_unstable();
                    dropped.dedup();
                }
                let z: f32 = dropped.iter().map(|&k| w[k]).sum();
                let p = 1.0 / (1.0 + (-z).exp());
                let g = if *y {
                    (p - 1.0) * opts.positive_weight
                } else {
                    p
                } * weight;
                for &k in &dropped {
                    let grad = g + opts.l2 * w[k];
                    let d = if opts.adagrad {
                        g2[k] += grad * grad;
                        lr * grad / (g2[k].sqrt() + 1e-6)
                    } else {
                        lr * grad
                    };
                    w[k] -= d;
                    if opts.average {
                        u[k] -= steps * f64::from(d);
                    }
                }
                steps += 1.0;
            }
        }
        if opts.average {
            for (w, u) in w.iter_mut().zip(&u) {
                *w = (f64::from(*w) - u / steps) as f32;
            }
        }
        if opts.shift != 0.0 {
            if let Some(&b) = self.index.get("bias") {
                w[b as usize] += opts.shift;
            }
        }
        let mut rows: Vec<(&str, f32)> = self
            .names
            .iter()
            .zip(&w)
            .filter(|(n, w)| w.abs() >= opts.min_weight || n.as_str() == "bias")
            .map(|(n, w)| (n.as_str(), *w))
            .collect();
        rows.sort_by(|a, b| a.0.cmp(b.0));
        let mut out = String::new();
        for line in header.lines() {
            out.push_str("# ");
            out.push_str(line);
            out.push('\n');
        }
        out.push_str("feature\tweight\n");
        for (n, w) in rows {
            out.push_str(&format!("{n}\t{w:.3}\n"));
        }
        out
    }
}

/// How [`Trainer::train_opts`] trains a logistic regression.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TrainOptions {
    /// Passes over the examples (stochastic gradient descent, a fixed shuffled order, a
    /// learning rate of 0.2 / (1 + pass)).
    pub epochs: usize,
    /// Features seen in fewer examples are left out (the bias never).
    pub min_count: u32,
    /// The pull of each weight of an example towards zero at each update.
    pub l2: f32,
    /// Weights smaller than this are left out of the file.
    pub min_weight: f32,
    /// Keep the mean of the weights over all updates instead of the last ones (averaged
    /// SGD: steadier, less swayed by the last examples seen).
    pub average: bool,
    /// The learning rate: of the first pass, falling as 1 / (1 + pass), or AdaGrad's.
    pub rate: f32,
    /// AdaGrad: each weight's rate (`rate`, the same every pass) divided by the root of the
    /// sum of its squared gradients so far: a feature of many examples settles, one of few
    /// keeps a larger step.
    pub adagrad: bool,
    /// The gradient of a positive example is multiplied by this (class weighting; 1: none).
    pub positive_weight: f32,
    /// Lexical dropout: the probability, per example and pass, that the features naming its
    /// word (`lexical`) are left out, so that the context features learn to carry the
    /// decision as they must for words training never saw.
    pub dropout: f32,
    /// The features dropped by `dropout`, by the first part of their name, each with the
    /// feature that stands in for it (the value an unseen word has, as `learnt=none`) or
    /// none.
    pub lexical: &'static [(&'static str, Option<&'static str>)],
    /// Added to the bias after training: every probability moved alike on the log-odds
    /// scale, as if every threshold of the model's readers moved together.
    pub shift: f32,
}

impl TrainOptions {
    /// Plain SGD at rate 0.2, no averaging, no class weights, no dropout (the settings up to
    /// session j), with the same counts, pull and pruning as [`Trainer::train`].
    pub const PLAIN: TrainOptions = TrainOptions {
        epochs: 5,
        min_count: 3,
        l2: L2,
        min_weight: MIN_WEIGHT,
        average: false,
        rate: 0.2,
        adagrad: false,
        positive_weight: 1.0,
        dropout: 0.0,
        lexical: LEXICAL,
        shift: 0.0,
    };
}

/// What a feature becomes when its word identity is dropped.
#[derive(Clone, Copy, Debug)]
enum Lex {
    Keep,
    Drop,
    Swap(usize),
}

/// The features of [`features`] that name the word itself, what the classifier remembers of
/// the words it was trained on: its lemma and form (alone and with its head, dependents and
/// markers) and the learnt counts of `learnt.tsv` and `reads.tsv`, which stand in as
/// `learnt=none` and `reads=none` (how an unseen word looks). `verbs-tsv` stays: the list is
/// the same for unseen text.
pub const LEXICAL: &[(&str, Option<&str>)] = &[
    ("lemma", None),
    ("form", None),
    ("lemma-head", None),
    ("lemma-dep", None),
    ("lemma-dep-mark", None),
    ("lemma-dep-case", None),
    ("learnt", Some("learnt=none")),
    ("learnt-n", None),
    ("reads", Some("reads=none")),
    ("reads-n", None),
];

/// Weights smaller than this are left out of the file (PolNeAR dev F1 unchanged from 0.005 to
/// 0.05; the file 40% smaller).
const MIN_WEIGHT: f32 = 0.05;

/// A small pull of every weight towards zero at each update.
const L2: f32 = 1e-6;

#[cfg(test)]
mod tests {
    use super::*;

    fn sent<'a>(rows: &[(&'a str, &'a str, &'a str, Option<usize>, &'a str)]) -> Vec<CueTok<'a>> {
        rows.iter()
            .map(|&(lower, lemma, upos, head, deprel)| CueTok {
                lower,
                lemma,
                upos,
                head,
                deprel,
            })
            .collect()
    }

    #[test]
    fn pieces_name_the_feature_they_make_up() {
        let m = CueModel::parse("feature\tweight\ndist=before:2\t1.5\nbias\t-0.5\n").unwrap();
        let whole = m.score_features(|f| {
            f(&["dist", "before:2"]);
            f(&["bias"]);
        });
        let pieces = m.score_pieces(|f| {
            f(&["dist=", "before", ":", "2"]);
            f(&["bias", ""]);
        });
        assert_eq!(whole, pieces);
        assert!((whole - 1.0 / (1.0 + (-1.0f32).exp())).abs() < 1e-6);
        // Pieces are not joined with "=": these name another feature.
        assert_eq!(m.score_pieces(|f| f(&["dist", "before:2"])), 0.5);
    }

    fn names(toks: &[CueTok], i: usize) -> Vec<String> {
        let mut out = Vec::new();
        features(toks, i, Cues::builtin(), &mut |f: &[&str]| {
            out.push(f.join("="))
        });
        out
    }

    #[test]
    fn a_noun_cue_shows_its_possessor_and_clause() {
        // "the mayor 's claim that taxes fell"
        let toks = sent(&[
            ("the", "the", "DET", Some(1), "det"),
            ("mayor", "mayor", "NOUN", Some(3), "nmod:poss"),
            ("'s", "'s", "PART", Some(1), "case"),
            ("claim", "claim", "NOUN", None, "root"),
            ("that", "that", "SCONJ", Some(6), "mark"),
            ("taxes", "tax", "NOUN", Some(6), "nsubj"),
            ("fell", "fall", "VERB", Some(3), "acl"),
        ]);
        let n = names(&toks, 3);
        for want in [
            "dep=nmod:poss",
            "dep-mark=acl=that",
            "lemma=claim=NOUN",
            "clause=y",
        ] {
            assert!(n.iter().any(|x| x == want), "{want} missing from {n:?}");
        }
    }

    #[test]
    fn a_verb_shows_its_context() {
        // "the nurses argued that wages lag , " she added (heads within the sentence).
        let toks = sent(&[
            ("\"", "\"", "PUNCT", Some(2), "punct"),
            ("the", "the", "DET", Some(2), "det"),
            ("nurses", "nurse", "NOUN", Some(3), "nsubj"),
            ("argued", "argue", "VERB", Some(10), "ccomp"),
            ("that", "that", "SCONJ", Some(6), "mark"),
            ("wages", "wage", "NOUN", Some(6), "nsubj"),
            ("lag", "lag", "VERB", Some(3), "ccomp"),
            (",", ",", "PUNCT", Some(3), "punct"),
            ("\"", "\"", "PUNCT", Some(3), "punct"),
            ("she", "she", "PRON", Some(10), "nsubj"),
            ("added", "add", "VERB", None, "root"),
            ("the", "the", "DET", Some(12), "det"),
            ("point", "point", "NOUN", Some(10), "obj"),
        ]);
        let argued = names(&toks, 3);
        for want in [
            "subj-lemma=nurse",
            "subj-clause=noun=y=VERB",
            "ccomp-first=that",
            "qdist=2-3",
        ] {
            assert!(
                argued.iter().any(|x| x == want),
                "{want} missing from {argued:?}"
            );
        }
        let added = names(&toks, 10);
        for want in [
            "subj-lemma=she",
            "subj-clause=pron=y=VERB",
            "obj-lemma=point",
            "ccomp-first=nurses",
            "qdist=2-3",
        ] {
            assert!(
                added.iter().any(|x| x == want),
                "{want} missing from {added:?}"
            );
        }
        assert!(names(&toks, 12).iter().any(|x| x == "qdist=4-7"));
        // A word with no subject, object, clause or quotation mark near it.
        let lone = sent(&[("wait", "wait", "VERB", None, "root")]);
        let n = names(&lone, 0);
        assert!(n.iter().any(|x| x == "subj-clause=none=n=VERB"), "{n:?}");
        assert!(n.iter().any(|x| x == "qdist=none"), "{n:?}");
        assert!(!n
            .iter()
            .any(|x| x.starts_with("obj-lemma") || x.starts_with("ccomp-first")));
    }

    #[test]
    fn other_feature_sets_score_and_train_with_pruning() {
        let mut t = Trainer::new();
        for _ in 0..20 {
            t.add_names(&["bias", "frame=ccomp", "rare"], true);
            t.add_names(&["bias", "frame=obj"], false);
        }
        // Weights below the bar are left out, the bias never.
        let pruned = CueModel::parse(&t.train_with(3, 1, 1e-4, 100.0, "source: a test")).unwrap();
        assert_eq!(pruned.weights.len(), 1);
        let m = CueModel::parse(&t.train_with(5, 1, 1e-4, 0.05, "source: a test")).unwrap();
        let p = |names: &[&str]| m.score_features(|f| names.iter().for_each(|n| f(&[n])));
        assert!(p(&["bias", "frame=ccomp"]) > 0.5 && p(&["bias", "frame=obj"]) < 0.5);
        // The built-in draft judge parses.
        assert!(!draft_model().is_empty());
    }

    #[test]
    fn averaged_weights_separate_a_noisy_toy_set() {
        let mut t = Trainer::new();
        for k in 0..40 {
            // One label in ten goes against its feature: noise the last updates would chase.
            t.add_names(&["bias", "dep=ccomp"], k % 10 != 0);
            t.add_names(&["bias", "dep=obj"], k % 10 == 0);
        }
        let opts = TrainOptions {
            epochs: 5,
            min_count: 1,
            l2: 1e-3,
            min_weight: 0.0,
            average: true,
            ..TrainOptions::PLAIN
        };
        let m = CueModel::parse(&t.train_opts(&opts, "source: a test")).unwrap();
        let p = |names: &[&str]| m.score_features(|f| names.iter().for_each(|n| f(&[n])));
        let (yes, no) = (p(&["bias", "dep=ccomp"]), p(&["bias", "dep=obj"]));
        assert!(yes > 0.6 && no < 0.4, "{yes} {no}");
        // The plain weights agree in direction.
        let plain = t.train_opts(
            &TrainOptions {
                average: false,
                ..opts
            },
            "source: a test",
        );
        let m = CueModel::parse(&plain).unwrap();
        let p = |names: &[&str]| m.score_features(|f| names.iter().for_each(|n| f(&[n])));
        assert!(p(&["bias", "dep=ccomp"]) > p(&["bias", "dep=obj"]));
    }

    #[test]
    fn lexical_dropout_moves_weight_to_the_context() {
        // Word and context say the same thing; only the context carries to an unseen word.
        let mut t = Trainer::new();
        for _ in 0..30 {
            t.add_names(&["bias", "lemma=insist", "learnt=9", "dep=ccomp"], true);
            t.add_names(&["bias", "lemma=eat", "learnt=none", "dep=obj"], false);
        }
        let plain = TrainOptions {
            min_count: 1,
            min_weight: 0.0,
            ..TrainOptions::PLAIN
        };
        let dropped = TrainOptions {
            dropout: 0.5,
            ..plain
        };
        let unseen = |opts: &TrainOptions| {
            let m = CueModel::parse(&t.train_opts(opts, "source: a test")).unwrap();
            m.score_features(|f| {
                ["bias", "lemma=hope", "learnt=none", "dep=ccomp"]
                    .iter()
                    .for_each(|n| f(&[n]))
            })
        };
        let (before, after) = (unseen(&plain), unseen(&dropped));
        assert!(after > before && after > 0.5, "{before} {after}");
        // Without dropout the options are those of `train_with`.
        assert_eq!(t.train_opts(&plain, "x"), t.train_with(5, 1, L2, 0.0, "x"));
    }

    #[test]
    fn adagrad_separates_a_toy_set() {
        let mut t = Trainer::new();
        for k in 0..40 {
            t.add_names(&["bias", "dep=ccomp", "lemma=insist"], k % 10 != 0);
            t.add_names(&["bias", "dep=obj", "lemma=eat"], false);
        }
        let ada = TrainOptions {
            min_count: 1,
            min_weight: 0.0,
            adagrad: true,
            rate: 0.1,
            ..TrainOptions::PLAIN
        };
        let text = t.train_opts(&ada, "source: a test");
        assert_ne!(text, t.train_with(5, 1, L2, 0.0, "source: a test"));
        let m = CueModel::parse(&text).unwrap();
        let p = |names: &[&str]| m.score_features(|f| names.iter().for_each(|n| f(&[n])));
        assert!(p(&["bias", "dep=ccomp", "lemma=hope"]) > 0.5);
        assert!(p(&["bias", "dep=obj", "lemma=eat"]) < 0.2);
    }

    #[test]
    fn example_weights_scale_the_gradient() {
        let train = |w: f32| {
            let mut t = Trainer::new();
            for _ in 0..30 {
                t.add_names(&["bias", "dep=ccomp"], true);
                t.add_names_weighted(&["bias", "dep=ccomp"], false, w);
            }
            let m = CueModel::parse(&t.train_with(5, 1, L2, 0.0, "source: a test")).unwrap();
            m.score_features(|f| {
                f(&["bias"]);
                f(&["dep=ccomp"]);
            })
        };
        assert!((train(1.0) - 0.5).abs() < 0.1);
        assert!(train(0.25) > 0.7);
        assert!(train(4.0) < 0.3);
    }

    #[test]
    fn hashing_parts_is_hashing_the_joined_name() {
        assert_eq!(hash_parts(&["dep", "ccomp"]), hash_parts(&["dep=ccomp"]));
        assert_ne!(hash_parts(&["dep", "ccomp"]), hash_parts(&["depccomp"]));
    }

    #[test]
    fn training_separates_a_toy_set_and_round_trips() {
        let mut t = Trainer::new();
        for _ in 0..20 {
            t.add_names(&["bias", "dep=ccomp", "lemma=insist"], true);
            t.add_names(&["bias", "dep=obj", "lemma=eat"], false);
            t.add_names(&["bias", "dep=ccomp", "lemma=hope"], true);
        }
        assert_eq!(t.sizes(), (60, 40));
        let tsv = t.train(5, 2, "source: a test\nlicence: none");
        assert!(tsv.starts_with("# source: a test\n# licence: none\nfeature\tweight\n"));
        let m = CueModel::parse(&tsv).unwrap();
        let toks = sent(&[
            ("we", "we", "PRON", Some(1), "nsubj"),
            ("fear", "fear", "VERB", None, "root"),
            ("it", "it", "PRON", Some(3), "nsubj"),
            ("rains", "rain", "VERB", Some(1), "ccomp"),
        ]);
        // An unseen lemma with a clausal complement is still judged a cue.
        assert!(m.score(&toks, 1, Cues::builtin()) > 0.5);
        let toks = sent(&[
            ("we", "we", "PRON", Some(1), "nsubj"),
            ("eat", "eat", "VERB", None, "root"),
            ("soup", "soup", "NOUN", Some(1), "obj"),
        ]);
        assert!(m.score(&toks, 1, Cues::builtin()) < 0.5);
        assert!(CueModel::parse("weight\tfeature\n").is_err());
        assert!(CueModel::parse("feature\tweight\nbias\tx\n").is_err());
    }
}
