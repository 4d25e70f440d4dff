//! Roles: who holds which title or function, and for which organisation.
//!
//! - before a name: "Secretary of State John Kerry", "NATO Secretary
//!   General Jens Stoltenberg", "Germany's Foreign Minister X",
//!   "Hezbollah leader X";
//! - apposition after a name: "X, the coordinator of the UN monitoring team";
//! - apposition before a name: "the foreign minister of Germany, X";
//! - a person's government or administration: "X's government".

use super::lexicon::LEXICON;
use super::scan::{Scan, TokenKind};
use std::ops::Range;

/// A role found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Found {
    /// Who holds it.
    pub holder: Range<usize>,
    /// The title as written, with its qualifiers ("acting Secretary of Defense").
    pub title: Range<usize>,
    /// The organisation or place it belongs to, when written.
    pub org: Option<Range<usize>>,
    /// "has role", or "heads" for a person's government or administration.
    pub predicate: &'static str,
}

/// Nouns a person heads when written "X's government".
const LED_BODIES: &[&str] = &["government", "administration", "cabinet", "regime"];

/// Every role in the sentence.
pub(crate) fn find(scan: &Scan) -> Vec<Found> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < scan.len() {
        let Some(title) = title_at(scan, i) else {
            i += 1;
            continue;
        };
        let role = before_name(scan, &title)
            .or_else(|| apposition_before(scan, &title))
            .or_else(|| apposition_after(scan, &title));
        if let Some(role) = role {
            i = role.holder.end.max(title.title.end);
            found.push(role);
        } else {
            i = title.title.end;
        }
    }
    found.extend(led_bodies(scan));
    found
}

/// A title and what surrounds it, before deciding whose it is.
struct Title {
    /// Qualifiers and title words.
    title: Range<usize>,
    /// First token of the whole phrase including determiner and organisation.
    phrase_start: usize,
    /// Organisation written before the title ("NATO", "Germany's").
    org_before: Option<Range<usize>>,
}

/// The title starting at token `i` with its qualifiers before it.
fn title_at(scan: &Scan, i: usize) -> Option<Title> {
    let hit = LEXICON.titles.at(scan, i)?;
    if LEXICON.title_modifiers.at(scan, i) && i > 0 && LEXICON.titles.at(scan, i - 1).is_some() {
        return None;
    }
    let mut start = i;
    while start > 0 && LEXICON.title_modifiers.at(scan, start - 1) {
        start -= 1;
    }
    let mut end = hit.end;
    while let Some(next) = LEXICON
        .titles
        .at(scan, end)
        .filter(|_| scan.is_capitalized(end) == scan.is_capitalized(i))
    {
        end = next.end;
    }
    let (org_before, phrase_start) = org_before(scan, start);
    Some(Title {
        title: start..end,
        phrase_start,
        org_before,
    })
}

/// "NATO Secretary General", "the acting US Secretary", "Germany's Foreign Minister".
fn org_before(scan: &Scan, title_start: usize) -> (Option<Range<usize>>, usize) {
    if title_start >= 2 && scan.kind(title_start - 1) == Some(TokenKind::Possessive) {
        if let Some(np) = scan.np_before(title_start - 1, 4) {
            return (Some(np.clone()), np.start);
        }
    }
    let mut start = title_start;
    while start > 0 && scan.is_capitalized(start - 1) && !is_sentence_opener(scan, start - 1) {
        start -= 1;
    }
    if start < title_start {
        let org = start..title_start;
        let with_det = if start > 0 && is_determiner(scan.word(start - 1)) {
            start - 1
        } else {
            start
        };
        return (Some(org), with_det);
    }
    let with_det = if start > 0 && is_determiner(scan.word(start - 1)) {
        start - 1
    } else {
        start
    };
    (None, with_det)
}

fn is_sentence_opener(scan: &Scan, i: usize) -> bool {
    i == 0
        && matches!(
            scan.word(i),
            "the" | "a" | "an" | "its" | "his" | "her" | "their"
        )
}

fn is_determiner(word: &str) -> bool {
    matches!(
        word,
        "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our"
    )
}

/// "Secretary of State John Kerry": a name right after the title.
fn before_name(scan: &Scan, title: &Title) -> Option<Found> {
    let holder = name_at(scan, title.title.end)?;
    Some(Found {
        holder,
        title: title.title.clone(),
        org: title.org_before.clone(),
        predicate: "has role",
    })
}

/// "the foreign minister of Germany, X" and "its leader, the Egyptian X".
fn apposition_before(scan: &Scan, title: &Title) -> Option<Found> {
    let (org, comma) = match of_org(scan, title.title.end) {
        Some(org) => (Some(org.clone()), org.end),
        None => (title.org_before.clone(), title.title.end),
    };
    if !scan.is_punct(comma, ',') {
        return None;
    }
    let mut name_start = comma + 1;
    if matches!(scan.word(name_start), "the" | "a") {
        name_start += 1;
    }
    let holder = name_at(scan, name_start)?;
    let closes = holder.end >= scan.len()
        || scan.kind(holder.end) == Some(TokenKind::Punct)
        || (scan.is_word(holder.end)
            && !scan.is_capitalized(holder.end)
            && !matches!(scan.word(holder.end), "and" | "or"));
    let opens = title.phrase_start < title.title.start
        || title.phrase_start == 0
        || title.org_before.is_some();
    (closes && opens).then(|| Found {
        holder,
        title: title.title.clone(),
        org,
        predicate: "has role",
    })
}

