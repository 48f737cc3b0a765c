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
        // Rows in key order: the table is then filled front to back (see `Weights::insert`).
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        order.sort_unstable_by_key(|&r| self.keys[r]);
        let mut w = Weights::with_capacity(self.nclasses, scale, self.keys.len());
        let mut row = Vec::new();
        for r in order {
            let (a, b) = (self.offsets[r] as usize, self.offsets[r + 1] as usize);
            row.clear();
            for (c, v) in self.classes[a..b].iter().zip(&self.values[a..b]) {
                let q = (v / scale).round().clamp(-32767.0, 32767.0) as i16;
                if q != 0 {
                    row.push(pack(*c, q));
                }
            }
            w.insert(self.keys[r], &row);
        }
        w
    }
}

/// One class weight in 32 bits: the class in the low half, the quantised weight in the high.
#[inline]
fn pack(class: u16, q: i16) -> u32 {
    u32::from(class) | (u32::from(q as u16) << 16)
}

#[inline]
fn unpack(x: u32) -> (usize, i16) {
    ((x & 0xffff) as usize, (x >> 16) as u16 as i16)
}

/// Weights added at once by [`Weights::score_int`] (a dense row's length is a multiple).
const LANES: usize = CHUNK;
/// The most chunks of [`LANES`] 16-bit sums [`Weights::score_int`] keeps (classes up to 256).
const MAX_ACC: usize = 32;

/// Adds one packed class weight to integer scores.
#[inline]
fn add_int(x: u32, scores: &mut [i32]) {
    let (c, q) = unpack(x);
    if let Some(s) = scores.get_mut(c) {
        *s += i32::from(q);
    }
}

/// `Slot::a` low half of a slot whose entries are in `Weights::sparse` (`a >> 16` of them, from
/// `b`).
const SPARSE: u32 = 0xffff;
/// `Slot::a` of a slot whose row is dense in `Weights::dense` (`nclasses` weights from `b`).
const DENSE: u32 = 0xfffe;

/// One feature of the table: its key and either up to two packed class weights in place (most
/// features have one or two, so one cache line holds the whole lookup) or where its row is.
#[derive(Clone, Copy, Debug, Default)]
#[repr(C, align(16))]
struct Slot {
    key: u64,
    a: u32,
    b: u32,
}

impl Slot {
    /// A dense row at `at` whose largest weight is `max` in absolute value.
    fn dense(key: u64, max: u16, at: usize) -> Slot {
        Slot {
            key,
            a: DENSE | (u32::from(max) << 16),
            b: at as u32,
        }
    }

    /// A sparse row of `n` packed entries at `at`.
    fn sparse(key: u64, n: usize, at: usize) -> Slot {
        Slot {
            key,
            a: SPARSE | ((n as u32) << 16),
            b: at as u32,
        }
    }
}

/// Read-only weights: one open-addressing table whose slots hold a feature key with its class
/// weights (16-bit, quantised) in place, or the place of a longer row, kept sparse or, when it
/// has many classes, dense. Scores are in units of `scale` (only their order matters).
#[derive(Clone, Debug)]
pub(crate) struct Weights {
    nclasses: usize,
    scale: f32,
    table: SlotTable,
    sparse: Vec<u32>,
    dense: Vec<i16>,
}

/// The open-addressing table of [`Weights`] and [`BlockWeights`]: linear probing from a key's
/// home slot, key 0 marks an empty slot.
#[derive(Clone, Debug)]
struct SlotTable {
    /// Keys are placed by their top bits: `key >> shift` is the home slot.
    shift: u32,
    slots: Vec<Slot>,
    /// Occupied slots.
    len: usize,
}

impl SlotTable {
    /// An empty table sized for `n` keys: at most two thirds full, so a probe for a missing
    /// key stops within a few slots, most often in the same cache line.
    fn with_capacity(n: usize) -> SlotTable {
        let cap = (n.max(8) * 3 / 2).next_power_of_two();
        SlotTable {
            shift: 64 - cap.trailing_zeros(),
            slots: vec![Slot::default(); cap],
            len: 0,
        }
    }

    /// Puts `slot` in place of its key's old slot or in a free one. The table was sized for
    /// all keys.
    fn place(&mut self, slot: Slot) {
        let mask = self.slots.len() - 1;
        let mut i = (slot.key >> self.shift) as usize & mask;
        while self.slots[i].key != 0 && self.slots[i].key != slot.key {
            i = (i + 1) & mask;
        }
        if self.slots[i].key == 0 {
            self.len += 1;
        }
        self.slots[i] = slot;
    }

