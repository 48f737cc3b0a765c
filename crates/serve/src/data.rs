//! The data layer that both the JSON API and the HTML pages call: plain serde structs and async
//! functions over an [`AppState`]. Every function runs its store queries on a blocking thread
//! with a pooled connection; cross-report figures come from the in-memory link index.
//!
//! Ids: a document by its `byline/1` id; a claim by its document id and its id in the document
//! (`c3`); an actor and a claim cluster by their index-wide numbers in the link index.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use byline_link::{ClaimCluster, ClusterSummary, GlobalActor};
use byline_model::{Document, Factuality};
use byline_store::{ClaimQuery, ClaimRow, DocumentQuery, DocumentRow, EventQuery, EventRow, Store};
use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::links::Links;
use crate::AppState;

/// Rows per page when none is asked for.
pub const DEFAULT_LIMIT: u32 = 20;
/// Most rows one page may hold.
pub const MAX_LIMIT: u32 = 200;

/// Which page of a list: `limit` rows from the `offset`-th (0-based).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// Rows per page (1 to [`MAX_LIMIT`]).
    pub limit: u32,
    /// Rows skipped.
    pub offset: u64,
}

impl Default for Page {
    fn default() -> Self {
        Page {
            limit: DEFAULT_LIMIT,
            offset: 0,
        }
    }
}

impl Page {
    /// A page from optional request parameters; a limit of 0 or above [`MAX_LIMIT`] is an error.
    pub fn new(limit: Option<u32>, offset: Option<u64>) -> Result<Page> {
        let limit = limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > MAX_LIMIT {
            return Err(Error::BadRequest(format!(
                "limit must be between 1 and {MAX_LIMIT}"
            )));
        }
        Ok(Page {
            limit,
            offset: offset.unwrap_or(0),
        })
    }

    fn slice<T: Clone>(&self, all: &[T]) -> Vec<T> {
        all.iter()
            .skip(usize::try_from(self.offset).unwrap_or(usize::MAX))
            .take(self.limit as usize)
            .cloned()
            .collect()
    }
}

/// One page of a list, with the total the filter matches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Paged<T> {
    /// Rows the filter matches, over all pages.
    pub total: u64,
    /// Rows skipped before this page.
    pub offset: u64,
    /// Rows per page.
    pub limit: u32,
    /// The offset of the next page, when there is one.
    pub next_offset: Option<u64>,
    /// This page's rows.
    pub items: Vec<T>,
}

impl<T> Paged<T> {
    fn new(total: u64, page: Page, items: Vec<T>) -> Paged<T> {
        let end = page.offset + items.len() as u64;
        Paged {
            total,
            offset: page.offset,
            limit: page.limit,
            next_offset: (end < total && !items.is_empty()).then_some(end),
            items,
        }
    }
}

/// What the store holds, in figures.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Stats {
    /// `sqlite` or `postgres`.
    pub backend: String,
    /// Stored documents.
    pub documents: u64,
    /// Stored claims.
    pub claims: u64,
    /// Stored sources.
    pub sources: u64,
    /// Stored quotes.
    pub quotes: u64,
    /// Stored events.
    pub events: u64,
    /// Actors across reports (link index).
    pub actors: u64,
    /// Claim clusters across reports (link index).
    pub clusters: u64,
    /// Clusters someone denies or contradicts.
    pub contested_clusters: u64,
    /// Outlets with how many documents each.
    pub outlets: Vec<OutletCount>,
    /// Whether `POST /api/extract` and `POST /api/documents` are enabled.
    pub writes_enabled: bool,
}

/// An outlet and its number of documents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutletCount {
    /// Outlet name.
    pub outlet: String,
    /// Documents stored from it.
    pub documents: u64,
}

/// Store and link-index figures.
pub async fn stats(state: &AppState) -> Result<Stats> {
    let writes_enabled = state.writes_enabled();
    state
        .read(move |store, links| {
            let c = store.counts()?;
            let index = links.index();
            Ok(Stats {
                backend: store.backend_name().to_string(),
                documents: c.documents,
                claims: c.claims,
                sources: c.sources,
                quotes: c.quotes,
                events: c.events,
                actors: index.actors().len() as u64,
                clusters: index.clusters().len() as u64,
                contested_clusters: index.clusters().iter().filter(|c| c.contested()).count()
                    as u64,
                outlets: store
                    .outlets()?
                    .into_iter()
                    .map(|(outlet, documents)| OutletCount { outlet, documents })
                    .collect(),
                writes_enabled,
            })
        })
        .await
}

// ---------------------------------------------------------------------------------------------
// Documents

/// Which documents to list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentFilter {
    /// Outlet name (any case).
    pub outlet: Option<String>,
    /// Earliest publication date (`YYYY`, `YYYY-MM`, `YYYY-MM-DD`).
    pub from: Option<String>,
    /// Latest publication date, inclusive.
    pub to: Option<String>,
    /// Words that must all occur in the title or text.
    pub q: Option<String>,
}

