//! The report reader: the text with its layers highlighted, and the panel of the claim clicked.

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use byline_model::Document;
use maud::{html, Markup};
use serde::Deserialize;

use super::page::{error_page, page as shell, Nav};
use super::{
    doc_href, encode, error_response, external_link, factuality_badge, ok, param, role_badge,
    PageResult,
};
use crate::data::{self, ClaimView};
use crate::AppState;

/// Query parameters of the reader.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Params {
    claim: Option<String>,
}

pub(crate) async fn page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    Query(p): Query<Params>,
) -> PageResult {
    let view = data::document(&state, &id).await.map_err(error_response)?;
    let doc: Document = serde_json::from_value(view.document.clone()).map_err(|e| {
        error_page(
            StatusCode::INTERNAL_SERVER_ERROR,
            &format!("stored document {id} is not byline/1: {e}"),
        )
    })?;
    let selected = param(&p.claim);
    let claim = match &selected {
        Some(c) => Some(data::claim(&state, &id, c).await.map_err(error_response)?),
        None => None,
    };
    let title = view
        .summary
        .title
        .clone()
        .unwrap_or_else(|| format!("Report {}", view.summary.id));
    let doc_id = view.summary.id.clone();
    let text = super::highlight::render(&doc, selected.as_deref(), |c| doc_href(&doc_id, Some(c)));
    let actor_name = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| doc.actors.iter().find(|a| &a.id == id))
            .map(|a| a.name.clone())
    };
    ok(shell(
        &title,
        Nav::Home,
        html! {
            h1 { (title) }
            p class="meta" {
                @if let Some(o) = &view.summary.outlet { span class="outlet" { (o) } }
                @if let Some(d) = &view.summary.published { span { (d) } }
                @if let Some(u) = &view.summary.url { span { (external_link(u)) } }
                @if !view.relayed_from.is_empty() { span { "relays " (view.relayed_from.join(", ")) } }
                @if let Some(o) = &view.origin { span { "chain starts at " code { (o) } } }
                @if let Some(d) = &view.duplicate_of {
                    span { "near-duplicate of " a href=(doc_href(d, None)) { "an earlier report" } }
                }
                @if !view.duplicates.is_empty() { span { (view.duplicates.len()) " later near-duplicate(s)" } }
            }
            div class="key" {
                span class="src" { "source" } span class="cue" { "cue" } span class="hedge" { "hedge" }
                span class="quote" { "quote" } span class="claim" { "claim (click it)" }
                span class="actor" { "actor" } span class="time" { "time" }
            }
            div class=(if claim.is_some() { "reader" } else { "reader no-panel" }) {
                div class="report-text" id="report-text" { (text) }
                @if let Some(c) = &claim { (panel(c, &doc)) }
            }
            h2 { "Claims" }
            table class="claims" {
                thead { tr { th { "Id" } th { "Claim" } th { "Factuality" } th { "Sources" } } }
                tbody {
                    @for c in &doc.claims {
                        tr {
                            td { (c.id) }
                            td { a href=(doc_href(&doc_id, Some(&c.id))) { (c.text) } }
                            td { (factuality_badge(super::highlight::factuality_name(c.factuality))) }
                            td {
                                @for (i, s) in c.sources.iter().filter_map(|s| doc.sources.iter().find(|x| &x.id == s)).enumerate() {
                                    @if i > 0 { "; " } (s.text)
                                }
                            }
                        }
                    }
                }
            }
            @if !doc.notices.is_empty() {
                h2 { "Notices" }
                ul class="plain" {
                    @for n in &doc.notices {
                        li {
                            span class="kind" { (data::label(&n.kind)) } " “" (n.cue.text) "”"
                            @if let Some(a) = actor_name(&n.actor) { " — " (a) }
                            @if !n.claims.is_empty() { " (claims " (n.claims.join(", ")) ")" }
                        }
                    }
                }
            }
        },
    ))
}

