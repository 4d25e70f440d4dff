//! Statements: who said what, with which cue, through which channel.
//!
//! Forms recognised in one sentence:
//! - "X said (that) CONTENT", "X told NBC News CONTENT", "X said in a report that ...";
//! - "“CONTENT,” said X" and "CONTENT, X said";
//! - "According to X, CONTENT" and "CONTENT, according to X";
//! - relays that extend a chain: "..., as quoted by VOA".
//!
//! Pronoun speakers ("he said", "it said") are returned unresolved; the
//! document pass resolves them against earlier speakers.

use super::lexicon::LEXICON;
use super::scan::{Scan, TokenKind};
use std::ops::Range;

/// A pronoun standing for a speaker named earlier.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pronoun {
    /// he, she, I.
    Person,
    /// it.
    Thing,
    /// they, we.
    Group,
}

/// A statement found in a sentence.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Found {
    /// Tokens of the cue ("said", "according to").
    pub cue: Range<usize>,
    /// Normalised cue ("say", "deny").
    pub canonical: &'static str,
    /// The cue denies its content ("deny", "reject").
    pub negating: bool,
    /// The cue marks belief rather than assertion ("believe", "estimate").
    pub hedging: bool,
    /// The speaker as written, when not a pronoun.
    pub speaker: Option<Range<usize>>,
    /// The pronoun standing for the speaker, to be resolved.
    pub pronoun: Option<Pronoun>,
    /// What was said.
    pub content: Option<Range<usize>>,
    /// Channels and relays: "in a report", "told NBC News", "as quoted by VOA".
    pub chain: Vec<Range<usize>>,
}

/// Every statement in the sentence.
pub(crate) fn find(scan: &Scan) -> Vec<Found> {
    let quoted = quoted_tokens(scan);
    let mut found: Vec<Found> = Vec::new();
    let mut relays = Vec::new();
    let mut i = 0;
    while i < scan.len() {
        if let Some(hit) = LEXICON.attributions.at(scan, i) {
            let (canonical, relay) = match hit.value.split_once(' ') {
                Some((canonical, flag)) => (canonical, flag == "relay"),
                None => (hit.value, false),
            };
            if relay {
                relays.push(hit.start..scan.np_after(hit.end, 8).map_or(hit.end, |np| np.end));
            } else if let Some(statement) = according_to(scan, hit.start..hit.end, canonical) {
                found.push(statement);
            }
            i = hit.end;
            continue;
        }
        if !quoted[i] {
            if let Some(statement) = cue_statement(scan, i, &found) {
                i = statement.cue.end;
                found.push(statement);
                continue;
            }
        }
        i += 1;
    }
    for relay in relays {
        match found.iter_mut().rev().find(|s| s.cue.start < relay.start) {
            Some(statement) => statement.chain.push(relay),
            None => found.push(relayed(scan, relay)),
        }
    }
    found
}

/// Which tokens lie inside quotation marks (a cue there belongs to the quote).
fn quoted_tokens(scan: &Scan) -> Vec<bool> {
    let mut inside = false;
    (0..scan.len())
        .map(|i| match scan.raw(i) {
            _ if scan.kind(i) != Some(TokenKind::Punct) => inside,
            "“" | "«" | "„" => {
                inside = true;
                false
            }
            "”" | "»" => {
                inside = false;
                false
            }
            "\"" => {
                inside = !inside;
                false
            }
            _ => inside,
        })
        .collect()
}

/// "According to X, CONTENT" or "CONTENT, according to X".
fn according_to(scan: &Scan, cue: Range<usize>, canonical: &'static str) -> Option<Found> {
    let source = scan.np_after(cue.end, 8)?;
    // "According to X, CONTENT" (also mid-sentence: "..., and, according to
    // the agreement, the rebels must ...") or "CONTENT, according to X."
    let continues = scan.is_punct(source.end, ',') && source.end + 2 < scan.len();
    let content = if cue.start <= 1 || continues {
        let after = if scan.is_punct(source.end, ',') {
            source.end + 1
        } else {
            source.end
        };
        trimmed(scan, after..scan.len())
    } else {
        trimmed(scan, 0..cue.start)
    };
    Some(Found {
        cue,
        canonical,
        negating: false,
        hedging: false,
        speaker: Some(source),
        pronoun: None,
        content,
        chain: Vec::new(),
    })
}

