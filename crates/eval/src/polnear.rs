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
    /// For each cue (index of `cues`), the source of its attribution (index of `sources`), if
    /// it has one: the brat event lines `E… Attribution:T… Cue:T… Source:T…`. Empty for
    /// predicted spans.
    pub cue_sources: Vec<Option<usize>>,
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
    let mut ids: std::collections::HashMap<&str, (bool, usize)> = Default::default();
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
            "Source" => {
                ids.insert(id, (true, out.sources.len()));
                out.sources.push(frags);
            }
            "Cue" => {
                ids.insert(id, (false, out.cues.len()));
                out.cues.push(frags);
            }
            "Content" => out.contents.push(frags),
            _ => {}
        }
    }
    out.cue_sources = vec![None; out.cues.len()];
    for line in ann.lines() {
        let Some((_, body)) = line.split_once('\t').filter(|(id, _)| id.starts_with('E')) else {
            continue;
        };
        let (mut cue, mut source) = (None, None);
        for arg in body.split_whitespace() {
            let Some((role, t)) = arg.split_once(':') else {
                continue;
            };
            match (role, ids.get(t)) {
                ("Cue", Some(&(false, i))) => cue = Some(i),
                ("Source", Some(&(true, i))) => source = Some(i),
                _ => {}
            }
        }
        if let (Some(c), Some(s)) = (cue, source) {
            out.cue_sources[c] = Some(s);
        }
    }
    out
}

/// The `.ann` files of a split folder's `attributions/`, sorted by name.
fn ann_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let ann_dir = dir.join("attributions");
    let mut anns: Vec<PathBuf> = std::fs::read_dir(&ann_dir)
        .map_err(|source| Error::Io {
            path: ann_dir.clone(),
            source,
        })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ann"))
        .collect();
    anns.sort();
    Ok(anns)
}

/// The article an annotation file is of: `<article>_<annotator>.ann`, everything before the
/// last underscore.
fn article_name(ann: &Path) -> &str {
    let stem = ann.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    stem.rsplit_once('_').map_or(stem, |x| x.0)
}

