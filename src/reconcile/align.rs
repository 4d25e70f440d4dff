//! Alignment: the pairs of claims that may speak about the same fact, found
//! by blocking. Each claim files itself under a few keys; only claims under
//! one key are paired, and keys shared by too many claims are dropped as too
//! generic to say anything. Work is bounded by `claims × keys × MAX_BLOCK`.

use super::view::{Party, View, Views};
use crate::model::ClaimKind;
use rustc_hash::FxHashMap;

/// Claims under one key beyond which the key is too generic to pair on.
pub const MAX_BLOCK: usize = 48;

/// Rare content words each statement or relation files itself under.
const CONTENT_KEYS: usize = 4;

/// A blocking key, borrowing from the views.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum Key<'v> {
    /// Same counted unit.
    Unit(&'v str),
    /// Same counted unit of the same subject.
    UnitOf(&'v str, &'v Party),
    /// Same kind of event dated.
    Event(&'v str),
    /// Same kind of event of the same subject.
    EventOf(&'v str, &'v Party),
    /// Titles of the same person.
    Titles(usize),
    /// The state of life of the same person.
    Life(usize),
    /// A shared rare content word.
    Word(u32),
    /// The same relation predicate.
    Predicate(&'v str),
    /// Presence of the same subject.
    Presence(&'v Party),
}

/// Candidate pairs as indices into `views.views`, `i < j`, sorted, unique,
/// never a claim with a repetition of its own text in the same document.
pub fn candidates(views: &Views) -> Vec<(usize, usize)> {
    // Pairs are sorted below, so the map's order never reaches the output.
    let mut blocks: FxHashMap<Key, Vec<usize>> = FxHashMap::default();
    for (i, view) in views.views.iter().enumerate() {
        for key in keys(view, views) {
            blocks.entry(key).or_default().push(i);
        }
    }
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for members in blocks.values() {
        if members.len() < 2 || members.len() > MAX_BLOCK {
            continue;
        }
        for (n, &i) in members.iter().enumerate() {
            for &j in &members[n + 1..] {
                let (i, j) = (i.min(j), i.max(j));
                if !self_echo(&views.views[i], &views.views[j]) {
                    pairs.push((i, j));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    pairs
}

/// A document repeating its own text neither corroborates nor contradicts
/// itself.
pub fn self_echo(a: &View, b: &View) -> bool {
    a.at.doc == b.at.doc && a.echo_key == b.echo_key
}

fn keys<'v>(view: &'v View, views: &Views) -> Vec<Key<'v>> {
    let mut keys = Vec::new();
    if let Some(unit) = &view.unit {
        keys.push(Key::Unit(unit));
        if view.subject != Party::Unknown {
            keys.push(Key::UnitOf(unit, &view.subject));
        }
    }
    if let Some(event) = &view.event {
        keys.push(Key::Event(event));
        if view.subject != Party::Unknown {
            keys.push(Key::EventOf(event, &view.subject));
        }
    }
    if let (Some(_), Party::Entity(e)) = (&view.title, &view.subject) {
        keys.push(Key::Titles(*e));
    }
    keys.extend(view.life.iter().map(|(e, _)| Key::Life(*e)));
    if view.kind == ClaimKind::Relation && !view.predicate.is_empty() {
        keys.push(Key::Predicate(&view.predicate));
    }
    if view.existence && view.subject != Party::Unknown {
        keys.push(Key::Presence(&view.subject));
    }
    if matches!(view.kind, ClaimKind::Statement | ClaimKind::Relation) {
        keys.extend(rare_words(view, views).into_iter().map(Key::Word));
    }
    keys
}

/// The rarest content words of a claim that some other claim also holds.
fn rare_words(view: &View, views: &Views) -> Vec<u32> {
    let mut shared: Vec<(u32, u32)> = view
        .content
        .iter()
        .map(|&t| (views.df[t as usize], t))
        .filter(|&(df, _)| df >= 2)
        .collect();
    shared.sort_unstable();
    shared
        .into_iter()
        .take(CONTENT_KEYS)
        .map(|(_, t)| t)
        .collect()
}
