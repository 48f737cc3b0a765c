//! Cross-document mention coreference: documents grouped by content, then mentions grouped by
//! head word inside each document group.
//!
//! This is what `byline eval ecb` scores on ECB+ with gold mentions. Documents of one topic are
//! split into groups that tell the same story (tf-idf cosine, average link); inside a group,
//! mentions whose heads share a [`crate::lemma::key`] corefer.

use std::collections::HashMap;

use crate::lemma;

/// One document: the topic it was filed under and its content words.
#[derive(Clone, Debug, Default)]
pub struct CorefDoc {
    /// Topic or collection the document belongs to; documents of different topics never meet.
    pub topic: String,
    /// Content keys of the document ([`lemma::content_keys`]).
    pub words: Vec<String>,
}

/// One mention to cluster.
#[derive(Clone, Debug, Default)]
pub struct CorefMention {
    /// Index of its document in the document list.
    pub doc: usize,
    /// The words of the mention, in order.
    pub words: Vec<String>,
}

/// Thresholds of the clustering.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CorefConfig {
    /// Least average cosine similarity for two document groups to merge.
    pub doc_threshold: f64,
    /// Which word of a multi-word mention is its head.
    pub head: HeadRule,
    /// Cluster light and reporting verbs ([`LIGHT`]) only inside their own document.
    pub light_within_doc: bool,
}

/// Head keys of light and reporting verbs, sorted (checked by a test).
pub const LIGHT: &[&str] = &[
    "accord", "add", "announc", "be", "claim", "come", "confirm", "do", "get", "go", "have",
    "make", "report", "say", "state", "take", "tell",
];

/// Which word stands for a multi-word mention.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadRule {
    /// The first content word (events: "checked into" → "checked").
    FirstContent,
    /// The last content word before any preposition (entities: "the head of police" → "head").
    LastBeforePreposition,
}

impl Default for CorefConfig {
    fn default() -> Self {
        CorefConfig {
            doc_threshold: 0.1,
            head: HeadRule::LastBeforePreposition,
            light_within_doc: true,
        }
    }
}

const PREPOSITIONS: &[&str] = &[
    "about", "at", "by", "for", "from", "in", "into", "of", "on", "over", "to", "with",
];

/// The head key of a mention's words under a rule.
pub fn head_key(words: &[String], rule: HeadRule) -> String {
    let content: Vec<&String> = words
        .iter()
        .filter(|w| !lemma::is_stopword(&w.to_lowercase()) && w.chars().any(char::is_alphanumeric))
        .collect();
    let chosen = match rule {
        HeadRule::FirstContent => content.first().copied(),
        HeadRule::LastBeforePreposition => {
            let cut = words
                .iter()
                .position(|w| PREPOSITIONS.contains(&w.to_lowercase().as_str()))
                .filter(|&i| i > 0)
                .unwrap_or(words.len());
            words[..cut]
                .iter()
                .rev()
                .find(|w| {
                    !lemma::is_stopword(&w.to_lowercase()) && w.chars().any(char::is_alphanumeric)
                })
                .or(content.last().copied())
        }
    };
    match chosen.or(words.last()) {
        Some(w) => lemma::key(w),
        None => String::new(),
    }
}

/// Groups documents of each topic that tell the same story; returns a group label per document.
pub fn cluster_documents(docs: &[CorefDoc], threshold: f64) -> Vec<usize> {
    // Document frequencies per topic, for idf.
    let mut by_topic: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, d) in docs.iter().enumerate() {
        by_topic.entry(d.topic.as_str()).or_default().push(i);
    }
    let mut labels = vec![0usize; docs.len()];
    let mut next = 0usize;
    let mut topics: Vec<_> = by_topic.into_iter().collect();
    topics.sort();
    for (_, members) in topics {
        let vectors = tfidf(docs, &members);
        let groups = average_link(&vectors, threshold);
        let base = next;
        for (k, &doc) in members.iter().enumerate() {
            labels[doc] = base + groups[k];
            next = next.max(base + groups[k] + 1);
        }
    }
    labels
}

type Sparse = Vec<(usize, f64)>;

