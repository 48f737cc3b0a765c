//! Scorer: parsing (not built yet).