    /// The place of `key`.
    #[inline]
    fn find(&self, key: u64) -> Option<usize> {
        let mask = self.slots.len().wrapping_sub(1);
        let mut i = (key >> self.shift) as usize & mask;
        loop {
            let k = self.slots.get(i)?.key;
            if k == key {
                return Some(i);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// The occupied slots.
    fn occupied(&self) -> impl Iterator<Item = &Slot> {
        self.slots.iter().filter(|s| s.key != 0)
    }
}

impl Weights {
    /// An empty table sized for `n` features.
    fn with_capacity(nclasses: usize, scale: f32, n: usize) -> Weights {
        Weights {
            nclasses,
            scale,
            table: SlotTable::with_capacity(n),
            sparse: Vec::new(),
            dense: Vec::new(),
        }
    }

    /// Adds feature `key` (never 0) with its packed entries, replacing an older row. The table
    /// was sized for all keys.
    fn insert(&mut self, key: u64, row: &[u32]) {
        let slot = match row.len() {
            0 => return,
            1 | 2 => Slot {
                key,
                a: row[0],
                b: row.get(1).copied().unwrap_or(0),
            },
            n if n * 8 >= self.nclasses => {
                let at = self.dense.len();
                self.dense.resize(at + self.stride(), 0);
                let mut max = 0;
                for &x in row {
                    let (c, q) = unpack(x);
                    self.dense[at + c] = q;
                    max = max.max(q.unsigned_abs());
                }
                Slot::dense(key, max, at)
            }
            n => {
                let at = self.sparse.len();
                self.sparse.extend_from_slice(row);
                Slot::sparse(key, n, at)
            }
        };
        self.table.place(slot);
    }

    /// The class weights of a slot, in class order for dense rows.
    fn entries(&self, s: &Slot) -> Vec<(u16, i16)> {
        let mut out = Vec::new();
        match s.a & 0xffff {
            SPARSE => {
                let (a, n) = (s.b as usize, (s.a >> 16) as usize);
                out.extend(self.sparse[a..a + n].iter().map(|&x| unpack(x)));
            }
            DENSE => {
                let a = s.b as usize;
                out.extend(self.dense[a..a + self.nclasses].iter().copied().enumerate());
            }
            _ => out.extend([unpack(s.a), unpack(s.b)]),
        }
        out.into_iter()
            .filter(|&(_, q)| q != 0)
            .map(|(c, q)| (c as u16, q))
            .collect()
    }

    /// Number of classes.
    pub(crate) fn nclasses(&self) -> usize {
        self.nclasses
    }

    /// Number of feature rows.
    pub(crate) fn features(&self) -> usize {
        self.table.len
    }

    /// Length of a dense row: the class count rounded up to whole groups of [`LANES`] (the
    /// padding weights are 0), so [`Weights::score_int`] adds whole groups only.
    pub(crate) fn stride(&self) -> usize {
        self.nclasses.div_ceil(LANES) * LANES
    }

    /// Scores every class like the float `Weights::score` of the tests, in integer units of `scale`: `scores` has
    /// [`Weights::stride`] slots, the first [`Weights::nclasses`] of which are the classes'.
    /// The sums are exact and equal the float scores (a float sum of fewer than 512 16-bit
    /// weights is exact), so the argmax is the same; integer adds skip the conversions. Nothing
    /// is scored for more than 256 classes (the tagger has at most 50).
    #[inline]
    pub(crate) fn score_int(&self, feats: &[u64], scores: &mut [i32]) {
        scores.iter_mut().for_each(|s| *s = 0);
        let stride = self.stride();
        let Some(scores) = scores.get_mut(..stride) else {
            return;
        };
        // Dense rows are summed in 16-bit lanes, flushed to `scores` before any lane could pass
        // `i16::MAX` (`bound`: the largest total a lane can hold), like [`BlockWeights`].
        let mut acc = [[0i16; LANES]; MAX_ACC];
        let Some(acc) = acc.get_mut(..stride / LANES) else {
            return;
        };
        let mut bound = 0u32;
        let mut found = [0u32; 64];
        for chunk in feats.chunks(found.len()) {
            let mut k = 0;
            for &f in chunk {
                if let Some(i) = self.table.find(f) {
                    found[k] = i as u32;
                    k += 1;
                }
            }
            for &i in &found[..k] {
                let s = &self.table.slots[i as usize];
                match s.a & 0xffff {
                    SPARSE => {
                        let (a, n) = (s.b as usize, (s.a >> 16) as usize);
                        for &x in self.sparse.get(a..a + n).unwrap_or(&[]) {
                            add_int(x, scores);
                        }
                    }
                    DENSE => {
                        let max = s.a >> 16;
                        if bound + max > i16::MAX as u32 {
                            flush(acc, scores);
                            bound = 0;
                        }
                        bound += max;
                        let a = s.b as usize;
                        if let Some(row) = self.dense.get(a..a + stride) {
                            for (a8, q8) in acc.iter_mut().zip(row.chunks_exact(LANES)) {
                                if let Ok(q8) = <&[i16; LANES]>::try_from(q8) {
                                    let mut v = *a8;
                                    for (v, &q) in v.iter_mut().zip(q8) {
                                        *v = v.wrapping_add(q);
                                    }
                                    *a8 = v;
                                }
                            }
                        }
                    }
                    // Unused places hold class 0 with weight 0.
                    _ => {
                        add_int(s.a, scores);
                        add_int(s.b, scores);
                    }
                }
            }
        }
        flush(acc, scores);
    }

    /// Scores every class (`scores` has one slot per class); the reference for
    /// [`Weights::score_int`] in the tests.
    #[cfg(test)]
    pub(crate) fn score(&self, feats: &[u64], scores: &mut [f32]) {
        scores.iter_mut().for_each(|s| *s = 0.0);
        let n = self.nclasses.min(scores.len());
        let scores = &mut scores[..n];
        // Find every feature first, then add: the table probes do not wait on one another, so
        // their cache misses overlap.
        let mut found = [0u32; 64];
        for chunk in feats.chunks(found.len()) {
            let mut k = 0;
            for &f in chunk {
                if let Some(i) = self.table.find(f) {
                    found[k] = i as u32;
                    k += 1;
                }
            }
            for &i in &found[..k] {
                self.add(&self.table.slots[i as usize], scores);
            }
        }
    }

    #[cfg(test)]
    fn add(&self, s: &Slot, scores: &mut [f32]) {
        #[inline]
        fn one(x: u32, scores: &mut [f32]) {
            let (c, q) = unpack(x);
            if let Some(s) = scores.get_mut(c) {
                *s += f32::from(q);
            }
        }
        match s.a & 0xffff {
            SPARSE => {
                let (a, n) = (s.b as usize, (s.a >> 16) as usize);
                for &x in self.sparse.get(a..a + n).unwrap_or(&[]) {
                    one(x, scores);
                }
            }
            DENSE => {
                let a = s.b as usize;
                if let Some(row) = self.dense.get(a..a + scores.len()) {
                    // Eight at a time, in fixed-size arrays, so the compiler uses vector adds.
                    let mut sc = scores.chunks_exact_mut(8);
                    let mut rc = row.chunks_exact(8);
                    for (s8, q8) in sc.by_ref().zip(rc.by_ref()) {
                        if let (Ok(s8), Ok(q8)) =
                            (<&mut [f32; 8]>::try_from(s8), <&[i16; 8]>::try_from(q8))
                        {
                            for (s, &q) in s8.iter_mut().zip(q8) {
                                *s += f32::from(q);
                            }
                        }
                    }
                    for (s, &q) in sc.into_remainder().iter_mut().zip(rc.remainder()) {
                        *s += f32::from(q);
                    }
                }
            }
            // Unused places hold class 0 with weight 0.
            _ => {
                one(s.a, scores);
                one(s.b, scores);
            }
        }
    }

    /// Every row: key and class weights (in class order for dense rows).
    fn rows(&self) -> impl Iterator<Item = (u64, Vec<(u16, i16)>)> + '_ {
        self.table.occupied().map(|s| (s.key, self.entries(s)))
    }

    /// Writes the weights, dropping those under `prune` times the largest.
    pub(crate) fn write(&self, w: &mut Writer, prune: f32) {
        write_rows(w, self.nclasses, self.scale, prune, self.rows());
    }

    /// Reads weights written by [`Weights::write`].
    pub(crate) fn read(r: &mut Reader) -> Result<Weights> {
        let (nclasses, scale, nrows) = read_header(r)?;
        let mut w = Weights::with_capacity(nclasses, scale, nrows);
        let mut packed = Vec::new();
        read_rows(r, nclasses, nrows, |key, row| {
            packed.clear();
            packed.extend(row.iter().map(|&(c, q)| pack(c, q)));
            w.insert(key, &packed);
        })?;
        Ok(w)
    }

    /// The mean of several weight tables over the same classes (e.g. models trained with
    /// different seeds): each feature's class weight averaged over all tables (0 where a table
    /// lacks it), re-quantised. `None` if `ws` is empty or the class counts differ.
    pub(crate) fn mean(ws: &[&Weights]) -> Option<Weights> {
        let nclasses = ws.first()?.nclasses;
        if ws.iter().any(|w| w.nclasses != nclasses) {
            return None;
        }
        let mut all: Vec<(u64, u16, f32)> = Vec::new();
        for w in ws {
            let k = w.scale / ws.len() as f32;
            for (key, row) in w.rows() {
                all.extend(row.into_iter().map(|(c, q)| (key, c, f32::from(q) * k)));
            }
        }
        all.sort_unstable_by_key(|&(key, c, _)| (key, c));
        let mut out = WeightsBuilder::new(nclasses);
        for row in all.chunk_by(|x, y| x.0 == y.0) {
            let entries = row.chunk_by(|x, y| x.1 == y.1);
            out.row(
                row[0].0,
                entries.map(|e| (e[0].1, e.iter().map(|x| x.2).sum::<f32>())),
            );
        }
        Some(out.build(None))
    }
}

/// Writes a weight table: class count, scale, then the rows in key order, each with its
/// non-zero class weights above `prune` times the largest.
fn write_rows(
    w: &mut Writer,
    nclasses: usize,
    scale: f32,
    prune: f32,
    rows: impl Iterator<Item = (u64, Vec<(u16, i16)>)>,
) {
    let cut = (32767.0 * prune).round() as i64;
    let mut kept: Vec<(u64, Vec<(u16, i16)>)> = rows
        .filter_map(|(key, mut e)| {
            e.retain(|&(_, q)| i64::from(q).abs() > cut);
            (!e.is_empty()).then_some((key, e))
        })
        .collect();
    kept.sort_unstable_by_key(|(k, _)| *k);
    w.var(nclasses as u64);
    w.f32(scale);
    w.var(kept.len() as u64);
    let mut prev = 0u64;
    for (key, e) in &kept {
        w.var(key - prev);
        prev = *key;
        w.var(e.len() as u64);
        for &(c, q) in e {
            w.var(u64::from(c));
            w.ivar(i64::from(q));
        }
    }
}

fn bad_model(r: &Reader, m: &str) -> crate::Error {
    crate::Error::BadModel {
        model: r.model().to_string(),
        message: m.into(),
    }
}

/// Reads the head of a weight table: class count, scale and row count.
fn read_header(r: &mut Reader) -> Result<(usize, f32, usize)> {
    let nclasses = r.len()?;
    let scale = r.f32()?;
    let nrows = r.len()?;
    if nclasses >= DENSE as usize || nrows > r.remaining() {
        return Err(bad_model(r, "too many classes or rows"));
    }
    Ok((nclasses, scale, nrows))
}

/// Reads `nrows` rows written by [`write_rows`], handing each (key, non-zero class weights) to
/// `row`, in key order.
fn read_rows(
    r: &mut Reader,
    nclasses: usize,
    nrows: usize,
    mut row: impl FnMut(u64, &[(u16, i16)]),
) -> Result<()> {
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
                return Err(bad_model(r, "class or feature out of range"));
            }
            let q = q.clamp(-32767, 32767) as i16;
            if q != 0 {
                entries.push((c as u16, q));
            }
        }
        row(key, &entries);
    }
    Ok(())
}

