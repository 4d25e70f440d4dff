//! Shared word lists: titles, name particles, connectors, organisation
//! words, a place gazetteer, calendar words and capitalised non-names.
//!
//! The lists live in `data/lexicon/*.txt` (one item per line, `#` comments,
//! sources in `data/lexicon/README.md`) and are compiled into the binary with
//! `include_str!`, parsed once on first use. Word lookups are
//! case-insensitive; see [`place`] for the gazetteer's rules.

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::cell::RefCell;
use std::sync::LazyLock;

const TITLES: &str = include_str!("../data/lexicon/titles.txt");
const TITLE_MODIFIERS: &str = include_str!("../data/lexicon/title_modifiers.txt");
const PARTICLES: &str = include_str!("../data/lexicon/particles.txt");
const CONNECTORS: &str = include_str!("../data/lexicon/connectors.txt");
const ORG_WORDS: &str = include_str!("../data/lexicon/org_words.txt");
const NON_NAMES: &str = include_str!("../data/lexicon/non_names.txt");
const CALENDAR: &str = include_str!("../data/lexicon/calendar.txt");
const WEEKDAYS: &str = include_str!("../data/lexicon/weekdays.txt");
const HEADLINE_VERBS: &str = include_str!("../data/lexicon/headline_verbs.txt");
const ADVERB_ENDINGS: &str = include_str!("../data/lexicon/adverb_endings.txt");
const FORMS_OF_ADDRESS: &str = include_str!("../data/lexicon/forms_of_address.txt");
const SPEECH_VERBS: &str = include_str!("../data/lexicon/speech_verbs.txt");
const PLACE_PREPOSITIONS: &str = include_str!("../data/lexicon/place_prepositions.txt");
const GROUP_ADJECTIVES: &str = include_str!("../data/lexicon/group_adjectives.txt");
const GROUP_NOUNS: &str = include_str!("../data/lexicon/group_nouns.txt");
const OTHER_WORDS: &str = include_str!("../data/lexicon/other_words.txt");
const PLACE_WORDS: &str = include_str!("../data/lexicon/place_words.txt");
const PLACES: &str = include_str!("../data/lexicon/places.txt");

/// What kind of place a gazetteer entry is. Ordered by lookup priority: when
/// two entries share a name ("Georgia"), the earlier kind wins.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PlaceKind {
    /// A sovereign country (ISO 3166-1).
    Country,
    /// A dependent territory (ISO 3166-1).
    Territory,
    /// A capital or major city.
    City,
    /// A first-level subdivision: province, state, governorate (ISO 3166-2).
    Subdivision,
    /// A region that is not an administrative unit ("Middle East", "Balkans").
    Region,
    /// A continent.
    Continent,
}

impl PlaceKind {
    /// The word used in evidence and data files.
    pub fn as_str(self) -> &'static str {
        match self {
            PlaceKind::Country => "country",
            PlaceKind::Territory => "territory",
            PlaceKind::City => "city",
            PlaceKind::Subdivision => "subdivision",
            PlaceKind::Region => "region",
            PlaceKind::Continent => "continent",
        }
    }
}

/// One place of the gazetteer with all the names it is known by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlaceEntry {
    /// Stable id: the ISO code for countries and subdivisions ("US", "AF-HEL"),
    /// `CC:Name` for cities ("SY:Damascus"), `region:Name` for regions.
    pub id: &'static str,
    /// Display name (the first name listed).
    pub name: &'static str,
    /// Kind of place.
    pub kind: PlaceKind,
    /// Every name, display name first ("United States", "US", "U.S.", ...).
    pub names: Vec<&'static str>,
    /// Words for its people or as an adjective ("Syrian", "Americans").
    pub demonyms: Vec<&'static str>,
}

/// Non-comment, non-blank lines of a list file, trimmed.
fn items(text: &'static str) -> impl Iterator<Item = &'static str> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
}

/// Invisible formatting characters (zero-width spaces and joiners, soft
/// hyphen, bidirectional controls) that can hide inside a name without
/// changing what a reader sees: part of the word, ignored when matching.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{2069}'
            | '\u{FEFF}'
    )
}

/// The character starting at byte `at` of `text`, decoding only when it is
/// not ASCII; `None` at the end (or off a character boundary). Tokenisers
/// walk every character of every document with it.
#[inline]
pub(crate) fn char_at(text: &str, at: usize) -> Option<char> {
    match text.as_bytes().get(at) {
        Some(&byte) if byte.is_ascii() => Some(char::from(byte)),
        Some(_) => text.get(at..)?.chars().next(),
        None => None,
    }
}

/// Lower-cases a word and straightens typographic apostrophes, borrowing
/// when nothing changes (the common case in hot loops).
pub fn fold(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        return if word.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(word.to_ascii_lowercase())
        } else {
            Cow::Borrowed(word)
        };
    }
    let plain = word
        .chars()
        .all(|c| !c.is_uppercase() && c != '\u{2019}' && c != '\u{2018}');
    if plain {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(
            word.chars()
                .flat_map(char::to_lowercase)
                .map(|c| {
                    if c == '\u{2019}' || c == '\u{2018}' {
                        '\''
                    } else {
                        c
                    }
                })
                .collect(),
        )
    }
}

/// Longest word folded on the stack by [`with_folded`]; longer ones allocate.
const STACK_WORD: usize = 48;

