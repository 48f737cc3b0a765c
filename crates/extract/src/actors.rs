//! The actors annotator: finds every mention of a participant (lexicon names, aliases, demonyms,
//! capitals, surnames; named entities from the NER model; title + name patterns; possessives;
//! definite descriptions such as "the president") and resolves them to actors of the report.
//!
//! Resolution, in document order:
//! - lexicon names and aliases name their entry (*Sweida* = *Suwayda*, *IDF* = Israel Defense
//!   Forces); a surname (*Dermer*) names a known person when the NER model or a title says it is
//!   a person, or when the person was already mentioned;
//! - a capital stands for its government unless a place preposition precedes it (*talks with
//!   Jerusalem* → ISR government, *in Paris* → Paris);
//! - a demonym before a government noun is the government (*Israeli officials* → ISRGOV), before
//!   a military noun the armed forces; a group adjective takes its people noun along (*Druze
//!   fighters*); otherwise a demonym is its country;
//! - a title before a name gives the person a role and, with a demonym, a country (*Syrian
//!   Foreign Minister Assad al-Shabani* → person, SYR, Foreign Minister);
//! - *X's forces* is the government forces of X's country; *Cuba's government* its government;
//! - *the president*, *the American president* is the latest person of the report holding that
//!   office (of that country), else the holder on the publication date from the role table;
//! - a single-word person name already part of an earlier person's name is that person.

use std::collections::HashMap;

use byline_lexicon::actors::{key, ActorKind, Actors as Lexicon, Entry, Via};
use byline_model::{Actor, Mention};
use byline_ner::{Entity, Ner};

use crate::context::Context;
use crate::{Config, Error, Result};

/// Nouns after a demonym that make it the government.
const GOV_NOUNS: &[&str] = &[
    "administration",
    "authorities",
    "authority",
    "cabinet",
    "delegation",
    "diplomats",
    "government",
    "leaders",
    "leadership",
    "ministers",
    "negotiators",
    "officials",
    "regime",
];

/// Nouns after a demonym (or a possessive) that make it the armed forces.
const MIL_NOUNS: &[&str] = &[
    "aircraft",
    "airstrikes",
    "army",
    "forces",
    "jets",
    "military",
    "soldiers",
    "troops",
];

/// People nouns a group adjective takes along ("Druze fighters").
const GROUP_NOUNS: &[&str] = &[
    "community",
    "factions",
    "fighters",
    "gunmen",
    "militias",
    "militiamen",
    "population",
    "protesters",
    "rebels",
];

/// Words that end a description before a name ("the British militant X" is described;
/// "British troops and X" is not).
const DESCRIPTION_STOPS: &[&str] = &[
    "a", "an", "and", "as", "at", "by", "for", "from", "in", "of", "on", "or", "said", "says",
    "the", "to", "told", "with",
];

/// Prepositions that name the other side of an act ("against Russia", "with Iran").
const COUNTERPART_PREPS: &[&str] = &["against", "on", "toward", "towards", "with"];

/// Words before a capital that make it a place rather than its government.
const PLACE_PREPS: &[&str] = &[
    "across", "around", "at", "from", "in", "inside", "into", "near", "outside", "through", "to",
    "toward", "towards", "via", "visit", "visited", "visiting",
];

/// What the actors annotator loads once and shares across documents.
#[derive(Debug)]
pub(crate) struct Actors {
    lex: Lexicon,
    ner: Option<Ner>,
}

/// Which actor a mention belongs to.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key {
    Entry(usize),
    Government(String),
    Military(String),
    Person(String),
    Other(String),
}

/// An actor being built.
struct Draft {
    name: String,
    kind: ActorKind,
    country: Option<String>,
    code: Option<String>,
    roles: Vec<String>,
    /// Name words, for re-mentions by one of them.
    words: Vec<String>,
    /// Byte ranges of its mentions.
    mentions: Vec<(usize, usize)>,
}

/// One token of a sentence with its text.
#[derive(Clone, Copy)]
struct Tok<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

fn is_capitalized(s: &str) -> bool {
    s.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// A word a lexicon name may start with: capitalised, or an Arabic article before a capitalised
/// name ("al-Assad", "as-Suwayda"), which the recogniser does not always tag.
fn is_name_start(s: &str) -> bool {
    is_capitalized(s)
        || s.split_once('-').is_some_and(|(article, rest)| {
            matches!(
                article,
                "al" | "el" | "as" | "ash" | "ad" | "an" | "ar" | "at" | "az"
            ) && is_capitalized(rest)
        })
}

fn is_all_caps(s: &str) -> bool {
    s.chars().any(char::is_uppercase) && !s.chars().any(char::is_lowercase)
}

impl Actors {
    /// Loads the lexicon (with the user's folders) and the NER model.
    pub(crate) fn load(config: &Config) -> Result<Actors> {
        let lex = if config.lexicon_dirs.is_empty() {
            Lexicon::builtin().clone()
        } else {
            Lexicon::with_dirs(&config.lexicon_dirs).map_err(|e| Error::Load {
                what: "actor lexicon".into(),
                message: e.to_string(),
            })?
        };
        let user_model = config
            .model_dir
            .as_ref()
            .map(|d| d.join("ner.bin"))
            .filter(|p| p.exists());
        let ner = match user_model {
            Some(p) => Some(Ner::from_path(&p).map_err(|e| Error::Load {
                what: p.display().to_string(),
                message: e.to_string(),
            })?),
            // A build without trained weights still resolves lexicon names.
            None => Ner::embedded().ok(),
        };
        Ok(Actors { lex, ner })
    }

    /// Fills the actors layer of the document.
    pub(crate) fn annotate(&self, cx: &mut Context) {
        let text = cx.doc.text.as_str();
        let date = cx.doc.published.clone();
        let sentences: Vec<Vec<Tok>> = cx
            .layout
            .sentences
            .iter()
            .map(|s| {
                cx.layout.tokens[s.tokens.clone()]
                    .iter()
                    .map(|t| Tok {
                        start: t.start,
                        end: t.end,
                        text: &text[t.start..t.end],
                    })
                    .collect()
            })
            .collect();
        let entities: Vec<Vec<Entity>> = match &self.ner {
            Some(ner) => {
                let words: Vec<Vec<&str>> = sentences
                    .iter()
                    .map(|s| s.iter().map(|t| t.text).collect())
                    .collect();
                ner.entities_document(&words)
            }
            None => vec![Vec::new(); sentences.len()],
        };
        let mut r = Resolver {
            lex: &self.lex,
            text,
            date: date.as_deref(),
            drafts: Vec::new(),
            by_key: HashMap::new(),
        };
        for (toks, ents) in sentences.iter().zip(&entities) {
            r.sentence(toks, ents);
        }
        cx.doc.actors = r.finish(cx);
    }
}

struct Resolver<'a> {
    lex: &'a Lexicon,
    text: &'a str,
    date: Option<&'a str>,
    drafts: Vec<Draft>,
    by_key: HashMap<Key, usize>,
}

