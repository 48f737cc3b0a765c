//! Reading and writing CoNLL-U, the Universal Dependencies treebank format.

use std::fmt::Write as _;

/// One syntactic word (a line whose ID is a single integer).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Word {
    /// 1-based index in the sentence.
    pub id: usize,
    /// Word form.
    pub form: String,
    /// Lemma (`_` when unknown).
    pub lemma: String,
    /// Universal part of speech.
    pub upos: String,
    /// Language-specific part of speech (Penn Treebank tags for English).
    pub xpos: String,
    /// Morphological features.
    pub feats: String,
    /// Head index (0 for the root).
    pub head: usize,
    /// Universal dependency relation.
    pub deprel: String,
    /// Enhanced dependencies.
    pub deps: String,
    /// Anything else (`SpaceAfter=No`).
    pub misc: String,
}

impl Word {
    /// True when the MISC column says no space follows.
    pub fn no_space_after(&self) -> bool {
        self.misc.split('|').any(|m| m == "SpaceAfter=No")
    }
}

/// A multiword token ("don't" = do + n't in some treebanks): lines `3-4`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MultiwordToken {
    /// First word id.
    pub first: usize,
    /// Last word id.
    pub last: usize,
    /// Surface form.
    pub form: String,
    /// MISC column.
    pub misc: String,
}

/// One sentence of a CoNLL-U file.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// Comment lines without the leading `# `.
    pub comments: Vec<String>,
    /// The words.
    pub words: Vec<Word>,
    /// Multiword tokens.
    pub multiword: Vec<MultiwordToken>,
}

impl Sentence {
    /// The value of a `# key = value` comment.
    pub fn comment(&self, key: &str) -> Option<&str> {
        self.comments.iter().find_map(|c| {
            let (k, v) = c.split_once('=')?;
            (k.trim() == key).then(|| v.trim())
        })
    }

    /// The sentence text from `# text`.
    pub fn text(&self) -> Option<&str> {
        self.comment("text")
    }

    /// True when this sentence starts a new document (`# newdoc`).
    pub fn starts_document(&self) -> bool {
        self.comments.iter().any(|c| c.starts_with("newdoc"))
    }

    /// True when this sentence starts a new paragraph (`# newpar`).
    pub fn starts_paragraph(&self) -> bool {
        self.comments.iter().any(|c| c.starts_with("newpar"))
    }
}

/// A CoNLL-U line that could not be read.
#[derive(Debug, thiserror::Error)]
#[error("line {line}: {message}")]
pub struct ParseError {
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Parses a whole CoNLL-U file. Empty nodes (`8.1`) are skipped.
pub fn parse(input: &str) -> Result<Vec<Sentence>, ParseError> {
    let mut out = Vec::new();
    let mut cur = Sentence::default();
    for (i, raw) in input.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() {
            if !cur.words.is_empty() || !cur.comments.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if let Some(c) = line.strip_prefix('#') {
            cur.comments.push(c.trim_start().to_string());
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(ParseError {
                line: i + 1,
                message: format!("expected 10 tab-separated columns, found {}", cols.len()),
            });
        }
        let id = cols[0];
        if id.contains('.') {
            continue;
        }
        if let Some((a, b)) = id.split_once('-') {
            let (first, last) = (num(a, i)?, num(b, i)?);
            cur.multiword.push(MultiwordToken {
                first,
                last,
                form: cols[1].to_string(),
                misc: cols[9].to_string(),
            });
            continue;
        }
        let head = if cols[6] == "_" { 0 } else { num(cols[6], i)? };
        cur.words.push(Word {
            id: num(id, i)?,
            form: cols[1].to_string(),
            lemma: cols[2].to_string(),
            upos: cols[3].to_string(),
            xpos: cols[4].to_string(),
            feats: cols[5].to_string(),
            head,
            deprel: cols[7].to_string(),
            deps: cols[8].to_string(),
            misc: cols[9].to_string(),
        });
    }
    if !cur.words.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

fn num(s: &str, line: usize) -> Result<usize, ParseError> {
    s.parse().map_err(|_| ParseError {
        line: line + 1,
        message: format!("{s:?} is not a number"),
    })
}

/// Writes sentences back as CoNLL-U.
pub fn write(sentences: &[Sentence]) -> String {
    let mut s = String::new();
    for sent in sentences {
        for c in &sent.comments {
            let _ = writeln!(s, "# {c}");
        }
        for w in &sent.words {
            if let Some(m) = sent.multiword.iter().find(|m| m.first == w.id) {
                let _ = writeln!(
                    s,
                    "{}-{}\t{}\t_\t_\t_\t_\t_\t_\t_\t{}",
                    m.first, m.last, m.form, m.misc
                );
            }
            let _ = writeln!(
                s,
                "{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}\t{}",
                w.id, w.form, w.lemma, w.upos, w.xpos, w.feats, w.head, w.deprel, w.deps, w.misc
            );
        }
        s.push('\n');
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "# newdoc id = d1\n# text = They don't.\n1-2\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n1\tThey\tthey\tPRON\tPRP\t_\t3\tnsubj\t_\t_\n2\tdo\tdo\tAUX\tVBP\t_\t3\taux\t_\t_\n3\tn't\tnot\tPART\tRB\t_\t0\troot\t_\tSpaceAfter=No\n3.1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n4\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_\n\n";

    #[test]
    fn reads_and_writes() {
        let s = parse(SAMPLE).unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].words.len(), 4);
        assert_eq!(s[0].text(), Some("They don't."));
        assert!(s[0].starts_document());
        assert!(s[0].words[2].no_space_after());
        assert_eq!(s[0].multiword[0].form, "don't");
        let again = parse(&write(&s)).unwrap();
        assert_eq!(again, s);
    }

    #[test]
    fn reports_bad_lines() {
        let e = parse("1\tx\n").unwrap_err();
        assert_eq!(e.line, 1);
    }
}
