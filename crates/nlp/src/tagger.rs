//! The part-of-speech tagger: greedy averaged perceptrons with affix, shape, context,
//! tag-dictionary and word-cluster features. A first pass tags XPOS left to right; a second
//! pass tags UPOS right to left (older models: left to right), seeing the first pass's tags on
//! both sides (and the UPOS each XPOS most often maps to), so the sentence is read both ways.

use std::collections::HashMap;

use crate::clusters::{self, Clusters};
use crate::conllu;
use crate::format::{Reader, Writer};
use crate::hash::{self, feat, FeatureMap};
use crate::perceptron::{Trainer, Weights};
use crate::train::{Progress, Rng, TrainOptions};
use crate::{lemma::Lemmatizer, Meta, Result, Upos};

const MAGIC: &[u8; 8] = b"BYLNTAG\0";
/// Words seen less often than this get no tag-dictionary entry.
const DICT_MIN_COUNT: u32 = 1;
/// A tag seen for under this share of a word's occurrences is left out of its dictionary entry.
const DICT_MIN_SHARE: f32 = 0.05;

/// Feature-set bit: the second (UPOS) pass runs right to left, so its own earlier decisions
/// are the words to the right and the first pass's tags the words to the left.
const FS_RTL: u32 = 1;
/// The layout new taggers are trained with (`FS_*` bits; older models, 0, still load).
const TRAIN_FSET: u32 = FS_RTL;

/// Per-word values computed once per sentence.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct WordInfo {
    pub(crate) lower: u64,
    form: u64,
    shape: u64,
    suf: [u64; 4],
    pre: [u64; 3],
    amb: u64,
    flags: u64,
    /// Word classes, coarsest first.
    clu: [u64; clusters::LEVELS],
}

fn pad(n: u64) -> WordInfo {
    let h = hash::mix(0xdead_beef, n);
    WordInfo {
        lower: h,
        form: h,
        shape: h,
        suf: [h; 4],
        pre: [h; 3],
        amb: h,
        flags: h,
        clu: [h; clusters::LEVELS],
    }
}

/// The lowercased hash of a word form.
pub(crate) fn lower_hash(form: &str) -> u64 {
    if form.bytes().any(|b| b.is_ascii_uppercase()) || !form.is_ascii() {
        hash::str(&form.to_lowercase())
    } else {
        hash::str(form)
    }
}

fn info(form: &str, dict: &FeatureMap, clus: &Clusters) -> WordInfo {
    // ASCII words (nearly all) are lowercased on the stack; others through `to_lowercase`.
    let mut buf = [0u8; 64];
    let lower_s;
    let lower: &str = if form.is_ascii() && form.len() <= buf.len() {
        let b = &mut buf[..form.len()];
        b.copy_from_slice(form.as_bytes());
        b.make_ascii_lowercase();
        std::str::from_utf8(b).unwrap_or(form)
    } else if form.chars().any(char::is_uppercase) {
        lower_s = form.to_lowercase();
        &lower_s
    } else {
        form
    };
    let lh = hash::str(lower);
    // Shape: character classes with runs collapsed, at most 6 symbols.
    let mut shape = 0x51u64;
    let mut last = 0u8;
    let mut len = 0;
    let (mut upper, mut digit, mut hyphen, mut alpha) = (0u64, 0u64, 0u64, 0u64);
    for c in form.chars() {
        let k = if c.is_uppercase() {
            upper += 1;
            alpha += 1;
            b'X'
        } else if c.is_lowercase() {
            alpha += 1;
            b'x'
        } else if c.is_ascii_digit() {
            digit += 1;
            b'd'
        } else if c.is_alphabetic() {
            alpha += 1;
            b'a'
        } else {
            if c == '-' {
                hyphen += 1;
            }
            if c.is_ascii() {
                c as u8
            } else {
                b'~'
            }
        };
        if k != last && len < 6 {
            shape = hash::mix(shape, u64::from(k));
            len += 1;
            last = k;
        }
    }
    let all_upper = u64::from(upper > 1 && upper == alpha);
    let flags = (u64::from(upper > 0) << 1)
        | (u64::from(digit > 0) << 2)
        | (u64::from(hyphen > 0) << 3)
        | (all_upper << 4)
        | (u64::from(alpha == 0) << 5)
        | ((form.chars().count().min(4) as u64) << 6);
    // Byte offsets of the first four and the last four characters of `lower` (no allocation).
    let (n, head, tail) = if lower.is_ascii() {
        let n = lower.len();
        (
            n,
            std::array::from_fn::<usize, 4, _>(|k| k.min(n)),
            std::array::from_fn::<usize, 4, _>(|k| n.saturating_sub(k + 1)),
        )
    } else {
        let mut head = [0usize; 4];
        let mut tail = [0usize; 4];
        for (k, (i, _)) in lower.char_indices().take(4).enumerate() {
            head[k] = i;
        }
        for (k, (i, _)) in lower.char_indices().rev().take(4).enumerate() {
            tail[k] = i;
        }
        (lower.chars().count(), head, tail)
    };
    let mut suf = [0u64; 4];
    for (k, s) in suf.iter_mut().enumerate() {
        *s = if k < n {
            hash::mix(hash::str(&lower[tail[k]..]), 1)
        } else {
            hash::mix(lh, 2)
        };
    }
    let mut pre = [0u64; 3];
    for (k, p) in pre.iter_mut().enumerate() {
        *p = if k + 1 < n {
            hash::mix(hash::str(&lower[..head[k + 1]]), 3)
        } else {
            hash::mix(lh, 4)
        };
    }
    let path = if clus.is_empty() {
        None
    } else {
        clus.get(clusters::key(form))
    };
    WordInfo {
        lower: lh,
        form: hash::str(form),
        shape,
        suf,
        pre,
        amb: dict.get(lh).map_or(7, u64::from),
        flags,
        clu: std::array::from_fn(|l| clusters::class(path, l)),
    }
}

