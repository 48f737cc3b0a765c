//! The dependency parser: greedy arc-eager transitions with the root at the end of the buffer,
//! labels predicted jointly with the transitions, an averaged perceptron over Zhang & Nivre (2011)
//! features, trained with Goldberg & Nivre's (2012) dynamic oracle.

use std::collections::HashMap;

use crate::conllu;
use crate::format::{Reader, Writer};
use crate::hash::{self, feat, mix};
use crate::perceptron::{BlockScratch, BlockWeights, Layout, Trainer};
use crate::tagger::lower_hash;
use crate::train::{Progress, Rng, TrainOptions};
use crate::{Meta, Result, Upos};

const MAGIC: &[u8; 8] = b"BYLNPAR\0";
const NONE: usize = usize::MAX;
const SHIFT: usize = 0;
const REDUCE: usize = 1;

// A transition class: 0 shift, 1 reduce, 2 + 2l left-arc with label l, 3 + 2l right-arc.

/// The input of one sentence: word, XPOS and UPOS hashes.
#[derive(Clone, Debug, Default)]
pub(crate) struct Input {
    pub(crate) words: Vec<u64>,
    pub(crate) tags: Vec<u64>,
    pub(crate) utags: Vec<u64>,
}

impl Input {
    pub(crate) fn new<'a>(
        forms: impl Iterator<Item = &'a str>,
        tags: impl Iterator<Item = (&'a str, Upos)>,
    ) -> Input {
        let (tags, utags) = tags.map(|(x, u)| (hash::str(x), 0x7700 + u as u64)).unzip();
        Input {
            words: forms.map(lower_hash).collect(),
            tags,
            utags,
        }
    }
}

/// Tags of one sentence: (XPOS, UPOS) per word.
pub type SentenceTags = Vec<(String, Upos)>;

fn input_of(s: &conllu::Sentence, t: &SentenceTags) -> Input {
    Input::new(
        s.words.iter().map(|w| w.form.as_str()),
        t.iter().map(|(x, u)| (x.as_str(), *u)),
    )
}

/// The parser configuration.
struct State {
    n: usize,
    stack: Vec<usize>,
    in_stack: Vec<bool>,
    b: usize,
    head: Vec<usize>,
    label: Vec<usize>,
    lc1: Vec<usize>,
    lc2: Vec<usize>,
    rc1: Vec<usize>,
    rc2: Vec<usize>,
    nl: Vec<u64>,
    nr: Vec<u64>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    fn new(n: usize) -> State {
        State {
            n,
            stack: Vec::with_capacity(n),
            in_stack: vec![false; n + 1],
            b: 0,
            head: vec![NONE; n + 1],
            label: vec![NONE; n + 1],
            lc1: vec![NONE; n + 1],
            lc2: vec![NONE; n + 1],
            rc1: vec![NONE; n + 1],
            rc2: vec![NONE; n + 1],
            nl: vec![0; n + 1],
            nr: vec![0; n + 1],
            lset: vec![0; n + 1],
            rset: vec![0; n + 1],
        }
    }

    fn terminal(&self) -> bool {
        self.b >= self.n && self.stack.is_empty()
    }

    fn s0(&self) -> usize {
        self.stack.last().copied().unwrap_or(NONE)
    }

    /// Which of shift, reduce, left, right are allowed.
    fn valid(&self) -> [bool; 4] {
        let s0 = self.s0();
        let has_stack = s0 != NONE;
        let s0_headed = has_stack && self.head[s0] != NONE;
        [
            self.b < self.n,
            s0_headed,
            has_stack && !s0_headed,
            has_stack && self.b < self.n,
        ]
    }

