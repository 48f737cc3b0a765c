//! The source chooser: a trained second opinion on the source of a claim the parse frames
//! read.
//!
//! The rules ([`frames`](super::frames), then `revise` in [`sources`](super::sources)) pick
//! one source phrase per claim, or none. For each claim of the parse frames with at most one
//! source, [`candidates`] lists the phrases that could be its source instead: the rule's pick,
//! "none", and every noun phrase of the cue's sentence within [`WINDOW`] tokens of the cue (its
//! head a noun, a name or a pronoun other than a relative one), each with features: its
//! relation to the cue in the parse (subject, agent, possessor, sibling, parent…), side and
//! distance (in tokens, and in candidates between), the kind of its head (pronoun and which,
//! name, role noun of `roles.tsv`, other noun, an actor mention), whether it is the rule's pick
//! or overlaps it, the cue's part of speech, relation and stance class, passive, commas and
//! quotation marks between, whether it lies inside the content. A logistic regression
//! (`data/cues/source-model.tsv` of `byline-lexicon`, trained on the PolNeAR training split
//! by `byline eval polnear DIR --folds 5 --write-models OUT`) scores each candidate as the
//! source; the best replaces the rule's pick only when it beats it by [`MARGIN`]. Verbs of
//! seeming ([`SEEMING`]) are left to the rules.
//!
//! [`collect_choices`] lets the trainer see the candidates of every such claim.

use byline_lexicon::cues::model::{source_model, CueModel};
use byline_lexicon::cues::CueClass;
use byline_nlp::Upos;
use std::cell::RefCell;

use super::claims::{Content, Draft};
use super::{head, phrase_head, rel, upos, Work};

/// The chooser's best candidate replaces the rule's pick when its probability is higher by at
/// least this much (chosen by 5-fold cross-validation on PolNeAR train, docs/attribution.md).
pub const MARGIN: f32 = 0.1;

/// Verbs of seeming, whose sources the rules alone decide (general English).
const SEEMING: &[&str] = &["appear", "seem"];

/// Candidate phrases lie within this many tokens of the cue.
const WINDOW: usize = 25;

/// One candidate source of a claim: its byte range (`None` for no source) and features.
#[derive(Clone, Debug)]
pub struct SourceCandidate {
    /// Byte range of the phrase in the normalised text; `None` for "no source".
    pub span: Option<(usize, usize)>,
    /// Feature names, the parts joined with `=`.
    pub features: Vec<String>,
}

/// One claim's candidates while collecting: the byte range of its cue and its candidates,
/// the rule's pick first.
#[derive(Clone, Debug)]
pub struct SourceChoice {
    /// Byte range of the cue.
    pub cue: (usize, usize),
    /// The candidates; the first is the rule's pick (the phrase, or "none").
    pub candidates: Vec<SourceCandidate>,
}

thread_local! {
    static LOG: RefCell<Option<Vec<SourceChoice>>> = const { RefCell::new(None) };
}

/// Runs `f` (documents extracted on this thread) recording the source candidates of every
/// claim the chooser looks at, and returns its result with them: the chooser's training data.
pub fn collect_choices<R>(f: impl FnOnce() -> R) -> (R, Vec<SourceChoice>) {
    LOG.with(|l| *l.borrow_mut() = Some(Vec::new()));
    let r = f();
    let log = LOG.with(|l| l.borrow_mut().take());
    (r, log.unwrap_or_default())
}

