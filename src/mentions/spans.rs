//! Name spans in one sentence: runs of capitalised words with the particles
//! and connectors that may sit inside a name, split at titles, trimmed of
//! sentence openers, demonyms and other capitalised non-names.

use super::link::{acronym_letters, initial_letters, spells};
use super::tokens::{Case, Token};
use super::Doc;
use crate::lexicon::{self, Listed};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::cell::Cell;
use std::ops::Range;

/// A name found in a sentence, before typing and linking.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Candidate {
    /// Index of the sentence.
    pub sentence: usize,
    /// Token indices of the name within the sentence.
    pub tokens: Range<usize>,
    /// Byte range of the title written before the name, if any.
    pub role: Option<Range<usize>>,
    /// The name starts with a form of address ("Mr Gaddafi").
    pub address: bool,
    /// A single capitalised word also written in lower case elsewhere in the
    /// document: kept only if it turns out to be a short form of a name.
    pub common_word: bool,
}

/// One sentence with its tokens, and what is known about the document.
pub(super) struct SentenceView<'a> {
    pub index: usize,
    pub text: &'a str,
    pub tokens: &'a [Token],
    pub doc: &'a Doc<'a>,
    /// [`is_shouting`], read once: headlines, candidates and headline parts ask.
    shouting: bool,
    /// The word lists of each token, looked up when first asked: spans ask
    /// several lists about the same capitalised words.
    listed: Vec<Cell<Option<Listed>>>,
}

impl<'a> SentenceView<'a> {
    pub fn new(index: usize, text: &'a str, tokens: &'a [Token], doc: &'a Doc<'a>) -> Self {
        let mut view = SentenceView {
            index,
            text,
            tokens,
            doc,
            shouting: false,
            listed: vec![Cell::new(None); tokens.len()],
        };
        view.shouting = is_shouting(&view);
        view
    }
}

impl<'a> SentenceView<'a> {
    pub fn word(&self, i: usize) -> &'a str {
        &self.text[self.tokens[i].range.clone()]
    }

    /// True when the word of token `i` is in `list`.
    pub fn is(&self, i: usize, list: Listed) -> bool {
        let cell = &self.listed[i];
        let listed = cell.get().unwrap_or_else(|| {
            let listed = lexicon::listed(self.word(i));
            cell.set(Some(listed));
            listed
        });
        listed.has(list)
    }

    /// Text covered by tokens `range` (from the first's start to the last's end).
    pub fn span_text(&self, range: Range<usize>) -> &'a str {
        &self.text[self.byte_range(range)]
    }

    pub fn byte_range(&self, range: Range<usize>) -> Range<usize> {
        match (
            self.tokens.get(range.start),
            range.end.checked_sub(1).and_then(|e| self.tokens.get(e)),
        ) {
            (Some(first), Some(last)) if range.start < range.end => {
                first.range.start..last.range.end
            }
            _ => 0..0,
        }
    }

    /// Words from `start` while each is glued to the previous one by spaces,
    /// at most `limit` (up to [`MAX_GLUED`]).
    fn glued_words(&self, start: usize, limit: usize) -> GluedWords<'a> {
        let mut glued = GluedWords {
            words: [""; MAX_GLUED],
            len: 0,
        };
        for i in start..self.tokens.len().min(start + limit.min(MAX_GLUED)) {
            if i > start && (!self.tokens[i].joined || self.tokens[i - 1].closes) {
                break;
            }
            glued.words[glued.len] = self.word(i);
            glued.len += 1;
        }
        glued
    }

    /// Can token `i` be part of a name by its own look?
    fn name_like(&self, i: usize, shouting: bool) -> bool {
        let token = &self.tokens[i];
        match token.case {
            // One letter only as an initial inside a name ("James R. Dabney").
            Case::Capital => {
                let word = self.word(i);
                // Read up to the second letter, not the whole word: asked
                // for every capitalised word, several times.
                word.chars().filter(|c| c.is_alphabetic()).nth(1).is_some()
                    || (word.ends_with('.') && i > 0 && self.continues(i))
            }
            Case::Acronym => !shouting,
            Case::Other => self.numbered_name_word(i),
            Case::Lower => false,
        }
    }

    /// A word of digits then three or more lower-case letters continuing a
    /// capitalised name ("San Francisco 49ers"); ordinals
    /// and decades ("25th", "1990s") have fewer letters.
    fn numbered_name_word(&self, i: usize) -> bool {
        let word = self.word(i);
        let letters = word.trim_start_matches(|c: char| c.is_ascii_digit());
        letters.len() < word.len()
            && letters.chars().count() >= 3
            && letters.chars().all(char::is_lowercase)
            && self.continues(i)
            && self.tokens[i - 1].case == Case::Capital
    }

    /// True when token `i` continues a name ending at `i - 1`.
    fn continues(&self, i: usize) -> bool {
        i > 0 && i < self.tokens.len() && self.tokens[i].joined && !self.tokens[i - 1].closes
    }
}

