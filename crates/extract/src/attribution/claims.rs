//! Reading each cue in its frame: where its source phrase and its content are.
//!
//! Frames, for a cue `V` with source `S`, content `C`, recipient `R` and quote `"Q"`:
//! - forward: `S V (that) C`, `S told R (that) C`, `S V, "Q"`, `S V: "Q"`;
//! - backward: `C, S V`, `"Q," S V`, `C, V S` (inverted), `"Q1," S V, "Q2"` (split quote);
//! - `According to S, C` and `C, according to S` (also `citing S`, `quoting S`);
//! - participles that continue a clause take its source: `S V C1, adding that C2`;
//! - `as S put it` after a quote; `in what S described as C`;
//! - passives without a source: `it was reported that C`; a participle after a subordinator,
//!   `when asked whether C` (no source); a gerund after a preposition, `after saying C`, `by
//!   calling for C` (no source);
//! - sentences hedged by an adverb of hearsay ("reportedly", not "apparently") without any cue
//!   become sourceless claims.
//!
//! Some drafts attribute nothing whichever frame read them, and are dropped: credit lines
//! ("X reported from Nairobi"), the noun "states", "maintain" with a noun-phrase object, "with
//! all precincts reporting", a belief inside an "if"/"whether" clause ("asked if he thought C"),
//! "begin"/"start"/"try" governing a verb that does not report ("began drinking", "tried to
//! help"; "began to say C" stays), "add to" with a noun phrase ("adding to her lead"), the
//! filler "you know", acquaintance ("has known Trump since 1990") and "briefed"/"briefing".
//!
//! A cue takes the preposition opening its content ("complained about C", "pointed to C"), as
//! PolNeAR's cues do.

use byline_lexicon::cues::{CueClass, Frame};
use byline_nlp::Upos;

use super::cues::{self, Hit};
use super::{
    is_in, relative_at, Work, ADJUNCT_WORDS, BETWEEN_WORDS, CLAUSE_WORDS, LEADING_WORDS, PRONOUNS,
    TIME_WORDS,
};

/// What a claim's content is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Content {
    /// Tokens `[a, b)`.
    Tokens(usize, usize),
    /// A whole quote.
    Quote(usize),
}

/// A claim before sources are described and ids given.
#[derive(Clone, Debug)]
pub(crate) struct Draft {
    /// Its content.
    pub content: Content,
    /// Cue tokens `[a, b)`.
    pub cue: (usize, usize),
    /// Stance of the cue.
    pub class: CueClass,
    /// Source phrases as token ranges, coordination split.
    pub sources: Vec<(usize, usize)>,
    /// Recipient phrase of `told R`.
    pub recipient: Option<(usize, usize)>,
    /// A sourceless claim marked by a hedge or a passive.
    pub hedged: bool,
    /// Only names the speaker of a quote inside another claim ("as one put it").
    pub speaker_only: bool,
    /// The draft this one is nested in.
    pub parent: Option<usize>,
    /// Read by the parse frames ([`frames`](super::frames)): the source chooser
    /// ([`chooser`](super::chooser)) may replace its source.
    pub parsed: bool,
}

impl Draft {
    /// A draft of `content` cued by the tokens `cue`, from `sources`: not hedged, no recipient,
    /// nested in nothing.
    pub fn new(
        content: Content,
        cue: (usize, usize),
        class: CueClass,
        sources: Vec<(usize, usize)>,
    ) -> Draft {
        Draft {
            content,
            cue,
            class,
            sources,
            recipient: None,
            hedged: false,
            speaker_only: false,
            parent: None,
            parsed: false,
        }
    }

    /// Byte range of the content.
    pub fn bytes(&self, w: &Work) -> (usize, usize) {
        match self.content {
            Content::Tokens(a, b) => (w.toks[a].start, w.toks[b - 1].end),
            Content::Quote(q) => (w.quotes[q].start, w.quotes[q].end),
        }
    }
}

/// Every claim the cues of the document make, in text order of their content.
pub(crate) fn find(w: &Work) -> Vec<Draft> {
    let hits = cues::find(w);
    let mut cue_at: Vec<bool> = {
        let mut v = vec![false; w.toks.len()];
        for h in &hits {
            for x in v.iter_mut().take(h.end).skip(h.first) {
                *x = true;
            }
        }
        v
    };
    let mut drafts: Vec<Draft> = Vec::new();
    for h in &hits {
        // "After saying C, …": a gerund no frame read reports without a source.
        let got = read(w, h, &cue_at, &drafts).or_else(|| after_preposition(w, h, &cue_at));
        if let Some(mut d) = got {
            if d.sources.is_empty()
                && !d.hedged
                && !elliptic(w, h)
                && !gerund_after_preposition(w, h)
            {
                continue;
            }
            if let Content::Tokens(a, b) = d.content {
                if b <= a {
                    continue;
                }
            }
            d.sources.dedup();
            // A quote split by its cue: "Q1," S said, "Q2." — both halves are S's.
            if let (Content::Quote(q2), Some(src)) = (d.content, d.sources.first()) {
                if let Some(q1) = quote_closing_before(w, src.0) {
                    // Not when another claim has that quote already ("\"Q1,\" S told R,
                    // adding that \"Q2\"": Q1 is the told claim's).
                    let taken = drafts.iter().any(|o| o.content == Content::Quote(q1));
                    if q1 != q2 && !taken {
                        drafts.push(Draft {
                            content: Content::Quote(q1),
                            ..d.clone()
                        });
                    }
                }
            }
            drafts.push(d);
        }
    }
    // Transcript tags hold their colons; their turns are read after the parse so that the
    // claims inside a turn are read too ("A: I think C").
    let tags = speaker_tags(w);
    for t in &tags {
        cue_at[t.name.1] = true;
    }
    dash_signatures(w, &mut cue_at, &mut drafts);
    headline_colons(w, &mut cue_at, &mut drafts);
    // Verbs no surface frame read: through the parse.
    let mut parsed = super::frames::find(w, &drafts);
    parsed.iter_mut().for_each(|d| d.parsed = true);
    // The set phrases the surface rejects stay rejected ("having said that").
    parsed.retain(|d| !cues::no_report(w, d.cue.0, super::lemma(w, d.cue.0)));
    // "S says in a statement that C": a noun the parse reads between a surface cue and that
    // cue's content is an adjunct of the report, not a second, sourceless one of the same content.
    parsed.retain(|d| {
        let (a, b) = d.bytes(w);
        let cue_start = w.toks[d.cue.0].start;
        !(d.sources.is_empty()
            && !d.hedged
            && drafts.iter().any(|o| {
                let (oa, ob) = o.bytes(w);
                o.cue.1 <= d.cue.0 && cue_start < oa && a < ob && oa < b
            }))
    });
    for d in &parsed {
        for x in cue_at.iter_mut().take(d.cue.1).skip(d.cue.0) {
            *x = true;
        }
    }
    drafts.extend(parsed);
    speaker_turns(w, &tags, &mut drafts);
    hedged_sentences(w, &cue_at, &mut drafts);
    for d in drafts.iter_mut() {
        widen_cue(w, d);
        take_preposition(w, d);
    }
    drafts.retain(|d| !unreported(w, d));
    after_inner_report(w, &mut drafts);
    drafts.sort_by_key(|d| d.bytes(w).0);
    nest(w, &mut drafts);
    drafts
}

/// Possessive determiners, sorted.
const POSSESSIVES: &[&str] = &["her", "his", "its", "my", "our", "their", "your"];

/// Drafts that attribute nothing, whichever frame read them:
/// - "Costa reported from Washington": a reporter's credit line ("reported from" a place);
/// - "Rust Belt states", "caucus states, including": the plural noun "states" (the tagger's
///   noun, or after a capitalised word inside the sentence), not the verb ("it states that");
/// - "with all precincts reporting": an election count;
/// - "Clinton maintains a wide lead": "maintain" with a noun phrase for object;
/// - "asked if he believed C", "whether she thought C": a belief inside a question or a
///   condition is nobody's stated belief.
fn unreported(w: &Work, d: &Draft) -> bool {
    if d.hedged || d.cue.1 <= d.cue.0 {
        return false;
    }
    let (a, b) = d.cue;
    if b - a == 2 && w.word(a) == "reported" && w.word(a + 1) == "from" {
        return true;
    }
    // "with all precincts reporting": an election count, not a report.
    if w.word(b - 1) == "reporting" && a > 0 && w.word(a - 1) == "precincts" {
        return true;
    }
    // "Clinton maintains a wide lead", "has maintained his silence": "maintain" with a noun
    // phrase for object keeps something; it reports only with a clause or a quote ("they
    // maintain that C", "C, Blackwell maintains").
    if super::lemma(w, b - 1) == "maintain" && b < w.toks.len() {
        let object = w.toks[b].syn.as_ref().is_some_and(|s| {
            matches!(s.upos, Upos::Det | Upos::Adj | Upos::Noun | Upos::Num)
                || (s.upos == Upos::Pron && is_in(POSSESSIVES, w.word(b)))
        });
        if object {
            return true;
        }
    }
    if b - a == 1 && w.word(a) == "states" {
        let verb = w.toks[a].syn.as_ref().is_some_and(|s| s.upos == Upos::Verb);
        let name_before =
            a > 0 && w.toks[a - 1].cap && w.sentence_of(a).start < a - 1 && !w.toks[a - 1].punct;
        if !verb || name_before {
            return true;
        }
    }
    if aspect_only(w, a, b)
        || adds_to_a_thing(w, a, b)
        || you_know(w, a, b)
        || acquaintance(w, b)
        || briefing(w, a, b)
    {
        return true;
    }
    if d.class == CueClass::Belief {
        let sent = w.sentence_of(a);
        let verb = (a..b)
            .find(|&k| w.toks[k].syn.as_ref().is_some_and(|s| s.upos == Upos::Verb))
            .unwrap_or(a);
        if super::kids(w, &sent, verb)
            .any(|k| super::rel(w, k) == "mark" && matches!(w.word(k), "if" | "whether"))
        {
            return true;
        }
    }
    false
}

/// Verbs of beginning and trying whose complement says what was done, not what was said:
/// "Sanders began organizing", "Clinton tried to dispel the image" ("began to say C" stays
/// a report through its second verb).
const ASPECT_VERBS: &[&str] = &["begin", "start", "try"];

/// "S began drinking", "S tried to help them": the cue is only a verb of beginning or trying,
/// and the verb it governs is no reporting verb.
fn aspect_only(w: &Work, a: usize, b: usize) -> bool {
    if b != a + 1 || b >= w.toks.len() {
        return false;
    }
    let l = super::lemma(w, a);
    if !is_in(ASPECT_VERBS, l) {
        return false;
    }
    let verb = |k: usize| {
        w.toks
            .get(k)
            .and_then(|t| t.syn.as_ref())
            .is_some_and(|s| s.upos == Upos::Verb)
    };
    let next = if w.word(b) == "to" && verb(b + 1) {
        b + 1
    } else if w.word(b).ends_with("ing") && verb(b) {
        b
    } else {
        return false;
    };
    w.cues.verb(w.word(next)).is_none()
}

