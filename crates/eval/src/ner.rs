//! Scorer: ner (not built yet).
