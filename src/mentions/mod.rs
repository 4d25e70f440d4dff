//! Name mentions in the sentences of one document.
//!
//! ```text
//! tokens ──▶ spans ──▶ typing ──▶ link
//! words      names     PERSON/…   short forms -> full names
//! ```
//!
//! [`find`] reads each sentence's words with their capitalisation, takes
//! runs of capitalised words with the particles and connectors names may
//! contain ("Abu Bakr al Baghdadi", "Department of Justice"), splits off
//! titles as roles ("Secretary of State" Hillary Clinton), drops sentence openers
//! and other capitalised non-names, types each name from cues, then links
//! short forms within the document ("Merkel" -> "Angela Merkel", "MDC" ->
//! "Movement for Democratic Change"). Word lists come from [`crate::lexicon`].

mod link;
mod spans;
mod tokens;
mod typing;

use crate::lexicon;
use crate::model::{doc_index, Mention, Sentence};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;
use tokens::{tokenize, Case, Token};

/// What is known about the whole document when reading one sentence.
pub(super) struct Doc<'t> {
    /// Words written in lower case somewhere in the document: a capitalised
    /// "Experts" at a sentence start is the word "experts".
    lower_words: HashSet<&'t str>,
    /// Acronyms written in the document, without dots.
    acronyms: Vec<String>,
}

impl<'t> Doc<'t> {
    fn new(sentences: &'t [Sentence], tokens: &[Vec<Token>]) -> Doc<'t> {
        // Sized for the words at once: growing rehashes every word again.
        let words: usize = tokens.iter().map(Vec::len).sum();
        let mut lower_words = HashSet::with_capacity_and_hasher(words / 2, Default::default());
        let mut acronyms = Vec::new();
        for (sentence, tokens) in sentences.iter().zip(tokens) {
            for token in tokens {
                let word = &sentence.text[token.range.clone()];
                match token.case {
                    Case::Lower => {
                        lower_words.insert(word);
                    }
                    Case::Acronym => {
                        let key = link::acronym_key(word);
                        if !acronyms.contains(&key) {
                            acronyms.push(key);
                        }
                    }
                    Case::Capital | Case::Other => {}
                }
            }
        }
        Doc {
            lower_words,
            acronyms,
        }
    }

    /// True when the word, or its singular, is written in lower case elsewhere.
    fn seen_in_lower_case(&self, word: &str) -> bool {
        lexicon::with_folded(word, |folded| {
            let singular = folded.strip_suffix('s').unwrap_or(folded);
            self.lower_words.contains(folded) || self.lower_words.contains(singular)
        })
    }
}

/// Names in the sentences of one document, in text order. `Mention::sentence`
/// indexes `sentences`; `refers_to` indexes the returned list.
pub fn find(sentences: &[Sentence]) -> Vec<Mention> {
    let tokens: Vec<Vec<Token>> = sentences.iter().map(|s| tokenize(&s.text)).collect();
    let doc = Doc::new(sentences, &tokens);
    let views: Vec<spans::SentenceView> = sentences
        .iter()
        .zip(&tokens)
        .enumerate()
        .map(|(index, (sentence, tokens))| {
            spans::SentenceView::new(index, &sentence.text, tokens, &doc)
        })
        .collect();
    let candidates = headline_aware_candidates(&views);
    let mut word_ids = link::WordIds::default();
    let items: Vec<link::Item> = candidates
        .into_iter()
        .map(|candidate| link::Item::new(&views[candidate.sentence], candidate, &mut word_ids))
        .collect();
    let mut cursor = CharCursor::default();
    let mut evidence = SharedTexts::default();
    link::resolve(items, &views)
        .into_iter()
        .map(|item| {
            let sentence = &sentences[item.candidate.sentence];
            let view = &views[item.candidate.sentence];
            mention(sentence, view, item, &mut cursor, &mut evidence)
        })
        .collect()
}

/// Equal texts shared rather than repeated: a document's evidence comes
/// from a few templates, and every mention is kept for the whole run.
#[derive(Default)]
struct SharedTexts(HashSet<Arc<str>>);

impl SharedTexts {
    fn share(&mut self, text: &str) -> Arc<str> {
        if let Some(shared) = self.0.get(text) {
            return shared.clone();
        }
        let shared: Arc<str> = text.into();
        self.0.insert(shared.clone());
        shared
    }
}

/// Character offsets of byte positions met in text order, counted from the
/// last position rather than from the sentence start, so that a sentence
/// with many names costs its length once.
#[derive(Default)]
struct CharCursor {
    sentence: usize,
    byte: usize,
    chars: usize,
}

impl CharCursor {
    /// Character offset in the decoded input of byte `at` of `sentence`.
    fn char_at(&mut self, sentence: &Sentence, at: usize) -> usize {
        if self.sentence != sentence.index || at < self.byte {
            *self = CharCursor {
                sentence: sentence.index,
                ..CharCursor::default()
            };
        }
        self.chars += sentence.text[self.byte..at].chars().count();
        self.byte = at;
        sentence.char_start + self.chars
    }
}

/// Candidates of every sentence; in headlines, only names the body of the
/// document also has, or places.
fn headline_aware_candidates(views: &[spans::SentenceView]) -> Vec<spans::Candidate> {
    let per_sentence: Vec<(bool, Vec<spans::Candidate>)> = views
        .iter()
        .map(|view| (spans::is_headline(view), spans::candidates(view)))
        .collect();
    let known = known_names(&per_sentence, views);
    let mut out = Vec::new();
    for ((headline, candidates), view) in per_sentence.into_iter().zip(views) {
        if headline {
            out.extend(
                candidates
                    .iter()
                    .flat_map(|c| spans::known_parts(view, c, &known)),
            );
            continue;
        }
        for candidate in candidates {
            match spans::glued_parts(view, &candidate, &known) {
                Some(parts) => out.extend(parts),
                None => out.push(candidate),
            }
        }
    }
    out
}

/// What the body says are names, read only as far as some sentence asks:
/// headlines read names and words, body names of four words or more read
/// names ([`spans::glued_parts`]), and most documents have neither.
fn known_names<'a>(
    per_sentence: &[(bool, Vec<spans::Candidate>)],
    views: &'a [spans::SentenceView],
) -> spans::KnownNames<'a> {
    let headlines = per_sentence
        .iter()
        .any(|(headline, candidates)| *headline && !candidates.is_empty());
    let long_names = per_sentence
        .iter()
        .flat_map(|(_, candidates)| candidates)
        .any(|candidate| candidate.tokens.len() >= spans::GLUED_MIN_WORDS);
    let mut known = spans::KnownNames {
        names: HashMap::default(),
        words: HashSet::default(),
    };
    if !headlines && !long_names {
        return known;
    }
    for ((headline, candidates), view) in per_sentence.iter().zip(views) {
        for candidate in candidates.iter().filter(|_| !headline) {
            let words = || candidate.tokens.clone().map(|i| view.word(i));
            *known.names.entry(spans::name_key(words())).or_default() += 1;
            if headlines {
                known.words.extend(words().map(lexicon::fold));
            }
        }
    }
    known
}

