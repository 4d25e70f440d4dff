//! Independence: outlets copy each other and the same wire. Documents that
//! share passages (near-duplicate sentences, found by word shingles) fall in
//! one dependence group, and corroboration is counted by groups, not by
//! outlets, so a story relayed three times counts once. Analysts call the
//! failure to do this circular reporting.
//!
//! Each sentence is sketched by the shingles whose hash falls in a fixed
//! sample (one in `SAMPLE`), so a passage two sentences share is sampled
//! alike in both, however the rest of the sentences differ (a quote inside
//! different attributions). Sentences sharing enough sampled shingles share
//! a passage. Sampled values held by many documents are boilerplate and
//! ignored, so the work stays linear in the number of sentences.

use super::words;
use crate::model::DocAnalysis;
use petgraph::unionfind::UnionFind;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::hash_map::DefaultHasher;
use std::collections::BTreeMap;
use std::hash::Hasher;

/// Words per shingle.
const SHINGLE: usize = 5;
/// One shingle hash in this many is kept.
const SAMPLE: u64 = 4;
/// Sampled shingles two sentences must share to share a passage (about
/// `MIN_SHARED * SAMPLE` shingles, a dozen words or more).
const MIN_SHARED: usize = 2;
/// Sentences shorter than this (in words) are too short to show copying.
const MIN_WORDS: usize = 8;
/// A sketch value in more documents than this is boilerplate.
const MAX_DOCS_PER_VALUE: usize = 32;
/// Shared passages from which two documents count as one source.
pub const MIN_PASSAGES: usize = 2;

/// Two documents that share passages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Shared {
    /// One document (index into the analysis' documents), `a < b`.
    pub a: usize,
    /// The other.
    pub b: usize,
    /// How many of `a`'s sentences have a near-duplicate in `b`.
    pub passages: usize,
    /// One shared sentence of `a`, for the analyst.
    pub example: (usize, usize),
}

/// Dependence groups of documents.
#[derive(Clone, Debug, Default)]
pub struct Dependence {
    /// Group of each document: the index of the group's first document.
    pub group_of: Vec<usize>,
    /// Document pairs sharing passages, sorted.
    pub shared: Vec<Shared>,
}

impl Dependence {
    /// The dependence group of a document (itself when unknown).
    pub fn group(&self, doc: usize) -> usize {
        self.group_of.get(doc).copied().unwrap_or(doc)
    }
}

/// Finds the passages documents share and groups dependent documents.
pub fn dependence(docs: &[DocAnalysis]) -> Dependence {
    let mut entries: Vec<(u64, u32, u32)> = docs
        .par_iter()
        .enumerate()
        .flat_map_iter(|(d, doc)| {
            // One sketcher per document: its buffers serve every sentence.
            let mut sketcher = Sketcher::default();
            let mut entries = Vec::new();
            for (s, sentence) in doc.sentences.iter().enumerate() {
                let hashes = sketcher.sketch(&sentence.text);
                entries.extend(hashes.iter().map(|&h| (h, d as u32, s as u32)));
            }
            entries
        })
        .collect();
    entries.par_sort_unstable();
    let pairs = sentence_pairs(&entries);
    drop(entries);
    let shared = shared_documents(pairs);
    let mut groups = UnionFind::<usize>::new(docs.len());
    for pair in shared.iter().filter(|p| p.passages >= MIN_PASSAGES) {
        groups.union(pair.a, pair.b);
    }
    let labels = groups.into_labeling();
    let mut first: BTreeMap<usize, usize> = BTreeMap::new();
    let group_of = labels
        .iter()
        .enumerate()
        .map(|(d, label)| *first.entry(*label).or_insert(d))
        .collect();
    Dependence { group_of, shared }
}

/// Sketches sentences one after the other in the same buffers.
#[derive(Default)]
struct Sketcher {
    /// The sentence's folded words, each followed by `0xff`.
    written: Vec<u8>,
    /// Where each word starts in `written`, then where the last one ends.
    starts: Vec<usize>,
    /// The sketch.
    hashes: Vec<u64>,
}

impl Sketcher {
    /// The sampled shingle hashes of a sentence, sorted and unique; empty
    /// for short sentences.
    ///
    /// A shingle's hash is the hash of its words as a `[String]` (the
    /// length, then each word's bytes and a `0xff`), fed as one run of
    /// bytes: the sentence's words are written once, each followed by
    /// `0xff`, and each shingle is a slice of them. Every shingle's hash
    /// starts with the same length, hashed once.
    fn sketch(&mut self, text: &str) -> &[u64] {
        let Sketcher {
            written,
            starts,
            hashes,
        } = self;
        written.clear();
        starts.clear();
        hashes.clear();
        words::for_each_folded_word(text, |word| {
            starts.push(written.len());
            written.extend_from_slice(word.as_bytes());
            written.push(0xff);
        });
        if starts.len() < MIN_WORDS {
            return hashes;
        }
        starts.push(written.len());
        let mut length = DefaultHasher::new();
        length.write_usize(SHINGLE);
        let shingles = starts.windows(SHINGLE + 1).map(|w| {
            let mut hasher = length.clone();
            hasher.write(&written[w[0]..w[SHINGLE]]);
            hasher.finish()
        });
        hashes.extend(shingles.filter(|h| h % SAMPLE == 0));
        hashes.sort_unstable();
        hashes.dedup();
        hashes
    }
}