/// "Clinton won Ohio, adding to her lead", "the hiccup adds to the drama": "add to" with a
/// noun phrase adds a thing ("Trump added to People, C" names whom he told).
fn adds_to_a_thing(w: &Work, a: usize, b: usize) -> bool {
    if super::lemma(w, a) != "add" {
        return false;
    }
    let to = if b == a + 2 && w.word(a + 1) == "to" {
        a + 1
    } else if b == a + 1 && w.word(b) == "to" {
        b
    } else {
        return false;
    };
    w.toks.get(to + 1).is_some_and(|t| {
        !t.cap
            && t.syn.as_ref().is_some_and(|s| {
                matches!(s.upos, Upos::Det | Upos::Adj | Upos::Noun | Upos::Num)
                    || (s.upos == Upos::Pron && is_in(POSSESSIVES, w.word(to + 1)))
            })
    })
}

/// "You know, the ones who went to college": "you know" is a filler or a generic "you".
fn you_know(w: &Work, a: usize, b: usize) -> bool {
    b == a + 1 && a > 0 && w.word(a) == "know" && w.word(a - 1) == "you"
}

/// "who has known Trump since the 1970s": the perfect of "know" with a person for object is
/// acquaintance, not knowledge of a fact.
fn acquaintance(w: &Work, b: usize) -> bool {
    if w.word(b - 1) != "known" || b - 1 == 0 || b >= w.toks.len() {
        return false;
    }
    let perfect = matches!(w.word(b - 2), "has" | "have" | "had" | "'ve" | "’ve");
    let object = w.toks[b].syn.as_ref().is_some_and(|s| {
        matches!(s.upos, Upos::Propn)
            || (matches!(s.upos, Upos::Pron)
                && matches!(w.word(b), "him" | "her" | "them" | "me" | "us"))
            || (s.upos == Upos::Det
                && w.word(b) == "the"
                && w.toks.get(b + 1).is_some_and(|t| t.cap))
    });
    perfect && object
}

/// "people briefed on the matter", "a news briefing", "the CIA briefed the ambassador":
/// being briefed is hearing, and a briefing is an occasion; neither says C.
fn briefing(w: &Work, a: usize, b: usize) -> bool {
    b == a + 1 && matches!(w.word(a), "briefed" | "briefing" | "briefings")
}

/// True when the sources `outer` of a tacked-on cue name the speaker of the report at `inner`
/// again: a pronoun ("…, they said"), or a capitalised word of it ("Mr. Regalado, 69, said C1.
/// \"Q,\" said Mr. Regalado").
fn same_speaker(w: &Work, outer: &[(usize, usize)], inner: &(usize, usize)) -> bool {
    outer.iter().any(|&(a, b)| {
        (b == a + 1 && is_in(PRONOUNS, w.word(a)))
            || (a..b).any(|k| {
                w.toks[k].cap
                    && !w.word(k).ends_with('.')
                    && !is_in(super::DETERMINERS, w.word(k))
                    && (inner.0..inner.1).any(|x| w.toks[x].cap && w.word(x) == w.word(k))
            })
    })
}

/// A content before its cue ("C, they said", "\"Q,\" said S") starts after a whole report
/// that opens it: in "Other candidates said C1, but C2, they said" the tacked-on "they said"
/// reports "but C2" only, and "S said C1. \"Q,\" said S" (one sentence to the splitter)
/// reports the quote only; PolNeAR gives each token to one attribution.
fn after_inner_report(w: &Work, drafts: &mut [Draft]) {
    // Another speaker's report stays nested: "X told R C1, but C2, S added" is S's claim
    // holding X's.
    for i in 0..drafts.len() {
        let Content::Tokens(a, b) = drafts[i].content else {
            continue;
        };
        if drafts[i].cue.0 < b || drafts[i].sources.is_empty() {
            continue;
        }
        let start = skip_leading(w, a, b);
        // The inner report: its source opens the content, its cue and content lie inside it.
        let inner_end = drafts.iter().enumerate().find_map(|(o, e)| {
            let Content::Tokens(ea, eb) = e.content else {
                return None;
            };
            let src = e.sources.first()?;
            (o != i
                && src.0 == start
                && e.cue.0 > src.0
                && e.cue.1 <= ea
                && ea > start
                && eb < b
                && same_speaker(w, &drafts[i].sources, src))
            .then_some(eb)
        });
        let Some(mut k) = inner_end else {
            continue;
        };
        // Past the punctuation closing it; a joining word stays ("but C2", as PolNeAR has it).
        while k < b && w.toks[k].punct && !w.toks[k].mark {
            k += 1;
        }
        if b >= k + 3 {
            drafts[i].content = Content::Tokens(k, b);
        }
    }
}

/// Nouns of bodies that speak through statements ("citing the mayor's office").
const SPEAKING_BODIES: &[&str] = &[
    "administration",
    "agency",
    "authorities",
    "authority",
    "board",
    "bureau",
    "campaign",
    "commission",
    "committee",
    "company",
    "council",
    "court",
    "department",
    "embassy",
    "group",
    "ministry",
    "office",
    "party",
    "union",
];

/// Whether the phrase after "citing" or "quoting" names who or what speaks: a pronoun, a name
/// (a known actor or a capitalised word not in the possessive: "citing Mr. Doe", not "citing
/// Doe's record"), an outlet, a document ("a report"), a role noun ("officials"), a title
/// ("the mayor") or a speaking body ("the ministry").
fn speaks(w: &Work, (a, b): (usize, usize)) -> bool {
    if b == a + 1 && is_in(PRONOUNS, w.word(a)) {
        return true;
    }
    let possessive = |k: usize| matches!(w.word(k + 1), "'s" | "’s" | "'" | "’");
    (a..b).any(|k| {
        let x = w.word(k);
        w.cues.is_document(x)
            || w.cues.role(x).is_some()
            || is_in(SPEAKING_BODIES, x)
            || w.lex.title(x).is_some()
            || w.cues.is_outlet_head(x)
            || (w.toks[k].cap && !w.toks[k].punct && !possessive(k))
    })
}

/// The subject of the clause a participle at `k` hangs on in the parse, as a token range: the
/// `nsubj` of its head (or of the nearest head up the chain that has one) with everything
/// that hangs on it, when that is one run of tokens before `k`.
fn clause_subject(w: &Work, k: usize, sent: &std::ops::Range<usize>) -> Option<(usize, usize)> {
    let head = |j: usize| super::head(w, j);
    let subject_of = |verb: usize| {
        sent.clone().find(|&j| {
            j < k
                && head(j) == Some(verb)
                && w.toks[j]
                    .syn
                    .as_ref()
                    .is_some_and(|s| s.deprel.starts_with("nsubj"))
        })
    };
    // Up the chain of heads past verbs without a subject of their own ("tried to make his
    // pitch, citing C": the subject of "tried").
    let mut verb = head(k)?;
    let mut subj = subject_of(verb);
    for _ in 0..3 {
        if subj.is_some() {
            break;
        }
        verb = head(verb).filter(|h| sent.contains(h))?;
        subj = subject_of(verb);
    }
    let subj = subj?;
    // Tokens whose chain of heads reaches the subject.
    let under = |mut j: usize| {
        for _ in 0..sent.len() {
            if j == subj {
                return true;
            }
            match head(j) {
                Some(h) if sent.contains(&h) => j = h,
                _ => return false,
            }
        }
        false
    };
    let mut a = (sent.start..=subj).find(|&j| under(j))?;
    let mut b = (subj..k).rev().find(|&j| under(j))? + 1;
    // Not the commas the parse hangs on it (", Jane Doe, fiancée of X, addressed").
    while a < subj && w.toks[a].punct {
        a += 1;
    }
    while b > subj + 1 && w.toks[b - 1].punct {
        b -= 1;
    }
    ((a..b).all(under) && !(a..b).any(|j| w.toks[j].quote.is_some())).then_some((a, b))
}

/// The end of a token content (0 for a quote or none).
fn forward_end(c: Option<Content>) -> usize {
    match c {
        Some(Content::Tokens(_, b)) => b,
        _ => 0,
    }
}

/// One cue read in its frame.
fn read(w: &Work, h: &Hit, cue_at: &[bool], drafts: &[Draft]) -> Option<Draft> {
    let sent = w.sentence_of(h.first);
    let base = Draft::new(Content::Tokens(0, 0), (h.first, h.end), h.class, Vec::new());
    match h.frame {
        Frame::According => {
            let src = np_after(w, h.end, sent.end, cue_at)?;
            if h.lemma == "citing" || h.lemma == "quoting" {
                let prev = drafts
                    .iter()
                    .rev()
                    .find(|d| d.cue.0 >= sent.start && d.cue.0 < h.first && !d.sources.is_empty());
                // "S said C1, citing low growth": what is cited is no one speaking but the
                // content of a claim of S's.
                if !speaks(w, src) {
                    // "Citing low wages, the union called a strike": the subject after the
                    // comma cites.
                    if skip_leading(w, sent.start, h.first) == h.first {
                        let comma = (h.end..sent.end).find(|&k| w.word(k) == ",")?;
                        // The subject runs to the first verb the parse finds.
                        let verb = (comma + 1..sent.end.min(comma + 10)).find(|&k| {
                            w.toks[k]
                                .syn
                                .as_ref()
                                .is_some_and(|s| matches!(s.upos, Upos::Verb | Upos::Aux))
                        })?;
                        let subject = (comma + 1, verb);
                        if verb <= comma + 1 || (comma + 1..verb).any(|k| w.toks[k].punct) {
                            return None;
                        }
                        return Some(Draft {
                            content: Content::Tokens(h.end, comma),
                            sources: split(w, subject),
                            ..base
                        });
                    }
                    // "S said C1, citing C2" takes S from the claim before; "The firm ended
                    // the deal, citing C" the subject of the verb "citing" hangs on.
                    let sources = match prev {
                        Some(p) => p.sources.clone(),
                        None => vec![clause_subject(w, h.first, &sent)?],
                    };
                    let content = content_after(w, h.end, sent.end, cue_at)
                        .unwrap_or(Content::Tokens(src.0, src.1));
                    return Some(Draft {
                        content,
                        sources,
                        ..base
                    });
                }
                // "…, according to a report, citing the mayor's office": one more source.
                if let Some(prev) = prev {
                    let mut d = prev.clone();
                    d.sources.extend(split(w, src));
                    d.cue = (h.first, h.end);
                    return Some(Draft {
                        speaker_only: true,
                        ..d
                    });
                }
            }
            let lead = skip_leading(w, sent.start, h.first) == h.first;
            let content = if lead {
                content_after(w, src.1, sent.end, cue_at)?
            } else {
                content_before(w, h.first, sent.start, cue_at)?
            };
            Some(Draft {
                content,
                sources: split(w, src),
                ..base
            })
        }
        Frame::As => {
            // "…, as one put it": the word before the source is "as", "it" follows.
            if w.word(h.end) != "it" {
                return None;
            }
            let as_at = (sent.start..h.first)
                .rev()
                .take(6)
                .find(|&k| w.word(k) == "as")?;
            let src = (as_at + 1, h.first);
            if src.0 >= src.1 {
                return None;
            }
            // "As Jane Doe put it, \"Q\"", "As she put it: C": what follows when the sentence
            // opens with it.
            let lead = skip_leading(w, sent.start, as_at) == as_at;
            let content = if lead {
                content_after(w, h.end + 1, sent.end, cue_at)?
            } else {
                content_before(w, as_at, sent.start, cue_at)?
            };
            Some(Draft {
                content,
                sources: vec![src],
                speaker_only: true,
                cue: (as_at, h.end + 1),
                ..base
            })
        }
        Frame::Passive => {
            let content = content_after(w, h.end, sent.end, cue_at)?;
            Some(Draft {
                content,
                hedged: true,
                ..base
            })
        }
        Frame::Plain | Frame::Tell | Frame::Described => plain(w, h, sent, cue_at, drafts, base),
    }
}