    fn add_arc(&mut self, h: usize, d: usize, l: usize) {
        self.head[d] = h;
        self.label[d] = l;
        let bit = 1u64 << (l % 64);
        if d < h {
            self.nl[h] += 1;
            self.lset[h] |= bit;
            if self.lc1[h] == NONE || d < self.lc1[h] {
                self.lc2[h] = self.lc1[h];
                self.lc1[h] = d;
            } else if self.lc2[h] == NONE || d < self.lc2[h] {
                self.lc2[h] = d;
            }
        } else {
            self.nr[h] += 1;
            self.rset[h] |= bit;
            if self.rc1[h] == NONE || d > self.rc1[h] {
                self.rc2[h] = self.rc1[h];
                self.rc1[h] = d;
            } else if self.rc2[h] == NONE || d > self.rc2[h] {
                self.rc2[h] = d;
            }
        }
    }

    fn apply(&mut self, class: usize) {
        match class {
            SHIFT => {
                self.stack.push(self.b);
                self.in_stack[self.b] = true;
                self.b += 1;
            }
            REDUCE => {
                if let Some(s) = self.stack.pop() {
                    self.in_stack[s] = false;
                }
            }
            c => {
                let l = (c - 2) / 2;
                let Some(s0) = self.stack.last().copied() else {
                    return;
                };
                if c % 2 == 0 {
                    self.stack.pop();
                    self.in_stack[s0] = false;
                    self.add_arc(self.b, s0, l);
                } else {
                    self.add_arc(s0, self.b, l);
                    self.stack.push(self.b);
                    self.in_stack[self.b] = true;
                    self.b += 1;
                }
            }
        }
    }

    /// Unlabelled costs of shift, reduce, left, right against gold heads (root = n).
    fn costs(&self, gold: &[usize]) -> [i32; 4] {
        let s0 = self.s0();
        let b = self.b;
        // Headless stack words whose gold head is b.
        let stack_deps_of_b = if b < self.n {
            self.stack
                .iter()
                .filter(|&&k| self.head[k] == NONE && gold[k] == b)
                .count() as i32
        } else {
            0
        };
        let buffer_deps_of_s0 = if s0 != NONE {
            (b..self.n).filter(|&k| gold[k] == s0).count() as i32
        } else {
            0
        };
        let gb = if b < self.n { gold[b] } else { NONE };
        let shift = i32::from(gb != NONE && gb <= self.n && self.in_stack[gb]) + stack_deps_of_b;
        let reduce = buffer_deps_of_s0;
        let leftc = if s0 != NONE {
            i32::from(gold[s0] > b && gold[s0] != NONE) + buffer_deps_of_s0
        } else {
            0
        };
        let rightc = if s0 != NONE && b < self.n {
            let head_lost = gb != NONE && ((gb != s0 && self.in_stack[gb]) || gb > b);
            i32::from(head_lost) + stack_deps_of_b
        } else {
            0
        };
        [shift, reduce, leftc, rightc]
    }

