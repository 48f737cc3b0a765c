//! PLOVER event patterns: verbs and nouns (with particles and fixed words) that signal a
//! who-did-what-to-whom event, each with its PLOVER type and mode and the nearest CAMEO root code;
//! and the GDELT-style tables keyed by CAMEO root (QuadClass, a Goldstein-like score).
//!
//! Built-in patterns live in `data/events/patterns.tsv` (sorted, with a header naming source,
//! licence and version). Users add or override patterns with their own `*.tsv` files in the same
//! format ([`EventPatterns::with_dirs`]); a user row with the same phrase and part of speech
//! replaces the built-in one.
//!
//! A pattern's head word is inflected automatically (`supply` → `supplies`, `supplied`,
//! `supplying`; nouns get plurals), so the index is keyed by surface forms:
//!
//! ```
//! use byline_lexicon::events::{goldstein, quad_class, EventPatterns, Pos};
//! use byline_model::EventType;
//!
//! let lex = EventPatterns::builtin();
//! let hit = lex.by_form("supplying").next().unwrap();
//! assert_eq!((hit.kind, hit.cameo.as_str(), hit.pos), (EventType::Aid, "07", Pos::Verb));
//! assert!(lex.by_form("airstrikes").any(|p| p.kind == EventType::Assault));
//! assert!(lex.by_form("ruled").any(|p| p.words == ["rule", "out"]));
//! assert_eq!(quad_class("19"), Some(4));
//! assert_eq!(goldstein("07"), Some(7.0));
//! ```

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use byline_model::EventType;

/// The built-in pattern file.
const BUILTIN: &str = include_str!("../data/events/patterns.tsv");

pub use crate::error::{Error, Result};

/// Part of speech of a pattern's head.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Pos {
    /// A verb: the first word is the head, later words are particles or fixed words.
    Verb,
    /// A noun: the last word is the head, earlier words are fixed modifiers.
    Noun,
}

/// One event pattern.
#[derive(Clone, Debug, PartialEq)]
pub struct Pattern {
    /// Lowercase words of the phrase, lemma form ("rule", "out").
    pub words: Vec<String>,
    /// Verb or noun.
    pub pos: Pos,
    /// PLOVER type.
    pub kind: EventType,
    /// PLOVER mode or context ("military", "visit"), if any.
    pub mode: Option<String>,
    /// Nearest CAMEO root code, two digits.
    pub cameo: String,
    /// Either participant may be the actor ("meet", "talks").
    pub symmetric: bool,
    /// A light verb ("impose", "launch") that gives way to an event noun it governs.
    pub light: bool,
    /// Every surface form of the head word.
    pub forms: Vec<String>,
}

impl Pattern {
    /// Index of the head word in [`Pattern::words`].
    pub fn head(&self) -> usize {
        match self.pos {
            Pos::Verb => 0,
            Pos::Noun => self.words.len().saturating_sub(1),
        }
    }
}

/// The loaded event patterns, indexed by the surface forms of their heads.
#[derive(Clone, Debug, Default)]
pub struct EventPatterns {
    patterns: Vec<Pattern>,
    by_form: HashMap<String, Vec<usize>>,
}

