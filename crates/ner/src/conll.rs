//! The CoNLL-2003 column format: one token a line (`word POS chunk NE`), blank lines between
//! sentences, `-DOCSTART-` lines between documents.

use crate::{Error, Result};

/// One sentence: its original lines, the words (first column) and the gold tags (last column).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sentence {
    /// The token lines as read (without the line break).
    pub lines: Vec<String>,
    /// The first column of each line.
    pub words: Vec<String>,
    /// The last column of each line (the NE tag), when the file has at least two columns.
    pub tags: Vec<Option<String>>,
}

/// A document: the sentences between two `-DOCSTART-` lines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Doc {
    /// Its sentences.
    pub sentences: Vec<Sentence>,
}

/// Reads CoNLL-2003 text into documents. A file without `-DOCSTART-` lines is one document.
pub fn parse(text: &str) -> Vec<Doc> {
    let mut docs = vec![Doc::default()];
    let mut cur = Sentence::default();
    let flush = |cur: &mut Sentence, docs: &mut Vec<Doc>| {
        if !cur.words.is_empty() {
            if let Some(d) = docs.last_mut() {
                d.sentences.push(std::mem::take(cur));
            }
        }
    };
    for line in text.lines() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() {
            flush(&mut cur, &mut docs);
            continue;
        }
        if line.starts_with("-DOCSTART-") {
            flush(&mut cur, &mut docs);
            if docs.last().is_some_and(|d| !d.sentences.is_empty()) {
                docs.push(Doc::default());
            }
            continue;
        }
        let cols: Vec<&str> = line.split_whitespace().collect();
        cur.words.push(cols[0].to_string());
        cur.tags
            .push((cols.len() >= 2).then(|| cols[cols.len() - 1].to_string()));
        cur.lines.push(line.to_string());
    }
    flush(&mut cur, &mut docs);
    docs.retain(|d| !d.sentences.is_empty());
    docs
}

/// Reads a CoNLL-2003 file.
pub fn read(path: &std::path::Path) -> Result<Vec<Doc>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    Ok(parse(&text))
}

/// Entity spans `(start, end, type)` (token indices, end exclusive) of IOB1, IOB2 or BILOU tags;
/// an `I-` after `O` or after another type starts an entity, as in `conlleval`.
pub fn spans<S: AsRef<str>>(tags: &[S]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (i, t) in tags.iter().enumerate() {
        let t = t.as_ref();
        let (prefix, kind) = match t.split_once('-') {
            Some((p, k)) => (p, k),
            None => ("O", ""),
        };
        let continues =
            matches!(prefix, "I" | "L") && open.as_ref().is_some_and(|(_, k)| k == kind);
        if !continues {
            if let Some((s, k)) = open.take() {
                out.push((s, i, k));
            }
            if prefix != "O" {
                open = Some((i, kind.to_string()));
            }
        }
        if matches!(prefix, "L" | "U") {
            if let Some((s, k)) = open.take() {
                out.push((s, i + 1, k));
            }
        }
    }
    if let Some((s, k)) = open {
        out.push((s, tags.len(), k));
    }
    out
}

/// Checks a file can be scored: every line has a tag column.
pub fn check_tagged(docs: &[Doc], what: &str) -> Result<()> {
    for d in docs {
        for s in &d.sentences {
            if let Some(i) = s.tags.iter().position(Option::is_none) {
                return Err(Error::Format(format!(
                    "{what}: line {:?} has no tag column",
                    s.lines[i]
                )));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_documents_and_sentences() {
        let text = "-DOCSTART- -X- O O\n\nAnna NNP B-NP B-PER\nran VBD B-VP O\n\nHi UH O O\n\n-DOCSTART- -X- O O\n\nOslo NNP B-NP B-LOC\n";
        let docs = parse(text);
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].sentences.len(), 2);
        assert_eq!(docs[0].sentences[0].words, ["Anna", "ran"]);
        assert_eq!(docs[1].sentences[0].tags[0].as_deref(), Some("B-LOC"));
    }

    #[test]
    fn spans_of_iob1_iob2_bilou() {
        assert_eq!(
            spans(&["I-PER", "I-PER", "O", "B-LOC", "I-LOC", "I-ORG"]),
            vec![
                (0, 2, "PER".to_string()),
                (3, 5, "LOC".to_string()),
                (5, 6, "ORG".to_string())
            ]
        );
        assert_eq!(
            spans(&["U-PER", "B-ORG", "L-ORG", "B-ORG"]),
            vec![
                (0, 1, "PER".to_string()),
                (1, 3, "ORG".to_string()),
                (3, 4, "ORG".to_string())
            ]
        );
    }
}