/// A document in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentSummary {
    /// `byline/1` id.
    pub id: String,
    /// Headline.
    pub title: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Where it was published.
    pub url: Option<String>,
    /// Language code.
    pub language: String,
    /// `extracted`, `not_english` …
    pub status: String,
    /// Number of claims.
    pub claims: u64,
}

impl From<DocumentRow> for DocumentSummary {
    fn from(r: DocumentRow) -> Self {
        DocumentSummary {
            id: r.id,
            title: r.title,
            outlet: r.outlet,
            published: r.published,
            url: r.url,
            language: r.language,
            status: r.status,
            claims: r.claims,
        }
    }
}

/// One document with its `byline/1` JSON and where it stands among the other reports.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentView {
    /// Its list entry.
    #[serde(flatten)]
    pub summary: DocumentSummary,
    /// Outlets it passes on (credits such as "(Reuters)", or the document's own field).
    pub relayed_from: Vec<String>,
    /// The outlet where its story's chain starts (link index).
    pub origin: Option<String>,
    /// The earlier stored document it is a near-duplicate of.
    pub duplicate_of: Option<String>,
    /// Later stored documents that are near-duplicates of it.
    pub duplicates: Vec<String>,
    /// The whole `byline/1` document, exactly as stored.
    pub document: serde_json::Value,
}

/// Documents matching `filter`, newest first.
pub async fn documents(
    state: &AppState,
    filter: &DocumentFilter,
    page: Page,
) -> Result<Paged<DocumentSummary>> {
    let q = DocumentQuery {
        outlet: nonempty(&filter.outlet),
        from: nonempty(&filter.from),
        to: nonempty(&filter.to),
        search: nonempty(&filter.q),
        limit: page.limit,
    };
    state
        .read(move |store, _| {
            let p = store.documents_page(&q, page.offset)?;
            Ok(Paged::new(
                p.total,
                page,
                p.rows.into_iter().map(DocumentSummary::from).collect(),
            ))
        })
        .await
}

/// One document by id.
pub async fn document(state: &AppState, id: &str) -> Result<DocumentView> {
    let id = id.to_string();
    state
        .read(move |store, links| {
            let (row, json) = load_document(store, &id)?;
            let document: serde_json::Value = serde_json::from_str(&json)
                .map_err(|e| Error::Internal(format!("stored document {id}: {e}")))?;
            let relayed_from = document
                .get("relayed_from")
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(str::to_string))
                        .collect()
                })
                .unwrap_or_default();
            let index = links.index();
            let report = links.report_of(&id);
            let r = report.and_then(|n| index.reports().get(n as usize));
            let duplicates = match report {
                Some(n) => index
                    .reports()
                    .iter()
                    .filter(|o| o.duplicate_of == Some(n))
                    .map(|o| o.id.clone())
                    .collect(),
                None => Vec::new(),
            };
            Ok(DocumentView {
                summary: row.into(),
                relayed_from: r
                    .map(|r| r.relayed_from.clone())
                    .filter(|v| !v.is_empty())
                    .unwrap_or(relayed_from),
                origin: r.map(|r| r.origin.clone()),
                duplicate_of: r
                    .and_then(|r| r.duplicate_of)
                    .and_then(|d| links.doc_of(d))
                    .map(str::to_string),
                duplicates,
                document,
            })
        })
        .await
}

fn load_document(store: &mut Store, id: &str) -> Result<(DocumentRow, String)> {
    store
        .document(id)?
        .ok_or_else(|| Error::NotFound(format!("document {id:?}")))
}

// ---------------------------------------------------------------------------------------------
// Claims

/// Which claims to list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimFilter {
    /// An actor the claim concerns: name (any case) or CAMEO code prefix.
    pub actor: Option<String>,
    /// `asserted`, `reported`, `hedged`, `belief`, `denied`, `unverified`, `disputed`.
    pub factuality: Option<String>,
    /// `anonymous`, `named_person`, `named_organization`, `outlet`, `document`.
    pub source_kind: Option<String>,
    /// Earliest report date.
    pub from: Option<String>,
    /// Latest report date, inclusive.
    pub to: Option<String>,
    /// Words that must all occur in the claim.
    pub q: Option<String>,
}

/// A claim in a list.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimSummary {
    /// The document it is in.
    pub doc_id: String,
    /// Its id in the document.
    pub claim_id: String,
    /// Its text.
    pub text: Option<String>,
    /// Its factuality.
    pub factuality: Option<String>,
    /// The report's date.
    pub published: Option<String>,
    /// The report's outlet.
    pub outlet: Option<String>,
    /// The report's URL.
    pub url: Option<String>,
    /// Kinds of its sources.
    pub source_kinds: Vec<String>,
    /// Texts of its sources, as written.
    pub sources: Vec<String>,
    /// The claim cluster it belongs to, when linked.
    pub cluster: Option<u32>,
}