impl EventPatterns {
    /// The built-in patterns, parsed once per process.
    pub fn builtin() -> &'static EventPatterns {
        static LEX: OnceLock<EventPatterns> = OnceLock::new();
        LEX.get_or_init(|| {
            // The built-in file is checked by the tests; a bad row could only be skipped.
            let mut lex = EventPatterns::default();
            let _ = lex.add_text("patterns.tsv", BUILTIN);
            lex.index();
            lex
        })
    }

    /// The built-in patterns extended and overridden by every `*.tsv` file under
    /// `dirs/events/` (or directly in `dirs` when a folder has no `events` subfolder).
    pub fn with_dirs(dirs: &[PathBuf]) -> Result<EventPatterns> {
        let mut lex = EventPatterns::builtin().clone();
        for dir in dirs {
            let sub = dir.join("events");
            let dir = if sub.is_dir() { sub } else { dir.clone() };
            lex.add_dir(&dir)?;
        }
        lex.index();
        Ok(lex)
    }

    /// Parses patterns from TSV text (the format of `data/events/patterns.tsv`).
    pub fn parse(name: &str, text: &str) -> Result<EventPatterns> {
        let mut lex = EventPatterns::default();
        lex.add_text(name, text)?;
        lex.index();
        Ok(lex)
    }

    fn add_dir(&mut self, dir: &Path) -> Result<()> {
        for path in crate::files::tsv_in(dir)? {
            let text = crate::files::read(&path)?;
            self.add_text(&path.display().to_string(), &text)?;
        }
        Ok(())
    }

    fn add_text(&mut self, name: &str, text: &str) -> Result<()> {
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let p = parse_row(line).map_err(|message| Error::Parse {
                file: name.to_string(),
                line: i + 1,
                message,
            })?;
            match self
                .patterns
                .iter_mut()
                .find(|q| q.words == p.words && q.pos == p.pos)
            {
                Some(q) => *q = p,
                None => self.patterns.push(p),
            }
        }
        Ok(())
    }

    fn index(&mut self) {
        self.by_form.clear();
        for (i, p) in self.patterns.iter().enumerate() {
            for f in &p.forms {
                let ids = self.by_form.entry(f.clone()).or_default();
                if !ids.contains(&i) {
                    ids.push(i);
                }
            }
        }
    }

    /// Every pattern.
    pub fn patterns(&self) -> &[Pattern] {
        &self.patterns
    }

    /// Patterns whose head has the lowercase surface form `form`.
    pub fn by_form<'a>(&'a self, form: &str) -> impl Iterator<Item = &'a Pattern> + 'a {
        self.by_form
            .get(form)
            .map(|v| v.as_slice())
            .unwrap_or(&[])
            .iter()
            .map(|&i| &self.patterns[i])
    }
}

/// Parses one data row; the error is a message.
fn parse_row(line: &str) -> std::result::Result<Pattern, String> {
    let cols: Vec<&str> = line.split('\t').map(str::trim).collect();
    if cols.len() < 5 {
        return Err(format!(
            "expected at least 5 tab-separated columns, got {}",
            cols.len()
        ));
    }
    let field = |i: usize| cols.get(i).copied().filter(|s| !s.is_empty() && *s != "-");
    let words: Vec<String> = cols[0].split_whitespace().map(str::to_lowercase).collect();
    if words.is_empty() {
        return Err("empty phrase".into());
    }
    let pos = match cols[1] {
        "v" => Pos::Verb,
        "n" => Pos::Noun,
        other => return Err(format!("part of speech must be v or n, not {other:?}")),
    };
    let kind = plover_type(cols[2]).ok_or_else(|| format!("unknown PLOVER type {:?}", cols[2]))?;
    let cameo = cols[4];
    if quad_class(cameo).is_none() {
        return Err(format!("CAMEO root must be 01..20, not {cameo:?}"));
    }
    let mut symmetric = false;
    let mut light = false;
    for flag in field(5).unwrap_or("").split('|').filter(|f| !f.is_empty()) {
        match flag {
            "sym" => symmetric = true,
            "light" => light = true,
            other => return Err(format!("unknown flag {other:?}")),
        }
    }
    let head = match pos {
        Pos::Verb => 0,
        Pos::Noun => words.len() - 1,
    };
    let listed: Vec<String> = field(6)
        .unwrap_or("")
        .trim_start_matches('=')
        .split('|')
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty())
        .collect();
    let mut forms = if field(6).is_some_and(|f| f.starts_with('=')) {
        listed
    } else {
        let mut f = match pos {
            Pos::Verb => verb_forms(&words[head]),
            Pos::Noun => vec![words[head].clone(), plural(&words[head])],
        };
        f.extend(listed);
        f
    };
    forms.sort();
    forms.dedup();
    Ok(Pattern {
        words,
        pos,
        kind,
        mode: field(3).map(String::from),
        cameo: cameo.to_string(),
        symmetric,
        light,
        forms,
    })
}

