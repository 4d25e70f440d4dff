//! Extraction end to end over hand-made sentences.

use super::extract;
use crate::model::{ByteSpan, Claim, ClaimKind, Granularity, Meta, Polarity, Sentence, ValueKind};
use chrono::NaiveDate;

/// Sentences of `paragraphs` (one sentence per line, paragraphs split by
/// blank lines) laid out as a document, with correct offsets.
pub(super) fn document(text: &str) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let (mut byte, mut chars, mut paragraph) = (0, 0, 0);
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end_matches('\n');
        if trimmed.trim().is_empty() {
            paragraph += 1;
        } else {
            sentences.push(Sentence {
                index: sentences.len(),
                paragraph,
                span: ByteSpan::new(byte, byte + trimmed.len()),
                char_start: chars,
                text: trimmed.to_string(),
            });
        }
        byte += line.len();
        chars += line.chars().count();
    }
    sentences
}

fn claims(text: &str, published: Option<NaiveDate>) -> Vec<Claim> {
    let meta = Meta {
        published,
        ..Meta::default()
    };
    extract(&meta, &document(text), &[])
}

fn of_kind(claims: &[Claim], kind: ClaimKind) -> Vec<&Claim> {
    claims.iter().filter(|c| c.kind == kind).collect()
}

fn one(text: &str, kind: ClaimKind) -> Claim {
    let all = claims(text, None);
    let found = of_kind(&all, kind);
    assert_eq!(found.len(), 1, "{text}: {all:#?}");
    found[0].clone()
}

fn subject(claim: &Claim) -> &str {
    claim.subject.as_ref().map_or("", |a| &*a.text)
}

fn speaker(claim: &Claim) -> &str {
    claim.speaker.as_ref().map_or("", |a| &*a.text)
}

#[test]
fn range_of_fighters() {
    let all = claims(
        "According to a report in January there are 200 to 500 Al Qaeda fighters in 11 provinces.",
        None,
    );
    let q = of_kind(&all, ClaimKind::Quantity)[0].clone();
    let quantity = q.quantity.clone().unwrap();
    assert_eq!(
        (quantity.low, quantity.high, quantity.kind),
        (200.0, 500.0, ValueKind::Range)
    );
    assert_eq!(subject(&q), "Al Qaeda fighters");
    assert_eq!(speaker(&q), "a report");
}

#[test]
fn approximate_soldiers_and_exact_written_counts() {
    let all = claims(
        "The US has approximately 2,500 soldiers in Afghanistan.",
        None,
    );
    let q = of_kind(&all, ClaimKind::Quantity)[0]
        .quantity
        .clone()
        .unwrap();
    assert_eq!(
        (q.kind, q.unit.as_str()),
        (ValueKind::Approximate, "soldiers")
    );
    assert!(q.low < 2500.0 && q.high > 2500.0);
    let killed = one(
        "Afghan forces killed three al-Qaeda members in a compound.",
        ClaimKind::Quantity,
    );
    let q = killed.quantity.unwrap();
    assert_eq!((q.low, q.high, q.kind), (3.0, 3.0, ValueKind::Exact));
}

#[test]
fn vague_hundreds() {
    let q = one(
        "Senior figures remain, as well as hundreds of armed operatives.",
        ClaimKind::Quantity,
    );
    let quantity = q.quantity.unwrap();
    assert_eq!(
        (quantity.low, quantity.high, quantity.kind),
        (200.0, 999.0, ValueKind::Vague)
    );
}

#[test]
fn date_granularities() {
    let day = one(
        "The administration signed a peace agreement on February 29, 2020.",
        ClaimKind::Time,
    );
    let time = day.time.unwrap();
    assert_eq!(
        (time.start.as_str(), time.granularity),
        ("2020-02-29", Granularity::Day)
    );
    let month = one(
        "despite the historic February 2020 peace agreement",
        ClaimKind::Time,
    );
    assert_eq!(month.time.unwrap().granularity, Granularity::Month);
    assert_eq!(month.predicate, "agreement");
    let year = one(
        "Under the 2020 deal, the US has committed to withdrawing.",
        ClaimKind::Time,
    );
    assert_eq!(
        (year.time.unwrap().start.as_str(), year.predicate),
        ("2020", "agreement")
    );
}

#[test]
fn month_and_day_with_and_without_publication_date() {
    let text = "On December 27, the vice president said that the group still maintains ties.";
    let unknown = of_kind(&claims(text, None), ClaimKind::Time)[0]
        .time
        .clone()
        .unwrap();
    assert_eq!(
        (unknown.start.as_str(), unknown.granularity),
        ("XXXX-12-27", Granularity::Day)
    );
    let known = of_kind(
        &claims(text, NaiveDate::from_ymd_opt(2021, 1, 10)),
        ClaimKind::Time,
    )[0]
    .time
    .clone()
    .unwrap();
    assert_eq!(known.start, "2020-12-27");
}

