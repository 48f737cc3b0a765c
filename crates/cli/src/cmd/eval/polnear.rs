//! `byline eval polnear DIR`: source, cue and content P/R/F1 on PolNeAR brat files.

use std::path::PathBuf;

use anyhow::{Context as _, Result};
use byline_eval::polnear::{self, Scores};
use byline_extract::{Input, Pipeline};

use crate::cmd::Outcome;
use byline_lexicon::cues::model::TrainOptions;

mod folds;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// PolNeAR split folders, each holding `text/` and `attributions/` (e.g.
    /// corpora/polnear/data/dev); several are read as one (to train on train and dev together).
    #[arg(value_name = "DIR", required = true)]
    dirs: Vec<PathBuf>,
    /// Score only the first N articles.
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Print the scores as JSON.
    #[arg(long)]
    json: bool,
    /// Also print up to N unmatched spans per article (gold spans missed, predicted spans
    /// with no gold partner), with context, for error analysis. With --folds, each article's
    /// spans as its own fold's models read it (held out), for the first threshold.
    #[arg(long, value_name = "N")]
    misses: Option<usize>,
    /// Do not score byline: score, on every article annotated twice, the second annotation (by
    /// file name) against the first, the agreement of two annotators with each other.
    #[arg(long)]
    agreement: bool,
    /// Do not score: count how often each lemma lies inside a gold cue and write the counts
    /// as a cue lexicon file (`learnt.tsv`) to FILE. Use on a training split only.
    #[arg(long, value_name = "FILE")]
    learn_cues: Option<PathBuf>,
    /// Do not score: read every learnt verb through the parse, count how often each form read
    /// as a cue overlapped a gold cue, and write the counts (`reads.tsv`) to FILE. Use on a
    /// training split only.
    #[arg(long, value_name = "FILE")]
    learn_reads: Option<PathBuf>,
    /// Do not score: train the cue classifier on every noun and verb (a cue when it overlaps
    /// a gold cue) and write its weights (`cue-model.tsv`) to FILE. Use on a training split
    /// only.
    #[arg(long, value_name = "FILE")]
    train_cues: Option<PathBuf>,
    /// Do not score: read every candidate draft of the parse frames (cue, source, content),
    /// label it by whether its cue overlaps a gold cue, train the draft judge and write its
    /// weights (`draft-model.tsv`) to FILE. Use on a training split only.
    #[arg(long, value_name = "FILE")]
    train_drafts: Option<PathBuf>,
    /// With --train-drafts: a draft is right only when its cue overlaps a gold cue and its
    /// source (if any) a gold source.
    #[arg(long)]
    draft_label_source: bool,
    /// Use the draft judge (`draft-model.tsv`) on the parse frames' drafts: it adds to the cue
    /// classifier's thresholds the drafts it trusts whose content holds a verb. On by default
    /// (docs/attribution.md, 6F and 6H); the flag is kept for scripts and tuning.
    #[arg(long)]
    draft_judge: bool,
    /// With --draft-judge: this `draft-model.tsv` instead of the built-in one (for tuning).
    #[arg(long, value_name = "FILE")]
    draft_model: Option<PathBuf>,
    /// With --draft-judge: keep a parse frame's draft when the judge gives it at least this
    /// probability (for tuning; the built-in threshold otherwise).
    #[arg(long, value_name = "P")]
    draft_threshold: Option<f32>,
    /// Cross-validate the trained models: split DIR's articles into K folds (article index
    /// mod K; 5 when the flag has no value), count `learnt.tsv`/`reads.tsv`, train the cue
    /// classifier, the draft judge and the source chooser on the other folds only and score
    /// each fold with those; prints the pooled scores. Use on a training split only.
    #[arg(long, value_name = "K", num_args = 0..=1, default_missing_value = "5")]
    folds: Option<usize>,
    /// With --folds: train the models on features from the training folds' full counts
    /// (learnt.tsv, reads.tsv counted on the very articles trained on: the old, leaky way)
    /// instead of cross-fitted counts.
    #[arg(long)]
    no_cross_fit: bool,
    /// With --folds: score with each of these judge thresholds (comma-separated) instead of
    /// the built-in one (or --draft-threshold).
    #[arg(long, value_name = "P,...", value_delimiter = ',')]
    thresholds: Vec<f32>,
    /// With --folds: also train `learnt.tsv`, `reads.tsv`, `cue-model.tsv`,
    /// `draft-model.tsv` and `source-model.tsv` on all of DIR's articles (cross-fitted as in
    /// the folds) and write them to this folder.
    #[arg(long, value_name = "DIR")]
    write_models: Option<PathBuf>,
    /// With --folds: the cue classifier's training, `L2,MIN_COUNT,EPOCHS[,OPTION…]`
    /// (e.g. `1e-6,3,5,ada,rate=0.07,pos=1.7`: the built-in settings; a spec without options is plain
    /// SGD at rate 0.2); options `avg`, `ada`, `rate=R`, `pos=W`, `drop=Q`, `minw=W`, `shift=S`
    /// (see `TrainOptions`).
    #[arg(long, value_name = "SPEC")]
    cue_training: Option<String>,
    /// With --folds: the draft judge's training, `L2,MIN_COUNT,EPOCHS[,OPTION…]` (e.g.
    /// `1e-4,3,10,ada,rate=0.07`: the built-in settings), options as for `--cue-training`.
    #[arg(long, value_name = "SPEC")]
    judge_training: Option<String>,
    /// Score with the `learnt.tsv`, `reads.tsv`, `cue-model.tsv`, `draft-model.tsv` and
    /// `source-model.tsv` of this folder (those it holds) instead of the built-in ones, in memory (e.g. the files
    /// `--write-models` wrote).
    #[arg(long, value_name = "DIR")]
    models: Option<PathBuf>,
    /// With --folds: score with each of these source chooser margins (comma-separated)
    /// instead of the built-in one; `off` leaves the rules' sources alone.
    #[arg(long, value_name = "M,...", value_delimiter = ',')]
    source_margins: Vec<String>,
    /// With --folds: a lemma needs this many cue occurrences for a row of `learnt.tsv` (3, as
    /// `--learn-cues` writes it, unless given).
    #[arg(long, value_name = "N", default_value_t = polnear::LEARNT_MIN_CUE)]
    learnt_min_cue: u32,
}

