//! Writing reports: CSV tables an analyst opens in a spreadsheet, and graph
//! exports.
//!
//! Every CSV is UTF-8 with a header row and stable column names. Unless the
//! run asks for raw output, each cell is made safe for spreadsheets
//! ([`safe_cell`]). A run's reports are written into a temporary folder
//! inside the output folder and moved into place only when all are written,
//! so an interrupted run leaves the previous reports intact.

mod claims;
mod direct;
mod documents;
mod entities;
mod graph;
mod links;

use crate::config::ReportConfig;
use crate::Analysis;
use direct::ReportWriter;
use rayon::prelude::*;
use std::borrow::Cow;
use std::fmt;
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
    /// A CSV report: one row per item, its cells written by `write_row`.
    pub fn table<T>(
        name: &'static str,
        header: &'static [&'static str],
        mut items: impl Iterator<Item = T> + Send + 'a,
        write_row: impl Fn(&mut Row<'_>, T) + Send + 'a,
    ) -> ReportFile<'a> {
        ReportFile {
            name,
            body: Body::Table {
                header,
                rows: Box::new(move |row| items.next().map(|item| write_row(row, item)).is_some()),
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
        rows: Rows<'a>,
    },
    /// Text, written by the function.
    Text(WriteText<'a>),
}

/// Writes the next row of a table into the (cleared) row it is given;
/// false once there are no more rows. Rows reuse one buffer, so writing a
/// table allocates nothing per row or cell.
pub type Rows<'a> = Box<dyn FnMut(&mut Row<'_>) -> bool + Send + 'a>;

/// Writes a text report to the file.
pub type WriteText<'a> = Box<dyn FnOnce(&mut dyn Write) -> io::Result<()> + Send + 'a>;

/// One row of a table being written: builders add its cells in column
/// order. Text is made safe for spreadsheets ([`safe_cell`]) unless the run
/// asks for raw output; integers and words of our own vocabulary, which are
/// safe by construction, are written as they are.
pub struct Row<'r> {
    line: &'r mut CsvLine,
    scratch: &'r mut String,
    raw: bool,
}

impl Row<'_> {
    /// A cell of text.
    pub fn text(&mut self, cell: &str) -> &mut Self {
        push_text(self.line, self.raw, cell);
        self
    }

    /// A cell of formatted text (an id built from parts, a rounded score,
    /// `format_args!`), formatted into a reused buffer.
    pub fn display(&mut self, cell: impl fmt::Display) -> &mut Self {
        self.scratch.clear();
        // Writing into a String cannot fail.
        let _ = fmt::Write::write_fmt(self.scratch, format_args!("{cell}"));
        push_text(self.line, self.raw, self.scratch);
        self
    }

    /// A cell holding an integer.
    pub fn int(&mut self, value: impl itoa::Integer) -> &mut Self {
        // Digits never need quotes.
        self.line
            .push_classified(itoa::Buffer::new().format(value).as_bytes(), 0);
        self
    }

    /// A cell holding a word of our own vocabulary (a kind, type or
    /// relation name), which [`safe_cell`] would leave as it is.
    pub fn word(&mut self, word: &'static str) -> &mut Self {
        debug_assert_eq!(safe_cell(word), word);
        self.line.push_field(word.as_bytes());
        self
    }

    /// An empty cell.
    pub fn empty(&mut self) -> &mut Self {
        self.line.push_field(b"");
        self
    }
}

/// Appends a cell of text, made safe unless `raw`. One scan of the bytes
/// ([`byte_class`]) tells whether the cell could need cleaning or quoting;
/// most cells need neither, and are copied as they are.
fn push_text(line: &mut CsvLine, raw: bool, cell: &str) {
    let class = byte_class(cell.as_bytes());
    let clean =
        raw || ((class & MAY_START_UNSAFE == 0 || !has_unsafe_char(cell)) && !starts_risky(cell));
    if clean {
        line.push_classified(cell.as_bytes(), class);
    } else {
        line.push_field(safe_cell(cell).as_bytes());
    }
}

