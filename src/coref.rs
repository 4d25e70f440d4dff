//! Coreference for claim participants, within one document.
//!
//! Claims often name their participants by a pronoun ("its relationship",
//! "they said") or a definite description ("the terrorist group", "the
//! official", "the country"). Reconciliation aligns claims by entity, so such
//! a participant is linked here to the named mention it stands for. Rules, in
//! order, for a participant with no mention of its own:
//!
//! 1. **Apposition memory**: the document writes the same description right
//!    next to a name elsewhere ("the terrorist organization X", "X, the
//!    terrorist organization,"): that name.
//! 2. **Repeated description**: an identical description already linked
//!    earlier in the document reuses its antecedent.
//! 3. **Recency**: the nearest preceding mention of a compatible type in the
//!    same sentence, else the most mentioned (then latest) one of the
//!    previous sentence, then the one before. Never the claim's other
//!    participant ("its ties with X" is not X's ties with X).
//!
//! A relation whose subject the extractor left empty gets one when the
//! words between the start of its clause and its predicate are exactly a
//! description or a subject pronoun ("... argued that the organization “has
//! no presence”"). The participant keeps its words as written (cited text);
//! only [`Arg::mention`] is set. Nothing is linked without a compatible
//! candidate.

use crate::lexicon::char_at;
use crate::model::{doc_index, Arg, Claim, ClaimKind, EntityType, Mention, Sentence};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::borrow::Cow;
use std::cell::OnceCell;
use std::ops::Range;
use std::sync::{Arc, LazyLock};

const PRONOUNS: &str = include_str!("../data/lexicon/coref/pronouns.txt");
const HEADS: &str = include_str!("../data/lexicon/coref/heads.txt");
const MODIFIERS: &str = include_str!("../data/lexicon/coref/modifiers.txt");
const GENDERED_TITLES: &str = include_str!("../data/lexicon/coref/gendered_titles.txt");
const SUBJECT_GAP: &str = include_str!("../data/lexicon/coref/subject_gap.txt");
const CLAUSE_OPENERS: &str = include_str!("../data/lexicon/coref/clause_openers.txt");

/// Sentences before the participant's own that are searched for an antecedent.
const WINDOW: usize = 2;
/// Most modifiers between "the" and the head of a description.
const MAX_MODIFIERS: usize = 4;
/// Most tokens of an anaphor: "the", the modifiers and the head.
const MAX_ANAPHOR_TOKENS: usize = MAX_MODIFIERS + 2;

/// Links the pronoun and description participants of `claims` to mentions
/// of the same document, and gives relations with no subject one where the
/// clause starts with a description or pronoun.
pub fn link_participants(sentences: &[Sentence], mentions: &[Mention], claims: &mut [Claim]) {
    if mentions.is_empty() {
        return;
    }
    let doc = Doc::new(sentences, mentions);
    let mut linked: HashMap<String, usize> = HashMap::default();
    let mut predicates_seen: HashMap<(usize, &str), usize> = HashMap::default();
    for claim in claims.iter_mut() {
        if claim.kind == ClaimKind::Relation {
            let seen = predicates_seen
                .entry((claim.sentence(), claim.predicate))
                .or_insert(0);
            if claim.subject.is_none() {
                claim.subject = doc.missing_subject(claim, *seen, &mut linked);
            }
            *seen += 1;
        }
        doc.link_claim(claim, &mut linked);
    }
}

/// What a pronoun can stand for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Pronoun {
    entity_type: EntityType,
    gender: Gender,
    subject: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Gender {
    Male,
    Female,
    Any,
}

/// A participant written as a pronoun or a definite description.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Anaphor {
    Pronoun(Pronoun),
    /// `key` is the modifiers and head, lower case ("terrorist group").
    Description {
        key: String,
        head: String,
        entity_type: EntityType,
    },
}

impl Anaphor {
    fn entity_type(&self) -> EntityType {
        match self {
            Anaphor::Pronoun(p) => p.entity_type,
            Anaphor::Description { entity_type, .. } => *entity_type,
        }
    }

    /// A description's head noun; pronouns have none.
    fn head(&self) -> Option<&str> {
        match self {
            Anaphor::Pronoun(_) => None,
            Anaphor::Description { head, .. } => Some(head),
        }
    }

    fn gender(&self) -> Gender {
        match self {
            Anaphor::Pronoun(p) => p.gender,
            Anaphor::Description { head, .. } => LEXICON
                .gendered_titles
                .get(head.as_str())
                .copied()
                .unwrap_or(Gender::Any),
        }
    }
}

struct Lexicon {
    pronouns: HashMap<&'static str, Pronoun>,
    heads: HashMap<&'static str, EntityType>,
    /// Gazetteer kinds a place head accepts ("city" -> `city`).
    place_kinds: HashMap<&'static str, Vec<&'static str>>,
    modifiers: HashSet<&'static str>,
    gendered_titles: HashMap<&'static str, Gender>,
    subject_gap: HashSet<&'static str>,
    clause_openers: HashSet<&'static str>,
}

static LEXICON: LazyLock<Lexicon> = LazyLock::new(|| Lexicon {
    pronouns: rows(PRONOUNS)
        .filter_map(|row| {
            let pronoun = Pronoun {
                entity_type: entity_type(row.get(1)?)?,
                gender: gender(row.get(3)?),
                subject: *row.get(4)? == "subject",
            };
            Some((row[0], pronoun))
        })
        .collect(),
    heads: rows(HEADS)
        .filter_map(|row| Some((row[0], entity_type(row.get(1)?)?)))
        .collect(),
    place_kinds: rows(HEADS)
        .filter_map(|row| Some((row[0], row.get(2)?.split_whitespace().collect())))
        .collect(),
    modifiers: rows(MODIFIERS).map(|row| row[0]).collect(),
    gendered_titles: rows(GENDERED_TITLES)
        .filter_map(|row| Some((row[0], gender(row.get(1)?))))
        .collect(),
    subject_gap: rows(SUBJECT_GAP).map(|row| row[0]).collect(),
    clause_openers: rows(CLAUSE_OPENERS).map(|row| row[0]).collect(),
});

/// Non-comment lines of a list file, split on `|` and trimmed.
fn rows(text: &'static str) -> impl Iterator<Item = Vec<&'static str>> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .map(|line| line.split('|').map(str::trim).collect())
}

