//! The actor lexicon: countries, capitals, demonyms, international organisations, armed and
//! political groups, state institutions, office holders with dated roles, and titles.
//!
//! Built-in data lives in `data/actors/*.tsv` (human-readable, sorted, each with a header naming
//! its source, licence and version). Users extend or override it with their own folders of files
//! in the same format ([`Actors::with_dirs`]): a user row whose name is already known replaces
//! the built-in row.
//!
//! Surface forms are compared through [`key`]: lowercase, diacritics folded, hyphens and
//! apostrophes ignored, so *As-Suwayda*, *as Suwayda* and *Sweida* (an alias) all reach the
//! same entry.
//!
//! ```
//! use byline_lexicon::actors::{Actors, Via};
//! use byline_model::ActorKind;
//!
//! let lex = Actors::builtin();
//! let israel = lex.adjective("Israeli").unwrap();
//! assert_eq!((israel.name.as_str(), israel.code.as_deref()), ("Israel", Some("ISR")));
//! let hit = lex.lookup("Sweida").unwrap();
//! assert_eq!(hit.entry.name, "Suwayda");
//! assert_eq!(lex.lookup("Damascus").unwrap().via, Via::Capital);
//! let idf = lex.lookup("IDF").unwrap().entry;
//! assert_eq!((idf.kind, idf.code.as_deref()), (ActorKind::Military, Some("ISRMIL")));
//! let president = lex.office_holder("President", "USA", "2025-09-16").unwrap();
//! assert_eq!(president.name, "Donald Trump");
//! ```

mod data;
mod key;
mod parse;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

pub use byline_model::ActorKind;
pub use key::key;

pub use crate::error::{Error, Result};

/// One known actor: a country, place, organisation, group, institution or person.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Canonical name ("Israel", "Israel Defense Forces", "Ahmed al-Sharaa").
    pub name: String,
    /// What kind of participant.
    pub kind: ActorKind,
    /// ISO 3166-1 alpha-3 code of the country it belongs to, if any.
    pub country: Option<String>,
    /// CAMEO-style actor code (`ISR`, `ISRMIL`, `SYRGOV`, `IGOUNO`).
    pub code: Option<String>,
    /// Other names, short names, acronyms and transliteration variants.
    pub aliases: Vec<String>,
    /// Adjectives and demonyms that stand for it ("Israeli", "Israelis").
    pub adjectives: Vec<String>,
    /// Capitals (countries only) that stand for its government.
    pub capitals: Vec<String>,
}

/// A dated office: who held which title, where, when.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Role {
    /// Index of the person in [`Actors::entries`].
    pub person: usize,
    /// The title as written in the lexicon ("President", "Foreign Minister").
    pub title: String,
    /// ISO alpha-3 of the state.
    pub country: String,
    /// First day, ISO 8601 (`2025-01-20`).
    pub from: String,
    /// Last day, ISO 8601; `None` while in office.
    pub to: Option<String>,
}

impl Role {
    /// True when the role was held on `date` (ISO 8601; compared as text).
    pub fn held_on(&self, date: &str) -> bool {
        let date = date.get(..10).unwrap_or(date);
        self.from.as_str() <= date && self.to.as_deref().is_none_or(|to| date <= to)
    }

    /// "President of Syria": the title followed by the state's short name.
    pub fn describe(&self, lex: &Actors) -> String {
        match lex.country(&self.country) {
            Some(c) => format!("{} of {}", self.title, c.name),
            None => self.title.clone(),
        }
    }
}

/// A title or rank ("Foreign Minister", "General") and the sector it places its holder in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Title {
    /// The title as written.
    pub title: String,
    /// The CAMEO role suffix its holders get (`GOV`, `MIL`, `COP`, `LEG`, `JUD`, `OPP`).
    pub sector: String,
    /// The office it names, shared by its synonyms ("Secretary of State" and "Foreign
    /// Secretary" both name "Foreign Minister").
    pub office: String,
}

/// How a surface form reached its entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Via {
    /// The canonical name.
    Name,
    /// An alias, short name, acronym or transliteration.
    Alias,
    /// A demonym or adjective ("Israeli", "American", "Western").
    Adjective,
    /// A country's capital (which may stand for its government).
    Capital,
    /// A person's surname or the last part of a multi-word name.
    Surname,
}