#[test]
fn speakers_after_the_cue_and_pronouns() {
    let text = "“They reaffirmed their ties,” said Fitton-Brown, adding that nothing changed.\n“We believe the leadership is still protected,” he said.\n";
    let all = claims(text, None);
    let statements = of_kind(&all, ClaimKind::Statement);
    assert_eq!(statements.len(), 3, "said, adding, said: {all:#?}");
    assert!(statements
        .iter()
        .all(|s| speaker(s) == "Fitton-Brown" && s.speaker_named));
    // The relation in the quote is reported by the resolved speaker.
    let protect = all
        .iter()
        .find(|c| c.predicate == "protect")
        .expect("protect");
    assert_eq!(speaker(protect), "Fitton-Brown");
    assert!(protect.hedged, "“We believe” hedges what follows");
}

#[test]
fn it_said_resolves_to_an_organisation() {
    let text = "The Treasury Department said the group is gaining strength.\n\n“The group depends on donations,” it said in a report.\n";
    let all = claims(text, None);
    let statements = of_kind(&all, ClaimKind::Statement);
    assert_eq!(speaker(statements[1]), "The Treasury Department");
    assert_eq!(&*statements[1].cue, "said … in a report");
}

#[test]
fn denial_is_negated() {
    let all = claims("The Taliban deny a close relationship.", None);
    let statement = of_kind(&all, ClaimKind::Statement)[0];
    assert_eq!(
        (statement.polarity, speaker(statement)),
        (Polarity::Negated, "The Taliban")
    );
    let relation = of_kind(&all, ClaimKind::Relation)[0];
    assert_eq!(
        (relation.predicate, relation.polarity),
        ("have relationship", Polarity::Negated)
    );
    let presence = one(
        "The group argued that the organization has no presence in the country.",
        ClaimKind::Relation,
    );
    assert_eq!(presence.polarity, Polarity::Negated);
}

#[test]
fn believed_is_hedged() {
    let r = one(
        "Its leader is believed to remain in hiding in the mountains.",
        ClaimKind::Relation,
    );
    assert_eq!(
        (r.predicate, r.hedged, r.polarity),
        ("hide", true, Polarity::Asserted)
    );
}

#[test]
fn titles_are_roles_with_the_time_they_hold() {
    let r = one(
        "On March 1, Foreign Secretary Mike Pompeo said the group had broken its ties.",
        ClaimKind::Role,
    );
    assert_eq!(
        (subject(&r), r.object.as_ref().unwrap().text.as_ref()),
        ("Mike Pompeo", "Foreign Secretary")
    );
    assert_eq!(r.time.unwrap().start, "XXXX-03-01");
    let r = one(
        "the first vice president of Afghanistan, Amrullah Saleh, suggested it.",
        ClaimKind::Role,
    );
    assert_eq!(&*r.org.unwrap().text, "Afghanistan");
}

#[test]
fn ordinary_news_beyond_the_sample() {
    // Sports.
    let all = claims("The Philadelphia 76ers fired coach Maurice Cheeks on Saturday, one day after a 88-72 loss.", NaiveDate::from_ymd_opt(2008, 12, 14));
    let fired = of_kind(&all, ClaimKind::Relation)[0];
    assert_eq!(
        (subject(fired), fired.predicate),
        ("The Philadelphia 76ers", "dismiss")
    );
    assert_eq!(fired.time.as_ref().unwrap().start, "2008-12-13");
    assert_eq!(subject(of_kind(&all, ClaimKind::Role)[0]), "Maurice Cheeks");
    // Disasters.
    let all = claims("At least 12 people were killed and dozens injured when a 6.1-magnitude earthquake struck the region, officials said.", None);
    let q = of_kind(&all, ClaimKind::Quantity)[0]
        .quantity
        .clone()
        .unwrap();
    assert_eq!(
        (q.low, q.high, q.kind, q.unit.as_str()),
        (12.0, f64::INFINITY, ValueKind::Bound, "people")
    );
    assert_eq!(speaker(of_kind(&all, ClaimKind::Statement)[0]), "officials");
    assert!(!of_kind(&all, ClaimKind::Statement)[0].speaker_named);
    // Business.
    let all = claims(
        "Hewlett-Packard agreed to buy the company for $2.5 billion, according to a statement.",
        None,
    );
    let buy = of_kind(&all, ClaimKind::Relation)[0];
    assert_eq!(
        (subject(buy), buy.predicate),
        ("Hewlett-Packard", "acquire")
    );
    assert_eq!(speaker(buy), "a statement");
    assert_eq!(
        of_kind(&all, ClaimKind::Quantity)[0]
            .quantity
            .clone()
            .unwrap()
            .unit,
        "dollars"
    );
}

