//! Word clusters learnt from unlabelled text, for the tagger's features.
//!
//! Every word seen often enough gets a class at each of several granularities (64, 256 and
//! 1,024 classes by default), found by the exchange algorithm (Kneser & Ney 1993; Martin, Liermann &
//! Ney 1998): words move, one at a time, to the class that most raises the likelihood of a
//! class-bigram model of the text, for a few passes. Like Brown clusters, the classes gather
//! words used alike ("Tuesday", "Friday"; "Paris", "Kabul"), which helps with words the tagged
//! training data lacks. Training is deterministic (words visited in frequency order).
//!
//! Readers for the unlabelled text at hand: CoNLL-U (forms), CoNLL-2003 columns, the GMB word
//! table (CSV), news CSV with a `text` column, CAT/ECB+ XML (`<token>` elements), TimeML
//! (`.tml`) and plain text.

use std::collections::HashMap;
use std::path::Path;

use crate::format::{Reader, Writer};
use crate::hash::{self, FeatureMap};
use crate::{Error, Result};

/// Bits of each granularity's class in a packed [`Classes`] value.
const FIELD_BITS: u32 = 10;
/// Granularities in a table (at most 3 fit in 32 bits).
pub(crate) const LEVELS: usize = 3;

/// A word's classes, one [`FIELD_BITS`]-bit field per granularity, coarsest in the low bits.
pub(crate) type Classes = u32;

/// Magic bytes of a cluster table saved on its own.
const CLUSTERS_MAGIC: &[u8; 8] = b"BYLNCLU\0";

/// A word → classes table.
#[derive(Clone, Debug, Default)]
pub struct Clusters {
    map: FeatureMap,
}

/// How to learn clusters.
#[derive(Clone, Debug)]
pub struct ClusterOptions {
    /// Words seen fewer times than this get no cluster.
    pub min_count: u32,
    /// Number of classes at each granularity (up to 3, each at most 1,024).
    pub sizes: Vec<usize>,
    /// Exchange passes over the vocabulary per granularity.
    pub passes: usize,
}

impl Default for ClusterOptions {
    fn default() -> ClusterOptions {
        ClusterOptions {
            min_count: 3,
            sizes: vec![64, 256, 1024],
            passes: 6,
        }
    }
}

/// The lookup form of a word: lower case, every digit 0.
fn normal(form: &str) -> String {
    form.chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c.is_ascii_digit() { '0' } else { c })
        .collect()
}

/// The table key of a word form.
pub(crate) fn key(form: &str) -> u64 {
    // ASCII words are normalised on the stack: the same bytes as [`normal`] gives.
    let mut buf = [0u8; 64];
    if form.is_ascii() && form.len() <= buf.len() {
        let b = &mut buf[..form.len()];
        for (o, &c) in b.iter_mut().zip(form.as_bytes()) {
            *o = if c.is_ascii_digit() {
                b'0'
            } else {
                c.to_ascii_lowercase()
            };
        }
        return hash::mix(hash::bytes(b), 0xc1);
    }
    keyn(&normal(form))
}

fn keyn(normal: &str) -> u64 {
    hash::mix(hash::str(normal), 0xc1)
}

/// The class of `classes` at granularity `level`, or `u64::MAX` for no cluster.
#[inline]
pub(crate) fn class(classes: Option<Classes>, level: usize) -> u64 {
    match classes {
        Some(p) => u64::from((p >> (FIELD_BITS * level as u32)) & ((1 << FIELD_BITS) - 1)),
        None => u64::MAX,
    }
}

/// `x ln x`, 0 at 0.
#[inline]
fn xlogx(x: f64) -> f64 {
    if x > 0.0 {
        x * x.ln()
    } else {
        0.0
    }
}

impl Clusters {
    /// Number of words with a cluster.
    pub fn len(&self) -> usize {
        self.map.iter().count()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.map.iter().next().is_none()
    }

    /// The classes of the word with table key `k` (see [`key`]).
    #[inline]
    pub(crate) fn get(&self, k: u64) -> Option<Classes> {
        self.map.get(k)
    }

    /// The classes of a word form: one 10-bit field per granularity, coarsest lowest.
    pub fn classes_of(&self, form: &str) -> Option<u32> {
        self.get(key(form))
    }

