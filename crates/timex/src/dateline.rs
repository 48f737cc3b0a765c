//! The publication date written at the top of a report: a dateline ("Tuesday, October 15, 2019",
//! "Oct. 15, 2019 (Reuters) -", "Published 2019-10-15").

use crate::{tag_text, Date, TimexType};

/// How many non-empty lines at the top of a text may hold the dateline.
const TOP_LINES: usize = 2;
/// How long a line at the top may be to count.
const TOP_LINE_BYTES: usize = 400;

/// The publication date written at the top of `text`: the first complete calendar date
/// (day, month and year) in its first two non-empty lines.
///
/// ```
/// let text = "Sunday, September 29, 2019\n\nOn Thursday, the envoy spoke.";
/// let date = byline_timex::find_published(text).unwrap();
/// assert_eq!(date.to_string(), "2019-09-29");
/// assert_eq!(byline_timex::find_published("The envoy spoke on Thursday."), None);
/// ```
pub fn find_published(text: &str) -> Option<Date> {
    for line in text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(TOP_LINES)
    {
        let mut cut = line.len().min(TOP_LINE_BYTES);
        while !line.is_char_boundary(cut) {
            cut -= 1;
        }
        let line = &line[..cut];
        for t in tag_text(line, None) {
            if t.kind != TimexType::Date {
                continue;
            }
            if let Some(v) = t.value.as_deref() {
                if v.len() == 10 && v.as_bytes()[0].is_ascii_digit() {
                    if let Ok(d) = v.parse::<Date>() {
                        return Some(d);
                    }
                }
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let d = |s: &str| find_published(s).map(|d| d.to_string());
        assert_eq!(
            d("LONDON, Oct. 15, 2019 (Reuters) - Shares fell."),
            Some("2019-10-15".into())
        );
        assert_eq!(d("Published 2021-03-04\nText."), Some("2021-03-04".into()));
        assert_eq!(
            d("Title\n\nTuesday, 3 March 2020\n"),
            Some("2020-03-03".into())
        );
        assert_eq!(d("One.\nTwo.\nOn 3 March 2020 it rained."), None);
    }
}
