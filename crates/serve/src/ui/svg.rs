//! Charts drawn on the server as SVG: the network of events between actors (a small, deterministic
//! force layout) and the timeline (claims per day, stacked by factuality, and one lane per actor).
//!
//! Every label comes from documents, so it goes through maud's escaping like any other text.

use maud::{html, Markup, PreEscaped};

/// A node of the actor network.
#[derive(Clone, Debug)]
pub(crate) struct Node {
    /// Shown next to the dot.
    pub label: String,
    /// Where a click on it goes.
    pub href: String,
    /// Drawn larger when higher (events involving it).
    pub weight: u32,
    /// Drawn highlighted (the actor of the page).
    pub focus: bool,
}

/// A directed edge: `count` events from `from` to `to` (indices into the nodes).
#[derive(Clone, Debug)]
pub(crate) struct Edge {
    pub from: usize,
    pub to: usize,
    pub count: u32,
    /// Tooltip ("AID ×2, CONSULT").
    pub label: String,
    /// An event from one actor to the other (an arrow), or only named together (dashed).
    pub directed: bool,
}

/// Positions in a `w`×`h` box: nodes start on a circle and are moved by Fruchterman–Reingold
/// forces for a fixed number of rounds, so a page always draws the same picture.
pub(crate) fn layout(n: usize, edges: &[Edge], w: f64, h: f64) -> Vec<(f64, f64)> {
    let (cx, cy) = (w / 2.0, h / 2.0);
    let radius = (w.min(h) / 2.0) * 0.75;
    let mut pos: Vec<(f64, f64)> = (0..n)
        .map(|i| {
            let a = std::f64::consts::TAU * i as f64 / n.max(1) as f64;
            (cx + radius * a.cos(), cy + radius * a.sin())
        })
        .collect();
    if n < 3 {
        return pos;
    }
    let k = ((w * h) / n as f64).sqrt() * 0.6;
    let mut temperature = w / 10.0;
    for _ in 0..200 {
        let mut disp = vec![(0.0f64, 0.0f64); n];
        for i in 0..n {
            for j in (i + 1)..n {
                let (dx, dy) = (pos[i].0 - pos[j].0, pos[i].1 - pos[j].1);
                let d = (dx * dx + dy * dy).sqrt().max(0.01);
                let f = k * k / d;
                disp[i].0 += dx / d * f;
                disp[i].1 += dy / d * f;
                disp[j].0 -= dx / d * f;
                disp[j].1 -= dy / d * f;
            }
        }
        for e in edges {
            if e.from >= n || e.to >= n || e.from == e.to {
                continue;
            }
            let (dx, dy) = (pos[e.from].0 - pos[e.to].0, pos[e.from].1 - pos[e.to].1);
            let d = (dx * dx + dy * dy).sqrt().max(0.01);
            let f = d * d / k;
            disp[e.from].0 -= dx / d * f;
            disp[e.from].1 -= dy / d * f;
            disp[e.to].0 += dx / d * f;
            disp[e.to].1 += dy / d * f;
        }
        for i in 0..n {
            // A weak pull to the centre keeps unconnected nodes in the picture.
            disp[i].0 += (cx - pos[i].0) * 0.05;
            disp[i].1 += (cy - pos[i].1) * 0.05;
            let d = (disp[i].0 * disp[i].0 + disp[i].1 * disp[i].1)
                .sqrt()
                .max(0.01);
            let step = d.min(temperature);
            pos[i].0 = (pos[i].0 + disp[i].0 / d * step).clamp(60.0, w - 60.0);
            pos[i].1 = (pos[i].1 + disp[i].1 / d * step).clamp(30.0, h - 30.0);
        }
        temperature = (temperature * 0.97).max(1.0);
    }
    pos
}

/// The network as an `<svg>`.
pub(crate) fn network(nodes: &[Node], edges: &[Edge]) -> Markup {
    let (w, h) = (760.0, 480.0);
    let pos = layout(nodes.len(), edges, w, h);
    let max_count = edges.iter().map(|e| e.count).max().unwrap_or(1).max(1);
    html! {
        svg class="network" viewBox={ "0 0 " (w) " " (h) } role="img"
            aria-label="Network of events between actors" xmlns="http://www.w3.org/2000/svg" {
            defs {
                marker id="arrow" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7"
                    markerHeight="7" orient="auto-start-reverse" {
                    path d="M 0 0 L 10 5 L 0 10 z" class="arrowhead" {}
                }
            }
            @for e in edges {
                @if e.from < nodes.len() && e.to < nodes.len() && e.from != e.to {
                    @let (x1, y1) = pos[e.from];
                    @let (x2, y2) = pos[e.to];
                    @let (x2, y2) = shorten((x1, y1), (x2, y2), node_radius(nodes[e.to].weight) + 3.0);
                    @let width = 1.0 + 4.0 * f64::from(e.count) / f64::from(max_count);
                    @if e.directed {
                        g class="edge event" {
                            title { (nodes[e.from].label) " → " (nodes[e.to].label) ": " (e.label) }
                            line x1=(fmt(x1)) y1=(fmt(y1)) x2=(fmt(x2)) y2=(fmt(y2))
                                stroke-width=(fmt(width)) marker-end="url(#arrow)" {}
                        }
                    } @else {
                        g class="edge co" {
                            title { (nodes[e.from].label) " — " (nodes[e.to].label) ": " (e.label) }
                            line x1=(fmt(x1)) y1=(fmt(y1)) x2=(fmt(x2)) y2=(fmt(y2)) stroke-width="1" {}
                        }
                    }
                }
            }
            @for (i, node) in nodes.iter().enumerate() {
                @let (x, y) = pos[i];
                a href=(node.href) class=(if node.focus { "node focus" } else { "node" }) {
                    title { (node.label) " (" (node.weight) ")" }
                    circle cx=(fmt(x)) cy=(fmt(y)) r=(fmt(node_radius(node.weight))) {}
                    text x=(fmt(x)) y=(fmt(y - node_radius(node.weight) - 4.0)) text-anchor="middle" {
                        (node.label)
                    }
                }
            }
        }
    }
}

