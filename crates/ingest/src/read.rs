//! From inputs to records: finding files, telling their kinds, and reading each unit of work
//! (a file, a WARC record, a JSON line, a URL) into documents.

use std::io::BufRead;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::decode::{charset_param, decode};
use crate::limits::{read_capped, read_file, Limits};
use crate::warc::{parse_http, WarcReader};
use crate::{feed, html, Error, Result};

/// One document read from an input, ready for extraction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// The input unit it came from: `path`, `path#3` (WARC record), `path:12` (JSON line),
    /// `path#item-2` (feed item) or a URL.
    pub source: String,
    /// The article text.
    pub text: String,
    /// Headline.
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// The outlet.
    pub outlet: Option<String>,
    /// Byline.
    pub author: Option<String>,
}

/// What an input holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Plain text, one document.
    Text,
    /// An HTML page.
    Html,
    /// An RSS or Atom feed.
    Feed,
    /// WARC or WARC.gz.
    Warc,
    /// JSON lines with a `text` field.
    Jsonl,
}

/// Tells an input's kind from its name, then from its first bytes.
pub fn kind_of(path: &Path) -> Kind {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    if name.ends_with(".warc") || name.ends_with(".arc") {
        return Kind::Warc;
    }
    if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
        return Kind::Jsonl;
    }
    if name.ends_with(".rss") || name.ends_with(".atom") || name.ends_with(".xml") {
        return Kind::Feed;
    }
    if name.ends_with(".html") || name.ends_with(".htm") || name.ends_with(".xhtml") {
        return Kind::Html;
    }
    let head = sniff(path).unwrap_or_default();
    kind_of_bytes(&head)
}

fn kind_of_bytes(head: &[u8]) -> Kind {
    if head.starts_with(b"WARC/") {
        return Kind::Warc;
    }
    if feed::looks_like_feed(head) {
        return Kind::Feed;
    }
    let lower = String::from_utf8_lossy(&head[..head.len().min(1024)]).to_ascii_lowercase();
    let lead = lower.trim_start_matches('\u{feff}').trim_start();
    if lead.starts_with("<!doctype html")
        || lead.starts_with("<html")
        || lower.contains("<head")
        || lower.contains("<body")
    {
        return Kind::Html;
    }
    Kind::Text
}

/// The first KiB of a file, decompressed when it is gzip.
fn sniff(path: &Path) -> Option<Vec<u8>> {
    use std::io::Read;
    let mut f = std::fs::File::open(path).ok()?;
    let mut head = vec![0u8; 1024];
    let n = f.read(&mut head).ok()?;
    head.truncate(n);
    if head.starts_with(&[0x1f, 0x8b]) {
        let f = std::fs::File::open(path).ok()?;
        let mut out = Vec::new();
        flate2::read::MultiGzDecoder::new(f)
            .take(1024)
            .read_to_end(&mut out)
            .ok()?;
        return Some(out);
    }
    Some(head)
}

/// A unit of work handed to the parallel readers.
pub(crate) enum Unit {
    /// A whole file of one kind (text, HTML, feed).
    File { path: PathBuf, kind: Kind },
    /// One HTML response from a WARC file.
    Response {
        source: String,
        url: Option<String>,
        content_type: Option<String>,
        body: Vec<u8>,
    },
    /// One JSON line.
    Line { source: String, bytes: Vec<u8> },
    /// A URL to fetch.
    Url(String),
    /// Something that failed while splitting a source into units.
    Failed { source: String, error: Error },
}

/// Splits one local source into units, calling `emit` for each, in order. WARC and JSONL files
/// are streamed; other kinds are one unit.
pub(crate) fn split_file(path: &Path, limits: &Limits, emit: &mut dyn FnMut(Unit) -> bool) {
    let root = path.display().to_string();
    let kind = kind_of(path);
    match kind {
        Kind::Warc => split_warc(path, &root, limits, emit),
        Kind::Jsonl => split_jsonl(path, &root, limits, emit),
        _ => {
            emit(Unit::File {
                path: path.to_path_buf(),
                kind,
            });
        }
    }
}

