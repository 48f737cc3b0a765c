//! Actors across reports: the list with the network of events between them, and one actor's
//! page (its network, partners, events, claim clusters and timeline).

use std::collections::{BTreeMap, BTreeSet, HashMap};

use axum::extract::{Path, Query, State};
use maud::{html, Markup};
use serde::Deserialize;

use super::page::{page as shell, Nav};
use super::svg::{self, Edge, Node};
use super::{
    doc_href, encode, error_response, factuality_badge, ok, pager, param, role_badge, PageResult,
};
use crate::data::{self, ActorFilter, Page};
use crate::links::Links;
use crate::AppState;

/// Query parameters of the actor list.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    q: Option<String>,
    kind: Option<String>,
    offset: Option<String>,
}

/// The network of events between actors, from the claim clusters of the link index: an arrow
/// from actor to target for each proposition with an event type (one cluster counts once however
/// many reports carry it), and a dashed line between actors only named together. With `focus`,
/// only what involves that actor; at most `max_nodes` actors, most involved first.
pub(crate) fn event_graph(
    links: &Links,
    focus: Option<u32>,
    max_nodes: usize,
) -> (Vec<Node>, Vec<Edge>) {
    let index = links.index();
    let mut directed: BTreeMap<(u32, u32), BTreeMap<String, u32>> = BTreeMap::new();
    let mut together: BTreeMap<(u32, u32), u32> = BTreeMap::new();
    for c in index.clusters() {
        if let Some(f) = focus {
            if !c.actors.contains(&f) && c.actor != Some(f) && c.target != Some(f) {
                continue;
            }
        }
        if let (Some(a), Some(t), Some(kind)) = (c.actor, c.target, c.event_type) {
            if a != t && focus.is_none_or(|f| f == a || f == t) {
                *directed
                    .entry((a, t))
                    .or_default()
                    .entry(data::label(&kind))
                    .or_default() += 1;
            }
        }
        let mut ids = c.actors.clone();
        ids.extend(c.actor);
        ids.extend(c.target);
        ids.sort_unstable();
        ids.dedup();
        for (i, &x) in ids.iter().enumerate() {
            for &y in &ids[i + 1..] {
                if focus.is_none_or(|f| f == x || f == y) {
                    *together.entry((x, y)).or_default() += 1;
                }
            }
        }
    }
    let mut weight: HashMap<u32, u32> = HashMap::new();
    for (&(a, t), types) in &directed {
        let n: u32 = types.values().sum();
        *weight.entry(a).or_default() += n * 2;
        *weight.entry(t).or_default() += n * 2;
    }
    for (&(x, y), &n) in &together {
        *weight.entry(x).or_default() += n;
        *weight.entry(y).or_default() += n;
    }
    if let Some(f) = focus {
        weight.entry(f).or_insert(1);
    }
    let mut ranked: Vec<(u32, u32)> = weight.into_iter().collect();
    ranked.sort_by_key(|&(id, w)| (Some(id) != focus, std::cmp::Reverse(w), id));
    ranked.truncate(max_nodes.max(1));
    let at: HashMap<u32, usize> = ranked
        .iter()
        .enumerate()
        .map(|(i, &(id, _))| (id, i))
        .collect();
    let nodes = ranked
        .iter()
        .map(|&(id, w)| Node {
            label: index
                .actors()
                .get(id)
                .map(|a| a.name.clone())
                .unwrap_or_else(|| format!("actor {id}")),
            href: format!("/ui/actor/{id}"),
            weight: w,
            focus: Some(id) == focus,
        })
        .collect();
    let mut edges = Vec::new();
    let mut has_event: BTreeSet<(u32, u32)> = BTreeSet::new();
    for (&(a, t), types) in &directed {
        let (Some(&from), Some(&to)) = (at.get(&a), at.get(&t)) else {
            continue;
        };
        has_event.insert((a.min(t), a.max(t)));
        edges.push(Edge {
            from,
            to,
            count: types.values().sum(),
            label: types
                .iter()
                .map(|(k, n)| {
                    if *n > 1 {
                        format!("{k} ×{n}")
                    } else {
                        k.clone()
                    }
                })
                .collect::<Vec<_>>()
                .join(", "),
            directed: true,
        });
    }
    for (&(x, y), &n) in &together {
        if has_event.contains(&(x, y)) {
            continue;
        }
        let (Some(&from), Some(&to)) = (at.get(&x), at.get(&y)) else {
            continue;
        };
        edges.push(Edge {
            from,
            to,
            count: n,
            label: format!("named together in {n} claim cluster(s)"),
            directed: false,
        });
    }
    (nodes, edges)
}

fn network_section(nodes: &[Node], edges: &[Edge]) -> Markup {
    html! {
        @if nodes.is_empty() {
            p class="muted" { "No events between actors yet." }
        } @else {
            (svg::network(nodes, edges))
            p class="muted" {
                "Arrows: events from one actor to another (PLOVER type on hover; thicker = more propositions). "
                "Dashed: actors named in the same claims. Click an actor to open its page."
            }
        }
    }
}