/// Calls `f` with the bytes of the folded word, without allocating for
/// short ASCII words (lexicon lookups run for nearly every token of every
/// document).
fn with_folded_bytes<R>(word: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    if word.is_ascii() && word.len() <= STACK_WORD {
        let mut buffer = [0u8; STACK_WORD];
        let folded = &mut buffer[..word.len()];
        folded.copy_from_slice(word.as_bytes());
        folded.make_ascii_lowercase();
        f(folded)
    } else {
        f(fold(word).as_bytes())
    }
}

/// Appends the folded word to `phrase`; ASCII words lower-cased in place.
fn push_folded(phrase: &mut Vec<u8>, word: &str) {
    if word.is_ascii() {
        let from = phrase.len();
        phrase.extend_from_slice(word.as_bytes());
        phrase[from..].make_ascii_lowercase();
    } else {
        phrase.extend_from_slice(fold(word).as_bytes());
    }
}

/// Calls `f` with the folded word, without allocating for short ASCII words.
pub fn with_folded<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    with_folded_bytes(word, |folded| {
        // Folding keeps valid UTF-8; the fallback is never taken.
        f(std::str::from_utf8(folded).unwrap_or(word))
    })
}

/// A bit set over a cheap signature of words (length, first, second and
/// last byte, ASCII case ignored): no false negatives, few false positives
/// for lists of up to a thousand or two words. Most words of a text are in
/// no list, and this turns them away before any copying or hashing.
#[derive(Debug)]
pub(crate) struct WordFilter([u64; WordFilter::WORDS]);

impl Default for WordFilter {
    fn default() -> Self {
        WordFilter([0; WordFilter::WORDS])
    }
}

impl WordFilter {
    /// 4096 bits: the combined word lists of [`listed`] fill about a quarter.
    const WORDS: usize = 64;

    #[inline]
    fn slot(word: &[u8]) -> usize {
        // `| 0x20` lower-cases ASCII letters and maps a word and its folded
        // form alike: a consistent signature, not a case conversion.
        let byte = |at: Option<&u8>| at.map_or(0, |b| u64::from(b | 0x20));
        let signature = word.len() as u64
            | byte(word.first()) << 16
            | byte(word.get(1)) << 24
            | byte(word.last()) << 32;
        // Fibonacci hashing: the top 12 bits of the product, spread over
        // every slot.
        (signature.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 52) as usize
    }

    /// Adds a word (or phrase) of a list.
    pub(crate) fn insert(&mut self, word: &str) {
        let slot = WordFilter::slot(word.as_bytes());
        self.0[slot / 64] |= 1 << (slot % 64);
    }

    /// False when `word`, folded to lower case, is certainly not listed.
    #[inline]
    pub(crate) fn may_contain(&self, word: &str) -> bool {
        let slot = WordFilter::slot(word.as_bytes());
        self.0[slot / 64] & (1 << (slot % 64)) != 0
    }
}

/// A set of folded single words or phrases, with the longest phrase length.
struct PhraseSet {
    /// Folded phrases, as bytes so that lookups skip UTF-8 checks.
    phrases: HashSet<Vec<u8>>,
    /// Every listed phrase cut before each of its spaces ("secretary",
    /// "secretary of" for "secretary of state"): a prefix search stops
    /// as soon as the words read so far start no phrase.
    openings: HashSet<Vec<u8>>,
    /// Signatures of the phrases, and of their first words.
    phrase_filter: WordFilter,
    first_word_filter: WordFilter,
    max_words: usize,
}

impl PhraseSet {
    fn parse(text: &'static str) -> PhraseSet {
        let folded: Vec<String> = items(text).map(|item| fold(item).into_owned()).collect();
        let max_words = folded
            .iter()
            .map(|p| p.split_whitespace().count())
            .max()
            .unwrap_or(0);
        let openings = folded
            .iter()
            .flat_map(|p| {
                p.match_indices(' ')
                    .map(|(at, _)| p.as_bytes()[..at].to_vec())
            })
            .collect();
        let mut phrase_filter = WordFilter::default();
        let mut first_word_filter = WordFilter::default();
        for phrase in &folded {
            phrase_filter.insert(phrase);
            first_word_filter.insert(phrase.split(' ').next().unwrap_or(phrase));
        }
        let phrases = folded.into_iter().map(String::into_bytes).collect();
        PhraseSet {
            phrases,
            openings,
            phrase_filter,
            first_word_filter,
            max_words,
        }
    }

    fn contains(&self, phrase: &str) -> bool {
        if phrase.is_ascii() && !self.phrase_filter.may_contain(phrase) {
            return false;
        }
        with_folded_bytes(phrase, |folded| self.phrases.contains(folded))
    }

    /// False when no listed phrase starts with `word`: a prefix search
    /// from it would find nothing, and needs no following words read.
    fn may_open(&self, word: &str) -> bool {
        if word.is_ascii() && !self.first_word_filter.may_contain(word) {
            return false;
        }
        with_folded_bytes(word, |folded| {
            self.phrases.contains(folded) || self.openings.contains(folded)
        })
    }

    /// Number of leading `words` forming the longest listed phrase (0 if none).
    fn longest_prefix(&self, words: &[&str]) -> usize {
        let Some(first) = words.first() else {
            return 0;
        };
        if first.is_ascii() && !self.first_word_filter.may_contain(first) {
            return 0;
        }
        let (listed, opens) = with_folded_bytes(first, |folded| {
            (
                self.phrases.contains(folded),
                self.openings.contains(folded),
            )
        });
        let mut best = usize::from(listed);
        if !opens {
            return best;
        }
        // Room for most phrases: one allocation, no folded copy per word.
        let mut phrase = Vec::with_capacity(64);
        push_folded(&mut phrase, first);
        for (n, word) in words.iter().enumerate().take(self.max_words).skip(1) {
            phrase.push(b' ');
            push_folded(&mut phrase, word);
            if self.phrases.contains(&phrase) {
                best = n + 1;
            }
            if !self.openings.contains(&phrase) {
                break;
            }
        }
        best
    }
}

