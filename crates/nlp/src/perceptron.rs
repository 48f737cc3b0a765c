//! Averaged perceptron: sparse training rows with lazy averaging, and compact read-only weights
//! (quantised, pruned) for run time.

use crate::format::{Reader, Writer};
use crate::hash::FeatureMap;
use crate::Result;

/// One class weight of a feature while training.
#[derive(Clone, Copy, Debug)]
struct Entry {
    class: u16,
    w: f32,
    /// Sum of `w` over the steps before `stamp`.
    total: f64,
    stamp: u64,
}

/// Weights being trained: one sparse row of class weights per feature met in an update.
#[derive(Debug)]
pub(crate) struct Trainer {
    nclasses: usize,
    map: FeatureMap,
    rows: Vec<Vec<Entry>>,
    step: u64,
}

impl Trainer {
    pub(crate) fn new(nclasses: usize) -> Trainer {
        Trainer {
            nclasses,
            map: FeatureMap::with_capacity(1 << 16),
            rows: Vec::new(),
            step: 1,
        }
    }

    /// Scores every class (`scores` has one slot per class).
    pub(crate) fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for &f in feats {
            if let Some(r) = self.map.get(f) {
                for e in &self.rows[r as usize] {
                    scores[e.class as usize] += e.w;
                }
            }
        }
    }

    /// Counts one training instance (for averaging).
    pub(crate) fn tick(&mut self) {
        self.step += 1;
    }

    /// Rewards `truth`, penalises `guess`.
    pub(crate) fn update(&mut self, feats: &[u64], truth: usize, guess: usize) {
        if truth == guess {
            return;
        }
        for &f in feats {
            let r = match self.map.get(f) {
                Some(r) => r as usize,
                None => {
                    let r = self.rows.len();
                    self.map.insert(f, r as u32);
                    self.rows.push(Vec::new());
                    r
                }
            };
            let step = self.step;
            let row = &mut self.rows[r];
            for (class, delta) in [(truth, 1.0f32), (guess, -1.0)] {
                let i = match row.iter().position(|e| e.class as usize == class) {
                    Some(i) => i,
                    None => {
                        row.push(Entry {
                            class: class as u16,
                            w: 0.0,
                            total: 0.0,
                            stamp: step,
                        });
                        row.len() - 1
                    }
                };
                let e = &mut row[i];
                e.total += (step - e.stamp) as f64 * f64::from(e.w);
                e.stamp = step;
                e.w += delta;
            }
        }
    }

    /// The averaged weights.
    pub(crate) fn averaged(&self) -> Weights {
        let mut b = WeightsBuilder::new(self.nclasses);
        for (key, r) in self.map.iter() {
            let row = &self.rows[r as usize];
            b.row(
                key,
                row.iter().map(|e| {
                    let total = e.total + (self.step - e.stamp) as f64 * f64::from(e.w);
                    (e.class, (total / self.step as f64) as f32)
                }),
            );
        }
        b.build(None)
    }

    /// Number of feature rows.
    pub(crate) fn features(&self) -> usize {
        self.rows.len()
    }
}

struct WeightsBuilder {
    nclasses: usize,
    keys: Vec<u64>,
    offsets: Vec<u32>,
    classes: Vec<u16>,
    values: Vec<f32>,
}

impl WeightsBuilder {
    fn new(nclasses: usize) -> WeightsBuilder {
        WeightsBuilder {
            nclasses,
            keys: Vec::new(),
            offsets: vec![0],
            classes: Vec::new(),
            values: Vec::new(),
        }
    }

    fn row(&mut self, key: u64, entries: impl Iterator<Item = (u16, f32)>) {
        let start = self.classes.len();
        for (c, v) in entries {
            if v != 0.0 {
                self.classes.push(c);
                self.values.push(v);
            }
        }
        if self.classes.len() > start {
            self.offsets.push(self.classes.len() as u32);
            self.keys.push(key);
        }
    }

    /// Quantises to 16 bits: `scale` is the weight of one step.
    fn build(self, scale: Option<f32>) -> Weights {
        let scale = scale.unwrap_or_else(|| {
            let max = self.values.iter().fold(0f32, |m, v| m.max(v.abs()));
            if max > 0.0 {
                max / 32767.0
            } else {
                1.0
            }
        });
        let mut map = RowMap::with_capacity(self.keys.len());
        let mut entries = Vec::with_capacity(self.values.len());
        for (r, key) in self.keys.iter().enumerate() {
            let (a, b) = (self.offsets[r] as usize, self.offsets[r + 1] as usize);
            let before = entries.len();
            for (c, v) in self.classes[a..b].iter().zip(&self.values[a..b]) {
                let q = (v / scale).round().clamp(-32767.0, 32767.0) as i16;
                if q != 0 {
                    entries.push(Entry16 { class: *c, q });
                }
            }
            if entries.len() > before {
                map.insert(*key, before as u32, (entries.len() - before) as u32);
            }
        }
        Weights {
            nclasses: self.nclasses,
            scale,
            map,
            entries,
        }
    }
}

/// One quantised class weight.
#[derive(Clone, Copy, Debug)]
struct Entry16 {
    class: u16,
    q: i16,
}

