//! The times annotator (not built yet: its layer stays empty).

use crate::context::Context;
use crate::{Config, Result};

/// What the times annotator loads once and shares across documents.
#[derive(Debug)]
pub(crate) struct Times {}

impl Times {
    /// Loads what the annotator needs.
    pub(crate) fn load(_config: &Config) -> Result<Times> {
        Ok(Times {})
    }

    /// Fills the times layer of the document.
    pub(crate) fn annotate(&self, _cx: &mut Context) {}
}
