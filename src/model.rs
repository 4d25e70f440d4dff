//! Plain data types that flow between the pipeline stages.
//!
//! Stages pass these by value or shared reference; nothing here holds shared
//! mutable state. Items refer to each other by index, never by reference:
//! a [`Mention`] names its sentence by [`Mention::sentence`], a [`Claim`]
//! names its mentions by index into [`DocAnalysis::mentions`].
//!
//! **Offsets.** Every `start`/`end` pair that reaches a report is a
//! *character* offset (Unicode scalar values, as Python slices strings) into
//! the document's decoded input text ([`Document::text`]). Byte ranges are
//! used only inside a stage and are named `*_byte` or typed [`ByteSpan`].

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;
use std::sync::Arc;

/// A half-open byte range into a text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ByteSpan {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl ByteSpan {
    /// Builds a span; `start <= end` is the caller's promise.
    pub fn new(start: usize, end: usize) -> ByteSpan {
        debug_assert!(start <= end);
        ByteSpan { start, end }
    }

    /// The spanned text.
    pub fn text<'t>(&self, text: &'t str) -> &'t str {
        &text[self.start..self.end]
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// True when the span covers nothing.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// As a `Range` for slicing.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// Input formats crosscheck reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text in any encoding.
    Text,
    /// An HTML page; its decoded input is the text of its main content.
    Html,
    /// One article per line of JSON Lines.
    Jsonl,
}

/// What became of one input document; a column of `documents.csv`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Read and analysed.
    Ok,
    /// Read, but no article text was left after cleaning.
    Empty,
    /// Not read: not an article format, too large, or a duplicate path.
    Skipped,
    /// Could not be read or decoded.
    Error,
}

impl Status {
    /// The word written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Empty => "empty",
            Status::Skipped => "skipped",
            Status::Error => "error",
        }
    }
}

/// Where a document came from and who published it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Meta {
    /// The publishing outlet (manifest, page metadata, or the doc id).
    pub outlet: String,
    /// Canonical URL when known.
    pub url: String,
    /// Publication date when known; never guessed from page furniture.
    pub published: Option<NaiveDate>,
    /// ISO 639-1 code of the article's language when known or detected.
    pub language: String,
    /// Headline when the source format carries one.
    pub title: String,
}

/// One input document, decoded to text and ready for cleaning.
#[derive(Clone, Debug)]
pub struct Document {
    /// Stable id: the file stem, or `stem-LINE` for a JSON Lines record.
    pub doc_id: String,
    /// Path as given on the command line (or `-`), for reports.
    pub path: String,
    /// Format it was read as.
    pub format: Format,
    /// Metadata from the manifest or the document itself.
    pub meta: Meta,
    /// Size of the raw input in bytes.
    pub bytes: u64,
    /// The decoded input: every offset in every report points into this.
    pub text: String,
    /// Notes from reading (encoding detected, fields used), for `documents.csv`.
    pub notes: Vec<String>,
}

/// A document that could not be turned into text, with the reason.
#[derive(Clone, Debug)]
pub struct Unread {
    /// Stable id, as for [`Document::doc_id`].
    pub doc_id: String,
    /// Path as given.
    pub path: String,
    /// `Skipped`, `Error`, or `Empty` for an input with no bytes.
    pub status: Status,
    /// Why, in words.
    pub note: String,
    /// Size of the raw input in bytes, when known.
    pub bytes: u64,
    /// Metadata from the manifest, when it names this file.
    pub meta: Meta,
}

/// A maximal run of kept article text: the cleaner's unit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paragraph {
    /// Byte span into [`Document::text`].
    pub span: ByteSpan,
}

/// The article body of a document after boilerplate removal.
#[derive(Clone, Debug, Default)]
pub struct Cleaned {
    /// Kept paragraphs in document order; spans never overlap.
    pub paragraphs: Vec<Paragraph>,
    /// Language detected for the article body (ISO 639-1), or empty.
    pub language: String,
    /// Why paragraphs were dropped, e.g. `dropped 12 boilerplate, 9 repeated`.
    pub note: String,
}