/// Reads a training spec `L2,MIN_COUNT,EPOCHS[,OPTION…]` over the defaults `base` (a spec
/// without options is plain SGD at rate 0.2, the built-in learner up to task 6AF, which made
/// AdaGrad at 0.1 the default); options are `avg`
/// (averaged weights), `ada` (AdaGrad), `rate=R` (learning rate), `pos=W` (weight of the
/// positive examples), `drop=Q` (lexical dropout), `minw=W` (pruning) and `shift=S` (added
/// to the bias).
fn training_spec(spec: Option<&str>, base: TrainOptions) -> Result<TrainOptions> {
    let Some(spec) = spec else { return Ok(base) };
    let parts: Vec<&str> = spec.split(',').map(str::trim).collect();
    let bad = || {
        anyhow::anyhow!(
            "training spec {spec:?}: want L2,MIN_COUNT,EPOCHS[,avg][,ada][,rate=R][,pos=W][,drop=Q][,minw=W][,shift=S]"
        )
    };
    if parts.len() < 3 {
        return Err(bad());
    }
    let mut o = TrainOptions {
        l2: parts[0].parse().map_err(|_| bad())?,
        min_count: parts[1].parse().map_err(|_| bad())?,
        epochs: parts[2].parse().map_err(|_| bad())?,
        average: false,
        adagrad: false,
        rate: TrainOptions::PLAIN.rate,
        positive_weight: 1.0,
        ..base
    };
    for part in &parts[3..] {
        let (key, value) = part.split_once('=').unwrap_or((part, ""));
        let num = || value.parse::<f32>().map_err(|_| bad());
        match key {
            "avg" => o.average = true,
            "ada" => o.adagrad = true,
            "rate" => o.rate = num()?,
            "pos" => o.positive_weight = num()?,
            "drop" => o.dropout = num()?,
            "minw" => o.min_weight = num()?,
            "shift" => o.shift = num()?,
            _ => return Err(bad()),
        }
    }
    Ok(o)
}