fn open_maybe_gz(path: &Path) -> Result<Box<dyn BufRead + Send>> {
    use std::io::Read;
    let mut f = std::fs::File::open(path)?;
    let mut magic = [0u8; 2];
    let n = f.read(&mut magic)?;
    let f = std::fs::File::open(path)?;
    if n == 2 && magic == [0x1f, 0x8b] {
        Ok(Box::new(std::io::BufReader::with_capacity(
            1 << 16,
            flate2::read::MultiGzDecoder::new(std::io::BufReader::new(f)),
        )))
    } else {
        Ok(Box::new(std::io::BufReader::with_capacity(1 << 16, f)))
    }
}

/// Opens a WARC or JSONL file (gzipped or not) to split into units; when it cannot be opened,
/// that is the file's one unit, a failed one.
fn open_to_split(
    path: &Path,
    root: &str,
    emit: &mut dyn FnMut(Unit) -> bool,
) -> Option<Box<dyn BufRead + Send>> {
    match open_maybe_gz(path) {
        Ok(r) => Some(r),
        Err(error) => {
            emit(Unit::Failed {
                source: root.to_string(),
                error,
            });
            None
        }
    }
}

fn split_warc(path: &Path, root: &str, limits: &Limits, emit: &mut dyn FnMut(Unit) -> bool) {
    use std::io::Read;
    let Some(input) = open_to_split(path, root, emit) else {
        return;
    };
    // the whole file's decompressed size is capped too
    let capped = std::io::BufReader::new(input.take(limits.max_warc_bytes));
    for rec in WarcReader::new(capped, limits.max_decompressed_bytes) {
        let unit = match rec {
            Err(error) => {
                let source = match &error {
                    Error::TooLarge { what, .. } => {
                        format!("{root}#{}", what.split_whitespace().nth(2).unwrap_or("?"))
                    }
                    _ => format!("{root}#end"),
                };
                Unit::Failed { source, error }
            }
            Ok(rec) => {
                if rec.kind != "response" && rec.kind != "resource" {
                    continue;
                }
                let source = format!("{root}#{}", rec.number);
                let (content_type, body) = if rec.kind == "response" {
                    match parse_http(&rec.block, limits.max_decompressed_bytes) {
                        Ok(r) if (200..300).contains(&r.status) => (r.content_type, r.body),
                        Ok(_) => continue,
                        Err(error) => {
                            if !emit(Unit::Failed { source, error }) {
                                return;
                            }
                            continue;
                        }
                    }
                } else {
                    (None, rec.block)
                };
                let is_html = content_type.as_deref().map_or_else(
                    || kind_of_bytes(&body) == Kind::Html,
                    |ct| {
                        let ct = ct.to_ascii_lowercase();
                        ct.contains("html")
                    },
                );
                if !is_html {
                    continue;
                }
                Unit::Response {
                    source,
                    url: rec.target_uri,
                    content_type,
                    body,
                }
            }
        };
        if !emit(unit) {
            return;
        }
    }
}

fn split_jsonl(path: &Path, root: &str, limits: &Limits, emit: &mut dyn FnMut(Unit) -> bool) {
    use std::io::Read;
    let Some(mut input) = open_to_split(path, root, emit) else {
        return;
    };
    let mut n = 0u64;
    loop {
        n += 1;
        let mut line = Vec::new();
        match (&mut input)
            .take(limits.max_file_bytes + 1)
            .read_until(b'\n', &mut line)
        {
            Ok(0) => return,
            Ok(_) => {}
            Err(e) => {
                emit(Unit::Failed {
                    source: format!("{root}:{n}"),
                    error: Error::Json(format!("cannot read: {e}")),
                });
                return;
            }
        }
        if line.len() as u64 > limits.max_file_bytes {
            emit(Unit::Failed {
                source: format!("{root}:{n}"),
                error: Error::TooLarge {
                    what: "JSON line".into(),
                    limit: limits.max_file_bytes,
                },
            });
            return;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if !emit(Unit::Line {
            source: format!("{root}:{n}"),
            bytes: line,
        }) {
            return;
        }
    }
}

/// One line of a JSON-lines input (`byline ingest`, `byline extract --jsonl-in`): `text` plus
/// optional metadata; other fields are ignored.
#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
pub struct JsonLine {
    /// The article text.
    pub text: String,
    /// Publication date.
    #[serde(default)]
    pub published: Option<String>,
    /// The outlet.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Where it was published.
    #[serde(default)]
    pub url: Option<String>,
    /// Headline.
    #[serde(default)]
    pub title: Option<String>,
    /// Byline.
    #[serde(default)]
    pub author: Option<String>,
}

/// How units are read.
pub(crate) struct Reader<'a> {
    pub(crate) limits: &'a Limits,
    pub(crate) fetch: bool,
    pub(crate) agent: ureq::Agent,
}