/// One sentence of kept text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// Position among the document's sentences, from 0.
    pub index: usize,
    /// Index of its paragraph in [`Cleaned::paragraphs`].
    pub paragraph: usize,
    /// Byte span into [`Document::text`].
    pub span: ByteSpan,
    /// Character offset of the sentence's first character in the decoded input.
    pub char_start: usize,
    /// Exactly `document.text[span]`.
    pub text: String,
}

impl Sentence {
    /// Character offsets in the decoded input of a byte range local to this
    /// sentence's text. Cites a span of a sentence in report coordinates.
    pub fn char_range(&self, local: Range<usize>) -> (usize, usize) {
        let start = self.char_start + self.text[..local.start].chars().count();
        let end = start + self.text[local.start..local.end].chars().count();
        (start, end)
    }

    /// Character offsets of the whole sentence in the decoded input.
    pub fn char_span(&self) -> (usize, usize) {
        self.char_range(0..self.text.len())
    }
}

/// Entity types.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// A person.
    Person,
    /// An organisation, group, agency or company.
    Org,
    /// A country, city, region or other place.
    Place,
    /// Another named thing (an event, a document, a work).
    Other,
}

impl EntityType {
    /// The word written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Person => "PERSON",
            EntityType::Org => "ORG",
            EntityType::Place => "PLACE",
            EntityType::Other => "OTHER",
        }
    }
}

impl fmt::Display for EntityType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A position or index within one document, in 32 bits: documents are far
/// smaller than 4 GiB (ingest caps them, see [`crate::config`]), and the
/// items that carry these are kept for every document of a run.
pub type DocIndex = u32;

/// `value` as a [`DocIndex`], saturating (never reached: documents are capped).
pub fn doc_index(value: usize) -> DocIndex {
    DocIndex::try_from(value).unwrap_or(DocIndex::MAX)
}

/// A name found in a sentence.
///
/// Every mention of a run is kept until the reports are written, so
/// indices and offsets are [`DocIndex`]es (read them with the accessors of
/// the same name), and the mentions of a document with the same evidence
/// text (built from a few templates) share one copy.
#[derive(Clone, Debug, PartialEq)]
pub struct Mention {
    /// Index of the sentence in [`DocAnalysis::sentences`].
    pub sentence: DocIndex,
    /// Byte range of the name within the sentence text (title excluded);
    /// [`Mention::local_bytes`] to slice with.
    pub local: Range<DocIndex>,
    /// Character offsets of the name in the decoded input.
    pub start: DocIndex,
    /// One past the last character.
    pub end: DocIndex,
    /// Byte range within the sentence text of the title or role written
    /// before the name ("First Vice President"), empty if there is none;
    /// [`Mention::role`] to read it.
    pub role_local: Range<DocIndex>,
    /// Type from cues in the text; resolution may refine it.
    pub entity_type: EntityType,
    /// Index of the mention in the same document whose full name this short
    /// form stands for ("Merkel" -> "Angela Merkel", "IAEA" -> its definition).
    pub refers_to: Option<DocIndex>,
    /// Why it was typed or linked as it was, in words.
    pub evidence: Arc<str>,
}

impl Mention {
    /// Index of the sentence in [`DocAnalysis::sentences`].
    pub fn sentence(&self) -> usize {
        self.sentence as usize
    }

    /// Index of the mention whose full name this short form stands for.
    pub fn refers_to(&self) -> Option<usize> {
        self.refers_to.map(|m| m as usize)
    }

    /// [`Mention::local`] as a range to slice the sentence text with.
    pub fn local_bytes(&self) -> Range<usize> {
        self.local.start as usize..self.local.end as usize
    }