/// Most glued words read ahead for a title or a connector.
const MAX_GLUED: usize = 8;

/// A few consecutive words, kept on the stack: read for every capitalised
/// word of every sentence.
struct GluedWords<'a> {
    words: [&'a str; MAX_GLUED],
    len: usize,
}

impl<'a> std::ops::Deref for GluedWords<'a> {
    type Target = [&'a str];

    fn deref(&self) -> &[&'a str] {
        &self.words[..self.len]
    }
}

/// Headlines and shouted lines: mostly capitals, or capitalised function
/// words. Their words are not names just for being capitalised.
fn is_shouting(view: &SentenceView) -> bool {
    let mut words = 0;
    let mut capitals = 0;
    let mut function_words = 0;
    for (i, token) in view.tokens.iter().enumerate() {
        if token.case == Case::Other {
            continue;
        }
        words += 1;
        if token.case == Case::Acronym {
            capitals += 1;
            if view.is(i, Listed::NON_NAME) && lexicon::place(view.word(i)).is_none() {
                function_words += 1;
            }
        }
    }
    (words >= 3 && capitals * 10 >= words * 6) || function_words >= 2
}

/// Headlines in title case ("UN Report Says Al-Shabaab Rebuilds Training
/// Camps") and shouted lines: their capitals say little about names.
pub(super) fn is_headline(view: &SentenceView) -> bool {
    let words = view.tokens.iter().filter(|t| t.case != Case::Other).count();
    let capitals = view
        .tokens
        .iter()
        .filter(|t| !matches!(t.case, Case::Other | Case::Lower))
        .count();
    let title_case = words >= 4 && capitals * 4 >= words * 3;
    // The word lists are only read for sentences that look like headlines.
    let capitalised_common = || {
        (0..view.tokens.len())
            .filter(|&i| {
                let token = &view.tokens[i];
                !matches!(token.case, Case::Other | Case::Lower)
                    && !token.initial
                    && capitalised_common_word_look(view, i)
            })
            .take(2)
            .count()
    };
    // Body sentences end in punctuation; a headline usually does not, and
    // then one ordinary capitalised word is enough to tell.
    let needed = if ends_like_a_sentence(view.text) {
        2
    } else {
        1
    };
    view.shouting || (title_case && capitalised_common() >= needed)
}

/// True when the text ends with a full stop, question or exclamation mark,
/// possibly inside closing quotes or brackets.
fn ends_like_a_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '\u{201D}', '\u{2019}', ')', ']'])
        .ends_with(['.', '?', '!'])
}

/// A capitalised word that reads as an ordinary word rather than a name:
/// not a title, and a listed non-name, speech verb, headline verb form or
/// word written in lower case elsewhere ("Says", "Report", "Hires").
fn capitalised_common_word_look(view: &SentenceView, i: usize) -> bool {
    let word = view.word(i);
    let title = view.is(i, Listed::TITLE) || view.is(i, Listed::TITLE_MODIFIER);
    !title
        && (view.is(i, Listed::NON_NAME)
            || view.is(i, Listed::SPEECH_VERB)
            || lexicon::is_headline_verb_form(word)
            || view.doc.seen_in_lower_case(word))
}

/// The lookup key of a name: folded words, hyphens as spaces
/// ("al-Shabaab" and "Al Shabaab" share one).
pub(super) fn name_key<'w>(words: impl IntoIterator<Item = &'w str>) -> String {
    // Room for most names: one allocation, not one per doubling.
    let mut key = String::with_capacity(32);
    for (n, word) in words.into_iter().enumerate() {
        if n > 0 {
            key.push(' ');
        }
        push_key_word(&mut key, word);
    }
    key
}

