//! The averaged perceptron over BILOU tags, greedy (training) and beam-search (tagging)
//! left-to-right decoding with transition constraints, and the model file format.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::io::{Read, Write};

use crate::clusters::{self, Clusters};
use crate::features::{history_features, Feat, TokenInfo};
use crate::names::{self, Names};
use crate::{Error, Result};

/// Entity types, in class order.
pub const TYPES: [&str; 4] = ["PER", "LOC", "ORG", "MISC"];
/// Number of classes: O plus B, I, L, U of each type.
pub(crate) const C: usize = 1 + 4 * TYPES.len();

/// Stride of a weight row in memory: `C` weights padded to a multiple of four, so that adding a
/// row compiles to whole vector adds.
pub(crate) const ROW: usize = C.div_ceil(4) * 4;

/// Magic bytes at the start of a model file.
pub const MAGIC: &[u8; 8] = b"BYLNER\0\0";
/// Version of the model file format written.
pub const FORMAT_VERSION: u32 = 2;
/// Oldest model file format version still read.
pub const OLDEST_SUPPORTED_VERSION: u32 = 1;

/// The BILOU name of a class ("O", "B-PER", "U-LOC" …).
pub(crate) fn class_name(c: usize) -> String {
    if c == 0 {
        return "O".to_string();
    }
    let t = (c - 1) / 4;
    let p = ["B", "I", "L", "U"][(c - 1) % 4];
    format!("{p}-{}", TYPES[t])
}

/// The class of a BILOU position (0 B, 1 I, 2 L, 3 U) and type index.
pub(crate) fn class_of(pos: usize, t: usize) -> usize {
    1 + t * 4 + pos
}

/// `(position, type)` of a class other than O.
pub(crate) fn parts(c: usize) -> Option<(usize, usize)> {
    (c != 0).then(|| ((c - 1) % 4, (c - 1) / 4))
}

/// True when class `cur` may follow class `prev` (`None` = sentence start); `last` forbids an
/// open entity at the sentence end. Tagging reads the same rule from a table ([`allowed`]).
#[cfg(test)]
pub(crate) fn valid(prev: Option<usize>, cur: usize, last: bool) -> bool {
    let open = prev
        .and_then(parts)
        .filter(|&(p, _)| p <= 1)
        .map(|(_, t)| t);
    let ok = match (open, parts(cur)) {
        (Some(t), Some((p, u))) => u == t && (p == 1 || p == 2),
        (Some(_), None) => false,
        (None, Some((p, _))) => p == 0 || p == 3,
        (None, None) => true,
    };
    ok && !(last && matches!(parts(cur), Some((0 | 1, _))))
}

/// The BILOU transition rule as a table: bit `cur` of `ALLOWED[last][prev + 1]` (`prev` 0 = sentence start).
const ALLOWED: [[u32; C + 1]; 2] = {
    let mut t = [[0u32; C + 1]; 2];
    let mut last = 0;
    while last < 2 {
        let mut prev = 0;
        while prev <= C {
            // The type of an entity `prev` leaves open (B or I), if any.
            let open = if prev <= 1 || (prev - 2) % 4 > 1 {
                None
            } else {
                Some((prev - 2) / 4)
            };
            let mut cur = 0;
            while cur < C {
                let ok = match open {
                    Some(t) => cur != 0 && (cur - 1) / 4 == t && matches!((cur - 1) % 4, 1 | 2),
                    None => cur == 0 || matches!((cur - 1) % 4, 0 | 3),
                };
                let dangling = last == 1 && cur != 0 && (cur - 1) % 4 <= 1;
                if ok && !dangling {
                    t[last][prev] |= 1 << cur;
                }
                cur += 1;
            }
            prev += 1;
        }
        last += 1;
    }
    t
};

/// The classes that may follow `prev` (`None` = sentence start), as a bit set; `last` forbids
/// an open entity at the sentence end.
#[inline]
fn allowed(prev: Option<usize>, last: bool) -> u32 {
    ALLOWED[last as usize][prev.map_or(0, |p| p + 1)]
}

/// A hasher for keys that are already hashes (feature ids, word-key hashes): one multiply,
/// instead of the default SipHash, which dominated tagging time.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct IdHasher(u64);

