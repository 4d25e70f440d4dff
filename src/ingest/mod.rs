//! Reading inputs: finding files, decoding them to text, and taking their
//! metadata from the manifest or the document itself.
//!
//! Formats go by extension: `.txt`/`.text` (any encoding), `.html`/`.htm`
//! (main content, see [`html`]), `.jsonl`/`.ndjson` (one article per line,
//! see [`jsonl`]). Standard input and files without an extension are sniffed.
//! Anything else, binary content, and files over the size limit are reported
//! as skipped with the reason; nothing here is fatal.
//!
//! Memory: one input is read at a time per worker, a plain file at most up
//! to the size limit, and JSON Lines one line at a time.

mod ahead;
mod decode;
mod html;
mod jsonl;
mod manifest;

pub use ahead::read_ahead;
pub use manifest::{apply_manifest, parse_date, read_manifest};

use crate::config::IngestConfig;
use crate::model::{Document, Format, Meta, Status, Unread};
use std::collections::hash_map::Entry;
use std::collections::BTreeSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// One input to read: a file, or standard input already read into memory.
#[derive(Clone, Debug)]
pub struct Input {
    /// Path as given or found in a folder (for stdin: `-`).
    pub path: PathBuf,
    /// Bytes of standard input, when the input is `-`.
    pub stdin: Option<Vec<u8>>,
    /// An earlier input that is the same file, when this one repeats it.
    pub duplicate_of: Option<PathBuf>,
}

impl Input {
    /// A file to read.
    pub fn file(path: impl Into<PathBuf>) -> Input {
        Input {
            path: path.into(),
            stdin: None,
            duplicate_of: None,
        }
    }
}

/// Expands the command line's inputs: folders recursively in sorted order
/// (hidden entries skipped, each real folder visited once, by the first
/// path to it in that order, so symlink loops end), `-` as standard input. A path that cannot be listed is kept as an
/// input, so that reading it reports the error in `documents.csv`.
///
/// Listing costs no system call per file: a folder's real path is resolved
/// once, and a plain file's real path is that folder's joined with its name
/// (the entry type comes with the listing). Only symbolic links and paths
/// given on the command line are resolved one by one.
pub fn inputs(paths: &[PathBuf]) -> std::io::Result<Vec<Input>> {
    let mut found = Vec::new();
    let mut visited_dirs = BTreeSet::new();
    for path in paths {
        if path.as_os_str() == "-" {
            let mut bytes = Vec::new();
            std::io::stdin().read_to_end(&mut bytes)?;
            let input = Input {
                stdin: Some(bytes),
                ..Input::file(path)
            };
            found.push(Found { input, real: None });
        } else if path.is_dir() {
            walk(path, &mut visited_dirs, &mut found);
        } else {
            found.push(Found::resolved(path.clone()));
        }
    }
    Ok(mark_duplicates(found))
}

/// An input and its real path (`None` when it has none: standard input, or
/// a path that cannot be resolved).
struct Found {
    input: Input,
    real: Option<PathBuf>,
}

impl Found {
    /// A file whose real path is asked of the file system.
    fn resolved(path: PathBuf) -> Found {
        Found {
            real: path.canonicalize().ok(),
            input: Input::file(path),
        }
    }
}

fn walk(dir: &Path, visited: &mut BTreeSet<PathBuf>, files: &mut Vec<Found>) {
    let Ok(real) = dir.canonicalize() else {
        files.push(Found::resolved(dir.to_path_buf()));
        return;
    };
    if !visited.insert(real.clone()) {
        return;
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        files.push(Found::resolved(dir.to_path_buf()));
        return;
    };
    let mut entries: Vec<_> = entries
        .flatten()
        .map(|entry| (entry.file_name(), entry))
        .filter(|(name, _)| !name.as_encoded_bytes().starts_with(b"."))
        .collect();
    // Entries in name order, folders walked where they stand: the paths come
    // out sorted (as paths compare, by component) without comparing paths.
    entries.sort_unstable_by(|(a, _), (b, _)| a.cmp(b));
    for (name, entry) in entries {
        let path = entry.path();
        match entry.file_type() {
            Ok(kind) if kind.is_dir() => walk(&path, visited, files),
            // Neither a link nor a folder: its real path is its folder's.
            Ok(kind) if !kind.is_symlink() => files.push(Found {
                input: Input::file(path),
                real: Some(real.join(name)),
            }),
            _ if path.is_dir() => walk(&path, visited, files),
            _ => files.push(Found::resolved(path)),
        }
    }
}

