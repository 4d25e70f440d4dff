//! The folded words of one document, each stored once and named by a small
//! id, so the claims of the document compare, find and stem words as
//! numbers: a document folds thousands of words but uses a few hundred.
//! Texts are folded once each: the claims of a statement share its
//! speaker, many claims name one subject, and a claim's object is read
//! both as a party and as its content.

use super::words;
use hashbrown::HashTable;
use rustc_hash::{FxBuildHasher, FxHashMap, FxHashSet};
use std::hash::BuildHasher;
use std::ops::Range;

/// Distinct strings of one document numbered in order of first use,
/// stored end to end: no allocation per string, one hash table of ids.
#[derive(Default)]
pub struct Strings {
    /// The strings end to end, in id order.
    letters: String,
    /// Where each string ends in `letters`, by id.
    ends: Vec<u32>,
    /// Ids, found by their string's hash.
    ids: HashTable<u32>,
}

/// The hash strings are found by.
fn hash(text: &str) -> u64 {
    FxBuildHasher.hash_one(text)
}

/// The string of an id in strings stored end to end.
#[inline]
fn string_at<'l>(letters: &'l str, ends: &[u32], id: u32) -> &'l str {
    let bound = |id: Option<u32>| {
        id.and_then(|id| ends.get(id as usize))
            .map_or(0, |&b| b as usize)
    };
    let (start, end) = (bound(id.checked_sub(1)), bound(Some(id)));
    letters.get(start..end).unwrap_or("")
}

impl Strings {
    /// Room for about `strings` strings of a word or two.
    pub fn with_capacity(strings: usize) -> Strings {
        Strings {
            letters: String::with_capacity(strings * 8),
            ends: Vec::with_capacity(strings),
            ids: HashTable::with_capacity(strings),
        }
    }

    /// The id of a string, added on first use.
    #[inline]
    pub fn intern(&mut self, text: &str) -> u32 {
        let hash = hash(text);
        if let Some(id) = self.find_hashed(hash, text) {
            return id;
        }
        let id = self.ends.len() as u32;
        self.letters.push_str(text);
        self.ends.push(self.letters.len() as u32);
        let (letters, ends) = (&self.letters, &self.ends);
        self.ids
            .insert_unique(hash, id, |&id| self::hash(string_at(letters, ends, id)));
        id
    }

    /// The id of a string, if it has one.
    pub fn find(&self, text: &str) -> Option<u32> {
        self.find_hashed(hash(text), text)
    }

    #[inline]
    fn find_hashed(&self, hash: u64, text: &str) -> Option<u32> {
        let (letters, ends) = (&self.letters, &self.ends);
        (self.ids)
            .find(hash, |&id| string_at(letters, ends, id) == text)
            .copied()
    }

    /// The string of an id (empty for an unknown id).
    pub fn get(&self, id: u32) -> &str {
        string_at(&self.letters, &self.ends, id)
    }

    /// The strings in id order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len() as u32).map(|id| self.get(id))
    }
}

/// Folded words of a document, numbered in order of first use.
pub struct Vocabulary<'a> {
    words: Strings,
    /// True for the function words of `stopwords`, by word id.
    stopword: Vec<bool>,
    /// Each word's stem, once asked for.
    stems: Vec<Option<Box<str>>>,
    stopwords: &'a FxHashSet<String>,
    /// Where the word ids of each text folded so far are in `folded`.
    texts: FxHashMap<&'a str, (u32, u32)>,
    folded: Vec<u32>,
}