/// What a stretch of tokens was found to be.
enum Found<'a> {
    Lexicon(&'a Entry, usize, Via),
    Entity(&'static str),
}

impl<'a> Resolver<'a> {
    /// The longest lexicon hit starting at token `i`: `(tokens, entry, index, via)`.
    fn lexicon_at(&self, toks: &[Tok], i: usize) -> Option<(usize, &'a Entry, usize, Via)> {
        if !is_name_start(toks[i].text) {
            return None;
        }
        let max = self.lex.max_words().min(toks.len() - i).min(12);
        // The longest span wins. Spans grow from one token and stop once no surface key starts
        // with the span's key (a longer span's key starts with a shorter one's).
        let mut best = None;
        for n in 1..=max {
            let last = &toks[i + n - 1];
            if n > 1 && !last.text.chars().any(char::is_alphanumeric) {
                continue;
            }
            let surface = &self.text[toks[i].start..last.end];
            let k = key(surface);
            if !self.lex.has_key_prefix(&k) {
                break;
            }
            for hit in self.lex.lookup_all_key(&k) {
                // An acronym in the lexicon matches only an acronym in the text ("WHO", not "Who").
                let acronym_only = hit.via == Via::Alias
                    && !is_all_caps(surface)
                    && hit
                        .entry
                        .aliases
                        .iter()
                        .any(|a| key(a) == k && is_all_caps(a))
                    && key(&hit.entry.name) != k;
                // "Russia today" is no "Russia Today": a name's capitalised last word must be
                // capitalised in the text.
                let lower_tail = n > 1
                    && !is_capitalized(last.text)
                    && std::iter::once(&hit.entry.name)
                        .chain(&hit.entry.aliases)
                        .filter(|a| key(a) == k)
                        .all(|a| a.split(' ').next_back().is_some_and(is_capitalized));
                if acronym_only || lower_tail {
                    continue;
                }
                best = Some((n, hit.entry, hit.index, hit.via));
                break;
            }
        }
        best
    }

    /// Entities without a leading title ("Foreign Minister Karim Haddad" → "Karim Haddad"):
    /// the title is context, not part of the name.
    fn trim_titles(&self, toks: &[Tok], ents: &[Entity]) -> Vec<Entity> {
        let mut out = Vec::with_capacity(ents.len());
        for e in ents {
            let mut start = e.start;
            if let Some(adj) = self.lex.adjective(toks[start].text) {
                if adj.kind == ActorKind::Country && start + 1 < e.end {
                    start += 1;
                }
            }
            let mut cut = None;
            for n in 1..=4usize.min(e.end - start) {
                let surface = &self.text[toks[start].start..toks[start + n - 1].end];
                if self.lex.title(surface).is_some() {
                    cut = Some(start + n);
                }
            }
            match cut {
                Some(c) if c < e.end => out.push(Entity {
                    start: c,
                    end: e.end,
                    kind: "PER",
                }),
                Some(_) => {}
                None => out.push(*e),
            }
        }
        out
    }

    fn sentence(&mut self, toks: &[Tok], ents: &[Entity]) {
        let ents = &self.trim_titles(toks, ents);
        let mut i = 0;
        while i < toks.len() {
            let ent = ents.iter().find(|e| e.start == i);
            let lex = self.lexicon_at(toks, i);
            let (n, found) = match (lex, ent) {
                (Some((n, e, idx, via)), Some(ent)) if ent.end - ent.start > n => {
                    // The entity is longer: a lexicon name for the whole span wins, else the
                    // entity (unless the lexicon hit is a demonym or a title-bearing name).
                    match self.lexicon_at(&toks[..ent.end], i) {
                        Some((m, e2, idx2, via2)) if m == ent.end - ent.start => {
                            (m, Found::Lexicon(e2, idx2, via2))
                        }
                        _ if via == Via::Adjective || e.kind == ActorKind::Country => {
                            (n, Found::Lexicon(e, idx, via))
                        }
                        _ => (ent.end - ent.start, Found::Entity(ent.kind)),
                    }
                }
                (Some((n, e, idx, via)), _) => (n, Found::Lexicon(e, idx, via)),
                (None, Some(ent)) => (ent.end - ent.start, Found::Entity(ent.kind)),
                (None, None) => {
                    if let Some(n) = self.ministry(toks, i) {
                        i += n;
                        continue;
                    }
                    if let Some(n) = self.definite(toks, i) {
                        i += n;
                    } else {
                        i += 1;
                    }
                    continue;
                }
            };
            let consumed = match found {
                Found::Lexicon(e, idx, via) => self.lexicon_mention(toks, i, n, e, idx, via, ents),
                Found::Entity(kind) => self.entity_mention(toks, i, n, kind),
            };
            i += consumed.max(1);
        }
    }

    fn draft_for(&mut self, key: Key, make: impl FnOnce(&Self) -> Draft) -> usize {
        if let Some(&d) = self.by_key.get(&key) {
            return d;
        }
        let d = make(self);
        self.drafts.push(d);
        self.by_key.insert(key, self.drafts.len() - 1);
        self.drafts.len() - 1
    }

    fn add_mention(&mut self, d: usize, start: usize, end: usize) {
        let m = &mut self.drafts[d].mentions;
        if !m.contains(&(start, end)) {
            m.push((start, end));
        }
    }

    fn entry_draft(&self, e: &Entry, idx: usize) -> Draft {
        let roles = if e.kind == ActorKind::Person {
            let mut roles = self.lex.roles_of(idx, self.date);
            if roles.is_empty() && self.date.is_none() {
                roles = self.lex.roles_of(idx, None);
            }
            let mut out: Vec<String> = Vec::new();
            for r in roles {
                let d = r.describe(self.lex);
                if !out.contains(&d) {
                    out.push(d);
                }
            }
            out
        } else {
            Vec::new()
        };
        Draft {
            name: e.name.clone(),
            kind: e.kind,
            country: e.country.clone(),
            code: e.code.clone(),
            roles,
            words: std::iter::once(&e.name)
                .chain(&e.aliases)
                .flat_map(|n| name_words(n))
                .collect(),
            mentions: Vec::new(),
        }
    }

    fn government(&mut self, iso: &str) -> usize {
        self.draft_for(Key::Government(iso.to_string()), |r| {
            let (name, words) = match r.lex.country(iso) {
                Some(c) => (
                    match c.adjectives.first() {
                        Some(a) => format!("{a} government"),
                        None => format!("Government of {}", c.name),
                    },
                    name_words(&c.name),
                ),
                None => (format!("{iso} government"), Vec::new()),
            };
            Draft {
                name,
                kind: ActorKind::Government,
                country: Some(iso.to_string()),
                code: Some(format!("{iso}GOV")),
                roles: Vec::new(),
                words,
                mentions: Vec::new(),
            }
        })
    }

    fn military(&mut self, iso: &str) -> usize {
        let code = format!("{iso}MIL");
        if let Some((idx, e)) = self.lex.entries().iter().enumerate().find(|(_, e)| {
            e.kind == ActorKind::Military && e.code.as_deref() == Some(code.as_str())
        }) {
            return self.draft_for(Key::Entry(idx), |r| r.entry_draft(e, idx));
        }
        self.draft_for(Key::Military(iso.to_string()), |r| {
            let name = match r.lex.country(iso).and_then(|c| c.adjectives.first()) {
                Some(a) => format!("{a} armed forces"),
                None => format!("{iso} armed forces"),
            };
            Draft {
                name,
                kind: ActorKind::Military,
                country: Some(iso.to_string()),
                code: Some(code),
                roles: Vec::new(),
                words: Vec::new(),
                mentions: Vec::new(),
            }
        })
    }

    /// The country of a demonym at most three lowercase words before token `i` ("British
    /// militant", "Nigerian junior"): a person so described is of that country.
    fn demonym_before(&self, toks: &[Tok], i: usize) -> Option<String> {
        for k in 1..=3usize.min(i) {
            let t = toks[i - k].text;
            if is_capitalized(t) {
                let e = self.lex.adjective(t)?;
                return (e.kind == ActorKind::Country && k > 1)
                    .then(|| e.code.clone())
                    .flatten();
            }
            let plain = t.chars().all(|c| c.is_alphabetic() || c == '-');
            if !plain || DESCRIPTION_STOPS.contains(&t) {
                return None;
            }
        }
        None
    }

    /// The lowercase word after byte `end`, skipping spaces.
    fn word_after(&self, toks: &[Tok], j: usize) -> Option<String> {
        toks.get(j).map(|t| t.text.to_lowercase())
    }

    /// Handles `X 's forces|government …` after a mention ending at token `j` (exclusive) whose
    /// actor belongs to `iso`; returns the tokens consumed after `j`.
    fn possessive(&mut self, toks: &[Tok], start_tok: usize, j: usize, iso: &str) -> usize {
        let Some(t) = toks.get(j) else { return 0 };
        if !matches!(t.text, "'s" | "’s" | "'" | "’") {
            return 0;
        }
        let Some(noun) = self.word_after(toks, j + 1) else {
            return 0;
        };
        let start = toks[start_tok].start;
        let end = toks[j + 1].end;
        if MIL_NOUNS.contains(&noun.as_str()) {
            let d = self.military(iso);
            self.add_mention(d, start, end);
            2
        } else if GOV_NOUNS.contains(&noun.as_str()) {
            let d = self.government(iso);
            self.add_mention(d, start, end);
            2
        } else {
            0
        }
    }

    /// A title (with an optional demonym or country before it) ending just before token `i`:
    /// `(title, country, first token)`.
    fn title_before(&self, toks: &[Tok], i: usize) -> Option<(String, Option<String>, usize)> {
        let mut best = None;
        for n in 1..=4usize.min(i) {
            let s = i - n;
            let surface = &self.text[toks[s].start..toks[i - 1].end];
            if let Some(t) = self.lex.title(surface) {
                best = Some((t.title.clone(), s));
            }
        }
        let (title, mut first) = best?;
        let mut country = None;
        if first > 0 {
            let prev = toks[first - 1].text;
            if let Some(e) = self.lex.adjective(prev) {
                if e.kind == ActorKind::Country {
                    country = e.code.clone();
                    first -= 1;
                }
            } else if matches!(prev, "'s" | "’s") {
                // A possessive country before the title: "Iran's religious leader",
                // "the Ivory Coast's president" (a country name of up to three words).
                let end = first - 1;
                for n in 1..=3usize.min(end) {
                    let s = end - n;
                    let surface = &self.text[toks[s].start..toks[end - 1].end];
                    if let Some(e) = self.lex.adjective(surface) {
                        if e.kind == ActorKind::Country {
                            country = e.code.clone();
                            first = s;
                            break;
                        }
                    }
                }
            }
        }
        Some((title, country, first))
    }

    #[allow(clippy::too_many_arguments)]
    fn lexicon_mention(
        &mut self,
        toks: &[Tok],
        i: usize,
        n: usize,
        e: &'a Entry,
        idx: usize,
        via: Via,
        ents: &[Entity],
    ) -> usize {
        let start = toks[i].start;
        let end = toks[i + n - 1].end;
        let iso = e.country.clone();
        match via {
            Via::Capital => {
                let Some(iso) = iso else { return n };
                let prev = i
                    .checked_sub(1)
                    .map(|p| toks[p].text.to_lowercase())
                    .unwrap_or_default();
                let next_is_name = toks.get(i + n).is_some_and(|t| {
                    is_capitalized(t.text) && t.text.chars().any(char::is_lowercase)
                });
                // "a Berlin-based group": a compound, not an actor.
                let compound = toks
                    .get(i + n)
                    .is_some_and(|t| t.start == end && matches!(t.text, "-" | "‐" | "–"))
                    || self.text[end..].starts_with('-');
                if PLACE_PREPS.contains(&prev.as_str()) || next_is_name || compound {
                    let surface = self.text[start..end].to_string();
                    let d =
                        self.draft_for(Key::Other(format!("place:{}", key(&surface))), |_| Draft {
                            name: surface.clone(),
                            kind: ActorKind::Place,
                            country: Some(iso.clone()),
                            code: None,
                            roles: Vec::new(),
                            words: Vec::new(),
                            mentions: Vec::new(),
                        });
                    self.add_mention(d, start, end);
                } else {
                    let d = self.government(&iso);
                    self.add_mention(d, start, end);
                }
                n
            }
            Via::Adjective => {
                let next = self.word_after(toks, i + n).unwrap_or_default();
                let target = e.code.clone().filter(|_| e.kind == ActorKind::Country);
                match target {
                    Some(c) if GOV_NOUNS.contains(&next.as_str()) => {
                        let d = self.government(&c);
                        self.add_mention(d, start, toks[i + n].end);
                        n + 1
                    }
                    Some(c) if MIL_NOUNS.contains(&next.as_str()) => {
                        let d = self.military(&c);
                        self.add_mention(d, start, toks[i + n].end);
                        n + 1
                    }
                    _ => {
                        let d = self.draft_for(Key::Entry(idx), |r| r.entry_draft(e, idx));
                        if e.kind == ActorKind::Group && GROUP_NOUNS.contains(&next.as_str()) {
                            self.add_mention(d, start, toks[i + n].end);
                            n + 1
                        } else {
                            self.add_mention(d, start, end);
                            n
                        }
                    }
                }
            }
            Via::Surname if e.kind == ActorKind::Person => {
                let known = self.by_key.contains_key(&Key::Entry(idx));
                // A recognised person whose other name words are not this one's is someone
                // else with the same surname or first name ("Barak Ravid", "Eric Schmidt").
                let person_here = ents.iter().any(|x| {
                    x.kind == "PER"
                        && x.start <= i
                        && i + n <= x.end
                        && (x.start..x.end)
                            .filter(|&j| j < i || j >= i + n)
                            .all(|j| same_person_word(e, toks[j].text))
                });
                let titled = self.title_before(toks, i).is_some();
                if !(known || person_here || titled) {
                    return n;
                }
                self.person_entry(toks, i, n, e, idx)
            }
            _ if e.kind == ActorKind::Person => self.person_entry(toks, i, n, e, idx),
            _ => {
                let d = self.draft_for(Key::Entry(idx), |r| r.entry_draft(e, idx));
                self.add_mention(d, start, end);
                match iso {
                    Some(c) if matches!(e.kind, ActorKind::Country) => {
                        n + self.possessive(toks, i, i + n, &c)
                    }
                    _ => n,
                }
            }
        }
    }

    fn person_entry(&mut self, toks: &[Tok], i: usize, n: usize, e: &Entry, idx: usize) -> usize {
        let d = self.draft_for(Key::Entry(idx), |r| r.entry_draft(e, idx));
        if let Some((title, _, _)) = self.title_before(toks, i) {
            if self.drafts[d].roles.is_empty() {
                self.drafts[d].roles.push(title);
            }
        }
        self.add_mention(d, toks[i].start, toks[i + n - 1].end);
        match e.country.clone() {
            Some(c) => n + self.possessive(toks, i, i + n, &c),
            None => n,
        }
    }

    fn entity_mention(&mut self, toks: &[Tok], i: usize, n: usize, kind: &str) -> usize {
        let start = toks[i].start;
        let raw_end = toks[i + n - 1].end;
        // A token glued to punctuation ("Transportation;") keeps the punctuation out.
        let end = start
            + self.text[start..raw_end]
                .trim_end_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != ')')
                .len();
        if end <= start {
            return n;
        }
        let surface = self.text[start..end].to_string();
        match kind {
            "PER" => {
                let title = self.title_before(toks, i);
                let words = name_words(&surface);
                // A re-mention by one word of an earlier person's name.
                let earlier = (0..self.drafts.len()).rev().find(|&d| {
                    let dr = &self.drafts[d];
                    dr.kind == ActorKind::Person
                        && (key(&dr.name) == key(&surface)
                            || (words.len() == 1 && dr.words.contains(&words[0])))
                });
                let d = match earlier {
                    Some(d) => d,
                    None => self.draft_for(Key::Person(key(&surface)), |r| {
                        let (roles, country, code) = match &title {
                            Some((t, c, first)) => {
                                let sector = r
                                    .lex
                                    .title(t)
                                    .map(|x| x.sector.clone())
                                    .unwrap_or_else(|| "GOV".into());
                                // "Nigerian junior foreign minister Dubem Oniya".
                                let c = c.clone().or_else(|| r.demonym_before(toks, *first));
                                let code = c.as_ref().map(|c| format!("{c}{sector}"));
                                (vec![t.clone()], c, code)
                            }
                            // "suspected British militant Haroon Rashid Aswad".
                            None => (Vec::new(), r.demonym_before(toks, i), None),
                        };
                        Draft {
                            name: surface.clone(),
                            kind: ActorKind::Person,
                            country,
                            code,
                            roles,
                            words: words.clone(),
                            mentions: Vec::new(),
                        }
                    }),
                };
                self.add_mention(d, start, end);
                match self.drafts[d].country.clone() {
                    Some(c) => n + self.possessive(toks, i, i + n, &c),
                    None => n,
                }
            }
            "ORG" | "LOC" => {
                let stripped = surface
                    .strip_prefix("the ")
                    .or_else(|| surface.strip_prefix("The "))
                    .unwrap_or(&surface);
                if let Some(hit) = self.lex.lookup(stripped) {
                    if hit.via != Via::Surname && hit.via != Via::Adjective {
                        let (e, idx) = (hit.entry, hit.index);
                        let d = self.draft_for(Key::Entry(idx), |r| r.entry_draft(e, idx));
                        self.add_mention(d, start, end);
                        return n;
                    }
                }
                let country = self.country_in(toks, i, n);
                let kind = if kind == "LOC" {
                    ActorKind::Place
                } else {
                    ActorKind::Organization
                };
                let d = self.draft_for(Key::Other(format!("{kind:?}:{}", key(&surface))), |_| {
                    Draft {
                        name: surface.clone(),
                        kind,
                        country,
                        code: None,
                        roles: Vec::new(),
                        words: Vec::new(),
                        mentions: Vec::new(),
                    }
                });
                self.add_mention(d, start, end);
                n
            }
            _ => n,
        }
    }

    /// The country a new organisation or place belongs to: a country or demonym inside its name
    /// ("Belarusian Red Cross"), or a ", Country" right after it ("Omsk, Russia").
    fn country_in(&self, toks: &[Tok], i: usize, n: usize) -> Option<String> {
        for t in &toks[i..i + n] {
            if let Some(e) = self.lex.adjective(t.text) {
                if e.kind == ActorKind::Country {
                    return e.code.clone();
                }
            }
        }
        if toks.get(i + n).is_some_and(|t| t.text == ",") {
            if let Some(t) = toks.get(i + n + 1) {
                if let Some(h) = self.lex.lookup(t.text) {
                    if matches!(h.via, Via::Name | Via::Alias)
                        && matches!(h.entry.kind, ActorKind::Country | ActorKind::Place)
                    {
                        return h.entry.country.clone();
                    }
                }
            }
        }
        None
    }

    /// "ministry of internal affairs of Belarus": a ministry named in lowercase, with its
    /// country after it, is that country's government. Returns the tokens consumed.
    fn ministry(&mut self, toks: &[Tok], i: usize) -> Option<usize> {
        if !matches!(toks[i].text, "ministry" | "Ministry") {
            return None;
        }
        if toks.get(i + 1)?.text != "of" {
            return None;
        }
        for j in i + 3..(i + 9).min(toks.len()) {
            if toks[j - 1].text == "of" {
                if let Some(c) = self.lex.lookup(toks[j].text) {
                    if c.via == Via::Name && c.entry.kind == ActorKind::Country {
                        let iso = c.entry.code.clone()?;
                        let d = self.government(&iso);
                        self.add_mention(d, toks[i].start, toks[j].end);
                        return Some(j + 1 - i);
                    }
                }
            }
            if matches!(toks[j].text, "," | "." | ";" | "(") {
                break;
            }
        }
        None
    }

    /// "the president", "the American president", "the foreign minister": resolved to a person of
    /// the report holding that office, else the holder on the publication date. Returns the
    /// tokens consumed.
    fn definite(&mut self, toks: &[Tok], i: usize) -> Option<usize> {
        if !toks[i].text.eq_ignore_ascii_case("the") {
            return None;
        }
        let mut j = i + 1;
        let mut country = None;
        if let Some(t) = toks.get(j) {
            if let Some(e) = self.lex.adjective(t.text) {
                if e.kind == ActorKind::Country && is_capitalized(t.text) {
                    country = e.code.clone();
                    j += 1;
                }
            }
        }
        let mut title = None;
        for n in (1..=3).rev() {
            if j + n > toks.len() {
                continue;
            }
            let surface = &self.text[toks[j].start..toks[j + n - 1].end];
            if let Some(t) = self.lex.title(surface) {
                title = Some((t.office.clone(), n));
                break;
            }
        }
        let (office, n) = title?;
        let end_tok = j + n;
        // "the President Donald Trump": a name follows; the name rule handles it.
        if toks.get(end_tok).is_some_and(|t| is_capitalized(t.text)) {
            return None;
        }
        if matches!(
            key(&office).as_str(),
            "minister" | "spokesperson" | "envoy" | "ambassador"
        ) {
            return None;
        }
        let office_key = self.lex.office(&office);
        // Latest person of the report holding that office.
        let mut found = None;
        for d in (0..self.drafts.len()).rev() {
            let dr = &self.drafts[d];
            if dr.kind != ActorKind::Person {
                continue;
            }
            if country
                .as_ref()
                .is_some_and(|c| dr.country.as_ref() != Some(c))
            {
                continue;
            }
            let holds = dr.roles.iter().any(|r| {
                let t = r.split(" of ").next().unwrap_or(r);
                self.lex.office(t) == office_key
            });
            if holds {
                found = Some(d);
                break;
            }
        }
        if found.is_none() {
            if let (Some(c), Some(date)) = (&country, self.date) {
                if let Some(p) = self.lex.office_holder(&office, c, date) {
                    if let Some(idx) = self.lex.entries().iter().position(|e| std::ptr::eq(e, p)) {
                        found = Some(self.draft_for(Key::Entry(idx), |r| r.entry_draft(p, idx)));
                    }
                }
            }
        }
        let d = found?;
        self.add_mention(d, toks[i].start, toks[end_tok - 1].end);
        Some(end_tok - i)
    }

    fn finish(self, cx: &Context) -> Vec<Actor> {
        let mut drafts: Vec<Draft> = self
            .drafts
            .into_iter()
            .filter(|d| !d.mentions.is_empty())
            .collect();
        // People and places of unknown country most likely belong to the report's main country,
        // when one country clearly dominates its mentions.
        let mut per_country: HashMap<&str, usize> = HashMap::new();
        let mut total = 0;
        // Countries named only as someone's counterpart ("threatened action against Russia").
        let mut counterpart: HashMap<&str, bool> = HashMap::new();
        for d in &drafts {
            if let Some(c) = &d.country {
                *per_country.entry(c.as_str()).or_default() += d.mentions.len();
                total += d.mentions.len();
                let only = counterpart.entry(c.as_str()).or_insert(true);
                *only &= d.mentions.iter().all(|&(start, _)| {
                    let before = self.text[..start].trim_end_matches([' ', '\t']);
                    let before = before.strip_suffix("the").unwrap_or(before).trim_end();
                    let word = before.rsplit([' ', '\n', '\t']).next().unwrap_or("");
                    COUNTERPART_PREPS.contains(&word.to_lowercase().as_str())
                });
            }
        }
        // A text that names one country only (a short domestic report: "President X banned
        // opposition candidates from the elections in Uganda") is about that country too, unless
        // it names it only as the other side ("President Bush threatened action against
        // Russia" says nothing of where Bush is from).
        let sole = per_country.len() == 1 && !counterpart.values().any(|&c| c);
        let main = per_country
            .iter()
            .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))
            .filter(|(_, n)| sole || (**n * 2 > total && **n >= 3))
            .map(|(c, _)| c.to_string());
        if let Some(main) = main {
            for d in &mut drafts {
                // An unknown organisation is placed only by a text's sole country ("students
                // at Cumhuriyet University" in a report on Turkey).
                let kinds = match d.kind {
                    ActorKind::Person | ActorKind::Place => true,
                    ActorKind::Organization => sole,
                    _ => false,
                };
                if d.country.is_none() && kinds && d.code.is_none() {
                    d.country = Some(main.clone());
                }
            }
        }
        for d in &mut drafts {
            d.mentions.sort();
        }
        drafts.sort_by_key(|d| d.mentions[0]);
        drafts
            .into_iter()
            .enumerate()
            .map(|(i, d)| Actor {
                id: format!("a{}", i + 1),
                name: d.name,
                kind: d.kind,
                country: d.country,
                code: d.code,
                roles: d.roles,
                mentions: d
                    .mentions
                    .iter()
                    .map(|&(s, e)| cx.mention(s, e))
                    .collect::<Vec<Mention>>(),
            })
            .collect()
    }
}

