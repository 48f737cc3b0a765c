//! The cross-report link index held in memory, with the lookups the server needs.

use std::collections::HashMap;

use byline_link::{Added, LinkIndex};
use byline_model::Document;
use byline_store::Store;

use crate::error::Result;

/// The link index plus lookups by document id and by claim.
#[derive(Clone, Debug, Default)]
pub struct Links {
    index: LinkIndex,
    report_of: HashMap<String, u32>,
    cluster_of: HashMap<(u32, String), u32>,
}

impl Links {
    /// Wraps an index and builds its lookups.
    pub fn new(index: LinkIndex) -> Links {
        let mut links = Links {
            index,
            report_of: HashMap::new(),
            cluster_of: HashMap::new(),
        };
        links.rebuild();
        links
    }

    fn rebuild(&mut self) {
        self.report_of = self
            .index
            .reports()
            .iter()
            .enumerate()
            .map(|(i, r)| (r.id.clone(), i as u32))
            .collect();
        self.cluster_of.clear();
        for c in self.index.clusters() {
            for m in &c.members {
                self.cluster_of.insert((m.report, m.claim.clone()), c.id);
            }
        }
    }

    /// The index itself.
    pub fn index(&self) -> &LinkIndex {
        &self.index
    }

    /// The report index of a document id.
    pub fn report_of(&self, doc_id: &str) -> Option<u32> {
        self.report_of.get(doc_id).copied()
    }

    /// The document id of a report index.
    pub fn doc_of(&self, report: u32) -> Option<&str> {
        self.index
            .reports()
            .get(report as usize)
            .map(|r| r.id.as_str())
    }

    /// The cluster a document's claim (or event) belongs to.
    pub fn cluster_of(&self, doc_id: &str, claim_id: &str) -> Option<u32> {
        let report = self.report_of(doc_id)?;
        self.cluster_of
            .get(&(report, claim_id.to_string()))
            .copied()
    }

    /// Adds documents (oldest first) and returns what each changed; a document already linked
    /// is skipped.
    pub fn add(&mut self, docs: &[Document]) -> Vec<Added> {
        let mut added = Vec::new();
        for d in docs {
            if self.report_of.contains_key(&d.id) {
                continue;
            }
            match self.index.add(d) {
                Ok(a) => added.push(a),
                Err(e) => eprintln!("byline serve: linking {}: {e}", d.id),
            }
        }
        self.rebuild();
        added
    }
}

/// Links every stored document the store's link tables do not hold yet (oldest first), saves
/// the link tables, and returns the index.
pub fn link_pending(store: &mut Store) -> Result<Links> {
    let index = store.link_index()?;
    let fresh = store.unlinked_documents()?;
    let mut links = Links::new(index);
    for batch in fresh.chunks(256) {
        let added = links.add(batch);
        store.save_link(&links.index, &added)?;
    }
    Ok(links)
}