/// A surface form found in the lexicon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hit<'a> {
    /// The entry it names.
    pub entry: &'a Entry,
    /// Index of the entry in [`Actors::entries`].
    pub index: usize,
    /// How it was named.
    pub via: Via,
}

/// The loaded actor lexicon.
#[derive(Clone, Debug, Default)]
pub struct Actors {
    entries: Vec<Entry>,
    roles: Vec<Role>,
    titles: Vec<Title>,
    surfaces: HashMap<String, Vec<(usize, Via)>>,
    title_keys: HashMap<String, usize>,
    /// Every key of `surfaces`, sorted: answers "does any surface start so?" by binary search.
    sorted_keys: Vec<String>,
    max_words: usize,
}

impl Actors {
    /// The built-in lexicon, parsed once per process.
    pub fn builtin() -> &'static Actors {
        static BUILTIN: OnceLock<Actors> = OnceLock::new();
        BUILTIN.get_or_init(|| {
            // The built-in files are checked by the tests; a bad row is skipped, never fatal.
            let mut lex = Actors::default();
            for (name, text) in data::FILES {
                let _ = lex.add_file(name, text);
            }
            lex.index();
            lex
        })
    }

    /// The built-in lexicon extended and overridden by every `*.tsv` file in `dirs`.
    pub fn with_dirs(dirs: &[PathBuf]) -> Result<Actors> {
        let mut lex = Actors::builtin().clone();
        for dir in dirs {
            lex.add_dir(dir)?;
        }
        lex.index();
        Ok(lex)
    }

    fn add_dir(&mut self, dir: &Path) -> Result<()> {
        for path in crate::files::tsv_in(dir)? {
            let text = crate::files::read(&path)?;
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            self.add_file(&name, &text).map_err(|e| match e {
                Error::Parse { line, message, .. } => Error::Parse {
                    file: path.display().to_string(),
                    line,
                    message,
                },
                other => other,
            })?;
        }
        Ok(())
    }

    /// Adds one file's rows; `name` decides its format (`people*`, `titles*`, anything else holds
    /// entries).
    fn add_file(&mut self, name: &str, text: &str) -> Result<()> {
        if name.starts_with("people") {
            for row in parse::people(name, text)? {
                let idx = self.upsert(row.entry);
                for mut role in row.roles {
                    role.person = idx;
                    if !self.roles.contains(&role) {
                        self.roles.push(role);
                    }
                }
            }
        } else if name.starts_with("titles") {
            for t in parse::titles(name, text)? {
                match self
                    .titles
                    .iter_mut()
                    .find(|x| key(&x.title) == key(&t.title))
                {
                    Some(x) => *x = t,
                    None => self.titles.push(t),
                }
            }
        } else {
            for e in parse::entries(name, text)? {
                self.upsert(e);
            }
        }
        Ok(())
    }

    /// Inserts an entry, or replaces the one of the same name and kind (user overrides);
    /// person rows repeated for several roles merge their aliases.
    fn upsert(&mut self, e: Entry) -> usize {
        let k = key(&e.name);
        if let Some(i) = self
            .entries
            .iter()
            .position(|x| key(&x.name) == k && (x.kind == e.kind || x.kind != ActorKind::Person))
        {
            let old = &mut self.entries[i];
            if e.kind == ActorKind::Person && old.kind == ActorKind::Person {
                for a in e.aliases {
                    if !old.aliases.contains(&a) {
                        old.aliases.push(a);
                    }
                }
                if old.country.is_none() {
                    old.country = e.country;
                }
                if old.code.is_none() {
                    old.code = e.code;
                }
            } else {
                *old = e;
            }
            i
        } else {
            self.entries.push(e);
            self.entries.len() - 1
        }
    }

    /// Rebuilds the surface index after loading.
    fn index(&mut self) {
        let mut surfaces: HashMap<String, Vec<(usize, Via)>> = HashMap::new();
        let mut add = |s: &str, i: usize, via: Via| {
            let k = key(s);
            if k.is_empty() {
                return;
            }
            let v = surfaces.entry(k).or_default();
            if !v.iter().any(|&(j, w)| j == i && w == via) {
                v.push((i, via));
            }
        };
        for (i, e) in self.entries.iter().enumerate() {
            add(&e.name, i, Via::Name);
            for a in &e.aliases {
                add(a, i, Via::Alias);
            }
            for a in &e.adjectives {
                add(a, i, Via::Adjective);
            }
            for c in &e.capitals {
                add(c, i, Via::Capital);
            }
        }
        // Surnames of people: the last word, and the part after a particle ("al-Sharaa").
        for (i, e) in self.entries.iter().enumerate() {
            if e.kind != ActorKind::Person {
                continue;
            }
            for n in std::iter::once(&e.name).chain(e.aliases.iter()) {
                for s in surnames(n) {
                    let k = key(&s);
                    let v = surfaces.entry(k).or_default();
                    if !v.iter().any(|&(j, _)| j == i) {
                        v.push((i, Via::Surname));
                    }
                }
            }
        }
        // Best first: names before aliases before adjectives, capitals and surnames.
        for v in surfaces.values_mut() {
            v.sort_by_key(|&(i, via)| (via_rank(via), i));
        }
        self.max_words = surfaces
            .keys()
            .map(|k| k.split(' ').count())
            .max()
            .unwrap_or(1);
        self.title_keys = self
            .titles
            .iter()
            .enumerate()
            .map(|(i, t)| (key(&t.title), i))
            .collect();
        let mut sorted_keys: Vec<String> = surfaces.keys().cloned().collect();
        sorted_keys.sort_unstable();
        self.sorted_keys = sorted_keys;
        self.surfaces = surfaces;
    }

    /// Every entry, in load order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// Every dated role.
    pub fn roles(&self) -> &[Role] {
        &self.roles
    }

    /// Every title.
    pub fn titles(&self) -> &[Title] {
        &self.titles
    }

    /// The most words any surface form has (for longest-match scans).
    pub fn max_words(&self) -> usize {
        self.max_words
    }

    /// The best entry a surface form names: a name, alias, demonym, capital or surname.
    pub fn lookup(&self, surface: &str) -> Option<Hit<'_>> {
        self.lookup_all(surface).next()
    }

    /// Every entry a surface form may name, best first.
    pub fn lookup_all(&self, surface: &str) -> impl Iterator<Item = Hit<'_>> + '_ {
        self.lookup_all_key(&key(surface))
    }

    /// Every entry a surface form whose [`key`] is `k` may name, best first (as
    /// [`Actors::lookup_all`], for callers that already hold the key).
    pub fn lookup_all_key(&self, k: &str) -> impl Iterator<Item = Hit<'_>> + '_ {
        self.surfaces
            .get(k)
            .into_iter()
            .flatten()
            .map(|&(index, via)| Hit {
                entry: &self.entries[index],
                index,
                via,
            })
    }

    /// True when some surface form's [`key`] starts with `prefix` (a key too). Longest-match
    /// scans stop growing a span once this fails: the key of a longer span starts with the key
    /// of a shorter one.
    pub fn has_key_prefix(&self, prefix: &str) -> bool {
        let at = self.sorted_keys.partition_point(|k| k.as_str() < prefix);
        self.sorted_keys
            .get(at)
            .is_some_and(|k| k.starts_with(prefix))
    }

    /// The entry a demonym, country adjective or group name stands for: "Israeli" → Israel,
    /// "American" / "US" → United States, "Western" → the West, "Druze" → the Druze.
    /// Plural demonyms ("Israelis") work too.
    pub fn adjective(&self, word: &str) -> Option<&Entry> {
        let mut best: Option<(u8, &Entry)> = None;
        for hit in self.lookup_all(word) {
            let rank = match hit.via {
                Via::Adjective => 0,
                Via::Name | Via::Alias if hit.entry.kind != ActorKind::Person => 1,
                _ => continue,
            };
            if best.is_none_or(|(r, _)| rank < r) {
                best = Some((rank, hit.entry));
            }
        }
        best.map(|(_, e)| e)
    }

    /// The country entry with ISO alpha-3 code `iso3`.
    pub fn country(&self, iso3: &str) -> Option<&Entry> {
        self.entries
            .iter()
            .find(|e| e.kind == ActorKind::Country && e.code.as_deref() == Some(iso3))
    }

    /// A canonical title ("foreign minister" → "Foreign Minister"), if known.
    pub fn title(&self, words: &str) -> Option<&Title> {
        self.title_keys.get(&key(words)).map(|&i| &self.titles[i])
    }

    /// The office a title names: "Secretary of State" → "foreign minister" (a [`key`]).
    pub fn office(&self, title: &str) -> String {
        match self.title(title) {
            Some(t) => key(&t.office),
            None => key(title),
        }
    }

    /// Who held `title` (or a title naming the same office) in `country` (ISO alpha-3) on
    /// `date` (ISO 8601).
    pub fn office_holder(&self, title: &str, country: &str, date: &str) -> Option<&Entry> {
        let office = self.office(title);
        self.roles
            .iter()
            .filter(|r| r.country == country && r.held_on(date) && self.office(&r.title) == office)
            .map(|r| &self.entries[r.person])
            .next()
    }

    /// The roles a person (by index) held on `date`, or all of them when `date` is `None`.
    pub fn roles_of(&self, person: usize, date: Option<&str>) -> Vec<&Role> {
        self.roles
            .iter()
            .filter(|r| r.person == person && date.is_none_or(|d| r.held_on(d)))
            .collect()
    }
}

