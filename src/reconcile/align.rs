//! Alignment: the pairs of claims that may speak about the same fact, found
//! by blocking. Each claim files itself under a few keys; only claims under
//! one key are paired. A key shared by many claims pairs each with its next
//! ones in value order if it states a value (a count of one unit), and is
//! dropped as too generic if it is a shared word. Work is bounded by
//! `claims × keys × MAX_BLOCK`.

use super::texts::TextId;
use super::view::{Life, Party, View, Views};
use crate::model::{Claim, ClaimKind, DocAnalysis, Polarity};
use rayon::prelude::*;
use rustc_hash::FxHashMap;

/// Claims under one key beyond which not every pair is compared.
pub const MAX_BLOCK: usize = 48;

/// In a larger block of a key that states a value (a count of one unit, the
/// date of one event, a person's title), claims are put in value order and
/// each meets this many next ones: claims stating one value form a chain of
/// agreements, and neighbouring values meet where they change. Larger
/// blocks of content words are dropped as too generic.
const VALUE_WINDOW: usize = 2;

/// Views whose keys are worked out at a time.
const KEY_CHUNK: usize = 1 << 16;

/// Rare content words each statement or relation files itself under.
const CONTENT_KEYS: usize = 4;

/// A blocking key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Key {
    /// Same counted unit.
    Unit(TextId),
    /// Same counted unit of the same subject.
    UnitOf(TextId, Party),
    /// Same kind of event dated.
    Event(TextId),
    /// Same kind of event of the same subject.
    EventOf(TextId, Party),
    /// Titles of the same person.
    Titles(usize),
    /// The state of life of the same person.
    Life(u32),
    /// A shared rare content word.
    Word(u32),
    /// The same relation predicate.
    Predicate(TextId),
    /// Presence of the same subject.
    Presence(Party),
}

/// Candidate pairs as indices into `views.views`, `i < j`, sorted, unique,
/// never a claim with a repetition of its own text in the same document.
pub fn candidates(views: &Views, docs: &[DocAnalysis]) -> Vec<(u32, u32)> {
    // Members as 32-bit view indices; keys worked out a chunk of views at
    // a time, so the keys of all views are never held at once.
    let mut blocks: FxHashMap<Key, Vec<u32>> = FxHashMap::default();
    for (chunk, chunk_views) in views.views.chunks(KEY_CHUNK).enumerate() {
        let keyed: Vec<Vec<Key>> = chunk_views.par_iter().map(|v| keys(v, views)).collect();
        for (n, keys) in keyed.into_iter().enumerate() {
            for key in keys {
                blocks
                    .entry(key)
                    .or_default()
                    .push((chunk * KEY_CHUNK + n) as u32);
            }
        }
    }
    // Pairs are sorted below, so the map's order never reaches the output.
    let blocks: Vec<(Key, Vec<u32>)> = blocks.into_iter().filter(|(_, m)| m.len() >= 2).collect();
    let mut pairs: Vec<(u32, u32)> = blocks
        .par_iter()
        .flat_map_iter(|(key, members)| block_pairs(key, members, views, docs))
        .filter(|&(i, j)| !self_echo(&views.views[i as usize], &views.views[j as usize], views))
        .collect();
    pairs.par_sort_unstable();
    pairs.dedup();
    pairs
}

/// The pairs one block proposes, `i < j`: every pair of a small block; in a
/// large block of a value, each claim with its next ones in value order.
fn block_pairs(key: &Key, members: &[u32], views: &Views, docs: &[DocAnalysis]) -> Vec<(u32, u32)> {
    let ordered_pair = |i: u32, j: u32| (i.min(j), i.max(j));
    if members.len() <= MAX_BLOCK {
        return members
            .iter()
            .enumerate()
            .flat_map(|(n, &i)| members[n + 1..].iter().map(move |&j| ordered_pair(i, j)))
            .collect();
    }
    if !key.states_a_value() {
        return Vec::new();
    }
    // Keys worked out once per member, not once per comparison; the index
    // last makes them unique, so the unstable sort gives the one order.
    let mut ordered: Vec<(ValueKey, u32)> = members
        .iter()
        .map(|&i| (value_key(&views.views[i as usize], views, docs), i))
        .collect();
    ordered.sort_unstable();
    ordered
        .iter()
        .enumerate()
        .flat_map(|(n, &(_, i))| {
            ordered
                .iter()
                .skip(n + 1)
                .take(VALUE_WINDOW)
                .map(move |&(_, j)| ordered_pair(i, j))
        })
        .collect()
}