fn claim_summary(row: ClaimRow, links: &Links) -> ClaimSummary {
    let cluster = links.cluster_of(&row.doc_id, &row.claim_id);
    let outlet = links
        .report_of(&row.doc_id)
        .and_then(|r| links.index().reports().get(r as usize))
        .and_then(|r| r.outlet.clone());
    let sources = cluster
        .and_then(|c| links.index().clusters().get(c as usize))
        .and_then(|c| {
            let report = links.report_of(&row.doc_id)?;
            c.members
                .iter()
                .find(|m| m.report == report && m.claim == row.claim_id)
                .map(|m| m.sources.clone())
        })
        .unwrap_or_default();
    ClaimSummary {
        doc_id: row.doc_id,
        claim_id: row.claim_id,
        text: row.text,
        factuality: row.factuality,
        published: row.published,
        outlet,
        url: row.url,
        source_kinds: row.source_kinds,
        sources,
        cluster,
    }
}

fn claim_query(filter: &ClaimFilter, limit: u32) -> ClaimQuery {
    ClaimQuery {
        actor: nonempty(&filter.actor),
        source_kind: nonempty(&filter.source_kind),
        factuality: nonempty(&filter.factuality),
        from: nonempty(&filter.from),
        to: nonempty(&filter.to),
        search: nonempty(&filter.q),
        limit,
    }
}

/// Claims matching `filter`, newest report first.
pub async fn claims(
    state: &AppState,
    filter: &ClaimFilter,
    page: Page,
) -> Result<Paged<ClaimSummary>> {
    let q = claim_query(filter, page.limit);
    state
        .read(move |store, links| {
            let p = store.claims_page(&q, page.offset)?;
            Ok(Paged::new(
                p.total,
                page,
                p.rows
                    .into_iter()
                    .map(|r| claim_summary(r, links))
                    .collect(),
            ))
        })
        .await
}

/// Who a claim is attributed to, resolved.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SourceView {
    /// Id in the document (`s1`).
    pub id: String,
    /// The source as written ("two senior officials").
    pub text: String,
    /// `named_person`, `named_organization`, `anonymous`, `outlet`, `document`.
    pub kind: String,
    /// How many people it stands for.
    pub count: Option<u32>,
    /// "senior" …
    pub seniority: Option<String>,
    /// "official" …
    pub role: Option<String>,
    /// Name of the actor it is affiliated with.
    pub affiliation: Option<String>,
    /// Name of the actor it is (named sources).
    pub actor: Option<String>,
}

/// An event of a claim or an actor.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EventSummary {
    /// The document it is in.
    pub doc_id: String,
    /// Its id in the document.
    pub event_id: String,
    /// PLOVER type.
    pub event_type: Option<String>,
    /// Its date, else the report's date.
    pub date: Option<String>,
    /// The word(s) that signal it.
    pub trigger: Option<String>,
    /// The doer's name.
    pub actor: Option<String>,
    /// The doer's CAMEO code.
    pub actor_code: Option<String>,
    /// The target's name.
    pub target: Option<String>,
    /// The target's CAMEO code.
    pub target_code: Option<String>,
    /// `asserted`, `negated` … as stored.
    pub polarity: Option<String>,
    /// `occurred`, `planned` … as stored.
    pub status: Option<String>,
    /// The claim it is part of.
    pub claim: Option<String>,
    /// The report's URL.
    pub url: Option<String>,
}

fn event_summary(r: EventRow) -> EventSummary {
    let get = |k: &str| r.json.get(k).and_then(|v| v.as_str()).map(str::to_string);
    EventSummary {
        trigger: r
            .json
            .get("trigger")
            .and_then(|t| t.get("text"))
            .and_then(|v| v.as_str())
            .map(str::to_string),
        polarity: get("polarity"),
        status: get("status"),
        claim: get("claim"),
        doc_id: r.doc_id,
        event_id: r.event_id,
        event_type: r.event_type,
        date: r.date,
        actor: r.actor,
        actor_code: r.actor_code,
        target: r.target,
        target_code: r.target_code,
        url: r.url,
    }
}

/// One claim with where it came from: its sources and cue, the report that carries it and what
/// that report relays, and the other reports that carry the same proposition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimView {
    /// The document it is in.
    pub doc_id: String,
    /// Its id in the document.
    pub claim_id: String,
    /// Its text.
    pub text: String,
    /// The sentence(s) it was read from.
    pub context: String,
    /// Its factuality.
    pub factuality: String,
    /// The attribution cue ("said", "according to").
    pub cue: Option<String>,
    /// Whether it is a direct quote.
    pub quote: bool,
    /// The claim it is embedded in ("X said Y denied Z").
    pub parent: Option<String>,
    /// Who it is attributed to.
    pub sources: Vec<SourceView>,
    /// Events it reports.
    pub events: Vec<EventSummary>,
    /// The report.
    pub document: DocumentSummary,
    /// Outlets the report relays.
    pub relayed_from: Vec<String>,
    /// Where the report's chain starts.
    pub origin: Option<String>,
    /// What this claim does for its cluster (`support`, `confirmation`, `denial`,
    /// `contradiction`), when linked.
    pub role: Option<String>,
    /// The cluster of reports carrying the same proposition.
    pub cluster: Option<ClusterView>,
}