/// What a byte may call for in a cell: a bit set of [`MAY_START_UNSAFE`]
/// and [`NEEDS_QUOTES`].
static BYTE_CLASS: [u8; 256] = {
    let mut table = [0; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = match byte as u8 {
            b'\r' | b'\n' => NEEDS_QUOTES,
            b'\t' => 0,
            _ => MAY_START_UNSAFE,
        };
        byte += 1;
    }
    table[b',' as usize] = NEEDS_QUOTES;
    table[b'"' as usize] = NEEDS_QUOTES;
    table[0x7F] = MAY_START_UNSAFE;
    table[0xC2] = MAY_START_UNSAFE;
    table[0xD8] = MAY_START_UNSAFE;
    table[0xE2] = MAY_START_UNSAFE;
    table[0xEF] = MAY_START_UNSAFE;
    table
};

/// The byte can start a character [`safe_cell`] removes in UTF-8: ASCII
/// controls but line breaks and tabs, DEL, and the lead bytes of C1
/// controls and the soft hyphen (0xC2), U+061C (0xD8), the invisible
/// formatting characters of U+2000-U+2FFF (0xE2) and U+FEFF (0xEF).
const MAY_START_UNSAFE: u8 = 1;
/// A CSV field holding the byte is quoted: comma, quote, line breaks.
const NEEDS_QUOTES: u8 = 2;

/// The [`BYTE_CLASS`] bits of all bytes of a cell.
fn byte_class(bytes: &[u8]) -> u8 {
    unplain_blocks(bytes).fold(0, |class, (_, block)| {
        block
            .iter()
            .fold(class, |class, &b| class | BYTE_CLASS[usize::from(b)])
    })
}

/// The parts of a cell that need a look, with their offsets. Every byte of
/// every table passes here: blocks of plain ASCII (printable, no comma or
/// quote), the bulk of most reports, are passed over a block at a time (a
/// loop without early exit over a block of fixed size, which the compiler
/// vectorises); the other blocks and the tail are looked at byte by byte.
fn unplain_blocks(bytes: &[u8]) -> impl Iterator<Item = (usize, &[u8])> {
    const BLOCK: usize = 32;
    let blocks = bytes.chunks_exact(BLOCK);
    let tail = blocks.remainder();
    let plain = |block: &[u8]| {
        block.iter().fold(true, |all, &b| {
            all & matches!(b, b' '..=b'~') & (b != b',') & (b != b'"')
        })
    };
    blocks
        .enumerate()
        .filter(move |(_, block)| !plain(block))
        .map(|(n, block)| (n * BLOCK, block))
        .chain(std::iter::once((bytes.len() - tail.len(), tail)))
}

/// One CSV line, encoded as the `csv` crate's writer encodes it by default
/// (fields quoted only when they hold a comma, a quote or a line break,
/// quotes doubled, lines ended by `\n`), in a buffer reused for every line.
/// Encoding here rather than through `csv::Writer` spares a copy and a
/// scan of every field: the tables run to gigabytes.
#[derive(Default)]
struct CsvLine {
    bytes: Vec<u8>,
    fields: usize,
}

impl CsvLine {
    fn push_field(&mut self, field: &[u8]) {
        self.push_classified(field, byte_class(field));
    }

    /// Appends a field whose [`byte_class`] is known.
    fn push_classified(&mut self, field: &[u8], class: u8) {
        if self.fields > 0 {
            self.bytes.push(b',');
        }
        self.fields += 1;
        if class & NEEDS_QUOTES == 0 {
            self.bytes.extend_from_slice(field);
            return;
        }
        self.bytes.push(b'"');
        let mut plain = 0;
        for quote in memchr::memchr_iter(b'"', field) {
            self.bytes.extend_from_slice(&field[plain..=quote]);
            self.bytes.push(b'"');
            plain = quote + 1;
        }
        self.bytes.extend_from_slice(&field[plain..]);
        self.bytes.push(b'"');
    }