/// How the sentence is cased: 0 lower case, 1 some capitals, 2 mostly capitalised (titles),
/// 3 mostly all capitals.
fn sentence_case(w: &[WordInfo]) -> u64 {
    let (mut alpha, mut cap, mut caps) = (0u32, 0u32, 0u32);
    for x in w.iter().skip(1) {
        if x.flags & (1 << 5) == 0 {
            alpha += 1;
            cap += u32::from(x.flags & (1 << 1) != 0);
            caps += u32::from(x.flags & (1 << 4) != 0);
        }
    }
    if alpha == 0 {
        return 4;
    }
    if caps * 2 > alpha {
        3
    } else if cap * 10 >= alpha * 6 {
        2
    } else if cap > 0 {
        1
    } else {
        0
    }
}

/// Appends the second-pass features: first-pass UPOS (`u`) and XPOS (`x`) guesses around `i`,
/// in the pass's reading order: `i + 1`, `i + 2` are the words the pass has not decided yet.
fn stack_features(w: &[WordInfo], u: &[usize], x: &[usize], i: usize, out: &mut Vec<u64>) {
    let g = |v: &[usize], j: usize| v.get(j).map_or(999, |t| *t as u64);
    let lower = w.get(i).map_or(0, |c| c.lower);
    out.extend_from_slice(&[
        feat(60, g(u, i), 0, 0),
        feat(61, g(u, i + 1), 0, 0),
        feat(62, g(u, i + 2), 0, 0),
        feat(63, g(x, i + 1), 0, 0),
        feat(64, g(u, i + 1), g(u, i + 2), 0),
        feat(65, g(x, i), g(x, i + 1), 0),
        feat(66, lower, g(u, i + 1), 0),
        feat(67, g(u, i), g(x, i), 0),
        feat(68, lower, g(u, i), 0),
    ]);
}

/// Fills `out` with the features of position `i`; `p1`, `p2` are the previous two tags.
fn features(w: &[WordInfo], i: usize, p1: u64, p2: u64, sc: u64, out: &mut Vec<u64>) {
    out.clear();
    let n = w.len();
    let at = |j: isize| -> WordInfo {
        if j < 0 {
            pad(j.unsigned_abs() as u64)
        } else if j as usize >= n {
            pad(100 + j as u64 - n as u64)
        } else {
            w[j as usize]
        }
    };
    let ii = i as isize;
    let (c, m1, m2, n1, n2) = (at(ii), at(ii - 1), at(ii - 2), at(ii + 1), at(ii + 2));
    let first = u64::from(i == 0);
    out.extend_from_slice(&[
        feat(0, 0, 0, 0),
        feat(1, c.lower, 0, 0),
        feat(2, c.form, 0, 0),
        feat(3, c.suf[0], 0, 0),
        feat(4, c.suf[1], 0, 0),
        feat(5, c.suf[2], 0, 0),
        feat(6, c.suf[3], 0, 0),
        feat(7, c.pre[0], 0, 0),
        feat(8, c.pre[1], 0, 0),
        feat(9, c.pre[2], 0, 0),
        feat(10, c.shape, 0, 0),
        feat(11, p1, 0, 0),
        feat(12, p2, 0, 0),
        feat(13, p1, p2, 0),
        feat(14, p1, c.lower, 0),
        feat(15, m1.lower, 0, 0),
        feat(16, m2.lower, 0, 0),
        feat(17, n1.lower, 0, 0),
        feat(18, n2.lower, 0, 0),
        feat(19, m1.suf[2], 0, 0),
        feat(20, n1.suf[2], 0, 0),
        feat(21, c.amb, 0, 0),
        feat(22, n1.amb, 0, 0),
        feat(23, n2.amb, 0, 0),
        feat(24, c.amb, n1.amb, 0),
        feat(25, p1, c.amb, 0),
        feat(26, c.lower, n1.lower, 0),
        feat(27, m1.lower, c.lower, 0),
        feat(28, m1.shape, c.shape, n1.shape),
        feat(29, first, c.shape, 0),
        feat(30, c.flags, 0, 0),
        feat(31, p1, c.suf[2], 0),
        feat(32, c.lower, n1.amb, 0),
        feat(33, n1.shape, 0, 0),
        feat(34, p1, n1.lower, 0),
        feat(35, n1.suf[1], 0, 0),
        feat(36, p1, c.amb, n1.amb),
        feat(37, c.amb, n1.amb, n2.amb),
        feat(38, first, c.lower, 0),
        feat(39, m1.suf[1], c.suf[2], 0),
        feat(40, p1, c.shape, 0),
        feat(41, sc, c.shape, 0),
        feat(42, sc, c.lower, 0),
        feat(43, m1.amb, 0, 0),
        feat(44, m1.lower, n1.lower, 0),
        feat(45, sc, c.shape, n1.shape),
    ]);
}