/// One claim by document id and claim id.
pub async fn claim(state: &AppState, doc_id: &str, claim_id: &str) -> Result<ClaimView> {
    let (doc_id, claim_id) = (doc_id.to_string(), claim_id.to_string());
    state
        .read(move |store, links| {
            let (row, json) = load_document(store, &doc_id)?;
            let doc: Document = serde_json::from_str(&json)
                .map_err(|e| Error::Internal(format!("stored document {doc_id}: {e}")))?;
            let c = doc
                .claims
                .iter()
                .find(|c| c.id == claim_id)
                .ok_or_else(|| Error::NotFound(format!("claim {claim_id:?} in {doc_id:?}")))?;
            let actor_name = |id: &Option<String>| {
                id.as_ref()
                    .and_then(|id| doc.actors.iter().find(|a| &a.id == id))
                    .map(|a| a.name.clone())
            };
            let sources = c
                .sources
                .iter()
                .filter_map(|sid| doc.sources.iter().find(|s| &s.id == sid))
                .map(|s| SourceView {
                    id: s.id.clone(),
                    text: s.text.clone(),
                    kind: label(&s.kind),
                    count: s.count,
                    seniority: s.seniority.clone(),
                    role: s.role.clone(),
                    affiliation: actor_name(&s.affiliation),
                    actor: actor_name(&s.actor),
                })
                .collect();
            let context = doc
                .sentences
                .iter()
                .filter(|s| s.overlaps(c.span))
                .filter_map(|s| doc.slice(*s))
                .collect::<Vec<_>>()
                .join(" ");
            let events = store
                .events_in(&doc_id)?
                .into_iter()
                .filter(|e| c.events.contains(&e.event_id))
                .map(event_summary)
                .collect();
            let report = links
                .report_of(&doc_id)
                .and_then(|r| links.index().reports().get(r as usize));
            let cluster_id = links.cluster_of(&doc_id, &claim_id);
            let cluster = cluster_id
                .and_then(|id| links.index().clusters().get(id as usize))
                .map(|c| cluster_view(c, links));
            let role = cluster.as_ref().and_then(|cv| {
                cv.members
                    .iter()
                    .find(|m| m.doc_id == doc_id && m.claim_id == claim_id)
                    .map(|m| m.role.clone())
            });
            Ok(ClaimView {
                text: c.text.clone(),
                context: if context.is_empty() {
                    c.text.clone()
                } else {
                    context
                },
                factuality: label(&c.factuality),
                cue: c.cue.as_ref().map(|m| m.text.clone()),
                quote: c.quote,
                parent: c.parent.clone(),
                sources,
                events,
                document: row.into(),
                relayed_from: report
                    .map(|r| r.relayed_from.clone())
                    .filter(|v| !v.is_empty())
                    .unwrap_or_else(|| doc.relayed_from.clone()),
                origin: report.map(|r| r.origin.clone()),
                role,
                cluster,
                doc_id,
                claim_id,
            })
        })
        .await
}

// ---------------------------------------------------------------------------------------------
// Clusters

/// Which clusters to list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClusterFilter {
    /// Only clusters involving this actor (name, alias or code).
    pub actor: Option<String>,
    /// Only clusters someone denies or contradicts.
    #[serde(default)]
    pub contested: bool,
    /// Only clusters with at least this many independent source chains.
    #[serde(default)]
    pub min_chains: usize,
}

/// One claim of a cluster, with its report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MemberView {
    /// The report's document id.
    pub doc_id: String,
    /// The claim's id in it.
    pub claim_id: String,
    /// The report's outlet.
    pub outlet: Option<String>,
    /// The report's date.
    pub published: Option<String>,
    /// The event's date, when resolved.
    pub event_date: Option<String>,
    /// The claim text.
    pub text: String,
    /// Factuality the report gave it.
    pub factuality: String,
    /// `support`, `confirmation`, `denial`, `contradiction`.
    pub role: String,
    /// Source chains behind it.
    pub chains: Vec<String>,
    /// Its sources as written.
    pub sources: Vec<String>,
    /// Where the report's chain starts.
    pub origin: Option<String>,
}

/// A cluster with its members and actors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterView {
    /// Its figures.
    #[serde(flatten)]
    pub summary: ClusterSummary,
    /// Someone states it and someone denies or contradicts it.
    pub contested: bool,
    /// Its claims, oldest report first.
    pub members: Vec<MemberView>,
    /// The actors it involves.
    pub actors: Vec<ActorRef>,
}

/// An actor named in a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorRef {
    /// Index-wide id.
    pub id: u32,
    /// Name.
    pub name: String,
    /// CAMEO code.
    pub code: Option<String>,
}

fn actor_ref(a: &GlobalActor) -> ActorRef {
    ActorRef {
        id: a.id,
        name: a.name.clone(),
        code: a.code.clone(),
    }
}

