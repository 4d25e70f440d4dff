//! What reconciliation needs to know of each claim, computed once: who it is
//! about (as a resolved entity when possible), what it counts or dates, the
//! title it gives, and its content words with entity names replaced by their
//! entity, so "Al Shabaab" and "al-Shabaab" are one word.
//!
//! There is a view per claim, millions at scale, so a view is small and
//! owns nothing: its words are ids (content words into [`Views::words`],
//! labels such as units and titles into [`Views::labels`]), its content word
//! ids a range of one shared list. Ids are given per document in parallel,
//! then made global in document order, so they do not depend on scheduling.

use super::compare::TitleKey;
use super::lexicon::Lexicon;
use super::texts::{TextId, Texts};
use super::vocabulary::{Strings, Vocabulary, WordLists};
use super::words::{self, find_words, occurrences, Reading};
use super::ClaimRef;
use crate::model::{Arg, Claim, ClaimKind, DocAnalysis, EntityType, Resolution};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::hash::{Hash, Hasher};
use std::ops::Range;

/// Documents whose views are built at a time: bounds the words held per
/// document before they are made global.
const DOC_CHUNK: usize = 1024;

/// Who a claim is about or who said it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Party {
    /// A resolved entity (index into [`Resolution::entities`]; a view
    /// packs it into 31 bits, see `PackedParty`).
    Entity(u32),
    /// An unresolved description, folded ("terrorist group"), as a label.
    Text(TextId),
    /// Not stated, or a pronoun.
    Unknown,
}

impl Party {
    /// `Some(true)` for one party, `Some(false)` for two different
    /// entities, `None` when the text does not tell.
    pub fn same_as(&self, other: &Party) -> Option<bool> {
        match (self, other) {
            (Party::Unknown, _) | (_, Party::Unknown) => None,
            (Party::Entity(a), Party::Entity(b)) => Some(a == b),
            // Descriptions vary too much to tell two things apart.
            (Party::Text(a), Party::Text(b)) => (a == b).then_some(true),
            _ => None,
        }
    }
}

/// Marks a [`PackedParty`] that holds a text id.
const TEXT_BIT: u32 = 1 << 31;

/// A [`Party`] in four bytes instead of eight, as views hold four each and
/// millions of views are alive at once: 0 is unknown; with [`TEXT_BIT`]
/// set, the low bits are a text id's index; otherwise an entity index plus
/// one. So entity indices and text indices must be below 2^31 - 1 and 2^31.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct PackedParty(u32);

impl PackedParty {
    /// The party packed, or `None` when its entity or text index is too
    /// large to fit.
    fn new(party: Party) -> Option<PackedParty> {
        let bits = match party {
            Party::Unknown => 0,
            Party::Entity(entity) => entity.checked_add(1).filter(|&b| b < TEXT_BIT)?,
            Party::Text(id) => {
                let index = u32::try_from(id.index()).ok().filter(|&i| i < TEXT_BIT)?;
                index | TEXT_BIT
            }
        };
        Some(PackedParty(bits))
    }

    /// Packs a party that must fit; one that does not (billions of
    /// entities or labels, far beyond any corpus) is read as unknown, which
    /// only ever withholds a match, rather than as another party.
    fn pack(party: Party) -> PackedParty {
        let packed = PackedParty::new(party);
        debug_assert!(packed.is_some(), "{party:?} does not fit in a view");
        packed.unwrap_or(PackedParty(0))
    }

    /// The party unpacked.
    fn get(self) -> Party {
        match self.0 {
            0 => Party::Unknown,
            bits if bits & TEXT_BIT != 0 => Party::Text(TextId::at((bits & !TEXT_BIT) as usize)),
            bits => Party::Entity(bits - 1),
        }
    }
}

/// A person's state of life as a claim states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Life {
    /// Reported dead or killed.
    Dead,
    /// Reported alive or in hiding.
    Alive,
}

/// One claim as reconciliation sees it.
#[derive(Clone, Debug)]
pub struct View {
    /// The claim's document index (32 bits keep the millions of views
    /// small: see [`View::at`]).
    doc: u32,
    /// The claim's index in its document.
    claim: u32,
    /// Its kind.
    pub kind: ClaimKind,
    /// Who or what it is about.
    subject: PackedParty,
    /// Who said it.
    speaker: PackedParty,
    /// True when the speaker is written as a bare name ("the Interior Ministry"),
    /// not a phrase that contains one ("questions from the Pentagon").
    pub speaker_is_name: bool,
    /// Canonical counted unit, for quantities.
    pub unit: Option<TextId>,
    /// Canonical kind of event or document dated, for times.
    pub event: Option<TextId>,
    /// The title given, for roles.
    pub title: Option<TextId>,
    /// The predicate's stems ("gain strength", "have presence"), if any.
    pub predicate: Option<TextId>,
    /// Where the claim places its subject.
    place: PackedParty,
    /// The other participant of a relation.
    object: PackedParty,
    /// True when the predicate states presence ("have presence", "operate").
    pub existence: bool,
    /// Its sentence's row in [`Views::sentences`], shared by the claims of
    /// the sentence.
    sentence: u32,
    /// Where its content word ids (sorted and unique) are in
    /// [`Views::content`]; claims read from their whole sentence share one.
    content: (u32, u32),
}