    fn features(&self, x: &Input, out: &mut Vec<u64>) {
        out.clear();
        let n = self.n;
        let root_w = 0x0f0f_1234_5678;
        let none_w = 0x0e0e_8765_4321;
        let w = |i: usize| -> u64 {
            if i == NONE {
                none_w
            } else if i >= n {
                root_w
            } else {
                x.words[i]
            }
        };
        let p = |i: usize| -> u64 {
            if i == NONE {
                none_w ^ 1
            } else if i >= n {
                root_w ^ 1
            } else {
                x.tags[i]
            }
        };
        let g = |v: &Vec<usize>, i: usize| -> usize {
            if i == NONE || i >= v.len() {
                NONE
            } else {
                v[i]
            }
        };
        let lab = |i: usize| -> u64 {
            if i == NONE || i >= self.label.len() || self.label[i] == NONE {
                99_999
            } else {
                self.label[i] as u64
            }
        };
        let s0 = self.s0();
        let s1 = if self.stack.len() >= 2 {
            self.stack[self.stack.len() - 2]
        } else {
            NONE
        };
        let n0 = if self.b <= n { self.b } else { NONE };
        let n1 = if self.b < n { self.b + 1 } else { NONE };
        let n2 = if self.b + 1 < n { self.b + 2 } else { NONE };
        let s0h = g(&self.head, s0);
        let s0h2 = g(&self.head, s0h);
        let s0l = g(&self.lc1, s0);
        let s0l2 = g(&self.lc2, s0);
        let s0r = g(&self.rc1, s0);
        let s0r2 = g(&self.rc2, s0);
        let n0l = g(&self.lc1, n0);
        let n0l2 = g(&self.lc2, n0);
        let (s0w, s0p, n0w, n0p) = (w(s0), p(s0), w(n0), p(n0));
        let (n1w, n1p, n2w, n2p) = (w(n1), p(n1), w(n2), p(n2));
        let s0wp = mix(s0w, s0p);
        let n0wp = mix(n0w, n0p);
        let n1wp = mix(n1w, n1p);
        let n2wp = mix(n2w, n2p);
        let d = if s0 != NONE && n0 != NONE {
            let d = (n0 - s0) as u64;
            match d {
                0..=4 => d,
                5..=7 => 5,
                8..=12 => 6,
                _ => 7,
            }
        } else {
            0
        };
        let vr = if s0 != NONE { self.nr[s0] } else { 99 };
        let vl = if s0 != NONE { self.nl[s0] } else { 99 };
        let n0vl = if n0 != NONE { self.nl[n0] } else { 99 };
        let srs = if s0 != NONE { self.rset[s0] } else { 1 << 63 };
        let sls = if s0 != NONE { self.lset[s0] } else { 1 << 63 };
        let nls = if n0 != NONE { self.lset[n0] } else { 1 << 63 };
        let s0_headed = u64::from(s0 != NONE && self.head[s0] != NONE);
        let (s1w, s1p) = (w(s1), p(s1));
        let u = |i: usize| -> u64 {
            if i == NONE {
                1
            } else if i >= n {
                2
            } else {
                x.utags[i]
            }
        };
        let (s0u, n0u, n1u) = (u(s0), u(n0), u(n1));

        out.extend_from_slice(&[
            feat(1, s0wp, 0, 0),
            feat(2, s0w, 0, 0),
            feat(3, s0p, 0, 0),
            feat(4, n0wp, 0, 0),
            feat(5, n0w, 0, 0),
            feat(6, n0p, 0, 0),
            feat(7, n1wp, 0, 0),
            feat(8, n1w, 0, 0),
            feat(9, n1p, 0, 0),
            feat(10, n2wp, 0, 0),
            feat(11, n2w, 0, 0),
            feat(12, n2p, 0, 0),
            feat(13, s0wp, n0wp, 0),
            feat(14, s0wp, n0w, 0),
            feat(15, s0w, n0wp, 0),
            feat(16, s0wp, n0p, 0),
            feat(17, s0p, n0wp, 0),
            feat(18, s0w, n0w, 0),
            feat(19, s0p, n0p, 0),
            feat(20, n0p, n1p, 0),
            feat(21, n0p, n1p, n2p),
            feat(22, s0p, n0p, n1p),
            feat(23, p(s0h), s0p, n0p),
            feat(24, s0p, p(s0l), n0p),
            feat(25, s0p, p(s0r), n0p),
            feat(26, s0p, n0p, p(n0l)),
            feat(27, s0w, d, 0),
            feat(28, s0p, d, 0),
            feat(29, n0w, d, 0),
            feat(30, n0p, d, 0),
            feat(31, s0w, n0w, d),
            feat(32, s0p, n0p, d),
            feat(33, s0w, vr, 0),
            feat(34, s0p, vr, 0),
            feat(35, s0w, vl, 0),
            feat(36, s0p, vl, 0),
            feat(37, n0w, n0vl, 0),
            feat(38, n0p, n0vl, 0),
            feat(39, w(s0h), 0, 0),
            feat(40, p(s0h), 0, 0),
            feat(41, lab(s0), 0, 0),
            feat(42, w(s0l), 0, 0),
            feat(43, p(s0l), 0, 0),
            feat(44, lab(s0l), 0, 0),
            feat(45, w(s0r), 0, 0),
            feat(46, p(s0r), 0, 0),
            feat(47, lab(s0r), 0, 0),
            feat(48, w(n0l), 0, 0),
            feat(49, p(n0l), 0, 0),
            feat(50, lab(n0l), 0, 0),
            feat(51, w(s0h2), 0, 0),
            feat(52, p(s0h2), 0, 0),
            feat(53, lab(s0h), 0, 0),
            feat(54, w(s0l2), 0, 0),
            feat(55, p(s0l2), 0, 0),
            feat(56, lab(s0l2), 0, 0),
            feat(57, w(s0r2), 0, 0),
            feat(58, p(s0r2), 0, 0),
            feat(59, lab(s0r2), 0, 0),
            feat(60, w(n0l2), 0, 0),
            feat(61, p(n0l2), 0, 0),
            feat(62, lab(n0l2), 0, 0),
            feat(63, s0p, p(s0l), p(s0l2)),
            feat(64, s0p, p(s0r), p(s0r2)),
            feat(65, s0p, p(s0h), p(s0h2)),
            feat(66, n0p, p(n0l), p(n0l2)),
            feat(67, s0w, srs, 0),
            feat(68, s0p, srs, 0),
            feat(69, s0w, sls, 0),
            feat(70, s0p, sls, 0),
            feat(71, n0w, nls, 0),
            feat(72, n0p, nls, 0),
            feat(73, s1p, s0p, n0p),
            feat(74, s1w, 0, 0),
            feat(75, s1p, 0, 0),
            feat(76, 0, 0, 0),
            feat(77, s0_headed, s0p, n0p),
            feat(78, s0_headed, lab(s0), n0p),
            feat(79, s1p, s0p, 0),
            feat(80, s0p, lab(s0), n0p),
            feat(81, s0u, n0u, 0),
            feat(82, s0u, n0u, n1u),
            feat(83, u(s1), s0u, n0u),
            feat(84, n0u, n1u, u(n2)),
            feat(85, s0w, n0u, 0),
            feat(86, s0u, n0w, 0),
            feat(87, u(s0h), s0u, n0u),
            feat(88, s0u, u(s0l), n0u),
            feat(89, s0u, u(s0r), n0u),
            feat(90, s0u, n0u, d),
        ]);
    }
}