fn mention(
    sentence: &Sentence,
    view: &spans::SentenceView,
    item: link::Item<'_>,
    cursor: &mut CharCursor,
    evidence: &mut SharedTexts,
) -> Mention {
    let local = view.byte_range(item.candidate.tokens.clone());
    let start = cursor.char_at(sentence, local.start);
    let end = cursor.char_at(sentence, local.end);
    Mention {
        sentence: doc_index(item.candidate.sentence),
        start: doc_index(start),
        end: doc_index(end),
        role_local: item
            .candidate
            .role
            .map_or(0..0, |role| doc_index(role.start)..doc_index(role.end)),
        entity_type: item.typing.entity_type,
        refers_to: item.refers_to.map(doc_index),
        evidence: evidence.share(&item.typing.evidence),
        local: doc_index(local.start)..doc_index(local.end),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ByteSpan, EntityType};
    use proptest::prelude::*;

    /// Sentences laid end to end, one space apart, as a segmenter would cut them.
    fn sentences(texts: &[&str]) -> Vec<Sentence> {
        let mut out = Vec::new();
        let (mut byte, mut char_start) = (0, 0);
        for (index, text) in texts.iter().enumerate() {
            out.push(Sentence {
                index,
                paragraph: 0,
                span: ByteSpan::new(byte, byte + text.len()),
                char_start,
                text: text.to_string(),
            });
            byte += text.len() + 1;
            char_start += text.chars().count() + 1;
        }
        out
    }

    /// A mention found, with its surface and role read from its sentence.
    #[derive(Debug)]
    struct Found {
        surface: String,
        role: Option<String>,
        mention: Mention,
    }

    impl std::ops::Deref for Found {
        type Target = Mention;

        fn deref(&self) -> &Mention {
            &self.mention
        }
    }

    fn find_in(texts: &[&str]) -> Vec<Found> {
        let sentences = sentences(texts);
        find(&sentences)
            .into_iter()
            .map(|mention| Found {
                surface: mention.surface(&sentences).to_string(),
                role: mention.role(&sentences).map(str::to_string),
                mention,
            })
            .collect()
    }

    fn surfaces(texts: &[&str]) -> Vec<String> {
        find_in(texts).into_iter().map(|m| m.surface).collect()
    }

    fn get<'m>(mentions: &'m [Found], surface: &str) -> &'m Found {
        mentions
            .iter()
            .find(|m| m.surface == surface)
            .unwrap_or_else(|| panic!("no mention {surface:?} in {mentions:#?}"))
    }

    #[test]
    fn names_keep_their_particles_and_connectors() {
        let found = surfaces(&[
            "Abu Muhsin al Masri and Ayman al-Zawahiri met Ludwig van Beethoven.",
            "The Department of the Treasury and the Bank of America agreed.",
        ]);
        assert_eq!(
            found,
            [
                "Abu Muhsin al Masri",
                "Ayman al-Zawahiri",
                "Ludwig van Beethoven",
                "Department of the Treasury",
                "Bank of America"
            ]
        );
    }

    #[test]
    fn connectors_join_only_with_evidence() {
        let found = surfaces(&["Biden in the White House met Smith and Jones."]);
        assert_eq!(found, ["Biden", "White House", "Smith", "Jones"]);
        let mentions = find_in(&["Al Qaeda in the Indian Subcontinent (AQIS) grew."]);
        let long = get(&mentions, "Al Qaeda in the Indian Subcontinent");
        assert_eq!(long.entity_type, EntityType::Org);
        assert_eq!(get(&mentions, "AQIS").refers_to, Some(0));
    }

    #[test]
    fn acronyms_with_reordered_letters_point_at_their_definition() {
        let mentions = find_in(&[
            "Tehrik-i-Taliban Pakistan (TTP) and Al Qaeda in the Indian Subcontinent (AQSI) attacked.",
            "Later the TTP denied it.",
        ]);
        let ttp: Vec<_> = mentions.iter().filter(|m| m.surface == "TTP").collect();
        assert!(ttp.iter().all(|m| m.refers_to == Some(0)), "{mentions:#?}");
        assert_eq!(
            get(&mentions, "Tehrik-i-Taliban Pakistan").entity_type,
            EntityType::Org
        );
        let aqsi = get(&mentions, "AQSI").refers_to().expect("AQSI linked");
        assert_eq!(
            mentions[aqsi].surface,
            "Al Qaeda in the Indian Subcontinent"
        );
    }

    #[test]
    fn acronyms_link_to_a_spelled_out_name_elsewhere_in_the_document() {
        let mentions = find_in(&["The United Nations met in Geneva.", "A UN report followed."]);
        let un = get(&mentions, "UN");
        assert_eq!(un.refers_to, Some(0));
        assert_eq!(un.entity_type, EntityType::Org);
    }

    #[test]
    fn all_caps_acronyms_are_names_but_shouted_lines_are_not() {
        let mentions = find_in(&["NATO and the CIA met.", "VISIT OF THE DELEGATION TO FRANCE"]);
        let found: Vec<(&str, EntityType)> = mentions
            .iter()
            .map(|m| (m.surface.as_str(), m.entity_type))
            .collect();
        assert_eq!(
            found,
            [
                ("NATO", EntityType::Org),
                ("CIA", EntityType::Org),
                ("FRANCE", EntityType::Place)
            ]
        );
    }

    #[test]
    fn possessives_are_not_part_of_the_name() {
        let found = surfaces(&["Trump's aides met the Taliban\u{2019}s envoy and Macron's staff."]);
        assert_eq!(found, ["Trump", "Taliban", "Macron"]);
    }

    #[test]
    fn titles_become_roles() {
        let mentions = find_in(&[
            "Secretary of State Mike Pompeo met NATO Secretary General Jens Stoltenberg.",
            "Afghanistan's First Vice President Amrullah spoke to Prime Minister Boris Johnson.",
            "Former President Barack Obama and Mullah Abdul Ghani Baradar, said spokesman Zabihullah Mujahid.",
        ]);
        let role = |surface: &str| get(&mentions, surface).role.clone().unwrap_or_default();
        let role = |surface: &str| role(surface).to_string();
        assert_eq!(role("Mike Pompeo"), "Secretary of State");
        assert_eq!(role("Jens Stoltenberg"), "Secretary General");
        assert_eq!(get(&mentions, "NATO").entity_type, EntityType::Org);
        assert_eq!(get(&mentions, "Afghanistan").entity_type, EntityType::Place);
        assert_eq!(role("Amrullah"), "First Vice President");
        assert_eq!(get(&mentions, "Amrullah").entity_type, EntityType::Person);
        assert_eq!(role("Boris Johnson"), "Prime Minister");
        assert_eq!(role("Barack Obama"), "Former President");
        assert_eq!(role("Abdul Ghani Baradar"), "Mullah");
        assert_eq!(role("Zabihullah Mujahid"), "spokesman");
    }

    #[test]
    fn title_words_inside_organisation_names_stay() {
        let found = surfaces(&["General Motors and the Justice Department sued."]);
        assert_eq!(found, ["General Motors", "Justice Department"]);
    }

    #[test]
    fn sentence_openers_and_page_furniture_are_not_names() {
        let found = surfaces(&[
            "However, the talks failed.",
            "According to officials, Experts disagree.",
            "Buy now",
            "Related Articles",
            "On Monday the Egyptian Ayman al Zawahiri spoke.",
        ]);
        assert_eq!(found, ["Ayman al Zawahiri"]);
    }

    #[test]
    fn hyphenated_compounds_of_places_split() {
        let mentions = find_in(&[
            "The Afghanistan-Pakistan border and U.S.-backed forces near Guinea-Bissau.",
        ]);
        let found: Vec<&str> = mentions.iter().map(|m| m.surface.as_str()).collect();
        assert_eq!(found, ["Afghanistan", "Pakistan", "U.S.", "Guinea-Bissau"]);
        assert!(mentions.iter().all(|m| m.entity_type == EntityType::Place));
    }

    #[test]
    fn hyphenated_and_transliterated_names_are_whole() {
        let mentions = find_in(&["Edmund Fitton-Brown met Amuralá Salé and Jean-Claude Juncker."]);
        let found: Vec<&str> = mentions.iter().map(|m| m.surface.as_str()).collect();
        assert_eq!(
            found,
            ["Edmund Fitton-Brown", "Amuralá Salé", "Jean-Claude Juncker"]
        );
        assert!(mentions.iter().all(|m| m.entity_type == EntityType::Person));
    }

    #[test]
    fn short_forms_link_to_the_full_name() {
        let mentions = find_in(&[
            "Amrullah Saleh met Donald Trump in Kabul.",
            "Saleh said Mr Trump agreed, and Amrullah left.",
        ]);
        let full = |surface: &str| {
            let target = get(&mentions, surface).refers_to().expect("linked");
            mentions[target].surface.clone()
        };
        assert_eq!(full("Saleh"), "Amrullah Saleh");
        assert_eq!(full("Amrullah"), "Amrullah Saleh");
        assert_eq!(full("Mr Trump"), "Donald Trump");
        assert_eq!(get(&mentions, "Saleh").entity_type, EntityType::Person);
    }

    #[test]
    fn a_place_named_like_a_surname_links_only_when_it_speaks() {
        let mentions = find_in(&[
            "Douglas London flew to London.",
            "The risk is real, said London.",
        ]);
        let cities: Vec<&Found> = mentions.iter().filter(|m| m.surface == "London").collect();
        assert_eq!(cities[0].entity_type, EntityType::Place);
        assert_eq!(cities[0].refers_to, None);
        assert_eq!(cities[1].entity_type, EntityType::Person);
        assert_eq!(cities[1].refers_to, Some(0));
    }

    #[test]
    fn types_come_from_cues_and_are_shared_within_the_document() {
        let mentions = find_in(&[
            "Taliban fighters entered Kunduz.",
            "The Haqqani Network and the Doha Agreement were discussed by Hezbollah members.",
        ]);
        let kind = |surface: &str| get(&mentions, surface).entity_type;
        assert_eq!(kind("Taliban"), EntityType::Org);
        assert_eq!(kind("Kunduz"), EntityType::Place);
        assert_eq!(kind("Haqqani Network"), EntityType::Org);
        assert_eq!(kind("Doha Agreement"), EntityType::Other);
        assert_eq!(kind("Hezbollah"), EntityType::Org);
        assert!(get(&mentions, "Kunduz").evidence.contains("gazetteer"));
    }

    #[test]
    fn headlines_yield_only_names_the_body_confirms() {
        let found = surfaces(&[
            "UN Report Says Al-Qaeda Rebuilds Training Camps",
            "Al-Qaeda has rebuilt camps in Helmand.",
        ]);
        assert_eq!(found, ["UN", "Al-Qaeda", "Al-Qaeda", "Helmand"]);
    }

    #[test]
    fn short_title_case_headlines_lose_their_verbs() {
        let found = surfaces(&[
            "Rovers Appoint Gareth Llewellyn as Manager",
            "Gareth Llewellyn was introduced at the stadium.",
            "Llewellyn, who played for Rovers for ten seasons, replaces Tom Abernathy.",
        ]);
        assert_eq!(
            found,
            [
                "Rovers",
                "Gareth Llewellyn",
                "Gareth Llewellyn",
                "Llewellyn",
                "Rovers",
                "Tom Abernathy"
            ]
        );
        let found = surfaces(&[
            "Contoso Ships Urgent Update for Fabrikam Browser",
            "Contoso said the flaw in Fabrikam Browser was serious.",
        ]);
        assert_eq!(
            found,
            ["Contoso", "Fabrikam Browser", "Contoso", "Fabrikam Browser"]
        );
    }

    #[test]
    fn headline_verbs_are_cut_but_known_names_holding_them_stay() {
        let mentions = find_in(&[
            "Dismissed Coach Pavel Novak Blames Board",
            "Pavel Novak said the board failed him.",
        ]);
        let found: Vec<&str> = mentions.iter().map(|m| m.surface.as_str()).collect();
        assert_eq!(found, ["Pavel Novak", "Pavel Novak"]);
        let found = surfaces(&[
            "Wins Fund Backs New Clinic",
            "The Wins Fund said the clinic would open soon.",
        ]);
        assert_eq!(found, ["Wins Fund", "Wins Fund"]);
    }

    #[test]
    fn a_past_verb_before_a_name_is_not_part_of_it() {
        let found = surfaces(&[
            "RIVERSIDE ROVERS Fired Tom Abernathy, coach. Named Pavel Novak coach.",
            "Sayed Hassan spoke for the United Nations and Acme Limited.",
        ]);
        assert_eq!(
            found,
            [
                "RIVERSIDE ROVERS",
                "Tom Abernathy",
                "Pavel Novak",
                "Sayed Hassan",
                "United Nations",
                "Acme Limited"
            ]
        );
    }

    #[test]
    fn a_weekday_after_a_name_is_not_part_of_it() {
        let mentions = find_in(&[
            "The club dismissed coach Pavel Novak Saturday after a poor start.",
            "Contoso Wednesday released a patch, ahead of Patch Tuesday next month.",
        ]);
        let found: Vec<&str> = mentions.iter().map(|m| m.surface.as_str()).collect();
        assert_eq!(found, ["Pavel Novak", "Contoso", "Patch Tuesday"]);
        assert_eq!(
            get(&mentions, "Patch Tuesday").entity_type,
            EntityType::Other
        );
    }

    #[test]
    fn numbered_words_continue_a_name_but_ordinals_do_not() {
        let found = surfaces(&[
            "The San Francisco 49ers beat Denver on March 25th.",
            "Vienna 1990s nostalgia sold well, and 49ers fans cheered.",
        ]);
        assert_eq!(found, ["San Francisco 49ers", "Denver", "Vienna"]);
    }

    #[test]
    fn names_glued_together_split_where_the_document_writes_them_apart() {
        let found = surfaces(&[
            "Riverside Rovers FW Tom Abernathy is out for the season.",
            "Riverside Rovers said forward Tom Abernathy hurt his knee.",
            "Union Bank of Commerce Holdings rose.",
        ]);
        assert_eq!(
            found,
            [
                "Riverside Rovers",
                "Tom Abernathy",
                "Riverside Rovers",
                "Tom Abernathy",
                "Union Bank of Commerce Holdings"
            ]
        );
    }

    #[test]
    fn quoted_nicknames_sit_inside_the_name() {
        let found = surfaces(&[
            "Police arrested Joaquin \"El Chapo\" Guzman and Salvatore \u{201C}Sammy the Bull\u{201D} Gravano.",
            "Guzman, known as \"the boss\", said \"Hamas\" Leaders lied.",
            "Kofi 'The Lion' Mensah and Carlos 'Jackal' spoke.",
        ]);
        assert_eq!(
            found,
            [
                "Joaquin \"El Chapo\" Guzman",
                "Salvatore \u{201C}Sammy the Bull\u{201D} Gravano",
                "Guzman",
                "Hamas",
                "Kofi 'The Lion' Mensah",
                "Carlos",
                "Jackal"
            ]
        );
    }

    #[test]
    fn sentence_initial_adverbs_do_not_open_names() {
        let found = surfaces(&[
            "Typically Contoso releases fixes monthly.",
            "Reportedly Gaddafi fled south.",
            "Separately, Hamas rejected the plan.",
            "Kelly Brennan and Beverly Stone disagreed.",
        ]);
        assert_eq!(
            found,
            [
                "Contoso",
                "Gaddafi",
                "Hamas",
                "Kelly Brennan",
                "Beverly Stone"
            ]
        );
    }

    #[test]
    fn a_brand_alone_is_not_the_given_name_of_its_products() {
        let mentions = find_in(&[
            "Contoso said Contoso released Contoso Writer and Contoso Update today.",
            "Contoso declined to comment.",
        ]);
        assert!(
            mentions.iter().all(|m| m.refers_to.is_none()),
            "{mentions:#?}"
        );
        let contoso_writer = get(&mentions, "Contoso Writer");
        assert_eq!(contoso_writer.entity_type, EntityType::Org);
        assert!(contoso_writer.evidence.contains("written alone before"));
        let mentions = find_in(&[
            "Angela Merkel met Hamas envoys.",
            "Merkel spoke first, and Angela left early.",
        ]);
        let angela = get(&mentions, "Angela")
            .refers_to()
            .expect("given name linked");
        assert_eq!(mentions[angela].surface, "Angela Merkel");
        assert_eq!(mentions[angela].entity_type, EntityType::Person);
    }

    #[test]
    fn names_with_no_word_to_link_by_do_not_panic() {
        // Found by the property test: a name left with no word to link by.
        let _ = find_in(&["mX\u{FFFC}"]);
    }

    #[test]
    fn offsets_are_characters_into_the_document() {
        let texts = [
            "Ünïcödé «quotes» here.",
            "Then Amuralá Salé arrived in Doha.",
        ];
        let document = texts.join(" ");
        for mention in find_in(&texts) {
            let cited: String = document
                .chars()
                .skip(mention.start as usize)
                .take((mention.end - mention.start) as usize)
                .collect();
            assert_eq!(cited, mention.surface);
        }
    }

    proptest! {
        #[test]
        fn find_never_panics_and_offsets_agree(
            texts in proptest::collection::vec("\\PC{0,80}|[A-Z][a-z]{1,6}( (al|of the|[A-Z][a-z]{0,5}|[A-Z]{2,4}|’s|-[a-zA-Z]{1,4}|\\(|\\)|,)){0,8}", 1..4)
        ) {
            let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
            let sentences = sentences(&texts);
            let mentions = find(&sentences);
            for (i, m) in mentions.iter().enumerate() {
                let sentence = &sentences[m.sentence()];
                let cited = sentence.char_range(m.local_bytes());
                prop_assert_eq!(cited, (m.start as usize, m.end as usize));
                prop_assert!(!m.surface(&sentences).is_empty());
                prop_assert!(m.refers_to().is_none_or(|r| r < mentions.len() && r != i));
            }
        }
    }
}