fn cluster_view(c: &ClaimCluster, links: &Links) -> ClusterView {
    let index = links.index();
    let mut members: Vec<MemberView> = c
        .members
        .iter()
        .map(|m| {
            let r = index.reports().get(m.report as usize);
            MemberView {
                doc_id: r.map(|r| r.id.clone()).unwrap_or_default(),
                claim_id: m.claim.clone(),
                outlet: r.and_then(|r| r.outlet.clone()),
                published: m.published.clone(),
                event_date: m.event_date.clone(),
                text: m.text.clone(),
                factuality: label(&m.factuality),
                role: label(&m.role),
                chains: m.chains.clone(),
                sources: m.sources.clone(),
                origin: r.map(|r| r.origin.clone()),
            }
        })
        .collect();
    members.sort_by(|a, b| {
        (a.published.is_none(), &a.published).cmp(&(b.published.is_none(), &b.published))
    });
    ClusterView {
        summary: c.summary(),
        contested: c.contested(),
        members,
        actors: c
            .actors
            .iter()
            .filter_map(|&a| index.actors().get(a))
            .map(actor_ref)
            .collect(),
    }
}

/// Claim clusters matching `filter`: most independent chains first, then most reports.
pub async fn clusters(
    state: &AppState,
    filter: &ClusterFilter,
    page: Page,
) -> Result<Paged<ClusterSummary>> {
    let filter = filter.clone();
    state
        .read(move |_, links| {
            let index = links.index();
            let wanted: Option<BTreeSet<u32>> =
                nonempty(&filter.actor).map(|a| index.actors().find(&a).into_iter().collect());
            let mut all: Vec<&ClaimCluster> = index
                .clusters()
                .iter()
                .filter(|c| {
                    wanted
                        .as_ref()
                        .is_none_or(|w| c.actors.iter().any(|a| w.contains(a)))
                })
                .filter(|c| !filter.contested || c.contested())
                .filter(|c| c.independent_chains() >= filter.min_chains)
                .collect();
            all.sort_by_key(|c| {
                (
                    std::cmp::Reverse(c.independent_chains()),
                    std::cmp::Reverse(c.reports().len()),
                    c.id,
                )
            });
            let total = all.len() as u64;
            let items = page
                .slice(&all)
                .into_iter()
                .map(ClaimCluster::summary)
                .collect();
            Ok(Paged::new(total, page, items))
        })
        .await
}

/// One claim cluster by id.
pub async fn cluster(state: &AppState, id: u32) -> Result<ClusterView> {
    state
        .read(move |_, links| {
            links
                .index()
                .clusters()
                .get(id as usize)
                .map(|c| cluster_view(c, links))
                .ok_or_else(|| Error::NotFound(format!("cluster {id}")))
        })
        .await
}

// ---------------------------------------------------------------------------------------------
// Actors

/// Which actors to list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorFilter {
    /// Name, alias or code (as `byline claims --actor` finds them).
    pub q: Option<String>,
    /// `person`, `organization`, `country` … as stored.
    pub kind: Option<String>,
}

/// An actor across reports.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActorSummary {
    /// Index-wide id.
    pub id: u32,
    /// The fullest name seen.
    pub name: String,
    /// Kind.
    pub kind: String,
    /// ISO 3166-1 alpha-3 country.
    pub country: Option<String>,
    /// CAMEO code.
    pub code: Option<String>,
    /// Roles seen.
    pub roles: Vec<String>,
    /// Names and mentions seen.
    pub aliases: Vec<String>,
    /// Reports it appears in.
    pub reports: u32,
    /// Claim clusters involving it.
    pub clusters: u32,
}

fn actor_summary(a: &GlobalActor, links: &Links) -> ActorSummary {
    ActorSummary {
        id: a.id,
        name: a.name.clone(),
        kind: label(&a.kind),
        country: a.country.clone(),
        code: a.code.clone(),
        roles: a.roles.clone(),
        aliases: a.aliases.clone(),
        reports: a.reports,
        clusters: links.index().clusters_of(a.id).len() as u32,
    }
}

/// Actors matching `filter`, in most reports first.
pub async fn actors(
    state: &AppState,
    filter: &ActorFilter,
    page: Page,
) -> Result<Paged<ActorSummary>> {
    let filter = filter.clone();
    state
        .read(move |_, links| {
            let reg = links.index().actors();
            let found: Vec<&GlobalActor> = match nonempty(&filter.q) {
                Some(q) => {
                    let mut ids = reg.find(&q);
                    let needle = q.to_lowercase();
                    for a in reg.iter() {
                        if !ids.contains(&a.id)
                            && (a.name.to_lowercase().contains(&needle)
                                || a.aliases.iter().any(|s| s.to_lowercase().contains(&needle)))
                        {
                            ids.push(a.id);
                        }
                    }
                    ids.iter().filter_map(|&i| reg.get(i)).collect()
                }
                None => reg.iter().collect(),
            };
            let kind = nonempty(&filter.kind).map(|k| k.to_lowercase());
            let mut all: Vec<ActorSummary> = found
                .into_iter()
                .map(|a| actor_summary(a, links))
                .filter(|a| kind.as_ref().is_none_or(|k| &a.kind == k))
                .collect();
            all.sort_by(|a, b| {
                (b.reports, b.clusters, &a.name).cmp(&(a.reports, a.clusters, &b.name))
            });
            Ok(Paged::new(all.len() as u64, page, page.slice(&all)))
        })
        .await
}