/// Block of the right-arc, shift and reduce classes in the parser's weights.
const BLOCK_RIGHT: u32 = 1;
/// Block of the left-arc classes.
const BLOCK_LEFT: u32 = 2;

/// The parser's class layout: right-arc labels, shift and reduce in one block, left-arc labels
/// in another, so a state where left-arc is invalid (s0 has a head) scores half the weights.
fn layout(nlabels: usize) -> Layout {
    let right_chunks = (nlabels + 2).div_ceil(8);
    let first_left = right_chunks * 8;
    let mut lane = vec![0u16; 2 + 2 * nlabels];
    lane[SHIFT] = nlabels as u16;
    lane[REDUCE] = nlabels as u16 + 1;
    for l in 0..nlabels {
        lane[2 + 2 * l] = (first_left + l) as u16;
        lane[3 + 2 * l] = l as u16;
    }
    Layout {
        lane,
        blocks: vec![right_chunks, nlabels.div_ceil(8)],
    }
}

/// A trained parser.
#[derive(Clone, Debug)]
pub struct Parser {
    weights: BlockWeights,
    labels: Vec<String>,
    root_label: usize,
    meta: Meta,
}

/// The first lane with the highest score, and that score.
#[inline]
fn first_max(scores: &[i32]) -> Option<(usize, i32)> {
    // The maximum first (a branch-free pass the compiler vectorises), then where it is.
    let max = scores.iter().copied().fold(i32::MIN, i32::max);
    let at = scores.iter().position(|&s| s == max)?;
    Some((at, max))
}

