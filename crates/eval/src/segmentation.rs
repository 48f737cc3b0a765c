//! Scorer for tokenization and sentence segmentation against CoNLL-U gold (UD English EWT, PUD).
//!
//! The raw text of each document is rebuilt from its `# text` lines: documents split at
//! `# newdoc`, paragraphs (`# newpar`) joined by a blank line, sentences inside a paragraph joined
//! by one space. byline's tokenizer and splitter run over that text and their spans are compared
//! with the gold spans, as the CoNLL 2018 shared-task scorer does:
//! - **tokens**: exact character spans of surface tokens. Where the gold has a multiword token
//!   (`don't` = `do` + `n't`) the surface token counts, and predicted tokens that exactly tile it
//!   (`do` + `n't`) count as that one token;
//! - **sentences**: exact spans of sentences;
//! - **boundaries**: positions where one sentence ends and the next begins inside a document
//!   (document ends, which no splitter can miss, are left out).
//!
//! ```
//! use byline_eval::segmentation::score_conllu;
//! let gold = "# newdoc id = d1\n# text = Hi there.\n1\tHi\t_\t_\t_\t_\t0\troot\t_\t_\n\
//!             2\tthere\t_\t_\t_\t_\t1\tdep\t_\tSpaceAfter=No\n3\t.\t_\t_\t_\t_\t1\tpunct\t_\t_\n\n";
//! let report = score_conllu(gold, 0).unwrap();
//! assert_eq!(report.tokens.f1(), 1.0);
//! assert_eq!(report.sentences.f1(), 1.0);
//! ```

use byline_nlp::conllu;

use crate::prf::Counts;

/// What can go wrong while scoring segmentation.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The gold file is not valid CoNLL-U.
    #[error("not valid CoNLL-U: {0}")]
    Conllu(#[from] conllu::ParseError),
    /// A sentence has no `# text` line to rebuild the raw text from.
    #[error("sentence {index} ({id}) has no `# text` comment")]
    NoText {
        /// 1-based index of the sentence in the file.
        index: usize,
        /// Its `sent_id`, or `?`.
        id: String,
    },
}

/// Result with the segmentation scorer's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// One gold document: the rebuilt text and its gold spans (byte offsets into `text`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GoldDocument {
    /// The rebuilt raw text.
    pub text: String,
    /// Surface tokens, in order.
    pub tokens: Vec<(usize, usize)>,
    /// The surface tokens that are multiword tokens.
    pub multiword: Vec<(usize, usize)>,
    /// Sentences, in order.
    pub sentences: Vec<(usize, usize)>,
    /// Surface tokens whose form could not be found in the `# text` line.
    pub unaligned: usize,
}

/// Scores of one gold file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Documents read.
    pub documents: usize,
    /// Gold sentences read.
    pub gold_sentences: usize,
    /// Surface tokens.
    pub tokens: Counts,
    /// Exact sentence spans.
    pub sentences: Counts,
    /// Sentence boundaries inside documents.
    pub boundaries: Counts,
    /// Gold tokens that could not be aligned to the text (should be 0).
    pub unaligned: usize,
    /// Up to the requested number of boundary errors, each shown in context.
    pub boundary_errors: Vec<String>,
}

/// Rebuilds the documents of a parsed CoNLL-U file.
pub fn documents(sentences: &[conllu::Sentence]) -> Result<Vec<GoldDocument>> {
    let mut out = Vec::new();
    let mut doc = GoldDocument::default();
    for (index, s) in sentences.iter().enumerate() {
        if s.starts_document() && !doc.text.is_empty() {
            out.push(std::mem::take(&mut doc));
        }
        let text = s.text().ok_or_else(|| Error::NoText {
            index: index + 1,
            id: s.comment("sent_id").unwrap_or("?").to_string(),
        })?;
        if !doc.text.is_empty() {
            doc.text
                .push_str(if s.starts_paragraph() { "\n\n" } else { " " });
        }
        let start = doc.text.len();
        doc.text.push_str(text);
        doc.sentences.push((start, doc.text.len()));
        align_tokens(s, &mut doc, start);
    }
    if !doc.text.is_empty() {
        out.push(doc);
    }
    Ok(out)
}