fn entity_type(word: &str) -> Option<EntityType> {
    match word {
        "ORG" => Some(EntityType::Org),
        "PERSON" => Some(EntityType::Person),
        "PLACE" => Some(EntityType::Place),
        _ => None,
    }
}

fn gender(word: &str) -> Gender {
    match word {
        "male" => Gender::Male,
        "female" => Gender::Female,
        _ => Gender::Any,
    }
}

/// A word or a punctuation character of a sentence, as a byte range.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Token {
    range: Range<usize>,
    word: bool,
}

/// Words (letters and digits, with inner hyphens and apostrophes) and single
/// punctuation characters.
fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens: Vec<Token> = Vec::with_capacity(text.len() / 4);
    tokens.extend(Tokens { text, at: 0 });
    tokens
}

/// The tokens of `text` when there are at most `limit`, else `None`: a
/// participant longer than any anaphor is not read to its end.
fn tokenize_at_most(text: &str, limit: usize) -> Option<Vec<Token>> {
    let mut tokens: Vec<Token> = Vec::with_capacity(limit + 1);
    tokens.extend(Tokens { text, at: 0 }.take(limit + 1));
    (tokens.len() <= limit).then_some(tokens)
}

/// The tokens of a text, one at a time, read byte by byte while ASCII.
struct Tokens<'t> {
    text: &'t str,
    at: usize,
}

impl Iterator for Tokens<'_> {
    type Item = Token;

    fn next(&mut self) -> Option<Token> {
        loop {
            let c = char_at(self.text, self.at)?;
            let start = self.at;
            self.at += c.len_utf8();
            if c.is_whitespace() {
                continue;
            }
            let word = c.is_alphanumeric();
            if word {
                self.at = word_end(self.text, self.at);
            }
            return Some(Token {
                range: start..self.at,
                word,
            });
        }
    }
}

/// End of the word whose letters continue at byte `at`: letters and digits,
/// and hyphens and apostrophes with a letter or digit after them.
fn word_end(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&byte) = bytes.get(at) {
        if byte.is_ascii_alphanumeric() {
            at += 1;
            continue;
        }
        let next = if byte.is_ascii() {
            char::from(byte)
        } else {
            match char_at(text, at) {
                Some(c) => c,
                None => break,
            }
        };
        let after = at + next.len_utf8();
        let continues = if byte.is_ascii() {
            matches!(next, '-' | '\'') && char_at(text, after).is_some_and(char::is_alphanumeric)
        } else {
            next.is_alphanumeric()
                || (next == '’' && char_at(text, after).is_some_and(char::is_alphanumeric))
        };
        if !continues {
            break;
        }
        at = after;
    }
    at
}

/// Tokens an apposition is read from: the article, at most
/// [`MAX_MODIFIERS`] modifiers and the head, and the token after them.
const APPOSITION_TOKENS: usize = MAX_ANAPHOR_TOKENS + 1;

/// Byte offsets of the articles ("the", "a", "an", in any case) among the
/// tokens of `text`, found without tokenising it all: articles open every
/// apposition, and most of a sentence is none.
fn articles(text: &str) -> impl Iterator<Item = usize> + '_ {
    let bytes = text.as_bytes();
    (0..bytes.len()).filter(move |&at| {
        matches!(bytes[at], b'a' | b'A' | b't' | b'T')
            && !at
                .checked_sub(1)
                .is_some_and(|b| bytes[b].is_ascii_alphanumeric())
            && article_len(&bytes[at..]).is_some_and(|len| word_end(text, at + 1) == at + len)
            && starts_word(text, at)
    })
}

/// Length of the article `bytes` start with, if they start with one
/// ("the", "an" or "a", in any case), whether or not its word ends there.
fn article_len(bytes: &[u8]) -> Option<usize> {
    let starts = |article: &[u8]| {
        bytes
            .get(..article.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(article))
    };
    [b"the".as_slice(), b"an", b"a"]
        .into_iter()
        .find(|article| starts(article))
        .map(<[u8]>::len)
}

/// True when a word token of `text` starts at byte `at`, a letter or digit:
/// the character before is no letter or digit, nor a hyphen or apostrophe
/// after one (which [`word_end`] would carry on over).
fn starts_word(text: &str, at: usize) -> bool {
    let mut before = text[..at].chars().rev();
    match before.next() {
        None => true,
        Some(c) if c.is_alphanumeric() => false,
        Some('-' | '\'' | '’') => !before.next().is_some_and(char::is_alphanumeric),
        Some(_) => true,
    }
}

/// Byte offset of the comma that is the token before byte `at`, if it is one.
fn comma_before(text: &str, at: usize) -> Option<usize> {
    let before = text[..at].trim_end();
    before.ends_with(',').then(|| before.len() - 1)
}

/// The token in lower case, borrowed when it already is (most words).
fn lower<'t>(text: &'t str, token: &Token) -> Cow<'t, str> {
    let word = &text[token.range.clone()];
    if !word.is_ascii() {
        Cow::Owned(word.to_lowercase())
    } else if word.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(word.to_ascii_lowercase())
    } else {
        Cow::Borrowed(word)
    }
}

/// Longest ASCII word lower-cased on the stack by [`with_lower`].
const STACK_WORD: usize = 32;

/// Calls `f` with the token in lower case, as [`lower`] gives it, without
/// allocating for short ASCII words: lexicon lookups run for most tokens.
fn with_lower<R>(text: &str, token: &Token, f: impl FnOnce(&str) -> R) -> R {
    let word = &text[token.range.clone()];
    if !word.is_ascii() || word.len() > STACK_WORD {
        return f(&lower(text, token));
    }
    let mut buffer = [0u8; STACK_WORD];
    let folded = &mut buffer[..word.len()];
    folded.copy_from_slice(word.as_bytes());
    folded.make_ascii_lowercase();
    // Lower-casing ASCII keeps it ASCII; the fallback is never taken.
    f(std::str::from_utf8(folded).unwrap_or(word))
}

/// The article a token is, if any: `Some(true)` for "the", `Some(false)`
/// for "a" and "an", in any case.
fn article(text: &str, token: &Token) -> Option<bool> {
    let word = &text[token.range.clone()];
    if word.eq_ignore_ascii_case("the") {
        Some(true)
    } else if word.eq_ignore_ascii_case("a") || word.eq_ignore_ascii_case("an") {
        Some(false)
    } else {
        None
    }
}