/// A relay with no other cue in the sentence: "..., as reported by X".
fn relayed(scan: &Scan, relay: Range<usize>) -> Found {
    let cue_end = LEXICON
        .attributions
        .at(scan, relay.start)
        .map_or(relay.start + 1, |h| h.end);
    Found {
        cue: relay.start..cue_end,
        canonical: "report",
        negating: false,
        hedging: false,
        speaker: scan.np_after(cue_end, 8),
        pronoun: None,
        content: trimmed(scan, 0..relay.start),
        chain: Vec::new(),
    }
}

/// A cue verb at token `i` with its speaker and content.
fn cue_statement(scan: &Scan, i: usize, earlier: &[Found]) -> Option<Found> {
    let hit = LEXICON.cues.at(scan, i)?;
    if scan.is_capitalized(i)
        || matches!(scan.word(i), "not" | "no" | "nor")
        || !is_verb_position(scan, i)
    {
        return None;
    }
    let (canonical, flags) = hit.value.split_once(' ').unwrap_or((hit.value, ""));
    let cue = i..hit.end;
    let mut found = Found {
        cue: cue.clone(),
        canonical,
        negating: flags.contains("negating"),
        hedging: flags.contains("hedging"),
        speaker: None,
        pronoun: None,
        content: None,
        chain: Vec::new(),
    };
    let inverted = i == 0 || scan.is_punct(i - 1, ',') || scan.is_quote(i - 1);
    if inverted && speaker_after(scan, &mut found) {
        found.content = trimmed(scan, 0..i);
        return Some(found);
    }
    let speaker_start = speaker_before(scan, &mut found, earlier)?;
    let after = chain_after(scan, &mut found);
    let content_before = speaker_start > 0
        && (scan.is_punct(speaker_start - 1, ',') || scan.is_quote(speaker_start - 1))
        && !opens_content(scan, after);
    found.content = if content_before {
        let quote_end = (1..speaker_start).rev().find(|&j| scan.is_quote(j));
        trimmed(scan, 0..quote_end.unwrap_or(speaker_start - 1))
    } else {
        trimmed(scan, content_start(scan, after)..scan.len())
    };
    Some(found)
}

/// A cue word used as a verb: not after a determiner ("the report") nor
/// after "to" ("to highlight"), not followed by "of" ("claim of").
/// An uninflected cue that may be a noun ("the team report In January")
/// must be followed by its content, not by a name or the sentence end.
fn is_verb_position(scan: &Scan, i: usize) -> bool {
    let before = if i > 0 { scan.word(i - 1) } else { "" };
    let determiner = matches!(
        before,
        "the" | "a" | "an" | "its" | "his" | "her" | "their" | "our" | "this" | "that" | "to"
    ) || scan.kind(i.wrapping_sub(1)) == Some(TokenKind::Possessive);
    let uninflected = scan.stem(i) == scan.word(i);
    let next = i + 1;
    let noun_like = uninflected
        && (next >= scan.len()
            || (scan.is_capitalized(next) && pronoun_of(scan.word(next)).is_none())
            || (scan.kind(next) == Some(TokenKind::Punct)
                && !scan.is_punct(next, ':')
                && !scan.is_quote(next)));
    !determiner && !noun_like && scan.word(next) != "of"
}

fn pronoun_of(word: &str) -> Option<Pronoun> {
    Some(match word {
        "he" | "she" | "i" => Pronoun::Person,
        "it" => Pronoun::Thing,
        "they" | "we" => Pronoun::Group,
        _ => return None,
    })
}

/// "…,” said X, the coordinator …": the speaker follows the cue.
fn speaker_after(scan: &Scan, found: &mut Found) -> bool {
    let at = found.cue.end;
    if let Some(pronoun) = pronoun_of(scan.word(at)) {
        found.pronoun = Some(pronoun);
        return true;
    }
    found.speaker = scan
        .np_after(at, 8)
        .filter(|np| !opens_content(scan, np.start));
    found.speaker.is_some()
}