/// Another actor an actor shares claims with: an edge of the actor network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Partner {
    /// The other actor.
    pub actor: ActorRef,
    /// Claim clusters involving both.
    pub clusters: u32,
    /// Of those, clusters someone denies or contradicts.
    pub contested: u32,
    /// Event types of those clusters, with counts.
    pub event_types: BTreeMap<String, u32>,
}

/// One actor with its events, the actors it shares claims with and its timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ActorView {
    /// The actor.
    #[serde(flatten)]
    pub actor: ActorSummary,
    /// Actors it shares claim clusters with, most shared first.
    pub partners: Vec<Partner>,
    /// Stored events it does or undergoes, latest first (at most 200).
    pub events: Vec<EventSummary>,
    /// Claim clusters involving it (summaries, most chains first; at most 100).
    pub clusters: Vec<ClusterSummary>,
    /// Its timeline: every claim involving it, oldest first.
    pub timeline: Vec<TimelineItem>,
}

/// An actor by its index-wide id, or by a code or name that names exactly one actor.
pub async fn actor(state: &AppState, key: &str) -> Result<ActorView> {
    let key = key.to_string();
    state
        .read(move |store, links| {
            let index = links.index();
            let a = resolve_actor(links, &key)?;
            let mut partners: HashMap<u32, Partner> = HashMap::new();
            let mut clusters: Vec<&ClaimCluster> = Vec::new();
            for &cid in index.clusters_of(a.id) {
                let Some(c) = index.clusters().get(cid as usize) else {
                    continue;
                };
                clusters.push(c);
                for &other in c.actors.iter().filter(|&&o| o != a.id) {
                    let Some(oa) = index.actors().get(other) else {
                        continue;
                    };
                    let p = partners.entry(other).or_insert_with(|| Partner {
                        actor: actor_ref(oa),
                        clusters: 0,
                        contested: 0,
                        event_types: BTreeMap::new(),
                    });
                    p.clusters += 1;
                    if c.contested() {
                        p.contested += 1;
                    }
                    if let Some(t) = c.event_type {
                        *p.event_types.entry(label(&t)).or_default() += 1;
                    }
                }
            }
            let mut partners: Vec<Partner> = partners.into_values().collect();
            partners.sort_by(|x, y| (y.clusters, &x.actor.name).cmp(&(x.clusters, &y.actor.name)));
            clusters.sort_by_key(|c| (std::cmp::Reverse(c.independent_chains()), c.id));
            let who = a.code.clone().unwrap_or_else(|| a.name.clone());
            let mut events: Vec<EventSummary> = Vec::new();
            for q in [
                EventQuery {
                    actor: Some(who.clone()),
                    limit: 200,
                    ..EventQuery::default()
                },
                EventQuery {
                    target: Some(who.clone()),
                    limit: 200,
                    ..EventQuery::default()
                },
            ] {
                for e in store.events(&q)? {
                    if !events
                        .iter()
                        .any(|x| x.doc_id == e.doc_id && x.event_id == e.event_id)
                    {
                        events.push(event_summary(e));
                    }
                }
            }
            events.sort_by(|x, y| y.date.cmp(&x.date).then(x.doc_id.cmp(&y.doc_id)));
            events.truncate(200);
            Ok(ActorView {
                actor: actor_summary(a, links),
                partners,
                events,
                clusters: clusters.iter().take(100).map(|c| c.summary()).collect(),
                timeline: timeline_items(links, a.id, None),
            })
        })
        .await
}

fn resolve_actor<'a>(links: &'a Links, key: &str) -> Result<&'a GlobalActor> {
    let reg = links.index().actors();
    if let Ok(n) = key.parse::<u32>() {
        return reg
            .get(n)
            .ok_or_else(|| Error::NotFound(format!("actor {n}")));
    }
    match reg.find(key).as_slice() {
        [one] => reg
            .get(*one)
            .ok_or_else(|| Error::NotFound(format!("actor {key:?}"))),
        [] => Err(Error::NotFound(format!("actor {key:?}"))),
        many => Err(Error::BadRequest(format!(
            "{key:?} names {} actors; use an id",
            many.len()
        ))),
    }
}

/// The actor network: actors as nodes, shared claim clusters as weighted edges.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Network {
    /// Actors with at least one edge (at most the requested number, most connected first).
    pub nodes: Vec<ActorSummary>,
    /// Pairs of actors and what they share.
    pub edges: Vec<Edge>,
}

/// An edge of the network.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    /// One actor's id (the smaller).
    pub source: u32,
    /// The other actor's id.
    pub target: u32,
    /// Claim clusters involving both.
    pub clusters: u32,
    /// Of those, contested ones.
    pub contested: u32,
}

