//! The home page: what the store holds, links to every view, and the list of reports.

use axum::extract::{Query, State};
use maud::html;
use serde::Deserialize;

use super::page::{page as shell, Nav};
use super::{doc_href, error_response, ok, pager, param, PageResult};
use crate::data::{self, DocumentFilter, Page};
use crate::AppState;

/// Query parameters of the home page.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    q: Option<String>,
    outlet: Option<String>,
    offset: Option<String>,
}

pub(crate) async fn page(State(state): State<AppState>, Query(p): Query<Params>) -> PageResult {
    let offset = super::offset(&p.offset)?;
    let stats = data::stats(&state).await.map_err(error_response)?;
    let filter = DocumentFilter {
        outlet: param(&p.outlet),
        q: param(&p.q),
        ..DocumentFilter::default()
    };
    let docs = data::documents(&state, &filter, Page { limit: 25, offset })
        .await
        .map_err(error_response)?;
    let params = [("q", param(&p.q)), ("outlet", param(&p.outlet))];
    ok(shell(
        "Reports",
        Nav::Home,
        html! {
            h1 { "Who did what to whom — and who says so" }
            p class="muted" {
                (stats.documents) " reports in the store (" (stats.backend) "). "
                "Open a report to see its sources, cues, claims, quotes and hedges; click a claim for its provenance."
            }
            div class="cards" {
                a class="card" href="/ui/claims" {
                    div class="big" { (stats.claims) } "claims, with their sources and factuality"
                }
                a class="card" href="/ui/clusters" {
                    div class="big" { (stats.clusters) }
                    "claim clusters across reports (" (stats.contested_clusters) " contested)"
                }
                a class="card" href="/ui/actors" {
                    div class="big" { (stats.actors) } "actors, and the network of events between them"
                }
                a class="card" href="/ui/timeline" {
                    div class="big" { (stats.events) } "events; the timeline of claims per day"
                }
            }
            h2 { "Reports" }
            form class="filters" method="get" action="/" {
                label { "words" input type="search" name="q" value=[param(&p.q)]; }
                label { "outlet"
                    select name="outlet" {
                        option value="" { "any" }
                        @for o in &stats.outlets {
                            option value=(o.outlet) selected[param(&p.outlet).as_deref() == Some(o.outlet.as_str())] {
                                (o.outlet) " (" (o.documents) ")"
                            }
                        }
                    }
                }
                button type="submit" { "Filter" }
            }
            table class="documents" {
                thead { tr { th { "Published" } th { "Outlet" } th { "Report" } th class="num" { "Claims" } } }
                tbody {
                    @for d in &docs.items {
                        tr {
                            td { (d.published.as_deref().unwrap_or("—")) }
                            td { (d.outlet.as_deref().unwrap_or("—")) }
                            td {
                                a class="doc-link" href=(doc_href(&d.id, None)) {
                                    (d.title.clone().unwrap_or_else(|| format!("Report {}", d.id)))
                                }
                                @if d.status != "extracted" { " " span class="kind" { (d.status) } }
                            }
                            td class="num" { (d.claims) }
                        }
                    }
                }
            }
            (pager("/", &params, docs.total, docs.offset, docs.limit, docs.items.len()))
        },
    ))
}