impl Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ b as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        }
    }
    fn write_u32(&mut self, x: u32) {
        self.0 = (self.0 ^ x as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = (self.0 ^ x ^ (x >> 32)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
    }
}

/// A map keyed by 32-bit hashes.
pub(crate) type HashKeyed<V> = HashMap<u32, V, BuildHasherDefault<IdHasher>>;

/// Perceptron weights: a row of `C` weights for every feature seen.
#[derive(Clone, Debug, Default)]
pub(crate) struct Weights {
    pub index: HashKeyed<u32>,
    /// Row `r` at `r * ROW..r * ROW + C` (the padding stays zero).
    pub w: Vec<f32>,
    /// A read-only copy of `index` for tagging (see [`Weights::freeze`]); empty while training.
    frozen: Frozen,
}

/// An open-addressing table of (feature id, row) pairs probed linearly from the id's low bits
/// (ids are hashes already), at most half full: a lookup is a mask, a load and a compare or
/// two, where the general hash map rehashes the id and scans control bytes. Built once a model
/// is loaded; tagging spends most of its time here.
#[derive(Clone, Debug, Default)]
struct Frozen {
    slots: Vec<(Feat, u32)>,
    mask: usize,
}

/// Row of an empty slot.
const EMPTY: u32 = u32::MAX;

impl Frozen {
    fn new(index: &HashKeyed<u32>) -> Frozen {
        let size = (index.len() * 2).max(16).next_power_of_two();
        let mask = size - 1;
        let mut slots = vec![(0, EMPTY); size];
        // Sorted insertion: the layout does not depend on the map's iteration order.
        let mut pairs: Vec<(Feat, u32)> = index.iter().map(|(&f, &r)| (f, r)).collect();
        pairs.sort_unstable();
        for (f, r) in pairs {
            let mut at = f as usize & mask;
            while slots[at].1 != EMPTY {
                at = (at + 1) & mask;
            }
            slots[at] = (f, r);
        }
        Frozen { slots, mask }
    }

    #[inline]
    fn get(&self, f: Feat) -> Option<u32> {
        let mut at = f as usize & self.mask;
        loop {
            let (k, r) = self.slots[at];
            if r == EMPTY {
                return None;
            }
            if k == f {
                return Some(r);
            }
            at = (at + 1) & self.mask;
        }
    }
}

impl Weights {
    /// Builds the read-only lookup table tagging uses; call again after changing `index`.
    pub(crate) fn freeze(&mut self) {
        self.frozen = Frozen::new(&self.index);
    }

    #[inline]
    fn add_row(&self, r: u32, acc: &mut [f32; ROW]) {
        let at = r as usize * ROW;
        let row: &[f32; ROW] = self.w[at..at + ROW]
            .try_into()
            .expect("a row has ROW weights");
        for c in 0..ROW {
            acc[c] += row[c];
        }
    }

    /// Adds the rows of `feats` to `scores` (in order, so sums are the same however scored).
    #[inline]
    pub(crate) fn score(&self, feats: &[Feat], scores: &mut [f32; C]) {
        let mut acc = [0f32; ROW];
        acc[..C].copy_from_slice(scores);
        if self.frozen.slots.is_empty() {
            for f in feats {
                if let Some(&r) = self.index.get(f) {
                    self.add_row(r, &mut acc);
                }
            }
        } else {
            for &f in feats {
                if let Some(r) = self.frozen.get(f) {
                    self.add_row(r, &mut acc);
                }
            }
        }
        scores.copy_from_slice(&acc[..C]);
    }
}

/// Tags one sentence greedily; returns class ids.
pub(crate) fn decode(w: &Weights, toks: &[TokenInfo]) -> Vec<usize> {
    let mut out = Vec::with_capacity(toks.len());
    let mut hist = Vec::with_capacity(8);
    for (i, t) in toks.iter().enumerate() {
        let prev = out.last().copied();
        let prev2 = if i >= 2 { Some(out[i - 2]) } else { None };
        hist.clear();
        history_features(t, tag_hash(prev), tag_hash(prev2), &mut hist);
        let mut scores = [0f32; C];
        w.score(&t.feats, &mut scores);
        w.score(&hist, &mut scores);
        out.push(best(&scores, prev, i + 1 == toks.len()));
    }
    out
}

/// One hypothesis of the beam: its last class, the index of its parent hypothesis at the previous
/// token, and the summed perceptron score of its classes so far.
#[derive(Clone, Copy, Debug)]
struct Hyp {
    class: usize,
    parent: usize,
    score: f32,
}

/// Temperature that turns a token's perceptron scores into local log-probabilities for the beam
/// (chosen on CoNLL-2003 valid with the train-only model: 10–30 gain a little over greedy, 45
/// and up lose, as near-uniform local distributions favour forced entity continuations).
pub(crate) const BEAM_TEMPERATURE: f32 = 20.0;

/// Replaces the scores of the classes that may follow `prev` by their log-probabilities under a
/// softmax over those classes at `temperature` (normally [`BEAM_TEMPERATURE`]; others are left as they are and never
/// used). Summed raw perceptron scores rank sequences badly (valid F1 0.917 → 0.873 at beam
/// 4): the weights were trained per token, and their scales differ between histories.
fn local_log_probs(scores: &mut [f32; C], prev: Option<usize>, last: bool, temperature: f32) {
    let mask = allowed(prev, last);
    let ok = |c: usize| mask >> c & 1 == 1;
    let max = (0..C)
        .filter(|&c| ok(c))
        .map(|c| scores[c])
        .fold(f32::NEG_INFINITY, f32::max);
    let z: f32 = (0..C)
        .filter(|&c| ok(c))
        .map(|c| ((scores[c] - max) / temperature).exp())
        .sum();
    let log_z = max / temperature + z.ln();
    for s in scores.iter_mut() {
        *s = *s / temperature - log_z;
    }
}

/// Tags one sentence by beam search over the history features: keeps the `width` best class
/// sequences allowed by the BILOU constraints, scored by the sum of their local log-probabilities
/// (see [`local_log_probs`]). The history features see only the two previous classes, so
/// hypotheses ending in the same two classes are merged (the best one kept). `width` 1 gives the
/// greedy decoder's output. Returns class ids.
pub(crate) fn decode_beam(
    w: &Weights,
    toks: &[TokenInfo],
    width: usize,
    temperature: f32,
) -> Vec<usize> {
    let width = width.max(1);
    let n = toks.len();
    // Hypotheses per token; a hypothesis's parent indexes the previous token's list.
    let mut beams: Vec<Vec<Hyp>> = Vec::with_capacity(n);
    let mut hist = Vec::with_capacity(8);
    for (i, t) in toks.iter().enumerate() {
        let last = i + 1 == n;
        // The token's own features score the same under every history: once per token.
        let mut base = [0f32; C];
        w.score(&t.feats, &mut base);
        // The best hypotheses so far, best first, one per (class, previous class).
        let mut kept: Vec<Hyp> = Vec::with_capacity(width + 1);
        let parents: &[Hyp] = if i == 0 { &[] } else { &beams[i - 1] };
        let roots = if i == 0 { 1 } else { parents.len() };
        for pi in 0..roots {
            let (prev, prev_score) = match parents.get(pi) {
                Some(h) => (Some(h.class), h.score),
                None => (None, 0.0),
            };
            // Log-probabilities are at most 0 and parents come best first: once the beam is full
            // and this parent cannot beat its worst member, neither can the ones after it.
            if kept.len() == width && kept.last().is_some_and(|l| prev_score <= l.score) {
                break;
            }
            let prev2 = (i >= 2).then(|| beams[i - 2][parents[pi].parent].class);
            hist.clear();
            history_features(t, tag_hash(prev), tag_hash(prev2), &mut hist);
            let mut scores = base;
            w.score(&hist, &mut scores);
            local_log_probs(&mut scores, prev, last, temperature);
            let mask = allowed(prev, last);
            for (c, &s) in scores.iter().enumerate() {
                if mask >> c & 1 == 1 {
                    let h = Hyp {
                        class: c,
                        parent: pi,
                        score: prev_score + s,
                    };
                    offer(&mut kept, h, width, |a, b| {
                        a.class == b.class
                            && parents.get(a.parent).map(|p| p.class)
                                == parents.get(b.parent).map(|p| p.class)
                    });
                }
            }
        }
        beams.push(kept);
    }
    let mut out = vec![0; n];
    if n == 0 {
        return out;
    }
    let mut at = 0; // the best final hypothesis: lists are sorted best first
    for i in (0..n).rev() {
        let h = beams[i][at];
        out[i] = h.class;
        at = h.parent;
    }
    out
}

/// Offers hypothesis `h` to `kept` (sorted best first, at most `width` long, one hypothesis per
/// state as told by `same`): it replaces a worse one of its state, or takes a place among the
/// best. Ties keep the hypothesis offered first, as the greedy decoder keeps the first best class.
fn offer(kept: &mut Vec<Hyp>, h: Hyp, width: usize, same: impl Fn(&Hyp, &Hyp) -> bool) {
    if kept.len() == width && kept.last().is_some_and(|l| h.score <= l.score) {
        return;
    }
    if let Some(k) = kept.iter().position(|k| same(k, &h)) {
        if h.score <= kept[k].score {
            return;
        }
        kept.remove(k);
    }
    let at = kept
        .iter()
        .position(|k| h.score > k.score)
        .unwrap_or(kept.len());
    kept.insert(at, h);
    kept.truncate(width);
}

pub(crate) fn tag_hash(c: Option<usize>) -> u64 {
    c.map_or(0xabc, |c| c as u64 + 1)
}

pub(crate) fn best(scores: &[f32; C], prev: Option<usize>, last: bool) -> usize {
    let mut b = 0;
    let mut bs = f32::NEG_INFINITY;
    let mask = allowed(prev, last);
    for (c, &s) in scores.iter().enumerate() {
        if s > bs && mask >> c & 1 == 1 {
            b = c;
            bs = s;
        }
    }
    b
}

/// The unlabelled-text resources a model carries besides its weights (format version 2).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Extra {
    /// Word clusters.
    pub clusters: Clusters,
    /// Name phrases from silver-annotated text.
    pub names: Names,
}

