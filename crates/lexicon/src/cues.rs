//! Reporting cues and what surrounds them: reporting verbs and phrases, hedges, notices
//! (no comment, could not verify), anonymous-source role nouns, seniority words, outlets and
//! document nouns.
//!
//! Built-in data lives in `data/cues/*.tsv`: human-readable, sorted on the first column, each
//! with a header naming its source, licence and version. Users add rows with their own folders
//! ([`Cues::with_dirs`]): a file there named like a built-in one (`verbs.tsv`, `phrases.tsv`,
//! …, directly in the folder or in its `cues/` subfolder) extends it, and a row whose key is
//! already known replaces the built-in row.
//!
//! ```
//! use byline_lexicon::cues::{CueClass, Cues, Frame};
//!
//! let cues = Cues::builtin();
//! let told = cues.verb("told").unwrap();
//! assert_eq!((told.lemma.as_str(), told.frame), ("tell", Frame::Tell));
//! assert_eq!(cues.verb("believes").unwrap().class, CueClass::Belief);
//! assert!(cues.is_hedge_adverb("reportedly"));
//! assert_eq!(cues.role("diplomats").unwrap().role, "diplomat");
//! assert!(cues.is_seniority("senior"));
//! ```

pub mod model;

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use byline_model::NoticeKind;

pub use crate::error::{Error, Result};

/// What a cue says about the speaker's stance towards the content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum CueClass {
    /// Neutral reporting: said, told, according to.
    Report,
    /// Inner state: believes, hopes, thinks.
    Belief,
    /// Denial: denied, ruled out, rejected.
    Denial,
}

/// How a cue arranges its source and content.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Frame {
    /// `S said (that) C`, `C, S said`, `C, said S`.
    Plain,
    /// `S told R (that) C`: a recipient comes between the verb and the content.
    Tell,
    /// `According to S, C` and `C, according to S`.
    According,
    /// `in what S described as C`.
    Described,
    /// `it was reported that C`: no source.
    Passive,
    /// `as S put it`.
    As,
}

/// A reporting verb form.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verb {
    /// Its lemma.
    pub lemma: String,
    /// Its stance.
    pub class: CueClass,
    /// How it arranges source and content.
    pub frame: Frame,
}

/// A multi-word cue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    /// Its words, lowercase.
    pub words: Vec<String>,
    /// Its stance.
    pub class: CueClass,
    /// How it arranges source and content.
    pub frame: Frame,
}

/// Where a hedge word stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HedgeClass {
    /// "reportedly", "allegedly": marks the whole statement as hearsay.
    Adverb,
    /// "possibly", "probably".
    Modal,
    /// "possible", "alleged": hedges one noun.
    Adjective,
}

/// A phrase that makes a notice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoticePhrase {
    /// Its words, lowercase.
    pub words: Vec<String>,
    /// The notice it makes.
    pub kind: NoticeKind,
    /// True when it makes a notice only under negation ("neither … provided a comment").
    pub needs_negation: bool,
}

/// A word that tells an anonymous source's role.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RoleWord {
    /// The role it gives ("official", "intelligence").
    pub role: String,
    /// True for modifiers ("intelligence source"), which win over the head noun's role.
    pub modifier: bool,
}

/// How often a lemma with a part of speech was a cue in annotated text (`learnt.tsv`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LearntCue {
    /// Occurrences inside a gold cue span.
    pub cue: u32,
    /// All occurrences.
    pub total: u32,
}

impl LearntCue {
    /// The share of occurrences that were cues.
    pub fn precision(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            f64::from(self.cue) / f64::from(self.total)
        }
    }
}

/// The loaded cue lexicon.
#[derive(Clone, Debug, Default)]
pub struct Cues {
    verbs: HashMap<String, Verb>,
    learnt: HashMap<(String, String), LearntCue>,
    reads: HashMap<String, LearntCue>,
    phrases: Vec<Phrase>,
    hedges: HashMap<String, HedgeClass>,
    notices: Vec<NoticePhrase>,
    roles: HashMap<String, RoleWord>,
    org_roles: HashMap<String, String>,
    seniority: HashSet<String>,
    outlet_names: HashMap<String, usize>,
    outlet_heads: HashSet<String>,
    documents: HashSet<String>,
    model: model::CueModel,
}

