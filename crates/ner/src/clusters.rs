//! Distributional word clusters learnt from unlabelled text by a two-sided exchange algorithm
//! (each word moves to the class that most raises the likelihood of a class-based bigram model,
//! counting the words before it and the words after it), at several granularities.
//!
//! Words are keyed by their lowercase form with digits folded to `0`, so an ALL-CAPS headline
//! word shares the cluster of its ordinary spelling. The table stores 32-bit hashes of those keys,
//! not the words.

use std::collections::HashMap;

use crate::features::hs;

/// Number of classes of each granularity, coarse to fine.
pub(crate) const GRAINS: [usize; 3] = [32, 128, 512];
/// Number of granularities.
pub(crate) const G: usize = GRAINS.len();

/// Cluster ids of a word at each granularity.
pub(crate) type Ids = [u16; G];

/// The cluster key of a lowercase word: digits folded to `0`.
pub(crate) fn key(lower: &str) -> String {
    lower
        .chars()
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// The 32-bit hash a cluster table is indexed by.
pub(crate) fn key_hash(key: &str) -> u32 {
    let h = hs(key);
    (h ^ (h >> 32)) as u32
}

/// Word clusters: hash of a word key → its cluster at each granularity.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Clusters {
    pub map: crate::model::HashKeyed<Ids>,
}

/// Settings of the clustering.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ClusterOptions {
    /// Words seen fewer times get no cluster.
    pub min_count: u32,
    /// Exchange passes per granularity.
    pub iterations: usize,
    /// Number of classes of each granularity (normally [`GRAINS`]).
    pub grains: [usize; G],
}

