//! Recognition and normalisation, one test per category, on sentences written for these tests.

use byline_timex::{find_published, parse_date, tag_text, TimexType};

/// (text, type, value) of every expression found in `text` published on `published`.
fn tag(text: &str, published: &str) -> Vec<(String, TimexType, String)> {
    let found = tag_text(text, Some(parse_date(published).unwrap()));
    for t in &found {
        assert!(text.get(t.start..t.end).is_some(), "span off char boundary");
    }
    found
        .into_iter()
        .map(|t| {
            (
                text[t.start..t.end].to_string(),
                t.kind,
                t.value.unwrap_or_default(),
            )
        })
        .collect()
}

fn one(text: &str, published: &str) -> (String, TimexType, String) {
    let mut all = tag(text, published);
    assert_eq!(all.len(), 1, "{text}: {all:?}");
    all.remove(0)
}

fn value(text: &str, published: &str) -> String {
    one(text, published).2
}

use TimexType::*;

#[test]
fn weekdays_follow_tense() {
    // 2024-06-12 is a Wednesday.
    let d = "2024-06-12";
    assert_eq!(
        value("The agency reported Wednesday that exports fell.", d),
        "2024-06-12"
    );
    assert_eq!(
        value("Late on Sunday, the mayor resigned.", d),
        "2024-06-09"
    );
    assert_eq!(value("The council will vote on Friday.", d), "2024-06-14");
    assert_eq!(value("Ministers met last Monday.", d), "2024-06-10");
    assert_eq!(value("A vote is expected next Thursday.", d), "2024-06-13");
    assert_eq!(
        one("Crowds gathered on Saturday night.", d),
        ("Saturday night".into(), Date, "2024-06-08".into())
    );
}

#[test]
fn relative_expressions() {
    let d = "2024-06-12";
    assert_eq!(value("Yesterday the port reopened.", d), "2024-06-11");
    assert_eq!(
        value("The strike ended seven days earlier.", d),
        "2024-06-05"
    );
    assert_eq!(value("Prices rose last week.", d), "2024-W23");
    assert_eq!(value("A summit is planned later this month.", d), "2024-06");
    assert_eq!(value("The envoys met in May.", d), "2024-05");
    assert_eq!(value("Talks broke down in September.", d), "2023-09");
    assert_eq!(value("Exports grew earlier this year.", d), "2024");
    assert_eq!(value("The plant closed three years ago.", d), "2021");
    assert_eq!(value("The bill passed last October.", d), "2023-10");
    assert_eq!(value("Sales will recover next year.", d), "2025");
}

#[test]
fn absolute_dates_in_common_formats() {
    let d = "2024-06-12";
    for (text, expect) in [
        ("It was signed on October 15, 2019 in Oslo.", "2019-10-15"),
        ("It was signed on 15 Oct. 2019 in Oslo.", "2019-10-15"),
        ("It was signed on 2019-10-15 in Oslo.", "2019-10-15"),
        ("It was signed on Oct. 15 in Oslo.", "2023-10-15"),
        ("It was signed in October 2019 in Oslo.", "2019-10"),
        ("It was signed in 1974 in Oslo.", "1974"),
        ("It was common in the 1990s in Oslo.", "199"),
        (
            "It was signed on Tuesday, October 15, 2019 in Oslo.",
            "2019-10-15",
        ),
    ] {
        assert_eq!(value(text, d), expect, "{text}");
    }
}

#[test]
fn times_of_day() {
    let d = "2024-06-12";
    assert_eq!(
        one("The rally began around 18:00 local time on Tuesday.", d),
        (
            "around 18:00 local time on Tuesday".into(),
            Time,
            "2024-06-11T18:00".into()
        )
    );
    assert_eq!(value("Polls close at 8 p.m.", d), "2024-06-12T20:00");
    assert_eq!(
        value("The blast was heard at 0730 GMT.", d),
        "2024-06-12T07:30"
    );
    assert_eq!(
        one("Fighting resumed this morning.", d),
        ("this morning".into(), Time, "2024-06-12TMO".into())
    );
}

#[test]
fn durations() {
    let d = "2024-06-12";
    assert_eq!(
        one("The siege lasted three days.", d),
        ("three days".into(), Duration, "P3D".into())
    );
    assert_eq!(value("Rescuers worked for 48 hours.", d), "PT48H");
    assert_eq!(value("It was the worst flood in a decade.", d), "P10Y");
    assert_eq!(value("He signed a two-year contract.", d), "P2Y");
    assert_eq!(value("Output fell over the past six months.", d), "P6M");
    assert_eq!(value("They waited several weeks.", d), "PXW");
}

#[test]
fn sets() {
    let d = "2024-06-12";
    assert_eq!(
        one("Protesters march every Friday.", d),
        ("every Friday".into(), Set, "XXXX-WXX-5".into())
    );
    assert_eq!(value("The paper is printed daily.", d), "P1D");
    assert_eq!(value("The board meets twice a year.", d), "P1Y");
}

#[test]
fn vague_references() {
    let d = "2024-06-12";
    assert_eq!(value("The town was recently retaken.", d), "PAST_REF");
    assert_eq!(value("The border is currently closed.", d), "PRESENT_REF");
    assert_eq!(value("Fares may rise in the future.", d), "FUTURE_REF");
}

#[test]
fn anchored_to_the_last_day_named() {
    let got = tag(
        "On Thursday the talks collapsed. The previous day, both sides had walked out.",
        "2024-06-16",
    );
    assert_eq!(got[1].0, "The previous day");
    assert_eq!(got[1].2, "2024-06-12");
}

#[test]
fn numbers_that_are_not_years() {
    let d = "2024-06-12";
    assert!(tag("About 2000 people marched, and $1999 was raised.", d).is_empty());
    assert!(tag("The 40-year-old driver was unhurt.", d).is_empty());
    assert!(tag("Turnout was 1,985 votes.", d).is_empty());
}

#[test]
fn without_a_publication_date() {
    let found = tag_text("The vote was held on Tuesday, not in 1998.", None);
    let values: Vec<_> = found.iter().map(|t| t.value.clone()).collect();
    assert_eq!(
        values,
        [Some("XXXX-WXX-2".to_string()), Some("1998".to_string())]
    );
}

#[test]
fn datelines_give_the_publication_date() {
    let d = find_published("BRUSSELS, March 4, 2022 (Wire) - Ministers met.").unwrap();
    assert_eq!(d.to_string(), "2022-03-04");
    assert_eq!(find_published("Ministers met on March 4."), None);
}

#[test]
fn never_panics_on_odd_input() {
    for text in [
        "",
        "2019-13-45 99:99 31/31/2020 Feb. 30, 2019",
        "the the the",
        "Ω≈ç√ 12:",
        "last",
        "early",
        "'",
        "the end of",
        "every",
        "1/2 5 1/",
    ] {
        let _ = tag_text(text, Some(parse_date("2024-02-29").unwrap()));
        let _ = tag_text(text, None);
        let _ = find_published(text);
    }
}