/// The sketch of one sentence (see [`Sketcher::sketch`]).
#[cfg(test)]
fn sketch(text: &str) -> Vec<u64> {
    Sketcher::default().sketch(text).to_vec()
}

type SentenceKey = (u32, u32);

/// Sentence pairs of different documents sharing enough sketch values.
fn sentence_pairs(entries: &[(u64, u32, u32)]) -> Vec<(SentenceKey, SentenceKey)> {
    let mut counts: FxHashMap<(SentenceKey, SentenceKey), usize> = FxHashMap::default();
    for run in entries.chunk_by(|x, y| x.0 == y.0) {
        // A run is sorted by document: count where the document changes.
        let docs = 1 + run.windows(2).filter(|w| w[0].1 != w[1].1).count();
        if !(2..=MAX_DOCS_PER_VALUE).contains(&docs) {
            continue;
        }
        for (n, x) in run.iter().enumerate() {
            for y in &run[n + 1..] {
                if x.1 != y.1 {
                    *counts.entry(((x.1, x.2), (y.1, y.2))).or_default() += 1;
                }
            }
        }
    }
    let mut pairs: Vec<_> = counts
        .into_iter()
        .filter(|&(_, n)| n >= MIN_SHARED)
        .map(|(pair, _)| pair)
        .collect();
    pairs.sort_unstable();
    pairs
}

/// Document pairs with the number of distinct sentences they share.
fn shared_documents(pairs: Vec<(SentenceKey, SentenceKey)>) -> Vec<Shared> {
    let mut by_docs: BTreeMap<(usize, usize), Vec<(usize, usize)>> = BTreeMap::new();
    for ((da, sa), (db, sb)) in pairs {
        let (a, b) = ((da as usize, sa as usize), (db as usize, sb as usize));
        let (first, second) = if a.0 < b.0 { (a, b) } else { (b, a) };
        by_docs
            .entry((first.0, second.0))
            .or_default()
            .push((first.1, second.1));
    }
    by_docs
        .into_iter()
        .map(|((a, b), mut sentences)| {
            sentences.sort_unstable();
            let example = (a, sentences[0].0);
            let mut distinct: Vec<usize> = sentences.iter().map(|s| s.0).collect();
            distinct.dedup();
            Shared {
                a,
                b,
                passages: distinct.len(),
                example,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ByteSpan, DocumentRecord, Meta, Sentence, Status};

    fn doc(id: &str, sentences: &[&str]) -> DocAnalysis {
        DocAnalysis {
            record: DocumentRecord {
                doc_id: id.into(),
                path: id.into(),
                meta: Meta::default(),
                status: Status::Ok,
                note: String::new(),
                bytes: 0,
                kept_chars: 0,
                paragraphs: 1,
                sentences: sentences.len(),
            },
            sentences: sentences
                .iter()
                .enumerate()
                .map(|(index, text)| Sentence {
                    index,
                    paragraph: 0,
                    span: ByteSpan::new(0, text.len()),
                    char_start: 0,
                    text: text.to_string(),
                })
                .collect(),
            mentions: Vec::new(),
            claims: Vec::new(),
        }
    }

    const WIRE_1: &str = "The ministry said in a report released on Monday that the rebel group is gaining strength in the northern provinces.";
    const WIRE_2: &str = "Senior commanders have discussed forming a new joint unit of armed fighters in cooperation with the smuggling network.";

    #[test]
    fn copies_of_one_wire_form_one_group() {
        let docs = vec![
            doc("a", &[WIRE_1, "An unrelated opening sentence written by the first outlet itself today.", WIRE_2]),
            doc("b", &[&WIRE_1.replace("Monday", "Tuesday"), WIRE_2, "The second outlet closes with a paragraph of its very own words here."]),
            doc("c", &["A third outlet reports the story in entirely different words, with its own reporting from the field."]),
        ];
        let dependence = dependence(&docs);
        assert_eq!(dependence.group(0), dependence.group(1));
        assert_ne!(dependence.group(0), dependence.group(2));
        assert_eq!(dependence.shared.len(), 1);
        assert_eq!(dependence.shared[0].passages, 2);
    }

    #[test]
    fn one_shared_quote_is_not_a_copy() {
        let docs = vec![
            doc(
                "a",
                &[
                    WIRE_1,
                    "An unrelated opening sentence written by the first outlet itself today.",
                ],
            ),
            doc(
                "b",
                &[
                    WIRE_1,
                    "The second outlet closes with a paragraph of its very own words here.",
                ],
            ),
        ];
        let dependence = dependence(&docs);
        assert_eq!(dependence.shared.len(), 1);
        assert_ne!(dependence.group(0), dependence.group(1));
    }

    /// Sketches are hashes of word slices, as they were first defined: the
    /// values sampled must not change from run to run of the tool's versions.
    #[test]
    fn shingles_hash_as_word_slices() {
        use std::hash::Hash;
        let folded = words::folded_words(WIRE_1);
        let mut expected: Vec<u64> = folded
            .windows(SHINGLE)
            .map(|w| {
                let mut hasher = DefaultHasher::new();
                w.hash(&mut hasher);
                hasher.finish()
            })
            .filter(|h| h % SAMPLE == 0)
            .collect();
        expected.sort_unstable();
        expected.dedup();
        assert_eq!(sketch(WIRE_1), expected);
    }

    #[test]
    fn short_sentences_show_nothing() {
        assert!(sketch("He said so.").is_empty());
        assert!(!sketch(WIRE_1).is_empty());
    }
}