/// The network of the `max_nodes` actors in most clusters (0: all).
pub async fn network(state: &AppState, max_nodes: usize) -> Result<Network> {
    state
        .read(move |_, links| {
            let index = links.index();
            let mut pairs: BTreeMap<(u32, u32), (u32, u32)> = BTreeMap::new();
            for c in index.clusters() {
                let mut ids: Vec<u32> = c.actors.clone();
                ids.sort_unstable();
                ids.dedup();
                for (i, &x) in ids.iter().enumerate() {
                    for &y in &ids[i + 1..] {
                        let e = pairs.entry((x, y)).or_default();
                        e.0 += 1;
                        if c.contested() {
                            e.1 += 1;
                        }
                    }
                }
            }
            let mut degree: HashMap<u32, u32> = HashMap::new();
            for (&(x, y), &(n, _)) in &pairs {
                *degree.entry(x).or_default() += n;
                *degree.entry(y).or_default() += n;
            }
            let mut nodes: Vec<(u32, u32)> = degree.into_iter().collect();
            nodes.sort_by_key(|&(id, d)| (std::cmp::Reverse(d), id));
            if max_nodes > 0 {
                nodes.truncate(max_nodes);
            }
            let keep: BTreeSet<u32> = nodes.iter().map(|&(id, _)| id).collect();
            Ok(Network {
                nodes: nodes
                    .iter()
                    .filter_map(|&(id, _)| index.actors().get(id))
                    .map(|a| actor_summary(a, links))
                    .collect(),
                edges: pairs
                    .into_iter()
                    .filter(|((x, y), _)| keep.contains(x) && keep.contains(y))
                    .map(|((source, target), (clusters, contested))| Edge {
                        source,
                        target,
                        clusters,
                        contested,
                    })
                    .collect(),
            })
        })
        .await
}

// ---------------------------------------------------------------------------------------------
// Events and timelines

/// Which events to list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventFilter {
    /// The doer: name or CAMEO code prefix.
    pub actor: Option<String>,
    /// The target: name or CAMEO code prefix.
    pub target: Option<String>,
    /// PLOVER type (`ASSAULT`, `AID` …).
    pub event_type: Option<String>,
    /// Earliest date.
    pub from: Option<String>,
    /// Latest date, inclusive.
    pub to: Option<String>,
}

/// Stored events matching `filter`, latest first.
pub async fn events(
    state: &AppState,
    filter: &EventFilter,
    page: Page,
) -> Result<Paged<EventSummary>> {
    let q = EventQuery {
        actor: nonempty(&filter.actor),
        target: nonempty(&filter.target),
        event_type: nonempty(&filter.event_type),
        from: nonempty(&filter.from),
        to: nonempty(&filter.to),
        limit: page.limit,
    };
    state
        .read(move |store, _| {
            let p = store.events_page(&q, page.offset)?;
            Ok(Paged::new(
                p.total,
                page,
                p.rows.into_iter().map(event_summary).collect(),
            ))
        })
        .await
}

/// Which timeline.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineFilter {
    /// The actor (id, code or a name that names one actor). Required.
    pub actor: Option<String>,
    /// Only claims that also involve this actor.
    pub other: Option<String>,
    /// Earliest date.
    pub from: Option<String>,
    /// Latest date, inclusive (a prefix match: `2025-03` takes the whole month).
    pub to: Option<String>,
}

/// One claim on a timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineItem {
    /// The event's date when resolved, else the report's date.
    pub date: Option<String>,
    /// The report's date.
    pub published: Option<String>,
    /// The claim cluster.
    pub cluster: u32,
    /// The report's document id.
    pub doc_id: String,
    /// The claim's id in it.
    pub claim_id: Option<String>,
    /// The report's outlet.
    pub outlet: Option<String>,
    /// PLOVER type of the cluster.
    pub event_type: Option<String>,
    /// What the claim does for its cluster.
    pub role: String,
    /// Factuality the report gave it.
    pub factuality: String,
    /// The claim text.
    pub text: String,
}

fn timeline_items(links: &Links, actor: u32, other: Option<u32>) -> Vec<TimelineItem> {
    let index = links.index();
    index
        .timeline(actor, other)
        .into_iter()
        .map(|t| {
            let claim_id = index.clusters().get(t.cluster as usize).and_then(|c| {
                c.members
                    .iter()
                    .find(|m| m.report == t.report && m.text == t.text)
                    .map(|m| m.claim.clone())
            });
            TimelineItem {
                doc_id: links.doc_of(t.report).unwrap_or_default().to_string(),
                claim_id,
                date: t.date,
                published: t.published,
                cluster: t.cluster,
                outlet: t.outlet,
                event_type: t.event_type.map(|e| label(&e)),
                role: label(&t.role),
                factuality: label(&t.factuality),
                text: t.text,
            }
        })
        .collect()
}

/// The timeline of one actor (or one pair), oldest first.
pub async fn timeline(state: &AppState, filter: &TimelineFilter) -> Result<Vec<TimelineItem>> {
    let filter = filter.clone();
    state
        .read(move |_, links| {
            let Some(key) = nonempty(&filter.actor) else {
                return Err(Error::BadRequest("actor is required".into()));
            };
            let a = resolve_actor(links, &key)?.id;
            let o = match nonempty(&filter.other) {
                Some(k) => Some(resolve_actor(links, &k)?.id),
                None => None,
            };
            let from = nonempty(&filter.from);
            let to = nonempty(&filter.to);
            Ok(timeline_items(links, a, o)
                .into_iter()
                .filter(|t| {
                    let d = t.date.as_deref().unwrap_or("");
                    from.as_deref().is_none_or(|f| d >= f)
                        && to.as_deref().is_none_or(|x| d <= x || d.starts_with(x))
                })
                .collect())
        })
        .await
}

