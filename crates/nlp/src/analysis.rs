//! What the models say about one sentence: per word UPOS, XPOS, lemma, head and relation.

use std::fmt;

/// Universal part-of-speech tags (UD v2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[allow(missing_docs)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

const UPOS_NAMES: [(&str, Upos); 17] = [
    ("ADJ", Upos::Adj),
    ("ADP", Upos::Adp),
    ("ADV", Upos::Adv),
    ("AUX", Upos::Aux),
    ("CCONJ", Upos::Cconj),
    ("DET", Upos::Det),
    ("INTJ", Upos::Intj),
    ("NOUN", Upos::Noun),
    ("NUM", Upos::Num),
    ("PART", Upos::Part),
    ("PRON", Upos::Pron),
    ("PROPN", Upos::Propn),
    ("PUNCT", Upos::Punct),
    ("SCONJ", Upos::Sconj),
    ("SYM", Upos::Sym),
    ("VERB", Upos::Verb),
    ("X", Upos::X),
];

impl Upos {
    /// Reads a UPOS name ("NOUN").
    pub fn parse(s: &str) -> Option<Upos> {
        UPOS_NAMES.iter().find(|(n, _)| *n == s).map(|(_, u)| *u)
    }

    /// The UPOS name ("NOUN").
    pub fn as_str(self) -> &'static str {
        UPOS_NAMES[self as usize].0
    }

    /// Nouns, proper nouns and pronouns.
    pub fn is_nominal(self) -> bool {
        matches!(self, Upos::Noun | Upos::Propn | Upos::Pron)
    }
}

impl fmt::Display for Upos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Penn Treebank tags as used in UD English (sorted).
const XPOS: &[&str] = &[
    "#", "$", "''", ",", "-LRB-", "-RRB-", ".", ":", "ADD", "AFX", "CC", "CD", "DT", "EX", "FW",
    "GW", "HYPH", "IN", "JJ", "JJR", "JJS", "LS", "MD", "NFP", "NN", "NNP", "NNPS", "NNS", "PDT",
    "POS", "PRP", "PRP$", "RB", "RBR", "RBS", "RP", "SYM", "TO", "UH", "VB", "VBD", "VBG", "VBN",
    "VBP", "VBZ", "WDT", "WP", "WP$", "WRB", "XX", "_", "``",
];

/// UD v2 relations and the English subtypes (sorted).
const DEPRELS: &[&str] = &[
    "acl",
    "acl:relcl",
    "advcl",
    "advcl:relcl",
    "advmod",
    "amod",
    "appos",
    "aux",
    "aux:pass",
    "case",
    "cc",
    "cc:preconj",
    "ccomp",
    "clf",
    "compound",
    "compound:prt",
    "conj",
    "cop",
    "csubj",
    "csubj:outer",
    "csubj:pass",
    "dep",
    "det",
    "det:predet",
    "discourse",
    "dislocated",
    "expl",
    "fixed",
    "flat",
    "flat:foreign",
    "goeswith",
    "iobj",
    "list",
    "mark",
    "nmod",
    "nmod:desc",
    "nmod:npmod",
    "nmod:poss",
    "nmod:tmod",
    "nmod:unmarked",
    "nsubj",
    "nsubj:outer",
    "nsubj:pass",
    "nummod",
    "obj",
    "obl",
    "obl:agent",
    "obl:npmod",
    "obl:tmod",
    "obl:unmarked",
    "orphan",
    "parataxis",
    "punct",
    "reparandum",
    "root",
    "vocative",
    "xcomp",
];

/// The static copy of an XPOS tag name (`"_"` when unknown).
pub(crate) fn xpos_static(s: &str) -> &'static str {
    XPOS.binary_search(&s).map_or("_", |i| XPOS[i])
}

/// The static copy of a relation name: unknown subtypes fall back to their base relation, and
/// anything else to `dep`.
pub(crate) fn deprel_static(s: &str) -> &'static str {
    if let Ok(i) = DEPRELS.binary_search(&s) {
        return DEPRELS[i];
    }
    let base = s.split(':').next().unwrap_or(s);
    DEPRELS.binary_search(&base).map_or("dep", |i| DEPRELS[i])
}