pub(crate) async fn list(State(state): State<AppState>, Query(p): Query<Params>) -> PageResult {
    let offset = super::offset(&p.offset)?;
    let filter = ActorFilter {
        q: param(&p.q),
        kind: param(&p.kind),
    };
    let found = data::actors(&state, &filter, Page { limit: 50, offset })
        .await
        .map_err(error_response)?;
    let (nodes, edges) = state
        .read(|_, links| Ok(event_graph(links, None, 30)))
        .await
        .map_err(error_response)?;
    let params = [("q", filter.q.clone()), ("kind", filter.kind.clone())];
    ok(shell(
        "Actors",
        Nav::Actors,
        html! {
            h1 { "Actors" }
            h2 { "Network of events between actors" }
            (network_section(&nodes, &edges))
            h2 { "All actors" }
            form class="filters" method="get" action="/ui/actors" {
                label { "name, alias or code" input type="search" name="q" value=[&filter.q]; }
                label { "kind" input type="text" name="kind" value=[&filter.kind] placeholder="country, person…"; }
                button type="submit" { "Filter" }
            }
            table class="actors" {
                thead { tr {
                    th { "Actor" } th { "Kind" } th { "Code" } th { "Country" }
                    th class="num" { "Reports" } th class="num" { "Claim clusters" }
                } }
                tbody {
                    @for a in &found.items {
                        tr {
                            td { a href={ "/ui/actor/" (a.id) } { (a.name) } }
                            td { (a.kind) }
                            td { (a.code.as_deref().unwrap_or("")) }
                            td { (a.country.as_deref().unwrap_or("")) }
                            td class="num" { (a.reports) }
                            td class="num" { (a.clusters) }
                        }
                    }
                }
            }
            (pager("/ui/actors", &params, found.total, found.offset, found.limit, found.items.len()))
        },
    ))
}

pub(crate) async fn page(State(state): State<AppState>, Path(id): Path<String>) -> PageResult {
    let view = data::actor(&state, &id).await.map_err(error_response)?;
    let a = &view.actor;
    let focus = a.id;
    let (nodes, edges) = state
        .read(move |_, links| Ok(event_graph(links, Some(focus), 25)))
        .await
        .map_err(error_response)?;
    ok(shell(
        &a.name,
        Nav::Actors,
        html! {
            h1 { (a.name) }
            p class="meta" {
                span { (a.kind) }
                @if let Some(c) = &a.code { span { code { (c) } } }
                @if let Some(c) = &a.country { span { (c) } }
                span { (a.reports) " report(s)" }
                span { (a.clusters) " claim cluster(s)" }
            }
            @if !a.roles.is_empty() { p { "Roles: " (a.roles.join("; ")) } }
            @if !a.aliases.is_empty() { p class="muted" { "Also written: " (a.aliases.join(", ")) } }
            p {
                a href={ "/ui/claims?actor=" (encode(a.code.as_deref().unwrap_or(&a.name))) } { "Its claims" } " · "
                a href={ "/ui/clusters?actor=" (encode(&a.name)) } { "its claim clusters" } " · "
                a href={ "/ui/timeline?actor=" (a.id) } { "its timeline" }
            }
            h2 { "Network" }
            (network_section(&nodes, &edges))
            @if !view.partners.is_empty() {
                h2 { "Shares claims with" }
                table class="partners" {
                    thead { tr { th { "Actor" } th class="num" { "Clusters" } th class="num" { "Contested" } th { "Event types" } } }
                    tbody {
                        @for p in &view.partners {
                            tr {
                                td { a href={ "/ui/actor/" (p.actor.id) } { (p.actor.name) } }
                                td class="num" { (p.clusters) }
                                td class="num" { (p.contested) }
                                td { @for (t, n) in &p.event_types { span class="kind" { (t) " " (n) } " " } }
                            }
                        }
                    }
                }
            }
            @if !view.events.is_empty() {
                h2 { "Events" }
                table class="events" {
                    thead { tr { th { "Date" } th { "Type" } th { "Actor" } th { "Target" } th { "Trigger" } th { "Report" } } }
                    tbody {
                        @for e in &view.events {
                            tr {
                                td { (e.date.as_deref().unwrap_or("—")) }
                                td { (e.event_type.as_deref().unwrap_or("")) }
                                td { (e.actor.as_deref().unwrap_or("—")) }
                                td { (e.target.as_deref().unwrap_or("—")) }
                                td { (e.trigger.as_deref().unwrap_or("")) }
                                td { a href=(doc_href(&e.doc_id, e.claim.as_deref())) { "open" } }
                            }
                        }
                    }
                }
            }
            @if !view.timeline.is_empty() {
                h2 { "Timeline" }
                table class="timeline-items" {
                    thead { tr { th { "Date" } th { "Outlet" } th { "Claim" } th { "Role" } th { "Factuality" } th { "Cluster" } } }
                    tbody {
                        @for t in &view.timeline {
                            tr {
                                td { (t.date.as_deref().unwrap_or("—")) }
                                td { (t.outlet.as_deref().unwrap_or("—")) }
                                td { a href=(doc_href(&t.doc_id, t.claim_id.as_deref())) { (t.text) } }
                                td { (role_badge(&t.role)) }
                                td { (factuality_badge(&t.factuality)) }
                                td { a href={ "/ui/cluster/" (t.cluster) } { "#" (t.cluster) } }
                            }
                        }
                    }
                }
            }
        },
    ))
}
