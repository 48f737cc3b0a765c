//! Training the averaged perceptron on CoNLL-2003 documents.

use std::collections::HashMap;
use std::path::PathBuf;

use crate::clusters::{ClusterOptions, Clusters, GRAINS};
use crate::conll::{spans, Doc};
use crate::features::{history_features, stack_features, Feat, TokenInfo};
use crate::model::{best, class_of, decode, tag_hash, Weights, C, ROW, TYPES};
use crate::names::Names;
use crate::{Ner, Result};

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the training data (the best pass on the dev set is kept).
    pub epochs: usize,
    /// Seed of the shuffling between passes.
    pub seed: u64,
    /// Folds of the jackknife that trains the second stage (below 2: one stage only).
    pub folds: usize,
    /// The corpora folder to learn word clusters from (see [`crate::unlabelled`]); `None`: no
    /// clusters.
    pub corpora: Option<PathBuf>,
    /// Words seen fewer times in the unlabelled text get no cluster.
    pub cluster_min_count: u32,
    /// Exchange passes of the clustering at each granularity.
    pub cluster_iterations: usize,
    /// After choosing the passes on `dev`, train the final model on train and dev together with
    /// those passes (the dev scores in the metadata are then those of the train-only model).
    pub refit: bool,
    /// Perceptrons trained per stage, each with its own shuffling seed and its own best pass,
    /// whose weights are averaged (1: a single perceptron; default 3, chosen on valid).
    pub members: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 20,
            seed: 7,
            folds: 4,
            corpora: None,
            cluster_min_count: 3,
            cluster_iterations: 8,
            refit: false,
            members: 3,
        }
    }
}

/// Gold BILOU classes of a sentence's tags.
fn gold_classes(tags: &[Option<String>]) -> Vec<usize> {
    let tags: Vec<&str> = tags.iter().map(|t| t.as_deref().unwrap_or("O")).collect();
    let mut out = vec![0; tags.len()];
    for (s, e, k) in spans(&tags) {
        let Some(t) = TYPES.iter().position(|x| *x == k) else {
            continue;
        };
        if e - s == 1 {
            out[s] = class_of(3, t);
        } else {
            out[s] = class_of(0, t);
            for c in out.iter_mut().take(e - 1).skip(s + 1) {
                *c = class_of(1, t);
            }
            out[e - 1] = class_of(2, t);
        }
    }
    out
}

/// A document ready for training: words, features and gold classes of each sentence.
struct Prepared {
    words: Vec<Vec<String>>,
    toks: Vec<Vec<TokenInfo>>,
    gold: Vec<Vec<usize>>,
}

impl Prepared {
    fn sentences(&self) -> impl Iterator<Item = (&[TokenInfo], &[usize])> {
        self.toks
            .iter()
            .zip(&self.gold)
            .map(|(t, g)| (t.as_slice(), g.as_slice()))
    }

    fn word_refs(&self) -> Vec<Vec<&str>> {
        self.words
            .iter()
            .map(|s| s.iter().map(String::as_str).collect())
            .collect()
    }
}

fn prepare(ner: &Ner, docs: &[Doc]) -> Vec<Prepared> {
    docs.iter()
        .map(|d| {
            let words: Vec<Vec<String>> = d.sentences.iter().map(|s| s.words.clone()).collect();
            let refs: Vec<Vec<&str>> = words
                .iter()
                .map(|s| s.iter().map(String::as_str).collect())
                .collect();
            let toks = ner.features(&refs);
            Prepared {
                words,
                toks,
                gold: d.sentences.iter().map(|s| gold_classes(&s.tags)).collect(),
            }
        })
        .collect()
}

