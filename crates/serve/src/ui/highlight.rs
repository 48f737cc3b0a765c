//! The report text with its layers marked up: sources, cues, claims, quotes, hedges, actors and
//! times, each a `<span>` with classes, claims wrapped in links.
//!
//! Spans are code-point offsets into `text` and may overlap without nesting (a quote inside a
//! claim that also holds its cue; a claim nested in another). The text is cut at every span
//! boundary into segments; each segment carries the classes of every span covering it, and runs
//! of segments inside the same (innermost) claim become one link. Spans that fall outside the text
//! or run backwards are ignored, never trusted.

use byline_model::{CharMap, Document, Factuality, Span};
use maud::{html, Markup};

/// One marked span.
#[derive(Clone, Debug)]
struct Mark {
    span: Span,
    kind: MarkKind,
}

#[derive(Clone, Debug)]
enum MarkKind {
    /// Claim id, its factuality class and its number of sources.
    Claim(String, &'static str, usize),
    Source(String),
    Cue,
    Hedge,
    Quote,
    Actor(String),
    Time,
}

impl MarkKind {
    fn class(&self) -> &'static str {
        match self {
            MarkKind::Claim(..) => "",
            MarkKind::Source(_) => "src",
            MarkKind::Cue => "cue",
            MarkKind::Hedge => "hedge",
            MarkKind::Quote => "quote",
            MarkKind::Actor(_) => "actor",
            MarkKind::Time => "time",
        }
    }
}

/// The CSS class name of a factuality value (`f-hedged`).
pub(crate) fn factuality_class(f: Factuality) -> &'static str {
    match f {
        Factuality::Asserted => "f-asserted",
        Factuality::Reported => "f-reported",
        Factuality::Hedged => "f-hedged",
        Factuality::Belief => "f-belief",
        Factuality::Denied => "f-denied",
        Factuality::Unverified => "f-unverified",
        Factuality::Disputed => "f-disputed",
    }
}

/// The factuality as the JSON spells it (`unverified`).
pub(crate) fn factuality_name(f: Factuality) -> &'static str {
    factuality_class(f).trim_start_matches("f-")
}

fn marks(doc: &Document) -> Vec<Mark> {
    let mut out = Vec::new();
    let mut push = |span: Span, kind: MarkKind| out.push(Mark { span, kind });
    for c in &doc.claims {
        push(
            c.span,
            MarkKind::Claim(
                c.id.clone(),
                factuality_class(c.factuality),
                c.sources.len(),
            ),
        );
        if let Some(cue) = &c.cue {
            let kind = if c.factuality == Factuality::Hedged {
                MarkKind::Hedge
            } else {
                MarkKind::Cue
            };
            push(cue.span, kind);
        }
    }
    for s in &doc.sources {
        push(s.span, MarkKind::Source(s.id.clone()));
    }
    for q in &doc.quotes {
        push(q.span, MarkKind::Quote);
    }
    for n in &doc.notices {
        push(n.cue.span, MarkKind::Cue);
    }
    for a in &doc.actors {
        for m in &a.mentions {
            push(m.span, MarkKind::Actor(a.id.clone()));
        }
    }
    for t in &doc.times {
        push(t.span, MarkKind::Time);
    }
    out
}

/// The claim that owns a segment: its id, factuality class and number of sources.
type ClaimRef<'a> = (&'a str, &'static str, usize);

/// A piece of text between two span boundaries and the marks covering it.
struct Segment<'a> {
    text: &'a str,
    classes: Vec<&'static str>,
    claim: Option<ClaimRef<'a>>,
    source: Option<&'a str>,
    actor: Option<&'a str>,
}

fn segments<'a>(text: &'a str, marks: &'a [Mark]) -> Vec<Segment<'a>> {
    let n = text.chars().count();
    let valid: Vec<&Mark> = marks
        .iter()
        .filter(|m| m.span.0 < m.span.1 && m.span.1 <= n)
        .collect();
    let mut cuts: Vec<usize> = vec![0, n];
    for m in &valid {
        cuts.push(m.span.0);
        cuts.push(m.span.1);
    }
    cuts.sort_unstable();
    cuts.dedup();
    let map = CharMap::new(text);
    let mut out = Vec::with_capacity(cuts.len());
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        let piece = &text[map.bytes(Span(a, b))];
        let covering: Vec<&&Mark> = valid
            .iter()
            .filter(|m| m.span.0 <= a && b <= m.span.1)
            .collect();
        let mut classes: Vec<&'static str> = covering
            .iter()
            .map(|m| m.kind.class())
            .filter(|c| !c.is_empty())
            .collect();
        classes.sort_unstable();
        classes.dedup();
        // The innermost claim owns the segment (a nested claim is the more specific link).
        let claim = covering
            .iter()
            .filter_map(|m| match &m.kind {
                MarkKind::Claim(id, f, n) => Some((m.span.len(), id.as_str(), *f, *n)),
                _ => None,
            })
            .min_by_key(|(len, ..)| *len)
            .map(|(_, id, f, n)| (id, f, n));
        let source = covering.iter().find_map(|m| match &m.kind {
            MarkKind::Source(id) => Some(id.as_str()),
            _ => None,
        });
        let actor = covering.iter().find_map(|m| match &m.kind {
            MarkKind::Actor(id) => Some(id.as_str()),
            _ => None,
        });
        out.push(Segment {
            text: piece,
            classes,
            claim,
            source,
            actor,
        });
    }
    out
}

fn segment_markup(s: &Segment<'_>) -> Markup {
    if s.classes.is_empty() {
        return html! { (s.text) };
    }
    let class = s.classes.join(" ");
    html! {
        span class=(class) data-source=[s.source] data-actor=[s.actor] { (s.text) }
    }
}

