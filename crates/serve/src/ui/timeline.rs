//! The timeline: claims per day stacked by factuality, and one lane per actor with a dot for
//! every claim about it (green when it states the proposition, red when it denies or contradicts
//! it), all from the claim clusters of the link index.

use std::collections::{BTreeMap, HashMap};

use axum::extract::{Query, State};
use byline_model::Factuality;
use maud::html;
use serde::Deserialize;

use super::highlight::{factuality_class, factuality_name};
use super::page::{page as shell, Nav};
use super::svg::{self, Lane, LanePoint, Series};
use super::{doc_href, error_response, ok, param, PageResult};
use crate::links::Links;
use crate::{AppState, Error, Result};

const FACTUALITIES: [Factuality; 7] = [
    Factuality::Asserted,
    Factuality::Reported,
    Factuality::Hedged,
    Factuality::Belief,
    Factuality::Unverified,
    Factuality::Disputed,
    Factuality::Denied,
];

/// Lanes drawn at most.
const MAX_LANES: usize = 12;

/// Query parameters of the timeline.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    actor: Option<String>,
    from: Option<String>,
    to: Option<String>,
    by: Option<String>,
}

/// Everything the chart needs, computed on a blocking thread.
struct Chart {
    first: Option<i64>,
    last: Option<i64>,
    counts: BTreeMap<i64, Vec<u32>>,
    lanes: Vec<Lane>,
    undated: u32,
    focus: Option<String>,
}

fn in_range(date: &str, from: Option<&str>, to: Option<&str>) -> bool {
    from.is_none_or(|f| date >= f) && to.is_none_or(|t| date <= t || date.starts_with(t))
}

fn chart(
    links: &Links,
    actor: Option<String>,
    from: Option<String>,
    to: Option<String>,
    by_event: bool,
) -> Result<Chart> {
    let index = links.index();
    let focus = match &actor {
        None => None,
        Some(key) => {
            let found = match key.parse::<u32>() {
                Ok(n) if index.actors().get(n).is_some() => vec![n],
                _ => index.actors().find(key),
            };
            match found.first() {
                Some(&id) => Some(id),
                None => return Err(Error::NotFound(format!("actor {key:?}"))),
            }
        }
    };
    let date_of = |m: &byline_link::Member| {
        if by_event {
            m.event_date.clone().or_else(|| m.published.clone())
        } else {
            m.published.clone()
        }
    };
    let mut counts: BTreeMap<i64, Vec<u32>> = BTreeMap::new();
    let mut undated = 0;
    let mut per_actor: HashMap<u32, Vec<LanePoint>> = HashMap::new();
    for c in index.clusters() {
        if focus.is_some_and(|f| !c.actors.contains(&f)) {
            continue;
        }
        for m in &c.members {
            let date = date_of(m);
            let Some(day) = date.as_deref().and_then(svg::day_number) else {
                undated += 1;
                continue;
            };
            let d = date.as_deref().unwrap_or_default();
            if !in_range(d, from.as_deref(), to.as_deref()) {
                continue;
            }
            let slot = FACTUALITIES
                .iter()
                .position(|f| *f == m.factuality)
                .unwrap_or(0);
            counts
                .entry(day)
                .or_insert_with(|| vec![0; FACTUALITIES.len()])[slot] += 1;
            let doc = links.doc_of(m.report).unwrap_or_default();
            let outlet = index
                .reports()
                .get(m.report as usize)
                .and_then(|r| r.outlet.clone())
                .unwrap_or_else(|| "unknown outlet".into());
            for &a in &c.actors {
                per_actor.entry(a).or_default().push(LanePoint {
                    day,
                    label: format!("{outlet} ({}): {}", data_label(&m.role), m.text),
                    href: doc_href(doc, Some(&m.claim)),
                    class: if m.role.is_positive() {
                        "positive".into()
                    } else {
                        "negative".into()
                    },
                });
            }
        }
    }
    let mut ranked: Vec<(u32, usize)> = per_actor.iter().map(|(&a, v)| (a, v.len())).collect();
    ranked.sort_by_key(|&(a, n)| (Some(a) != focus, std::cmp::Reverse(n), a));
    ranked.truncate(MAX_LANES);
    let lanes = ranked
        .iter()
        .map(|&(a, _)| Lane {
            label: index
                .actors()
                .get(a)
                .map(|x| x.name.clone())
                .unwrap_or_else(|| format!("actor {a}")),
            href: format!("/ui/actor/{a}"),
            points: per_actor.remove(&a).unwrap_or_default(),
        })
        .collect();
    Ok(Chart {
        first: counts.keys().next().copied(),
        last: counts.keys().next_back().copied(),
        counts,
        lanes,
        undated,
        focus: focus.and_then(|f| index.actors().get(f).map(|a| a.name.clone())),
    })
}

fn data_label<T: serde::Serialize>(v: &T) -> String {
    crate::data::label(v)
}

pub(crate) async fn page(State(state): State<AppState>, Query(p): Query<Params>) -> PageResult {
    let (actor, from, to) = (param(&p.actor), param(&p.from), param(&p.to));
    let by_event = param(&p.by).as_deref() == Some("event");
    let c = {
        let (actor, from, to) = (actor.clone(), from.clone(), to.clone());
        state
            .read(move |_, links| chart(links, actor, from, to, by_event))
            .await
            .map_err(error_response)?
    };
    let series: Vec<Series> = FACTUALITIES
        .iter()
        .map(|f| Series {
            name: factuality_name(*f).to_string(),
            class: factuality_class(*f).to_string(),
        })
        .collect();
    let total: u32 = c.counts.values().flatten().sum();
    ok(shell(
        "Timeline",
        Nav::Timeline,
        html! {
            h1 { "Timeline" @if let Some(f) = &c.focus { " of " (f) } }
            form class="filters" method="get" action="/ui/timeline" {
                label { "actor" input type="text" name="actor" value=[&actor] placeholder="name, code or id"; }
                label { "from" input type="text" name="from" value=[&from] placeholder="YYYY-MM-DD" size="10"; }
                label { "to" input type="text" name="to" value=[&to] placeholder="YYYY-MM-DD" size="10"; }
                label { "date of"
                    select name="by" {
                        option value="published" selected[!by_event] { "the report" }
                        option value="event" selected[by_event] { "the event, when known" }
                    }
                }
                button type="submit" { "Show" }
            }
            @match (c.first, c.last) {
                (Some(first), Some(last)) => {
                    p class="muted" {
                        (total) " claim(s) in " (c.counts.len()) " day(s), " (svg::day_label(first)) " to " (svg::day_label(last))
                        @if c.undated > 0 { "; " (c.undated) " without a full date are left out" }
                        "."
                    }
                    (svg::legend(&series))
                    div class="chart-wrap" { (svg::timeline(first, last, &series, &c.counts, &c.lanes)) }
                    p class="muted" { "Lanes: one per actor; a dot per claim about it (green: states it, red: denies or contradicts it). Click a dot to read the report." }
                }
                _ => { p class="muted" { "No dated claims to draw." } }
            }
        },
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_ranges_take_whole_prefixes() {
        assert!(in_range("2025-03-04", Some("2025-03"), Some("2025-03")));
        assert!(!in_range("2025-02-28", Some("2025-03"), None));
        assert!(in_range("2025-03-31", None, Some("2025-03")));
        assert!(!in_range("2025-04-01", None, Some("2025-03-31")));
    }
}
