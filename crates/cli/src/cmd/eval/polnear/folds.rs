//! `byline eval polnear DIR --folds K`: an honest figure of the trained models.
//!
//! The articles are split into K folds by index (article `i` in fold `i mod K`). For each
//! fold, the learnt counts (`learnt.tsv`, `reads.tsv`), the cue classifier, the draft judge
//! and the source chooser are made from the other folds only, in memory, and the fold is
//! scored with them; the scores are pooled. Each article is parsed once, read once for
//! `reads.tsv`, read once to collect the judge's candidate drafts, once (with its fold's
//! classifier, counts and judge) to collect the chooser's candidate sources, and extracted once
//! per threshold and chooser margin to score it.
//!
//! Cross-fitting (on unless `--no-cross-fit`): while training a fold's cue classifier, the
//! learnt counts in the features of an article of fold `m` are those of the folds other than
//! `m` (and the held-out one), never counts over the article itself, so that the model learns
//! how far to trust counts as noisy as on unseen text. The judge's candidates of an article of
//! fold `m` are read with fold `m`'s classifier and counts. At run time the models see the
//! counts of the whole training split.
//!
//! Two approximations, both second order: `reads.tsv` is counted by a pipeline that reads
//! every learnt lemma with the built-in classifier and judge (fitted on the whole split); and
//! the judge's candidates of fold `m` come from a classifier trained on every fold but `m`,
//! the held-out fold included.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context as _, Result};
use byline_eval::polnear::{self, Article, ParsedArticle, ReadCount, Scores};
use byline_extract::{Input, Overrides, Pipeline};
use byline_lexicon::cues::model::{CueModel, TrainOptions, Trainer};
use byline_lexicon::cues::Cues;
use rayon::prelude::*;

use crate::cmd::Outcome;

/// One claim's candidate sources: their features, each labelled right or not.
type Labelled = Vec<(Vec<String>, bool)>;

/// What `--folds` was asked.
pub(super) struct Settings {
    /// Number of folds.
    pub folds: usize,
    /// Features of the training articles from the counts of other folds.
    pub cross_fit: bool,
    /// How the cue classifier is trained.
    pub cue: TrainOptions,
    /// How the draft judge is trained.
    pub judge: TrainOptions,
    /// A draft is right only when its source (if any) overlaps a gold source too.
    pub label_source: bool,
    /// The judge thresholds to score with (`None`: the built-in one).
    pub thresholds: Vec<Option<f32>>,
    /// Where to write the four files trained on every article, if anywhere.
    pub write: Option<PathBuf>,
    /// Fewest cue occurrences of a lemma for a row of `learnt.tsv`.
    pub learnt_min_cue: u32,
    /// Print up to this many unmatched spans per article, read by its fold's models (first
    /// threshold only).
    pub misses: Option<usize>,
    /// The source chooser margins to score with (`None`: the built-in one; infinite: off).
    pub margins: Vec<Option<f32>>,
}

/// The learnt counts of a set of articles as a lexicon (the built-in one with those counts).
fn lexicon(
    parsed: &[ParsedArticle],
    reads: &[Vec<ReadCount>],
    keep: impl Fn(usize) -> bool,
    min_cue: u32,
) -> Result<Arc<Cues>> {
    let (learnt, reads) = counts_tsv(parsed, reads, keep, min_cue, "the training folds");
    let cues = Cues::builtin()
        .with_counts(&learnt, &reads)
        .context("building a fold's lexicon")?;
    Ok(Arc::new(cues))
}

/// The `learnt.tsv` and `reads.tsv` texts of the articles `keep` takes.
fn counts_tsv(
    parsed: &[ParsedArticle],
    reads: &[Vec<ReadCount>],
    keep: impl Fn(usize) -> bool,
    min_cue: u32,
    source: &str,
) -> (String, String) {
    let idx: Vec<usize> = (0..parsed.len()).filter(|&i| keep(i)).collect();
    let learnt = polnear::merge_counts(idx.iter().map(|&i| parsed[i].counts.as_slice()));
    let read = polnear::merge_reads(idx.iter().map(|&i| reads[i].as_slice()));
    (
        polnear::learnt_tsv(&learnt, min_cue, source),
        polnear::reads_tsv(&read, polnear::READS_MIN_READ, source),
    )
}

