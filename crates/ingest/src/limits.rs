//! Size limits that guard every reader.

use std::io::Read;

use crate::{Error, Result};

/// Size limits applied while reading.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Largest plain, HTML, feed or JSONL file read whole (bytes).
    pub max_file_bytes: u64,
    /// Largest decompressed size of a gzip file read whole, and of one WARC record (bytes).
    pub max_decompressed_bytes: u64,
    /// Largest decompressed size of a whole WARC file (bytes).
    pub max_warc_bytes: u64,
    /// Largest page fetched over HTTP (bytes).
    pub max_fetch_bytes: u64,
    /// Timeout for one HTTP request.
    pub fetch_timeout: std::time::Duration,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_file_bytes: 64 << 20,
            max_decompressed_bytes: 64 << 20,
            max_warc_bytes: 16 << 30,
            max_fetch_bytes: 16 << 20,
            fetch_timeout: std::time::Duration::from_secs(20),
        }
    }
}

/// Reads all of `r`, failing once more than `limit` bytes come out (a gzip bomb stops there).
pub(crate) fn read_capped(r: impl Read, limit: u64, what: &str) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    r.take(limit.saturating_add(1))
        .read_to_end(&mut out)
        .map_err(|e| match e.kind() {
            std::io::ErrorKind::UnexpectedEof
            | std::io::ErrorKind::InvalidInput
            | std::io::ErrorKind::InvalidData => Error::Gzip(format!("{what}: {e}")),
            _ => Error::Io(e),
        })?;
    if out.len() as u64 > limit {
        return Err(Error::TooLarge {
            what: what.to_string(),
            limit,
        });
    }
    Ok(out)
}

/// Reads a file whole, refusing files over `limit` before reading them; `.gz` files are
/// decompressed with the same cap on what comes out.
pub(crate) fn read_file(path: &std::path::Path, limits: &Limits) -> Result<Vec<u8>> {
    let meta = std::fs::metadata(path)?;
    if meta.len() > limits.max_file_bytes {
        return Err(Error::TooLarge {
            what: format!("file of {} bytes", meta.len()),
            limit: limits.max_file_bytes,
        });
    }
    let f = std::fs::File::open(path)?;
    let raw = read_capped(f, limits.max_file_bytes, "file")?;
    if raw.starts_with(&[0x1f, 0x8b]) {
        let gz = flate2::read::MultiGzDecoder::new(raw.as_slice());
        return read_capped(gz, limits.max_decompressed_bytes, "decompressed data");
    }
    Ok(raw)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_gzip_bomb_stops_at_the_cap() {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..8 {
            enc.write_all(&zeros).unwrap();
        }
        let bomb = enc.finish().unwrap();
        assert!(bomb.len() < 64 << 10);
        let err = read_capped(
            flate2::read::MultiGzDecoder::new(bomb.as_slice()),
            1 << 20,
            "decompressed data",
        )
        .unwrap_err();
        assert!(matches!(err, Error::TooLarge { .. }), "{err}");
    }

    #[test]
    fn truncated_gzip_is_a_clear_error() {
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(b"Some words that will be cut off before the end.")
            .unwrap();
        let gz = enc.finish().unwrap();
        let cut = &gz[..gz.len() - 6];
        let err = read_capped(flate2::read::MultiGzDecoder::new(cut), 1 << 20, "gzip").unwrap_err();
        assert!(matches!(err, Error::Gzip(_)), "{err}");
    }
}