/// The same documents with second-stage features from `classes` (one vector per sentence).
fn stacked(docs: &[Prepared], classes: &[Vec<Vec<usize>>]) -> Vec<Prepared> {
    docs.iter()
        .zip(classes)
        .map(|(d, c)| {
            let mut toks = d.toks.clone();
            stack_features(&d.word_refs(), c, &mut toks);
            Prepared {
                words: d.words.clone(),
                toks,
                gold: d.gold.clone(),
            }
        })
        .collect()
}

/// Lazily averaged perceptron weights being trained.
#[derive(Default)]
struct Trainer {
    w: Weights,
    total: Vec<f32>,
    stamp: Vec<u32>,
    now: u32,
}

impl Trainer {
    fn row(&mut self, f: Feat) -> usize {
        let n = self.w.index.len() as u32;
        let r = *self.w.index.entry(f).or_insert(n) as usize;
        if r as u32 == n {
            self.w.w.extend_from_slice(&[0.0; ROW]);
            self.total.extend_from_slice(&[0.0; ROW]);
            self.stamp.extend_from_slice(&[0; ROW]);
        }
        r
    }

    fn update(&mut self, feats: &[Feat], class: usize, delta: f32) {
        for &f in feats {
            let i = self.row(f) * ROW + class;
            self.total[i] += (self.now - self.stamp[i]) as f32 * self.w.w[i];
            self.stamp[i] = self.now;
            self.w.w[i] += delta;
        }
    }

    fn averaged(&self) -> Weights {
        let mut w = self.w.clone();
        for i in 0..w.w.len() {
            let total = self.total[i] + (self.now - self.stamp[i]) as f32 * self.w.w[i];
            w.w[i] = total / self.now.max(1) as f32;
        }
        w.freeze();
        w
    }
}

/// Span-level counts of one evaluation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SpanCounts {
    /// Predicted spans with the right bounds and type.
    pub correct: usize,
    /// Predicted spans.
    pub predicted: usize,
    /// Gold spans.
    pub gold: usize,
}

