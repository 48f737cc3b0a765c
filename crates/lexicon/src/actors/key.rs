//! The comparison key of a surface form.

/// Lowercase, diacritics folded, hyphens, dots and apostrophes dropped or turned into spaces,
/// runs of spaces collapsed: `"As-Suwayda"` and `"as Suwayda"` share the key `"as suwayda"`,
/// `"U.S."` and `"US"` share `"us"`.
///
/// ```
/// use byline_lexicon::actors::key;
/// assert_eq!(key("As-Suwayda"), key("as  Suwayda"));
/// assert_eq!(key("U.S."), "us");
/// assert_eq!(key("Nicolás Maduro’s"), "nicolas maduros");
/// ```
pub fn key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = true;
    for c in s.chars() {
        // Most news text is ASCII: letters and digits skip the Unicode case tables.
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            space = false;
            continue;
        }
        match c {
            '-' | '‐' | '‑' | '–' | '—' | '_' | '/' | ',' => {
                if !space {
                    out.push(' ');
                    space = true;
                }
            }
            '.' | '\'' | '’' | '‘' | 'ʼ' | '`' | 'ʿ' | 'ʾ' => {}
            c if c.is_whitespace() => {
                if !space {
                    out.push(' ');
                    space = true;
                }
            }
            c => {
                for l in c.to_lowercase() {
                    out.push(fold(l));
                }
                space = false;
            }
        }
    }
    while out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Folds the Latin letters with diacritics news text uses most to their base letter.
fn fold(c: char) -> char {
    match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' | 'ĉ' => 'c',
        'ď' | 'đ' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' | 'ģ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ķ' => 'k',
        'ł' | 'ľ' | 'ļ' => 'l',
        'ñ' | 'ń' | 'ň' | 'ņ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' | 'ŕ' => 'r',
        'ś' | 'š' | 'ş' | 'ș' => 's',
        'ť' | 'ţ' | 'ț' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' | 'ų' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        c => c,
    }
}
