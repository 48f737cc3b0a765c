//! Scorer for tagging and dependency parsing against CoNLL-U gold: UPOS, XPOS and lemma
//! accuracy, UAS and LAS.
//!
//! - **gold tokens** ([`score_aligned`]): the prediction has the gold words, one for one; every
//!   score is an accuracy over words (punctuation included, as in the CoNLL 2018 shared task).
//! - **raw text** ([`score_raw`]): each gold document's text is rebuilt from its `# text` lines
//!   (documents split at `# newdoc`, paragraphs joined by a blank line, sentences by a space),
//!   the analyser segments and parses it, and predicted words are aligned to gold words by
//!   identical character spans. Scores are then F1 over words (2·correct / (gold + predicted));
//!   a head is right when it aligns to the gold head. Words inside gold multiword tokens never
//!   align.
//!
//! ```
//! use byline_eval::parsing::score_aligned;
//! use byline_nlp::conllu;
//! let gold = conllu::parse("1\tIt\tit\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tends\tend\tVERB\tVBZ\t_\t0\troot\t_\t_\n\n").unwrap();
//! let mut pred = gold.clone();
//! pred[0].words[0].deprel = "obj".into();
//! let s = score_aligned(&gold, &pred).unwrap();
//! assert_eq!((s.upos(), s.uas(), s.las()), (100.0, 100.0, 50.0));
//! ```

use byline_nlp::conllu;

/// Gold and prediction do not line up.
#[derive(Debug, thiserror::Error)]
#[error("sentence {sentence}: {message}")]
pub struct Mismatch {
    /// 1-based sentence number.
    pub sentence: usize,
    /// What differs.
    pub message: String,
}

/// Word counts behind the scores.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scores {
    /// Gold words.
    pub gold: usize,
    /// Predicted words.
    pub predicted: usize,
    /// Predicted words aligned to a gold word.
    pub aligned: usize,
    /// Aligned words with the right UPOS.
    pub upos_ok: usize,
    /// Aligned words with the right XPOS.
    pub xpos_ok: usize,
    /// Aligned words with the right lemma.
    pub lemma_ok: usize,
    /// Aligned words with the right head.
    pub head_ok: usize,
    /// Aligned words with the right head and relation.
    pub label_ok: usize,
}

impl Scores {
    fn pct(&self, correct: usize) -> f64 {
        let d = self.gold + self.predicted;
        if d == 0 {
            0.0
        } else {
            100.0 * 2.0 * correct as f64 / d as f64
        }
    }
    /// Word segmentation F1 (100 with gold tokens).
    pub fn words(&self) -> f64 {
        self.pct(self.aligned)
    }
    /// UPOS accuracy (F1 from raw text), percent.
    pub fn upos(&self) -> f64 {
        self.pct(self.upos_ok)
    }
    /// XPOS accuracy, percent.
    pub fn xpos(&self) -> f64 {
        self.pct(self.xpos_ok)
    }
    /// Lemma accuracy, percent.
    pub fn lemma(&self) -> f64 {
        self.pct(self.lemma_ok)
    }
    /// Unlabelled attachment score, percent.
    pub fn uas(&self) -> f64 {
        self.pct(self.head_ok)
    }
    /// Labelled attachment score, percent.
    pub fn las(&self) -> f64 {
        self.pct(self.label_ok)
    }
    /// Adds another file's counts.
    pub fn add(&mut self, o: Scores) {
        self.gold += o.gold;
        self.predicted += o.predicted;
        self.aligned += o.aligned;
        self.upos_ok += o.upos_ok;
        self.xpos_ok += o.xpos_ok;
        self.lemma_ok += o.lemma_ok;
        self.head_ok += o.head_ok;
        self.label_ok += o.label_ok;
    }
}

fn compare(g: &conllu::Word, p: &conllu::Word, head_ok: bool, s: &mut Scores) {
    s.aligned += 1;
    s.upos_ok += usize::from(g.upos == p.upos);
    s.xpos_ok += usize::from(g.xpos == p.xpos);
    s.lemma_ok += usize::from(g.lemma == p.lemma);
    if head_ok {
        s.head_ok += 1;
        s.label_ok += usize::from(g.deprel == p.deprel);
    }
}

/// Scores a prediction made on the gold words.
pub fn score_aligned(
    gold: &[conllu::Sentence],
    pred: &[conllu::Sentence],
) -> Result<Scores, Mismatch> {
    if gold.len() != pred.len() {
        return Err(Mismatch {
            sentence: gold.len().min(pred.len()) + 1,
            message: format!("{} gold sentences, {} predicted", gold.len(), pred.len()),
        });
    }
    let mut s = Scores::default();
    for (i, (g, p)) in gold.iter().zip(pred).enumerate() {
        if g.words.len() != p.words.len() {
            return Err(Mismatch {
                sentence: i + 1,
                message: format!("{} gold words, {} predicted", g.words.len(), p.words.len()),
            });
        }
        s.gold += g.words.len();
        s.predicted += p.words.len();
        for (gw, pw) in g.words.iter().zip(&p.words) {
            compare(gw, pw, gw.head == pw.head, &mut s);
        }
    }
    Ok(s)
}