/// `--train-drafts`: every candidate draft of the parse frames with its label, then the
/// judge's weights.
fn train_drafts(
    label: &str,
    pipeline: &Pipeline,
    articles: &[polnear::Article],
    label_source: bool,
    out: &PathBuf,
) -> Result<Outcome> {
    let mut trainer = byline_lexicon::cues::model::Trainer::new();
    // The token classifier's probability is a feature: on the training split the built-in
    // classifier has seen every article and is surer than on unseen text, so each half is read
    // with a classifier trained on the other half.
    let models = byline_nlp::Models::embedded().context("loading the models")?;
    let cues = byline_lexicon::cues::Cues::builtin();
    let half = |k: usize| -> Vec<polnear::Article> {
        articles
            .iter()
            .enumerate()
            .filter(|(i, _)| i % 2 == k)
            .map(|(_, a)| a.clone())
            .collect()
    };
    let token_models: Vec<String> = (0..2)
        .map(|k| polnear::train_cues(&half(1 - k), &models, cues, 5, "half").0)
        .collect();
    for (i, a) in articles.iter().enumerate() {
        let (doc, examples) = byline_extract::collect_drafts(Some(&token_models[i % 2]), || {
            pipeline.extract(&Input::new(a.text.clone()))
        })?;
        let doc = doc.with_context(|| format!("extracting {}", a.name))?;
        for (e, label) in label_drafts(&doc, a, examples, label_source) {
            let names: Vec<&str> = e.iter().map(String::as_str).collect();
            trainer.add_names(&names, label);
        }
    }
    let (n, pos) = trainer.sizes();
    let how = if label_source {
        "--train-drafts --draft-label-source"
    } else {
        "--train-drafts"
    };
    let header = judge_header(how, label, n, pos);
    let tsv = trainer.train_opts(&DRAFT_TRAINING, &header);
    std::fs::write(out, tsv).with_context(|| format!("writing {}", out.display()))?;
    eprintln!("{n} candidate drafts, {pos} right");
    Ok(Outcome::AllOk)
}

/// How the draft judge is trained: 10 passes of AdaGrad at rate 0.07 (since task 6AF, with the
/// cue classifier's, at 0.1; 0.07 for both since task 6AJ: 5-fold CV +.001 / +.001, dev
/// +.006 / +.001; docs/attribution.md, 6AB, 6AF and 6AJ), features of fewer than 3 drafts left
/// out, a pull of 1e-4 towards zero, weights below 0.05 left out of the file.
const DRAFT_TRAINING: TrainOptions = TrainOptions {
    epochs: 10,
    min_count: 3,
    l2: 1e-4,
    min_weight: 0.05,
    adagrad: true,
    rate: 0.07,
    lexical: byline_extract::JUDGE_LEXICAL,
    ..TrainOptions::PLAIN
};

/// The header of a trained `draft-model.tsv`: trained by `byline eval polnear {how}` on
/// PolNeAR `source`, `n` candidate drafts, `pos` of them right.
fn judge_header(how: &str, source: &str, n: usize, pos: usize) -> String {
    format!(
        "source: byline project, trained by `byline eval polnear {how}` on PolNeAR \
         {source}: {n} candidate drafts of the parse frames, {pos} of them right (weights only, \
         no text)\n\
         data: PolNeAR v1.0.0 (Newell, Margolin and Ruths, LREC 2018); no data licence stated, \
         its software is MIT\nlicence: MIT OR Apache-2.0\nversion: 1"
    )
}

/// The header of a trained `source-model.tsv`: `n` candidate sources of `claims` claims, `pos`
/// of them right.
fn chooser_header(how: &str, source: &str, claims: usize, n: usize, pos: usize) -> String {
    format!(
        "source: byline project, trained by `byline eval polnear {how}` on PolNeAR \
         {source}: {n} candidate sources of {claims} claims of the parse frames whose cue \
         overlaps a gold cue, {pos} of them right (weights only, no text)\n\
         data: PolNeAR v1.0.0 (Newell, Margolin and Ruths, LREC 2018); no data licence stated, \
         its software is MIT\nlicence: MIT OR Apache-2.0\nversion: 1"
    )
}

/// The source chooser's training examples of one article: for each claim whose candidates
/// were collected while extracting `doc` from `a` and whose cue overlaps a gold cue, each
/// candidate's features, labelled by whether it overlaps the gold source of such a gold cue's
/// attribution ("no source" right when none of them has one).
fn label_choices(
    doc: &byline_model::Document,
    a: &polnear::Article,
    choices: Vec<byline_extract::SourceChoice>,
) -> Vec<Vec<(Vec<String>, bool)>> {
    let cues: Vec<(usize, usize)> = choices.iter().map(|c| c.cue).collect();
    let cue_hits = polnear::gold_hits(doc, &a.text, &a.gold.cues, &cues);
    let mut out = Vec::new();
    for (c, hits) in choices.into_iter().zip(&cue_hits) {
        if hits.is_empty() {
            continue;
        }
        let golds: Vec<usize> = hits
            .iter()
            .filter_map(|&g| a.gold.cue_sources.get(g).copied().flatten())
            .collect();
        let spans: Vec<(usize, usize)> = c
            .candidates
            .iter()
            .map(|x| x.span.unwrap_or((0, 0)))
            .collect();
        let source_hits = polnear::gold_hits(doc, &a.text, &a.gold.sources, &spans);
        out.push(
            c.candidates
                .into_iter()
                .zip(&source_hits)
                .map(|(x, h)| {
                    let right = match x.span {
                        None => golds.is_empty(),
                        Some(_) => h.iter().any(|g| golds.contains(g)),
                    };
                    (x.features, right)
                })
                .collect(),
        );
    }
    out
}