/// The claims of `drafts` the parse frames read, their sources replaced where the chooser
/// is confident (and recorded, while collecting). The model and margin are the built-in ones
/// unless `source` and `margin` of [`Overrides`](super::judge::Overrides) replace them.
pub(crate) fn choose(w: &Work, drafts: &mut [Draft]) {
    let (model, margin) = super::judge::source_override();
    let margin = margin.unwrap_or(MARGIN);
    let collecting = LOG.with(|l| l.borrow().is_some());
    let model: &CueModel = match &model {
        Some(m) => m,
        None => source_model(),
    };
    if model.is_empty() && !collecting {
        return;
    }
    for d in drafts.iter_mut() {
        if !d.parsed || d.speaker_only || d.sources.len() > 1 || d.cue.1 <= d.cue.0 {
            continue;
        }
        // Verbs of seeming: the rules give them their "to" experiencer or none (6K).
        if SEEMING.contains(&super::lemma(w, head_of(w, d.cue))) {
            continue;
        }
        let cands = candidates(w, d);
        if collecting {
            let bytes = |(a, b): (usize, usize)| (w.toks[a].start, w.toks[b - 1].end);
            LOG.with(|l| {
                if let Some(log) = l.borrow_mut().as_mut() {
                    log.push(SourceChoice {
                        cue: bytes(d.cue),
                        candidates: cands
                            .iter()
                            .map(|c| SourceCandidate {
                                span: c.0.map(bytes),
                                features: c.1.clone(),
                            })
                            .collect(),
                    });
                }
            });
        }
        if model.is_empty() {
            continue;
        }
        let scores: Vec<f32> = cands
            .iter()
            .map(|c| {
                model.score_features(|f| {
                    for n in &c.1 {
                        f(&[n.as_str()]);
                    }
                })
            })
            .collect();
        let best = (0..scores.len())
            .max_by(|&a, &b| scores[a].total_cmp(&scores[b]))
            .unwrap_or(0);
        if best != 0 && scores[best] - scores[0] >= margin {
            d.sources = cands[best].0.into_iter().collect();
        }
    }
}

/// The head word of the phrase `p` (its first word when none is: [`phrase_head`]).
fn head_of(w: &Work, p: (usize, usize)) -> usize {
    phrase_head(w, p).unwrap_or(p.0)
}

/// Relations of a word inside a noun phrase that the phrase takes in.
const INNER: &[&str] = &["amod", "compound", "det", "flat", "nmod:poss", "nummod"];

/// The noun phrase headed by `h`: the words before and after it that hang on it (or on such a
/// word) by [`INNER`] relations, or are the possessive "'s" of such a word, without gaps.
fn phrase(w: &Work, h: usize, sent: &std::ops::Range<usize>) -> (usize, usize) {
    let inside = |k: usize| -> bool {
        let mut x = k;
        for _ in 0..4 {
            let r = rel(w, x);
            let ok = INNER.contains(&r) || (r == "case" && w.word(x) == "'s");
            if !ok {
                return false;
            }
            match head(w, x) {
                Some(p) if p == h => return true,
                Some(p) => x = p,
                None => return false,
            }
        }
        false
    };
    let mut a = h;
    while a > sent.start && inside(a - 1) {
        a -= 1;
    }
    let mut b = h + 1;
    while b < sent.end && inside(b) {
        b += 1;
    }
    (a, b)
}

/// Buckets of a distance in tokens.
fn distance_bucket(n: usize) -> &'static str {
    match n {
        0..=1 => "1",
        2 => "2",
        3 => "3",
        4..=5 => "4-5",
        6..=10 => "6-10",
        11..=20 => "11-20",
        _ => "21+",
    }
}

/// The kind of head word `h`: which pronoun, a name, a role noun of `roles.tsv`, another noun.
fn head_kind(w: &Work, h: usize) -> String {
    match upos(w, h) {
        Some(Upos::Pron) => format!("pron:{}", w.word(h)),
        Some(Upos::Propn) => "propn".into(),
        Some(Upos::Noun) if w.cues.role(&w.toks[h].lower).is_some() => "role".into(),
        Some(Upos::Noun) => "noun".into(),
        Some(Upos::Det) if super::relative_at(w, h) => format!("rel:{}", w.word(h)),
        _ => "other".into(),
    }
}