static TITLE_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::parse(TITLES));
static TITLE_MODIFIER_SET: LazyLock<PhraseSet> =
    LazyLock::new(|| PhraseSet::parse(TITLE_MODIFIERS));
static PARTICLE_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::parse(PARTICLES));
static CONNECTOR_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::parse(CONNECTORS));
static ORG_WORD_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::parse(ORG_WORDS));
static NON_NAME_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::parse(NON_NAMES));
static CALENDAR_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::parse(CALENDAR));
static WEEKDAY_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::parse(WEEKDAYS));
static HEADLINE_VERB_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::parse(HEADLINE_VERBS));
static ADVERB_ENDING_LIST: LazyLock<Vec<&'static str>> =
    LazyLock::new(|| items(ADVERB_ENDINGS).collect());
static SPEECH_VERB_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::parse(SPEECH_VERBS));
static PLACE_PREPOSITION_SET: LazyLock<PhraseSet> =
    LazyLock::new(|| PhraseSet::parse(PLACE_PREPOSITIONS));
static GROUP_ADJECTIVE_SET: LazyLock<PhraseSet> =
    LazyLock::new(|| PhraseSet::parse(GROUP_ADJECTIVES));
static GROUP_NOUN_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::parse(GROUP_NOUNS));
static OTHER_WORD_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::parse(OTHER_WORDS));
static PLACE_WORD_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::parse(PLACE_WORDS));
static ADDRESS_SET: LazyLock<PhraseSet> = LazyLock::new(|| PhraseSet::parse(FORMS_OF_ADDRESS));

/// True for a title, office or honorific written before a name, single or
/// multi-word ("Mr", "Sheikh", "Secretary of State", "First Vice President").
pub fn is_title(phrase: &str) -> bool {
    TITLE_SET.contains(phrase)
}

/// Number of leading `words` that form a title, with any modifiers before it
/// ("former", "acting", "First"): `["Secretary", "of", "State", "Mike"]` -> 3.
/// Returns 0 when the words do not start with a title.
pub fn title_prefix(words: &[&str]) -> usize {
    for start in 0..words.len() {
        let title = TITLE_SET.longest_prefix(&words[start..]);
        if title > 0 {
            return start + title;
        }
        if !TITLE_MODIFIER_SET.contains(words[start]) {
            return 0;
        }
    }
    0
}

/// False when no title starts with `word`: [`title_prefix`] of words
/// starting with it is 0, whatever follows.
pub fn may_start_title(word: &str) -> bool {
    TITLE_SET.may_open(word) || TITLE_MODIFIER_SET.contains(word)
}

/// False when no connector starts with `word`: [`connector_prefix`] of
/// words starting with it is 0, whatever follows.
pub fn may_start_connector(word: &str) -> bool {
    CONNECTOR_SET.may_open(word)
}

/// The word lists one word is in, read with one folding of the word:
/// name detection asks several lists about the same few words.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Listed(u16);

impl Listed {
    /// [`is_title`].
    pub const TITLE: Listed = Listed(1);
    /// [`is_title_modifier`].
    pub const TITLE_MODIFIER: Listed = Listed(1 << 1);
    /// [`may_start_title`].
    pub const TITLE_START: Listed = Listed(1 << 2);
    /// [`is_address_form`].
    pub const ADDRESS: Listed = Listed(1 << 3);
    /// [`particle`].
    pub const PARTICLE: Listed = Listed(1 << 4);
    /// [`may_start_connector`].
    pub const CONNECTOR_START: Listed = Listed(1 << 5);
    /// [`org_word`].
    pub const ORG_WORD: Listed = Listed(1 << 6);
    /// [`place_word`].
    pub const PLACE_WORD: Listed = Listed(1 << 7);
    /// [`is_non_name`].
    pub const NON_NAME: Listed = Listed(1 << 8);
    /// [`is_calendar`].
    pub const CALENDAR: Listed = Listed(1 << 9);
    /// [`is_weekday`].
    pub const WEEKDAY: Listed = Listed(1 << 10);
    /// [`is_speech_verb`].
    pub const SPEECH_VERB: Listed = Listed(1 << 11);
    /// [`is_group_adjective`].
    pub const GROUP_ADJECTIVE: Listed = Listed(1 << 12);

    /// True when the word is in list `list`.
    pub fn has(self, list: Listed) -> bool {
        self.0 & list.0 != 0
    }

    fn with(self, list: Listed, listed: bool) -> Listed {
        if listed {
            Listed(self.0 | list.0)
        } else {
            self
        }
    }
}

/// Every listed phrase of the lists [`Listed`] names, folded, with the
/// lists it is in: one lookup answers for all of them.
struct ListedIndex {
    lists: HashMap<Vec<u8>, Listed>,
    /// Signatures of the phrases: most words asked about are in no list.
    filter: WordFilter,
}