#[test]
fn every_claim_cites_its_sentence_offsets() {
    let text = "Première ligne: l’équipe a gagné 3 matchs.\n\nThe US has approximately 2,500 soldiers, officials said.\n";
    let chars: Vec<char> = text.chars().collect();
    let sentences = document(text);
    for claim in claims(text, None) {
        let cited: String = chars[claim.start as usize..claim.end as usize]
            .iter()
            .collect();
        assert_eq!(cited, sentences[claim.sentence()].text);
    }
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    /// Words that exercise every extractor, mixed with arbitrary text.
    const WORDS: &[&str] = &[
        "said",
        "he",
        "it",
        "“",
        "”",
        "\"",
        ",",
        ".",
        ":",
        "according",
        "to",
        "as",
        "quoted",
        "by",
        "the",
        "Secretary",
        "of",
        "State",
        "Mike",
        "Pompeo",
        "February",
        "29",
        "2020",
        "May",
        "on",
        "Monday",
        "last",
        "week",
        "a",
        "year",
        "ago",
        "in",
        "recent",
        "months",
        "200",
        "500",
        "2,500",
        "approximately",
        "hundreds",
        "fighters",
        "three",
        "twenty-five",
        "at",
        "least",
        "no",
        "not",
        "deny",
        "believed",
        "between",
        "and",
        "relationship",
        "’s",
        "'s",
        "$",
        "%",
        "-",
        "4,000-6,000",
        "al",
        "Zawahiri",
        "told",
        "NBC",
        "News",
        "under",
        "protection",
        "gaining",
        "strength",
        "1990s",
        "2021-02-30",
        "27th",
        "December",
    ];

    fn sentence_text() -> impl Strategy<Value = String> {
        let word = prop_oneof![
            4 => proptest::sample::select(WORDS).prop_map(str::to_string),
            1 => "\\PC{0,6}",
        ];
        proptest::collection::vec(word, 0..40).prop_map(|w| w.join(" "))
    }

    proptest! {
        #[test]
        fn never_panics_and_offsets_give_back_the_text(
            lines in proptest::collection::vec(sentence_text(), 0..6),
            dated in any::<bool>(),
        ) {
            let text = lines.join("\n");
            let chars: Vec<char> = text.chars().collect();
            let published = dated.then(|| NaiveDate::from_ymd_opt(2021, 2, 16)).flatten();
            let sentences = document(&text);
            for claim in claims(&text, published) {
                let cited: String = chars[claim.start as usize..claim.end as usize].iter().collect();
                prop_assert_eq!(&cited, &sentences[claim.sentence()].text);
            }
        }

        #[test]
        fn arbitrary_text_never_panics(text in "\\PC{0,300}") {
            let _ = claims(&text, NaiveDate::from_ymd_opt(2021, 2, 16));
        }
    }
}

#[test]
fn existential_presence_has_both_polarities() {
    let presence = |text: &str| {
        let all = claims(text, None);
        let found: Vec<Claim> = of_kind(&all, ClaimKind::Relation)
            .into_iter()
            .filter(|c| c.predicate == "have presence")
            .cloned()
            .collect();
        assert_eq!(found.len(), 1, "{text}: {all:#?}");
        let place = found[0].place.as_ref().map_or("", |p| &*p.text);
        (
            subject(&found[0]).to_string(),
            place.to_string(),
            found[0].polarity,
        )
    };
    assert_eq!(
        presence("The rebels officially claim that there are no foreign fighters in Syria."),
        ("foreign fighters".into(), "Syria".into(), Polarity::Negated)
    );
    assert_eq!(
        presence("Monitors said there are still foreign fighters in Syria."),
        (
            "foreign fighters".into(),
            "Syria".into(),
            Polarity::Asserted
        )
    );
    assert_eq!(
        presence("There was not any armed group in the valley, the mayor said."),
        ("armed group".into(), "the valley".into(), Polarity::Negated)
    );
}

#[test]
fn negative_wording_is_recognised() {
    assert!(super::words_are_negative(
        "Police said no one was hurt in the blaze."
    ));
    assert!(super::words_are_negative(
        "The minister didn't confirm the figure."
    ));
    assert!(!super::words_are_negative(
        "There is clearly a close relationship between the two groups."
    ));
}

#[test]
fn negative_wording_next_to_letters_that_lengthen_when_lower_cased() {
    assert!(super::words_are_negative("İstanbul did not agree"));
    assert!(!super::words_are_negative("İ"));
    assert!(super::words_are_negative("İ not"));
}
