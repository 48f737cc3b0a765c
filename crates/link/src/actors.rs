//! Actors resolved across reports: one stored actor for "Ahmed al-Sharaa", "al-Sharaa" and
//! "Syrian President al-Sharaa".
//!
//! Actors with a CAMEO code (countries, governments, known institutions) merge on the code.
//! Others merge on a normalised name; people also merge on surname when first names,
//! country and roles do not disagree.

use std::collections::HashMap;

use byline_model::{Actor, ActorKind};
use serde::{Deserialize, Serialize};

/// Words that open a title in front of a name, sorted (checked by a test).
const TITLES: &[&str] = &[
    "adm",
    "admiral",
    "ambassador",
    "brig",
    "capt",
    "captain",
    "chancellor",
    "chief",
    "col",
    "colonel",
    "commander",
    "dr",
    "emir",
    "envoy",
    "gen",
    "general",
    "governor",
    "king",
    "leader",
    "lieutenant",
    "lt",
    "maj",
    "major",
    "mayor",
    "minister",
    "mr",
    "mrs",
    "ms",
    "premier",
    "president",
    "prince",
    "queen",
    "rep",
    "secretary",
    "sen",
    "senator",
    "sheikh",
    "speaker",
    "spokesman",
    "spokesperson",
    "spokeswoman",
];

/// Arabic and similar name particles, ignored when comparing names, sorted.
const PARTICLES: &[&str] = &["ad", "al", "an", "ar", "as", "ash", "at", "el"];

/// One actor across every report it appears in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GlobalActor {
    /// Index-wide id.
    pub id: u32,
    /// The fullest name seen.
    pub name: String,
    /// Kind, as first seen.
    pub kind: ActorKind,
    /// ISO 3166-1 alpha-3 code, if any report gave one.
    pub country: Option<String>,
    /// CAMEO-style code, if any report gave one.
    pub code: Option<String>,
    /// Roles seen in any report.
    pub roles: Vec<String>,
    /// Every distinct name and mention text seen.
    pub aliases: Vec<String>,
    /// Number of reports it appears in.
    pub reports: u32,
}

/// Global actors and the keys that find them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct ActorRegistry {
    actors: Vec<GlobalActor>,
    #[serde(skip)]
    by_key: HashMap<String, Vec<u32>>,
}

/// A name without its leading title ("Syrian President al-Sharaa" → "al-Sharaa").
pub fn strip_title(name: &str) -> &str {
    let words: Vec<(usize, &str)> = name
        .split_whitespace()
        .map(|w| (w.as_ptr() as usize - name.as_ptr() as usize, w))
        .collect();
    let last_title = words.iter().rposition(|(_, w)| {
        let w = w.trim_end_matches('.').to_lowercase();
        TITLES.binary_search(&w.as_str()).is_ok()
    });
    match last_title {
        Some(i) if i + 1 < words.len() => &name[words[i + 1].0..],
        _ => name,
    }
}

/// Comparable name tokens: lowercase, letters only, particles dropped, doubled letters collapsed.
pub fn name_tokens(name: &str) -> Vec<String> {
    strip_title(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .filter(|w| PARTICLES.binary_search(&w.as_str()).is_err())
        .map(|w| {
            let mut out = String::with_capacity(w.len());
            for c in w.chars() {
                if !out.ends_with(c) {
                    out.push(c);
                }
            }
            out
        })
        .collect()
}

fn kind_group(kind: ActorKind) -> &'static str {
    match kind {
        ActorKind::Person => "person",
        ActorKind::Place | ActorKind::Country => "place",
        _ => "org",
    }
}

fn first_names_agree(a: &[String], b: &[String]) -> bool {
    let (fa, fb) = (
        &a[..a.len().saturating_sub(1)],
        &b[..b.len().saturating_sub(1)],
    );
    match (fa.first(), fb.first()) {
        (Some(x), Some(y)) => {
            x == y
                || (x.len() == 1 && y.starts_with(x.as_str()))
                || (y.len() == 1 && x.starts_with(y.as_str()))
        }
        _ => true,
    }
}

impl ActorRegistry {
    /// An empty registry.
    pub fn new() -> ActorRegistry {
        ActorRegistry::default()
    }

    /// A registry of stored actors (ids must be their positions).
    pub fn from_actors(actors: Vec<GlobalActor>) -> ActorRegistry {
        let mut r = ActorRegistry {
            actors,
            by_key: HashMap::new(),
        };
        for (i, a) in r.actors.iter_mut().enumerate() {
            a.id = i as u32;
        }
        r.rebuild();
        r
    }