impl Reader<'_> {
    /// Reads one unit into its records (several for a feed), each with its own error.
    pub(crate) fn read(&self, unit: Unit) -> Vec<(String, Result<Record>)> {
        match unit {
            Unit::Failed { source, error } => vec![(source, Err(error))],
            Unit::Line { source, bytes } => {
                let rec = std::str::from_utf8(&bytes)
                    .map_err(|e| {
                        Error::Encoding(format!("not valid UTF-8 at byte {}", e.valid_up_to()))
                    })
                    .and_then(|s| {
                        serde_json::from_str::<JsonLine>(s).map_err(|e| {
                            Error::Json(format!("not a JSON object with a \"text\" field: {e}"))
                        })
                    })
                    .map(|j| Record {
                        source: source.clone(),
                        text: j.text,
                        title: j.title,
                        published: j.published,
                        url: j.url,
                        outlet: j.outlet,
                        author: j.author,
                    });
                vec![(source, rec)]
            }
            Unit::Response {
                source,
                url,
                content_type,
                body,
            } => {
                let rec = self.page(&source, &body, content_type.as_deref(), url);
                vec![(source, rec)]
            }
            Unit::File { path, kind } => {
                let source = path.display().to_string();
                let bytes = match read_file(&path, self.limits) {
                    Ok(b) => b,
                    Err(e) => return vec![(source, Err(e))],
                };
                match kind {
                    Kind::Text => {
                        let rec = decode(&bytes, None, false).map(|text| Record {
                            source: source.clone(),
                            text,
                            ..Record::default()
                        });
                        vec![(source, rec)]
                    }
                    Kind::Feed => self.feed(&source, &bytes, None),
                    _ => {
                        let rec = self.page(&source, &bytes, None, None);
                        vec![(source, rec)]
                    }
                }
            }
            Unit::Url(url) => match self.fetch(&url) {
                Err(e) => vec![(url, Err(e))],
                Ok((ct, body)) => {
                    let is_feed = ct
                        .as_deref()
                        .is_some_and(|c| c.contains("rss") || c.contains("atom"))
                        || feed::looks_like_feed(&body);
                    if is_feed {
                        self.feed(&url, &body, ct.as_deref())
                    } else {
                        let rec = self.page(&url, &body, ct.as_deref(), Some(url.clone()));
                        vec![(url, rec)]
                    }
                }
            },
        }
    }

    fn page(
        &self,
        source: &str,
        bytes: &[u8],
        content_type: Option<&str>,
        url: Option<String>,
    ) -> Result<Record> {
        let text = decode(bytes, content_type.and_then(charset_param), true)?;
        let page = html::extract(&text, url.as_deref())?;
        Ok(Record {
            source: source.to_string(),
            text: page.text,
            title: page.title,
            published: page.published,
            url,
            outlet: page.site,
            author: page.author,
        })
    }

    fn feed(
        &self,
        source: &str,
        bytes: &[u8],
        content_type: Option<&str>,
    ) -> Vec<(String, Result<Record>)> {
        // feeds are XML: decode declared legacy charsets to UTF-8 first
        let parsed = decode(bytes, content_type.and_then(charset_param), true).and_then(|text| {
            let text = strip_xml_encoding(&text);
            feed::parse(text.as_bytes())
        });
        let f = match parsed {
            Ok(f) => f,
            Err(e) => return vec![(source.to_string(), Err(e))],
        };
        f.items
            .into_iter()
            .map(|item| {
                let item_source = format!("{source}#item-{}", item.number);
                let rec = self.feed_item(&item_source, &item).map(|mut r| {
                    r.outlet = r.outlet.or_else(|| f.title.clone());
                    r
                });
                (item_source, rec)
            })
            .collect()
    }

    fn feed_item(&self, source: &str, item: &feed::FeedItem) -> Result<Record> {
        let content = item
            .content
            .as_deref()
            .map(html::fragment_text)
            .unwrap_or_default();
        let summary = item
            .summary
            .as_deref()
            .map(html::fragment_text)
            .unwrap_or_default();
        let mut rec = Record {
            source: source.to_string(),
            title: item.title.clone(),
            published: item.published.clone(),
            url: item.link.clone(),
            author: item.author.clone(),
            ..Record::default()
        };
        // a feed that carries whole articles needs no fetching
        if content.len() >= 400 {
            rec.text = content;
            return Ok(rec);
        }
        let link = item
            .link
            .as_deref()
            .filter(|l| l.starts_with("http://") || l.starts_with("https://"));
        if let (true, Some(link)) = (self.fetch, link) {
            let (ct, body) = self.fetch(link)?;
            let page = self.page(source, &body, ct.as_deref(), Some(link.to_string()))?;
            rec.text = page.text;
            rec.published = rec.published.or(page.published);
            rec.author = rec.author.or(page.author);
            rec.outlet = page.outlet;
            return Ok(rec);
        }
        rec.text = if content.is_empty() { summary } else { content };
        if rec.text.trim().is_empty() {
            return Err(Error::Feed(
                "item has neither content nor a link to fetch".into(),
            ));
        }
        Ok(rec)
    }

    fn fetch(&self, url: &str) -> Result<(Option<String>, Vec<u8>)> {
        let fail = |message: String| Error::Fetch {
            url: url.to_string(),
            message,
        };
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(fail("only http and https URLs are fetched".into()));
        }
        let resp = self
            .agent
            .get(url)
            .call()
            .map_err(|e| fail(e.to_string()))?;
        let ct = resp.header("content-type").map(str::to_string);
        if let Some(len) = resp
            .header("content-length")
            .and_then(|l| l.parse::<u64>().ok())
        {
            if len > self.limits.max_fetch_bytes {
                return Err(Error::TooLarge {
                    what: format!("response of {len} bytes"),
                    limit: self.limits.max_fetch_bytes,
                });
            }
        }
        let body = read_capped(resp.into_reader(), self.limits.max_fetch_bytes, "response")?;
        Ok((ct, body))
    }
}