/// The judge's training examples of one article: the features of every candidate draft the
/// parse frames read (`examples`, collected while extracting `doc` from `a`), each labelled by
/// whether its cue overlaps a gold cue not already taken (and, with `label_source`, its
/// source a gold source).
fn label_drafts(
    doc: &byline_model::Document,
    a: &polnear::Article,
    examples: Vec<byline_extract::DraftExample>,
    label_source: bool,
) -> Vec<(Vec<String>, bool)> {
    // Which gold cue each draft's cue overlaps: a gold cue already covered by a surface
    // draft or an earlier candidate is no gain (scoring matches one to one).
    let cues: Vec<(usize, usize)> = examples.iter().map(|e| e.cue).collect();
    let cue_hits = polnear::gold_hits(doc, &a.text, &a.gold.cues, &cues);
    let firsts: Vec<(usize, usize)> = examples
        .iter()
        .map(|e| e.sources.first().copied().unwrap_or(e.cue))
        .collect();
    let source_hits = polnear::gold_hits(doc, &a.text, &a.gold.sources, &firsts);
    let mut taken = vec![false; a.gold.cues.len()];
    for (e, hits) in examples.iter().zip(&cue_hits) {
        if e.surface {
            hits.iter().for_each(|&g| taken[g] = true);
        }
    }
    let mut out = Vec::new();
    for ((e, hits), source) in examples.into_iter().zip(&cue_hits).zip(&source_hits) {
        if e.surface {
            continue;
        }
        let hit = match hits.iter().find(|&&g| !taken[g]) {
            Some(&g) => {
                taken[g] = true;
                true
            }
            None => false,
        };
        let source_hit = !label_source || e.sources.is_empty() || !source.is_empty();
        out.push((e.features, hit && source_hit));
    }
    out
}

/// One unmatched span with some context, as `--misses` prints it.
fn miss_line(article: &str, text: &[char], m: &polnear::Miss) -> String {
    let (a, b) = (
        m.frags.first().map_or(0, |f| f.0),
        m.frags.last().map_or(0, |f| f.1),
    );
    let clip = |x: usize, y: usize| -> String {
        text.get(x.min(text.len())..y.min(text.len()))
            .unwrap_or(&[])
            .iter()
            .map(|&c| if c == '\n' { ' ' } else { c })
            .collect()
    };
    format!(
        "{}\t{:<7}\t{}\t{}[{}]{}",
        if m.missed { "MISSED" } else { "FALSE" },
        m.layer,
        article,
        clip(a.saturating_sub(60), a),
        clip(a, b),
        clip(b, b + 40)
    )
}

/// `--learn-reads`: a pipeline whose lexicon takes every learnt lemma and every form already
/// counted for a sure cue, so that the parse reads them all, then the counts of its reads.
fn learn_reads(label: &str, articles: &[polnear::Article], out: &PathBuf) -> Result<Outcome> {
    let pipeline = reads_pipeline()?;
    let mut counts = Vec::new();
    for a in articles {
        let doc = pipeline
            .extract(&Input::new(a.text.clone()))
            .with_context(|| format!("extracting {}", a.name))?;
        polnear::count_reads(&doc, &a.text, &a.gold, &mut counts);
    }
    let source = format!("PolNeAR {label}");
    std::fs::write(
        out,
        polnear::reads_tsv(&counts, polnear::READS_MIN_READ, &source),
    )
    .with_context(|| format!("writing {}", out.display()))?;
    Ok(Outcome::AllOk)
}