static LISTED: LazyLock<ListedIndex> = LazyLock::new(|| {
    let mut listed: HashMap<Vec<u8>, Listed> = HashMap::default();
    let mut add = |phrases: &HashSet<Vec<u8>>, list: Listed| {
        for phrase in phrases {
            let entry = listed.entry(phrase.clone()).or_default();
            *entry = entry.with(list, true);
        }
    };
    let sets: [(&PhraseSet, &[Listed]); 12] = [
        (&TITLE_SET, &[Listed::TITLE, Listed::TITLE_START]),
        (
            &TITLE_MODIFIER_SET,
            &[Listed::TITLE_MODIFIER, Listed::TITLE_START],
        ),
        (&ADDRESS_SET, &[Listed::ADDRESS]),
        (&PARTICLE_SET, &[Listed::PARTICLE]),
        (&CONNECTOR_SET, &[Listed::CONNECTOR_START]),
        (&ORG_WORD_SET, &[Listed::ORG_WORD]),
        (&PLACE_WORD_SET, &[Listed::PLACE_WORD]),
        (&NON_NAME_SET, &[Listed::NON_NAME]),
        (&CALENDAR_SET, &[Listed::CALENDAR]),
        (&WEEKDAY_SET, &[Listed::WEEKDAY, Listed::CALENDAR]),
        (&SPEECH_VERB_SET, &[Listed::SPEECH_VERB]),
        (&GROUP_ADJECTIVE_SET, &[Listed::GROUP_ADJECTIVE]),
    ];
    for (set, lists) in sets {
        for &list in lists {
            add(&set.phrases, list);
        }
    }
    // Phrases that open longer ones start a title or a connector too.
    add(&TITLE_SET.openings, Listed::TITLE_START);
    add(&CONNECTOR_SET.openings, Listed::CONNECTOR_START);
    let mut filter = WordFilter::default();
    for phrase in listed.keys() {
        // Phrases are folded `str`s: always UTF-8.
        filter.insert(std::str::from_utf8(phrase).unwrap_or_default());
    }
    ListedIndex {
        lists: listed,
        filter,
    }
});

/// The lists of [`Listed`] that `word` (one word, no spaces) is in: the
/// same answers as the functions each flag names, for one lookup.
pub fn listed(word: &str) -> Listed {
    let index = &*LISTED;
    if word.is_ascii() && !index.filter.may_contain(word) {
        // Neither the word nor, for [`org_word`], its singular.
        let singular = word.len() > 3 && word.ends_with(['s', 'S']);
        if !singular || !index.filter.may_contain(&word[..word.len() - 1]) {
            return Listed::default();
        }
    }
    with_folded_bytes(word, |folded| {
        let lists = |key: &[u8]| index.lists.get(key).copied().unwrap_or_default();
        let found = lists(folded);
        // [`org_word`]'s plural rule: the singular is cut from `word`.
        let plural = word.len() > 3 && folded.last() == Some(&b's');
        if found.has(Listed::ORG_WORD) || !plural {
            return found;
        }
        let singular = lists(&folded[..folded.len() - 1]);
        found.with(Listed::ORG_WORD, singular.has(Listed::ORG_WORD))
    })
}

/// True for a form of address ("Mr", "Mrs", "Ms"): part of how a person is
/// named ("Mr Gaddafi"), not a role.
pub fn is_address_form(word: &str) -> bool {
    ADDRESS_SET.contains(word)
}

/// True for a word that may precede a title as part of the role ("former").
pub fn is_title_modifier(word: &str) -> bool {
    TITLE_MODIFIER_SET.contains(word)
}

/// True for a word that marks an organisation ("Department", "Network",
/// "News", "Inc.", "Tehrik").
/// Plurals count ("Teams", "Forces").
pub fn org_word(word: &str) -> bool {
    ORG_WORD_SET.contains(word)
        || word
            .strip_suffix(['s', 'S'])
            .is_some_and(|singular| singular.len() > 2 && ORG_WORD_SET.contains(singular))
}

/// True for a geographic feature or settlement word ("Gulf", "Lake", "Strait").
pub fn place_word(word: &str) -> bool {
    PLACE_WORD_SET.contains(word)
}

/// True for a capitalised word for a people, faith, region or political
/// camp that is not a country demonym ("Pashtun", "Sunni", "Western").
pub fn is_group_adjective(word: &str) -> bool {
    GROUP_ADJECTIVE_SET.contains(word)
}

/// True for a lower-case noun for members or parts of a group ("fighters",
/// "members"): next to a name it marks an organisation.
pub fn is_group_noun(word: &str) -> bool {
    GROUP_NOUN_SET.contains(word)
}

/// True for a word that, ending a name, makes it an event, agreement,
/// document or award ("Agreement", "Summit", "Cup").
pub fn is_other_word(word: &str) -> bool {
    OTHER_WORD_SET.contains(word)
}

/// True for a name particle written as a separate word ("al", "bin", "van").
pub fn particle(word: &str) -> bool {
    PARTICLE_SET.contains(word)
}

/// Byte length of a particle prefix joined by a hyphen at the start of
/// `word` ("al-Assad" -> 3, "e-" in "Tehrik-e"), if any.
pub fn particle_prefix(word: &str) -> Option<usize> {
    let hyphen = word.bytes().position(|b| b == b'-')?;
    let prefix = &word[..=hyphen];
    (hyphen > 0 && PARTICLE_SET.contains(prefix)).then_some(prefix.len())
}

/// Number of leading `words` that form a connector allowed inside a name
/// ("of", "of the", "in the"); 0 if none.
pub fn connector_prefix(words: &[&str]) -> usize {
    CONNECTOR_SET.longest_prefix(words)
}

