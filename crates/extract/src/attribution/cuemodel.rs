//! The trained cue classifier (`byline_lexicon::cues::model`) over the document's tokens.
//!
//! [`CueView`] turns the parsed tokens into the classifier's view once per document (heads
//! relative to their sentence); [`CueView::score`] then judges one token without allocating.

use std::sync::Arc;

use byline_lexicon::cues::model::{CueModel, CueTok};
use byline_lexicon::cues::Cues;

use super::Work;

/// The classifier's view of a document: one [`CueTok`] per token, heads counted from the
/// start of the token's sentence.
pub(crate) struct CueView<'a> {
    toks: Vec<CueTok<'a>>,
    /// A classifier replacing the lexicon's (while training the draft judge, or in a
    /// cross-validation fold).
    model: Option<Arc<CueModel>>,
    /// A lexicon whose learnt counts replace the document's (in a cross-validation fold).
    lexicon: Option<Arc<Cues>>,
}

impl<'a> CueView<'a> {
    /// The view of every token of `w`.
    pub(crate) fn new(w: &'a Work) -> CueView<'a> {
        let toks = w
            .toks
            .iter()
            .map(|t| {
                let start = w.sents.get(t.sent).map_or(0, |s| s.start);
                match &t.syn {
                    Some(s) => CueTok {
                        lower: &t.lower,
                        lemma: &s.lemma,
                        upos: s.upos.as_str(),
                        head: s.head.and_then(|h| h.checked_sub(start)),
                        deprel: s.deprel,
                    },
                    None => CueTok {
                        lower: &t.lower,
                        lemma: &t.lower,
                        upos: "X",
                        head: None,
                        deprel: "",
                    },
                }
            })
            .collect();
        CueView {
            toks,
            model: super::judge::token_model(),
            lexicon: super::judge::lexicon(),
        }
    }

    /// The classifier's probability that token `i` of `w` is a cue.
    pub(crate) fn score(&self, w: &Work, i: usize) -> f32 {
        let s = w.sentence_of(i);
        let Some(sent) = self.toks.get(s.clone()) else {
            return 0.0;
        };
        let cues = self.lexicon.as_deref().unwrap_or(w.cues);
        self.model
            .as_deref()
            .unwrap_or_else(|| w.cues.model())
            .score(sent, i - s.start, cues)
    }
}
