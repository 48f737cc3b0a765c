//! The incremental cross-document index: add one report, update only what it touches.

use std::collections::{HashMap, HashSet};

use byline_model::{ActorKind, Document, EventType, Factuality, Polarity, Source, SourceKind};
use serde::{Deserialize, Serialize};

use crate::actors::{name_tokens, ActorRegistry};
use crate::claims::{jaccard, overlap, ClaimCluster, Member, Role};
use crate::minhash::{fnv1a, shingles, similarity, Lsh, MinHasher, Signature};
use crate::{lemma, relay, Error, Result};

/// Version of the saved index this build writes.
pub const FORMAT_VERSION: u32 = 1;
/// Oldest saved index this build reads.
pub const OLDEST_SUPPORTED_VERSION: u32 = 1;

/// Thresholds of the index.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkConfig {
    /// Words per shingle for near-duplicate reports.
    pub shingle: usize,
    /// Least estimated Jaccard similarity of two reports' shingles to call them near-duplicates.
    pub duplicate: f64,
    /// Least share of content words two claims with the same event key must share.
    pub event_overlap: f64,
    /// Least Jaccard similarity of content words for claims matched on text alone.
    pub text_jaccard: f64,
}

/// Sorts documents in the order [`LinkIndex::add`] should see them: by publication date, the
/// undated last, then by id.
pub fn chronological(docs: &mut [Document]) {
    docs.sort_by(|a, b| {
        (a.published.is_none(), &a.published, &a.id).cmp(&(
            b.published.is_none(),
            &b.published,
            &b.id,
        ))
    });
}

impl Default for LinkConfig {
    fn default() -> Self {
        LinkConfig {
            shingle: 4,
            duplicate: 0.5,
            event_overlap: 0.3,
            text_jaccard: 0.5,
        }
    }
}

/// One report in the index.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Its byline/1 id.
    pub id: String,
    /// Outlet that published it.
    pub outlet: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date.
    pub published: Option<String>,
    /// Outlets it passes on (from the document, else credits found in the text).
    pub relayed_from: Vec<String>,
    /// The outlet where its chain starts: the wire it relays, the original of its near-duplicate
    /// group, or its own outlet.
    pub origin: String,
    /// The earlier report it is a near-duplicate of (the first of its group).
    pub duplicate_of: Option<u32>,
    /// Number of claims it added.
    pub claims: usize,
}

/// What adding one report changed.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Added {
    /// Index of the report.
    pub report: u32,
    /// Near-duplicate of this earlier report.
    pub duplicate_of: Option<u32>,
    /// Where its chain starts.
    pub origin: String,
    /// Global actor id of each document actor, by document actor id.
    pub actors: Vec<(String, u32)>,
    /// Clusters its claims joined or opened.
    pub clusters: Vec<u32>,
    /// How many of those it opened.
    pub new_clusters: usize,
}

/// Reports, actors and claim clusters, updated one report at a time.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct LinkIndex {
    format: u32,
    config: LinkConfig,
    reports: Vec<Report>,
    signatures: Vec<Signature>,
    actors: ActorRegistry,
    clusters: Vec<ClaimCluster>,
    #[serde(skip)]
    lookups: Lookups,
}

#[derive(Clone, Debug, Default)]
struct Lookups {
    ids: HashMap<String, u32>,
    reports_lsh: Lsh,
    claims_lsh: Lsh,
    by_key: HashMap<String, Vec<u32>>,
    by_actor: HashMap<u32, Vec<u32>>,
    hasher: Option<(MinHasher, MinHasher)>,
}

const REPORT_BANDS: usize = 32;
const REPORT_ROWS: usize = 4;
const CLAIM_BANDS: usize = 8;
const CLAIM_ROWS: usize = 3;
/// Members compared per candidate cluster (the earliest ones).
const COMPARED: usize = 16;

impl Default for LinkIndex {
    fn default() -> Self {
        LinkIndex::new(LinkConfig::default())
    }
}