/// Appends one word of a [`name_key`]: folded, hyphens as spaces.
pub(super) fn push_key_word(key: &mut String, word: &str) {
    if word.is_ascii() {
        // Folding ASCII is lower-casing: copied (in pieces between hyphens,
        // for the few hyphenated words), then lower-cased in place, with no
        // folded copy of the word.
        let from = key.len();
        if !word.as_bytes().contains(&b'-') {
            key.push_str(word);
            key[from..].make_ascii_lowercase();
            return;
        }
        for (n, piece) in word.split('-').enumerate() {
            if n > 0 {
                key.push(' ');
            }
            key.push_str(piece);
        }
        key[from..].make_ascii_lowercase();
        return;
    }
    let folded = lexicon::fold(word);
    key.extend(folded.chars().map(|c| {
        if matches!(c, '-' | '\u{2010}' | '\u{2011}') {
            ' '
        } else {
            c
        }
    }));
}

/// What the body of a document (its sentences that are not headlines)
/// says are names.
pub(super) struct KnownNames<'a> {
    /// Name keys of body mentions, with how many times each is written.
    pub names: HashMap<String, usize>,
    /// Folded words of body mentions.
    pub words: HashSet<Cow<'a, str>>,
}

/// A capitalised word of a headline that is an ordinary word ("Says",
/// "Report", "Checks").
fn capitalised_common_word(view: &SentenceView, i: usize) -> bool {
    view.tokens[i].case == Case::Capital && capitalised_common_word_look(view, i)
}

/// In a headline, the parts of a candidate that the body confirms: cut at
/// ordinary capitalised words, a part is kept whole when it is a known
/// name, a place, an acronym, or a known given name with a surname
/// ("Lindsay Lohan Checks Out" -> "Lindsay Lohan"); otherwise its longest
/// known or gazetteer sub-spans are kept ("UN Report" -> "UN").
pub(super) fn known_parts(
    view: &SentenceView,
    candidate: &Candidate,
    known: &KnownNames,
) -> Vec<Candidate> {
    let confirmed = |range: Range<usize>| {
        let acronym =
            range.len() == 1 && view.tokens[range.start].case == Case::Acronym && !view.shouting;
        acronym
            || known
                .names
                .contains_key(&name_key(range.clone().map(|i| view.word(i))))
            || lexicon::place(view.span_text(range)).is_some()
    };
    let part = |range: Range<usize>| {
        let whole = range == candidate.tokens;
        Candidate {
            role: if whole { candidate.role.clone() } else { None },
            address: whole && candidate.address,
            common_word: false,
            tokens: range,
            ..candidate.clone()
        }
    };
    let mut out = Vec::new();
    let mut start = candidate.tokens.start;
    while start < candidate.tokens.end {
        // A name the body confirms, even one holding an ordinary word.
        if let Some(end) = (start + 2..=candidate.tokens.end)
            .rev()
            .find(|&e| confirmed(start..e))
        {
            out.push(part(start..end));
            start = end;
            continue;
        }
        if capitalised_common_word(view, start) && !confirmed(start..start + 1) {
            start += 1;
            continue;
        }
        let end = (start..candidate.tokens.end)
            .find(|&i| i > start && capitalised_common_word(view, i))
            .unwrap_or(candidate.tokens.end);
        // A given name known from the body, with a surname ("Lindsay Lohan").
        let shares_word = end - start == 2
            && view.tokens[start].case == Case::Capital
            && known
                .words
                .contains(lexicon::fold(view.word(start)).as_ref());
        if shares_word || confirmed(start..end) {
            out.push(part(start..end));
        } else {
            let mut i = start;
            while i < end {
                match (i + 1..=end).rev().find(|&e| confirmed(i..e)) {
                    Some(e) => {
                        out.push(part(i..e));
                        i = e;
                    }
                    None => i += 1,
                }
            }
        }
        start = end;
    }
    out
}

/// Fewest words of a name that [`glued_parts`] may split: two names of two.
pub(super) const GLUED_MIN_WORDS: usize = 4;