/// Reads a split folder: every article with a text file and at least one annotation.
pub fn read_split(dir: &Path) -> Result<Vec<Article>> {
    let text_dir = dir.join("text");
    let io = |path: PathBuf| move |source| Error::Io { path, source };
    let anns = ann_files(dir)?;
    let mut out: Vec<Article> = Vec::new();
    for ann in anns {
        let name = article_name(&ann).to_string();
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

/// The articles of a split folder annotated more than once, each (its first annotation by
/// file name as `gold`, as [`read_split`] reads it) with the spans of its second annotation:
/// to score one annotator against the other, the agreement that bounds what a system can
/// reach.
pub fn read_second_annotations(dir: &Path) -> Result<Vec<(Article, Spans)>> {
    let io = |path: PathBuf| move |source| Error::Io { path, source };
    let anns = ann_files(dir)?;
    let mut of_article: std::collections::HashMap<&str, Vec<&PathBuf>> =
        std::collections::HashMap::new();
    for p in &anns {
        of_article.entry(article_name(p)).or_default().push(p);
    }
    let mut out = Vec::new();
    for a in read_split(dir)? {
        let Some(second) = of_article.get(a.name.as_str()).and_then(|v| v.get(1)) else {
            continue;
        };
        let raw = std::fs::read_to_string(second).map_err(io(second.to_path_buf()))?;
        out.push((a, parse_ann(&raw)));
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
/// of every claim, as code points of `raw`, in PolNeAR's conventions: each token belongs to
/// at most one attribution, so claims nested in another claim's content are left out (a
/// belief always, others when they open that content), and a coordinated source ("two aides
/// and a lawyer") is one span.
pub fn from_document(doc: &Document, raw: &str) -> Spans {
    let al = Aligner::new(&doc.text, raw);
    let frag = |s: Span| {
        let s = al.span(s);
        vec![(s.0, s.1)]
    };
    let raw_chars: Vec<char> = raw.chars().collect();
    let mut out = Spans::default();
    for (c, end) in polnear_claims(doc) {
        let content = al.span(Span(c.span.0, end));
        out.contents
            .push(vec![(with_that(&raw_chars, content.0), content.1)]);
        if let Some(cue) = &c.cue {
            out.cues.push(frag(cue.span));
        }
        let mut spans: Vec<(usize, usize)> = c
            .sources
            .iter()
            .filter_map(|id| doc.sources.iter().find(|s| s.id == *id))
            .map(|s| {
                let s = al.span(s.span);
                (s.0, s.1)
            })
            .collect();
        if let Some(cue) = &c.cue {
            let cue_start = al.span(cue.span).0;
            for s in spans.iter_mut() {
                if let Some(p) = relative_pronoun(&raw_chars, s.1, cue_start) {
                    *s = p;
                }
            }
        }
        spans.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for s in spans {
            if let Some(last) = merged.last_mut() {
                if s.0 >= last.1 && s.0 - last.1 <= 7 {
                    let gap: String = raw_chars
                        [last.1.min(raw_chars.len())..s.0.min(raw_chars.len())]
                        .iter()
                        .collect();
                    let gap = gap.trim();
                    if matches!(gap, "and" | "or" | "nor" | "," | ", and" | "&") {
                        last.1 = last.1.max(s.1);
                        continue;
                    }
                }
            }
            merged.push(s);
        }
        // PolNeAR's source takes the comma closing an appositive ("Jane Doe, the mayor, said").
        for s in merged.iter_mut() {
            let inner = raw_chars.get(s.0..s.1).is_some_and(|t| t.contains(&','));
            if inner && raw_chars.get(s.1) == Some(&',') {
                s.1 += 1;
            }
        }
        out.sources.extend(merged.into_iter().map(|s| vec![s]));
    }
    no_comment_attributions(doc, &al, &mut out);
    out
}

/// PolNeAR annotates a refusal to comment ("the ministry declined to comment", "did not
/// respond to a request for comment") as an attribution, cue and source, where byline makes
/// a `no_comment` notice: each such notice whose cue no claim's cue overlaps adds its cue and,
/// as the source, the subject of the notice's clause ("He", "his campaign"), else the mention
/// of its actor before the cue in the same sentence, if any.
fn no_comment_attributions(doc: &Document, al: &Aligner, out: &mut Spans) {
    for n in &doc.notices {
        if n.kind != byline_model::NoticeKind::NoComment {
            continue;
        }
        let cue = n.cue.span;
        let raw_cue = al.span(cue);
        let raw_cue = (raw_cue.0, raw_cue.1);
        if out.cues.iter().any(|c| overlaps(c, &vec![raw_cue]) > 0) {
            continue;
        }
        out.cues.push(vec![raw_cue]);
        let Some(sentence) = doc.sentences.iter().find(|s| s.0 <= cue.0 && cue.0 < s.1) else {
            continue;
        };
        let subject = n
            .actor
            .as_ref()
            .and_then(|id| doc.actors.iter().find(|a| a.id == *id))
            .and_then(|a| {
                a.mentions
                    .iter()
                    .filter(|m| m.span.0 >= sentence.0 && m.span.1 <= cue.0)
                    .max_by_key(|m| m.span.1)
            });
        // The subject of the notice's clause first ("He", "his campaign", "A spokeswoman for
        // X"), else the actor's mention.
        let subject = n
            .subject
            .as_ref()
            .map(|m| m.span)
            .filter(|s| s.0 >= sentence.0 && s.1 <= cue.0)
            .or(subject.map(|m| m.span));
        if let Some(s) = subject {
            let s = al.span(s);
            out.sources.push(vec![(s.0, s.1)]);
        }
    }
}

/// The claims PolNeAR would annotate, each with the end of its content (code points of the
/// document's text). PolNeAR gives a token to one attribution only: a claim nested at the
/// start of another's content ("S1 said [S2 believes C]") is part of that content and left
/// out, while a claim of its own further on in it ("S said C1, though she noted C2") is
/// kept, and the outer content then ends before it.
fn polnear_claims(doc: &Document) -> Vec<(&byline_model::Claim, usize)> {
    let chars: Vec<char> = doc.text.chars().collect();
    let parent = |c: &byline_model::Claim| {
        c.parent
            .as_ref()
            .and_then(|p| doc.claims.iter().position(|o| o.id == *p))
    };
    // Where a nested claim starts inside its parent's content: its first source, cue or
    // content position at or after the parent content's start.
    let start_in = |c: &byline_model::Claim, o: &byline_model::Claim| {
        let sources = c
            .sources
            .iter()
            .filter_map(|id| doc.sources.iter().find(|s| s.id == *id))
            .map(|s| s.span.0);
        std::iter::once(c.span.0)
            .chain(c.cue.as_ref().map(|m| m.span.0))
            .chain(sources)
            .filter(|&x| x >= o.span.0)
            .min()
    };
    // A belief nested in another's content ("S said C1 and that he thinks C2") stays part of
    // that content: PolNeAR annotates the report, not the belief inside it.
    // A belief is a cue holding a verb of the lexicon's `belief` class (think, believe, know…).
    let cues = byline_lexicon::cues::Cues::builtin();
    let belief = |c: &byline_model::Claim| {
        c.cue.as_ref().is_some_and(|m| {
            m.text.split_whitespace().any(|t| {
                cues.verb(t)
                    .is_some_and(|v| v.class == byline_lexicon::cues::CueClass::Belief)
            })
        })
    };
    // Any other nested claim stands on its own when the parent's content holds words of its
    // own (other than "that") before it.
    let own = |c: &byline_model::Claim, o: &byline_model::Claim| {
        !belief(c)
            && start_in(c, o).is_some_and(|x| {
                let before: String = chars[o.span.0.min(chars.len())..x.min(chars.len())]
                    .iter()
                    .filter(|c| c.is_alphanumeric())
                    .collect();
                !before.is_empty() && !before.eq_ignore_ascii_case("that")
            })
    };
    let n = doc.claims.len();
    // Kept when every claim up its chain of parents stands on its own in its parent.
    let kept: Vec<bool> = (0..n)
        .map(|mut i| {
            for _ in 0..n {
                let Some(p) = parent(&doc.claims[i]) else {
                    return true;
                };
                if !own(&doc.claims[i], &doc.claims[p]) {
                    return false;
                }
                i = p;
            }
            false
        })
        .collect();
    let mut ends: Vec<usize> = doc.claims.iter().map(|c| c.span.1).collect();
    for (i, c) in doc.claims.iter().enumerate() {
        if let (true, Some(p)) = (kept[i], parent(c)) {
            if let Some(x) = start_in(c, &doc.claims[p]) {
                ends[p] = ends[p].min(content_end(&chars, doc.claims[p].span.0, x));
            }
        }
    }
    doc.claims
        .iter()
        .zip(kept)
        .zip(ends)
        .filter(|((_, k), _)| *k)
        .map(|((c, _), e)| (c, e))
        .collect()
}

/// Words that join a content to the next attribution and belong to neither.
const JOINERS: &[&str] = &[
    "also", "although", "and", "as", "but", "even", "though", "while",
];

/// The end of a content cut before `at`: without the spaces, punctuation and joining words
/// ("…, though") before it, never before `start + 1`.
fn content_end(chars: &[char], start: usize, at: usize) -> usize {
    let mut end = at.min(chars.len());
    loop {
        while end > start + 1 && !chars[end - 1].is_alphanumeric() {
            end -= 1;
        }
        let mut a = end;
        while a > start && chars[a - 1].is_alphabetic() {
            a -= 1;
        }
        let word: String = chars[a..end].iter().collect::<String>().to_lowercase();
        if a > start && JOINERS.contains(&word.as_str()) {
            end = a;
        } else {
            return end;
        }
    }
}

/// PolNeAR's content takes the complementiser before it ("said [that C]"; byline's claim is
/// C): the start of "that" when it stands just before `start`.
fn with_that(chars: &[char], start: usize) -> usize {
    let before: String = chars[..start.min(chars.len())].iter().collect();
    let trimmed = before.trim_end();
    let Some(head) = trimmed.strip_suffix("that") else {
        return start;
    };
    if head.chars().last().is_some_and(char::is_alphanumeric) {
        return start;
    }
    head.chars().count()
}

/// PolNeAR takes the relative pronoun as the source of a cue inside a relative clause
/// ("the mayor, who said C"): the pronoun's span when one follows the source ending at `end`
/// (past a comma) and the cue at `cue` comes after it in the same clause, before any comma.
fn relative_pronoun(chars: &[char], end: usize, cue: usize) -> Option<(usize, usize)> {
    if cue <= end || cue - end > 80 || cue > chars.len() {
        return None;
    }
    let mut a = end;
    while a < cue && (chars[a].is_whitespace() || chars[a] == ',') {
        a += 1;
    }
    let mut b = a;
    while b < cue && chars[b].is_alphabetic() {
        b += 1;
    }
    let word: String = chars[a..b].iter().collect::<String>().to_lowercase();
    let between = &chars[b..cue];
    // A comma closes the relative clause: in "S, who said C1, said C2" the second cue is the
    // main verb's, whose source is S.
    let clause = !between
        .iter()
        .any(|&c| matches!(c, '.' | ',' | ';' | ':' | '"' | '\u{201c}' | '\u{201d}'));
    (matches!(word.as_str(), "who" | "which" | "that") && b < cue && clause).then_some((a, b))
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

/// One-to-one matching, largest overlap first: which predicted and which gold spans found a
/// partner.
fn matching(gold: &[Frags], pred: &[Frags], exact: bool) -> (Vec<bool>, Vec<bool>) {
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
    for (_, p, g) in cand {
        if !up[p] && !ug[g] {
            up[p] = true;
            ug[g] = true;
        }
    }
    (up, ug)
}

fn count(gold: &[Frags], pred: &[Frags], exact: bool) -> Counts {
    let (up, _) = matching(gold, pred, exact);
    Counts {
        correct: up.iter().filter(|&&m| m).count(),
        predicted: pred.len(),
        gold: gold.len(),
    }
}

/// A span of one layer that found no partner under overlap matching.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Miss {
    /// "source", "cue" or "content".
    pub layer: &'static str,
    /// True for a gold span nothing predicted overlaps (a recall error), false for a
    /// predicted span no gold span overlaps (a precision error).
    pub missed: bool,
    /// Its fragments, trimmed as for scoring.
    pub frags: Frags,
}

/// The unmatched gold and predicted spans of one article, layer by layer, in text order.
pub fn misses(gold: &Spans, pred: &Spans, text: &str) -> Vec<Miss> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    for (layer, g, p) in [
        ("source", &gold.sources, &pred.sources),
        ("cue", &gold.cues, &pred.cues),
        ("content", &gold.contents, &pred.contents),
    ] {
        let g = dedup(g, &chars);
        let p = dedup(p, &chars);
        let (up, ug) = matching(&g, &p, false);
        for (frags, matched, missed) in g
            .into_iter()
            .zip(ug)
            .map(|(f, m)| (f, m, true))
            .chain(p.into_iter().zip(up).map(|(f, m)| (f, m, false)))
        {
            if !matched {
                out.push(Miss {
                    layer,
                    missed,
                    frags,
                });
            }
        }
    }
    out.sort_by_key(|m| (m.layer, m.frags.first().map_or(0, |f| f.0)));
    out
}

/// How often one lemma with one part of speech lay inside a gold cue.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CueCount {
    /// Lowercase lemma.
    pub lemma: String,
    /// Universal part of speech.
    pub upos: byline_nlp::Upos,
    /// Occurrences inside a gold cue span.
    pub cue: u32,
    /// All occurrences.
    pub total: u32,
}

/// Counts, over the articles tagged by `models`, how often each lemma (verbs, nouns,
/// adjectives, adverbs and prepositions) lies inside a gold cue span: the material of a
/// learnt cue lexicon. Sorted by lemma, then part of speech.
pub fn learn_cues(articles: &[Article], models: &byline_nlp::Models) -> Vec<CueCount> {
    let parsed: Vec<ParsedArticle> = articles.iter().map(|a| parse_article(a, models)).collect();
    merge_counts(parsed.iter().map(|p| p.counts.as_slice()))
}

/// One token of a [`ParsedArticle`].
#[derive(Clone, Debug)]
struct OwnedTok {
    lower: String,
    lemma: String,
    upos: &'static str,
    head: Option<usize>,
    deprel: &'static str,
    /// It overlaps a gold cue.
    in_cue: bool,
    /// It overlaps a gold content.
    in_content: bool,
}

/// One article tagged and parsed once: the cue classifier's examples and the article's
/// lemma counts (`learnt.tsv`), so that models can be trained fold by fold without parsing
/// again.
#[derive(Clone, Debug, Default)]
pub struct ParsedArticle {
    sents: Vec<Vec<OwnedTok>>,
    /// This article's counts, sorted by lemma, then part of speech.
    pub counts: Vec<CueCount>,
}

/// Tags and parses article `a` with `models`.
pub fn parse_article(a: &Article, models: &byline_nlp::Models) -> ParsedArticle {
    use byline_nlp::Upos;
    use std::collections::BTreeMap;
    let text = &a.text;
    let in_cue = span_chars(text, &a.gold.cues);
    let in_content = span_chars(text, &a.gold.contents);
    let cp = code_points(text);
    let layout = byline_text::analyze(text);
    let analyses = models.analyze_layout(text, &layout);
    let mut counts: BTreeMap<(String, Upos), (u32, u32)> = BTreeMap::new();
    let mut sents = Vec::with_capacity(analyses.len());
    for (s, an) in layout.sentences.iter().zip(&analyses) {
        let toks = layout.tokens.get(s.tokens.clone()).unwrap_or(&[]);
        let sent: Vec<OwnedTok> = toks
            .iter()
            .zip(&an.words)
            .map(|(t, w)| {
                let covered = |of: &[bool]| {
                    (cp[t.start]..cp[t.end]).any(|k| of.get(k).copied().unwrap_or(false))
                };
                let hit = covered(&in_cue);
                let lemma = w.lemma.to_lowercase();
                if matches!(
                    w.upos,
                    Upos::Verb | Upos::Noun | Upos::Adj | Upos::Adv | Upos::Adp
                ) {
                    let e = counts.entry((lemma.clone(), w.upos)).or_default();
                    e.1 += 1;
                    e.0 += u32::from(hit);
                }
                OwnedTok {
                    lower: text[t.start..t.end].to_lowercase(),
                    lemma,
                    upos: w.upos.as_str(),
                    head: w.head,
                    deprel: w.deprel,
                    in_cue: hit,
                    in_content: covered(&in_content),
                }
            })
            .collect();
        sents.push(sent);
    }
    ParsedArticle {
        sents,
        counts: counts
            .into_iter()
            .map(|((lemma, upos), (cue, total))| CueCount {
                lemma,
                upos,
                cue,
                total,
            })
            .collect(),
    }
}

/// The sums of several articles' lemma counts, sorted by lemma, then part of speech.
pub fn merge_counts<'a>(parts: impl IntoIterator<Item = &'a [CueCount]>) -> Vec<CueCount> {
    use std::collections::BTreeMap;
    let mut sum: BTreeMap<(&str, byline_nlp::Upos), (u32, u32)> = BTreeMap::new();
    for c in parts.into_iter().flatten() {
        let e = sum.entry((c.lemma.as_str(), c.upos)).or_default();
        e.0 += c.cue;
        e.1 += c.total;
    }
    sum.into_iter()
        .map(|((lemma, upos), (cue, total))| CueCount {
            lemma: lemma.to_string(),
            upos,
            cue,
            total,
        })
        .collect()
}

/// The sums of several articles' read counts, sorted by form.
pub fn merge_reads<'a>(parts: impl IntoIterator<Item = &'a [ReadCount]>) -> Vec<ReadCount> {
    use std::collections::BTreeMap;
    let mut sum: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
    for c in parts.into_iter().flatten() {
        let e = sum.entry(c.form.as_str()).or_default();
        e.0 += c.read;
        e.1 += c.cue;
    }
    sum.into_iter()
        .map(|(form, (read, cue))| ReadCount {
            form: form.to_string(),
            read,
            cue,
        })
        .collect()
}

