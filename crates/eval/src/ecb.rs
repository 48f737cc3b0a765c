//! ECB+ (Cybulska and Vossen 2014): cross-document event and entity coreference with gold
//! mentions, scored with MUC, B³, CEAF-e and CoNLL F1.
//!
//! The corpus folder holds `ECB+/<topic>/<topic>_<n>ecb[plus].xml` and
//! `ECBplus_coreference_sentences.csv`; only mentions inside the sentences that file lists are
//! kept, as its README asks. Events are the `ACTION_*` and `NEG_ACTION_*` mentions; entities the
//! `HUMAN_*`, `NON_HUMAN_*`, `LOC_*` and `TIME_*` ones. A mention's gold cluster is its
//! cross-document instance, else its within-document chain, else itself.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use byline_link::coref::{
    cluster_mentions, head_key, CorefConfig, CorefDoc, CorefMention, HeadRule, HeadSynonyms,
};
use byline_link::lemma;

use crate::coref::{score, Clusters, Scores};
use crate::{Error, Result};

/// The standard test topics.
pub const TEST_TOPICS: std::ops::RangeInclusive<u32> = 36..=45;
/// The standard development topics.
pub const DEV_TOPICS: [u32; 8] = [2, 5, 12, 18, 21, 23, 34, 35];

/// Event or entity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MentionKind {
    /// `ACTION_*`, `NEG_ACTION_*`.
    Event,
    /// `HUMAN_*`, `NON_HUMAN_*`, `LOC_*`, `TIME_*`.
    Entity,
}

/// One document of the corpus.
#[derive(Clone, Debug)]
pub struct EcbDoc {
    /// Topic number.
    pub topic: u32,
    /// File stem (`36_1ecbplus`).
    pub name: String,
    /// Tokens as (sentence number, text).
    pub tokens: Vec<(u32, String)>,
}

/// One gold mention.
#[derive(Clone, Debug)]
pub struct EcbMention {
    /// Index of its document.
    pub doc: usize,
    /// Event or entity.
    pub kind: MentionKind,
    /// Token indices into the document's tokens.
    pub tokens: Vec<usize>,
    /// Gold cluster id.
    pub gold: String,
}

/// A loaded set of topics.
#[derive(Clone, Debug, Default)]
pub struct EcbCorpus {
    /// Documents in file order.
    pub docs: Vec<EcbDoc>,
    /// Gold mentions inside the annotated sentences.
    pub mentions: Vec<EcbMention>,
}

/// Scores of one run.
#[derive(Clone, Copy, Debug)]
pub struct EcbReport {
    /// Documents read.
    pub docs: usize,
    /// Event mentions scored.
    pub event_mentions: usize,
    /// Entity mentions scored.
    pub entity_mentions: usize,
    /// Event coreference.
    pub events: Scores,
    /// Entity coreference.
    pub entities: Scores,
}

fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let pat = format!("{name}=\"");
    let start = tag.find(&pat)? + pat.len();
    let end = tag[start..].find('"')? + start;
    Some(&tag[start..end])
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// Reads the sentence list: (topic, file stem) → annotated sentence numbers.
fn read_sentences(dir: &Path) -> Result<HashMap<String, HashSet<u32>>> {
    let path = dir.join("ECBplus_coreference_sentences.csv");
    let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
        path: path.clone(),
        source,
    })?;
    let mut out: HashMap<String, HashSet<u32>> = HashMap::new();
    for (n, line) in text.lines().enumerate().skip(1) {
        let f: Vec<&str> = line.trim().split(',').collect();
        if f.len() < 3 {
            continue;
        }
        let sentence = f[2].trim().parse::<u32>().map_err(|_| Error::Format {
            path: path.clone(),
            message: format!("line {}: bad sentence number {:?}", n + 1, f[2]),
        })?;
        out.entry(format!("{}_{}", f[0].trim(), f[1].trim()))
            .or_default()
            .insert(sentence);
    }
    Ok(out)
}

/// Loads the given topics from an ECB+ folder (the one holding `ECB+/` and the sentence list).
pub fn load(dir: &Path, topics: &[u32]) -> Result<EcbCorpus> {
    let selected = read_sentences(dir)?;
    let mut corpus = EcbCorpus::default();
    for &topic in topics {
        let tdir = dir.join("ECB+").join(topic.to_string());
        let Ok(entries) = std::fs::read_dir(&tdir) else {
            continue; // topics 15 and 17 do not exist
        };
        let mut files: Vec<PathBuf> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "xml"))
            .collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
            let name = path
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let keep = selected.get(&name).cloned().unwrap_or_default();
            parse_doc(&mut corpus, topic, name, &text, &keep);
        }
    }
    Ok(corpus)
}