fn plain(
    w: &Work,
    h: &Hit,
    sent: std::ops::Range<usize>,
    cue_at: &[bool],
    drafts: &[Draft],
    base: Draft,
) -> Option<Draft> {
    if h.passive {
        // "was told by X that", "is reported by X"
        if w.word(h.end) == "by" {
            let src = np_after(w, h.end + 1, sent.end, cue_at)?;
            let content = content_after(w, src.1, sent.end, cue_at)?;
            return Some(Draft {
                content,
                sources: split(w, src),
                ..base
            });
        }
        return None;
    }
    let mut j = h.first;
    while j > sent.start && between_subject_and_verb(w, j - 1) {
        j -= 1;
    }
    let (after, recipient) = if h.frame == Frame::Tell {
        let r = recipient(w, h.end, sent.end);
        (r.map_or(h.end, |r| r.1), r)
    } else {
        (h.end, None)
    };
    // "when asked whether C", "if told about C": a report whose source the clause leaves out.
    // The passive has no recipient ("when told the ferry had sunk"): the content follows the
    // participle, up to the clause's comma.
    if elliptic(w, h) {
        let hi = (h.end..sent.end)
            .find(|&k| w.word(k) == "," || w.toks[k].mark)
            .unwrap_or(sent.end);
        let content = content_after(w, h.end, hi, cue_at)?;
        return Some(Draft { content, ..base });
    }
    let mut np = np_before(w, j, sent.start, cue_at);
    // "pore over data in Republican states like Ohio", "Democrats could pick off states that
    // …": a phrase before the cue with a clause verb or an auxiliary of its own (outside a
    // relative clause) is a clause, not the cue's source.
    if np.is_some_and(|src| !no_clause_verb(w, src)) {
        return None;
    }
    if let Some(src) = np {
        if is_in(PREPOSITIONS, w.word(src.0)) {
            // "the mayor, who in 2010 said C": the phrase is an adjunct of a relative clause;
            // "In an interview the mayor said C": the subject is the verb's own.
            if src.0 > sent.start && relative_at(w, src.0 - 1) {
                j = src.0;
                np = None;
            } else {
                np = subject_inside(w, h.first, src);
            }
        }
    }
    if let Some(src) = np {
        let mut forward = content_after(w, after, sent.end, cue_at);
        let at_start = skip_leading(w, sent.start, src.0) == src.0;
        // "C," S said, adding that C2: the participle is a claim of its own and this cue's
        // content is what comes before.
        if let Some(Content::Tokens(a, _)) = forward {
            // "\"Q,\" he said, cutting off a reporter": a participle after the cue leaves it
            // the quote before, whether or not the participle reports anything.
            let mut participle = w.word(a).ends_with("ing") && w.word(a - 1) == ",";
            // "\"Q,\" he said, also alluding to C", "\"Q,\" she said answering a question":
            // an adverb may come first, and the comma may be missing before a participle the
            // parse takes for a verb.
            if !participle {
                let p = (a..forward_end(forward).min(a + 3))
                    .find(|&k| {
                        !matches!(
                            w.word(k),
                            "also" | "instead" | "then" | "later" | "again" | "while"
                        )
                    })
                    .unwrap_or(a);
                let verb_ing = w.word(p).ends_with("ing")
                    && w.toks[p]
                        .syn
                        .as_ref()
                        .is_some_and(|s| matches!(s.upos, Upos::Verb));
                participle = verb_ing && (p == h.end || w.word(a - 1) == ",");
            }
            let quote_before = matches!(
                content_before(w, src.0, sent.start, cue_at),
                Some(Content::Quote(_))
            );
            if !at_start && participle && (cue_at[a] || quote_before) {
                forward = None;
            }
            // "\"Q,\" she recalled of the hearing", "\"Q,\" he told some of the miners": a
            // phrase without a verb after the cue is no content when a quote closes before
            // the source; the quote is.
            // An adjunct after the cue ("told Reuters in an interview in Macau when asked if
            // …") is no clause either, verbs or not.
            let adjunct = is_in(ADJUNCT_WORDS, w.word(a)) || is_in(PREPOSITIONS, w.word(a));
            let clause = w.word(a) == "that"
                || w.toks[a].mark
                || (!adjunct && super::any_verb(w, a, forward_end(forward)));
            if !at_start && quote_before && !clause {
                forward = None;
            }
        }
        // "S says C1 and said C2": the same verb again after "and" is S's second report.
        if let Some(Content::Tokens(a, b)) = forward {
            let verb = h.end - 1;
            if let Some(k) =
                (a + 2..b).find(|&k| w.word(k - 1) == "and" && cue_at[k] && same_verb(w, k, verb))
            {
                forward = Some(Content::Tokens(a, k - 1));
            }
        }
        let content = match forward {
            Some(c) => Some(c),
            None if !at_start => content_before(w, src.0, sent.start, cue_at),
            None => {
                // "S said:" closing a sentence before a quote in the next one, or "S said."
                // after a quote that closed the sentence before.
                next_quote(w, after)
                    .or_else(|| {
                        let k = skip_leading(w, sent.start, src.0);
                        (k == src.0 && k > 0 && w.toks[k - 1].mark)
                            .then(|| content_before(w, src.0, src.0, cue_at))
                            .flatten()
                    })
                    .or_else(|| next_sentence_after_colon(w, after, sent.end, cue_at))
            }
        };
        let content = content?;
        return Some(Draft {
            content,
            sources: split(w, src),
            recipient,
            ..base
        });
    }
    // No subject: inverted ("…, said the minister") or a participle.
    let before_is_break = j > sent.start && (w.word(j - 1) == "," || w.toks[j - 1].mark);
    if before_is_break && !h.participle {
        let src = np_after(w, after, sent.end, cue_at).filter(|&s| {
            // "C, said S." — S closes the clause: no "that" nor a further clause after it.
            let next = w.toks.get(s.1);
            reads_as_np(w, s)
                && next.is_none_or(|t| {
                    s.1 >= sent.end || t.punct || t.mark || is_in(ADJUNCT_WORDS, &t.lower)
                })
        });
        // Without a source after the cue ("Jane Doe, now 81 and retired, said C") the parse's
        // subject before it may still be one (below).
        if let Some(src) = src {
            let src = with_apposition(w, src, sent.end, cue_at);
            let content = content_before(w, j, sent.start, cue_at)?;
            return Some(Draft {
                content,
                sources: split(w, src),
                ..base
            });
        }
    }
    // The comma before the participle may stand inside a closing quotation mark ("talked up
    // her \"strategy,\" promising C"), unless that quote is another claim's content ("S said,
    // \"Q,\" adding that C" continues S's report, below).
    let quoted = || {
        quote_closing_before(w, j)
            .is_some_and(|q| !drafts.iter().any(|d| d.content == Content::Quote(q)))
    };
    let comma_before = j > sent.start
        && (w.word(j - 1) == ","
            || (j > sent.start + 1 && w.toks[j - 1].mark && w.word(j - 2) == "," && quoted()));
    if h.participle
        && !drafts
            .iter()
            .any(|d| d.cue.0 >= sent.start && d.cue.0 < h.first)
        && comma_before
    {
        // "The KGB detained 33 men, claiming …": the subject of the main clause, as the parse
        // gives it ("The Florida senator sought C, saying C2"), else its first capitalised
        // words.
        let parsed = clause_subject(w, h.first, &sent);
        if let Some(src) = parsed.or_else(|| sentence_subject(w, sent.clone())) {
            if src.1 < h.first {
                let content = content_after(w, after, sent.end, cue_at)?;
                return Some(Draft {
                    content,
                    sources: split(w, src),
                    recipient,
                    ..base
                });
            }
        }
    }
    // The report it continues: for a participle, a claim cued earlier in the sentence or one
    // whose content (a quote running over sentences) ends just before it; "S says C1 and said
    // C2", the same verb again after "and", is S's as well.
    let again = j > sent.start && w.word(j - 1) == "and";
    let continued = drafts
        .iter()
        .rev()
        .find(|d| {
            h.participle
                && d.cue.0 < h.first
                && !d.sources.is_empty()
                && (d.cue.0 >= sent.start || {
                    let end = d.bytes(w).1;
                    let near = w.toks[h.first.saturating_sub(4)].start;
                    end >= near && end <= w.toks[h.first].start
                })
        })
        .or_else(|| {
            drafts.iter().rev().find(|d| {
                again
                    && d.cue.0 >= sent.start
                    && d.cue.1 < j
                    && !d.sources.is_empty()
                    && !d.speaker_only
                    && same_verb(w, h.first, d.cue.1 - 1)
            })
        });
    if let Some(prev) = continued {
        let content = content_after(w, after, sent.end, cue_at)?;
        return Some(Draft {
            content,
            sources: prev.sources.clone(),
            recipient,
            ..base
        });
    }
    // "a doctor who said C", "the letter, which says C": the noun the relative clause hangs on.
    if j > sent.start && relative_at(w, j - 1) {
        let syn = w.toks[h.first].syn.as_ref()?;
        let noun = syn
            .head
            .filter(|&n| n < j - 1 && syn.deprel.starts_with("acl"))?;
        let (mut a, _) = w.subtree(noun, &w.sentence_of(noun));
        a = a.max(sent.start);
        while a < noun && w.toks[a].punct {
            a += 1;
        }
        let src = (a, noun + 1);
        if (src.0..src.1).any(|k| cue_at[k] || w.toks[k].quote.is_some()) {
            return None;
        }
        // The content ends with the relative clause: "Fishermen who complained about the
        // quotas met the minister" reports nothing of the meeting.
        let hi = w
            .subtree(h.first, &w.sentence_of(h.first))
            .1
            .clamp(after, sent.end);
        let content = content_after(w, after, hi, cue_at)?;
        return Some(Draft {
            content,
            sources: split(w, src),
            recipient,
            ..base
        });
    }
    // "Machado promised C1 and said C2", "responded by saying C": the subject the verb shares
    // with the verb it is coordinated with or hangs on.
    let src = shared_subject(w, h.first, sent.clone())
        .or_else(|| parse_subject(w, h.first, &sent, cue_at))
        .filter(|src| !(src.0..src.1).any(|k| cue_at[k] || w.toks[k].quote.is_some()));
    // "The league denounced C1 and said C2" where the parse hangs "said" elsewhere: after
    // "and"/"but", the subject of the sentence's main verb before it.
    let src = match src {
        Some(src) => src,
        None if j > sent.start && matches!(w.word(j - 1), "and" | "but") => {
            let root = sent.clone().find(|&k| {
                k < j - 1
                    && w.toks[k]
                        .syn
                        .as_ref()
                        .is_some_and(|s| s.deprel == "root" && matches!(s.upos, Upos::Verb))
            })?;
            let src = parse_subject(w, root, &sent, cue_at)?;
            if (src.0..src.1).any(|k| cue_at[k] || w.toks[k].quote.is_some()) {
                return None;
            }
            src
        }
        None => return None,
    };
    let content = content_after(w, after, sent.end, cue_at)?;
    Some(Draft {
        content,
        sources: split(w, src),
        recipient,
        ..base
    })
}

