//! Scorer: timeml (not built yet).