impl View {
    /// The claim.
    pub fn at(&self) -> ClaimRef {
        ClaimRef {
            doc: self.doc,
            claim: self.claim,
        }
    }

    /// The claim's document index.
    pub fn doc(&self) -> usize {
        self.doc as usize
    }

    /// Who or what it is about.
    pub fn subject(&self) -> Party {
        self.subject.get()
    }

    /// Who said it.
    pub fn speaker(&self) -> Party {
        self.speaker.get()
    }

    /// Where the claim places its subject.
    pub fn place(&self) -> Party {
        self.place.get()
    }

    /// The other participant of a relation.
    pub fn object(&self) -> Party {
        self.object.get()
    }
}

/// What the claims of one sentence share, stored once.
#[derive(Clone, Copy, Debug, Default)]
struct SentenceRow {
    /// Where the people it reports dead or alive are in [`Views::life`].
    life: (u32, u32),
    /// Where the entities it names are in [`Views::named`].
    named: (u32, u32),
    /// A hash of the sentence's folded words, to recognise a repetition
    /// of the same text.
    echo_key: u64,
}

/// One range of a shared table.
fn slice<T>(table: &[T], (start, len): (u32, u32)) -> &[T] {
    &table[start as usize..(start + len) as usize]
}

/// Views of every claim, in document then claim order, with word weights.
#[derive(Debug, Default)]
pub struct Views {
    /// One per claim.
    pub views: Vec<View>,
    /// Content word ids of all views, one range per view.
    content: Vec<u32>,
    /// What the claims of a sentence share, one row per sentence with
    /// claims.
    sentences: Vec<SentenceRow>,
    /// People reported dead or alive, one range per sentence.
    life: Vec<(u32, Life)>,
    /// Entities named, sorted and unique, one range per sentence.
    named: Vec<u32>,
    /// Content words (stems, `@N` for entity N).
    words: Texts,
    /// Units, kinds of event, titles, predicates and descriptions.
    labels: Texts,
    /// Inverse document frequency of each content word id.
    pub idf: Vec<f32>,
    /// How many claims hold each content word id.
    pub df: Vec<u32>,
    /// Canonical name of each entity.
    pub entity_names: Vec<String>,
    /// Index in `views` of each document's first view.
    doc_start: Vec<u32>,
    /// What comparing reads of each title given, by label id.
    title_keys: FxHashMap<TextId, TitleKey>,
}

impl Views {
    /// A view's content word ids, sorted and unique.
    pub fn content(&self, view: &View) -> &[u32] {
        slice(&self.content, view.content)
    }

    /// People whose state of life the claim states.
    pub fn life(&self, view: &View) -> &[(u32, Life)] {
        slice(&self.life, self.sentences[view.sentence as usize].life)
    }

    /// Entities named in the sentence of a count, sorted and unique (empty
    /// for other kinds: only count conflicts read it).
    pub fn named(&self, view: &View) -> &[u32] {
        if view.kind != ClaimKind::Quantity {
            return &[];
        }
        slice(&self.named, self.sentences[view.sentence as usize].named)
    }

    /// A hash of the claim text's folded words, to recognise a repetition
    /// of the same text.
    pub fn echo_key(&self, view: &View) -> u64 {
        self.sentences[view.sentence as usize].echo_key
    }

    /// The words of a label.
    pub fn label(&self, id: TextId) -> &str {
        self.labels.get(id)
    }

    /// The key of a title label of a view.
    pub fn title_key(&self, title: TextId) -> Option<&TitleKey> {
        self.title_keys.get(&title)
    }

    /// The view of a claim.
    pub fn of_claim(&self, at: ClaimRef) -> Option<&View> {
        let start = *self.doc_start.get(at.doc())? as usize;
        self.views.get(start + at.claim()).filter(|v| v.at() == at)
    }

    /// The global ids of the words and labels of a chunk of documents, by
    /// document, in their local id order. Looked up in parallel; ids new
    /// to the run are given in document order, then order of first use,
    /// so they do not depend on scheduling.
    fn global_ids(&mut self, docs: &[DocViews]) -> Vec<(Vec<u32>, Vec<TextId>)> {
        // Each word's and label's id, if the run has it.
        type Known = Vec<Option<TextId>>;
        let known: Vec<(Known, Known)> = docs
            .par_iter()
            .map(|doc| {
                let words = doc.words.strings.iter().map(|w| self.words.find(w));
                let labels = doc.labels.iter().map(|l| self.labels.find(l));
                (words.collect(), labels.collect())
            })
            .collect();
        docs.iter()
            .zip(known)
            .map(|(doc, (words, labels))| {
                let words = (doc.words.strings.iter().zip(words))
                    .map(|(w, id)| id.unwrap_or_else(|| self.words.intern(w)).index() as u32)
                    .collect();
                let labels = (doc.labels.iter().zip(labels))
                    .map(|(l, id)| id.unwrap_or_else(|| self.labels.intern(l)))
                    .collect();
                (words, labels)
            })
            .collect()
    }