/// Lanes of one vector step: eight 16-bit weights (one SSE2 register).
const CHUNK: usize = 8;
type Chunk = [i16; CHUNK];

/// Where each class goes in a [`BlockWeights`] table: classes are grouped in blocks of whole
/// chunks, and a caller scores only the blocks it needs (the parser's right-arc, shift and
/// reduce classes in one, its left-arc classes in another).
#[derive(Clone, Debug)]
pub(crate) struct Layout {
    /// Lane of each class; lanes of different classes differ.
    pub(crate) lane: Vec<u16>,
    /// Chunks per block: block `k` holds lanes `8 * sum(blocks[..k])` up to the next block.
    pub(crate) blocks: Vec<usize>,
}

/// Read-only weights in blocks, for a classifier that needs the scores of only some classes at
/// a time. As in [`Weights`], one open-addressing table of 16-byte slots holds each feature's
/// key with up to two weights in place, or a sparse row; a dense row holds every lane, and
/// the wanted blocks of it are summed into 16-bit lanes, eight at a time, flushed to 32-bit
/// scores before they could overflow. Integer sums are exact, so the scores are those
/// [`Weights::score`] gives, in lanes instead of classes.
#[derive(Clone, Debug)]
pub(crate) struct BlockWeights {
    nclasses: usize,
    scale: f32,
    lane: Vec<u16>,
    /// Class of each lane, `u16::MAX` for padding.
    class_of_lane: Vec<u16>,
    /// First chunk of each block, and the end: `blocks.len() + 1` entries.
    block_start: Vec<usize>,
    table: SlotTable,
    /// Packed (lane, weight) entries of sparse rows.
    sparse: Vec<u32>,
    /// Dense rows, `block_start[last]` chunks each.
    dense: Vec<Chunk>,
}

