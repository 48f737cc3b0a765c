//! Claim clusters: the list, and the corroboration view of one cluster (the reports carrying
//! the claim, their source chains, how many are independent, who confirms, denies or
//! contradicts it).

use std::collections::BTreeMap;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use maud::html;
use serde::Deserialize;

use super::page::{error_page, page as shell, Nav};
use super::{doc_href, error_response, factuality_badge, ok, pager, param, role_badge, PageResult};
use crate::data::{self, ClusterFilter, Page};
use crate::AppState;

/// Query parameters of the cluster list.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    actor: Option<String>,
    contested: Option<String>,
    offset: Option<String>,
}

pub(crate) async fn list(State(state): State<AppState>, Query(p): Query<Params>) -> PageResult {
    let offset = super::offset(&p.offset)?;
    let contested = param(&p.contested).is_some_and(|v| v != "0" && v != "false");
    let filter = ClusterFilter {
        actor: param(&p.actor),
        contested,
        min_chains: 0,
    };
    let found = data::clusters(&state, &filter, Page { limit: 25, offset })
        .await
        .map_err(error_response)?;
    let params = [
        ("actor", filter.actor.clone()),
        ("contested", contested.then(|| "1".to_string())),
    ];
    ok(shell(
        "Claim clusters",
        Nav::Clusters,
        html! {
            h1 { "Claim clusters" }
            p class="muted" { "Claims of different reports that state the same proposition, most independent source chains first." }
            form class="filters" method="get" action="/ui/clusters" {
                label { "actor" input type="text" name="actor" value=[&filter.actor]; }
                label { "only contested" input type="checkbox" name="contested" value="1" checked[contested]; }
                button type="submit" { "Filter" }
            }
            table class="clusters" {
                thead { tr {
                    th { "#" } th { "First seen" } th { "Claim" } th { "Type" } th class="num" { "Reports" }
                    th class="num" { "Independent chains" } th class="num" { "Confirm." } th class="num" { "Denials" } th class="num" { "Contradictions" }
                } }
                tbody {
                    @for c in &found.items {
                        tr {
                            td { a href={ "/ui/cluster/" (c.id) } { (c.id) } }
                            td { (c.first_seen.as_deref().unwrap_or("—")) }
                            td { a href={ "/ui/cluster/" (c.id) } { (c.text) } }
                            td { @if let Some(t) = c.event_type { (data::label(&t)) } }
                            td class="num" { (c.reports) }
                            td class="num" { (c.independent_chains) }
                            td class="num" { (c.confirmations) }
                            td class="num" { (c.denials) }
                            td class="num" { (c.contradictions) }
                        }
                    }
                }
            }
            (pager("/ui/clusters", &params, found.total, found.offset, found.limit, found.items.len()))
        },
    ))
}

pub(crate) async fn page(State(state): State<AppState>, Path(id): Path<String>) -> PageResult {
    let Ok(n) = id.parse::<u32>() else {
        return Err(error_page(
            StatusCode::NOT_FOUND,
            &format!("there is no claim cluster {id:?}"),
        ));
    };
    let c = data::cluster(&state, n).await.map_err(error_response)?;
    let s = &c.summary;
    // Which members stand behind each chain.
    let mut chains: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, m) in c.members.iter().enumerate() {
        for ch in &m.chains {
            chains.entry(ch.as_str()).or_default().push(i);
        }
    }
    let outlets: std::collections::BTreeSet<&str> = c
        .members
        .iter()
        .filter_map(|m| m.outlet.as_deref())
        .collect();
    ok(shell(
        &format!("Cluster {n}"),
        Nav::Clusters,
        html! {
            h1 { "Claim cluster #" (n) }
            blockquote class="claim-text" { (s.text) }
            p class="meta" {
                @if let Some(t) = s.event_type { span { (data::label(&t)) } }
                @if let Some(d) = &s.first_seen { span { "first seen " (d) } }
                @if c.contested { span { b { "contested" } } }
            }
            div class="figures" {
                div class="figure" { b { (s.reports) } "reports" }
                div class="figure" { b { (outlets.len()) } "outlets" }
                div class="figure" id="independent-chains" { b { (s.independent_chains) } "independent chains" }
                div class="figure" { b { (s.confirmations) } "confirmations" }
                div class="figure" { b { (s.denials) } "denials" }
                div class="figure" { b { (s.contradictions) } "contradictions" }
            }
            p class="muted" {
                "Two outlets relaying the same wire story are one source chain, not two: a claim counts as "
                "corroborated only by chains that start at different sources."
            }
            @if !c.actors.is_empty() {
                p { "Actors: "
                    @for (i, a) in c.actors.iter().enumerate() {
                        @if i > 0 { ", " }
                        a href={ "/ui/actor/" (a.id) } { (a.name) }
                        @if let Some(code) = &a.code { " " span class="kind" { (code) } }
                    }
                }
            }
            h2 { "Reports carrying it" }
            table class="members" {
                thead { tr {
                    th { "Published" } th { "Outlet" } th { "Chain starts at" } th { "Claim" } th { "Role" }
                    th { "Factuality" } th { "Sources" } th { "Chains" }
                } }
                tbody {
                    @for m in &c.members {
                        tr {
                            td { (m.published.as_deref().unwrap_or("—")) }
                            td { (m.outlet.as_deref().unwrap_or("—")) }
                            td { (m.origin.as_deref().unwrap_or("—")) }
                            td { a href=(doc_href(&m.doc_id, Some(&m.claim_id))) { (m.text) } }
                            td { (role_badge(&m.role)) }
                            td { (factuality_badge(&m.factuality)) }
                            td { (m.sources.join("; ")) }
                            td { @for ch in &m.chains { div class="chain" { (ch) } } }
                        }
                    }
                }
            }
            h2 { "Source chains" }
            ul class="plain chains" {
                @for (ch, members) in &chains {
                    li {
                        span class="chain" { (ch) } ": "
                        @for (k, &i) in members.iter().enumerate() {
                            @if k > 0 { ", " }
                            (c.members[i].outlet.as_deref().unwrap_or("?")) " (" (c.members[i].role) ")"
                        }
                    }
                }
            }
        },
    ))
}
