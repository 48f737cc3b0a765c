//! The PLOVER gold-standard records scorer (`PLOVER_GSR_CAMEO.txt`, one sentence per record).
//!
//! Each record holds one sentence, its PLOVER event type and the source and target actor codes
//! (`USA`, `ISR`, `IGO` …, with an optional `sector`). Old label names are mapped to current
//! PLOVER: DEMAND → REQUEST, DISAPPROVE → ACCUSE, FIGHT → ASSAULT, INVESTIGATE → ACCUSE; the
//! `DOCUMENT` record is skipped.
//!
//! A system gives one [`Prediction`] per record: the first event byline reports for the
//! sentence ([`Prediction::from_document`]). Scoring:
//! - event type: precision, recall and F1 per type and micro-averaged over records (a record
//!   with no prediction counts as missed);
//! - record accuracy: type, source and target all right. An actor matches when its code (or
//!   country) starts with one of the gold codes; a record without a gold target wants no
//!   target, except that reciprocal records (marked `SRC/TAR`) accept the other side as target.
//!   A gold `IGO` also accepts an `NGO…` code: the records code the large international NGOs
//!   (Amnesty International, the Red Cross and Red Crescent) as `IGO`, where the CAMEO actor
//!   codebook, like byline, has them under `NGO` (a convention mismatch, not an error).
//!
//! The records are a gold set but not a designated test split, so [`Split`] holds out every
//! fifth record ([`Split::HeldOut`]) for the reported figure; rules are tuned on the rest
//! ([`Split::Tune`]).
//!
//! ```
//! use byline_eval::plover::{parse, score, Prediction};
//! use byline_model::EventType;
//!
//! let records = parse(r#"[{"id": "X-1", "event": "FIGHT", "text": "Troops shelled the town.",
//!     "source": [{"actorText": "Troops", "code": "ISR"}], "target": ""}]"#).unwrap();
//! assert_eq!(records[0].kind, EventType::Assault);
//! let p = Prediction { kind: Some(EventType::Assault), actor: Some("ISRMIL".into()), target: None };
//! let report = score(&records, &[p]);
//! assert_eq!((report.overall.correct, report.triples), (1, 1));
//! ```

use std::collections::BTreeMap;
use std::fmt;
use std::path::Path;

use byline_model::{Document, EventType};
use serde_json::Value;

use crate::prf::Counts;
use crate::{Error, Result};

/// One gold record.
#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    /// Record id.
    pub id: String,
    /// PLOVER type (current names).
    pub kind: EventType,
    /// The sentence.
    pub text: String,
    /// Source actor codes (upper case, country or IGO/NGO level).
    pub sources: Vec<String>,
    /// Target actor codes.
    pub targets: Vec<String>,
    /// Source and target are reciprocal (`SRC/TAR` in the markup).
    pub reciprocal: bool,
}

/// What a system says about one record.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Prediction {
    /// Event type, or `None` when no event was found.
    pub kind: Option<EventType>,
    /// Code of the source actor.
    pub actor: Option<String>,
    /// Code of the target actor.
    pub target: Option<String>,
}

impl Prediction {
    /// The prediction of a `byline/1` document: its first event (in text order), with the codes
    /// (or countries, or names) of its actor and target.
    pub fn from_document(doc: &Document) -> Prediction {
        let Some(e) = doc.events.iter().min_by_key(|e| e.trigger.span.0) else {
            return Prediction::default();
        };
        let code = |id: Option<&str>| {
            let a = doc.actors.iter().find(|a| Some(a.id.as_str()) == id)?;
            a.code
                .clone()
                .or_else(|| a.country.clone())
                .or_else(|| Some(a.name.clone()))
        };
        Prediction {
            kind: Some(e.kind),
            actor: code(e.actor.as_deref()),
            target: code(e.target.as_deref()),
        }
    }
}