/// True for a capitalised word that is not a name on its own ("The",
/// "However", "According", "Related").
pub fn is_non_name(word: &str) -> bool {
    NON_NAME_SET.contains(word)
}

/// True for a month or weekday name or abbreviation.
pub fn is_calendar(word: &str) -> bool {
    CALENDAR_SET.contains(word) || is_weekday(word)
}

/// True for a weekday name or abbreviation: never the last word of a
/// person's or organisation's name ("fired X Saturday").
pub fn is_weekday(word: &str) -> bool {
    WEEKDAY_SET.contains(word)
}

/// True for a headline verb or a regular inflection of one ("Hires",
/// "Launches", "Fired", "Named", "Patching", "Denies"): in a title-case
/// headline such a capitalised word is an ordinary word, not a name's.
pub fn is_headline_verb_form(word: &str) -> bool {
    with_folded(word, |word| {
        verb_stems(word).any(|stem| HEADLINE_VERB_SET.contains(&stem))
    })
}

/// True for the regular past form of a headline verb ("Fired", "Named",
/// "Denied"): it reports an act and never starts a name. Stems of four
/// letters or more only, so that names ending in "-ed" stay ("Sayed").
pub fn is_headline_past_form(word: &str) -> bool {
    // Every stem is cut before a final "d": other words need no folding.
    if !word.ends_with(['d', 'D']) {
        return false;
    }
    with_folded(word, |word| {
        let listed = |stem: &str| stem.chars().count() >= 4 && HEADLINE_VERB_SET.contains(stem);
        [word.strip_suffix("ed"), word.strip_suffix('d')]
            .into_iter()
            .flatten()
            .any(listed)
            || word
                .strip_suffix("ied")
                .is_some_and(|stem| listed(&format!("{stem}y")))
    })
}

/// The word itself and the stems its regular inflections may come from:
/// "fired" -> "fired", "fire", "fir"; "denies" -> "deny"; "slammed" -> "slam".
fn verb_stems(word: &str) -> impl Iterator<Item = Cow<'_, str>> {
    let y_stem = ["ies", "ied"]
        .into_iter()
        .filter_map(move |ending| word.strip_suffix(ending))
        .map(|stem| Cow::Owned(format!("{stem}y")));
    let e_stem = word
        .strip_suffix("ing")
        .map(|stem| Cow::Owned(format!("{stem}e")));
    let stripped = ["s", "es", "d", "ed", "ing"]
        .into_iter()
        .filter_map(move |ending| word.strip_suffix(ending));
    let undoubled = stripped
        .clone()
        .filter_map(|stem| {
            let mut chars = stem.chars().rev();
            let (last, before) = (chars.next()?, chars.next()?);
            (last == before && !"aeiou".contains(last))
                .then(|| &stem[..stem.len() - last.len_utf8()])
        })
        .map(Cow::Borrowed);
    std::iter::once(Cow::Borrowed(word))
        .chain(y_stem)
        .chain(e_stem)
        .chain(stripped.map(Cow::Borrowed))
        .chain(undoubled)
        .filter(|stem| stem.chars().count() >= 2)
}

/// True for a word shaped like an adverb of manner or stance ("Typically",
/// "Reportedly", "Finally"): capitalised at a sentence start, it opens the
/// sentence rather than a name. Short words are left alone ("Sally").
pub fn is_adverb_look(word: &str) -> bool {
    word.chars().count() >= 7
        && with_folded(word, |word| {
            ADVERB_ENDING_LIST
                .iter()
                .any(|ending| word.ends_with(ending))
        })
}

/// True for a verb of saying ("said", "told"): a name next to it speaks.
pub fn is_speech_verb(word: &str) -> bool {
    SPEECH_VERB_SET.contains(word)
}

/// True for a preposition that suggests a following name is a place ("in").
pub fn is_place_preposition(word: &str) -> bool {
    PLACE_PREPOSITION_SET.contains(word)
}

/// The gazetteer: entries, and a map from lookup key to entry index for
/// names and for demonyms.
struct Gazetteer {
    entries: Vec<PlaceEntry>,
    by_name: HashMap<Vec<u8>, usize>,
    by_demonym: HashMap<Vec<u8>, usize>,
    /// Signatures of the demonym keys: most capitalised words are none.
    demonym_filter: WordFilter,
    by_id: HashMap<&'static str, usize>,
}

fn parse_kind(kind: &str) -> Option<PlaceKind> {
    use PlaceKind::*;
    [Country, Territory, City, Subdivision, Region, Continent]
        .into_iter()
        .find(|k| k.as_str() == kind)
}

fn list(field: Option<&'static str>) -> Vec<&'static str> {
    field
        .unwrap_or("")
        .split(';')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect()
}

fn parse_place(line: &'static str) -> Option<PlaceEntry> {
    let mut fields = line.split('|').map(str::trim);
    let id = fields.next()?;
    let kind = parse_kind(fields.next()?)?;
    let names = list(fields.next());
    let demonyms = list(fields.next());
    Some(PlaceEntry {
        id,
        name: names.first()?,
        kind,
        names,
        demonyms,
    })
}

/// Indexes `key -> entry`, keeping the entry of higher priority on a clash.
fn index(map: &mut HashMap<Vec<u8>, usize>, entries: &[PlaceEntry], key: String, entry: usize) {
    map.entry(key.into_bytes())
        .and_modify(|held| {
            if entries[entry].kind < entries[*held].kind {
                *held = entry;
            }
        })
        .or_insert(entry);
}

static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| {
    let entries: Vec<PlaceEntry> = items(PLACES).filter_map(parse_place).collect();
    let mut by_name = HashMap::default();
    let mut by_demonym = HashMap::default();
    for (i, entry) in entries.iter().enumerate() {
        for name in &entry.names {
            index(&mut by_name, &entries, place_key(name), i);
        }
        for demonym in &entry.demonyms {
            index(&mut by_demonym, &entries, place_key(demonym), i);
        }
    }
    let by_id = entries.iter().enumerate().map(|(i, e)| (e.id, i)).collect();
    let mut demonym_filter = WordFilter::default();
    for key in by_demonym.keys() {
        // Keys are built from ASCII or from whole `str`s: always UTF-8.
        demonym_filter.insert(std::str::from_utf8(key).unwrap_or_default());
    }
    Gazetteer {
        entries,
        by_name,
        by_demonym,
        demonym_filter,
        by_id,
    }
});

