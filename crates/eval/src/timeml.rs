//! TimeML (TempEval-3) reader and TIMEX3 scorer.
//!
//! [`read`] takes one `.tml` file: the text inside `<TEXT>` with its tags removed and entities
//! decoded, the TIMEX3 annotations in it (byte offsets into that text), and the document creation
//! time (the TIMEX3 with `functionInDocument="CREATION_TIME"`), which is not scored.
//!
//! [`score`] counts as the TempEval-3 scorer does: strict matches have the same span, relaxed
//! matches overlap; each gold expression pairs with at most one system expression. Type and value
//! accuracy are taken over relaxed-matched pairs; value (and type) P/R/F1 count a pair as correct
//! only when it matches with the right value.
//!
//! ```
//! use byline_eval::timeml::{parse, score, Annotation};
//!
//! let doc = parse(
//!     r#"<TimeML><DCT><TIMEX3 tid="t0" type="DATE" value="2013-03-22"
//!     functionInDocument="CREATION_TIME">March 22, 2013</TIMEX3></DCT>
//!     <TEXT>Talks ended <TIMEX3 tid="t1" type="DATE" value="2013-03-21">Thursday</TIMEX3>
//!     after <TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3>.</TEXT></TimeML>"#,
//! )
//! .unwrap();
//! assert_eq!(doc.dct.as_deref(), Some("2013-03-22"));
//! assert_eq!(&doc.text[doc.timexes[0].start..doc.timexes[0].end], "Thursday");
//! let system = vec![Annotation {
//!     start: doc.timexes[0].start,
//!     end: doc.timexes[0].end,
//!     kind: "DATE".into(),
//!     value: "2013-03-21".into(),
//! }];
//! let s = score(&doc.timexes, &system);
//! assert_eq!((s.relaxed.correct, s.relaxed.gold, s.value.correct), (1, 2, 1));
//! ```

use std::path::{Path, PathBuf};

use crate::prf::Counts;
use crate::{Error, Result};

/// One TIMEX3: byte span in the document text, type and value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Annotation {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// TIMEX3 type (DATE, TIME, DURATION, SET).
    pub kind: String,
    /// TIMEX3 value.
    pub value: String,
}

/// One TimeML document.
#[derive(Clone, Debug, Default)]
pub struct Document {
    /// The file it came from.
    pub path: PathBuf,
    /// Text inside `<TEXT>`, tags removed, entities decoded.
    pub text: String,
    /// Value of the document creation time.
    pub dct: Option<String>,
    /// Gold TIMEX3s inside the text (the creation time excluded).
    pub timexes: Vec<Annotation>,
}

/// Scores of a system against gold TIMEX3s.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scores {
    /// Exact span matches.
    pub strict: Counts,
    /// Overlapping span matches.
    pub relaxed: Counts,
    /// Relaxed matches with the right type.
    pub kind: Counts,
    /// Relaxed matches with the right value.
    pub value: Counts,
}

impl Scores {
    /// Adds the counts of another document.
    pub fn add(&mut self, other: Scores) {
        self.strict.add(other.strict);
        self.relaxed.add(other.relaxed);
        self.kind.add(other.kind);
        self.value.add(other.value);
    }

    /// Right types among relaxed matches.
    pub fn type_accuracy(&self) -> f64 {
        ratio(self.kind.correct, self.relaxed.correct)
    }

