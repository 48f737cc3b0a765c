//! Scorer: gold (not built yet).