/// The gazetteer's lookup key of a place name: Latin transliteration without
/// diacritics, lower case, dots and a leading "the" dropped, hyphens and
/// runs of spaces as one space. "U.S." -> "us", "Kandahār" -> "kandahar".
pub fn place_key(name: &str) -> String {
    let mut key = Vec::new();
    write_place_key(name, &mut key);
    // Keys are built from ASCII or from whole `str`s: always UTF-8.
    String::from_utf8(key).unwrap_or_default()
}

/// Writes [`place_key`] of `name` into `key`, which it clears first. Bytes,
/// not a `String`: the ASCII path (nearly every lookup) copies byte by byte.
fn write_place_key(name: &str, key: &mut Vec<u8>) {
    key.clear();
    if name.bytes().all(|b| b < 0x7F) {
        write_ascii_place_key(name.as_bytes(), key);
        return;
    }
    let latin = deunicode::deunicode_with_tofu_cow(name, "[?]");
    if !latin.is_ascii() {
        key.extend_from_slice(slow_place_key(&latin).as_bytes());
        return;
    }
    let mut words = latin
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty())
        .peekable();
    if let Some(first) = words.next_if(|w| w.eq_ignore_ascii_case("the")) {
        if words.peek().is_none() {
            push_key_word(key, first);
        }
    }
    for word in words {
        if !key.is_empty() {
            key.push(b' ');
        }
        push_key_word(key, word);
    }
}

/// [`write_place_key`] of a name that transliteration leaves as it is, in
/// one pass over its bytes: words split at white space and hyphens, dots
/// dropped (a word of dots alone is no word), lower case, a leading "the"
/// dropped when more words follow.
fn write_ascii_place_key(name: &[u8], key: &mut Vec<u8>) {
    key.reserve(name.len());
    let mut words = 0;
    // The current word has written a letter; a dot follows one of its letters.
    let (mut in_word, mut dot_after_letter) = (false, false);
    // A dot between two letters of the first word: "t.he" is no article.
    let mut dotted_first_word = false;
    for &byte in name {
        if byte == b'-' || char::from(byte).is_whitespace() {
            (in_word, dot_after_letter) = (false, false);
        } else if byte == b'.' {
            dot_after_letter = in_word;
        } else {
            if !in_word {
                if words > 0 {
                    key.push(b' ');
                }
                words += 1;
                in_word = true;
            } else if dot_after_letter && words == 1 {
                dotted_first_word = true;
            }
            dot_after_letter = false;
            key.push(byte.to_ascii_lowercase());
        }
    }
    if words > 1 && !dotted_first_word && key.starts_with(b"the ") {
        key.drain(..4);
    }
}

/// Appends an ASCII word lower-cased and without dots.
fn push_key_word(key: &mut Vec<u8>, word: &str) {
    key.extend(
        word.bytes()
            .filter(|&b| b != b'.')
            .map(|b| b.to_ascii_lowercase()),
    );
}

/// [`place_key`] of a transliteration that is not all ASCII.
fn slow_place_key(latin: &str) -> String {
    let latin = latin.to_lowercase();
    let words: Vec<&str> = latin
        .split(|c: char| c.is_whitespace() || c == '-')
        .map(|w| w.trim_matches('.'))
        .filter(|w| !w.is_empty())
        .collect();
    let words = match words.split_first() {
        Some((&"the", rest)) if !rest.is_empty() => rest,
        _ => &words[..],
    };
    words.join(" ").replace('.', "")
}

/// Looks `name` up in a gazetteer map by its [`place_key`], reusing one
/// key buffer per thread.
fn lookup_place(map: &HashMap<Vec<u8>, usize>, name: &str) -> Option<usize> {
    if key_is_lower_case(name) {
        // One plain word, most lookups: its key is the word folded on the stack.
        return with_folded_bytes(name, |key| map.get(key).copied());
    }
    thread_local! {
        static KEY: RefCell<Vec<u8>> = const { RefCell::new(Vec::new()) };
    }
    KEY.with_borrow_mut(|key| {
        write_place_key(name, key);
        map.get(key.as_slice()).copied()
    })
}

/// True when the [`place_key`] of `name` is `name` in lower case (one ASCII
/// word without dots or hyphens): filters over keys then read it as it is.
fn key_is_lower_case(name: &str) -> bool {
    name.bytes()
        .all(|b| b < 0x7F && b != b'.' && b != b'-' && !char::from(b).is_whitespace())
}

/// Short names are matched only when written with a capital ("US", not "us").
fn plausibly_written_as_name(name: &str) -> bool {
    // A capital first: names nearly always start with one.
    name.chars().any(char::is_uppercase)
        || name.chars().filter(|c| c.is_alphabetic()).nth(3).is_some()
}