/// Scratch space for [`BlockWeights::score`], reused across calls.
#[derive(Clone, Debug, Default)]
pub(crate) struct BlockScratch {
    acc: Vec<Chunk>,
}

impl BlockWeights {
    fn with_capacity(nclasses: usize, scale: f32, n: usize, layout: &Layout) -> Result<Self> {
        let mut block_start = vec![0];
        for &b in &layout.blocks {
            block_start.push(block_start[block_start.len() - 1] + b);
        }
        let nlanes = block_start[block_start.len() - 1] * CHUNK;
        let mut class_of_lane = vec![u16::MAX; nlanes];
        let ok = layout.lane.len() == nclasses
            && layout.blocks.len() < 32
            && nlanes < DENSE as usize
            && layout.lane.iter().enumerate().all(|(c, &l)| {
                let free = class_of_lane.get(usize::from(l)) == Some(&u16::MAX);
                if free {
                    class_of_lane[usize::from(l)] = c as u16;
                }
                free
            });
        if !ok {
            return Err(crate::Error::BadModel {
                model: "blocked weights".into(),
                message: "class layout does not fit the classes".into(),
            });
        }
        Ok(BlockWeights {
            nclasses,
            scale,
            lane: layout.lane.clone(),
            class_of_lane,
            block_start,
            table: SlotTable::with_capacity(n),
            sparse: Vec::new(),
            dense: Vec::new(),
        })
    }

