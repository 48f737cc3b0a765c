//! Which outlet a report passes on: the `relayed_from` the extractor found, or a wire credit
//! spotted in the text ("(Reuters) -", "Reuters reported", "told Reuters").

/// Wire agencies and the spellings that name them, sorted by spelling (checked by a test).
const WIRES: &[(&str, &str)] = &[
    ("AFP", "afp"),
    ("AP", "ap"),
    ("Agence France-Presse", "afp"),
    ("Anadolu", "anadolu"),
    ("Associated Press", "ap"),
    ("Bloomberg", "bloomberg"),
    ("Kyodo", "kyodo"),
    ("Reuters", "reuters"),
    ("TASS", "tass"),
    ("Xinhua", "xinhua"),
    ("Yonhap", "yonhap"),
    ("dpa", "dpa"),
];

/// A comparable outlet name: lowercase letters and digits, known wire spellings unified
/// ("Agence France-Presse" and "AFP" → `afp`).
pub fn outlet_key(name: &str) -> String {
    let trimmed = name.trim();
    if let Some((_, key)) = WIRES.iter().find(|(n, _)| n.eq_ignore_ascii_case(trimmed)) {
        return (*key).to_string();
    }
    let mut key: String = trimmed
        .chars()
        .filter(|c| c.is_alphanumeric() || c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(rest) = key.strip_prefix("the ") {
        key = rest.to_string();
    }
    key
}

/// Wire agencies the text credits: a dateline credit `(Reuters)`, or the agency next to a
/// reporting verb ("Reuters reported", "told Reuters", "according to Reuters").
pub fn detect(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for (name, key) in WIRES {
        if name.len() <= 3 && name.chars().all(|c| c.is_ascii_uppercase()) && *name != "AFP" {
            // "AP" alone is too short to trust outside a dateline.
            if text.contains(&format!("({name})")) && !out.iter().any(|k| k == key) {
                out.push((*key).to_string());
            }
            continue;
        }
        let credited = [
            format!("({name})"),
            format!("{name} reported"),
            format!("{name} reports"),
            format!("told {name}"),
            format!("according to {name}"),
            format!("{name} said"),
            format!("{name} news agency"),
            format!("{name} contributed"),
        ]
        .iter()
        .any(|p| text.contains(p.as_str()));
        if credited && !out.iter().any(|k| k == key) {
            out.push((*key).to_string());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn table_is_sorted() {
        assert!(WIRES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn credits_are_found() {
        assert_eq!(
            detect("DAMASCUS (Reuters) - Talks went on."),
            vec!["reuters"]
        );
        assert_eq!(
            detect("Two officials told Reuters on Monday."),
            vec!["reuters"]
        );
        assert_eq!(detect("BEIRUT (AP) — Shelling resumed."), vec!["ap"]);
        assert!(detect("The AP stylebook is long.").is_empty());
        assert!(detect("Nothing to see.").is_empty());
    }

    #[test]
    fn outlet_names_are_unified() {
        assert_eq!(outlet_key("Agence France-Presse"), outlet_key("AFP"));
        assert_eq!(outlet_key("The Daily Star"), "daily star");
    }
}
