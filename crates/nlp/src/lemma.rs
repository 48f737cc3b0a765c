//! Lemmas from a lexicon learnt from the treebank, then suffix rules learnt from it for unseen
//! words: each rule strips some characters, appends others, and keeps or lowers the case.

use std::collections::HashMap;

use crate::format::{Reader, Writer};
use crate::hash::{self, FeatureMap};
use crate::Result;

/// Longest suffix a rule is keyed on, in characters.
const MAX_SUFFIX: usize = 6;

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Rule {
    keep_case: bool,
    strip: u8,
    append: String,
}

impl Rule {
    /// The rule that turns `form` into `lemma` with the least editing.
    fn learn(form: &str, lemma: &str) -> Rule {
        let lower = form.to_lowercase();
        let a = Rule::edit(&lower, lemma, false);
        let b = Rule::edit(form, lemma, true);
        if b.cost() < a.cost() {
            b
        } else {
            a
        }
    }

    fn edit(from: &str, to: &str, keep_case: bool) -> Rule {
        let common = from
            .chars()
            .zip(to.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let from_len = from.chars().count();
        Rule {
            keep_case,
            strip: (from_len - common).min(255) as u8,
            append: to.chars().skip(common).collect(),
        }
    }

    fn cost(&self) -> usize {
        self.strip as usize + self.append.chars().count()
    }

    fn apply(&self, form: &str) -> Option<String> {
        let base = if self.keep_case {
            form.to_string()
        } else {
            form.to_lowercase()
        };
        let n = base.chars().count();
        if (self.strip as usize) > n || (self.strip as usize == n && self.append.is_empty()) {
            return None;
        }
        let mut s: String = base.chars().take(n - self.strip as usize).collect();
        s.push_str(&self.append);
        Some(s)
    }
}

/// Learns and applies lemma rules.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lemmatizer {
    rules: Vec<Rule>,
    /// hash(lowercased form, xpos) → rule.
    lexicon: FeatureMap,
    /// hash(xpos, suffix) → rule.
    suffixes: FeatureMap,
}

fn lex_key(lower: &str, xpos: &str) -> u64 {
    hash::feat(1, hash::str(lower), hash::str(xpos), 0)
}

fn suffix_key(suffix: &str, xpos: &str) -> u64 {
    hash::feat(2, hash::str(suffix), hash::str(xpos), 0)
}

/// The suffixes of `lower`, longest first, down to the empty one.
fn suffixes(lower: &str) -> impl Iterator<Item = &str> {
    let starts: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
    let n = starts.len();
    (0..=MAX_SUFFIX.min(n)).rev().map(move |k| {
        if k == 0 {
            &lower[lower.len()..]
        } else {
            &lower[starts[n - k]..]
        }
    })
}

impl Lemmatizer {
    /// Learns from (form, xpos, lemma) triples.
    pub(crate) fn train<'a>(
        words: impl Iterator<Item = (&'a str, &'a str, &'a str)>,
    ) -> Lemmatizer {
        let mut rule_ids: HashMap<Rule, u32> = HashMap::new();
        let mut rules = Vec::new();
        let mut lex: HashMap<u64, HashMap<u32, u32>> = HashMap::new();
        let mut suf: HashMap<u64, HashMap<u32, u32>> = HashMap::new();
        for (form, xpos, lemma) in words {
            if lemma == "_" || form.is_empty() {
                continue;
            }
            let rule = Rule::learn(form, lemma);
            let id = *rule_ids.entry(rule.clone()).or_insert_with(|| {
                rules.push(rule);
                (rules.len() - 1) as u32
            });
            let lower = form.to_lowercase();
            *lex.entry(lex_key(&lower, xpos))
                .or_default()
                .entry(id)
                .or_default() += 1;
            for s in suffixes(&lower) {
                *suf.entry(suffix_key(s, xpos))
                    .or_default()
                    .entry(id)
                    .or_default() += 1;
            }
        }
        let best = |m: &HashMap<u32, u32>| {
            m.iter()
                .max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id)))
                .map(|(id, n)| (*id, *n))
        };
        let mut lexicon = FeatureMap::with_capacity(lex.len());
        for (k, m) in &lex {
            if let Some((id, _)) = best(m) {
                lexicon.insert(*k, id);
            }
        }
        let mut suffixes = FeatureMap::with_capacity(suf.len());
        for (k, m) in &suf {
            if let Some((id, n)) = best(m) {
                if n >= 2 {
                    suffixes.insert(*k, id);
                }
            }
        }
        Lemmatizer {
            rules,
            lexicon,
            suffixes,
        }
    }

    /// The lemma of `form` tagged `xpos`.
    pub(crate) fn lemma(&self, form: &str, xpos: &str) -> String {
        let lower = form.to_lowercase();
        if let Some(id) = self.lexicon.get(lex_key(&lower, xpos)) {
            if let Some(l) = self.rules.get(id as usize).and_then(|r| r.apply(form)) {
                return l;
            }
        }
        for s in suffixes(&lower) {
            if let Some(id) = self.suffixes.get(suffix_key(s, xpos)) {
                if let Some(l) = self.rules.get(id as usize).and_then(|r| r.apply(form)) {
                    return l;
                }
            }
        }
        if xpos.starts_with("NNP") {
            form.to_string()
        } else {
            lower
        }
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        w.var(self.rules.len() as u64);
        for r in &self.rules {
            w.u8(u8::from(r.keep_case));
            w.u8(r.strip);
            w.str(&r.append);
        }
        self.lexicon.write_to(w);
        self.suffixes.write_to(w);
    }

    pub(crate) fn read(r: &mut Reader) -> Result<Lemmatizer> {
        let n = r.len()?;
        let mut rules = Vec::with_capacity(n);
        for _ in 0..n {
            let keep_case = r.u8()? != 0;
            let strip = r.u8()?;
            let append = r.str()?;
            rules.push(Rule {
                keep_case,
                strip,
                append,
            });
        }
        let lexicon = FeatureMap::read_from(r)?;
        let suffixes = FeatureMap::read_from(r)?;
        Ok(Lemmatizer {
            rules,
            lexicon,
            suffixes,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_words_and_suffixes() {
        let data = [
            ("walked", "VBD", "walk"),
            ("talked", "VBD", "talk"),
            ("parked", "VBD", "park"),
            ("went", "VBD", "go"),
            ("The", "DT", "the"),
            ("Paris", "NNP", "Paris"),
            ("cities", "NNS", "city"),
            ("ladies", "NNS", "lady"),
            ("dogs", "NNS", "dog"),
            ("cats", "NNS", "cat"),
        ];
        let l = Lemmatizer::train(data.iter().copied());
        assert_eq!(l.lemma("went", "VBD"), "go");
        assert_eq!(l.lemma("Went", "VBD"), "go");
        assert_eq!(l.lemma("barked", "VBD"), "bark");
        assert_eq!(l.lemma("babies", "NNS"), "baby");
        assert_eq!(l.lemma("THE", "DT"), "the");
        assert_eq!(l.lemma("London", "NNP"), "London");
        let mut w = Writer::default();
        l.write(&mut w);
        let b = w.finish(b"BYLNTST\0");
        let l2 = Lemmatizer::read(&mut Reader::open(&b, b"BYLNTST\0", "t").unwrap()).unwrap();
        assert_eq!(l2.lemma("babies", "NNS"), "baby");
    }
}
