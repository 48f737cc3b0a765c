//! Training options, progress reports and the deterministic random numbers training uses.

/// How to train a model.
#[derive(Clone, Debug)]
pub struct TrainOptions {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the shuffling (and of the parser's exploration): same seed, same model.
    pub seed: u64,
    /// Parser: folds for jack-knifed training tags (0 or 1 = tag the training data with gold tags).
    pub folds: usize,
    /// Parser: from which epoch on the oracle follows the model's own (possibly wrong) transitions.
    pub explore_from: usize,
    /// Parser: probability of following the model's transition when exploring.
    pub explore_p: f64,
}

impl Default for TrainOptions {
    fn default() -> TrainOptions {
        TrainOptions {
            epochs: 12,
            seed: 1,
            folds: 5,
            explore_from: 2,
            explore_p: 0.9,
        }
    }
}

/// What training reports as it goes.
#[derive(Clone, Debug)]
pub enum Progress {
    /// Sentences done in this epoch.
    Step {
        /// 1-based epoch.
        epoch: usize,
        /// Sentences done.
        done: usize,
        /// Sentences in the epoch.
        total: usize,
    },
    /// An epoch ended.
    Epoch {
        /// 1-based epoch.
        epoch: usize,
        /// Named scores in percent (training accuracy, dev scores).
        scores: Vec<(String, f64)>,
        /// Feature rows so far.
        features: usize,
    },
    /// A free-form stage message ("tagging fold 2 of 5").
    Stage(String),
}

/// SplitMix64: small, fast, and the same on every platform.
#[derive(Clone, Debug)]
pub(crate) struct Rng(u64);

impl Rng {
    pub(crate) fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x853c_49e6_748f_ea9b)
    }

    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub(crate) fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// Fisher–Yates.
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = (self.next_u64() % (i as u64 + 1)) as usize;
            v.swap(i, j);
        }
    }
}

/// Trains a tagger (see [`crate::Tagger::train`]).
pub fn train_tagger(
    train: &[crate::conllu::Sentence],
    dev: &[crate::conllu::Sentence],
    opts: &TrainOptions,
    progress: &mut dyn FnMut(Progress),
) -> crate::Result<crate::Tagger> {
    crate::Tagger::train(train, dev, opts, progress)
}

/// Trains a tagger with word clusters (see [`crate::Tagger::train_with_clusters`]).
pub fn train_tagger_with_clusters(
    train: &[crate::conllu::Sentence],
    dev: &[crate::conllu::Sentence],
    clusters: crate::clusters::Clusters,
    opts: &TrainOptions,
    progress: &mut dyn FnMut(Progress),
) -> crate::Result<crate::Tagger> {
    crate::Tagger::train_with_clusters(train, dev, clusters, opts, progress)
}

/// Trains `seeds` taggers with word clusters (shuffling seeds `opts.seed`, `opts.seed + 1`, …,
/// each keeping its best epoch on `dev`) and mixes them into one (see [`crate::Tagger::mix`]):
/// the mean of their weights, at the run-time cost of one tagger. `seeds` ≤ 1: one tagger, as
/// [`train_tagger_with_clusters`]. The mix's `best_epoch` lists the members' epochs.
pub fn train_tagger_mixed(
    train: &[crate::conllu::Sentence],
    dev: &[crate::conllu::Sentence],
    clusters: crate::clusters::Clusters,
    opts: &TrainOptions,
    seeds: usize,
    progress: &mut dyn FnMut(Progress),
) -> crate::Result<crate::Tagger> {
    if seeds <= 1 {
        return crate::Tagger::train_with_clusters(train, dev, clusters, opts, progress);
    }
    let mut members = Vec::with_capacity(seeds);
    let mut epochs = Vec::with_capacity(seeds);
    for k in 0..seeds as u64 {
        let seed = opts.seed + k;
        progress(Progress::Stage(format!(
            "tagger {} of {seeds} (seed {seed})",
            k + 1
        )));
        let member_opts = TrainOptions {
            seed,
            ..opts.clone()
        };
        let t = crate::Tagger::train_with_clusters(
            train,
            dev,
            clusters.clone(),
            &member_opts,
            progress,
        )?;
        epochs.push(t.meta().get("best_epoch").unwrap_or("?").to_string());
        if !dev.is_empty() {
            let s = t.evaluate(dev);
            progress(Progress::Stage(format!(
                "seed {seed}: best epoch {}, dev UPOS {:.2} XPOS {:.2}",
                epochs[k as usize], s.upos, s.xpos
            )));
        }
        members.push(t);
    }
    let mut mixed = crate::Tagger::mix(&members)?;
    let mut meta = mixed.meta().clone();
    meta.set("best_epoch", &epochs.join("/"));
    mixed.set_meta(meta);
    if !dev.is_empty() {
        let s = mixed.evaluate(dev);
        progress(Progress::Stage(format!(
            "mix of {seeds} seeds: dev UPOS {:.2} XPOS {:.2} lemma {:.2}",
            s.upos, s.xpos, s.lemma
        )));
    }
    Ok(mixed)
}