/// One analysed word.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Universal part of speech.
    pub upos: Upos,
    /// Penn Treebank tag ("VBD").
    pub xpos: &'static str,
    /// Lemma ("say" for "said").
    pub lemma: String,
    /// Index of the head word in the same sentence (0-based), `None` for the root.
    pub head: Option<usize>,
    /// Universal dependency relation to the head, with subtype ("nsubj:pass", "root").
    pub deprel: &'static str,
}

/// The analysis of one sentence: `words[i]` describes the sentence's i-th token.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Analysis {
    /// One entry per token, in order.
    pub words: Vec<Word>,
}

impl Analysis {
    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// True when there are no words.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The root word (the main predicate).
    pub fn root(&self) -> Option<usize> {
        self.words.iter().position(|w| w.head.is_none())
    }

    /// The dependents of word `i`, left to right.
    pub fn dependents(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        self.words
            .iter()
            .enumerate()
            .filter(move |(_, w)| w.head == Some(i))
            .map(|(j, _)| j)
    }

    /// The first dependent of `i` whose relation is `deprel` or a subtype of it
    /// (`"nsubj"` finds `nsubj` and `nsubj:pass`).
    pub fn dependent(&self, i: usize, deprel: &str) -> Option<usize> {
        self.dependents(i)
            .find(|&j| relation_is(self.words[j].deprel, deprel))
    }

    /// The words of the subtree headed by `i`, as a contiguous range from its leftmost to its
    /// rightmost descendant.
    pub fn subtree(&self, i: usize) -> std::ops::Range<usize> {
        let (mut lo, mut hi) = (i, i);
        for j in 0..self.words.len() {
            if self.dominates(i, j) {
                lo = lo.min(j);
                hi = hi.max(j);
            }
        }
        lo..hi + 1
    }

    /// True when `a` is `b` or one of its ancestors.
    pub fn dominates(&self, a: usize, b: usize) -> bool {
        let mut cur = Some(b);
        for _ in 0..=self.words.len() {
            match cur {
                Some(c) if c == a => return true,
                Some(c) => cur = self.words.get(c).and_then(|w| w.head),
                None => return false,
            }
        }
        false
    }
}

/// True when relation `rel` is `base` or a subtype of it.
pub fn relation_is(rel: &str, base: &str) -> bool {
    rel == base
        || (rel.len() > base.len() && rel.starts_with(base) && rel.as_bytes()[base.len()] == b':')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_unique() {
        for t in [XPOS, DEPRELS] {
            assert!(t.windows(2).all(|w| w[0] < w[1]), "{:?}", t);
        }
        for (i, (n, u)) in UPOS_NAMES.iter().enumerate() {
            assert_eq!(*u as usize, i);
            assert_eq!(Upos::parse(n), Some(*u));
        }
        assert_eq!(deprel_static("obl:whatever"), "obl");
        assert_eq!(deprel_static("zzz"), "dep");
        assert_eq!(xpos_static("VBD"), "VBD");
        assert!(relation_is("nsubj:pass", "nsubj"));
        assert!(!relation_is("nsubjx", "nsubj"));
    }

    #[test]
    fn tree_helpers() {
        let w = |head, deprel| Word {
            upos: Upos::X,
            xpos: "_",
            lemma: String::new(),
            head,
            deprel,
        };
        // "Officials said talks ended" : said ← officials, said → ended → talks
        let a = Analysis {
            words: vec![
                w(Some(1), "nsubj"),
                w(None, "root"),
                w(Some(3), "nsubj"),
                w(Some(1), "ccomp"),
            ],
        };
        assert_eq!(a.root(), Some(1));
        assert_eq!(a.dependent(1, "nsubj"), Some(0));
        assert_eq!(a.subtree(3), 2..4);
        assert!(a.dominates(1, 2));
        assert!(!a.dominates(3, 0));
        assert_eq!(a.dependents(1).collect::<Vec<_>>(), vec![0, 3]);
    }
}
