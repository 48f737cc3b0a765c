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

/// Tags sentences with `tagger`: XPOS per word.
pub fn tag_xpos(tagger: &crate::Tagger, sentences: &[crate::conllu::Sentence]) -> Vec<Vec<String>> {
    sentences
        .iter()
        .map(|s| {
            let words: Vec<&str> = s.words.iter().map(|w| w.form.as_str()).collect();
            tagger
                .tag(&words)
                .iter()
                .map(|t| tagger.xpos_name(t.xpos).to_string())
                .collect()
        })
        .collect()
}

/// Trains a parser on the tags a tagger would give: the training sentences are tagged by
/// `opts.folds` taggers each trained on the other folds (jack-knifing), the dev sentences by
/// `tagger`. With `folds` under 2 the gold training tags are used.
pub fn train_parser(
    train: &[crate::conllu::Sentence],
    dev: &[crate::conllu::Sentence],
    tagger: &crate::Tagger,
    opts: &TrainOptions,
    progress: &mut dyn FnMut(Progress),
) -> crate::Result<crate::Parser> {
    let mut train_tags: Vec<Vec<String>> = train
        .iter()
        .map(|s| s.words.iter().map(|w| w.xpos.clone()).collect())
        .collect();
    if opts.folds >= 2 {
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
            let fold_tagger = crate::Tagger::train(&rest, &[], &fold_opts, &mut |_| {})?;
            for (i, s) in train.iter().enumerate() {
                if i % opts.folds == k {
                    train_tags[i] = tag_xpos(&fold_tagger, std::slice::from_ref(s)).remove(0);
                }
            }
        }
    }
    let dev_tags = tag_xpos(tagger, dev);
    progress(Progress::Stage("training the parser".into()));
    crate::Parser::train(train, &train_tags, dev, &dev_tags, opts, progress)
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
