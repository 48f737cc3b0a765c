//! PLOVER event patterns (not built yet).
