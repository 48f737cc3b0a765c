//! The pages over plain HTTP (no browser): each renders with the demo data, markup from a
//! document is escaped, bad addresses get HTML 404 pages.

use super::fixture::{fixture, get, Fixture};

/// The first `href="…"` in `body` that starts with `prefix`, HTML entities of `&` decoded.
fn first_href(body: &str, prefix: &str) -> Option<String> {
    let needle = format!("href=\"{prefix}");
    let start = body.find(&needle)? + "href=\"".len();
    let end = body[start..].find('"')? + start;
    Some(body[start..end].replace("&amp;", "&"))
}

fn page_ok(f: &Fixture, path: &str) -> String {
    let got = get(f, path);
    assert_eq!(got.status, 200, "GET {path}: {}", got.body);
    assert!(
        got.content_type.starts_with("text/html"),
        "GET {path}: {}",
        got.content_type
    );
    assert!(got.csp.is_some(), "GET {path}: no Content-Security-Policy");
    assert!(got.body.starts_with("<!DOCTYPE html>"), "GET {path}");
    got.body
}

#[test]
fn every_page_renders_with_the_demo_data() {
    let f = fixture();
    let home = page_ok(&f, "/");
    assert!(home.contains("Reports"));
    let doc = first_href(&home, "/ui/doc/").expect("the home page lists reports");
    let reader = page_ok(&f, &doc);
    assert!(reader.contains("id=\"report-text\""));
    assert!(reader.contains("class=\"src"), "sources are highlighted");
    let claim = first_href(&reader, "/ui/doc/").expect("the reader links claims");
    assert!(claim.contains("?claim="), "{claim}");
    let panel = page_ok(&f, &claim);
    assert!(panel.contains("id=\"claim-panel\""));
    assert!(panel.contains("Sources ("));

    let claims = page_ok(&f, "/ui/claims");
    assert!(claims.contains("<td>"), "the claims table has rows");
    for q in [
        "/ui/claims?factuality=reported",
        "/ui/claims?source_kind=anonymous&from=2025-01-01&to=2030-12-31",
        "/ui/claims?offset=5",
    ] {
        page_ok(&f, q);
    }
    let clusters = page_ok(&f, "/ui/clusters");
    let cluster = first_href(&clusters, "/ui/cluster/").expect("clusters are listed");
    let view = page_ok(&f, &cluster);
    assert!(view.contains("independent chains"));
    page_ok(&f, "/ui/clusters?contested=1");

    let actors = page_ok(&f, "/ui/actors");
    assert!(
        actors.contains("<svg class=\"network\""),
        "the network is drawn"
    );
    let actor = first_href(&actors, "/ui/actor/").expect("actors are listed");
    page_ok(&f, &actor);

    let timeline = page_ok(&f, "/ui/timeline");
    assert!(
        timeline.contains("<svg class=\"timeline\""),
        "the chart is drawn"
    );
    page_ok(&f, "/ui/timeline?by=event");
}

#[test]
fn assets_are_served_with_their_types() {
    let f = fixture();
    for (path, ty) in [
        ("/assets/style.css", "text/css"),
        ("/assets/app.js", "text/javascript"),
        ("/assets/favicon.svg", "image/svg+xml"),
    ] {
        let got = get(&f, path);
        assert_eq!(got.status, 200, "{path}");
        assert!(
            got.content_type.starts_with(ty),
            "{path}: {}",
            got.content_type
        );
        assert!(!got.body.is_empty());
    }
}

#[test]
fn markup_in_a_document_is_escaped() {
    let f = fixture();
    let path = format!("/ui/doc/{}", f.hostile_id);
    let body = page_ok(&f, &path);
    for raw in [
        "<script>alert",
        "<img src=x",
        "<b>Gate</b>",
        "href=\"javascript:",
    ] {
        assert!(!body.contains(raw), "{raw:?} reached the page unescaped");
    }
    assert!(
        body.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{body}"
    );
    assert!(body.contains("&lt;img src=x onerror="));
    assert!(body.contains("&lt;b&gt;Gate&lt;/b&gt; Gazette"));
    // The only script element is our own.
    assert_eq!(body.matches("<script").count(), 1, "{body}");
    // Every list that shows its text escapes it too.
    for list in ["/", "/ui/claims?q=notice", "/ui/clusters", "/ui/timeline"] {
        let b = page_ok(&f, list);
        assert!(!b.contains("<script>alert"), "{list}");
        assert!(!b.contains("<b>Gate"), "{list}");
    }
}

#[test]
fn bad_addresses_get_html_404_pages() {
    let f = fixture();
    for path in [
        "/ui/doc/no-such-document",
        "/ui/doc/%3Cscript%3E",
        "/ui/cluster/999999",
        "/ui/cluster/not-a-number",
        "/ui/actor/999999",
        "/ui/no-such-page",
    ] {
        let got = get(&f, path);
        assert_eq!(got.status, 404, "{path}");
        assert!(got.content_type.starts_with("text/html"), "{path}");
        assert!(got.body.contains("404"), "{path}");
        assert!(!got.body.contains("<script>"), "{path}");
    }
    let home = get(&f, "/").body;
    let doc = first_href(&home, "/ui/doc/").expect("a report");
    let got = get(&f, &format!("{doc}?claim=c99999"));
    assert_eq!(got.status, 404);
    let got = get(&f, "/ui/claims?offset=abc");
    assert_eq!(got.status, 400);
}