/// "X (has also) said": the speaker precedes the cue. Returns the first
/// token of the speaker (or of the pronoun standing for it).
fn speaker_before(scan: &Scan, found: &mut Found, earlier: &[Found]) -> Option<usize> {
    let mut end = scan.skip_aux_before(found.cue.start);
    if end > 0 {
        if let Some(pronoun) = pronoun_of(scan.word(end - 1)) {
            found.pronoun = Some(pronoun);
            return Some(end - 1);
        }
    }
    // "Ana Silva, said": a stray comma before the cue.
    if end > 1 && scan.is_punct(end - 1, ',') && scan.is_capitalized(end - 2) {
        end -= 1;
    }
    let mut speaker = scan.np_before(end, 8);
    if let Some(np) = &speaker {
        speaker = Some(extend_description(scan, np.clone(), found));
    }
    if speaker.is_none() && end > 0 && matches!(scan.word(end - 1), "and" | "but") {
        let previous = earlier.last()?;
        found.pronoun = previous.pronoun;
        speaker = previous.speaker.clone();
        speaker
            .as_ref()
            .or(previous.pronoun.as_ref().map(|_| &found.cue))?;
    }
    if speaker.is_none() && found.pronoun.is_none() {
        return None;
    }
    let start = speaker.as_ref().map_or(end, |s| s.start);
    found.speaker = speaker;
    Some(start)
}

/// "Merkel on Twitter wrote": the channel joins the chain; "Two commanders
/// in Helmand acknowledged": the place stays in the description.
fn extend_description(scan: &Scan, np: Range<usize>, found: &mut Found) -> Range<usize> {
    if np.start < 2 || !matches!(scan.word(np.start - 1), "in" | "from" | "on" | "at" | "via") {
        return np;
    }
    let Some(before) = scan.np_before(np.start - 1, 6) else {
        return np;
    };
    if is_channel(scan, np.clone()) {
        found.chain.push(np.start - 1..np.end);
        before
    } else {
        before.start..np.end
    }
}

fn is_channel(scan: &Scan, np: Range<usize>) -> bool {
    np.clone().any(|i| LEXICON.channels.at(scan, i).is_some())
}

/// Channels after the cue ("in a report", "on Twitter"), the audience of
/// "told" ("told NBC News"); returns the token where the content may start.
fn chain_after(scan: &Scan, found: &mut Found) -> usize {
    let mut at = found.cue.end;
    if found.canonical == "tell" && found.cue.len() == 1 {
        let audience_end = audience_end(scan, at);
        if audience_end > at {
            found.chain.push(found.cue.start..audience_end);
            at = audience_end;
        }
    }
    while matches!(
        scan.word(at),
        "in" | "on" | "during" | "via" | "through" | "to"
    ) {
        match scan
            .np_after(at + 1, 6)
            .filter(|np| is_channel(scan, np.clone()) || scan.word(at) == "to")
        {
            Some(np) => {
                found.chain.push(at..np.end);
                at = np.end;
            }
            None => break,
        }
    }
    at
}

/// "NBC News", "the Telegraph", "reporters": who was told.
fn audience_end(scan: &Scan, at: usize) -> usize {
    let mut end = at;
    if matches!(scan.word(end), "the" | "a") {
        end += 1;
    }
    let name_start = end;
    while scan.is_capitalized(end) && end - name_start < 4 {
        end += 1;
    }
    if end == name_start
        && scan.is_word(end)
        && !LEXICON.np_boundaries.at(scan, end)
        && scan.word(end).ends_with('s')
    {
        end += 1;
    }
    if end == name_start {
        at
    } else {
        end
    }
}

/// Where the content starts after the cue: after "that" when it follows
/// within a few words ("said in October that ..."), else right away.
fn content_start(scan: &Scan, after: usize) -> usize {
    (after..(after + 6).min(scan.len()))
        .take_while(|&i| i == after || scan.is_word(i) || scan.kind(i) == Some(TokenKind::Number))
        .find(|&i| opens_content(scan, i))
        .map_or(after, |i| i + 1)
}

/// "that", ":" or an opening quotation mark introduces content.
fn opens_content(scan: &Scan, at: usize) -> bool {
    scan.word(at) == "that" || scan.is_punct(at, ':') || matches!(scan.raw(at), "“" | "\"" | "«")
}