/// A body candidate that glues two names the document also writes apart,
/// with at most one word between them ("Riverside Rovers FW Tom Abernathy"
/// beside "Riverside Rovers" and "Tom Abernathy"): the two names. Each part
/// has two words or more; a run written whole elsewhere stays whole.
pub(super) fn glued_parts(
    view: &SentenceView,
    candidate: &Candidate,
    known: &KnownNames,
) -> Option<[Candidate; 2]> {
    let range = candidate.tokens.clone();
    let key = |r: Range<usize>| name_key(r.map(|i| view.word(i)));
    let count = |r: Range<usize>| known.names.get(&key(r)).copied().unwrap_or(0);
    if range.len() < GLUED_MIN_WORDS || count(range.clone()) > 1 {
        return None;
    }
    let (start, end) = (range.start, range.end);
    (start + 2..=end - 2).find_map(|left_end| {
        (left_end..=(left_end + 1).min(end - 2))
            .find(|&right_start| count(start..left_end) > 0 && count(right_start..end) > 0)
            .map(|right_start| {
                [
                    Candidate {
                        tokens: start..left_end,
                        ..candidate.clone()
                    },
                    Candidate {
                        tokens: right_start..end,
                        role: None,
                        address: false,
                        ..candidate.clone()
                    },
                ]
            })
    })
}

/// Name candidates of one sentence, in text order.
pub(super) fn candidates(view: &SentenceView) -> Vec<Candidate> {
    let shouting = view.shouting;
    let mut out = Vec::new();
    let mut i = 0;
    while i < view.tokens.len() {
        if !(view.name_like(i, shouting) || starts_with_particle(view, i, shouting)) {
            i += 1;
            continue;
        }
        let (role, start) = match title_before_name(view, i, shouting) {
            TitleAt::None => (None, i),
            TitleAt::Alone(len) => {
                i += len;
                continue;
            }
            TitleAt::Before(len) => (Some(view.byte_range(i..i + len)), i + len),
            TitleAt::Address => (None, i),
        };
        let address = view.is(i, Listed::ADDRESS) && start == i && role.is_none();
        let end = extend(view, start, address, shouting);
        if let Some(candidate) = trim(view, start..end, role, address) {
            out.push(candidate);
        }
        i = end.max(i + 1);
    }
    if shouting {
        out.extend(shouted_places(view));
        out.sort_by_key(|c| c.tokens.start);
    }
    out
}

/// A particle that may open a name when its hyphenated form is listed too
/// ("al Shabaab" as well as "al-Shabaab"), followed by a name word.
fn starts_with_particle(view: &SentenceView, i: usize, shouting: bool) -> bool {
    // The cheap token checks first: most lower-case words are followed by
    // another lower-case word, and the lists are never read for them.
    let word = view.word(i);
    view.tokens[i].case == Case::Lower
        && view.continues(i + 1)
        && view.name_like(i + 1, shouting)
        && view.is(i, Listed::PARTICLE)
        && lexicon::particle_prefix(&format!("{word}-x")).is_some()
}

enum TitleAt {
    None,
    /// A title with no name after it ("the Secretary of State said").
    Alone(usize),
    /// A title of this many tokens before a name.
    Before(usize),
    /// A form of address, kept in the name.
    Address,
}

/// Whether a title starts at token `i`, and whether a name follows it.
fn title_before_name(view: &SentenceView, i: usize, shouting: bool) -> TitleAt {
    if !view.is(i, Listed::TITLE_START) {
        return TitleAt::None;
    }
    let words = view.glued_words(i, 8);
    let len = lexicon::title_prefix(&words);
    if len == 0 {
        return TitleAt::None;
    }
    let next = i + len;
    let name_follows = len < words.len()
        && view.name_like(next, shouting)
        && !view.is(next, Listed::ORG_WORD)
        && !is_org_phrase(view, next);
    if !name_follows {
        // "Justice Department", "General Motors": the title word is part of a name.
        return if len < words.len() && view.name_like(next, shouting) {
            TitleAt::None
        } else {
            TitleAt::Alone(len)
        };
    }
    if len == 1 && view.is(i, Listed::ADDRESS) {
        TitleAt::Address
    } else {
        TitleAt::Before(len)
    }
}

/// True when the capitalised run from `i` contains an organisation word.
fn is_org_phrase(view: &SentenceView, i: usize) -> bool {
    let mut j = i;
    while j < view.tokens.len()
        && (j == i || view.continues(j))
        && view.tokens[j].case != Case::Lower
    {
        if view.is(j, Listed::ORG_WORD) {
            return true;
        }
        j += 1;
    }
    false
}

