//! Training the averaged perceptron on CoNLL-2003 documents.

use std::collections::HashMap;

use crate::conll::{spans, Doc};
use crate::features::{history_features, Feat, TokenInfo};
use crate::model::{best, class_of, decode, tag_hash, Weights, C, TYPES};
use crate::{Ner, Result};

/// Training settings.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the training data (the best pass on the dev set is kept).
    pub epochs: usize,
    /// Seed of the shuffling between passes.
    pub seed: u64,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            epochs: 12,
            seed: 7,
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

struct Prepared {
    toks: Vec<TokenInfo>,
    gold: Vec<usize>,
}

fn prepare(ner: &Ner, docs: &[Doc]) -> Vec<Prepared> {
    let mut out = Vec::new();
    for d in docs {
        let sents: Vec<Vec<&str>> = d
            .sentences
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let toks = ner.features(&sents);
        for (s, toks) in d.sentences.iter().zip(toks) {
            out.push(Prepared {
                toks,
                gold: gold_classes(&s.tags),
            });
        }
    }
    out
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
            self.w.w.extend_from_slice(&[0.0; C]);
            self.total.extend_from_slice(&[0.0; C]);
            self.stamp.extend_from_slice(&[0; C]);
        }
        r
    }

    fn update(&mut self, feats: &[Feat], class: usize, delta: f32) {
        for &f in feats {
            let i = self.row(f) * C + class;
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
    for s in data {
        let pred = decode(w, &s.toks);
        let to_names = |v: &[usize]| -> Vec<String> {
            v.iter().map(|&c| crate::model::class_name(c)).collect()
        };
        let p = spans(&to_names(&pred));
        let g = spans(&to_names(&s.gold));
        c.predicted += p.len();
        c.gold += g.len();
        c.correct += p.iter().filter(|x| g.contains(x)).count();
    }
    c
}

/// Trains a model on `train`, keeping the pass that scores best on `dev` (or the last pass when
/// `dev` is empty). `log` receives one line per pass.
pub fn train(
    train: &[Doc],
    dev: &[Doc],
    opts: &TrainOptions,
    log: &mut dyn FnMut(String),
) -> Result<Ner> {
    let mut ner = Ner::untrained();
    let mut data = prepare(&ner, train);
    let dev = prepare(&ner, dev);
    let mut t = Trainer::default();
    let mut rng = opts.seed.max(1);
    let mut best_w: Option<(f64, usize, Weights)> = None;
    let mut hist = Vec::with_capacity(8);
    for epoch in 1..=opts.epochs.max(1) {
        // Fisher–Yates with a xorshift generator: reproducible without a dependency.
        for i in (1..data.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            data.swap(i, (rng % (i as u64 + 1)) as usize);
        }
        let mut errors = 0usize;
        let mut tokens = 0usize;
        for s in &data {
            let mut pred: Vec<usize> = Vec::with_capacity(s.toks.len());
            for (i, tok) in s.toks.iter().enumerate() {
                t.now += 1;
                let prev = pred.last().copied();
                let prev2 = if i >= 2 { Some(pred[i - 2]) } else { None };
                hist.clear();
                history_features(tok, tag_hash(prev), tag_hash(prev2), &mut hist);
                let mut scores = [0f32; C];
                t.w.score(&tok.feats, &mut scores);
                t.w.score(&hist, &mut scores);
                let guess = best(&scores, prev, false);
                let gold = s.gold[i];
                if guess != gold {
                    errors += 1;
                    t.update(&tok.feats, gold, 1.0);
                    t.update(&hist, gold, 1.0);
                    t.update(&tok.feats, guess, -1.0);
                    t.update(&hist, guess, -1.0);
                }
                tokens += 1;
                // Follow the gold history while training so one error does not cascade.
                pred.push(gold);
            }
        }
        let avg = t.averaged();
        let f1 = if dev.is_empty() {
            0.0
        } else {
            evaluate(&avg, &dev).f1()
        };
        log(format!(
            "pass {epoch}: train token error {:.4}, dev span F1 {f1:.4}, features {}",
            errors as f64 / tokens.max(1) as f64,
            avg.index.len()
        ));
        if best_w.as_ref().is_none_or(|(b, _, _)| f1 >= *b) {
            best_w = Some((f1, epoch, avg));
        }
    }
    if let Some((f1, epoch, w)) = best_w {
        ner.weights = w;
        ner.meta = format!("best pass {epoch} of {}, dev span F1 {f1:.4}", opts.epochs);
    }
    Ok(ner)
}

/// Scores a model on documents with gold tags: span counts per type and overall.
pub fn score(ner: &Ner, docs: &[Doc]) -> HashMap<String, SpanCounts> {
    let data = prepare(ner, docs);
    let mut out: HashMap<String, SpanCounts> = HashMap::new();
    for s in &data {
        let pred = decode(&ner.weights, &s.toks);
        let names = |v: &[usize]| -> Vec<String> {
            v.iter().map(|&c| crate::model::class_name(c)).collect()
        };
        let p = spans(&names(&pred));
        let g = spans(&names(&s.gold));
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
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
