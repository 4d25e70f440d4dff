//! Mention detection on the sample corpus, through the library API
//! (mentions.csv is written by the resolution stage).

use crate::support::seeds;
use crosscheck::{analyze_document, ingest, Config, DocAnalysis, EntityType, Mention};

/// The analysed sample document whose id starts with `prefix`.
fn seed(prefix: &str) -> DocAnalysis {
    let config = Config::default();
    let inputs = ingest::inputs(&[seeds()]).expect("listing data/seeds");
    let doc = inputs
        .iter()
        .flat_map(|input| ingest::read(input, &config.ingest))
        .filter_map(Result::ok)
        .find(|doc| doc.doc_id.starts_with(prefix))
        .expect("sample document");
    analyze_document(doc)
}

fn mention<'d>(doc: &'d DocAnalysis, surface: &str) -> &'d Mention {
    doc.mentions
        .iter()
        .find(|m| m.surface(&doc.sentences) == surface)
        .unwrap_or_else(|| panic!("{surface:?} not found in {}", doc.record.doc_id))
}

fn full_name<'d>(doc: &'d DocAnalysis, surface: &str) -> &'d str {
    let target = mention(doc, surface)
        .refers_to()
        .expect("short form is linked");
    doc.mentions[target].surface(&doc.sentences)
}

#[test]
fn titles_are_roles_and_the_name_is_the_surface() {
    let doc = seed("004");
    let pompeo = mention(&doc, "Mike Pompeo");
    assert!(pompeo
        .role(&doc.sentences)
        .unwrap_or("")
        .contains("Secretary of State"));
    assert_eq!(pompeo.entity_type, EntityType::Person);
    let stoltenberg = mention(&doc, "Jens Stoltenberg");
    assert_eq!(stoltenberg.role(&doc.sentences), Some("Secretary General"));
    assert_eq!(full_name(&doc, "Stoltenberg"), "Jens Stoltenberg");
    assert_eq!(mention(&doc, "NATO").entity_type, EntityType::Org);
}

#[test]
fn a_given_name_with_a_title_is_a_person() {
    let doc = seed("002");
    let amrullah = mention(&doc, "Amrullah");
    assert_eq!(amrullah.role(&doc.sentences), Some("First Vice President"));
    assert_eq!(amrullah.entity_type, EntityType::Person);
    assert_eq!(
        mention(&doc, "Abdul Hakim Sharaee").role(&doc.sentences),
        Some("Mawlawi")
    );
}

#[test]
fn acronyms_point_at_their_parenthetical_definition() {
    let doc = seed("000");
    assert_eq!(full_name(&doc, "TTP"), "Tehrik-i-Taliban Pakistan");
    assert_eq!(
        full_name(&doc, "AQSI"),
        "Al Qaeda in the Indian Subcontinent"
    );
    assert_eq!(
        mention(&doc, "Tehrik-i-Taliban Pakistan").entity_type,
        EntityType::Org
    );
    let doc = seed("002");
    assert_eq!(
        full_name(&doc, "AQIS"),
        "al-Qaeda in the Indian Subcontinent"
    );
}

#[test]
fn short_forms_link_within_the_document() {
    let doc = seed("001");
    assert_eq!(full_name(&doc, "Mr Trump"), "Donald Trump");
    let doc = seed("000");
    assert_eq!(full_name(&doc, "Fitton-Brown"), "Edmund Fitton-Brown");
    assert_eq!(full_name(&doc, "Al Masri"), "Abu Muhsin al Masri");
    let doc = seed("004");
    let london = doc
        .mentions
        .iter()
        .filter(|m| m.surface(&doc.sentences) == "London");
    assert!(london.clone().count() > 0);
    assert!(london
        .into_iter()
        .all(|m| m.entity_type == EntityType::Person));
}

#[test]
fn places_and_organisations_are_typed() {
    let doc = seed("004");
    for place in [
        "Iran",
        "Iraq",
        "Turkey",
        "Turkmenistan",
        "Saudi Arabia",
        "United Arab Emirates",
    ] {
        assert_eq!(
            mention(&doc, place).entity_type,
            EntityType::Place,
            "{place}"
        );
    }
    for org in ["NBC News", "Middle East Institute", "CIA"] {
        assert_eq!(mention(&doc, org).entity_type, EntityType::Org, "{org}");
    }
    let doc = seed("001");
    assert_eq!(
        mention(&doc, "US Department of the Treasury").entity_type,
        EntityType::Org
    );
    assert_eq!(
        mention(&doc, "International Crisis Group").entity_type,
        EntityType::Org
    );
}

#[test]
fn no_mention_is_a_sentence_opener_or_page_furniture() {
    for prefix in ["000", "001", "002", "003", "004"] {
        let doc = seed(prefix);
        for m in &doc.mentions {
            let surface = m.surface(&doc.sentences);
            assert!(!surface.is_empty(), "{prefix}: {m:?}");
            assert!(
                ![
                    "However",
                    "According",
                    "The",
                    "Buy",
                    "Related Articles",
                    "Former"
                ]
                .contains(&surface),
                "{prefix}: {m:?}"
            );
        }
    }
}