/// A claim of the new report, ready to be filed.
struct Proposition {
    claim: String,
    text: String,
    event_type: Option<EventType>,
    actor: Option<u32>,
    target: Option<u32>,
    actors: Vec<u32>,
    keys: Vec<String>,
    terms: Vec<u64>,
    factuality: Factuality,
    role: Role,
    chains: Vec<String>,
    sources: Vec<String>,
    event_date: Option<String>,
}

impl LinkIndex {
    /// An empty index.
    pub fn new(config: LinkConfig) -> LinkIndex {
        let mut index = LinkIndex {
            format: FORMAT_VERSION,
            config,
            reports: Vec::new(),
            signatures: Vec::new(),
            actors: ActorRegistry::new(),
            clusters: Vec::new(),
            lookups: Lookups::default(),
        };
        index.rebuild();
        index
    }

    /// Reads an index saved with [`LinkIndex::to_json`].
    pub fn from_json(json: &str) -> Result<LinkIndex> {
        let mut index: LinkIndex = serde_json::from_str(json)?;
        if !(OLDEST_SUPPORTED_VERSION..=FORMAT_VERSION).contains(&index.format) {
            return Err(Error::Version {
                found: index.format,
                oldest: OLDEST_SUPPORTED_VERSION,
                current: FORMAT_VERSION,
            });
        }
        index.rebuild();
        Ok(index)
    }

    /// Rebuilds an index from its stored parts (reports with their signatures, actors and
    /// clusters, each in id order), as a store keeps them row by row.
    pub fn from_parts(
        config: LinkConfig,
        reports: Vec<(Report, Signature)>,
        actors: Vec<crate::actors::GlobalActor>,
        clusters: Vec<ClaimCluster>,
    ) -> LinkIndex {
        let (reports, signatures) = reports.into_iter().unzip();
        let mut index = LinkIndex {
            format: FORMAT_VERSION,
            config,
            reports,
            signatures,
            actors: ActorRegistry::from_actors(actors),
            clusters,
            lookups: Lookups::default(),
        };
        index.rebuild();
        index
    }

    /// The MinHash signature of a report's text.
    pub fn signature(&self, report: u32) -> Option<&Signature> {
        self.signatures.get(report as usize)
    }

    /// Saves the index as JSON (lookup tables are rebuilt on load).
    pub fn to_json(&self) -> Result<String> {
        Ok(serde_json::to_string(self)?)
    }

    fn hashers(&self) -> (MinHasher, MinHasher) {
        match &self.lookups.hasher {
            Some(h) => h.clone(),
            None => (
                MinHasher::new(REPORT_BANDS * REPORT_ROWS),
                MinHasher::new(CLAIM_BANDS * CLAIM_ROWS),
            ),
        }
    }

    fn rebuild(&mut self) {
        self.actors.rebuild();
        let mut l = Lookups {
            reports_lsh: Lsh::new(REPORT_BANDS, REPORT_ROWS),
            claims_lsh: Lsh::new(CLAIM_BANDS, CLAIM_ROWS),
            hasher: Some((
                MinHasher::new(REPORT_BANDS * REPORT_ROWS),
                MinHasher::new(CLAIM_BANDS * CLAIM_ROWS),
            )),
            ..Lookups::default()
        };
        for (i, r) in self.reports.iter().enumerate() {
            l.ids.insert(r.id.clone(), i as u32);
        }
        for (i, sig) in self.signatures.iter().enumerate() {
            l.reports_lsh.insert(i as u32, sig);
        }
        let claim_hasher = MinHasher::new(CLAIM_BANDS * CLAIM_ROWS);
        for c in &self.clusters {
            file_cluster(&mut l, c);
            for m in c.members.iter().take(COMPARED) {
                l.claims_lsh.insert(c.id, &claim_hasher.signature(&m.terms));
            }
        }
        self.lookups = l;
    }

    /// The thresholds in use.
    pub fn config(&self) -> &LinkConfig {
        &self.config
    }

    /// Every report, in the order added.
    pub fn reports(&self) -> &[Report] {
        &self.reports
    }

    /// Every claim cluster, by id.
    pub fn clusters(&self) -> &[ClaimCluster] {
        &self.clusters
    }

