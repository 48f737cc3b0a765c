//! Named-entity recogniser trained on CoNLL-2003, with gazetteer features from the lexicon.
//!
//! An averaged perceptron (our own code) tags tokens with BILOU tags over PER, LOC, ORG and MISC,
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
use model::{class_name, decode_beam, parts, Extra, Weights};

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
            .map(|t| decode_beam(first, t, self.beam))
            .collect();
        for w in &self.stages[1..] {
            stack_features(sentences, &classes, &mut toks);
            classes = toks.iter().map(|t| decode_beam(w, t, self.beam)).collect();
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
                let names: Vec<String> = classes.iter().map(|&c| class_name(c)).collect();
                conll::spans(&names)
                    .into_iter()
                    .filter_map(|(start, end, k)| {
                        TYPES
                            .iter()
                            .find(|t| **t == k)
                            .map(|kind| Entity { start, end, kind })
                    })
                    .collect()
            })
            .collect()
    }
}
