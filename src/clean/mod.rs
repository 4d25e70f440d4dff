//! Boilerplate removal: which parts of a document are the article body.
//!
//! The text is cut into paragraph units (lines; hard-wrapped blocks join).
//! Each unit gets a verdict from general surface features, never from
//! phrase lists:
//!
//! - **language**: a unit in another script than the article, or reliably
//!   detected (whatlang) as another language with few of the article
//!   language's stop words, is *other-language*. The article language is
//!   the one most characters are in.
//! - **furniture**: link-dense, digit-dense, glued widget counts
//!   (`1,234Followers`), slash-separated photo credits: *boilerplate*.
//! - **repetition**: a unit whose normalised text was seen before in the
//!   document is *repeated* (pages that print the body twice keep it once).
//! - **body**: a sentence of 8+ words with final punctuation, or 20+ words,
//!   with a normal share of stop words and not shouting in capitals.
//! - everything else is *short*: headings, captions, menus, widgets.
//!
//! Then position decides: body units form clusters (split by 4+ non-body
//! units); small clusters far from the main one (cookie notes, comment
//! threads) go. Inside a kept cluster, short units survive when they come
//! alone or in pairs between body units (subheadings), not in runs (menus,
//! related-links boxes). Before the first kept body, up to three short units
//! directly above it are kept as headline, dek and caption. Short units after
//! the last body (share bars, comment forms, "latest" lists) go.
//!
//! Kept paragraphs are spans of [`Document::text`] unchanged, so offsets
//! stay exact.

mod features;
pub mod language;

use crate::model::{ByteSpan, Cleaned, Document, Paragraph};
use features::{Features, Scratch, MIN_WORDS_FOR_STOP_SHARE};
use rustc_hash::FxHashSet as HashSet;
use whatlang::Script;

pub use features::ends_sentence;

/// Non-body units that split body clusters apart.
const CLUSTER_GAP: usize = 4;
/// A cluster is kept if it holds at least this share of the largest one's text.
const CLUSTER_SHARE: f64 = 0.35;
/// Short units kept above the first body paragraph (headline, dek, caption).
const MAX_HEAD_UNITS: usize = 3;
/// Short units between two body paragraphs that still read as subheadings.
const MAX_INNER_SHORT: usize = 2;
/// Units shorter than this are not run through language detection.
const MIN_DETECT_CHARS: usize = 40;
/// Longest units the article language is detected on.
const LANGUAGE_SAMPLE_UNITS: usize = 2;

/// What the cleaner decided about one unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Verdict {
    Body,
    Short,
    Boilerplate,
    Repeated,
    OtherLanguage,
}

/// One paragraph unit and what is known about it.
#[derive(Debug)]
struct Unit {
    span: ByteSpan,
    features: Features,
    verdict: Verdict,
}

/// The article body of a document.
pub fn article(doc: &Document) -> Cleaned {
    let text = doc.text.as_str();
    let spans = features::units(text);
    let scripts: Vec<Option<Script>> = spans
        .iter()
        .map(|s| language::script(s.text(text)))
        .collect();
    let chars: Vec<usize> = spans.iter().map(|s| s.text(text).chars().count()).collect();
    let script = dominant(
        scripts
            .iter()
            .zip(&chars)
            .filter_map(|(s, &n)| Some((*s.as_ref()?, n))),
    );
    let language = article_language(text, &spans, &chars, &scripts, script)
        .map(str::to_string)
        .unwrap_or_else(|| doc.meta.language.clone());
    let stopwords = language::stopwords(&language);
    let mut scratch = Scratch::default();
    let mut seen = HashSet::default();
    let mut units: Vec<Unit> = spans
        .iter()
        .enumerate()
        .map(|(i, &span)| {
            let features = Features::of(span.text(text), stopwords, &mut scratch);
            let other_language = match (scripts[i], script) {
                (Some(own), Some(main)) if own != main => features.letters >= 2,
                // Detection is costly: only units with few of the article
                // language's stop words are suspects worth checking.
                _ => {
                    chars[i] >= MIN_DETECT_CHARS
                        && features.words >= MIN_WORDS_FOR_STOP_SHARE
                        && !features.prose_stop_share
                        && language::detect(span.text(text))
                            .is_some_and(|g| g.reliable && g.code != language)
                }
            };
            let verdict = if other_language {
                Verdict::OtherLanguage
            } else if is_furniture(&features) {
                Verdict::Boilerplate
            } else if features.words >= 3 && !seen.insert(features.repeat_key()) {
                Verdict::Repeated
            } else if is_body(&features, stopwords.is_some()) {
                Verdict::Body
            } else {
                Verdict::Short
            };
            Unit {
                span,
                features,
                verdict,
            }
        })
        .collect();
    let keep = select(&mut units);
    Cleaned {
        paragraphs: units
            .iter()
            .zip(&keep)
            .filter(|(_, &k)| k)
            .map(|(u, _)| Paragraph { span: u.span })
            .collect(),
        note: note(&units, &keep),
        language,
    }
}

