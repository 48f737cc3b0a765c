//! Claim clusters: claims of different reports that state the same proposition, with who stands
//! behind them.
//!
//! A **source chain** is how a claim reached the reader: a named source is one chain wherever
//! it is quoted; an anonymous source is one chain per originating outlet and description (two
//! outlets relaying the same Reuters story share the Reuters chain; two different anonymous
//! sources are two chains); a claim in an outlet's own voice is the outlet's chain.

use std::collections::BTreeSet;

use byline_model::{EventType, Factuality};
use serde::{Deserialize, Serialize};

/// What a member claim does for its cluster's proposition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// States it, through a source that is not a party to it.
    Support,
    /// States it, through a party to it ("Israel confirmed …"), or with a confirming cue.
    Confirmation,
    /// Says it is false, through a party to it ("Israel denied …").
    Denial,
    /// Says it is false or disputes it, through someone who is not a party to it.
    Contradiction,
}

impl Role {
    /// True for support and confirmation.
    pub fn is_positive(self) -> bool {
        matches!(self, Role::Support | Role::Confirmation)
    }
}

/// One claim of one report inside a cluster.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Member {
    /// Index of the report in the link index.
    pub report: u32,
    /// Claim id in that report (`c3`), or the event id for an event reported without a claim.
    pub claim: String,
    /// The claim text.
    pub text: String,
    /// Publication date of the report.
    pub published: Option<String>,
    /// Date of the event itself, when the report resolved one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub event_date: Option<String>,
    /// Factuality the report gave it.
    pub factuality: Factuality,
    /// What it does for the proposition.
    pub role: Role,
    /// Source chains behind it (see the module docs).
    pub chains: Vec<String>,
    /// Texts of its sources, as written.
    pub sources: Vec<String>,
    /// Hashed content words, sorted and unique, for matching later claims.
    pub terms: Vec<u64>,
    /// The outlet where its report's chain starts (see [`crate::Report::origin`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<String>,
}

/// Claims of one or more reports that state the same proposition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClaimCluster {
    /// Index-wide id.
    pub id: u32,
    /// PLOVER type of the proposition's event, when it has one.
    pub event_type: Option<EventType>,
    /// Global actor ids of who acts and who is acted on, when known.
    pub actor: Option<u32>,
    /// Global actor id of the target.
    pub target: Option<u32>,
    /// Every global actor the proposition involves (event parties and actors named in it).
    pub actors: Vec<u32>,
    /// Event keys the cluster is filed under.
    pub keys: Vec<String>,
    /// The claims, in the order they were added.
    pub members: Vec<Member>,
}

/// A cluster's figures, as `byline claims` prints them and the store keeps them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ClusterSummary {
    /// Cluster id.
    pub id: u32,
    /// Text of its earliest claim.
    pub text: String,
    /// PLOVER type.
    pub event_type: Option<EventType>,
    /// Earliest publication date of any member.
    pub first_seen: Option<String>,
    /// Number of distinct reports.
    pub reports: usize,
    /// Number of member claims.
    pub claims: usize,
    /// Distinct source texts.
    pub sources: Vec<String>,
    /// Independent source chains that state it.
    pub independent_chains: usize,
    /// Those chains.
    pub chains: Vec<String>,
    /// Claims confirming it.
    pub confirmations: usize,
    /// Claims denying it.
    pub denials: usize,
    /// Claims contradicting or disputing it.
    pub contradictions: usize,
}

impl ClaimCluster {
    /// Earliest publication date of any member (ISO strings compare in date order).
    pub fn first_seen(&self) -> Option<&str> {
        self.members
            .iter()
            .filter_map(|m| m.published.as_deref())
            .min()
    }

    /// Distinct reports, in the order they joined.
    pub fn reports(&self) -> Vec<u32> {
        let mut seen = Vec::new();
        for m in &self.members {
            if !seen.contains(&m.report) {
                seen.push(m.report);
            }
        }
        seen
    }

    /// Distinct source chains of the members that state the proposition.
    ///
    /// A relay's credit to an outlet ("…, Meridian Wire reported": chain `outlet:meridian wire`)
    /// is no chain of its own when that outlet's own sourcing is in the cluster too: its
    /// anonymous sources, or any source of a report whose chain starts at that outlet.
    pub fn chains(&self) -> Vec<String> {
        let positive: Vec<&Member> = self
            .members
            .iter()
            .filter(|m| m.role.is_positive())
            .collect();
        let set: BTreeSet<&String> = positive.iter().flat_map(|m| m.chains.iter()).collect();
        let backed = |outlet: &str| {
            let anonymous = format!("anonymous:{outlet}:");
            set.iter().any(|c| c.starts_with(&anonymous))
                || positive.iter().any(|m| {
                    m.origin.as_deref() == Some(outlet)
                        && m.chains
                            .iter()
                            .any(|c| c.strip_prefix("outlet:") != Some(outlet))
                })
        };
        set.iter()
            .filter(|c| c.strip_prefix("outlet:").is_none_or(|o| !backed(o)))
            .map(|c| c.to_string())
            .collect()
    }