fn node_radius(weight: u32) -> f64 {
    6.0 + (f64::from(weight)).sqrt() * 2.5
}

/// Moves `to` back towards `from` by `by`, so an arrow ends at the rim of the target dot.
fn shorten(from: (f64, f64), to: (f64, f64), by: f64) -> (f64, f64) {
    let (dx, dy) = (to.0 - from.0, to.1 - from.1);
    let d = (dx * dx + dy * dy).sqrt();
    if d <= by {
        return to;
    }
    (to.0 - dx / d * by, to.1 - dy / d * by)
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

/// Days since 1970-01-01 of an ISO date `YYYY-MM-DD` (the proleptic Gregorian calendar); `None`
/// for anything else (`2025-09`, `PAST_REF`).
pub(crate) fn day_number(date: &str) -> Option<i64> {
    let b = date.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i64 = date.get(0..4)?.parse().ok()?;
    let m: i64 = date.get(5..7)?.parse().ok()?;
    let d: i64 = date.get(8..10)?.parse().ok()?;
    if !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The ISO date of a day number (inverse of [`day_number`]).
pub(crate) fn day_label(z: i64) -> String {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

/// One stacked bar series of the timeline (a factuality): its CSS class and counts per day.
#[derive(Clone, Debug)]
pub(crate) struct Series {
    pub name: String,
    pub class: String,
}

/// A point on a lane: something that happened to or was said about the lane's actor.
#[derive(Clone, Debug)]
pub(crate) struct LanePoint {
    pub day: i64,
    pub label: String,
    pub href: String,
    pub class: String,
}

/// One lane of the timeline: an actor and its points.
#[derive(Clone, Debug)]
pub(crate) struct Lane {
    pub label: String,
    pub href: String,
    pub points: Vec<LanePoint>,
}

/// The timeline: stacked bars of `counts[day][series]` over the days from `first` to `last`,
/// then one lane per actor below them.
pub(crate) fn timeline(
    first: i64,
    last: i64,
    series: &[Series],
    counts: &std::collections::BTreeMap<i64, Vec<u32>>,
    lanes: &[Lane],
) -> Markup {
    let days = (last - first + 1).clamp(1, 3660);
    let last = first + days - 1;
    let left = 150.0;
    // A fixed drawing width, scaled to the page by CSS; bars no wider than 48.
    let plot_w = 1000.0;
    let w = left + plot_w + 20.0;
    let bar_h = 160.0;
    let top = 20.0;
    let lane_h = 26.0;
    let lanes_top = top + bar_h + 50.0;
    let h = lanes_top + lane_h * lanes.len() as f64 + 10.0;
    let slot = plot_w / days as f64;
    let bar_w = (slot - 4.0).clamp(1.0, 48.0);
    let x_of = |day: i64| left + (day - first) as f64 * slot;
    let max_total = counts
        .values()
        .map(|v| v.iter().sum::<u32>())
        .max()
        .unwrap_or(1)
        .max(1);
    let tick_every = (days / 12).max(1);
    // (x, y, height, class, tooltip) of every bar piece, stacked bottom-up in series order.
    let mut rects: Vec<(f64, f64, f64, &str, String)> = Vec::new();
    for (day, per_series) in counts.range(first..=last) {
        let mut y = top + bar_h;
        for (s, n) in series.iter().zip(per_series) {
            if *n == 0 {
                continue;
            }
            let hgt = bar_h * f64::from(*n) / f64::from(max_total);
            y -= hgt;
            rects.push((
                x_of(*day) + 2.0,
                y,
                hgt,
                s.class.as_str(),
                format!("{}: {} {}", day_label(*day), n, s.name),
            ));
        }
    }
    html! {
        svg class="timeline" viewBox={ "0 0 " (fmt(w)) " " (fmt(h)) }
            role="img" aria-label="Claims per day and events per actor" xmlns="http://www.w3.org/2000/svg" {
            text x="4" y=(fmt(top + 12.0)) class="axis-title" { "claims / day" }
            text x="4" y=(fmt(top + 28.0)) class="axis-note" { "max " (max_total) }
            line x1=(fmt(left)) y1=(fmt(top + bar_h)) x2=(fmt(left + plot_w)) y2=(fmt(top + bar_h)) class="axis" {}
            @for r in &rects {
                rect x=(fmt(r.0 + (slot - 4.0 - bar_w).max(0.0) / 2.0)) y=(fmt(r.1)) width=(fmt(bar_w))
                    height=(fmt(r.2)) class={ "bar " (r.3) } {
                    title { (r.4) }
                }
            }
            @for d in (first..=last).step_by(tick_every as usize) {
                text x=(fmt(x_of(d) + slot / 2.0)) y=(fmt(top + bar_h + 14.0)) class="tick"
                    text-anchor="middle" { (day_label(d).get(5..).unwrap_or_default()) }
            }
            @for (i, lane) in lanes.iter().enumerate() {
                @let y = lanes_top + lane_h * i as f64 + lane_h / 2.0;
                a href=(lane.href) {
                    text x="4" y=(fmt(y + 4.0)) class="lane-label" { (truncate(&lane.label, 20)) }
                }
                line x1=(fmt(left)) y1=(fmt(y)) x2=(fmt(left + plot_w)) y2=(fmt(y)) class="lane" {}
                @for p in &lane.points {
                    @if p.day >= first && p.day <= last {
                        a href=(p.href) {
                            circle cx=(fmt(x_of(p.day) + slot / 2.0)) cy=(fmt(y)) r="6" class={ "point " (p.class) } {
                                title { (day_label(p.day)) ": " (p.label) }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n - 1).collect();
        t.push('…');
        t
    }
}

/// A legend row for the series (HTML, not SVG).
pub(crate) fn legend(series: &[Series]) -> Markup {
    html! {
        ul class="legend" {
            @for s in series {
                li { span class={ "swatch " (s.class) } { (PreEscaped("&nbsp;")) } " " (s.name) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(day_number("1970-01-01"), Some(0));
        assert_eq!(day_number("2000-03-01"), Some(11_017));
        for d in [-1000, 0, 59, 60, 11_016, 20_000, 20_347] {
            assert_eq!(day_number(&day_label(d)), Some(d));
        }
        assert_eq!(
            day_label(day_number("2024-02-29").unwrap() + 1),
            "2024-03-01"
        );
        assert_eq!(day_number("2025-09"), None);
        assert_eq!(day_number("2025-13-01"), None);
        assert_eq!(day_number("PAST_REF"), None);
    }

    #[test]
    fn layout_is_deterministic_and_inside_the_box() {
        let edges = vec![
            Edge {
                from: 0,
                to: 1,
                count: 3,
                label: "AID".into(),
                directed: true,
            },
            Edge {
                from: 1,
                to: 2,
                count: 1,
                label: "CONSULT".into(),
                directed: false,
            },
        ];
        let a = layout(5, &edges, 760.0, 480.0);
        let b = layout(5, &edges, 760.0, 480.0);
        assert_eq!(a, b);
        for (x, y) in &a {
            assert!((0.0..=760.0).contains(x) && (0.0..=480.0).contains(y));
        }
        // Connected nodes end closer than the farthest unconnected pair.
        let d = |i: usize, j: usize| ((a[i].0 - a[j].0).powi(2) + (a[i].1 - a[j].1).powi(2)).sqrt();
        assert!(d(0, 1) < d(0, 4).max(d(3, 4)).max(d(0, 3)));
    }

    #[test]
    fn labels_are_escaped_in_svg() {
        let nodes = vec![
            Node {
                label: "<script>x</script>".into(),
                href: "/a".into(),
                weight: 1,
                focus: true,
            },
            Node {
                label: "B & C".into(),
                href: "/b".into(),
                weight: 2,
                focus: false,
            },
        ];
        let edges = vec![Edge {
            from: 0,
            to: 1,
            count: 1,
            label: "AID".into(),
            directed: true,
        }];
        let svg = network(&nodes, &edges).into_string();
        assert!(!svg.contains("<script>"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("B &amp; C"));
    }

    #[test]
    fn timeline_draws_a_bar_per_day_with_counts() {
        let series = vec![
            Series {
                name: "reported".into(),
                class: "f-reported".into(),
            },
            Series {
                name: "denied".into(),
                class: "f-denied".into(),
            },
        ];
        let first = day_number("2025-03-01").unwrap();
        let mut counts = std::collections::BTreeMap::new();
        counts.insert(first, vec![2, 1]);
        counts.insert(first + 2, vec![1, 0]);
        let svg = timeline(first, first + 2, &series, &counts, &[]).into_string();
        assert_eq!(svg.matches("<rect").count(), 3, "{svg}");
        assert!(svg.contains("2025-03-03: 1 reported"));
    }
}