/// Prepositions before a gerund that reports without a subject of its own: "after saying C",
/// "by calling for C", "before explaining why C".
const GERUND_OPENERS: &[&str] = &[
    "after", "before", "by", "in", "since", "until", "upon", "when", "while", "without",
];

/// True when hit `h` is an `-ing` verb right after one of [`GERUND_OPENERS`].
fn gerund_after_preposition(w: &Work, h: &Hit) -> bool {
    let k = h.first;
    k > 0
        && is_in(GERUND_OPENERS, w.word(k - 1))
        && w.word(k).ends_with("ing")
        && w.toks[k]
            .syn
            .as_ref()
            .is_some_and(|s| matches!(s.upos, Upos::Verb))
}

/// "After saying C, the senator left", "won by calling for C": a gerund after a preposition
/// that no frame gave a source is a report without one (PolNeAR marks its cue and content
/// only), its content up to the clause's comma.
fn after_preposition(w: &Work, h: &Hit, cue_at: &[bool]) -> Option<Draft> {
    if !gerund_after_preposition(w, h) {
        return None;
    }
    let sent = w.sentence_of(h.first);
    let after = if h.frame == Frame::Tell {
        recipient(w, h.end, sent.end).map_or(h.end, |r| r.1)
    } else {
        h.end
    };
    let hi = (after..sent.end)
        .find(|&k| w.word(k) == "," || w.toks[k].mark)
        .unwrap_or(sent.end);
    let content = content_after(w, after, hi, cue_at)?;
    Some(Draft::new(content, (h.first, h.end), h.class, Vec::new()))
}

/// Subordinators that open a clause whose passive report leaves its subject out ("when asked
/// whether C", "if told about C").
const ELLIPTIC_OPENERS: &[&str] = &["after", "before", "if", "once", "unless", "until", "when"];

/// True when hit `h` is a past participle right after a subordinator, "when asked whether C":
/// the report has no source in the text (PolNeAR annotates the cue and the question).
fn elliptic(w: &Work, h: &Hit) -> bool {
    let k = h.first;
    let word = w.word(k);
    k > 0
        && !h.participle
        && is_in(ELLIPTIC_OPENERS, w.word(k - 1))
        && (word.ends_with("ed") || word == "told")
        && w.toks[k]
            .syn
            .as_ref()
            .is_none_or(|s| matches!(s.upos, Upos::Verb))
}

/// The subject the parse gives verb `v` before it in its sentence, with everything hanging on
/// it ("Jane Doe, now 81 and retired in Ohio, said", "Sexton, who has studied the rallies,
/// said"), without the commas closing it: none when it holds a quote or another verb cue.
fn parse_subject(
    w: &Work,
    v: usize,
    sent: &std::ops::Range<usize>,
    cue_at: &[bool],
) -> Option<(usize, usize)> {
    let subj = sent.clone().find(|&j| {
        j < v
            && w.toks[j]
                .syn
                .as_ref()
                .is_some_and(|s| s.head == Some(v) && s.deprel == "nsubj")
    })?;
    let (mut a, mut b) = w.subtree(subj, sent);
    b = b.min(v);
    while a < b && (w.toks[a].punct || is_in(LEADING_WORDS, w.word(a))) {
        a += 1;
    }
    while b > a && w.toks[b - 1].punct {
        b -= 1;
    }
    let verb_cue = |k: usize| {
        cue_at[k]
            && w.toks[k]
                .syn
                .as_ref()
                .is_some_and(|s| matches!(s.upos, Upos::Verb | Upos::Aux))
    };
    (a < b && a <= subj && subj < b && !(a..b).any(|k| verb_cue(k) || w.toks[k].quote.is_some()))
        .then_some((a, b))
}

/// True when tokens `k` and `other` are forms of one reporting verb ("says" … "said"), by the
/// parse's lemma, or by the word itself without a parse.
fn same_verb(w: &Work, k: usize, other: usize) -> bool {
    let lemma = |i: usize| {
        w.toks[i]
            .syn
            .as_ref()
            .map_or(w.word(i), |s| s.lemma.as_str())
    };
    k != other && w.cues.verb(w.word(k)).is_some() && lemma(k) == lemma(other)
}

/// The subject of the verb that token `i` is coordinated with, completes or hangs on as an
/// adverbial clause (up to three steps), when it stands before `i`.
fn shared_subject(w: &Work, i: usize, sent: std::ops::Range<usize>) -> Option<(usize, usize)> {
    let mut v = i;
    for _ in 0..3 {
        let syn = w.toks[v].syn.as_ref()?;
        if !matches!(syn.deprel, "conj" | "advcl" | "xcomp") {
            return None;
        }
        v = syn.head?;
        let subj = sent.clone().find(|&k| {
            w.toks[k]
                .syn
                .as_ref()
                .is_some_and(|x| x.head == Some(v) && x.deprel.starts_with("nsubj"))
        });
        if let Some(k) = subj {
            let (mut a, mut b) = w.subtree(k, &w.sentence_of(k));
            a = skip_leading(w, a.max(sent.start), b);
            while b > a && w.toks[b - 1].punct && !closes_paren(w, a, b - 1) {
                b -= 1;
            }
            if b > i || b <= a || b - a > 16 {
                return None;
            }
            return trim_source(w, a, b);
        }
    }
    None
}

/// Auxiliaries and modals that may stand between a subject and its verb ("is saying", "would
/// have said").
const AUXILIARIES: &[&str] = &[
    "'d", "'ll", "'m", "'re", "'s", "am", "are", "be", "been", "being", "can", "could", "is",
    "may", "might", "must", "shall", "should", "was", "were", "will", "would",
];

/// True for a word between a subject and its reporting verb: an adverb ("also", "often",
/// "reportedly") or an auxiliary ("has", "is", "would").
fn between_subject_and_verb(w: &Work, k: usize) -> bool {
    let t = &w.toks[k];
    if t.quote.is_some() || t.punct {
        return false;
    }
    let word = t.lower.as_str();
    let adverb = !t.cap
        && t.syn
            .as_ref()
            .is_some_and(|s| s.upos == byline_nlp::Upos::Adv && s.deprel == "advmod")
        && !matches!(word, "as" | "how" | "so" | "too" | "when" | "where" | "why");
    let aux = is_in(AUXILIARIES, word)
        && !(word == "'s"
            && t.syn
                .as_ref()
                .is_some_and(|s| s.upos != byline_nlp::Upos::Aux));
    is_in(BETWEEN_WORDS, word) || w.cues.is_hedge_adverb(word) || adverb || aux
}

/// PolNeAR's cue takes the auxiliaries and adverbs before its verb ("has said", "also
/// noted", "would have described"): widens a claim's cue over them, never into its source
/// or its content.
fn widen_cue(w: &Work, d: &mut Draft) {
    if d.hedged || d.cue.1 <= d.cue.0 {
        return;
    }
    let (cs, ce) = d.bytes(w);
    let sent = w.toks[d.cue.0].sent;
    let mut a = d.cue.0;
    while a > 0
        && w.toks[a - 1].sent == sent
        && between_subject_and_verb(w, a - 1)
        && !d.sources.iter().any(|s| s.0 < a && a - 1 < s.1)
        && !(cs < w.toks[a - 1].end && w.toks[a - 1].start < ce)
    {
        a -= 1;
    }
    d.cue.0 = a;
}

/// PolNeAR's cue takes the preposition that opens its content ("complained about C", "voiced
/// support for C", "railed against C"): moves it from the content to the cue.
fn take_preposition(w: &Work, d: &mut Draft) {
    if let Content::Tokens(a, b) = d.content {
        // "pointed to C", not "plans to V"; "said in a statement" has no content there.
        let case = matches!(w.word(a), "from" | "in" | "into" | "to")
            && w.toks[a].syn.as_ref().is_some_and(|s| s.deprel == "case");
        if d.cue.1 == a && b > a + 1 && (is_in(CUE_PREPOSITIONS, w.word(a)) || case) {
            d.cue.1 = a + 1;
            d.content = Content::Tokens(a + 1, b);
        }
    }
}

/// Prepositions that belong to the cue before them rather than to its content.
const CUE_PREPOSITIONS: &[&str] = &[
    "about", "against", "at", "for", "of", "on", "over", "toward", "towards", "with",
];

/// The subject at the start of a sentence: a determiner and capitalised words ("The Belarusian
/// KGB"), after an introductory phrase closed by a comma.
fn sentence_subject(w: &Work, sent: std::ops::Range<usize>) -> Option<(usize, usize)> {
    let mut a = skip_leading(w, sent.start, sent.end);
    if is_in(ADJUNCT_WORDS, w.word(a)) {
        let comma = (a..sent.end.min(a + 8)).find(|&k| w.word(k) == ",")?;
        a = comma + 1;
    }
    let mut b = a;
    if b < sent.end && (w.word(b) == "the" || is_in(super::DETERMINERS, w.word(b))) {
        b += 1;
    }
    let first = b;
    while b < sent.end && (w.toks[b].cap || w.word(b) == "'s") {
        b += 1;
    }
    (b > first).then_some((a, b))
}

/// Index past leading conjunctions, adverbs and opening marks from `from` (not past `to`).
fn skip_leading(w: &Work, from: usize, to: usize) -> usize {
    let mut k = from;
    while k < to && (is_in(LEADING_WORDS, w.word(k)) || w.word(k) == "," || w.toks[k].mark) {
        k += 1;
    }
    k
}

/// True for tokens that end a source phrase.
fn is_break(w: &Work, k: usize, cue_at: &[bool]) -> bool {
    let t = &w.toks[k];
    (t.punct && t.lower != "'s" && t.lower != "&" && t.lower != "-")
        || t.quote.is_some()
        || cue_at[k]
        || is_in(CLAUSE_WORDS, &t.lower)
}