/// The words of a name, as keys, without particles.
/// Whether `word` is one of the words of `e`'s name or aliases (or a title or particle), so a
/// recognised name around a surname still names that person ("George Bush" for *George W. Bush*).
fn same_person_word(e: &Entry, word: &str) -> bool {
    let k = key(word);
    k.is_empty()
        || k.len() <= 2
        || std::iter::once(&e.name)
            .chain(&e.aliases)
            .any(|n| key(n).split(' ').any(|w| w == k))
}

fn name_words(name: &str) -> Vec<String> {
    key(name)
        .split(' ')
        .filter(|w| w.len() > 2 && !matches!(*w, "bin" | "ibn" | "abu" | "the" | "van" | "von"))
        .map(String::from)
        .collect()
}

/// The actor with a mention covering the byte range `[start, end)`, for the annotators that run
/// after this one (attribution, events).
#[allow(dead_code)]
pub(crate) fn actor_at(cx: &Context, start: usize, end: usize) -> Option<&Actor> {
    let span = cx.chars.span(start, end);
    cx.doc
        .actors
        .iter()
        .find(|a| a.mentions.iter().any(|m| m.span.contains(span)))
}

/// Runs the actors annotator alone over `text` (tests: no tagger or parser needed).
#[cfg(test)]
pub(crate) fn run_alone(text: &str, published: Option<&str>) -> byline_model::Document {
    let normalized = byline_text::normalize(text);
    let mut doc = byline_model::Document::new(normalized.text);
    doc.published = published.map(String::from);
    let layout = byline_text::analyze(&doc.text);
    let chars = byline_model::CharMap::new(&doc.text);
    let mut cx = Context {
        chars,
        layout,
        doc,
        syntax: Vec::new(),
    };
    Actors::load(&Config::default()).unwrap().annotate(&mut cx);
    cx.doc
}