    /// Appends one document's views, whose ids are global.
    fn extend(&mut self, doc: DocViews) {
        self.doc_start.push(self.views.len() as u32);
        let offset = self.content.len() as u32;
        let rows = self.sentences.len() as u32;
        let (life, named) = (self.life.len() as u32, self.named.len() as u32);
        self.sentences
            .extend(doc.sentences.iter().map(|row| SentenceRow {
                life: (row.life.0 + life, row.life.1),
                named: (row.named.0 + named, row.named.1),
                echo_key: row.echo_key,
            }));
        self.life.extend_from_slice(&doc.life);
        self.named.extend_from_slice(&doc.named);
        self.content.extend_from_slice(&doc.content);
        for (mut view, range) in doc.views {
            for &t in slice(&doc.content, range) {
                if t as usize >= self.df.len() {
                    self.df.resize(t as usize + 1, 0);
                }
                self.df[t as usize] += 1;
            }
            view.content = (offset + range.0, range.1);
            view.sentence += rows;
            self.views.push(view);
        }
    }
}

impl DocViews {
    /// Replaces local word and label ids by global ones; each view's
    /// content word ids come out sorted and unique. The local tables go
    /// (freed by the thread that made them, which is cheaper).
    fn make_global(&mut self, words: &[u32], labels: &[TextId]) {
        let local = std::mem::take(&mut self.content);
        let mut ids: Vec<u32> = Vec::new();
        // Claims that share a range keep sharing it.
        let mut made: FxHashMap<(u32, u32), (u32, u32)> = FxHashMap::default();
        for (view, range) in &mut self.views {
            *range = *made.entry(*range).or_insert_with(|| {
                ids.clear();
                ids.extend(slice(&local, *range).iter().map(|&t| words[t as usize]));
                ids.sort_unstable();
                ids.dedup();
                append(&mut self.content, ids.iter().copied())
            });
            view.relabel(labels);
        }
        self.words = ContentWords::default();
        self.labels = Texts::default();
    }
}

impl View {
    /// Replaces document-local label ids by global ones.
    fn relabel(&mut self, global: &[TextId]) {
        let map = |id: &mut TextId| *id = global[id.index()];
        for party in [
            &mut self.subject,
            &mut self.speaker,
            &mut self.place,
            &mut self.object,
        ] {
            if let Party::Text(mut id) = party.get() {
                map(&mut id);
                *party = PackedParty::pack(Party::Text(id));
            }
        }
        for label in [
            &mut self.unit,
            &mut self.event,
            &mut self.title,
            &mut self.predicate,
        ] {
            label.as_mut().map(map);
        }
    }
}

/// Builds the views of all claims, a chunk of documents at a time, each
/// document in parallel.
pub fn build(docs: &[DocAnalysis], resolution: &Resolution, lexicon: &Lexicon) -> Views {
    let mut views = Views {
        views: Vec::with_capacity(docs.iter().map(|d| d.claims.len()).sum()),
        ..Views::default()
    };
    for (chunk, chunk_docs) in docs.chunks(DOC_CHUNK).enumerate() {
        let mut per_doc: Vec<DocViews> = chunk_docs
            .par_iter()
            .enumerate()
            .map(|(n, doc)| DocViews::of(chunk * DOC_CHUNK + n, doc, resolution, lexicon))
            .collect();
        let ids = views.global_ids(&per_doc);
        per_doc
            .par_iter_mut()
            .zip(ids)
            .for_each(|(doc, (words, labels))| doc.make_global(&words, &labels));
        for doc in per_doc {
            views.extend(doc);
        }
    }
    let n = views.views.len().max(1) as f32;
    views.idf = views
        .df
        .iter()
        .map(|&f| (1.0 + n / f as f32).ln())
        .collect();
    views.entity_names = resolution.entities.iter().map(|e| e.name.clone()).collect();
    views.title_keys = title_keys(&views, lexicon);
    views
}

/// The key of every title the views give, worked out in parallel.
fn title_keys(views: &Views, lexicon: &Lexicon) -> FxHashMap<TextId, TitleKey> {
    let mut titles: Vec<TextId> = views.views.iter().filter_map(|v| v.title).collect();
    titles.sort_unstable();
    titles.dedup();
    titles
        .into_par_iter()
        .map(|t| (t, TitleKey::of(views.label(t), lexicon)))
        .collect()
}

/// The views of one document's claims, with ids local to the document.
#[derive(Default)]
struct DocViews {
    /// Each view with the range of its content word ids in `content`.
    views: Vec<(View, (u32, u32))>,
    /// Content word ids into `words`, in text order, per view.
    content: Vec<u32>,
    /// What the claims of each sentence share, with ranges into `life`
    /// and `named`.
    sentences: Vec<SentenceRow>,
    /// See [`Views::life`].
    life: Vec<(u32, Life)>,
    /// See [`Views::named`].
    named: Vec<u32>,
    /// Content words in order of first use.
    words: ContentWords,
    /// Labels in order of first use.
    labels: Texts,
}

