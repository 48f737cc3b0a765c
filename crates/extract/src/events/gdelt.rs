//! GDELT-like event rows: the columns GDELT users know (date, actor codes, CAMEO root, QuadClass,
//! Goldstein-like score, location, source URL) plus PLOVER type and mode and byline's provenance
//! (the claim's sources, their kinds and its factuality).

use byline_lexicon::events::{goldstein, plover_name, quad_class};
use byline_model::{Actor, Document, Event, EventStatus, Factuality, Polarity, SourceKind};

/// Column names of [`gdelt_row`], in order.
pub const GDELT_COLUMNS: &[&str] = &[
    "GlobalEventID",
    "Day",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "EventCode",
    "EventRootCode",
    "PloverType",
    "PloverMode",
    "QuadClass",
    "GoldsteinScale",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "SourceURL",
    "Trigger",
    "Polarity",
    "Status",
    "Claim",
    "Sources",
    "SourceKinds",
    "Factuality",
];

fn actor<'a>(doc: &'a Document, id: Option<&str>) -> Option<&'a Actor> {
    let id = id?;
    doc.actors.iter().find(|a| a.id == id)
}

fn kind_name(k: SourceKind) -> &'static str {
    match k {
        SourceKind::NamedPerson => "named_person",
        SourceKind::NamedOrganization => "named_organization",
        SourceKind::Anonymous => "anonymous",
        SourceKind::Outlet => "outlet",
        SourceKind::Document => "document",
    }
}

fn factuality_name(f: Factuality) -> &'static str {
    match f {
        Factuality::Asserted => "asserted",
        Factuality::Reported => "reported",
        Factuality::Hedged => "hedged",
        Factuality::Belief => "belief",
        Factuality::Denied => "denied",
        Factuality::Unverified => "unverified",
        Factuality::Disputed => "disputed",
    }
}

/// The event's date: its time expression's value when that is a full date, else the
/// publication date; `YYYYMMDD` as GDELT writes it.
fn day(doc: &Document, event: &Event) -> String {
    let from_time = event
        .time
        .as_deref()
        .and_then(|id| doc.times.iter().find(|t| t.id == id))
        .and_then(|t| t.value.as_deref())
        .filter(|v| v.len() == 10 && v.as_bytes()[4] == b'-');
    from_time
        .or(doc.published.as_deref())
        .map(|d| d.chars().filter(char::is_ascii_digit).take(8).collect())
        .unwrap_or_default()
}

/// One GDELT-like row for `event` of `doc`, in the order of [`GDELT_COLUMNS`].
pub fn gdelt_row(doc: &Document, event: &Event) -> Vec<String> {
    let a1 = actor(doc, event.actor.as_deref());
    let a2 = actor(doc, event.target.as_deref());
    let loc = actor(doc, event.location.as_deref());
    let claim = event
        .claim
        .as_deref()
        .and_then(|id| doc.claims.iter().find(|c| c.id == id));
    let sources: Vec<&byline_model::Source> = claim
        .map(|c| {
            c.sources
                .iter()
                .filter_map(|s| doc.sources.iter().find(|x| &x.id == s))
                .collect()
        })
        .unwrap_or_default();
    let cameo = event.cameo.clone().unwrap_or_default();
    let code = |a: Option<&Actor>| a.and_then(|a| a.code.clone()).unwrap_or_default();
    let name = |a: Option<&Actor>| a.map(|a| a.name.clone()).unwrap_or_default();
    let country = |a: Option<&Actor>| a.and_then(|a| a.country.clone()).unwrap_or_default();
    vec![
        format!("{}-{}", doc.id, event.id),
        day(doc, event),
        code(a1),
        name(a1),
        country(a1),
        code(a2),
        name(a2),
        country(a2),
        cameo.clone(),
        cameo.get(..2).unwrap_or("").to_string(),
        plover_name(event.kind).to_string(),
        event.mode.clone().unwrap_or_default(),
        quad_class(&cameo)
            .map(|q| q.to_string())
            .unwrap_or_default(),
        goldstein(&cameo)
            .map(|g| format!("{g:.1}"))
            .unwrap_or_default(),
        name(loc),
        country(loc),
        doc.url.clone().unwrap_or_default(),
        event.trigger.text.clone(),
        match event.polarity {
            Polarity::Positive => "positive".into(),
            Polarity::Negated => "negated".into(),
        },
        status_name(event.status).into(),
        claim.map(|c| c.id.clone()).unwrap_or_default(),
        sources
            .iter()
            .map(|s| s.text.as_str())
            .collect::<Vec<_>>()
            .join("|"),
        sources
            .iter()
            .map(|s| kind_name(s.kind))
            .collect::<Vec<_>>()
            .join("|"),
        // An event outside every claim is said in the outlet's own voice.
        claim
            .map(|c| factuality_name(c.factuality))
            .unwrap_or("asserted")
            .to_string(),
    ]
}

/// The same row as a JSON object keyed by [`GDELT_COLUMNS`] (for `--format jsonl`).
pub fn gdelt_json(doc: &Document, event: &Event) -> serde_json::Value {
    let row = gdelt_row(doc, event);
    let map: serde_json::Map<String, serde_json::Value> = GDELT_COLUMNS
        .iter()
        .zip(row)
        .map(|(k, v)| (k.to_string(), serde_json::Value::String(v)))
        .collect();
    serde_json::Value::Object(map)
}

fn status_name(s: EventStatus) -> &'static str {
    match s {
        EventStatus::Actual => "actual",
        EventStatus::Ongoing => "ongoing",
        EventStatus::Planned => "planned",
        EventStatus::Proposed => "proposed",
        EventStatus::Hypothetical => "hypothetical",
    }
}
