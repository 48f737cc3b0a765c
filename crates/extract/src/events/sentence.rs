//! One sentence as the events annotator sees it: tokens (lowercased) and the actor mentions in it.

use byline_model::{ActorKind, Document};

/// An actor mention inside a sentence, in sentence-local token indices.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Slot {
    /// First token.
    pub first: usize,
    /// Last token (inclusive).
    pub last: usize,
    /// Index into `doc.actors`.
    pub actor: usize,
    /// What kind of actor it is.
    pub kind: ActorKind,
}

/// A sentence: its tokens and the actor mentions it holds.
pub(crate) struct Sent<'a> {
    /// The document text.
    pub text: &'a str,
    /// Byte spans of the tokens.
    pub spans: Vec<(usize, usize)>,
    /// Lowercased token texts.
    pub lower: Vec<String>,
    /// Actor mentions, in text order, not overlapping.
    pub slots: Vec<Slot>,
    /// For each token, the slot that covers it.
    pub slot_of: Vec<Option<usize>>,
}

/// Byte spans of every actor mention in the document, with the actor index, sorted.
pub(crate) fn mention_bytes(
    doc: &Document,
    chars: &byline_model::CharMap,
) -> Vec<(usize, usize, usize)> {
    let mut out = Vec::new();
    for (i, a) in doc.actors.iter().enumerate() {
        for m in &a.mentions {
            let r = chars.bytes(m.span);
            if r.start < r.end {
                out.push((r.start, r.end, i));
            }
        }
    }
    out.sort_unstable();
    out
}

impl<'a> Sent<'a> {
    /// Builds the view of the tokens `spans`, with the mentions of `mentions` (sorted byte spans)
    /// that fall inside them.
    pub fn new(
        text: &'a str,
        spans: Vec<(usize, usize)>,
        mentions: &[(usize, usize, usize)],
        doc: &Document,
    ) -> Sent<'a> {
        let lower: Vec<String> = spans
            .iter()
            .map(|&(s, e)| text.get(s..e).unwrap_or("").to_lowercase())
            .collect();
        let mut slots = Vec::new();
        let mut slot_of = vec![None; spans.len()];
        if let (Some(&(start, _)), Some(&(_, end))) = (spans.first(), spans.last()) {
            let from = mentions.partition_point(|m| m.0 < start);
            for &(ms, me, actor) in &mentions[from..] {
                if ms >= end {
                    break;
                }
                let first = spans.partition_point(|t| t.1 <= ms);
                let last = spans.partition_point(|t| t.0 < me);
                if first >= last || (first..last).any(|t| slot_of[t].is_some()) {
                    continue;
                }
                let idx = slots.len();
                slots.push(Slot {
                    first,
                    last: last - 1,
                    actor,
                    kind: doc.actors[actor].kind,
                });
                for s in &mut slot_of[first..last] {
                    *s = Some(idx);
                }
            }
            slots.sort_by_key(|s| s.first);
            for s in slot_of.iter_mut() {
                *s = None;
            }
            for (i, s) in slots.iter().enumerate() {
                for t in &mut slot_of[s.first..=s.last] {
                    *t = Some(i);
                }
            }
        }
        Sent {
            text,
            spans,
            lower,
            slots,
            slot_of,
        }
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.spans.len()
    }

    /// The lowercased token `i`, or "" past either end.
    pub fn w(&self, i: usize) -> &str {
        self.lower.get(i).map(String::as_str).unwrap_or("")
    }

    /// The original text of token `i`.
    pub fn raw(&self, i: usize) -> &str {
        self.spans
            .get(i)
            .and_then(|&(s, e)| self.text.get(s..e))
            .unwrap_or("")
    }

    /// The token before `i`, lowercased ("" at the start).
    pub fn prev(&self, i: usize) -> &str {
        if i == 0 {
            ""
        } else {
            self.w(i - 1)
        }
    }
}