/// The PLOVER type named `name` (upper case, as in `byline/1`).
pub fn plover_type(name: &str) -> Option<EventType> {
    Some(match name {
        "AGREE" => EventType::Agree,
        "CONSULT" => EventType::Consult,
        "SUPPORT" => EventType::Support,
        "CONCEDE" => EventType::Concede,
        "COOPERATE" => EventType::Cooperate,
        "AID" => EventType::Aid,
        "RETREAT" => EventType::Retreat,
        "REQUEST" => EventType::Request,
        "ACCUSE" => EventType::Accuse,
        "REJECT" => EventType::Reject,
        "THREATEN" => EventType::Threaten,
        "PROTEST" => EventType::Protest,
        "SANCTION" => EventType::Sanction,
        "MOBILIZE" => EventType::Mobilize,
        "COERCE" => EventType::Coerce,
        "ASSAULT" => EventType::Assault,
        _ => return None,
    })
}

/// The upper-case name of a PLOVER type, as written in `byline/1`.
pub fn plover_name(kind: EventType) -> &'static str {
    match kind {
        EventType::Agree => "AGREE",
        EventType::Consult => "CONSULT",
        EventType::Support => "SUPPORT",
        EventType::Concede => "CONCEDE",
        EventType::Cooperate => "COOPERATE",
        EventType::Aid => "AID",
        EventType::Retreat => "RETREAT",
        EventType::Request => "REQUEST",
        EventType::Accuse => "ACCUSE",
        EventType::Reject => "REJECT",
        EventType::Threaten => "THREATEN",
        EventType::Protest => "PROTEST",
        EventType::Sanction => "SANCTION",
        EventType::Mobilize => "MOBILIZE",
        EventType::Coerce => "COERCE",
        EventType::Assault => "ASSAULT",
    }
}

/// Goldstein-like score of each CAMEO root `01`..`20` (cooperation positive, conflict negative),
/// the root-level values GDELT users know.
const GOLDSTEIN: [f32; 20] = [
    0.0, 3.0, 4.0, 1.0, 3.5, 6.0, 7.0, 5.0, -2.0, -5.0, -2.0, -4.0, -6.0, -6.5, -7.2, -4.0, -7.0,
    -9.0, -10.0, -10.0,
];

fn root_index(cameo: &str) -> Option<usize> {
    let root = cameo.get(..2)?;
    let n: usize = root.parse().ok()?;
    (1..=20).contains(&n).then_some(n - 1)
}

/// GDELT QuadClass of a CAMEO code (its first two digits): 1 verbal cooperation (01–05),
/// 2 material cooperation (06–08), 3 verbal conflict (09–13), 4 material conflict (14–20).
pub fn quad_class(cameo: &str) -> Option<u8> {
    let i = root_index(cameo)? + 1;
    Some(match i {
        1..=5 => 1,
        6..=8 => 2,
        9..=13 => 3,
        _ => 4,
    })
}

/// A Goldstein-like score (−10 … +10) of a CAMEO code, from its root.
pub fn goldstein(cameo: &str) -> Option<f32> {
    root_index(cameo).map(|i| GOLDSTEIN[i])
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// True for one-syllable consonant-vowel-consonant words that double their last letter
/// (`ban` → `banned`, `stab` → `stabbing`).
fn doubles(w: &str) -> bool {
    let b = w.as_bytes();
    let n = b.len();
    if n < 3 || !b.iter().all(u8::is_ascii_lowercase) {
        return false;
    }
    let groups = b
        .iter()
        .enumerate()
        .filter(|&(i, &c)| is_vowel(c) && (i == 0 || !is_vowel(b[i - 1])))
        .count();
    groups == 1
        && !is_vowel(b[n - 1])
        && !matches!(b[n - 1], b'w' | b'x' | b'y')
        && is_vowel(b[n - 2])
        && !is_vowel(b[n - 3])
}

/// Third person singular or plural: `supply` → `supplies`, `clash` → `clashes`.
fn plural(w: &str) -> String {
    let b = w.as_bytes();
    let n = b.len();
    if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        format!("{}ies", &w[..n - 1])
    } else if w.ends_with('s')
        || w.ends_with('x')
        || w.ends_with('z')
        || w.ends_with("ch")
        || w.ends_with("sh")
        || (n >= 2 && b[n - 1] == b'o' && !is_vowel(b[n - 2]))
    {
        format!("{w}es")
    } else {
        format!("{w}s")
    }
}