/// Appends the word-cluster features of position `i` (see [`features`]).
fn cluster_features(w: &[WordInfo], i: usize, p1: u64, out: &mut Vec<u64>) {
    let none = [u64::MAX - 1; clusters::LEVELS];
    let at = |j: Option<usize>| j.and_then(|j| w.get(j)).map_or(none, |x| x.clu);
    let (c, m1, n1, n2) = (
        at(Some(i)),
        at(i.checked_sub(1)),
        at(Some(i + 1)),
        at(Some(i + 2)),
    );
    out.extend_from_slice(&[
        feat(70, c[0], 0, 0),
        feat(71, c[1], 0, 0),
        feat(72, c[2], 0, 0),
        feat(74, n1[1], 0, 0),
        feat(75, n1[2], 0, 0),
        feat(76, m1[1], 0, 0),
        feat(77, m1[2], 0, 0),
        feat(78, n2[1], 0, 0),
        feat(79, p1, c[2], 0),
        feat(80, c[2], n1[1], 0),
    ]);
}

/// One greedy classifier over the shared features: its classes and weights. It runs over the
/// words in the order given (the caller reverses them for a right-to-left pass).
#[derive(Clone, Debug)]
struct Layer {
    weights: Weights,
    nclasses: usize,
}

impl Layer {
    /// Tags a sentence whose word infos are given; `clu`: with the cluster features.
    #[allow(clippy::too_many_arguments)]
    fn run(
        &self,
        infos: &[WordInfo],
        sc: u64,
        sure: &[Option<usize>],
        stack: Option<(&[usize], &[usize])>,
        clu: bool,
        out: &mut Vec<usize>,
        feats: &mut Vec<u64>,
    ) {
        out.clear();
        let mut scores = vec![0i32; self.weights.stride()];
        let n = self.nclasses.min(scores.len());
        let start = self.nclasses as u64;
        for i in 0..infos.len() {
            if let Some(t) = sure.get(i).copied().flatten() {
                out.push(t);
                continue;
            }
            let p1 = if i >= 1 { out[i - 1] as u64 } else { start };
            let p2 = if i >= 2 { out[i - 2] as u64 } else { start + 1 };
            features(infos, i, p1, p2, sc, feats);
            if clu {
                cluster_features(infos, i, p1, feats);
            }
            if let Some((u, x)) = stack {
                stack_features(infos, u, x, i, feats);
            }
            self.weights.score_int(feats, &mut scores);
            out.push(argmax_int(&scores[..n]));
        }
    }
}

/// A trained tagger: one classifier for XPOS, one for UPOS over its guesses, and the
/// lemmatiser.
#[derive(Clone, Debug)]
pub struct Tagger {
    /// First-pass UPOS (models without `xpos_upos` only; empty otherwise).
    upos: Layer,
    xpos: Layer,
    /// Second UPOS pass over the first passes' guesses (absent in older models).
    upos2: Option<Layer>,
    /// XPOS → the UPOS it most often goes with: the second pass's view of the first pass's
    /// UPOS. Older models (none here) run a first UPOS pass instead.
    xpos_upos: Option<Vec<usize>>,
    /// Word clusters learnt from unlabelled text (empty: no cluster features).
    clusters: Clusters,
    /// Which optional feature groups and pass directions the model was trained with
    /// (`FS_*` bits; 0 in older models).
    fset: u32,
    upos_tags: Vec<Upos>,
    xpos_tags: Vec<String>,
    dict: FeatureMap,
    /// Frequent unambiguous word forms → (UPOS << 16 | XPOS), tagged without the model.
    sure: FeatureMap,
    lemmatizer: Lemmatizer,
    meta: Meta,
}

/// Forms seen at least this often with one tag pair in this share of cases are tagged by
/// lookup.
const SURE_MIN_COUNT: u32 = 20;
const SURE_MIN_SHARE: f32 = 0.995;

/// One tagged word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Tagged {
    pub(crate) xpos: usize,
    pub(crate) upos: Upos,
    pub(crate) lemma: String,
}

