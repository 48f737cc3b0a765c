//! `byline eval`: score byline against gold data.

use anyhow::Result;

use super::Outcome;

mod conllu;
mod ecb;
mod gold;
mod ner;
mod plover;
mod polnear;
mod segmentation;
mod timeml;

#[derive(clap::Subcommand, Debug)]
pub enum Command {
    /// PLOVER gold records: event type P/R/F1 and type + source + target record accuracy.
    Plover(plover::Args),
    /// Tagger and parser: UPOS, XPOS, lemma, UAS and LAS on CoNLL-U gold (gold tokens, or --raw).
    Conllu(conllu::Args),
    /// Score every layer against folders of byline-gold/1 files.
    Gold(gold::Args),
    /// Score attribution (source, cue, content) against a PolNeAR split folder.
    Polnear(Box<polnear::Args>),
    /// Cross-document event and entity coreference on ECB+ (gold mentions, CoNLL F1).
    Ecb(ecb::Args),
    /// Named entities: exact span + type P/R/F1 per type and overall on a CoNLL-2003 file.
    Ner(ner::Args),
    /// Tokenizer P/R/F1 against CoNLL-U surface tokens (text rebuilt from `# text`).
    Tokens(segmentation::Args),
    /// Sentence-splitter P/R/F1 against CoNLL-U sentences (text rebuilt from `# text`).
    Sentences(segmentation::Args),
    /// TIMEX3 span, type and value scores on TempEval-3 TimeML folders.
    Timeml(timeml::Args),
}

pub fn run(command: Command) -> Result<Outcome> {
    match command {
        Command::Plover(args) => plover::run(args),
        Command::Conllu(args) => conllu::run(args),
        Command::Gold(args) => gold::run(args),
        Command::Polnear(args) => polnear::run(*args),
        Command::Ecb(args) => ecb::run(args),
        Command::Ner(args) => ner::run(args),
        Command::Tokens(args) => segmentation::run(args, segmentation::Layer::Tokens),
        Command::Sentences(args) => segmentation::run(args, segmentation::Layer::Sentences),
        Command::Timeml(args) => timeml::run(args),
    }
}