/// Finds the surface tokens of `s` in `doc.text` from byte `start` on.
fn align_tokens(s: &conllu::Sentence, doc: &mut GoldDocument, start: usize) {
    let mut cursor = start;
    let mut words = s.words.iter().peekable();
    while let Some(w) = words.next() {
        let mwt = s.multiword.iter().find(|m| m.first == w.id);
        let form = match mwt {
            Some(m) => {
                while words.peek().is_some_and(|n| n.id <= m.last) {
                    words.next();
                }
                m.form.as_str()
            }
            None => w.form.as_str(),
        };
        let rest = &doc.text[cursor..];
        let skipped = rest.len() - rest.trim_start().len();
        let at = if rest[skipped..].starts_with(form) {
            Some(cursor + skipped)
        } else {
            rest.find(form).map(|k| cursor + k)
        };
        match at {
            Some(a) if !form.is_empty() => {
                let span = (a, a + form.len());
                doc.tokens.push(span);
                if mwt.is_some() {
                    doc.multiword.push(span);
                }
                cursor = span.1;
            }
            _ => doc.unaligned += 1,
        }
    }
}

/// Predicted token spans with runs that exactly tile a gold multiword token merged into one.
fn merge_multiword(pred: &[(usize, usize)], multiword: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let mut out = Vec::with_capacity(pred.len());
    let mut m = 0;
    let mut i = 0;
    while i < pred.len() {
        let (s, e) = pred[i];
        while m < multiword.len() && multiword[m].0 < s {
            m += 1;
        }
        if let Some(&(ms, me)) = multiword.get(m) {
            if ms == s && e < me {
                let mut j = i;
                while j + 1 < pred.len() && pred[j].1 < me && pred[j + 1].0 < me {
                    j += 1;
                }
                if pred[j].1 == me {
                    out.push((ms, me));
                    i = j + 1;
                    continue;
                }
            }
        }
        out.push((s, e));
        i += 1;
    }
    out
}

/// Counts exact matches between two sorted lists of spans.
fn matches<T: Ord + Copy>(pred: &[T], gold: &[T]) -> Counts {
    let (mut i, mut j, mut correct) = (0, 0, 0);
    while i < pred.len() && j < gold.len() {
        match pred[i].cmp(&gold[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                correct += 1;
                i += 1;
                j += 1;
            }
        }
    }
    Counts {
        correct,
        predicted: pred.len(),
        gold: gold.len(),
    }
}

/// Scores byline's tokenizer and sentence splitter on one document.
pub fn score_document(doc: &GoldDocument, report: &mut Report, keep_errors: usize) {
    let layout = byline_text::analyze(&doc.text);
    let pred_tokens: Vec<(usize, usize)> = layout.tokens.iter().map(|t| (t.start, t.end)).collect();
    let pred_tokens = merge_multiword(&pred_tokens, &doc.multiword);
    report.tokens.add(matches(&pred_tokens, &doc.tokens));
    let pred_sents: Vec<(usize, usize)> =
        layout.sentences.iter().map(|s| (s.start, s.end)).collect();
    report.sentences.add(matches(&pred_sents, &doc.sentences));
    let inner = |s: &[(usize, usize)]| -> Vec<usize> {
        s.iter()
            .map(|x| x.1)
            .take(s.len().saturating_sub(1))
            .collect()
    };
    let (pb, gb) = (inner(&pred_sents), inner(&doc.sentences));
    report.boundaries.add(matches(&pb, &gb));
    if report.boundary_errors.len() < keep_errors {
        let show = |at: usize, what: &str| {
            let lo = floor_char(&doc.text, at.saturating_sub(60));
            let hi = floor_char(&doc.text, (at + 60).min(doc.text.len()));
            format!(
                "{what}: {}⟦|⟧{}",
                doc.text[lo..at].replace('\n', "⏎"),
                doc.text[at..hi].replace('\n', "⏎")
            )
        };
        for &g in &gb {
            if pb.binary_search(&g).is_err() && report.boundary_errors.len() < keep_errors {
                report.boundary_errors.push(show(g, "missed"));
            }
        }
        for &p in &pb {
            if gb.binary_search(&p).is_err() && report.boundary_errors.len() < keep_errors {
                report.boundary_errors.push(show(p, "wrong "));
            }
        }
    }
    report.unaligned += doc.unaligned;
    report.documents += 1;
    report.gold_sentences += doc.sentences.len();
}

