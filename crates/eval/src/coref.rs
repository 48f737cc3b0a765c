//! Coreference scores: MUC, B³, CEAF-e and their mean, the CoNLL F1.
//!
//! Clusters are lists of mention ids (any `usize`). Mentions the response leaves out count as
//! singletons of their own, as in the reference CoNLL scorer.
//!
//! ```
//! use byline_eval::coref::{score, Clusters};
//!
//! let key: Clusters = vec![vec![1, 2, 3], vec![4, 5]];
//! let response: Clusters = vec![vec![1, 2], vec![3, 4, 5]];
//! let s = score(&key, &response);
//! assert!((s.muc.recall - 2.0 / 3.0).abs() < 1e-9);
//! assert!(s.conll_f1() > 0.5 && s.conll_f1() < 1.0);
//! ```

use std::collections::{HashMap, HashSet};

/// A partition of mentions: each inner list is one entity or event.
pub type Clusters = Vec<Vec<usize>>;

/// Recall, precision and F1 of one metric.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Prf {
    /// Recall.
    pub recall: f64,
    /// Precision.
    pub precision: f64,
}

impl Prf {
    /// Harmonic mean of recall and precision.
    pub fn f1(&self) -> f64 {
        if self.recall + self.precision == 0.0 {
            0.0
        } else {
            2.0 * self.recall * self.precision / (self.recall + self.precision)
        }
    }
}

/// The three CoNLL metrics for one key/response pair.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    /// Link-based MUC.
    pub muc: Prf,
    /// Mention-based B³.
    pub b3: Prf,
    /// Entity-based CEAF (φ4 similarity).
    pub ceafe: Prf,
}

impl Scores {
    /// Mean of the MUC, B³ and CEAF-e F1.
    pub fn conll_f1(&self) -> f64 {
        (self.muc.f1() + self.b3.f1() + self.ceafe.f1()) / 3.0
    }
}

/// Scores `response` against `key` with all three metrics.
pub fn score(key: &Clusters, response: &Clusters) -> Scores {
    Scores {
        muc: muc(key, response),
        b3: b_cubed(key, response),
        ceafe: ceaf_e(key, response),
    }
}

fn ratio(num: f64, den: f64) -> f64 {
    if den == 0.0 {
        0.0
    } else {
        num / den
    }
}

fn owner(clusters: &Clusters) -> HashMap<usize, usize> {
    let mut map = HashMap::new();
    for (i, c) in clusters.iter().enumerate() {
        for &m in c {
            map.insert(m, i);
        }
    }
    map
}

/// MUC (Vilain et al. 1995): links kept over links needed.
pub fn muc(key: &Clusters, response: &Clusters) -> Prf {
    Prf {
        recall: muc_recall(key, response),
        precision: muc_recall(response, key),
    }
}

fn muc_recall(key: &Clusters, response: &Clusters) -> f64 {
    let of = owner(response);
    let (mut num, mut den) = (0.0, 0.0);
    for k in key {
        if k.is_empty() {
            continue;
        }
        let mut parts: HashSet<Option<usize>> = HashSet::new();
        let mut loose = 0usize;
        for m in k {
            match of.get(m) {
                Some(&r) => {
                    parts.insert(Some(r));
                }
                None => loose += 1,
            }
        }
        let partitions = parts.len() + loose;
        num += (k.len() - partitions) as f64;
        den += (k.len() - 1) as f64;
    }
    ratio(num, den)
}

/// B³ (Bagga and Baldwin 1998): per-mention overlap, averaged over mentions.
pub fn b_cubed(key: &Clusters, response: &Clusters) -> Prf {
    Prf {
        recall: b_cubed_recall(key, response),
        precision: b_cubed_recall(response, key),
    }
}

fn b_cubed_recall(key: &Clusters, response: &Clusters) -> f64 {
    let of = owner(response);
    let (mut num, mut den) = (0.0, 0.0);
    for k in key {
        if k.is_empty() {
            continue;
        }
        let mut overlap: HashMap<usize, usize> = HashMap::new();
        let mut loose = 0usize;
        for m in k {
            match of.get(m) {
                Some(&r) => *overlap.entry(r).or_default() += 1,
                // Left out of the response: a singleton of its own.
                None => loose += 1,
            }
        }
        let shared: usize = overlap.values().map(|&n| n * n).sum::<usize>() + loose;
        num += shared as f64 / k.len() as f64;
        den += k.len() as f64;
    }
    ratio(num, den)
}

