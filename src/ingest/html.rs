//! HTML pages: main-content extraction (Mozilla Readability's algorithm, via
//! `dom_smoothie`) and metadata from `<meta>`/`<link>` tags and JSON-LD.
//!
//! The decoded input of an HTML document is the *extracted* text: the
//! headline on the first line, a blank line, then the main content with one
//! block per line. Offsets in reports point into that text, not into the
//! markup; the cleaner still runs on it because readability keeps some
//! furniture (captions, share lines) inside the main block.

use dom_smoothie::{Config, Readability, TextMode};

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
