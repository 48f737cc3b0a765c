//! PolNeAR: attribution relations (source, cue, content) in brat standoff files.
//!
//! A split folder (`data/train`, `data/dev`, `data/test`) holds `text/<article>.txt` and
//! `attributions/<article>_<annotator>.ann`; offsets are in code points and a span may have
//! several fragments (`0 5;9 12`). Articles annotated twice are scored once, on the first
//! annotation by file name. Each layer (sources, cues, contents) is scored on its own as a set
//! of spans, one-to-one:
//! - **exact**: same boundaries once spaces and punctuation at either end are trimmed;
//! - **overlap**: the spans share at least one non-space character.
//!
//! A span with fragments counts as its fragments' union.
//!
//! ```
//! use byline_eval::polnear::{parse_ann, score, Spans};
//!
//! let text = "Rain is coming, the minister said.";
//! let gold = parse_ann("T1\tSource 16 28\tthe minister\nT2\tCue 29 33\tsaid\n");
//! let mut pred = Spans::default();
//! pred.sources.push(vec![(20, 28)]);
//! let s = score(&gold, &pred, text);
//! assert_eq!(s.sources_overlap.correct, 1);
//! assert_eq!(s.sources_exact.correct, 0);
//! assert_eq!(s.cues_overlap.gold, 1);
//! ```

use std::path::{Path, PathBuf};

use byline_model::{Document, Span};

use crate::gold::Aligner;
use crate::prf::Counts;
use crate::{Error, Result};

/// A span as code-point fragments `[start, end)`.
pub type Frags = Vec<(usize, usize)>;

/// The spans of one article, by layer.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Spans {
    /// Source spans.
    pub sources: Vec<Frags>,
    /// Cue spans.
    pub cues: Vec<Frags>,
    /// Content spans.
    pub contents: Vec<Frags>,
}

/// One article with its gold annotation.
#[derive(Clone, Debug)]
pub struct Article {
    /// Article name (file stem).
    pub name: String,
    /// Its text.
    pub text: String,
    /// Gold spans.
    pub gold: Spans,
}

/// Reads the Source, Cue and Content spans of a brat `.ann` file; other lines are skipped.
pub fn parse_ann(ann: &str) -> Spans {
    let mut out = Spans::default();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(body)) = (cols.next(), cols.next()) else {
            continue;
        };
        if !id.starts_with('T') {
            continue;
        }
        let Some((kind, offsets)) = body.split_once(' ') else {
            continue;
        };
        let frags: Option<Frags> = offsets
            .split(';')
            .map(|f| {
                let mut it = f.split_whitespace().map(|x| x.parse::<usize>().ok());
                match (it.next().flatten(), it.next().flatten()) {
                    (Some(a), Some(b)) if a <= b => Some((a, b)),
                    _ => None,
                }
            })
            .collect();
        let Some(frags) = frags else {
            continue;
        };
        match kind {
            "Source" => out.sources.push(frags),
            "Cue" => out.cues.push(frags),
            "Content" => out.contents.push(frags),
            _ => {}
        }
    }
    out
}

