//! Scorer: polnear (not built yet).