/// `(file name, contents)` of every built-in cue file.
const FILES: &[(&str, &str)] = &[
    ("cue-model.tsv", include_str!("../data/cues/cue-model.tsv")),
    ("documents.tsv", include_str!("../data/cues/documents.tsv")),
    ("hedges.tsv", include_str!("../data/cues/hedges.tsv")),
    ("learnt.tsv", include_str!("../data/cues/learnt.tsv")),
    ("notices.tsv", include_str!("../data/cues/notices.tsv")),
    ("org-roles.tsv", include_str!("../data/cues/org-roles.tsv")),
    ("outlets.tsv", include_str!("../data/cues/outlets.tsv")),
    ("phrases.tsv", include_str!("../data/cues/phrases.tsv")),
    ("reads.tsv", include_str!("../data/cues/reads.tsv")),
    ("roles.tsv", include_str!("../data/cues/roles.tsv")),
    ("seniority.tsv", include_str!("../data/cues/seniority.tsv")),
    ("verbs.tsv", include_str!("../data/cues/verbs.tsv")),
];

/// The header row each file must carry.
fn header_of(file: &str) -> Option<&'static [&'static str]> {
    Some(match file {
        "cue-model.tsv" => &["feature", "weight"],
        "documents.tsv" => &["word"],
        "hedges.tsv" => &["word", "class"],
        "learnt.tsv" => &["lemma", "upos", "cue", "total"],
        "notices.tsv" => &["phrase", "kind", "needs"],
        "org-roles.tsv" => &["word", "role"],
        "outlets.tsv" => &["name", "kind"],
        "phrases.tsv" => &["phrase", "class", "frame"],
        "reads.tsv" => &["form", "read", "cue"],
        "roles.tsv" => &["word", "role", "position"],
        "seniority.tsv" => &["word"],
        "verbs.tsv" => &["form", "lemma", "class", "frame"],
        _ => return None,
    })
}

/// The data rows of a TSV file: comments (`#`) and blank lines skipped, the header checked.
fn rows<'a>(file: &str, text: &'a str) -> Result<Vec<(usize, Vec<&'a str>)>> {
    let want = header_of(file).ok_or_else(|| Error::Parse {
        file: file.to_string(),
        line: 0,
        message: "unknown cue file".into(),
    })?;
    let mut out = Vec::new();
    let mut header_seen = false;
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
        if !header_seen {
            if cols != want {
                return Err(Error::Parse {
                    file: file.to_string(),
                    line: i + 1,
                    message: format!("header should be {:?}", want.join("\t")),
                });
            }
            header_seen = true;
            continue;
        }
        if cols.len() != want.len() || cols[0].is_empty() {
            return Err(Error::Parse {
                file: file.to_string(),
                line: i + 1,
                message: format!("expected {} tab-separated columns", want.len()),
            });
        }
        out.push((i + 1, cols));
    }
    Ok(out)
}

/// `s` lowercased, borrowed when lowercasing would not change it (the lookups' keys are
/// lowercase; most words asked about already are).
fn lower(s: &str) -> Cow<'_, str> {
    if s.chars().all(|c| c.to_lowercase().eq(std::iter::once(c))) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(s.to_lowercase())
    }
}

fn words(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_lowercase).collect()
}

