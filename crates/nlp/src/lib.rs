//! Statistical models: averaged-perceptron part-of-speech tagger and transition-based dependency
//! parser, trained on UD English.
#![deny(missing_docs)]

pub mod conllu;