/// End (exclusive) of the name that starts at token `start`.
fn extend(view: &SentenceView, start: usize, address: bool, shouting: bool) -> usize {
    let mut end = start + 1;
    if address && view.continues(end) {
        end += 1;
    }
    loop {
        end = extend_glued(view, start, end, shouting);
        let nickname_after = (!address && end - start <= 2)
            .then(|| quoted_nickname(view, end, shouting))
            .flatten();
        match nickname_after {
            Some(after) => end = after,
            None => return end,
        }
    }
}

/// End (exclusive) of the name `start..end` extended over the words glued
/// to it by spaces.
fn extend_glued(view: &SentenceView, start: usize, mut end: usize, shouting: bool) -> usize {
    while view.continues(end) {
        if reports_an_act(view, end) {
            break;
        }
        if view.name_like(end, shouting) {
            match title_before_name(view, end, shouting) {
                TitleAt::None | TitleAt::Alone(1) => {}
                // A title inside the run starts a new name, or ends this one
                // ("US Secretary of Defense, Robert Gates").
                TitleAt::Alone(_) | TitleAt::Before(_) | TitleAt::Address => break,
            }
            end += 1;
        } else if is_inner_particle(view, end, shouting) {
            end += 2;
        } else if let Some(joined_end) = connector_join(view, start, end, shouting) {
            end = joined_end;
        } else {
            break;
        }
    }
    end
}

/// A capitalised past form of a headline verb ("ROVERS Fired Tom
/// Abernathy"): it ends the name before it ("Acme Limited" is an
/// organisation word and stays).
fn reports_an_act(view: &SentenceView, i: usize) -> bool {
    view.tokens[i].case == Case::Capital
        && lexicon::is_headline_past_form(view.word(i))
        && !view.is(i, Listed::ORG_WORD)
}

/// A nickname in quotes between a given name and a surname
/// (Joaquín "El Chapo" Guzmán, Salvatore "Sammy the Bull" Gravano): if one
/// starts at token `at`, the end of the surname after it.
fn quoted_nickname(view: &SentenceView, at: usize, shouting: bool) -> Option<usize> {
    let gap = |i: usize| &view.text[view.tokens[i - 1].range.end..view.tokens[i].range.start];
    let opens =
        |g: &str| g.starts_with(' ') && matches!(g.trim(), "\"" | "\u{201C}" | "'" | "\u{2018}");
    let closes =
        |g: &str| g.ends_with(' ') && matches!(g.trim(), "\"" | "\u{201D}" | "'" | "\u{2019}");
    let nickname_word = |i: usize| match view.tokens[i].case {
        Case::Capital | Case::Acronym => view.name_like(i, shouting),
        Case::Lower => view.word(i).chars().count() <= 3,
        Case::Other => false,
    };
    if at == 0 || at >= view.tokens.len() || view.tokens[at - 1].closes || !opens(gap(at)) {
        return None;
    }
    let last = (at..view.tokens.len().min(at + 4))
        .take_while(|&i| nickname_word(i) && (i == at || view.continues(i)))
        .last()?;
    let surname = last + 1;
    let capitalised = (at..=last).any(|i| view.tokens[i].case != Case::Lower);
    (capitalised
        && surname < view.tokens.len()
        && !view.tokens[last].closes
        && closes(gap(surname))
        && view.tokens[surname].case == Case::Capital
        && view.name_like(surname, shouting))
    .then_some(surname + 1)
}

/// A particle between two name words ("Abu Bakr al Baghdadi", "bin Laden").
fn is_inner_particle(view: &SentenceView, i: usize, shouting: bool) -> bool {
    view.tokens[i].case == Case::Lower
        && view.is(i, Listed::PARTICLE)
        && view.continues(i + 1)
        && view.name_like(i + 1, shouting)
}