    /// Number of global actors.
    pub fn len(&self) -> usize {
        self.actors.len()
    }

    /// True when no actor was added.
    pub fn is_empty(&self) -> bool {
        self.actors.is_empty()
    }

    /// The actor with a global id.
    pub fn get(&self, id: u32) -> Option<&GlobalActor> {
        self.actors.get(id as usize)
    }

    /// Every global actor, by id.
    pub fn iter(&self) -> impl Iterator<Item = &GlobalActor> {
        self.actors.iter()
    }

    /// Actors a user query names: by code, by full name or alias, or by surname.
    pub fn find(&self, query: &str) -> Vec<u32> {
        let code = format!("code:{}", query.trim().to_uppercase());
        if let Some(ids) = self.by_key.get(&code) {
            return ids.clone();
        }
        let tokens = name_tokens(query);
        if tokens.is_empty() {
            return Vec::new();
        }
        let joined = tokens.join(" ");
        let mut out: Vec<u32> = self
            .actors
            .iter()
            .filter(|a| {
                a.aliases
                    .iter()
                    .chain(std::iter::once(&a.name))
                    .any(|n| name_tokens(n).join(" ") == joined)
            })
            .map(|a| a.id)
            .collect();
        if out.is_empty() && tokens.len() == 1 {
            if let Some(ids) = self.by_key.get(&format!("sur:{joined}")) {
                out = ids.clone();
            }
        }
        out
    }

    /// Rebuilds the lookup keys after loading a saved registry.
    pub(crate) fn rebuild(&mut self) {
        self.by_key.clear();
        for i in 0..self.actors.len() {
            let a = self.actors[i].clone();
            self.index_keys(&a);
        }
    }

    fn keys_of(name: &str, kind: ActorKind, code: Option<&str>) -> Vec<String> {
        let mut keys = Vec::new();
        if let Some(code) = code.filter(|c| !c.is_empty()) {
            keys.push(format!("code:{}", code.to_uppercase()));
        }
        let tokens = name_tokens(name);
        if !tokens.is_empty() {
            keys.push(format!("name:{}:{}", kind_group(kind), tokens.join(" ")));
            if kind == ActorKind::Person {
                if let Some(last) = tokens.last() {
                    keys.push(format!("sur:{last}"));
                }
            }
        }
        keys
    }

    fn index_keys(&mut self, a: &GlobalActor) {
        let mut names = vec![a.name.clone()];
        names.extend(a.aliases.iter().cloned());
        for name in names {
            for k in Self::keys_of(&name, a.kind, a.code.as_deref()) {
                let ids = self.by_key.entry(k).or_default();
                if !ids.contains(&a.id) {
                    ids.push(a.id);
                }
            }
        }
    }

    /// The id of an existing global actor this document actor is, if any.
    pub fn lookup(&self, actor: &Actor) -> Option<u32> {
        let keys = Self::keys_of(&actor.name, actor.kind, actor.code.as_deref());
        // A code or a full normalised name decides at once.
        for k in keys.iter().filter(|k| !k.starts_with("sur:")) {
            if let Some(ids) = self.by_key.get(k) {
                if let Some(&id) = ids.iter().find(|&&id| self.compatible(id, actor)) {
                    return Some(id);
                }
            }
        }
        if actor.kind != ActorKind::Person {
            return None;
        }
        let tokens = name_tokens(&actor.name);
        let sur = keys.iter().find(|k| k.starts_with("sur:"))?;
        let ids = self.by_key.get(sur)?;
        let mut best: Option<(u32, u32)> = None;
        for &id in ids {
            let Some(g) = self.get(id) else { continue };
            if !self.compatible(id, actor) || !first_names_agree(&tokens, &name_tokens(&g.name)) {
                continue;
            }
            let shared_role = actor.roles.iter().any(|r| g.roles.contains(r));
            let same_country = actor.country.is_some() && actor.country == g.country;
            let score = 4 * u32::from(shared_role) + 2 * u32::from(same_country) + 1;
            if best.is_none_or(|(s, _)| score > s) {
                best = Some((score, id));
            }
        }
        best.map(|(_, id)| id)
    }

    fn compatible(&self, id: u32, actor: &Actor) -> bool {
        let Some(g) = self.get(id) else { return false };
        let country_ok = match (&g.country, &actor.country) {
            (Some(a), Some(b)) => a == b,
            _ => true,
        };
        let person = (g.kind == ActorKind::Person) == (actor.kind == ActorKind::Person);
        country_ok && person
    }

