//! Input normalisation with a map back to the original bytes.
//!
//! What changes: line endings (CRLF and CR become LF; U+2028 becomes LF, U+2029 a blank line),
//! NBSP and the other Unicode spaces become a plain space, zero-width, bidirectional-control and
//! control characters are removed (tab and newline stay), the soft hyphen is removed, leftover
//! HTML entities are decoded (`&amp;`, `&#8217;`, `&#x2019;`, `&nbsp;` …), and trailing spaces
//! and tabs at the end of each line are dropped. Quotes, dashes, apostrophes and every other
//! visible character are kept as they are.

/// Normalised text and the map from its byte offsets to the original's.
#[derive(Clone, Debug)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// Maps each byte offset of `text` (and one past the end) to a byte offset in the original.
    pub original: OffsetMap,
}

impl Normalized {
    /// Byte offset in the original input of byte `byte` of the normalised text. Offsets past the
    /// end map to the end of the original.
    pub fn original_offset(&self, byte: usize) -> usize {
        self.original.get(byte)
    }
}

/// A monotone map from normalised byte offsets to original byte offsets, stored as the points
/// where the difference between the two changes (compact when little was changed).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OffsetMap {
    /// `(normalised offset, original offset)`: from this normalised offset on, offsets advance
    /// in step with the original until the next point. Sorted by both members.
    points: Vec<(usize, usize)>,
    /// Length of the normalised text.
    len: usize,
    /// Length of the original text.
    original_len: usize,
}

impl OffsetMap {
    /// The original offset of normalised byte offset `byte`.
    pub fn get(&self, byte: usize) -> usize {
        if byte >= self.len {
            return self.original_len;
        }
        let k = self.points.partition_point(|&(n, _)| n <= byte);
        match k.checked_sub(1).and_then(|k| self.points.get(k)) {
            Some(&(n, o)) => o + (byte - n),
            None => byte,
        }
    }

    /// Length of the normalised text this map covers.
    pub fn len(&self) -> usize {
        self.len
    }

    /// True when the normalised text is empty.
    pub fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// Builds a normalised string and its offset map.
struct Builder {
    text: String,
    points: Vec<(usize, usize)>,
    /// `original − normalised` offset difference of the last point.
    delta: isize,
}

impl Builder {
    /// Appends `s`, whose first byte comes from original offset `orig`. Every byte of `s` maps
    /// to `orig` when `atomic` (a decoded entity); otherwise bytes advance in step.
    fn push(&mut self, s: &str, orig: usize, atomic: bool) {
        let at = self.text.len();
        self.mark(at, orig);
        self.text.push_str(s);
        if atomic {
            for k in 1..s.len() {
                self.mark(at + k, orig);
            }
        }
    }

    fn mark(&mut self, at: usize, orig: usize) {
        let delta = orig as isize - at as isize;
        if delta != self.delta {
            self.points.push((at, orig));
            self.delta = delta;
        }
    }