/// A pipeline whose lexicon takes every learnt lemma and every form already counted for a
/// sure cue, so that the parse reads them all (the reads `reads.tsv` counts).
fn reads_pipeline() -> Result<Pipeline> {
    let lex = std::env::temp_dir().join(format!("byline-learn-reads-{}", std::process::id()));
    let cues = lex.join("cues");
    std::fs::create_dir_all(&cues).with_context(|| format!("creating {}", cues.display()))?;
    for name in ["learnt.tsv", "reads.tsv"] {
        let text = byline_lexicon::cues::Cues::builtin_file(name).unwrap_or_default();
        std::fs::write(cues.join(name), polnear::all_sure(name, text))
            .with_context(|| format!("writing {}", cues.join(name).display()))?;
    }
    let config = byline_extract::Config {
        lexicon_dirs: vec![lex.clone()],
        model_dir: None,
    };
    let pipeline = Pipeline::with_config(&config);
    let _ = std::fs::remove_dir_all(&lex);
    Ok(pipeline?)
}

pub fn run(args: Args) -> Result<Outcome> {
    if args.agreement {
        let mut total = Scores::default();
        let mut n = 0;
        for dir in &args.dirs {
            let pairs = polnear::read_second_annotations(dir)
                .with_context(|| format!("reading PolNeAR split {}", dir.display()))?;
            for (a, second) in &pairs {
                total.add(&polnear::score(&a.gold, second, &a.text));
            }
            n += pairs.len();
        }
        print_scores(args.json, n, 0, &total)?;
        return Ok(Outcome::AllOk);
    }
    let pipeline = Pipeline::new()?;
    let mut articles = Vec::new();
    for dir in &args.dirs {
        articles.extend(
            polnear::read_split(dir)
                .with_context(|| format!("reading PolNeAR split {}", dir.display()))?,
        );
    }
    // What the models' headers name as their training data.
    let label = args
        .dirs
        .iter()
        .map(|d| d.display().to_string())
        .collect::<Vec<_>>()
        .join(" + ");
    if let Some(n) = args.limit {
        articles.truncate(n);
    }
    if let Some(out) = &args.learn_cues {
        let models = byline_nlp::Models::embedded().context("loading the models")?;
        let counts = polnear::learn_cues(&articles, &models);
        let source = format!("PolNeAR {label}");
        std::fs::write(
            out,
            polnear::learnt_tsv(&counts, polnear::LEARNT_MIN_CUE, &source),
        )
        .with_context(|| format!("writing {}", out.display()))?;
        return Ok(Outcome::AllOk);
    }
    if let Some(out) = &args.train_cues {
        let models = byline_nlp::Models::embedded().context("loading the models")?;
        let source = format!("PolNeAR {label}");
        let cues = byline_lexicon::cues::Cues::builtin();
        let (tsv, n, cue) = polnear::train_cues(&articles, &models, cues, 5, &source);
        std::fs::write(out, tsv).with_context(|| format!("writing {}", out.display()))?;
        eprintln!("{n} examples, {cue} cues");
        return Ok(Outcome::AllOk);
    }
    if let Some(out) = &args.learn_reads {
        return learn_reads(&label, &articles, out);
    }
    if let Some(k) = args.folds {
        anyhow::ensure!(k >= 2, "--folds wants at least 2 folds");
        let thresholds = if args.thresholds.is_empty() {
            vec![args.draft_threshold]
        } else {
            args.thresholds.iter().copied().map(Some).collect()
        };
        let settings = folds::Settings {
            folds: k,
            cross_fit: !args.no_cross_fit,
            cue: training_spec(args.cue_training.as_deref(), polnear::CUE_TRAINING)?,
            judge: training_spec(args.judge_training.as_deref(), DRAFT_TRAINING)?,
            label_source: args.draft_label_source,
            thresholds,
            write: args.write_models.clone(),
            learnt_min_cue: args.learnt_min_cue,
            misses: args.misses,
            margins: if args.source_margins.is_empty() {
                vec![None]
            } else {
                args.source_margins
                    .iter()
                    .map(|m| match m.as_str() {
                        "off" => Ok(Some(f32::INFINITY)),
                        m => m
                            .parse::<f32>()
                            .map(Some)
                            .with_context(|| format!("--source-margins: not a number: {m}")),
                    })
                    .collect::<Result<_>>()?
            },
        };
        return folds::run(&label, &pipeline, &articles, &settings, args.json);
    }
    if let Some(out) = &args.train_drafts {
        return train_drafts(&label, &pipeline, &articles, args.draft_label_source, out);
    }
    let model = match &args.draft_model {
        Some(p) => {
            Some(std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?)
        }
        None => None,
    };
    let over = match &args.models {
        Some(dir) => model_overrides(dir)?,
        None => byline_extract::Overrides::default(),
    };
    byline_extract::with_overrides(&over, || {
        if args.draft_judge || model.is_some() || args.draft_threshold.is_some() {
            return byline_extract::with_draft_judge(
                model.as_deref(),
                args.draft_threshold,
                || score_split(&args, &pipeline, &articles),
            )?;
        }
        score_split(&args, &pipeline, &articles)
    })
}

