//! The model file format: magic bytes, a format version, then a deflate-compressed body of
//! little-endian integers and length-prefixed strings.
//!
//! ```text
//! magic (8 bytes: "BYLNTAG\0" or "BYLNPAR\0") · version (u16 LE) · deflate(body)
//! ```

use std::io::{Read, Write};

use crate::{Error, Result};

/// Format version written by this build.
pub const FORMAT_VERSION: u16 = 1;
/// Oldest format version this build reads.
pub const OLDEST_SUPPORTED_VERSION: u16 = 1;

/// Builds a model body.
#[derive(Default)]
pub(crate) struct Writer {
    buf: Vec<u8>,
}

impl Writer {
    pub(crate) fn u8(&mut self, x: u8) {
        self.buf.push(x);
    }
    pub(crate) fn f32(&mut self, x: f32) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }
    #[cfg(test)]
    pub(crate) fn u64(&mut self, x: u64) {
        self.buf.extend_from_slice(&x.to_le_bytes());
    }
    /// Unsigned LEB128.
    pub(crate) fn var(&mut self, mut x: u64) {
        loop {
            let b = (x & 0x7f) as u8;
            x >>= 7;
            if x == 0 {
                self.buf.push(b);
                return;
            }
            self.buf.push(b | 0x80);
        }
    }
    /// Zig-zag signed LEB128.
    pub(crate) fn ivar(&mut self, x: i64) {
        self.var(((x << 1) ^ (x >> 63)) as u64);
    }
    pub(crate) fn str(&mut self, s: &str) {
        self.var(s.len() as u64);
        self.buf.extend_from_slice(s.as_bytes());
    }
    pub(crate) fn strs(&mut self, v: &[String]) {
        self.var(v.len() as u64);
        for s in v {
            self.str(s);
        }
    }

    /// Magic, version and the compressed body.
    pub(crate) fn finish(self, magic: &[u8; 8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(self.buf.len() / 3);
        out.extend_from_slice(magic);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        let mut enc = flate2::write::DeflateEncoder::new(out, flate2::Compression::best());
        // Writing to a Vec cannot fail.
        let _ = enc.write_all(&self.buf);
        enc.finish().unwrap_or_default()
    }
}

/// Reads a model body.
pub(crate) struct Reader {
    buf: Vec<u8>,
    pos: usize,
    model: String,
}

impl Reader {
    /// Checks magic and version, and inflates the body.
    pub(crate) fn open(bytes: &[u8], magic: &[u8; 8], model: &str) -> Result<Reader> {
        let bad = |m: &str| Error::BadModel {
            model: model.to_string(),
            message: m.to_string(),
        };
        if bytes.len() < 10 || &bytes[..8] != magic {
            return Err(bad(&format!(
                "not a byline model of this kind (expected magic {:?})",
                String::from_utf8_lossy(&magic[..7])
            )));
        }
        let version = u16::from_le_bytes([bytes[8], bytes[9]]);
        if !(OLDEST_SUPPORTED_VERSION..=FORMAT_VERSION).contains(&version) {
            return Err(Error::Version {
                model: model.to_string(),
                found: version,
                oldest: OLDEST_SUPPORTED_VERSION,
                current: FORMAT_VERSION,
            });
        }
        let mut buf = Vec::new();
        flate2::read::DeflateDecoder::new(&bytes[10..])
            .read_to_end(&mut buf)
            .map_err(|e| bad(&format!("corrupt body: {e}")))?;
        Ok(Reader {
            buf,
            pos: 0,
            model: model.to_string(),
        })
    }

    fn err(&self) -> Error {
        Error::BadModel {
            model: self.model.clone(),
            message: format!("truncated or corrupt at byte {}", self.pos),
        }
    }

    fn take(&mut self, n: usize) -> Result<&[u8]> {
        if self.buf.len() - self.pos < n {
            return Err(self.err());
        }
        let s = &self.buf[self.pos..self.pos + n];
        self.pos += n;
        Ok(s)
    }
    pub(crate) fn u8(&mut self) -> Result<u8> {
        Ok(self.take(1)?[0])
    }
    pub(crate) fn f32(&mut self) -> Result<f32> {
        let mut a = [0u8; 4];
        a.copy_from_slice(self.take(4)?);
        Ok(f32::from_le_bytes(a))
    }
    #[cfg(test)]
    pub(crate) fn u64(&mut self) -> Result<u64> {
        let mut a = [0u8; 8];
        a.copy_from_slice(self.take(8)?);
        Ok(u64::from_le_bytes(a))
    }
    pub(crate) fn var(&mut self) -> Result<u64> {
        let mut x = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.u8()?;
            x |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(x);
            }
        }
        Err(self.err())
    }
    /// A length or count, bounded by the bytes left so corrupt input cannot allocate wildly.
    pub(crate) fn len(&mut self) -> Result<usize> {
        let n = self.var()?;
        if n > ((self.buf.len() - self.pos) as u64 + 1) << 20 {
            return Err(self.err());
        }
        Ok(n as usize)
    }
    pub(crate) fn ivar(&mut self) -> Result<i64> {
        let u = self.var()?;
        Ok(((u >> 1) as i64) ^ -((u & 1) as i64))
    }
    pub(crate) fn str(&mut self) -> Result<String> {
        let n = self.len()?;
        let b = self.take(n)?.to_vec();
        String::from_utf8(b).map_err(|_| self.err())
    }
    pub(crate) fn strs(&mut self) -> Result<Vec<String>> {
        let n = self.len()?;
        (0..n).map(|_| self.str()).collect()
    }
    /// The model name, for errors.
    pub(crate) fn model(&self) -> &str {
        &self.model
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_rejects() {
        let mut w = Writer::default();
        w.var(300);
        w.ivar(-5);
        w.str("nsubj");
        w.f32(0.5);
        w.u64(u64::MAX);
        let bytes = w.finish(b"BYLNTST\0");
        let mut r = Reader::open(&bytes, b"BYLNTST\0", "test").unwrap();
        assert_eq!(r.var().unwrap(), 300);
        assert_eq!(r.ivar().unwrap(), -5);
        assert_eq!(r.str().unwrap(), "nsubj");
        assert_eq!(r.f32().unwrap(), 0.5);
        assert_eq!(r.u64().unwrap(), u64::MAX);
        assert!(r.u8().is_err());
        assert!(Reader::open(&bytes, b"BYLNPAR\0", "test").is_err());
        let mut future = bytes.clone();
        future[8] = 99;
        assert!(matches!(
            Reader::open(&future, b"BYLNTST\0", "test"),
            Err(Error::Version { found: 99, .. })
        ));
        assert!(Reader::open(&bytes[..12], b"BYLNTST\0", "test").is_err());
    }
}