impl Tagger {
    /// Reads a tagger from model bytes.
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Tagger> {
        let mut r = Reader::open(bytes, MAGIC, name)?;
        let meta = Meta::read(&mut r)?;
        let upos_tags = r
            .strs()?
            .iter()
            .map(|u| Upos::parse(u).unwrap_or(Upos::X))
            .collect::<Vec<_>>();
        let xpos_tags = r.strs()?;
        let dict = FeatureMap::read_from(&mut r)?;
        let sure = FeatureMap::read_from(&mut r)?;
        let lemmatizer = Lemmatizer::read(&mut r)?;
        let uw = Weights::read(&mut r)?;
        let xw = Weights::read(&mut r)?;
        let upos2 = if r.u8()? == 1 {
            let w = Weights::read(&mut r)?;
            Some(Layer {
                nclasses: w.nclasses(),
                weights: w,
            })
        } else {
            None
        };
        // Older models end here.
        let (xpos_upos, clusters) = match r.u8() {
            Ok(2) => {
                let n = r.len()?;
                let mut m = Vec::with_capacity(n);
                for _ in 0..n {
                    m.push(r.len()?);
                }
                (Some(m), Clusters::read(&mut r)?)
            }
            Ok(k) => {
                return Err(crate::Error::BadModel {
                    model: name.to_string(),
                    message: format!("unknown tagger section {k}"),
                })
            }
            Err(_) => (None, Clusters::default()),
        };
        let fset = match r.u8() {
            Ok(3) => r.var()? as u32,
            Ok(k) => {
                return Err(crate::Error::BadModel {
                    model: name.to_string(),
                    message: format!("unknown tagger section {k}"),
                })
            }
            Err(_) => 0,
        };
        if xpos_upos.as_ref().is_some_and(|m| {
            m.len() != xpos_tags.len() || m.iter().any(|u| *u >= upos_tags.len()) || upos2.is_none()
        }) {
            return Err(crate::Error::BadModel {
                model: name.to_string(),
                message: "XPOS to UPOS map and tag sets disagree".into(),
            });
        }
        if upos2
            .as_ref()
            .is_some_and(|l| l.nclasses != upos_tags.len())
        {
            return Err(crate::Error::BadModel {
                model: name.to_string(),
                message: "second-pass weights and tag set disagree".into(),
            });
        }
        if uw.nclasses() != upos_tags.len() || xw.nclasses() != xpos_tags.len() {
            return Err(crate::Error::BadModel {
                model: name.to_string(),
                message: "weights and tag sets disagree".into(),
            });
        }
        Ok(Tagger {
            upos: Layer {
                weights: uw,
                nclasses: upos_tags.len(),
            },
            xpos: Layer {
                weights: xw,
                nclasses: xpos_tags.len(),
            },
            upos2,
            xpos_upos,
            clusters,
            fset,
            upos_tags,
            xpos_tags,
            dict,
            sure,
            lemmatizer,
            meta,
        })
    }