    pub(crate) fn write(&self, w: &mut Writer) {
        self.map.write_to(w);
    }

    /// The table as a file of its own (magic `BYLNCLU\0`), so a clustering can be learnt once
    /// and reused by several trainings (`--clusters`).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut w = Writer::default();
        self.write(&mut w);
        w.finish(CLUSTERS_MAGIC)
    }

    /// Reads a table written by [`Clusters::to_bytes`].
    pub fn from_bytes(bytes: &[u8], name: &str) -> Result<Clusters> {
        Clusters::read(&mut Reader::open(bytes, CLUSTERS_MAGIC, name)?)
    }

    pub(crate) fn read(r: &mut Reader) -> Result<Clusters> {
        Ok(Clusters {
            map: FeatureMap::read_from(r)?,
        })
    }

    /// Learns clusters from tokenised sentences.
    pub fn train(sentences: &[Vec<String>], opts: &ClusterOptions) -> Clusters {
        // Vocabulary of normalised forms, by frequency; rarer words share one id, the
        // sentence edge another.
        let mut counts: HashMap<String, u32> = HashMap::new();
        for s in sentences {
            for w in s {
                *counts.entry(normal(w)).or_default() += 1;
            }
        }
        let mut vocab: Vec<(String, u32)> = counts
            .into_iter()
            .filter(|(_, c)| *c >= opts.min_count)
            .collect();
        vocab.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let nwords = vocab.len();
        if nwords == 0 {
            return Clusters::default();
        }
        let id: HashMap<&str, u32> = vocab
            .iter()
            .enumerate()
            .map(|(i, (w, _))| (w.as_str(), i as u32))
            .collect();
        let (rare, edge) = (nwords as u32, nwords as u32 + 1);
        let mut bigrams: HashMap<(u32, u32), f64> = HashMap::new();
        for s in sentences {
            let mut prev = edge;
            for w in s
                .iter()
                .map(|w| *id.get(normal(w).as_str()).unwrap_or(&rare))
            {
                if w != prev {
                    *bigrams.entry((prev, w)).or_default() += 1.0;
                }
                prev = w;
            }
            *bigrams.entry((prev, edge)).or_default() += 1.0;
        }
        let n = nwords + 2;
        let mut left: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n];
        let mut right: Vec<Vec<(u32, f64)>> = vec![Vec::new(); n];
        let mut pairs: Vec<((u32, u32), f64)> = bigrams.into_iter().collect();
        pairs.sort_unstable_by_key(|p| p.0);
        for ((a, b), c) in pairs {
            right[a as usize].push((b, c));
            left[b as usize].push((a, c));
        }
        let mut packed = vec![0u32; nwords];
        for (level, &k) in opts.sizes.iter().take(LEVELS).enumerate() {
            let k = k.clamp(1, 1 << FIELD_BITS);
            let classes = exchange(&left, &right, edge as usize, k, opts.passes);
            for (p, c) in packed.iter_mut().zip(&classes) {
                *p |= c << (FIELD_BITS * level as u32);
            }
        }
        let mut map = FeatureMap::with_capacity(nwords);
        for (w, p) in vocab.iter().zip(&packed) {
            map.insert(keyn(&w.0), *p);
        }
        Clusters { map }
    }
}