/// Fewest cue occurrences of a lemma for a row of `learnt.tsv`.
pub const LEARNT_MIN_CUE: u32 = 3;
/// Fewest reads of a form for a row of `reads.tsv`.
pub const READS_MIN_READ: u32 = 5;

/// How the cue classifier is trained by default (`byline eval polnear --train-cues`, and
/// `--folds`): 5 passes of AdaGrad at rate 0.07 (since task 6AF at 0.1: 5-fold CV on PolNeAR
/// train sources / cues +.002 / +.003 and dev +.006 / +.007 over plain SGD at 0.2 / (1 + pass),
/// with the judge trained alike; 0.07 for both since task 6AJ: CV .7862 / .7750 → .7873 /
/// .7760, dev .8150 / .8049 → .8207 / .8063; 0.15 loses; docs/attribution.md, 6AB, 6AF,
/// 6AJ), features of fewer than 3 examples left out, a pull of 1e-6 towards zero, weights
/// below 0.05 left out. A cue weighs 1.7 times a non-cue (session n, without a shift of the
/// bias, so the classifier says "cue" more often: 5-fold CV on PolNeAR train + dev sources /
/// cues .7925 / .7813 → .7940 / .7833, on train alone .7898 / .7788 → .7910 / .7812; 1.4 and
/// 2.0 gain less; docs/attribution.md, "Session n").
pub const CUE_TRAINING: byline_lexicon::cues::model::TrainOptions =
    byline_lexicon::cues::model::TrainOptions {
        epochs: 5,
        min_count: 3,
        l2: 1e-6,
        min_weight: 0.05,
        adagrad: true,
        rate: 0.07,
        positive_weight: 1.7,
        ..byline_lexicon::cues::model::TrainOptions::PLAIN
    };