impl DocViews {
    fn of<'d>(
        d: usize,
        doc: &'d DocAnalysis,
        resolution: &'d Resolution,
        lexicon: &'d Lexicon,
    ) -> DocViews {
        let distinct = distinct_words(doc);
        let mut vocabulary = Vocabulary::new(&lexicon.stopwords, distinct);
        let index = DocIndex::new(doc, &mut vocabulary);
        let mut views = DocViews {
            words: ContentWords::with_capacity(distinct),
            ..DocViews::default()
        };
        let mut predicates = Predicates::default();
        // A sentence states three claims on average: what depends on the
        // sentence alone is worked out for its first claim.
        let mut sentences: FxHashMap<usize, SentenceFacts> = FxHashMap::default();
        for (c, claim) in doc.claims.iter().enumerate() {
            let mut context = Context {
                d,
                doc,
                index: &index,
                claim,
                text: index.texts.get(claim.sentence()),
                resolution,
                vocabulary: &mut vocabulary,
            };
            let sentence = sentences
                .entry(claim.sentence())
                .or_insert_with(|| views.add_sentence(&context, lexicon));
            let view = context.view(c, lexicon, &mut views.labels, &mut predicates, sentence);
            let range = match context.core_words() {
                Some(core) => {
                    let tokens = context.content_tokens(core, &mut views.words);
                    append(&mut views.content, tokens)
                }
                None => *sentence.tokens.get_or_insert_with(|| {
                    let tokens = context.content_tokens(context.text.to_vec(), &mut views.words);
                    append(&mut views.content, tokens)
                }),
            };
            views.views.push((view, range));
        }
        views
    }

    /// Works out what the claims of a claim's sentence share, and stores
    /// it as a new row.
    fn add_sentence(&mut self, context: &Context, lexicon: &Lexicon) -> SentenceFacts {
        let life = context.life(lexicon).into_iter();
        let named = context.named().into_iter();
        self.sentences.push(SentenceRow {
            life: append(&mut self.life, life.map(|(e, state)| (e as u32, state))),
            named: append(&mut self.named, named.map(|e| e as u32)),
            echo_key: echo_key(context.text),
        });
        SentenceFacts {
            row: self.sentences.len() as u32 - 1,
            tokens: None,
        }
    }
}

/// Appends items to a shared table, giving their range.
fn append<T>(table: &mut Vec<T>, items: impl IntoIterator<Item = T>) -> (u32, u32) {
    let start = table.len();
    table.extend(items);
    (start as u32, (table.len() - start) as u32)
}

/// Content words of one document in order of first use (stems, `@N` for
/// entity N), and the one each folded word stands for, once known.
#[derive(Default)]
struct ContentWords {
    strings: Strings,
    /// Content word id of each folded word's stem, by folded word id.
    of_word: Vec<Option<u32>>,
    /// Content word id of each entity named, by entity.
    of_entity: FxHashMap<usize, u32>,
}

impl ContentWords {
    /// Room for about `words` content words.
    fn with_capacity(words: usize) -> ContentWords {
        ContentWords {
            strings: Strings::with_capacity(words),
            ..ContentWords::default()
        }
    }

    /// The content word of a folded word: its stem.
    fn stem_of(&mut self, word: u32, vocabulary: &mut Vocabulary) -> u32 {
        let n = word as usize;
        if n >= self.of_word.len() {
            self.of_word.resize(n + 1, None);
        }
        if let Some(id) = self.of_word[n] {
            return id;
        }
        let id = self.strings.intern(vocabulary.stem(word));
        self.of_word[n] = Some(id);
        id
    }

    /// The content word of an entity named in a text.
    fn entity(&mut self, entity: usize) -> u32 {
        let strings = &mut self.strings;
        *(self.of_entity)
            .entry(entity)
            .or_insert_with(|| strings.intern(&format!("@{entity}")))
    }
}