// ---------------------------------------------------------------------------------------------
// Search

/// What a search found.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// The query.
    pub q: String,
    /// Actors whose name, alias or code matches (at most 20).
    pub actors: Vec<ActorSummary>,
    /// Claims containing every word.
    pub claims: Paged<ClaimSummary>,
    /// Documents whose title or text contains every word.
    pub documents: Paged<DocumentSummary>,
}

/// Actors, claims and documents matching `q`.
pub async fn search(state: &AppState, q: &str, page: Page) -> Result<SearchResults> {
    let q = q.trim().to_string();
    if !q.chars().any(char::is_alphanumeric) {
        return Err(Error::BadRequest("q must contain a word".into()));
    }
    let actors = actors(
        state,
        &ActorFilter {
            q: Some(q.clone()),
            kind: None,
        },
        Page {
            limit: 20,
            offset: 0,
        },
    )
    .await?
    .items;
    let claims = claims(
        state,
        &ClaimFilter {
            q: Some(q.clone()),
            ..ClaimFilter::default()
        },
        page,
    )
    .await?;
    let documents = documents(
        state,
        &DocumentFilter {
            q: Some(q.clone()),
            ..DocumentFilter::default()
        },
        page,
    )
    .await?;
    Ok(SearchResults {
        q,
        actors,
        claims,
        documents,
    })
}

// ---------------------------------------------------------------------------------------------
// Writes

/// A document to extract or ingest.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewDocument {
    /// Plain text of the report.
    pub text: String,
    /// Publication date (`YYYY-MM-DD`).
    pub published: Option<String>,
    /// Outlet.
    pub outlet: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
}

impl NewDocument {
    fn input(&self) -> byline_extract::Input {
        let mut input = byline_extract::Input::new(self.text.clone());
        input.published = nonempty(&self.published);
        input.outlet = nonempty(&self.outlet);
        input.url = nonempty(&self.url);
        input.title = nonempty(&self.title);
        input
    }
}

/// Runs the extraction pipeline on a text; stores nothing.
pub async fn extract(state: &AppState, new: NewDocument) -> Result<Document> {
    let pipeline = state.pipeline();
    tokio::task::spawn_blocking(move || extract_blocking(&pipeline, &new))
        .await
        .map_err(|e| Error::Internal(format!("worker: {e}")))?
}

fn extract_blocking(pipeline: &byline_extract::Pipeline, new: &NewDocument) -> Result<Document> {
    if new.text.trim().is_empty() {
        return Err(Error::BadRequest("text is empty".into()));
    }
    let mut doc = pipeline.extract(&new.input())?;
    if doc.id.is_empty() {
        doc.id = byline_ingest::content_id(&doc.text);
    }
    Ok(doc)
}

/// What ingesting one document did.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Ingested {
    /// The document's id.
    pub id: String,
    /// False when a document with the same text was stored already.
    pub created: bool,
    /// Claims extracted.
    pub claims: usize,
    /// Claim clusters its claims joined or opened.
    pub clusters: Vec<u32>,
}

/// Extracts a document, stores it and links it to the stored reports.
pub async fn ingest(state: &AppState, new: NewDocument) -> Result<Ingested> {
    let pipeline = state.pipeline();
    state
        .write(move |store, links| {
            let doc = extract_blocking(&pipeline, &new)?;
            let id = doc.id.clone();
            let claims = doc.claims.len();
            let json = serde_json::to_string(&doc)
                .map_err(|e| Error::Internal(format!("serialising: {e}")))?;
            let source = new
                .url
                .clone()
                .filter(|u| !u.is_empty())
                .unwrap_or_else(|| format!("api:{id}"));
            let written = store.write(&[byline_store::Write::Document {
                doc: Box::new(doc.clone()),
                json,
                status: byline_store::Status::Extracted,
                source,
            }])?;
            let created = written.added > 0;
            let mut clusters = Vec::new();
            if created {
                let added = links.add(std::slice::from_ref(&doc));
                store.save_link(links.index(), &added)?;
                clusters = added.iter().flat_map(|a| a.clusters.clone()).collect();
            }
            Ok(Ingested {
                id,
                created,
                claims,
                clusters,
            })
        })
        .await
}

// ---------------------------------------------------------------------------------------------

/// A serde enum as its JSON string (`Factuality::Hedged` → `hedged`).
pub fn label<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(other) => other.to_string(),
        Err(_) => String::new(),
    }
}

fn nonempty(v: &Option<String>) -> Option<String> {
    v.as_ref()
        .map(|s| s.trim())
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// The factuality values a filter accepts.
pub fn factualities() -> Vec<String> {
    [
        Factuality::Asserted,
        Factuality::Reported,
        Factuality::Hedged,
        Factuality::Belief,
        Factuality::Denied,
        Factuality::Unverified,
        Factuality::Disputed,
    ]
    .iter()
    .map(label)
    .collect()
}