    /// The name exactly as written (without a leading title or trailing
    /// possessive), read from `sentences`, its document's: a slice of its
    /// sentence rather than a copy, since every mention of a run is kept.
    /// Empty for sentences of another document that do not reach it.
    pub fn surface<'s>(&self, sentences: &'s [Sentence]) -> &'s str {
        self.in_sentence(sentences, &self.local).unwrap_or_default()
    }

    /// The title or role written before the name, if any, read from
    /// `sentences` as [`Mention::surface`] is.
    pub fn role<'s>(&self, sentences: &'s [Sentence]) -> Option<&'s str> {
        if self.role_local.is_empty() {
            return None;
        }
        self.in_sentence(sentences, &self.role_local)
    }

    /// The text of a byte range of the mention's sentence.
    fn in_sentence<'s>(
        &self,
        sentences: &'s [Sentence],
        local: &Range<DocIndex>,
    ) -> Option<&'s str> {
        let text = &sentences.get(self.sentence())?.text;
        text.get(local.start as usize..local.end as usize)
    }
}

/// Kinds of claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    /// Someone said something.
    Statement,
    /// A count or measure of something.
    Quantity,
    /// A date or time something happened.
    Time,
    /// Someone holds a title or function.
    Role,
    /// Subject-predicate-object: who did what to whom.
    Relation,
}

impl ClaimKind {
    /// The word written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ClaimKind::Statement => "statement",
            ClaimKind::Quantity => "quantity",
            ClaimKind::Time => "time",
            ClaimKind::Role => "role",
            ClaimKind::Relation => "relation",
        }
    }
}

/// How exactly a quantity was stated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ValueKind {
    /// "1,200", "three".
    Exact,
    /// "approximately 1,200", "around 40", "nearly 9,000".
    Approximate,
    /// "200 to 500", "between 5,000 and 6,000".
    Range,
    /// "at least 150", "more than 2,000", "up to 10".
    Bound,
    /// "hundreds", "several", "dozens".
    Vague,
}

impl ValueKind {
    /// The word written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            ValueKind::Exact => "exact",
            ValueKind::Approximate => "approximate",
            ValueKind::Range => "range",
            ValueKind::Bound => "bound",
            ValueKind::Vague => "vague",
        }
    }
}

/// A stated quantity as an interval.
#[derive(Clone, Debug, PartialEq)]
pub struct Quantity {
    /// Lowest value the statement allows.
    pub low: f64,
    /// Highest value the statement allows (`f64::INFINITY` for open bounds).
    pub high: f64,
    /// How it was stated.
    pub kind: ValueKind,
    /// What is counted ("fighters", "soldiers", "percent").
    pub unit: String,
}

/// Precision of a stated time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Granularity {
    /// A year ("2020").
    Year,
    /// A month ("February 2020").
    Month,
    /// A day ("February 29, 2020").
    Day,
    /// An interval ("in recent months", "last week").
    Interval,
}

impl Granularity {
    /// The word written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Granularity::Year => "year",
            Granularity::Month => "month",
            Granularity::Day => "day",
            Granularity::Interval => "interval",
        }
    }
}

/// A stated time, resolved as far as the text allows.
///
/// `start`/`end` are ISO-8601 prefixes: `2020`, `2020-02`, `2020-02-29`, or a
/// partial date with unknown year written `XXXX-12-27` (EDTF, ISO 8601-2
/// unspecified digits), which a spreadsheet shows as is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimeRef {
    /// First day (or prefix) covered.
    pub start: String,
    /// Last day (or prefix) covered.
    pub end: String,
    /// Precision.
    pub granularity: Granularity,
    /// The words that stated it ("on February 29, 2020", "last week").
    pub text: String,
}

/// Asserted or negated.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Polarity {
    /// Stated as true.
    Asserted,
    /// Stated as false, denied or not confirmed.
    Negated,
}

impl Polarity {
    /// The word written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Polarity::Asserted => "asserted",
            Polarity::Negated => "negated",
        }
    }
}

/// A participant of a claim: words from the text, and the mention they name if any.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Arg {
    /// The words as written ("a rebel commander", "Hezbollah").
    pub text: Box<str>,
    /// Index into [`DocAnalysis::mentions`] of the mention these words
    /// name; [`Arg::mention`] to index with.
    pub mention: Option<DocIndex>,
}

impl Arg {
    /// Index into [`DocAnalysis::mentions`] of the mention these words name.
    pub fn mention(&self) -> Option<usize> {
        self.mention.map(|m| m as usize)
    }
}