    /// Model bytes, weights under `prune` times the largest dropped.
    pub fn to_bytes(&self, prune: f32) -> Vec<u8> {
        let mut w = Writer::default();
        self.meta.write(&mut w);
        let u: Vec<String> = self
            .upos_tags
            .iter()
            .map(|u| u.as_str().to_string())
            .collect();
        w.strs(&u);
        w.strs(&self.xpos_tags);
        self.dict.write_to(&mut w);
        self.sure.write_to(&mut w);
        self.lemmatizer.write(&mut w);
        self.upos.weights.write(&mut w, prune);
        self.xpos.weights.write(&mut w, prune);
        match &self.upos2 {
            Some(l) => {
                w.u8(1);
                l.weights.write(&mut w, prune);
            }
            None => w.u8(0),
        }
        if let Some(m) = &self.xpos_upos {
            w.u8(2);
            w.var(m.len() as u64);
            for u in m {
                w.var(*u as u64);
            }
            self.clusters.write(&mut w);
            if self.fset != 0 {
                w.u8(3);
                w.var(u64::from(self.fset));
            }
        }
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

    /// The word clusters the tagger uses (empty if none).
    pub fn clusters(&self) -> &Clusters {
        &self.clusters
    }

    /// Mixes taggers trained on the same data and word classes with different seeds into one:
    /// each pass's weights are the mean of the members' (an ensemble at the cost of one
    /// tagger). The tag sets, dictionary, classes and lemmatiser are the first member's; the
    /// members must share the tag sets and the passes.
    pub fn mix(members: &[Tagger]) -> Result<Tagger> {
        let bad = |m: &str| crate::Error::Training(format!("cannot mix taggers: {m}"));
        let first = members.first().ok_or_else(|| bad("none given"))?;
        if members.iter().any(|t| {
            t.upos_tags != first.upos_tags
                || t.xpos_tags != first.xpos_tags
                || t.xpos_upos != first.xpos_upos
                || t.fset != first.fset
                || t.upos2.is_some() != first.upos2.is_some()
        }) {
            return Err(bad("tag sets or passes differ"));
        }
        let mean = |layer: fn(&Tagger) -> Option<&Layer>| -> Result<Option<Layer>> {
            let ws: Vec<&Weights> = members
                .iter()
                .filter_map(|t| layer(t).map(|l| &l.weights))
                .collect();
            if ws.is_empty() {
                return Ok(None);
            }
            let weights = Weights::mean(&ws).ok_or_else(|| bad("class counts differ"))?;
            Ok(Some(Layer {
                nclasses: weights.nclasses(),
                weights,
            }))
        };
        let mut t = first.clone();
        if let Some(l) = mean(|t| Some(&t.upos))? {
            t.upos = l;
        }
        if let Some(l) = mean(|t| Some(&t.xpos))? {
            t.xpos = l;
        }
        t.upos2 = mean(|t| t.upos2.as_ref())?;
        Ok(t)
    }

    /// The name of XPOS tag `t`.
    pub(crate) fn xpos_name(&self, t: usize) -> &str {
        self.xpos_tags.get(t).map_or("_", String::as_str)
    }

    /// Tags a sentence and lemmatises it.
    pub(crate) fn tag(&self, words: &[&str]) -> Vec<Tagged> {
        let infos: Vec<WordInfo> = words
            .iter()
            .map(|w| info(w, &self.dict, &self.clusters))
            .collect();
        let sc = sentence_case(&infos);
        let mut feats = Vec::with_capacity(64);
        let (mut u, mut x) = (Vec::new(), Vec::new());
        let sure: Vec<Option<u32>> = infos.iter().map(|i| self.sure.get(i.form)).collect();
        let su: Vec<Option<usize>> = sure.iter().map(|s| s.map(|v| (v >> 16) as usize)).collect();
        let sx: Vec<Option<usize>> = sure
            .iter()
            .map(|s| s.map(|v| (v & 0xffff) as usize))
            .collect();
        let clu = !self.clusters.is_empty();
        match (&self.xpos_upos, &self.upos2) {
            (Some(map), Some(l)) => {
                self.xpos
                    .run(&infos, sc, &sx, None, clu, &mut x, &mut feats);
                let u0: Vec<usize> = x
                    .iter()
                    .map(|t| map.get(*t).copied().unwrap_or(0))
                    .collect();
                if self.fset & FS_RTL != 0 {
                    let ri: Vec<WordInfo> = infos.iter().rev().copied().collect();
                    let rsu: Vec<Option<usize>> = su.iter().rev().copied().collect();
                    let ru0: Vec<usize> = u0.iter().rev().copied().collect();
                    let rx: Vec<usize> = x.iter().rev().copied().collect();
                    l.run(&ri, sc, &rsu, Some((&ru0, &rx)), clu, &mut u, &mut feats);
                    u.reverse();
                } else {
                    l.run(&infos, sc, &su, Some((&u0, &x)), clu, &mut u, &mut feats);
                }
            }
            _ => {
                self.upos
                    .run(&infos, sc, &su, None, clu, &mut u, &mut feats);
                self.xpos
                    .run(&infos, sc, &sx, None, clu, &mut x, &mut feats);
                if let Some(l) = &self.upos2 {
                    let mut u2 = Vec::with_capacity(u.len());
                    l.run(&infos, sc, &su, Some((&u, &x)), clu, &mut u2, &mut feats);
                    u = u2;
                }
            }
        }
        words
            .iter()
            .zip(u.iter().zip(&x))
            .map(|(w, (u, x))| Tagged {
                xpos: *x,
                upos: self.upos_tags.get(*u).copied().unwrap_or(Upos::X),
                lemma: self.lemmatizer.lemma(w, self.xpos_name(*x)),
            })
            .collect()
    }

    /// Tags and lemmatises one sentence: (XPOS, UPOS, lemma) per word.
    pub fn tag_words(&self, words: &[&str]) -> Vec<(&str, Upos, String)> {
        self.tag(words)
            .into_iter()
            .map(|t| (self.xpos_name(t.xpos), t.upos, t.lemma))
            .collect()
    }

    /// The lemma of `form` tagged `xpos`.
    pub(crate) fn lemma(&self, form: &str, xpos: &str) -> String {
        self.lemmatizer.lemma(form, xpos)
    }

    /// Number of feature rows kept.
    pub fn features(&self) -> usize {
        self.upos.weights.features()
            + self.xpos.weights.features()
            + self.upos2.as_ref().map_or(0, |l| l.weights.features())
    }

    /// Trains a tagger on `train` without word clusters, scoring each epoch on `dev` and
    /// keeping the best epoch.
    pub fn train(
        train: &[conllu::Sentence],
        dev: &[conllu::Sentence],
        opts: &TrainOptions,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Tagger> {
        Tagger::train_with_clusters(train, dev, Clusters::default(), opts, progress)
    }

    /// Trains a tagger on `train` with word `clusters` (see [`Clusters::train`]; empty for
    /// none), scoring each epoch on `dev` and keeping the best epoch.
    pub fn train_with_clusters(
        train: &[conllu::Sentence],
        dev: &[conllu::Sentence],
        clusters: Clusters,
        opts: &TrainOptions,
        progress: &mut dyn FnMut(Progress),
    ) -> Result<Tagger> {
        if train.is_empty() {
            return Err(crate::Error::Training("no training sentences".into()));
        }
        let mut upos_tags: Vec<Upos> = Vec::new();
        let mut xpos_ids: HashMap<String, usize> = HashMap::new();
        let mut xpos_tags: Vec<String> = Vec::new();
        let mut word_tags: HashMap<u64, HashMap<usize, u32>> = HashMap::new();
        let mut fold_tags: Vec<HashMap<u64, HashMap<usize, u32>>> =
            vec![HashMap::new(); DICT_FOLDS];
        let mut gold: Vec<Vec<(usize, usize)>> = Vec::with_capacity(train.len());
        let mut form_tags: HashMap<u64, HashMap<u32, u32>> = HashMap::new();
        for (si, s) in train.iter().enumerate() {
            let mut g = Vec::with_capacity(s.words.len());
            for w in &s.words {
                let u = Upos::parse(&w.upos).unwrap_or(Upos::X);
                let ui = match upos_tags.iter().position(|x| *x == u) {
                    Some(i) => i,
                    None => {
                        upos_tags.push(u);
                        upos_tags.len() - 1
                    }
                };
                let xi = *xpos_ids.entry(w.xpos.clone()).or_insert_with(|| {
                    xpos_tags.push(w.xpos.clone());
                    xpos_tags.len() - 1
                });
                // The dictionary records (UPOS, XPOS) pairs.
                let joint = ui * 1000 + xi;
                let lh = lower_hash(&w.form);
                *word_tags.entry(lh).or_default().entry(joint).or_default() += 1;
                *fold_tags[si % DICT_FOLDS]
                    .entry(lh)
                    .or_default()
                    .entry(joint)
                    .or_default() += 1;
                *form_tags
                    .entry(hash::str(&w.form))
                    .or_default()
                    .entry(((ui as u32) << 16) | xi as u32)
                    .or_default() += 1;
                g.push((ui, xi));
            }
            gold.push(g);
        }
        let dict = build_dict(&word_tags, None);
        let mut sure = FeatureMap::default();
        for (f, m) in &form_tags {
            let total: u32 = m.values().sum();
            if let Some((t, n)) = m.iter().max_by_key(|(t, n)| (**n, std::cmp::Reverse(**t))) {
                if total >= SURE_MIN_COUNT && *n as f32 >= SURE_MIN_SHARE * total as f32 {
                    sure.insert(*f, *t);
                }
            }
        }
        // Training words see a dictionary built from the other folds, as unseen text would.
        let fold_dicts: Vec<FeatureMap> = (0..DICT_FOLDS)
            .map(|k| build_dict(&word_tags, Some(&fold_tags[k])))
            .collect();
        let lemmatizer = Lemmatizer::train(
            train
                .iter()
                .flat_map(|s| s.words.iter())
                .map(|w| (w.form.as_str(), w.xpos.as_str(), w.lemma.as_str())),
        );
        let (nu, nx) = (upos_tags.len(), xpos_tags.len());
        let mut pair_counts = vec![vec![0u32; nu]; nx];
        for g in &gold {
            for &(u, x) in g {
                pair_counts[x][u] += 1;
            }
        }
        let xpos_upos: Vec<usize> = pair_counts.iter().map(|c| argmax_u32(c)).collect();
        let mut tagger = Tagger {
            upos: Layer {
                weights: Trainer::new(nu).averaged(),
                nclasses: nu,
            },
            xpos: Layer {
                weights: Trainer::new(nx).averaged(),
                nclasses: nx,
            },
            upos2: None,
            xpos_upos: Some(xpos_upos.clone()),
            clusters,
            fset: TRAIN_FSET,
            upos_tags,
            xpos_tags,
            dict,
            sure,
            lemmatizer,
            meta: Meta::default(),
        };
        let clu = !tagger.clusters.is_empty();
        let rtl = tagger.fset & FS_RTL != 0;
        let infos: Vec<Vec<WordInfo>> = train
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let d = &fold_dicts[i % DICT_FOLDS];
                s.words
                    .iter()
                    .map(|w| info(&w.form, d, &tagger.clusters))
                    .collect()
            })
            .collect();
        let mut feats = Vec::with_capacity(64);
        let mut scores = vec![0f32; nu.max(nx)];
        // Layer 0 tags XPOS, layer 1 UPOS over the first pass's tags.
        let mut trainers = [Trainer::new(nx), Trainer::new(nu)];
        let mut order: Vec<usize> = (0..train.len()).collect();
        let mut rng = Rng::new(opts.seed);
        let mut best: Option<(f64, Tagger, usize)> = None;
        for epoch in 1..=opts.epochs {
            rng.shuffle(&mut order);
            let (mut right, mut seen) = (0usize, 0usize);
            for (done, &si) in order.iter().enumerate() {
                let w = &infos[si];
                let g = &gold[si];
                let sc = sentence_case(w);
                let mut guesses: [Vec<usize>; 2] = [Vec::new(), Vec::new()];
                let mut reversed: Vec<WordInfo> = Vec::new();
                for (layer, trainer) in trainers.iter_mut().enumerate() {
                    let n = if layer == 0 { nx } else { nu };
                    let start = n as u64;
                    let rev = layer == 1 && rtl;
                    let w: &[WordInfo] = if rev {
                        reversed.extend(w.iter().rev().copied());
                        guesses.iter_mut().for_each(|g| g.reverse());
                        &reversed
                    } else {
                        w
                    };
                    let mut prev: Vec<usize> = Vec::with_capacity(w.len());
                    for i in 0..w.len() {
                        let p1 = if i >= 1 { prev[i - 1] as u64 } else { start };
                        let p2 = if i >= 2 {
                            prev[i - 2] as u64
                        } else {
                            start + 1
                        };
                        features(w, i, p1, p2, sc, &mut feats);
                        if clu {
                            cluster_features(w, i, p1, &mut feats);
                        }
                        if layer == 1 {
                            stack_features(w, &guesses[0], &guesses[1], i, &mut feats);
                        }
                        trainer.score(&feats, &mut scores[..n]);
                        let guess = argmax(&scores[..n]);
                        let gi = if rev { w.len() - 1 - i } else { i };
                        let truth = if layer == 0 { g[gi].1 } else { g[gi].0 };
                        trainer.update(&feats, truth, guess);
                        trainer.tick();
                        if layer == 1 {
                            right += usize::from(guess == truth);
                            seen += 1;
                        }
                        prev.push(guess);
                    }
                    if layer == 0 {
                        guesses[0] = prev.iter().map(|x| xpos_upos[*x]).collect();
                        guesses[1] = prev;
                    }
                }
                if done % 256 == 0 {
                    progress(Progress::Step {
                        epoch,
                        done,
                        total: order.len(),
                    });
                }
            }
            tagger.xpos.weights = trainers[0].averaged();
            tagger.upos2 = Some(Layer {
                weights: trainers[1].averaged(),
                nclasses: nu,
            });
            let mut scores_out =
                vec![("train UPOS".to_string(), 100.0 * right as f64 / seen as f64)];
            let dev_scores = (!dev.is_empty()).then(|| tagger.evaluate(dev));
            if let Some(d) = &dev_scores {
                scores_out.push(("dev UPOS".into(), d.upos));
                scores_out.push(("dev XPOS".into(), d.xpos));
                scores_out.push(("dev lemma".into(), d.lemma));
            }
            progress(Progress::Epoch {
                epoch,
                scores: scores_out,
                features: trainers.iter().map(Trainer::features).sum(),
            });
            let key = dev_scores.map_or(epoch as f64, |d| 2.0 * d.upos + d.xpos);
            if best.as_ref().is_none_or(|(b, _, _)| key > *b) {
                best = Some((key, tagger.clone(), epoch));
            }
        }
        if let Some((_, t, epoch)) = best {
            tagger = t;
            tagger.meta.set("best_epoch", &epoch.to_string());
        }
        Ok(tagger)
    }

