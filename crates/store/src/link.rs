//! Cross-report tables (`byline-link`): the incremental link index kept row by row, so adding
//! one report rewrites only the report, the actors and the claim clusters it touched.

use std::collections::HashSet;

use byline_link::{Added, ClaimCluster, GlobalActor, LinkConfig, LinkIndex, Report, Signature};
use byline_model::Document;

use crate::backend::Value;
use crate::{Result, Store};

fn int(n: impl TryInto<i64>) -> Value {
    Value::Int(n.try_into().ok())
}

impl Store {
    /// Reads the link index kept in the store (empty when nothing was linked yet).
    pub fn link_index(&mut self) -> Result<LinkIndex> {
        let config = match self
            .conn
            .query("SELECT json FROM link_config WHERE id = 1", &[])?
            .first()
            .and_then(|r| r[0].as_text().map(str::to_string))
        {
            Some(json) => serde_json::from_str::<LinkConfig>(&json)?,
            None => LinkConfig::default(),
        };
        let mut reports: Vec<(Report, Signature)> = Vec::new();
        for r in self
            .conn
            .query("SELECT json FROM link_reports ORDER BY n", &[])?
        {
            reports.push(serde_json::from_str(r[0].as_text().unwrap_or("null"))?);
        }
        let mut actors: Vec<GlobalActor> = Vec::new();
        for r in self
            .conn
            .query("SELECT json FROM link_actors ORDER BY id", &[])?
        {
            actors.push(serde_json::from_str(r[0].as_text().unwrap_or("null"))?);
        }
        let mut clusters: Vec<ClaimCluster> = Vec::new();
        for r in self
            .conn
            .query("SELECT json FROM claim_clusters ORDER BY id", &[])?
        {
            clusters.push(serde_json::from_str(r[0].as_text().unwrap_or("null"))?);
        }
        Ok(LinkIndex::from_parts(config, reports, actors, clusters))
    }

    /// Ids of the documents already in the link index.
    pub fn linked_ids(&mut self) -> Result<HashSet<String>> {
        Ok(self
            .conn
            .query("SELECT doc_id FROM link_reports", &[])?
            .iter()
            .filter_map(|r| r[0].as_text().map(str::to_string))
            .collect())
    }

    /// The stored documents the link index does not hold yet, oldest first
    /// ([`byline_link::chronological`]); documents whose JSON does not parse are skipped.
    pub fn unlinked_documents(&mut self) -> Result<Vec<Document>> {
        let linked = self.linked_ids()?;
        let mut fresh: Vec<Document> = Vec::new();
        self.for_each_document(|json| {
            if let Ok(doc) = serde_json::from_str::<Document>(json) {
                if !linked.contains(&doc.id) {
                    fresh.push(doc);
                }
            }
            Ok(())
        })?;
        byline_link::chronological(&mut fresh);
        Ok(fresh)
    }

    /// Writes what `added` reports touched in `index`, in one transaction.
    pub fn save_link(&mut self, index: &LinkIndex, added: &[Added]) -> Result<()> {
        self.conn.batch("BEGIN")?;
        let result = self.save_link_rows(index, added);
        match result {
            Ok(()) => self.conn.batch("COMMIT"),
            Err(e) => {
                let _ = self.conn.batch("ROLLBACK");
                Err(e)
            }
        }
    }