#[cfg(test)]
mod tests {
    fn actors(text: &str, date: &str) -> Vec<byline_model::Actor> {
        let doc = super::run_alone(text, Some(date));
        for (span, t) in doc.spanned_items() {
            assert_eq!(doc.slice(span), Some(t));
        }
        doc.actors
    }

    fn find<'a>(a: &'a [byline_model::Actor], mention: &str) -> &'a byline_model::Actor {
        a.iter()
            .find(|a| a.mentions.iter().any(|m| m.text == mention))
            .unwrap_or_else(|| panic!("no actor mentioned as {mention:?}: {a:#?}"))
    }

    #[test]
    fn capitals_demonyms_and_variants() {
        let a = actors(
            "Damascus is pressing ahead with talks with Jerusalem, Syrian officials said in \
             Damascus. Clashes hit Suwayda on Monday. Later, Sweida was calm and Israeli troops \
             left.",
            "2025-03-10",
        );
        let gov = find(&a, "Syrian officials");
        assert_eq!(gov.code.as_deref(), Some("SYRGOV"));
        assert_eq!(gov.mentions[0].text, "Damascus");
        assert_eq!(find(&a, "Jerusalem").code.as_deref(), Some("ISRGOV"));
        let place = a
            .iter()
            .find(|x| x.kind == byline_model::ActorKind::Place && x.name == "Damascus")
            .unwrap();
        assert_eq!(place.country.as_deref(), Some("SYR"));
        assert_eq!(find(&a, "Sweida").id, find(&a, "Suwayda").id);
        assert_eq!(find(&a, "Israeli troops").code.as_deref(), Some("ISRMIL"));
        let b = actors(
            "Police detained 40 people, the ministry of internal affairs of Belarus said.",
            "2020-08-03",
        );
        let m = find(&b, "ministry of internal affairs of Belarus");
        assert_eq!(m.code.as_deref(), Some("BLRGOV"));
    }

    #[test]
    fn titles_surnames_and_definite_descriptions() {
        let a = actors(
            "Jordanian Foreign Minister Karim Haddad met Strategic Affairs Minister Ron Dermer. \
             Dermer said little. The Egyptian president called Haddad later.",
            "2025-03-10",
        );
        let k = find(&a, "Karim Haddad");
        assert_eq!(k.country.as_deref(), Some("JOR"));
        assert_eq!(k.roles, ["Foreign Minister"]);
        assert_eq!(find(&a, "Haddad").id, k.id);
        assert_eq!(find(&a, "Dermer").id, find(&a, "Ron Dermer").id);
        assert_eq!(
            find(&a, "The Egyptian president").name,
            "Abdel Fattah el-Sisi"
        );
    }

    #[test]
    fn leaders_possessive_titles_and_sole_country() {
        let a = actors(
            "Chilean leader Marta Quispe met Peru's religious leader Tomas Huaman in Lima on \
             Monday.",
            "2024-05-06",
        );
        assert_eq!(find(&a, "Marta Quispe").code.as_deref(), Some("CHLGOV"));
        let t = find(&a, "Tomas Huaman");
        assert_eq!(t.country.as_deref(), Some("PER"));
        assert_eq!(t.code.as_deref(), Some("PERREL"));
        // One country named: a titled person and an unknown body belong to it.
        let b = actors(
            "President Ana Velasco banned rallies by students of Coral Valley University in \
             Ecuador on Friday.",
            "2024-05-06",
        );
        assert_eq!(find(&b, "Ana Velasco").country.as_deref(), Some("ECU"));
        assert_eq!(
            find(&b, "Coral Valley University").country.as_deref(),
            Some("ECU")
        );
        // Two countries named: no guess.
        let c = actors(
            "President Ana Velasco met students in Ecuador and Peru on Friday.",
            "2024-05-06",
        );
        assert_eq!(find(&c, "Ana Velasco").country, None);
    }

    #[test]
    fn counterparts_and_described_people() {
        // The one country named is the other side: no guess for the person.
        let a = actors(
            "President Ana Velasco threatened new measures against Peru on Friday.",
            "2024-05-06",
        );
        assert_eq!(find(&a, "Ana Velasco").country, None);
        // A lowercase word does not end a capitalised name ("Russia Today" the channel).
        let r = actors("Peru's envoy visited Russia today.", "2024-05-06");
        assert_eq!(find(&r, "Russia").code.as_deref(), Some("RUS"));
        // A demonym a few words before a name describes the person.
        let b = actors(
            "Police arrested suspected Chilean smuggler Tomas Huaman and Peruvian junior \
             foreign minister Ana Velasco in Lima and Santiago.",
            "2024-05-06",
        );
        assert_eq!(find(&b, "Tomas Huaman").country.as_deref(), Some("CHL"));
        let v = find(&b, "Ana Velasco");
        assert_eq!(v.country.as_deref(), Some("PER"));
        assert_eq!(v.code.as_deref(), Some("PERGOV"));
    }

    #[test]
    fn earlier_heads_of_government_by_title_and_surname() {
        // Office holders of earlier decades by title and surname, and "X administration".
        let a = actors(
            "Chancellor Kohl met President Mitterrand in Bonn. The Reagan administration \
             welcomed the talks.",
            "1987-03-02",
        );
        assert_eq!(find(&a, "Kohl").code.as_deref(), Some("DEUGOV"));
        assert_eq!(find(&a, "Mitterrand").code.as_deref(), Some("FRAGOV"));
        assert_eq!(find(&a, "Reagan").code.as_deref(), Some("USAGOV"));
        // A recognised name around a known surname is someone else ("Carla Schmidt" is not
        // Helmut Schmidt); a regnal number is no surname.
        let b = actors(
            "Carla Schmidt, a teacher, said I would not go. King Juan Carlos spoke later.",
            "1990-01-01",
        );
        assert!(b
            .iter()
            .all(|x| x.code.as_deref() != Some("DEUGOV") && x.name != "Helmut Schmidt"));
        assert!(b
            .iter()
            .filter(|x| x.name == "Juan Carlos I")
            .all(|x| x.mentions.iter().all(|m| m.text != "I")));
    }

    #[test]
    fn possessive_forces() {
        let a = actors(
            "President Bashar al-Assad spoke on Monday. Later, al-Assad's forces shelled the town.",
            "2020-03-10",
        );
        let f = find(&a, "al-Assad's forces");
        assert_eq!(f.code.as_deref(), Some("SYRMIL"));
        let p = find(&a, "al-Assad");
        assert_eq!(p.roles, ["President of Syria"]);
    }
}