/// One gold document rebuilt from `# text` lines, with its words' byte spans.
#[derive(Clone, Debug, Default)]
pub struct RawDocument {
    /// The rebuilt text.
    pub text: String,
    /// Per word: its span (`None` inside a multiword token or when not found) and the word,
    /// with `head` renumbered to a 1-based index over the whole document (0 = root).
    pub words: Vec<(Option<(usize, usize)>, conllu::Word)>,
}

/// Rebuilds the documents of a gold file; sentences without `# text` are skipped.
pub fn raw_documents(gold: &[conllu::Sentence]) -> Vec<RawDocument> {
    let mut out = Vec::new();
    let mut doc = RawDocument::default();
    for s in gold {
        let Some(text) = s.text() else { continue };
        if s.starts_document() && !doc.text.is_empty() {
            out.push(std::mem::take(&mut doc));
        }
        if !doc.text.is_empty() {
            doc.text
                .push_str(if s.starts_paragraph() { "\n\n" } else { " " });
        }
        let base = doc.words.len();
        let mut cursor = doc.text.len();
        doc.text.push_str(text);
        for w in &s.words {
            let mut w2 = w.clone();
            w2.head = if w.head == 0 { 0 } else { base + w.head };
            let in_mwt = s
                .multiword
                .iter()
                .any(|m| (m.first..=m.last).contains(&w.id));
            let span = if in_mwt {
                if let Some(m) = s.multiword.iter().find(|m| m.last == w.id) {
                    if let Some(k) = doc.text[cursor..].find(m.form.as_str()) {
                        cursor += k + m.form.len();
                    }
                }
                None
            } else {
                doc.text[cursor..].find(w.form.as_str()).map(|k| {
                    let a = cursor + k;
                    cursor = a + w.form.len();
                    (a, cursor)
                })
            };
            doc.words.push((span, w2));
        }
    }
    if !doc.text.is_empty() {
        out.push(doc);
    }
    out
}

/// Scores predicted words of one document (span and word, `head` a 1-based index over the
/// document's predicted words, 0 = root) against the gold document.
pub fn score_raw(gold: &RawDocument, pred: &[((usize, usize), conllu::Word)]) -> Scores {
    use std::collections::HashMap;
    let mut s = Scores {
        gold: gold.words.len(),
        predicted: pred.len(),
        ..Scores::default()
    };
    let by_span: HashMap<(usize, usize), usize> = gold
        .words
        .iter()
        .enumerate()
        .filter_map(|(i, (sp, _))| sp.map(|sp| (sp, i)))
        .collect();
    // Predicted word index → aligned gold index.
    let aligned: Vec<Option<usize>> = pred
        .iter()
        .map(|(sp, _)| by_span.get(sp).copied())
        .collect();
    for (pi, (_, pw)) in pred.iter().enumerate() {
        let Some(gi) = aligned[pi] else { continue };
        let gw = &gold.words[gi].1;
        let head_ok = match (pw.head, gw.head) {
            (0, 0) => true,
            (0, _) | (_, 0) => false,
            (ph, gh) => aligned.get(ph - 1).copied().flatten() == Some(gh - 1),
        };
        compare(gw, pw, head_ok, &mut s);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOLD: &str = "# newdoc\n# text = Aid came.\n1\tAid\taid\tNOUN\tNN\t_\t2\tnsubj\t_\t_\n2\tcame\tcome\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n# text = It ended.\n1\tIt\tit\tPRON\tPRP\t_\t2\tnsubj\t_\t_\n2\tended\tend\tVERB\tVBD\t_\t0\troot\t_\tSpaceAfter=No\n3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n\n";

    #[test]
    fn aligned_scores_count_words() {
        let g = conllu::parse(GOLD).unwrap();
        let mut p = g.clone();
        p[1].words[0].head = 3;
        p[1].words[1].upos = "NOUN".into();
        let s = score_aligned(&g, &p).unwrap();
        assert_eq!(s.gold, 6);
        assert_eq!(s.head_ok, 5);
        assert_eq!(s.upos_ok, 5);
        assert!(score_aligned(&g, &p[..1]).is_err());
    }

    #[test]
    fn raw_scores_align_by_span() {
        let g = conllu::parse(GOLD).unwrap();
        let docs = raw_documents(&g);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].text, "Aid came. It ended.");
        // A prediction that glues "came." together: two words miss.
        let w = |form: &str, head, deprel: &str| conllu::Word {
            form: form.into(),
            lemma: form.to_lowercase(),
            upos: "X".into(),
            xpos: "X".into(),
            head,
            deprel: deprel.into(),
            ..conllu::Word::default()
        };
        let pred = vec![
            ((0, 3), w("Aid", 2, "nsubj")),
            ((4, 9), w("came.", 0, "root")),
            ((10, 12), w("It", 4, "nsubj")),
            ((13, 18), w("ended", 0, "root")),
            ((18, 19), w(".", 4, "punct")),
        ];
        let s = score_raw(&docs[0], &pred);
        assert_eq!((s.gold, s.predicted, s.aligned), (6, 5, 4));
        // "Aid" → "came." is not aligned; It→ended, ended root, . → ended are right.
        assert_eq!(s.head_ok, 3);
        assert_eq!(s.label_ok, 3);
    }
}