    /// Drops trailing spaces and tabs just pushed.
    fn trim_line_end(&mut self) {
        let keep = self.text.trim_end_matches([' ', '\t']).len();
        if keep < self.text.len() {
            self.text.truncate(keep);
            while self.points.last().is_some_and(|&(n, _)| n >= keep) {
                self.points.pop();
            }
            self.delta = self
                .points
                .last()
                .map_or(0, |&(n, o)| o as isize - n as isize);
        }
    }
}

/// What replaces a stretch of the input.
enum Replacement {
    /// A fixed string (a line break, a space, nothing).
    Str(&'static str),
    /// A decoded character.
    Char(char),
}

/// Normalises `raw`: line endings, spaces, invisible characters, leftover HTML entities, trailing
/// whitespace.
pub fn normalize(raw: &str) -> Normalized {
    let mut b = Builder {
        text: String::with_capacity(raw.len()),
        points: Vec::new(),
        delta: 0,
    };
    let bytes = raw.as_bytes();
    let mut i = 0;
    // Start of the run of bytes copied unchanged.
    let mut run = 0;
    while i < bytes.len() {
        let c0 = bytes[i];
        // Fast path: printable ASCII other than `&` (spaces may turn out to be trailing).
        if (0x20..0x7F).contains(&c0) && c0 != b'&' {
            i += 1;
            continue;
        }
        let (c, len) = if c0 < 0x80 {
            (c0 as char, 1)
        } else {
            match raw[i..].chars().next() {
                Some(c) => (c, c.len_utf8()),
                None => break,
            }
        };
        // (replacement, input bytes it stands for, whether all its bytes map to its start)
        let replacement = match c {
            '\t' => None,
            '\n' | '\r' | '\u{2028}' | '\u{2029}' => {
                flush(&mut b, raw, run, i);
                run = i;
                b.trim_line_end();
                match c {
                    '\n' => None,
                    // The LF stands for the whole line ending.
                    '\r' if bytes.get(i + 1) == Some(&b'\n') => {
                        Some((Replacement::Str("\n"), 2, false))
                    }
                    '\u{2029}' => Some((Replacement::Str("\n\n"), len, true)),
                    _ => Some((Replacement::Str("\n"), len, false)),
                }
            }
            '&' => decode_entity(&raw[i..]).map(|(c, n)| {
                let r = if is_space(c) {
                    Replacement::Str(" ")
                } else if is_invisible(c) {
                    Replacement::Str("")
                } else {
                    Replacement::Char(c)
                };
                (r, n, true)
            }),
            c if is_space(c) => Some((Replacement::Str(" "), len, false)),
            c if is_invisible(c) => Some((Replacement::Str(""), len, false)),
            _ => None,
        };
        match replacement {
            None => i += len,
            Some((r, consumed, atomic)) => {
                flush(&mut b, raw, run, i);
                let mut buf = [0u8; 4];
                let s = match r {
                    Replacement::Str(s) => s,
                    Replacement::Char(c) => c.encode_utf8(&mut buf),
                };
                if !s.is_empty() {
                    b.push(s, i, atomic);
                }
                i += consumed;
                run = i;
            }
        }
    }
    flush(&mut b, raw, run, bytes.len());
    b.trim_line_end();
    let len = b.text.len();
    Normalized {
        text: b.text,
        original: OffsetMap {
            points: b.points,
            len,
            original_len: raw.len(),
        },
    }
}

/// Copies the unchanged run `raw[from..to]`.
fn flush(b: &mut Builder, raw: &str, from: usize, to: usize) {
    if from < to {
        b.push(&raw[from..to], from, false);
    }
}

/// Unicode spaces other than the plain space, tab and line breaks.
fn is_space(c: char) -> bool {
    matches!(
        c,
        '\u{A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\u{0B}' | '\u{0C}' | '\u{85}'
    )
}

/// Characters with no visible form: controls (but tab and newline), zero-width characters,
/// bidirectional controls, the byte-order mark and the soft hyphen.
fn is_invisible(c: char) -> bool {
    (c.is_control() && !matches!(c, '\n' | '\t'))
        || matches!(c, '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// Named HTML entities decoded when they turn up in text (sorted by name).
const ENTITIES: &[(&str, char)] = &[
    ("amp", '&'),
    ("apos", '\''),
    ("bdquo", '\u{201E}'),
    ("bull", '\u{2022}'),
    ("cent", '\u{A2}'),
    ("copy", '\u{A9}'),
    ("deg", '\u{B0}'),
    ("eacute", '\u{E9}'),
    ("euro", '\u{20AC}'),
    ("gt", '>'),
    ("hellip", '\u{2026}'),
    ("laquo", '\u{AB}'),
    ("ldquo", '\u{201C}'),
    ("lsaquo", '\u{2039}'),
    ("lsquo", '\u{2018}'),
    ("lt", '<'),
    ("mdash", '\u{2014}'),
    ("middot", '\u{B7}'),
    ("nbsp", '\u{A0}'),
    ("ndash", '\u{2013}'),
    ("pound", '\u{A3}'),
    ("quot", '"'),
    ("raquo", '\u{BB}'),
    ("rdquo", '\u{201D}'),
    ("reg", '\u{AE}'),
    ("rsaquo", '\u{203A}'),
    ("rsquo", '\u{2019}'),
    ("sbquo", '\u{201A}'),
    ("shy", '\u{AD}'),
    ("thinsp", '\u{2009}'),
    ("trade", '\u{2122}'),
    ("yen", '\u{A5}'),
    ("zwj", '\u{200D}'),
    ("zwnj", '\u{200C}'),
    ("zwsp", '\u{200B}'),
];

/// Decodes an entity at the start of `s` (which starts with `&`): the character it stands for
/// and the bytes it takes. Unknown names and malformed numbers are left alone.
fn decode_entity(s: &str) -> Option<(char, usize)> {
    let b = s.as_bytes();
    let semi = b.iter().take(12).position(|&c| c == b';')?;
    let name = &s[1..semi];
    if let Some(num) = name.strip_prefix('#') {
        let value = match num.strip_prefix(['x', 'X']) {
            Some(hex) if !hex.is_empty() && hex.len() <= 6 => u32::from_str_radix(hex, 16).ok()?,
            None if !num.is_empty()
                && num.len() <= 7
                && num.bytes().all(|c| c.is_ascii_digit()) =>
            {
                num.parse().ok()?
            }
            _ => return None,
        };
        // Windows-1252 code points sent as numbers (`&#146;`) mean their cp1252 characters.
        let c = cp1252(value).or_else(|| char::from_u32(value))?;
        return (c != '\0').then_some((c, semi + 1));
    }
    let k = ENTITIES.binary_search_by(|(n, _)| (*n).cmp(name)).ok()?;
    Some((ENTITIES[k].1, semi + 1))
}

/// The Windows-1252 character for code points 0x80–0x9F, often sent as numeric entities.
fn cp1252(v: u32) -> Option<char> {
    Some(match v {
        0x80 => '\u{20AC}',
        0x85 => '\u{2026}',
        0x91 => '\u{2018}',
        0x92 => '\u{2019}',
        0x93 => '\u{201C}',
        0x94 => '\u{201D}',
        0x96 => '\u{2013}',
        0x97 => '\u{2014}',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check_map(raw: &str, n: &Normalized) {
        let mut last = 0;
        for i in 0..=n.text.len() {
            let o = n.original_offset(i);
            assert!(
                o >= last && o <= raw.len(),
                "offset {i} maps to {o} after {last}"
            );
            last = o;
        }
        assert_eq!(n.original_offset(n.text.len()), raw.len());
    }

    #[test]
    fn line_endings_and_spaces() {
        let raw = "a\r\nb\rc\u{a0}d\u{2009}e  \n\u{200b}f\u{feff}g\u{7}h\t\u{2028}i";
        let n = normalize(raw);
        assert_eq!(n.text, "a\nb\nc d e\nfgh\ni");
        check_map(raw, &n);
        assert_eq!(
            &raw[n.original_offset(n.text.find('f').unwrap())..][..1],
            "f"
        );
        assert_eq!(&raw[n.original_offset(n.text.find('i').unwrap())..], "i");
    }

    #[test]
    fn entities_decode_with_offsets() {
        let raw = "AT&amp;T&#8217;s &quot;deal&quot;&nbsp;&#x2014; x &unknown; & y &#146;";
        let n = normalize(raw);
        assert_eq!(
            n.text,
            "AT&T\u{2019}s \"deal\" \u{2014} x &unknown; & y \u{2019}"
        );
        check_map(raw, &n);
        let s = n.text.find('s').unwrap();
        assert_eq!(&raw[n.original_offset(s)..n.original_offset(s + 1)], "s");
        let q = n.text.find('\u{2019}').unwrap();
        assert_eq!(n.original_offset(q), raw.find("&#8217;").unwrap());
        assert_eq!(n.original_offset(q + 1), raw.find("&#8217;").unwrap());
    }

    #[test]
    fn meaning_bearing_characters_stay() {
        let raw = "\u{201C}Yes\u{201D} \u{2014} it\u{2019}s \u{2013} \u{AB}ok\u{BB} 'a' \"b\"";
        let n = normalize(raw);
        assert_eq!(n.text, raw);
        check_map(raw, &n);
    }

    #[test]
    fn trailing_whitespace_is_dropped() {
        let raw = "one  \t\ntwo \r\nthree   ";
        let n = normalize(raw);
        assert_eq!(n.text, "one\ntwo\nthree");
        check_map(raw, &n);
        assert_eq!(n.original_offset(4), raw.find("two").unwrap());
    }

    #[test]
    fn entity_table_is_sorted() {
        for w in ENTITIES.windows(2) {
            assert!(w[0].0 < w[1].0, "{} before {}", w[1].0, w[0].0);
        }
    }

    #[test]
    fn unchanged_text_maps_to_itself() {
        let raw = "Plain text, with no changes.\nSecond line.";
        let n = normalize(raw);
        assert_eq!(n.text, raw);
        assert!(n.original.points.is_empty());
        assert_eq!(n.original_offset(7), 7);
    }
}