/// The gazetteer entry a place name denotes, if any. "U.S.", "US" and
/// "United States" give the same entry; "Niger" and "Nigeria" different ones.
/// Case-insensitive, except that names of three letters or fewer must
/// contain a capital.
pub fn place(name: &str) -> Option<&'static PlaceEntry> {
    if !plausibly_written_as_name(name) {
        return None;
    }
    let gazetteer = &*GAZETTEER;
    let index = lookup_place(&gazetteer.by_name, name)?;
    gazetteer.entries.get(index)
}

/// The gazetteer entry whose people or adjective a word is ("Syrian",
/// "Americans", "Saudi").
pub fn demonym(word: &str) -> Option<&'static PlaceEntry> {
    if !plausibly_written_as_name(word) {
        return None;
    }
    let gazetteer = &*GAZETTEER;
    if key_is_lower_case(word) && !gazetteer.demonym_filter.may_contain(word) {
        return None;
    }
    let index = lookup_place(&gazetteer.by_demonym, word)?;
    gazetteer.entries.get(index)
}

/// The gazetteer entry with this id ("US", "SY:Damascus").
pub fn place_by_id(id: &str) -> Option<&'static PlaceEntry> {
    let gazetteer = &*GAZETTEER;
    gazetteer.entries.get(*gazetteer.by_id.get(id)?)
}