/// CEAF-e (Luo 2005): the best one-to-one alignment of entities under φ4.
pub fn ceaf_e(key: &Clusters, response: &Clusters) -> Prf {
    let key: Vec<&Vec<usize>> = key.iter().filter(|c| !c.is_empty()).collect();
    let response: Vec<&Vec<usize>> = response.iter().filter(|c| !c.is_empty()).collect();
    let of_resp: HashMap<usize, usize> = response
        .iter()
        .enumerate()
        .flat_map(|(i, c)| c.iter().map(move |&m| (m, i)))
        .collect();
    // Overlap counts between key i and response j.
    let mut overlap: HashMap<(usize, usize), usize> = HashMap::new();
    for (i, k) in key.iter().enumerate() {
        for m in k.iter() {
            if let Some(&j) = of_resp.get(m) {
                *overlap.entry((i, j)).or_default() += 1;
            }
        }
    }
    // Only clusters that overlap interact: align each connected component on its own.
    let n = key.len() + response.len();
    let mut parent: Vec<usize> = (0..n).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    for &(i, j) in overlap.keys() {
        let (a, b) = (find(&mut parent, i), find(&mut parent, key.len() + j));
        if a != b {
            parent[a] = b;
        }
    }
    let mut components: HashMap<usize, (Vec<usize>, Vec<usize>)> = HashMap::new();
    for i in 0..key.len() {
        let r = find(&mut parent, i);
        components.entry(r).or_default().0.push(i);
    }
    for j in 0..response.len() {
        let r = find(&mut parent, key.len() + j);
        components.entry(r).or_default().1.push(j);
    }
    let mut total = 0.0;
    for (ks, rs) in components.values() {
        if ks.is_empty() || rs.is_empty() {
            continue;
        }
        let sim: Vec<Vec<f64>> = ks
            .iter()
            .map(|&i| {
                rs.iter()
                    .map(|&j| {
                        let o = overlap.get(&(i, j)).copied().unwrap_or(0) as f64;
                        2.0 * o / (key[i].len() + response[j].len()) as f64
                    })
                    .collect()
            })
            .collect();
        total += max_assignment(&sim);
    }
    Prf {
        recall: ratio(total, key.len() as f64),
        precision: ratio(total, response.len() as f64),
    }
}

