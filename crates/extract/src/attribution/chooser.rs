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
//! (`data/cues/source-model.tsv` of `byline-lexicon`, trained on the PolNeAR train and dev
//! splits by `byline eval polnear DIR… --folds 5 --write-models OUT`) scores each candidate as the
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
        if collecting {
            let cands = candidates(w, d);
            let bytes = |(a, b): (usize, usize)| (w.toks[a].start, w.toks[b - 1].end);
            LOG.with(|l| {
                if let Some(log) = l.borrow_mut().as_mut() {
                    log.push(SourceChoice {
                        cue: bytes(d.cue),
                        candidates: cands
                            .into_iter()
                            .map(|(span, features)| SourceCandidate {
                                span: span.map(bytes),
                                features,
                            })
                            .collect(),
                    });
                }
            });
        }
        if model.is_empty() {
            continue;
        }
        let claim = Claim::new(w, d);
        let cands = claim.candidates(d.sources.first().copied());
        let scores: Vec<f32> = cands
            .iter()
            .map(|&c| model.score_pieces(|f| claim.features(c, f)))
            .collect();
        let best = (0..scores.len())
            .max_by(|&a, &b| scores[a].total_cmp(&scores[b]))
            .unwrap_or(0);
        if best != 0 && scores[best] - scores[0] >= margin {
            d.sources = cands[best].span.into_iter().collect();
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

/// The kind of head word `h`: which pronoun, a name, a role noun of `roles.tsv`, another noun
/// (the pieces of the name: `["pron:", "she"]`, `["propn", ""]`).
fn head_kind<'w>(w: &'w Work, h: usize) -> [&'w str; 2] {
    match upos(w, h) {
        Some(Upos::Pron) => ["pron:", w.word(h)],
        Some(Upos::Propn) => ["propn", ""],
        Some(Upos::Noun) if w.cues.role(&w.toks[h].lower).is_some() => ["role", ""],
        Some(Upos::Noun) => ["noun", ""],
        Some(Upos::Det) if super::relative_at(w, h) => ["rel:", w.word(h)],
        _ => ["other", ""],
    }
}

/// The relation of the word `k` to the cue's head word `v` in the parse (the pieces of the
/// name: `["child:", "nsubj", "", ""]`, `["sibling:", "obl", ":", "nsubj"]`).
fn relation(w: &Work, k: usize, v: usize) -> [&'static str; 4] {
    let (hk, hv) = (head(w, k), head(w, v));
    if hk == Some(v) {
        ["child:", rel(w, k), "", ""]
    } else if hv == Some(k) {
        ["parent:", rel(w, v), "", ""]
    } else if hk.is_some() && hk == hv {
        ["sibling:", rel(w, k), ":", rel(w, v)]
    } else if hk.and_then(|p| head(w, p)) == Some(v) {
        ["grandchild:", hk.map_or("", |p| rel(w, p)), ":", rel(w, k)]
    } else if hv.and_then(|p| head(w, p)) == Some(k) {
        ["grandparent", "", "", ""]
    } else {
        ["far", "", "", ""]
    }
}

/// `"true"` or `"false"`.
fn yes(b: bool) -> &'static str {
    if b {
        "true"
    } else {
        "false"
    }
}

/// Small counts as names.
const DIGITS: [&str; 6] = ["0", "1", "2", "3", "4", "5"];

/// One candidate source: its phrase (`None` for no source), whether it is the rule's pick, and
/// how many candidates lie between it and the cue on its side.
#[derive(Clone, Copy, Debug)]
struct Candidate {
    span: Option<(usize, usize)>,
    rule: bool,
    nth: usize,
}

