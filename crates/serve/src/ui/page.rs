//! The page shell (head, navigation, footer), the static assets and the HTML error pages.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use maud::{html, Markup, DOCTYPE};

/// The stylesheet, embedded in the binary.
pub(crate) const STYLE_CSS: &str = include_str!("../../assets/style.css");
/// Our one small script: hovering a claim lights up all its pieces, `Esc` closes the panel.
pub(crate) const APP_JS: &str = include_str!("../../assets/app.js");
/// The favicon.
pub(crate) const FAVICON_SVG: &str = include_str!("../../assets/favicon.svg");

/// Which navigation entry is current.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Nav {
    Home,
    Claims,
    Clusters,
    Actors,
    Timeline,
    None,
}

/// A whole HTML page around `body`.
pub(crate) fn page(title: &str, nav: Nav, body: Markup) -> Markup {
    let item = |href: &str, label: &str, this: Nav| {
        html! {
            a href=(href) class=(if nav == this { "current" } else { "" }) { (label) }
        }
    };
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · byline" }
                link rel="stylesheet" href="/assets/style.css";
                link rel="icon" href="/assets/favicon.svg" type="image/svg+xml";
                script src="/assets/app.js" defer {}
            }
            body {
                header class="top" {
                    a href="/" class="brand" { "byline" }
                    nav {
                        (item("/", "Reports", Nav::Home))
                        (item("/ui/claims", "Claims", Nav::Claims))
                        (item("/ui/clusters", "Clusters", Nav::Clusters))
                        (item("/ui/actors", "Actors", Nav::Actors))
                        (item("/ui/timeline", "Timeline", Nav::Timeline))
                        a href="/openapi.json" { "API" }
                    }
                }
                main { (body) }
                footer { "byline — who did what to whom, and who says so." }
            }
        }
    }
}

/// An HTML error page with its status.
pub(crate) fn error_page(status: StatusCode, message: &str) -> Response {
    let title = status.canonical_reason().unwrap_or("Error");
    let body = page(
        title,
        Nav::None,
        html! {
            section class="error" {
                h1 { (status.as_u16()) " " (title) }
                p { (message) }
                p { a href="/" { "Back to the reports" } }
            }
        },
    );
    (status, axum::response::Html(body.into_string())).into_response()
}

/// A static asset with its content type; cached for an hour.
pub(crate) fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        body,
    )
        .into_response()
}