fn is_capitalized(text: &str, token: &Token) -> bool {
    text[token.range.clone()]
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// True when the words between `a` and `b` are only white space.
fn adjacent(text: &str, a: usize, b: usize) -> bool {
    a <= b && text.get(a..b).is_some_and(|gap| gap.trim().is_empty())
}

/// A modifier of a description: a listed lower-case adjective, or a
/// capitalised demonym or group adjective ("Syrian", "Sunni").
fn is_modifier(text: &str, token: &Token) -> bool {
    if is_capitalized(text, token) {
        crate::lexicon::demonym(&text[token.range.clone()]).is_some()
            || with_lower(text, token, crate::lexicon::is_group_adjective)
    } else {
        with_lower(text, token, |word| LEXICON.modifiers.contains(word))
    }
}

/// True when `token` may follow the determiner of a description: a word
/// that is a head or a modifier.
fn opens_description(text: &str, token: &Token) -> bool {
    token.word && (head_type(text, token).is_some() || is_modifier(text, token))
}

fn head_type(text: &str, token: &Token) -> Option<EntityType> {
    if !token.word || is_capitalized(text, token) {
        return None;
    }
    with_lower(text, token, |word| LEXICON.heads.get(word).copied())
}

/// The description starting with the determiner at `tokens[at]`: its end
/// (exclusive) and what it is. Modifiers and heads may pile up ("the militant
/// group"); the last word must be a head.
fn description_at(text: &str, tokens: &[Token], at: usize) -> Option<(usize, Anaphor)> {
    let mut end = at + 1;
    // The head type of the last word taken, kept so that no word is looked up twice.
    let mut last_head = None;
    while end < tokens.len() && end - at <= MAX_MODIFIERS + 1 && tokens[end].word {
        let head = head_type(text, &tokens[end]);
        if head.is_none() && !is_modifier(text, &tokens[end]) {
            break;
        }
        last_head = head;
        end += 1;
    }
    if end - at < 2 {
        return None;
    }
    let entity_type = last_head?;
    let words: Vec<String> = tokens[at + 1..end]
        .iter()
        .map(|t| lower(text, t).into_owned())
        .collect();
    let anaphor = Anaphor::Description {
        key: words.join(" "),
        head: words.last()?.clone(),
        entity_type,
    };
    Some((end, anaphor))
}

/// The anaphor `tokens` are exactly, if any: one pronoun, or "the" and a
/// description. With `subject_only`, only subject-case pronouns.
fn anaphor_of(text: &str, tokens: &[Token], subject_only: bool) -> Option<Anaphor> {
    if tokens.iter().any(|t| !t.word) {
        return None;
    }
    match tokens {
        [one] => with_lower(text, one, |word| LEXICON.pronouns.get(word).copied())
            .filter(|p| p.subject || !subject_only)
            .map(Anaphor::Pronoun),
        [first, ..] if article(text, first) == Some(true) => description_at(text, tokens, 0)
            .filter(|(end, _)| *end == tokens.len())
            .map(|(_, anaphor)| anaphor),
        _ => None,
    }
}

/// False for a text [`anaphor_of`] surely finds no anaphor in: its first
/// token is punctuation, or a word other than "the" with more after it.
/// Most participants are names, told apart from their first word.
fn may_be_anaphor(text: &str) -> bool {
    let mut tokens = Tokens { text, at: 0 };
    match (tokens.next(), tokens.next()) {
        (Some(first), Some(_)) => first.word && article(text, &first) == Some(true),
        (Some(first), None) => first.word,
        (None, _) => true,
    }
}

/// Where a participant is: sentence index and byte offset in its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
struct At {
    sentence: usize,
    byte: usize,
}

/// A document's sentences and mentions with what the rules look up.
struct Doc<'a> {
    sentences: &'a [Sentence],
    /// Tokens of each sentence, read on first use (for subjects) and kept.
    tokens: Vec<OnceCell<Vec<Token>>>,
    mentions: &'a [Mention],
    /// The root each mention ultimately stands for (short forms followed to
    /// their full name), as a number: roots are compared and counted often.
    roots: Vec<usize>,
    /// Lower-case name of each root.
    root_names: Vec<String>,
    /// How often each root is mentioned in the document.
    salience: Vec<usize>,
    /// The type most mentions of each root have: a single mention's type is
    /// often a guess ("Hezbollah" alone may be untyped or typed a person).
    root_types: Vec<EntityType>,
    /// Mentions written next to a description, by the description's key.
    appositions: HashMap<String, Vec<usize>>,
}

impl<'a> Doc<'a> {
    fn new(sentences: &'a [Sentence], mentions: &'a [Mention]) -> Self {
        let (roots, root_names) = number_roots(sentences, mentions);
        let mut salience = vec![0; root_names.len()];
        for &root in &roots {
            salience[root] += 1;
        }
        let root_types = majority_types(mentions, &roots, root_names.len());
        let mut doc = Doc {
            sentences,
            tokens: vec![OnceCell::new(); sentences.len()],
            mentions,
            roots,
            root_names,
            salience,
            root_types,
            appositions: HashMap::default(),
        };
        doc.appositions = doc.find_appositions();
        doc
    }

    /// The tokens of sentence `sentence`.
    fn tokens(&self, sentence: usize) -> Option<&[Token]> {
        let text = &self.sentences.get(sentence)?.text;
        Some(self.tokens.get(sentence)?.get_or_init(|| tokenize(text)))
    }

    fn in_sentence(&self, sentence: usize) -> Range<usize> {
        let first = self.mentions.partition_point(|m| m.sentence() < sentence);
        let end = self.mentions.partition_point(|m| m.sentence() <= sentence);
        first..end.max(first)
    }

    fn at(&self, mention: usize) -> At {
        let m = &self.mentions[mention];
        At {
            sentence: m.sentence(),
            byte: m.local_bytes().start,
        }
    }