    /// The same weights as `w`, laid out in blocks.
    pub(crate) fn from_weights(w: &Weights, layout: &Layout) -> Result<BlockWeights> {
        let mut b = BlockWeights::with_capacity(w.nclasses, w.scale, w.table.len, layout)?;
        let mut rows: Vec<(u64, Vec<(u16, i16)>)> = w.rows().collect();
        rows.sort_unstable_by_key(|(k, _)| *k);
        for (key, e) in &rows {
            b.insert(*key, e);
        }
        Ok(b)
    }

    /// Reads weights written by [`Weights::write`] or [`BlockWeights::write`] into `layout`.
    pub(crate) fn read(r: &mut Reader, layout: &Layout) -> Result<BlockWeights> {
        let (nclasses, scale, nrows) = read_header(r)?;
        let mut b = BlockWeights::with_capacity(nclasses, scale, nrows, layout)
            .map_err(|_| bad_model(r, "class layout does not fit the classes"))?;
        read_rows(r, nclasses, nrows, |key, row| b.insert(key, row))?;
        Ok(b)
    }

    /// Writes the weights (in class order, the format of [`Weights::write`]), dropping those
    /// under `prune` times the largest.
    pub(crate) fn write(&self, w: &mut Writer, prune: f32) {
        let rows = self.table.occupied().map(|s| {
            let mut e: Vec<(u16, i16)> = self
                .lane_entries(s)
                .into_iter()
                .filter_map(|(l, q)| {
                    let c = *self.class_of_lane.get(l)?;
                    (c != u16::MAX).then_some((c, q))
                })
                .collect();
            e.sort_unstable_by_key(|&(c, _)| c);
            (s.key, e)
        });
        write_rows(w, self.nclasses, self.scale, prune, rows);
    }

    /// Number of classes.
    pub(crate) fn nclasses(&self) -> usize {
        self.nclasses
    }

    /// Number of lanes (scores) [`BlockWeights::score`] fills.
    pub(crate) fn lanes(&self) -> usize {
        self.class_of_lane.len()
    }

    /// The lane of class `c`.
    #[inline]
    pub(crate) fn lane(&self, c: usize) -> usize {
        self.lane.get(c).map_or(0, |&l| usize::from(l))
    }

    /// Number of feature rows.
    pub(crate) fn features(&self) -> usize {
        self.table.len
    }

    /// Chunks of a dense row.
    fn row_chunks(&self) -> usize {
        self.block_start[self.block_start.len() - 1]
    }

    /// Adds feature `key` (never 0, inserted at most once) with its (class, weight) entries.
    fn insert(&mut self, key: u64, row: &[(u16, i16)]) {
        let packed = |&(c, q): &(u16, i16)| pack(self.lane[usize::from(c)], q);
        let slot = match row.len() {
            0 => return,
            1 | 2 => Slot {
                key,
                a: packed(&row[0]),
                b: row.get(1).map_or(0, packed),
            },
            n if n * 8 >= self.nclasses && self.dense.len() < u32::MAX as usize => {
                let at = self.dense.len();
                self.dense.resize(at + self.row_chunks(), [0; CHUNK]);
                let mut max = 0u16;
                for &(c, q) in row {
                    let lane = usize::from(self.lane[usize::from(c)]);
                    self.dense[at + lane / CHUNK][lane % CHUNK] = q;
                    max = max.max(q.unsigned_abs());
                }
                Slot::dense(key, max, at)
            }
            n => {
                let at = self.sparse.len();
                self.sparse.extend(row.iter().map(packed));
                Slot::sparse(key, n, at)
            }
        };
        self.table.place(slot);
    }