fn floor_char(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Scores byline's tokenizer and sentence splitter against the CoNLL-U text `conllu`, keeping up
/// to `keep_errors` boundary errors for display.
pub fn score_conllu(conllu: &str, keep_errors: usize) -> Result<Report> {
    let sentences = conllu::parse(conllu)?;
    let docs = documents(&sentences)?;
    let mut report = Report::default();
    for d in &docs {
        score_document(d, &mut report, keep_errors);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOLD: &str = "# newdoc id = a
# newpar id = a-p1
# text = We don't go.
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
1\tWe\t_\t_\t_\t_\t0\troot\t_\t_
2\tdo\t_\t_\t_\t_\t0\troot\t_\t_
3\tn't\t_\t_\t_\t_\t0\troot\t_\t_
4\tgo\t_\t_\t_\t_\t0\troot\t_\tSpaceAfter=No
5\t.\t_\t_\t_\t_\t0\troot\t_\t_

# text = Fine
1\tFine\t_\t_\t_\t_\t0\troot\t_\t_

# newpar id = a-p2
# text = New part.
1\tNew\t_\t_\t_\t_\t0\troot\t_\t_
2\tpart\t_\t_\t_\t_\t0\troot\t_\tSpaceAfter=No
3\t.\t_\t_\t_\t_\t0\troot\t_\t_

# newdoc id = b
# text = Other doc.
1\tOther\t_\t_\t_\t_\t0\troot\t_\t_
2\tdoc\t_\t_\t_\t_\t0\troot\t_\tSpaceAfter=No
3\t.\t_\t_\t_\t_\t0\troot\t_\t_

";

    #[test]
    fn rebuilds_documents() {
        let docs = documents(&conllu::parse(GOLD).unwrap()).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].text, "We don't go. Fine\n\nNew part.");
        assert_eq!(docs[0].sentences, [(0, 12), (13, 17), (19, 28)]);
        let toks: Vec<&str> = docs[0]
            .tokens
            .iter()
            .map(|&(s, e)| &docs[0].text[s..e])
            .collect();
        assert_eq!(toks, ["We", "don't", "go", ".", "Fine", "New", "part", "."]);
        assert_eq!(docs[0].multiword, [(3, 8)]);
        assert_eq!(docs[1].text, "Other doc.");
    }

    #[test]
    fn multiword_tokens_count_once_when_tiled() {
        let pred = [(0, 2), (3, 5), (5, 8), (9, 11)];
        assert_eq!(merge_multiword(&pred, &[(3, 8)]), [(0, 2), (3, 8), (9, 11)]);
        // Not tiled exactly: left as they are.
        let pred = [(0, 2), (3, 5), (5, 9)];
        assert_eq!(merge_multiword(&pred, &[(3, 8)]), pred);
    }

    #[test]
    fn scores_a_file() {
        let r = score_conllu(GOLD, 10).unwrap();
        assert_eq!(r.documents, 2);
        assert_eq!(r.tokens.gold, 11);
        assert_eq!(r.tokens.correct, 11);
        assert_eq!(r.unaligned, 0);
        assert_eq!(r.sentences.gold, 4);
        assert_eq!(r.sentences.correct, 4, "{:?}", r.boundary_errors);
        assert_eq!(r.boundaries.gold, 2);
    }

    #[test]
    fn counts_matches() {
        let c = matches(&[1, 3, 5], &[3, 4, 5, 6]);
        assert_eq!((c.correct, c.predicted, c.gold), (2, 3, 4));
    }
}