/// Scores the actors layer on the gold-dev folder the way `byline eval gold` does (entities:
/// gold entries grouped by `name` / `same_as`, matched one-to-one by a mention with overlap F1 ≥
/// 0.5). Needs the shared data: `cargo test -p byline-extract gold_actors -- --ignored --nocapture`.
#[cfg(test)]
mod gold_dev {
    use byline_model::Span;

    fn overlap_f1(a: Span, b: Span) -> f64 {
        let inter = a.1.min(b.1).saturating_sub(a.0.max(b.0)) as f64;
        if inter == 0.0 {
            return 0.0;
        }
        let p = inter / a.len() as f64;
        let r = inter / b.len() as f64;
        2.0 * p * r / (p + r)
    }

    #[test]
    #[ignore]
    fn gold_actors() {
        let mut files: Vec<std::path::PathBuf> = ["/work/shared/seed", "/work/shared/gold-dev"]
            .iter()
            .flat_map(|d| std::fs::read_dir(d).unwrap().map(|e| e.unwrap().path()))
            .filter(|p| p.to_string_lossy().ends_with(".gold.json"))
            .collect();
        files.sort();
        let (mut correct, mut pred, mut gold_n, mut country_ok) = (0, 0, 0, 0);
        let (mut pairs, mut pairs_ok) = (0, 0);
        for f in files {
            let g: serde_json::Value =
                serde_json::from_str(&std::fs::read_to_string(&f).unwrap()).unwrap();
            let txt = f.with_file_name(g["text_file"].as_str().unwrap());
            let raw = std::fs::read_to_string(txt).unwrap();
            let mut doc = super::run_alone(&raw, g["published"].as_str());
            // Gold spans point into the raw file: map mentions back through the normalisation.
            let norm = byline_text::normalize(&raw);
            let (nmap, rmap) = (
                byline_model::CharMap::new(&doc.text),
                byline_model::CharMap::new(&raw),
            );
            for a in &mut doc.actors {
                for m in &mut a.mentions {
                    let b = nmap.bytes(m.span);
                    m.span = Span(
                        rmap.char_of_byte(norm.original_offset(b.start)),
                        rmap.char_of_byte(norm.original_offset(b.end)),
                    );
                }
            }
            let ga = g["actors"].as_array().unwrap();
            let mut groups: Vec<(String, Vec<&serde_json::Value>)> = Vec::new();
            for a in ga {
                let k = a["name"]
                    .as_str()
                    .map(String::from)
                    .or_else(|| {
                        a["same_as"].as_str().map(|s| {
                            ga.iter()
                                .find(|b| b["text"] == s)
                                .and_then(|b| b["name"].as_str())
                                .unwrap_or(s)
                                .to_string()
                        })
                    })
                    .unwrap_or_else(|| a["text"].as_str().unwrap().to_string());
                match groups.iter_mut().find(|x| x.0 == k) {
                    Some(x) => x.1.push(a),
                    None => groups.push((k, vec![a])),
                }
            }
            let span = |v: &serde_json::Value| {
                Span(
                    v[0].as_u64().unwrap() as usize,
                    v[1].as_u64().unwrap() as usize,
                )
            };
            let mut cands = Vec::new();
            for (pi, a) in doc.actors.iter().enumerate() {
                for (gi, g) in groups.iter().enumerate() {
                    let best = a
                        .mentions
                        .iter()
                        .flat_map(|m| {
                            g.1.iter()
                                .map(move |ga| overlap_f1(m.span, span(&ga["span"])))
                        })
                        .fold(0.0, f64::max);
                    if best >= 0.5 {
                        cands.push((best, pi, gi));
                    }
                }
            }
            cands.sort_by(|a, b| b.0.total_cmp(&a.0));
            let (mut up, mut ug) = (vec![false; doc.actors.len()], vec![false; groups.len()]);
            for (_, pi, gi) in cands {
                if !up[pi] && !ug[gi] {
                    up[pi] = true;
                    ug[gi] = true;
                    correct += 1;
                    let want = groups[gi].1[0]["country"].as_str();
                    if doc.actors[pi].country.as_deref() == want {
                        country_ok += 1;
                    } else {
                        println!(
                            "  country {:?} {:?} want {want:?}",
                            doc.actors[pi].name, doc.actors[pi].country
                        );
                    }
                }
            }
            // Every same_as pair resolves to one actor.
            let owner = |sp: Span| {
                doc.actors
                    .iter()
                    .find(|a| a.mentions.iter().any(|m| overlap_f1(m.span, sp) >= 0.5))
                    .map(|a| a.id.clone())
            };
            for a in ga {
                if let Some(other) = a["same_as"].as_str() {
                    let b = ga.iter().find(|b| b["text"] == other).unwrap();
                    let (x, y) = (owner(span(&a["span"])), owner(span(&b["span"])));
                    pairs += 1;
                    if x.is_some() && x == y {
                        pairs_ok += 1;
                    } else {
                        println!("  same_as {:?} -> {other:?}: {x:?} vs {y:?}", a["text"]);
                    }
                }
            }
            pred += doc.actors.len();
            gold_n += groups.len();
            println!("{}", f.display());
            for (gi, m) in ug.iter().enumerate() {
                if !m {
                    println!("  - {:?}", groups[gi].0);
                }
            }
            for (pi, m) in up.iter().enumerate() {
                if !m {
                    let a = &doc.actors[pi];
                    println!(
                        "  + {:?} {:?} {:?}",
                        a.name,
                        a.kind,
                        a.mentions.iter().map(|m| &m.text).collect::<Vec<_>>()
                    );
                }
            }
        }
        let pr = correct as f64 / pred as f64;
        let rc = correct as f64 / gold_n as f64;
        println!(
            "actors: P {pr:.3} R {rc:.3} F1 {:.3} ({correct}/{pred}/{gold_n}); country {country_ok}/{correct}; same_as pairs {pairs_ok}/{pairs}",
            2.0 * pr * rc / (pr + rc)
        );
        assert!(2.0 * pr * rc / (pr + rc) >= 0.9);
        assert_eq!(pairs_ok, pairs);
    }
}