/// The relation of the word `k` to the cue's head word `v` in the parse.
fn relation(w: &Work, k: usize, v: usize) -> String {
    let (hk, hv) = (head(w, k), head(w, v));
    if hk == Some(v) {
        format!("child:{}", rel(w, k))
    } else if hv == Some(k) {
        format!("parent:{}", rel(w, v))
    } else if hk.is_some() && hk == hv {
        format!("sibling:{}:{}", rel(w, k), rel(w, v))
    } else if hk.and_then(|p| head(w, p)) == Some(v) {
        format!("grandchild:{}:{}", hk.map_or("", |p| rel(w, p)), rel(w, k))
    } else if hv.and_then(|p| head(w, p)) == Some(k) {
        "grandparent".into()
    } else {
        "far".into()
    }
}

/// The candidate sources of draft `d`: the rule's pick (or "none") first, then "none" (when the
/// rule picked a phrase) and the noun phrases of the cue's sentence near the cue that do not
/// overlap the rule's pick; each with its feature names.
#[allow(clippy::type_complexity)]
pub(crate) fn candidates(w: &Work, d: &Draft) -> Vec<(Option<(usize, usize)>, Vec<String>)> {
    let sent = w.sentence_of(d.cue.0);
    let v = head_of(w, d.cue);
    let rule = d.sources.first().copied();
    let (ca, cb) = match d.content {
        Content::Tokens(a, b) => (a, b),
        Content::Quote(q) => {
            let (s, e) = (w.quotes[q].start, w.quotes[q].end);
            let a = (0..w.toks.len())
                .find(|&k| w.toks[k].start >= s)
                .unwrap_or(0);
            let b = (a..w.toks.len())
                .find(|&k| w.toks[k].start >= e)
                .unwrap_or(w.toks.len());
            (a, b)
        }
    };
    let cue_upos = match upos(w, v) {
        Some(Upos::Verb) => "verb",
        Some(Upos::Noun) => "noun",
        Some(Upos::Aux) => "aux",
        Some(Upos::Adj) => "adj",
        _ => "other",
    };
    let class = match d.class {
        CueClass::Report => "report",
        CueClass::Belief => "belief",
        CueClass::Denial => "denial",
    };
    let passive = super::kids(w, &sent, v).any(|k| matches!(rel(w, k), "aux:pass" | "nsubj:pass"));
    let cue_rel = rel(w, v).to_string();
    let cue_lemma = super::lemma(w, v).to_string();
    let has_subject = super::kids(w, &sent, v).any(|k| {
        matches!(
            rel(w, k),
            "nsubj" | "nsubj:pass" | "nmod:poss" | "obl:agent"
        )
    });
    let rule_kind = rule.map_or("none".to_string(), |r| head_kind(w, head_of(w, r)));
    let rule_rel = rule.map_or("none".to_string(), |r| relation(w, head_of(w, r), v));
    let common = |out: &mut Vec<String>| {
        out.push(format!("cue={cue_upos}"));
        out.push(format!("cuerel={cue_rel}"));
        out.push(format!("class={class}"));
        out.push(format!("passive={passive}"));
        out.push(format!("rulekind={rule_kind}"));
        out.push(format!("rulerel={rule_rel}"));
    };
    // The phrases: the rule's pick, then noun phrases by their heads.
    let mut phrases: Vec<(usize, usize)> = Vec::new();
    let lo = sent.start.max(d.cue.0.saturating_sub(WINDOW));
    let hi = sent.end.min(d.cue.1 + WINDOW);
    for k in lo..hi {
        if (d.cue.0..d.cue.1).contains(&k) || w.toks[k].quote.is_some() {
            continue;
        }
        // Relative pronouns are no sources (their antecedent is, 6H).
        let nominal = matches!(upos(w, k), Some(Upos::Noun | Upos::Propn | Upos::Pron))
            && !super::relative_at(w, k);
        let inner = INNER.contains(&rel(w, k)) && head(w, k) != Some(v);
        if !nominal || inner || rel(w, k) == "fixed" {
            continue;
        }
        let p = phrase(w, k, &sent);
        if p.0 < d.cue.1 && d.cue.0 < p.1 {
            continue;
        }
        if rule.is_some_and(|r| p.0 < r.1 && r.0 < p.1) {
            continue;
        }
        phrases.push(p);
    }
    let mut out: Vec<(Option<(usize, usize)>, Vec<String>)> = Vec::new();
    let describe = |p: (usize, usize), is_rule: bool, nth: usize| -> Vec<String> {
        let h = head_of(w, p);
        let mut f = vec!["bias".to_string()];
        common(&mut f);
        let kind = head_kind(w, h);
        let relation = relation(w, h, v);
        let before = p.1 <= d.cue.0;
        let side = if before { "before" } else { "after" };
        let dist = if before {
            d.cue.0 - p.1 + 1
        } else {
            p.0.saturating_sub(d.cue.1) + 1
        };
        let (ga, gb) = if before {
            (p.1, d.cue.0)
        } else {
            (d.cue.1, p.0)
        };
        let comma = (ga..gb).any(|k| w.word(k) == ",");
        let mark = (ga..gb).any(|k| w.toks[k].mark);
        let inside = ca <= p.0 && p.1 <= cb;
        let actor = w
            .actors_in(w.toks[p.0].start, w.toks[p.1 - 1].end)
            .first()
            .map(|&a| format!("{:?}", w.actors[a].kind))
            .unwrap_or_else(|| "none".into());
        let r = if is_rule { "rule" } else { "np" };
        f.push(format!("is={r}"));
        f.push(format!("kind={kind}"));
        f.push(format!("rel={relation}"));
        f.push(format!("side={side}"));
        f.push(format!("dist={side}:{}", distance_bucket(dist)));
        f.push(format!("nth={side}:{}", nth.min(3)));
        f.push(format!("comma={comma}"));
        f.push(format!("mark={mark}"));
        f.push(format!("inside={inside}"));
        f.push(format!("actor={actor}"));
        f.push(format!("cap={}", w.toks[p.0].cap));
        f.push(format!("first={}", p.0 == sent.start));
        f.push(format!("len={}", (p.1 - p.0).min(5)));
        f.push(format!("r&kind={r}:{kind}"));
        f.push(format!("lemma&side={cue_lemma}:{side}"));
        f.push(format!("subject&rel={has_subject}:{relation}"));
        f.push(format!("r&rel={r}:{relation}"));
        f.push(format!("rel&passive={relation}:{passive}"));
        f.push(format!("rel&cue={relation}:{cue_upos}"));
        f.push(format!("kind&side={kind}:{side}"));
        f.push(format!("kind&rulekind={kind}:{rule_kind}"));
        f.push(format!("rel&rulerel={relation}:{rule_rel}"));
        f.push(format!("side&inside={side}:{inside}"));
        f.push(format!("dist&rel={}:{relation}", distance_bucket(dist)));
        f.push(format!(
            "prev={}",
            if p.0 > 0 { w.word(p.0 - 1) } else { "" }
        ));
        f
    };
    let none = {
        let mut f = vec!["bias".to_string(), "is=none".to_string()];
        common(&mut f);
        f.push(format!("none&rulekind={rule_kind}"));
        f.push(format!("none&rulerel={rule_rel}"));
        f.push(format!("none&cue={cue_upos}:{cue_rel}"));
        f.push(format!("none&passive={passive}"));
        f.push(format!("none&lemma={cue_lemma}"));
        f.push(format!("none&subject={has_subject}"));
        f
    };
    match rule {
        Some(r) => {
            out.push((Some(r), describe(r, true, 0)));
            out.push((None, none));
        }
        None => out.push((None, none)),
    }
    let (mut nb, mut na) = (0, 0);
    let before: Vec<usize> = (0..phrases.len())
        .filter(|&i| phrases[i].1 <= d.cue.0)
        .rev()
        .collect();
    let mut nth = vec![0; phrases.len()];
    for i in before {
        nth[i] = nb;
        nb += 1;
    }
    for (i, p) in phrases.iter().enumerate() {
        if p.0 >= d.cue.1 {
            nth[i] = na;
            na += 1;
        }
    }
    for (i, &p) in phrases.iter().enumerate() {
        out.push((Some(p), describe(p, false, nth[i])));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Input, Pipeline};

    /// The candidates of every claim the chooser looks at in `text`, as `(phrase text or
    /// "none", features)`.
    fn choices(text: &str) -> Vec<Vec<(String, Vec<String>)>> {
        let (doc, found) =
            collect_choices(|| Pipeline::new().unwrap().extract(&Input::new(text)).unwrap());
        found
            .into_iter()
            .map(|c| {
                c.candidates
                    .into_iter()
                    .map(|x| {
                        let t = x
                            .span
                            .map_or("none".to_string(), |(a, b)| doc.text[a..b].into());
                        (t, x.features)
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn candidates_are_the_rules_pick_none_and_the_noun_phrases_near_the_cue() {
        let found =
            choices("The harbour master grumbled that the new ferry timetable would strand late-shift workers.");
        assert_eq!(found.len(), 1, "{found:?}");
        let cands = &found[0];
        let texts: Vec<&str> = cands.iter().map(|c| c.0.as_str()).collect();
        // The rule's pick first, then "none", then the phrases of the sentence.
        assert_eq!(texts[0], "The harbour master", "{texts:?}");
        assert_eq!(texts[1], "none", "{texts:?}");
        assert!(texts.contains(&"the new ferry timetable"), "{texts:?}");
        let has = |t: &str, f: &str| {
            cands
                .iter()
                .find(|c| c.0 == t)
                .is_some_and(|c| c.1.iter().any(|x| x == f))
        };
        assert!(has("The harbour master", "is=rule"));
        assert!(has("The harbour master", "rel=child:nsubj"));
        assert!(has("The harbour master", "side=before"));
        assert!(has("none", "is=none"));
        assert!(has("the new ferry timetable", "is=np"));
        assert!(has("the new ferry timetable", "inside=true"));
        assert!(has("the new ferry timetable", "side=after"));
        assert!(has("the new ferry timetable", "nth=after:0"));
    }

    /// `(cue, sources)` of every claim of `text`, with the built-in chooser or none (`off`).
    fn sources(text: &str, off: bool) -> Vec<(String, Vec<String>)> {
        let p = Pipeline::new().unwrap();
        let run = || p.extract(&Input::new(text)).unwrap();
        let doc = if off {
            let over = crate::Overrides {
                source: Some(std::sync::Arc::new(CueModel::default())),
                ..crate::Overrides::default()
            };
            crate::with_overrides(&over, run)
        } else {
            run()
        };
        crate::attribution::claim_rows(&doc)
            .into_iter()
            .map(|(cue, sources, _)| (cue, sources))
            .collect()
    }

    #[test]
    fn the_chooser_gives_a_relative_clause_cue_the_possessor_phrase_over_the_antecedent() {
        // The rule takes the noun the relative clause hangs on; the subject of "has opposed"
        // is "whose union".
        let text = "Ferry workers, whose union has opposed the timetable, fear that the late boats will go.";
        let of = |found: &[(String, Vec<String>)]| {
            found
                .iter()
                .find(|c| c.0 == "has opposed")
                .map(|c| c.1.clone())
                .unwrap_or_else(|| panic!("no \"has opposed\" claim in {found:?}"))
        };
        assert_eq!(of(&sources(text, true)), ["Ferry workers"]);
        assert_eq!(of(&sources(text, false)), ["whose union"]);
    }
}
