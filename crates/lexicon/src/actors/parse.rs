//! Readers for the three TSV formats of the actor lexicon.
//!
//! Lines starting with `#` are the header (source, licence, version, columns); fields are
//! separated by tabs; list fields separate their items with `|`; an empty field or `-` is empty.

use super::{ActorKind, Entry, Error, Result, Role, Title};

/// A person row: the person and the roles it brings.
pub(crate) struct PersonRow {
    pub entry: Entry,
    pub roles: Vec<Role>,
}

fn rows<'a>(text: &'a str) -> impl Iterator<Item = (usize, Vec<&'a str>)> + 'a {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').map(str::trim).collect()))
}

fn field<'a>(cols: &[&'a str], i: usize) -> Option<&'a str> {
    cols.get(i).copied().filter(|s| !s.is_empty() && *s != "-")
}

fn list(cols: &[&str], i: usize) -> Vec<String> {
    field(cols, i)
        .map(|s| {
            s.split('|')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(String::from)
                .collect()
        })
        .unwrap_or_default()
}

fn err(file: &str, line: usize, message: impl Into<String>) -> Error {
    Error::Parse {
        file: file.to_string(),
        line,
        message: message.into(),
    }
}

/// Parses an actor kind as written in `byline/1` (`country`, `military`, `igo` …).
pub(crate) fn kind(s: &str) -> Option<ActorKind> {
    Some(match s {
        "country" => ActorKind::Country,
        "government" => ActorKind::Government,
        "military" => ActorKind::Military,
        "police" => ActorKind::Police,
        "rebel" => ActorKind::Rebel,
        "militia" => ActorKind::Militia,
        "party" => ActorKind::Party,
        "group" => ActorKind::Group,
        "igo" => ActorKind::Igo,
        "ngo" => ActorKind::Ngo,
        "organization" => ActorKind::Organization,
        "media" => ActorKind::Media,
        "business" => ActorKind::Business,
        "person" => ActorKind::Person,
        "place" => ActorKind::Place,
        _ => return None,
    })
}

fn iso3(file: &str, line: usize, s: Option<&str>) -> Result<Option<String>> {
    match s {
        None => Ok(None),
        Some(c) if c.len() == 3 && c.bytes().all(|b| b.is_ascii_uppercase()) => {
            Ok(Some(c.to_string()))
        }
        Some(c) => Err(err(
            file,
            line,
            format!("country {c:?} is not ISO 3166 alpha-3"),
        )),
    }
}

/// `name  kind  country  code  aliases  adjectives  capitals`
pub(crate) fn entries(file: &str, text: &str) -> Result<Vec<Entry>> {
    let mut out = Vec::new();
    for (line, cols) in rows(text) {
        let name = field(&cols, 0).ok_or_else(|| err(file, line, "empty name"))?;
        let k = field(&cols, 1).ok_or_else(|| err(file, line, "missing kind"))?;
        let kind = kind(k).ok_or_else(|| err(file, line, format!("unknown kind {k:?}")))?;
        out.push(Entry {
            name: name.to_string(),
            kind,
            country: iso3(file, line, field(&cols, 2))?,
            code: field(&cols, 3).map(String::from),
            aliases: list(&cols, 4),
            adjectives: list(&cols, 5),
            capitals: list(&cols, 6),
        });
    }
    Ok(out)
}

fn date(file: &str, line: usize, s: Option<&str>) -> Result<Option<String>> {
    match s {
        None => Ok(None),
        Some(d)
            if d.len() == 10
                && d.bytes().enumerate().all(|(i, b)| {
                    if i == 4 || i == 7 {
                        b == b'-'
                    } else {
                        b.is_ascii_digit()
                    }
                }) =>
        {
            Ok(Some(d.to_string()))
        }
        Some(d) => Err(err(file, line, format!("date {d:?} is not YYYY-MM-DD"))),
    }
}

/// `name  country  code  title  from  to  aliases`
pub(crate) fn people(file: &str, text: &str) -> Result<Vec<PersonRow>> {
    let mut out = Vec::new();
    for (line, cols) in rows(text) {
        let name = field(&cols, 0).ok_or_else(|| err(file, line, "empty name"))?;
        let country = iso3(file, line, field(&cols, 1))?;
        let code = field(&cols, 2)
            .map(String::from)
            .or_else(|| country.as_ref().map(|c| format!("{c}GOV")));
        let mut roles = Vec::new();
        if let (Some(title), Some(c)) = (field(&cols, 3), &country) {
            // A role without dates is a standing description ("journalist").
            let from = date(file, line, field(&cols, 4))?.unwrap_or_else(|| "0000-01-01".into());
            roles.push(Role {
                person: 0,
                title: title.to_string(),
                country: c.clone(),
                from,
                to: date(file, line, field(&cols, 5))?,
            });
        }
        out.push(PersonRow {
            entry: Entry {
                name: name.to_string(),
                kind: ActorKind::Person,
                country,
                code,
                aliases: list(&cols, 6),
                adjectives: Vec::new(),
                capitals: Vec::new(),
            },
            roles,
        });
    }
    Ok(out)
}

/// `title  sector  office`
pub(crate) fn titles(file: &str, text: &str) -> Result<Vec<Title>> {
    let mut out = Vec::new();
    for (line, cols) in rows(text) {
        let title = field(&cols, 0).ok_or_else(|| err(file, line, "empty title"))?;
        out.push(Title {
            title: title.to_string(),
            sector: field(&cols, 1).unwrap_or("GOV").to_string(),
            office: field(&cols, 2).unwrap_or(title).to_string(),
        });
    }
    Ok(out)
}