/// A predicate's label id (its stems) and whether it states presence, by
/// predicate: a document states a few predicates many times.
#[derive(Default)]
struct Predicates(FxHashMap<&'static str, (Option<TextId>, bool)>);

impl Predicates {
    fn get(
        &mut self,
        predicate: &'static str,
        lexicon: &Lexicon,
        labels: &mut Texts,
    ) -> (Option<TextId>, bool) {
        *self.0.entry(predicate).or_insert_with(|| {
            let stems = words::stems(predicate);
            let label = (!stems.is_empty()).then(|| labels.intern(&stems.join(" ")));
            (label, is_existence(&stems, lexicon))
        })
    }
}

/// Where the claims of one sentence find what they share, while its
/// document's views are built.
struct SentenceFacts {
    /// Its row in [`DocViews::sentences`].
    row: u32,
    /// The range of the content word ids of its whole text, once a claim
    /// needs them.
    tokens: Option<(u32, u32)>,
}

/// What every claim of one document looks up, computed once per document:
/// the mentions of each sentence, the folded words of each sentence that
/// has claims (claims of one sentence share its text), and of each mention
/// a claim may read (those of these sentences, and speakers).
///
/// A sentence is folded once: the words of a mention or of a claim's
/// argument are read from their sentence's when the text is a slice of it
/// whose words are its own (see [`words::words_within`]).
struct DocIndex {
    /// Mention indices by sentence index, in mention order.
    by_sentence: Vec<Vec<usize>>,
    /// Folded word ids of each mention's surface, by mention index (empty
    /// for mentions no claim reads).
    surfaces: WordLists,
    /// Folded word ids of each sentence with claims, by sentence index
    /// (empty for the others).
    texts: WordLists,
    /// The byte range each word of `texts` is read from in its sentence
    /// as read (see [`words::Reading`]), for the sentences of `readings`
    /// (empty for the others).
    spans: WordLists<Range<u32>>,
    /// How the words of each sentence with claims map back to its text,
    /// when they have their `spans`.
    readings: Vec<Option<Reading>>,
}

impl DocIndex {
    fn new<'d>(doc: &'d DocAnalysis, vocabulary: &mut Vocabulary<'d>) -> DocIndex {
        let mut by_sentence: Vec<Vec<usize>> = Vec::new();
        for (i, mention) in doc.mentions.iter().enumerate() {
            if mention.sentence() >= by_sentence.len() {
                by_sentence.resize_with(mention.sentence() + 1, Vec::new);
            }
            by_sentence[mention.sentence()].push(i);
        }
        let mut with_claims = vec![false; doc.sentences.len()];
        let mut speakers = vec![false; doc.mentions.len()];
        for claim in &doc.claims {
            if let Some(flag) = with_claims.get_mut(claim.sentence()) {
                *flag = true;
            }
            let speaker = claim.speaker.as_ref().and_then(|s| s.mention());
            if let Some(flag) = speaker.and_then(|m| speakers.get_mut(m)) {
                *flag = true;
            }
        }
        let mut index = DocIndex {
            by_sentence,
            surfaces: WordLists::default(),
            texts: WordLists::default(),
            spans: WordLists::default(),
            readings: Vec::with_capacity(with_claims.len()),
        };
        for (s, &claimed) in with_claims.iter().enumerate() {
            let text = doc.sentence_text(s);
            let reading = claimed.then(|| words::reading(text));
            let read = match &reading {
                Some(Reading::AsIs) => Some(text),
                Some(Reading::Latin { latin, .. }) => Some(latin.as_str()),
                _ => None,
            };
            let (texts, spans) = (&mut index.texts, &mut index.spans);
            let spanned = texts.push_with(|ids| {
                spans.push_with(|spans| {
                    if read.is_some_and(|read| vocabulary.fold_ascii_into(read, ids, spans)) {
                        return true;
                    }
                    if claimed {
                        vocabulary.fold_once_into(text, ids);
                    }
                    false
                })
            });
            index.readings.push(reading.filter(|_| spanned));
        }
        let mut surfaces = WordLists::default();
        for (m, mention) in doc.mentions.iter().enumerate() {
            let s = mention.sentence();
            let read = with_claims.get(s) == Some(&true) || speakers[m];
            let known = read
                .then(|| index.words_at(doc.sentence_text(s), s, mention.local_bytes()))
                .flatten();
            surfaces.push_with(|ids| match known {
                Some(words) => ids.extend_from_slice(words),
                None if read => vocabulary.fold_once_into(mention.surface(&doc.sentences), ids),
                None => {}
            });
        }
        index.surfaces = surfaces;
        index
    }

    /// The words of `text`, a text of sentence `s`, when found in it as a
    /// slice whose words are its own.
    fn words_in(&self, sentence: &str, s: usize, text: &str) -> Option<&[u32]> {
        self.readings.get(s)?.as_ref()?;
        let at = find_text(sentence, text)?;
        self.words_at(sentence, s, at..at + text.len())
    }

    /// The words of the slice `bytes` of sentence `s` (whose text is
    /// `sentence`), when they are its own.
    fn words_at(&self, sentence: &str, s: usize, bytes: Range<usize>) -> Option<&[u32]> {
        let (read, bytes) = match self.readings.get(s)?.as_ref()? {
            Reading::AsIs => (sentence, bytes),
            Reading::Latin { latin, offsets } => {
                let at = |i: usize| offsets.get(i).filter(|&&o| o != u32::MAX);
                let (start, end) = (*at(bytes.start)?, *at(bytes.end)?);
                (latin.as_str(), start as usize..end as usize)
            }
            Reading::Opaque => return None,
        };
        let words = words::words_within(read, self.spans.get(s), bytes)?;
        self.texts.get(s).get(words)
    }
}

/// Where `needle` first occurs in `hay`: in a sentence, cheaper than a
/// `memmem` searcher, whose set-up outweighs the search.
fn find_text(hay: &str, needle: &str) -> Option<usize> {
    let (hay, needle) = (hay.as_bytes(), needle.as_bytes());
    let Some((&first, rest)) = needle.split_first() else {
        return Some(0);
    };
    memchr::memchr_iter(first, hay).find(|&at| hay[at + 1..].starts_with(rest))
}