    /// The non-zero (lane, weight) entries of a slot.
    fn lane_entries(&self, s: &Slot) -> Vec<(usize, i16)> {
        let mut out = Vec::new();
        match s.a & 0xffff {
            SPARSE => {
                let (a, n) = (s.b as usize, (s.a >> 16) as usize);
                out.extend(self.sparse[a..a + n].iter().map(|&x| unpack(x)));
            }
            DENSE => {
                let a = s.b as usize;
                let row = &self.dense[a..a + self.row_chunks()];
                out.extend(row.iter().flatten().copied().enumerate());
            }
            _ => out.extend([unpack(s.a), unpack(s.b)]),
        }
        out.retain(|&(_, q)| q != 0);
        out
    }

    /// Scores the lanes of the blocks in `want` (bit `k` for block `k`): `scores` gets one
    /// entry per lane (see [`BlockWeights::lane`]). Lanes outside the wanted blocks may hold
    /// partial sums, except those between two wanted blocks, which are scored too.
    #[inline]
    pub(crate) fn score(
        &self,
        feats: &[u64],
        want: u32,
        scratch: &mut BlockScratch,
        scores: &mut [i32],
    ) {
        scores.iter_mut().for_each(|s| *s = 0);
        let nblocks = self.block_start.len() - 1;
        if want == 0 || nblocks == 0 {
            return;
        }
        // The chunks from the first wanted block to the end of the last.
        let first = (want.trailing_zeros() as usize).min(nblocks - 1);
        let last = (31 - want.leading_zeros() as usize).min(nblocks - 1);
        let (lo, hi) = (self.block_start[first], self.block_start[last + 1]);
        let row_chunks = self.row_chunks();
        if scratch.acc.len() != row_chunks {
            scratch.acc = vec![[0; CHUNK]; row_chunks];
        }
        let acc = &mut scratch.acc[lo..hi];
        if scores.len() < hi * CHUNK {
            return;
        }
        // The largest total any lane of `acc` can hold: flush before it could pass i16::MAX.
        let mut bound = 0u32;
        let mut found = [0u32; 64];
        // Dense rows found: (start in `dense`, largest weight); summed after the others, all
        // in one loop per row size whose sums stay in registers.
        let mut dense = [(0u32, 0u32); 64];
        for chunk in feats.chunks(found.len()) {
            let mut n = 0;
            for &f in chunk {
                if let Some(i) = self.table.find(f) {
                    found[n] = i as u32;
                    n += 1;
                }
            }
            let mut nd = 0;
            for &i in &found[..n] {
                let s = &self.table.slots[i as usize];
                match s.a & 0xffff {
                    SPARSE => {
                        let (a, n) = (s.b as usize, (s.a >> 16) as usize);
                        for &x in self.sparse.get(a..a + n).unwrap_or(&[]) {
                            add_one(x, scores);
                        }
                    }
                    DENSE => {
                        dense[nd] = (s.b, s.a >> 16);
                        nd += 1;
                    }
                    // Unused places hold lane 0 with weight 0.
                    _ => {
                        add_one(s.a, scores);
                        add_one(s.b, scores);
                    }
                }
            }
            let rows = &dense[..nd];
            let sc = &mut scores[lo * CHUNK..hi * CHUNK];
            // Fixed sizes unroll completely: one block of up to 62 labels (with shift and
            // reduce) or two.
            let done = match acc.len() {
                7 => sum_rows::<7>(&self.dense, lo, rows, &mut bound, acc, sc),
                8 => sum_rows::<8>(&self.dense, lo, rows, &mut bound, acc, sc),
                14 => sum_rows::<14>(&self.dense, lo, rows, &mut bound, acc, sc),
                16 => sum_rows::<16>(&self.dense, lo, rows, &mut bound, acc, sc),
                _ => false,
            };
            if !done {
                for &(at, max) in rows {
                    if bound + max > i16::MAX as u32 {
                        flush(acc, sc);
                        bound = 0;
                    }
                    bound += max;
                    let at = at as usize;
                    if let Some(row) = self.dense.get(at + lo..at + hi) {
                        add_chunks(acc, row);
                    }
                }
            }
        }
        flush(acc, &mut scores[lo * CHUNK..hi * CHUNK]);
    }
}

/// Adds the 16-bit sums to `scores` and clears them.
#[inline]
fn flush(acc: &mut [Chunk], scores: &mut [i32]) {
    for (a8, s8) in acc.iter_mut().zip(scores.chunks_exact_mut(CHUNK)) {
        let a = *a8;
        for (s, &a) in s8.iter_mut().zip(&a) {
            *s += i32::from(a);
        }
        *a8 = [0; CHUNK];
    }
}

