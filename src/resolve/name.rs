//! A name prepared for comparison: folded to lowercase ASCII across scripts,
//! split into tokens that know whether they are particles or function
//! words, each with a phonetic key for transliteration variants.

use super::words;
use unicode_normalization::UnicodeNormalization;
use unicode_security::MixedScript;

/// What a token contributes to a name's identity.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Role {
    /// Carries identity ("qaeda", "saleh").
    Core,
    /// A particle ("al", "bin", izafe "i"): kept, ignored for identity.
    Particle,
    /// A function word ("of", "the"): kept for acronyms, ignored for identity.
    Function,
    /// A leading form of address ("Mr", "Mrs"): not part of the name.
    Address,
    /// Given names that a quoted nickname after them replaces ("Luis" of
    /// `Luis "Lucho" Ortega`, known as Lucho Ortega): kept, ignored for
    /// identity.
    Replaced,
}

/// One token of a name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The token as written (one word of the surface).
    pub written: String,
    /// Lowercase ASCII transliteration.
    pub folded: String,
    /// Phonetic key of `folded` ([`phonetic_key`]).
    pub key: String,
    /// What it contributes.
    pub role: Role,
}

/// A surface form prepared for matching.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Name {
    /// As written.
    pub surface: String,
    /// Tokens in order.
    pub tokens: Vec<Token>,
    /// The folded tokens joined by single spaces ([`Name::key`]).
    folded: String,
    /// Uppercase letters when the surface is an acronym ("IAEA", "U.N.").
    pub acronym: Option<String>,
    /// The surface mixes scripts (a homoglyph attack or a typing accident).
    pub mixed_script: bool,
}

impl Name {
    /// Prepares a surface form.
    pub fn new(surface: &str) -> Name {
        let surface = surface.trim();
        let mixed_script = !surface.is_single_script();
        let mut tokens: Vec<Token> = Vec::new();
        for written in split_words(surface) {
            let unconfused: String = if mixed_script {
                unicode_security::skeleton(written).collect()
            } else {
                written.to_string()
            };
            for folded in fold(&unconfused).split(' ').filter(|t| !t.is_empty()) {
                tokens.push(Token {
                    written: written.to_string(),
                    folded: folded.to_string(),
                    key: phonetic_key(folded),
                    role: Role::Core,
                });
            }
        }
        assign_roles(&mut tokens);
        let folded: Vec<&str> = tokens
            .iter()
            .filter(|t| !matches!(t.role, Role::Address | Role::Replaced))
            .map(|t| t.folded.as_str())
            .collect();
        Name {
            folded: folded.join(" "),
            acronym: acronym_letters(surface),
            surface: surface.to_string(),
            tokens,
            mixed_script,
        }
    }

    /// The folded tokens joined by single spaces: equal keys mean the same
    /// name up to case, diacritics, script, hyphens, punctuation and a
    /// form of address ("Mr Obama" / "Obama").
    pub fn key(&self) -> &str {
        &self.folded
    }

    /// Tokens that carry identity.
    pub fn core(&self) -> impl Iterator<Item = &Token> + '_ {
        self.tokens.iter().filter(|t| t.role == Role::Core)
    }

    /// Number of identity-carrying tokens.
    pub fn core_len(&self) -> usize {
        self.core().count()
    }

    /// The core tokens written together, for spacing variants
    /// ("Abdulrahman" / "Abdul Rahman").
    pub fn core_joined(&self) -> String {
        self.core().map(|t| t.folded.as_str()).collect()
    }

    /// Initials a long form can be abbreviated to: every word, without
    /// function words, and without function words and particles. Hyphenated
    /// parts count as words ("al-Shabaab" gives A and S).
    pub fn initials(&self) -> Vec<String> {
        let pick = |keep: &dyn Fn(&Token) -> bool| -> String {
            self.tokens
                .iter()
                .filter(|t| keep(t))
                .filter_map(|t| t.folded.chars().next())
                .collect::<String>()
                .to_ascii_uppercase()
        };
        let mut all = vec![
            pick(&|t| t.role != Role::Address),
            pick(&|t| t.role != Role::Function),
            pick(&|t| t.role == Role::Core),
        ];
        all.retain(|i| i.len() >= 2);
        all.sort();
        all.dedup();
        all
    }

    /// True when the surface is written in ASCII.
    pub fn is_ascii(&self) -> bool {
        self.surface.is_ascii()
    }
}