/// The source phrase ending just before `end`, back to a break (at most 24 tokens).
fn np_before(w: &Work, end: usize, lo: usize, cue_at: &[bool]) -> Option<(usize, usize)> {
    let mut a = end;
    loop {
        while a > lo && end - a < 24 && !is_break(w, a - 1, cue_at) {
            a -= 1;
        }
        // "Rep. Jane Doe (D-Ohio) said": a bracketed aside after a name belongs to it.
        match paren_open_before(w, a, lo) {
            Some(o) if end - o < 24 => a = o,
            _ => break,
        }
    }
    // "Officials who attended the meeting said": the noun with its relative clause.
    if a > lo + 1
        && a < end
        && end - a <= 10
        && matches!(w.word(a - 1), "who" | "whom")
        && !is_break(w, a - 2, cue_at)
    {
        let mut b = a - 1;
        while b > lo && a - b < 12 && !is_break(w, b - 1, cue_at) {
            b -= 1;
        }
        a = b;
    }
    // An appositive: "Name, a UN rapporteur who …, cautioned" – reach back over one comma
    // when the phrase before it starts the sentence with a capitalised name.
    if a == end && a > lo && w.word(a - 1) == "," {
        let comma = a - 1;
        if let Some(src) = subject_with_asides(w, lo, comma, cue_at) {
            return Some(src);
        }
        let first = skip_leading(w, lo, comma);
        let commas: Vec<usize> = (first..comma).filter(|&k| w.word(k) == ",").collect();
        // "Name, appositive, V": a capitalised name, one comma, then the appositive (a noun
        // phrase, not "Name, at the debate, said" nor "Name, speaking to reporters, said").
        let name_then_apposition = commas.len() == 1
            && commas[0] > first
            && opens_apposition(w, commas[0] + 1)
            && (first..commas[0]).all(|k| w.toks[k].cap || matches!(w.word(k), "'s" | "-" | "of"));
        let adverb_aside =
            commas.len() == 1 && commas[0] + 2 == comma && is_in(LEADING_WORDS, w.word(comma - 1));
        if first < comma
            && w.toks[first].cap
            && (name_then_apposition || adverb_aside)
            && !(first..comma).any(|k| cue_at[k] || w.toks[k].quote.is_some())
        {
            // "Israeli officials, however, have …": the adverb is no part of the subject.
            let mut end = comma;
            if end >= first + 2 && is_in(LEADING_WORDS, w.word(end - 1)) && w.word(end - 2) == "," {
                end -= 2;
            }
            return Some((first, end));
        }
        // "… in which someone, seemingly X, says": a short phrase, an aside between commas.
        if let Some(c1) = (lo..comma).rev().take(25).find(|&k| w.word(k) == ",") {
            let aside_ok = !(c1 + 1..comma).any(|k| cue_at[k] || w.toks[k].quote.is_some());
            let mut h = c1;
            while h > lo && c1 - h < 5 && !is_break(w, h - 1, cue_at) {
                h -= 1;
            }
            let h = skip_leading(w, h, c1);
            let starts_np = h < c1
                && (w.toks[h].cap
                    || is_in(super::DETERMINERS, w.word(h))
                    || matches!(w.word(h), "someone" | "one"));
            if aside_ok && starts_np && (h == lo || is_break(w, h - 1, cue_at)) {
                return Some((h, comma));
            }
        }
        return None;
    }
    let mut a = skip_leading(w, a, end);
    // "The agency erred and critics accused it": a clause before "and" is no part of the source.
    let is_verb = |k: usize| {
        w.toks[k]
            .syn
            .as_ref()
            .is_some_and(|s| s.upos == byline_nlp::Upos::Verb)
    };
    if let Some(k) = (a..end)
        .rev()
        .find(|&k| matches!(w.word(k), "and" | "but") && (a..k).any(is_verb))
    {
        a = skip_leading(w, k + 1, end);
    }
    if a >= end {
        return None;
    }
    let last = w.word(end - 1);
    if is_in(super::DETERMINERS, last)
        || matches!(last, "and" | "but" | "or")
        || matches!(
            last,
            "to" | "for"
                | "with"
                | "by"
                | "in"
                | "from"
                | "of"
                | "at"
                | "about"
                | "can"
                | "could"
                | "may"
                | "might"
                | "must"
                | "shall"
                | "should"
                | "will"
                | "would"
        )
    {
        return None;
    }
    // A subject is short; a long run is a clause, not a source.
    if end - a > 14 && !w.toks[a].cap {
        return None;
    }
    trim_source(w, a, end)
}

/// A subject with appositives between commas before its verb, the comma at `comma` closing the
/// last: "A lawyer for the city, Jane Doe, said", "Jane Doe, the mayor, who was re-elected,
/// said", "In a statement, the port's director, John Roe, said". An aside after the name that
/// is no apposition ("Jane Doe, speaking on the radio, said", "Jane Doe, at the meeting, said")
/// is left out of the source.
fn subject_with_asides(
    w: &Work,
    lo: usize,
    comma: usize,
    cue_at: &[bool],
) -> Option<(usize, usize)> {
    // Back to a quote, a cue or a clause mark: the subject starts after it.
    let mut start = (lo..comma)
        .rev()
        .find(|&k| {
            let t = &w.toks[k];
            t.quote.is_some() || t.mark || cue_at[k] || matches!(t.lower.as_str(), ";" | ":")
        })
        .map_or(lo, |k| k + 1);
    start = skip_leading(w, start, comma);
    // "In a statement, S, appositive, said": an introductory adjunct is no part of it.
    if matches!(
        w.word(start),
        "in" | "on" | "at" | "during" | "after" | "before"
    ) {
        let c = (start..comma.min(start + 8)).find(|&k| w.word(k) == ",")?;
        start = skip_leading(w, c + 1, comma);
    }
    if start >= comma || comma - start > 40 {
        return None;
    }
    let mut segs: Vec<(usize, usize)> = Vec::new();
    let mut s = start;
    for k in start..=comma {
        if k == comma || w.word(k) == "," {
            segs.push((s, k));
            s = k + 1;
        }
    }
    if segs.len() < 2 || segs.len() > 4 || segs.iter().any(|&(a, b)| b <= a) {
        return None;
    }
    let first = segs[0];
    let opens = |k: usize| {
        let t = &w.toks[k];
        t.cap
            || is_in(super::DETERMINERS, &t.lower)
            || t.lower.chars().all(|c| c.is_ascii_digit())
            || matches!(t.lower.as_str(), "one" | "two" | "three" | "four" | "five")
    };
    if !opens(first.0) || first.1 - first.0 > 12 || is_in(CLAUSE_WORDS, w.word(first.0)) {
        return None;
    }
    // No clause of its own: a verb only inside a relative clause ("who was re-elected") or as
    // a participle after its noun ("the program, called X").
    let clause_free = |(a, b): (usize, usize)| {
        (a..b).all(|k| !(cue_at[k] || w.toks[k].quote.is_some() || w.toks[k].mark))
            && no_clause_verb(w, (a, b))
    };
    if !segs.iter().all(|&s| clause_free(s)) {
        return None;
    }
    let aside = |k: usize| {
        let word = w.word(k);
        word.ends_with("ing") || matches!(word, "at" | "during" | "on" | "speaking")
    };
    let mut end = comma;
    let mut in_asides = false;
    for &(a, _) in &segs[1..] {
        if aside(a) {
            if !in_asides {
                in_asides = true;
                end = a - 1;
            }
        } else if in_asides
            || !(opens_apposition(w, a)
                || matches!(w.word(a), "which" | "whose" | "including" | "like"))
        {
            return None;
        }
    }
    (end > start).then_some((start, end))
}

/// Prepositions that open an adjunct, never a subject.
const PREPOSITIONS: &[&str] = &[
    "about", "after", "at", "before", "by", "during", "for", "from", "in", "of", "on", "to",
    "with", "without",
];

/// True when tokens `[a, b)` read as a noun phrase: no opening preposition, no verb of a
/// clause of their own (outside a relative clause), as "said the mayor" has and "said no
/// decision had been made" has not.
fn reads_as_np(w: &Work, (a, b): (usize, usize)) -> bool {
    !is_in(PREPOSITIONS, w.word(a)) && no_clause_verb(w, (a, b))
}

/// True when tokens `[a, b)` hold no verb of a clause of their own, but inside a relative
/// clause ("Jane Doe, who was re-elected").
fn no_clause_verb(w: &Work, (a, b): (usize, usize)) -> bool {
    let mut relative = false;
    (a..b).all(|k| {
        if matches!(w.word(k), "who" | "which" | "that" | "whose") {
            relative = true;
        }
        relative
            || w.toks[k].syn.as_ref().is_none_or(|x| {
                let clause_verb = x.upos == byline_nlp::Upos::Aux
                    || (x.upos == byline_nlp::Upos::Verb
                        && matches!(x.deprel, "root" | "ccomp" | "parataxis" | "conj"));
                !clause_verb
            })
    })
}

/// The subject of the verb at `verb` inside tokens `[a, b)`, through the parse: "In an
/// interview the mayor said" gives "the mayor".
fn subject_inside(w: &Work, verb: usize, (a, b): (usize, usize)) -> Option<(usize, usize)> {
    let k = (a..b).find(|&k| {
        w.toks[k]
            .syn
            .as_ref()
            .is_some_and(|x| x.head == Some(verb) && x.deprel.starts_with("nsubj"))
    })?;
    let (s, e) = w.subtree(k, &w.sentence_of(k));
    let (s, e) = (s.max(a), e.min(b));
    (e > s && !is_in(PREPOSITIONS, w.word(s))).then(|| trim_source(w, s, e))?
}

/// The `(` opening the bracketed aside that closes just before `at` ("Jane Doe (D-Ohio)"),
/// when a word stands before it.
fn paren_open_before(w: &Work, at: usize, lo: usize) -> Option<usize> {
    if at <= lo + 1 || w.word(at - 1) != ")" {
        return None;
    }
    let open = (lo..at - 1)
        .rev()
        .take(8)
        .take_while(|&k| w.word(k) != ")")
        .find(|&k| w.word(k) == "(")?;
    let before = w.toks.get(open.checked_sub(1)?)?;
    (open > lo && !before.punct && before.quote.is_none()).then_some(open)
}

/// The `)` closing a bracketed aside opening at `at`, within the sentence bound `hi`.
fn paren_close_after(w: &Work, at: usize, hi: usize) -> Option<usize> {
    if at >= hi || w.word(at) != "(" {
        return None;
    }
    (at + 1..hi.min(at + 8))
        .take_while(|&k| w.word(k) != "(" && w.toks[k].quote.is_none())
        .find(|&k| w.word(k) == ")")
}

/// True when the word at `k` opens an appositive noun phrase: "a lawyer", "the mayor",
/// "his aide", "25", "who …", "Smith".
fn opens_apposition(w: &Work, k: usize) -> bool {
    let Some(t) = w.toks.get(k) else {
        return false;
    };
    if t.punct || t.quote.is_some() || t.lower.ends_with("ing") {
        return false;
    }
    t.cap
        || t.lower.chars().all(|c| c.is_ascii_digit())
        || matches!(
            t.lower.as_str(),
            "a" | "an" | "the" | "his" | "her" | "its" | "their" | "our" | "who" | "now" | "one"
        )
}

/// A source phrase without leading adverbs ("Even China") or trailing time adjuncts ("the
/// court on Friday").
fn trim_source(w: &Work, mut a: usize, mut end: usize) -> Option<(usize, usize)> {
    let adverb = |k: usize| {
        w.toks[k]
            .syn
            .as_ref()
            .is_some_and(|s| s.upos == byline_nlp::Upos::Adv)
            && !matches!(
                w.word(k),
                "about"
                    | "almost"
                    | "approximately"
                    | "just"
                    | "least"
                    | "more"
                    | "nearly"
                    | "only"
                    | "roughly"
                    | "some"
                    | "at"
                    | "less"
                    | "not"
            )
    };
    while end > a + 1 && adverb(a) && !adverb(end - 1) {
        a += 1;
    }
    loop {
        let last = w.word(end - 1);
        let time = is_in(TIME_WORDS, last)
            || (last.len() == 4 && last.chars().all(|c| c.is_ascii_digit()))
            || (last.len() <= 4
                && last.ends_with('s')
                && last.starts_with(|c: char| c.is_ascii_digit()));
        if !time || end < a + 2 {
            break;
        }
        // "may" stands for the month only after "in"/"since" and a capital.
        if last == "may" && !w.toks[end - 1].cap {
            break;
        }
        let before = w.word(end - 2);
        if matches!(
            before,
            "on" | "in" | "this" | "last" | "next" | "early" | "late" | "earlier" | "since"
        ) {
            if end - 2 <= a {
                break;
            }
            end -= 2;
        } else if is_in(TIME_WORDS, last)
            && !matches!(
                last,
                "month"
                    | "months"
                    | "week"
                    | "weeks"
                    | "year"
                    | "years"
                    | "weekend"
                    | "morning"
                    | "night"
                    | "cycle"
            )
            && end - 1 > a
        {
            // "the mayor Friday"
            end -= 1;
        } else {
            break;
        }
    }
    (end > a).then_some((a, end))
}

