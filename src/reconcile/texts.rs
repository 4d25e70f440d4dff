//! Strings stored once. At scale millions of links repeat a few thousand
//! subjects, slots and reasons and each claim's value, and claim views
//! repeat a few thousand units, titles and predicates: each is kept once and
//! named by a small id.

use indexmap::IndexSet;
use rustc_hash::FxBuildHasher;
use std::num::NonZeroU32;

/// Names one string of a [`Texts`]: its position plus one, so an
/// `Option<TextId>` (millions in claim views) takes four bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextId(NonZeroU32);

impl TextId {
    /// Position in the order of first use.
    pub fn index(self) -> usize {
        self.0.get() as usize - 1
    }

    /// The id at a position (saturating at the largest id).
    pub(super) fn at(index: usize) -> TextId {
        TextId(NonZeroU32::MIN.saturating_add(index as u32))
    }
}

/// Distinct strings numbered in order of first use, so one sequence of
/// uses gives the same ids in every run.
#[derive(Clone, Debug, Default)]
pub struct Texts(IndexSet<Box<str>, FxBuildHasher>);

impl Texts {
    /// The id of a string, added on first use.
    pub fn intern(&mut self, text: &str) -> TextId {
        let index = match self.0.get_index_of(text) {
            Some(index) => index,
            None => self.0.insert_full(text.into()).0,
        };
        TextId::at(index)
    }

    /// The id of a string, if it has one.
    pub fn find(&self, text: &str) -> Option<TextId> {
        self.0.get_index_of(text).map(TextId::at)
    }

    /// The string of an id (empty for an id of another table).
    pub fn get(&self, id: TextId) -> &str {
        self.0.get_index(id.index()).map_or("", |text| text)
    }

    /// The strings in id order.
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|text| &**text)
    }
}