/// The header of a trained `cue-model.tsv`: trained by `byline eval polnear {how}` on
/// `source`, `n` examples, `pos` of them cues.
pub fn cue_model_header(how: &str, source: &str, n: usize, pos: usize) -> String {
    format!(
        "source: byline project, trained by `byline eval polnear {how}` on {source}: \
         {n} nouns and verbs, {pos} in a gold cue (weights only, no text)\n\
         data: PolNeAR v1.0.0 (Newell, Margolin and Ruths, LREC 2018); no data licence stated, \
         its software is MIT\nlicence: MIT OR Apache-2.0\nversion: 1"
    )
}

/// Trains the cue classifier (`byline_lexicon::cues::model`) on the articles tagged and
/// parsed by `models`: every noun and verb is an example, a cue when it overlaps a gold cue
/// span (a negative inside a gold content weighs [`CONTENT_NEGATIVE`]). Returns the text of a
/// `cue-model.tsv` whose header names `source`, and the number of examples and of cues among
/// them.
pub fn train_cues(
    articles: &[Article],
    models: &byline_nlp::Models,
    cues: &byline_lexicon::cues::Cues,
    epochs: usize,
    source: &str,
) -> (String, usize, usize) {
    let parsed: Vec<ParsedArticle> = articles.iter().map(|a| parse_article(a, models)).collect();
    let items: Vec<(&ParsedArticle, &byline_lexicon::cues::Cues)> =
        parsed.iter().map(|p| (p, cues)).collect();
    let opts = byline_lexicon::cues::model::TrainOptions {
        epochs,
        ..CUE_TRAINING
    };
    train_cues_parsed(&items, &opts, "--train-cues", source)
}