fn parse_doc(corpus: &mut EcbCorpus, topic: u32, name: String, xml: &str, keep: &HashSet<u32>) {
    let doc_index = corpus.docs.len();
    let mut tokens: Vec<(u32, String)> = Vec::new();
    let mut token_of: HashMap<String, usize> = HashMap::new();
    // Markables: m_id → (tag, token ids).
    let mut markables: Vec<(String, String, Vec<String>)> = Vec::new();
    // m_id → gold chain id.
    let mut chain_of: HashMap<String, String> = HashMap::new();
    let mut in_markables = false;
    let mut current: Option<(String, String, Vec<String>)> = None;
    let mut relation: Option<(String, Vec<String>)> = None;
    let mut rest = xml;
    while let Some(open) = rest.find('<') {
        let Some(close) = rest[open..].find('>') else {
            break;
        };
        let tag = &rest[open + 1..open + close];
        let after = &rest[open + close + 1..];
        let tag_name = tag
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or("");
        if tag.starts_with("token ") {
            let end = after.find("</token>").unwrap_or(0);
            let id = attr(tag, "t_id").unwrap_or("").to_string();
            let sentence = attr(tag, "sentence")
                .and_then(|s| s.parse().ok())
                .unwrap_or(0);
            token_of.insert(id, tokens.len());
            tokens.push((sentence, unescape(after[..end].trim())));
            rest = &after[end..];
            continue;
        }
        match tag_name {
            "Markables" if !tag.starts_with('/') => in_markables = true,
            "Markables" => in_markables = false,
            "token_anchor" => {
                if let (Some(cur), Some(t)) = (current.as_mut(), attr(tag, "t_id")) {
                    cur.2.push(t.to_string());
                }
            }
            "CROSS_DOC_COREF" | "INTRA_DOC_COREF" if !tag.starts_with('/') => {
                let id = if tag_name == "CROSS_DOC_COREF" {
                    attr(tag, "note").unwrap_or("").to_string()
                } else {
                    format!("{name}/intra/{}", attr(tag, "r_id").unwrap_or(""))
                };
                relation = Some((id, Vec::new()));
            }
            "CROSS_DOC_COREF" | "INTRA_DOC_COREF" => {
                if let Some((id, sources)) = relation.take() {
                    for m in sources {
                        chain_of.insert(m, id.clone());
                    }
                }
            }
            "source" => {
                if let (Some(rel), Some(m)) = (relation.as_mut(), attr(tag, "m_id")) {
                    rel.1.push(m.to_string());
                }
            }
            _ if in_markables && !tag_name.is_empty() => {
                if tag.starts_with('/') {
                    if let Some(cur) = current.take() {
                        markables.push(cur);
                    }
                } else if !tag.ends_with('/') {
                    let m = attr(tag, "m_id").unwrap_or("").to_string();
                    current = Some((tag_name.to_string(), m, Vec::new()));
                }
            }
            _ => {}
        }
        rest = after;
    }
    for (tag, m_id, anchors) in markables {
        let kind = if tag.starts_with("ACTION") || tag.starts_with("NEG_ACTION") {
            MentionKind::Event
        } else if tag.starts_with("HUMAN")
            || tag.starts_with("NON_HUMAN")
            || tag.starts_with("LOC")
            || tag.starts_with("TIME")
        {
            MentionKind::Entity
        } else {
            continue;
        };
        let idx: Vec<usize> = anchors
            .iter()
            .filter_map(|t| token_of.get(t).copied())
            .collect();
        let Some(&first) = idx.first() else {
            continue;
        };
        if !keep.contains(&tokens[first].0) {
            continue;
        }
        let gold = chain_of
            .get(&m_id)
            .cloned()
            .unwrap_or_else(|| format!("{name}/single/{m_id}"));
        corpus.mentions.push(EcbMention {
            doc: doc_index,
            kind,
            tokens: idx,
            gold,
        });
    }
    corpus.docs.push(EcbDoc {
        topic,
        name,
        tokens,
    });
}

fn gold_clusters(corpus: &EcbCorpus, kind: MentionKind) -> Clusters {
    let mut by: HashMap<(MentionKind, &str), Vec<usize>> = HashMap::new();
    for (i, m) in corpus.mentions.iter().enumerate() {
        if m.kind == kind {
            by.entry((m.kind, m.gold.as_str())).or_default().push(i);
        }
    }
    by.into_values().collect()
}

/// How to run the coreference.
#[derive(Clone, Debug, Default)]
pub struct EcbOptions {
    /// Least average cosine for two document groups of a topic to merge.
    pub doc_threshold: f64,
    /// Group documents by the corpus's own `ecb`/`ecbplus` split of each topic instead of by
    /// content: an upper bound for the document step, never a reported figure.
    pub oracle_subtopics: bool,
    /// Event heads that corefer, learned from training topics ([`learn_synonyms`]).
    pub event_synonyms: HeadSynonyms,
    /// Entity heads that corefer, learned from training topics.
    pub entity_synonyms: HeadSynonyms,
}