    fn save_link_rows(&mut self, index: &LinkIndex, added: &[Added]) -> Result<()> {
        self.conn.exec(
            "INSERT INTO link_config (id, json) VALUES (1, ?) ON CONFLICT (id) DO UPDATE SET json = excluded.json",
            &[Value::text(serde_json::to_string(index.config())?)],
        )?;
        let mut actors: Vec<u32> = Vec::new();
        let mut clusters: Vec<u32> = Vec::new();
        for a in added {
            let Some(r) = index.reports().get(a.report as usize) else {
                continue;
            };
            let sig = index.signature(a.report).cloned().unwrap_or_default();
            self.conn.exec(
                "INSERT INTO link_reports (n, doc_id, outlet, published, origin, duplicate_of, json) \
                 VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (n) DO NOTHING",
                &[
                    int(a.report),
                    Value::text(r.id.as_str()),
                    Value::opt(r.outlet.clone()),
                    Value::opt(r.published.clone()),
                    Value::text(r.origin.as_str()),
                    Value::Int(r.duplicate_of.map(i64::from)),
                    Value::text(serde_json::to_string(&(r, &sig))?),
                ],
            )?;
            actors.extend(a.actors.iter().map(|(_, g)| *g));
            clusters.extend(a.clusters.iter().copied());
        }
        actors.sort_unstable();
        actors.dedup();
        clusters.sort_unstable();
        clusters.dedup();
        for g in actors {
            let Some(a) = index.actors().get(g) else {
                continue;
            };
            let kind = serde_json::to_value(a.kind)?;
            self.conn.exec(
                "INSERT INTO link_actors (id, name, kind, country, code, json) VALUES (?, ?, ?, ?, ?, ?) \
                 ON CONFLICT (id) DO UPDATE SET name = excluded.name, country = excluded.country, \
                 code = excluded.code, json = excluded.json",
                &[
                    int(g),
                    Value::text(a.name.as_str()),
                    Value::opt(kind.as_str().map(str::to_string)),
                    Value::opt(a.country.clone()),
                    Value::opt(a.code.clone()),
                    Value::text(serde_json::to_string(a)?),
                ],
            )?;
        }
        for cid in clusters {
            let Some(c) = index.clusters().get(cid as usize) else {
                continue;
            };
            let s = c.summary();
            let event_type = serde_json::to_value(s.event_type)?;
            self.conn.exec(
                "INSERT INTO claim_clusters (id, event_type, first_seen, text, reports, claims, \
                 independent_chains, confirmations, denials, contradictions, json) \
                 VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET \
                 event_type = excluded.event_type, first_seen = excluded.first_seen, text = excluded.text, \
                 reports = excluded.reports, claims = excluded.claims, \
                 independent_chains = excluded.independent_chains, confirmations = excluded.confirmations, \
                 denials = excluded.denials, contradictions = excluded.contradictions, json = excluded.json",
                &[
                    int(cid),
                    Value::opt(event_type.as_str().map(str::to_string)),
                    Value::opt(s.first_seen.clone()),
                    Value::text(s.text.as_str()),
                    int(s.reports),
                    int(s.claims),
                    int(s.independent_chains),
                    int(s.confirmations),
                    int(s.denials),
                    int(s.contradictions),
                    Value::text(serde_json::to_string(c)?),
                ],
            )?;
            for &g in &c.actors {
                self.conn.exec(
                    "INSERT INTO cluster_actors (actor_id, cluster_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                    &[int(g), int(cid)],
                )?;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, outlet: &str, text: &str) -> byline_model::Document {
        let mut d = byline_model::Document::new(text.to_string());
        d.id = id.into();
        d.outlet = Some(outlet.into());
        d.published = Some("2025-03-02".into());
        d.claims.push(byline_model::Claim {
            id: "c1".into(),
            span: byline_model::Span::new(0, text.chars().count()),
            text: text.into(),
            sources: vec![],
            cue: None,
            quote: false,
            factuality: byline_model::Factuality::Asserted,
            parent: None,
            events: vec![],
        });
        d
    }

    #[test]
    fn link_index_round_trips_row_by_row() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("s.db");
        let mut store = Store::open(path.to_str().unwrap_or("s.db")).expect("store");
        let mut index = store.link_index().expect("empty index");
        let text =
            "The bridge over the river reopened to traffic after repairs lasting three months.";
        let a = index.add(&doc("d1", "Wire", text)).expect("added");
        store.save_link(&index, &[a]).expect("saved");
        let mut again = store.link_index().expect("loaded");
        let b = again.add(&doc("d2", "Paper", text)).expect("added");
        assert_eq!(b.duplicate_of, Some(0));
        store.save_link(&again, &[b]).expect("saved");
        let back = store.link_index().expect("loaded");
        assert_eq!(back.clusters().len(), 1);
        assert_eq!(back.clusters()[0].members.len(), 2);
        assert_eq!(store.linked_ids().expect("ids").len(), 2);
    }
}