    /// Right values among relaxed matches.
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value.correct, self.relaxed.correct)
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Scores `system` against `gold` (both of one document).
pub fn score(gold: &[Annotation], system: &[Annotation]) -> Scores {
    let mut s = Scores::default();
    for c in [&mut s.strict, &mut s.relaxed, &mut s.kind, &mut s.value] {
        c.gold = gold.len();
        c.predicted = system.len();
    }
    // Strict: one-to-one exact spans.
    let mut used = vec![false; system.len()];
    for g in gold {
        if let Some(k) = (0..system.len())
            .find(|&k| !used[k] && system[k].start == g.start && system[k].end == g.end)
        {
            used[k] = true;
            s.strict.correct += 1;
        }
    }
    // Relaxed: one-to-one overlaps, the largest overlap first.
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (gi, g) in gold.iter().enumerate() {
        for (si, x) in system.iter().enumerate() {
            let overlap = g.end.min(x.end).saturating_sub(g.start.max(x.start));
            if overlap > 0 {
                pairs.push((overlap, gi, si));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut gold_used = vec![false; gold.len()];
    let mut sys_used = vec![false; system.len()];
    for (_, gi, si) in pairs {
        if gold_used[gi] || sys_used[si] {
            continue;
        }
        gold_used[gi] = true;
        sys_used[si] = true;
        s.relaxed.correct += 1;
        if gold[gi].kind.eq_ignore_ascii_case(&system[si].kind) {
            s.kind.correct += 1;
        }
        if gold[gi].value == system[si].value {
            s.value.correct += 1;
        }
    }
    s
}

/// Reads one `.tml` file.
pub fn read(path: &Path) -> Result<Document> {
    let xml = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    let mut doc = parse(&xml).map_err(|message| Error::Format {
        path: path.to_path_buf(),
        message,
    })?;
    doc.path = path.to_path_buf();
    Ok(doc)
}

/// Reads every `.tml` file under `dir` (recursively), sorted by path.
pub fn read_dir(dir: &Path) -> Result<Vec<Document>> {
    let mut files = Vec::new();
    collect(dir, &mut files)?;
    files.sort();
    files.iter().map(|f| read(f)).collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    if dir.is_file() {
        out.push(dir.to_path_buf());
        return Ok(());
    }
    for entry in std::fs::read_dir(dir).map_err(io)? {
        let path = entry.map_err(io)?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "tml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Value of attribute `name` in the inside of a start tag.
fn attribute<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = tag;
    while let Some(pos) = rest.find(name) {
        let before_ok = pos == 0 || rest.as_bytes()[pos - 1].is_ascii_whitespace();
        let after = rest[pos + name.len()..].trim_start();
        if before_ok {
            if let Some(after) = after.strip_prefix('=') {
                let after = after.trim_start();
                let quote = after.chars().next()?;
                if quote == '"' || quote == '\'' {
                    let body = &after[1..];
                    return body.find(quote).map(|end| &body[..end]);
                }
            }
        }
        rest = &rest[pos + name.len()..];
    }
    None
}

fn decode_into(out: &mut String, s: &str) {
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        let tail = &rest[amp..];
        let semi = tail.find(';').filter(|&k| k <= 10);
        let decoded = semi.and_then(|k| {
            let name = &tail[1..k];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, k + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &tail[len..];
            }
            None => {
                out.push('&');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
}

/// Parses TimeML from a string. Errors are messages about the markup.
pub fn parse(xml: &str) -> std::result::Result<Document, String> {
    let mut doc = Document::default();
    let mut in_text = false;
    // Open TIMEX3s inside the text: (start byte, type, value, is creation time).
    let mut open: Vec<Option<(usize, String, String, bool)>> = Vec::new();
    let mut rest = xml;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            if in_text {
                decode_into(&mut doc.text, rest);
            }
            break;
        };
        if in_text {
            decode_into(&mut doc.text, &rest[..lt]);
        }
        let tail = &rest[lt..];
        if let Some(body) = tail.strip_prefix("<!--") {
            let end = body.find("-->").ok_or("unclosed comment")?;
            rest = &body[end + 3..];
            continue;
        }
        let gt = tail.find('>').ok_or("unclosed tag")?;
        let tag = &tail[1..gt];
        rest = &tail[gt + 1..];
        if tag.starts_with('?') || tag.starts_with('!') {
            continue;
        }
        let (closing, inner) = match tag.strip_prefix('/') {
            Some(t) => (true, t),
            None => (false, tag),
        };
        let self_closing = inner.ends_with('/');
        let name = inner
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        match (name, closing) {
            ("TEXT", false) => in_text = true,
            ("TEXT", true) => in_text = false,
            ("TIMEX3", false) => {
                let creation = attribute(inner, "functionInDocument") == Some("CREATION_TIME");
                let value = attribute(inner, "value").unwrap_or("").to_string();
                if creation && doc.dct.is_none() {
                    doc.dct = Some(value.clone());
                }
                let kind = attribute(inner, "type").unwrap_or("").to_string();
                if !self_closing {
                    open.push(in_text.then_some((doc.text.len(), kind, value, creation)));
                }
            }
            ("TIMEX3", true) => {
                let Some(top) = open.pop() else {
                    return Err("</TIMEX3> without <TIMEX3>".into());
                };
                if let Some((start, kind, value, creation)) = top {
                    if !creation && in_text && doc.text.len() > start {
                        doc.timexes.push(Annotation {
                            start,
                            end: doc.text.len(),
                            kind,
                            value,
                        });
                    }
                }
            }
            _ => {}
        }
    }
    doc.timexes.sort_by_key(|t| (t.start, t.end));
    Ok(doc)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(start: usize, end: usize, kind: &str, value: &str) -> Annotation {
        Annotation {
            start,
            end,
            kind: kind.into(),
            value: value.into(),
        }
    }

    #[test]
    fn strict_relaxed_and_values() {
        let gold = [a(0, 10, "DATE", "2013-W11"), a(20, 25, "DURATION", "P3D")];
        let sys = [
            a(4, 10, "DATE", "2013-W11"),
            a(20, 25, "DATE", "P2D"),
            a(30, 35, "SET", "P1D"),
        ];
        let s = score(&gold, &sys);
        assert_eq!(s.strict.correct, 1);
        assert_eq!(s.relaxed.correct, 2);
        assert_eq!(s.kind.correct, 1);
        assert_eq!(s.value.correct, 1);
        assert!((s.relaxed.precision() - 2.0 / 3.0).abs() < 1e-12);
        assert!((s.value_accuracy() - 0.5).abs() < 1e-12);
    }

    #[test]
    fn parses_entities_nesting_and_dct() {
        let d = parse(
            "<TimeML><DCT><TIMEX3 tid=\"t0\" functionInDocument=\"CREATION_TIME\" value=\"1998-01-08\">x</TIMEX3></DCT>\
             <TEXT>AT&amp;T <EVENT eid=\"e1\">rose</EVENT> <TIMEX3 tid='t1' type='DATE' value='1998-01-07'>yesterday</TIMEX3>.</TEXT></TimeML>",
        )
        .unwrap();
        assert_eq!(d.text, "AT&T rose yesterday.");
        assert_eq!(d.dct.as_deref(), Some("1998-01-08"));
        assert_eq!(&d.text[d.timexes[0].start..d.timexes[0].end], "yesterday");
        assert_eq!(d.timexes[0].value, "1998-01-07");
        assert!(parse("<TEXT>a</TIMEX3></TEXT>").is_err());
        assert!(parse("<TEXT>a <b").is_err());
    }
}
