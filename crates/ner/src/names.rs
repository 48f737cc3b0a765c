//! A second gazetteer learnt from silver-annotated text (the GMB NER corpus): every name phrase
//! tagged there at least twice, with the GMB kinds it was tagged as (location, geo-political
//! entity, person, organisation, artefact, event, natural phenomenon). Stored in the model as
//! 32-bit hashes of the phrase keys, not the phrases.

use std::collections::HashMap;

use byline_lexicon::actors::key;

use crate::clusters::key_hash;

/// The GMB kinds, in bit order.
pub(crate) const KINDS: [&str; 7] = ["geo", "gpe", "per", "org", "art", "eve", "nat"];

/// Name phrases (hash of the key of their words) → bit set of kinds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Names {
    pub map: crate::model::HashKeyed<u8>,
    pub max_words: u8,
}

/// The key of a phrase: the lexicon keys of its words, space-joined.
fn phrase_key<S: AsRef<str>>(words: &[S]) -> String {
    let mut out = String::new();
    for w in words {
        let k = key(w.as_ref());
        if k.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&k);
    }
    out
}

impl Names {
    /// Collects the name phrases of tagged sentences (`B-geo`, `I-geo` … tags); a phrase counts
    /// for a kind when tagged so at least `min_count` times.
    pub(crate) fn learn(tagged: &[(Vec<String>, Vec<String>)], min_count: u32) -> Names {
        let mut counts: HashMap<(String, u8), u32> = HashMap::new();
        for (words, tags) in tagged {
            let mut i = 0;
            while i < words.len() {
                let Some(kind) = tags[i]
                    .strip_prefix("B-")
                    .and_then(|k| KINDS.iter().position(|x| *x == k))
                else {
                    i += 1;
                    continue;
                };
                let mut j = i + 1;
                while j < words.len() && tags[j].strip_prefix("I-") == Some(KINDS[kind]) {
                    j += 1;
                }
                let k = phrase_key(&words[i..j]);
                if !k.is_empty() && j - i <= 6 {
                    *counts.entry((k, kind as u8)).or_default() += 1;
                }
                i = j;
            }
        }
        let mut names = Names::default();
        for ((k, kind), n) in counts {
            if n >= min_count.max(1) {
                *names.map.entry(key_hash(&k)).or_default() |= 1 << kind;
                names.max_words = names.max_words.max(k.split(' ').count() as u8);
            }
        }
        names
    }

    /// For each word, `(kinds, position)` of the longest phrase starting with a capitalised word
    /// that covers it (position 1 begin, 2 inside, 3 last, 4 unit); `(0, 0)` outside.
    #[cfg(test)]
    pub(crate) fn tag(&self, words: &[&str]) -> Vec<(u8, u8)> {
        let keys: Vec<String> = words.iter().map(|w| key(w)).collect();
        self.tag_keys(words, &keys)
    }

    /// [`Names::tag`] given the lexicon [`key`] of every word.
    pub(crate) fn tag_keys(&self, words: &[&str], keys: &[String]) -> Vec<(u8, u8)> {
        let mut out = vec![(0u8, 0u8); words.len()];
        if self.map.is_empty() {
            return out;
        }
        let mut i = 0;
        while i < words.len() {
            let upper = words[i]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            if !upper || keys[i].is_empty() {
                i += 1;
                continue;
            }
            let max = (self.max_words as usize).min(words.len() - i);
            let mut joined = String::new();
            let mut found = None;
            for n in 1..=max {
                if keys[i + n - 1].is_empty() {
                    break;
                }
                if n > 1 {
                    joined.push(' ');
                }
                joined.push_str(&keys[i + n - 1]);
                if let Some(&kinds) = self.map.get(&key_hash(&joined)) {
                    found = Some((n, kinds));
                }
            }
            match found {
                Some((n, kinds)) => {
                    for j in 0..n {
                        let pos = match (n, j) {
                            (1, _) => 4,
                            (_, 0) => 1,
                            (_, j) if j == n - 1 => 3,
                            _ => 2,
                        };
                        out[i + j] = (kinds, pos);
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }

    /// Serialises the list: longest phrase, count, then (hash, kinds) sorted by hash.
    pub(crate) fn write(&self, body: &mut Vec<u8>) {
        let mut rows: Vec<(&u32, &u8)> = self.map.iter().collect();
        rows.sort();
        body.push(self.max_words);
        body.extend_from_slice(&(rows.len() as u32).to_le_bytes());
        for (h, k) in rows {
            body.extend_from_slice(&h.to_le_bytes());
            body.push(*k);
        }
    }
}

/// Reads what [`Names::write`] wrote.
pub(crate) fn read(r: &mut crate::model::Reader) -> crate::Result<Names> {
    let max_words = r.u8()?;
    let n = r.u32()? as usize;
    let mut map = crate::model::HashKeyed::with_capacity_and_hasher(n, Default::default());
    for _ in 0..n {
        let h = r.u32()?;
        map.insert(h, r.u8()?);
    }
    Ok(Names { map, max_words })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_and_tags_phrases() {
        let s = |x: &str| x.split(' ').map(str::to_string).collect::<Vec<_>>();
        let tagged = vec![
            (s("Rain hit Port Harcourt today"), s("O O B-geo I-geo O")),
            (
                s("In Port Harcourt , Ada Obi spoke"),
                s("O B-geo I-geo O B-per I-per O"),
            ),
            (s("Ada Obi left"), s("B-per I-per O")),
        ];
        let names = Names::learn(&tagged, 2);
        assert_eq!(names.map.len(), 2);
        let t = names.tag(&["PORT", "HARCOURT", "welcomed", "Ada", "Obi", "and", "Rain"]);
        assert_eq!(t[0], (1, 1));
        assert_eq!(t[1], (1, 3));
        assert_eq!(t[2], (0, 0));
        assert_eq!(t[3], (4, 1));
        assert_eq!(t[6], (0, 0));
        let mut body = Vec::new();
        names.write(&mut body);
        let mut r = crate::model::Reader { b: &body, at: 0 };
        assert_eq!(read(&mut r).unwrap(), names);
    }
}