/// The largest total weight of a one-to-one assignment of rows to columns (Hungarian method).
pub fn max_assignment(weights: &[Vec<f64>]) -> f64 {
    let rows = weights.len();
    let cols = weights.first().map_or(0, Vec::len);
    if rows == 0 || cols == 0 {
        return 0.0;
    }
    let n = rows.max(cols);
    let max = weights
        .iter()
        .flatten()
        .fold(0.0f64, |a, &b| if b > a { b } else { a });
    // Minimise (max - w) on a square matrix padded with `max` (weight 0).
    let cost = |i: usize, j: usize| -> f64 {
        if i < rows && j < cols {
            max - weights[i][j]
        } else {
            max
        }
    };
    // 1-based potentials, as in the classic O(n³) formulation.
    let mut u = vec![0.0; n + 1];
    let mut v = vec![0.0; n + 1];
    let mut p = vec![0usize; n + 1];
    let mut way = vec![0usize; n + 1];
    for i in 1..=n {
        p[0] = i;
        let mut j0 = 0usize;
        let mut minv = vec![f64::INFINITY; n + 1];
        let mut used = vec![false; n + 1];
        loop {
            used[j0] = true;
            let i0 = p[j0];
            let mut delta = f64::INFINITY;
            let mut j1 = 0usize;
            for j in 1..=n {
                if !used[j] {
                    let cur = cost(i0 - 1, j - 1) - u[i0] - v[j];
                    if cur < minv[j] {
                        minv[j] = cur;
                        way[j] = j0;
                    }
                    if minv[j] < delta {
                        delta = minv[j];
                        j1 = j;
                    }
                }
            }
            for j in 0..=n {
                if used[j] {
                    u[p[j]] += delta;
                    v[j] -= delta;
                } else {
                    minv[j] -= delta;
                }
            }
            j0 = j1;
            if p[j0] == 0 {
                break;
            }
        }
        loop {
            let j1 = way[j0];
            p[j0] = p[j1];
            j0 = j1;
            if j0 == 0 {
                break;
            }
        }
    }
    let mut total = 0.0;
    for j in 1..=n {
        let i = p[j];
        if i >= 1 && i <= rows && j <= cols {
            total += weights[i - 1][j - 1];
        }
    }
    total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn perfect_response_scores_one() {
        let key: Clusters = vec![vec![1, 2, 3], vec![4], vec![5, 6]];
        let s = score(&key, &key.clone());
        assert!(close(s.muc.f1(), 1.0));
        assert!(close(s.b3.f1(), 1.0));
        assert!(close(s.ceafe.f1(), 1.0));
        assert!(close(s.conll_f1(), 1.0));
    }

    #[test]
    fn muc_counts_links() {
        // Key {A B C D}; response {A B} {C D}: one of three links missing.
        let key: Clusters = vec![vec![1, 2, 3, 4]];
        let resp: Clusters = vec![vec![1, 2], vec![3, 4]];
        let m = muc(&key, &resp);
        assert!(close(m.recall, 2.0 / 3.0));
        assert!(close(m.precision, 1.0));
    }

    #[test]
    fn b_cubed_on_a_worked_case() {
        // Key {1 2 3} {4 5}; response {1 2} {3 4 5}.
        let key: Clusters = vec![vec![1, 2, 3], vec![4, 5]];
        let resp: Clusters = vec![vec![1, 2], vec![3, 4, 5]];
        let b = b_cubed(&key, &resp);
        // Recall: 1,2 → 2/3 each; 3 → 1/3; 4,5 → 1 each: (2/3+2/3+1/3+1+1)/5.
        assert!(close(b.recall, (2.0 / 3.0 * 2.0 + 1.0 / 3.0 + 2.0) / 5.0));
        // Precision: 1,2 → 1; 3 → 1/3; 4,5 → 2/3.
        assert!(close(b.precision, (2.0 + 1.0 / 3.0 + 4.0 / 3.0) / 5.0));
    }

    #[test]
    fn ceaf_e_aligns_one_to_one() {
        let key: Clusters = vec![vec![1, 2, 3], vec![4, 5]];
        let resp: Clusters = vec![vec![1, 2], vec![3, 4, 5]];
        let c = ceaf_e(&key, &resp);
        // Best: {1 2 3}-{1 2} = 2*2/5 and {4 5}-{3 4 5} = 2*2/5.
        assert!(close(c.recall, 1.6 / 2.0));
        assert!(close(c.precision, 1.6 / 2.0));
    }

    #[test]
    fn all_singletons_against_one_cluster() {
        let key: Clusters = vec![vec![1, 2, 3]];
        let resp: Clusters = vec![vec![1], vec![2], vec![3]];
        let s = score(&key, &resp);
        assert!(close(s.muc.recall, 0.0));
        assert!(close(s.muc.f1(), 0.0));
        assert!(close(s.b3.precision, 1.0));
        assert!(close(s.b3.recall, 1.0 / 3.0));
    }

    #[test]
    fn hungarian_picks_the_best_assignment() {
        let w = vec![vec![1.0, 0.9], vec![0.9, 0.0]];
        assert!(close(max_assignment(&w), 1.8));
        let rect = vec![vec![0.2, 0.5, 0.1]];
        assert!(close(max_assignment(&rect), 0.5));
        assert!(close(max_assignment(&[]), 0.0));
    }

    #[test]
    fn missing_mentions_are_singletons() {
        let key: Clusters = vec![vec![1, 2]];
        let resp: Clusters = vec![vec![1]];
        let m = muc(&key, &resp);
        assert!(close(m.recall, 0.0));
        let b = b_cubed(&key, &resp);
        assert!(close(b.recall, 0.5));
    }
}