/// Longest number of words in a gazetteer name, to bound phrase lookups.
pub fn place_max_words() -> usize {
    static MAX: LazyLock<usize> = LazyLock::new(|| {
        GAZETTEER
            .by_name
            .keys()
            .map(|k| k.split(|&b| b == b' ').count())
            .max()
            .unwrap_or(1)
    });
    *MAX
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_country_share_an_entry() {
        let us = place("United States").expect("United States");
        assert_eq!(us.id, "US");
        for variant in [
            "US",
            "U.S.",
            "USA",
            "United States of America",
            "the United States",
        ] {
            assert_eq!(place(variant).map(|e| e.id), Some("US"), "{variant}");
        }
        assert_eq!(place("UK").map(|e| e.id), Some("GB"));
        assert_eq!(place("Britain").map(|e| e.id), Some("GB"));
    }

    #[test]
    fn look_alike_countries_are_distinct_entries() {
        for (a, b) in [
            ("Iran", "Iraq"),
            ("Turkey", "Turkmenistan"),
            ("Austria", "Australia"),
        ] {
            let (a, b) = (place(a).expect("a"), place(b).expect("b"));
            assert_ne!(a.id, b.id);
        }
    }

    #[test]
    fn diacritics_and_case_fold_but_short_lower_words_do_not_match() {
        assert_eq!(place("Kandahar").map(|e| e.kind), Some(PlaceKind::City));
        assert!(place("Kābul").is_some());
        assert!(place("us").is_none());
        assert!(place("US").is_some());
        assert!(place("Buy").is_none());
    }

    #[test]
    fn countries_win_over_subdivisions_of_the_same_name() {
        assert_eq!(place("Georgia").map(|e| e.kind), Some(PlaceKind::Country));
        assert_eq!(place("Texas").map(|e| e.kind), Some(PlaceKind::Subdivision));
    }

    #[test]
    fn demonyms_point_at_their_country() {
        assert_eq!(demonym("Afghan").map(|e| e.id), Some("AF"));
        assert_eq!(demonym("Americans").map(|e| e.id), Some("US"));
        assert!(demonym("Afghanistan").is_none());
    }

    #[test]
    fn titles_are_matched_longest_first_with_modifiers() {
        assert!(is_title("Secretary of State"));
        assert!(is_title("mullah"));
        assert!(is_address_form("Mr") && is_address_form("Mrs.") && !is_address_form("Mullah"));
        assert_eq!(
            title_prefix(&["Secretary", "of", "State", "Mike", "Pompeo"]),
            3
        );
        assert_eq!(title_prefix(&["First", "Vice", "President", "Amrullah"]), 3);
        assert_eq!(title_prefix(&["former", "Defense", "Secretary", "Jim"]), 3);
        assert_eq!(title_prefix(&["Mike", "Pompeo"]), 0);
        assert_eq!(title_prefix(&["former"]), 0);
    }

    #[test]
    fn particles_connectors_and_org_words() {
        assert!(particle("al") && particle("bin") && particle("von"));
        assert_eq!(particle_prefix("al-Zawahiri"), Some(3));
        assert_eq!(particle_prefix("Fitton-Brown"), None);
        assert_eq!(connector_prefix(&["of", "the", "Treasury"]), 2);
        assert_eq!(connector_prefix(&["Treasury"]), 0);
        assert!(org_word("Network") && org_word("inc.") && org_word("Ministry"));
        assert!(!org_word("Pompeo"));
    }

    /// The folding every lookup used before the ASCII fast paths (a word
    /// with no upper-case letter, such as title-case "ǅ", stays as it is).
    fn reference_fold(word: &str) -> String {
        let apostrophe = |c: char| matches!(c, '\u{2019}' | '\u{2018}');
        if word.chars().all(|c| !c.is_uppercase() && !apostrophe(c)) {
            return word.to_string();
        }
        word.chars()
            .flat_map(char::to_lowercase)
            .map(|c| if apostrophe(c) { '\'' } else { c })
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn fast_folding_agrees_with_the_reference(word in "[ -~\u{2019}ÀÉİßǅΣа-яА-Я]{0,12}") {
            proptest::prop_assert_eq!(fold(&word), reference_fold(&word));
            with_folded(&word, |folded| assert_eq!(folded, reference_fold(&word)));
        }

        #[test]
        fn ascii_place_keys_agree_with_the_transliterating_path(
            name in "[ -~]{0,16}|[Tt][Hh][Ee][ .-]{1,2}[a-zA-Z. -]{0,8}"
        ) {
            let latin = deunicode::deunicode(&name);
            proptest::prop_assert_eq!(place_key(&name), slow_place_key(&latin));
        }

        #[test]
        fn plain_words_are_their_own_place_key_folded(word in "[ -~]{0,12}") {
            if key_is_lower_case(&word) {
                with_folded(&word, |folded| assert_eq!(folded, place_key(&word)));
            }
        }

        #[test]
        fn filtered_lookups_miss_no_listed_word(word in "[a-zA-Z.' -]{0,12}") {
            for set in [&*TITLE_SET, &*NON_NAME_SET, &*ORG_WORD_SET, &*CONNECTOR_SET] {
                let listed = set.phrases.contains(reference_fold(&word).as_bytes());
                proptest::prop_assert_eq!(set.contains(&word), listed);
            }
        }
    }

    /// [`listed`] of `word` agrees with the function each flag names.
    fn assert_listed_agrees(word: &str) {
        let listed = listed(word);
        type ListFunction = fn(&str) -> bool;
        let checks: [(Listed, ListFunction); 13] = [
            (Listed::TITLE, is_title),
            (Listed::TITLE_MODIFIER, is_title_modifier),
            (Listed::TITLE_START, may_start_title),
            (Listed::ADDRESS, is_address_form),
            (Listed::PARTICLE, particle),
            (Listed::CONNECTOR_START, may_start_connector),
            (Listed::ORG_WORD, org_word),
            (Listed::PLACE_WORD, place_word),
            (Listed::NON_NAME, is_non_name),
            (Listed::CALENDAR, is_calendar),
            (Listed::WEEKDAY, is_weekday),
            (Listed::SPEECH_VERB, is_speech_verb),
            (Listed::GROUP_ADJECTIVE, is_group_adjective),
        ];
        for (flag, function) in checks {
            assert_eq!(listed.has(flag), function(word), "{word} {flag:?}");
        }
    }

    #[test]
    fn word_lists_read_at_once_agree_with_each_list() {
        let lists = [
            TITLES,
            TITLE_MODIFIERS,
            FORMS_OF_ADDRESS,
            PARTICLES,
            CONNECTORS,
            ORG_WORDS,
            PLACE_WORDS,
            NON_NAMES,
            CALENDAR,
            WEEKDAYS,
            SPEECH_VERBS,
            GROUP_ADJECTIVES,
        ];
        for item in lists.into_iter().flat_map(items) {
            for word in item.split(' ') {
                for form in [word.to_string(), word.to_uppercase(), format!("{word}s")] {
                    assert_listed_agrees(&form);
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn word_lists_read_at_once_agree_on_any_word(word in "[a-zA-Z.'’ÀÉİß-]{0,12}") {
            assert_listed_agrees(&word);
        }
    }

    #[test]
    fn every_listed_phrase_passes_its_filters_in_any_case() {
        for set in [&*TITLE_SET, &*CONNECTOR_SET, &*PARTICLE_SET, &*CALENDAR_SET] {
            for phrase in &set.phrases {
                let phrase = std::str::from_utf8(phrase).expect("lists are UTF-8");
                let words: Vec<&str> = phrase.split(' ').collect();
                assert!(set.contains(phrase) && set.contains(&phrase.to_uppercase()));
                assert_eq!(set.longest_prefix(&words), words.len(), "{phrase}");
            }
        }
    }

    #[test]
    fn headline_verbs_are_recognised_through_their_inflections() {
        for word in [
            "Hires", "Hired", "Hiring", "Launches", "Named", "Fired", "Denies", "Denied",
            "Slammed", "Patch", "Fix", "Quits", "Took",
        ] {
            assert!(is_headline_verb_form(word), "{word}");
        }
        for word in ["Merkel", "Gaddafi", "Hamas", "Damascus", "Reed", "Ming"] {
            assert!(!is_headline_verb_form(word), "{word}");
        }
        for word in ["Fired", "Named", "Denied", "Released"] {
            assert!(is_headline_past_form(word), "{word}");
        }
        for word in ["Sayed", "Ahmed", "Fire", "Names", "United", "Led"] {
            assert!(!is_headline_past_form(word), "{word}");
        }
    }

    #[test]
    fn adverb_shapes_spare_names_ending_in_ly() {
        for word in [
            "Typically",
            "Reportedly",
            "Finally",
            "Unfortunately",
            "Similarly",
        ] {
            assert!(is_adverb_look(word), "{word}");
        }
        for word in [
            "Kelly", "Beverly", "Connolly", "Donnelly", "Sicily", "Kimberly", "Sally",
        ] {
            assert!(!is_adverb_look(word), "{word}");
        }
        assert!(is_weekday("Saturday") && !is_weekday("May") && is_calendar("Tuesday"));
    }

    #[test]
    fn non_names_and_calendar_words() {
        assert!(is_non_name("However") && is_non_name("The") && is_non_name("According"));
        assert!(is_calendar("February") && is_calendar("Monday"));
        assert!(!is_non_name("Kabul"));
        assert_eq!(fold("Taliban\u{2019}s"), "taliban's");
    }
}
