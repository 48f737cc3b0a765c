//! Input normalisation with a map back to the original bytes. (Placeholder: identity.)

/// Normalised text and the map from its byte offsets to the original's.
#[derive(Clone, Debug)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// For each byte of `text` (and one past the end), the byte offset in the original input.
    pub original: Vec<usize>,
}

impl Normalized {
    /// Byte offset in the original input of byte `byte` of the normalised text.
    pub fn original_offset(&self, byte: usize) -> usize {
        self.original
            .get(byte)
            .copied()
            .unwrap_or_else(|| self.original.last().copied().unwrap_or(0))
    }
}

/// Normalises `raw`: line endings, spaces, invisible characters, leftover HTML entities.
pub fn normalize(raw: &str) -> Normalized {
    Normalized {
        text: raw.to_string(),
        original: (0..=raw.len()).collect(),
    }
}