    /// "the terrorist organization X" and "X, the terrorist organization,":
    /// the mention beside each description, when their types fit.
    fn find_appositions(&self) -> HashMap<String, Vec<usize>> {
        let mut found: HashMap<String, Vec<usize>> = HashMap::default();
        let mut tokens: Vec<Token> = Vec::with_capacity(APPOSITION_TOKENS);
        for sentence in self.sentences {
            let text = &sentence.text;
            let mentions = self.in_sentence(sentence.index);
            // A description links only to a mention of its own sentence.
            if mentions.is_empty() {
                continue;
            }
            for start in articles(text) {
                // Most articles open no description, told by the word after.
                let mut words = Tokens { text, at: start }.skip(1);
                if !words.next().is_some_and(|t| opens_description(text, &t)) {
                    continue;
                }
                tokens.clear();
                tokens.extend(Tokens { text, at: start }.take(APPOSITION_TOKENS));
                if let Some((key, mention)) = self.apposition(text, &tokens, mentions.clone()) {
                    found.entry(key).or_default().push(mention);
                }
            }
        }
        found
    }

    /// The description opening with the article `tokens[0]` and the mention
    /// of `mentions` written beside it, if any. `tokens` run from the article
    /// to at most [`APPOSITION_TOKENS`] tokens on.
    fn apposition(
        &self,
        text: &str,
        tokens: &[Token],
        mentions: Range<usize>,
    ) -> Option<(String, usize)> {
        let definite = article(text, tokens.first()?)?;
        let (end, anaphor) = description_at(text, tokens, 0)?;
        let fits = |&i: &usize| apposition_fits(&anaphor, &self.mentions[i]);
        let before = definite
            .then(|| {
                mentions.clone().filter(fits).find(|&i| {
                    adjacent(
                        text,
                        tokens[end - 1].range.end,
                        self.mentions[i].local_bytes().start,
                    )
                })
            })
            .flatten();
        let after = || {
            let comma_at = comma_before(text, tokens[0].range.start)?;
            let closes = tokens.get(end).is_none_or(|t| {
                !t.word
                    || ["who", "which", "that", "whose"]
                        .iter()
                        .any(|w| text[t.range.clone()].eq_ignore_ascii_case(w))
            });
            closes
                .then(|| {
                    mentions
                        .clone()
                        .filter(fits)
                        .find(|&i| adjacent(text, self.mentions[i].local_bytes().end, comma_at))
                })
                .flatten()
        };
        let mention = before.or_else(after)?;
        match anaphor {
            Anaphor::Description { key, .. } => Some((key, mention)),
            Anaphor::Pronoun(_) => None,
        }
    }

    /// Links every participant of `claim` that is a pronoun or description.
    fn link_claim(&self, claim: &mut Claim, linked: &mut HashMap<String, usize>) {
        let subject_excludes = Excluded([
            self.root_of(claim.object.as_ref()),
            self.root_of(claim.place.as_deref()),
        ]);
        let object_excludes = Excluded([self.root_of(claim.subject.as_ref()), None]);
        let sentence = claim.sentence();
        let none = Excluded::default();
        let mut link = |arg: &Arg, excluded| self.antecedent_of(arg, sentence, excluded, linked);
        if let Some(m) = claim
            .subject
            .as_ref()
            .and_then(|a| link(a, &subject_excludes))
        {
            set_mention(claim.subject.as_mut(), m);
        }
        if let Some(m) = claim
            .object
            .as_ref()
            .and_then(|a| link(a, &object_excludes))
        {
            set_mention(claim.object.as_mut(), m);
        }
        // A speaker is shared by the claims of its statement: copied only
        // when it changes.
        if let Some(m) = claim.speaker.as_deref().and_then(|a| link(a, &none)) {
            set_mention(claim.speaker.as_mut().map(Arc::make_mut), m);
        }
        if let Some(m) = claim.place.as_deref().and_then(|a| link(a, &none)) {
            set_mention(claim.place.as_deref_mut(), m);
        }
    }

    /// The root of the mention a participant names, if any.
    fn root_of(&self, arg: Option<&Arg>) -> Option<usize> {
        let mention = arg?.mention()?;
        self.roots.get(mention).copied()
    }

    /// The mention an unlinked pronoun or description participant stands for.
    fn antecedent_of(
        &self,
        arg: &Arg,
        sentence: usize,
        excluded: &Excluded,
        linked: &mut HashMap<String, usize>,
    ) -> Option<usize> {
        if arg.mention.is_some() {
            return None;
        }
        let text = self.sentences.get(sentence).map(|s| s.text.as_str())?;
        if !may_be_anaphor(&arg.text) {
            return None;
        }
        let tokens = tokenize_at_most(&arg.text, MAX_ANAPHOR_TOKENS)?;
        let anaphor = anaphor_of(&arg.text, &tokens, false)?;
        let at = At {
            sentence,
            byte: find_words(text, &arg.text).unwrap_or(0),
        };
        self.antecedent(&anaphor, at, excluded, linked)
    }

    /// The mention an anaphor at `at` stands for, by the rules in order;
    /// a linked description is remembered for rule 2.
    fn antecedent(
        &self,
        anaphor: &Anaphor,
        at: At,
        excluded: &Excluded,
        linked: &mut HashMap<String, usize>,
    ) -> Option<usize> {
        let allowed = |i: &usize| !excluded.contains(self.roots[*i]);
        let Anaphor::Description { key, .. } = anaphor else {
            return self.recent(anaphor, at, excluded);
        };
        let found = self
            .appositive(anaphor, at)
            .filter(allowed)
            .or_else(|| linked.get(key).copied().filter(allowed))
            .or_else(|| self.recent(anaphor, at, excluded))?;
        linked.insert(key.clone(), found);
        Some(found)
    }

    /// Rule 1: a name written beside the same description (same head and
    /// modifiers), else beside a fuller one ("the group" and "the militant
    /// group X") when only one name was.
    fn appositive(&self, anaphor: &Anaphor, at: At) -> Option<usize> {
        let Anaphor::Description { key, head, .. } = anaphor else {
            return None;
        };
        if let Some(exact) = self.appositions.get(key) {
            return self.nearest_before(exact, at);
        }
        let words: HashSet<&str> = key.split(' ').collect();
        let mut fuller: Vec<usize> = self
            .appositions
            .iter()
            .filter(|(other, _)| {
                other.ends_with(head.as_str())
                    && words.iter().all(|w| other.split(' ').any(|o| o == *w))
            })
            .flat_map(|(_, mentions)| mentions.iter().copied())
            .collect();
        fuller.sort_unstable();
        let first = *fuller.first()?;
        fuller
            .iter()
            .all(|&i| self.roots[i] == self.roots[first])
            .then(|| self.nearest_before(&fuller, at))
            .flatten()
    }