/// The source phrase starting at `start`, up to a break or adjunct (at most 16 tokens).
fn np_after(w: &Work, start: usize, hi: usize, cue_at: &[bool]) -> Option<(usize, usize)> {
    let mut b = start;
    while b < hi && b - start < 16 {
        if b > start {
            if let Some(c) = paren_close_after(w, b, hi) {
                b = c + 1;
                continue;
            }
        }
        let k = &w.toks[b];
        if is_break(w, b, cue_at)
            || k.lower == "that"
            || (b > start && is_in(ADJUNCT_WORDS, &k.lower))
        {
            break;
        }
        b += 1;
    }
    while b > start && w.toks[b - 1].punct && !closes_paren(w, start, b - 1) {
        b -= 1;
    }
    (b > start).then_some((start, b))
}

/// True when the `)` at `k` closes a `(` opened at or after `start`.
fn closes_paren(w: &Work, start: usize, k: usize) -> bool {
    w.word(k) == ")" && (start..k).any(|x| w.word(x) == "(")
}

/// "…, said Jane Doe, a lawyer for the city, who …": PolNeAR's source takes the apposition
/// after the name up to the sentence end, when nothing else (no cue, no quote) is there.
fn with_apposition(w: &Work, src: (usize, usize), hi: usize, cue_at: &[bool]) -> (usize, usize) {
    let (a, b) = src;
    // "said Jane Doe, head of the agency": a title without article opens one as well.
    let titled = w.toks.get(b + 1).is_some_and(|t| !t.cap && !t.punct)
        && (b + 2..hi.min(b + 6)).any(|k| matches!(w.word(k), "of" | "at" | "for"))
        && (b + 1..hi.min(b + 6))
            .take_while(|&k| !matches!(w.word(k), "of" | "at" | "for"))
            .all(|k| {
                w.toks[k].syn.as_ref().is_none_or(|x| {
                    matches!(
                        x.upos,
                        byline_nlp::Upos::Noun | byline_nlp::Upos::Adj | byline_nlp::Upos::Cconj
                    )
                })
            });
    if b + 1 >= hi || w.word(b) != "," || !(opens_apposition(w, b + 1) || titled) {
        return src;
    }
    // Up to the sentence end, or to a full stop the splitter left inside the sentence.
    let hi = (b + 1..hi).find(|&k| is_terminal(w, k)).unwrap_or(hi);
    let mut e = hi;
    while e > b && w.toks[e - 1].punct && !closes_paren(w, b, e - 1) {
        e -= 1;
    }
    let clean = (b + 1..e).all(|k| {
        !cue_at[k]
            && w.toks[k].quote.is_none()
            && !w.toks[k].mark
            && !matches!(w.word(k), ";" | ":" | "according" | "but" | "because")
    });
    if e > b + 1 && e - b <= 30 && clean {
        (a, e)
    } else {
        src
    }
}

/// The recipient of `told R`: "reporters", "Reuters", "the local paper", "him"; when "that"
/// follows within a few words, everything before it.
fn recipient(w: &Work, start: usize, hi: usize) -> Option<(usize, usize)> {
    if start >= hi || w.word(start) == "that" || w.toks[start].punct {
        return None;
    }
    if let Some(that) = (start..hi.min(start + 8))
        .take_while(|&k| !w.toks[k].punct || w.word(k) == "'s")
        .find(|&k| w.word(k) == "that")
    {
        return Some((start, that));
    }
    let mut b = start;
    if is_in(super::DETERMINERS, w.word(b)) {
        b += 1;
        // "the newspaper", "the local radio": up to the first noun-like word.
        while b < hi && b - start < 4 && !w.toks[b].punct && !w.toks[b].cap {
            b += 1;
            if !w.word(b - 1).ends_with("al") {
                break;
            }
        }
        return Some((start, b));
    }
    if w.toks[b].cap {
        while b < hi && b - start < 6 && (w.toks[b].cap || w.word(b) == "'s") {
            b += 1;
        }
        return Some((start, b));
    }
    Some((start, start + 1))
}

/// The content after a cue: a quote opening there, or the clause up to the end of the sentence.
fn content_after(w: &Work, start: usize, hi: usize, cue_at: &[bool]) -> Option<Content> {
    let mut i = start;
    // Adjuncts between the cue and "that": "said on Tuesday that".
    if i < hi && is_in(ADJUNCT_WORDS, w.word(i)) {
        let that = (i..hi.min(i + 12))
            .take_while(|&k| !w.toks[k].punct || w.word(k) == "'s")
            .find(|&k| w.word(k) == "that");
        match that {
            Some(t) => i = t + 1,
            None => {
                // "said in a statement." / "said on Tuesday, adding …": no content here,
                // unless a quote or clause follows a comma or colon.
                let stop = (i..hi).find(|&k| w.toks[k].punct)?;
                i = stop;
            }
        }
    }
    while i < hi && matches!(w.word(i), "that" | "," | ":" | "—" | "–") {
        i += 1;
    }
    // "he said. "Q2"": a sentence end the splitter missed (before a doubled apostrophe).
    if i < hi && is_terminal(w, i) {
        return None;
    }
    // "denied all claims that C", "confirmed reports that C".
    let mut k = i;
    if is_in(super::DETERMINERS, w.word(k)) {
        k += 1;
    }
    if matches!(
        w.word(k),
        "claims" | "reports" | "allegations" | "accusations" | "suggestions" | "rumors" | "rumours"
    ) && w.word(k + 1) == "that"
    {
        i = k + 2;
    }
    if i >= hi {
        return None;
    }
    if w.toks[i].mark {
        if let Some(q) = w.quotes.iter().position(|q| q.open == w.toks[i].start) {
            return Some(Content::Quote(q));
        }
    }
    // "S responded on the radio: "Q"": the quote after the colon is the content.
    if let Some(k) =
        (i..hi).find(|&k| w.word(k) == ":" && w.toks.get(k + 1).is_some_and(|t| t.mark))
    {
        if let Some(q) = w.quotes.iter().position(|q| q.open == w.toks[k + 1].start) {
            return Some(Content::Quote(q));
        }
    }
    let mut e = hi;
    // Cut before ", adding …", ", according to …", ", in what …", ", as S put it".
    for k in i..hi {
        if (w.word(k) == ";" || is_terminal(w, k)) && w.toks[k].quote.is_none() {
            e = k;
            break;
        }
        // "said it was opposed and warned X": a cue coordinated with one before the content.
        if w.word(k) == "and"
            && k > i
            && k + 1 < hi
            && cue_at[k + 1]
            && w.toks[k].quote.is_none()
            && w.toks[k + 1]
                .syn
                .as_ref()
                .and_then(|s| s.head)
                .is_some_and(|h| h < i)
        {
            e = k;
            break;
        }
        if w.word(k) == "," && k + 1 < hi && w.toks[k].quote.is_none() {
            let n = w.word(k + 1);
            let cut = (cue_at[k + 1] && w.toks[k + 1].quote.is_none() && n.ends_with("ing"))
                || (n == "and"
                    && k + 2 < hi
                    && cue_at[k + 2]
                    && w.toks[k + 2].quote.is_none()
                    && !w.word(k + 2).ends_with("ing"))
                || tacked_on_cue(w, k + 1, hi, cue_at)
                || (n == "according" && w.word(k + 2) == "to")
                || (n == "in" && w.word(k + 2) == "what")
                || (matches!(n, "however" | "but" | "while" | "whereas") && k > i + 2)
                || (n == "as" && (k + 2..hi.min(k + 6)).any(|m| w.word(m) == "put"));
            if cut {
                e = k;
                break;
            }
        }
        // `… "a quote," while C2`: the comma closing the quote ends the content all the same.
        if k > i + 2
            && k + 1 < hi
            && w.toks[k].mark
            && w.word(k - 1) == ","
            && w.toks[k + 1].quote.is_none()
            && matches!(w.word(k + 1), "however" | "but" | "while" | "whereas")
        {
            e = k + 1;
            break;
        }
    }
    while e > i && w.toks[e - 1].punct && !w.toks[e - 1].mark {
        e -= 1;
    }
    if e > i && w.toks[e - 1].mark && w.toks[e - 1].quote.is_none() {
        // A closing mark ends the content; keep it only when its quote opened inside.
        let opened_inside = (i..e - 1).any(|k| w.toks[k].mark);
        if !opened_inside {
            e -= 1;
        }
    }
    while e > i && w.toks[e - 1].punct && !w.toks[e - 1].mark {
        e -= 1;
    }
    // A quote opened inside the content runs on past the sentence end: follow it.
    if let Some(q) = (i..e)
        .filter(|&k| w.toks[k].mark)
        .find_map(|k| w.quotes.iter().find(|q| q.open == w.toks[k].start))
    {
        if e > 0 && q.end > w.toks[e - 1].end {
            if let Some(last) = (e..w.toks.len())
                .take_while(|&k| w.toks[k].start < q.end)
                .last()
            {
                e = last + 1;
                while e < w.toks.len() && w.toks[e].mark && w.toks[e].start <= q.end {
                    e += 1;
                }
            }
        }
    }
    (e >= i + 2).then_some(Content::Tokens(i, e))
}

/// A sentence-final mark outside quotes.
fn is_terminal(w: &Work, k: usize) -> bool {
    matches!(w.word(k), "." | "?" | "!") && w.toks[k].quote.is_none()
}

/// True when the words from `from` to the sentence end `hi` are a cue tacked on after its
/// content: ", sources said.", ", the mayor said on Monday.", ", said the mayor.".
fn tacked_on_cue(w: &Work, from: usize, hi: usize, cue_at: &[bool]) -> bool {
    let Some(c) = (from..hi.min(from + 9)).find(|&k| cue_at[k]) else {
        return false;
    };
    let plain = |k: usize| {
        let t = &w.toks[k];
        t.quote.is_none()
            && !(t.punct && t.lower != "'s" && t.lower != ".")
            && !is_in(CLAUSE_WORDS, &t.lower)
    };
    if !(from..c).all(plain) {
        return false;
    }
    let mut e = c;
    while e < hi && cue_at[e] {
        e += 1;
    }
    let mut end = hi;
    while end > e && w.toks[end - 1].punct {
        end -= 1;
    }
    // Inverted ("said the mayor, a lawyer") may carry an apposition; else only an adjunct.
    let room = if c == from { 12 } else { 4 };
    end - e <= room && (e..end).all(|k| w.toks[k].quote.is_none() && !cue_at[k])
}