fn tfidf(docs: &[CorefDoc], members: &[usize]) -> Vec<Sparse> {
    let mut vocab: HashMap<&str, usize> = HashMap::new();
    let mut df: Vec<usize> = Vec::new();
    let mut counts: Vec<HashMap<usize, f64>> = Vec::new();
    for &d in members {
        let mut c: HashMap<usize, f64> = HashMap::new();
        for w in &docs[d].words {
            let n = vocab.len();
            let id = *vocab.entry(w.as_str()).or_insert(n);
            if id == df.len() {
                df.push(0);
            }
            *c.entry(id).or_default() += 1.0;
        }
        for &id in c.keys() {
            df[id] += 1;
        }
        counts.push(c);
    }
    let n = members.len() as f64;
    counts
        .into_iter()
        .map(|c| {
            let mut v: Sparse = c
                .into_iter()
                .map(|(id, tf)| (id, (1.0 + tf.ln()) * (1.0 + n / df[id] as f64).ln()))
                .collect();
            let norm = v.iter().map(|(_, x)| x * x).sum::<f64>().sqrt();
            if norm > 0.0 {
                for (_, x) in &mut v {
                    *x /= norm;
                }
            }
            v.sort_unstable_by_key(|&(id, _)| id);
            v
        })
        .collect()
}

fn cosine(a: &Sparse, b: &Sparse) -> f64 {
    let (mut i, mut j, mut s) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                s += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    s
}

/// Average-link agglomerative clustering; returns a label per vector, labels from 0.
fn average_link(vectors: &[Sparse], threshold: f64) -> Vec<usize> {
    let n = vectors.len();
    let mut sim = vec![vec![0.0; n]; n];
    for i in 0..n {
        for j in i + 1..n {
            let s = cosine(&vectors[i], &vectors[j]);
            sim[i][j] = s;
            sim[j][i] = s;
        }
    }
    let mut clusters: Vec<Vec<usize>> = (0..n).map(|i| vec![i]).collect();
    loop {
        let mut best: Option<(f64, usize, usize)> = None;
        for a in 0..clusters.len() {
            for b in a + 1..clusters.len() {
                let mut total = 0.0;
                for &x in &clusters[a] {
                    for &y in &clusters[b] {
                        total += sim[x][y];
                    }
                }
                let avg = total / (clusters[a].len() * clusters[b].len()) as f64;
                if avg >= threshold && best.is_none_or(|(s, _, _)| avg > s) {
                    best = Some((avg, a, b));
                }
            }
        }
        match best {
            Some((_, a, b)) => {
                let moved = clusters.remove(b);
                clusters[a].extend(moved);
            }
            None => break,
        }
    }
    let mut labels = vec![0; n];
    for (k, c) in clusters.iter().enumerate() {
        for &i in c {
            labels[i] = k;
        }
    }
    labels
}

/// Head keys that name the same kind of event or entity ("kill" and "murder"), learned from
/// training data; each key maps to one representative.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HeadSynonyms {
    canonical: HashMap<String, String>,
}

impl HeadSynonyms {
    /// Groups the heads of every pair (transitively); the smallest key represents its group.
    pub fn from_pairs<S: AsRef<str>>(pairs: &[(S, S)]) -> HeadSynonyms {
        let mut parent: HashMap<String, String> = HashMap::new();
        fn root(p: &HashMap<String, String>, k: &str) -> String {
            let mut k = k.to_string();
            while let Some(next) = p.get(&k) {
                if *next == k {
                    break;
                }
                k = next.clone();
            }
            k
        }
        for (a, b) in pairs {
            let (ra, rb) = (root(&parent, a.as_ref()), root(&parent, b.as_ref()));
            if ra != rb {
                let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
                parent.insert(hi, lo.clone());
                parent.entry(lo.clone()).or_insert(lo);
            }
        }
        let keys: Vec<String> = parent.keys().cloned().collect();
        let canonical = keys
            .into_iter()
            .map(|k| {
                let r = root(&parent, &k);
                (k, r)
            })
            .collect();
        HeadSynonyms { canonical }
    }