/// The language of the article: detected on its longest units in the main
/// script (enough to outvote sidebars, and a bounded cost), weighted by
/// length; by stop-word vote where that is clear, else by whatlang.
fn article_language(
    text: &str,
    spans: &[ByteSpan],
    chars: &[usize],
    scripts: &[Option<Script>],
    script: Option<Script>,
) -> Option<&'static str> {
    let mut longest: Vec<usize> = (0..spans.len())
        .filter(|&i| chars[i] >= MIN_DETECT_CHARS && scripts[i] == script)
        .collect();
    longest.sort_by_key(|&i| (std::cmp::Reverse(chars[i]), i));
    longest.truncate(LANGUAGE_SAMPLE_UNITS);
    longest.sort_unstable();
    let guess = |i: usize| {
        let unit = spans[i].text(text);
        language::by_stopwords(unit).or_else(|| Some(language::detect(unit)?.code))
    };
    dominant(longest.iter().filter_map(|&i| Some((guess(i)?, chars[i]))))
}

/// The key with the largest total weight (ties: the one seen first).
fn dominant<K: PartialEq + Copy>(weighted: impl Iterator<Item = (K, usize)>) -> Option<K> {
    let mut totals: Vec<(K, usize)> = Vec::new();
    for (key, weight) in weighted {
        match totals.iter_mut().find(|(k, _)| *k == key) {
            Some((_, total)) => *total += weight,
            None => totals.push((key, weight)),
        }
    }
    let best = totals.iter().map(|(_, total)| *total).max()?;
    totals
        .into_iter()
        .find(|(_, total)| *total == best)
        .map(|(key, _)| key)
}

/// Page furniture recognisable from one unit alone.
fn is_furniture(f: &Features) -> bool {
    f.letters < 2
        || f.glued_count
        || f.credit_tail
        || f.link_ratio() > 0.25
        || f.digit_ratio() > 0.4
}

/// Running text: a sentence of some length, worded like prose.
fn is_body(f: &Features, has_stopwords: bool) -> bool {
    let prose = !has_stopwords || f.prose_stop_share;
    let long_enough = (f.words >= MIN_WORDS_FOR_STOP_SHARE && f.terminal) || f.words >= 20;
    prose && long_enough && f.caps_ratio() < 0.5 && !f.truncated
}

/// Which units are kept, by position among the body units.
fn select(units: &mut [Unit]) -> Vec<bool> {
    let mut keep = vec![false; units.len()];
    let clusters = clusters(units);
    let Some(largest) = clusters.iter().map(|c| c.weight).max() else {
        keep_short_document(units, &mut keep);
        return keep;
    };
    let kept: Vec<&Cluster> = clusters
        .iter()
        .filter(|c| c.weight as f64 >= largest as f64 * CLUSTER_SHARE)
        .collect();
    for cluster in &kept {
        keep_cluster(units, cluster, &mut keep);
    }
    if let Some(first) = kept.first() {
        keep_headline(units, first.first, &mut keep);
    }
    keep
}

/// A run of body units with only small gaps between them.
#[derive(Debug)]
struct Cluster {
    first: usize,
    last: usize,
    /// Characters of body text in it.
    weight: usize,
}

fn clusters(units: &[Unit]) -> Vec<Cluster> {
    let mut out: Vec<Cluster> = Vec::new();
    for (i, unit) in units
        .iter()
        .enumerate()
        .filter(|(_, u)| u.verdict == Verdict::Body)
    {
        match out.last_mut() {
            Some(cluster) if i - cluster.last <= CLUSTER_GAP => {
                cluster.last = i;
                cluster.weight += unit.features.chars;
            }
            _ => out.push(Cluster {
                first: i,
                last: i,
                weight: unit.features.chars,
            }),
        }
    }
    out
}

/// Keeps a cluster's body units, and the short units between them that
/// come alone or in pairs (or form a list of real items).
fn keep_cluster(units: &[Unit], cluster: &Cluster, keep: &mut [bool]) {
    let mut i = cluster.first;
    while i <= cluster.last {
        if units[i].verdict == Verdict::Body {
            keep[i] = true;
            i += 1;
            continue;
        }
        let gap_end = (i..=cluster.last)
            .find(|&j| units[j].verdict == Verdict::Body)
            .unwrap_or(cluster.last + 1);
        let short: Vec<usize> = (i..gap_end)
            .filter(|&j| units[j].verdict == Verdict::Short)
            .collect();
        let list = short
            .iter()
            .all(|&j| units[j].features.list_item && units[j].features.words >= 4);
        if short.len() <= MAX_INNER_SHORT || list {
            for j in short {
                keep[j] = true;
            }
        }
        i = gap_end;
    }
}

/// Keeps up to [`MAX_HEAD_UNITS`] short units right above the first body
/// paragraph: headline, dek, caption. Furniture between them is passed over;
/// a menu item, crumb or one-word label ends the headline block.
fn keep_headline(units: &[Unit], first_body: usize, keep: &mut [bool]) {
    let mut taken = 0;
    for i in (0..first_body).rev() {
        let unit = &units[i];
        match unit.verdict {
            Verdict::Boilerplate | Verdict::OtherLanguage => continue,
            Verdict::Short
                if unit.features.words >= 3
                    && !unit.features.list_item
                    && !unit.features.truncated =>
            {
                keep[i] = true;
                taken += 1;
                if taken == MAX_HEAD_UNITS {
                    return;
                }
            }
            _ => return,
        }
    }
}