/// The best valid class.
fn best_valid(scores: &[f32], valid: [bool; 4]) -> usize {
    let mut best = NONE;
    for (c, s) in scores.iter().enumerate() {
        let kind = if c < 2 { c } else { 2 + (c - 2) % 2 };
        if valid[kind] && (best == NONE || *s > scores[best]) {
            best = c;
        }
    }
    best
}

impl Parser {
    /// Reads a parser from model bytes.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Parser> {
        let mut r = Reader::open(bytes, MAGIC, name)?;
        let meta = Meta::read(&mut r)?;
        let labels = r.strs()?;
        let weights = BlockWeights::read(&mut r, &layout(labels.len()))?;
        if weights.nclasses() != 2 + 2 * labels.len() {
            return Err(crate::Error::BadModel {
                model: name.to_string(),
                message: "weights and label set disagree".into(),
            });
        }
        let root_label = labels.iter().position(|l| l == "root").unwrap_or(0);
        Ok(Parser {
            weights,
            labels,
            root_label,
            meta,
        })
    }

    /// Model bytes, weights under `prune` times the largest dropped.
    pub fn to_bytes(&self, prune: f32) -> Vec<u8> {
        let mut w = Writer::default();
        self.meta.write(&mut w);
        w.strs(&self.labels);
        self.weights.write(&mut w, prune);
        w.finish(MAGIC)
    }

    /// What the model was trained on, how, and its scores.
    pub fn meta(&self) -> &Meta {
        &self.meta
    }

    /// Sets the model's description.
    pub fn set_meta(&mut self, meta: Meta) {
        self.meta = meta;
    }

    /// Number of feature rows kept.
    pub fn features(&self) -> usize {
        self.weights.features()
    }

    /// The name of label `l`.
    pub(crate) fn label_name(&self, l: usize) -> &str {
        self.labels.get(l).map_or("dep", String::as_str)
    }

    /// Parses one sentence: (head, label) per word, head `None` for the root.
    pub(crate) fn parse(&self, x: &Input) -> Vec<(Option<usize>, usize)> {
        let n = x.words.len();
        let mut st = State::new(n);
        let mut feats = Vec::with_capacity(96);
        let mut scores = vec![0i32; self.weights.lanes()];
        let mut scratch = BlockScratch::default();
        while !st.terminal() {
            let valid = st.valid();
            let c = match valid {
                // One valid transition: nothing to score.
                [true, false, false, false] => SHIFT,
                [false, true, false, false] => REDUCE,
                [false, false, false, false] => break,
                _ => {
                    st.features(x, &mut feats);
                    let want = if valid[2] { BLOCK_LEFT } else { 0 }
                        | if valid[0] || valid[1] || valid[3] {
                            BLOCK_RIGHT
                        } else {
                            0
                        };
                    self.weights.score(&feats, want, &mut scratch, &mut scores);
                    self.best_valid_lane(&scores, valid)
                }
            };
            st.apply(c);
        }
        self.finish(&st)
    }

    /// The best valid class from lane scores: the first class in class order among those with
    /// the highest score, as [`best_valid`] picks from class scores.
    fn best_valid_lane(&self, scores: &[i32], valid: [bool; 4]) -> usize {
        let nl = self.labels.len();
        // (score, class) candidates of each valid kind.
        let mut best: Option<(i32, usize)> = None;
        let mut consider = |s: i32, c: usize| {
            if best.is_none_or(|(bs, bc)| s > bs || (s == bs && c < bc)) {
                best = Some((s, c));
            }
        };
        let w = &self.weights;
        if valid[0] {
            consider(scores[w.lane(SHIFT)], SHIFT);
        }
        if valid[1] {
            consider(scores[w.lane(REDUCE)], REDUCE);
        }
        if valid[2] {
            let first = w.lane(2);
            if let Some((l, s)) = scores.get(first..first + nl).and_then(first_max) {
                consider(s, 2 + 2 * l);
            }
        }
        if valid[3] {
            let first = w.lane(3);
            if let Some((l, s)) = scores.get(first..first + nl).and_then(first_max) {
                consider(s, 3 + 2 * l);
            }
        }
        best.map_or(NONE, |(_, c)| c)
    }

    /// Turns a final state into one tree with a single root.
    fn finish(&self, st: &State) -> Vec<(Option<usize>, usize)> {
        let n = st.n;
        let mut out: Vec<(Option<usize>, usize)> = (0..n)
            .map(|i| {
                let h = st.head[i];
                if h == NONE || h >= n {
                    (None, st.label[i])
                } else {
                    (Some(h), st.label[i])
                }
            })
            .collect();
        let roots: Vec<usize> = (0..n).filter(|&i| out[i].0.is_none()).collect();
        let main = roots
            .iter()
            .copied()
            .find(|&i| out[i].1 == self.root_label)
            .or_else(|| roots.first().copied());
        if let Some(m) = main {
            let fallback = self
                .labels
                .iter()
                .position(|l| l == "parataxis")
                .unwrap_or(self.root_label);
            for &r in &roots {
                if r != m {
                    let l = if out[r].1 == self.root_label || out[r].1 == NONE {
                        fallback
                    } else {
                        out[r].1
                    };
                    out[r] = (Some(m), l);
                }
            }
            out[m].1 = self.root_label;
        }
        for o in &mut out {
            if o.1 == NONE || (o.0.is_some() && o.1 == self.root_label) {
                o.1 = self.labels.iter().position(|l| l == "dep").unwrap_or(0);
            }
        }
        out
    }

    /// Trains a parser on `train` (tagged with `train_tags`), scoring each epoch on `dev`
    /// (tagged with `dev_tags`) and keeping the best epoch.
    pub(crate) fn train(
        train: &[conllu::Sentence],
        train_tags: &[SentenceTags],
        dev: &[conllu::Sentence],
        dev_tags: &[SentenceTags],
        opts: &TrainOptions,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Parser> {
        let mut label_ids: HashMap<String, usize> = HashMap::new();
        let mut labels: Vec<String> = Vec::new();
        for s in train {
            for w in &s.words {
                if !label_ids.contains_key(&w.deprel) {
                    label_ids.insert(w.deprel.clone(), labels.len());
                    labels.push(w.deprel.clone());
                }
            }
        }
        if labels.is_empty() {
            return Err(crate::Error::Training("no training sentences".into()));
        }
        if !label_ids.contains_key("root") {
            labels.push("root".into());
        }
        let nclasses = 2 + 2 * labels.len();
        let root_label = labels.iter().position(|l| l == "root").unwrap_or(0);
        let inputs: Vec<Input> = train
            .iter()
            .zip(train_tags)
            .map(|(s, t)| input_of(s, t))
            .collect();
        let golds: Vec<(Vec<usize>, Vec<usize>)> = train
            .iter()
            .map(|s| {
                let n = s.words.len();
                let heads = s
                    .words
                    .iter()
                    .map(|w| {
                        if w.head == 0 || w.head > n {
                            n
                        } else {
                            w.head - 1
                        }
                    })
                    .collect();
                let labs = s
                    .words
                    .iter()
                    .map(|w| label_ids.get(&w.deprel).copied().unwrap_or(0))
                    .collect();
                (heads, labs)
            })
            .collect();
        let layout = layout(labels.len());
        let mut parser = Parser {
            weights: BlockWeights::from_weights(&Trainer::new(nclasses).averaged(), &layout)?,
            labels,
            root_label,
            meta: Meta::default(),
        };
        let mut trainer = Trainer::new(nclasses);
        let mut rng = Rng::new(opts.seed);
        let mut order: Vec<usize> = (0..train.len()).collect();
        let mut feats = Vec::with_capacity(96);
        let mut scores = vec![0f32; nclasses];
        let mut costs = vec![0i32; nclasses];
        let mut best: Option<(f64, BlockWeights, usize)> = None;
        for epoch in 1..=opts.epochs {
            rng.shuffle(&mut order);
            let (mut right_n, mut seen) = (0usize, 0usize);
            let explore = epoch >= opts.explore_from;
            for (done, &si) in order.iter().enumerate() {
                let x = &inputs[si];
                let (gh, gl) = &golds[si];
                let n = x.words.len();
                let mut st = State::new(n);
                while !st.terminal() {
                    st.features(x, &mut feats);
                    trainer.score(&feats, &mut scores);
                    let valid = st.valid();
                    let base = st.costs(gh);
                    let s0 = st.s0();
                    let mut min_cost = i32::MAX;
                    for (c, cost) in costs.iter_mut().enumerate() {
                        let kind = if c < 2 { c } else { 2 + (c - 2) % 2 };
                        if !valid[kind] {
                            *cost = i32::MAX;
                            continue;
                        }
                        let mut k = base[kind];
                        if c >= 2 {
                            let l = (c - 2) / 2;
                            if kind == 2 && gh[s0] == st.b && gl[s0] != l {
                                k += 1;
                            }
                            if kind == 3 && gh[st.b] == s0 && gl[st.b] != l {
                                k += 1;
                            }
                        }
                        *cost = k;
                        min_cost = min_cost.min(k);
                    }
                    if min_cost == i32::MAX {
                        break;
                    }
                    let guess = best_valid(&scores, valid);
                    let mut gold = NONE;
                    for (c, cost) in costs.iter().enumerate() {
                        if *cost == min_cost && (gold == NONE || scores[c] > scores[gold]) {
                            gold = c;
                        }
                    }
                    if costs[guess] != min_cost {
                        trainer.update(&feats, gold, guess);
                    } else {
                        right_n += 1;
                    }
                    seen += 1;
                    trainer.tick();
                    let next =
                        if costs[guess] == min_cost || (explore && rng.unit() < opts.explore_p) {
                            guess
                        } else {
                            gold
                        };
                    st.apply(next);
                }
                if done % 256 == 0 {
                    progress(Progress::Step {
                        epoch,
                        done,
                        total: order.len(),
                    });
                }
            }
            parser.weights = BlockWeights::from_weights(&trainer.averaged(), &layout)?;
            let mut scores_out = vec![(
                "train transitions".to_string(),
                100.0 * right_n as f64 / seen.max(1) as f64,
            )];
            let dev_scores = (!dev.is_empty()).then(|| parser.evaluate(dev, dev_tags));
            if let Some(d) = dev_scores {
                scores_out.push(("dev UAS".into(), d.uas));
                scores_out.push(("dev LAS".into(), d.las));
            }
            progress(Progress::Epoch {
                epoch,
                scores: scores_out,
                features: trainer.features(),
            });
            let key = dev_scores.map_or(epoch as f64, |d| d.las);
            if best.as_ref().is_none_or(|(b, _, _)| key > *b) {
                best = Some((key, parser.weights.clone(), epoch));
            }
        }
        if let Some((_, w, epoch)) = best {
            parser.weights = w;
            parser.meta.set("best_epoch", &epoch.to_string());
        }
        let _ = root_label;
        Ok(parser)
    }

    /// UAS and LAS on gold trees, parsing with the tags `tagger` gives.
    pub fn evaluate_tagged(
        &self,
        gold: &[conllu::Sentence],
        tagger: &crate::Tagger,
    ) -> ParseScores {
        self.evaluate(gold, &crate::train::tag_sentences(tagger, gold))
    }

    /// UAS and LAS on gold trees, parsing with the given tags.
    pub(crate) fn evaluate(&self, gold: &[conllu::Sentence], tags: &[SentenceTags]) -> ParseScores {
        let (mut n, mut u, mut l) = (0usize, 0usize, 0usize);
        for (s, t) in gold.iter().zip(tags) {
            let x = input_of(s, t);
            for ((h, lab), w) in self.parse(&x).iter().zip(&s.words) {
                let head = h.map_or(0, |h| h + 1);
                n += 1;
                if head == w.head {
                    u += 1;
                    if self.label_name(*lab) == w.deprel {
                        l += 1;
                    }
                }
            }
        }
        ParseScores {
            uas: 100.0 * u as f64 / n.max(1) as f64,
            las: 100.0 * l as f64 / n.max(1) as f64,
        }
    }
}