/// Once decoded to UTF-8, a feed must not claim another encoding.
fn strip_xml_encoding(text: &str) -> std::borrow::Cow<'_, str> {
    let t = text.trim_start_matches('\u{feff}');
    if let Some(rest) = t.strip_prefix("<?xml") {
        if let Some(end) = rest.find("?>") {
            let decl = &rest[..end];
            if decl.to_ascii_lowercase().contains("encoding") {
                return format!("<?xml version=\"1.0\"?>{}", &rest[end + 2..]).into();
            }
        }
    }
    t.into()
}

/// Every file under `path` (recursively, sorted, hidden entries skipped), or `path` itself.
pub(crate) fn walk(path: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let meta = std::fs::metadata(path)?;
    if !meta.is_dir() {
        out.push(path.to_path_buf());
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(path)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    entries.sort();
    for e in entries {
        walk(&e, out)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_name_and_content() {
        let dir = tempfile::tempdir().unwrap();
        let w = |name: &str, body: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, body).unwrap();
            p
        };
        assert_eq!(kind_of(&w("a.warc.gz", b"")), Kind::Warc);
        assert_eq!(kind_of(&w("a.jsonl", b"")), Kind::Jsonl);
        assert_eq!(
            kind_of(&w("a", b"<!DOCTYPE html><html></html>")),
            Kind::Html
        );
        assert_eq!(
            kind_of(&w("b", b"<?xml version=\"1.0\"?><rss></rss>")),
            Kind::Feed
        );
        assert_eq!(kind_of(&w("c", b"WARC/1.0\r\n")), Kind::Warc);
        assert_eq!(kind_of(&w("d.txt", b"Plain words.")), Kind::Text);
    }

    #[test]
    fn legacy_feed_encoding() {
        assert_eq!(
            strip_xml_encoding("<?xml version=\"1.0\" encoding=\"iso-8859-1\"?><rss/>"),
            "<?xml version=\"1.0\"?><rss/>"
        );
    }
}