/// Trains the cue classifier on parsed articles, each read with its own lexicon (whose
/// learnt counts enter the features: for cross-fitting, counts of other articles only); the
/// examples are labelled and weighted as in [`train_cues`].
/// Returns the text of a `cue-model.tsv` (its header naming the command `how` and `source`),
/// the number of examples and of cues among them.
pub fn train_cues_parsed(
    items: &[(&ParsedArticle, &byline_lexicon::cues::Cues)],
    opts: &byline_lexicon::cues::model::TrainOptions,
    how: &str,
    source: &str,
) -> (String, usize, usize) {
    use byline_lexicon::cues::model::{CueTok, Trainer, CANDIDATES};
    let mut trainer = Trainer::new();
    for (p, cues) in items {
        for sent in &p.sents {
            let view: Vec<CueTok> = sent
                .iter()
                .map(|t| CueTok {
                    lower: &t.lower,
                    lemma: &t.lemma,
                    upos: t.upos,
                    head: t.head,
                    deprel: t.deprel,
                })
                .collect();
            for (i, t) in sent.iter().enumerate() {
                if !CANDIDATES.contains(&t.upos) {
                    continue;
                }
                let weight = if t.in_content && !t.in_cue {
                    CONTENT_NEGATIVE
                } else {
                    1.0
                };
                trainer.add_weighted(&view, i, cues, t.in_cue, weight);
            }
        }
    }
    let (n, pos) = trainer.sizes();
    let tsv = trainer.train_opts(opts, &cue_model_header(how, source, n, pos));
    (tsv, n, pos)
}

/// The weight of a negative example of the cue classifier inside a gold content (task 6AQ;
/// every other example weighs 1). Words of a reported content that PolNeAR did not mark as a
/// nested report look like cues; weighing them less gained on 5-fold CV (sources / cues .7887 /
/// .7769 → .7895 / .7790) and, with the other changes of session m, on dev
/// (docs/attribution.md, 6AQ).
pub const CONTENT_NEGATIVE: f32 = 0.7;

/// For each of `spans` (byte ranges of `doc.text`, the document extracted from `raw`), the
/// indices of the `gold` spans (code points of `raw`) it shares a character with: the labels
/// of the draft judge's training examples.
pub fn gold_hits(
    doc: &Document,
    raw: &str,
    gold: &[Frags],
    spans: &[(usize, usize)],
) -> Vec<Vec<usize>> {
    let al = Aligner::new(&doc.text, raw);
    let cp = code_points(&doc.text);
    spans
        .iter()
        .map(|&(a, b)| {
            let (Some(&a), Some(&b)) = (cp.get(a), cp.get(b)) else {
                return Vec::new();
            };
            let s = al.span(Span(a, b));
            (0..gold.len())
                .filter(|&g| gold[g].iter().any(|f| f.0 < s.1 && s.0 < f.1))
                .collect()
        })
        .collect()
}