/// About how many distinct words a document's vocabulary holds (one per
/// dozen bytes of text at most), so it is sized once.
fn distinct_words(doc: &DocAnalysis) -> usize {
    const BYTES_PER_WORD: usize = 12;
    let bytes: usize = doc.sentences.iter().map(|s| s.text.len()).sum();
    bytes / BYTES_PER_WORD + 16
}

/// Folded words hashed: texts that differ only in case, punctuation or
/// spacing get one key within a document. FxHash has no random seed, so
/// keys are the same in every run.
fn echo_key(words: &[u32]) -> u64 {
    let mut hasher = rustc_hash::FxHasher::default();
    words.hash(&mut hasher);
    hasher.finish()
}

/// One claim with the document it comes from.
struct Context<'d, 'c> {
    d: usize,
    doc: &'d DocAnalysis,
    index: &'c DocIndex,
    claim: &'d Claim,
    /// The claim text's folded words.
    text: &'c [u32],
    resolution: &'d Resolution,
    /// The document's folded words.
    vocabulary: &'c mut Vocabulary<'d>,
}

impl<'d, 'c> Context<'d, 'c> {
    /// The claim's view; its labels go to `labels`, its content words are
    /// left to [`Context::content_tokens`].
    fn view(
        &mut self,
        c: usize,
        lexicon: &Lexicon,
        labels: &mut Texts,
        predicates: &mut Predicates,
        sentence: &SentenceFacts,
    ) -> View {
        let claim = self.claim;
        let unit = (claim.kind == ClaimKind::Quantity)
            .then(|| claim.quantity.as_ref().map(|q| unit(&q.unit, lexicon)))
            .flatten();
        let event = (claim.kind == ClaimKind::Time)
            .then(|| self.event(lexicon))
            .flatten();
        let title = (claim.kind == ClaimKind::Role)
            .then(|| self.title())
            .flatten();
        // Labels are numbered in order of first use: this order.
        let mut label = |text: Option<String>| text.map(|t| labels.intern(&t));
        let (unit, event, title) = (label(unit), label(event), label(title));
        let (predicate, existence) = predicates.get(claim.predicate, lexicon, labels);
        let subject = self.party(claim.subject.as_ref(), labels);
        let speaker = self.party(claim.speaker.as_deref(), labels);
        let speaker_is_name = self.is_name(claim.speaker.as_deref());
        let place = self.party(claim.place.as_deref(), labels);
        let object = self.party(claim.object.as_ref(), labels);
        View {
            doc: self.d as u32,
            claim: c as u32,
            kind: claim.kind,
            unit,
            event,
            title,
            existence,
            predicate,
            subject: PackedParty::pack(subject),
            speaker: PackedParty::pack(speaker),
            speaker_is_name,
            place: PackedParty::pack(place),
            object: PackedParty::pack(object),
            sentence: sentence.row,
            content: (0, 0),
        }
    }

    /// Appends the folded words of a text of the claim to `ids`: read from
    /// its sentence's when the text is a slice of it (see [`DocIndex`]),
    /// else folded.
    fn fold_into(&mut self, text: &'d str, ids: &mut Vec<u32>) {
        let s = self.claim.sentence();
        match self.index.words_in(self.doc.sentence_text(s), s, text) {
            Some(words) => ids.extend_from_slice(words),
            None => self.vocabulary.fold_into(text, ids),
        }
    }

    /// The folded words of a text of the claim (see [`Context::fold_into`]).
    fn fold(&mut self, text: &'d str) -> Vec<u32> {
        let mut ids = Vec::new();
        self.fold_into(text, &mut ids);
        ids
    }

    /// Mentions of the claim's sentence, with their index and folded words.
    fn mentions(&self) -> impl Iterator<Item = (usize, &'d crate::model::Mention, &'c [u32])> {
        let (index, doc) = (self.index, self.doc);
        let in_sentence = index.by_sentence.get(self.claim.sentence());
        in_sentence
            .into_iter()
            .flatten()
            .filter_map(move |&i| Some((i, doc.mentions.get(i)?, index.surfaces.get(i))))
    }

    fn entity_of(&self, mention: usize) -> Option<usize> {
        self.resolution
            .entity_index(self.d, mention)
            .filter(|&e| e < self.resolution.entities.len())
    }

    /// The entity an argument names: its own mention, or failing that a
    /// mention of the sentence whose name the words contain.
    fn party(&mut self, arg: Option<&'d Arg>, labels: &mut Texts) -> Party {
        let Some(arg) = arg else {
            return Party::Unknown;
        };
        if let Some(entity) = arg.mention().and_then(|m| self.entity_of(m)) {
            return Party::Entity(entity as u32);
        }
        let arg_words = self.fold(&arg.text);
        let named = self
            .mentions()
            .filter(|(_, _, surface)| words::contains_words(&arg_words, surface))
            .max_by_key(|(_, m, _)| m.local.len())
            .and_then(|(i, _, _)| self.entity_of(i));
        if let Some(entity) = named {
            return Party::Entity(entity as u32);
        }
        // The stems of its content words, as a description.
        let content: Vec<u32> = arg_words
            .into_iter()
            .filter(|&w| !self.vocabulary.is_stopword(w))
            .collect();
        if content.is_empty() {
            return Party::Unknown;
        }
        Party::Text(labels.intern(&self.vocabulary.stems(&content).join(" ")))
    }

