//! Writing reports: CSV tables an analyst opens in a spreadsheet, and graph
//! exports.
//!
//! Every CSV is UTF-8 with a header row and stable column names. Unless the
//! run asks for raw output, each cell is made safe for spreadsheets
//! ([`safe_cell`]). A run's reports are written into a temporary folder
//! inside the output folder and moved into place only when all are written,
//! so an interrupted run leaves the previous reports intact.

mod claims;
mod documents;
mod entities;
mod graph;
mod links;

use crate::config::ReportConfig;
use crate::model::{DocAnalysis, Resolution};
use crate::Analysis;
use rayon::prelude::*;
use std::borrow::Cow;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// One report file, produced as it is written: rows are made one at a time,
/// so a report never needs to fit in memory.
pub struct ReportFile<'a> {
    /// File name inside the output folder.
    pub name: &'static str,
    /// What it holds.
    pub body: Body<'a>,
}

impl<'a> ReportFile<'a> {
    /// A CSV report.
    pub fn table(
        name: &'static str,
        header: &'static [&'static str],
        rows: impl Iterator<Item = Vec<String>> + Send + 'a,
    ) -> ReportFile<'a> {
        ReportFile {
            name,
            body: Body::Table {
                header,
                rows: Box::new(rows),
            },
        }
    }

    /// A text report (GraphML, DOT) written by `write`.
    pub fn text(
        name: &'static str,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()> + Send + 'a,
    ) -> ReportFile<'a> {
        ReportFile {
            name,
            body: Body::Text(Box::new(write)),
        }
    }
}

/// The contents of a report file.
pub enum Body<'a> {
    /// A CSV table: header and rows of cells.
    Table {
        /// Column names.
        header: &'static [&'static str],
        /// Rows, each as long as the header.
        rows: Box<dyn Iterator<Item = Vec<String>> + Send + 'a>,
    },
    /// Text, written by the function.
    Text(WriteText<'a>),
}

/// Writes a text report to the file.
pub type WriteText<'a> = Box<dyn FnOnce(&mut dyn Write) -> io::Result<()> + Send + 'a>;

/// The documents and their entities: all that the reports of documents,
/// claims, mentions and entities read, so they can be written while
/// reconciliation still runs.
#[derive(Clone, Copy)]
pub struct Resolved<'a> {
    /// Every document, in report order.
    pub docs: &'a [DocAnalysis],
    /// Their entities.
    pub resolution: &'a Resolution,
}

impl<'a> Resolved<'a> {
    /// The resolved part of a whole analysis.
    pub fn of(analysis: &'a Analysis) -> Resolved<'a> {
        Resolved {
            docs: &analysis.docs,
            resolution: &analysis.resolution,
        }
    }
}

/// Builds some of the report files that need no reconciliation.
type ResolvedBuilder = for<'a> fn(Resolved<'a>) -> Vec<ReportFile<'a>>;

/// Builds some of the report files of reconciliation.
type ReconciledBuilder = for<'a> fn(&'a Analysis) -> Vec<ReportFile<'a>>;

/// Builders of the reports that need no reconciliation, in a fixed order.
/// Builders only set the files up; files are written in parallel, each row
/// by row.
const RESOLVED_BUILDERS: [ResolvedBuilder; 3] = [
    |a| vec![documents::file(a)],
    |a| vec![claims::file(a)],
    entities::files,
];

/// Builders of the reports of reconciliation, in a fixed order.
const RECONCILED_BUILDERS: [ReconciledBuilder; 5] = [
    |a| vec![links::links(a)],
    |a| vec![links::discrepancies(a)],
    |a| vec![links::agreements(a)],
    |a| vec![links::sources(a)],
    graph::files,
];

/// The reports of documents, claims, mentions and entities, in a fixed order.
pub fn resolved_files(resolved: Resolved<'_>) -> Vec<ReportFile<'_>> {
    RESOLVED_BUILDERS
        .iter()
        .flat_map(|build| build(resolved))
        .collect()
}

/// The reports of agreements, conflicts and sources, and the graph exports,
/// in a fixed order.
pub fn reconciled_files(analysis: &Analysis) -> Vec<ReportFile<'_>> {
    RECONCILED_BUILDERS
        .iter()
        .flat_map(|build| build(analysis))
        .collect()
}

/// Every report of an analysis, in a fixed order.
pub fn files(analysis: &Analysis) -> Vec<ReportFile<'_>> {
    let mut files = resolved_files(Resolved::of(analysis));
    files.extend(reconciled_files(analysis));
    files
}

/// Output buffer per report file: reports run to gigabytes on large
/// corpora, and fewer, larger writes cost less system time.
const WRITE_BUFFER: usize = 1 << 20;

