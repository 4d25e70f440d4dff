//! Reading inputs: finding files, decoding them to text, and taking their
//! metadata from the manifest or the document itself.
//!
//! PLACEHOLDER for formats other than UTF-8 text. Issue 2 completes it.

use crate::config::IngestConfig;
use crate::model::{Document, Format, Meta, Status, Unread};
use std::path::{Path, PathBuf};

/// One input to read: a file, or standard input already read into memory.
#[derive(Clone, Debug)]
pub struct Input {
    /// Path as given (for stdin: `-`).
    pub path: PathBuf,
    /// Bytes of standard input, when the input is `-`.
    pub stdin: Option<Vec<u8>>,
}

/// Expands the command line's inputs: folders recursively, sorted by path.
pub fn inputs(paths: &[PathBuf]) -> std::io::Result<Vec<Input>> {
    let mut out = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut std::io::stdin(), &mut bytes)?;
            out.push(Input {
                path: path.clone(),
                stdin: Some(bytes),
            });
        } else if path.is_dir() {
            let mut files = Vec::new();
            walk(path, &mut files)?;
            files.sort();
            out.extend(files.into_iter().map(|path| Input { path, stdin: None }));
        } else {
            out.push(Input {
                path: path.clone(),
                stdin: None,
            });
        }
    }
    Ok(out)
}

fn walk(dir: &Path, files: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            walk(&path, files)?;
        } else {
            files.push(path);
        }
    }
    Ok(())
}

/// The document id of a path: its file stem.
pub fn doc_id(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "stdin".to_string())
}

/// Reads one input into zero or more documents (JSON Lines holds many).
pub fn read(input: &Input, config: &IngestConfig) -> Vec<Result<Document, Unread>> {
    let path = input.path.display().to_string();
    let doc_id = doc_id(&input.path);
    let meta = Meta {
        outlet: doc_id.clone(),
        ..Meta::default()
    };
    let bytes = match &input.stdin {
        Some(bytes) => bytes.clone(),
        None => match std::fs::read(&input.path) {
            Ok(bytes) => bytes,
            Err(err) => {
                return vec![Err(Unread {
                    doc_id,
                    path,
                    status: Status::Error,
                    note: format!("cannot read: {err}"),
                    bytes: 0,
                    meta,
                })]
            }
        },
    };
    let _ = config;
    let text = String::from_utf8_lossy(&bytes).into_owned();
    vec![Ok(Document {
        doc_id,
        path,
        format: Format::Text,
        meta,
        bytes: bytes.len() as u64,
        text,
        notes: Vec::new(),
    })]
}

/// Reads a `sources.csv` manifest: `file,outlet,url,published,language`, all
/// columns but `file` optional. Rows that cannot be used become warnings.
pub fn read_manifest(
    path: &Path,
) -> Result<(std::collections::BTreeMap<String, Meta>, Vec<String>), csv::Error> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_path(path)?;
    let header = reader.headers()?.clone();
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim().eq_ignore_ascii_case(name))
    };
    let (file, outlet, url, published, language) = (
        column("file"),
        column("outlet"),
        column("url"),
        column("published"),
        column("language"),
    );
    let mut manifest = std::collections::BTreeMap::new();
    let mut warnings = Vec::new();
    let Some(file) = file else {
        warnings.push(format!(
            "{}: no `file` column; manifest ignored",
            path.display()
        ));
        return Ok((manifest, warnings));
    };
    for (index, record) in reader.records().enumerate() {
        let line = index + 2;
        let record = match record {
            Ok(record) => record,
            Err(err) => {
                warnings.push(format!("{}: line {line}: {err}", path.display()));
                continue;
            }
        };
        let field = |col: Option<usize>| {
            col.and_then(|c| record.get(c))
                .unwrap_or("")
                .trim()
                .to_string()
        };
        let name = field(Some(file));
        if name.is_empty() {
            warnings.push(format!("{}: line {line}: empty `file`", path.display()));
            continue;
        }
        let date_text = field(published);
        let date = parse_date(&date_text);
        if date.is_none() && !date_text.is_empty() {
            warnings.push(format!(
                "{}: line {line}: cannot read date {date_text:?}",
                path.display()
            ));
        }
        manifest.insert(
            name,
            Meta {
                outlet: field(outlet),
                url: field(url),
                published: date,
                language: field(language),
                title: String::new(),
            },
        );
    }
    Ok((manifest, warnings))
}

/// Parses the date part of an ISO 8601 date or date-time.
pub fn parse_date(text: &str) -> Option<chrono::NaiveDate> {
    let text = text.trim();
    let head = text.get(..10).unwrap_or(text);
    chrono::NaiveDate::parse_from_str(head, "%Y-%m-%d").ok()
}