/// One structured claim, citing its exact span.
///
/// Every claim of a run is kept until the reports are written, so the
/// rare parts (a quantity, a place, an organisation) are boxed, a time is
/// shared by the claims it dates and a speaker by the claims of its
/// statement, offsets are [`DocIndex`]es: the common claim stays small.
#[derive(Clone, Debug, PartialEq)]
pub struct Claim {
    /// Index of its (first) sentence in [`DocAnalysis::sentences`];
    /// [`Claim::sentence`] to index with.
    pub sentence: DocIndex,
    /// What kind of claim.
    pub kind: ClaimKind,
    /// Who or what the claim is about.
    pub subject: Option<Arg>,
    /// Normalised predicate ("gain strength", "operate with", "has role", "count"),
    /// from the lexicon.
    pub predicate: &'static str,
    /// The other participant or the content.
    pub object: Option<Arg>,
    /// A stated quantity.
    pub quantity: Option<Box<Quantity>>,
    /// The time the claim is about, when stated.
    pub time: Option<Arc<TimeRef>>,
    /// Who said it, for statements and attributed claims.
    pub speaker: Option<Arc<Arg>>,
    /// True when the speaker is named ("Merkel", "the Interior Ministry"),
    /// false for a description ("a rebel commander") or no speaker.
    pub speaker_named: bool,
    /// Where it happened or what a count is of a place ("in Syria").
    pub place: Option<Box<Arg>>,
    /// The organisation a role belongs to ("of Germany", "NATO").
    pub org: Option<Box<Arg>>,
    /// The attribution cue ("said", "according to", "told NBC News"),
    /// shared by the claims of one statement.
    pub cue: Arc<str>,
    /// Asserted or negated.
    pub polarity: Polarity,
    /// Hedged ("believed", "likely", "reportedly").
    pub hedged: bool,
    /// Character offset in the decoded input of the cited text, which is
    /// the claim's sentence ([`DocAnalysis::sentence_text`]).
    pub start: DocIndex,
    /// One past the last character.
    pub end: DocIndex,
}

impl Claim {
    /// Index of its (first) sentence in [`DocAnalysis::sentences`].
    pub fn sentence(&self) -> usize {
        self.sentence as usize
    }
}

/// The id of a claim in every report: `DOCID:cN`, where N is the claim's
/// index in [`DocAnalysis::claims`]. Shared by `claims.csv` and the
/// reconciliation reports so their rows join.
pub fn claim_id(doc_id: &str, index: usize) -> String {
    ClaimId(doc_id, index).to_string()
}

/// A claim's id ([`claim_id`]) as it is written, without building a
/// String: reports write millions of them.
#[derive(Clone, Copy, Debug)]
pub struct ClaimId<'a>(pub &'a str, pub usize);

impl ClaimId<'_> {
    /// What stands between the document id and the claim's number.
    pub const SEPARATOR: &'static str = ":c";
}

impl fmt::Display for ClaimId<'_> {
    /// Written piece by piece, the number through `itoa`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.0)?;
        f.write_str(Self::SEPARATOR)?;
        f.write_str(itoa::Buffer::new().format(self.1))
    }
}

/// The row of `documents.csv`: what happened to one input.
#[derive(Clone, Debug, PartialEq)]
pub struct DocumentRecord {
    /// Stable id.
    pub doc_id: String,
    /// Path as given.
    pub path: String,
    /// Metadata.
    pub meta: Meta,
    /// Outcome.
    pub status: Status,
    /// Why, in words.
    pub note: String,
    /// Raw input size.
    pub bytes: u64,
    /// Characters of article text kept by the cleaner.
    pub kept_chars: usize,
    /// Kept paragraphs.
    pub paragraphs: usize,
    /// Sentences.
    pub sentences: usize,
}

/// Everything the per-document stages produce for one document. The full
/// decoded text is not kept: later stages need only sentences.
#[derive(Clone, Debug)]
pub struct DocAnalysis {
    /// The `documents.csv` row.
    pub record: DocumentRecord,
    /// Kept sentences.
    pub sentences: Vec<Sentence>,
    /// Names found, in text order.
    pub mentions: Vec<Mention>,
    /// Claims found, in text order.
    pub claims: Vec<Claim>,
}