/// The exchange algorithm: classes `0..k` for every word but `edge`, which keeps class `k`.
/// `left[w]` / `right[w]`: the words before / after `w` with their bigram counts (no
/// self-bigrams).
fn exchange(
    left: &[Vec<(u32, f64)>],
    right: &[Vec<(u32, f64)>],
    edge: usize,
    k: usize,
    passes: usize,
) -> Vec<u32> {
    let n = left.len();
    let kk = k + 1;
    let mut class: Vec<usize> = (0..n).map(|w| if w == edge { k } else { w % k }).collect();
    let nl: Vec<f64> = right.iter().map(|r| r.iter().map(|e| e.1).sum()).collect();
    let nr: Vec<f64> = left.iter().map(|l| l.iter().map(|e| e.1).sum()).collect();
    // Class bigram counts (row: left class) and their margins.
    let mut m = vec![0f64; kk * kk];
    let mut ml = vec![0f64; kk];
    let mut mr = vec![0f64; kk];
    for (a, r) in right.iter().enumerate() {
        for &(b, c) in r {
            m[class[a] * kk + class[b as usize]] += c;
        }
        ml[class[a]] += nl[a];
        mr[class[a]] += nr[a];
    }
    let mut lacc = vec![0f64; kk];
    let mut racc = vec![0f64; kk];
    let (mut lt, mut rt): (Vec<usize>, Vec<usize>) = (Vec::new(), Vec::new());
    for _ in 0..passes {
        let mut moved = 0usize;
        for w in 0..n {
            if w == edge {
                continue;
            }
            let a = class[w];
            for (acc, touched, list) in [
                (&mut lacc, &mut lt, &left[w]),
                (&mut racc, &mut rt, &right[w]),
            ] {
                for &c in touched.iter() {
                    acc[c] = 0.0;
                }
                touched.clear();
                for &(u, c) in list {
                    let cu = class[u as usize];
                    if acc[cu] == 0.0 {
                        touched.push(cu);
                    }
                    acc[cu] += c;
                }
            }
            // Take w out of its class.
            for &c in &lt {
                m[c * kk + a] -= lacc[c];
            }
            for &c in &rt {
                m[a * kk + c] -= racc[c];
            }
            ml[a] -= nl[w];
            mr[a] -= nr[w];
            let gain = |c: usize| -> f64 {
                let mut d = 0.0;
                for &c2 in &lt {
                    if c2 != c {
                        let x = m[c2 * kk + c];
                        d += xlogx(x + lacc[c2]) - xlogx(x);
                    }
                }
                for &c2 in &rt {
                    if c2 != c {
                        let x = m[c * kk + c2];
                        d += xlogx(x + racc[c2]) - xlogx(x);
                    }
                }
                let x = m[c * kk + c];
                d += xlogx(x + lacc[c] + racc[c]) - xlogx(x);
                d - (xlogx(ml[c] + nl[w]) - xlogx(ml[c])) - (xlogx(mr[c] + nr[w]) - xlogx(mr[c]))
            };
            let mut best = (gain(a), a);
            for c in 0..k {
                if c != a {
                    let g = gain(c);
                    if g > best.0 + 1e-9 {
                        best = (g, c);
                    }
                }
            }
            let b = best.1;
            for &c in &lt {
                m[c * kk + b] += lacc[c];
            }
            for &c in &rt {
                m[b * kk + c] += racc[c];
            }
            ml[b] += nl[w];
            mr[b] += nr[w];
            if b != a {
                class[w] = b;
                moved += 1;
            }
        }
        if moved == 0 {
            break;
        }
    }
    class.iter().map(|c| *c as u32).collect()
}

fn io(path: &Path, source: std::io::Error) -> Error {
    Error::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Reads tokenised sentences of unlabelled text from a file, or from every file under a
/// folder (in name order). The format is told by the name and the first line: `.conllu`;
/// CoNLL-2003 columns (`-DOCSTART-`); CSV with a `Word` column (one word a row, a new sentence
/// where the first column is set) or a `text` column (tokenised line by line); XML with
/// `<token sentence="…">` elements; TimeML (`.tml`: the text inside `<TEXT>`, tags removed);
/// `.txt` / `.text` is plain text, tokenised line by line; other files are skipped.
pub fn read_unlabelled(path: &Path) -> Result<Vec<Vec<String>>> {
    let mut out = Vec::new();
    read_into(path, &mut out)?;
    Ok(out)
}

fn read_into(path: &Path, out: &mut Vec<Vec<String>>) -> Result<()> {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .map_err(|e| io(path, e))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .collect();
        entries.sort();
        for p in entries {
            read_into(&p, out)?;
        }
        return Ok(());
    }
    let bytes = std::fs::read(path).map_err(|e| io(path, e))?;
    let text = String::from_utf8_lossy(&bytes);
    let name = path
        .file_name()
        .map(|f| f.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let first = text.lines().next().unwrap_or("");
    if name.ends_with(".conllu") {
        read_conllu(&text, out);
    } else if first.starts_with("-DOCSTART-") {
        read_columns(&text, out);
    } else if name.ends_with(".csv") {
        read_csv(&text, out);
    } else if name.ends_with(".xml") {
        read_xml(&text, out);
    } else if name.ends_with(".tml") {
        read_tml(&text, out);
    } else if name.ends_with(".txt") || name.ends_with(".text") {
        read_plain(&text, out);
    }
    Ok(())
}

/// TimeML: the text inside `<TEXT>…</TEXT>` with the inline tags removed, as plain text.
fn read_tml(text: &str, out: &mut Vec<Vec<String>>) {
    let body = text
        .split_once("<TEXT>")
        .map_or(text, |(_, b)| b.split("</TEXT>").next().unwrap_or(b));
    let mut plain = String::with_capacity(body.len());
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if !in_tag => plain.push(c),
            _ => {}
        }
    }
    read_plain(&unescape(&plain), out);
}

