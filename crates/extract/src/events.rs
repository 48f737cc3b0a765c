//! The events annotator (not built yet: its layer stays empty).

use crate::context::Context;
use crate::{Config, Result};

/// What the events annotator loads once and shares across documents.
#[derive(Debug)]
pub(crate) struct Events {}

impl Events {
    /// Loads what the annotator needs.
    pub(crate) fn load(_config: &Config) -> Result<Events> {
        Ok(Events {})
    }

    /// Fills the events layer of the document.
    pub(crate) fn annotate(&self, _cx: &mut Context) {}
}