/// NFKC, transliteration to Latin, lowercase; apostrophes and dots vanish
/// ("U.S." -> "us", "Mu'tasim" -> "mutasim"), other punctuation separates
/// words.
pub fn fold(text: &str) -> String {
    let mut latin = String::with_capacity(text.len());
    for c in text.nfkc() {
        if is_silent(c) {
            continue;
        }
        if c.is_ascii() {
            latin.push(c);
        } else {
            latin.push_str(deunicode::deunicode_char(c).unwrap_or(" "));
        }
    }
    let mut out = String::with_capacity(latin.len());
    for c in latin.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !is_silent(c) && !out.ends_with(' ') && !out.is_empty() {
            out.push(' ');
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// Characters dropped without separating words: apostrophes, Arabic
/// ayn/hamza transliteration marks, dots of abbreviations.
fn is_silent(c: char) -> bool {
    crate::lexicon::is_invisible(c)
        || matches!(
            c,
            '\'' | '\u{2019}'
                | '\u{2018}'
                | '\u{02BC}'
                | '\u{02BB}'
                | '\u{02BF}'
                | '\u{02BE}'
                | '`'
                | '.'
        )
}

/// Words of a surface: split on whitespace and hyphens, keeping each word
/// as written.
fn split_words(surface: &str) -> impl Iterator<Item = &str> {
    surface
        .split(|c: char| c.is_whitespace() || is_hyphen(c) || c == '/' || c == ',')
        .filter(|w| !w.is_empty())
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}' | '_')
}

/// Particles and function words are only such between other words: a
/// one-word name is always core ("Al" the person), and a lone initial
/// ("E. Smith") is not the izafe "e".
fn assign_roles(tokens: &mut [Token]) {
    let last = tokens.len().saturating_sub(1);
    for i in 0..tokens.len() {
        let t = &tokens[i].folded;
        let role = if i == 0 && i < last && crate::lexicon::is_address_form(&tokens[i].written) {
            Role::Address
        } else if tokens.len() == 1 || i == last {
            Role::Core
        } else if words::is_function_word(t) && i > 0 {
            Role::Function
        } else if words::is_particle(t) && (t.len() > 1 || i > 0) {
            Role::Particle
        } else {
            Role::Core
        };
        tokens[i].role = role;
    }
    if tokens.iter().all(|t| t.role != Role::Core) {
        for t in tokens.iter_mut() {
            t.role = Role::Core;
        }
    }
    if let Some(nickname) = quoted_nickname(tokens) {
        for t in &mut tokens[..nickname] {
            if t.role == Role::Core {
                t.role = Role::Replaced;
            }
        }
    }
}

/// The first token of a quoted nickname between given names and a
/// surname (`Luis "Lucho" Ortega`, `Joaquin "El Chapo" Guzman`).
fn quoted_nickname(tokens: &[Token]) -> Option<usize> {
    const OPENING: &[char] = &['"', '\u{201C}', '\u{201E}', '\u{00AB}'];
    const CLOSING: &[char] = &['"', '\u{201D}', '\u{00BB}'];
    let start = tokens
        .iter()
        .position(|t| t.written.starts_with(OPENING))
        .filter(|&s| s > 0)?;
    let end = (start..tokens.len()).find(|&i| tokens[i].written.ends_with(CLOSING))?;
    (end + 1 < tokens.len()).then_some(start)
}

/// The letters of an acronym: one word of 2 to 8 capitals, dots allowed
/// ("NATO", "U.N."), a trailing "s" of a plural not.
fn acronym_letters(surface: &str) -> Option<String> {
    let letters: String = surface.chars().filter(|c| *c != '.').collect();
    let count = letters.chars().count();
    let is_acronym = (2..=8).contains(&count)
        && letters
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit())
        && letters.chars().any(char::is_alphabetic);
    is_acronym.then(|| fold(&letters).to_ascii_uppercase())
}

