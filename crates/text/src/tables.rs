//! Word lists the tokenizer and the sentence splitter consult. Every table is sorted (byte order)
//! so lookups are binary searches; a test checks the order and uniqueness.

/// Abbreviations written without internal periods that keep their final period (`Mr.`, `Jan.`).
/// Case-sensitive; lowercase entries also match a capitalised word (`etc` matches `Etc.`).
pub(crate) const ABBREVIATIONS: &[&str] = &[
    "Adm", "Ala", "Apr", "Ariz", "Ark", "Assn", "Attn", "Atty", "Aug", "Ave", "Bldg", "Blvd",
    "Brig", "Bros", "Calif", "Capt", "Cmdr", "Co", "Col", "Colo", "Conn", "Corp", "Cpl", "Dec",
    "Del", "Dept", "Det", "Dr", "Esq", "Feb", "Fla", "Fr", "Fri", "Ft", "Ga", "Gen", "Gov", "Hon",
    "Hwy", "Ill", "Inc", "Ind", "Insp", "Jan", "Jr", "Jul", "Jun", "Kan", "Ky", "La", "Lt", "Ltd",
    "Maj", "Mar", "Mass", "Md", "Messrs", "Mich", "Minn", "Mme", "Mo", "Mon", "Mont", "Mr", "Mrs",
    "Ms", "Msgr", "Mt", "Neb", "Nev", "Nov", "Oct", "Okla", "Ont", "Ore", "Pa", "Ph", "Pres",
    "Prof", "Pvt", "Rd", "Rep", "Reps", "Rev", "Sat", "Sen", "Sens", "Sep", "Sept", "Sgt", "Sr",
    "St", "Ste", "Sun", "Supt", "Tenn", "Tex", "Thu", "Thur", "Thurs", "Tue", "Tues", "Va", "Vol",
    "Vt", "Wash", "Wed", "Wis", "Wyo", "al", "approx", "cf", "dept", "est", "etc", "ext", "fig",
    "ft", "hrs", "incl", "lb", "lbs", "mins", "misc", "mph", "oz", "pp", "sq", "vol", "vs", "yrs",
];

/// Abbreviations that precede a name or a number and so never end a sentence (`Mr. Smith`,
/// `No. 5`). Subset of [`ABBREVIATIONS`].
pub(crate) const TITLES: &[&str] = &[
    "Adm", "Atty", "Brig", "Capt", "Cmdr", "Col", "Cpl", "Det", "Dr", "Fr", "Ft", "Gen", "Gov",
    "Hon", "Insp", "Lt", "Maj", "Messrs", "Mme", "Mr", "Mrs", "Ms", "Msgr", "Mt", "Pres", "Prof",
    "Pvt", "Rep", "Reps", "Rev", "Sen", "Sens", "Sgt", "St", "Supt", "cf", "vs",
];

/// Prefixes that UD English EWT keeps attached to the rest of a hyphenated word (`non-human`,
/// `e-mail`, `mid-July`); other hyphenated words are split around the hyphen.
pub(crate) const HYPHEN_PREFIXES: &[&str] = &[
    "anti", "bi", "co", "counter", "cyber", "de", "e", "ex", "inter", "intra", "mid", "multi",
    "neo", "non", "over", "post", "pre", "pro", "re", "semi", "sub", "super", "trans", "u",
    "ultra", "un", "vice", "wi", "x",
];

/// Name particles joined by a hyphen to a capitalised name, kept as one token (`al-Sharaa`,
/// `as-Suwayda`, `bin-Laden`): a deliberate exception to EWT's hyphen splitting.
pub(crate) const NAME_PARTICLES: &[&str] = &[
    "Abd", "Abu", "Ad", "Al", "An", "Ar", "As", "Ash", "At", "Az", "Bin", "Bint", "El", "Ibn",
    "abd", "abu", "ad", "al", "an", "ar", "as", "ash", "at", "az", "bin", "bint", "el", "ibn",
    "ud", "ul",
];

/// Contractions written without an apostrophe and where EWT splits them (`dont` → `do` + `nt`,
/// `cannot` → `can` + `not`, `gonna` → `gon` + `na`). Lowercase; matched case-insensitively.
pub(crate) const BARE_CONTRACTIONS: &[(&str, usize)] = &[
    ("aint", 2),
    ("arent", 3),
    ("cannot", 3),
    ("couldnt", 5),
    ("didnt", 3),
    ("doesnt", 4),
    ("dont", 2),
    ("gonna", 3),
    ("gotta", 3),
    ("hadnt", 3),
    ("hasnt", 3),
    ("havent", 4),
    ("isnt", 2),
    ("shouldnt", 6),
    ("wanna", 3),
    ("wasnt", 3),
    ("werent", 4),
    ("wouldnt", 5),
];

/// Capitalised words that usually open a sentence; after an abbreviation such as `U.S.` or
/// `Inc.` they mark a sentence end (`… in the U.S. The …`), where a name would not.
pub(crate) const SENTENCE_STARTERS: &[&str] = &[
    "A",
    "After",
    "Also",
    "Although",
    "An",
    "And",
    "As",
    "At",
    "But",
    "By",
    "Each",
    "For",
    "He",
    "Her",
    "His",
    "How",
    "However",
    "I",
    "If",
    "In",
    "It",
    "Its",
    "Many",
    "Meanwhile",
    "More",
    "Most",
    "My",
    "No",
    "Now",
    "Officials",
    "On",
    "One",
    "Our",
    "She",
    "Since",
    "So",
    "Some",
    "That",
    "The",
    "Their",
    "There",
    "These",
    "They",
    "This",
    "Those",
    "Thus",
    "To",
    "Under",
    "We",
    "What",
    "When",
    "Where",
    "While",
    "Who",
    "Why",
    "With",
    "Yet",
    "You",
];

/// True when `word` is in the sorted `table`.
pub(crate) fn contains(table: &[&str], word: &str) -> bool {
    table.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn assert_sorted(name: &str, table: &[&str]) {
        for w in table.windows(2) {
            assert!(
                w[0] < w[1],
                "{name}: {:?} must come before {:?}",
                w[1],
                w[0]
            );
        }
    }

    #[test]
    fn tables_are_sorted_and_unique() {
        assert_sorted("ABBREVIATIONS", ABBREVIATIONS);
        assert_sorted("TITLES", TITLES);
        assert_sorted("HYPHEN_PREFIXES", HYPHEN_PREFIXES);
        assert_sorted("NAME_PARTICLES", NAME_PARTICLES);
        assert_sorted("SENTENCE_STARTERS", SENTENCE_STARTERS);
        let bare: Vec<&str> = BARE_CONTRACTIONS.iter().map(|(w, _)| *w).collect();
        assert_sorted("BARE_CONTRACTIONS", &bare);
        for (w, at) in BARE_CONTRACTIONS {
            assert!(*at > 0 && *at < w.len(), "{w}: split point {at}");
        }
    }

    #[test]
    fn titles_are_abbreviations() {
        for t in TITLES {
            assert!(
                contains(ABBREVIATIONS, t),
                "{t} is a title but not an abbreviation"
            );
        }
    }
}
