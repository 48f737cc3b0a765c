//! The tokenizer: UD English (EWT) conventions, by hand-written scanning over the bytes of the
//! normalised text (no regular expressions).
//!
//! Text is cut at whitespace into chunks; each chunk is cut into words, numbers, URLs, e-mail
//! addresses and punctuation:
//! - clitics split as in EWT: `don't` → `do n't`, `can't` → `ca n't`, `Israel's` → `Israel 's`,
//!   `I'm`, `we've`, `they'll`, `he'd`; `dont` → `do nt`, `cannot` → `can not`;
//! - abbreviations keep their period: `U.S.`, `Mr.`, `Jan.`, `a.m.`, initials such as `M.`;
//! - numbers stay whole: `3,000`, `1.5`, `9/11`, `5:30`, `2019-10-15`, `713-853-3989`; currency
//!   and percent signs are their own tokens (`$ 5`, `20 %`); ranges split (`1969 - 1970`);
//! - hyphenated words split around the hyphen as EWT does (`well - known`) except after common
//!   prefixes (`non-human`, `e-mail`) and in Arabic-style names (`al-Sharaa`, `as-Suwayda`);
//! - URLs and e-mail addresses are one token;
//! - each quotation mark is a token; runs such as `...`, `--`, `?!`, `''` are one token.

use crate::tables::{self, ABBREVIATIONS, BARE_CONTRACTIONS, HYPHEN_PREFIXES, NAME_PARTICLES};

/// One token: a byte range of the normalised text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Token {
    /// The token's text in `text`.
    pub fn text(self, text: &str) -> &str {
        &text[self.start..self.end]
    }
}

/// Splits `text` into tokens; every token is a non-empty substring and only whitespace lies
/// between them.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut out = Vec::with_capacity(text.len() / 5 + 1);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let (c, len) = char_at(text, i);
        if c.is_whitespace() {
            i += len;
            continue;
        }
        let mut end = i + len;
        while end < bytes.len() {
            let b = bytes[end];
            if b < 0x80 {
                if matches!(b, b' ' | b'\n' | b'\t' | b'\r' | 0x0B | 0x0C | 0x1C..=0x1F) {
                    break;
                }
                end += 1;
                continue;
            }
            let (c, len) = char_at(text, end);
            if c.is_whitespace() {
                break;
            }
            end += len;
        }
        Chunk {
            text,
            end,
            out: &mut out,
        }
        .run(i);
        i = end;
    }
    out
}

/// The character at byte `i` (a char boundary) and its length in bytes.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b < 0x80 {
        return (b as char, 1);
    }
    match text[i..].chars().next() {
        Some(c) => (c, c.len_utf8()),
        None => (' ', 1),
    }
}

/// True for characters that make up words: letters, digits and combining marks.
#[inline]
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric()
        || matches!(c as u32,
            0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x0610..=0x061A
            | 0x064B..=0x065F | 0x0670 | 0x06D6..=0x06ED | 0x1AB0..=0x1AFF | 0x1DC0..=0x1DFF
            | 0x200C | 0x200D | 0x20D0..=0x20FF | 0xFE00..=0xFE0F | 0xFE20..=0xFE2F)
}

/// One whitespace-free chunk being cut into tokens.
struct Chunk<'a> {
    text: &'a str,
    end: usize,
    out: &'a mut Vec<Token>,
}

