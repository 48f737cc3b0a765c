//! Word keys for matching across reports: a light English lemmatiser and stop-word list.
//!
//! The key is not a dictionary lemma; it only has to be equal for the inflections of one word
//! (`killed`, `kills`, `killing` → `kill`; `shot`, `shooting` → `shoot`) and rarely equal for
//! different words.

/// Irregular forms and their base, sorted by form (checked by a test).
const IRREGULAR: &[(&str, &str)] = &[
    ("am", "be"),
    ("are", "be"),
    ("arose", "arise"),
    ("ate", "eat"),
    ("beaten", "beat"),
    ("became", "become"),
    ("began", "begin"),
    ("begun", "begin"),
    ("bitten", "bite"),
    ("bled", "bleed"),
    ("blew", "blow"),
    ("blown", "blow"),
    ("bore", "bear"),
    ("born", "bear"),
    ("bought", "buy"),
    ("bound", "bind"),
    ("broke", "break"),
    ("broken", "break"),
    ("brought", "bring"),
    ("built", "build"),
    ("burnt", "burn"),
    ("came", "come"),
    ("caught", "catch"),
    ("children", "child"),
    ("chose", "choose"),
    ("chosen", "choose"),
    ("crises", "crisis"),
    ("dealt", "deal"),
    ("did", "do"),
    ("died", "die"),
    ("dies", "die"),
    ("does", "do"),
    ("done", "do"),
    ("drew", "draw"),
    ("driven", "drive"),
    ("drove", "drive"),
    ("dug", "dig"),
    ("dying", "die"),
    ("fallen", "fall"),
    ("fed", "feed"),
    ("fell", "fall"),
    ("felt", "feel"),
    ("fled", "flee"),
    ("flew", "fly"),
    ("fought", "fight"),
    ("found", "find"),
    ("froze", "freeze"),
    ("gave", "give"),
    ("given", "give"),
    ("gone", "go"),
    ("got", "get"),
    ("gotten", "get"),
    ("grew", "grow"),
    ("had", "have"),
    ("has", "have"),
    ("heard", "hear"),
    ("held", "hold"),
    ("hid", "hide"),
    ("hidden", "hide"),
    ("is", "be"),
    ("kept", "keep"),
    ("knew", "know"),
    ("known", "know"),
    ("laid", "lay"),
    ("led", "lead"),
    ("left", "leave"),
    ("lent", "lend"),
    ("lied", "lie"),
    ("lost", "lose"),
    ("lying", "lie"),
    ("made", "make"),
    ("meant", "mean"),
    ("men", "man"),
    ("met", "meet"),
    ("paid", "pay"),
    ("people", "person"),
    ("ran", "run"),
    ("rang", "ring"),
    ("risen", "rise"),
    ("rode", "ride"),
    ("rose", "rise"),
    ("said", "say"),
    ("sang", "sing"),
    ("sank", "sink"),
    ("sat", "sit"),
    ("saw", "see"),
    ("seen", "see"),
    ("sent", "send"),
    ("shook", "shake"),
    ("shot", "shoot"),
    ("slain", "slay"),
    ("slew", "slay"),
    ("sold", "sell"),
    ("sought", "seek"),
    ("spent", "spend"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("stole", "steal"),
    ("stolen", "steal"),
    ("stood", "stand"),
    ("struck", "strike"),
    ("stuck", "stick"),
    ("swore", "swear"),
    ("sworn", "swear"),
    ("taken", "take"),
    ("taught", "teach"),
    ("thought", "think"),
    ("threw", "throw"),
    ("thrown", "throw"),
    ("told", "tell"),
    ("took", "take"),
    ("tore", "tear"),
    ("torn", "tear"),
    ("understood", "understand"),
    ("was", "be"),
    ("went", "go"),
    ("were", "be"),
    ("women", "woman"),
    ("won", "win"),
    ("wore", "wear"),
    ("worn", "wear"),
    ("wounded", "wound"),
    ("written", "write"),
    ("wrote", "write"),
];

/// Function words that carry no proposition content, sorted (checked by a test).
const STOPWORDS: &[&str] = &[
    "a", "about", "after", "against", "all", "also", "an", "and", "any", "are", "as", "at", "be",
    "been", "before", "being", "between", "but", "by", "could", "did", "do", "does", "during",
    "for", "from", "had", "has", "have", "he", "her", "hers", "him", "his", "i", "if", "in",
    "into", "is", "it", "its", "may", "me", "might", "more", "most", "my", "no", "not", "of", "on",
    "one", "or", "other", "our", "over", "said", "says", "she", "should", "so", "some", "such",
    "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "those",
    "through", "to", "under", "up", "us", "very", "was", "we", "were", "what", "when", "where",
    "which", "while", "who", "whom", "will", "with", "would", "you", "your",
];

/// True for a function word (lowercase input).
pub fn is_stopword(word: &str) -> bool {
    STOPWORDS.binary_search(&word).is_ok()
}

/// The matching key of one word: lowercase, irregular forms mapped, inflections stripped.
pub fn key(word: &str) -> String {
    let lower: String = word
        .chars()
        .filter(|c| c.is_alphanumeric() || *c == '-')
        .flat_map(char::to_lowercase)
        .collect();
    let lower = lower.trim_matches('-').to_string();
    if let Ok(i) = IRREGULAR.binary_search_by(|(f, _)| (*f).cmp(lower.as_str())) {
        return normalise_stem(IRREGULAR[i].1);
    }
    if lower.len() <= 3 || !lower.chars().all(|c| c.is_ascii_alphabetic()) {
        return lower;
    }
    let stem = strip_inflection(&lower);
    normalise_stem(&stem)
}

fn has_vowel(s: &str) -> bool {
    s.chars()
        .any(|c| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y'))
}

fn strip_inflection(w: &str) -> String {
    let n = w.len();
    if (w.ends_with("ies") || w.ends_with("ied")) && n > 4 {
        return format!("{}y", &w[..n - 3]);
    }
    if w.ends_with("eed") && n >= 6 {
        return w[..n - 1].to_string();
    }
    for suffix in ["ings", "ing", "ed"] {
        if let Some(stem) = w.strip_suffix(suffix) {
            if stem.len() >= 3 && has_vowel(stem) {
                return stem.to_string();
            }
        }
    }
    if let Some(stem) = w.strip_suffix("es") {
        if ["s", "x", "z", "ch", "sh"]
            .iter()
            .any(|e| stem.ends_with(e))
        {
            return stem.to_string();
        }
    }
    if w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") && !w.ends_with("is") {
        return w[..n - 1].to_string();
    }
    w.to_string()
}

/// Undoubles a final consonant (`stopp` → `stop`, but `kill` stays) and drops a final `e`.
fn normalise_stem(s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    let n = chars.len();
    if n >= 4 {
        let (a, b) = (chars[n - 2], chars[n - 1]);
        if a == b && !matches!(b, 'l' | 's' | 'z' | 'f' | 'e' | 'o') && !"aeiou".contains(b) {
            chars.pop();
        }
    }
    if chars.len() >= 4 && chars.last() == Some(&'e') {
        chars.pop();
    }
    chars.into_iter().collect()
}

/// Content keys of a text: words split on anything but letters, digits and inner hyphens,
/// stop words dropped, each reduced by [`key`].
pub fn content_keys(text: &str) -> Vec<String> {
    words(text)
        .filter(|w| !is_stopword(&w.to_lowercase()))
        .map(key)
        .filter(|k| !k.is_empty())
        .collect()
}

/// The words of a text (letters, digits, inner hyphens and apostrophes dropped).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .map(|w| w.trim_matches('-'))
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_sorted_and_unique() {
        assert!(IRREGULAR.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(STOPWORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn inflections_share_a_key() {
        let groups: &[&[&str]] = &[
            &["kill", "killed", "kills", "killing"],
            &["shoot", "shot", "shooting", "shootings"],
            &["arrest", "arrested", "arrests"],
            &["stop", "stopped", "stopping"],
            &["hire", "hired", "hiring"],
            &["try", "tried", "tries"],
            &["agree", "agreed"],
            &["die", "died", "dying"],
            &["strike", "struck", "strikes"],
            &["pass", "passed", "passes"],
        ];
        for g in groups {
            let k = key(g[0]);
            for w in g.iter() {
                assert_eq!(key(w), k, "{w} vs {}", g[0]);
            }
        }
        assert_ne!(key("kill"), key("skill"));
        assert_ne!(key("shot"), key("shut"));
    }

    #[test]
    fn content_keys_drop_function_words() {
        assert_eq!(
            content_keys("Israel is providing weapons to the militias."),
            vec!["israel", "provid", "weapon", "militia"]
        );
    }

    #[test]
    fn odd_input_does_not_panic() {
        for w in ["", "-", "ß", "İstanbul", "ies", "eed", "ss", "123", "é́"] {
            let _ = key(w);
        }
    }
}