    /// UPOS, XPOS and lemma accuracy on gold-tokenised sentences.
    pub fn evaluate(&self, gold: &[conllu::Sentence]) -> TagScores {
        let (mut n, mut u, mut x, mut l) = (0usize, 0usize, 0usize, 0usize);
        for s in gold {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            for (t, w) in self.tag(&words).iter().zip(&s.words) {
                n += 1;
                u += usize::from(t.upos.as_str() == w.upos);
                x += usize::from(self.xpos_name(t.xpos) == w.xpos);
                l += usize::from(t.lemma == w.lemma);
            }
        }
        let pct = |k: usize| 100.0 * k as f64 / n.max(1) as f64;
        TagScores {
            upos: pct(u),
            xpos: pct(x),
            lemma: pct(l),
        }
    }
}

/// Tagging accuracy, in percent.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct TagScores {
    /// Universal POS accuracy.
    pub upos: f64,
    /// Treebank-specific POS accuracy.
    pub xpos: f64,
    /// Lemma accuracy.
    pub lemma: f64,
}

/// Folds of the jack-knifed tag dictionary used while training.
const DICT_FOLDS: usize = 10;

/// The tag dictionary: lowercased word → hash of the tags it was seen with, leaving out the
/// counts in `minus`.
fn build_dict(
    word_tags: &HashMap<u64, HashMap<usize, u32>>,
    minus: Option<&HashMap<u64, HashMap<usize, u32>>>,
) -> FeatureMap {
    let mut counts = word_tags.clone();
    if let Some(minus) = minus {
        for (w, m) in minus {
            if let Some(c) = counts.get_mut(w) {
                for (t, n) in m {
                    if let Some(x) = c.get_mut(t) {
                        *x = x.saturating_sub(*n);
                    }
                }
                c.retain(|_, n| *n > 0);
            }
        }
    }
    let minc = DICT_MIN_COUNT;
    let mut dict = FeatureMap::with_capacity(counts.len());
    for (w, m) in &counts {
        let total: u32 = m.values().sum();
        if total < minc {
            continue;
        }
        let mut set: Vec<usize> = m
            .iter()
            .filter(|(_, n)| **n as f32 >= DICT_MIN_SHARE * total as f32)
            .map(|(t, _)| *t)
            .collect();
        set.sort_unstable();
        let h = set.iter().fold(0x3779u64, |h, t| hash::mix(h, *t as u64));
        dict.insert(*w, (h as u32) | 8);
    }
    dict
}