impl Chunk<'_> {
    fn push(&mut self, start: usize, end: usize) {
        if start < end {
            self.out.push(Token { start, end });
        }
    }

    fn char_at(&self, i: usize) -> Option<(char, usize)> {
        (i < self.end).then(|| char_at(self.text, i))
    }

    fn word_at(&self, i: usize) -> bool {
        self.char_at(i).is_some_and(|(c, _)| is_word_char(c))
    }

    fn byte(&self, i: usize) -> u8 {
        if i < self.end {
            self.text.as_bytes()[i]
        } else {
            0
        }
    }

    fn run(mut self, mut i: usize) {
        let has_at = self.text.as_bytes()[i..self.end].contains(&b'@');
        while i < self.end {
            let first = self.text.as_bytes()[i];
            let url = if matches!(first, b'h' | b'H' | b'w' | b'W' | b'f' | b'F') {
                self.url(i)
            } else {
                None
            };
            if let Some(e) = url.or_else(|| if has_at { self.email(i) } else { None }) {
                self.push(i, e);
                i = e;
                continue;
            }
            let (c, len) = char_at(self.text, i);
            if matches!(c, ':' | ';' | '=') {
                if let Some(e) = self.emoticon(i) {
                    self.push(i, e);
                    i = e;
                    continue;
                }
            }
            i = if is_word_char(c) {
                self.word(i)
            } else {
                let e = self.punct(i, c, len);
                self.push(i, e);
                e
            };
        }
    }

    /// An emoticon (`:)`, `;-)`, `:D`, `=(`) starting at `i`, standing alone or at the end of
    /// the chunk: its end.
    fn emoticon(&self, i: usize) -> Option<usize> {
        let mut j = i + 1;
        if matches!(self.byte(j), b'-' | b'\'' | b'o') {
            j += 1;
        }
        let face = self.byte(j);
        if !matches!(
            face,
            b')' | b'(' | b'D' | b'P' | b'p' | b'/' | b'|' | b']' | b'['
        ) {
            return None;
        }
        j += 1;
        while self.byte(j) == face {
            j += 1;
        }
        let before_ok = i == 0 || !is_word_char(self.text[..i].chars().next_back()?);
        let after_ok = j >= self.end || !self.word_at(j);
        // `:D`, `:P` and `:/` must stand alone (not `http:/` or `Note:D`).
        let alone = before_ok
            && (face == b')' || face == b'(' || i == 0 || {
                let prev = self.text[..i].chars().next_back()?;
                prev.is_whitespace()
            });
        (alone && after_ok).then_some(j)
    }

    /// A URL starting at `i`: its end, without trailing punctuation.
    fn url(&self, i: usize) -> Option<usize> {
        let rest = &self.text.as_bytes()[i..self.end];
        let starts = |p: &[u8]| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p);
        if !(starts(b"http://") || starts(b"https://") || starts(b"ftp://") || starts(b"www.")) {
            return None;
        }
        let mut e = self.end;
        let mut opens = rest.iter().filter(|&&b| b == b'(').count();
        let mut closes = rest.iter().filter(|&&b| b == b')').count();
        loop {
            let last = self.text[i..e].chars().next_back()?;
            let trim = match last {
                '.' | ',' | ';' | ':' | '!' | '?' | '"' | '\'' | ']' | '}' | '>' | '\u{201D}'
                | '\u{2019}' | '\u{BB}' => true,
                ')' if closes > opens => {
                    closes -= 1;
                    true
                }
                '(' => {
                    opens -= 1;
                    true
                }
                _ => false,
            };
            if !trim {
                break;
            }
            e -= last.len_utf8();
        }
        let body = e - i;
        (body > 8).then_some(e)
    }

    /// An e-mail address starting at `i`: its end.
    fn email(&self, i: usize) -> Option<usize> {
        let b = self.text.as_bytes();
        let local =
            |c: u8| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'%' | b'+' | b'-');
        if !b[i].is_ascii_alphanumeric() {
            return None;
        }
        let mut j = i;
        while j < self.end && local(b[j]) {
            j += 1;
        }
        if j >= self.end || b[j] != b'@' {
            return None;
        }
        let host = j + 1;
        let mut k = host;
        while k < self.end && (b[k].is_ascii_alphanumeric() || b[k] == b'-' || b[k] == b'.') {
            k += 1;
        }
        while k > host && matches!(b[k - 1], b'.' | b'-') {
            k -= 1;
        }
        match b[host..k]
            .iter()
            .rposition(|&c| c == b'.')
            .map(|d| host + d)
        {
            Some(d) if d > host && d + 1 < k => Some(k),
            _ => None,
        }
    }

    /// A run of punctuation or symbols starting at `i`: its end.
    fn punct(&self, i: usize, c: char, len: usize) -> usize {
        let mut e = i + len;
        match c {
            '.' | '!' | '?' => {
                while matches!(self.byte(e), b'.' | b'!' | b'?') {
                    e += 1;
                }
            }
            '-' | '*' | '_' | '=' | '~' | '<' | '>' | '+' | '#' | '\'' | '`' | '/' => {
                while self.byte(e) == c as u8 {
                    e += 1;
                }
            }
            c if !c.is_ascii() => {
                while let Some((d, l)) = self.char_at(e) {
                    if d != c {
                        break;
                    }
                    e += l;
                }
            }
            _ => {}
        }
        e
    }

    /// A word starting at `i` (a word character): pushes its tokens and returns where it ends.
    fn word(&mut self, start: usize) -> usize {
        let text = self.text;
        let b = text.as_bytes();
        let mut seg = start; // start of the current hyphen segment
        let mut i = start;
        loop {
            loop {
                while i < self.end && b[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                match self.char_at(i) {
                    Some((c, len)) if !c.is_ascii() && is_word_char(c) => i += len,
                    _ => break,
                }
            }
            let Some((c, len)) = self.char_at(i) else {
                break;
            };
            let prev = b[i - 1];
            let next_word = self.word_at(i + len);
            let join = match c {
                '.' => next_word && prev.is_ascii_alphanumeric(),
                ',' => {
                    prev.is_ascii_digit()
                        && (1..=3).all(|k| self.byte(i + k).is_ascii_digit())
                        && !self.byte(i + 4).is_ascii_digit()
                        && digits_before(b, seg, i) <= 3
                }
                ':' | '/' => prev.is_ascii_digit() && self.byte(i + 1).is_ascii_digit(),
                '&' => prev.is_ascii_uppercase() && self.byte(i + 1).is_ascii_uppercase(),
                '-' if next_word && self.hyphen_joins(seg, i) => {
                    seg = i + 1;
                    true
                }
                '\'' | '\u{2019}' if next_word => match self.clitic(start, i, len) {
                    Some((at, end)) => {
                        self.push_word(start, at);
                        self.push(at, end);
                        return end;
                    }
                    None => true,
                },
                '\'' | '\u{2019}' => false,
                _ => false,
            };
            if !join {
                break;
            }
            i += len;
        }
        // A final period belongs to an abbreviation or an initial.
        if self.byte(i) == b'.'
            && self.byte(i + 1) != b'.'
            && (is_abbreviation(&text[start..i]) || self.number_sign(start, i))
        {
            i += 1;
        }
        self.push_word(start, i);
        i
    }

    /// `No.` / `Nos.` before a number (`No. 5`), which elsewhere is the word *no*.
    fn number_sign(&self, start: usize, i: usize) -> bool {
        matches!(&self.text[start..i], "No" | "no" | "Nos" | "nos")
            && self.text[i + 1..]
                .bytes()
                .find(|c| !c.is_ascii_whitespace())
                .is_some_and(|c| c.is_ascii_digit())
    }

    /// Pushes `[start, end)`, splitting a contraction written without an apostrophe.
    fn push_word(&mut self, start: usize, end: usize) {
        let word = &self.text[start..end];
        let last = word.as_bytes().last().map_or(0, u8::to_ascii_lowercase);
        if (4..=8).contains(&word.len()) && matches!(last, b't' | b'a') && word.is_ascii() {
            let mut lower = [0u8; 8];
            for (l, c) in lower.iter_mut().zip(word.bytes()) {
                *l = c.to_ascii_lowercase();
            }
            let lower = &lower[..word.len()];
            if let Ok(k) = BARE_CONTRACTIONS.binary_search_by(|(w, _)| w.as_bytes().cmp(lower)) {
                let at = start + BARE_CONTRACTIONS[k].1;
                self.push(start, at);
                self.push(at, end);
                return;
            }
        }
        self.push(start, end);
    }

    /// At an apostrophe at `i` inside a word: where the word ends if a clitic follows
    /// (`do|n't`, `Israel|'s`) and where the clitic ends, or None when the apostrophe is part of
    /// the word (`O'Brien`).
    fn clitic(&self, start: usize, i: usize, len: usize) -> Option<(usize, usize)> {
        let b = self.text.as_bytes();
        let mut j = i + len;
        while j < self.end && b[j].is_ascii_alphabetic() {
            j += 1;
        }
        if self.word_at(j) {
            return None;
        }
        let after = &b[i + len..j];
        let is = |w: &[u8]| after.eq_ignore_ascii_case(w);
        if is(b"s") || is(b"m") || is(b"d") || is(b"ll") || is(b"re") || is(b"ve") {
            return Some((i, j));
        }
        if is(b"t") && i >= start + 2 && matches!(b[i - 1], b'n' | b'N') {
            return Some((i - 1, j));
        }
        None
    }

    /// Whether a hyphen at `i`, ending the segment that started at `seg`, stays inside the word.
    fn hyphen_joins(&self, seg: usize, i: usize) -> bool {
        let b = self.text.as_bytes();
        let left = &self.text[seg..i];
        if left.bytes().all(|c| c.is_ascii_digit()) {
            // A later hyphen of a number whose first hyphen was kept (`2019-10-15`).
            let joined = seg > 0 && b[seg - 1] == b'-' && b[seg - 2].is_ascii_digit();
            return joined || self.number_hyphens_join(seg);
        }
        let next = self.byte(i + 1);
        if tables::contains(NAME_PARTICLES, left) && next.is_ascii_uppercase() {
            return true;
        }
        if left.len() <= 7 && left.is_ascii() {
            let mut lower = [0u8; 7];
            for (l, c) in lower.iter_mut().zip(left.bytes()) {
                *l = c.to_ascii_lowercase();
            }
            let lower = &lower[..left.len()];
            if HYPHEN_PREFIXES
                .binary_search_by(|p| p.as_bytes().cmp(lower))
                .is_ok()
            {
                return true;
            }
        }
        // Letter-digit codes such as `F-16`, `COVID-19`, `ld2d-69366`.
        left.bytes().any(|c| c.is_ascii_digit()) && next.is_ascii_alphanumeric()
            || left.bytes().all(|c| c.is_ascii_uppercase()) && next.is_ascii_digit()
    }

    /// Whether the hyphens of a digit group starting at `seg` join it (dates, phone numbers) or
    /// split it (a range such as `1969-1970`).
    fn number_hyphens_join(&self, seg: usize) -> bool {
        let b = self.text.as_bytes();
        let mut groups = [0usize; 4];
        let mut n = 0;
        let mut j = seg;
        loop {
            let s = j;
            while j < self.end && b[j].is_ascii_digit() {
                j += 1;
            }
            if j == s || n == groups.len() {
                return n >= 3;
            }
            groups[n] = j - s;
            n += 1;
            if j + 1 < self.end && b[j] == b'-' && b[j + 1].is_ascii_digit() {
                j += 1;
            } else {
                break;
            }
        }
        if j < self.end && b[j].is_ascii_alphabetic() {
            return false;
        }
        n >= 3 || (n == 2 && groups[0] == 3 && groups[1] == 4)
    }
}

