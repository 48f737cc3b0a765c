//! The ingest run: sources split into units on one thread, units read and extracted on every
//! core, results written by the calling thread in small transactions.
//!
//! Resumability: a document is stored with its layers in one transaction keyed by its content
//! hash; a source is marked done (with its size and modification time) only in a transaction
//! after all of its units are stored. A killed run leaves some documents of unfinished sources
//! stored; the rerun reads those sources again and skips what is already there.

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::time::{Duration, Instant};

use byline_extract::{Input, Pipeline};
use byline_store::{Status, Store, Write};
use rayon::iter::{ParallelBridge, ParallelIterator};
use sha2::{Digest, Sha256};

use crate::read::{split_file, walk, Reader, Record, Unit};
use crate::{lang, Limits, Result};

/// How a run behaves.
#[derive(Clone, Debug)]
pub struct Options {
    /// Size limits for every reader.
    pub limits: Limits,
    /// Fetch the pages that feed items link to when the feed does not carry the article.
    pub fetch: bool,
    /// Documents per transaction.
    pub batch: usize,
    /// Publication date for documents that carry none.
    pub published: Option<String>,
    /// Outlet for documents that carry none.
    pub outlet: Option<String>,
    /// Store non-English documents flagged (true) or extract them anyway (false).
    pub detect_language: bool,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            limits: Limits::default(),
            fetch: true,
            batch: 32,
            published: None,
            outlet: None,
            detect_language: true,
        }
    }
}

/// Where a run stands.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Progress {
    /// Sources (files, URLs) found.
    pub sources: u64,
    /// Sources skipped because an earlier run finished them.
    pub sources_skipped: u64,
    /// Units (documents, records, lines, items) read so far.
    pub units: u64,
    /// Documents added to the store.
    pub added: u64,
    /// Documents already in the store.
    pub duplicates: u64,
    /// Of the added documents, those flagged as not English.
    pub not_english: u64,
    /// Units that failed (recorded in the store).
    pub errors: u64,
    /// Time since the run started.
    pub elapsed: Duration,
}

impl Progress {
    /// Documents handled per second.
    pub fn docs_per_second(&self) -> f64 {
        let secs = self.elapsed.as_secs_f64();
        if secs > 0.0 {
            (self.added + self.duplicates) as f64 / secs
        } else {
            0.0
        }
    }
}

/// The end of a run.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    /// Final counts.
    pub progress: Progress,
    /// The first errors, as (source, message).
    pub first_errors: Vec<(String, String)>,
    /// Errors by kind (the message up to its first colon).
    pub errors_by_kind: Vec<(String, u64)>,
}

/// What a reader thread sends to the writer.
enum Msg {
    /// The outcome of one unit of the source `root`.
    Unit {
        root: String,
        writes: Vec<Out>,
        units: u64,
    },
    /// The source `root` has been split into `units` units.
    SourceEnd {
        root: String,
        fingerprint: String,
        units: u64,
    },
}

/// What one record comes to.
enum Out {
    /// Something to store.
    Store(Write),
    /// A document already stored: nothing to do.
    Known,
}

/// A source to read.
enum Source {
    File {
        path: PathBuf,
        root: String,
        fingerprint: String,
    },
    Url(String),
}

fn fingerprint(path: &std::path::Path) -> String {
    match std::fs::metadata(path) {
        Ok(m) => {
            let mtime = m
                .modified()
                .ok()
                .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            format!("{}:{mtime}", m.len())
        }
        Err(_) => "missing".into(),
    }
}

/// The id the pipeline gives a text: a hash of its normalised form.
pub fn content_id(text: &str) -> String {
    let normalized = byline_text::normalize(text);
    let digest = Sha256::digest(normalized.text.as_bytes());
    digest[..16].iter().map(|b| format!("{b:02x}")).collect()
}