fn via_rank(via: Via) -> u8 {
    match via {
        Via::Name => 0,
        Via::Alias => 1,
        Via::Capital => 2,
        Via::Adjective => 3,
        Via::Surname => 4,
    }
}

/// Surnames a multi-word person name may be re-mentioned by: the last word, and from an Arabic
/// particle on ("Ahmed al-Sharaa" → "al-Sharaa", "Sharaa"; "Mohammad bin Salman" → "bin Salman").
fn surnames(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    let mut out = Vec::new();
    if words.len() < 2 {
        return out;
    }
    let last = words[words.len() - 1];
    // A regnal number is no surname ("Juan Carlos I", "Hassan II").
    if last.chars().all(|c| matches!(c, 'I' | 'V' | 'X')) {
        return out;
    }
    out.push(last.to_string());
    if let Some((particle, rest)) = last.split_once('-') {
        if matches!(
            particle.to_lowercase().as_str(),
            "al" | "el" | "as" | "ash" | "ad"
        ) {
            out.push(rest.to_string());
        }
    }
    for (i, w) in words.iter().enumerate().skip(1) {
        if matches!(
            w.to_lowercase().as_str(),
            "bin" | "ibn" | "bint" | "abu" | "al" | "el" | "van" | "von" | "de" | "da" | "di"
        ) && i + 1 < words.len()
        {
            out.push(words[i..].join(" "));
            break;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_prefixes_of_longer_surfaces() {
        let lex = Actors::builtin();
        let k = key("United Nations Security Council");
        assert!(lex.lookup_all_key(&k).next().is_some());
        for prefix in ["united", "united nations security", "united nat", ""] {
            assert!(lex.has_key_prefix(prefix), "{prefix}");
        }
        assert!(!lex.has_key_prefix("united nations zzz"));
        assert!(!lex.has_key_prefix("qqqxq"));
        // The ASCII fast path of `key` and the general path agree.
        assert_eq!(key("Foo-BAR 42 Nicolás"), "foo bar 42 nicolas");
    }

    #[test]
    fn demonyms_and_groups() {
        let lex = Actors::builtin();
        for (w, name) in [
            ("Israeli", "Israel"),
            ("Israelis", "Israel"),
            ("Syrian", "Syria"),
            ("US", "United States"),
            ("American", "United States"),
            ("U.S.", "United States"),
            ("Western", "the West"),
            ("Druze", "Druze"),
        ] {
            assert_eq!(lex.adjective(w).map(|e| e.name.as_str()), Some(name), "{w}");
        }
    }

    #[test]
    fn surnames_and_variants() {
        let lex = Actors::builtin();
        let h = lex.lookup("al-Sharaa").unwrap();
        assert_eq!(
            (h.entry.name.as_str(), h.via),
            ("Ahmed al-Sharaa", Via::Alias)
        );
        assert_eq!(lex.lookup("Lavrov").unwrap().entry.name, "Sergei Lavrov");
        assert_eq!(lex.lookup("As-Suwayda").unwrap().entry.name, "Suwayda");
        assert_eq!(lex.lookup("Dermer").unwrap().entry.name, "Ron Dermer");
        assert_eq!(surnames("Mohammad bin Salman"), ["Salman", "bin Salman"]);
        assert!(surnames("Juan Carlos I").is_empty());
    }

    #[test]
    fn office_holders_of_earlier_decades() {
        let lex = Actors::builtin();
        let h = lex.lookup("Kohl").unwrap();
        assert_eq!(
            (h.entry.name.as_str(), h.entry.code.as_deref(), h.via),
            ("Helmut Kohl", Some("DEUGOV"), Via::Surname)
        );
        let p = lex.office_holder("President", "USA", "1986-05-01").unwrap();
        assert_eq!(p.name, "Ronald Reagan");
        let p = lex
            .office_holder("Prime Minister", "GBR", "1993-01-01")
            .unwrap();
        assert_eq!(p.name, "John Major");
        assert_eq!(lex.lookup("Soviet Union").unwrap().entry.name, "Russia");
    }

    #[test]
    fn roles_by_date() {
        let lex = Actors::builtin();
        assert_eq!(
            lex.office_holder("president", "USA", "2019-10-27")
                .unwrap()
                .name,
            "Donald Trump"
        );
        assert_eq!(
            lex.office_holder("President", "USA", "2022-01-01")
                .unwrap()
                .name,
            "Joe Biden"
        );
        let h = lex.lookup("Ahmed al-Sharaa").unwrap();
        let roles = lex.roles_of(h.index, Some("2025-09-16"));
        assert_eq!(roles[0].describe(lex), "President of Syria");
    }

    #[test]
    fn data_files_are_sorted_unique_with_header() {
        for (name, text) in data::FILES {
            let header: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
            for field in ["# source:", "# licence:", "# version:", "# columns:"] {
                assert!(
                    header.iter().any(|l| l.starts_with(field)),
                    "{name}: header lacks {field}"
                );
            }
            let rows: Vec<&str> = text.lines().filter(|l| !l.starts_with('#')).collect();
            assert!(!rows.is_empty(), "{name}: no rows");
            for w in rows.windows(2) {
                assert!(w[0] < w[1], "{name}: {:?} must come after {:?}", w[0], w[1]);
            }
            for r in &rows {
                assert!(!r.trim().is_empty(), "{name}: blank line");
            }
        }
        // Every built-in file parses.
        let mut lex = Actors::default();
        for (name, text) in data::FILES {
            lex.add_file(name, text).unwrap();
        }
        assert!(lex.entries().len() > 600);
    }

    #[test]
    fn every_un_member_and_capital() {
        let lex = Actors::builtin();
        let countries = lex
            .entries()
            .iter()
            .filter(|e| e.kind == ActorKind::Country)
            .count();
        assert!(countries >= 195, "{countries} countries");
        for e in lex.entries() {
            if let Some(c) = &e.country {
                assert!(lex.country(c).is_some(), "{}: unknown country {c}", e.name);
            }
        }
    }

    #[test]
    fn user_files_extend_and_override() {
        let dir = std::env::temp_dir().join(format!("byline-lex-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("mine.tsv"),
            "# source: test; licence: CC0; version: 1\n\
             # name\tkind\tcountry\tcode\taliases\tadjectives\tcapitals\n\
             Freedonia\tcountry\tFRE\tFRE\tRepublic of Freedonia\tFreedonian\tFredville\n",
        )
        .unwrap();
        let lex = Actors::with_dirs(std::slice::from_ref(&dir)).unwrap();
        assert_eq!(lex.adjective("Freedonian").unwrap().name, "Freedonia");
        assert_eq!(lex.lookup("Fredville").unwrap().via, Via::Capital);
        std::fs::write(dir.join("bad.tsv"), "Freedonia\tnot-a-kind\n").unwrap();
        assert!(matches!(
            Actors::with_dirs(std::slice::from_ref(&dir)),
            Err(Error::Parse { line: 1, .. })
        ));
        let _ = std::fs::remove_dir_all(&dir);
    }
}