fn push(out: &mut Vec<Vec<String>>, s: &mut Vec<String>) {
    if !s.is_empty() {
        out.push(std::mem::take(s));
    }
}

/// Appends the word forms of each sentence of a CoNLL-U text to `out` (comment lines, multiword
/// ranges and empty nodes skipped; a sentence without words adds nothing).
pub fn read_conllu(text: &str, out: &mut Vec<Vec<String>>) {
    let mut s = Vec::new();
    for line in text.lines() {
        if line.trim().is_empty() {
            push(out, &mut s);
        } else if !line.starts_with('#') {
            let mut cols = line.split('\t');
            let id = cols.next().unwrap_or("");
            if id.contains(['-', '.']) {
                continue;
            }
            if let Some(form) = cols.next() {
                s.push(form.to_string());
            }
        }
    }
    push(out, &mut s);
}

fn read_columns(text: &str, out: &mut Vec<Vec<String>>) {
    let mut s = Vec::new();
    for line in text.lines() {
        match line.split_whitespace().next() {
            None => push(out, &mut s),
            Some("-DOCSTART-") => {}
            Some(w) => s.push(w.to_string()),
        }
    }
    push(out, &mut s);
}

fn read_plain(text: &str, out: &mut Vec<Vec<String>>) {
    for line in text.lines() {
        let mut s: Vec<String> = byline_text::tokenize(line)
            .into_iter()
            .map(|t| t.text(line).to_string())
            .collect();
        push(out, &mut s);
    }
}

/// CSV records (RFC 4180 quoting).
fn csv_records(text: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut rec = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    quoted = false;
                }
            } else {
                field.push(c);
            }
            continue;
        }
        match c {
            '"' => quoted = true,
            ',' => rec.push(std::mem::take(&mut field)),
            '\n' => {
                rec.push(std::mem::take(&mut field));
                records.push(std::mem::take(&mut rec));
            }
            '\r' => {}
            _ => field.push(c),
        }
    }
    if !field.is_empty() || !rec.is_empty() {
        rec.push(field);
        records.push(rec);
    }
    records
}

