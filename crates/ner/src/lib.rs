//! Named-entity recogniser trained on CoNLL-2003, with gazetteer features from the lexicon.
#![deny(missing_docs)]
