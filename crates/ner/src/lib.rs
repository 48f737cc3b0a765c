//! Named-entity recogniser trained on CoNLL-2003, with gazetteer features from the lexicon.
//!
//! An averaged perceptron (our own code; each stage the mean of three trained with different
//! shuffles) tags tokens with BILOU tags over PER, LOC, ORG and MISC,
//! left to right under the BILOU transition constraints, by a beam search ([`DEFAULT_BEAM`]
//! hypotheses) over its previous-tag features that sums per-token log-probabilities (training
//! decodes greedily). Features: the word, its
//! lowercase form, shape, prefixes and suffixes, a window of two words either side, the two
//! previous tags, document-level casing evidence, gazetteer matches from the built-in actor
//! lexicon (`byline-lexicon`), word clusters learnt from unlabelled text by our own exchange
//! clustering, and a name list from the silver GMB annotation; a second stage adds what the first
//! one tagged the same word elsewhere in the document. The trained weights ship inside the crate
//! (`model/ner.bin`: magic bytes, format version, deflated quantised weights); see
//! `model/README.md` for what they were trained on and how to retrain them.
//!
//! ```
//! use byline_ner::Ner;
//!
//! let ner = Ner::embedded().unwrap();
//! let tags = ner.tag_document(&[vec!["Angela", "Merkel", "visited", "Paris", "."]]);
//! assert_eq!(tags[0], ["B-PER", "I-PER", "O", "B-LOC", "O"]);
//! ```
#![deny(missing_docs)]

mod clusters;
pub mod conll;
mod features;
mod gazetteer;
mod model;
mod names;
mod train;
pub mod unlabelled;

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use model::{FORMAT_VERSION, MAGIC, OLDEST_SUPPORTED_VERSION, TYPES};
pub use train::{score, train, SpanCounts, TrainOptions};

use features::{sentence_features, stack_features, DocCase, TokenInfo};
use gazetteer::Gazetteer;
use model::{decode_beam, parts, Extra, Weights};

/// What can go wrong in the recogniser.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// A model file is not valid.
    #[error("NER model: {0}")]
    Model(String),
    /// An input file is not in the expected format.
    #[error("{0}")]
    Format(String),
}

/// Result with the recogniser's [`Error`].
pub type Result<T> = std::result::Result<T, Error>;

/// The embedded model file.
const EMBEDDED: &[u8] = include_bytes!("../model/ner.bin");

/// One recognised entity in a sentence: token range `[start, end)` and type.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entity {
    /// First token.
    pub start: usize,
    /// One past the last token.
    pub end: usize,
    /// `PER`, `LOC`, `ORG` or `MISC`.
    pub kind: &'static str,
}

/// A loaded recogniser.
#[derive(Debug)]
pub struct Ner {
    /// One or two stages: the second sees the first one's tags over the whole document.
    stages: Vec<Weights>,
    /// Word clusters and name phrases learnt from unlabelled text (empty in models without them).
    extra: Extra,
    meta: String,
    gaz: &'static Gazetteer,
    /// Beam width of the decoder (1 = greedy).
    beam: usize,
    /// Softmax temperature of the beam's local log-probabilities.
    temperature: f32,
}

/// Beam width used when tagging, unless [`Ner::set_beam`] says otherwise (chosen on CoNLL-2003
/// valid with the train-only model; see `model/README.md`).
pub const DEFAULT_BEAM: usize = 2;

fn gazetteer() -> &'static Gazetteer {
    static GAZ: OnceLock<Gazetteer> = OnceLock::new();
    GAZ.get_or_init(|| Gazetteer::from_lexicon(byline_lexicon::actors::Actors::builtin()))
}

impl Ner {
    fn untrained() -> Ner {
        Ner {
            stages: Vec::new(),
            extra: Extra::default(),
            meta: String::new(),
            gaz: gazetteer(),
            beam: DEFAULT_BEAM,
            temperature: model::BEAM_TEMPERATURE,
        }
    }

    /// The model shipped inside the crate.
    pub fn embedded() -> Result<Ner> {
        Ner::from_bytes(EMBEDDED)
    }