/// Reads `inputs` (files, folders, `http(s)://` URLs), extracts every document with
/// `pipeline` and stores it. Per-document errors are recorded in the store and counted; only
/// store failures end the run with an error.
pub fn ingest(
    inputs: &[String],
    store: &mut Store,
    pipeline: &Pipeline,
    options: &Options,
    on_progress: &mut dyn FnMut(&Progress),
) -> Result<Summary> {
    let started = Instant::now();
    let mut progress = Progress::default();
    let mut summary = Summary::default();
    let mut error_kinds: HashMap<String, u64> = HashMap::new();

    // sources, minus those an earlier run finished
    let mut sources = Vec::new();
    let mut early_errors = Vec::new();
    for input in inputs {
        if input.starts_with("http://") || input.starts_with("https://") {
            sources.push(Source::Url(input.clone()));
            continue;
        }
        let mut files = Vec::new();
        if let Err(e) = walk(std::path::Path::new(input), &mut files) {
            early_errors.push(Write::Error {
                source: input.clone(),
                message: format!("cannot read: {e}"),
            });
            continue;
        }
        for path in files {
            let root = path.display().to_string();
            let fp = fingerprint(&path);
            progress.sources += 1;
            if store.source_done(&root, &fp)? {
                progress.sources_skipped += 1;
                continue;
            }
            sources.push(Source::File {
                path,
                root,
                fingerprint: fp,
            });
        }
    }
    progress.sources += sources
        .iter()
        .filter(|s| matches!(s, Source::Url(_)))
        .count() as u64;
    if !early_errors.is_empty() {
        let w = store.write(&early_errors)?;
        progress.errors += w.errors;
        for e in &early_errors {
            if let Write::Error { source, message } = e {
                summary.first_errors.push((source.clone(), message.clone()));
            }
        }
    }
    let known: HashSet<String> = store.document_ids()?.into_iter().collect();

    let agent = ureq::AgentBuilder::new()
        .timeout_connect(options.limits.fetch_timeout)
        .timeout(options.limits.fetch_timeout)
        .redirects(5)
        .build();
    let reader = Reader {
        limits: &options.limits,
        fetch: options.fetch,
        agent,
    };
    let stop = AtomicBool::new(false);
    let (unit_tx, unit_rx) = sync_channel::<(String, Unit)>(64);
    let (msg_tx, msg_rx) = sync_channel::<Msg>(256);

    let result = std::thread::scope(|scope| {
        // splitter: sources → units, in order
        let splitter_tx = msg_tx.clone();
        let limits = options.limits;
        let stop_ref = &stop;
        scope.spawn(move || split_all(sources, &limits, &unit_tx, &splitter_tx, stop_ref));
        // readers: every core
        let workers_tx = msg_tx;
        let reader_ref = &reader;
        let known_ref = &known;
        scope.spawn(move || {
            unit_rx.into_iter().par_bridge().for_each(|(root, unit)| {
                if stop_ref.load(Ordering::Relaxed) {
                    return;
                }
                let writes = reader_ref
                    .read(unit)
                    .into_iter()
                    .map(|(source, rec)| to_write(source, rec, pipeline, options, known_ref))
                    .collect();
                let _ = workers_tx.send(Msg::Unit {
                    root,
                    writes,
                    units: 1,
                });
            });
        });
        let r = write_all(
            msg_rx,
            store,
            options,
            &mut progress,
            &mut summary,
            &mut error_kinds,
            started,
            on_progress,
        );
        if r.is_err() {
            stop.store(true, Ordering::Relaxed);
        }
        r
    });
    result?;
    progress.elapsed = started.elapsed();
    on_progress(&progress);
    let mut kinds: Vec<(String, u64)> = error_kinds.into_iter().collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    summary.errors_by_kind = kinds;
    summary.progress = progress;
    Ok(summary)
}

fn split_all(
    sources: Vec<Source>,
    limits: &Limits,
    unit_tx: &SyncSender<(String, Unit)>,
    msg_tx: &SyncSender<Msg>,
    stop: &AtomicBool,
) {
    for source in sources {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        match source {
            Source::Url(url) => {
                if unit_tx.send((url.clone(), Unit::Url(url))).is_err() {
                    return;
                }
            }
            Source::File {
                path,
                root,
                fingerprint,
            } => {
                let mut units = 0u64;
                split_file(&path, limits, &mut |unit| {
                    units += 1;
                    unit_tx.send((root.clone(), unit)).is_ok() && !stop.load(Ordering::Relaxed)
                });
                if msg_tx
                    .send(Msg::SourceEnd {
                        root,
                        fingerprint,
                        units,
                    })
                    .is_err()
                {
                    return;
                }
            }
        }
    }
}

/// One record → what to write: the document, a flagged non-English document, an error, or
/// nothing when the document is already stored.
fn to_write(
    source: String,
    rec: Result<Record>,
    pipeline: &Pipeline,
    options: &Options,
    known: &HashSet<String>,
) -> Out {
    match record_to_write(source, rec, pipeline, options, known) {
        Some(w) => Out::Store(w),
        None => Out::Known,
    }
}

