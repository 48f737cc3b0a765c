//! The actors annotator (not built yet: its layer stays empty).

use crate::context::Context;
use crate::{Config, Result};

/// What the actors annotator loads once and shares across documents.
#[derive(Debug)]
pub(crate) struct Actors {}

impl Actors {
    /// Loads what the annotator needs.
    pub(crate) fn load(_config: &Config) -> Result<Actors> {
        Ok(Actors {})
    }

    /// Fills the actors layer of the document.
    pub(crate) fn annotate(&self, _cx: &mut Context) {}
}