/// Tags sentences with `tagger`: (XPOS, UPOS) per word.
pub fn tag_sentences(
    tagger: &crate::Tagger,
    sentences: &[crate::conllu::Sentence],
) -> Vec<crate::parser::SentenceTags> {
    sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            tagger
                .tag(&words)
                .iter()
                .map(|t| (tagger.xpos_name(t.xpos).to_string(), t.upos))
                .collect()
        })
        .collect()
}

/// Tags for training a parser, as a tagger would give them on unseen text: each of `opts.folds`
/// folds is tagged by a tagger trained on the other folds (jack-knifing) for as many epochs as
/// `tagger` was. With `folds` under 2, the gold tags.
pub fn jackknife_tags(
    train: &[crate::conllu::Sentence],
    tagger: &crate::Tagger,
    opts: &TrainOptions,
    progress: &mut dyn FnMut(Progress),
) -> crate::Result<Vec<crate::parser::SentenceTags>> {
    let mut train_tags: Vec<crate::parser::SentenceTags> = train
        .iter()
        .map(|s| {
            s.words
                .iter()
                .map(|w| {
                    (
                        w.xpos.clone(),
                        crate::Upos::parse(&w.upos).unwrap_or(crate::Upos::X),
                    )
                })
                .collect()
        })
        .collect();
    if opts.folds < 2 {
        return Ok(train_tags);
    }
    let fold_opts = TrainOptions {
        epochs: tagger
            .meta()
            .get("best_epoch")
            .and_then(|e| e.parse().ok())
            .unwrap_or(8),
        ..opts.clone()
    };
    for k in 0..opts.folds {
        progress(Progress::Stage(format!(
            "jack-knife: tagging fold {} of {}",
            k + 1,
            opts.folds
        )));
        let rest: Vec<crate::conllu::Sentence> = train
            .iter()
            .enumerate()
            .filter(|(i, _)| i % opts.folds != k)
            .map(|(_, s)| s.clone())
            .collect();
        let fold_tagger = crate::Tagger::train_with_clusters(
            &rest,
            &[],
            tagger.clusters().clone(),
            &fold_opts,
            &mut |_| {},
        )?;
        for (i, s) in train.iter().enumerate() {
            if i % opts.folds == k {
                train_tags[i] = tag_sentences(&fold_tagger, std::slice::from_ref(s)).remove(0);
            }
        }
    }
    Ok(train_tags)
}

/// Trains a parser on jack-knifed training tags (see [`jackknife_tags`]), scoring each epoch
/// on `dev` tagged by `tagger` and keeping the best epoch.
pub fn train_parser(
    train: &[crate::conllu::Sentence],
    dev: &[crate::conllu::Sentence],
    tagger: &crate::Tagger,
    opts: &TrainOptions,
    progress: &mut dyn FnMut(Progress),
) -> crate::Result<crate::Parser> {
    let train_tags = jackknife_tags(train, tagger, opts, progress)?;
    train_parser_with_tags(train, &train_tags, dev, tagger, opts, progress)
}

/// Trains a parser on training data with the given tags.
pub fn train_parser_with_tags(
    train: &[crate::conllu::Sentence],
    train_tags: &[crate::parser::SentenceTags],
    dev: &[crate::conllu::Sentence],
    tagger: &crate::Tagger,
    opts: &TrainOptions,
    progress: &mut dyn FnMut(Progress),
) -> crate::Result<crate::Parser> {
    if train_tags.len() != train.len() {
        return Err(crate::Error::Training(
            "one tag list per sentence is needed".into(),
        ));
    }
    let dev_tags = tag_sentences(tagger, dev);
    progress(Progress::Stage("training the parser".into()));
    crate::Parser::train(train, train_tags, dev, &dev_tags, opts, progress)
}

/// Reads a CoNLL-U file.
pub fn read_conllu(path: &std::path::Path) -> crate::Result<Vec<crate::conllu::Sentence>> {
    let text = std::fs::read_to_string(path).map_err(|source| crate::Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    crate::conllu::parse(&text).map_err(|source| crate::Error::Conllu {
        file: path.display().to_string(),
        source,
    })
}