/// Scores over a set of records.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    /// Event type counts per gold or predicted type.
    pub per_type: BTreeMap<EventType, Counts>,
    /// Micro-averaged event type counts.
    pub overall: Counts,
    /// Records scored.
    pub records: usize,
    /// Records with type, source and target right.
    pub triples: usize,
    /// Records with type and source right.
    pub type_source: usize,
}

impl Report {
    /// Share of records with type, source and target right.
    pub fn triple_accuracy(&self) -> f64 {
        if self.records == 0 {
            0.0
        } else {
            self.triples as f64 / self.records as f64
        }
    }
}

fn type_name(k: EventType) -> String {
    match serde_json::to_value(k) {
        Ok(Value::String(s)) => s,
        _ => format!("{k:?}"),
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<10} {:>6} {:>6} {:>6} {:>5} {:>5} {:>5}",
            "type", "P", "R", "F1", "ok", "pred", "gold"
        )?;
        let rows = self
            .per_type
            .iter()
            .map(|(k, c)| (type_name(*k), *c))
            .chain(std::iter::once(("overall".to_string(), self.overall)));
        for (name, c) in rows {
            writeln!(
                f,
                "{:<10} {:>6.3} {:>6.3} {:>6.3} {:>5} {:>5} {:>5}",
                name,
                c.precision(),
                c.recall(),
                c.f1(),
                c.correct,
                c.predicted,
                c.gold
            )?;
        }
        writeln!(
            f,
            "records {}: type+source {} ({:.3}), type+source+target {} ({:.3})",
            self.records,
            self.type_source,
            ratio(self.type_source, self.records),
            self.triples,
            self.triple_accuracy()
        )
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// The current PLOVER type of a label, old names mapped; `None` for `DOCUMENT` and unknowns.
pub fn label(name: &str) -> Option<EventType> {
    Some(match name {
        "AGREE" => EventType::Agree,
        "CONSULT" => EventType::Consult,
        "SUPPORT" => EventType::Support,
        "CONCEDE" => EventType::Concede,
        "COOPERATE" => EventType::Cooperate,
        "AID" => EventType::Aid,
        "RETREAT" => EventType::Retreat,
        "REQUEST" | "DEMAND" => EventType::Request,
        "ACCUSE" | "DISAPPROVE" | "INVESTIGATE" => EventType::Accuse,
        "REJECT" => EventType::Reject,
        "THREATEN" => EventType::Threaten,
        "PROTEST" => EventType::Protest,
        "SANCTION" => EventType::Sanction,
        "MOBILIZE" => EventType::Mobilize,
        "COERCE" => EventType::Coerce,
        "ASSAULT" | "FIGHT" => EventType::Assault,
        _ => return None,
    })
}

/// Which records to score: all, the tuning part, or the held-out part (every fifth record, in
/// file order, counting only scored records: positions 4, 9, 14 …).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Split {
    /// Every record.
    #[default]
    All,
    /// The records rules are tuned on (four in five).
    Tune,
    /// Every fifth record, never looked at while tuning.
    HeldOut,
}

impl Split {
    /// True when the record at `index` (0-based, in file order) belongs to the split.
    pub fn contains(self, index: usize) -> bool {
        let held_out = index % 5 == 4;
        match self {
            Split::All => true,
            Split::Tune => !held_out,
            Split::HeldOut => held_out,
        }
    }

    /// The records of the split, in file order.
    pub fn select(self, records: Vec<Record>) -> Vec<Record> {
        records
            .into_iter()
            .enumerate()
            .filter(|(i, _)| self.contains(*i))
            .map(|(_, r)| r)
            .collect()
    }
}

/// Actor codes of a `source` or `target` field (a list of actors; anything else is none).
fn codes(v: Option<&Value>) -> Vec<String> {
    let Some(Value::Array(items)) = v else {
        return Vec::new();
    };
    items
        .iter()
        .filter_map(|a| a.get("code").and_then(Value::as_str))
        .map(|c| iso_code(&c.trim().to_uppercase()).to_string())
        .filter(|c| !c.is_empty())
        .collect()
}

