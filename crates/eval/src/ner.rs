//! Named-entity scoring as in CoNLL-2003 `conlleval`: exact span and type, P/R/F1 per type and
//! overall, from IOB1, IOB2 or BILOU tag sequences.
//!
//! ```
//! use byline_eval::ner::score;
//!
//! let gold = vec![vec!["B-PER", "I-PER", "O", "B-LOC"]];
//! let pred = vec![vec!["B-PER", "I-PER", "O", "B-ORG"]];
//! let s = score(&gold, &pred);
//! assert_eq!(s.overall.correct, 1);
//! assert_eq!(s.per_type["LOC"].gold, 1);
//! assert!((s.overall.f1() - 0.5).abs() < 1e-9);
//! ```

use std::collections::BTreeMap;

/// Entity spans `(start, end, type)` of a tag sequence, read as `conlleval` reads them (the
/// NER crate's reader, so that training and scoring agree).
pub use byline_ner::conll::spans;

use crate::prf::Counts;

/// Counts per entity type and over all types.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NerScores {
    /// Per type (`PER`, `LOC`, `ORG`, `MISC` …), sorted by name.
    pub per_type: BTreeMap<String, Counts>,
    /// Over all types.
    pub overall: Counts,
}

/// Scores predicted tag sequences against gold ones, sentence by sentence (sentences beyond the
/// shorter list, and tokens beyond the shorter sentence, count as unpredicted).
pub fn score<S: AsRef<str>, T: AsRef<str>>(gold: &[Vec<S>], pred: &[Vec<T>]) -> NerScores {
    let mut out = NerScores::default();
    let empty: Vec<&str> = Vec::new();
    for (i, g) in gold.iter().enumerate() {
        let g: Vec<&str> = g.iter().map(AsRef::as_ref).collect();
        let p: Vec<&str> = pred
            .get(i)
            .map(|p| p.iter().map(AsRef::as_ref).take(g.len()).collect())
            .unwrap_or_else(|| empty.clone());
        let gs = spans(&g);
        let ps = spans(&p);
        for x in &ps {
            let ok = gs.contains(x) as usize;
            let c = out.per_type.entry(x.2.clone()).or_default();
            c.predicted += 1;
            c.correct += ok;
            out.overall.predicted += 1;
            out.overall.correct += ok;
        }
        for x in &gs {
            out.per_type.entry(x.2.clone()).or_default().gold += 1;
            out.overall.gold += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iob1_and_partial_spans() {
        let gold = vec![vec!["I-ORG", "I-ORG", "O", "I-PER", "B-PER"]];
        let pred = vec![vec!["B-ORG", "O", "O", "B-PER", "B-PER"]];
        let s = score(&gold, &pred);
        assert_eq!(s.overall.gold, 3);
        assert_eq!(s.overall.predicted, 3);
        assert_eq!(s.overall.correct, 2);
        assert_eq!(s.per_type["ORG"].correct, 0);
        assert_eq!(s.per_type["PER"].correct, 2);
    }

    #[test]
    fn missing_predictions_count_as_misses() {
        let gold = vec![vec!["B-LOC"], vec!["B-LOC"]];
        let pred: Vec<Vec<&str>> = vec![vec!["B-LOC"]];
        let s = score(&gold, &pred);
        assert_eq!((s.overall.correct, s.overall.gold), (1, 2));
    }
}