/// Read-only weights: a feature map and compressed sparse rows of 16-bit weights. Scores are in
/// units of `scale` (only their order matters).
#[derive(Clone, Debug)]
pub(crate) struct Weights {
    nclasses: usize,
    scale: f32,
    map: RowMap,
    entries: Vec<Entry16>,
}

impl Weights {
    /// Number of classes.
    pub(crate) fn nclasses(&self) -> usize {
        self.nclasses
    }

    /// Number of feature rows.
    pub(crate) fn features(&self) -> usize {
        self.map.len
    }

    /// Scores every class (`scores` has one slot per class).
    #[inline]
    pub(crate) fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        for &f in feats {
            if let Some((a, n)) = self.map.get(f) {
                let (a, b) = (a as usize, a as usize + n as usize);
                for e in self.entries.get(a..b).unwrap_or(&[]) {
                    if let Some(s) = scores.get_mut(e.class as usize) {
                        *s += f32::from(e.q);
                    }
                }
            }
        }
    }

    /// Writes the weights, dropping those under `prune` times the largest.
    pub(crate) fn write(&self, w: &mut Writer, prune: f32) {
        let cut = (32767.0 * prune).round() as i64;
        let mut rows: Vec<(u64, u32, u32)> = self.map.iter().collect();
        rows.sort_unstable();
        let kept: Vec<(u64, Vec<Entry16>)> = rows
            .iter()
            .filter_map(|&(key, a, n)| {
                let (a, b) = (a as usize, a as usize + n as usize);
                let e: Vec<Entry16> = self.entries[a..b]
                    .iter()
                    .filter(|e| i64::from(e.q).abs() > cut)
                    .copied()
                    .collect();
                (!e.is_empty()).then_some((key, e))
            })
            .collect();
        w.var(self.nclasses as u64);
        w.f32(self.scale);
        w.var(kept.len() as u64);
        let mut prev = 0u64;
        for (key, e) in &kept {
            w.var(key - prev);
            prev = *key;
            w.var(e.len() as u64);
            for x in e {
                w.var(u64::from(x.class));
                w.ivar(i64::from(x.q));
            }
        }
    }

    /// Reads weights written by [`Weights::write`].
    pub(crate) fn read(r: &mut Reader) -> Result<Weights> {
        let nclasses = r.len()?;
        let scale = r.f32()?;
        let nrows = r.len()?;
        let mut b = WeightsBuilder::new(nclasses);
        b.keys.reserve(nrows);
        let mut key = 0u64;
        let mut entries = Vec::new();
        for _ in 0..nrows {
            key = key.wrapping_add(r.var()?);
            let n = r.len()?;
            entries.clear();
            for _ in 0..n {
                let c = r.var()?;
                let q = r.ivar()?;
                if c as usize >= nclasses || key == 0 {
                    return Err(crate::Error::BadModel {
                        model: r.model().to_string(),
                        message: "class or feature out of range".into(),
                    });
                }
                entries.push((c as u16, q as f32 * scale));
            }
            b.row(key, entries.iter().copied());
        }
        Ok(b.build(Some(scale)))
    }
}

/// Feature key → (first entry, number of entries), in one slot per key.
#[derive(Clone, Debug, Default)]
struct RowMap {
    slots: Vec<(u64, u32, u32)>,
    len: usize,
}

impl RowMap {
    fn with_capacity(n: usize) -> RowMap {
        let cap = (n.max(8) * 2).next_power_of_two();
        RowMap {
            slots: vec![(0, 0, 0); cap],
            len: 0,
        }
    }

    #[inline]
    fn get(&self, key: u64) -> Option<(u32, u32)> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = (key as usize) & mask;
        loop {
            let (k, a, n) = *self.slots.get(i)?;
            if k == key {
                return Some((a, n));
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Inserts a key not yet present; the map was sized for all keys.
    fn insert(&mut self, key: u64, start: u32, n: u32) {
        let mask = self.slots.len() - 1;
        let mut i = (key as usize) & mask;
        while self.slots[i].0 != 0 && self.slots[i].0 != key {
            i = (i + 1) & mask;
        }
        if self.slots[i].0 == 0 {
            self.len += 1;
        }
        self.slots[i] = (key, start, n);
    }

    fn iter(&self) -> impl Iterator<Item = (u64, u32, u32)> + '_ {
        self.slots.iter().filter(|s| s.0 != 0).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_separable_data_and_round_trips() {
        let mut t = Trainer::new(2);
        let data = [(vec![3u64, 5], 0usize), (vec![7u64, 5], 1)];
        let mut scores = [0f32; 2];
        for _ in 0..5 {
            for (f, y) in &data {
                t.score(f, &mut scores);
                let guess = if scores[1] > scores[0] { 1 } else { 0 };
                t.update(f, *y, guess);
                t.tick();
            }
        }
        let w = t.averaged();
        for (f, y) in &data {
            w.score(f, &mut scores);
            assert_eq!(usize::from(scores[1] > scores[0]), *y);
        }
        let mut out = Writer::default();
        w.write(&mut out, 0.0);
        let bytes = out.finish(b"BYLNTST\0");
        let mut r = Reader::open(&bytes, b"BYLNTST\0", "t").unwrap();
        let w2 = Weights::read(&mut r).unwrap();
        for (f, y) in &data {
            w2.score(f, &mut scores);
            assert_eq!(usize::from(scores[1] > scores[0]), *y);
        }
    }
}