/// Serialises the stages' weights, the extras and metadata: magic, version, then a deflated
/// body (version 2 adds the cluster table and the name list after the stages).
pub(crate) fn write(stages: &[Weights], extra: &Extra, meta: &str) -> Result<Vec<u8>> {
    let mut body = Vec::new();
    body.extend_from_slice(&(meta.len() as u32).to_le_bytes());
    body.extend_from_slice(meta.as_bytes());
    body.extend_from_slice(&(C as u32).to_le_bytes());
    body.extend_from_slice(&(stages.len() as u32).to_le_bytes());
    for w in stages {
        write_weights(w, &mut body);
    }
    extra.clusters.write(&mut body);
    extra.names.write(&mut body);
    let mut out = Vec::new();
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
    let mut enc = flate2::write::DeflateEncoder::new(out, flate2::Compression::best());
    enc.write_all(&body)
        .map_err(|e| Error::Model(e.to_string()))?;
    enc.finish().map_err(|e| Error::Model(e.to_string()))
}

fn write_weights(w: &Weights, body: &mut Vec<u8>) {
    let max = w.w.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-9);
    let scale = max / 32767.0;
    let mut keys: Vec<(&Feat, &u32)> = w.index.iter().collect();
    keys.sort();
    body.extend_from_slice(&scale.to_le_bytes());
    let mut rows = Vec::new();
    let mut n = 0u32;
    for (&f, &r) in keys {
        let row = &w.w[r as usize * ROW..r as usize * ROW + C];
        let cells: Vec<(u8, i16)> = row
            .iter()
            .enumerate()
            .map(|(c, x)| (c as u8, (x / scale).round() as i16))
            .filter(|&(_, q)| q != 0)
            .collect();
        if cells.is_empty() {
            continue;
        }
        n += 1;
        rows.extend_from_slice(&f.to_le_bytes());
        rows.push(cells.len() as u8);
        for (c, q) in cells {
            rows.push(c);
            rows.extend_from_slice(&q.to_le_bytes());
        }
    }
    body.extend_from_slice(&n.to_le_bytes());
    body.extend_from_slice(&rows);
}