impl SpanCounts {
    /// F1 of the counts.
    pub fn f1(&self) -> f64 {
        let p = self.correct as f64 / self.predicted.max(1) as f64;
        let r = self.correct as f64 / self.gold.max(1) as f64;
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn evaluate(w: &Weights, data: &[Prepared]) -> SpanCounts {
    let mut c = SpanCounts::default();
    for (toks, gold) in data.iter().flat_map(Prepared::sentences) {
        let pred = decode(w, toks);
        let p = spans(&names(&pred));
        let g = spans(&names(gold));
        c.predicted += p.len();
        c.gold += g.len();
        c.correct += p.iter().filter(|x| g.contains(x)).count();
    }
    c
}

fn names(v: &[usize]) -> Vec<String> {
    v.iter().map(|&c| crate::model::class_name(c)).collect()
}

/// Trains one stage; returns the weights of the best pass on `dev` (the last pass when `dev` is
/// empty), its dev F1 and the pass number.
fn train_stage(
    data: &[Prepared],
    dev: &[Prepared],
    epochs: usize,
    seed: u64,
    log: &mut dyn FnMut(String),
) -> (Weights, f64, usize) {
    let mut order: Vec<(&[TokenInfo], &[usize])> =
        data.iter().flat_map(Prepared::sentences).collect();
    let mut t = Trainer::default();
    let mut rng = seed.max(1);
    let mut best_w: Option<(f64, usize, Weights)> = None;
    let mut hist = Vec::with_capacity(8);
    for epoch in 1..=epochs.max(1) {
        // Fisher–Yates with a xorshift generator: reproducible without a dependency.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            order.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut errors = 0usize;
        let mut tokens = 0usize;
        for &(toks, gold) in &order {
            for (i, tok) in toks.iter().enumerate() {
                t.now += 1;
                // Gold history while training: it scored better on dev than the predicted one.
                let prev = i.checked_sub(1).map(|p| gold[p]);
                let prev2 = i.checked_sub(2).map(|p| gold[p]);
                hist.clear();
                history_features(tok, tag_hash(prev), tag_hash(prev2), &mut hist);
                let mut scores = [0f32; C];
                t.w.score(&tok.feats, &mut scores);
                t.w.score(&hist, &mut scores);
                let guess = best(&scores, prev, false);
                if guess != gold[i] {
                    errors += 1;
                    t.update(&tok.feats, gold[i], 1.0);
                    t.update(&hist, gold[i], 1.0);
                    t.update(&tok.feats, guess, -1.0);
                    t.update(&hist, guess, -1.0);
                }
                tokens += 1;
            }
        }
        let avg = t.averaged();
        let f1 = if dev.is_empty() {
            0.0
        } else {
            evaluate(&avg, dev).f1()
        };
        log(format!(
            "  pass {epoch}: train token error {:.4}, dev span F1 {f1:.4}, features {}",
            errors as f64 / tokens.max(1) as f64,
            avg.index.len()
        ));
        if best_w.as_ref().is_none_or(|(b, _, _)| f1 >= *b) {
            best_w = Some((f1, epoch, avg));
        }
    }
    match best_w {
        Some((f1, epoch, w)) => (w, f1, epoch),
        None => (Weights::default(), 0.0, 0),
    }
}

/// Seed of ensemble member `m` (member 0 keeps the stage's own seed).
fn member_seed(seed: u64, m: usize) -> u64 {
    seed + 1000 * m as u64
}

/// The mean of several weight sets (a feature missing from one counts as zero there); features
/// are visited in id order, so the result does not depend on hash-map order.
fn average(ws: &[Weights]) -> Weights {
    if ws.len() == 1 {
        return ws[0].clone();
    }
    let mut feats: Vec<Feat> = ws.iter().flat_map(|w| w.index.keys().copied()).collect();
    feats.sort_unstable();
    feats.dedup();
    let mut out = Weights::default();
    out.w = vec![0.0; feats.len() * ROW];
    let k = ws.len() as f32;
    for (r, &f) in feats.iter().enumerate() {
        out.index.insert(f, r as u32);
        let dst = &mut out.w[r * ROW..r * ROW + ROW];
        for w in ws {
            if let Some(&i) = w.index.get(&f) {
                let src = &w.w[i as usize * ROW..i as usize * ROW + ROW];
                for (d, s) in dst.iter_mut().zip(src) {
                    *d += s / k;
                }
            }
        }
    }
    out.freeze();
    out
}

/// Trains `members` perceptrons on `data` (seeds from `seed`, each keeping its best pass on
/// `dev`) and averages them; returns the averaged weights, their dev F1 and each member's pass.
fn train_members(
    data: &[Prepared],
    dev: &[Prepared],
    epochs: usize,
    seed: u64,
    members: usize,
    log: &mut dyn FnMut(String),
) -> (Weights, f64, Vec<usize>) {
    let mut ws = Vec::new();
    let mut passes = Vec::new();
    let mut f1 = 0.0;
    for m in 0..members.max(1) {
        if members > 1 {
            log(format!("member {} of {members}", m + 1));
        }
        let (w, f, e) = train_stage(data, dev, epochs, member_seed(seed, m), log);
        ws.push(w);
        passes.push(e);
        f1 = f;
    }
    let avg = average(&ws);
    if ws.len() > 1 && !dev.is_empty() {
        f1 = evaluate(&avg, dev).f1();
        log(format!("averaged members: dev span F1 {f1:.4}"));
    }
    (avg, f1, passes)
}

/// Retrains the members of [`train_members`] on `data` with their chosen passes, averaged.
fn refit_members(
    data: &[Prepared],
    passes: &[usize],
    seed: u64,
    log: &mut dyn FnMut(String),
) -> Weights {
    let ws: Vec<Weights> = passes
        .iter()
        .enumerate()
        .map(|(m, &e)| train_stage(data, &[], e, member_seed(seed, m), log).0)
        .collect();
    average(&ws)
}

/// Stage-one classes of each training document from a model that never saw it (`folds` folds,
/// `epochs` passes each).
fn jackknife(
    data: &[Prepared],
    folds: usize,
    epochs: usize,
    seed: u64,
    log: &mut dyn FnMut(String),
) -> Vec<Vec<Vec<usize>>> {
    let mut jack: Vec<Vec<Vec<usize>>> = vec![Vec::new(); data.len()];
    for k in 0..folds {
        let rest: Vec<Prepared> = data
            .iter()
            .enumerate()
            .filter(|(i, _)| i % folds != k)
            .map(|(_, d)| Prepared {
                words: Vec::new(),
                toks: d.toks.clone(),
                gold: d.gold.clone(),
            })
            .collect();
        let (w, _, _) = train_stage(&rest, &[], epochs, seed + k as u64 + 1, &mut |_| {});
        for (i, d) in data.iter().enumerate().filter(|(i, _)| i % folds == k) {
            jack[i] = d.toks.iter().map(|t| decode(&w, t)).collect();
        }
        log(format!("jackknife fold {} of {folds} tagged", k + 1));
    }
    jack
}

/// Trains a model on `train`, choosing passes on `dev`. With `opts.corpora`, word clusters are
/// first learnt from the unlabelled text there. Stage one tags from local features; stage two
/// adds document-level features from stage one's tags (learnt on jackknifed stage-one tags of the
/// training data, `folds` folds) and is kept only when it helps on `dev`. With `opts.refit` the
/// chosen configuration is then retrained on train and dev together. `log` receives progress
/// lines.
pub fn train(
    train: &[Doc],
    dev: &[Doc],
    opts: &TrainOptions,
    log: &mut dyn FnMut(String),
) -> Result<Ner> {
    let mut ner = Ner::untrained();
    let mut meta = String::new();
    if let Some(root) = &opts.corpora {
        let text = crate::unlabelled::read_corpora(root, log)?;
        let copts = ClusterOptions {
            min_count: opts.cluster_min_count,
            iterations: opts.cluster_iterations,
            grains: GRAINS,
        };
        ner.extra.clusters = Clusters::train(&text, copts, log);
        let tokens: usize = text.iter().map(Vec::len).sum();
        drop(text);
        ner.extra.names = Names::learn(&crate::unlabelled::gmb_tagged(root)?, 2);
        meta = format!(
            "word clusters ({:?} classes, {} exchange passes, words seen {}+ times: {}) from {tokens} tokens of unlabelled text under {}; {} name phrases tagged twice or more in the GMB corpus; ",
            GRAINS,
            opts.cluster_iterations,
            opts.cluster_min_count,
            ner.extra.clusters.map.len(),
            root.display(),
            ner.extra.names.map.len()
        );
        log(format!("name list: {} phrases", ner.extra.names.map.len()));
    }
    let data = prepare(&ner, train);
    let dev_data = prepare(&ner, dev);
    log("stage 1".into());
    let (w1, f1, p1) = train_members(&data, &dev_data, opts.epochs, opts.seed, opts.members, log);
    // The jackknife for stage two uses one perceptron, with the first member's passes.
    let e1 = p1[0];
    ner.stages = vec![w1];
    let members = if opts.members > 1 {
        format!("{} averaged perceptrons per stage; ", opts.members)
    } else {
        String::new()
    };
    let mut summary = format!(
        "{members}stage 1: pass {} of {}, dev span F1 {f1:.4}",
        passes_text(&p1),
        opts.epochs
    );
    let mut stage2 = None;
    if opts.folds >= 2 && !dev_data.is_empty() {
        let jack = jackknife(&data, opts.folds, e1, opts.seed, log);
        let data2 = stacked(&data, &jack);
        let dev_classes: Vec<Vec<Vec<usize>>> = dev_data
            .iter()
            .map(|d| d.toks.iter().map(|t| decode(&ner.stages[0], t)).collect())
            .collect();
        let dev2 = stacked(&dev_data, &dev_classes);
        log("stage 2".into());
        let (w2, f2, p2) = train_members(
            &data2,
            &dev2,
            opts.epochs,
            opts.seed + 99,
            opts.members,
            log,
        );
        if f2 > f1 {
            ner.stages.push(w2);
            summary = format!(
                "{summary}; stage 2: pass {} of {ep}, dev span F1 {f2:.4}",
                passes_text(&p2),
                ep = opts.epochs
            );
            stage2 = Some(p2);
        }
    }
    if opts.refit && !dev_data.is_empty() {
        log("refit on train + dev".into());
        let all: Vec<Prepared> = data.into_iter().chain(dev_data).collect();
        let mut stages = vec![refit_members(&all, &p1, opts.seed, log)];
        if let Some(p2) = stage2 {
            let jack = jackknife(&all, opts.folds, e1, opts.seed, log);
            let all2 = stacked(&all, &jack);
            stages.push(refit_members(&all2, &p2, opts.seed + 99, log));
        }
        ner.stages = stages;
        summary = format!(
            "{summary} (dev scores of the train-only model; final weights retrained on train + dev with those passes)"
        );
    }
    ner.meta = format!("{meta}{summary}");
    Ok(ner)
}

/// Chosen passes as text: "14", or "14/12/15" for several members.
fn passes_text(passes: &[usize]) -> String {
    passes
        .iter()
        .map(usize::to_string)
        .collect::<Vec<_>>()
        .join("/")
}

/// Scores a model on documents with gold tags: span counts per type and `overall`.
pub fn score(ner: &Ner, docs: &[Doc]) -> HashMap<String, SpanCounts> {
    let mut out: HashMap<String, SpanCounts> = HashMap::new();
    for d in docs {
        let words: Vec<Vec<&str>> = d
            .sentences
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let classes = ner.classes(&words);
        for (s, pred) in d.sentences.iter().zip(&classes) {
            let p = spans(&names(pred));
            let g = spans(&names(&gold_classes(&s.tags)));
            for x in &p {
                let ok = g.contains(x);
                for k in [x.2.as_str(), "overall"] {
                    let c = out.entry(k.to_string()).or_default();
                    c.predicted += 1;
                    c.correct += ok as usize;
                }
            }
            for x in &g {
                for k in [x.2.as_str(), "overall"] {
                    out.entry(k.to_string()).or_default().gold += 1;
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn members_average_with_missing_rows_as_zero() {
        let mut a = Weights::default();
        a.index.insert(7, 0);
        a.w = vec![0.0; ROW];
        a.w[2] = 3.0;
        let mut b = Weights::default();
        b.index.insert(9, 0);
        b.index.insert(7, 1);
        b.w = vec![0.0; 2 * ROW];
        b.w[1] = 4.0;
        b.w[ROW + 2] = 1.0;
        let m = average(&[a, b]);
        let row = |f: Feat| {
            let r = m.index[&f] as usize;
            m.w[r * ROW..r * ROW + C].to_vec()
        };
        assert_eq!((row(7)[2], row(9)[1], row(9)[2]), (2.0, 2.0, 0.0));
        let mut scores = [0f32; C];
        m.score(&[7, 9], &mut scores);
        assert_eq!((scores[1], scores[2]), (2.0, 2.0));
    }

    #[test]
    fn gold_bilou() {
        let t: Vec<Option<String>> = ["B-PER", "I-PER", "O", "B-LOC", "I-ORG"]
            .iter()
            .map(|s| Some(s.to_string()))
            .collect();
        let names: Vec<String> = gold_classes(&t)
            .into_iter()
            .map(crate::model::class_name)
            .collect();
        assert_eq!(names, ["B-PER", "L-PER", "O", "U-LOC", "U-ORG"]);
    }
}