/// The content before a source phrase starting at `src`: a quote closing there, or the
/// sentence from its start up to the comma.
fn content_before(w: &Work, src: usize, lo: usize, cue_at: &[bool]) -> Option<Content> {
    let mut k = src;
    while k > lo && matches!(w.word(k - 1), "," | "—" | "–" | ":") {
        k -= 1;
    }
    if k > 0 && w.toks[k - 1].mark {
        let at = w.toks[k - 1].start;
        if let Some(q) = w.quotes.iter().position(|q| q.close == Some(at)) {
            return Some(Content::Quote(q));
        }
    }
    let a = skip_leading(w, lo, k);
    let mut e = k;
    while e > a && w.toks[e - 1].punct {
        e -= 1;
    }
    // Content holding another cue outside quotes is that cue's frame, not this one's, unless
    // that cue has a subject of its own inside ("X told police that C, the source added"
    // reports X's report): a cue right at the start ("said, adding …") has none.
    if (a..e).any(|x| cue_at[x] && w.toks[x].quote.is_none() && x < a + 1) {
        return None;
    }
    (e >= a + 2).then_some(Content::Tokens(a, e))
}

/// The quote whose closing mark stands just before token `at` (past commas).
fn quote_closing_before(w: &Work, at: usize) -> Option<usize> {
    let mut k = at;
    while k > 0 && w.word(k - 1) == "," {
        k -= 1;
    }
    let t = w.toks.get(k.checked_sub(1)?)?;
    if !t.mark {
        return None;
    }
    // Only a comma marks a quote as broken off by its cue: `"Q1," S said` or `"Q1", S said`.
    let comma_inside = w.text[..t.start].trim_end().ends_with(',');
    if !(comma_inside || k < at) {
        return None;
    }
    w.quotes.iter().position(|q| q.close == Some(t.start))
}

/// "The governor added:" ending its sentence (and line) before an unquoted statement: the
/// next sentence is the content.
fn next_sentence_after_colon(w: &Work, at: usize, hi: usize, cue_at: &[bool]) -> Option<Content> {
    if at >= w.toks.len() || w.word(at) != ":" || at + 1 < hi {
        return None;
    }
    let next = w.sents.get(w.toks[at].sent + 1)?;
    let a = next.start;
    let mut b = next.end;
    while b > a && w.toks[b - 1].punct {
        b -= 1;
    }
    let clean = (a..b).all(|k| !cue_at[k] && !w.toks[k].mark);
    (clean && b >= a + 3).then_some(Content::Tokens(a, b))
}

/// A quote opening right at `at` or at the start of the next sentence ("He said:\n\"…\").
fn next_quote(w: &Work, at: usize) -> Option<Content> {
    let mut k = at;
    while k < w.toks.len() && matches!(w.word(k), ":" | ",") {
        k += 1;
    }
    let t = w.toks.get(k)?;
    if !t.mark {
        return None;
    }
    w.quotes
        .iter()
        .position(|q| q.open == t.start)
        .map(Content::Quote)
}

/// Splits a coordinated source phrase ("two commanders and a Western source") into its parts,
/// keeping names that contain "and" whole when an actor mention spans it.
fn split(w: &Work, (a, b): (usize, usize)) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = a;
    for k in a..b {
        let next_opens = w.toks.get(k + 1).is_some_and(|t| t.cap)
            || is_in(super::DETERMINERS, w.word(k + 1))
            || matches!(
                w.word(k + 1),
                "two" | "three" | "four" | "five" | "several" | "other"
            );
        if matches!(w.word(k), "and" | "&" | "nor") && k > start && k + 1 < b && next_opens {
            let inside_name = w
                .mentions
                .iter()
                .any(|&(s, e, _)| s < w.toks[k].start && w.toks[k].end < e);
            if !inside_name {
                out.push((start, k));
                start = k + 1;
            }
        }
    }
    out.push((start, b));
    out.into_iter()
        .map(|(s, e)| {
            let s = if matches!(w.word(s), "neither" | "both" | "either") {
                s + 1
            } else {
                s
            };
            let mut e = e;
            while e > s
                && (w.toks[e - 1].punct || w.word(e - 1) == ",")
                && !closes_paren(w, s, e - 1)
            {
                e -= 1;
            }
            (s, e)
        })
        .filter(|(s, e)| e > s)
        .collect()
}

/// Words that open a line with a colon without naming a speaker ("UPDATE:", "WATCH:",
/// "Editor's note:", "WHEN:"): never a transcript's speaker tag.
const NOT_SPEAKERS: &[&str] = &[
    "advertisement",
    "also",
    "answer",
    "breaking",
    "clarification",
    "correction",
    "disclaimer",
    "disclosure",
    "editor",
    "exclusive",
    "note",
    "photo",
    "photos",
    "question",
    "read",
    "related",
    "see",
    "source",
    "sources",
    "transcript",
    "update",
    "updated",
    "video",
    "warning",
    "watch",
    "what",
    "when",
    "where",
    "who",
    "why",
];

/// A transcript's speaker tag: a line opening (maybe after an opening quotation mark) with a
/// name in capitals or a known name and a colon, "WALLACE: …", "Q: …", "Jane Doe: …".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct SpeakerTag {
    /// The tag's tokens `[a, b)`; the colon is token `b`.
    pub name: (usize, usize),
    /// The line opens with a quotation mark left open over the turn's paragraphs (transcripts
    /// quoted whole, each paragraph reopening the mark).
    pub quoted: bool,
}

/// Whether token `k` opens a line.
fn starts_line(w: &Work, k: usize) -> bool {
    k == 0 || w.text[w.toks[k - 1].end..w.toks[k].start].contains('\n')
}

/// The speaker tags of a transcript. Tags count only when the document holds at least two
/// lines with tags and at least two different speakers (an interview, a panel, "Q:" and "A:"):
/// a single "Name: words" line is a headline or a label.
pub(crate) fn speaker_tags(w: &Work) -> Vec<SpeakerTag> {
    let mut tags = Vec::new();
    for k in 0..w.toks.len() {
        if !starts_line(w, k) {
            continue;
        }
        let quoted = w.toks[k].mark;
        let a = k + usize::from(quoted);
        let Some(c) = (a + 1..w.toks.len().min(a + 5))
            .take_while(|&j| !starts_line(w, j))
            .find(|&j| w.word(j) == ":")
        else {
            continue;
        };
        // Words after the colon on the same line.
        if c + 1 >= w.toks.len() || starts_line(w, c + 1) {
            continue;
        }
        let capitals = (a..c).all(|j| {
            let t = &w.text[w.toks[j].start..w.toks[j].end];
            t == "."
                || t == "-"
                || (t.chars().any(char::is_alphabetic) && !t.chars().any(char::is_lowercase))
        });
        let (sb, se) = (w.toks[a].start, w.toks[c - 1].end);
        let named =
            (a..c).all(|j| w.toks[j].cap) && w.mentions.iter().any(|&(s, e, _)| s == sb && e == se);
        let letters = (a..c).any(|j| w.toks[j].lower.chars().any(char::is_alphabetic));
        if !(capitals || named)
            || !letters
            || (a..c)
                .any(|j| is_in(NOT_SPEAKERS, w.word(j)) || w.toks[j].quote.is_some() && !quoted)
        {
            continue;
        }
        tags.push(SpeakerTag {
            name: (a, c),
            quoted,
        });
    }
    let key = |t: &SpeakerTag| w.word(t.name.1 - 1).to_string();
    let first = tags.first().map(key);
    if tags.len() < 2 || tags.iter().all(|t| Some(key(t)) == first) {
        return Vec::new();
    }
    tags
}

/// Transcript turns: each speaker tag is the source, its colon the cue, and the turn the
/// content: the rest of its line, and in a transcript quoted whole the lines after it that
/// reopen the quotation mark, up to the next tag or a bracketed stage note ("(CROSSTALK.)").
/// The turn is the speaker's direct quote (see [`speaker_tags`]).
fn speaker_turns(w: &Work, tags: &[SpeakerTag], drafts: &mut Vec<Draft>) {
    for tag in tags {
        let (a, c) = tag.name;
        let n = w.toks.len();
        let line_end = |from: usize| (from + 1..n).find(|&j| starts_line(w, j)).unwrap_or(n);
        let mut e = line_end(c + 1);
        while tag.quoted && e < n && w.toks[e].mark {
            let next = e + 1;
            let is_tag = tags.iter().any(|t| t.name.0 == next);
            if next >= n || starts_line(w, next) || is_tag || w.word(next) == "(" {
                break;
            }
            e = line_end(next);
        }
        while e > c + 1 && w.toks[e - 1].punct && !w.toks[e - 1].mark {
            e -= 1;
        }
        // Words, not a tally ("Clinton: 547.").
        let words = (c + 1..e)
            .filter(|&j| w.toks[j].lower.chars().any(char::is_alphabetic))
            .count();
        if words < 3 {
            continue;
        }
        drafts.push(Draft::new(
            Content::Tokens(c + 1, e),
            (c, c + 1),
            CueClass::Report,
            vec![(a, c)],
        ));
    }
}

/// A quote signed after a dash, as collected reactions and epigraphs are: "“Q.” ― Jane Doe"
/// (a horizontal bar, an em or en dash, or "--"). The quote opens its line; the name,
/// capitalised words (initials allowed) ending its line, the text or before the next quote,
/// is the source, the dash the cue, the quote the content.
fn dash_signatures(w: &Work, cue_at: &mut [bool], drafts: &mut Vec<Draft>) {
    let n = w.toks.len();
    for (qi, q) in w.quotes.iter().enumerate() {
        let Some(close) = q.close else {
            continue;
        };
        // A quote opening its line, of no claim yet: not "S insisted that his party was
        // "still the first force."--Jane Doe." (a reporter's credit after a sentence).
        let opens_line = (0..n)
            .find(|&k| w.toks[k].start >= q.open)
            .is_some_and(|k| starts_line(w, k));
        let claimed = drafts.iter().any(|d| {
            let (s, e) = d.bytes(w);
            s < q.end && q.start < e
        });
        if !opens_line || claimed {
            continue;
        }
        // The first token after the closing mark.
        let Some(d) = (0..n).find(|&k| w.toks[k].start > close) else {
            continue;
        };
        let dash = |k: usize| {
            k < n
                && matches!(
                    &w.text[w.toks[k].start..w.toks[k].end],
                    "―" | "—" | "–" | "--"
                )
        };
        let hyphens = d + 1 < n
            && w.word(d) == "-"
            && w.word(d + 1) == "-"
            && w.toks[d + 1].start == w.toks[d].end;
        let (cue_end, a) = if dash(d) {
            (d + 1, d + 1)
        } else if hyphens {
            (d + 2, d + 2)
        } else {
            continue;
        };
        if cue_at[d] || a >= n || starts_line(w, d) || starts_line(w, a) {
            continue;
        }
        // Capitalised words and initials on the dash's line.
        let mut b = a;
        while b < n
            && b < a + 6
            && !starts_line(w, b)
            && !w.toks[b].mark
            && (w.toks[b].cap || (w.word(b) == "." && b > a && w.toks[b - 1].lower.len() == 1))
        {
            b += 1;
        }
        let ends = b == n
            || starts_line(w, b)
            || w.toks[b].mark
            || (w.word(b) == "." && (b + 1 == n || starts_line(w, b + 1) || w.toks[b + 1].mark));
        if b == a || !ends || (a..b).any(|k| w.toks[k].quote.is_some()) {
            continue;
        }
        for x in cue_at.iter_mut().take(cue_end).skip(d) {
            *x = true;
        }
        drafts.push(Draft::new(
            Content::Quote(qi),
            (d, cue_end),
            CueClass::Report,
            vec![(a, b)],
        ));
    }
}

