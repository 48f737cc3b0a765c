//! The attribution annotator (not built yet: its layer stays empty).

use crate::context::Context;
use crate::{Config, Result};

/// What the attribution annotator loads once and shares across documents.
#[derive(Debug)]
pub(crate) struct Attribution {}

impl Attribution {
    /// Loads what the annotator needs.
    pub(crate) fn load(_config: &Config) -> Result<Attribution> {
        Ok(Attribution {})
    }

    /// Fills the attribution layer of the document.
    pub(crate) fn annotate(&self, _cx: &mut Context) {}
}
