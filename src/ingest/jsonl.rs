//! JSON Lines: one article per line, with the field names news scrapers use
//! (news-please, newspaper3k, Common Crawl news exports).
//!
//! The file is streamed: one line is in memory at a time, and a line longer
//! than the document limit is skipped without being stored. A malformed line
//! becomes its own `error` entry; the rest of the file goes on.

use super::{apply_manifest, html::with_headline, parse_date, url_host};
use crate::model::{Document, Format, Meta, Status, Unread};
use serde_json::{Map, Value};
use std::io::BufRead;

/// Field names for the body text, in order of preference.
const TEXT_FIELDS: &[&str] = &["text", "maintext", "content", "body", "article"];
/// Field names for the outlet.
const SOURCE_FIELDS: &[&str] = &["source", "source_domain", "outlet", "site_name"];
/// Field names for the publication date.
const DATE_FIELDS: &[&str] = &["date_publish", "published", "date", "published_at"];

/// Iterates over the articles of a JSON Lines stream.
pub struct Records<R> {
    reader: R,
    stem: String,
    path: String,
    manifest: Option<Meta>,
    max_line_bytes: u64,
    line: usize,
    buffer: Vec<u8>,
    done: bool,
}

impl<R: BufRead> Records<R> {
    /// Reads `reader`, naming records `STEM-LINE`.
    pub fn new(
        reader: R,
        stem: String,
        path: String,
        manifest: Option<Meta>,
        max_line_bytes: u64,
    ) -> Self {
        Records {
            reader,
            stem,
            path,
            manifest,
            max_line_bytes,
            line: 0,
            buffer: Vec::new(),
            done: false,
        }
    }

    fn unread(&self, status: Status, note: String, bytes: u64) -> Unread {
        let mut meta = Meta {
            outlet: self.doc_id(),
            ..Meta::default()
        };
        apply_manifest(&mut meta, self.manifest.as_ref());
        Unread {
            doc_id: self.doc_id(),
            path: self.path.clone(),
            status,
            note,
            bytes,
            meta,
        }
    }

    fn doc_id(&self) -> String {
        format!("{}-{}", self.stem, self.line)
    }

    /// Reads the next line into `buffer`; `Ok(Some(len))` with the line's
    /// full length, whether or not it fit under the limit.
    fn next_line(&mut self) -> std::io::Result<Option<u64>> {
        self.buffer.clear();
        let mut total = 0u64;
        loop {
            let chunk = self.reader.fill_buf()?;
            if chunk.is_empty() {
                return Ok((total > 0).then_some(total));
            }
            let (take, done) = match chunk.iter().position(|&b| b == b'\n') {
                Some(at) => (at + 1, true),
                None => (chunk.len(), false),
            };
            total += take as u64;
            if total <= self.max_line_bytes {
                self.buffer.extend_from_slice(&chunk[..take]);
            }
            self.reader.consume(take);
            if done {
                return Ok(Some(total));
            }
        }
    }

    // Same shape as the items of `ingest::read`, the stages' contract.
    #[allow(clippy::result_large_err)]
    fn record(&self, len: u64) -> Result<Document, Unread> {
        let line = self.line;
        if len > self.max_line_bytes {
            return Err(self.unread(
                Status::Skipped,
                format!(
                    "jsonl line {line}: {len} bytes, over the limit of {} (--max-doc-bytes)",
                    self.max_line_bytes
                ),
                len,
            ));
        }
        let object = match serde_json::from_slice::<Value>(&self.buffer) {
            Ok(Value::Object(object)) => object,
            Ok(_) => {
                return Err(self.unread(
                    Status::Error,
                    format!("jsonl line {line}: not a JSON object"),
                    len,
                ))
            }
            Err(err) => {
                return Err(self.unread(
                    Status::Error,
                    format!("jsonl line {line}: malformed JSON ({err})"),
                    len,
                ))
            }
        };
        let (body_field, body) = first_string(&object, TEXT_FIELDS).unwrap_or(("", String::new()));
        let title = field(&object, &["title", "headline"]);
        let mut meta = Meta {
            outlet: field(&object, SOURCE_FIELDS),
            url: field(&object, &["url", "link"]),
            published: first_string(&object, DATE_FIELDS).and_then(|(_, date)| parse_date(&date)),
            language: field(&object, &["language", "lang"]),
            title: title.clone(),
        };
        if meta.outlet.is_empty() {
            meta.outlet = url_host(&meta.url).unwrap_or_else(|| self.doc_id());
        }
        apply_manifest(&mut meta, self.manifest.as_ref());
        let mut notes = vec![format!("jsonl line {line}")];
        if !body_field.is_empty() {
            notes.push(format!("text from `{body_field}`"));
        } else {
            notes.push(format!("no text field ({})", TEXT_FIELDS.join("|")));
        }
        Ok(Document {
            doc_id: self.doc_id(),
            path: self.path.clone(),
            format: Format::Jsonl,
            meta,
            bytes: len,
            text: with_headline(&title, body.trim()),
            notes,
        })
    }
}