/// A cursor over a decompressed model body.
pub(crate) struct Reader<'a> {
    pub b: &'a [u8],
    pub at: usize,
}

impl Reader<'_> {
    pub(crate) fn take(&mut self, n: usize) -> Result<&[u8]> {
        let s = self
            .b
            .get(self.at..self.at + n)
            .ok_or_else(|| Error::Model("truncated model file".into()))?;
        self.at += n;
        Ok(s)
    }
    pub(crate) fn u32(&mut self) -> Result<u32> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    pub(crate) fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
}

/// Reads what [`write`] wrote (a version 1 file has no clusters).
pub(crate) fn read(bytes: &[u8]) -> Result<(Vec<Weights>, Extra, String)> {
    if bytes.len() < 12 || &bytes[..8] != MAGIC {
        return Err(Error::Model(
            "not a byline NER model (bad magic bytes)".into(),
        ));
    }
    let version = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]);
    if !(OLDEST_SUPPORTED_VERSION..=FORMAT_VERSION).contains(&version) {
        return Err(Error::Model(format!(
            "model format version {version} not supported (this build reads {OLDEST_SUPPORTED_VERSION}..={FORMAT_VERSION})"
        )));
    }
    let mut body = Vec::new();
    flate2::read::DeflateDecoder::new(&bytes[12..])
        .take(512 << 20)
        .read_to_end(&mut body)
        .map_err(|e| Error::Model(format!("corrupt model body: {e}")))?;
    let mut r = Reader { b: &body, at: 0 };
    let mlen = r.u32()? as usize;
    let meta = String::from_utf8_lossy(r.take(mlen)?).into_owned();
    let classes = r.u32()? as usize;
    if classes != C {
        return Err(Error::Model(format!(
            "model has {classes} classes, expected {C}"
        )));
    }
    let stages = r.u32()? as usize;
    if !(1..=2).contains(&stages) {
        return Err(Error::Model(format!(
            "model has {stages} stages, expected 1 or 2"
        )));
    }
    let mut out = Vec::with_capacity(stages);
    for _ in 0..stages {
        out.push(read_weights(&mut r)?);
    }
    let extra = if version >= 2 {
        Extra {
            clusters: clusters::read(&mut r)?,
            names: names::read(&mut r)?,
        }
    } else {
        Extra::default()
    };
    Ok((out, extra, meta))
}

