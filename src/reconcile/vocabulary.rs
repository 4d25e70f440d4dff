//! The folded words of one document, each stored once and named by a small
//! id, so the claims of the document compare, find and stem words as
//! numbers: a document folds thousands of words but uses a few hundred.

use super::words;
use indexmap::IndexSet;
use rustc_hash::{FxBuildHasher, FxHashSet};

/// Folded words of a document, numbered in order of first use.
pub struct Vocabulary<'a> {
    words: IndexSet<Box<str>, FxBuildHasher>,
    /// True for the function words of `stopwords`, by word id.
    stopword: Vec<bool>,
    /// Each word's stem, once asked for.
    stems: Vec<Option<Box<str>>>,
    stopwords: &'a FxHashSet<String>,
}

impl<'a> Vocabulary<'a> {
    /// An empty vocabulary whose words are told apart from `stopwords`.
    pub fn new(stopwords: &'a FxHashSet<String>) -> Vocabulary<'a> {
        Vocabulary {
            words: IndexSet::default(),
            stopword: Vec::new(),
            stems: Vec::new(),
            stopwords,
        }
    }

    /// Appends the ids of a text's folded words (see
    /// [`words::folded_words`]) to `ids`.
    pub fn fold_into(&mut self, text: &str, ids: &mut Vec<u32>) {
        words::for_each_folded_word(text, |word| ids.push(self.intern(word)));
    }

    /// The ids of a text's folded words.
    pub fn fold(&mut self, text: &str) -> Vec<u32> {
        let mut ids = Vec::new();
        self.fold_into(text, &mut ids);
        ids
    }

    fn intern(&mut self, word: &str) -> u32 {
        let id = match self.words.get_index_of(word) {
            Some(id) => id,
            None => self.words.insert_full(word.into()).0,
        };
        if id == self.stopword.len() {
            self.stopword.push(self.stopwords.contains(word));
            self.stems.push(None);
        }
        id as u32
    }

    /// The id of a folded word, if the document has it.
    pub fn get(&self, word: &str) -> Option<u32> {
        self.words.get_index_of(word).map(|id| id as u32)
    }

    /// The ids of folded words, if the document has them all: words it
    /// lacks cannot occur in its texts.
    pub fn get_all(&self, words: &[String]) -> Option<Vec<u32>> {
        words.iter().map(|w| self.get(w)).collect()
    }

    /// The folded word of an id.
    pub fn word(&self, id: u32) -> &str {
        self.words.get_index(id as usize).map_or("", |word| word)
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
}

/// Lists of word ids stored end to end: one allocation for the words of
/// all the mentions (or sentences) of a document.
#[derive(Default)]
pub struct WordLists {
    ids: Vec<u32>,
    /// Where each list ends in `ids`.
    ends: Vec<u32>,
}

impl WordLists {
    /// Adds a list: the ids `fill` appends.
    pub fn push_with(&mut self, fill: impl FnOnce(&mut Vec<u32>)) {
        fill(&mut self.ids);
        self.ends.push(self.ids.len() as u32);
    }

    /// The `n`-th list (empty past the last).
    pub fn get(&self, n: usize) -> &[u32] {
        let Some(&end) = self.ends.get(n) else {
            return &[];
        };
        let start = if n == 0 { 0 } else { self.ends[n - 1] };
        &self.ids[start as usize..end as usize]
    }
}