/// The `--cue-training` and `--judge-training` flags that give the settings of `s`.
fn training_flags(s: &Settings) -> String {
    let spec = |o: &TrainOptions| {
        let mut out = format!("{},{},{}", o.l2, o.min_count, o.epochs);
        if o.average {
            out.push_str(",avg");
        }
        if o.adagrad {
            out.push_str(",ada");
        }
        if o.rate != TrainOptions::PLAIN.rate {
            out.push_str(&format!(",rate={}", o.rate));
        }
        if o.positive_weight != 1.0 {
            out.push_str(&format!(",pos={}", o.positive_weight));
        }
        if o.dropout > 0.0 {
            out.push_str(&format!(",drop={}", o.dropout));
        }
        if o.shift != 0.0 {
            out.push_str(&format!(",shift={}", o.shift));
        }
        if o.min_weight != 0.05 {
            out.push_str(&format!(",minw={}", o.min_weight));
        }
        out
    };
    let min_cue = if s.learnt_min_cue == polnear::LEARNT_MIN_CUE {
        String::new()
    } else {
        format!(" --learnt-min-cue {}", s.learnt_min_cue)
    };
    format!(
        " --cue-training {} --judge-training {}{min_cue}",
        spec(&s.cue),
        spec(&s.judge)
    )
}