impl<R: BufRead> Iterator for Records<R> {
    type Item = Result<Document, Unread>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.line += 1;
            let len = match self.next_line() {
                Ok(Some(len)) => len,
                Ok(None) => return None,
                Err(err) => {
                    // An I/O error mid-stream ends the file: report it once.
                    self.done = true;
                    let note = format!("jsonl line {}: cannot read: {err}", self.line);
                    return Some(Err(self.unread(Status::Error, note, 0)));
                }
            };
            if len <= self.max_line_bytes && self.buffer.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(self.record(len));
        }
        None
    }
}

/// The first of `names` that holds a non-empty string (numbers are written out).
fn first_string(
    object: &Map<String, Value>,
    names: &[&'static str],
) -> Option<(&'static str, String)> {
    names.iter().find_map(|&name| match object.get(name) {
        Some(Value::String(text)) if !text.trim().is_empty() => Some((name, text.clone())),
        Some(Value::Number(number)) => Some((name, number.to_string())),
        _ => None,
    })
}

fn field(object: &Map<String, Value>, names: &[&'static str]) -> String {
    first_string(object, names)
        .map(|(_, text)| text.trim().to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str, max: u64) -> Vec<Result<Document, Unread>> {
        Records::new(
            text.as_bytes(),
            "feed".into(),
            "feed.jsonl".into(),
            None,
            max,
        )
        .collect()
    }

    #[test]
    fn each_line_is_an_article_and_bad_lines_are_errors() {
        let text = concat!(
            r#"{"title":"Port closed","maintext":"The port closed.","source_domain":"example.org","date_publish":"2021-03-04 08:00:00"}"#,
            "\n{not json\n\n",
            r#"{"text":"Second story.","url":"https://example.org/2"}"#,
            "\n[1,2]\n"
        );
        let records = records(text, 1 << 20);
        assert_eq!(records.len(), 4);
        let first = records[0].as_ref().unwrap();
        assert_eq!(first.doc_id, "feed-1");
        assert_eq!(first.text, "Port closed\n\nThe port closed.");
        assert_eq!(first.meta.outlet, "example.org");
        assert_eq!(first.meta.published.unwrap().to_string(), "2021-03-04");
        let bad = records[1].as_ref().unwrap_err();
        assert_eq!((bad.doc_id.as_str(), bad.status), ("feed-2", Status::Error));
        assert!(bad.note.contains("line 2"), "{}", bad.note);
        let third = records[2].as_ref().unwrap();
        assert_eq!(third.doc_id, "feed-4");
        assert_eq!(third.meta.outlet, "example.org");
        assert!(records[3]
            .as_ref()
            .unwrap_err()
            .note
            .contains("not a JSON object"));
    }

    #[test]
    fn over_long_lines_are_skipped_and_the_rest_goes_on() {
        let long = format!("{{\"text\":\"{}\"}}\n", "a".repeat(500));
        let text = format!("{long}{{\"text\":\"short\"}}");
        let records = records(&text, 100);
        assert_eq!(records.len(), 2);
        assert_eq!(records[0].as_ref().unwrap_err().status, Status::Skipped);
        assert_eq!(records[1].as_ref().unwrap().text, "short");
    }
}