/// The inputs, those that name a file already listed (by real path) marked.
fn mark_duplicates(found: Vec<Found>) -> Vec<Input> {
    let mut seen = rustc_hash::FxHashMap::default();
    found
        .into_iter()
        .map(|Found { mut input, real }| {
            if let Some(real) = real.filter(|_| input.stdin.is_none()) {
                // Real paths are normalised: equal paths have equal bytes,
                // which hash faster than components.
                match seen.entry(real.into_os_string()) {
                    Entry::Occupied(first) => {
                        input.duplicate_of = Some(PathBuf::clone(first.get()))
                    }
                    Entry::Vacant(slot) => {
                        slot.insert(input.path.clone());
                    }
                }
            }
            input
        })
        .collect()
}

/// The document id of a path: its file stem (`stdin` for `-`).
pub fn doc_id(path: &Path) -> String {
    if path.as_os_str() == "-" {
        return "stdin".to_string();
    }
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// The documents of one input, read lazily (a JSON Lines file holds many).
pub type Reads = Box<dyn Iterator<Item = Result<Document, Unread>>>;

/// How an input is to be read.
#[derive(Debug, PartialEq)]
enum Kind {
    Known(Format),
    /// No extension (or standard input): decided from the content.
    Sniff,
    /// An extension crosscheck does not read.
    Unsupported(String),
}

fn kind_of(path: &Path) -> Kind {
    let Some(ext) = path.extension() else {
        return Kind::Sniff;
    };
    match ext.to_string_lossy().to_ascii_lowercase().as_str() {
        "txt" | "text" => Kind::Known(Format::Text),
        "html" | "htm" | "xhtml" => Kind::Known(Format::Html),
        "jsonl" | "ndjson" => Kind::Known(Format::Jsonl),
        other => Kind::Unsupported(other.to_string()),
    }
}

/// Reads one input into zero or more documents.
pub fn read(input: &Input, config: &IngestConfig) -> Reads {
    let source = Source::new(input, config);
    if let Some(first) = &input.duplicate_of {
        return once(Err(source.unread(
            Status::Skipped,
            format!("same file as {}", first.display()),
            0,
        )));
    }
    let kind = if input.stdin.is_some() {
        Kind::Sniff
    } else {
        kind_of(&input.path)
    };
    if let Kind::Unsupported(ext) = &kind {
        let what = sniff_file(&input.path)
            .map(|kind| format!(" ({kind})"))
            .unwrap_or_default();
        return once(Err(source.unread(
            Status::Skipped,
            format!("not an article format: .{ext}{what}"),
            file_len(&input.path),
        )));
    }
    let limit = config.doc_byte_limit();
    if kind == Kind::Known(Format::Jsonl) {
        return match std::fs::File::open(&input.path) {
            Ok(file) => Box::new(source.records(std::io::BufReader::new(file), limit)),
            Err(err) => once(Err(source.unread(
                Status::Error,
                format!("cannot read: {err}"),
                0,
            ))),
        };
    }
    let bytes = match &input.stdin {
        Some(bytes) if bytes.len() as u64 > limit => {
            return once(Err(source.too_large(bytes.len() as u64, limit)))
        }
        Some(bytes) => bytes.clone(),
        None => match read_bounded(&input.path, limit) {
            Ok(Ok(bytes)) => bytes,
            Ok(Err(len)) => return once(Err(source.too_large(len, limit))),
            Err(err) => {
                return once(Err(source.unread(
                    Status::Error,
                    format!("cannot read: {err}"),
                    0,
                )))
            }
        },
    };
    let format = match kind {
        Kind::Known(format) => format,
        _ => sniff_format(&bytes),
    };
    if format == Format::Jsonl {
        return Box::new(source.records(std::io::Cursor::new(bytes), limit));
    }
    once(source.document(bytes, format))
}

fn once(item: Result<Document, Unread>) -> Reads {
    Box::new(std::iter::once(item))
}

/// The whole file if it is at most `max` bytes, else `Err(its length)`;
/// never reads more than `max + 1` bytes.
fn read_bounded(path: &Path, max: u64) -> std::io::Result<Result<Vec<u8>, u64>> {
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len > max {
        return Ok(Err(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > max {
        return Ok(Err(bytes.len() as u64));
    }
    Ok(Ok(bytes))
}

fn file_len(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

/// What kind of binary file `path` is, from its first bytes.
fn sniff_file(path: &Path) -> Option<&'static str> {
    let mut head = Vec::new();
    let file = std::fs::File::open(path).ok()?;
    file.take(decode::SNIFF_BYTES as u64)
        .read_to_end(&mut head)
        .ok()?;
    decode::binary_kind(&head)
}

/// The format of content that came without an extension.
fn sniff_format(bytes: &[u8]) -> Format {
    let head = &bytes[..bytes.len().min(decode::SNIFF_BYTES)];
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = String::from_utf8_lossy(&head[start..]).to_ascii_lowercase();
    if head.starts_with('{') {
        Format::Jsonl
    } else if head.starts_with('<')
        && ["<html", "<body", "<p", "<article", "<!doctype html"]
            .iter()
            .any(|tag| head.contains(tag))
    {
        Format::Html
    } else {
        Format::Text
    }
}

/// Manifest entries that name none of the inputs: a typo or a missing file
/// the analyst should hear about.
pub fn unmatched_manifest_entries<'m>(
    manifest: &'m std::collections::BTreeMap<String, Meta>,
    inputs: &[Input],
) -> Vec<&'m str> {
    let names: BTreeSet<_> = inputs
        .iter()
        .filter_map(|input| input.path.file_name())
        .map(|name| name.to_string_lossy())
        .collect();
    manifest
        .keys()
        .filter(|file| !names.contains(file.as_str()))
        .map(String::as_str)
        .collect()
}

/// One input being read: names and manifest entry shared by its documents.
struct Source {
    doc_id: String,
    path: String,
    manifest: Option<Meta>,
}

impl Source {
    fn new(input: &Input, config: &IngestConfig) -> Source {
        let manifest = input
            .path
            .file_name()
            .and_then(|name| config.manifest.get(&*name.to_string_lossy()))
            .cloned();
        Source {
            doc_id: doc_id(&input.path),
            path: input.path.display().to_string(),
            manifest,
        }
    }

    /// Metadata from the document's own fields, then the manifest.
    fn meta(&self, mut meta: Meta) -> Meta {
        if meta.outlet.is_empty() {
            meta.outlet = url_host(&meta.url).unwrap_or_else(|| self.doc_id.clone());
        }
        apply_manifest(&mut meta, self.manifest.as_ref());
        meta
    }

    fn unread(&self, status: Status, note: String, bytes: u64) -> Unread {
        Unread {
            doc_id: self.doc_id.clone(),
            path: self.path.clone(),
            status,
            note,
            bytes,
            meta: self.meta(Meta::default()),
        }
    }

    fn too_large(&self, len: u64, max: u64) -> Unread {
        let note = format!("{len} bytes, over the limit of {max} (--max-doc-bytes); not read");
        self.unread(Status::Skipped, note, len)
    }

    fn records<R: std::io::BufRead>(self, reader: R, max_line_bytes: u64) -> jsonl::Records<R> {
        jsonl::Records::new(
            reader,
            self.doc_id,
            self.path,
            self.manifest,
            max_line_bytes,
        )
    }

    /// A text or HTML document from its bytes.
    // Same shape as the items of `ingest::read`, the stages' contract.
    #[allow(clippy::result_large_err)]
    fn document(&self, bytes: Vec<u8>, format: Format) -> Result<Document, Unread> {
        let len = bytes.len() as u64;
        if len == 0 {
            return Err(self.unread(Status::Empty, "empty file".to_string(), 0));
        }
        if let Some(kind) = decode::binary_kind(&bytes[..bytes.len().min(decode::SNIFF_BYTES)]) {
            return Err(self.unread(Status::Skipped, format!("binary content: {kind}"), len));
        }
        let (text, meta, notes) = match format {
            Format::Html => {
                let declared = decode::html_charset(&bytes);
                let decoded = decode::decode(bytes, declared.as_deref());
                let page = html::extract(&decoded.text);
                let meta = Meta {
                    outlet: page.site_name,
                    url: page.url,
                    published: parse_date(&page.published),
                    language: language_code(&page.lang),
                    title: page.title,
                };
                (
                    page.text,
                    meta,
                    vec![format!("html; {}", decoded.note), page.note],
                )
            }
            _ => {
                let decoded = decode::decode(bytes, None);
                (
                    decoded.text,
                    Meta::default(),
                    vec![format!("text; {}", decoded.note)],
                )
            }
        };
        if text.trim().is_empty() {
            return Err(self.unread(
                Status::Empty,
                format!("{}; no text in it", notes.join("; ")),
                len,
            ));
        }
        Ok(Document {
            doc_id: self.doc_id.clone(),
            path: self.path.clone(),
            format,
            meta: self.meta(meta),
            bytes: len,
            text,
            notes,
        })
    }
}

/// The host of an absolute URL (`https://www.example.org/a` -> `example.org`).
pub(crate) fn url_host(url: &str) -> Option<String> {
    let rest = url.split_once("://")?.1;
    let host = rest
        .split(['/', '?', '#', ':'])
        .next()?
        .to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (host.contains('.')).then(|| host.to_string())
}

/// `en-US`, `en_GB`, `EN` -> `en`; anything else -> empty.
fn language_code(lang: &str) -> String {
    let code = lang.trim().split(['-', '_']).next().unwrap_or("");
    if code.len() == 2 && code.chars().all(|c| c.is_ascii_alphabetic()) {
        code.to_ascii_lowercase()
    } else {
        String::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_extension() {
        assert_eq!(kind_of(Path::new("a/b.TXT")), Kind::Known(Format::Text));
        assert_eq!(kind_of(Path::new("b.htm")), Kind::Known(Format::Html));
        assert_eq!(kind_of(Path::new("b.ndjson")), Kind::Known(Format::Jsonl));
        assert_eq!(kind_of(Path::new("b.png")), Kind::Unsupported("png".into()));
        assert_eq!(kind_of(Path::new("README")), Kind::Sniff);
    }

    #[test]
    fn content_without_extension_is_sniffed() {
        assert_eq!(sniff_format(b"  {\"text\": \"x\"}\n"), Format::Jsonl);
        assert_eq!(sniff_format(b"<!DOCTYPE html><html>"), Format::Html);
        assert_eq!(sniff_format(b"<3 is a heart"), Format::Text);
        assert_eq!(sniff_format(b"Plain story."), Format::Text);
    }

    #[test]
    fn ids_hosts_and_language_codes() {
        assert_eq!(doc_id(Path::new("data/000_ab.txt")), "000_ab");
        assert_eq!(doc_id(Path::new("-")), "stdin");
        assert_eq!(
            url_host("https://www.Example.org/x?y").as_deref(),
            Some("example.org")
        );
        assert_eq!(url_host("not a url"), None);
        assert_eq!(language_code("en-US"), "en");
        assert_eq!(language_code("english"), "");
    }

    #[test]
    fn folders_are_walked_sorted_and_symlink_loops_end() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("sub/b.txt"), "b").unwrap();
        std::fs::write(dir.path().join("a.txt"), "a").unwrap();
        // Paths sort by component: the folder `a` before `a-b.txt`.
        std::fs::create_dir(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/x.txt"), "x").unwrap();
        std::fs::write(dir.path().join("a-b.txt"), "ab").unwrap();
        std::fs::write(dir.path().join(".hidden.txt"), "h").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.path(), dir.path().join("sub/loop")).unwrap();
        let found = inputs(&[dir.path().to_path_buf(), dir.path().join("a.txt")]).unwrap();
        let names: Vec<_> = found
            .iter()
            .map(|i| i.path.strip_prefix(dir.path()).unwrap().to_path_buf())
            .collect();
        assert_eq!(
            names,
            [
                PathBuf::from("a/x.txt"),
                "a-b.txt".into(),
                "a.txt".into(),
                "sub/b.txt".into(),
                "a.txt".into()
            ]
        );
        assert_eq!(
            found[4].duplicate_of.as_deref(),
            Some(dir.path().join("a.txt").as_path())
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_to_a_listed_file_is_its_duplicate() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("real")).unwrap();
        std::fs::write(dir.path().join("real/a.txt"), "a").unwrap();
        std::os::unix::fs::symlink(dir.path().join("real"), dir.path().join("via")).unwrap();
        std::os::unix::fs::symlink(dir.path().join("real/a.txt"), dir.path().join("z.txt"))
            .unwrap();
        let found = inputs(&[dir.path().to_path_buf(), dir.path().join("via/a.txt")]).unwrap();
        let first = dir.path().join("real/a.txt");
        assert_eq!(found[0].path, first);
        assert_eq!(found[0].duplicate_of, None);
        assert_eq!(found[1].path, dir.path().join("z.txt"));
        for repeat in &found[1..] {
            assert_eq!(repeat.duplicate_of.as_deref(), Some(first.as_path()));
        }
        assert_eq!(found.len(), 3, "the linked folder is walked once");
    }

    #[test]
    fn stdin_is_sniffed_and_read() {
        let input = Input {
            stdin: Some(b"A story from standard input.".to_vec()),
            ..Input::file("-")
        };
        let docs: Vec<_> = read(&input, &IngestConfig::default()).collect();
        let doc = docs[0].as_ref().unwrap();
        assert_eq!((doc.doc_id.as_str(), doc.format), ("stdin", Format::Text));
        assert_eq!(doc.meta.outlet, "stdin");
    }
}
