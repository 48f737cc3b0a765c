//! Feature extraction for the tagger: hashed, allocation-light.

use crate::clusters::Ids;
use crate::gazetteer::Gazetteer;
use crate::model::{Extra, IdHasher};
use std::hash::BuildHasherDefault;

/// A feature id: a 32-bit hash of a template and its values.
pub(crate) type Feat = u32;

#[inline]
fn mix(mut h: u64, v: u64) -> u64 {
    h ^= v
        .wrapping_add(0x9e37_79b9_7f4a_7c15)
        .wrapping_add(h << 6)
        .wrapping_add(h >> 2);
    h = h.wrapping_mul(0xbf58_476d_1ce4_e5b9);
    h ^ (h >> 31)
}

/// Hash of a string.
#[inline]
pub(crate) fn hs(s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in s.bytes() {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

#[inline]
pub(crate) fn feat(template: u64, a: u64) -> Feat {
    (mix(mix(template, a), 0x51) >> 32) as u32
}

#[inline]
pub(crate) fn feat2(template: u64, a: u64, b: u64) -> Feat {
    (mix(mix(mix(template, a), b), 0x52) >> 32) as u32
}

/// The shape characters of a word, runs collapsed, to `f`.
#[inline]
fn shape_chars(w: &str, mut f: impl FnMut(char)) {
    let mut last = ' ';
    for c in w.chars() {
        let s = if c.is_ascii() {
            match c {
                'A'..='Z' => 'X',
                'a'..='z' => 'x',
                '0'..='9' => 'd',
                _ => c,
            }
        } else if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if s != last {
            f(s);
            last = s;
        }
    }
}

/// Word shape: `Xxxx` → `Xx`, `IBM` → `X`, `1996-08-22` → `d-d-d` (runs collapsed).
#[cfg(test)]
pub(crate) fn shape(w: &str) -> String {
    let mut out = String::new();
    shape_chars(w, |c| out.push(c));
    out
}

/// `hs(&shape(w))` without building the shape.
#[inline]
pub(crate) fn shape_hash(w: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut buf = [0u8; 4];
    shape_chars(w, |c| {
        for &b in c.encode_utf8(&mut buf).as_bytes() {
            h ^= b as u64;
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    });
    h
}

/// The lowercase form of a word (ASCII words skip the Unicode tables).
#[inline]
pub(crate) fn lower(w: &str) -> String {
    if w.is_ascii() {
        w.to_ascii_lowercase()
    } else {
        w.to_lowercase()
    }
}

/// What is known of each token before tagging.
#[derive(Clone)]
pub(crate) struct TokenInfo {
    pub word: u64,
    pub lower: u64,
    pub shape: u64,
    /// Middle-granularity word cluster (`0xffff` without one).
    pub cluster: u64,
    pub feats: Vec<Feat>,
}

const BOS: u64 = 0x1111;
const EOS: u64 = 0x2222;

/// `hs(&lower(w))`, without building the lowercase form of an ASCII word.
#[inline]
pub(crate) fn lower_hash(w: &str) -> u64 {
    if !w.is_ascii() {
        return hs(&w.to_lowercase());
    }
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in w.bytes() {
        h ^= b.to_ascii_lowercase() as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// A map keyed by 64-bit hashes of lowercase forms ([`lower_hash`]).
type ByLower<V> = std::collections::HashMap<u64, V, BuildHasherDefault<IdHasher>>;

/// Document-level casing evidence: for each lowercase form (by its hash), whether it was seen
/// title-cased away from the sentence start, and whether it was seen lowercase.
pub(crate) struct DocCase {
    seen: ByLower<u8>,
}

impl DocCase {
    pub(crate) fn new<'a>(sentences: impl Iterator<Item = &'a [&'a str]>) -> DocCase {
        let mut seen = ByLower::default();
        for s in sentences {
            let caps = s
                .iter()
                .filter(|w| w.chars().any(char::is_lowercase))
                .count();
            // Headlines in capitals teach nothing about casing.
            if caps * 2 < s.len() {
                continue;
            }
            for (i, w) in s.iter().enumerate() {
                let first = w.chars().next().unwrap_or(' ');
                let bit = if first.is_lowercase() {
                    1
                } else if first.is_uppercase() && i > 0 && w.chars().skip(1).any(char::is_lowercase)
                {
                    2
                } else {
                    continue;
                };
                *seen.entry(lower_hash(w)).or_insert(0) |= bit;
            }
        }
        DocCase { seen }
    }

    fn get(&self, lower_hash: u64) -> u8 {
        self.seen.get(&lower_hash).copied().unwrap_or(0)
    }
}

/// Static features of every token of a sentence (everything but the previous tags).
pub(crate) fn sentence_features(
    words: &[&str],
    gaz: &Gazetteer,
    extra: &Extra,
    doc: &DocCase,
) -> Vec<TokenInfo> {
    let n = words.len();
    let lowers: Vec<String> = words.iter().map(|w| lower(w)).collect();
    let wh: Vec<u64> = words.iter().map(|w| hs(w)).collect();
    let lh: Vec<u64> = lowers.iter().map(|w| hs(w)).collect();
    let sh: Vec<u64> = words.iter().map(|w| shape_hash(w)).collect();
    // Lexicon keys, shared by both gazetteers.
    let keys: Vec<String> = words
        .iter()
        .map(|w| byline_lexicon::actors::key(w))
        .collect();
    let gz = gaz.tag_keys(words, &keys);
    let cl: Vec<Option<Ids>> = lowers.iter().map(|l| extra.clusters.get(l)).collect();
    let nm = extra.names.tag_keys(words, &keys);
    let at = |v: &[u64], i: isize| -> u64 {
        if i < 0 {
            BOS
        } else if i as usize >= n {
            EOS
        } else {
            v[i as usize]
        }
    };
    let mid = |x: Option<Ids>| x.map_or(0xffff, |ids| ids[1] as u64);
    let mut out = Vec::with_capacity(n);
    for i in 0..n {
        let ii = i as isize;
        let w = words[i];
        let l = &lowers[i];
        let mut f = Vec::with_capacity(48);
        f.push(feat(1, 0));
        f.push(feat(2, wh[i]));
        f.push(feat(3, lh[i]));
        f.push(feat(4, sh[i]));
        // Prefixes and suffixes of one to four characters, as slices of the lowercase form.
        let mut ends = [0usize; 5];
        let mut len = 0;
        for (b, _) in l.char_indices().skip(1).take(4) {
            len += 1;
            ends[len] = b;
        }
        if len < 4 && !l.is_empty() {
            len += 1;
            ends[len] = l.len();
        }
        let mut starts = [0usize; 5];
        let mut slen = 0;
        for (b, _) in l.char_indices().rev().take(4) {
            slen += 1;
            starts[slen] = b;
        }
        for k in 1..=len.min(slen) {
            f.push(feat2(5, k as u64, hs(&l[..ends[k]])));
            f.push(feat2(6, k as u64, hs(&l[starts[k]..])));
        }
        f.push(feat(7, at(&lh, ii - 1)));
        f.push(feat(8, at(&lh, ii + 1)));
        f.push(feat(9, at(&lh, ii - 2)));
        f.push(feat(10, at(&lh, ii + 2)));
        f.push(feat(11, at(&wh, ii - 1)));
        f.push(feat(12, at(&wh, ii + 1)));
        f.push(feat(13, at(&sh, ii - 1)));
        f.push(feat(14, at(&sh, ii + 1)));
        f.push(feat2(15, at(&lh, ii - 1), lh[i]));
        f.push(feat2(16, lh[i], at(&lh, ii + 1)));
        f.push(feat2(17, at(&sh, ii - 1), sh[i]));
        f.push(feat2(18, sh[i], at(&sh, ii + 1)));
        f.push(feat2(19, (i == 0) as u64, sh[i]));
        let all_caps = w.chars().any(char::is_uppercase) && !w.chars().any(char::is_lowercase);
        let dc = doc.get(lh[i]);
        f.push(feat2(
            20,
            dc as u64,
            (all_caps as u64) * 2 + (i == 0) as u64,
        ));
        f.push(feat2(21, dc as u64, sh[i]));
        let (gc, gp) = gz[i];
        if gc != 0 {
            f.push(feat2(22, gc as u64, gp as u64));
            f.push(feat2(23, gc as u64, sh[i]));
        } else {
            f.push(feat(24, 0));
        }
        let (pc, pp) = if i > 0 { gz[i - 1] } else { (0xff, 0) };
        let (nc, np) = if i + 1 < n { gz[i + 1] } else { (0xff, 0) };
        f.push(feat2(25, pc as u64, pp as u64));
        f.push(feat2(26, nc as u64, np as u64));
        if w.contains('-') {
            f.push(feat(27, 1));
        }
        // Word clusters at each granularity: the token's own (also with its shape), its
        // neighbours', and the pair with the previous token at the middle granularity.
        match cl[i] {
            Some(ids) => {
                for (g, &c) in ids.iter().enumerate() {
                    let gc = ((g as u64) << 16) | c as u64;
                    f.push(feat(28, gc));
                    f.push(feat2(29, gc, sh[i]));
                }
            }
            None => f.push(feat(28, 0xdead_0000)),
        }
        let none = [0xffffu16; crate::clusters::G];
        let pc = if i > 0 {
            cl[i - 1].unwrap_or(none)
        } else {
            [0xfffe; crate::clusters::G]
        };
        let nc = if i + 1 < n {
            cl[i + 1].unwrap_or(none)
        } else {
            [0xfffe; crate::clusters::G]
        };
        for g in 0..crate::clusters::G {
            let tag = (g as u64) << 16;
            f.push(feat(30, tag | pc[g] as u64));
            f.push(feat(31, tag | nc[g] as u64));
        }
        f.push(feat2(
            32,
            if i > 0 { mid(cl[i - 1]) } else { 0xfffe },
            mid(cl[i]),
        ));
        f.push(feat2(
            37,
            mid(cl[i]),
            cl.get(i + 1).map_or(0xfffe, |&x| mid(x)),
        ));
        f.push(feat(38, if i > 1 { mid(cl[i - 2]) } else { 0xfffe }));
        f.push(feat(39, cl.get(i + 2).map_or(0xfffe, |&x| mid(x))));
        // Name phrases from silver-annotated text: kinds and position, with the shape, and the
        // neighbours' kinds.
        let (nk, np) = nm[i];
        if nk != 0 {
            f.push(feat2(33, nk as u64, np as u64));
            f.push(feat2(34, nk as u64, sh[i]));
        }
        f.push(feat(35, if i > 0 { nm[i - 1].0 as u64 } else { 0xff }));
        f.push(feat(36, nm.get(i + 1).map_or(0xff, |x| x.0 as u64)));
        out.push(TokenInfo {
            word: wh[i],
            lower: lh[i],
            shape: sh[i],
            cluster: mid(cl[i]),
            feats: f,
        });
    }
    out
}

/// Features of the tags already chosen for the previous two tokens.
#[inline]
pub(crate) fn history_features(tok: &TokenInfo, prev: u64, prev2: u64, out: &mut Vec<Feat>) {
    out.push(feat(40, prev));
    out.push(feat2(41, prev, prev2));
    out.push(feat2(42, prev, tok.word));
    out.push(feat2(43, prev, tok.shape));
    out.push(feat2(44, prev, tok.lower));
    out.push(feat2(45, prev, tok.cluster));
}

/// Second-stage features from the first stage's classes over the whole document: the class of
/// the token and its neighbours, and which entity type the same word got elsewhere in the
/// document (a name tagged in a clear context lends its type to its ambiguous mentions).
pub(crate) fn stack_features(
    sentences: &[Vec<&str>],
    classes: &[Vec<usize>],
    toks: &mut [Vec<TokenInfo>],
) {
    let type_of = |c: usize| -> u64 {
        if c == 0 {
            0
        } else {
            ((c - 1) / 4 + 1) as u64
        }
    };
    // Per lowercase word (by its hash, `TokenInfo::lower`): counts of each type (0 = outside)
    // over the document.
    let mut tally: ByLower<[u32; 5]> = ByLower::default();
    for ((s, cs), ts) in sentences.iter().zip(classes).zip(toks.iter()) {
        for ((w, &c), t) in s.iter().zip(cs).zip(ts) {
            if w.chars().next().is_some_and(char::is_uppercase) {
                tally.entry(t.lower).or_default()[type_of(c) as usize] += 1;
            }
        }
    }
    for ((s, cs), ts) in sentences.iter().zip(classes).zip(toks.iter_mut()) {
        let n = s.len();
        for i in 0..n {
            let c = cs[i] as u64;
            let prev = if i > 0 { cs[i - 1] as u64 } else { 99 };
            let next = if i + 1 < n { cs[i + 1] as u64 } else { 99 };
            let key = ts[i].lower;
            let f = &mut ts[i].feats;
            f.push(feat(50, c));
            f.push(feat2(51, prev, c));
            f.push(feat2(52, c, next));
            if let Some(counts) = tally.get(&key) {
                let mut counts = *counts;
                if s[i].chars().next().is_some_and(char::is_uppercase) {
                    // Not this token itself: only what the rest of the document says.
                    let own = &mut counts[type_of(cs[i]) as usize];
                    *own = own.saturating_sub(1);
                }
                let total: u32 = counts.iter().sum();
                if total > 0 {
                    let (best, &bc) = counts
                        .iter()
                        .enumerate()
                        .skip(1)
                        .max_by_key(|(_, &v)| v)
                        .unwrap_or((0, &0));
                    let share = if bc == 0 {
                        0
                    } else if bc * 2 >= total {
                        2
                    } else {
                        1
                    };
                    f.push(feat2(53, best as u64, share));
                    f.push(feat2(54, best as u64 * 4 + share, type_of(cs[i])));
                } else {
                    f.push(feat(55, 0));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes() {
        assert_eq!(shape("Xavier"), "Xx");
        assert_eq!(shape("IBM"), "X");
        assert_eq!(shape("1996-08-22"), "d-d-d");
        assert_eq!(shape("al-Sharaa"), "x-Xx");
        assert_eq!(shape("Ünal"), "Xx");
        for w in [
            "Xavier",
            "IBM",
            "1996-08-22",
            "al-Sharaa",
            "Ünal",
            "ÖSTERREICH",
            "",
        ] {
            assert_eq!(shape_hash(w), hs(&shape(w)), "{w}");
            assert_eq!(lower_hash(w), hs(&lower(w)), "{w}");
        }
    }
}