    /// Resolves a document actor to a global one, creating or enriching it; returns its id.
    pub fn resolve(&mut self, actor: &Actor) -> u32 {
        let id = match self.lookup(actor) {
            Some(id) => id,
            None => {
                let id = self.actors.len() as u32;
                self.actors.push(GlobalActor {
                    id,
                    name: strip_title(&actor.name).to_string(),
                    kind: actor.kind,
                    country: None,
                    code: None,
                    roles: Vec::new(),
                    aliases: Vec::new(),
                    reports: 0,
                });
                id
            }
        };
        let g = &mut self.actors[id as usize];
        g.reports += 1;
        let bare = strip_title(&actor.name);
        if name_tokens(bare).len() > name_tokens(&g.name).len() {
            g.name = bare.to_string();
        }
        if g.country.is_none() {
            g.country.clone_from(&actor.country);
        }
        if g.code.is_none() {
            g.code.clone_from(&actor.code);
        }
        for r in &actor.roles {
            if !g.roles.contains(r) {
                g.roles.push(r.clone());
            }
        }
        let mut names: Vec<&str> = vec![actor.name.as_str()];
        names.extend(actor.mentions.iter().map(|m| m.text.as_str()));
        for n in names {
            if n != g.name && !g.aliases.iter().any(|a| a == n) && g.aliases.len() < 32 {
                g.aliases.push(n.to_string());
            }
        }
        let snapshot = g.clone();
        self.index_keys(&snapshot);
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(name: &str, country: Option<&str>, roles: &[&str]) -> Actor {
        Actor {
            id: "a1".into(),
            name: name.into(),
            kind: ActorKind::Person,
            country: country.map(str::to_string),
            code: None,
            roles: roles.iter().map(|r| r.to_string()).collect(),
            mentions: Vec::new(),
        }
    }

    #[test]
    fn tables_are_sorted() {
        assert!(TITLES.windows(2).all(|w| w[0] < w[1]));
        assert!(PARTICLES.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn titles_are_stripped() {
        assert_eq!(strip_title("Syrian President al-Sharaa"), "al-Sharaa");
        assert_eq!(
            strip_title("Prime Minister Benjamin Netanyahu"),
            "Benjamin Netanyahu"
        );
        assert_eq!(strip_title("Ahmed al-Sharaa"), "Ahmed al-Sharaa");
        assert_eq!(strip_title("President"), "President");
        assert_eq!(name_tokens("al-Sharaa"), name_tokens("al-Shara"));
    }

    #[test]
    fn one_person_across_spellings() {
        let mut r = ActorRegistry::new();
        let a = r.resolve(&person(
            "Ahmed al-Sharaa",
            Some("SYR"),
            &["President of Syria"],
        ));
        let b = r.resolve(&person("al-Sharaa", None, &[]));
        let c = r.resolve(&person("Syrian President al-Sharaa", Some("SYR"), &[]));
        let d = r.resolve(&person("al-Shara", Some("SYR"), &[]));
        assert_eq!([a, b, c, d], [a; 4]);
        assert_eq!(r.len(), 1);
        assert_eq!(r.get(a).map(|g| g.name.as_str()), Some("Ahmed al-Sharaa"));
        assert_eq!(r.find("al-Sharaa"), vec![a]);
    }

    #[test]
    fn different_people_stay_apart() {
        let mut r = ActorRegistry::new();
        let a = r.resolve(&person("Bashar al-Assad", Some("SYR"), &[]));
        let b = r.resolve(&person("Hafez al-Assad", Some("SYR"), &[]));
        let c = r.resolve(&person("John Smith", Some("USA"), &[]));
        let d = r.resolve(&person("John Smith", Some("GBR"), &[]));
        assert_ne!(a, b);
        assert_ne!(c, d);
    }

    #[test]
    fn codes_merge_organisations() {
        let mut r = ActorRegistry::new();
        let mut gov = person("Israeli government", Some("ISR"), &[]);
        gov.kind = ActorKind::Government;
        gov.code = Some("ISRGOV".into());
        let mut jer = gov.clone();
        jer.name = "Jerusalem".into();
        assert_eq!(r.resolve(&gov), r.resolve(&jer));
        assert_eq!(r.find("ISRGOV").len(), 1);
    }

    #[test]
    fn registry_survives_a_round_trip() {
        let mut r = ActorRegistry::new();
        let a = r.resolve(&person("Ahmed al-Sharaa", Some("SYR"), &[]));
        let json = serde_json::to_string(&r).unwrap_or_default();
        let mut back: ActorRegistry = serde_json::from_str(&json).unwrap_or_default();
        back.rebuild();
        assert_eq!(back.lookup(&person("al-Sharaa", None, &[])), Some(a));
    }
}
