//! The claims table: filters by actor, factuality, source kind, date range and words; paging.

use axum::extract::{Query, State};
use maud::html;
use serde::Deserialize;

use super::page::{page as shell, Nav};
use super::{doc_href, error_response, factuality_badge, ok, pager, param, PageResult};
use crate::data::{self, ClaimFilter, Page};
use crate::AppState;

/// Source kinds a claim filter accepts.
const SOURCE_KINDS: &[&str] = &[
    "anonymous",
    "document",
    "named_organization",
    "named_person",
    "outlet",
];

/// Query parameters of the claims table.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    actor: Option<String>,
    factuality: Option<String>,
    source_kind: Option<String>,
    from: Option<String>,
    to: Option<String>,
    q: Option<String>,
    offset: Option<String>,
}

pub(crate) async fn page(State(state): State<AppState>, Query(p): Query<Params>) -> PageResult {
    let offset = super::offset(&p.offset)?;
    let filter = ClaimFilter {
        actor: param(&p.actor),
        factuality: param(&p.factuality),
        source_kind: param(&p.source_kind),
        from: param(&p.from),
        to: param(&p.to),
        q: param(&p.q),
    };
    let found = data::claims(&state, &filter, Page { limit: 25, offset })
        .await
        .map_err(error_response)?;
    let params = [
        ("actor", filter.actor.clone()),
        ("factuality", filter.factuality.clone()),
        ("source_kind", filter.source_kind.clone()),
        ("from", filter.from.clone()),
        ("to", filter.to.clone()),
        ("q", filter.q.clone()),
    ];
    let factualities = data::factualities();
    ok(shell(
        "Claims",
        Nav::Claims,
        html! {
            h1 { "Claims" }
            form class="filters" method="get" action="/ui/claims" {
                label { "actor (name or code)" input type="text" name="actor" value=[&filter.actor] placeholder="e.g. ISR or Israel"; }
                label { "factuality"
                    select name="factuality" {
                        option value="" { "any" }
                        @for f in &factualities {
                            option value=(f) selected[filter.factuality.as_deref() == Some(f.as_str())] { (f) }
                        }
                    }
                }
                label { "source kind"
                    select name="source_kind" {
                        option value="" { "any" }
                        @for k in SOURCE_KINDS {
                            option value=(k) selected[filter.source_kind.as_deref() == Some(*k)] { (k.replace('_', " ")) }
                        }
                    }
                }
                label { "from" input type="text" name="from" value=[&filter.from] placeholder="YYYY-MM-DD" size="10"; }
                label { "to" input type="text" name="to" value=[&filter.to] placeholder="YYYY-MM-DD" size="10"; }
                label { "words" input type="search" name="q" value=[&filter.q]; }
                button type="submit" { "Filter" }
                a href="/ui/claims" { "clear" }
            }
            table class="claims" {
                thead { tr {
                    th { "Published" } th { "Outlet" } th { "Claim" } th { "Factuality" }
                    th { "Sources" } th { "Cluster" }
                } }
                tbody {
                    @for c in &found.items {
                        tr {
                            td { (c.published.as_deref().unwrap_or("—")) }
                            td { (c.outlet.as_deref().unwrap_or("—")) }
                            td { a class="claim-link" href=(doc_href(&c.doc_id, Some(&c.claim_id))) { (c.text.as_deref().unwrap_or("(no text)")) } }
                            td { @if let Some(f) = &c.factuality { (factuality_badge(f)) } }
                            td {
                                @if c.sources.is_empty() {
                                    @for k in &c.source_kinds { span class="kind" { (k.replace('_', " ")) } " " }
                                } @else { (c.sources.join("; ")) }
                            }
                            td { @if let Some(id) = c.cluster { a href={ "/ui/cluster/" (id) } { "#" (id) } } }
                        }
                    }
                }
            }
            (pager("/ui/claims", &params, found.total, found.offset, found.limit, found.items.len()))
        },
    ))
}
