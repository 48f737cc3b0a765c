//! HTML pages: the article body (without navigation, ads, related links or comments) through
//! `dom_smoothie`'s readability port, and the title, author and date from meta tags, JSON-LD
//! and `<time>` elements.

use crate::{Error, Result};

/// What a page holds.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Page {
    /// Headline.
    pub title: Option<String>,
    /// Byline.
    pub author: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Site name.
    pub site: Option<String>,
    /// Language the page declares.
    pub lang: Option<String>,
    /// The article body as plain text, one paragraph a line.
    pub text: String,
}

/// Most elements parsed in one page (a guard against pathological documents).
const MAX_ELEMENTS: usize = 200_000;

/// Extracts the main content and metadata of an HTML page.
pub fn extract(html: &str, url: Option<&str>) -> Result<Page> {
    let cfg = dom_smoothie::Config {
        max_elements_to_parse: MAX_ELEMENTS,
        text_mode: dom_smoothie::TextMode::Formatted,
        ..dom_smoothie::Config::default()
    };
    // a relative or odd URL must not cost us the page
    let url = url.filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let mut reader = match dom_smoothie::Readability::new(html, url, Some(cfg.clone())) {
        Ok(r) => r,
        Err(_) => dom_smoothie::Readability::new(html, None, Some(cfg))
            .map_err(|e| Error::Html(e.to_string()))?,
    };
    let article = reader.parse();
    let (mut page, text) = match article {
        Ok(a) => (
            Page {
                title: Some(a.title.trim().to_string()).filter(|t| !t.is_empty()),
                author: a
                    .byline
                    .map(|b| b.trim().to_string())
                    .filter(|b| !b.is_empty()),
                published: a.published_time.as_deref().and_then(iso_date),
                site: a.site_name.filter(|s| !s.trim().is_empty()),
                lang: a.lang,
                text: String::new(),
            },
            a.text_content.to_string(),
        ),
        Err(dom_smoothie::ReadabilityError::GrabFailed) => (Page::default(), String::new()),
        Err(e) => return Err(Error::Html(e.to_string())),
    };
    page.text = tidy(&text);
    if page.published.is_none() {
        page.published = time_element(html);
    }
    if page.title.is_none() {
        page.title = title_element(html);
    }
    if page.text.trim().is_empty() {
        return Err(Error::Html("no article text found".into()));
    }
    Ok(page)
}

/// Text of an HTML fragment (a feed item's content): tags dropped, blocks as lines.
pub fn fragment_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        let after = &rest[i..];
        let end = after.find('>').map_or(after.len(), |e| e + 1);
        let tag = after[..end].to_ascii_lowercase();
        for skip in ["<script", "<style"] {
            if tag.starts_with(skip) {
                let close = format!("</{}", &skip[1..]);
                let lower = after.to_ascii_lowercase();
                rest = lower.find(&close).map_or("", |c| {
                    let tail = &after[c..];
                    &tail[tail.find('>').map_or(tail.len(), |e| e + 1)..]
                });
                break;
            }
        }
        if tag.starts_with("<script") || tag.starts_with("<style") {
            continue;
        }
        if ["<p", "</p", "<br", "<div", "</div", "<li", "<h"]
            .iter()
            .any(|b| tag.starts_with(b))
        {
            out.push('\n');
        }
        rest = &after[end..];
    }
    out.push_str(rest);
    tidy(&unescape(&out))
}