/// Runs the cross-validation and prints the pooled scores, one table per threshold.
pub(super) fn run(
    label: &str,
    pipeline: &Pipeline,
    articles: &[Article],
    s: &Settings,
    json: bool,
) -> Result<Outcome> {
    let k = s.folds;
    let n = articles.len();
    let fold = |i: usize| i % k;
    let clock = Instant::now();
    let lap = |what: &str| eprintln!("[{:>6.1} s] {what}", clock.elapsed().as_secs_f32());

    // Each article parsed once, and read once for reads.tsv.
    let models = byline_nlp::Models::embedded().context("loading the models")?;
    let parsed: Vec<ParsedArticle> = articles
        .par_iter()
        .map(|a| polnear::parse_article(a, &models))
        .collect();
    lap("parsed");
    let reader = super::reads_pipeline()?;
    let reads: Vec<Vec<ReadCount>> = articles
        .par_iter()
        .map(|a| {
            let doc = reader
                .extract(&Input::new(a.text.clone()))
                .with_context(|| format!("extracting {}", a.name))?;
            let mut counts = Vec::new();
            polnear::count_reads(&doc, &a.text, &a.gold, &mut counts);
            Ok(counts)
        })
        .collect::<Result<_>>()?;
    lap("read counts");

    // Lexicons: without fold f (`single[f]`), without folds f and m (`pair[(f, m)]`), all.
    let single: Vec<Arc<Cues>> = (0..k)
        .map(|f| lexicon(&parsed, &reads, |i| fold(i) != f, s.learnt_min_cue))
        .collect::<Result<_>>()?;
    let mut pair: HashMap<(usize, usize), Arc<Cues>> = HashMap::new();
    if s.cross_fit {
        for f in 0..k {
            for m in f + 1..k {
                let keep = |i| fold(i) != f && fold(i) != m;
                let lex = lexicon(&parsed, &reads, keep, s.learnt_min_cue)?;
                pair.insert((f, m), lex.clone());
                pair.insert((m, f), lex);
            }
        }
    }
    let all = lexicon(&parsed, &reads, |_| true, s.learnt_min_cue)?;
    lap("counted");

    let how = format!(
        "--folds {k}{}{}{} --write-models",
        if s.cross_fit { "" } else { " --no-cross-fit" },
        if s.label_source {
            " --draft-label-source"
        } else {
            ""
        },
        training_flags(s)
    );
    // The cue classifier of each fold (and, to write, of all articles): the lexicon in the
    // features of article i is what the run-time counts are to unseen text.
    let token_text = |held: Option<usize>| -> (String, usize, usize) {
        let items: Vec<(&ParsedArticle, &Cues)> = (0..n)
            .filter(|&i| Some(fold(i)) != held)
            .map(|i| {
                let lex: &Cues = match (s.cross_fit, held) {
                    (true, Some(f)) => &pair[&(f, fold(i))],
                    (true, None) => &single[fold(i)],
                    (false, Some(f)) => &single[f],
                    (false, None) => &all,
                };
                (&parsed[i], lex)
            })
            .collect();
        let source = format!("PolNeAR {label}");
        polnear::train_cues_parsed(&items, &s.cue, &how, &source)
    };
    let helds: Vec<Option<usize>> = (0..k)
        .map(Some)
        .chain(s.write.is_some().then_some(None))
        .collect();
    let token_texts: Vec<(String, usize, usize)> =
        helds.par_iter().map(|&h| token_text(h)).collect();
    let tokens = parse_models(token_texts.iter().map(|t| t.0.as_str()), "cue model")?;
    lap("trained the cue classifiers");

    // The judge's candidates: article i read with its own fold's classifier and counts.
    let fold_models = |i: usize| Overrides {
        lexicon: Some(single[fold(i)].clone()),
        token: Some(tokens[fold(i)].clone()),
        ..Overrides::default()
    };
    let drafts: Vec<Vec<(Vec<String>, bool)>> = articles
        .par_iter()
        .enumerate()
        .map(|(i, a)| {
            let over = fold_models(i);
            let (doc, examples) = byline_extract::collect_drafts_with(&over, || {
                pipeline.extract(&Input::new(a.text.clone()))
            });
            let doc = doc.with_context(|| format!("extracting {}", a.name))?;
            Ok(super::label_drafts(&doc, a, examples, s.label_source))
        })
        .collect::<Result<_>>()?;
    lap("collected the drafts");
    let judge_text = |held: Option<usize>| -> String {
        let mut trainer = Trainer::new();
        for (i, examples) in drafts.iter().enumerate() {
            if Some(fold(i)) == held {
                continue;
            }
            for (e, label) in examples {
                let names: Vec<&str> = e.iter().map(String::as_str).collect();
                trainer.add_names(&names, *label);
            }
        }
        let (m, pos) = trainer.sizes();
        let header = super::judge_header(&how, label, m, pos);
        trainer.train_opts(&s.judge, &header)
    };
    let judge_texts: Vec<String> = helds.par_iter().map(|&h| judge_text(h)).collect();
    let judges = parse_models(judge_texts.iter().map(String::as_str), "draft judge")?;
    lap("trained the judges");

    // The source chooser's candidates: article i read with its own fold's models.
    let choices: Vec<Vec<Labelled>> = articles
        .par_iter()
        .enumerate()
        .map(|(i, a)| {
            let over = Overrides {
                judge: Some(judges[fold(i)].clone()),
                ..fold_models(i)
            };
            let (doc, found) = byline_extract::collect_choices(|| {
                byline_extract::with_overrides(&over, || {
                    pipeline.extract(&Input::new(a.text.clone()))
                })
            });
            let doc = doc.with_context(|| format!("extracting {}", a.name))?;
            Ok(super::label_choices(&doc, a, found))
        })
        .collect::<Result<_>>()?;
    lap("collected the source candidates");
    let chooser_text = |held: Option<usize>| -> String {
        let mut trainer = Trainer::new();
        let mut claims = 0;
        for (i, per_claim) in choices.iter().enumerate() {
            if Some(fold(i)) == held {
                continue;
            }
            for cands in per_claim {
                claims += 1;
                for (e, label) in cands {
                    let names: Vec<&str> = e.iter().map(String::as_str).collect();
                    trainer.add_names(&names, *label);
                }
            }
        }
        let (m, pos) = trainer.sizes();
        let header = super::chooser_header(&how, label, claims, m, pos);
        trainer.train_opts(&s.judge, &header)
    };
    let chooser_texts: Vec<String> = helds.par_iter().map(|&h| chooser_text(h)).collect();
    let choosers = parse_models(chooser_texts.iter().map(String::as_str), "source chooser")?;
    lap("trained the source choosers");
    // What the choosers change held out, among the claims whose cue overlaps a gold cue.
    for &margin in &s.margins {
        let m = margin.unwrap_or(byline_extract::SOURCE_MARGIN);
        let (mut changed, mut right, mut was_right) = (0, 0, 0);
        for (i, per_claim) in choices.iter().enumerate() {
            let model = &choosers[fold(i)];
            for cands in per_claim {
                let p: Vec<f32> = cands
                    .iter()
                    .map(|(e, _)| model.score_features(|f| e.iter().for_each(|n| f(&[n.as_str()]))))
                    .collect();
                let best = (0..p.len())
                    .max_by(|&a, &b| p[a].total_cmp(&p[b]))
                    .unwrap_or(0);
                if best != 0 && p[best] - p[0] >= m {
                    changed += 1;
                    right += usize::from(cands[best].1);
                    was_right += usize::from(cands[0].1);
                }
            }
        }
        eprintln!(
            "source chooser, margin {m}, held out: {changed} sources changed of claims whose cue \
             overlaps a gold cue, {right} to a right one, {was_right} from a right one"
        );
    }

    // Each fold scored with its own models.
    let mut failed_any = false;
    let runs: Vec<(Option<f32>, Option<f32>)> = s
        .thresholds
        .iter()
        .flat_map(|&t| s.margins.iter().map(move |&m| (t, m)))
        .collect();
    for (t, &(threshold, margin)) in runs.iter().enumerate() {
        let misses = s.misses.filter(|_| t == 0);
        let scored: Vec<Option<(Scores, Vec<String>)>> = articles
            .par_iter()
            .enumerate()
            .map(|(i, a)| {
                let over = Overrides {
                    judge: Some(judges[fold(i)].clone()),
                    threshold,
                    source: Some(choosers[fold(i)].clone()),
                    margin,
                    ..fold_models(i)
                };
                let doc = byline_extract::with_overrides(&over, || {
                    pipeline.extract(&Input::new(a.text.clone()))
                });
                match doc {
                    Ok(doc) => {
                        let pred = polnear::from_document(&doc, &a.text);
                        let lines = misses.map_or_else(Vec::new, |m| {
                            let chars: Vec<char> = a.text.chars().collect();
                            polnear::misses(&a.gold, &pred, &a.text)
                                .iter()
                                .take(m)
                                .map(|x| super::miss_line(&a.name, &chars, x))
                                .collect()
                        });
                        Some((polnear::score(&a.gold, &pred, &a.text), lines))
                    }
                    Err(e) => {
                        eprintln!("byline: {}: {e}", a.name);
                        None
                    }
                }
            })
            .collect();
        let mut total = Scores::default();
        for (x, lines) in scored.iter().flatten() {
            total.add(x);
            lines.iter().for_each(|l| println!("{l}"));
        }
        let failed = scored.iter().filter(|x| x.is_none()).count();
        failed_any |= failed > 0;
        lap(&format!(
            "scored ({k} folds, {}, threshold {}, source margin {})",
            if s.cross_fit {
                "cross-fitted"
            } else {
                "not cross-fitted"
            },
            threshold.map_or("built-in".to_string(), |t| t.to_string()),
            margin.map_or("built-in".to_string(), |m| m.to_string())
        ));
        super::print_scores(json, n, failed, &total)?;
    }

    if let Some(out) = &s.write {
        std::fs::create_dir_all(out).with_context(|| format!("creating {}", out.display()))?;
        let source = format!("PolNeAR {label}");
        let (learnt, reads) = counts_tsv(&parsed, &reads, |_| true, s.learnt_min_cue, &source);
        let files = [
            ("learnt.tsv", learnt),
            ("reads.tsv", reads),
            ("cue-model.tsv", token_texts[k].0.clone()),
            ("draft-model.tsv", judge_texts[k].clone()),
            ("source-model.tsv", chooser_texts[k].clone()),
        ];
        for (name, text) in files {
            let path = out.join(name);
            std::fs::write(&path, text).with_context(|| format!("writing {}", path.display()))?;
        }
        eprintln!("wrote the five model files to {}", out.display());
    }
    Ok(if failed_any {
        Outcome::SomeFailed
    } else {
        Outcome::AllOk
    })
}

/// The models of `texts`, each parsed once and shared across the threads; `what` names them
/// in the error.
fn parse_models<'t>(
    texts: impl Iterator<Item = &'t str>,
    what: &str,
) -> Result<Vec<Arc<CueModel>>> {
    texts
        .map(|t| {
            CueModel::parse(t)
                .map(Arc::new)
                .with_context(|| format!("reading a trained {what}"))
        })
        .collect()
}
