//! Reporting cues and hedges (not built yet).