/// Attachment scores, in percent.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct ParseScores {
    /// Unlabelled attachment score.
    pub uas: f64,
    /// Labelled attachment score.
    pub las: f64,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Picking the best valid class from lane scores agrees with picking it from class scores,
    /// ties included (the lowest class wins), for every set of valid transitions.
    #[test]
    fn best_valid_lane_agrees_with_class_order() {
        let labels: Vec<String> = (0..13).map(|l| format!("l{l}")).collect();
        let nclasses = 2 + 2 * labels.len();
        let layout = layout(labels.len());
        let parser = Parser {
            weights: BlockWeights::from_weights(&Trainer::new(nclasses).averaged(), &layout)
                .unwrap(),
            labels,
            root_label: 0,
            meta: Meta::default(),
        };
        let mut rng = Rng::new(3);
        let mut lanes = vec![0i32; parser.weights.lanes()];
        for _ in 0..2000 {
            // Few distinct values, so ties are common.
            let scores: Vec<i32> = (0..nclasses)
                .map(|_| (rng.unit() * 4.0) as i32 - 2)
                .collect();
            for (c, &s) in scores.iter().enumerate() {
                lanes[parser.weights.lane(c)] = s;
            }
            let floats: Vec<f32> = scores.iter().map(|&s| s as f32).collect();
            for bits in 1..16u32 {
                let valid = [bits & 1 != 0, bits & 2 != 0, bits & 4 != 0, bits & 8 != 0];
                assert_eq!(
                    parser.best_valid_lane(&lanes, valid),
                    best_valid(&floats, valid),
                    "{scores:?} {valid:?}"
                );
            }
        }
    }

    /// A parser trained on a few sentences of our own learns them, and parses the same after
    /// writing and reading its model.
    #[test]
    fn trains_writes_and_reads_back() {
        let text = "\
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tminister\tminister\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tsaid\tsay\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthat\tthat\tSCONJ\tIN\t_\t6\tmark\t_\t_
5\ttalks\ttalk\tNOUN\tNNS\t_\t6\tnsubj\t_\t_
6\tresumed\tresume\tVERB\tVBD\t_\t3\tccomp\t_\t_
7\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tTroops\ttroop\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tleft\tleave\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\ttown\ttown\tNOUN\tNN\t_\t2\tobj\t_\t_
5\t,\t,\tPUNCT\t,\t_\t7\tpunct\t_\t_
6\tofficials\tofficial\tNOUN\tNNS\t_\t7\tnsubj\t_\t_
7\tsaid\tsay\tVERB\tVBD\t_\t2\tparataxis\t_\t_
8\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";
        let sents = conllu::parse(text).unwrap();
        let tags: Vec<SentenceTags> = sents
            .iter()
            .map(|s| {
                s.words
                    .iter()
                    .map(|w| (w.xpos.clone(), Upos::parse(&w.upos).unwrap()))
                    .collect()
            })
            .collect();
        let opts = TrainOptions {
            epochs: 8,
            ..TrainOptions::default()
        };
        let parser = Parser::train(&sents, &tags, &sents, &tags, &opts, &mut |_| {}).unwrap();
        let scores = parser.evaluate(&sents, &tags);
        assert_eq!((scores.uas, scores.las), (100.0, 100.0));
        let back = Parser::from_bytes(&parser.to_bytes(0.0), "test").unwrap();
        assert_eq!(back.features(), parser.features());
        for (s, t) in sents.iter().zip(&tags) {
            let x = input_of(s, t);
            assert_eq!(back.parse(&x), parser.parse(&x));
        }
    }
}