fn unescape(s: &str) -> String {
    s.replace("&nbsp;", " ")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// Trims each line, drops empty ones and joins paragraphs with blank lines.
fn tidy(text: &str) -> String {
    text.lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|l| !l.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// `2025-09-16T10:00:00Z` → `2025-09-16`; anything not starting with a date → `None`.
pub(crate) fn iso_date(s: &str) -> Option<String> {
    let s = s.trim();
    let d = s.get(..10)?;
    let b = d.as_bytes();
    let ok = b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
    let month: u32 = d[5..7].parse().ok()?;
    let day: u32 = d[8..10].parse().ok()?;
    (ok && (1..=12).contains(&month) && (1..=31).contains(&day)).then(|| d.to_string())
}

/// The first `<time datetime="…">` holding a date.
fn time_element(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(i) = lower[from..].find("<time") {
        let start = from + i;
        let end = lower[start..].find('>').map_or(lower.len(), |e| start + e);
        let tag = &html[start..end];
        if let Some(j) = tag.to_ascii_lowercase().find("datetime=") {
            let v = tag[j + 9..].trim_start_matches(['"', '\'']);
            if let Some(d) = iso_date(v) {
                return Some(d);
            }
        }
        from = end;
    }
    None
}

fn title_element(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let i = lower.find("<title")?;
    let open = i + lower[i..].find('>')? + 1;
    let close = open + lower[open..].find("</title")?;
    Some(tidy(&unescape(&html[open..close]))).filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html><html lang="en"><head>
<title>Harbour bridge reopens | The Coastal Ledger</title>
<meta property="og:title" content="Harbour bridge reopens after repairs">
<meta name="author" content="Mira Okonkwo">
<meta property="article:published_time" content="2024-03-05T08:30:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="ad-banner">Buy one lantern, get another free!</div>
<article>
<h1>Harbour bridge reopens after repairs</h1>
<p>The harbour bridge reopened on Tuesday after four months of repairs, the city transport office said in a statement published in the morning.</p>
<p>Engineers replaced two corroded cables and resurfaced the deck, according to the office, which said traffic would be limited to light vehicles for another week.</p>
<p>Residents of the eastern districts, who had faced detours of up to forty minutes, welcomed the news, a local shopkeepers' association told reporters.</p>
</article>
<aside class="related"><h3>Related</h3><ul><li><a href="/a">Ferry fares to rise</a></li></ul></aside>
<section id="comments"><p>Great news!! finally - Posted by reader99</p></section>
<footer>Copyright The Coastal Ledger</footer>
</body></html>"#;

    #[test]
    fn article_body_and_metadata() {
        let page = extract(PAGE, Some("https://ledger.example/bridge")).unwrap();
        assert!(page.text.contains("corroded cables"), "{}", page.text);
        assert!(page.text.contains("shopkeepers"));
        assert!(!page.text.contains("lantern"), "ad kept: {}", page.text);
        assert!(
            !page.text.contains("Ferry fares"),
            "related kept: {}",
            page.text
        );
        assert!(!page.text.contains("World"), "nav kept: {}", page.text);
        assert_eq!(page.published.as_deref(), Some("2024-03-05"));
        assert_eq!(page.author.as_deref(), Some("Mira Okonkwo"));
        assert!(page
            .title
            .as_deref()
            .unwrap_or("")
            .contains("Harbour bridge reopens"));
    }

    #[test]
    fn json_ld_and_time_element_dates() {
        let ld = r#"<html><head><script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle","headline":"Grain talks resume","datePublished":"2023-11-20T10:00:00+01:00","author":{"@type":"Person","name":"Jon Park"}}</script></head>
<body><article><p>Negotiators from both countries met again in the capital on Monday to discuss grain exports, officials said after the session ended late in the evening.</p><p>A second round is planned for next month, according to a statement from the trade ministry.</p></article></body></html>"#;
        let page = extract(ld, None).unwrap();
        assert_eq!(page.published.as_deref(), Some("2023-11-20"));
        let t = r#"<html><body><article><time datetime="2022-01-31">Monday</time><p>The council voted to extend the curfew by two weeks, a spokesperson said, citing a rise in night-time thefts across the old town and the port area.</p></article></body></html>"#;
        assert_eq!(
            extract(t, None).unwrap().published.as_deref(),
            Some("2022-01-31")
        );
    }

    #[test]
    fn malformed_html_still_yields_text_or_a_clear_error() {
        let broken = "<html><body><div><p>The mayor said the market would reopen <b>next week<p>after the inspection</div></span></body>";
        match extract(broken, None) {
            Ok(p) => assert!(p.text.contains("mayor")),
            Err(e) => assert!(e.to_string().contains("html")),
        }
        // a page of navigation only: whatever comes out is text, never a panic
        let _ = extract("<html><body><nav>menu</nav></body></html>", None);
        assert!(extract("", None).is_err());
    }

    #[test]
    fn fragments_and_dates() {
        assert_eq!(
            fragment_text("<p>One &amp; two.</p><script>x()</script><p>Three</p>"),
            "One & two.\n\nThree"
        );
        assert_eq!(iso_date("2024-02-30T00:00"), Some("2024-02-30".into()));
        assert_eq!(iso_date("Tue, 05 Mar 2024"), None);
        assert_eq!(iso_date("2024-13-01"), None);
    }
}