/// Speed of NER + resolution against tagging + parsing on the seed and gold-dev texts:
/// `cargo test --release -p byline-extract speed_vs_parsing -- --ignored --nocapture`.
#[cfg(test)]
mod speed {
    use super::*;

    #[test]
    #[ignore]
    fn speed_vs_parsing() {
        let models = byline_nlp::Models::embedded().unwrap();
        let actors = Actors::load(&Config::default()).unwrap();
        let texts: Vec<String> = ["/work/shared/seed", "/work/shared/gold-dev"]
            .iter()
            .flat_map(|d| std::fs::read_dir(d).unwrap().map(|e| e.unwrap().path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .map(|p| byline_text::normalize(&std::fs::read_to_string(p).unwrap()).text)
            .collect();
        let layouts: Vec<byline_text::Layout> =
            texts.iter().map(|t| byline_text::analyze(t)).collect();
        let passes = 20;
        let t0 = std::time::Instant::now();
        let mut words = 0;
        for _ in 0..passes {
            for (t, l) in texts.iter().zip(&layouts) {
                words += models
                    .analyze_layout(t, l)
                    .iter()
                    .map(|a| a.len())
                    .sum::<usize>();
            }
        }
        let parse = t0.elapsed().as_secs_f64();
        let t1 = std::time::Instant::now();
        let mut mentions = 0;
        for _ in 0..passes {
            for (t, l) in texts.iter().zip(&layouts) {
                let mut cx = Context {
                    chars: byline_model::CharMap::new(t),
                    layout: l.clone(),
                    doc: byline_model::Document::new(t.clone()),
                    syntax: Vec::new(),
                };
                actors.annotate(&mut cx);
                mentions += cx
                    .doc
                    .actors
                    .iter()
                    .map(|a| a.mentions.len())
                    .sum::<usize>();
            }
        }
        let ner = t1.elapsed().as_secs_f64();
        assert!(mentions > 0 && words > 0);
        println!(
            "tagging+parsing {parse:.3} s, NER+actors {ner:.3} s ({:.1}% of tagging+parsing), {} words/s parse, {} words/s actors",
            100.0 * ner / parse,
            (words as f64 / parse) as u64,
            (words as f64 / ner) as u64
        );
    }
}