impl Cues {
    /// The built-in lexicon, parsed once per process.
    pub fn builtin() -> &'static Cues {
        static BUILTIN: OnceLock<Cues> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            let mut cues = Cues::default();
            for (name, text) in FILES {
                // The built-in files are checked by the tests; a bad file is skipped, never fatal.
                let _ = cues.add_file(name, text);
            }
            cues
        })
    }

    /// The built-in lexicon extended by the cue files found in `dirs`.
    pub fn with_dirs(dirs: &[PathBuf]) -> Result<Cues> {
        let mut cues = Cues::builtin().clone();
        for dir in dirs {
            for sub in [dir.clone(), dir.join("cues")] {
                for (name, _) in FILES {
                    let path = sub.join(name);
                    if path.is_file() {
                        cues.add_path(&path, name)?;
                    }
                }
            }
        }
        Ok(cues)
    }

    fn add_path(&mut self, path: &Path, name: &str) -> Result<()> {
        let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
            path: path.to_path_buf(),
            source,
        })?;
        self.add_file(name, &text).map_err(|e| match e {
            Error::Parse { line, message, .. } => Error::Parse {
                file: path.display().to_string(),
                line,
                message,
            },
            e => e,
        })
    }

    /// Adds the rows of one file (`name` decides its format).
    pub fn add_file(&mut self, name: &str, text: &str) -> Result<()> {
        let bad = |line: usize, message: String| Error::Parse {
            file: name.to_string(),
            line,
            message,
        };
        let class = |line: usize, s: &str| match s {
            "report" => Ok(CueClass::Report),
            "belief" => Ok(CueClass::Belief),
            "denial" => Ok(CueClass::Denial),
            _ => Err(bad(line, format!("unknown class {s:?}"))),
        };
        let frame = |line: usize, s: &str| match s {
            "-" => Ok(Frame::Plain),
            "tell" => Ok(Frame::Tell),
            "according" => Ok(Frame::According),
            "described" => Ok(Frame::Described),
            "passive" => Ok(Frame::Passive),
            "as" => Ok(Frame::As),
            _ => Err(bad(line, format!("unknown frame {s:?}"))),
        };
        if name == "cue-model.tsv" {
            // The classifier is one whole: a user's model replaces the built-in one.
            self.model = model::CueModel::parse(text)?;
            return Ok(());
        }
        for (line, c) in rows(name, text)? {
            match name {
                "verbs.tsv" => {
                    let verb = Verb {
                        lemma: c[1].to_lowercase(),
                        class: class(line, c[2])?,
                        frame: frame(line, c[3])?,
                    };
                    self.verbs.insert(c[0].to_lowercase(), verb);
                }
                "learnt.tsv" => {
                    let count = |s: &str| {
                        s.parse::<u32>()
                            .map_err(|_| bad(line, format!("not a count: {s:?}")))
                    };
                    let (cue, total) = (count(c[2])?, count(c[3])?);
                    if cue > total {
                        return Err(bad(line, "cue count above total".into()));
                    }
                    self.learnt.insert(
                        (c[0].to_lowercase(), c[1].to_uppercase()),
                        LearntCue { cue, total },
                    );
                }
                "reads.tsv" => {
                    let count = |s: &str| {
                        s.parse::<u32>()
                            .map_err(|_| bad(line, format!("not a count: {s:?}")))
                    };
                    let (total, cue) = (count(c[1])?, count(c[2])?);
                    if cue > total {
                        return Err(bad(line, "cue count above read count".into()));
                    }
                    self.reads
                        .insert(c[0].to_lowercase(), LearntCue { cue, total });
                }
                "phrases.tsv" => {
                    let p = Phrase {
                        words: words(c[0]),
                        class: class(line, c[1])?,
                        frame: frame(line, c[2])?,
                    };
                    self.phrases.retain(|q| q.words != p.words);
                    self.phrases.push(p);
                }
                "hedges.tsv" => {
                    let h = match c[1] {
                        "adverb" => HedgeClass::Adverb,
                        "modal" => HedgeClass::Modal,
                        "adjective" => HedgeClass::Adjective,
                        s => return Err(bad(line, format!("unknown hedge class {s:?}"))),
                    };
                    self.hedges.insert(c[0].to_lowercase(), h);
                }
                "notices.tsv" => {
                    let kind = match c[1] {
                        "no_comment" => NoticeKind::NoComment,
                        "unverified" => NoticeKind::Unverified,
                        "denied" => NoticeKind::Denied,
                        "correction" => NoticeKind::Correction,
                        s => return Err(bad(line, format!("unknown notice kind {s:?}"))),
                    };
                    let p = NoticePhrase {
                        words: words(c[0]),
                        kind,
                        needs_negation: c[2] == "negated",
                    };
                    self.notices.retain(|q| q.words != p.words);
                    self.notices.push(p);
                }
                "roles.tsv" => {
                    let modifier = match c[2] {
                        "head" => false,
                        "modifier" => true,
                        s => return Err(bad(line, format!("unknown position {s:?}"))),
                    };
                    self.roles.insert(
                        c[0].to_lowercase(),
                        RoleWord {
                            role: c[1].to_string(),
                            modifier,
                        },
                    );
                }
                "seniority.tsv" => {
                    self.seniority.insert(c[0].to_lowercase());
                }
                "org-roles.tsv" => {
                    self.org_roles.insert(c[0].to_lowercase(), c[1].to_string());
                }
                "outlets.tsv" => match c[1] {
                    "name" => {
                        let w = words(c[0]);
                        self.outlet_names.insert(w.join(" "), w.len());
                    }
                    "head" => {
                        self.outlet_heads.insert(c[0].to_lowercase());
                    }
                    s => return Err(bad(line, format!("unknown outlet kind {s:?}"))),
                },
                "documents.tsv" => {
                    self.documents.insert(c[0].to_lowercase());
                }
                _ => return Err(bad(0, "unknown cue file".into())),
            }
        }
        // Longest phrases first, so "could not be independently verified" wins over "denied".
        self.phrases
            .sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        self.notices
            .sort_by_key(|p| std::cmp::Reverse(p.words.len()));
        Ok(())
    }

    /// The reporting verb a word form is, if any (case-insensitive).
    pub fn verb(&self, form: &str) -> Option<&Verb> {
        self.verbs.get(lower(form).as_ref())
    }

    /// How often `lemma` tagged `upos` ("VERB", "NOUN") was a cue in the annotated text the
    /// lexicon was learnt from.
    pub fn learnt(&self, lemma: &str, upos: &str) -> Option<LearntCue> {
        self.learnt
            .get(&(lemma.to_lowercase(), upos.to_uppercase()))
            .copied()
    }

    /// How often the parse-read frame of a verb form (`reads.tsv`) gave a claim whose cue
    /// was a gold cue in the annotated text it was learnt from: `total` reads, `cue` right.
    pub fn reads(&self, form: &str) -> Option<LearntCue> {
        self.reads.get(lower(form).as_ref()).copied()
    }

    /// The trained cue classifier (`cue-model.tsv`).
    pub fn model(&self) -> &model::CueModel {
        &self.model
    }

    /// A copy of this lexicon whose learnt counts are those of `learnt` (a `learnt.tsv` text)
    /// and `reads` (a `reads.tsv` text) alone: the counts of other documents, for
    /// cross-validating and cross-fitting the trained models.
    pub fn with_counts(&self, learnt: &str, reads: &str) -> Result<Cues> {
        let mut out = self.clone();
        out.learnt.clear();
        out.reads.clear();
        out.add_file("learnt.tsv", learnt)?;
        out.add_file("reads.tsv", reads)?;
        Ok(out)
    }

    /// The text of a built-in cue file (`"learnt.tsv"`), if there is one of that name.
    pub fn builtin_file(name: &str) -> Option<&'static str> {
        FILES.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
    }

    /// Multi-word cues, longest first.
    pub fn phrases(&self) -> &[Phrase] {
        &self.phrases
    }

    /// Notice phrases, longest first.
    pub fn notices(&self) -> &[NoticePhrase] {
        &self.notices
    }

    /// The hedge class of a word, if it is one.
    pub fn hedge(&self, word: &str) -> Option<HedgeClass> {
        self.hedges.get(lower(word).as_ref()).copied()
    }

    /// True for hedging adverbs ("reportedly", "allegedly").
    pub fn is_hedge_adverb(&self, word: &str) -> bool {
        self.hedge(word) == Some(HedgeClass::Adverb)
    }

    /// The role a word gives an anonymous source.
    pub fn role(&self, word: &str) -> Option<&RoleWord> {
        self.roles.get(lower(word).as_ref())
    }

    /// The role a word of an organisation's name or head gives it ("ministry" → "government",
    /// "hospital" → "hospital", "intelligence" → "intelligence"), from `org-roles.tsv`.
    pub fn org_role(&self, word: &str) -> Option<&str> {
        self.org_roles.get(lower(word).as_ref()).map(String::as_str)
    }

    /// True for seniority words ("senior", "top").
    pub fn is_seniority(&self, word: &str) -> bool {
        self.seniority.contains(lower(word).as_ref())
    }

    /// True when the words (lowercase, space-joined) name a known outlet ("reuters").
    pub fn is_outlet_name(&self, words: &str) -> bool {
        self.outlet_names.contains_key(lower(words).as_ref())
    }

    /// The most words an outlet name has.
    pub fn outlet_max_words(&self) -> usize {
        self.outlet_names.values().copied().max().unwrap_or(0)
    }

    /// True for nouns that make a phrase an outlet ("newspaper", "media").
    pub fn is_outlet_head(&self, word: &str) -> bool {
        self.outlet_heads.contains(lower(word).as_ref())
    }

    /// True for nouns that make a phrase a document ("statement", "report").
    pub fn is_document(&self, word: &str) -> bool {
        self.documents.contains(lower(word).as_ref())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_files_parse_sorted_and_unique() {
        for (name, text) in FILES {
            let rows = rows(name, text).unwrap_or_else(|e| panic!("{e}"));
            assert!(!rows.is_empty(), "{name} is empty");
            // learnt.tsv is keyed on lemma and part of speech together.
            let key = |r: &[&str]| {
                if *name == "learnt.tsv" {
                    (r[0].to_string(), r[1].to_string())
                } else {
                    (r[0].to_string(), String::new())
                }
            };
            for w in rows.windows(2) {
                assert!(
                    key(&w[0].1) < key(&w[1].1),
                    "{name}:{}: {:?} should come after {:?} (sorted, unique)",
                    w[1].0,
                    w[0].1[0],
                    w[1].1[0]
                );
            }
            let mut c = Cues::default();
            c.add_file(name, text).unwrap_or_else(|e| panic!("{e}"));
        }
        let text = FILES[0].1;
        assert!(text.contains("# source:") && text.contains("# licence:"));
        assert!(text.contains("# version:"));
    }

    #[test]
    fn lookups() {
        let c = Cues::builtin();
        assert_eq!(c.verb("Said").unwrap().class, CueClass::Report);
        assert_eq!(c.verb("denied").unwrap().class, CueClass::Denial);
        assert!(c.verb("talks").is_none());
        let said = c.learnt("say", "VERB").unwrap();
        assert!(said.precision() > 0.5 && said.total >= said.cue);
        let told = c.reads("Told").unwrap();
        assert!(told.precision() > 0.5 && told.total >= told.cue);
        assert!(Cues::builtin_file("reads.tsv").is_some_and(|t| t.contains("form\tread\tcue")));
        assert!(Cues::builtin_file("other.tsv").is_none());
        // Counts of other documents replace the built-in ones as a whole.
        let fold = c
            .with_counts(
                "lemma\tupos\tcue\ttotal\nmutter\tVERB\t4\t5\n",
                "form\tread\tcue\nmuttered\t6\t5\n",
            )
            .unwrap();
        assert!(fold.learnt("say", "VERB").is_none() && fold.reads("told").is_none());
        assert_eq!(fold.learnt("mutter", "VERB").map(|l| l.cue), Some(4));
        assert_eq!(fold.reads("Muttered").map(|r| r.total), Some(6));
        assert!(fold.verb("said").is_some());
        assert!(c
            .with_counts("lemma\tupos\tcue\ttotal\nx\tVERB\t9\t1\n", "")
            .is_err());
        assert!(c.phrases().iter().any(|p| p.words == ["according", "to"]));
        assert!(c.is_outlet_name("Associated Press"));
        assert!(c.is_outlet_head("broadcaster"));
        assert!(c.is_document("statement"));
        assert!(c.role("intelligence").unwrap().modifier);
        assert!(c
            .notices()
            .iter()
            .any(|n| n.kind == NoticeKind::NoComment && n.needs_negation));
    }

    #[test]
    fn bad_rows_are_errors_with_lines() {
        let mut c = Cues::default();
        let e = c
            .add_file(
                "verbs.tsv",
                "# x\nform\tlemma\tclass\tframe\nsaid\tsay\tloud\t-\n",
            )
            .unwrap_err();
        assert!(e.to_string().contains("verbs.tsv:3"), "{e}");
        assert!(c.add_file("verbs.tsv", "word\n").is_err());
        assert!(c.add_file("other.tsv", "word\n").is_err());
    }

    #[test]
    fn user_files_extend_and_override() {
        let dir = std::env::temp_dir().join(format!("byline-cues-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("cues")).unwrap();
        std::fs::write(
            dir.join("cues/verbs.tsv"),
            "form\tlemma\tclass\tframe\nmurmured\tmurmur\treport\t-\nsaid\tsay\tbelief\t-\n",
        )
        .unwrap();
        let c = Cues::with_dirs(std::slice::from_ref(&dir)).unwrap();
        assert_eq!(c.verb("murmured").unwrap().lemma, "murmur");
        assert_eq!(c.verb("said").unwrap().class, CueClass::Belief);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