impl DocAnalysis {
    /// The text of sentence `index` (empty if there is none): the text a
    /// claim of that sentence cites.
    pub fn sentence_text(&self, index: usize) -> &str {
        self.sentences.get(index).map_or("", |s| s.text.as_str())
    }
}

/// Points at one mention: document index in [`crate::Analysis::docs`], then
/// mention index in that document's [`DocAnalysis::mentions`]. Entities
/// hold one per mention of the run, so the indices are 32 bits (read them
/// with the accessors of the same name).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct MentionRef {
    /// Document index.
    pub doc: u32,
    /// Mention index within the document.
    pub mention: DocIndex,
}

impl MentionRef {
    /// Points at mention `mention` of document `doc` (saturating: never
    /// reached, a run is far smaller than 4 billion documents).
    pub fn new(doc: usize, mention: usize) -> MentionRef {
        MentionRef {
            doc: doc_index(doc),
            mention: doc_index(mention),
        }
    }

    /// Document index.
    pub fn doc(&self) -> usize {
        self.doc as usize
    }

    /// Mention index within the document.
    pub fn mention(&self) -> usize {
        self.mention as usize
    }
}

/// An entity: the mentions that name one person, group, place or thing.
#[derive(Clone, Debug, PartialEq)]
pub struct Entity {
    /// Stable id derived from the canonical name (survives re-runs).
    pub id: String,
    /// Canonical name.
    pub name: String,
    /// Type.
    pub entity_type: EntityType,
    /// Distinct surface forms, most frequent first.
    pub variants: Vec<String>,
    /// Its mentions, in document order.
    pub mentions: Vec<MentionRef>,
    /// Roles and titles seen with it.
    pub roles: Vec<String>,
    /// Warnings for the analyst (e.g. `mixed-script name`).
    pub flags: Vec<String>,
}

/// How a merge came about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Decision {
    /// Merged by the matcher's evidence.
    Auto,
    /// Merged because an analyst said so.
    Accepted,
    /// The matcher would merge, an analyst said split: kept apart.
    Rejected,
}

impl Decision {
    /// The word written in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            Decision::Auto => "auto",
            Decision::Accepted => "accepted",
            Decision::Rejected => "rejected",
        }
    }
}

/// One merge edge between two name variants, with its evidence.
#[derive(Clone, Debug, PartialEq)]
pub struct Merge {
    /// The entity it produced (for rejected merges: the left side's entity).
    pub entity_id: String,
    /// One variant.
    pub left: String,
    /// The other.
    pub right: String,
    /// Matcher score in `0.0..=1.0`.
    pub score: f64,
    /// Evidence in words.
    pub evidence: String,
    /// Who decided.
    pub decision: Decision,
}

/// The result of entity resolution over all documents.
#[derive(Clone, Debug, Default)]
pub struct Resolution {
    /// Entities, sorted by id.
    pub entities: Vec<Entity>,
    /// `entity_of[doc][mention]` = index into `entities`, in 32 bits since
    /// there is one per mention of the run; [`Resolution::entity_index`]
    /// to read.
    pub entity_of: Vec<Vec<u32>>,
    /// Merge edges with evidence, for `merges.csv`.
    pub merges: Vec<Merge>,
    /// Problems with the analyst's decisions file (unknown ids, bad rows).
    pub warnings: Vec<String>,
}

impl Resolution {
    /// The entity a mention belongs to.
    pub fn entity(&self, mention: MentionRef) -> Option<&Entity> {
        let index = self.entity_index(mention.doc(), mention.mention())?;
        self.entities.get(index)
    }

    /// Index into `entities` of the entity of mention `mention` of document
    /// `doc`, as recorded in `entity_of`.
    pub fn entity_index(&self, doc: usize, mention: usize) -> Option<usize> {
        let index = *self.entity_of.get(doc)?.get(mention)?;
        Some(index as usize)
    }
}