/// A line opening with a name or a document word and a colon, "Senator Doe: Talks Have
/// Failed" or "Poll: Voters Split", as headlines attribute: the name is the source, the colon
/// the cue, the rest of the sentence the content.
fn headline_colons(w: &Work, cue_at: &mut [bool], drafts: &mut Vec<Draft>) {
    for sent in &w.sents {
        let a = sent.start;
        if sent.is_empty() || drafts.iter().any(|d| d.cue.0 >= a && d.cue.0 < sent.end) {
            continue;
        }
        let starts_line = a == 0 || w.text[w.toks[a - 1].end..w.toks[a].start].contains('\n');
        let Some(c) = (a + 1..sent.end.min(a + 6)).find(|&k| w.word(k) == ":") else {
            continue;
        };
        // A transcript's speaker tag (see `speaker_turns`).
        if cue_at[c] {
            continue;
        }
        let (sb, se) = (w.toks[a].start, w.toks[c - 1].end);
        // A name, maybe after a title: "Senator Jane Doe".
        let named =
            (a..c).all(|k| w.toks[k].cap) && w.mentions.iter().any(|&(s, e, _)| s >= sb && e == se);
        let document = c == a + 1 && w.cues.is_document(w.word(a));
        if !starts_line || !(named || document) || (a..c).any(|k| w.toks[k].quote.is_some()) {
            continue;
        }
        let mut e = sent.end;
        while e > c + 1 && w.toks[e - 1].punct && !w.toks[e - 1].mark {
            e -= 1;
        }
        if e < c + 3 {
            continue;
        }
        cue_at[c] = true;
        drafts.push(Draft::new(
            Content::Tokens(c + 1, e),
            (c, c + 1),
            CueClass::Report,
            vec![(a, c)],
        ));
    }
}

/// Hedging adverbs of the writer's own inference, not of hearsay: "the encounter apparently
/// touched a nerve" reports nobody's account (unlike "reportedly", "allegedly").
const INFERENCE_ADVERBS: &[&str] = &["apparently", "ostensibly", "seemingly"];

/// True when token `k` is a hedging adverb of hearsay ("reportedly", "allegedly") outside a
/// quotation.
fn hearsay_adverb(w: &Work, k: usize) -> bool {
    w.toks[k].quote.is_none()
        && w.cues.is_hedge_adverb(w.word(k))
        && !is_in(INFERENCE_ADVERBS, w.word(k))
}

/// True when draft `d`'s claim is hedged: it is a hedged sentence, or an adverb of hearsay
/// lies in its cue or right before it ("are reportedly centered on", "reportedly said").
pub(super) fn is_hedged(w: &Work, d: &Draft) -> bool {
    let (a, b) = d.cue;
    d.hedged || (a.saturating_sub(1)..b).any(|k| hearsay_adverb(w, k))
}

/// Sentences with a hedging adverb of hearsay and no cue: sourceless hedged claims.
fn hedged_sentences(w: &Work, cue_at: &[bool], drafts: &mut Vec<Draft>) {
    for sent in &w.sents {
        if sent.is_empty() || sent.clone().any(|k| cue_at[k]) {
            continue;
        }
        let Some(h) = sent.clone().find(|&k| hearsay_adverb(w, k)) else {
            continue;
        };
        let (s, e) = (w.toks[sent.start].start, w.toks[sent.end - 1].end);
        if drafts.iter().any(|d| {
            let (a, b) = d.bytes(w);
            a <= s && e <= b
        }) {
            continue;
        }
        let a = skip_leading(w, sent.start, sent.end);
        let mut b = sent.end;
        while b > a && w.toks[b - 1].punct {
            b -= 1;
        }
        if b < a + 2 {
            continue;
        }
        drafts.push(Draft {
            hedged: true,
            ..Draft::new(
                Content::Tokens(a, b),
                (h, h + 1),
                CueClass::Report,
                Vec::new(),
            )
        });
    }
}

/// True when draft `d` is a parenthetical report opening another draft's content (which
/// starts at byte `outer_start`): its source starts that content right after a comma, and a
/// comma follows its cue before its own content ("…, he said, that C"; "…, she said in an
/// interview, that C").
fn parenthetical(w: &Work, d: &Draft, src_start: usize, outer_start: usize) -> bool {
    let Some(&(a, _)) = d.sources.first() else {
        return false;
    };
    let Content::Tokens(ca, _) = d.content else {
        return false;
    };
    src_start <= outer_start + 1
        && a > 0
        && w.word(a - 1) == ","
        && d.cue.1 < ca
        && ca - d.cue.1 <= 6
        && (d.cue.1..ca).any(|k| w.word(k) == ",")
        && !(d.cue.1..ca).any(|k| w.toks[k].quote.is_some() || w.toks[k].mark)
}

/// Nesting: a claim inside another's content gets it as parent ("S1 said S2 believes C": the
/// belief is nested in S1's claim). When the outer cue is a participle whose content is
/// nothing but the inner belief ("…, noting S2 believes C"), the outer is dropped and its
/// sources join the inner one (the report passes on S2's belief through S1). Quote-speaker
/// drafts inside another claim only name the speaker.
fn nest(w: &Work, drafts: &mut Vec<Draft>) {
    let spans: Vec<(usize, usize)> = drafts.iter().map(|d| d.bytes(w)).collect();
    let mut drop = vec![false; drafts.len()];
    for i in 0..drafts.len() {
        for o in 0..drafts.len() {
            if i == o || drop[o] || drop[i] {
                continue;
            }
            let (is, ie) = spans[i];
            let (os, oe) = spans[o];
            let cue_inside =
                w.toks[drafts[i].cue.0].start >= os && w.toks[drafts[i].cue.0].end <= oe;
            // The inner content lies inside the outer one too (a closing mark or stop may
            // overhang): a content running on past the outer one's end is no part of it.
            let content_inside = is >= os && ie <= oe + 4;
            if !(cue_inside && content_inside && (is, ie) != (os, oe))
                || drafts[o].parent == Some(i)
            {
                continue;
            }
            // "S told R, adding that C": the outer content is only the same speaker's next
            // report, which is the claim.
            if w.toks[drafts[i].cue.0].start <= os + 1
                && !drafts[i].sources.is_empty()
                && drafts[i].sources == drafts[o].sources
            {
                drop[o] = true;
                continue;
            }
            let src_start = drafts[i]
                .sources
                .first()
                .map_or(usize::MAX, |s| w.toks[s.0].start);
            // "He hoped, he said, that C", "Cost estimates, he added, were C": a report set off
            // by commas right after the outer cue is the sentence's attribution; the outer
            // verb (a belief, or a noun misread as a verb) is part of what it reports.
            if parenthetical(w, &drafts[i], src_start, os) {
                if let (Content::Tokens(_, b), Content::Tokens(ia, _)) =
                    (drafts[o].content, drafts[i].content)
                {
                    if ia < b {
                        drafts[o].content = Content::Tokens(ia, b);
                    }
                }
                drafts[o].parent = Some(i);
                continue;
            }
            // Only another's inner state passes through ("S1 said S2 believes C"); a reported
            // report ("S1 said S2 told R C") and the speaker's own state ("S said she
            // believes C") stay nested under the reporter.
            let own = drafts[i]
                .sources
                .first()
                .is_some_and(|s| s.1 == s.0 + 1 && is_in(PRONOUNS, w.word(s.0)));
            // A source phrase holding a verb is a misread clause, not someone's belief.
            let clause = drafts[i].sources.iter().any(|s| {
                (s.0..s.1).any(|k| {
                    w.toks[k].syn.as_ref().is_some_and(|x| {
                        matches!(x.upos, byline_nlp::Upos::Verb | byline_nlp::Upos::Aux)
                    })
                })
            });
            // "S1 said S2 hopes C" is S1's attribution with a cue and a source of its own
            // (PolNeAR annotates the outer one), the belief nested in it; only a participle
            // hanging on an earlier report ("…, noting S2 believes C"), which has no subject of
            // its own, passes the belief on as one claim.
            let participle = w.word(drafts[o].cue.0).ends_with("ing");
            if src_start <= os + 1
                && participle
                && !drafts[o].hedged
                && drafts[i].class == CueClass::Belief
                && !own
                && !clause
            {
                let extra = drafts[o].sources.clone();
                for s in extra {
                    if !drafts[i].sources.contains(&s) {
                        drafts[i].sources.push(s);
                    }
                }
                drop[o] = true;
            } else {
                drafts[i].parent = Some(o);
            }
        }
    }
    for i in 0..drafts.len() {
        if drafts[i].speaker_only && drafts[i].parent.is_none() && !drop[i] {
            // Not inside another claim: a claim of its own.
            drafts[i].speaker_only = false;
        }
    }
    let mut k = 0;
    let keep: Vec<bool> = drop.iter().map(|d| !d).collect();
    let remap: Vec<Option<usize>> = keep
        .iter()
        .map(|&kp| {
            if kp {
                k += 1;
                Some(k - 1)
            } else {
                None
            }
        })
        .collect();
    let mut idx = 0;
    drafts.retain(|_| {
        idx += 1;
        keep[idx - 1]
    });
    for d in drafts.iter_mut() {
        d.parent = d.parent.and_then(|p| remap[p]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Input, Pipeline};

    #[test]
    fn a_statement_between_a_cue_and_its_content_is_no_second_claim() {
        // "S says in a statement that C": one claim, cued by "says", none by "statement".
        let text = "The harbour authority says in a statement that the new ferry pier will open \
                    in the spring.\n";
        let doc = Pipeline::new().unwrap().extract(&Input::new(text)).unwrap();
        let cues: Vec<&str> = doc
            .claims
            .iter()
            .filter_map(|c| c.cue.as_ref().map(|m| m.text.as_str()))
            .collect();
        assert_eq!(cues, ["says"], "{:#?}", doc.claims);
        assert_eq!(
            doc.claims[0].text,
            "the new ferry pier will open in the spring"
        );
        // A statement that is the subject of its own verb still reports.
        let text = "A statement from the harbour authority said that the pier will open soon.\n";
        let doc = Pipeline::new().unwrap().extract(&Input::new(text)).unwrap();
        assert!(
            doc.claims
                .iter()
                .any(|c| c.text.contains("the pier will open soon")),
            "{:#?}",
            doc.claims
        );
    }

    #[test]
    fn lists_are_sorted() {
        for list in [
            AUXILIARIES,
            PREPOSITIONS,
            CUE_PREPOSITIONS,
            ELLIPTIC_OPENERS,
        ] {
            for w in list.windows(2) {
                assert!(w[0] < w[1], "{:?} before {:?}", w[0], w[1]);
            }
        }
    }
}