    /// The representative of a head key (the key itself when it has no synonym).
    pub fn canonical<'a>(&'a self, key: &'a str) -> &'a str {
        self.canonical.get(key).map_or(key, String::as_str)
    }

    /// Number of heads that have a synonym.
    pub fn len(&self) -> usize {
        self.canonical.len()
    }

    /// True when no head has a synonym.
    pub fn is_empty(&self) -> bool {
        self.canonical.is_empty()
    }
}

/// Clusters mentions: same document group and same head key (or synonymous heads). Returns a
/// cluster label per mention.
pub fn cluster_mentions(
    docs: &[CorefDoc],
    mentions: &[CorefMention],
    config: &CorefConfig,
    synonyms: &HeadSynonyms,
) -> Vec<usize> {
    let groups = cluster_documents(docs, config.doc_threshold);
    let mut ids: HashMap<(usize, String), usize> = HashMap::new();
    mentions
        .iter()
        .map(|m| {
            let mut group = groups.get(m.doc).copied().unwrap_or(usize::MAX);
            let head = head_key(&m.words, config.head);
            if config.light_within_doc && LIGHT.binary_search(&head.as_str()).is_ok() {
                // Light and reporting verbs name many different events: keep them per document.
                group = usize::MAX / 2 + m.doc;
            }
            let key = (group, synonyms.canonical(&head).to_string());
            let n = ids.len();
            *ids.entry(key).or_insert(n)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(topic: &str, text: &str) -> CorefDoc {
        CorefDoc {
            topic: topic.to_string(),
            words: lemma::content_keys(text),
        }
    }

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn documents_split_by_story() {
        let docs = vec![
            doc(
                "t",
                "An earthquake struck the coastal city, killing dozens and flattening homes.",
            ),
            doc(
                "t",
                "The earthquake flattened homes in the coastal city; dozens were killed.",
            ),
            doc(
                "t",
                "The central bank raised interest rates to fight inflation.",
            ),
            doc("u", "An earthquake struck the coastal city."),
        ];
        let g = cluster_documents(&docs, 0.1);
        assert_eq!(g[0], g[1]);
        assert_ne!(g[0], g[2]);
        assert_ne!(g[0], g[3], "topics never mix");
    }

    #[test]
    fn synonyms_group_transitively() {
        let s = HeadSynonyms::from_pairs(&[("murder", "kill"), ("slay", "murder"), ("a", "b")]);
        assert_eq!(s.canonical("slay"), "kill");
        assert_eq!(s.canonical("murder"), "kill");
        assert_eq!(s.canonical("kill"), "kill");
        assert_eq!(s.canonical("b"), "a");
        assert_eq!(s.canonical("other"), "other");
    }

    #[test]
    fn light_verbs_are_sorted() {
        assert!(LIGHT.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn heads_follow_the_rule() {
        assert_eq!(
            head_key(&words("checked into"), HeadRule::FirstContent),
            "check"
        );
        assert_eq!(
            head_key(
                &words("the head of the police"),
                HeadRule::LastBeforePreposition
            ),
            "head"
        );
        assert_eq!(head_key(&[], HeadRule::FirstContent), "");
    }

    #[test]
    fn mentions_cluster_by_head_within_a_story() {
        let docs = vec![
            doc("t", "A gunman shot three people at the mall on Sunday."),
            doc(
                "t",
                "Three people were shot at the mall by a gunman on Sunday.",
            ),
        ];
        let mentions = vec![
            CorefMention {
                doc: 0,
                words: words("shot"),
            },
            CorefMention {
                doc: 1,
                words: words("shot"),
            },
            CorefMention {
                doc: 1,
                words: words("shooting"),
            },
            CorefMention {
                doc: 0,
                words: words("arrested"),
            },
        ];
        let labels = cluster_mentions(
            &docs,
            &mentions,
            &CorefConfig::default(),
            &HeadSynonyms::default(),
        );
        assert_eq!(labels[0], labels[1]);
        assert_eq!(labels[1], labels[2]);
        assert_ne!(labels[0], labels[3]);
    }
}
