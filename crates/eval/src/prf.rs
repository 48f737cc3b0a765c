//! Precision, recall and F1 from counts.

/// Counts of true positives, predicted items and gold items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    /// Predicted items that match gold.
    pub correct: usize,
    /// Predicted items.
    pub predicted: usize,
    /// Gold items.
    pub gold: usize,
}

impl Counts {
    /// Adds another set of counts.
    pub fn add(&mut self, other: Counts) {
        self.correct += other.correct;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }

    /// correct / predicted (1 when nothing was predicted and nothing was gold).
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted, self.gold == 0)
    }

    /// correct / gold (1 when nothing was gold and nothing was predicted).
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold, self.predicted == 0)
    }

    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize, empty_ok: bool) -> f64 {
    if b == 0 {
        if empty_ok {
            1.0
        } else {
            0.0
        }
    } else {
        a as f64 / b as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn f1_of_counts() {
        let c = Counts {
            correct: 3,
            predicted: 4,
            gold: 6,
        };
        assert!((c.precision() - 0.75).abs() < 1e-12);
        assert!((c.recall() - 0.5).abs() < 1e-12);
        assert!((c.f1() - 0.6).abs() < 1e-12);
        assert_eq!(Counts::default().f1(), 1.0);
    }
}
