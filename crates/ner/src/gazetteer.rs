//! Gazetteer features from the actor lexicon: which tokens lie inside a known name, of which
//! category, at which position.

use std::collections::{HashMap, HashSet};

use byline_lexicon::actors::{key, ActorKind, Actors};

/// Category bits of a gazetteer match.
pub(crate) const PER: u8 = 1;
pub(crate) const LOC: u8 = 2;
pub(crate) const ORG: u8 = 4;
pub(crate) const MISC: u8 = 8;

/// Known names by key, with their categories.
#[derive(Debug, Default)]
pub(crate) struct Gazetteer {
    names: HashMap<String, u8>,
    first_words: HashSet<String>,
    max_words: usize,
}

fn category(kind: ActorKind) -> u8 {
    match kind {
        ActorKind::Person => PER,
        ActorKind::Country | ActorKind::Place => LOC,
        ActorKind::Group => MISC,
        _ => ORG,
    }
}

impl Gazetteer {
    /// Builds the gazetteer from the built-in lexicon.
    pub(crate) fn from_lexicon(lex: &Actors) -> Gazetteer {
        let mut g = Gazetteer::default();
        let mut add = |s: &str, cat: u8| {
            let k = key(s);
            if k.is_empty() {
                return;
            }
            *g.names.entry(k).or_default() |= cat;
        };
        for e in lex.entries() {
            let cat = category(e.kind);
            add(&e.name, cat);
            for a in &e.aliases {
                add(a, cat);
            }
            for a in &e.adjectives {
                add(a, MISC);
            }
            for c in &e.capitals {
                add(c, LOC);
            }
            if e.kind == ActorKind::Person {
                if let Some(last) = e.name.split_whitespace().last() {
                    if last != e.name {
                        add(last, PER);
                    }
                }
            }
        }
        for k in g.names.keys() {
            if let Some(first) = k.split(' ').next() {
                g.first_words.insert(first.to_string());
            }
            g.max_words = g.max_words.max(k.split(' ').count());
        }
        g
    }

    /// For each word, `(categories, position)` of the longest match covering it, where position is
    /// 1 = begin, 2 = inside, 3 = last, 4 = unit; `(0, 0)` outside any match.
    #[cfg(test)]
    pub(crate) fn tag(&self, words: &[&str]) -> Vec<(u8, u8)> {
        let keys: Vec<String> = words.iter().map(|w| key(w)).collect();
        self.tag_keys(words, &keys)
    }

    /// [`Gazetteer::tag`] given the lexicon [`key`] of every word.
    pub(crate) fn tag_keys(&self, words: &[&str], keys: &[String]) -> Vec<(u8, u8)> {
        let mut out = vec![(0u8, 0u8); words.len()];
        let mut i = 0;
        let mut joined = String::new();
        while i < words.len() {
            let starts_upper = words[i]
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
            if !starts_upper || !self.first_words.contains(&keys[i]) {
                i += 1;
                continue;
            }
            // The longest match: grow the phrase, remember the last length found.
            let mut found = None;
            let max = self.max_words.min(words.len() - i);
            joined.clear();
            for n in 1..=max {
                if keys[i + n - 1].is_empty() {
                    break;
                }
                if n > 1 {
                    joined.push(' ');
                }
                joined.push_str(&keys[i + n - 1]);
                if let Some(&cat) = self.names.get(&joined) {
                    found = Some((n, cat));
                }
            }
            match found {
                Some((n, cat)) => {
                    for j in 0..n {
                        let pos = if n == 1 {
                            4
                        } else if j == 0 {
                            1
                        } else if j == n - 1 {
                            3
                        } else {
                            2
                        };
                        out[i + j] = (cat, pos);
                    }
                    i += n;
                }
                None => i += 1,
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_match_wins() {
        let g = Gazetteer::from_lexicon(Actors::builtin());
        let t = g.tag(&["the", "United", "Nations", "General", "Assembly", "met"]);
        assert_eq!(t[0], (0, 0));
        assert_eq!(t[1].1, 1);
        assert_eq!(t[4].1, 3);
        assert_eq!(t[4].0 & ORG, ORG);
        assert_eq!(g.tag(&["German"])[0], (MISC, 4));
        assert_eq!(g.tag(&["us"])[0], (0, 0));
    }
}
