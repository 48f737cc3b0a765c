//! The model file format: magic bytes, a format version, then a body of little-endian integers
//! and length-prefixed strings, stored as it is or deflate-compressed.
//!
//! ```text
//! version 2: magic (8 bytes: "BYLNTAG\0" or "BYLNPAR\0") · version (u16 LE) · encoding (u8:
//!            0 stored, 1 deflate) · body
//! version 1: magic · version (u16 LE) · deflate(body)
//! ```
//!
//! Weight tables are mostly hashed keys, which deflate shrinks by barely 15 %, while inflating
//! costs a fifth of the load time: the writer stores the body as it is unless deflate saves at
//! least a fifth of it.

use std::io::{Read, Write};

use crate::{Error, Result};

/// Format version written by this build.
pub const FORMAT_VERSION: u16 = 2;
/// Oldest format version this build reads.
pub const OLDEST_SUPPORTED_VERSION: u16 = 1;

/// Body encoding (version 2 on): as it is.
const STORED: u8 = 0;
/// Body encoding (version 2 on): deflate.
const DEFLATE: u8 = 1;

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

    /// Magic, version, encoding and the body, deflated when that saves a fifth of it.
    pub(crate) fn finish(self, magic: &[u8; 8]) -> Vec<u8> {
        let mut enc = flate2::write::DeflateEncoder::new(
            Vec::with_capacity(self.buf.len()),
            flate2::Compression::best(),
        );
        // Writing to a Vec cannot fail.
        let _ = enc.write_all(&self.buf);
        let deflated = enc.finish().unwrap_or_default();
        let (encoding, body) = if !deflated.is_empty() && deflated.len() * 5 <= self.buf.len() * 4 {
            (DEFLATE, deflated)
        } else {
            (STORED, self.buf)
        };
        let mut out = Vec::with_capacity(body.len() + 11);
        out.extend_from_slice(magic);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.push(encoding);
        out.extend_from_slice(&body);
        out
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
        if bytes.len() < 11 || &bytes[..8] != magic {
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
        let (encoding, body) = match version {
            1 => (DEFLATE, &bytes[10..]),
            _ => (bytes[10], &bytes[11..]),
        };
        let buf = match encoding {
            STORED => body.to_vec(),
            DEFLATE => {
                let mut buf = Vec::new();
                flate2::read::DeflateDecoder::new(body)
                    .read_to_end(&mut buf)
                    .map_err(|e| bad(&format!("corrupt body: {e}")))?;
                buf
            }
            e => return Err(bad(&format!("unknown body encoding {e}"))),
        };
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
    /// Unsigned LEB128.
    #[inline]
    pub(crate) fn var(&mut self) -> Result<u64> {
        // Most numbers in a model (classes, counts, small weights) take one byte.
        if let Some(&b) = self.buf.get(self.pos) {
            if b < 0x80 {
                self.pos += 1;
                return Ok(u64::from(b));
            }
        }
        self.var_long()
    }
    fn var_long(&mut self) -> Result<u64> {
        let mut pos = self.pos;
        let mut x = 0u64;
        let mut shift = 0;
        while let Some(&b) = self.buf.get(pos) {
            pos += 1;
            x |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                self.pos = pos;
                return Ok(x);
            }
            shift += 7;
            if shift >= 64 {
                break;
            }
        }
        Err(self.err())
    }
    /// Bytes not read yet.
    pub(crate) fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }
    /// A length or count, bounded by the bytes left so corrupt input cannot allocate wildly.
    #[inline]
    pub(crate) fn len(&mut self) -> Result<usize> {
        let n = self.var()?;
        if n > ((self.buf.len() - self.pos) as u64 + 1) << 20 {
            return Err(self.err());
        }
        Ok(n as usize)
    }
    /// Zig-zag signed LEB128.
    #[inline]
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
        // A truncated file fails to open or to read.
        match Reader::open(&bytes[..12], b"BYLNTST\0", "test") {
            Err(_) => {}
            Ok(mut r) => assert!(r.var().is_err()),
        }
        let mut unknown = bytes.clone();
        unknown[10] = 7;
        assert!(Reader::open(&unknown, b"BYLNTST\0", "test").is_err());
    }

    #[test]
    fn stores_random_bodies_deflates_repetitive_ones_and_reads_version_1() {
        let mut w = Writer::default();
        let mut x = 1u64;
        for _ in 0..1000 {
            x = crate::hash::fmix(x + 1);
            w.var(x);
        }
        let bytes = w.finish(b"BYLNTST\0");
        assert_eq!(bytes[10], STORED);
        let mut w = Writer::default();
        for _ in 0..1000 {
            w.str("nsubj");
        }
        let bytes = w.finish(b"BYLNTST\0");
        assert_eq!(bytes[10], DEFLATE);
        let mut r = Reader::open(&bytes, b"BYLNTST\0", "test").unwrap();
        assert_eq!(r.str().unwrap(), "nsubj");
        // Version 1: no encoding byte, always deflate.
        let mut v1 = b"BYLNTST\0".to_vec();
        v1.extend_from_slice(&1u16.to_le_bytes());
        let mut enc =
            flate2::write::DeflateEncoder::new(Vec::new(), flate2::Compression::default());
        enc.write_all(&[5, 1, b'x']).unwrap();
        v1.extend_from_slice(&enc.finish().unwrap());
        let mut r = Reader::open(&v1, b"BYLNTST\0", "test").unwrap();
        assert_eq!(r.var().unwrap(), 5);
        assert_eq!(r.str().unwrap(), "x");
    }
}
