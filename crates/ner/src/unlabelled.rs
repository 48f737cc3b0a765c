//! Unlabelled text for the word clusters: token sentences read from the corpora folder
//! (`../shared/corpora`). Only training portions and raw texts are read, never a test split:
//! CoNLL-2003 `train.txt`, UD English EWT train, the GMB NER corpus, Wikinews, MEANTIME and ECB+.

use std::path::{Path, PathBuf};

use byline_nlp::clusters::{read_conllu, read_xml};

use crate::{conll, Error, Result};

/// One source of unlabelled text, relative to the corpora folder.
#[derive(Clone, Copy, Debug)]
enum Kind {
    Conll,
    Conllu,
    GmbCsv,
    WikinewsCsv,
    /// A folder tree of NAF/CAT-style XML files with `<token sentence="…">` elements.
    XmlTokens,
}

/// The sources read, relative to the corpora folder.
const SOURCES: [(&str, Kind); 7] = [
    ("conll2003/train.txt", Kind::Conll),
    ("ud-english-ewt/en_ewt-ud-train.conllu", Kind::Conllu),
    ("gmb_ner/ner_dataset.csv", Kind::GmbCsv),
    ("wikinews/wikinews_2019.csv", Kind::WikinewsCsv),
    ("wikinews/wikinews_2020.csv", Kind::WikinewsCsv),
    ("meantime", Kind::XmlTokens),
    ("ecbplus/ECB+", Kind::XmlTokens),
];

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> Error + '_ {
    move |source| Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// Token sentences of every source under `root` that exists; `log` gets one line per source.
/// Missing sources are skipped (and logged); an unreadable file is an error.
pub fn read_corpora(root: &Path, log: &mut dyn FnMut(String)) -> Result<Vec<Vec<String>>> {
    let mut out = Vec::new();
    for (rel, kind) in SOURCES {
        let path = root.join(rel);
        if !path.exists() {
            log(format!(
                "unlabelled text: {} missing, skipped",
                path.display()
            ));
            continue;
        }
        let before = out.len();
        match kind {
            Kind::Conll => {
                for d in conll::read(&path)? {
                    out.extend(d.sentences.into_iter().map(|s| s.words));
                }
            }
            Kind::Conllu => read_conllu(
                &std::fs::read_to_string(&path).map_err(io(&path))?,
                &mut out,
            ),
            Kind::GmbCsv => out.extend(
                gmb(&latin1(&std::fs::read(&path).map_err(io(&path))?))?
                    .into_iter()
                    .map(|(w, _)| w),
            ),
            Kind::WikinewsCsv => wikinews(
                &std::fs::read_to_string(&path).map_err(io(&path))?,
                &mut out,
            )?,
            Kind::XmlTokens => {
                let mut files = Vec::new();
                xml_files(&path, &mut files)?;
                files.sort();
                for f in files {
                    read_xml(&std::fs::read_to_string(&f).map_err(io(&f))?, &mut out);
                }
            }
        }
        let tokens: usize = out[before..].iter().map(Vec::len).sum();
        log(format!(
            "unlabelled text: {}: {} sentences, {tokens} tokens",
            path.display(),
            out.len() - before
        ));
    }
    Ok(out)
}

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|&b| b as char).collect()
}

fn csv_error(e: csv::Error) -> Error {
    Error::Format(format!("unlabelled text: {e}"))
}

/// Words and silver NE tags of the GMB corpus under `root` (`gmb_ner/ner_dataset.csv`); empty
/// when the file is missing.
pub(crate) fn gmb_tagged(root: &Path) -> Result<Vec<(Vec<String>, Vec<String>)>> {
    let path = root.join(SOURCES[2].0);
    if !path.exists() {
        return Ok(Vec::new());
    }
    gmb(&latin1(&std::fs::read(&path).map_err(io(&path))?))
}

/// The GMB CSV: `Sentence #,Word,POS,Tag`, the first column set on a sentence's first word.
fn gmb(text: &str) -> Result<Vec<(Vec<String>, Vec<String>)>> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut out = Vec::new();
    let mut cur: (Vec<String>, Vec<String>) = Default::default();
    for rec in r.records() {
        let rec = rec.map_err(csv_error)?;
        if rec.get(0).is_some_and(|s| !s.trim().is_empty()) && !cur.0.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        if let Some(w) = rec.get(1).filter(|w| !w.is_empty()) {
            cur.0.push(w.to_string());
            cur.1.push(rec.get(3).unwrap_or("O").to_string());
        }
    }
    if !cur.0.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Wikinews CSV (`url,date,title,text`): titles and texts, split by `byline-text`.
fn wikinews(text: &str, out: &mut Vec<Vec<String>>) -> Result<()> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    for rec in r.records() {
        let rec = rec.map_err(csv_error)?;
        for field in [rec.get(2), rec.get(3)].into_iter().flatten() {
            let layout = byline_text::analyze(field);
            for s in &layout.sentences {
                let words: Vec<String> = layout.tokens[s.tokens.clone()]
                    .iter()
                    .map(|t| t.text(field).to_string())
                    .filter(|w| !w.trim().is_empty())
                    .collect();
                if !words.is_empty() {
                    out.push(words);
                }
            }
        }
    }
    Ok(())
}

fn xml_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    for e in std::fs::read_dir(dir).map_err(io(dir))? {
        let p = e.map_err(io(dir))?.path();
        if p.is_dir() {
            xml_files(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "xml") {
            out.push(p);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        let mut out = Vec::new();
        read_conllu(
            "# text = x\n1-2\tdon't\n1\tdo\n2\tn't\n3\tgo\n\n1\tYes\n",
            &mut out,
        );
        let g = gmb(
            "Sentence #,Word,POS,Tag\nSentence: 1,Rain,NN,O\n,\"10,000\",CD,O\nSentence: 2,\"\"\"\",``,O\n",
        )
        .unwrap();
        assert_eq!(g[0].1, ["O", "O"]);
        out.extend(g.into_iter().map(|(w, _)| w));
        read_xml(
            "<token t_id=\"1\" sentence=\"0\">A</token><token t_id=\"2\" sentence=\"0\">B&amp;C</token>\
             <token t_id=\"3\" sentence=\"1\">D</token>",
            &mut out,
        );
        wikinews(
            "url,date,title,text\nu,2019-01-01,Floods hit Lagos,\"Rain fell.\nIt stopped.\"\n",
            &mut out,
        )
        .unwrap();
        let got: Vec<String> = out.iter().map(|s| s.join(" ")).collect();
        assert_eq!(
            got[..6],
            ["do n't go", "Yes", "Rain 10,000", "\"", "A B&C", "D"]
        );
        assert_eq!(got[6], "Floods hit Lagos");
        assert!(got[7..].join(" ").contains("stopped"), "{got:?}");
    }
}