/// A document without a single body paragraph (a brief, a one-line record):
/// keeps its sentences, or all its lines when it has at most three.
fn keep_short_document(units: &[Unit], keep: &mut [bool]) {
    let tiny = units.len() <= 3;
    for (i, unit) in units.iter().enumerate() {
        keep[i] = unit.verdict == Verdict::Short && (tiny || unit.features.terminal);
    }
}

/// `kept 20 of 61 paragraphs; dropped 14 boilerplate, 11 repeated, 9 other-language`.
fn note(units: &[Unit], keep: &[bool]) -> String {
    let kept = keep.iter().filter(|&&k| k).count();
    let dropped = |verdicts: &[Verdict]| {
        units
            .iter()
            .zip(keep)
            .filter(|(u, &k)| !k && verdicts.contains(&u.verdict))
            .count()
    };
    let counts = [
        (
            dropped(&[Verdict::Body, Verdict::Short, Verdict::Boilerplate]),
            "boilerplate",
        ),
        (dropped(&[Verdict::Repeated]), "repeated"),
        (dropped(&[Verdict::OtherLanguage]), "other-language"),
    ];
    let parts: Vec<String> = counts
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
    if parts.is_empty() {
        format!("kept all {kept} paragraphs")
    } else {
        format!(
            "kept {kept} of {} paragraphs; dropped {}",
            units.len(),
            parts.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, Meta};

    fn doc(text: &str) -> Document {
        Document {
            doc_id: "t".into(),
            path: "t.txt".into(),
            format: Format::Text,
            meta: Meta::default(),
            bytes: text.len() as u64,
            text: text.into(),
            notes: Vec::new(),
        }
    }

    fn kept(text: &str) -> Vec<String> {
        let d = doc(text);
        article(&d)
            .paragraphs
            .iter()
            .map(|p| p.span.text(&d.text).to_string())
            .collect()
    }

    const BODY: [&str; 4] = [
        "The river port was closed on Wednesday after heavy rain, the harbour authority said in a statement.",
        "About three hundred workers were sent home, and the authority said it would reopen the port once the water went down.",
        "Shipping companies said the closure would delay deliveries of grain and fuel to the towns upstream.",
        "The last time the port closed for a flood was in the spring of the year before last, officials recalled.",
    ];

    #[test]
    fn menus_widgets_and_forms_around_the_body_go() {
        let text = format!(
            "Home\nWorld\nSport\n\nRiver port closes after heavy rain\n\n{}\n\n{}\n\nFLOOD WARNING\n\n{}\n\n{}\n\nShare this\nLeave a comment\n12,345FollowersFollow\nMost read\n",
            BODY[0], BODY[1], BODY[2], BODY[3]
        );
        let kept = kept(&text);
        assert_eq!(kept[0], "River port closes after heavy rain");
        assert_eq!(kept[1..3], BODY[..2]);
        assert_eq!(kept[3], "FLOOD WARNING");
        assert_eq!(kept[4..], BODY[2..]);
    }

    #[test]
    fn a_body_printed_twice_is_kept_once() {
        let once = BODY.join("\n\n");
        let text = format!("River port closes\n\n{once}\n\nRiver port closes\n\n{once}\n");
        let d = doc(&text);
        let cleaned = article(&d);
        assert_eq!(cleaned.paragraphs.len(), 5, "{cleaned:?}");
        assert!(cleaned.note.contains("5 repeated"), "{}", cleaned.note);
    }

    #[test]
    fn paragraphs_in_another_language_go() {
        let text = format!(
            "{}\n\n{}\n\nГлава семьи имел психиатрический диагноз, сообщили подробности биографии банкира из Москвы.\n\n{}\n\nНовости\n",
            BODY[0], BODY[1], BODY[2]
        );
        let d = doc(&text);
        let cleaned = article(&d);
        assert_eq!(cleaned.language, "en");
        assert_eq!(cleaned.paragraphs.len(), 3, "{cleaned:?}");
        assert!(
            cleaned.note.contains("2 other-language"),
            "{}",
            cleaned.note
        );
    }

    #[test]
    fn a_far_away_cookie_note_does_not_count_as_body() {
        let text = format!(
            "We use cookies to give you the best experience on our website and to show you relevant ads.\nAccept\nSettings\nMenu\nSearch\n\n{}\n",
            BODY.join("\n")
        );
        let kept = kept(&text);
        assert_eq!(kept, BODY);
    }

    #[test]
    fn a_brief_without_body_paragraphs_is_kept() {
        assert_eq!(kept("Port closed.\n"), ["Port closed."]);
        assert!(kept("").is_empty());
        assert!(kept("\n \n\u{a0}\n").is_empty());
    }
}
