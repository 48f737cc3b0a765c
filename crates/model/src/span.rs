//! Spans in Unicode code points, and the map from byte offsets to them.

use serde::{Deserialize, Serialize};

/// A half-open range `[start, end)` in Unicode code points, serialised as `[start, end]`.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span(pub usize, pub usize);

impl Span {
    /// A span from `start` to `end` (code points).
    pub fn new(start: usize, end: usize) -> Span {
        Span(start, end)
    }

    /// First code point.
    pub fn start(self) -> usize {
        self.0
    }

    /// One past the last code point.
    pub fn end(self) -> usize {
        self.1
    }

    /// Number of code points.
    pub fn len(self) -> usize {
        self.1.saturating_sub(self.0)
    }

    /// True when the span holds nothing.
    pub fn is_empty(self) -> bool {
        self.1 <= self.0
    }

    /// True when the two spans share at least one code point.
    pub fn overlaps(self, other: Span) -> bool {
        self.0 < other.1 && other.0 < self.1
    }

    /// True when `other` lies inside `self`.
    pub fn contains(self, other: Span) -> bool {
        self.0 <= other.0 && other.1 <= self.1
    }
}

/// Converts byte offsets of one string into code-point offsets and back.
///
/// Internally byline works on byte offsets (what Rust slices by); the output speaks code points.
#[derive(Clone, Debug)]
pub struct CharMap {
    /// Byte offset of each code point, plus the string length at the end.
    byte_of_char: Vec<usize>,
    ascii: bool,
}

impl CharMap {
    /// Builds the map for `text`.
    pub fn new(text: &str) -> CharMap {
        let ascii = text.is_ascii();
        let byte_of_char = if ascii {
            Vec::new()
        } else {
            let mut v: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
            v.push(text.len());
            v
        };
        CharMap {
            byte_of_char,
            ascii,
        }
    }

    /// Code-point offset of byte offset `byte` (which must be on a char boundary; otherwise the
    /// code point containing it).
    pub fn char_of_byte(&self, byte: usize) -> usize {
        if self.ascii {
            return byte;
        }
        match self.byte_of_char.binary_search(&byte) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        }
    }

    /// Byte offset of code-point offset `ch` (clamped to the end).
    pub fn byte_of_char(&self, ch: usize) -> usize {
        if self.ascii {
            return ch;
        }
        let last = self.byte_of_char.len() - 1;
        self.byte_of_char[ch.min(last)]
    }

    /// The code-point span of the byte range `[start, end)`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        Span(self.char_of_byte(start), self.char_of_byte(end))
    }

    /// The byte range of a code-point span.
    pub fn bytes(&self, span: Span) -> std::ops::Range<usize> {
        self.byte_of_char(span.0)..self.byte_of_char(span.1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_map_round_trips() {
        let s = "Ça «va» — oui";
        let map = CharMap::new(s);
        for (ci, (b, _)) in s.char_indices().enumerate() {
            assert_eq!(map.char_of_byte(b), ci);
            assert_eq!(map.byte_of_char(ci), b);
        }
        assert_eq!(map.char_of_byte(s.len()), s.chars().count());
        let sp = map.span(4, 10);
        assert_eq!(&s[map.bytes(sp)], "«va»");
    }

    #[test]
    fn span_relations() {
        assert!(Span(0, 5).overlaps(Span(4, 6)));
        assert!(!Span(0, 5).overlaps(Span(5, 6)));
        assert!(Span(0, 5).contains(Span(1, 5)));
        assert_eq!(Span(3, 1).len(), 0);
    }
}