/// Adds one packed (lane, weight) entry.
#[inline]
fn add_one(x: u32, scores: &mut [i32]) {
    let (c, q) = unpack(x);
    if let Some(s) = scores.get_mut(c) {
        *s += i32::from(q);
    }
}

/// Adds a row's chunks to the 16-bit sums (wrapping: the caller keeps the sums in range).
#[inline]
fn add_chunks(acc: &mut [Chunk], row: &[Chunk]) {
    // Four chunks at a time in fixed-size arrays, so the loop is unrolled into vector adds.
    let mut a4 = acc.chunks_exact_mut(4);
    let mut r4 = row.chunks_exact(4);
    for (a, r) in a4.by_ref().zip(r4.by_ref()) {
        if let (Ok(a), Ok(r)) = (<&mut [Chunk; 4]>::try_from(a), <&[Chunk; 4]>::try_from(r)) {
            add_fixed(a, r);
        }
    }
    for (a8, r8) in a4.into_remainder().iter_mut().zip(r4.remainder()) {
        add_fixed(std::array::from_mut(a8), std::array::from_ref(r8));
    }
}

/// Adds the dense rows `rows` ((start, largest weight) in `dense`; their chunks from `lo`)
/// to the 16-bit sums `acc` of `N` chunks, flushing them to `scores` before any lane could
/// pass `i16::MAX` (`bound`: the largest total a lane holds), four rows at a time where
/// their sums fit. `false` (nothing done) if `acc` is not `N` chunks long.
#[inline(always)]
fn sum_rows<const N: usize>(
    dense: &[Chunk],
    lo: usize,
    rows: &[(u32, u32)],
    bound: &mut u32,
    acc: &mut [Chunk],
    scores: &mut [i32],
) -> bool {
    let Ok(acc) = <&mut [Chunk; N]>::try_from(acc) else {
        return false;
    };
    let row = |at: u32| {
        let at = at as usize + lo;
        dense
            .get(at..at + N)
            .and_then(|r| <&[Chunk; N]>::try_from(r).ok())
    };
    let mut rest = rows;
    while !rest.is_empty() {
        // Four rows at once when their sums fit: each chunk of `acc` is loaded and stored once
        // for the four.
        if let [(a0, m0), (a1, m1), (a2, m2), (a3, m3), ..] = *rest {
            if *bound + m0 + m1 + m2 + m3 <= i16::MAX as u32 {
                if let (Some(r0), Some(r1), Some(r2), Some(r3)) =
                    (row(a0), row(a1), row(a2), row(a3))
                {
                    *bound += m0 + m1 + m2 + m3;
                    for (j, a8) in acc.iter_mut().enumerate() {
                        let mut a = *a8;
                        for i in 0..CHUNK {
                            a[i] = a[i]
                                .wrapping_add(r0[j][i])
                                .wrapping_add(r1[j][i])
                                .wrapping_add(r2[j][i])
                                .wrapping_add(r3[j][i]);
                        }
                        *a8 = a;
                    }
                    rest = &rest[4..];
                    continue;
                }
            }
        }
        let (at, max) = rest[0];
        if *bound + max > i16::MAX as u32 {
            flush(acc, scores);
            *bound = 0;
        }
        *bound += max;
        if let Some(r) = row(at) {
            add_fixed(acc, r);
        }
        rest = &rest[1..];
    }
    true
}