impl Clusters {
    /// The clusters of a lowercase word, if it has any.
    pub(crate) fn get(&self, lower: &str) -> Option<Ids> {
        if self.map.is_empty() {
            return None;
        }
        // `key_hash(&key(lower))` without building the key: digits are single bytes in UTF-8.
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for b in lower.bytes() {
            let b = if b.is_ascii_digit() { b'0' } else { b };
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
        self.map.get(&((h ^ (h >> 32)) as u32)).copied()
    }

    /// Learns clusters at every granularity of `opts.grains` from token sentences.
    pub(crate) fn train(
        sentences: &[Vec<String>],
        opts: ClusterOptions,
        log: &mut dyn FnMut(String),
    ) -> Clusters {
        let mut counts: HashMap<String, u32> = HashMap::new();
        let keyed: Vec<Vec<String>> = sentences
            .iter()
            .map(|s| s.iter().map(|w| key(&w.to_lowercase())).collect())
            .collect();
        for s in &keyed {
            for w in s {
                *counts.entry(w.clone()).or_default() += 1;
            }
        }
        // Ids by descending count, then by the word: deterministic.
        let mut vocab: Vec<(&String, u32)> = counts.iter().map(|(w, &c)| (w, c)).collect();
        vocab.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
        let m = vocab
            .iter()
            .take_while(|(_, c)| *c >= opts.min_count.max(1))
            .count();
        // Context ids: every word seen twice has its own; the rest share one; then sentence
        // start and end.
        let ctx_words = vocab.iter().take_while(|(_, c)| *c >= 2).count();
        let rare = ctx_words;
        let bos = ctx_words + 1;
        let eos = ctx_words + 2;
        let v = ctx_words + 3;
        let id: HashMap<&str, usize> = vocab
            .iter()
            .enumerate()
            .map(|(i, (w, _))| (w.as_str(), i))
            .collect();
        let ctx = |i: usize| if i < ctx_words { i } else { rare };
        let mut left: HashMap<(u32, u32), u32> = HashMap::new();
        let mut right: HashMap<(u32, u32), u32> = HashMap::new();
        let mut freq = vec![0u32; m];
        for s in &keyed {
            let ids: Vec<usize> = s.iter().map(|w| id[w.as_str()]).collect();
            for (i, &w) in ids.iter().enumerate() {
                if w >= m {
                    continue;
                }
                freq[w] += 1;
                let l = if i == 0 { bos } else { ctx(ids[i - 1]) };
                let r = if i + 1 == ids.len() {
                    eos
                } else {
                    ctx(ids[i + 1])
                };
                *left.entry((w as u32, l as u32)).or_default() += 1;
                *right.entry((w as u32, r as u32)).or_default() += 1;
            }
        }
        let lists = |pairs: HashMap<(u32, u32), u32>| {
            let mut out: Vec<Vec<(u32, u32)>> = vec![Vec::new(); m];
            for ((w, c), n) in pairs {
                out[w as usize].push((c, n));
            }
            for l in &mut out {
                l.sort_unstable();
            }
            out
        };
        let left = lists(left);
        let right = lists(right);
        log(format!(
            "clusters: {} sentences, {} word types, {m} clustered (seen {}+ times), {v} contexts",
            sentences.len(),
            vocab.len(),
            opts.min_count
        ));
        let xlogx = XLogX::new(1 << 16);
        let mut out = Clusters::default();
        let mut all: Vec<Ids> = vec![[0; G]; m];
        for (g, &k) in opts.grains.iter().enumerate() {
            let class = exchange(&left, &right, &freq, v, k, opts.iterations, &xlogx, log);
            for (w, c) in class.into_iter().enumerate() {
                all[w][g] = c as u16;
            }
        }
        for (w, ids) in all.into_iter().enumerate() {
            out.map.insert(key_hash(vocab[w].0), ids);
        }
        out
    }

    /// Serialises the table: count, then (hash, ids) sorted by hash.
    pub(crate) fn write(&self, body: &mut Vec<u8>) {
        let mut rows: Vec<(&u32, &Ids)> = self.map.iter().collect();
        rows.sort();
        body.extend_from_slice(&(G as u32).to_le_bytes());
        body.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (h, ids) in rows {
            body.extend_from_slice(&h.to_le_bytes());
            for i in ids {
                body.extend_from_slice(&i.to_le_bytes());
            }
        }
    }
}

/// `x ln x` with a table for small counts.
struct XLogX(Vec<f64>);

impl XLogX {
    fn new(n: usize) -> XLogX {
        XLogX(
            (0..n)
                .map(|x| {
                    if x == 0 {
                        0.0
                    } else {
                        x as f64 * (x as f64).ln()
                    }
                })
                .collect(),
        )
    }
    #[inline]
    fn f(&self, x: u32) -> f64 {
        match self.0.get(x as usize) {
            Some(&y) => y,
            None => x as f64 * (x as f64).ln(),
        }
    }
}

/// One flat clustering into `k` classes; returns the class of each word.
#[allow(clippy::too_many_arguments)]
fn exchange(
    left: &[Vec<(u32, u32)>],
    right: &[Vec<(u32, u32)>],
    freq: &[u32],
    v: usize,
    k: usize,
    iterations: usize,
    xlogx: &XLogX,
    log: &mut dyn FnMut(String),
) -> Vec<usize> {
    let m = freq.len();
    // The most frequent words start in classes of their own; the rest round-robin.
    let mut class: Vec<usize> = (0..m).map(|w| w % k).collect();
    let mut lc = vec![0u32; v * k];
    let mut rc = vec![0u32; v * k];
    let mut nc = vec![0u32; k];
    let add = |w: usize, c: usize, sign: i64, lc: &mut [u32], rc: &mut [u32], nc: &mut [u32]| {
        let apply = |x: &mut u32, n: u32| {
            *x = (*x as i64 + sign * n as i64) as u32;
        };
        for &(x, n) in &left[w] {
            apply(&mut lc[x as usize * k + c], n);
        }
        for &(x, n) in &right[w] {
            apply(&mut rc[x as usize * k + c], n);
        }
        apply(&mut nc[c], freq[w]);
    };
    for (w, &c) in class.iter().enumerate() {
        add(w, c, 1, &mut lc, &mut rc, &mut nc);
    }
    let mut gain = vec![0f64; k];
    for it in 1..=iterations {
        let mut moved = 0usize;
        for w in 0..m {
            let from = class[w];
            add(w, from, -1, &mut lc, &mut rc, &mut nc);
            gain.iter_mut().for_each(|g| *g = 0.0);
            for (lists, counts) in [(&left[w], &lc), (&right[w], &rc)] {
                for &(x, n) in lists {
                    let row = &counts[x as usize * k..x as usize * k + k];
                    let base = xlogx.f(n);
                    for (g, &c) in gain.iter_mut().zip(row) {
                        *g += if c == 0 {
                            base
                        } else {
                            xlogx.f(c + n) - xlogx.f(c)
                        };
                    }
                }
            }
            let fw = freq[w];
            let mut best = from;
            let mut best_gain = f64::NEG_INFINITY;
            for (c, g) in gain.iter_mut().enumerate() {
                *g -= 2.0 * (xlogx.f(nc[c] + fw) - xlogx.f(nc[c]));
                // Stay put unless strictly better.
                if *g > best_gain + 1e-9 || (c == from && *g >= best_gain - 1e-9) {
                    best = c;
                    best_gain = *g;
                }
            }
            if best != from {
                moved += 1;
            }
            class[w] = best;
            add(w, best, 1, &mut lc, &mut rc, &mut nc);
        }
        log(format!(
            "clusters: {k} classes, pass {it}: {moved} of {m} words moved"
        ));
        if moved == 0 {
            break;
        }
    }
    class
}

/// Reads what [`Clusters::write`] wrote.
pub(crate) fn read(r: &mut crate::model::Reader) -> crate::Result<Clusters> {
    let g = r.u32()? as usize;
    if g != G {
        return Err(crate::Error::Model(format!(
            "model has {g} cluster granularities, expected {G}"
        )));
    }
    let n = r.u32()? as usize;
    let mut map = crate::model::HashKeyed::with_capacity_and_hasher(n, Default::default());
    for _ in 0..n {
        let h = r.u32()?;
        let mut ids = [0u16; G];
        for id in &mut ids {
            let b = r.take(2)?;
            *id = u16::from_le_bytes([b[0], b[1]]);
        }
        map.insert(h, ids);
    }
    Ok(Clusters { map })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_contexts_share_a_cluster() {
        // Cities follow "in" and precede "today"; verbs follow "they" and precede "it".
        let mut text = Vec::new();
        for city in ["Lyon", "Oslo", "Lima", "Quito"] {
            for verb in ["bought", "sold", "painted", "washed"] {
                text.push(format!("they {verb} it in {city} today"));
                text.push(format!("we {verb} it in {city} today ."));
            }
        }
        let sents: Vec<Vec<String>> = text
            .iter()
            .map(|s| s.split(' ').map(str::to_string).collect())
            .collect();
        let c = Clusters::train(
            &sents,
            ClusterOptions {
                min_count: 2,
                iterations: 10,
                grains: [4, 6, 8],
            },
            &mut |_| {},
        );
        let fine = |w: &str| c.get(w).unwrap()[0];
        assert_eq!(fine("lyon"), fine("oslo"));
        assert_eq!(fine("LIMA".to_lowercase().as_str()), fine("quito"));
        assert_eq!(fine("sold"), fine("washed"));
        assert_ne!(fine("sold"), fine("lyon"));
        assert!(c.get("1996").is_none());
        assert_eq!(key("1996-08"), "0000-00");
        let mut body = Vec::new();
        c.write(&mut body);
        let mut r = crate::model::Reader { b: &body, at: 0 };
        assert_eq!(read(&mut r).unwrap(), c);
    }
}
