//! Actors, places, titles and demonyms (not built yet).