#[inline(always)]
fn add_fixed<const N: usize>(acc: &mut [Chunk; N], row: &[Chunk; N]) {
    for (a8, r8) in acc.iter_mut().zip(row) {
        // Whole chunks in locals: the compiler then adds them with one vector instruction.
        let (mut a, r) = (*a8, *r8);
        for i in 0..CHUNK {
            a[i] = a[i].wrapping_add(r[i]);
        }
        *a8 = a;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Rows of 1, 2, 3, 9 and 40 classes (in place, sparse, sparse, sparse, dense) score as a
    /// plain sum would, and survive writing and reading.
    #[test]
    fn every_row_layout_scores_like_a_plain_sum() {
        let nclasses = 100;
        let mut b = WeightsBuilder::new(nclasses);
        let rows: Vec<(u64, Vec<(u16, f32)>)> = [1usize, 2, 3, 9, 40]
            .iter()
            .enumerate()
            .map(|(r, &n)| {
                let key = crate::hash::feat(r as u64 + 1, 0, 0, 0);
                let e = (0..n)
                    .map(|j| {
                        (
                            (j * 7 % nclasses) as u16,
                            (j as f32 - 4.5) * (r as f32 + 1.0),
                        )
                    })
                    .collect();
                (key, e)
            })
            .collect();
        for (k, e) in &rows {
            b.row(*k, e.iter().copied());
        }
        let w = b.build(Some(0.5));
        assert_eq!(w.features(), rows.len());
        assert!(!w.sparse.is_empty() && !w.dense.is_empty());
        let mut out = Writer::default();
        w.write(&mut out, 0.0);
        let bytes = out.finish(b"BYLNTST\0");
        let w2 = Weights::read(&mut Reader::open(&bytes, b"BYLNTST\0", "t").unwrap()).unwrap();
        let feats: Vec<u64> = rows.iter().map(|(k, _)| *k).chain([12345]).collect();
        let mut expected = vec![0f32; nclasses];
        for (_, e) in &rows {
            for &(c, v) in e {
                expected[c as usize] += (v / 0.5).round();
            }
        }
        for w in [&w, &w2] {
            let mut scores = vec![1f32; nclasses];
            w.score(&feats, &mut scores);
            assert_eq!(scores, expected);
            let mut ints = vec![1i32; w.stride()];
            w.score_int(&feats, &mut ints);
            let ints: Vec<f32> = ints[..nclasses].iter().map(|&s| s as f32).collect();
            assert_eq!(ints, expected);
        }
    }

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

    /// Blocked weights give the class scores of plain weights (in their lanes) for the wanted
    /// blocks, also when large weights force the 16-bit sums to be flushed many times, and
    /// write the same file.
    #[test]
    fn blocked_scores_equal_plain_scores() {
        let nclasses = 21;
        // Block 0: classes 0..10 in lanes 0..10 (16 lanes); block 1: classes 10..21 reversed.
        let mut lane: Vec<u16> = (0..10).collect();
        lane.extend((0..11).rev().map(|l| 16 + l));
        let layout = Layout {
            lane,
            blocks: vec![2, 2],
        };
        let mut b = WeightsBuilder::new(nclasses);
        let mut rng = crate::train::Rng::new(7);
        let mut keys = Vec::new();
        for r in 0..300u64 {
            let key = crate::hash::feat(9, r, 0, 0);
            keys.push(key);
            // 1, 2, a few (sparse) or most classes (dense); some weights near the largest.
            let n = [1usize, 2, 4, 21][(r % 4) as usize];
            let e: Vec<(u16, f32)> = (0..n)
                .map(|j| {
                    let c = ((r as usize * 5 + j * 2) % nclasses) as u16;
                    let big = if rng.unit() < 0.2 { 30_000.0 } else { 900.0 };
                    (c, ((rng.unit() - 0.5) * 2.0 * big) as f32)
                })
                .collect();
            b.row(key, e.into_iter());
        }
        let plain = b.build(Some(1.0));
        let blocked = BlockWeights::from_weights(&plain, &layout).unwrap();
        assert_eq!(blocked.features(), plain.features());
        let mut scratch = BlockScratch::default();
        let mut scores = vec![0f32; nclasses];
        let mut lanes = vec![0i32; blocked.lanes()];
        for round in 0..40usize {
            let feats: Vec<u64> = (0..90)
                .map(|i| keys[(round * 31 + i * 7) % keys.len()])
                .chain([12345])
                .collect();
            plain.score(&feats, &mut scores);
            // The tagger's integer scores (16-bit sums, flushed) equal the float ones.
            let mut ints = vec![7i32; plain.stride()];
            plain.score_int(&feats, &mut ints);
            assert_eq!(plain.stride() % LANES, 0);
            for (c, &s) in scores.iter().enumerate() {
                assert_eq!(ints[c] as f32, s, "class {c}");
            }
            assert!(ints[nclasses..].iter().all(|&s| s == 0));
            for want in [1u32, 2, 3] {
                blocked.score(&feats, want, &mut scratch, &mut lanes);
                for (c, &s) in scores.iter().enumerate() {
                    let block = if c < 10 { 1 } else { 2 };
                    if want & block != 0 {
                        assert_eq!(lanes[blocked.lane(c)] as f32, s, "class {c}, want {want}");
                    }
                }
            }
        }
        // Written and read back (as plain weights), the blocked weights score as before.
        let mut out = Writer::default();
        blocked.write(&mut out, 0.0);
        let bytes = out.finish(b"BYLNTST\0");
        let back = Weights::read(&mut Reader::open(&bytes, b"BYLNTST\0", "t").unwrap()).unwrap();
        let feats: Vec<u64> = keys.iter().step_by(3).copied().collect();
        let mut again = vec![0f32; nclasses];
        plain.score(&feats, &mut scores);
        back.score(&feats, &mut again);
        assert_eq!(scores, again);
    }
}
