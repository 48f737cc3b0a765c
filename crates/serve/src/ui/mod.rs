//! Server-rendered HTML pages over the same data layer as the API ([`crate::data`]).
//!
//! Every page is built with maud, which escapes every string it interpolates, so text from a
//! document can never become markup. Nothing is built at run time: the stylesheet, one small
//! script and the favicon are embedded with `include_str!` and served under `/assets/`. Charts
//! and the actor network are SVG computed on the server. Pages answer with a strict
//! Content-Security-Policy (scripts and styles from this server only, no inline script), as a
//! second line of defence behind the escaping.
//!
//! | path | page |
//! |---|---|
//! | `/` | home: figures and the list of reports |
//! | `/ui/doc/{id}?claim=c3` | the report reader, with the claim panel |
//! | `/ui/claims` | the claims table, with filters and paging |
//! | `/ui/clusters` | claim clusters, most independent chains first |
//! | `/ui/cluster/{id}` | the corroboration view of one cluster |
//! | `/ui/actors`, `/ui/actor/{id}` | actors and the network of events between them |
//! | `/ui/timeline` | claims per day and one lane per actor |

mod actors;
mod claims;
mod cluster;
mod highlight;
mod home;
mod page;
mod reader;
mod svg;
mod timeline;

use axum::extract::Request;
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::Router;
use maud::{html, Markup};

use crate::{AppState, Error};

/// The Content-Security-Policy of every page.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; \
                   object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// The HTML pages and their assets, to be merged with the API routes.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(home::page))
        .route("/ui", get(|| async { Redirect::permanent("/") }))
        .route("/ui/doc/{id}", get(reader::page))
        .route("/ui/claims", get(claims::page))
        .route("/ui/clusters", get(cluster::list))
        .route("/ui/cluster/{id}", get(cluster::page))
        .route("/ui/actors", get(actors::list))
        .route("/ui/actor/{id}", get(actors::page))
        .route("/ui/timeline", get(timeline::page))
        .route("/ui/{*rest}", get(not_found))
        .route(
            "/assets/style.css",
            get(|| async { page::asset("text/css; charset=utf-8", page::STYLE_CSS) }),
        )
        .route(
            "/assets/app.js",
            get(|| async { page::asset("text/javascript; charset=utf-8", page::APP_JS) }),
        )
        .route(
            "/assets/favicon.svg",
            get(|| async { page::asset("image/svg+xml", page::FAVICON_SVG) }),
        )
        .layer(middleware::from_fn(security_headers))
}

async fn security_headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(CSP),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

async fn not_found() -> Response {
    page::error_page(StatusCode::NOT_FOUND, "There is no page at this address.")
}

/// A data-layer error as an HTML page with its status.
pub(crate) fn error_response(e: Error) -> Response {
    page::error_page(e.status(), &e.to_string())
}

/// What a page handler returns: a page, or an error page.
pub(crate) type PageResult = std::result::Result<Response, Response>;

/// Wraps a rendered page in a response.
pub(crate) fn ok(markup: Markup) -> PageResult {
    Ok(axum::response::Html(markup.into_string()).into_response())
}

/// Trims a query parameter; `None` when empty.
pub(crate) fn param(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

/// A paging parameter (`offset`): a bad number is a 400 page, not a panic.
pub(crate) fn offset(v: &Option<String>) -> std::result::Result<u64, Response> {
    match param(v) {
        None => Ok(0),
        Some(s) => s.parse().map_err(|_| {
            page::error_page(
                StatusCode::BAD_REQUEST,
                &format!("offset must be a whole number, not {s:?}"),
            )
        }),
    }
}

/// A URL query string from pairs, percent-encoded; empty values are left out.
pub(crate) fn query_string(pairs: &[(&str, Option<String>)]) -> String {
    let mut out = String::new();
    for (k, v) in pairs {
        let Some(v) = v.as_deref().filter(|v| !v.is_empty()) else {
            continue;
        };
        out.push(if out.is_empty() { '?' } else { '&' });
        out.push_str(&encode(k));
        out.push('=');
        out.push_str(&encode(v));
    }
    out
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub(crate) fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The reader's address for a document, with a claim open when given.
pub(crate) fn doc_href(doc_id: &str, claim: Option<&str>) -> String {
    match claim {
        Some(c) => format!("/ui/doc/{}?claim={}#claim-panel", encode(doc_id), encode(c)),
        None => format!("/ui/doc/{}", encode(doc_id)),
    }
}

/// A URL from a document as a link only when it is http(s); anything else (`javascript:`) as text.
pub(crate) fn external_link(url: &str) -> Markup {
    let lower = url.trim().to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        html! { a href=(url.trim()) rel="noopener noreferrer nofollow" { (url) } }
    } else {
        html! { span class="muted" { (url) } }
    }
}

/// A factuality badge.
pub(crate) fn factuality_badge(f: &str) -> Markup {
    html! { span class={ "badge f-" (f) } { (f) } }
}

/// A cluster role badge (support, confirmation, denial, contradiction).
pub(crate) fn role_badge(role: &str) -> Markup {
    html! { span class={ "badge role-" (role) } { (role) } }
}

/// Previous/next links and "21–40 of 57".
pub(crate) fn pager(
    base: &str,
    params: &[(&str, Option<String>)],
    total: u64,
    offset: u64,
    limit: u32,
    shown: usize,
) -> Markup {
    let link = |off: u64| {
        let mut p: Vec<(&str, Option<String>)> = params.to_vec();
        if off > 0 {
            p.push(("offset", Some(off.to_string())));
        }
        format!("{base}{}", query_string(&p))
    };
    let prev = (offset > 0).then(|| offset.saturating_sub(u64::from(limit)));
    let end = offset + shown as u64;
    let next = (end < total).then_some(end);
    html! {
        div class="pager" {
            @if let Some(p) = prev { a href=(link(p)) rel="prev" { "← previous" } }
            span class="muted" {
                @if total == 0 { "nothing found" } @else { (offset + 1) "–" (end) " of " (total) }
            }
            @if let Some(n) = next { a href=(link(n)) rel="next" { "next →" } }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_strings_are_encoded() {
        let q = query_string(&[
            ("actor", Some("Ça & <b>".into())),
            ("q", None),
            ("to", Some(String::new())),
        ]);
        assert_eq!(q, "?actor=%C3%87a%20%26%20%3Cb%3E");
        assert_eq!(query_string(&[]), "");
    }

    #[test]
    fn only_http_urls_become_links() {
        let js = external_link("javascript:alert(1)").into_string();
        assert!(!js.contains("href"), "{js}");
        let web = external_link("https://example.org/a?b=1&c=2").into_string();
        assert!(
            web.contains(r#"href="https://example.org/a?b=1&amp;c=2""#),
            "{web}"
        );
    }

    #[test]
    fn doc_links_encode_ids() {
        assert_eq!(
            doc_href("a/b", Some("c 1")),
            "/ui/doc/a%2Fb?claim=c%201#claim-panel"
        );
    }
}