    /// Number of independent source chains that state the proposition.
    pub fn independent_chains(&self) -> usize {
        self.chains().len()
    }

    /// Number of members with a role.
    pub fn count(&self, role: Role) -> usize {
        self.members.iter().filter(|m| m.role == role).count()
    }

    /// True when someone states it and someone denies or contradicts it.
    pub fn contested(&self) -> bool {
        self.members.iter().any(|m| m.role.is_positive())
            && self.members.iter().any(|m| !m.role.is_positive())
    }

    /// The cluster's figures.
    pub fn summary(&self) -> ClusterSummary {
        let first = self
            .members
            .iter()
            .min_by(|a, b| {
                let key = |m: &Member| (m.published.is_none(), m.published.clone());
                key(a).cmp(&key(b))
            })
            .map(|m| m.text.clone())
            .unwrap_or_default();
        let mut sources: Vec<String> = Vec::new();
        for s in self.members.iter().flat_map(|m| &m.sources) {
            if !sources.contains(s) {
                sources.push(s.clone());
            }
        }
        let chains = self.chains();
        ClusterSummary {
            id: self.id,
            text: first,
            event_type: self.event_type,
            first_seen: self.first_seen().map(str::to_string),
            reports: self.reports().len(),
            claims: self.members.len(),
            sources,
            independent_chains: chains.len(),
            chains,
            confirmations: self.count(Role::Confirmation),
            denials: self.count(Role::Denial),
            contradictions: self.count(Role::Contradiction),
        }
    }
}

/// Share of the smaller term set found in the larger (both sorted and unique).
pub fn overlap(a: &[u64], b: &[u64]) -> f64 {
    let shared = shared(a, b);
    let min = a.len().min(b.len());
    if min == 0 {
        0.0
    } else {
        shared as f64 / min as f64
    }
}

/// Jaccard similarity of two sorted, unique term sets.
pub fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let shared = shared(a, b);
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}

fn shared(a: &[u64], b: &[u64]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn member(report: u32, role: Role, chains: &[&str], date: &str) -> Member {
        Member {
            report,
            claim: "c1".into(),
            text: format!("claim of report {report}"),
            published: Some(date.into()),
            event_date: None,
            factuality: Factuality::Reported,
            role,
            chains: chains.iter().map(|c| c.to_string()).collect(),
            sources: vec![],
            terms: vec![],
            origin: None,
        }
    }

    #[test]
    fn chains_count_once_and_only_when_positive() {
        let c = ClaimCluster {
            id: 0,
            event_type: None,
            actor: None,
            target: None,
            actors: vec![],
            keys: vec![],
            members: vec![
                member(0, Role::Support, &["anon:reuters:commander"], "2025-09-16"),
                member(1, Role::Support, &["anon:reuters:commander"], "2025-09-15"),
                member(2, Role::Support, &["anon:ap:diplomat"], "2025-09-17"),
                member(3, Role::Denial, &["named:7"], "2025-09-18"),
            ],
        };
        assert_eq!(c.independent_chains(), 2);
        assert_eq!(c.first_seen(), Some("2025-09-15"));
        let s = c.summary();
        assert_eq!(s.denials, 1);
        assert_eq!(s.reports, 4);
        assert_eq!(s.text, "claim of report 1");
        assert!(c.contested());
    }

    #[test]
    fn a_relay_credit_is_no_chain_beside_the_outlets_own_sources() {
        let mut wire = member(0, Role::Support, &["actor:4"], "2025-09-15");
        wire.origin = Some("wire".into());
        let mut relay = member(1, Role::Support, &["outlet:wire"], "2025-09-16");
        relay.origin = Some("wire".into());
        let other = member(2, Role::Support, &["outlet:gazette"], "2025-09-16");
        let mut anonymous = member(
            3,
            Role::Support,
            &["anonymous:post:2//official/"],
            "2025-09-16",
        );
        anonymous.origin = Some("post".into());
        let post = member(4, Role::Support, &["outlet:post"], "2025-09-17");
        let c = ClaimCluster {
            id: 0,
            event_type: None,
            actor: None,
            target: None,
            actors: vec![],
            keys: vec![],
            members: vec![wire, relay, other, anonymous, post],
        };
        assert_eq!(
            c.chains(),
            ["actor:4", "anonymous:post:2//official/", "outlet:gazette"]
        );
        // Without the wire's own report, its credit is the only trace of its chain.
        let mut alone = c.clone();
        alone.members.remove(0);
        assert!(alone.chains().contains(&"outlet:wire".to_string()));
    }

    #[test]
    fn set_similarities() {
        assert_eq!(overlap(&[1, 2, 3], &[2, 3, 4, 5]), 2.0 / 3.0);
        assert_eq!(jaccard(&[1, 2, 3], &[2, 3, 4, 5]), 2.0 / 5.0);
        assert_eq!(jaccard(&[], &[]), 0.0);
    }
}
