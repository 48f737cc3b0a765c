//! Timelines per actor and per actor pair: the claims and events that involve them, by date.

use byline_model::{EventType, Factuality};
use serde::{Deserialize, Serialize};

use crate::claims::Role;
use crate::LinkIndex;

/// One claim on a timeline.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// Date of the event when the report resolved one, else the report's publication date.
    pub date: Option<String>,
    /// Publication date of the report.
    pub published: Option<String>,
    /// Claim cluster.
    pub cluster: u32,
    /// Report index.
    pub report: u32,
    /// Outlet of the report.
    pub outlet: Option<String>,
    /// PLOVER type of the cluster's event.
    pub event_type: Option<EventType>,
    /// What the claim does for its cluster.
    pub role: Role,
    /// Factuality the report gave it.
    pub factuality: Factuality,
    /// The claim text.
    pub text: String,
}

impl LinkIndex {
    /// Every claim involving `actor` (and `other`, when given), oldest first.
    pub fn timeline(&self, actor: u32, other: Option<u32>) -> Vec<TimelineEntry> {
        let mut out = Vec::new();
        for &cid in self.clusters_of(actor) {
            let Some(c) = self.clusters().get(cid as usize) else {
                continue;
            };
            if other.is_some_and(|o| !c.actors.contains(&o)) {
                continue;
            }
            for m in &c.members {
                let report = self.reports().get(m.report as usize);
                out.push(TimelineEntry {
                    date: m.event_date.clone().or_else(|| m.published.clone()),
                    published: m.published.clone(),
                    cluster: c.id,
                    report: m.report,
                    outlet: report.and_then(|r| r.outlet.clone()),
                    event_type: c.event_type,
                    role: m.role,
                    factuality: m.factuality,
                    text: m.text.clone(),
                });
            }
        }
        out.sort_by(|a, b| {
            (a.date.is_none(), &a.date, a.cluster, a.report).cmp(&(
                b.date.is_none(),
                &b.date,
                b.cluster,
                b.report,
            ))
        });
        out
    }
}
