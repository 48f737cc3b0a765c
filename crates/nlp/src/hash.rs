//! Integer feature hashing: no string is built per feature at run time.

use crate::format::{Reader, Writer};
use crate::Result;

/// Multiplier of the FxHash family.
const K: u64 = 0x517c_c1b7_2722_0a95;

/// Hashes bytes (a word form, a tag name) to 64 bits.
pub(crate) fn bytes(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut chunks = b.chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(a)).wrapping_mul(K);
    }
    for &x in chunks.remainder() {
        h = (h.rotate_left(5) ^ u64::from(x)).wrapping_mul(K);
    }
    fmix(h ^ b.len() as u64)
}

/// Hashes a string.
pub(crate) fn str(s: &str) -> u64 {
    bytes(s.as_bytes())
}

/// Combines a running hash with one more value.
#[inline]
pub(crate) fn mix(h: u64, x: u64) -> u64 {
    (h.rotate_left(5) ^ x).wrapping_mul(K)
}

/// A feature key: template number and up to three values; never 0 (0 marks an empty slot).
#[inline]
pub(crate) fn feat(template: u64, a: u64, b: u64, c: u64) -> u64 {
    let h = fmix(mix(
        mix(mix(template.wrapping_mul(0x9e37_79b9_7f4a_7c15), a), b),
        c,
    ));
    h | 1
}

/// MurmurHash3's finaliser: spreads every input bit over the output.
#[inline]
pub(crate) fn fmix(mut h: u64) -> u64 {
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    h = h.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    h ^ (h >> 33)
}

/// An open-addressing map from feature keys (never 0) to row numbers; key and row share a
/// slot so a lookup touches one cache line.
#[derive(Clone, Debug, Default)]
pub(crate) struct FeatureMap {
    slots: Vec<(u64, u32)>,
    len: usize,
}

impl FeatureMap {
    /// An empty map sized for `n` keys.
    pub(crate) fn with_capacity(n: usize) -> FeatureMap {
        let cap = (n.max(8) * 2).next_power_of_two();
        FeatureMap {
            slots: vec![(0, 0); cap],
            len: 0,
        }
    }

    /// Number of keys.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// The row of `key`.
    #[inline]
    pub(crate) fn get(&self, key: u64) -> Option<u32> {
        if self.slots.is_empty() {
            return None;
        }
        let mask = self.slots.len() - 1;
        let mut i = (key as usize) & mask;
        loop {
            let (k, r) = self.slots[i];
            if k == key {
                return Some(r);
            }
            if k == 0 {
                return None;
            }
            i = (i + 1) & mask;
        }
    }

    /// Inserts `key` (never 0) → `row`, replacing an older row.
    pub(crate) fn insert(&mut self, key: u64, row: u32) {
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut i = (key as usize) & mask;
        loop {
            let k = self.slots[i].0;
            if k == key {
                self.slots[i].1 = row;
                return;
            }
            if k == 0 {
                self.slots[i] = (key, row);
                self.len += 1;
                return;
            }
            i = (i + 1) & mask;
        }
    }

    fn grow(&mut self) {
        let old = std::mem::take(self);
        *self = FeatureMap::with_capacity(old.slots.len().max(8));
        for (k, r) in old.slots {
            if k != 0 {
                self.insert(k, r);
            }
        }
    }

    /// Every (key, row) pair, in slot order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        self.slots.iter().filter(|(k, _)| *k != 0).copied()
    }

    /// Writes the map to a model file: its length, then its pairs by key, each key as the
    /// difference to the one before.
    pub(crate) fn write_to(&self, w: &mut Writer) {
        let mut d: Vec<(u64, u32)> = self.iter().collect();
        d.sort_unstable();
        w.var(d.len() as u64);
        let mut prev = 0;
        for (k, v) in d {
            w.var(k - prev);
            prev = k;
            w.var(u64::from(v));
        }
    }

    /// Reads what [`FeatureMap::write_to`] wrote.
    pub(crate) fn read_from(r: &mut Reader) -> Result<FeatureMap> {
        let n = r.len()?;
        let mut m = FeatureMap::with_capacity(n);
        let mut k = 0u64;
        for _ in 0..n {
            k = k.wrapping_add(r.var()?);
            let v = r.var()? as u32;
            if k != 0 {
                m.insert(k, v);
            }
        }
        Ok(m)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_inserts_grows_and_finds() {
        let mut m = FeatureMap::default();
        for i in 1..5000u64 {
            m.insert(feat(1, i, 0, 0), i as u32);
        }
        assert_eq!(m.len(), 4999);
        for i in 1..5000u64 {
            assert_eq!(m.get(feat(1, i, 0, 0)), Some(i as u32));
        }
        assert_eq!(m.get(feat(2, 1, 0, 0)), None);
    }

    #[test]
    fn hashes_differ_by_template_and_value() {
        assert_ne!(feat(1, 2, 0, 0), feat(2, 1, 0, 0));
        assert_ne!(str("said"), str("Said"));
        assert_ne!(feat(3, str("a"), 0, 0), 0);
    }
}