fn read_csv(text: &str, out: &mut Vec<Vec<String>>) {
    let records = csv_records(text);
    let Some(header) = records.first() else {
        return;
    };
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    if let Some(wc) = col("word") {
        let mut s = Vec::new();
        for r in &records[1..] {
            if r.first().is_some_and(|f| !f.trim().is_empty()) {
                push(out, &mut s);
            }
            if let Some(w) = r.get(wc).filter(|w| !w.is_empty()) {
                s.push(w.clone());
            }
        }
        push(out, &mut s);
    } else if let Some(tc) = col("text") {
        for r in &records[1..] {
            if let Some(t) = r.get(tc) {
                read_plain(t, out);
            }
        }
    }
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Appends the words of XML `<token … sentence="N" …>word</token>` elements (CAT, NAF, ECB+) to
/// `out`, one sentence per run of equal `sentence` attributes; entities unescaped, empty tokens
/// skipped.
pub fn read_xml(text: &str, out: &mut Vec<Vec<String>>) {
    let mut s = Vec::new();
    let mut sentence: Option<&str> = None;
    let mut rest = text;
    while let Some(at) = rest.find("<token ") {
        rest = &rest[at..];
        let Some(close) = rest.find('>') else { break };
        let tag = &rest[..close];
        let Some(end) = rest.find("</token>") else {
            break;
        };
        let word = rest.get(close + 1..end).unwrap_or("").trim();
        let sent = tag
            .split("sentence=\"")
            .nth(1)
            .and_then(|t| t.split('"').next());
        if sent != sentence {
            push(out, &mut s);
            sentence = sent;
        }
        if !word.is_empty() {
            s.push(unescape(word));
        }
        rest = &rest[end + 8..];
    }
    push(out, &mut s);
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOUNS: [&str; 10] = [
        "cat", "dog", "horse", "bird", "goat", "mule", "cow", "hen", "duck", "fox",
    ];
    const VERBS: [&str; 10] = [
        "runs", "sleeps", "eats", "jumps", "waits", "sings", "hides", "swims", "naps", "digs",
    ];

    fn corpus() -> Vec<Vec<String>> {
        let mut out = Vec::new();
        for (i, n) in NOUNS.iter().enumerate() {
            for (j, v) in VERBS.iter().enumerate() {
                let det = if (i + j) % 2 == 0 { "the" } else { "a" };
                out.push(
                    [det, n, v, "today", "."]
                        .iter()
                        .map(|w| w.to_string())
                        .collect(),
                );
            }
        }
        out
    }

    #[test]
    fn words_used_alike_share_a_class() {
        let opts = ClusterOptions {
            sizes: vec![4, 64],
            ..ClusterOptions::default()
        };
        let c = Clusters::train(&corpus(), &opts);
        let top = |w: &str| class(c.classes_of(w), 0);
        for n in NOUNS {
            assert_eq!(top(n), top("cat"), "{n}");
        }
        for v in VERBS {
            assert_eq!(top(v), top("runs"), "{v}");
        }
        assert_ne!(top("cat"), top("runs"));
        assert_ne!(top("the"), top("cat"));
        assert_eq!(c.classes_of("unseen"), None);
        assert_eq!(class(None, 1), u64::MAX);
        assert_eq!(c.classes_of("CAT"), c.classes_of("cat"));
        // Same text, same classes.
        let again = Clusters::train(&corpus(), &opts);
        for w in NOUNS.iter().chain(&VERBS) {
            assert_eq!(again.classes_of(w), c.classes_of(w));
        }
    }

    #[test]
    fn reads_the_formats_and_round_trips() {
        let mut out = Vec::new();
        read_csv(
            "Sentence #,Word,POS,Tag\nSentence: 1,Rain,NN,O\n,fell,VBD,O\nSentence: 2,\",\",\",\",O\n",
            &mut out,
        );
        assert_eq!(out, vec![vec!["Rain", "fell"], vec![","]]);
        out.clear();
        read_xml(
            "<token t_id=\"1\" sentence=\"0\">Prices</token>\n<token t_id=\"2\" sentence=\"0\">rose</token>\n<token t_id=\"3\" sentence=\"1\">A&amp;B</token>",
            &mut out,
        );
        assert_eq!(out, vec![vec!["Prices", "rose"], vec!["A&B"]]);
        out.clear();
        read_columns(
            "-DOCSTART- -X- O\n\nRain NN O\nfell VBD O\n\nSun NN O\n",
            &mut out,
        );
        assert_eq!(out, vec![vec!["Rain", "fell"], vec!["Sun"]]);
        out.clear();
        read_tml(
            "<TimeML><DOCID>x</DOCID><TEXT>Rain <EVENT eid=\"e1\">fell</EVENT> &amp; stopped\nSun</TEXT></TimeML>",
            &mut out,
        );
        assert_eq!(out, vec![vec!["Rain", "fell", "&", "stopped"], vec!["Sun"]]);
        let c = Clusters::train(&corpus(), &ClusterOptions::default());
        let mut w = Writer::default();
        c.write(&mut w);
        let bytes = w.finish(b"BYLNTST\0");
        let mut r = Reader::open(&bytes, b"BYLNTST\0", "t").unwrap();
        let back = Clusters::read(&mut r).unwrap();
        assert_eq!(back.classes_of("goat"), c.classes_of("goat"));
        assert_eq!(back.len(), c.len());
        let again = Clusters::from_bytes(&c.to_bytes(), "t").unwrap();
        assert_eq!(again.classes_of("goat"), c.classes_of("goat"));
        assert!(Clusters::from_bytes(b"BYLNTAG\0\x02\0\0", "t").is_err());
    }
}