/// Index of the largest count (the first on ties).
fn argmax_u32(s: &[u32]) -> usize {
    let mut best = 0;
    for (i, v) in s.iter().enumerate() {
        if *v > s[best] {
            best = i;
        }
    }
    best
}

/// Index of the largest integer score (the first on ties, like [`argmax`]).
#[inline]
fn argmax_int(s: &[i32]) -> usize {
    let mut best = 0;
    for (i, v) in s.iter().enumerate() {
        if *v > s[best] {
            best = i;
        }
    }
    best
}

/// Index of the largest score (the first on ties).
#[inline]
pub(crate) fn argmax(s: &[f32]) -> usize {
    let mut best = 0;
    for (i, v) in s.iter().enumerate() {
        if *v > s[best] {
            best = i;
        }
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Our own sentences: (form, UPOS, XPOS, lemma) per word.
    const SENTENCES: &[&[(&str, &str, &str, &str)]] = &[
        &[
            ("Officials", "NOUN", "NNS", "official"),
            ("said", "VERB", "VBD", "say"),
            ("that", "SCONJ", "IN", "that"),
            ("talks", "NOUN", "NNS", "talk"),
            ("resumed", "VERB", "VBD", "resume"),
            (".", "PUNCT", ".", "."),
        ],
        &[
            ("That", "DET", "DT", "that"),
            ("report", "NOUN", "NN", "report"),
            ("was", "AUX", "VBD", "be"),
            ("denied", "VERB", "VBN", "deny"),
            (".", "PUNCT", ".", "."),
        ],
        &[
            ("Reuters", "PROPN", "NNP", "Reuters"),
            ("could", "AUX", "MD", "could"),
            ("not", "PART", "RB", "not"),
            ("verify", "VERB", "VB", "verify"),
            ("the", "DET", "DT", "the"),
            ("report", "NOUN", "NN", "report"),
            (".", "PUNCT", ".", "."),
        ],
        &[
            ("They", "PRON", "PRP", "they"),
            ("report", "VERB", "VBP", "report"),
            ("that", "SCONJ", "IN", "that"),
            ("supplies", "NOUN", "NNS", "supply"),
            ("arrived", "VERB", "VBD", "arrive"),
            (".", "PUNCT", ".", "."),
        ],
    ];

    fn corpus() -> Vec<conllu::Sentence> {
        let mut text = String::new();
        for s in SENTENCES {
            for (i, (f, u, x, l)) in s.iter().enumerate() {
                text.push_str(&format!("{}\t{f}\t{l}\t{u}\t{x}\t_\t0\tdep\t_\t_\n", i + 1));
            }
            text.push('\n');
        }
        conllu::parse(&text).unwrap()
    }

    /// The right-to-left second pass learns our sentences ("report" as noun and verb, "that"
    /// as determiner and conjunction), and a written model tags as the trained one does.
    #[test]
    fn right_to_left_second_pass_learns_and_round_trips() {
        let train = corpus();
        let words: Vec<Vec<String>> = train
            .iter()
            .map(|s| s.words.iter().map(|w| w.form.clone()).collect())
            .collect();
        let opts = clusters::ClusterOptions {
            min_count: 1,
            sizes: vec![2, 4, 8],
            ..clusters::ClusterOptions::default()
        };
        let clus = Clusters::train(&words, &opts);
        let topts = TrainOptions {
            epochs: 8,
            ..TrainOptions::default()
        };
        let t = Tagger::train_with_clusters(&train, &train, clus, &topts, &mut |_| {}).unwrap();
        assert_eq!(t.fset, TRAIN_FSET);
        assert!(t.fset & FS_RTL != 0);
        let back = Tagger::from_bytes(&t.to_bytes(0.0), "t").unwrap();
        assert_eq!(back.fset, t.fset);
        // A model without the feature-set section (as written before it existed) reads as 0.
        let mut old = t.clone();
        old.fset = 0;
        assert_eq!(Tagger::from_bytes(&old.to_bytes(0.0), "t").unwrap().fset, 0);
        for s in SENTENCES {
            let forms: Vec<&str> = s.iter().map(|w| w.0).collect();
            let tagged = t.tag_words(&forms);
            let upos: Vec<&str> = tagged.iter().map(|w| w.1.as_str()).collect();
            let gold: Vec<&str> = s.iter().map(|w| w.1).collect();
            assert_eq!(upos, gold, "{forms:?}");
            assert_eq!(back.tag_words(&forms), tagged);
        }
    }

    /// Taggers trained with three seeds mix into one that still learns our sentences, has the
    /// union of their features, and round-trips; a tagger mixed with itself tags as it does.
    #[test]
    fn seeds_mix_into_one_tagger() {
        let train = corpus();
        let words: Vec<Vec<String>> = train
            .iter()
            .map(|s| s.words.iter().map(|w| w.form.clone()).collect())
            .collect();
        let copts = clusters::ClusterOptions {
            min_count: 1,
            sizes: vec![2, 4, 8],
            ..clusters::ClusterOptions::default()
        };
        let clus = Clusters::train(&words, &copts);
        let members: Vec<Tagger> = (1..=3)
            .map(|seed| {
                let topts = TrainOptions {
                    epochs: 8,
                    seed,
                    ..TrainOptions::default()
                };
                Tagger::train_with_clusters(&train, &train, clus.clone(), &topts, &mut |_| {})
                    .unwrap()
            })
            .collect();
        let mixed = Tagger::mix(&members).unwrap();
        assert!(members.iter().all(|m| mixed.features() >= m.features()));
        let back = Tagger::from_bytes(&mixed.to_bytes(0.0), "t").unwrap();
        let twice = Tagger::mix(&[members[0].clone(), members[0].clone()]).unwrap();
        for s in SENTENCES {
            let forms: Vec<&str> = s.iter().map(|w| w.0).collect();
            let tagged = mixed.tag_words(&forms);
            let upos: Vec<&str> = tagged.iter().map(|w| w.1.as_str()).collect();
            let gold: Vec<&str> = s.iter().map(|w| w.1).collect();
            assert_eq!(upos, gold, "{forms:?}");
            assert_eq!(back.tag_words(&forms), tagged);
            assert_eq!(twice.tag_words(&forms), members[0].tag_words(&forms));
        }
        assert!(Tagger::mix(&[]).is_err());
    }
}
