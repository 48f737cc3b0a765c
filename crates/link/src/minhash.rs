//! MinHash signatures over shingles and a banded LSH index for near-duplicate candidates.
//!
//! Hashes are our own (FNV-1a, then a SplitMix64 finaliser per permutation) so that a saved
//! index reads back the same on every platform and compiler.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

/// 64-bit FNV-1a of some bytes.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// The SplitMix64 finaliser: a cheap, well-mixed permutation of `u64`.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9e37_79b9_7f4a_7c15);
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Hashes of every run of `k` consecutive words (one shingle for shorter texts).
pub fn shingles<S: AsRef<str>>(words: &[S], k: usize) -> Vec<u64> {
    let k = k.max(1);
    if words.is_empty() {
        return Vec::new();
    }
    if words.len() <= k {
        return vec![hash_words(words)];
    }
    words.windows(k).map(hash_words).collect()
}

fn hash_words<S: AsRef<str>>(words: &[S]) -> u64 {
    let mut h: u64 = 0;
    for w in words {
        h = mix(h ^ fnv1a(w.as_ref().as_bytes()));
    }
    h
}

/// A MinHash signature: for each permutation, the least hash of any shingle.
pub type Signature = Vec<u64>;

/// Computes MinHash signatures with a fixed number of permutations.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MinHasher {
    seeds: Vec<u64>,
}

impl MinHasher {
    /// A hasher with `permutations` permutations (at least one).
    pub fn new(permutations: usize) -> MinHasher {
        let seeds = (0..permutations.max(1) as u64)
            .map(|i| mix(i.wrapping_mul(0x2545_f491_4f6c_dd1d) ^ 0x5851_f42d))
            .collect();
        MinHasher { seeds }
    }

    /// Number of permutations.
    pub fn len(&self) -> usize {
        self.seeds.len()
    }

    /// Always false: a hasher has at least one permutation.
    pub fn is_empty(&self) -> bool {
        self.seeds.is_empty()
    }

    /// The signature of a set of shingle hashes (all `u64::MAX` for an empty set).
    pub fn signature(&self, shingles: &[u64]) -> Signature {
        self.seeds
            .iter()
            .map(|&seed| {
                shingles
                    .iter()
                    .map(|&s| mix(s ^ seed))
                    .min()
                    .unwrap_or(u64::MAX)
            })
            .collect()
    }
}

/// Share of positions where two signatures agree: an estimate of the Jaccard similarity.
pub fn similarity(a: &[u64], b: &[u64]) -> f64 {
    let n = a.len().min(b.len());
    if n == 0 {
        return 0.0;
    }
    let same = a
        .iter()
        .zip(b)
        .filter(|(x, y)| x == y && **x != u64::MAX)
        .count();
    same as f64 / n as f64
}

/// Banded locality-sensitive hashing: items whose signatures agree on a whole band collide.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Lsh {
    bands: usize,
    rows: usize,
    buckets: HashMap<u64, Vec<u32>>,
}

impl Lsh {
    /// An empty index cutting signatures into `bands` bands of `rows` rows.
    pub fn new(bands: usize, rows: usize) -> Lsh {
        Lsh {
            bands: bands.max(1),
            rows: rows.max(1),
            buckets: HashMap::new(),
        }
    }

    fn band_keys<'a>(&'a self, sig: &'a [u64]) -> impl Iterator<Item = u64> + 'a {
        (0..self.bands).filter_map(move |b| {
            let band = sig.get(b * self.rows..(b + 1) * self.rows)?;
            if band.iter().all(|&v| v == u64::MAX) {
                return None;
            }
            let mut h = mix(b as u64 + 1);
            for &v in band {
                h = mix(h ^ v);
            }
            Some(h)
        })
    }

    /// Files `item` under every band of its signature.
    pub fn insert(&mut self, item: u32, sig: &[u64]) {
        let keys: Vec<u64> = self.band_keys(sig).collect();
        for k in keys {
            let bucket = self.buckets.entry(k).or_default();
            if bucket.last() != Some(&item) {
                bucket.push(item);
            }
        }
    }

    /// Items sharing at least one band with `sig`, each once, in insertion order.
    pub fn candidates(&self, sig: &[u64]) -> Vec<u32> {
        let mut out: Vec<u32> = self
            .band_keys(sig)
            .filter_map(|k| self.buckets.get(&k))
            .flatten()
            .copied()
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_lowercase).collect()
    }

    #[test]
    fn identical_texts_have_identical_signatures() {
        let h = MinHasher::new(64);
        let a = h.signature(&shingles(
            &words("the talks were held in Paris on Monday"),
            3,
        ));
        let b = h.signature(&shingles(
            &words("the talks were held in Paris on Monday"),
            3,
        ));
        assert_eq!(similarity(&a, &b), 1.0);
    }

    #[test]
    fn similarity_tracks_overlap() {
        let h = MinHasher::new(256);
        let base = "officials said the ministers met in the capital on tuesday to discuss a security pact and the withdrawal of troops from the border region";
        let edited = "officials said the ministers met in the capital on tuesday to discuss a security pact and the withdrawal of forces from the border area";
        let other =
            "the football club announced a new coach after a poor season with many losses at home";
        let sa = h.signature(&shingles(&words(base), 2));
        let sb = h.signature(&shingles(&words(edited), 2));
        let sc = h.signature(&shingles(&words(other), 2));
        assert!(similarity(&sa, &sb) > 0.5);
        assert!(similarity(&sa, &sc) < 0.1);
    }

    #[test]
    fn lsh_finds_near_duplicates_only() {
        let h = MinHasher::new(64);
        let mut lsh = Lsh::new(16, 4);
        let a = h.signature(&shingles(
            &words("one two three four five six seven eight nine ten"),
            2,
        ));
        let c = h.signature(&shingles(
            &words("alpha beta gamma delta epsilon zeta eta theta"),
            2,
        ));
        lsh.insert(0, &a);
        lsh.insert(1, &c);
        assert_eq!(lsh.candidates(&a), vec![0]);
        assert!(lsh.candidates(&h.signature(&[])).is_empty());
    }

    #[test]
    fn hashes_are_stable() {
        // A saved index must read back the same: pin the hash values.
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(mix(0), 0xe220_a839_7b1d_cdaf);
    }
}
