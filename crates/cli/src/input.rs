//! Reading documents from files, stdin and JSON lines, each failure tied to its document.

use std::io::{BufRead, Read};
use std::path::Path;

use anyhow::{bail, Context as _, Result};
use byline_extract::Input;
use byline_ingest::read::JsonLine;

/// Largest file read (bytes); larger ones are refused with a clear error, not read. A news report
/// is a few kilobytes; 32 MiB leaves room for big JSON-lines batches while keeping one stray
/// dump or disk image from holding the whole run.
pub const MAX_FILE_BYTES: u64 = 32 << 20;

/// A document to process, or why it could not be read.
pub struct Loaded {
    /// Where it came from: a path, `<stdin>`, or `path:line`.
    pub name: String,
    /// The document, or the reason it could not be read.
    pub input: Result<Input>,
}

/// Reads `path` (`-` for stdin) as one text document.
pub fn read_text(path: &str) -> Loaded {
    let name = if path == "-" {
        "<stdin>".to_string()
    } else {
        path.to_string()
    };
    let input = read_bytes(path).and_then(decode).map(Input::new);
    Loaded { name, input }
}

/// Reads `path` (`-` for stdin) as JSON lines, one document a line.
pub fn read_jsonl(path: &str) -> Vec<Loaded> {
    let name = if path == "-" {
        "<stdin>".to_string()
    } else {
        path.to_string()
    };
    let reader: Box<dyn BufRead> = if path == "-" {
        Box::new(std::io::BufReader::new(std::io::stdin()))
    } else {
        match std::fs::File::open(path) {
            Ok(f) => Box::new(std::io::BufReader::new(f)),
            Err(e) => {
                return vec![Loaded {
                    name,
                    input: Err(anyhow::Error::new(e).context("cannot open")),
                }]
            }
        }
    };
    let mut out = Vec::new();
    for (i, line) in reader.split(b'\n').enumerate() {
        let lname = format!("{name}:{}", i + 1);
        let input = match line {
            Err(e) => {
                out.push(Loaded {
                    name: lname,
                    input: Err(anyhow::Error::new(e).context("cannot read")),
                });
                break;
            }
            Ok(bytes) => {
                if bytes.iter().all(|b| b.is_ascii_whitespace()) {
                    continue;
                }
                decode(bytes).and_then(|s| {
                    serde_json::from_str::<JsonLine>(&s)
                        .context("not a JSON object with a \"text\" field")
                        .map(|j| Input {
                            text: j.text,
                            published: j.published,
                            outlet: j.outlet,
                            url: j.url,
                            title: j.title,
                        })
                })
            }
        };
        out.push(Loaded { name: lname, input });
    }
    out
}

fn read_bytes(path: &str) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    if path == "-" {
        std::io::stdin()
            .lock()
            .take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .context("cannot read stdin")?;
    } else {
        let p = Path::new(path);
        let meta = std::fs::metadata(p).context("cannot open")?;
        if meta.is_dir() {
            bail!("is a directory");
        }
        if meta.len() > MAX_FILE_BYTES {
            bail!(
                "file of {} bytes exceeds the limit of {MAX_FILE_BYTES} bytes",
                meta.len()
            );
        }
        std::fs::File::open(p)
            .and_then(|f| f.take(MAX_FILE_BYTES + 1).read_to_end(&mut bytes))
            .context("cannot read")?;
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        bail!("input exceeds the limit of {MAX_FILE_BYTES} bytes");
    }
    Ok(bytes)
}

fn decode(bytes: Vec<u8>) -> Result<String> {
    if bytes.iter().take(8192).any(|&b| b == 0) {
        bail!("binary data, not text (NUL bytes in the first 8 KiB)");
    }
    String::from_utf8(bytes).map_err(|e| {
        anyhow::anyhow!(
            "not valid UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_lines_keep_their_metadata_and_name_their_failures() {
        let dir = std::env::temp_dir().join(format!("byline-input-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("batch.jsonl");
        let mut bytes = br#"{"text":"Ministers met in Oslo on Monday.","outlet":"Fjord Post","author":"K. Berg","published":"2026-02-01"}"#
            .to_vec();
        bytes.extend_from_slice(b"\n  \n{\"title\":\"a headline with no text\"}\n\xff\xfe\n");
        std::fs::write(&path, &bytes).unwrap();
        let name = path.to_str().unwrap();
        let got = read_jsonl(name);
        std::fs::remove_dir_all(&dir).unwrap();
        let names: Vec<&str> = got.iter().map(|l| l.name.as_str()).collect();
        assert_eq!(
            names,
            [
                format!("{name}:1"),
                format!("{name}:3"),
                format!("{name}:4")
            ]
        );
        let first = got[0].input.as_ref().unwrap();
        assert_eq!(first.text, "Ministers met in Oslo on Monday.");
        assert_eq!(first.outlet.as_deref(), Some("Fjord Post"));
        assert_eq!(first.published.as_deref(), Some("2026-02-01"));
        assert_eq!(first.url, None);
        let missing = format!("{:#}", got[1].input.as_ref().err().unwrap());
        assert!(
            missing.starts_with("not a JSON object with a \"text\" field: missing field `text`"),
            "{missing}"
        );
        let binary = format!("{:#}", got[2].input.as_ref().err().unwrap());
        assert_eq!(binary, "not valid UTF-8 (first bad byte at offset 0)");
    }
}
