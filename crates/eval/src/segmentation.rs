//! Scorer: segmentation (not built yet).