fn read_weights(r: &mut Reader) -> Result<Weights> {
    let s = r.take(4)?;
    let scale = f32::from_le_bytes([s[0], s[1], s[2], s[3]]);
    let n = r.u32()? as usize;
    let mut w = Weights {
        index: HashKeyed::with_capacity_and_hasher(n, Default::default()),
        w: Vec::with_capacity(n * ROW),
        frozen: Frozen::default(),
    };
    for i in 0..n {
        let f = r.u32()?;
        let k = r.u8()? as usize;
        let base = w.w.len();
        w.w.resize(base + ROW, 0.0);
        for _ in 0..k {
            let c = r.u8()? as usize;
            let q = r.take(2)?;
            let q = i16::from_le_bytes([q[0], q[1]]);
            if c >= C {
                return Err(Error::Model("class out of range".into()));
            }
            w.w[base + c] = q as f32 * scale;
        }
        w.index.insert(f, i as u32);
    }
    w.freeze();
    Ok(w)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transitions() {
        let b_per = class_of(0, 0);
        let i_per = class_of(1, 0);
        let l_per = class_of(2, 0);
        let u_loc = class_of(3, 1);
        assert!(valid(None, b_per, false));
        assert!(!valid(None, i_per, false));
        assert!(valid(Some(b_per), l_per, false));
        assert!(!valid(Some(b_per), u_loc, false));
        assert!(!valid(Some(b_per), 0, false));
        assert!(!valid(None, b_per, true));
        assert_eq!(class_name(u_loc), "U-LOC");
        for last in [false, true] {
            for prev in std::iter::once(None).chain((0..C).map(Some)) {
                for cur in 0..C {
                    let bit = allowed(prev, last) >> cur & 1 == 1;
                    assert_eq!(bit, valid(prev, cur, last), "{prev:?} {cur} {last}");
                }
            }
        }
    }

    fn token(f: Feat) -> TokenInfo {
        TokenInfo {
            word: f as u64,
            lower: f as u64,
            shape: 1,
            cluster: 0xffff,
            feats: vec![f],
        }
    }

    /// Weights giving each of `rows` as the scores of one feature (feature id = row index).
    fn weights(rows: &[[f32; C]]) -> Weights {
        let mut w = Weights::default();
        for (i, r) in rows.iter().enumerate() {
            w.index.insert(i as Feat, i as u32);
            w.w.extend_from_slice(r);
            w.w.extend_from_slice(&[0.0; ROW - C]);
        }
        w
    }

    #[test]
    fn beam_of_one_is_greedy_and_beams_stay_valid() {
        let mut x = 7u64;
        let mut rows = Vec::new();
        for _ in 0..6 {
            let mut r = [0f32; C];
            for s in r.iter_mut() {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                *s = (x % 2001) as f32 - 1000.0;
            }
            rows.push(r);
        }
        let w = weights(&rows);
        let mut frozen = w.clone();
        frozen.freeze();
        for len in 0..9usize {
            let toks: Vec<TokenInfo> = (0..len).map(|i| token(((i * 5) % 6) as Feat)).collect();
            assert_eq!(
                decode_beam(&w, &toks, 1, BEAM_TEMPERATURE),
                decode(&w, &toks)
            );
            for width in [1, 2, 3] {
                assert_eq!(
                    decode_beam(&frozen, &toks, width, BEAM_TEMPERATURE),
                    decode_beam(&w, &toks, width, BEAM_TEMPERATURE)
                );
            }
            for width in [2, 3, 8] {
                let out = decode_beam(&w, &toks, width, BEAM_TEMPERATURE);
                assert_eq!(out.len(), len);
                for i in 0..len {
                    let prev = i.checked_sub(1).map(|p| out[p]);
                    assert!(valid(prev, out[i], i + 1 == len), "{out:?}");
                }
            }
        }
    }

    #[test]
    fn frozen_table_finds_colliding_ids() {
        let mut index = HashKeyed::default();
        // Ids equal in their low bits probe past each other.
        for (r, f) in [16u32, 32, 48, 17, 0x1000_0010, 5].into_iter().enumerate() {
            index.insert(f, r as u32);
        }
        let t = Frozen::new(&index);
        for (&f, &r) in &index {
            assert_eq!(t.get(f), Some(r));
        }
        for f in [0u32, 1, 64, 0x2000_0010] {
            assert_eq!(t.get(f), None);
        }
    }

    #[test]
    fn beam_finds_a_better_sequence_than_greedy() {
        // Token 0 leans to U-PER over B-PER; after U-PER token 1 is torn between O and U-LOC,
        // while after B-PER only L-PER may end the sentence: the pair B-PER L-PER has the higher
        // summed local log-probability, which greedy decoding cannot see.
        let (b_per, l_per, u_per, u_loc) = (
            class_of(0, 0),
            class_of(2, 0),
            class_of(3, 0),
            class_of(3, 1),
        );
        let mut first = [-1000f32; C];
        first[u_per] = 10.0;
        first[b_per] = 0.0;
        let mut second = [-1000f32; C];
        second[0] = 0.0;
        second[u_loc] = 0.0;
        second[l_per] = -5.0;
        let w = weights(&[first, second]);
        let toks = [token(0), token(1)];
        assert_eq!(decode(&w, &toks)[0], u_per);
        assert_eq!(decode_beam(&w, &toks, 3, BEAM_TEMPERATURE), [b_per, l_per]);
    }

    #[test]
    fn round_trip_and_bad_files() {
        let mut w = Weights::default();
        w.index.insert(7, 0);
        w.w = vec![0.0; ROW];
        w.w[3] = 1.5;
        w.w[5] = -0.25;
        let mut extra = Extra::default();
        extra.clusters.map.insert(42, [1, 2, 3]);
        extra.names.map.insert(43, 5);
        extra.names.max_words = 2;
        let bytes = write(&[w.clone(), w], &extra, "meta").unwrap();
        let (r, extra2, meta) = read(&bytes).unwrap();
        assert_eq!(extra2, extra);
        assert_eq!((meta.as_str(), r.len()), ("meta", 2));
        let r = &r[1];
        assert!((r.w[3] - 1.5).abs() < 1e-3 && (r.w[5] + 0.25).abs() < 1e-3);
        assert!(read(b"nonsense").is_err());
        let mut future = bytes.clone();
        future[8] = 99;
        assert!(read(&future).is_err());
        assert!(read(&bytes[..bytes.len() / 2]).is_err());
    }
}
