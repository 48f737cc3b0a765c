//! WARC and WARC.gz (one gzip member per record, as Common Crawl writes them, or one for the
//! whole file): a small reader of our own with strict size limits.

use std::io::{BufRead, Read};

use crate::limits::read_capped;
use crate::{Error, Result};

/// One WARC record's interesting parts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct WarcRecord {
    /// 1-based position in the file.
    pub number: u64,
    /// `WARC-Type` (`response`, `resource`, `request`, `warcinfo` …).
    pub kind: String,
    /// `WARC-Target-URI`.
    pub target_uri: Option<String>,
    /// The record block (for a response: the HTTP response with headers).
    pub block: Vec<u8>,
}

/// Reads records one by one. After a malformed or truncated record it yields that error once,
/// then stops; an oversized record is one error and the reader goes on past it.
pub struct WarcReader<R: BufRead> {
    input: R,
    number: u64,
    max_record: u64,
    done: bool,
}

impl<R: BufRead> WarcReader<R> {
    /// A reader over decompressed WARC bytes.
    pub fn new(input: R, max_record: u64) -> WarcReader<R> {
        WarcReader {
            input,
            number: 0,
            max_record,
            done: false,
        }
    }

    fn line(&mut self) -> Result<Option<String>> {
        let mut buf = Vec::new();
        let n = (&mut self.input)
            .take(64 * 1024)
            .read_until(b'\n', &mut buf)
            .map_err(|e| io_error(e, self.number + 1))?;
        if n == 0 {
            return Ok(None);
        }
        if !buf.ends_with(b"\n") && n >= 64 * 1024 {
            return Err(Error::Warc(format!(
                "record {}: header line longer than 64 KiB",
                self.number + 1
            )));
        }
        Ok(Some(
            String::from_utf8_lossy(&buf)
                .trim_end_matches(['\r', '\n'])
                .to_string(),
        ))
    }

    fn next_record(&mut self) -> Result<Option<WarcRecord>> {
        // skip the blank lines between records
        let version = loop {
            match self.line()? {
                None => return Ok(None),
                Some(l) if l.is_empty() => continue,
                Some(l) => break l,
            }
        };
        self.number += 1;
        let number = self.number;
        if !version.starts_with("WARC/") {
            return Err(Error::Warc(format!(
                "record {number}: expected a WARC/1.x version line, found {:?}",
                version.chars().take(40).collect::<String>()
            )));
        }
        let mut rec = WarcRecord {
            number,
            ..WarcRecord::default()
        };
        let mut length: Option<u64> = None;
        loop {
            let Some(l) = self.line()? else {
                return Err(Error::Warc(format!(
                    "record {number}: truncated in its headers"
                )));
            };
            if l.is_empty() {
                break;
            }
            let Some((name, value)) = l.split_once(':') else {
                continue;
            };
            let value = value.trim();
            match name.trim().to_ascii_lowercase().as_str() {
                "warc-type" => rec.kind = value.to_ascii_lowercase(),
                "warc-target-uri" => {
                    rec.target_uri = Some(value.trim_matches(['<', '>']).to_string())
                }
                "content-length" => {
                    length = Some(value.parse().map_err(|_| {
                        Error::Warc(format!("record {number}: bad Content-Length {value:?}"))
                    })?)
                }
                _ => {}
            }
        }
        let length =
            length.ok_or_else(|| Error::Warc(format!("record {number}: no Content-Length")))?;
        if length > self.max_record {
            // skip it without holding it: the next record is still readable
            let skipped = std::io::copy(&mut (&mut self.input).take(length), &mut std::io::sink())
                .map_err(|e| io_error(e, number))?;
            if skipped < length {
                return Err(Error::Warc(format!("record {number}: truncated block")));
            }
            return Err(Error::TooLarge {
                what: format!("WARC record {number} of {length} bytes"),
                limit: self.max_record,
            });
        }
        rec.block =
            read_capped((&mut self.input).take(length), length, "record").map_err(|e| match e {
                Error::Io(io) => io_error(io, number),
                Error::Gzip(m) => {
                    Error::Warc(format!("record {number}: truncated or corrupt gzip ({m})"))
                }
                other => other,
            })?;
        if (rec.block.len() as u64) < length {
            return Err(Error::Warc(format!(
                "record {number}: truncated block ({} of {length} bytes)",
                rec.block.len()
            )));
        }
        Ok(Some(rec))
    }
}

fn io_error(e: std::io::Error, number: u64) -> Error {
    match e.kind() {
        std::io::ErrorKind::UnexpectedEof
        | std::io::ErrorKind::InvalidInput
        | std::io::ErrorKind::InvalidData => {
            Error::Warc(format!("record {number}: truncated or corrupt gzip ({e})"))
        }
        _ => Error::Io(e),
    }
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<WarcRecord>;

    fn next(&mut self) -> Option<Result<WarcRecord>> {
        if self.done {
            return None;
        }
        match self.next_record() {
            Ok(Some(r)) => Some(Ok(r)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(e @ Error::TooLarge { .. }) => Some(Err(e)),
            Err(e) => {
                self.done = true;
                Some(Err(e))
            }
        }
    }
}

/// An HTTP response split into what a page reader needs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// `Content-Type` header.
    pub content_type: Option<String>,
    /// The body, de-chunked and decompressed.
    pub body: Vec<u8>,
}