/// Writes every report into `dir`, replacing earlier reports only once all
/// new ones are complete.
pub fn write_dir(analysis: &Analysis, dir: &Path, config: &ReportConfig) -> io::Result<()> {
    let mut staging = Staging::new(dir)?;
    staging.write(files(analysis), config)?;
    staging.commit()
}

/// Reports being written into a temporary folder inside the output folder:
/// they replace the reports there only when all are complete, so an
/// interrupted run leaves the previous reports intact.
pub struct Staging {
    /// The output folder.
    dir: PathBuf,
    /// The temporary folder, removed with whatever is left in it.
    temp: tempfile::TempDir,
    /// Files written so far.
    written: Vec<&'static str>,
}

impl Staging {
    /// Creates the output folder if need be, and a temporary folder in it.
    pub fn new(dir: &Path) -> io::Result<Staging> {
        fs::create_dir_all(dir).map_err(|e| with_path(e, dir))?;
        let temp = tempfile::Builder::new()
            .prefix(".crosscheck-")
            .tempdir_in(dir)
            .map_err(|e| with_path(e, dir))?;
        Ok(Staging {
            dir: dir.to_path_buf(),
            temp,
            written: Vec::new(),
        })
    }

    /// Writes report files, in parallel, into the temporary folder.
    pub fn write(&mut self, files: Vec<ReportFile<'_>>, config: &ReportConfig) -> io::Result<()> {
        let staging = self.temp.path();
        let written: Vec<&'static str> = files
            .into_par_iter()
            .with_max_len(1)
            .map(|file| {
                let path = staging.join(file.name);
                let out = fs::File::create(&path).map_err(|e| with_path(e, &path))?;
                write_body(
                    io::BufWriter::with_capacity(WRITE_BUFFER, out),
                    file.body,
                    config,
                )
                .map_err(|e| with_path(e, &path))?;
                Ok(file.name)
            })
            .collect::<io::Result<_>>()?;
        self.written.extend(written);
        Ok(())
    }

    /// Moves the files written into the output folder.
    pub fn commit(self) -> io::Result<()> {
        for name in self.written {
            let from = self.temp.path().join(name);
            let to = self.dir.join(name);
            fs::rename(&from, &to).map_err(|e| with_path(e, &to))?;
        }
        Ok(())
    }
}

/// Writes one report file's contents.
fn write_body<W: Write>(mut out: W, body: Body, config: &ReportConfig) -> io::Result<()> {
    match body {
        Body::Text(write) => {
            write(&mut out)?;
            out.flush()
        }
        Body::Table { header, rows } => write_table(out, header, rows, config),
    }
}

/// The bytes of one report file.
pub fn render(body: Body, config: &ReportConfig) -> io::Result<Vec<u8>> {
    let mut out = Vec::new();
    write_body(&mut out, body, config)?;
    Ok(out)
}

fn with_path(err: io::Error, path: &Path) -> io::Error {
    io::Error::new(err.kind(), format!("{}: {err}", path.display()))
}

/// Makes a cell safe to open in a spreadsheet.
///
/// Control characters and invisible formatting characters (bidirectional
/// controls, zero-width spaces and joiners) are removed: a cell must not
/// reorder or hide what an analyst reads. Line breaks are kept. A cell that a
/// spreadsheet would evaluate, one whose first non-blank character is `=`,
/// `+`, `-` or `@`, or that starts with a tab or carriage return, gets a
/// leading apostrophe, as OWASP recommends against CSV injection. Plain
/// negative numbers are left alone: they evaluate to themselves.
pub fn safe_cell(cell: &str) -> Cow<'_, str> {
    let cleaned: Cow<str> = if has_unsafe_char(cell) {
        Cow::Owned(cell.chars().filter(|c| !is_unsafe_char(*c)).collect())
    } else {
        Cow::Borrowed(cell)
    };
    let starts_risky = cleaned.starts_with(['\t', '\r'])
        || cleaned.trim_start().starts_with([
            '=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
        ]);
    if starts_risky && !is_plain_number(&cleaned) {
        Cow::Owned(format!("'{cleaned}"))
    } else {
        cleaned
    }
}

/// Every byte of every report passes here: printable ASCII, the bulk of
/// most reports, is checked a block at a time (a loop without early exit,
/// which the compiler vectorises), the rest a byte at a time, and only
/// what is not ASCII is decoded.
fn has_unsafe_char(cell: &str) -> bool {
    const BLOCK: usize = 32;
    let plain = cell
        .as_bytes()
        .chunks_exact(BLOCK)
        .take_while(|block| {
            block
                .iter()
                .fold(true, |all, b| all & matches!(b, b' '..=b'~'))
        })
        .count()
        * BLOCK;
    let rest = &cell[plain..];
    let printable = |b: u8| matches!(b, b' '..=b'~' | b'\n' | b'\r' | b'\t');
    match rest.bytes().position(|b| !printable(b)) {
        None => false,
        Some(at) => rest[at..].chars().any(is_unsafe_char),
    }
}