/// The document text marked up; claims link to `claim_href(claim_id)`, and the claim `selected`
/// (if any) carries the class `selected`.
pub(crate) fn render(
    doc: &Document,
    selected: Option<&str>,
    claim_href: impl Fn(&str) -> String,
) -> Markup {
    let marks = marks(doc);
    let segs = segments(&doc.text, &marks);
    // Group consecutive segments with the same owning claim into one link.
    let mut runs: Vec<(Option<ClaimRef<'_>>, Vec<&Segment<'_>>)> = Vec::new();
    for s in &segs {
        match runs.last_mut() {
            Some((claim, v)) if *claim == s.claim => v.push(s),
            _ => runs.push((s.claim, vec![s])),
        }
    }
    html! {
        @for (claim, run) in &runs {
            @match claim {
                Some((id, f, n)) => {
                    @let sel = if Some(*id) == selected { " selected" } else { "" };
                    a class={ "claim " (f) (sel) } href=(claim_href(id)) data-claim=(id) data-sources=(n) {
                        @for s in run { (segment_markup(s)) }
                    }
                }
                None => { @for s in run { (segment_markup(s)) } }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use byline_model::{Claim, Mention, Quote, Source, SourceKind};

    fn claim(id: &str, span: Span, text: &str, f: Factuality, cue: Option<Mention>) -> Claim {
        Claim {
            id: id.into(),
            span,
            text: text.into(),
            sources: vec![],
            cue,
            quote: false,
            factuality: f,
            parent: None,
            events: vec![],
        }
    }

    /// Strips tags and decodes the five entities maud writes: what a browser would show.
    fn visible(html: &str) -> String {
        let mut out = String::new();
        let mut in_tag = false;
        for ch in html.chars() {
            match ch {
                '<' => in_tag = true,
                '>' => in_tag = false,
                c if !in_tag => out.push(c),
                _ => {}
            }
        }
        out.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn multibyte_text_is_cut_on_code_points() {
        // "Ça" and the guillemets are multi-byte: byte offsets would cut inside them.
        let text = "Ça «va», dit-il — l'État répond.";
        let mut doc = Document::new(text.into());
        let chars: Vec<char> = text.chars().collect();
        let find = |needle: &str| {
            let nc: Vec<char> = needle.chars().collect();
            let start = (0..chars.len())
                .find(|&i| chars[i..].starts_with(&nc))
                .expect("needle in text");
            Span(start, start + nc.len())
        };
        let quote = find("va");
        doc.quotes.push(Quote {
            id: "q1".into(),
            span: quote,
            text: "va".into(),
            speaker: None,
            claim: Some("c1".into()),
        });
        let state = find("l'État");
        doc.sources.push(Source {
            id: "s1".into(),
            span: state,
            text: "l'État".into(),
            kind: SourceKind::NamedOrganization,
            count: None,
            seniority: None,
            role: None,
            affiliation: None,
            actor: None,
            refers_to: vec![],
        });
        doc.claims.push(claim(
            "c1",
            find("«va»"),
            "«va»",
            Factuality::Reported,
            None,
        ));
        let html = render(&doc, Some("c1"), |id| format!("/x?claim={id}")).into_string();
        assert_eq!(visible(&html), text);
        assert!(html.contains(r#"<span class="quote">va</span>"#), "{html}");
        assert!(
            html.contains(r#"data-source="s1">l&#39;État</span>"#)
                || html.contains(r#"data-source="s1">l'État</span>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"class="claim f-reported selected""#),
            "{html}"
        );
    }

    #[test]
    fn document_text_is_escaped() {
        let text = "He wrote <script>alert(1)</script> & left.";
        let mut doc = Document::new(text.into());
        doc.claims.push(claim(
            "c1",
            Span(9, 34),
            "<script>alert(1)</script>",
            Factuality::Asserted,
            None,
        ));
        let html = render(&doc, None, |id| format!("/c/{id}")).into_string();
        assert!(!html.contains("<script>"), "{html}");
        assert!(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert_eq!(visible(&html), text);
    }

    #[test]
    fn bad_spans_are_ignored_and_overlaps_are_flattened() {
        let text = "Officials said the road reopened on Monday.";
        let mut doc = Document::new(text.into());
        doc.claims.push(claim(
            "c1",
            Span(15, 42),
            "the road reopened on Monday",
            Factuality::Hedged,
            Some(Mention {
                span: Span(10, 14),
                text: "said".into(),
            }),
        ));
        // Nested claim inside c1, a span past the end, and a reversed one.
        doc.claims.push(claim(
            "c2",
            Span(19, 32),
            "road reopened",
            Factuality::Asserted,
            None,
        ));
        doc.claims
            .push(claim("c3", Span(40, 400), "x", Factuality::Asserted, None));
        doc.claims
            .push(claim("c4", Span(30, 20), "x", Factuality::Asserted, None));
        let html = render(&doc, None, |id| format!("/c/{id}")).into_string();
        assert_eq!(visible(&html), text);
        assert!(
            html.contains(r#"<span class="hedge">said</span>"#),
            "{html}"
        );
        assert!(
            html.contains(r#"data-claim="c2" data-sources="0">road reopened</a>"#),
            "{html}"
        );
        assert_eq!(html.matches(r#"data-claim="c1""#).count(), 2, "{html}");
        assert!(!html.contains("c3") && !html.contains("c4"));
        // No link inside a link.
        assert!(
            !html.contains("<a class=\"claim f-hedged\" href=\"/c/c1\" data-claim=\"c1\">the <a")
        );
    }
}
