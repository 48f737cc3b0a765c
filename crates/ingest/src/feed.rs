//! RSS and Atom feeds through `feed-rs`: each item's own content when it carries the article,
//! else the page its link points to, else its summary.

use crate::{Error, Result};

/// One feed item.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FeedItem {
    /// Position in the feed, from 1.
    pub number: usize,
    /// The item's link.
    pub link: Option<String>,
    /// Headline.
    pub title: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Author names.
    pub author: Option<String>,
    /// The item's full content (HTML), when the feed carries it.
    pub content: Option<String>,
    /// The item's summary (HTML or text).
    pub summary: Option<String>,
}

/// The feed's title and items.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Feed {
    /// The feed's title (the outlet, usually).
    pub title: Option<String>,
    /// Its items in order.
    pub items: Vec<FeedItem>,
}

/// True when `bytes` look like an RSS, RDF or Atom document.
pub fn looks_like_feed(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]).to_ascii_lowercase();
    head.contains("<rss") || head.contains("<feed") || head.contains("<rdf:rdf")
}

/// Parses a feed.
pub fn parse(bytes: &[u8]) -> Result<Feed> {
    let parsed = feed_rs::parser::Builder::new()
        .sanitize_content(false)
        .build()
        .parse(bytes)
        .map_err(|e| Error::Feed(e.to_string()))?;
    Ok(Feed {
        title: parsed
            .title
            .map(|t| t.content.trim().to_string())
            .filter(|t| !t.is_empty()),
        items: parsed
            .entries
            .into_iter()
            .enumerate()
            .map(|(i, e)| FeedItem {
                number: i + 1,
                link: e
                    .links
                    .iter()
                    .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
                    .or(e.links.first())
                    .map(|l| l.href.clone()),
                title: e
                    .title
                    .map(|t| t.content.trim().to_string())
                    .filter(|t| !t.is_empty()),
                published: e
                    .published
                    .or(e.updated)
                    .map(|d| d.date_naive().to_string()),
                author: Some(
                    e.authors
                        .iter()
                        .filter_map(|p| p.name.as_deref().map(str::trim))
                        .filter(|n| !n.is_empty())
                        .collect::<Vec<_>>()
                        .join(", "),
                )
                .filter(|a| !a.is_empty()),
                content: e
                    .content
                    .and_then(|c| c.body)
                    .filter(|b| !b.trim().is_empty()),
                summary: e
                    .summary
                    .map(|s| s.content)
                    .filter(|s| !s.trim().is_empty()),
            })
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rss_items_with_content_and_links() {
        let rss = br#"<?xml version="1.0"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>River Gazette</title>
<item><title>Dam opens</title><link>https://river.example/dam</link><pubDate>Tue, 05 Mar 2024 08:00:00 GMT</pubDate>
<content:encoded><![CDATA[<p>The new dam opened on Tuesday, officials said.</p>]]></content:encoded></item>
<item><title>Ferry strike</title><link>https://river.example/ferry</link><description>Crews walked out.</description></item>
</channel></rss>"#;
        assert!(looks_like_feed(rss));
        let f = parse(rss).unwrap();
        assert_eq!(f.title.as_deref(), Some("River Gazette"));
        assert_eq!(f.items.len(), 2);
        assert_eq!(f.items[0].published.as_deref(), Some("2024-03-05"));
        assert!(f.items[0]
            .content
            .as_deref()
            .unwrap()
            .contains("dam opened"));
        assert_eq!(
            f.items[1].link.as_deref(),
            Some("https://river.example/ferry")
        );
        assert_eq!(f.items[1].summary.as_deref(), Some("Crews walked out."));
    }

    #[test]
    fn atom_entries() {
        let atom = br#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">
<title>Hill Times</title><id>urn:x</id><updated>2024-01-01T00:00:00Z</updated>
<entry><title>Road closed</title><id>urn:1</id><link href="https://hill.example/road"/>
<updated>2024-01-02T09:00:00Z</updated><author><name>Ana Ruiz</name></author>
<content type="html">&lt;p&gt;The mountain road was closed after a landslide.&lt;/p&gt;</content></entry></feed>"#;
        let f = parse(atom).unwrap();
        assert_eq!(f.items[0].author.as_deref(), Some("Ana Ruiz"));
        assert_eq!(f.items[0].published.as_deref(), Some("2024-01-02"));
        assert!(f.items[0].content.as_deref().unwrap().contains("landslide"));
    }

    #[test]
    fn broken_xml_is_an_error() {
        let broken = b"<rss version=\"2.0\"><channel><title>X</title><item><title>unclosed";
        assert!(parse(broken).is_err());
        assert!(parse(b"not a feed at all").is_err());
    }
}
