//! Across reports: near-duplicate and republished reports, actors resolved across reports,
//! claim clusters with independent source chains, confirmations, denials and contradictions,
//! and timelines per actor and actor pair.
//!
//! [`LinkIndex`] is incremental: [`LinkIndex::add`] files one `byline/1` document and touches
//! only the clusters its claims join. The index saves to JSON and reads back.
//!
//! ```
//! use byline_link::LinkIndex;
//! use byline_model::Document;
//!
//! let mut index = LinkIndex::default();
//! let mut wire = Document::new("BEIRUT (Reuters) - Talks resumed in Paris on Monday.".into());
//! wire.id = "r1".into();
//! wire.outlet = Some("Reuters".into());
//! let mut copy = wire.clone();
//! copy.id = "r2".into();
//! copy.outlet = Some("Daily Star".into());
//! index.add(&wire)?;
//! let added = index.add(&copy)?;
//! assert_eq!(added.duplicate_of, Some(0));
//! assert_eq!(added.origin, "reuters");
//! # Ok::<(), byline_link::Error>(())
//! ```
#![deny(missing_docs)]

pub mod actors;
pub mod claims;
pub mod coref;
mod error;
mod index;
pub mod lemma;
pub mod minhash;
pub mod relay;
pub mod timeline;

pub use actors::GlobalActor;
pub use claims::{ClaimCluster, ClusterSummary, Member, Role};
pub use error::{Error, Result};
pub use index::{
    chronological, Added, LinkConfig, LinkIndex, Report, FORMAT_VERSION, OLDEST_SUPPORTED_VERSION,
};
pub use minhash::Signature;
pub use timeline::TimelineEntry;