/// The ISO 3166 code of a country code: the records keep a few older KEDS/CAMEO codes (`ITL`
/// Italy, `JAP` Japan, `VTN` Vietnam) where byline, like current CAMEO, uses ISO codes.
fn iso_code(code: &str) -> &str {
    match code {
        "ITL" => "ITA",
        "JAP" => "JPN",
        "VTN" => "VNM",
        c => c,
    }
}

/// Parses the records of a PLOVER GSR file (a JSON array).
pub fn parse(text: &str) -> Result<Vec<Record>> {
    let format = |message: String| Error::Format {
        path: "PLOVER records".into(),
        message,
    };
    let all: Vec<Value> = serde_json::from_str(text).map_err(|e| format(e.to_string()))?;
    let mut out = Vec::new();
    for v in all {
        let Some(kind) = v.get("event").and_then(Value::as_str).and_then(label) else {
            continue;
        };
        let Some(text) = v.get("text").and_then(Value::as_str) else {
            continue;
        };
        let markup = v
            .get("textInfo")
            .and_then(|t| t.get("markup"))
            .and_then(Value::as_str)
            .unwrap_or("");
        out.push(Record {
            id: v
                .get("id")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string(),
            kind,
            text: text.to_string(),
            sources: codes(v.get("source")),
            targets: codes(v.get("target")),
            reciprocal: markup.contains("SRC/TAR"),
        });
    }
    Ok(out)
}

/// Reads and parses a PLOVER GSR file.
pub fn read(path: &Path) -> Result<Vec<Record>> {
    let text = std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.to_path_buf(),
        source,
    })?;
    parse(&text).map_err(|e| match e {
        Error::Format { message, .. } => Error::Format {
            path: path.to_path_buf(),
            message,
        },
        other => other,
    })
}

fn matches(code: Option<&str>, gold: &[String]) -> bool {
    code.is_some_and(|c| {
        let c = c.to_uppercase();
        gold.iter()
            .any(|g| c.starts_with(g.as_str()) || (g == "IGO" && c.starts_with("NGO")))
    })
}

/// True when the prediction's source is right for the record.
pub fn source_ok(r: &Record, p: &Prediction) -> bool {
    if r.sources.is_empty() {
        p.actor.is_none()
    } else {
        matches(p.actor.as_deref(), &r.sources)
            || (r.reciprocal && matches(p.actor.as_deref(), &r.targets))
    }
}

/// True when the prediction's target is right for the record.
pub fn target_ok(r: &Record, p: &Prediction) -> bool {
    if r.targets.is_empty() {
        p.target.is_none() || (r.reciprocal && matches(p.target.as_deref(), &r.sources))
    } else {
        matches(p.target.as_deref(), &r.targets)
            || (r.reciprocal && matches(p.target.as_deref(), &r.sources))
    }
}