/// Reads a split folder: every article with a text file and at least one annotation.
pub fn read_split(dir: &Path) -> Result<Vec<Article>> {
    let ann_dir = dir.join("attributions");
    let text_dir = dir.join("text");
    let io = |path: PathBuf| move |source| Error::Io { path, source };
    let mut anns: Vec<PathBuf> = std::fs::read_dir(&ann_dir)
        .map_err(io(ann_dir.clone()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    let mut out: Vec<Article> = Vec::new();
    for ann in anns {
        let stem = ann
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        // `<article>_<annotator>`: the article is everything before the last underscore.
        let name = stem
            .rsplit_once('_')
            .map_or(stem.as_str(), |x| x.0)
            .to_string();
        if out.last().is_some_and(|a| a.name == name) {
            continue;
        }
        let text_path = text_dir.join(format!("{name}.txt"));
        if !text_path.is_file() {
            continue;
        }
        let text = std::fs::read_to_string(&text_path).map_err(io(text_path.clone()))?;
        let raw = std::fs::read_to_string(&ann).map_err(io(ann.clone()))?;
        out.push(Article {
            name,
            text,
            gold: parse_ann(&raw),
        });
    }
    Ok(out)
}

/// Exact and overlap counts for each layer.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Scores {
    /// Sources, exact boundaries.
    pub sources_exact: Counts,
    /// Sources, any overlap.
    pub sources_overlap: Counts,
    /// Cues, exact boundaries.
    pub cues_exact: Counts,
    /// Cues, any overlap.
    pub cues_overlap: Counts,
    /// Contents, exact boundaries.
    pub contents_exact: Counts,
    /// Contents, any overlap.
    pub contents_overlap: Counts,
}

impl Scores {
    /// Adds another article's counts.
    pub fn add(&mut self, o: &Scores) {
        for (a, b) in self.rows_mut().into_iter().zip(o.rows()) {
            a.1.add(b.1);
        }
    }

    /// `(layer, match, counts)` rows.
    pub fn rows(&self) -> Vec<(&'static str, Counts)> {
        vec![
            ("sources exact", self.sources_exact),
            ("sources overlap", self.sources_overlap),
            ("cues exact", self.cues_exact),
            ("cues overlap", self.cues_overlap),
            ("contents exact", self.contents_exact),
            ("contents overlap", self.contents_overlap),
        ]
    }

    fn rows_mut(&mut self) -> Vec<(&'static str, &mut Counts)> {
        vec![
            ("sources exact", &mut self.sources_exact),
            ("sources overlap", &mut self.sources_overlap),
            ("cues exact", &mut self.cues_exact),
            ("cues overlap", &mut self.cues_overlap),
            ("contents exact", &mut self.contents_exact),
            ("contents overlap", &mut self.contents_overlap),
        ]
    }
}

/// The spans a `byline/1` document extracted from `raw` predicts: the sources, cue and content
/// of every claim, as code points of `raw`.
pub fn from_document(doc: &Document, raw: &str) -> Spans {
    let al = Aligner::new(&doc.text, raw);
    let frag = |s: Span| {
        let s = al.span(s);
        vec![(s.0, s.1)]
    };
    let mut out = Spans::default();
    for c in &doc.claims {
        out.contents.push(frag(c.span));
        if let Some(cue) = &c.cue {
            out.cues.push(frag(cue.span));
        }
        for id in &c.sources {
            if let Some(s) = doc.sources.iter().find(|s| s.id == *id) {
                out.sources.push(frag(s.span));
            }
        }
    }
    out
}

/// Scores predicted spans against gold spans of one article.
pub fn score(gold: &Spans, pred: &Spans, text: &str) -> Scores {
    let chars: Vec<char> = text.chars().collect();
    let layer = |g: &[Frags], p: &[Frags]| {
        let g = dedup(g, &chars);
        let p = dedup(p, &chars);
        (count(&g, &p, true), count(&g, &p, false))
    };
    let (se, so) = layer(&gold.sources, &pred.sources);
    let (ce, co) = layer(&gold.cues, &pred.cues);
    let (te, to) = layer(&gold.contents, &pred.contents);
    Scores {
        sources_exact: se,
        sources_overlap: so,
        cues_exact: ce,
        cues_overlap: co,
        contents_exact: te,
        contents_overlap: to,
    }
}

/// Fragments trimmed of spaces and punctuation at their ends, empty ones dropped, each span once.
fn dedup(spans: &[Frags], chars: &[char]) -> Vec<Frags> {
    let junk = |c: char| c.is_whitespace() || (!c.is_alphanumeric() && c != '%' && c != '$');
    let mut out: Vec<Frags> = Vec::new();
    for s in spans {
        let mut f: Frags = s
            .iter()
            .map(|&(a, b)| {
                let (mut a, mut b) = (a.min(chars.len()), b.min(chars.len()));
                while a < b && junk(chars[a]) {
                    a += 1;
                }
                while b > a && junk(chars[b - 1]) {
                    b -= 1;
                }
                (a, b)
            })
            .filter(|(a, b)| a < b)
            .collect();
        f.sort_unstable();
        if !f.is_empty() && !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

fn overlaps(a: &Frags, b: &Frags) -> usize {
    let mut n = 0;
    for x in a {
        for y in b {
            n += x.1.min(y.1).saturating_sub(x.0.max(y.0));
        }
    }
    n
}

/// One-to-one matching, largest overlap first.
fn count(gold: &[Frags], pred: &[Frags], exact: bool) -> Counts {
    let mut cand = Vec::new();
    for (pi, p) in pred.iter().enumerate() {
        for (gi, g) in gold.iter().enumerate() {
            let ok = if exact { p == g } else { overlaps(p, g) > 0 };
            if ok {
                cand.push((overlaps(p, g), pi, gi));
            }
        }
    }
    cand.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let (mut up, mut ug) = (vec![false; pred.len()], vec![false; gold.len()]);
    let mut correct = 0;
    for (_, p, g) in cand {
        if !up[p] && !ug[g] {
            up[p] = true;
            ug[g] = true;
            correct += 1;
        }
    }
    Counts {
        correct,
        predicted: pred.len(),
        gold: gold.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_fragments_and_skips_other_lines() {
        let s = parse_ann(
            "T1\tSource 0 3\tabc\nT2\tContent 5 9;12 15\tx y\nT3\tAttribution 3 4\tx\nE1\tAttribution:T3 Source:T1\nT4\tCue 3 x\tbad\n",
        );
        assert_eq!(s.sources, vec![vec![(0, 3)]]);
        assert_eq!(s.contents, vec![vec![(5, 9), (12, 15)]]);
        assert!(s.cues.is_empty());
    }

    #[test]
    fn exact_ignores_edge_punctuation_and_overlap_is_one_to_one() {
        let text = "\u{201c}Go home,\u{201d} she said, she said.";
        let gold = Spans {
            contents: vec![vec![(0, 10)]],
            sources: vec![vec![(11, 14)]],
            ..Spans::default()
        };
        let pred = Spans {
            contents: vec![vec![(1, 8)]],
            sources: vec![vec![(11, 14)], vec![(11, 13)]],
            ..Spans::default()
        };
        let s = score(&gold, &pred, text);
        assert_eq!(s.contents_exact.correct, 1);
        assert_eq!(
            s.sources_overlap,
            Counts {
                correct: 1,
                predicted: 2,
                gold: 1
            }
        );
    }

    #[test]
    fn reads_a_split_folder() {
        let dir = std::env::temp_dir().join(format!("byline-polnear-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("text")).unwrap();
        std::fs::create_dir_all(dir.join("attributions")).unwrap();
        std::fs::write(dir.join("text/a_b.txt"), "He said it.").unwrap();
        std::fs::write(dir.join("attributions/a_b_x1.ann"), "T1\tSource 0 2\tHe\n").unwrap();
        std::fs::write(dir.join("attributions/a_b_x2.ann"), "T1\tCue 3 7\tsaid\n").unwrap();
        let arts = read_split(&dir).unwrap();
        assert_eq!(arts.len(), 1);
        assert_eq!(arts[0].name, "a_b");
        assert_eq!(arts[0].gold.sources.len(), 1);
        assert!(read_split(&dir.join("missing")).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
