//! HTML pages: main-content extraction (Mozilla Readability's algorithm, via
//! `dom_smoothie`) and metadata from `<meta>`/`<link>` tags and JSON-LD.
//!
//! The decoded input of an HTML document is the *extracted* text: the
//! headline on the first line, a blank line, then the main content with one
//! block per line. Offsets in reports point into that text, not into the
//! markup; the cleaner still runs on it because readability keeps some
//! furniture (captions, share lines) inside the main block.

use dom_smoothie::{Config, Readability, TextMode};
use std::borrow::Cow;

/// Deepest element nesting handed to the DOM parser. Real pages stay far
/// below it; hostile ones nest 100k levels to exhaust recursive tree code.
const MAX_NESTING: usize = 256;

/// What an HTML page yields.
#[derive(Debug, Default)]
pub struct Page {
    /// Headline, then the main content as text.
    pub text: String,
    /// `<title>`, `og:title` or JSON-LD headline.
    pub title: String,
    /// `<link rel=canonical>`, else `og:url`, else JSON-LD url.
    pub url: String,
    /// `og:site_name` or JSON-LD publisher.
    pub site_name: String,
    /// `article:published_time`, JSON-LD `datePublished` and the like, as written.
    pub published: String,
    /// `<html lang>` or `og:locale`, as written.
    pub lang: String,
    /// What happened, for `documents.csv`.
    pub note: String,
}

/// Extracts the main content and metadata of a page.
pub fn extract(html: &str) -> Page {
    let (html, flattened) = match flatten_deep_nesting(html, MAX_NESTING) {
        Cow::Borrowed(html) => (Cow::Borrowed(html), false),
        Cow::Owned(html) => (Cow::Owned(html), true),
    };
    let mut page = extract_flat(&html);
    if flattened {
        page.note.push_str(&format!(
            "; tags nested deeper than {MAX_NESTING} levels were dropped (their text kept)"
        ));
    }
    page
}

fn extract_flat(html: &str) -> Page {
    let config = Config {
        text_mode: TextMode::Formatted,
        ..Config::default()
    };
    let mut readability = match Readability::new(html, None, Some(config)) {
        Ok(readability) => readability,
        Err(err) => {
            return Page {
                note: format!("html: cannot parse page ({err})"),
                ..Page::default()
            }
        }
    };
    let link = |selector: &str, attr: &str| {
        readability
            .doc
            .select(selector)
            .attr(attr)
            .map(|value| value.trim().to_string())
            .filter(|value| !value.is_empty())
    };
    let canonical = link("link[rel='canonical']", "href")
        .or_else(|| link("meta[property='og:url']", "content"));
    let mut page = match readability.parse() {
        Ok(article) => Page {
            text: String::from(&*article.text_content),
            title: article.title.trim().to_string(),
            url: canonical.or(article.url).unwrap_or_default(),
            site_name: article.site_name.unwrap_or_default().trim().to_string(),
            published: article.published_time.unwrap_or_default(),
            lang: article.lang.unwrap_or_default(),
            note: "html: main content by readability".to_string(),
        },
        Err(err) => Page {
            text: String::from(&*readability.doc.select("body").formatted_text()),
            title: readability.get_article_title().trim().to_string(),
            url: canonical.unwrap_or_default(),
            note: format!("html: no main content found ({err}); all page text kept"),
            ..Page::default()
        },
    };
    page.text = with_headline(&page.title, page.text.trim());
    page
}

/// Drops the tags (not the text) of elements nested deeper than `max_depth`.
/// A linear scan over the markup: quoted attribute values, comments and void
/// elements are respected; malformed nesting only makes it approximate.
fn flatten_deep_nesting(html: &str, max_depth: usize) -> Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut i = 0;
    while let Some(offset) = bytes[i..].iter().position(|&b| b == b'<') {
        let start = i + offset;
        let end = tag_end(bytes, start);
        let tag = &html[start..end];
        let closing = tag.starts_with("</");
        let counts = !tag.starts_with("<!")
            && !tag.starts_with("<?")
            && !tag.ends_with("/>")
            && !is_void(tag);
        let too_deep = counts
            && if closing {
                depth > max_depth
            } else {
                depth >= max_depth
            };
        if counts {
            if closing {
                depth = depth.saturating_sub(1);
            } else {
                depth += 1;
            }
        }
        if too_deep {
            let buffer = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buffer.push_str(&html[copied..start]);
            copied = end;
        }
        i = end;
    }
    match out {
        Some(mut buffer) => {
            buffer.push_str(&html[copied..]);
            Cow::Owned(buffer)
        }
        None => Cow::Borrowed(html),
    }
}

