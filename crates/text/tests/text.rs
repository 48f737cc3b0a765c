//! Integration tests of the text layer: spans, round trips and never panicking on any input.

use byline_text::{analyze, normalize, tokenize};
use proptest::prelude::*;

/// Checks every invariant of one analysed text.
fn check_layout(text: &str) {
    let layout = analyze(text);
    // Tokens are non-empty substrings in order, with only whitespace between them.
    let mut rebuilt = String::with_capacity(text.len());
    let mut last = 0;
    for t in &layout.tokens {
        assert!(t.start < t.end && t.end <= text.len(), "{t:?}");
        assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
        let gap = &text[last..t.start];
        assert!(gap.chars().all(char::is_whitespace), "gap {gap:?}");
        assert!(
            !t.text(text).chars().any(char::is_whitespace),
            "{:?}",
            t.text(text)
        );
        rebuilt.push_str(gap);
        rebuilt.push_str(t.text(text));
        last = t.end;
    }
    let tail = &text[last..];
    assert!(tail.chars().all(char::is_whitespace));
    rebuilt.push_str(tail);
    assert_eq!(rebuilt, text);
    // Sentences tile the tokens and cover exactly their tokens.
    let mut next = 0;
    for s in &layout.sentences {
        assert_eq!(s.tokens.start, next);
        assert!(s.tokens.end > s.tokens.start);
        assert_eq!(s.start, layout.tokens[s.tokens.start].start);
        assert_eq!(s.end, layout.tokens[s.tokens.end - 1].end);
        next = s.tokens.end;
    }
    assert_eq!(next, layout.tokens.len());
    // Paragraphs are ordered, disjoint, and no sentence crosses one.
    for w in layout.paragraphs.windows(2) {
        assert!(w[0].end < w[1].start);
    }
    for s in &layout.sentences {
        assert!(
            layout
                .paragraphs
                .iter()
                .any(|p| p.start <= s.start && s.end <= p.end),
            "sentence {s:?} crosses a paragraph"
        );
    }
}

fn check_normalize(raw: &str) {
    let n = normalize(raw);
    let mut last = 0;
    for i in 0..=n.text.len() {
        let o = n.original_offset(i);
        assert!(o >= last && o <= raw.len(), "offset {i} → {o} after {last}");
        last = o;
    }
    assert_eq!(n.original_offset(n.text.len()), raw.len());
    assert!(!n.text.contains('\r'));
    assert!(!n.text.contains('\u{a0}'));
    // Normalising twice changes nothing more, except entities revealed by decoding (`&amp;lt;`).
    if !raw.contains('&') {
        assert_eq!(normalize(&n.text).text, n.text);
    }
    check_layout(&n.text);
}

/// Text made of the pieces the tokenizer cares about, to hit its branches more often than
/// uniformly random characters do.
fn texty() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("don't".to_string()),
        Just("U.S.".to_string()),
        Just("Mr.".to_string()),
        Just("al-Sharaa".to_string()),
        Just("3,000".to_string()),
        Just("2019-10-15".to_string()),
        Just("http://x.example/a(b)".to_string()),
        Just("a@b.example".to_string()),
        Just("\"".to_string()),
        Just("\u{201C}".to_string()),
        Just("\u{2019}s".to_string()),
        Just("...".to_string()),
        Just(":)".to_string()),
        Just(". ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("\r\n".to_string()),
        Just("&amp;".to_string()),
        Just("&#8217;".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{200b}".to_string()),
        "[a-zA-Z]{1,6}",
        "[0-9]{1,4}",
        "[ .,;:!?'\"()\\-/&@#$%]{1,3}",
        any::<char>().prop_map(|c| c.to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn arbitrary_unicode_never_panics(s in any::<String>()) {
        check_layout(&s);
        check_normalize(&s);
    }

    #[test]
    fn texty_input_keeps_every_invariant(s in texty()) {
        check_layout(&s);
        check_normalize(&s);
    }
}

#[test]
fn spans_are_substrings_on_a_news_fixture() {
    // A fixture of our own with the seed report's shape: a quote holding two sentences,
    // continued after its closing mark, then a second quote.
    let text = "Talks on the border deal went on Tuesday, officials said.\n\
        One official said, \u{201C}The plan is moving forward. This is urgent for the president,\u{201D} \
        adding that \u{201C}nobody offers much.\u{201D}\n\n\
        Gen. Smith met Mr. al-Sharaa in the U.S. on Jan. 5. They didn't agree.";
    let layout = analyze(text);
    let sentences: Vec<&str> = layout
        .sentences
        .iter()
        .map(|s| &text[s.start..s.end])
        .collect();
    assert_eq!(
        sentences,
        [
            "Talks on the border deal went on Tuesday, officials said.",
            "One official said, \u{201C}The plan is moving forward.",
            "This is urgent for the president,\u{201D} adding that \u{201C}nobody offers much.\u{201D}",
            "Gen. Smith met Mr. al-Sharaa in the U.S. on Jan. 5.",
            "They didn't agree.",
        ]
    );
    assert_eq!(layout.paragraphs.len(), 2);
    let toks: Vec<&str> = tokenize(sentences[4])
        .iter()
        .map(|t| t.text(sentences[4]))
        .collect();
    assert_eq!(toks, ["They", "did", "n't", "agree", "."]);
    check_layout(text);
}

#[test]
fn normalized_offsets_point_back_into_the_raw_text() {
    let raw = "Caf\u{e9}&nbsp;owner&#8217;s \u{201C}deal\u{201D}\r\n\r\nIt\u{200b} closed.  \r\n";
    let n = normalize(raw);
    assert_eq!(
        n.text,
        "Caf\u{e9} owner\u{2019}s \u{201C}deal\u{201D}\n\nIt closed.\n"
    );
    let layout = analyze(&n.text);
    for t in &layout.tokens {
        let (s, e) = (n.original_offset(t.start), n.original_offset(t.end));
        assert!(s < e && e <= raw.len());
    }
    let closed = n.text.find("closed").unwrap();
    assert_eq!(&raw[n.original_offset(closed)..][..6], "closed");
    check_normalize(raw);
}