/// Regular verb forms: base, -s, -ed, -ing.
fn verb_forms(w: &str) -> Vec<String> {
    let b = w.as_bytes();
    let n = b.len();
    let (ed, ing) = if doubles(w) {
        let last = &w[n - 1..];
        (format!("{w}{last}ed"), format!("{w}{last}ing"))
    } else if w.ends_with("ee") || w.ends_with("ye") || w.ends_with("oe") {
        (format!("{w}d"), format!("{w}ing"))
    } else if w.ends_with('e') {
        (format!("{w}d"), format!("{}ing", &w[..n - 1]))
    } else if n >= 2 && b[n - 1] == b'y' && !is_vowel(b[n - 2]) {
        (format!("{}ied", &w[..n - 1]), format!("{w}ing"))
    } else {
        (format!("{w}ed"), format!("{w}ing"))
    };
    vec![w.to_string(), plural(w), ed, ing]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builtin_file_is_sorted_unique_and_parses() {
        let mut last: Option<(String, String)> = None;
        for (i, line) in BUILTIN.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            parse_row(line).unwrap_or_else(|e| panic!("line {}: {e}", i + 1));
            let cols: Vec<&str> = line.split('\t').collect();
            let key = (cols[0].to_string(), cols[1].to_string());
            if let Some(prev) = &last {
                assert!(prev < &key, "line {}: {key:?} not after {prev:?}", i + 1);
            }
            last = Some(key);
        }
        let header: Vec<&str> = BUILTIN.lines().take_while(|l| l.starts_with('#')).collect();
        for word in ["source:", "licence:", "version:"] {
            assert!(
                header.iter().any(|l| l.contains(word)),
                "header lacks {word}"
            );
        }
    }

    #[test]
    fn covers_all_sixteen_types() {
        let lex = EventPatterns::builtin();
        for name in [
            "AGREE",
            "CONSULT",
            "SUPPORT",
            "CONCEDE",
            "COOPERATE",
            "AID",
            "RETREAT",
            "REQUEST",
            "ACCUSE",
            "REJECT",
            "THREATEN",
            "PROTEST",
            "SANCTION",
            "MOBILIZE",
            "COERCE",
            "ASSAULT",
        ] {
            let kind = plover_type(name).unwrap();
            assert_eq!(plover_name(kind), name);
            let n = lex.patterns().iter().filter(|p| p.kind == kind).count();
            assert!(n >= 5, "{name}: only {n} patterns");
        }
    }

    #[test]
    fn inflects_heads() {
        assert_eq!(
            verb_forms("supply"),
            ["supply", "supplies", "supplied", "supplying"]
        );
        assert_eq!(verb_forms("ban"), ["ban", "bans", "banned", "banning"]);
        assert_eq!(
            verb_forms("release"),
            ["release", "releases", "released", "releasing"]
        );
        assert_eq!(verb_forms("visit")[2], "visited");
        assert_eq!(verb_forms("shell")[2], "shelled");
        assert_eq!(plural("clash"), "clashes");
        assert_eq!(plural("veto"), "vetoes");
        let lex = EventPatterns::builtin();
        assert!(lex
            .by_form("met")
            .any(|p| p.kind == EventType::Consult && p.symmetric));
        assert!(lex.by_form("massed").any(|p| p.kind == EventType::Mobilize));
        assert!(lex.by_form("mass").next().is_none());
    }

    #[test]
    fn user_rows_override_and_bad_rows_fail() {
        let lex =
            EventPatterns::parse("mine.tsv", "# header\ncheer\tv\tSUPPORT\t-\t05\t-\t-\n").unwrap();
        assert_eq!(lex.by_form("cheered").next().unwrap().cameo, "05");
        let err = EventPatterns::parse("bad.tsv", "x\tv\tHUG\t-\t05\n").unwrap_err();
        assert!(err.to_string().contains("bad.tsv:1"));
        assert!(EventPatterns::parse("bad.tsv", "x\tq\tAID\t-\t07\n").is_err());
        assert!(EventPatterns::parse("bad.tsv", "x\tv\tAID\t-\t27\n").is_err());
    }

    #[test]
    fn gdelt_tables() {
        assert_eq!(quad_class("03"), Some(1));
        assert_eq!(quad_class("0874"), Some(2));
        assert_eq!(quad_class("11"), Some(3));
        assert_eq!(quad_class("20"), Some(4));
        assert_eq!(quad_class("21"), None);
        assert_eq!(goldstein("19"), Some(-10.0));
        assert_eq!(goldstein("x"), None);
    }
}