/// If a connector at `at` ("of the") joins the name `start..at` to the
/// capitalised words after it, the end of the joined name.
fn connector_join(view: &SentenceView, start: usize, at: usize, shouting: bool) -> Option<usize> {
    if !view.is(at, Listed::CONNECTOR_START) {
        return None;
    }
    let words = view.glued_words(at, 4);
    let len = lexicon::connector_prefix(&words);
    let right = at + len;
    if len == 0 || len >= words.len() || !view.name_like(right, shouting) {
        return None;
    }
    let mut right_end = right + 1;
    while view.continues(right_end)
        && (view.name_like(right_end, shouting) || is_inner_particle(view, right_end, shouting))
    {
        right_end += if view.name_like(right_end, shouting) {
            1
        } else {
            2
        };
    }
    let connector = words[..len].join(" ").to_lowercase();
    let joined = view.span_text(start..right_end);
    if view.is(right, Listed::CALENDAR) {
        return None;
    }
    let left_has_org_word =
        (start..at).any(|i| view.is(i, Listed::ORG_WORD) || view.is(i, Listed::PLACE_WORD));
    let of_like = !matches!(
        connector.as_str(),
        "and" | "and the" | "in" | "in the" | "at" | "at the"
    );
    let accept = lexicon::place(joined).is_some()
        || (left_has_org_word && of_like)
        || acronym_defined(view, start..right_end);
    accept.then_some(right_end)
}

/// True when the document defines or uses an acronym of the name `range`:
/// right after it in parentheses (letters in any order), or anywhere (same order).
fn acronym_defined(view: &SentenceView, range: Range<usize>) -> bool {
    // The name's initials, read once for every acronym of the document.
    let offered = initial_letters(view.span_text(range.clone()));
    let spelled = |acronym: &str, any_order| spells(&acronym_letters(acronym), &offered, any_order);
    if let Some(acronym) = parenthesised_after(view, range.end) {
        if spelled(acronym, true) {
            return true;
        }
    }
    view.doc
        .acronyms
        .iter()
        .any(|acronym| spelled(acronym, false))
}

/// The acronym token written in parentheses right after token `end - 1`
/// ("Movement for Democratic Change (MDC)").
pub(super) fn parenthesised_after<'v>(view: &'v SentenceView, end: usize) -> Option<&'v str> {
    let previous = view.tokens.get(end.checked_sub(1)?)?;
    let token = view.tokens.get(end)?;
    let gap = view.text[previous.range.end..token.range.start]
        .trim_start_matches(['\'', '\u{2019}', 's']);
    let closed = view.text[token.range.end..].trim_start().starts_with(')');
    (gap.trim() == "(" && token.case == Case::Acronym && closed).then(|| view.word(end))
}

/// Trims a raw run to the name it holds, or drops it.
fn trim(
    view: &SentenceView,
    run: Range<usize>,
    role: Option<Range<usize>>,
    address: bool,
) -> Option<Candidate> {
    let (mut start, mut end) = (run.start, run.end);
    while start + 1 < end && !address && strip_first(view, start..end) {
        start += 1;
    }
    if start + 1 < end && ends_with_a_date(view, start..end) {
        end -= 1;
    }
    let role = role.or_else(|| lowercase_title_before(view, start));
    let single = start + 1 == end;
    if single && role.is_none() && !address && !single_word_name(view, start) {
        return None;
    }
    let common_word = single
        && role.is_none()
        && view.tokens[start].case == Case::Capital
        && view.doc.seen_in_lower_case(view.word(start));
    if common_word && view.tokens[start].initial && lexicon::place(view.word(start)).is_none() {
        return None;
    }
    Some(Candidate {
        sentence: view.index,
        tokens: start..end,
        role,
        address,
        common_word,
    })
}

/// True when the last word of `run` is a weekday written after a name
/// ("fired coach X Saturday", "X Wednesday released"). A named day whose
/// other word is an ordinary word stays whole ("Patch Tuesday", "Good Friday").
fn ends_with_a_date(view: &SentenceView, run: Range<usize>) -> bool {
    let last = run.end - 1;
    if !view.is(last, Listed::WEEKDAY) {
        return false;
    }
    let first = run.start;
    let named_day = run.len() == 2
        && view.tokens[first].case == Case::Capital
        && (view.is(first, Listed::NON_NAME)
            || view.is(first, Listed::GROUP_ADJECTIVE)
            || view.doc.seen_in_lower_case(view.word(first)));
    !named_day
}