fn record_to_write(
    source: String,
    rec: Result<Record>,
    pipeline: &Pipeline,
    options: &Options,
    known: &HashSet<String>,
) -> Option<Write> {
    let error = |e: &dyn std::fmt::Display| Write::Error {
        source: source.clone(),
        message: e.to_string(),
    };
    let rec = match rec {
        Ok(r) => r,
        Err(e) => return Some(error(&e)),
    };
    let id = content_id(&rec.text);
    if known.contains(&id) {
        return None;
    }
    let input = Input {
        text: rec.text,
        published: rec.published.or_else(|| options.published.clone()),
        outlet: rec.outlet.or_else(|| options.outlet.clone()),
        url: rec.url,
        title: rec.title,
    };
    if options.detect_language {
        if let Some(language) = lang::is_foreign(&input.text) {
            let normalized = byline_text::normalize(&input.text).text;
            if normalized.trim().is_empty() {
                return Some(error(&"extract: empty document"));
            }
            let mut doc = byline_model::Document::new(normalized);
            doc.id = id;
            doc.language = language;
            doc.url = input.url;
            doc.outlet = input.outlet;
            doc.title = input.title;
            doc.published = input
                .published
                .filter(|p| crate::html::iso_date(p).is_some());
            return match serde_json::to_string(&doc) {
                Ok(json) => Some(Write::Document {
                    doc: Box::new(doc),
                    json,
                    status: Status::NotEnglish,
                    source,
                }),
                Err(e) => Some(error(&e)),
            };
        }
    }
    match pipeline.extract(&input) {
        Err(e) => Some(error(&crate::Error::from(e))),
        Ok(doc) => match serde_json::to_string(&doc) {
            Ok(json) => Some(Write::Document {
                doc: Box::new(doc),
                json,
                status: Status::Extracted,
                source,
            }),
            Err(e) => Some(error(&e)),
        },
    }
}

#[allow(clippy::too_many_arguments)]
fn write_all(
    rx: Receiver<Msg>,
    store: &mut Store,
    options: &Options,
    progress: &mut Progress,
    summary: &mut Summary,
    error_kinds: &mut HashMap<String, u64>,
    started: Instant,
    on_progress: &mut dyn FnMut(&Progress),
) -> Result<()> {
    let mut pending: Vec<Write> = Vec::new();
    let mut pending_docs = 0usize;
    let mut done: HashMap<String, u64> = HashMap::new();
    let mut ends: HashMap<String, (String, u64)> = HashMap::new();
    let mut last_flush = Instant::now();
    let flush =
        |pending: &mut Vec<Write>, store: &mut Store, progress: &mut Progress| -> Result<()> {
            if pending.is_empty() {
                return Ok(());
            }
            let w = store.write(pending)?;
            progress.added += w.added;
            progress.duplicates += w.duplicates;
            progress.errors += w.errors;
            pending.clear();
            Ok(())
        };
    let finish_source = |root: &str,
                         done: &HashMap<String, u64>,
                         ends: &mut HashMap<String, (String, u64)>,
                         pending: &mut Vec<Write>| {
        if let Some((fp, units)) = ends.get(root) {
            if done.get(root).copied().unwrap_or(0) >= *units {
                pending.push(Write::SourceDone {
                    source: root.to_string(),
                    fingerprint: fp.clone(),
                    units: *units,
                });
                ends.remove(root);
            }
        }
    };
    loop {
        let msg = match rx.recv_timeout(Duration::from_millis(250)) {
            Ok(m) => Some(m),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => None,
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => break,
        };
        match msg {
            Some(Msg::Unit {
                root,
                writes,
                units,
            }) => {
                progress.units += units;
                for out in writes {
                    let w = match out {
                        Out::Known => {
                            progress.duplicates += 1;
                            continue;
                        }
                        Out::Store(w) => w,
                    };
                    match w {
                        Write::Error {
                            ref source,
                            ref message,
                        } => {
                            let kind = message.split(':').next().unwrap_or("error").to_string();
                            *error_kinds.entry(kind).or_default() += 1;
                            if summary.first_errors.len() < 20 {
                                summary.first_errors.push((source.clone(), message.clone()));
                            }
                            pending.push(w);
                        }
                        Write::Document { status, .. } => {
                            if status == Status::NotEnglish {
                                progress.not_english += 1;
                            }
                            pending_docs += 1;
                            pending.push(w);
                        }
                        other => pending.push(other),
                    }
                }
                *done.entry(root.clone()).or_default() += units;
                finish_source(&root, &done, &mut ends, &mut pending);
            }
            Some(Msg::SourceEnd {
                root,
                fingerprint,
                units,
            }) => {
                ends.insert(root.clone(), (fingerprint, units));
                finish_source(&root, &done, &mut ends, &mut pending);
            }
            None => {}
        }
        if pending_docs >= options.batch.max(1)
            || last_flush.elapsed() >= Duration::from_millis(500)
        {
            flush(&mut pending, store, progress)?;
            pending_docs = 0;
            last_flush = Instant::now();
            progress.elapsed = started.elapsed();
            on_progress(progress);
        }
    }
    flush(&mut pending, store, progress)
}