/// For each code point of `text`, whether one of `spans` covers it.
fn span_chars(text: &str, spans: &[Frags]) -> Vec<bool> {
    let mut of = vec![false; text.chars().count() + 1];
    for f in spans.iter().flatten() {
        for x in of.iter_mut().take(f.1).skip(f.0) {
            *x = true;
        }
    }
    of
}

/// Byte offset → code point index, for every byte offset of `text` that starts a character
/// and for its end.
fn code_points(text: &str) -> Vec<usize> {
    let mut cp = vec![0; text.len() + 1];
    for (n, (b, _)) in text.char_indices().enumerate() {
        cp[b] = n;
    }
    cp[text.len()] = text.chars().count();
    cp
}

/// The rows of a `learnt.tsv` cue file (header included) for the counts with at least
/// `min_cue` cue occurrences; `source` names the data in the header.
pub fn learnt_tsv(counts: &[CueCount], min_cue: u32, source: &str) -> String {
    let mut out = format!(
        "# source: byline project, learnt by `byline eval polnear --learn-cues` from {source} (counts only, no text)\n\
         # licence: MIT OR Apache-2.0\n# version: 1\nlemma\tupos\tcue\ttotal\n"
    );
    for c in counts {
        if c.cue >= min_cue && !c.lemma.contains(char::is_whitespace) && !c.lemma.is_empty() {
            out.push_str(&format!(
                "{}\t{}\t{}\t{}\n",
                c.lemma, c.upos, c.cue, c.total
            ));
        }
    }
    out
}

/// How often a verb form read as a one-word cue was right: `read` times a cue of a top-level
/// claim, `cue` times of those overlapping a gold cue.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadCount {
    /// Lowercase word form.
    pub form: String,
    /// Times read as a cue.
    pub read: u32,
    /// Times the cue overlapped a gold cue.
    pub cue: u32,
}

/// Adds to `counts` the one-word cues of the top-level claims of `doc` (extracted from `raw`)
/// and whether each overlaps a cue of `gold`: the material of `reads.tsv`. `counts` stays
/// sorted by form.
pub fn count_reads(doc: &Document, raw: &str, gold: &Spans, counts: &mut Vec<ReadCount>) {
    let al = Aligner::new(&doc.text, raw);
    for c in doc.claims.iter().filter(|c| c.parent.is_none()) {
        let Some(cue) = &c.cue else { continue };
        let form = cue.text.trim().to_lowercase();
        if form.is_empty() || form.contains(char::is_whitespace) {
            continue;
        }
        let s = al.span(cue.span);
        let hit = gold.cues.iter().any(|g| overlaps(g, &vec![(s.0, s.1)]) > 0);
        let at = match counts.binary_search_by(|r| r.form.as_str().cmp(form.as_str())) {
            Ok(i) => i,
            Err(i) => {
                counts.insert(
                    i,
                    ReadCount {
                        form,
                        ..ReadCount::default()
                    },
                );
                i
            }
        };
        counts[at].read += 1;
        counts[at].cue += u32::from(hit);
    }
}

/// The rows of a `reads.tsv` cue file (header included) for the forms read at least
/// `min_read` times; `source` names the data in the header.
pub fn reads_tsv(counts: &[ReadCount], min_read: u32, source: &str) -> String {
    let mut out = format!(
        "# source: byline project, learnt by `byline eval polnear --learn-reads` from {source} (counts only, no text)\n\
         # licence: MIT OR Apache-2.0\n# version: 1\nform\tread\tcue\n"
    );
    for c in counts.iter().filter(|c| c.read >= min_read) {
        out.push_str(&format!("{}\t{}\t{}\n", c.form, c.read, c.cue));
    }
    out
}