/// "X, the coordinator of the UN monitoring team" and "X, a member of Y".
fn apposition_after(scan: &Scan, title: &Title) -> Option<Found> {
    let start = title.phrase_start;
    if start == 0 || !scan.is_punct(start - 1, ',') {
        return None;
    }
    let holder = name_before(scan, start - 1)?;
    Some(Found {
        holder,
        title: title.title.clone(),
        org: of_org(scan, title.title.end).or_else(|| title.org_before.clone()),
        predicate: "has role",
    })
}

/// "of Germany", "for the International Crisis Group".
fn of_org(scan: &Scan, at: usize) -> Option<Range<usize>> {
    if !matches!(scan.word(at), "of" | "for" | "at") {
        return None;
    }
    let np = scan.np_after(at + 1, 10)?;
    let mut end = np.start;
    while end < np.end && !scan.is_punct(end, ',') {
        end += 1;
    }
    (end > np.start).then_some(np.start..end)
}

/// "Angela Merkel's coalition government".
fn led_bodies(scan: &Scan) -> Vec<Found> {
    (1..scan.len())
        .filter(|&p| scan.kind(p) == Some(TokenKind::Possessive))
        .filter_map(|p| {
            let holder = name_before(scan, p)?;
            let body = (p + 1..(p + 4).min(scan.len()))
                .take_while(|&j| scan.is_word(j) && !LEXICON.np_boundaries.at(scan, j))
                .find(|&j| LED_BODIES.contains(&scan.word(j)))?;
            (holder.end - holder.start >= 2).then(|| Found {
                holder,
                title: p + 1..body + 1,
                org: None,
                predicate: "heads",
            })
        })
        .collect()
}

/// A personal name starting at `i`: capitalised words, inner particles
/// ("al", "bin"), at most five tokens, not a title itself.
fn name_at(scan: &Scan, i: usize) -> Option<Range<usize>> {
    let mut end = i;
    while end < scan.len() && end - i < 5 {
        let particle = LEXICON.name_particles.at(scan, end) && is_name_word(scan, end + 1);
        if !(is_name_word(scan, end) || particle) || LEXICON.titles.at(scan, end).is_some() {
            break;
        }
        end += 1;
    }
    (end > i).then_some(i..end)
}

/// The name ending just before token `end`.
fn name_before(scan: &Scan, end: usize) -> Option<Range<usize>> {
    let mut start = end;
    while start > 0 && end - start < 5 {
        let j = start - 1;
        let particle = LEXICON.name_particles.at(scan, j) && start < end;
        if !(is_name_word(scan, j) || particle) || LEXICON.titles.at(scan, j).is_some() {
            break;
        }
        start -= 1;
    }
    (start < end && is_name_word(scan, start)).then_some(start..end)
}

/// A capitalised word, or one with a name particle glued on ("al-Baghdadi").
fn is_name_word(scan: &Scan, i: usize) -> bool {
    scan.is_capitalized(i)
        || scan.is_word(i)
            && scan.raw(i).split_once('-').is_some_and(|(particle, rest)| {
                LEXICON.name_particles.contains(particle) && rest.starts_with(char::is_uppercase)
            })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn roles(text: &str) -> Vec<(String, String, String)> {
        let lower = text.to_ascii_lowercase();
        let scan = Scan::new(text, &lower);
        find(&scan)
            .into_iter()
            .map(|r| {
                let org = r
                    .org
                    .map(|o| scan.text_of(o).to_string())
                    .unwrap_or_default();
                (
                    scan.text_of(r.holder).to_string(),
                    scan.text_of(r.title).to_string(),
                    org,
                )
            })
            .collect()
    }

    fn role(holder: &str, title: &str, org: &str) -> (String, String, String) {
        (holder.to_string(), title.to_string(), org.to_string())
    }

    #[test]
    fn titles_before_names() {
        assert_eq!(
            roles("On March 1, Foreign Secretary Mike Pompeo said the group had broken"),
            [role("Mike Pompeo", "Foreign Secretary", "")]
        );
        assert_eq!(
            roles("a statement from the administration’s Secretary of State Mike Pompeo that"),
            [role(
                "Mike Pompeo",
                "Secretary of State",
                "the administration"
            )]
        );
        assert_eq!(
            roles("NATO Secretary General Jens Stoltenberg said Monday"),
            [role("Jens Stoltenberg", "Secretary General", "NATO")]
        );
        assert_eq!(
            roles("the group leader Ayman al-Zawahiri has"),
            [role("Ayman al-Zawahiri", "leader", "")]
        );
        assert_eq!(
            roles("fired coach Maurice Cheeks on Saturday"),
            [role("Maurice Cheeks", "coach", "")]
        );
    }

    #[test]
    fn appositions() {
        assert_eq!(
            roles("In fact, the first vice president of Afghanistan, Amrullah Saleh, suggested"),
            [role(
                "Amrullah Saleh",
                "first vice president",
                "Afghanistan"
            )]
        );
        assert_eq!(
            roles(
                "said Edmund Fitton-Brown, the coordinator of the UN body responsible for tracking"
            ),
            [role(
                "Edmund Fitton-Brown",
                "coordinator",
                "the UN body responsible"
            )]
        );
        assert_eq!(
            roles(
                "For his part, the acting US Secretary of Defense, Christopher Miller, confirmed"
            ),
            [role("Christopher Miller", "Secretary of Defense", "US")]
        );
        assert_eq!(
            roles("said Alfredo Perez, a spokesman for the U.S. Marshals Service."),
            [role(
                "Alfredo Perez",
                "spokesman",
                "the U.S. Marshals Service"
            )]
        );
    }

    #[test]
    fn a_person_heads_a_government() {
        assert_eq!(
            roles("battling Ashraf Ghani’s internationally-backed government."),
            [role(
                "Ashraf Ghani",
                "internationally-backed government",
                ""
            )]
        );
    }
}
