//! Statistical models, ours and small: an averaged-perceptron part-of-speech tagger (UPOS, XPOS
//! and lemmas) and a transition-based labelled dependency parser producing Universal
//! Dependencies relations, both trained on UD English-EWT (CC BY-SA 4.0).
//!
//! The trained models are embedded in the crate ([`Models::embedded`]) and can also be loaded
//! from a folder ([`Models::from_dir`]). [`Models::analyze`] tags and parses one tokenised
//! sentence; [`Models::analyze_layout`] does every sentence of a [`byline_text::Layout`].
//!
//! ```
//! let models = byline_nlp::Models::embedded()?;
//! let a = models.analyze(&["The", "minister", "said", "talks", "had", "ended", "."]);
//! let said = a.root().unwrap();
//! assert_eq!(a.words[said].lemma, "say");
//! assert_eq!(a.dependent(said, "nsubj"), Some(1));
//! assert_eq!(a.words[5].head, Some(said)); // "ended" is the content of "said"
//! # Ok::<(), byline_nlp::Error>(())
//! ```
//!
//! Training (`byline train tagger|parser`) is deterministic for a given seed; see
//! [`train::train_tagger`] and [`train::train_parser`].
#![deny(missing_docs)]

mod analysis;
pub mod clusters;
pub mod conllu;
mod error;
pub mod format;
mod hash;
mod lemma;
mod parser;
mod perceptron;
mod tagger;
pub mod train;

use std::path::Path;

pub use analysis::{relation_is, Analysis, Upos, Word};
pub use error::{Error, Result};
pub use parser::{ParseScores, Parser, SentenceTags};
pub use tagger::{TagScores, Tagger};

/// File name of the tagger in a model folder.
pub const TAGGER_FILE: &str = "tagger.bin";
/// File name of the parser in a model folder.
pub const PARSER_FILE: &str = "parser.bin";

static EMBEDDED_TAGGER: &[u8] = include_bytes!("../models/tagger.bin");
static EMBEDDED_PARSER: &[u8] = include_bytes!("../models/parser.bin");

/// Copies an analysed word into a CoNLL-U word (heads become 1-based, 0 for the root).
fn fill(w: &mut conllu::Word, p: Word) {
    w.upos = p.upos.as_str().to_string();
    w.xpos = p.xpos.to_string();
    w.lemma = p.lemma;
    w.head = p.head.map_or(0, |h| h + 1);
    w.deprel = p.deprel.to_string();
}

/// What a model records about itself: training data, command, commit, scores (ordered pairs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// `(key, value)` pairs in insertion order.
    pub entries: Vec<(String, String)>,
}

impl Meta {
    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.entries
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// Sets `key` to `value`, replacing an older value.
    pub fn set(&mut self, key: &str, value: &str) {
        match self.entries.iter_mut().find(|(k, _)| k == key) {
            Some(e) => e.1 = value.to_string(),
            None => self.entries.push((key.to_string(), value.to_string())),
        }
    }

    pub(crate) fn write(&self, w: &mut format::Writer) {
        w.var(self.entries.len() as u64);
        for (k, v) in &self.entries {
            w.str(k);
            w.str(v);
        }
    }

    pub(crate) fn read(r: &mut format::Reader) -> Result<Meta> {
        let n = r.len()?;
        let mut entries = Vec::with_capacity(n);
        for _ in 0..n {
            entries.push((r.str()?, r.str()?));
        }
        Ok(Meta { entries })
    }
}

/// The tagger and the parser, loaded once and shared across threads.
#[derive(Clone, Debug)]
pub struct Models {
    tagger: Tagger,
    parser: Parser,
}

impl Models {
    /// The models built into this binary.
    pub fn embedded() -> Result<Models> {
        Ok(Models {
            tagger: Tagger::from_bytes(EMBEDDED_TAGGER, "embedded tagger")?,
            parser: Parser::from_bytes(EMBEDDED_PARSER, "embedded parser")?,
        })
    }

    /// Loads `tagger.bin` and `parser.bin` from `dir`.
    pub fn from_dir(dir: &Path) -> Result<Models> {
        let read = |name: &str| {
            let path = dir.join(name);
            std::fs::read(&path).map_err(|source| Error::Io {
                path: path.display().to_string(),
                source,
            })
        };
        Ok(Models {
            tagger: Tagger::from_bytes(
                &read(TAGGER_FILE)?,
                &dir.join(TAGGER_FILE).display().to_string(),
            )?,
            parser: Parser::from_bytes(
                &read(PARSER_FILE)?,
                &dir.join(PARSER_FILE).display().to_string(),
            )?,
        })
    }

    /// Loads from `dir` when given, else the embedded models.
    pub fn load(dir: Option<&Path>) -> Result<Models> {
        match dir {
            Some(d) => Models::from_dir(d),
            None => Models::embedded(),
        }
    }

    /// Models made of a tagger and a parser.
    pub fn new(tagger: Tagger, parser: Parser) -> Models {
        Models { tagger, parser }
    }