    /// True when an argument's words are its mention's name, give or take
    /// a leading article.
    fn is_name(&mut self, arg: Option<&'d Arg>) -> bool {
        let Some(arg) = arg else {
            return false;
        };
        let Some(mention) = arg.mention().filter(|&m| m < self.doc.mentions.len()) else {
            return false;
        };
        let surface = self.index.surfaces.get(mention);
        let written = self.fold(&arg.text);
        let name = match written.split_first() {
            Some((first, rest)) if self.vocabulary.word(*first) == "the" => rest,
            _ => &written[..],
        };
        name == surface
    }

    /// The kind of event or document a time claim dates: named by its
    /// predicate or object, else the event word nearest to the time
    /// expression in the claim text, within a few words.
    fn event(&mut self, lexicon: &Lexicon) -> Option<String> {
        const WINDOW: usize = 6;
        let claim = self.claim;
        let time_text = &claim.time.as_ref()?.text;
        // The stems of the predicate and object, of the text, then of the
        // time expression, in one list.
        let mut ids = self.vocabulary.fold(claim.predicate);
        self.fold_into(arg_text(&claim.object), &mut ids);
        let named = ids.len();
        ids.extend_from_slice(self.text);
        self.fold_into(time_text, &mut ids);
        let stems = self.vocabulary.stems(&ids);
        let (named, rest) = stems.split_at(named);
        if let Some(canonical) = named.iter().find_map(|w| lexicon.events.get(*w)) {
            return Some(canonical.clone());
        }
        let (text, time) = rest.split_at(self.text.len());
        let (from, to) = match find_words(text, time) {
            Some(at) => (at, at + time.len()),
            None => (text.len() / 2, text.len() / 2),
        };
        text.iter()
            .enumerate()
            .filter_map(|(i, w)| {
                let distance = if i < from {
                    from - i
                } else if i >= to {
                    i + 1 - to
                } else {
                    return None;
                };
                let canonical = lexicon.events.get(*w)?;
                (distance <= WINDOW).then_some((distance, canonical))
            })
            .min()
            .map(|(_, canonical)| canonical.clone())
    }

    /// The title a role claim gives: its object, or the title written
    /// before the subject's name.
    fn title(&self) -> Option<String> {
        let object = self.claim.object.as_ref().map(|o| o.text.trim());
        if let Some(text) = object.filter(|t| !t.is_empty()) {
            return Some(text.to_string());
        }
        let mention = self.claim.subject.as_ref()?.mention()?;
        self.doc
            .mentions
            .get(mention)?
            .role(&self.doc.sentences)
            .map(str::to_string)
    }

    /// The folded words that stand for the claim's content: its object's
    /// for statements, its participants' and predicate's for relations;
    /// `None` for its whole text.
    fn core_words(&mut self) -> Option<Vec<u32>> {
        let claim = self.claim;
        let object = arg_text(&claim.object);
        match claim.kind {
            ClaimKind::Statement if object.split_whitespace().count() >= 3 => {
                Some(self.fold(object))
            }
            ClaimKind::Relation if !object.is_empty() => {
                // Folded apart, as words never run across the parts.
                let mut words = self.fold(arg_text(&claim.subject));
                self.vocabulary.fold_into(claim.predicate, &mut words);
                self.fold_into(object, &mut words);
                Some(words)
            }
            _ => None,
        }
    }

    /// Content word ids of folded words of the claim: stems of the words
    /// that are not function words; names of the sentence's entities
    /// become one `@N` word each.
    fn content_tokens(&mut self, mut folded: Vec<u32>, words: &mut ContentWords) -> Vec<u32> {
        let mut tokens = Vec::new();
        let mut mentions: Vec<(usize, &[u32])> = self
            .mentions()
            .filter_map(|(i, _, surface)| Some((self.entity_of(i)?, surface)))
            .collect();
        mentions.sort_by_key(|(_, w)| std::cmp::Reverse(w.len()));
        for (entity, name) in mentions {
            if name.is_empty() {
                continue;
            }
            let mut found = false;
            while let Some(at) = find_words(&folded, name) {
                folded.drain(at..at + name.len());
                found = true;
            }
            if found {
                tokens.push(words.entity(entity));
            }
        }
        for w in folded {
            if !self.vocabulary.is_stopword(w) {
                tokens.push(words.stem_of(w, self.vocabulary));
            }
        }
        tokens
    }