/// Should the first word of `run` be dropped? Articles, sentence openers,
/// past forms of headline verbs ("Fired"), calendar words, lone title
/// modifiers, and demonyms before a name are not part of it ("The", "However", "Senior", "Libyan Muammar al Gaddafi").
fn strip_first(view: &SentenceView, run: Range<usize>) -> bool {
    let first = run.start;
    let word = view.word(first);
    if view.tokens[first].case == Case::Acronym {
        return false;
    }
    // No capital outside ASCII folds to these letters: no folded copy.
    if ["the", "a", "an"]
        .iter()
        .any(|a| word.eq_ignore_ascii_case(a))
    {
        return true;
    }
    if view.is(first, Listed::PARTICLE) {
        return false;
    }
    let opener = || {
        view.is(first, Listed::NON_NAME)
            || lexicon::is_headline_past_form(word)
            || view.is(first, Listed::CALENDAR)
            || view.is(first, Listed::TITLE_MODIFIER)
            || view.is(first, Listed::TITLE)
            || (view.tokens[first].initial && sentence_opener_look(view, word))
    };
    let demonym = || lexicon::demonym(word).is_some() || view.is(first, Listed::GROUP_ADJECTIVE);
    let org = || run.clone().any(|i| view.is(i, Listed::ORG_WORD));
    // The gazetteer, the dearest lookup, last: a place keeps its first word.
    let place = || {
        lexicon::place(view.span_text(run.clone())).is_some() || place_starts_at(view, run.clone())
    };
    (opener() || demonym()) && !org() && !place()
}

/// A sentence's first word that reads as an ordinary word: written in lower
/// case elsewhere, or shaped like an adverb ("Typically", "Reportedly").
fn sentence_opener_look(view: &SentenceView, word: &str) -> bool {
    view.doc.seen_in_lower_case(word) || lexicon::is_adverb_look(word)
}

/// True when a place name of two or more words starts the run ("New York Times").
fn place_starts_at(view: &SentenceView, run: Range<usize>) -> bool {
    let longest = lexicon::place_max_words().min(run.len());
    (2..=longest).any(|len| lexicon::place(view.span_text(run.start..run.start + len)).is_some())
}

/// May a single capitalised word stand as a name by itself?
fn single_word_name(view: &SentenceView, i: usize) -> bool {
    let word = view.word(i);
    if view.tokens[i].case == Case::Acronym {
        return !view.is(i, Listed::TITLE) || lexicon::place(word).is_some();
    }
    let excluded = view.is(i, Listed::NON_NAME)
        || view.is(i, Listed::CALENDAR)
        || view.is(i, Listed::TITLE)
        || view.is(i, Listed::TITLE_MODIFIER)
        || view.is(i, Listed::SPEECH_VERB)
        || (view.tokens[i].initial && lexicon::is_adverb_look(word))
        || lexicon::demonym(word).is_some()
        || view.is(i, Listed::GROUP_ADJECTIVE)
        || view.tokens[i].case == Case::Lower;
    !excluded || lexicon::place(word).is_some()
}

/// A title written in lower case right before a name ("spokesman
/// Sami Abu Zuhri", "former president Sarkozy").
fn lowercase_title_before(view: &SentenceView, start: usize) -> Option<Range<usize>> {
    const MAX_WORDS: usize = 4;
    // The glued lower-case words right before the name, at most four.
    let mut from = start;
    while from > 0
        && start - from < MAX_WORDS
        && view.continues(from)
        && view.tokens[from - 1].case == Case::Lower
    {
        from -= 1;
    }
    let mut words = [""; MAX_WORDS];
    for (slot, i) in words.iter_mut().zip(from..start) {
        *slot = view.word(i);
    }
    let words = &words[..start - from];
    // The longest title first: the one starting farthest from the name.
    (from..start)
        .find(|&i| {
            let title = &words[i - from..];
            lexicon::may_start_title(title[0]) && lexicon::title_prefix(title) == title.len()
        })
        .map(|i| view.byte_range(i..start))
}

/// Places named in a shouted line ("VISIT OF THE TALIBANS TO IRAN" -> "IRAN").
fn shouted_places(view: &SentenceView) -> Vec<Candidate> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < view.tokens.len() {
        let longest = (1..=lexicon::place_max_words())
            .rev()
            .filter(|&len| i + len <= view.tokens.len())
            .filter(|&len| (i + 1..i + len).all(|j| view.continues(j)))
            .find(|&len| {
                (i..i + len).all(|j| view.tokens[j].case == Case::Acronym)
                    && lexicon::place(view.span_text(i..i + len)).is_some()
            });
        match longest {
            Some(len) => {
                out.push(Candidate {
                    sentence: view.index,
                    tokens: i..i + len,
                    role: None,
                    address: false,
                    common_word: false,
                });
                i += len;
            }
            None => i += 1,
        }
    }
    out
}