/// The value a claim states, in the order claims are put in: count (low,
/// high), date, title, state of life, then polarity.
type ValueKey<'a> = (
    Option<(i64, i64)>,
    Option<(&'a str, &'a str)>,
    Option<&'a str>,
    &'a [(u32, Life)],
    Polarity,
);

fn value_key<'a>(view: &View, views: &'a Views, docs: &'a [DocAnalysis]) -> ValueKey<'a> {
    let claim = &docs[view.doc()].claims[view.at().claim()];
    let count = claim
        .quantity
        .as_ref()
        .map(|q| (total_order(q.low), total_order(q.high)));
    (
        count,
        date(claim),
        view.title.map(|t| views.label(t)),
        views.life(view),
        claim.polarity,
    )
}

/// A number whose order is the order `f64::total_cmp` gives (as that
/// function computes it).
fn total_order(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    bits ^ (((bits >> 63) as u64) >> 1) as i64
}

fn date(claim: &Claim) -> Option<(&str, &str)> {
    claim
        .time
        .as_ref()
        .map(|t| (t.start.as_str(), t.end.as_str()))
}

impl Key {
    /// Keys whose claims state a value of one property (not shared words).
    fn states_a_value(&self) -> bool {
        !matches!(self, Key::Word(_) | Key::Predicate(_))
    }
}

/// A document repeating its own text neither corroborates nor contradicts
/// itself.
pub fn self_echo(a: &View, b: &View, views: &Views) -> bool {
    a.doc() == b.doc() && views.echo_key(a) == views.echo_key(b)
}

fn keys(view: &View, views: &Views) -> Vec<Key> {
    let mut keys = Vec::new();
    if let Some(unit) = view.unit {
        keys.push(Key::Unit(unit));
        if view.subject() != Party::Unknown {
            keys.push(Key::UnitOf(unit, view.subject()));
        }
    }
    if let Some(event) = view.event {
        keys.push(Key::Event(event));
        if view.subject() != Party::Unknown {
            keys.push(Key::EventOf(event, view.subject()));
        }
    }
    if let (Some(_), Party::Entity(e)) = (&view.title, view.subject()) {
        keys.push(Key::Titles(e as usize));
    }
    keys.extend(views.life(view).iter().map(|&(e, _)| Key::Life(e)));
    if let (ClaimKind::Relation, Some(predicate)) = (view.kind, view.predicate) {
        keys.push(Key::Predicate(predicate));
    }
    if view.existence && view.subject() != Party::Unknown {
        keys.push(Key::Presence(view.subject()));
    }
    if matches!(view.kind, ClaimKind::Statement | ClaimKind::Relation) {
        keys.extend(rare_words(view, views).into_iter().map(Key::Word));
    }
    keys
}

/// The rarest content words of a claim that some other claim also holds.
fn rare_words(view: &View, views: &Views) -> Vec<u32> {
    let mut shared: Vec<(u32, u32)> = views
        .content(view)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn total_order_orders_numbers_as_total_cmp() {
        let numbers = [
            f64::NEG_INFINITY,
            -1e300,
            -2.5,
            -0.0,
            0.0,
            1e-300,
            3.0,
            f64::INFINITY,
            f64::NAN,
            -f64::NAN,
        ];
        for a in numbers {
            for b in numbers {
                assert_eq!(total_order(a).cmp(&total_order(b)), a.total_cmp(&b));
            }
        }
    }
}