fn is_unsafe_char(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\r' && c != '\t')
        || c == '\u{061C}'
        || crate::lexicon::is_invisible(c)
}

fn is_plain_number(cell: &str) -> bool {
    let digits = cell.strip_prefix('-').unwrap_or(cell);
    !digits.is_empty()
        && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
        && digits.chars().filter(|&c| c == '.').count() <= 1
        && !digits.starts_with('.')
}

/// Writes one table to any writer (used by `crosscheck names`).
pub fn write_table<W: Write>(
    out: W,
    header: &[&str],
    rows: impl IntoIterator<Item = impl AsRef<[String]>>,
    config: &ReportConfig,
) -> io::Result<()> {
    let mut writer = csv::WriterBuilder::new().from_writer(out);
    writer.write_record(header).map_err(io::Error::other)?;
    for row in rows {
        let row = row.as_ref();
        debug_assert_eq!(row.len(), header.len());
        if config.raw_csv {
            writer.write_record(row).map_err(io::Error::other)?;
        } else {
            for cell in row {
                writer
                    .write_field(safe_cell(cell).as_bytes())
                    .map_err(io::Error::other)?;
            }
            writer
                .write_record(None::<&[u8]>)
                .map_err(io::Error::other)?;
        }
    }
    writer.flush()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn staged_reports_replace_earlier_ones_only_when_committed() {
        let dir = tempfile::tempdir().unwrap();
        let claims = dir.path().join("claims.csv");
        fs::write(&claims, "earlier").unwrap();
        let analysis = Analysis {
            docs: Vec::new(),
            resolution: Resolution::default(),
            reconciliation: Default::default(),
        };
        let config = ReportConfig::default();
        let mut staging = Staging::new(dir.path()).unwrap();
        staging
            .write(resolved_files(Resolved::of(&analysis)), &config)
            .unwrap();
        staging.write(reconciled_files(&analysis), &config).unwrap();
        assert_eq!(fs::read_to_string(&claims).unwrap(), "earlier");
        staging.commit().unwrap();
        assert!(fs::read_to_string(&claims)
            .unwrap()
            .starts_with("claim_id,doc_id,"));
        let mut left: Vec<String> = fs::read_dir(dir.path())
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        let mut expected: Vec<&str> = files(&analysis).iter().map(|f| f.name).collect();
        expected.sort();
        assert_eq!(left, expected, "every report, and no staging folder left");
    }

    proptest! {
        #[test]
        fn byte_scan_agrees_with_char_scan(cell in "[ -~\\x00-\\x1f\\x7f\u{80}-\u{ff}\u{200b}-\u{200f}\u{202a}-\u{202e}é]{0,100}") {
            prop_assert_eq!(has_unsafe_char(&cell), cell.chars().any(is_unsafe_char));
        }
    }

    #[test]
    fn neutralises_formulas() {
        for attack in [
            "=HYPERLINK(\"http://x\",\"y\")",
            "=cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0",
            "+1+1",
            "-2+3",
            "  =1+1",
            "\t=1",
            "\r=1",
        ] {
            let safe = safe_cell(attack);
            assert!(safe.starts_with('\''), "{attack:?} -> {safe:?}");
        }
    }

    #[test]
    fn leaves_ordinary_cells_and_numbers_alone() {
        assert_eq!(safe_cell("al-Qaeda"), "al-Qaeda");
        assert_eq!(safe_cell("-12"), "-12");
        assert_eq!(safe_cell("0.95"), "0.95");
        assert_eq!(safe_cell("line\nbreak"), "line\nbreak");
    }

    #[test]
    fn strips_characters_after_plain_ascii() {
        assert_eq!(
            safe_cell("plain text then \u{7f}del"),
            "plain text then del"
        );
        assert_eq!(safe_cell("Zürich\u{200b} x"), "Zürich x");
        assert_eq!(safe_cell("ascii then é"), "ascii then é");
        let long = format!("{}\u{200b}{}", "a".repeat(70), "b".repeat(40));
        assert_eq!(
            safe_cell(&long),
            format!("{}{}", "a".repeat(70), "b".repeat(40))
        );
    }

    #[test]
    fn strips_bidi_and_control_characters() {
        assert_eq!(safe_cell("ab\u{202E}cd\u{0}e"), "abcde");
        assert_eq!(safe_cell("\u{2066}=1"), "'=1");
        assert_eq!(safe_cell("Tali\u{200b}ban"), "Taliban");
    }
}