    /// The latest of `mentions` before `at`, else the first after it.
    fn nearest_before(&self, mentions: &[usize], at: At) -> Option<usize> {
        mentions
            .iter()
            .copied()
            .filter(|&i| self.at(i) < at)
            .max_by_key(|&i| self.at(i))
            .or_else(|| mentions.iter().copied().min_by_key(|&i| self.at(i)))
    }

    /// Rule 3: the nearest fitting mention before `at` in its sentence, else
    /// the most mentioned (then latest) fitting one of each previous sentence.
    /// A description looks back only to names mentioned at least twice: it
    /// refers to an established participant, and one-off names are where
    /// mention detection errs most ("Hundreds", a headline fragment).
    fn recent(&self, anaphor: &Anaphor, at: At, excluded: &Excluded) -> Option<usize> {
        let min_salience = if anaphor.head().is_some() { 2 } else { 1 };
        let fits = |i: &usize| {
            let m = &self.mentions[*i];
            let surface = m.surface(self.sentences);
            self.type_fits(anaphor.entity_type(), *i)
                && gender_fits(anaphor.gender(), m.role(self.sentences), surface)
                && anaphor
                    .head()
                    .is_none_or(|head| place_kind_fits(head, surface))
                && self.salience[self.roots[*i]] >= min_salience
                && !excluded.contains(self.roots[*i])
        };
        let same = self
            .in_sentence(at.sentence)
            .filter(|&i| self.mentions[i].local_bytes().end <= at.byte)
            .filter(fits)
            .max_by_key(|&i| self.mentions[i].local.start);
        same.or_else(|| {
            (at.sentence.saturating_sub(WINDOW)..at.sentence)
                .rev()
                .find_map(|s| {
                    self.in_sentence(s).filter(fits).max_by_key(|&i| {
                        (self.salience[self.roots[i]], self.mentions[i].local.start)
                    })
                })
        })
    }

    /// True when mention `i` can be of `wanted` type: its root's usual type
    /// is, or an organisation is wanted and the root is untyped but not named
    /// as an event or document ("Minsk Agreement").
    fn type_fits(&self, wanted: EntityType, i: usize) -> bool {
        let root = self.roots[i];
        match self.root_types[root] {
            t if t == wanted => true,
            EntityType::Other => {
                wanted == EntityType::Org
                    && !self.root_names[root]
                        .split_whitespace()
                        .next_back()
                        .is_some_and(crate::lexicon::is_other_word)
            }
            _ => false,
        }
    }

    /// Rule for empty subjects: the words between the start of the claim's
    /// clause and its predicate, when they are a description or a subject
    /// pronoun that links to a mention. `occurrence` is how many relations
    /// with the same predicate precede this one in the sentence.
    fn missing_subject(
        &self,
        claim: &Claim,
        occurrence: usize,
        linked: &mut HashMap<String, usize>,
    ) -> Option<Arg> {
        let text = &self.sentences.get(claim.sentence())?.text;
        let tokens = self.tokens(claim.sentence())?;
        let anchor = predicate_anchor(claim.predicate)?;
        let predicate = (0..tokens.len())
            .filter(|&i| tokens[i].word && token_inflects(text, &tokens[i], anchor))
            .nth(occurrence)?;
        let words = subject_before(text, tokens, predicate)?;
        let anaphor = anaphor_of(text, &tokens[words.clone()], true)?;
        let span = tokens[words.start].range.start..tokens[words.end - 1].range.end;
        let at = At {
            sentence: claim.sentence(),
            byte: span.start,
        };
        let excluded = Excluded([
            self.root_of(claim.object.as_ref()),
            self.root_of(claim.place.as_deref()),
        ]);
        let mention = self.antecedent(&anaphor, at, &excluded, linked)?;
        Some(Arg {
            text: text[span].into(),
            mention: Some(doc_index(mention)),
        })
    }
}

/// Roots a participant may not link to: the claim's other participants
/// (at most two, so no set is built per claim).
#[derive(Clone, Copy, Default)]
struct Excluded([Option<usize>; 2]);

impl Excluded {
    fn contains(&self, root: usize) -> bool {
        self.0.iter().flatten().any(|&r| r == root)
    }
}

fn set_mention(arg: Option<&mut Arg>, mention: usize) {
    if let Some(arg) = arg {
        arg.mention = Some(doc_index(mention));
    }
}

/// The tokens of the subject right before `predicate`: back over
/// auxiliaries, negations and quotation marks, then back to the start of the
/// clause (sentence start, punctuation or a clause opener).
fn subject_before(text: &str, tokens: &[Token], predicate: usize) -> Option<Range<usize>> {
    let mut end = predicate;
    while end > 0 {
        let token = &tokens[end - 1];
        let gap = if token.word {
            with_lower(text, token, |word| LEXICON.subject_gap.contains(word))
        } else {
            is_quote(&text[token.range.clone()])
        };
        if !gap {
            break;
        }
        end -= 1;
    }
    let mut start = end;
    while start > 0
        && end - start <= MAX_MODIFIERS + 1
        && tokens[start - 1].word
        && !is_clause_opener(text, &tokens[start - 1])
    {
        start -= 1;
    }
    let opens = start == 0 || !tokens[start - 1].word || is_clause_opener(text, &tokens[start - 1]);
    (opens && start < end).then_some(start..end)
}

fn is_clause_opener(text: &str, token: &Token) -> bool {
    with_lower(text, token, |word| LEXICON.clause_openers.contains(word))
}

fn is_quote(token: &str) -> bool {
    matches!(token, "\"" | "“" | "”" | "'" | "‘" | "’" | "«" | "»")
}

/// The word of a normalised predicate to find in the text: the first that
/// is not a light verb ("have presence" -> "presence", "gain strength" ->
/// "gain").
fn predicate_anchor(predicate: &str) -> Option<&str> {
    predicate
        .split(' ')
        .find(|w| !matches!(*w, "have" | "be" | "get" | "make" | "take" | "do"))
}