    /// The tagger.
    pub fn tagger(&self) -> &Tagger {
        &self.tagger
    }

    /// The parser.
    pub fn parser(&self) -> &Parser {
        &self.parser
    }

    /// Tags, lemmatises and parses one tokenised sentence.
    pub fn analyze(&self, words: &[&str]) -> Analysis {
        let tagged = self.tagger.tag(words);
        let input = parser::Input::new(
            words.iter().copied(),
            tagged
                .iter()
                .map(|t| (self.tagger.xpos_name(t.xpos), t.upos)),
        );
        let tree = self.parser.parse(&input);
        Analysis {
            words: tagged
                .into_iter()
                .zip(tree)
                .map(|(t, (head, label))| Word {
                    upos: t.upos,
                    xpos: analysis::xpos_static(self.tagger.xpos_name(t.xpos)),
                    lemma: t.lemma,
                    head,
                    deprel: analysis::deprel_static(self.parser.label_name(label)),
                })
                .collect(),
        }
    }

    /// Tags only (no parse; heads are `None`, relations `dep`).
    pub fn tag(&self, words: &[&str]) -> Analysis {
        Analysis {
            words: self
                .tagger
                .tag(words)
                .into_iter()
                .map(|t| Word {
                    upos: t.upos,
                    xpos: analysis::xpos_static(self.tagger.xpos_name(t.xpos)),
                    lemma: t.lemma,
                    head: None,
                    deprel: "dep",
                })
                .collect(),
        }
    }

    /// Parses a sentence whose tags are given ((XPOS, UPOS) per word): (head, relation) per
    /// word.
    pub fn parse_tagged(
        &self,
        words: &[&str],
        tags: &[(&str, Upos)],
    ) -> Vec<(Option<usize>, &'static str)> {
        let input = parser::Input::new(words.iter().copied(), tags.iter().copied());
        self.parser
            .parse(&input)
            .into_iter()
            .map(|(h, l)| (h, analysis::deprel_static(self.parser.label_name(l))))
            .collect()
    }

    /// The lemma of `form` with tag `xpos`.
    pub fn lemma(&self, form: &str, xpos: &str) -> String {
        self.tagger.lemma(form, xpos)
    }

    /// Fills UPOS, XPOS, LEMMA, HEAD and DEPREL of a CoNLL-U sentence from its word forms,
    /// leaving the other columns as they are.
    pub fn annotate(&self, sentence: &mut conllu::Sentence) {
        let words: Vec<&str> = sentence.words.iter().map(|w| w.form.as_str()).collect();
        let a = self.analyze(&words);
        for (w, p) in sentence.words.iter_mut().zip(a.words) {
            fill(w, p);
        }
    }

    /// Segments `text` (with [`byline_text::analyze`]), then tags and parses it: CoNLL-U
    /// sentences with `# sent_id` and `# text`, and each word's byte span in `text`.
    pub fn parse_text(&self, text: &str) -> Vec<(conllu::Sentence, Vec<(usize, usize)>)> {
        let layout = byline_text::analyze(text);
        let analyses = self.analyze_layout(text, &layout);
        let mut out = Vec::with_capacity(analyses.len());
        for (i, (s, a)) in layout.sentences.iter().zip(analyses).enumerate() {
            let toks = layout.tokens.get(s.tokens.clone()).unwrap_or(&[]);
            let mut sent = conllu::Sentence::default();
            sent.comments.push(format!("sent_id = {}", i + 1));
            let stext = text.get(s.start..s.end).unwrap_or("");
            sent.comments.push(format!(
                "text = {}",
                stext.split_whitespace().collect::<Vec<_>>().join(" ")
            ));
            let mut spans = Vec::with_capacity(toks.len());
            for (j, (t, p)) in toks.iter().zip(a.words).enumerate() {
                let mut w = conllu::Word {
                    id: j + 1,
                    form: text.get(t.start..t.end).unwrap_or("_").to_string(),
                    feats: "_".into(),
                    deps: "_".into(),
                    misc: "_".into(),
                    ..conllu::Word::default()
                };
                if toks.get(j + 1).is_some_and(|n| n.start == t.end) {
                    w.misc = "SpaceAfter=No".into();
                }
                fill(&mut w, p);
                sent.words.push(w);
                spans.push((t.start, t.end));
            }
            out.push((sent, spans));
        }
        out
    }

    /// Analyses every sentence of a layout of `text`: one [`Analysis`] per
    /// `layout.sentences[i]`, with one word per token of its token range.
    pub fn analyze_layout(&self, text: &str, layout: &byline_text::Layout) -> Vec<Analysis> {
        layout
            .sentences
            .iter()
            .map(|s| {
                let words: Vec<&str> = layout
                    .tokens
                    .get(s.tokens.clone())
                    .unwrap_or(&[])
                    .iter()
                    .map(|t| text.get(t.start..t.end).unwrap_or(""))
                    .collect();
                self.analyze(&words)
            })
            .collect()
    }
}
