//! The times annotator: fills `times` with TIMEX3 expressions from `byline_timex`, resolved
//! against the publication date (given, or read from a dateline at the top of the text).

use byline_model::{Time, TimeType};
use byline_timex::{Request, TimexType};

use crate::context::Context;
use crate::{Config, Result};

/// What the times annotator loads once and shares across documents (nothing: its tables are
/// compiled in).
#[derive(Debug)]
pub(crate) struct Times {}

impl Times {
    /// Loads what the annotator needs.
    pub(crate) fn load(_config: &Config) -> Result<Times> {
        Ok(Times {})
    }

    /// Fills the times layer of the document, and its publication date when the caller gave none
    /// and the text carries a dateline.
    pub(crate) fn annotate(&self, cx: &mut Context) {
        let mut published = cx
            .doc
            .published
            .as_deref()
            .and_then(|p| byline_timex::parse_date(p).ok());
        if published.is_none() {
            published = byline_timex::find_published(&cx.doc.text);
            if let Some(d) = published {
                cx.doc.published = Some(d.to_string());
            }
        }
        let tags = pos_tags(cx);
        let found = byline_timex::tag(&Request {
            text: &cx.doc.text,
            tokens: &cx.layout.tokens,
            sentences: &cx.layout.sentences,
            published,
            tags: tags.as_deref(),
        });
        let times: Vec<Time> = found
            .into_iter()
            .enumerate()
            .map(|(i, t)| {
                let m = cx.mention(t.start, t.end);
                Time {
                    id: format!("t{}", i + 1),
                    span: m.span,
                    text: m.text,
                    kind: match t.kind {
                        TimexType::Date => TimeType::Date,
                        TimexType::Time => TimeType::Time,
                        TimexType::Duration => TimeType::Duration,
                        TimexType::Set => TimeType::Set,
                    },
                    value: t.value,
                }
            })
            .collect();
        cx.doc.times = times;
    }
}

/// Penn Treebank tags, one per token, when the tagger analysed every sentence.
fn pos_tags(cx: &Context) -> Option<Vec<&'static str>> {
    if cx.syntax.len() != cx.layout.sentences.len() || cx.syntax.is_empty() {
        return None;
    }
    let mut tags = vec![""; cx.layout.tokens.len()];
    for (s, a) in cx.layout.sentences.iter().zip(&cx.syntax) {
        if a.words.len() != s.tokens.len() {
            return None;
        }
        for (k, w) in s.tokens.clone().zip(&a.words) {
            *tags.get_mut(k)? = w.xpos;
        }
    }
    Some(tags)
}

#[cfg(test)]
mod tests {
    use crate::{Input, Pipeline};

    #[test]
    fn fills_times_with_spans_and_values() {
        let p = Pipeline::new().unwrap();
        let mut input = Input::new("The envoys met in May. They will meet again on Tuesday.");
        input.published = Some("2025-09-18".into());
        let doc = p.extract(&input).unwrap();
        let got: Vec<(&str, &str, Option<&str>)> = doc
            .times
            .iter()
            .map(|t| (t.id.as_str(), t.text.as_str(), t.value.as_deref()))
            .collect();
        assert_eq!(
            got,
            [
                ("t1", "May", Some("2025-05")),
                ("t2", "Tuesday", Some("2025-09-23"))
            ]
        );
        for t in &doc.times {
            assert_eq!(doc.slice(t.span), Some(t.text.as_str()));
        }
    }

    #[test]
    fn reads_the_dateline_when_no_date_is_given() {
        let p = Pipeline::new().unwrap();
        let doc = p
            .extract(&Input::new(
                "Monday, March 2, 2020\n\nThe council voted on Friday.",
            ))
            .unwrap();
        assert_eq!(doc.published.as_deref(), Some("2020-03-02"));
        let friday = doc.times.iter().find(|t| t.text == "Friday").unwrap();
        assert_eq!(friday.value.as_deref(), Some("2020-02-28"));
    }
}