    /// The embedded model, loaded once per process.
    pub fn shared() -> Result<&'static Ner> {
        static SHARED: OnceLock<std::result::Result<Ner, String>> = OnceLock::new();
        SHARED
            .get_or_init(|| Ner::embedded().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| Error::Model(e.clone()))
    }

    /// A model from a file written by [`Ner::to_bytes`].
    pub fn from_path(path: &Path) -> Result<Ner> {
        let bytes = std::fs::read(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        Ner::from_bytes(&bytes)
    }

    /// A model from the bytes of a model file.
    pub fn from_bytes(bytes: &[u8]) -> Result<Ner> {
        let (stages, extra, meta) = model::read(bytes)?;
        Ok(Ner {
            stages,
            extra,
            meta,
            gaz: gazetteer(),
            beam: DEFAULT_BEAM,
            temperature: model::BEAM_TEMPERATURE,
        })
    }

    /// The model file bytes.
    pub fn to_bytes(&self) -> Result<Vec<u8>> {
        model::write(&self.stages, &self.extra, &self.meta)
    }

    /// What the model records about its training.
    pub fn meta(&self) -> &str {
        &self.meta
    }

    /// Replaces the training record.
    pub fn set_meta(&mut self, meta: String) {
        self.meta = meta;
    }

    /// Beam width of the decoder (1 = greedy).
    pub fn beam(&self) -> usize {
        self.beam
    }

    /// Sets the beam width of the decoder (1 = greedy, as in training; 0 counts as 1).
    pub fn set_beam(&mut self, width: usize) {
        self.beam = width.max(1);
    }

    /// Softmax temperature that turns the perceptron scores into the beam's local
    /// log-probabilities (see `model/README.md`).
    pub fn temperature(&self) -> f32 {
        self.temperature
    }

    /// Sets the beam's softmax temperature (for experiments; values ≤ 0 are ignored).
    pub fn set_temperature(&mut self, t: f32) {
        if t > 0.0 {
            self.temperature = t;
        }
    }

    /// Number of words with a cluster.
    pub fn cluster_words(&self) -> usize {
        self.extra.clusters.map.len()
    }

    /// Number of features with weights, over all stages.
    pub fn features_len(&self) -> usize {
        self.stages.iter().map(|w| w.index.len()).sum()
    }

    fn features(&self, sentences: &[Vec<&str>]) -> Vec<Vec<TokenInfo>> {
        let doc = DocCase::new(sentences.iter().map(Vec::as_slice));
        sentences
            .iter()
            .map(|s| sentence_features(s, self.gaz, &self.extra, &doc))
            .collect()
    }

    /// Classes of every token of a document, through every stage.
    fn classes(&self, sentences: &[Vec<&str>]) -> Vec<Vec<usize>> {
        let mut toks = self.features(sentences);
        let Some(first) = self.stages.first() else {
            return toks.iter().map(|t| vec![0; t.len()]).collect();
        };
        let mut classes: Vec<Vec<usize>> = toks
            .iter()
            .map(|t| decode_beam(first, t, self.beam, self.temperature))
            .collect();
        for w in &self.stages[1..] {
            stack_features(sentences, &classes, &mut toks);
            classes = toks
                .iter()
                .map(|t| decode_beam(w, t, self.beam, self.temperature))
                .collect();
        }
        classes
    }

    /// IOB2 tags for each word of each sentence of one document (sentences of the same document
    /// share casing evidence).
    pub fn tag_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<String>> {
        self.classes(sentences)
            .iter()
            .map(|classes| {
                classes
                    .iter()
                    .map(|&c| match parts(c) {
                        None => "O".to_string(),
                        Some((p, t)) => {
                            format!("{}-{}", if p == 0 || p == 3 { "B" } else { "I" }, TYPES[t])
                        }
                    })
                    .collect()
            })
            .collect()
    }

    /// Entities of each sentence of one document.
    pub fn entities_document(&self, sentences: &[Vec<&str>]) -> Vec<Vec<Entity>> {
        self.classes(sentences)
            .iter()
            .map(|classes| {
                class_spans(classes)
                    .into_iter()
                    .map(|(start, end, t)| Entity {
                        start,
                        end,
                        kind: TYPES[t],
                    })
                    .collect()
            })
            .collect()
    }
}

/// Entity spans `(start, end, type index)` of a sentence's classes, read exactly as
/// [`conll::spans`] reads their BILOU names, without building the names.
fn class_spans(classes: &[usize]) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, usize)> = None;
    for (i, &c) in classes.iter().enumerate() {
        // Position 0 B, 1 I, 2 L, 3 U.
        let part = parts(c);
        let continues = match (part, open) {
            (Some((p, t)), Some((_, o))) => (p == 1 || p == 2) && t == o,
            _ => false,
        };
        if !continues {
            if let Some((s, t)) = open.take() {
                out.push((s, i, t));
            }
            if let Some((_, t)) = part {
                open = Some((i, t));
            }
        }
        if matches!(part, Some((2 | 3, _))) {
            if let Some((s, t)) = open.take() {
                out.push((s, i + 1, t));
            }
        }
    }
    if let Some((s, t)) = open {
        out.push((s, classes.len(), t));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use model::{class_name, C};

    #[test]
    fn class_spans_read_as_conll_spans() {
        // Every sequence of up to three classes, well-formed or not.
        let mut seqs: Vec<Vec<usize>> = vec![Vec::new()];
        for _ in 0..3 {
            let longer: Vec<Vec<usize>> = seqs
                .iter()
                .filter(|s| s.len() == seqs.last().map_or(0, Vec::len))
                .flat_map(|s| {
                    (0..C).map(move |c| {
                        let mut t = s.clone();
                        t.push(c);
                        t
                    })
                })
                .collect();
            seqs.extend(longer);
        }
        for seq in &seqs {
            let names: Vec<String> = seq.iter().map(|&c| class_name(c)).collect();
            let want: Vec<(usize, usize, String)> = conll::spans(&names);
            let got: Vec<(usize, usize, String)> = class_spans(seq)
                .into_iter()
                .map(|(s, e, t)| (s, e, TYPES[t].to_string()))
                .collect();
            assert_eq!(got, want, "{names:?}");
        }
    }
}