/// A phonetic key for names transliterated from scripts that write few
/// vowels: digraphs fold (ph/f, kh/k, dh/d, th/t, sh/s, tch/ch, x/ks), the
/// letters for Arabic qaf fold to k (q/g/k: Qaddafi/Gaddafi), c/k, w/v,
/// a w closing a vowel is a vowel (Awlaki/Aulaqi),
/// a final h after a vowel drops (Hamzah/Hamza), an initial vowel becomes
/// `a` (Osama/Usama), later vowels and `y` drop, doubled letters collapse
/// (Abdullah/Abdala -> `abdl`; Naim/Naeem -> `nm`; Qadhafi/Gaddafi -> `kdf`).
pub fn phonetic_key(folded: &str) -> String {
    let mut s = folded.to_string();
    for (from, to) in [
        ("tch", "ch"),
        ("x", "ks"),
        ("ph", "f"),
        ("kh", "k"),
        ("gh", "g"),
        ("dh", "d"),
        ("th", "t"),
        ("sh", "s"),
        ("ch", "c"),
        ("dj", "j"),
        ("ck", "k"),
    ] {
        if s.contains(from) {
            s = s.replace(from, to);
        }
    }
    let chars: Vec<char> = s.chars().collect();
    let is_vowel = |c: char| matches!(c, 'a' | 'e' | 'i' | 'o' | 'u' | 'y');
    let mut key = String::with_capacity(chars.len());
    for (i, &c) in chars.iter().enumerate() {
        let after_vowel = i > 0 && is_vowel(chars[i - 1]);
        let before_vowel = chars.get(i + 1).is_some_and(|&next| is_vowel(next));
        let mapped = match c {
            'q' | 'c' | 'g' => 'k',
            'w' if after_vowel && !before_vowel => continue,
            'w' => 'v',
            'h' if i == chars.len() - 1 && i > 0 && is_vowel(chars[i - 1]) => continue,
            c if is_vowel(c) && i == 0 => 'a',
            c if is_vowel(c) => continue,
            c => c,
        };
        if !key.ends_with(mapped) {
            key.push(mapped);
        }
    }
    key
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(surface: &str) -> Vec<String> {
        Name::new(surface).core().map(|t| t.key.clone()).collect()
    }

    #[test]
    fn invisible_characters_vanish() {
        assert_eq!(fold("Tali\u{200b}ban"), "taliban");
        assert_eq!(fold("\u{202e}Acme\u{202c} Group"), "acme group");
    }

    #[test]
    fn folds_diacritics_scripts_and_punctuation() {
        assert_eq!(fold("Amuralá Salé"), "amurala sale");
        assert_eq!(fold("U.S."), "us");
        assert_eq!(fold("Владимир Путин"), "vladimir putin");
        assert_eq!(fold("Trump’s"), "trumps");
        assert_eq!(fold("ＡＢＣ"), "abc");
    }

    #[test]
    fn hyphen_space_and_article_variants_share_a_key() {
        let key = Name::new("al-Qaeda").key().to_string();
        assert_eq!(Name::new("Al Qaeda").key(), key);
        assert_eq!(Name::new("al Qaeda").key(), key);
        assert_eq!(
            Name::new("Tehrik-e Taliban").key(),
            Name::new("Tehrik e Taliban").key()
        );
    }

    #[test]
    fn phonetic_keys_absorb_transliteration_variation() {
        assert_eq!(keys("Amrullah Saleh"), keys("Amuralá Salé"));
        assert_eq!(keys("Naim"), keys("Naeem"));
        assert_eq!(keys("Qaeda"), keys("Qaida"));
        assert_eq!(keys("Osama"), keys("Usama"));
        assert_eq!(keys("Mohammad"), keys("Muhammed"));
        assert_eq!(keys("Yousuf"), keys("Yusuf"));
        assert_eq!(keys("Mustapha"), keys("Mustafa"));
        assert_eq!(keys("Gaddafi"), keys("Qaddafi"));
        assert_eq!(keys("Awlaki"), keys("Aulaqi"));
        assert_eq!(keys("Alexei"), keys("Aleksei"));
        assert_eq!(keys("Tchaikovsky"), keys("Chaikovsky"));
        assert_ne!(keys("Iran"), keys("Iraq"));
        assert_ne!(keys("Austria"), keys("Australia"));
    }

    #[test]
    fn a_quoted_nickname_replaces_the_given_names_before_it() {
        let full = Name::new("Luis Gerardo \"Lucho\" Ortega");
        assert_eq!(full.key(), Name::new("Lucho Ortega").key());
        assert_eq!(full.core_joined(), Name::new("Lucho Ortega").core_joined());
        let two_words = Name::new("Joaquin \u{201C}El Chapo\u{201D} Guzman");
        assert_eq!(two_words.key(), Name::new("El Chapo Guzman").key());
        // A quoted name alone, or a quote closing the name, is no nickname.
        assert_eq!(Name::new("\"Lucho\" Ortega").key(), "lucho ortega");
        assert_eq!(Name::new("Luis \"Lucho\"").key(), "luis lucho");
    }

    #[test]
    fn particles_and_function_words_are_not_core() {
        let name = Name::new("Al Qaeda in the Indian Subcontinent");
        let core: Vec<&str> = name.core().map(|t| t.folded.as_str()).collect();
        assert_eq!(core, ["qaeda", "indian", "subcontinent"]);
        let izafe = Name::new("Tehrik-i-Taliban Pakistan");
        assert_eq!(izafe.core_len(), 3);
        assert_eq!(Name::new("Al").core_len(), 1);
        assert_eq!(Name::new("Mr Trump").key(), "trump");
        assert_eq!(Name::new("Mr Trump").core_len(), 1);
    }

    #[test]
    fn initials_with_and_without_function_words() {
        let initials = Name::new("al-Qaeda in the Indian Subcontinent").initials();
        assert!(initials.contains(&"AQIS".to_string()), "{initials:?}");
        assert!(initials.contains(&"AQITIS".to_string()));
        assert_eq!(Name::new("United Nations").initials(), ["UN"]);
    }

    #[test]
    fn acronyms_are_capitals_with_optional_dots() {
        assert_eq!(Name::new("U.N.").acronym.as_deref(), Some("UN"));
        assert_eq!(Name::new("AQSI").acronym.as_deref(), Some("AQSI"));
        assert_eq!(Name::new("Kabul").acronym, None);
        assert_eq!(Name::new("A").acronym, None);
    }

    #[test]
    fn mixed_scripts_are_flagged_and_unconfused() {
        // A Cyrillic "а" inside a Latin name.
        let name = Name::new("T\u{0430}liban");
        assert!(name.mixed_script);
        assert_eq!(name.key(), "taliban");
    }
}