/// Scores predictions (one per record, same order; missing ones count as no prediction).
pub fn score(records: &[Record], predictions: &[Prediction]) -> Report {
    let mut report = Report {
        records: records.len(),
        ..Report::default()
    };
    let none = Prediction::default();
    for (i, r) in records.iter().enumerate() {
        let p = predictions.get(i).unwrap_or(&none);
        report.per_type.entry(r.kind).or_default().gold += 1;
        report.overall.gold += 1;
        if let Some(k) = p.kind {
            report.per_type.entry(k).or_default().predicted += 1;
            report.overall.predicted += 1;
            if k == r.kind {
                report.per_type.entry(k).or_default().correct += 1;
                report.overall.correct += 1;
                if source_ok(r, p) {
                    report.type_source += 1;
                    if target_ok(r, p) {
                        report.triples += 1;
                    }
                }
            }
        }
    }
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = r#"[
      {"id": "D", "event": "DOCUMENT", "eventText": "docs"},
      {"id": "A", "event": "DEMAND", "text": "Ruritania demanded that Freedonia pay.",
       "source": [{"actorText": "Ruritania", "code": "RUR"}],
       "target": [{"actorText": "Freedonia", "code": "FRE", "sector": "GOV"}],
       "textInfo": {"markup": "(SRC: Ruritania) (EVT: demanded) that (TAR: Freedonia) pay."}},
      {"id": "B", "event": "AGREE", "text": "Ruritania and Freedonia agreed.",
       "source": [{"code": "RUR"}, {"code": "FRE"}], "target": "",
       "textInfo": {"markup": "(SRC/TAR: Ruritania) and (SRC/TAR: Freedonia) (EVT: agreed)."}},
      {"id": "C", "event": "INVESTIGATE", "text": "Police probed the mayor.",
       "source": [{"code": "RURCOP"}], "target": "diplomatic"}
    ]"#;

    fn pred(kind: EventType, actor: Option<&str>, target: Option<&str>) -> Prediction {
        Prediction {
            kind: Some(kind),
            actor: actor.map(String::from),
            target: target.map(String::from),
        }
    }

    #[test]
    fn parses_and_maps_old_labels() {
        let r = parse(SAMPLE).unwrap();
        assert_eq!(r.len(), 3);
        assert_eq!(r[0].kind, EventType::Request);
        assert_eq!(r[0].targets, ["FRE"]);
        assert!(r[1].reciprocal && r[1].targets.is_empty());
        assert_eq!(r[2].kind, EventType::Accuse);
        assert!(r[2].targets.is_empty());
        assert!(parse("{").is_err());
        let legacy = parse(
            r#"[{"id": "E", "event": "SANCTION", "text": "Japan cut aid to Ruritania.",
                 "source": [{"code": "JAP"}], "target": [{"code": "ITL"}]}]"#,
        )
        .unwrap();
        assert_eq!(legacy[0].sources, ["JPN"]);
        assert_eq!(legacy[0].targets, ["ITA"]);
    }

    #[test]
    fn scores_types_and_records() {
        let r = parse(SAMPLE).unwrap();
        let p = vec![
            pred(EventType::Request, Some("RURGOV"), Some("FRE")),
            pred(EventType::Agree, Some("RUR"), Some("FREGOV")),
            pred(EventType::Coerce, Some("RURCOP"), None),
        ];
        let s = score(&r, &p);
        assert_eq!(s.overall.correct, 2);
        assert_eq!(s.overall.predicted, 3);
        assert_eq!(s.triples, 2);
        assert_eq!(s.per_type[&EventType::Accuse].gold, 1);
        assert_eq!(s.per_type[&EventType::Coerce].predicted, 1);
        // The records code international NGOs as IGO; CAMEO (and byline) as NGO.
        let igo = parse(
            r#"[{"id": "F", "event": "DEMAND", "text": "Amnesty demanded it.",
                 "source": [{"code": "IGO"}], "target": ""}]"#,
        )
        .unwrap();
        assert_eq!(
            score(&igo, &[pred(EventType::Request, Some("NGOHRI"), None)]).triples,
            1
        );
        let wrong_target = vec![pred(EventType::Request, Some("RUR"), Some("XYZ"))];
        assert_eq!(score(&r[..1], &wrong_target).triples, 0);
        assert_eq!(score(&r[..1], &[]).overall.predicted, 0);
        assert!(s.to_string().contains("overall"));
    }

    #[test]
    fn splits_hold_out_every_fifth_record() {
        let r: Vec<Record> = (0..12)
            .map(|i| Record {
                id: i.to_string(),
                kind: EventType::Agree,
                text: String::new(),
                sources: vec![],
                targets: vec![],
                reciprocal: false,
            })
            .collect();
        let ids =
            |s: Split| -> Vec<String> { s.select(r.clone()).into_iter().map(|r| r.id).collect() };
        assert_eq!(ids(Split::HeldOut), ["4", "9"]);
        assert_eq!(ids(Split::Tune).len(), 10);
        assert_eq!(ids(Split::All).len(), 12);
    }
}