/// The head rule for each kind (tuned on topics 1-35: the last content word before a
/// preposition heads both best).
const HEAD: HeadRule = HeadRule::LastBeforePreposition;

fn words_of(corpus: &EcbCorpus, m: &EcbMention) -> Vec<String> {
    m.tokens
        .iter()
        .map(|&t| corpus.docs[m.doc].tokens[t].1.clone())
        .collect()
}

/// Pairs of different heads that gold clusters of `train` join: kept when they corefer in at
/// least `min_topics` topics (so that story-specific pairs are dropped) and at least
/// `min_precision` of the mention pairs with those heads in one sub-topic (a topic's `ecb` or
/// `ecbplus` half) corefer.
pub fn learn_synonyms(
    train: &EcbCorpus,
    kind: MentionKind,
    min_topics: usize,
    min_precision: f64,
) -> HeadSynonyms {
    // Per sub-topic: head counts per gold cluster and overall.
    type Counts = HashMap<String, usize>;
    let mut per_cluster: HashMap<(String, String), Counts> = HashMap::new();
    let mut per_subtopic: HashMap<String, Counts> = HashMap::new();
    for m in train.mentions.iter().filter(|m| m.kind == kind) {
        let d = &train.docs[m.doc];
        let sub = format!("{}/{}", d.topic, d.name.ends_with("plus"));
        let head = head_key(&words_of(train, m), HEAD);
        if head.is_empty() {
            continue;
        }
        *per_cluster
            .entry((sub.clone(), m.gold.clone()))
            .or_default()
            .entry(head.clone())
            .or_default() += 1;
        *per_subtopic
            .entry(sub)
            .or_default()
            .entry(head)
            .or_default() += 1;
    }
    let pairs_of = |c: &Counts| -> Vec<((String, String), usize)> {
        let mut out = Vec::new();
        for (a, na) in c {
            for (b, nb) in c {
                if a < b {
                    out.push(((a.clone(), b.clone()), na * nb));
                }
            }
        }
        out
    };
    let mut positive: HashMap<(String, String), usize> = HashMap::new();
    let mut topics: HashMap<(String, String), HashSet<&str>> = HashMap::new();
    for ((sub, _), c) in &per_cluster {
        let topic = sub.split('/').next().unwrap_or_default();
        for (p, n) in pairs_of(c) {
            topics.entry(p.clone()).or_default().insert(topic);
            *positive.entry(p).or_default() += n;
        }
    }
    let mut total: HashMap<(String, String), usize> = HashMap::new();
    for c in per_subtopic.values() {
        for (p, n) in pairs_of(c) {
            if positive.contains_key(&p) {
                *total.entry(p).or_default() += n;
            }
        }
    }
    let mut kept: Vec<(String, String)> = positive
        .into_iter()
        .filter(|(p, n)| {
            let t = total.get(p).copied().unwrap_or(0).max(1);
            let in_topics = topics.get(p).map_or(0, HashSet::len);
            in_topics >= min_topics && *n as f64 / t as f64 >= min_precision
        })
        .map(|(p, _)| p)
        .collect();
    kept.sort();
    HeadSynonyms::from_pairs(&kept)
}