/// The models of `learnt.tsv`, `reads.tsv`, `cue-model.tsv` and `draft-model.tsv` found in
/// `dir` (as `--write-models` writes them), to replace the built-in ones, and the source
/// chooser of `source-model.tsv`; the learnt counts come as a pair (a missing one of the two:
/// the built-in file).
#[allow(clippy::type_complexity)]
fn model_overrides(dir: &std::path::Path) -> Result<byline_extract::Overrides> {
    use byline_lexicon::cues::{model::CueModel, Cues};
    use std::sync::Arc;
    let read = |name: &str| -> Result<Option<String>> {
        let path = dir.join(name);
        if !path.is_file() {
            return Ok(None);
        }
        let text = std::fs::read_to_string(&path)
            .with_context(|| format!("reading {}", path.display()))?;
        Ok(Some(text))
    };
    let model = |name: &str| -> Result<Option<Arc<CueModel>>> {
        read(name)?
            .map(|t| {
                CueModel::parse(&t)
                    .map(Arc::new)
                    .with_context(|| format!("reading {}", dir.join(name).display()))
            })
            .transpose()
    };
    let (learnt, reads) = (read("learnt.tsv")?, read("reads.tsv")?);
    let lexicon = if learnt.is_some() || reads.is_some() {
        let builtin = |name| Cues::builtin_file(name).unwrap_or_default().to_string();
        let cues = Cues::builtin()
            .with_counts(
                &learnt.unwrap_or_else(|| builtin("learnt.tsv")),
                &reads.unwrap_or_else(|| builtin("reads.tsv")),
            )
            .with_context(|| format!("reading the counts in {}", dir.display()))?;
        Some(Arc::new(cues))
    } else {
        None
    };
    let over = byline_extract::Overrides {
        lexicon,
        token: model("cue-model.tsv")?,
        judge: model("draft-model.tsv")?,
        threshold: None,
        source: model("source-model.tsv")?,
        margin: None,
    };
    Ok(over)
}

/// Scores every article and prints the table (or JSON).
fn score_split(args: &Args, pipeline: &Pipeline, articles: &[polnear::Article]) -> Result<Outcome> {
    let mut total = Scores::default();
    let mut failed = 0;
    for a in articles {
        match pipeline.extract(&Input::new(a.text.clone())) {
            Ok(doc) => {
                let pred = polnear::from_document(&doc, &a.text);
                total.add(&polnear::score(&a.gold, &pred, &a.text));
                if let Some(n) = args.misses {
                    let chars: Vec<char> = a.text.chars().collect();
                    for m in polnear::misses(&a.gold, &pred, &a.text).iter().take(n) {
                        println!("{}", miss_line(&a.name, &chars, m));
                    }
                }
            }
            Err(e) => {
                failed += 1;
                eprintln!("byline: {}: {e}", a.name);
            }
        }
    }
    print_scores(args.json, articles.len(), failed, &total)?;
    Ok(if failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::AllOk
    })
}

/// Prints the pooled scores of `articles` articles as a table or as JSON.
fn print_scores(json: bool, articles: usize, failed: usize, total: &Scores) -> Result<()> {
    if json {
        let mut rows = serde_json::Map::new();
        for (name, c) in total.rows() {
            rows.insert(
                name.replace(' ', "_"),
                serde_json::json!({"precision": c.precision(), "recall": c.recall(), "f1": c.f1(),
                    "correct": c.correct, "predicted": c.predicted, "gold": c.gold}),
            );
        }
        let out = serde_json::json!({"articles": articles, "failed": failed, "layers": rows});
        println!("{}", serde_json::to_string_pretty(&out)?);
    } else {
        println!("{articles} articles");
        println!(
            "{:<18} {:>9} {:>9} {:>9} {:>8} {:>10} {:>6}",
            "layer", "precision", "recall", "f1", "correct", "predicted", "gold"
        );
        for (name, c) in total.rows() {
            println!(
                "{:<18} {:>9.3} {:>9.3} {:>9.3} {:>8} {:>10} {:>6}",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.correct,
                c.predicted,
                c.gold
            );
        }
    }
    Ok(())
}