/// True when `word` is `base` or a regular inflection of it ("gains",
/// "gaining", "operated", "cutting", "carries").
fn inflects(word: &str, base: &str) -> bool {
    if word == base {
        return true;
    }
    let stem = match base.strip_suffix(['e', 'y']) {
        Some(stem) if stem.len() >= 3 => stem,
        _ => base,
    };
    let Some(rest) = word.strip_prefix(stem) else {
        return false;
    };
    let doubled = stem
        .chars()
        .last()
        .map(|c| c.to_string())
        .unwrap_or_default();
    let rest = rest
        .strip_prefix(doubled.as_str())
        .filter(|r| matches!(*r, "ed" | "ing"))
        .unwrap_or(rest);
    matches!(rest, "s" | "es" | "ed" | "d" | "ing" | "e" | "ies" | "ied")
}

/// [`inflects`] for a token, lower-cased only when its first letter can
/// match: most words of a sentence cannot.
fn token_inflects(text: &str, token: &Token, base: &str) -> bool {
    let first = text.as_bytes()[token.range.start];
    let differs = |b: &u8| first.is_ascii() && first.to_ascii_lowercase() != *b;
    if base.as_bytes().first().is_some_and(differs) {
        return false;
    }
    with_lower(text, token, |word| inflects(word, base))
}

/// Byte offset of the first whole-word occurrence of `words` in `text`.
fn find_words(text: &str, words: &str) -> Option<usize> {
    if words.is_empty() {
        return None;
    }
    text.match_indices(words).map(|(i, _)| i).find(|&i| {
        let before = text[..i].chars().next_back();
        let after = text[i + words.len()..].chars().next();
        !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric)
    })
}

/// A description's head fits a name's type; an untyped name fits any head,
/// since the apposition itself is the evidence.
fn apposition_fits(anaphor: &Anaphor, mention: &Mention) -> bool {
    mention.entity_type == anaphor.entity_type() || mention.entity_type == EntityType::Other
}

/// A place head fits a name the gazetteer knows only if its kind matches
/// ("the city" and a country do not); unknown names fit.
fn place_kind_fits(head: &str, surface: &str) -> bool {
    let Some(kinds) = LEXICON.place_kinds.get(head) else {
        return true;
    };
    crate::lexicon::place(surface).is_none_or(|entry| kinds.contains(&entry.kind.as_str()))
}

/// A gendered pronoun does not fit a name with a form of address of the
/// other gender ("she" and "Mr X"), by the mention's role and surface.
fn gender_fits(gender: Gender, role: Option<&str>, surface: &str) -> bool {
    if gender == Gender::Any {
        return true;
    }
    let address = role
        .iter()
        .flat_map(|r| r.split_whitespace())
        .chain(surface.split_whitespace().take(1))
        .map(|w| w.trim_end_matches('.').to_lowercase())
        .find_map(|w| LEXICON.gendered_titles.get(w.as_str()).copied());
    address.is_none_or(|g| g == gender)
}

/// The most frequent type among the mentions of each root; on a tie a
/// specific type beats OTHER, then ORG, PERSON, PLACE in that order.
fn majority_types(mentions: &[Mention], roots: &[usize], root_count: usize) -> Vec<EntityType> {
    let mut counts = vec![[0usize; 4]; root_count];
    for (mention, &root) in mentions.iter().zip(roots) {
        counts[root][type_rank(mention.entity_type)] += 1;
    }
    counts
        .iter()
        .map(|count| {
            let best = (0..TYPES_BY_RANK.len())
                .max_by_key(|&t| (count[t], std::cmp::Reverse(t)))
                .unwrap_or(TYPES_BY_RANK.len() - 1);
            TYPES_BY_RANK[best]
        })
        .collect()
}

const TYPES_BY_RANK: [EntityType; 4] = [
    EntityType::Org,
    EntityType::Person,
    EntityType::Place,
    EntityType::Other,
];

fn type_rank(t: EntityType) -> usize {
    TYPES_BY_RANK.iter().position(|&x| x == t).unwrap_or(3)
}

/// The root of each mention, numbered in order of first mention, and the
/// lower-case name of each root.
fn number_roots(sentences: &[Sentence], mentions: &[Mention]) -> (Vec<usize>, Vec<String>) {
    let mut numbers: HashMap<String, usize> = HashMap::default();
    let mut names: Vec<String> = Vec::new();
    let mut name = String::new();
    let roots = (0..mentions.len())
        .map(|i| {
            root_name(sentences, mentions, i, &mut name);
            // Most roots repeat: copied only the first time.
            if let Some(&number) = numbers.get(name.as_str()) {
                return number;
            }
            numbers.insert(name.clone(), names.len());
            names.push(name.clone());
            names.len() - 1
        })
        .collect();
    (roots, names)
}