/// Runs byline's cross-document coreference over the corpus and scores it.
pub fn evaluate(corpus: &EcbCorpus, options: &EcbOptions) -> EcbReport {
    let oracle_subtopics = options.oracle_subtopics;
    let doc_threshold = options.doc_threshold;
    let doc_threshold = if oracle_subtopics {
        -1.0
    } else {
        doc_threshold
    };
    let docs: Vec<CorefDoc> = corpus
        .docs
        .iter()
        .map(|d| CorefDoc {
            topic: if oracle_subtopics {
                format!("{}/{}", d.topic, d.name.ends_with("plus"))
            } else {
                d.topic.to_string()
            },
            words: d
                .tokens
                .iter()
                // Sentence 0 of an ecbplus file is its source URL.
                .filter(|(s, _)| *s > 0 || !d.name.ends_with("plus"))
                .filter(|(_, w)| !lemma::is_stopword(&w.to_lowercase()))
                // Names and numbers tell the stories of a topic apart (tuned on topics 1-35:
                // better than all content words).
                .filter(|(_, w)| {
                    w.chars()
                        .next()
                        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                })
                .map(|(_, w)| lemma::key(w))
                .filter(|k| k.chars().any(char::is_alphanumeric))
                .collect(),
        })
        .collect();
    let run =
        |kind: MentionKind, synonyms: &HeadSynonyms, light_within_doc: bool| -> (usize, Scores) {
            let chosen: Vec<usize> = (0..corpus.mentions.len())
                .filter(|&i| corpus.mentions[i].kind == kind)
                .collect();
            let mentions: Vec<CorefMention> = chosen
                .iter()
                .map(|&i| {
                    let m = &corpus.mentions[i];
                    CorefMention {
                        doc: m.doc,
                        words: words_of(corpus, m),
                    }
                })
                .collect();
            let config = CorefConfig {
                doc_threshold,
                head: HEAD,
                light_within_doc,
            };
            let labels = cluster_mentions(&docs, &mentions, &config, synonyms);
            let mut by: HashMap<usize, Vec<usize>> = HashMap::new();
            for (k, &label) in labels.iter().enumerate() {
                by.entry(label).or_default().push(chosen[k]);
            }
            let response: Clusters = by.into_values().collect();
            (chosen.len(), score(&gold_clusters(corpus, kind), &response))
        };
    let (event_mentions, events) = run(MentionKind::Event, &options.event_synonyms, true);
    let (entity_mentions, entities) = run(MentionKind::Entity, &options.entity_synonyms, false);
    EcbReport {
        docs: corpus.docs.len(),
        event_mentions,
        entity_mentions,
        events,
        entities,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str = r#"<Document doc_name="1_1ecb.xml" doc_id="D1">
<token t_id="1" sentence="0" number="0">Police</token>
<token t_id="2" sentence="0" number="1">arrested</token>
<token t_id="3" sentence="0" number="2">a</token>
<token t_id="4" sentence="0" number="3">man</token>
<token t_id="5" sentence="1" number="0">He</token>
<token t_id="6" sentence="1" number="1">fled</token>
<Markables>
<ACTION_OCCURRENCE m_id="1"  >
  <token_anchor t_id="2"/>
</ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="2"  >
  <token_anchor t_id="3"/>
  <token_anchor t_id="4"/>
</HUMAN_PART_PER>
<HUMAN_PART_PER m_id="3"  >
  <token_anchor t_id="5"/>
</HUMAN_PART_PER>
<ACTION_OCCURRENCE m_id="4"  >
  <token_anchor t_id="6"/>
</ACTION_OCCURRENCE>
<HUMAN_PART_PER m_id="9" RELATED_TO="" TAG_DESCRIPTOR="t1_man" instance_id="HUM1" />
</Markables>
<Relations>
<CROSS_DOC_COREF r_id="7" note="HUM1" >
  <source m_id="2" />
  <source m_id="3" />
  <target m_id="9" />
</CROSS_DOC_COREF>
</Relations>
</Document>"#;

    #[test]
    fn parses_mentions_chains_and_sentence_filter() {
        let mut corpus = EcbCorpus::default();
        let keep: HashSet<u32> = [0, 1].into_iter().collect();
        parse_doc(&mut corpus, 1, "1_1ecb".into(), DOC, &keep);
        assert_eq!(corpus.docs[0].tokens.len(), 6);
        assert_eq!(corpus.mentions.len(), 4);
        let man = corpus.mentions.iter().find(|m| m.tokens == vec![2, 3]);
        assert_eq!(man.map(|m| m.gold.as_str()), Some("HUM1"));
        let he = corpus.mentions.iter().find(|m| m.tokens == vec![4]);
        assert_eq!(he.map(|m| m.gold.as_str()), Some("HUM1"));

        let mut only_first = EcbCorpus::default();
        let keep: HashSet<u32> = [0].into_iter().collect();
        parse_doc(&mut only_first, 1, "1_1ecb".into(), DOC, &keep);
        assert_eq!(only_first.mentions.len(), 2);
    }

    #[test]
    fn scores_a_tiny_corpus() {
        let mut corpus = EcbCorpus::default();
        let keep: HashSet<u32> = [0, 1].into_iter().collect();
        parse_doc(&mut corpus, 1, "1_1ecb".into(), DOC, &keep);
        let options = EcbOptions {
            doc_threshold: 0.1,
            ..EcbOptions::default()
        };
        let report = evaluate(&corpus, &options);
        assert_eq!(report.event_mentions, 2);
        assert_eq!(report.entity_mentions, 2);
        // Two singleton events, predicted as two singletons: B³ perfect.
        assert!((report.events.b3.f1() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn garbage_does_not_panic() {
        let mut corpus = EcbCorpus::default();
        for junk in [
            "<",
            "<token",
            "<Markables><X m_id=\"1\"><token_anchor t_id=\"9\"/></X>",
            "",
        ] {
            parse_doc(&mut corpus, 1, "x".into(), junk, &HashSet::new());
        }
    }
}