/// A token range without surrounding punctuation; None when nothing is left.
fn trimmed(scan: &Scan, mut range: Range<usize>) -> Option<Range<usize>> {
    let is_edge = |i: usize| scan.kind(i) == Some(TokenKind::Punct);
    while range.start < range.end && is_edge(range.start) {
        range.start += 1;
    }
    while range.start < range.end && is_edge(range.end - 1) {
        range.end -= 1;
    }
    (range.start < range.end).then_some(range)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (speaker or pronoun, cue with chain, content)
    fn statements(text: &str) -> Vec<(String, String, String)> {
        let lower = text.to_ascii_lowercase();
        let scan = Scan::new(text, &lower);
        find(&scan)
            .into_iter()
            .map(|s| {
                let speaker = match (&s.speaker, s.pronoun) {
                    (Some(r), _) => scan.text_of(r.clone()).to_string(),
                    (None, Some(p)) => format!("{p:?}"),
                    _ => String::new(),
                };
                let mut cue = scan.text_of(s.cue.clone()).to_string();
                for c in &s.chain {
                    cue.push_str(" | ");
                    cue.push_str(scan.text_of(c.clone()));
                }
                let content = s
                    .content
                    .map(|c| scan.text_of(c).to_string())
                    .unwrap_or_default();
                (speaker, cue, content)
            })
            .collect()
    }

    fn st(speaker: &str, cue: &str, content: &str) -> (String, String, String) {
        (speaker.to_string(), cue.to_string(), content.to_string())
    }

    #[test]
    fn speaker_after_the_cue() {
        assert_eq!(
            statements(
                "“They reaffirmed their ties,” said Fitton-Brown, adding that nothing changed."
            ),
            [
                st("Fitton-Brown", "said", "They reaffirmed their ties"),
                st("Fitton-Brown", "adding", "nothing changed")
            ]
        );
        assert_eq!(
            statements("It’s clearly the weaker partner, said Fitton-Brown."),
            [st(
                "Fitton-Brown",
                "said",
                "It’s clearly the weaker partner"
            )]
        );
    }

    #[test]
    fn speaker_before_the_cue_with_chain() {
        assert_eq!(
            statements("The US Treasury Department also said that the group is gaining strength."),
            [st(
                "The US Treasury Department",
                "said",
                "the group is gaining strength"
            )]
        );
        assert_eq!(
            statements("Two commanders in Helmand acknowledged the presence of fighters but told NBC News that they had rules."),
            [
                st("Two commanders in Helmand", "acknowledged", "the presence of fighters but told NBC News that they had rules"),
                st("Two commanders in Helmand", "told | told NBC News", "they had rules"),
            ]
        );
        assert_eq!(
            statements("Saleh on Twitter wrote that forces killed three members."),
            [st(
                "Saleh",
                "wrote | on Twitter",
                "forces killed three members"
            )]
        );
        assert_eq!(
            statements(
                "The Treasury Department has highlighted in a report that the group operates."
            ),
            [st(
                "The Treasury Department",
                "highlighted | in a report",
                "the group operates"
            )]
        );
    }

    #[test]
    fn content_before_the_speaker() {
        assert_eq!(
            statements("“Senior figures remain, as well as hundreds of operatives,” the coordinator, Edmund Fitton-Brown said during a webinar as quoted by VOA."),
            [st(
                "Edmund Fitton-Brown",
                "said | during a webinar | as quoted by VOA",
                "Senior figures remain, as well as hundreds of operatives"
            )]
        );
        assert_eq!(
            statements("The group is running training, Fitton-Brown said."),
            [st("Fitton-Brown", "said", "The group is running training")]
        );
    }

    #[test]
    fn pronouns_and_according_to() {
        assert_eq!(
            statements("“We believe it,” he said."),
            [st("Person", "said", "We believe it")]
        );
        assert_eq!(
            statements("He said: “Honestly I see nothing.”"),
            [st("Person", "said", "Honestly I see nothing")]
        );
        assert_eq!(
            statements("According to the report, the group is present in key locations."),
            [st(
                "the report",
                "According to",
                "the group is present in key locations"
            )]
        );
        assert_eq!(
            statements("They signed a deal and, according to the deal, the group must cut ties."),
            [st("the deal", "according to", "the group must cut ties")]
        );
        assert_eq!(
            statements("The Taliban deny a close relationship."),
            [st("The Taliban", "deny", "a close relationship")]
        );
    }

    #[test]
    fn a_comma_before_the_cue() {
        assert_eq!(
            statements("The militants came from Iran and the United Arab Emirates, said the commander, who asked."),
            [st("the commander", "said", "The militants came from Iran and the United Arab Emirates")]
        );
        assert_eq!(
            statements("Edmund Fitton-Brown, said in October that the group is integrated."),
            [st("Edmund Fitton-Brown", "said", "the group is integrated")]
        );
        assert_eq!(statements("he is not allowed to speak"), []);
    }

    #[test]
    fn nouns_and_infinitives_are_not_cues() {
        assert!(
            statements(
                "According to the last surveillance team report In January there are fighters."
            )
            .len()
                == 1
        );
        assert!(statements("The reports of the panel are based on information.").is_empty());
        assert!(statements("The assessment is the latest to highlight links.").is_empty());
    }
}