    /// Ends the line, writes it out and clears it for the next one.
    fn finish(&mut self, out: &mut impl Write) -> io::Result<()> {
        if self.bytes.is_empty() {
            // A line of one empty field, quoted so it is not a blank line.
            self.bytes.extend_from_slice(b"\"\"");
        }
        self.bytes.push(b'\n');
        out.write_all(&self.bytes)?;
        self.bytes.clear();
        self.fields = 0;
        Ok(())
    }
}

/// Builds some of the report files of an analysis.
type Builder = for<'a> fn(&'a Analysis) -> Vec<ReportFile<'a>>;

/// Every report builder, in a fixed order. Builders only set the files
/// up; files are written in parallel, each row by row.
const BUILDERS: [Builder; 8] = [
    |a| vec![documents::file(a)],
    |a| vec![claims::file(a)],
    entities::files,
    |a| vec![links::links(a)],
    |a| vec![links::discrepancies(a)],
    |a| vec![links::agreements(a)],
    |a| vec![links::sources(a)],
    graph::files,
];

/// Every report of an analysis, in a fixed order.
pub fn files(analysis: &Analysis) -> Vec<ReportFile<'_>> {
    BUILDERS.iter().flat_map(|build| build(analysis)).collect()
}

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

    /// Writes report files, in parallel, into the temporary folder. Each
    /// thread takes the next file in [`start_rank`] order as it frees up.
    pub fn write(
        &mut self,
        mut files: Vec<ReportFile<'_>>,
        config: &ReportConfig,
    ) -> io::Result<()> {
        let staging = self.temp.path();
        files.sort_by_key(|file| start_rank(file.name));
        let written: Vec<&'static str> = files
            .into_iter()
            .par_bridge()
            .map(|file| {
                let path = staging.join(file.name);
                let mut out =
                    ReportWriter::create(&path, direct::CHUNK).map_err(|e| with_path(e, &path))?;
                write_body(&mut out, file.body, config)
                    .and_then(|()| out.finish())
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

/// The files worth starting first, largest first: handed out in this
/// order, the two cores finish close together (the longest-processing-time
/// rule). The GraphML export builds the graph both graph exports share
/// ([`graph::files`]), so it starts first and the DOT export, started
/// later, finds the graph built rather than waiting for it.
const START_FIRST: [&str; 5] = [
    "graph.graphml",
    "claims.csv",
    "links.csv",
    "graph.dot",
    "mentions.csv",
];

/// Where a file comes in the order files are started: those of
/// [`START_FIRST`], then the others, in the order given.
fn start_rank(name: &str) -> usize {
    START_FIRST
        .iter()
        .position(|&first| first == name)
        .unwrap_or(START_FIRST.len())
}

/// Writes one report file's contents. Kept out of line so that a profiler
/// can count the work of every file, whichever thread writes it (callgrind
/// `--toggle-collect='*report*write_body*'`).
#[inline(never)]
fn write_body<W: Write>(mut out: W, body: Body, config: &ReportConfig) -> io::Result<()> {
    match body {
        Body::Text(write) => {
            write(&mut out)?;
            out.flush()
        }
        Body::Table { header, mut rows } => write_rows(out, header, &mut rows, config),
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
    if starts_risky(&cleaned) && !is_plain_number(&cleaned) {
        Cow::Owned(format!("'{cleaned}"))
    } else {
        cleaned
    }
}

/// Whether a spreadsheet could read the cell as a formula. Most cells start
/// with a visible ASCII character, which decides at once.
fn starts_risky(cell: &str) -> bool {
    match cell.as_bytes().first() {
        Some(first) if first.is_ascii_graphic() => matches!(first, b'=' | b'+' | b'-' | b'@'),
        _ => {
            cell.starts_with(['\t', '\r'])
                || cell.trim_start().starts_with([
                    '=', '+', '-', '@', '\u{FF1D}', '\u{FF0B}', '\u{FF0D}', '\u{FF20}',
                ])
        }
    }
}

/// Whether the cell holds a character [`safe_cell`] removes: only the
/// bytes that can start one ([`MAY_START_UNSAFE`]) lead to decoding a
/// character.
fn has_unsafe_char(cell: &str) -> bool {
    unplain_blocks(cell.as_bytes()).any(|(start, block)| {
        block.iter().enumerate().any(|(i, &b)| {
            BYTE_CLASS[usize::from(b)] & MAY_START_UNSAFE != 0
                && cell[start + i..].chars().next().is_some_and(is_unsafe_char)
        })
    })
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

/// Writes one table of string cells to any writer (used by `crosscheck
/// names`).
pub fn write_table<W: Write>(
    out: W,
    header: &[&str],
    rows: impl IntoIterator<Item = impl AsRef<[String]>>,
    config: &ReportConfig,
) -> io::Result<()> {
    let mut rows = rows.into_iter();
    write_rows(
        out,
        header,
        &mut |row| {
            rows.next()
                .map(|cells| {
                    for cell in cells.as_ref() {
                        row.text(cell);
                    }
                })
                .is_some()
        },
        config,
    )
}

/// Writes a header and rows, all through one reused line buffer.
fn write_rows<W: Write>(
    mut out: W,
    header: &[&str],
    next_row: &mut dyn FnMut(&mut Row<'_>) -> bool,
    config: &ReportConfig,
) -> io::Result<()> {
    let mut line = CsvLine::default();
    for name in header {
        line.push_field(name.as_bytes());
    }
    line.finish(&mut out)?;
    let mut scratch = String::new();
    loop {
        let mut row = Row {
            line: &mut line,
            scratch: &mut scratch,
            raw: config.raw_csv,
        };
        if !next_row(&mut row) {
            break;
        }
        debug_assert_eq!(line.fields, header.len());
        line.finish(&mut out)?;
    }
    out.flush()
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
            resolution: crate::model::Resolution::default(),
            reconciliation: Default::default(),
        };
        let config = ReportConfig::default();
        let mut staging = Staging::new(dir.path()).unwrap();
        staging.write(files(&analysis), &config).unwrap();
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
        fn byte_scan_agrees_with_char_scan(cell in "[ -~\\x00-\\x1f\\x7f\u{80}-\u{ff}\u{600}-\u{620}\u{2000}-\u{206f}\u{feff}\u{fffe}é“”]{0,100}") {
            prop_assert_eq!(has_unsafe_char(&cell), cell.chars().any(is_unsafe_char));
        }
    }

    proptest! {
        #[test]
        fn lines_are_encoded_as_the_csv_crate_encodes_them(
            rows in proptest::collection::vec(proptest::collection::vec("[a-c ,\"\r\n'=é]{0,6}|[a-c ,\"\r\n]{30,70}", 1..4), 0..4)
        ) {
            let mut ours = Vec::new();
            let mut line = CsvLine::default();
            for row in &rows {
                for field in row {
                    line.push_field(field.as_bytes());
                }
                line.finish(&mut ours).unwrap();
            }
            let mut theirs = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
            for row in &rows {
                theirs.write_record(row).unwrap();
            }
            prop_assert_eq!(String::from_utf8(ours).unwrap(), String::from_utf8(theirs.into_inner().unwrap()).unwrap());
        }
    }

    proptest! {
        #[test]
        fn text_cells_are_written_in_their_safe_form(
            cell in "[ -~\\x00-\\x1f\\x7f\u{80}-\u{ff}\u{2000}-\u{206f}\u{feff}\u{ff0b}é“”]{0,80}"
        ) {
            for raw in [false, true] {
                let (mut written, mut expected) = (CsvLine::default(), CsvLine::default());
                push_text(&mut written, raw, &cell);
                let safe = if raw { cell.as_str().into() } else { safe_cell(&cell) };
                expected.push_field(safe.as_bytes());
                prop_assert_eq!(written.bytes, expected.bytes);
            }
        }
    }

    #[test]
    fn every_unsafe_character_starts_with_a_flagged_byte() {
        let mut utf8 = [0; 4];
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_unsafe_char(c))
        {
            let first = c.encode_utf8(&mut utf8).as_bytes()[0];
            assert!(
                BYTE_CLASS[usize::from(first)] & MAY_START_UNSAFE != 0,
                "{c:?}"
            );
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