/// Writes to `name` the lower-case name of the mention a short form
/// ultimately stands for.
fn root_name(sentences: &[Sentence], mentions: &[Mention], mut i: usize, name: &mut String) {
    for _ in 0..mentions.len() {
        match mentions[i].refers_to() {
            Some(next) if next < mentions.len() && next != i => i = next,
            _ => break,
        }
    }
    let surface = mentions[i].surface(sentences);
    name.clear();
    if surface.is_ascii() {
        name.push_str(surface);
        name.make_ascii_lowercase();
    } else {
        name.push_str(&surface.to_lowercase());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{doc_index, Polarity};

    /// The tokeniser as first written, over decoded characters.
    fn reference_tokenize(text: &str) -> Vec<Token> {
        let mut tokens = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if c.is_whitespace() {
                continue;
            }
            let mut end = start + c.len_utf8();
            if c.is_alphanumeric() {
                while let Some(&(i, next)) = chars.peek() {
                    let inner = matches!(next, '-' | '\'' | '’')
                        && text[i + next.len_utf8()..].starts_with(char::is_alphanumeric);
                    if !(next.is_alphanumeric() || inner) {
                        break;
                    }
                    end = i + next.len_utf8();
                    chars.next();
                }
            }
            tokens.push(Token {
                range: start..end,
                word: c.is_alphanumeric(),
            });
        }
        tokens
    }

    proptest::proptest! {
        #[test]
        fn byte_wise_tokens_agree_with_the_reference(text in "[a-c1 ,.'’-]{0,12}|\\PC{0,16}") {
            proptest::prop_assert_eq!(tokenize(&text), reference_tokenize(&text));
        }
    }

    proptest::proptest! {
        #[test]
        fn articles_are_the_article_tokens_and_read_on_alike(
            text in "([aAnNtThHeE,1 ’'-]|é){0,24}|\\PC{0,16}"
        ) {
            let tokens = tokenize(&text);
            let expected: Vec<usize> = (0..tokens.len())
                .filter(|&i| article(&text, &tokens[i]).is_some())
                .collect();
            let found: Vec<usize> = articles(&text).collect();
            let starts: Vec<usize> = expected.iter().map(|&i| tokens[i].range.start).collect();
            proptest::prop_assert_eq!(&found, &starts);
            for i in expected {
                let local: Vec<Token> = Tokens { text: &text, at: tokens[i].range.start }
                    .take(APPOSITION_TOKENS)
                    .collect();
                let end = (i + APPOSITION_TOKENS).min(tokens.len());
                proptest::prop_assert_eq!(&local[..], &tokens[i..end]);
                let comma = i
                    .checked_sub(1)
                    .filter(|&c| &text[tokens[c].range.clone()] == ",")
                    .map(|c| tokens[c].range.start);
                proptest::prop_assert_eq!(comma_before(&text, tokens[i].range.start), comma);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn shortcuts_agree_with_the_full_rules(
            text in "(the|The|its|Its|group|militant|[a-zA-Z ,’'-]|K|İ){0,8}|\\PC{0,12}",
            base in "[a-z]{0,6}",
        ) {
            let anaphor = tokenize_at_most(&text, MAX_ANAPHOR_TOKENS)
                .and_then(|tokens| anaphor_of(&text, &tokens, false));
            proptest::prop_assert!(may_be_anaphor(&text) || anaphor.is_none());
            for token in tokenize(&text).iter().filter(|t| t.word) {
                proptest::prop_assert_eq!(
                    token_inflects(&text, token, &base),
                    inflects(&lower(&text, token), &base)
                );
            }
        }
    }

    /// Sentences with named mentions: `(text, [(surface, type)])`; a surface
    /// listed twice is found at its first, then its second occurrence.
    fn doc(parts: &[(&str, &[(&str, EntityType)])]) -> (Vec<Sentence>, Vec<Mention>) {
        let mut sentences = Vec::new();
        let mut mentions = Vec::new();
        let mut offset = 0;
        for (index, (text, names)) in parts.iter().enumerate() {
            let mut searched: HashMap<&str, usize> = HashMap::default();
            for (surface, entity_type) in names.iter() {
                let from = searched.get(surface).copied().unwrap_or(0);
                let start = from + text[from..].find(surface).expect("surface in sentence");
                searched.insert(surface, start + surface.len());
                mentions.push(Mention {
                    sentence: doc_index(index),
                    local: doc_index(start)..doc_index(start + surface.len()),
                    start: doc_index(offset + start),
                    end: doc_index(offset + start + surface.len()),
                    role_local: 0..0,
                    entity_type: *entity_type,
                    refers_to: None,
                    evidence: "".into(),
                });
            }
            sentences.push(Sentence {
                index,
                paragraph: 0,
                span: crate::model::ByteSpan::new(offset, offset + text.len()),
                char_start: offset,
                text: text.to_string(),
            });
            offset += text.len() + 1;
        }
        mentions.sort_by_key(|m| (m.sentence, m.local.start));
        (sentences, mentions)
    }

    fn arg(text: &str) -> Option<Arg> {
        Some(Arg {
            text: text.into(),
            mention: None,
        })
    }

    fn relation(
        sentence: usize,
        subject: Option<Arg>,
        predicate: &'static str,
        object: Option<Arg>,
    ) -> Claim {
        Claim {
            sentence: doc_index(sentence),
            kind: ClaimKind::Relation,
            subject,
            predicate,
            object,
            quantity: None,
            time: None,
            speaker: None,
            speaker_named: false,
            place: None,
            org: None,
            cue: "".into(),
            polarity: Polarity::Asserted,
            hedged: false,
            start: 0,
            end: 0,
        }
    }

    /// Runs the linker; returns the surface each claim's subject links to.
    fn subjects(
        parts: &[(&str, &[(&str, EntityType)])],
        mut claims: Vec<Claim>,
    ) -> Vec<Option<String>> {
        let (sentences, mentions) = doc(parts);
        link_participants(&sentences, &mentions, &mut claims);
        claims
            .iter()
            .map(|c| {
                let m = c.subject.as_ref()?.mention()?;
                Some(mentions[m].surface(&sentences).to_string())
            })
            .collect()
    }

    const ORG: EntityType = EntityType::Org;
    const PERSON: EntityType = EntityType::Person;
    const PLACE: EntityType = EntityType::Place;

    fn named(surface: &str) -> Option<String> {
        Some(surface.to_string())
    }

    #[test]
    fn possessive_links_to_nearest_organisation_but_not_the_other_participant() {
        let parts: &[(&str, &[(&str, EntityType)])] = &[(
            "Analysts said Hezbollah relies on its alliance with Hamas.",
            &[("Hezbollah", ORG), ("Hamas", ORG)],
        )];
        let mut claim = relation(0, arg("its"), "ally with", None);
        claim.object = Some(Arg {
            text: "Hamas".into(),
            mention: Some(1),
        });
        assert_eq!(subjects(parts, vec![claim]), [named("Hezbollah")]);
    }

    #[test]
    fn apposition_beats_a_more_recent_organisation() {
        let parts: &[(&str, &[(&str, EntityType)])] = &[
            (
                "Boko Haram, the jihadist group, claimed the raid.",
                &[("Boko Haram", ORG)],
            ),
            (
                "The army said the Red Cross had left.",
                &[("Red Cross", ORG)],
            ),
            ("The jihadist group attacked a school.", &[]),
        ];
        let claims = vec![relation(2, arg("The jihadist group"), "attack", None)];
        assert_eq!(subjects(parts, claims), [named("Boko Haram")]);
    }

    #[test]
    fn description_before_a_name_is_remembered() {
        let parts: &[(&str, &[(&str, EntityType)])] = &[
            (
                "Officials blamed the separatist movement ETA for the blast.",
                &[("ETA", ORG)],
            ),
            ("Police in Madrid arrested two men.", &[("Madrid", PLACE)]),
            (
                "Another party, Sinn Fein, said nothing.",
                &[("Sinn Fein", ORG)],
            ),
            ("Later the separatist movement denied it.", &[]),
        ];
        let claims = vec![relation(3, arg("the separatist movement"), "deny", None)];
        assert_eq!(subjects(parts, claims), [named("ETA")]);
    }

    #[test]
    fn a_repeated_description_keeps_its_antecedent() {
        let parts: &[(&str, &[(&str, EntityType)])] = &[
            (
                "Globex rejected a bid from Acme Corp, Globex said.",
                &[("Globex", ORG), ("Acme Corp", ORG), ("Globex", ORG)],
            ),
            ("The company said the offer was too low.", &[]),
            ("Acme Corp did not comment.", &[("Acme Corp", ORG)]),
            ("The company later hired advisers.", &[]),
        ];
        let claims = vec![
            relation(1, arg("The company"), "say", None),
            relation(3, arg("The company"), "hire", None),
        ];
        // In the previous sentence the most mentioned organisation wins;
        // the repetition keeps that answer over the more recent name.
        assert_eq!(subjects(parts, claims), [named("Globex"), named("Globex")]);
    }

    #[test]
    fn pronouns_need_a_compatible_type_within_the_window() {
        let parts: &[(&str, &[(&str, EntityType)])] = &[
            ("Maria Silva met the mayor.", &[("Maria Silva", PERSON)]),
            ("Nothing was agreed.", &[]),
            ("The talks were long.", &[]),
            (
                "She left early, and Oxfam said it would return.",
                &[("Oxfam", ORG)],
            ),
        ];
        let claims = vec![
            relation(3, arg("She"), "leave", None),
            relation(3, arg("it"), "return", None),
            relation(1, arg("he"), "agree", None),
        ];
        // "She" is three sentences after the only person: out of the window.
        assert_eq!(
            subjects(parts, claims),
            [None, named("Oxfam"), named("Maria Silva")]
        );
    }

    #[test]
    fn gendered_pronoun_skips_a_name_of_the_other_gender() {
        let parts: &[(&str, &[(&str, EntityType)])] = &[(
            "Ms Okafor thanked Mr Brandt before she spoke.",
            &[("Ms Okafor", PERSON), ("Mr Brandt", PERSON)],
        )];
        let claims = vec![relation(0, arg("she"), "speak", None)];
        assert_eq!(subjects(parts, claims), [named("Ms Okafor")]);
        let parts: &[(&str, &[(&str, EntityType)])] = &[
            ("Mr Brandt was fined.", &[("Mr Brandt", PERSON)]),
            ("The woman was hurt.", &[]),
        ];
        let claims = vec![relation(1, arg("The woman"), "hurt", None)];
        assert_eq!(subjects(parts, claims), [None]);
    }

    #[test]
    fn unlisted_modifiers_and_plurals_are_not_descriptions() {
        let parts: &[(&str, &[(&str, EntityType)])] = &[
            ("Hamas fired rockets.", &[("Hamas", ORG)]),
            ("The rival group condemned it, and the groups met.", &[]),
        ];
        let claims = vec![
            relation(1, arg("The rival group"), "condemn", None),
            relation(1, arg("the groups"), "meet", None),
        ];
        assert_eq!(subjects(parts, claims), [None, None]);
    }

    #[test]
    fn place_heads_link_to_places_only() {
        let parts: &[(&str, &[(&str, EntityType)])] = &[
            ("Fighting in Yemen went on.", &[("Yemen", PLACE)]),
            (
                "Unicef sent aid to Yemen, where the war-torn country faces famine.",
                &[("Unicef", ORG), ("Yemen", PLACE)],
            ),
            ("Unicef said the city was cut off.", &[("Unicef", ORG)]),
        ];
        let claims = vec![
            relation(1, arg("the war-torn country"), "face", None),
            relation(2, arg("the city"), "cut", None),
        ];
        // A country is no antecedent for "the city".
        assert_eq!(subjects(parts, claims), [named("Yemen"), None]);
    }

    #[test]
    fn empty_subject_is_filled_from_a_clause_initial_description() {
        let parts: &[(&str, &[(&str, EntityType)])] = &[
            (
                "Mali blamed the militant group Ansar Dine for the attack.",
                &[("Mali", PLACE), ("Ansar Dine", ORG)],
            ),
            (
                "Officials in Niger insisted that the militant group “has no presence” there.",
                &[("Niger", PLACE)],
            ),
        ];
        let claims = vec![relation(1, None, "have presence", None)];
        assert_eq!(subjects(parts, claims), [named("Ansar Dine")]);
    }

    #[test]
    fn empty_subject_stays_empty_without_a_description_or_antecedent() {
        let parts: &[(&str, &[(&str, EntityType)])] = &[
            ("Rain fell in Oslo.", &[("Oslo", PLACE)]),
            ("Observers said that the group was gaining strength.", &[]),
            (
                "The Taliban deny a close relationship.",
                &[("Taliban", ORG)],
            ),
        ];
        let claims = vec![
            relation(1, None, "gain strength", None),
            relation(2, None, "have relationship", None),
        ];
        assert_eq!(subjects(parts, claims), [None, None]);
    }

    #[test]
    fn anaphors_are_recognised() {
        let parse = |text: &str| anaphor_of(text, &tokenize(text), false);
        assert!(matches!(parse("its"), Some(Anaphor::Pronoun(_))));
        assert_eq!(
            parse("the Afghan insurgent movement"),
            Some(Anaphor::Description {
                key: "afghan insurgent movement".into(),
                head: "movement".into(),
                entity_type: ORG
            })
        );
        assert_eq!(parse("the Group"), None);
        assert_eq!(parse("the group’s spokesman"), None);
        assert_eq!(parse("their money"), None);
        assert!(anaphor_of("its", &tokenize("its"), true).is_none());
    }

    #[test]
    fn regular_inflections_match_their_base() {
        for (word, base) in [
            ("gains", "gain"),
            ("gaining", "gain"),
            ("operates", "operate"),
            ("operated", "operate"),
            ("cutting", "cut"),
            ("carries", "carry"),
            ("presence", "presence"),
        ] {
            assert!(inflects(word, base), "{word} {base}");
        }
        assert!(!inflects("customs", "cut"));
        assert!(!inflects("gainsay", "gain"));
    }
}
