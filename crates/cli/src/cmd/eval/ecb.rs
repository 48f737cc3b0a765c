//! `byline eval ecb DIR`: cross-document event and entity coreference on ECB+ with gold mentions.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use byline_eval::coref::Scores;
use byline_eval::ecb;

use crate::cmd::Outcome;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The ECB+ folder (holding `ECB+/` and `ECBplus_coreference_sentences.csv`).
    #[arg(value_name = "DIR")]
    dir: PathBuf,
    /// Topics to score: `test` (36-45), `dev`, `train` (1-35 minus dev), or a range like `1-35`.
    #[arg(long, default_value = "test")]
    topics: String,
    /// Least average tf-idf cosine for two document groups of a topic to merge.
    #[arg(long, default_value_t = byline_link::coref::CorefConfig::default().doc_threshold)]
    doc_threshold: f64,
    /// Topics to learn synonymous heads from [default: 1-35 minus the scored topics]; `none`
    /// learns nothing (the plain same-head baseline).
    #[arg(long, value_name = "TOPICS")]
    train_topics: Option<String>,
    /// Group documents by the corpus's own ecb/ecbplus split instead of by content (an upper
    /// bound for the document step, not a result).
    #[arg(long)]
    oracle_subtopics: bool,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
}

fn parse_topics(spec: &str) -> Result<Vec<u32>> {
    Ok(match spec {
        "none" => Vec::new(),
        "test" => ecb::TEST_TOPICS.collect(),
        "dev" => ecb::DEV_TOPICS.to_vec(),
        "train" => (1..=35).filter(|t| !ecb::DEV_TOPICS.contains(t)).collect(),
        range => {
            let (a, b) = range.split_once('-').unwrap_or((range, range));
            let (a, b): (u32, u32) = (
                a.trim().parse().context("topic range start")?,
                b.trim().parse().context("topic range end")?,
            );
            (a..=b).collect()
        }
    })
}

fn scores_json(s: &Scores) -> serde_json::Value {
    let m = |p: byline_eval::coref::Prf| serde_json::json!({"recall": p.recall, "precision": p.precision, "f1": p.f1()});
    serde_json::json!({"muc": m(s.muc), "b3": m(s.b3), "ceafe": m(s.ceafe), "conll_f1": s.conll_f1()})
}

pub fn run(args: Args) -> Result<Outcome> {
    let topics = parse_topics(&args.topics)?;
    let corpus = ecb::load(&args.dir, &topics)
        .with_context(|| format!("reading ECB+ from {}", args.dir.display()))?;
    anyhow::ensure!(
        !corpus.docs.is_empty(),
        "no ECB+ documents for topics {} in {}",
        args.topics,
        args.dir.display()
    );
    let train_topics: Vec<u32> = match &args.train_topics {
        Some(spec) => parse_topics(spec)?,
        None => (1..=35).filter(|t| !topics.contains(t)).collect(),
    };
    anyhow::ensure!(
        !train_topics.iter().any(|t| topics.contains(t)),
        "training topics overlap the scored topics"
    );
    let mut options = ecb::EcbOptions {
        doc_threshold: args.doc_threshold,
        oracle_subtopics: args.oracle_subtopics,
        ..ecb::EcbOptions::default()
    };
    if !train_topics.is_empty() {
        let train = ecb::load(&args.dir, &train_topics)
            .with_context(|| format!("reading ECB+ training topics from {}", args.dir.display()))?;
        // Kept when coreferent in at least 2 training topics with precision 0.5 (tuned on the
        // dev topics with the other training topics).
        options.event_synonyms = ecb::learn_synonyms(&train, ecb::MentionKind::Event, 2, 0.5);
        options.entity_synonyms = ecb::learn_synonyms(&train, ecb::MentionKind::Entity, 2, 0.5);
    }
    let r = ecb::evaluate(&corpus, &options);
    if args.json {
        let out = serde_json::json!({
            "topics": args.topics, "docs": r.docs, "train_topics": train_topics,
            "synonyms": {"events": options.event_synonyms.len(), "entities": options.entity_synonyms.len()},
            "event_mentions": r.event_mentions, "entity_mentions": r.entity_mentions,
            "events": scores_json(&r.events), "entities": scores_json(&r.entities),
        });
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        println!(
            "ECB+ topics {}: {} documents, {} event and {} entity mentions (gold); \
             {} event and {} entity head synonyms learned from {} training topics",
            args.topics,
            r.docs,
            r.event_mentions,
            r.entity_mentions,
            options.event_synonyms.len(),
            options.entity_synonyms.len(),
            train_topics.len()
        );
        println!(
            "{:<9} {:>6} {:>6} {:>6} {:>7}",
            "", "MUC", "B3", "CEAF-e", "CoNLL"
        );
        for (name, s) in [("events", &r.events), ("entities", &r.entities)] {
            println!(
                "{:<9} {:>6.2} {:>6.2} {:>6.2} {:>7.2}",
                name,
                100.0 * s.muc.f1(),
                100.0 * s.b3.f1(),
                100.0 * s.ceafe.f1(),
                100.0 * s.conll_f1()
            );
        }
    }
    Ok(Outcome::AllOk)
}