    /// The cross-report actors.
    pub fn actors(&self) -> &ActorRegistry {
        &self.actors
    }

    /// Total number of member claims over all clusters.
    pub fn claim_count(&self) -> usize {
        self.clusters.iter().map(|c| c.members.len()).sum()
    }

    /// Clusters involving a global actor.
    pub fn clusters_of(&self, actor: u32) -> &[u32] {
        self.lookups
            .by_actor
            .get(&actor)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// The first report of a report's near-duplicate group that comes from its origin outlet,
    /// else the first of the group: the original of a republished story.
    pub fn original_of(&self, report: u32) -> u32 {
        let Some(r) = self.reports.get(report as usize) else {
            return report;
        };
        let root = r.duplicate_of.unwrap_or(report);
        let group = std::iter::once(root).chain(
            (0..self.reports.len() as u32)
                .filter(|&i| self.reports[i as usize].duplicate_of == Some(root)),
        );
        let mut first = root;
        for i in group {
            let o = &self.reports[i as usize];
            if o.outlet.as_deref().map(relay::outlet_key).as_deref() == Some(r.origin.as_str()) {
                return i;
            }
            first = first.min(i);
        }
        first
    }

    /// Adds one report: finds its near-duplicates and origin, resolves its actors, and files each
    /// of its claims into an existing cluster or a new one. Touches only the clusters its
    /// claims join.
    pub fn add(&mut self, doc: &Document) -> Result<Added> {
        let id = if doc.id.is_empty() {
            format!("{:016x}", fnv1a(doc.text.as_bytes()))
        } else {
            doc.id.clone()
        };
        if self.lookups.ids.contains_key(&id) {
            return Err(Error::Duplicate(id));
        }
        let (report_hasher, claim_hasher) = self.hashers();
        let report = self.reports.len() as u32;

        // Near-duplicates.
        let words: Vec<String> = lemma::words(&doc.text).map(str::to_lowercase).collect();
        let sig = report_hasher.signature(&shingles(&words, self.config.shingle));
        let mut duplicate_of = None;
        let mut best = self.config.duplicate;
        for cand in self.lookups.reports_lsh.candidates(&sig) {
            let s = similarity(&sig, &self.signatures[cand as usize]);
            if s >= best {
                best = s;
                duplicate_of = Some(self.reports[cand as usize].duplicate_of.unwrap_or(cand));
            }
        }

        // Origin of the chain.
        let relayed_from = if doc.relayed_from.is_empty() {
            relay::detect(&doc.text)
        } else {
            doc.relayed_from.clone()
        };
        let own = doc.outlet.as_deref().map(relay::outlet_key);
        let relayed_key = relayed_from
            .iter()
            .map(|o| relay::outlet_key(o))
            .find(|k| Some(k) != own.as_ref());
        let origin = match (relayed_key, duplicate_of) {
            (Some(k), _) => k,
            (None, Some(d)) => self.reports[d as usize].origin.clone(),
            (None, None) => own.clone().unwrap_or_else(|| format!("report:{id}")),
        };

        // Actors.
        let mut gid: HashMap<&str, u32> = HashMap::new();
        let mut mapped = Vec::new();
        for a in &doc.actors {
            let g = self.actors.resolve(a);
            gid.insert(a.id.as_str(), g);
            mapped.push((a.id.clone(), g));
        }

        let props = self.propositions(doc, &gid, &origin);
        let mut touched = Vec::new();
        let mut new_clusters = 0;
        for p in props {
            let csig = claim_hasher.signature(&p.terms);
            let target = self.best_cluster(&p, &csig);
            let member = Member {
                report,
                claim: p.claim,
                text: p.text,
                published: doc.published.clone(),
                event_date: p.event_date,
                factuality: p.factuality,
                role: p.role,
                chains: p.chains,
                sources: p.sources,
                terms: p.terms,
                origin: Some(origin.clone()),
            };
            let cid = match target {
                Some(cid) => {
                    let c = &mut self.clusters[cid as usize];
                    let mut new_actors = Vec::new();
                    for a in p.actors {
                        if !c.actors.contains(&a) {
                            c.actors.push(a);
                            new_actors.push(a);
                        }
                    }
                    let mut new_keys = Vec::new();
                    for k in p.keys {
                        if !c.keys.contains(&k) {
                            c.keys.push(k.clone());
                            new_keys.push(k);
                        }
                    }
                    if c.event_type.is_none() {
                        c.event_type = p.event_type;
                        c.actor = p.actor;
                        c.target = p.target;
                    }
                    let compared = c.members.len() < COMPARED;
                    c.members.push(member);
                    for a in new_actors {
                        self.lookups.by_actor.entry(a).or_default().push(cid);
                    }
                    for k in new_keys {
                        self.lookups.by_key.entry(k).or_default().push(cid);
                    }
                    if compared {
                        self.lookups.claims_lsh.insert(cid, &csig);
                    }
                    cid
                }
                None => {
                    let cid = self.clusters.len() as u32;
                    let c = ClaimCluster {
                        id: cid,
                        event_type: p.event_type,
                        actor: p.actor,
                        target: p.target,
                        actors: p.actors,
                        keys: p.keys,
                        members: vec![member],
                    };
                    file_cluster(&mut self.lookups, &c);
                    self.lookups.claims_lsh.insert(cid, &csig);
                    self.clusters.push(c);
                    new_clusters += 1;
                    cid
                }
            };
            if !touched.contains(&cid) {
                touched.push(cid);
            }
        }

        let claims = touched.len();
        self.lookups.reports_lsh.insert(report, &sig);
        self.lookups.ids.insert(id.clone(), report);
        self.signatures.push(sig);
        self.reports.push(Report {
            id,
            outlet: doc.outlet.clone(),
            title: doc.title.clone(),
            published: doc.published.clone(),
            relayed_from,
            origin: origin.clone(),
            duplicate_of,
            claims,
        });
        Ok(Added {
            report,
            duplicate_of,
            origin,
            actors: mapped,
            clusters: touched,
            new_clusters,
        })
    }

    fn best_cluster(&self, p: &Proposition, sig: &[u64]) -> Option<u32> {
        let mut candidates: Vec<u32> = p
            .keys
            .iter()
            .filter_map(|k| self.lookups.by_key.get(k))
            .flatten()
            .copied()
            .collect();
        candidates.extend(self.lookups.claims_lsh.candidates(sig));
        candidates.sort_unstable();
        candidates.dedup();
        let keys: HashSet<&String> = p.keys.iter().collect();
        let mut best: Option<(f64, u32)> = None;
        for cid in candidates {
            let Some(c) = self.clusters.get(cid as usize) else {
                continue;
            };
            let both_events = !p.keys.is_empty() && !c.keys.is_empty();
            let score = if both_events {
                if !c.keys.iter().any(|k| keys.contains(k)) {
                    continue;
                }
                let s = c
                    .members
                    .iter()
                    .take(COMPARED)
                    .map(|m| overlap(&p.terms, &m.terms))
                    .fold(0.0, f64::max);
                if s < self.config.event_overlap {
                    continue;
                }
                1.0 + s
            } else {
                let s = c
                    .members
                    .iter()
                    .take(COMPARED)
                    .map(|m| jaccard(&p.terms, &m.terms))
                    .fold(0.0, f64::max);
                if s < self.config.text_jaccard {
                    continue;
                }
                s
            };
            if best.is_none_or(|(b, _)| score > b) {
                best = Some((score, cid));
            }
        }
        best.map(|(_, cid)| cid)
    }

    /// The claims of a document (and events reported without a claim) as propositions.
    fn propositions(
        &self,
        doc: &Document,
        gid: &HashMap<&str, u32>,
        origin: &str,
    ) -> Vec<Proposition> {
        let sources: HashMap<&str, &Source> =
            doc.sources.iter().map(|s| (s.id.as_str(), s)).collect();
        let times: HashMap<&str, &str> = doc
            .times
            .iter()
            .filter_map(|t| Some((t.id.as_str(), t.value.as_deref()?)))
            .collect();
        // Claims a party denies through a notice.
        let mut denied_by: HashMap<&str, Option<u32>> = HashMap::new();
        for n in &doc.notices {
            if n.kind == byline_model::NoticeKind::Denied {
                for c in &n.claims {
                    denied_by.insert(
                        c.as_str(),
                        n.actor.as_deref().and_then(|a| gid.get(a).copied()),
                    );
                }
            }
        }
        let country_of = |g: u32| self.actors.get(g).and_then(|a| a.country.clone());
        let state_like = |g: u32| {
            self.actors.get(g).is_some_and(|a| {
                matches!(
                    a.kind,
                    ActorKind::Country
                        | ActorKind::Government
                        | ActorKind::Military
                        | ActorKind::Police
                )
            })
        };
        let atom = |g: Option<u32>| match g {
            Some(g) if state_like(g) => match country_of(g) {
                Some(c) => format!("c:{c}"),
                None => format!("g{g}"),
            },
            Some(g) => format!("g{g}"),
            None => "_".to_string(),
        };
        let symmetric = |t: EventType| {
            matches!(
                t,
                EventType::Consult | EventType::Cooperate | EventType::Agree
            )
        };

        let mut claimed_events: HashSet<&str> = HashSet::new();
        let mut out = Vec::new();
        let mut items: Vec<(
            String,
            String,
            Vec<&byline_model::Event>,
            Option<&byline_model::Claim>,
        )> = Vec::new();
        for c in &doc.claims {
            let events: Vec<&byline_model::Event> = doc
                .events
                .iter()
                .filter(|e| c.events.contains(&e.id) || e.claim.as_deref() == Some(c.id.as_str()))
                .collect();
            for e in &events {
                claimed_events.insert(e.id.as_str());
            }
            items.push((c.id.clone(), c.text.clone(), events, Some(c)));
        }
        for e in &doc.events {
            if claimed_events.contains(e.id.as_str()) {
                continue;
            }
            let text = doc
                .sentences
                .iter()
                .find(|s| s.contains(e.trigger.span))
                .and_then(|s| doc.slice(*s))
                .unwrap_or(e.trigger.text.as_str())
                .to_string();
            items.push((e.id.clone(), text, vec![e], None));
        }

        for (claim_id, text, events, claim) in items {
            let mut terms: Vec<u64> = lemma::content_keys(&text)
                .iter()
                .map(|k| fnv1a(k.as_bytes()))
                .collect();
            terms.sort_unstable();
            terms.dedup();
            let ev = events.first();
            let actor = ev
                .and_then(|e| e.actor.as_deref())
                .and_then(|a| gid.get(a).copied());
            let target = ev
                .and_then(|e| e.target.as_deref())
                .and_then(|a| gid.get(a).copied());
            let mut keys = Vec::new();
            let mut parties: Vec<u32> = Vec::new();
            for e in &events {
                let a = e.actor.as_deref().and_then(|a| gid.get(a).copied());
                let t = e.target.as_deref().and_then(|a| gid.get(a).copied());
                parties.extend(a.iter().chain(t.iter()));
                let (mut x, mut y) = (atom(a), atom(t));
                if symmetric(e.kind) && y < x {
                    std::mem::swap(&mut x, &mut y);
                }
                let key = format!("{:?}|{x}|{y}", e.kind);
                if !keys.contains(&key) {
                    keys.push(key);
                }
            }
            // Actors named inside the claim, for timelines.
            let mut actors = parties.clone();
            if let Some(c) = claim {
                for a in &doc.actors {
                    if a.mentions.iter().any(|m| c.span.contains(m.span)) {
                        if let Some(&g) = gid.get(a.id.as_str()) {
                            if !actors.contains(&g) {
                                actors.push(g);
                            }
                        }
                    }
                }
            }
            let party_countries: Vec<String> =
                parties.iter().filter_map(|&g| country_of(g)).collect();
            let is_party = |g: u32| {
                parties.contains(&g) || country_of(g).is_some_and(|c| party_countries.contains(&c))
            };

            // Sources, with re-mentions followed to what they re-mention.
            let mut base: Vec<&Source> = Vec::new();
            if let Some(c) = claim {
                let mut stack: Vec<(&str, usize)> =
                    c.sources.iter().map(|s| (s.as_str(), 0)).collect();
                while let Some((sid, depth)) = stack.pop() {
                    let Some(&s) = sources.get(sid) else { continue };
                    if !s.refers_to.is_empty() && depth < 4 {
                        stack.extend(s.refers_to.iter().map(|r| (r.as_str(), depth + 1)));
                    } else if !base.iter().any(|b| b.id == s.id) {
                        base.push(s);
                    }
                }
            }
            let mut chains = Vec::new();
            let mut party_source = false;
            for s in &base {
                let actor = s.actor.as_deref().and_then(|a| gid.get(a).copied());
                let affiliation = s.affiliation.as_deref().and_then(|a| gid.get(a).copied());
                if actor.is_some_and(is_party) || affiliation.is_some_and(is_party) {
                    party_source = true;
                }
                chains.push(chain_key(s, actor, affiliation, origin));
            }
            if chains.is_empty() {
                chains.push(format!("outlet:{origin}"));
            }
            chains.sort();
            chains.dedup();

            let factuality = claim.map_or(Factuality::Asserted, |c| c.factuality);
            let cue = claim
                .and_then(|c| c.cue.as_ref())
                .map(|m| m.text.to_lowercase())
                .unwrap_or_default();
            let notice = claim.and_then(|c| denied_by.get(c.id.as_str()));
            if let Some(Some(g)) = notice {
                if is_party(*g) {
                    party_source = true;
                }
            }
            let negated = factuality == Factuality::Denied
                || factuality == Factuality::Disputed
                || notice.is_some()
                || cue.contains("denied")
                || cue.contains("deny")
                || cue.contains("denies")
                || (!events.is_empty() && events.iter().all(|e| e.polarity == Polarity::Negated));
            let role = match (negated, party_source) {
                (true, true) if factuality != Factuality::Disputed => Role::Denial,
                (true, _) => Role::Contradiction,
                (false, true) => Role::Confirmation,
                (false, false) if cue.contains("confirm") => Role::Confirmation,
                (false, false) => Role::Support,
            };
            let event_date = ev
                .and_then(|e| e.time.as_deref())
                .and_then(|t| times.get(t))
                .filter(|v| v.len() >= 4 && v.as_bytes()[..4].iter().all(u8::is_ascii_digit))
                .map(|v| v.to_string());
            out.push(Proposition {
                claim: claim_id,
                text,
                event_type: ev.map(|e| e.kind),
                actor,
                target,
                actors,
                keys,
                terms,
                factuality,
                role,
                chains,
                sources: base.iter().map(|s| s.text.clone()).collect(),
                event_date,
            });
        }
        out
    }
}

/// The chain a source stands for (see [`crate::claims`]).
fn chain_key(s: &Source, actor: Option<u32>, affiliation: Option<u32>, origin: &str) -> String {
    match s.kind {
        SourceKind::NamedPerson | SourceKind::NamedOrganization => match actor {
            Some(g) => format!("actor:{g}"),
            None => format!("named:{}", name_tokens(&s.text).join(" ")),
        },
        SourceKind::Outlet => format!("outlet:{}", relay::outlet_key(&s.text)),
        SourceKind::Document => format!("document:{}", name_tokens(&s.text).join(" ")),
        SourceKind::Anonymous => {
            let described = [
                s.count.map(|n| n.to_string()),
                s.seniority.clone(),
                s.role.clone(),
                affiliation.map(|g| format!("g{g}")),
            ];
            let description = if described.iter().any(Option::is_some) {
                described
                    .iter()
                    .map(|d| d.clone().unwrap_or_default().to_lowercase())
                    .collect::<Vec<_>>()
                    .join("/")
            } else {
                lemma::content_keys(&s.text).join(" ")
            };
            format!("anonymous:{origin}:{description}")
        }
    }
}

fn file_cluster(l: &mut Lookups, c: &ClaimCluster) {
    for k in &c.keys {
        l.by_key.entry(k.clone()).or_default().push(c.id);
    }
    for &a in &c.actors {
        l.by_actor.entry(a).or_default().push(c.id);
    }
}