/// Parses the HTTP response held in a WARC `response` record.
pub fn parse_http(block: &[u8], max_body: u64) -> Result<HttpResponse> {
    let split = block
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map(|i| (i, i + 4))
        .or_else(|| {
            block
                .windows(2)
                .position(|w| w == b"\n\n")
                .map(|i| (i, i + 2))
        })
        .ok_or_else(|| Error::Warc("HTTP response without a header end".into()))?;
    let head = String::from_utf8_lossy(&block[..split.0]);
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .ok_or_else(|| Error::Warc(format!("bad HTTP status line {status_line:?}")))?;
    let mut resp = HttpResponse {
        status,
        ..HttpResponse::default()
    };
    let mut chunked = false;
    let mut gzip = false;
    for l in lines {
        let Some((name, value)) = l.split_once(':') else {
            continue;
        };
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "content-type" => resp.content_type = Some(value.to_string()),
            "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
            "content-encoding" => {
                gzip = matches!(value.to_ascii_lowercase().as_str(), "gzip" | "x-gzip")
            }
            _ => {}
        }
    }
    let mut body = block[split.1..].to_vec();
    if chunked {
        body = dechunk(&body)?;
    }
    if gzip {
        body = read_capped(
            flate2::read::MultiGzDecoder::new(body.as_slice()),
            max_body,
            "decompressed body",
        )?;
    }
    resp.body = body;
    Ok(resp)
}

fn dechunk(mut data: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let nl = data
            .iter()
            .position(|&b| b == b'\n')
            .ok_or_else(|| Error::Warc("truncated chunked body".into()))?;
        let size_line = String::from_utf8_lossy(&data[..nl]);
        let size_hex = size_line.trim().split(';').next().unwrap_or("").trim();
        let size = usize::from_str_radix(size_hex, 16)
            .map_err(|_| Error::Warc(format!("bad chunk size {size_hex:?}")))?;
        data = &data[nl + 1..];
        if size == 0 {
            return Ok(out);
        }
        if data.len() < size {
            return Err(Error::Warc("truncated chunked body".into()));
        }
        out.extend_from_slice(&data[..size]);
        data = &data[size..];
        data = data
            .strip_prefix(b"\r\n")
            .or_else(|| data.strip_prefix(b"\n"))
            .unwrap_or(data);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn record(kind: &str, uri: &str, block: &[u8]) -> Vec<u8> {
        let mut r = format!(
            "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nContent-Length: {}\r\n\r\n",
            block.len()
        )
        .into_bytes();
        r.extend_from_slice(block);
        r.extend_from_slice(b"\r\n\r\n");
        r
    }

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn reads_per_record_gzip_members() {
        let http = b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>Hello</p>";
        let mut file = gz(&record("warcinfo", "", b"software: test"));
        file.extend(gz(&record("response", "https://a.example/1", http)));
        file.extend(gz(&record(
            "request",
            "https://a.example/1",
            b"GET / HTTP/1.1\r\n\r\n",
        )));
        let recs: Vec<_> = WarcReader::new(
            std::io::BufReader::new(flate2::read::MultiGzDecoder::new(file.as_slice())),
            1 << 20,
        )
        .collect::<Result<_>>()
        .unwrap();
        assert_eq!(recs.len(), 3);
        assert_eq!(recs[1].kind, "response");
        assert_eq!(recs[1].target_uri.as_deref(), Some("https://a.example/1"));
        let resp = parse_http(&recs[1].block, 1 << 20).unwrap();
        assert_eq!(resp.status, 200);
        assert_eq!(resp.body, b"<p>Hello</p>");
    }

    #[test]
    fn truncation_is_reported_after_the_good_records() {
        let mut data = record("response", "u1", b"HTTP/1.1 200 OK\r\n\r\nfirst");
        let second = record(
            "response",
            "u2",
            b"HTTP/1.1 200 OK\r\n\r\nsecond body is long",
        );
        data.extend_from_slice(&second[..second.len() - 12]);
        let out: Vec<_> = WarcReader::new(data.as_slice(), 1 << 20).collect();
        assert_eq!(out.len(), 2);
        assert!(out[0].is_ok());
        assert!(out[1]
            .as_ref()
            .unwrap_err()
            .to_string()
            .contains("truncated"));
        // a gzip member cut in the middle
        let z = gz(&record("response", "u", b"HTTP/1.1 200 OK\r\n\r\nbody"));
        let cut = &z[..z.len() / 2];
        let out: Vec<_> = WarcReader::new(
            std::io::BufReader::new(flate2::read::MultiGzDecoder::new(cut)),
            1 << 20,
        )
        .collect();
        assert!(out.last().unwrap().is_err());
    }

    #[test]
    fn oversized_records_are_skipped_not_held() {
        let mut data = record("response", "big", &vec![b'x'; 5000]);
        data.extend(record("response", "small", b"HTTP/1.1 200 OK\r\n\r\nok"));
        let out: Vec<_> = WarcReader::new(data.as_slice(), 1000).collect();
        assert_eq!(out.len(), 2);
        assert!(matches!(out[0], Err(Error::TooLarge { .. })));
        assert_eq!(
            out[1].as_ref().unwrap().target_uri.as_deref(),
            Some("small")
        );
    }

    #[test]
    fn garbage_is_not_a_warc() {
        let out: Vec<_> = WarcReader::new(&b"hello world\n"[..], 1000).collect();
        assert_eq!(out.len(), 1);
        assert!(out[0].is_err());
    }

    #[test]
    fn chunked_and_gzipped_bodies() {
        let mut block = b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
        block.extend_from_slice(b"5\r\nHello\r\n6\r\n world\r\n0\r\n\r\n");
        assert_eq!(parse_http(&block, 1000).unwrap().body, b"Hello world");
        let mut block = b"HTTP/1.1 200 OK\r\nContent-Encoding: gzip\r\n\r\n".to_vec();
        block.extend(gz(b"zipped"));
        assert_eq!(parse_http(&block, 1000).unwrap().body, b"zipped");
    }
}