/// Digits in the current number before byte `i` (to tell `3,000` from `1,2,3`).
fn digits_before(b: &[u8], seg: usize, i: usize) -> usize {
    let mut n = 0;
    let mut j = i;
    while j > seg && b[j - 1].is_ascii_digit() {
        n += 1;
        j -= 1;
    }
    if j > seg && b[j - 1] == b',' {
        // Only the first group of `3,000,000` may be short; later groups are exactly three.
        return n.min(3);
    }
    n
}

/// True for an emoticon token such as `:)` or `;-)`.
pub(crate) fn is_emoticon(tok: &str) -> bool {
    let b = tok.as_bytes();
    tok == "^_^"
        || b.len() >= 2
            && b.len() <= 6
            && matches!(b[0], b':' | b';' | b'=')
            && matches!(
                b[b.len() - 1],
                b')' | b'(' | b'D' | b'P' | b'p' | b'/' | b'|' | b']' | b'['
            )
}

/// True when `word` followed by a period is an abbreviation: a listed one, an initial (`M`), or
/// dotted letters (`U.S`, `a.m`, `Ph.D`).
pub(crate) fn is_abbreviation(word: &str) -> bool {
    let b = word.as_bytes();
    if b.len() == 1 {
        return b[0].is_ascii_uppercase();
    }
    if b.contains(&b'.') {
        return word
            .split('.')
            .all(|s| (1..=2).contains(&s.len()) && s.bytes().all(|c| c.is_ascii_alphabetic()));
    }
    if tables::contains(ABBREVIATIONS, word) {
        return true;
    }
    // `Etc.`, `VS.`: the lowercase entry matches a capitalised or upper-case word.
    if b.len() <= 8 && b.is_ascii() && b[0].is_ascii_uppercase() {
        let mut lower = [0u8; 8];
        for (l, c) in lower.iter_mut().zip(b) {
            *l = c.to_ascii_lowercase();
        }
        if let Ok(s) = std::str::from_utf8(&lower[..b.len()]) {
            return tables::contains(ABBREVIATIONS, s);
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<&str> {
        tokenize(s).into_iter().map(|t| t.text(s)).collect()
    }

    #[test]
    fn clitics_split_as_in_ewt() {
        assert_eq!(toks("I don't know"), ["I", "do", "n't", "know"]);
        assert_eq!(toks("we can't"), ["we", "ca", "n't"]);
        assert_eq!(toks("won’t"), ["wo", "n’t"]);
        assert_eq!(toks("Israel's army"), ["Israel", "'s", "army"]);
        assert_eq!(
            toks("I'm sure we've seen they'll go, he'd say"),
            ["I", "'m", "sure", "we", "'ve", "seen", "they", "'ll", "go", ",", "he", "'d", "say"]
        );
        assert_eq!(toks("You're"), ["You", "'re"]);
        assert_eq!(toks("O'Brien's o'clock"), ["O'Brien", "'s", "o'clock"]);
        assert_eq!(toks("the parents' cars"), ["the", "parents", "'", "cars"]);
        assert_eq!(
            toks("I dont know, I cannot"),
            ["I", "do", "nt", "know", ",", "I", "can", "not"]
        );
    }

    #[test]
    fn abbreviations_keep_their_period() {
        assert_eq!(
            toks("Mr. Smith met Gen. Lee and Sen. Ames in the U.S. on Jan. 5 at 3 a.m."),
            [
                "Mr.", "Smith", "met", "Gen.", "Lee", "and", "Sen.", "Ames", "in", "the", "U.S.",
                "on", "Jan.", "5", "at", "3", "a.m."
            ]
        );
        assert_eq!(toks("Jennifer M. Anderson"), ["Jennifer", "M.", "Anderson"]);
        assert_eq!(toks("He left."), ["He", "left", "."]);
        assert_eq!(toks("Wait..."), ["Wait", "..."]);
        assert_eq!(toks("pens, etc. and"), ["pens", ",", "etc.", "and"]);
    }

    #[test]
    fn numbers_stay_whole() {
        assert_eq!(
            toks("3,000 men, 1.5 m, 9/11, 5:30, 2019-10-15, $5 and 20%."),
            [
                "3,000",
                "men",
                ",",
                "1.5",
                "m",
                ",",
                "9/11",
                ",",
                "5:30",
                ",",
                "2019-10-15",
                ",",
                "$",
                "5",
                "and",
                "20",
                "%",
                "."
            ]
        );
        assert_eq!(toks("in 1969-1970"), ["in", "1969", "-", "1970"]);
        assert_eq!(toks("call 713-853-3989"), ["call", "713-853-3989"]);
        assert_eq!(toks("1,2,3"), ["1", ",", "2", ",", "3"]);
    }

    #[test]
    fn hyphens_follow_ewt_with_names_whole() {
        assert_eq!(toks("a well-known man"), ["a", "well", "-", "known", "man"]);
        assert_eq!(toks("non-human e-mail"), ["non-human", "e-mail"]);
        assert_eq!(
            toks("Abu Mohammad al-Jolani met al-Sharaa and bin Salman in as-Suwayda"),
            [
                "Abu",
                "Mohammad",
                "al-Jolani",
                "met",
                "al-Sharaa",
                "and",
                "bin",
                "Salman",
                "in",
                "as-Suwayda"
            ]
        );
        assert_eq!(toks("an F-16 jet"), ["an", "F-16", "jet"]);
        assert_eq!(toks("a 15-year term"), ["a", "15", "-", "year", "term"]);
    }

    #[test]
    fn urls_and_emails_are_one_token() {
        assert_eq!(
            toks("See https://example.org/a_b?x=1, or www.example.com."),
            [
                "See",
                "https://example.org/a_b?x=1",
                ",",
                "or",
                "www.example.com",
                "."
            ]
        );
        assert_eq!(
            toks("Mail jane.doe@example.co.uk."),
            ["Mail", "jane.doe@example.co.uk", "."]
        );
        assert_eq!(
            toks("(http://a.example/x_(y))"),
            ["(", "http://a.example/x_(y)", ")"]
        );
    }

    #[test]
    fn quotes_dashes_and_ellipses() {
        assert_eq!(
            toks(
                "\u{201C}Yes,\u{201D} she said \u{2014} \u{AB}non\u{BB} -- 'ok' ``no'' ok\u{2026}"
            ),
            [
                "\u{201C}", "Yes", ",", "\u{201D}", "she", "said", "\u{2014}", "\u{AB}", "non",
                "\u{BB}", "--", "'", "ok", "'", "``", "no", "''", "ok", "\u{2026}"
            ]
        );
        assert_eq!(toks("\"Stop!?\" he"), ["\"", "Stop", "!?", "\"", "he"]);
    }

    #[test]
    fn unicode_words_and_marks() {
        assert_eq!(
            toks("Ça va, naïve café"),
            ["Ça", "va", ",", "naïve", "café"]
        );
        assert_eq!(toks("e\u{301}te\u{301}"), ["e\u{301}te\u{301}"]);
        assert_eq!(toks("AT&T"), ["AT&T"]);
    }

    #[test]
    fn every_token_is_a_substring_between_whitespace() {
        let s = "  A\u{a0}b\tc\n\n d's. ";
        let t = tokenize(s);
        let mut last = 0;
        for tok in &t {
            assert!(s[last..tok.start].chars().all(char::is_whitespace));
            assert!(tok.start < tok.end);
            last = tok.end;
        }
        assert!(s[last..].chars().all(char::is_whitespace));
    }
}