    /// Entities named in the claim's sentence.
    fn named(&self) -> Vec<usize> {
        let mut named: Vec<usize> = self
            .mentions()
            .filter_map(|(i, _, _)| self.entity_of(i))
            .collect();
        named.sort_unstable();
        named.dedup();
        named
    }

    /// People the claim text reports dead or alive.
    fn life(&self, lexicon: &Lexicon) -> Vec<(usize, Life)> {
        let text = self.text;
        let people: Vec<(usize, usize)> = self
            .mentions()
            .filter(|(_, m, _)| m.entity_type == EntityType::Person)
            .filter_map(|(i, _, surface)| {
                let entity = self.entity_of(i)?;
                let resolved = self.resolution.entities.get(entity)?;
                (resolved.entity_type == EntityType::Person).then_some(())?;
                Some((entity, find_words(text, surface)?))
            })
            .collect();
        if people.is_empty() {
            // Most sentences name nobody: no cue to look for.
            return Vec::new();
        }
        // Cues with a word the document lacks cannot occur in it.
        let cues = |list: &[Vec<String>]| -> Vec<Vec<u32>> {
            list.iter()
                .filter_map(|cue| self.vocabulary.get_all(cue))
                .collect()
        };
        let mut states = Vec::new();
        let mut dead_spans = Vec::new();
        for cue in cues(&lexicon.dead_cues) {
            let Some(at) = find_words(text, &cue) else {
                continue;
            };
            dead_spans.push(at..at + cue.len());
            // "death of X": X follows; "X was killed": X precedes.
            let after = cue.last().is_some_and(|&w| self.vocabulary.word(w) == "of");
            states.extend(
                people
                    .iter()
                    .filter(|(_, pos)| if after { *pos > at } else { *pos < at })
                    .map(|(e, _)| (*e, Life::Dead)),
            );
        }
        // "is survived by" holds "survived": a cue of life inside a cue
        // of death does not count.
        let alive_at = |at: &usize, cue: &Vec<u32>| {
            !dead_spans
                .iter()
                .any(|d| d.start <= *at && at + cue.len() <= d.end)
        };
        if cues(&lexicon.alive_cues)
            .iter()
            .any(|cue| occurrences(text, cue).any(|at| alive_at(&at, cue)))
        {
            states.extend(people.iter().map(|(e, _)| (*e, Life::Alive)));
        }
        states.sort_unstable();
        states.dedup();
        states
    }
}

/// True when a predicate (its stems) states that its subject is present
/// somewhere.
fn is_existence(predicate: &[String], lexicon: &Lexicon) -> bool {
    lexicon
        .existence
        .iter()
        .any(|item| words::contains_words(predicate, item))
}

fn arg_text(arg: &Option<Arg>) -> &str {
    arg.as_ref().map(|a| &*a.text).unwrap_or("")
}

/// The canonical counted unit: the whole phrase or its last word through
/// the unit list, else the stem of its last word.
fn unit(text: &str, lexicon: &Lexicon) -> String {
    let stems = words::stems(text);
    let whole = stems.join(" ");
    if let Some(canonical) = lexicon.units.get(&whole) {
        return canonical.clone();
    }
    let last = stems.last().cloned().unwrap_or_default();
    lexicon.units.get(&last).cloned().unwrap_or(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The largest entity index and text index a view can hold.
    const MAX_ENTITY: u32 = TEXT_BIT - 2;
    const MAX_TEXT: u32 = TEXT_BIT - 1;

    fn text(index: u32) -> Party {
        Party::Text(TextId::at(index as usize))
    }

    proptest! {
        #[test]
        fn entities_round_trip(entity in 0..=MAX_ENTITY) {
            let party = Party::Entity(entity);
            prop_assert_eq!(PackedParty::new(party).map(PackedParty::get), Some(party));
        }

        #[test]
        fn texts_round_trip(index in 0..=MAX_TEXT) {
            let party = text(index);
            prop_assert_eq!(PackedParty::new(party).map(PackedParty::get), Some(party));
        }

        #[test]
        fn entities_and_texts_stay_apart(entity in 0..=MAX_ENTITY, index in 0..=MAX_TEXT) {
            let (a, b) = (PackedParty::pack(Party::Entity(entity)), PackedParty::pack(text(index)));
            prop_assert_ne!(a, b);
            prop_assert_ne!(a, PackedParty::pack(Party::Unknown));
            prop_assert_ne!(b, PackedParty::pack(Party::Unknown));
        }
    }

    #[test]
    fn unknown_round_trips() {
        assert_eq!(PackedParty::pack(Party::Unknown).get(), Party::Unknown);
    }

    #[test]
    fn parties_that_do_not_fit_are_refused() {
        assert_eq!(PackedParty::new(Party::Entity(MAX_ENTITY + 1)), None);
        assert_eq!(PackedParty::new(Party::Entity(u32::MAX)), None);
        assert_eq!(PackedParty::new(text(MAX_TEXT + 1)), None);
    }

    #[test]
    fn a_view_is_56_bytes() {
        assert_eq!(std::mem::size_of::<PackedParty>(), 4);
        assert_eq!(std::mem::size_of::<View>(), 56);
    }
}