impl<'a> Vocabulary<'a> {
    /// An empty vocabulary whose words are told apart from `stopwords`,
    /// with room for about `words` distinct words.
    pub fn new(stopwords: &'a FxHashSet<String>, words: usize) -> Vocabulary<'a> {
        Vocabulary {
            words: Strings::with_capacity(words),
            stopword: Vec::with_capacity(words),
            stems: Vec::with_capacity(words),
            stopwords,
            texts: FxHashMap::default(),
            folded: Vec::new(),
        }
    }

    /// Appends the ids of a text's folded words (see
    /// [`words::folded_words`]) to `ids`. A text folded before is not
    /// folded again: use it for texts that repeat (a statement's speaker is
    /// shared by its claims, many claims name one subject).
    pub fn fold_into(&mut self, text: &'a str, ids: &mut Vec<u32>) {
        let (start, len) = match self.texts.get(text) {
            Some(&range) => range,
            None => {
                let start = self.folded.len();
                let mut folded = std::mem::take(&mut self.folded);
                self.fold_once_into(text, &mut folded);
                self.folded = folded;
                let range = (start as u32, (self.folded.len() - start) as u32);
                self.texts.insert(text, range);
                range
            }
        };
        ids.extend_from_slice(&self.folded[start as usize..(start + len) as usize]);
    }

    /// Appends the ids of a text's folded words to `ids`, for a text read
    /// once (a sentence, a mention): not kept for another reading.
    pub fn fold_once_into(&mut self, text: &str, ids: &mut Vec<u32>) {
        words::for_each_folded_word(text, |word| ids.push(self.intern(word)));
    }

    /// Appends the ids of an ASCII text's folded words to `ids` and the
    /// byte range each is read from to `spans`, and gives true; gives
    /// false, appending nothing, for other text (see
    /// [`words::for_each_folded_ascii_word`]).
    pub fn fold_ascii_into(
        &mut self,
        text: &str,
        ids: &mut Vec<u32>,
        spans: &mut Vec<Range<u32>>,
    ) -> bool {
        words::for_each_folded_ascii_word(text, |word, bytes| {
            ids.push(self.intern(word));
            spans.push(bytes.start as u32..bytes.end as u32);
        })
    }

    /// The ids of a text's folded words.
    pub fn fold(&mut self, text: &'a str) -> Vec<u32> {
        let mut ids = Vec::new();
        self.fold_into(text, &mut ids);
        ids
    }

    fn intern(&mut self, word: &str) -> u32 {
        let id = self.words.intern(word);
        if id as usize == self.stopword.len() {
            self.stopword.push(self.stopwords.contains(word));
            self.stems.push(None);
        }
        id
    }

    /// The id of a folded word, if the document has it.
    pub fn get(&self, word: &str) -> Option<u32> {
        self.words.find(word)
    }

    /// The ids of folded words, if the document has them all: words it
    /// lacks cannot occur in its texts.
    pub fn get_all(&self, words: &[String]) -> Option<Vec<u32>> {
        words.iter().map(|w| self.get(w)).collect()
    }

    /// The folded word of an id.
    pub fn word(&self, id: u32) -> &str {
        self.words.get(id)
    }

    /// True for a function word.
    pub fn is_stopword(&self, id: u32) -> bool {
        self.stopword.get(id as usize).copied().unwrap_or(false)
    }

    /// The stem of a word ([`words::stem`]), worked out once per word.
    pub fn stem(&mut self, id: u32) -> &str {
        let n = id as usize;
        if self.stems.get(n).is_some_and(Option::is_none) {
            self.stems[n] = Some(words::stem(self.word(id)).into());
        }
        self.stems.get(n).and_then(Option::as_deref).unwrap_or("")
    }

    /// The stems of words, each worked out once.
    pub fn stems(&mut self, ids: &[u32]) -> Vec<&str> {
        for &id in ids {
            self.stem(id);
        }
        let cached = |id: &u32| self.stems.get(*id as usize).and_then(Option::as_deref);
        ids.iter().map(|id| cached(id).unwrap_or("")).collect()
    }
}

/// Lists of word ids (or of what goes with each word) stored end to end:
/// one allocation for the words of all the mentions (or sentences) of a
/// document.
pub struct WordLists<T = u32> {
    ids: Vec<T>,
    /// Where each list ends in `ids`.
    ends: Vec<u32>,
}

impl<T> Default for WordLists<T> {
    fn default() -> Self {
        WordLists {
            ids: Vec::new(),
            ends: Vec::new(),
        }
    }
}

impl<T> WordLists<T> {
    /// Adds a list: the items `fill` appends.
    pub fn push_with<R>(&mut self, fill: impl FnOnce(&mut Vec<T>) -> R) -> R {
        let filled = fill(&mut self.ids);
        self.ends.push(self.ids.len() as u32);
        filled
    }

    /// The `n`-th list (empty past the last).
    pub fn get(&self, n: usize) -> &[T] {
        let Some(&end) = self.ends.get(n) else {
            return &[];
        };
        let start = if n == 0 { 0 } else { self.ends[n - 1] };
        &self.ids[start as usize..end as usize]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_are_numbered_once_and_texts_folded_once() {
        let stopwords: FxHashSet<String> = ["the".to_string()].into_iter().collect();
        let mut vocabulary = Vocabulary::new(&stopwords, 4);
        let a = vocabulary.fold("The forces said");
        let b = vocabulary.fold("the Forces");
        assert_eq!(a, vec![0, 1, 2]);
        assert_eq!(b, vec![0, 1]);
        assert_eq!(vocabulary.fold("The forces said"), a);
        assert!(vocabulary.is_stopword(0) && !vocabulary.is_stopword(1));
        assert_eq!(vocabulary.stem(1), "forc");
        assert_eq!(vocabulary.word(2), "said");
        assert_eq!(vocabulary.stems(&[1, 0]), vec!["forc", "the"]);
        assert_eq!(
            vocabulary.get_all(&["forces".into(), "said".into()]),
            Some(vec![1, 2])
        );
        assert_eq!(vocabulary.get_all(&["troops".into()]), None);
    }

    #[test]
    fn strings_are_numbered_in_order_of_first_use() {
        let mut strings = Strings::with_capacity(1);
        assert_eq!(strings.intern("b"), 0);
        assert_eq!(strings.intern("a b"), 1);
        assert_eq!(strings.intern(""), 2);
        assert_eq!(strings.intern("b"), 0);
        assert_eq!(strings.find("a b"), Some(1));
        assert_eq!(strings.find("a"), None);
        assert_eq!(strings.get(1), "a b");
        assert_eq!(strings.get(7), "");
        assert_eq!(strings.iter().collect::<Vec<_>>(), vec!["b", "a b", ""]);
    }

    #[test]
    fn lists_keep_their_bounds() {
        let mut lists = WordLists::default();
        lists.push_with(|ids| ids.extend([1, 2]));
        lists.push_with(|_| {});
        lists.push_with(|ids| ids.push(3));
        assert_eq!(lists.get(0), &[1, 2]);
        assert!(lists.get(1).is_empty());
        assert_eq!(lists.get(2), &[3]);
        assert!(lists.get(3).is_empty());
    }
}