/// One past the `>` that closes the tag opening at `start`, skipping quoted
/// attribute values and whole comments; the end of input if it never closes.
fn tag_end(bytes: &[u8], start: usize) -> usize {
    if bytes[start..].starts_with(b"<!--") {
        return find(bytes, start + 4, b"-->").map_or(bytes.len(), |i| i + 3);
    }
    let mut quote = None;
    for (i, &b) in bytes.iter().enumerate().skip(start + 1) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if q == b => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
    }
    bytes.len()
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|i| from + i)
}

fn is_void(tag: &str) -> bool {
    const VOID: &[&str] = &[
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    let tag = tag.trim_start_matches('<');
    let name_len = tag
        .bytes()
        .position(|b| !b.is_ascii_alphanumeric())
        .unwrap_or(tag.len());
    let name = &tag[..name_len];
    VOID.iter().any(|v| name.eq_ignore_ascii_case(v))
}

/// `body` with `title` as its first paragraph, unless it already opens with it.
pub fn with_headline(title: &str, body: &str) -> String {
    let title = title.trim();
    if title.is_empty() || body.starts_with(title) {
        return body.to_string();
    }
    if body.is_empty() {
        return title.to_string();
    }
    format!("{title}\n\n{body}")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!DOCTYPE html><html lang="en"><head>
<title>Floods close the river port | Daily Example</title>
<meta property="og:site_name" content="Daily Example">
<meta property="article:published_time" content="2021-03-04T08:00:00Z">
<link rel="canonical" href="https://news.example.org/floods">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a></nav>
<article><h1>Floods close the river port</h1>
<p>Heavy rain closed the river port on Wednesday, the harbour authority said, and officials expect the water to stay high for several days while crews clear the debris from the quays.</p>
<p>About 300 workers were sent home. The authority said it would reopen the port once the current slowed down and the inspectors had checked the cranes and the mooring posts along the docks.</p>
<p>Shipping companies said the closure would delay deliveries of grain and fuel to the towns upstream, where stocks were already low after a dry winter and a slow spring.</p>
</article>
<footer>Copyright Daily Example. All rights reserved.</footer>
</body></html>"#;

    #[test]
    fn deep_nesting_is_flattened_but_its_text_kept() {
        let levels = 50_000;
        let html = format!(
            "<html><body>{}<p>Deep text survives the flattening of the page.</p>{}</body></html>",
            "<div class=\"a>b\">".repeat(levels),
            "</div>".repeat(levels)
        );
        let flat = flatten_deep_nesting(&html, MAX_NESTING);
        assert!(flat.matches("<div").count() < MAX_NESTING);
        assert!(flat.contains("Deep text survives"));
        let page = extract(&html);
        assert!(page.text.contains("Deep text survives"), "{page:?}");
        assert!(page.note.contains("nested deeper"));
    }

    #[test]
    fn ordinary_pages_are_not_rewritten() {
        assert!(matches!(
            flatten_deep_nesting(PAGE, MAX_NESTING),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn main_content_and_metadata_are_extracted() {
        let page = extract(PAGE);
        assert_eq!(page.url, "https://news.example.org/floods");
        assert_eq!(page.site_name, "Daily Example");
        assert!(page.published.starts_with("2021-03-04"), "{page:?}");
        assert!(
            page.text.contains("Heavy rain closed the river port"),
            "{}",
            page.text
        );
        assert!(page.text.contains("About 300 workers were sent home."));
        assert!(!page.text.contains("All rights reserved"), "{}", page.text);
        assert!(page.text.starts_with(page.title.as_str()), "{}", page.text);
    }

    #[test]
    fn a_page_without_content_does_not_fail() {
        let page = extract("<html><body></body></html>");
        assert!(page.text.trim().is_empty(), "{page:?}");
        let page = extract("not html at all < > &");
        assert!(!page.note.is_empty());
    }

    #[test]
    fn headline_is_not_doubled() {
        assert_eq!(with_headline("Title", "Title\n\nBody."), "Title\n\nBody.");
        assert_eq!(with_headline("Title", "Body."), "Title\n\nBody.");
        assert_eq!(with_headline("", "Body."), "Body.");
    }
}
