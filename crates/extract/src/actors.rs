//! The actors annotator (not built yet: its layer stays empty).

use crate::context::Context;

/// Fills the actors layer of the document.
pub(crate) fn annotate(_cx: &mut Context) {}