/// What every candidate of one claim shares: the cue and its parse, the rule's pick, the
/// content's tokens.
struct Claim<'a, 'w> {
    w: &'a Work<'w>,
    cue: (usize, usize),
    sent: std::ops::Range<usize>,
    /// The cue's head word.
    v: usize,
    /// The content's tokens.
    content: (usize, usize),
    cue_upos: &'static str,
    cue_rel: &'static str,
    cue_lemma: &'a str,
    class: &'static str,
    passive: &'static str,
    has_subject: &'static str,
    rule_kind: [&'a str; 2],
    rule_rel: [&'static str; 4],
}

impl<'a, 'w> Claim<'a, 'w> {
    fn new(w: &'a Work<'w>, d: &Draft) -> Self {
        let sent = w.sentence_of(d.cue.0);
        let v = head_of(w, d.cue);
        let content = match d.content {
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
        let passive =
            super::kids(w, &sent, v).any(|k| matches!(rel(w, k), "aux:pass" | "nsubj:pass"));
        let has_subject = super::kids(w, &sent, v).any(|k| {
            matches!(
                rel(w, k),
                "nsubj" | "nsubj:pass" | "nmod:poss" | "obl:agent"
            )
        });
        let rule = d.sources.first().copied();
        Claim {
            w,
            cue: d.cue,
            v,
            content,
            cue_upos,
            cue_rel: rel(w, v),
            cue_lemma: super::lemma(w, v),
            class,
            passive: yes(passive),
            has_subject: yes(has_subject),
            rule_kind: rule.map_or(["none", ""], |r| head_kind(w, head_of(w, r))),
            rule_rel: rule.map_or(["none", "", "", ""], |r| relation(w, head_of(w, r), v)),
            sent,
        }
    }

    /// The candidates: the rule's pick (or "none") first, then "none" (when the rule picked a
    /// phrase) and the noun phrases of the cue's sentence near the cue that do not overlap
    /// the rule's pick.
    fn candidates(&self, rule: Option<(usize, usize)>) -> Vec<Candidate> {
        let (w, cue, v, sent) = (self.w, self.cue, self.v, &self.sent);
        let mut phrases: Vec<(usize, usize)> = Vec::new();
        let lo = sent.start.max(cue.0.saturating_sub(WINDOW));
        let hi = sent.end.min(cue.1 + WINDOW);
        for k in lo..hi {
            if (cue.0..cue.1).contains(&k) || w.toks[k].quote.is_some() {
                continue;
            }
            // Relative pronouns are no sources (their antecedent is, 6H).
            let nominal = matches!(upos(w, k), Some(Upos::Noun | Upos::Propn | Upos::Pron))
                && !super::relative_at(w, k);
            let inner = INNER.contains(&rel(w, k)) && head(w, k) != Some(v);
            if !nominal || inner || rel(w, k) == "fixed" {
                continue;
            }
            let p = phrase(w, k, sent);
            if p.0 < cue.1 && cue.0 < p.1 {
                continue;
            }
            if rule.is_some_and(|r| p.0 < r.1 && r.0 < p.1) {
                continue;
            }
            phrases.push(p);
        }
        let mut out = Vec::with_capacity(phrases.len() + 2);
        if let Some(r) = rule {
            out.push(Candidate {
                span: Some(r),
                rule: true,
                nth: 0,
            });
        }
        out.push(Candidate {
            span: None,
            rule: false,
            nth: 0,
        });
        let mut nth = vec![0; phrases.len()];
        let before = (0..phrases.len()).filter(|&i| phrases[i].1 <= cue.0).rev();
        for (n, i) in before.enumerate() {
            nth[i] = n;
        }
        let after = (0..phrases.len()).filter(|&i| phrases[i].0 >= cue.1);
        for (n, i) in after.enumerate() {
            nth[i] = n;
        }
        out.extend(phrases.iter().zip(nth).map(|(&p, nth)| Candidate {
            span: Some(p),
            rule: false,
            nth,
        }));
        out
    }

    /// Calls `f` with the pieces of each feature name of candidate `c` (a name is its pieces
    /// concatenated: `["dist=", "before", ":", "2"]` is `dist=before:2`), in a fixed order.
    fn features(&self, c: Candidate, f: &mut dyn FnMut(&[&str])) {
        let w = self.w;
        let common = |f: &mut dyn FnMut(&[&str])| {
            f(&["cue=", self.cue_upos]);
            f(&["cuerel=", self.cue_rel]);
            f(&["class=", self.class]);
            f(&["passive=", self.passive]);
            f(&["rulekind=", self.rule_kind[0], self.rule_kind[1]]);
            let rr = self.rule_rel;
            f(&["rulerel=", rr[0], rr[1], rr[2], rr[3]]);
        };
        let Some(p) = c.span else {
            f(&["bias"]);
            f(&["is=none"]);
            common(f);
            let (rk, rr) = (self.rule_kind, self.rule_rel);
            f(&["none&rulekind=", rk[0], rk[1]]);
            f(&["none&rulerel=", rr[0], rr[1], rr[2], rr[3]]);
            f(&["none&cue=", self.cue_upos, ":", self.cue_rel]);
            f(&["none&passive=", self.passive]);
            f(&["none&lemma=", self.cue_lemma]);
            f(&["none&subject=", self.has_subject]);
            return;
        };
        let (cue, v) = (self.cue, self.v);
        let h = head_of(w, p);
        f(&["bias"]);
        common(f);
        let kind = head_kind(w, h);
        let rn = relation(w, h, v);
        let before = p.1 <= cue.0;
        let side = if before { "before" } else { "after" };
        let dist = if before {
            cue.0 - p.1 + 1
        } else {
            p.0.saturating_sub(cue.1) + 1
        };
        let dist = distance_bucket(dist);
        let (ga, gb) = if before { (p.1, cue.0) } else { (cue.1, p.0) };
        let comma = yes((ga..gb).any(|k| w.word(k) == ","));
        let mark = yes((ga..gb).any(|k| w.toks[k].mark));
        let inside = yes(self.content.0 <= p.0 && p.1 <= self.content.1);
        let actor = w
            .actors_in(w.toks[p.0].start, w.toks[p.1 - 1].end)
            .first()
            .map(|&a| format!("{:?}", w.actors[a].kind));
        let actor = actor.as_deref().unwrap_or("none");
        let r = if c.rule { "rule" } else { "np" };
        let (rk, rr) = (self.rule_kind, self.rule_rel);
        f(&["is=", r]);
        f(&["kind=", kind[0], kind[1]]);
        f(&["rel=", rn[0], rn[1], rn[2], rn[3]]);
        f(&["side=", side]);
        f(&["dist=", side, ":", dist]);
        f(&["nth=", side, ":", DIGITS[c.nth.min(3)]]);
        f(&["comma=", comma]);
        f(&["mark=", mark]);
        f(&["inside=", inside]);
        f(&["actor=", actor]);
        f(&["cap=", yes(w.toks[p.0].cap)]);
        f(&["first=", yes(p.0 == self.sent.start)]);
        f(&["len=", DIGITS[(p.1 - p.0).min(5)]]);
        f(&["r&kind=", r, ":", kind[0], kind[1]]);
        f(&["lemma&side=", self.cue_lemma, ":", side]);
        f(&[
            "subject&rel=",
            self.has_subject,
            ":",
            rn[0],
            rn[1],
            rn[2],
            rn[3],
        ]);
        f(&["r&rel=", r, ":", rn[0], rn[1], rn[2], rn[3]]);
        f(&[
            "rel&passive=",
            rn[0],
            rn[1],
            rn[2],
            rn[3],
            ":",
            self.passive,
        ]);
        f(&["rel&cue=", rn[0], rn[1], rn[2], rn[3], ":", self.cue_upos]);
        f(&["kind&side=", kind[0], kind[1], ":", side]);
        f(&["kind&rulekind=", kind[0], kind[1], ":", rk[0], rk[1]]);
        f(&[
            "rel&rulerel=",
            rn[0],
            rn[1],
            rn[2],
            rn[3],
            ":",
            rr[0],
            rr[1],
            rr[2],
            rr[3],
        ]);
        f(&["side&inside=", side, ":", inside]);
        f(&["dist&rel=", dist, ":", rn[0], rn[1], rn[2], rn[3]]);
        f(&["prev=", if p.0 > 0 { w.word(p.0 - 1) } else { "" }]);
    }
}

/// The candidate sources of draft `d`: the rule's pick (or "none") first, then "none" (when the
/// rule picked a phrase) and the noun phrases of the cue's sentence near the cue that do not
/// overlap the rule's pick; each with its feature names.
#[allow(clippy::type_complexity)]
pub(crate) fn candidates(w: &Work, d: &Draft) -> Vec<(Option<(usize, usize)>, Vec<String>)> {
    let claim = Claim::new(w, d);
    claim
        .candidates(d.sources.first().copied())
        .into_iter()
        .map(|c| {
            let mut names = Vec::new();
            claim.features(c, &mut |pieces| names.push(pieces.concat()));
            (c.span, names)
        })
        .collect()
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
