//! Name mentions in the sentences of one document.
//!
//! ```text
//! tokens ──▶ spans ──▶ typing ──▶ link
//! words      names     PERSON/…   short forms -> full names
//! ```
//!
//! [`find`] reads each sentence's words with their capitalisation, takes
//! runs of capitalised words with the particles and connectors names may
//! contain ("Abu Muhsin al Masri", "Department of the Treasury"), splits off
//! titles as roles ("Secretary of State" Mike Pompeo), drops sentence openers
//! and other capitalised non-names, types each name from cues, then links
//! short forms within the document ("Saleh" -> "Amrullah Saleh", "TTP" ->
//! "Tehrik-i-Taliban Pakistan"). Word lists come from [`crate::lexicon`].

mod link;
mod spans;
mod tokens;
mod typing;

use crate::lexicon;
use crate::model::{Mention, Sentence};
use std::collections::HashSet;
use tokens::{tokenize, Case, Token};

/// What is known about the whole document when reading one sentence.
pub(super) struct Doc {
    /// Words written in lower case somewhere in the document: a capitalised
    /// "Experts" at a sentence start is the word "experts".
    lower_words: HashSet<String>,
    /// Acronyms written in the document, without dots.
    acronyms: Vec<String>,
}

impl Doc {
    fn new(sentences: &[Sentence], tokens: &[Vec<Token>]) -> Doc {
        let mut lower_words = HashSet::new();
        let mut acronyms = Vec::new();
        for (sentence, tokens) in sentences.iter().zip(tokens) {
            for token in tokens {
                let word = &sentence.text[token.range.clone()];
                match token.case {
                    Case::Lower => {
                        lower_words.insert(word.to_string());
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
        let folded = lexicon::fold(word);
        let singular = folded.strip_suffix('s').unwrap_or(&folded);
        self.lower_words.contains(folded.as_ref()) || self.lower_words.contains(singular)
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
        .map(|(index, (sentence, tokens))| spans::SentenceView {
            index,
            text: &sentence.text,
            tokens,
            doc: &doc,
        })
        .collect();
    let candidates = headline_aware_candidates(&views);
    let items: Vec<link::Item> = candidates
        .into_iter()
        .map(|candidate| link::Item::new(&views[candidate.sentence], candidate))
        .collect();
    link::resolve(items, &views)
        .into_iter()
        .map(|item| {
            mention(
                &sentences[item.candidate.sentence],
                &views[item.candidate.sentence],
                item,
            )
        })
        .collect()
}

/// Candidates of every sentence; in headlines, only names the body of the
/// document also has, or places.
fn headline_aware_candidates(views: &[spans::SentenceView]) -> Vec<spans::Candidate> {
    let per_sentence: Vec<(bool, Vec<spans::Candidate>)> = views
        .iter()
        .map(|view| (spans::is_headline(view), spans::candidates(view)))
        .collect();
    let known: HashSet<String> = per_sentence
        .iter()
        .zip(views)
        .filter(|((headline, _), _)| !headline)
        .flat_map(|((_, candidates), view)| {
            candidates
                .iter()
                .map(move |c| spans::name_key(c.tokens.clone().map(|i| view.word(i))))
        })
        .collect();
    per_sentence
        .into_iter()
        .zip(views)
        .flat_map(|((headline, candidates), view)| {
            if headline {
                candidates
                    .iter()
                    .flat_map(|c| spans::known_parts(view, c, &known))
                    .collect()
            } else {
                candidates
            }
        })
        .collect()
}

fn mention(sentence: &Sentence, view: &spans::SentenceView, item: link::Item) -> Mention {
    let local = view.byte_range(item.candidate.tokens.clone());
    let (start, end) = sentence.char_range(local.clone());
    Mention {
        sentence: item.candidate.sentence,
        start,
        end,
        surface: item.surface,
        role: item
            .candidate
            .role
            .map(|role| sentence.text[role].to_string()),
        entity_type: item.typing.entity_type,
        refers_to: item.refers_to,
        evidence: item.typing.evidence,
        local,
    }
}