/// The side panel of one claim: its provenance and the other reports that carry it.
fn panel(c: &ClaimView, doc: &Document) -> Markup {
    let close = doc_href(&c.doc_id, None);
    let source_text = |id: &str| {
        doc.sources
            .iter()
            .find(|s| s.id == id)
            .map(|s| s.text.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let notices: Vec<&byline_model::Notice> = doc
        .notices
        .iter()
        .filter(|n| n.claims.contains(&c.claim_id))
        .collect();
    html! {
        aside class="panel" id="claim-panel" data-claim=(c.claim_id) {
            a class="close" href=(close) title="Close (Esc)" { "×" }
            h2 { "Claim " (c.claim_id) }
            blockquote class="claim-text" { (c.text) }
            dl class="facts" {
                dt { "factuality" } dd { (factuality_badge(&c.factuality)) }
                dt { "cue" } dd { @if let Some(cue) = &c.cue { "“" (cue) "”" } @else { span class="muted" { "none" } } }
                dt { "quote" } dd { (if c.quote { "direct speech" } else { "no" }) }
                @if let Some(p) = &c.parent {
                    dt { "inside" } dd { a href=(doc_href(&c.doc_id, Some(p))) { "claim " (p) } }
                }
                dt { "relayed from" }
                dd { @if c.relayed_from.is_empty() { span class="muted" { "—" } } @else { (c.relayed_from.join(", ")) } }
                @if let Some(o) = &c.origin { dt { "chain" } dd { code { (o) } } }
            }
            h3 { "Sources (" (c.sources.len()) ")" }
            @if c.sources.is_empty() {
                p class="muted" { "No source named: the outlet's own voice." }
            }
            ul class="sources" {
                @for s in &c.sources {
                    @let refers: Vec<String> = doc.sources.iter().find(|x| x.id == s.id)
                        .map(|x| x.refers_to.iter().map(|r| source_text(r)).collect()).unwrap_or_default();
                    li class="source" data-source=(s.id) {
                        b class="source-text" { (s.text) } " " span class="kind" { (s.kind.replace('_', " ")) }
                        dl class="facts" {
                            @if let Some(n) = s.count { dt { "count" } dd { (n) } }
                            @if let Some(x) = &s.seniority { dt { "seniority" } dd { (x) } }
                            @if let Some(x) = &s.role { dt { "role" } dd { (x) } }
                            @if let Some(x) = &s.affiliation { dt { "affiliation" } dd { (x) } }
                            @if let Some(x) = &s.actor { dt { "is" } dd { (x) } }
                            @if !refers.is_empty() { dt { "refers to" } dd { (refers.join("; ")) } }
                        }
                    }
                }
            }
            @if !notices.is_empty() {
                h3 { "Notices" }
                ul class="plain" {
                    @for n in &notices { li { span class="kind" { (data::label(&n.kind)) } " “" (n.cue.text) "”" } }
                }
            }
            @if !c.events.is_empty() {
                h3 { "Events" }
                ul class="plain" {
                    @for e in &c.events {
                        li {
                            b { (e.event_type.as_deref().unwrap_or("?")) } " "
                            (e.actor.as_deref().unwrap_or("?")) " → " (e.target.as_deref().unwrap_or("?"))
                            @if let Some(t) = &e.trigger { " (“" (t) "”)" }
                            @if let Some(d) = &e.date { " " span class="muted" { (d) } }
                        }
                    }
                }
            }
            h3 { "Other reports carrying it" }
            @match &c.cluster {
                None => p class="muted" { "Not linked to other reports." }
                Some(cl) => {
                    p {
                        "Cluster " a href={ "/ui/cluster/" (cl.summary.id) } { "#" (cl.summary.id) } ": "
                        (cl.summary.reports) " report(s), " (cl.summary.independent_chains) " independent chain(s)"
                        @if let Some(r) = &c.role { ", this one: " (role_badge(r)) }
                    }
                    @let others: Vec<_> = cl.members.iter().filter(|m| !(m.doc_id == c.doc_id && m.claim_id == c.claim_id)).collect();
                    @if others.is_empty() { p class="muted" { "No other report carries it yet." } }
                    ul class="sources others" {
                        @for m in others {
                            li {
                                a href={ "/ui/doc/" (encode(&m.doc_id)) "?claim=" (encode(&m.claim_id)) "#claim-panel" } {
                                    (m.outlet.as_deref().unwrap_or("unknown outlet"))
                                }
                                " " span class="muted" { (m.published.as_deref().unwrap_or("")) } " "
                                (role_badge(&m.role)) " " (factuality_badge(&m.factuality))
                                div { (m.text) }
                            }
                        }
                    }
                }
            }
        }
    }
}