/// A cue file rewritten so that every row counts as a sure cue (`learnt.tsv`: cue = total;
/// `reads.tsv`: cue = read), for a learning run that must read every learnt verb. Other files
/// and comment lines come back unchanged.
pub fn all_sure(name: &str, tsv: &str) -> String {
    let mut out = String::new();
    let mut header = true;
    for line in tsv.lines() {
        let mut cols: Vec<&str> = line.split('\t').collect();
        if line.starts_with('#') || line.trim().is_empty() || header {
            header &= line.starts_with('#') || line.trim().is_empty();
            out.push_str(line);
            out.push('\n');
            continue;
        }
        match (name, cols.len()) {
            ("learnt.tsv", 4) => cols[2] = cols[3],
            ("reads.tsv", 3) => cols[2] = cols[1],
            _ => {}
        }
        out.push_str(&cols.join("\t"));
        out.push('\n');
    }
    out
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
    fn misses_name_unmatched_spans_of_each_side() {
        let text = "Rain is coming, the minister said.";
        let gold = parse_ann("T1\tSource 16 28\tthe minister\nT2\tCue 29 33\tsaid\n");
        let pred = Spans {
            sources: vec![vec![(20, 28)]],
            contents: vec![vec![(0, 4)]],
            ..Spans::default()
        };
        let m = misses(&gold, &pred, text);
        assert_eq!(
            m,
            [
                Miss {
                    layer: "content",
                    missed: false,
                    frags: vec![(0, 4)]
                },
                Miss {
                    layer: "cue",
                    missed: true,
                    frags: vec![(29, 33)]
                },
            ]
        );
    }

    #[test]
    fn counts_of_several_articles_add_up() {
        use byline_nlp::Upos;
        let c = |lemma: &str, upos, cue, total| CueCount {
            lemma: lemma.into(),
            upos,
            cue,
            total,
        };
        let a = [c("say", Upos::Verb, 2, 3), c("warn", Upos::Verb, 1, 1)];
        let b = [c("claim", Upos::Noun, 1, 4), c("say", Upos::Verb, 5, 5)];
        assert_eq!(
            merge_counts([&a[..], &b[..]]),
            [
                c("claim", Upos::Noun, 1, 4),
                c("say", Upos::Verb, 7, 8),
                c("warn", Upos::Verb, 1, 1)
            ]
        );
        let r = |form: &str, read, cue| ReadCount {
            form: form.into(),
            read,
            cue,
        };
        let x = [r("said", 4, 3)];
        let y = [r("noted", 2, 0), r("said", 1, 1)];
        assert_eq!(
            merge_reads([&x[..], &y[..]]),
            [r("noted", 2, 0), r("said", 5, 4)]
        );
    }

    #[test]
    fn a_content_takes_the_that_before_it() {
        let chars: Vec<char> = "The pilots said that the channel is shallow."
            .chars()
            .collect();
        assert_eq!(with_that(&chars, 21), 16);
        // "what" is no complementiser.
        let chars: Vec<char> = "The pilots knew what the channel is.".chars().collect();
        assert_eq!(with_that(&chars, 21), 21);
    }

    #[test]
    fn a_relative_pronoun_before_the_cue_is_the_source() {
        let chars: Vec<char> = "the mayor, who said on Monday that".chars().collect();
        assert_eq!(relative_pronoun(&chars, 9, 15), Some((11, 14)));
        // The cue is no part of the relative clause.
        let chars: Vec<char> = "the mayor said that".chars().collect();
        assert_eq!(relative_pronoun(&chars, 9, 10), None);
        let chars: Vec<char> = "the mayor. Who said".chars().collect();
        assert_eq!(relative_pronoun(&chars, 9, 15), None);
    }

    #[test]
    fn read_counts_and_sure_rows() {
        let text = "Rain is coming, the minister said. The plan failed, he wrote.";
        let gold = parse_ann("T1\tCue 29 33\tsaid\n");
        let mut doc = Document::new(text.to_string());
        doc.claims = vec![claim(29, 33, "said"), claim(55, 60, "wrote")];
        let mut counts = Vec::new();
        count_reads(&doc, text, &gold, &mut counts);
        count_reads(&doc, text, &gold, &mut counts);
        assert_eq!(counts.len(), 2);
        assert_eq!(
            (counts[0].form.as_str(), counts[0].read, counts[0].cue),
            ("said", 2, 2)
        );
        assert_eq!(
            (counts[1].form.as_str(), counts[1].read, counts[1].cue),
            ("wrote", 2, 0)
        );
        let tsv = reads_tsv(&counts, 1, "a test");
        assert!(
            tsv.ends_with("form\tread\tcue\nsaid\t2\t2\nwrote\t2\t0\n"),
            "{tsv}"
        );
        assert!(all_sure("reads.tsv", &tsv).ends_with("said\t2\t2\nwrote\t2\t2\n"));
        let learnt = "# x\nlemma\tupos\tcue\ttotal\nsay\tVERB\t3\t9\n";
        assert_eq!(
            all_sure("learnt.tsv", learnt),
            "# x\nlemma\tupos\tcue\ttotal\nsay\tVERB\t9\t9\n"
        );
    }

    #[test]
    fn nested_claims_follow_polnear() {
        // "S said [S2 argued C]": one attribution; "S said C1, though she noted C2": two, the
        // first content ending before "though".
        let text = "The mayor said the board argued fares rise. \
                    The mayor said fares rise, though she noted ferries stay free.";
        let chars: Vec<char> = text.chars().collect();
        let at = |w: &str, from: usize| {
            let s: String = chars[from..].iter().collect();
            from + s[..s.find(w).unwrap()].chars().count()
        };
        let span = |w: &str, from: usize| Span(at(w, from), at(w, from) + w.chars().count());
        let second = at("The mayor", 10);
        let mut doc = Document::new(text.to_string());
        let sources = [
            span("The mayor", 0),
            span("the board", 0),
            span("The mayor", second),
            span("she", second),
        ];
        doc.sources = anonymous_sources(&sources);
        let nested =
            |k: usize, cue: Span, content: Span, parent: Option<usize>| byline_model::Claim {
                id: format!("c{k}"),
                span: content,
                sources: vec![format!("s{k}")],
                parent: parent.map(|p| format!("c{p}")),
                ..claim(cue.0, cue.1, "cue")
            };
        let upto = |a: &str, b: &str, from: usize| Span(at(a, from), span(b, from).1);
        doc.claims = vec![
            nested(0, span("said", 0), upto("the board", "rise", 0), None),
            nested(1, span("argued", 0), upto("fares", "rise", 0), Some(0)),
            nested(2, span("said", second), upto("fares", "free", second), None),
            nested(
                3,
                span("noted", second),
                upto("ferries", "free", second),
                Some(2),
            ),
        ];
        let spans = from_document(&doc, text);
        let contents = first_fragments(&spans.contents, text);
        assert_eq!(
            contents,
            [
                "the board argued fares rise",
                "fares rise",
                "ferries stay free"
            ]
        );
        assert_eq!(spans.cues.len(), 3);
    }

    #[test]
    fn a_belief_further_on_in_a_report_stays_in_its_content() {
        // "S said C1, and she thinks C2": one attribution whose content runs to the end, where
        // a report ("though she noted C2") would stand on its own.
        let text = "The mayor said fares rise, and she thinks ferries stay free.";
        let at = |w: &str| text.find(w).unwrap();
        let span = |w: &str| Span(at(w), at(w) + w.len());
        let mut doc = Document::new(text.to_string());
        doc.sources = anonymous_sources(&[span("The mayor"), span("she")]);
        let end = text.len() - 1;
        doc.claims = vec![
            byline_model::Claim {
                id: "c0".into(),
                span: Span(at("fares"), end),
                sources: vec!["s0".into()],
                ..claim(at("said"), at("said") + 4, "said")
            },
            byline_model::Claim {
                id: "c1".into(),
                span: Span(at("ferries"), end),
                sources: vec!["s1".into()],
                parent: Some("c0".into()),
                ..claim(at("thinks"), at("thinks") + 6, "thinks")
            },
        ];
        let spans = from_document(&doc, text);
        let contents = first_fragments(&spans.contents, text);
        assert_eq!(contents, ["fares rise, and she thinks ferries stay free"]);
        assert_eq!(spans.cues, [vec![(at("said"), at("said") + 4)]]);
    }

    /// The text of each span's first fragment.
    fn first_fragments<'t>(spans: &[Frags], text: &'t str) -> Vec<&'t str> {
        spans.iter().map(|f| &text[f[0].0..f[0].1]).collect()
    }

    /// Anonymous sources `s0`, `s1`, … at these spans (for the conversion tests).
    fn anonymous_sources(spans: &[Span]) -> Vec<byline_model::Source> {
        spans
            .iter()
            .enumerate()
            .map(|(k, &span)| byline_model::Source {
                id: format!("s{k}"),
                span,
                text: String::new(),
                kind: byline_model::SourceKind::Anonymous,
                count: None,
                seniority: None,
                role: None,
                affiliation: None,
                actor: None,
                refers_to: Vec::new(),
            })
            .collect()
    }

    fn claim(a: usize, b: usize, cue: &str) -> byline_model::Claim {
        byline_model::Claim {
            id: "c1".into(),
            span: Span(0, 1),
            text: "R".into(),
            sources: Vec::new(),
            cue: Some(byline_model::Mention {
                span: Span(a, b),
                text: cue.to_string(),
            }),
            quote: false,
            factuality: byline_model::Factuality::Reported,
            parent: None,
            events: Vec::new(),
        }
    }

    #[test]
    fn second_annotations_pair_with_the_first() {
        let dir = std::env::temp_dir().join(format!("byline-polnear-2-{}", std::process::id()));
        let dir = dir.as_path();
        std::fs::create_dir_all(dir.join("text")).unwrap();
        std::fs::create_dir_all(dir.join("attributions")).unwrap();
        std::fs::write(dir.join("text/a_b.txt"), "He said so.").unwrap();
        std::fs::write(dir.join("text/c.txt"), "She said so.").unwrap();
        std::fs::write(dir.join("attributions/a_b_x1.ann"), "T1\tSource 0 2\tHe\n").unwrap();
        std::fs::write(dir.join("attributions/a_b_x2.ann"), "T1\tCue 3 7\tsaid\n").unwrap();
        std::fs::write(dir.join("attributions/c_x1.ann"), "T1\tCue 4 8\tsaid\n").unwrap();
        let pairs = read_second_annotations(dir).unwrap();
        assert_eq!(pairs.len(), 1);
        let (a, second) = &pairs[0];
        assert_eq!((a.name.as_str(), a.gold.sources.len()), ("a_b", 1));
        assert_eq!((second.sources.len(), second.cues.len()), (0, 1));
        let _ = std::fs::remove_dir_all(dir);
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
        let models = byline_nlp::Models::embedded().unwrap();
        let counts = learn_cues(&arts, &models);
        assert!(counts.iter().all(|c| c.cue <= c.total));
        assert!(learnt_tsv(&counts, 0, "a test").contains("lemma\tupos\tcue\ttotal\n"));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn tokens_know_the_gold_cues_and_contents_they_overlap() {
        let text = "The senator raised questions about the deal the mayor signed.";
        let a = Article {
            name: "t".into(),
            text: text.into(),
            gold: Spans {
                sources: vec![vec![(0, 11)]],
                cues: vec![vec![(12, 34)]],
                contents: vec![vec![(35, 60)]],
                cue_sources: vec![Some(0)],
            },
        };
        let models = byline_nlp::Models::embedded().unwrap();
        let p = parse_article(&a, &models);
        let tok = |w: &str| p.sents[0].iter().find(|t| t.lower == w).unwrap();
        assert!(tok("raised").in_cue && tok("questions").in_cue && !tok("raised").in_content);
        assert!(tok("signed").in_content && !tok("signed").in_cue);
        assert!(!tok("senator").in_cue && !tok("senator").in_content);
    }
}
