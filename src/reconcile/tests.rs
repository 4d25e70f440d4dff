//! Behaviour of the whole stage on hand-built claims (cases beyond the
//! sample corpus).

use super::*;
use crate::model::*;
use std::collections::BTreeMap;
use std::sync::Arc;

/// Builds documents with one sentence per claim; names in `[brackets]`
/// become mentions, resolved by their folded surface.
#[derive(Default)]
struct Corpus {
    docs: Vec<DocAnalysis>,
}

struct ClaimSpec<'a> {
    kind: ClaimKind,
    text: &'a str,
    subject: Option<&'a str>,
    predicate: &'static str,
    object: Option<&'a str>,
    quantity: Option<(f64, f64, ValueKind, &'a str)>,
    time: Option<(&'a str, &'a str, Granularity, &'a str)>,
    speaker: Option<&'a str>,
    polarity: Polarity,
}

fn spec(kind: ClaimKind, text: &str) -> ClaimSpec<'_> {
    ClaimSpec {
        kind,
        text,
        subject: None,
        predicate: "",
        object: None,
        quantity: None,
        time: None,
        speaker: None,
        polarity: Polarity::Asserted,
    }
}

impl Corpus {
    fn doc(&mut self, id: &str, outlet: &str, claims: &[ClaimSpec]) -> &mut Corpus {
        let mut analysis = DocAnalysis {
            record: DocumentRecord {
                doc_id: id.into(),
                path: id.into(),
                meta: Meta {
                    outlet: outlet.into(),
                    ..Meta::default()
                },
                status: Status::Ok,
                note: String::new(),
                bytes: 0,
                kept_chars: 0,
                paragraphs: 1,
                sentences: claims.len(),
            },
            sentences: Vec::new(),
            mentions: Vec::new(),
            claims: Vec::new(),
        };
        let mut offset = 0;
        for (index, c) in claims.iter().enumerate() {
            let (text, names) = unbracket(c.text);
            for (start, surface) in &names {
                analysis.mentions.push(Mention {
                    sentence: doc_index(index),
                    local: doc_index(*start)..doc_index(start + surface.len()),
                    start: doc_index(offset + start),
                    end: doc_index(offset + start + surface.len()),
                    role_local: 0..0,
                    entity_type: if surface.split(' ').count() >= 2 {
                        EntityType::Person
                    } else {
                        EntityType::Org
                    },
                    refers_to: None,
                    evidence: "".into(),
                });
            }
            let arg = |t: Option<&str>, mentions: &[Mention]| {
                t.map(|t| Arg {
                    text: t.into(),
                    mention: mentions
                        .iter()
                        .position(|m| m.sentence() == index && text.get(m.local_bytes()) == Some(t))
                        .map(doc_index),
                })
            };
            let claim = Claim {
                sentence: doc_index(index),
                kind: c.kind,
                subject: arg(c.subject, &analysis.mentions),
                predicate: c.predicate,
                object: arg(c.object, &analysis.mentions),
                quantity: c.quantity.map(|(low, high, kind, unit)| {
                    Box::new(Quantity {
                        low,
                        high,
                        kind,
                        unit: unit.into(),
                    })
                }),
                time: c.time.map(|(start, end, granularity, text)| {
                    Arc::new(TimeRef {
                        start: start.into(),
                        end: end.into(),
                        granularity,
                        text: text.into(),
                    })
                }),
                speaker: arg(c.speaker, &analysis.mentions).map(Arc::new),
                speaker_named: false,
                place: None,
                org: None,
                cue: "".into(),
                polarity: c.polarity,
                hedged: false,
                start: doc_index(offset),
                end: doc_index(offset + text.chars().count()),
            };
            analysis.sentences.push(Sentence {
                index,
                paragraph: 0,
                span: ByteSpan::new(offset, offset + text.len()),
                char_start: offset,
                text: text.clone(),
            });
            analysis.claims.push(claim);
            offset += text.len() + 1;
        }
        self.docs.push(analysis);
        self
    }

    /// Entities by folded surface, and the reconciliation.
    fn run(&self) -> (Resolution, Reconciliation) {
        let mut ids: BTreeMap<String, usize> = BTreeMap::new();
        let mut resolution = Resolution::default();
        for (d, doc) in self.docs.iter().enumerate() {
            let mut of = Vec::new();
            for (m, mention) in doc.mentions.iter().enumerate() {
                let surface = mention.surface(&doc.sentences);
                let key = words::folded_words(surface).join(" ");
                let next = ids.len();
                let e = *ids.entry(key.clone()).or_insert(next);
                if e == resolution.entities.len() {
                    resolution.entities.push(Entity {
                        id: key.clone(),
                        name: surface.to_string(),
                        entity_type: mention.entity_type,
                        variants: vec![surface.to_string()],
                        mentions: Vec::new(),
                        roles: Vec::new(),
                        flags: Vec::new(),
                    });
                }
                resolution.entities[e].mentions.push(MentionRef::new(d, m));
                of.push(e as u32);
            }
            resolution.entity_of.push(of);
        }
        let reconciliation = claim_graph(&self.docs, &resolution);
        (resolution, reconciliation)
    }
}

/// Text without brackets, and the bracketed names with their byte offsets.
fn unbracket(text: &str) -> (String, Vec<(usize, String)>) {
    let mut out = String::new();
    let mut names = Vec::new();
    let mut open = None;
    for c in text.chars() {
        match c {
            '[' => open = Some(out.len()),
            ']' => {
                if let Some(start) = open.take() {
                    names.push((start, out[start..].to_string()));
                }
            }
            c => out.push(c),
        }
    }
    (out, names)
}

/// A link as (relation, (doc, claim), (doc, claim)).
type Judged = (Relation, (usize, usize), (usize, usize));

fn relations(r: &Reconciliation) -> Vec<Judged> {
    r.links
        .iter()
        .map(|l| {
            (
                l.relation,
                (l.a.doc(), l.a.claim()),
                (l.b.doc(), l.b.claim()),
            )
        })
        .collect()
}

fn quantity<'a>(
    text: &'a str,
    subject: &'a str,
    q: (f64, f64, ValueKind, &'a str),
) -> ClaimSpec<'a> {
    ClaimSpec {
        subject: Some(subject),
        quantity: Some(q),
        predicate: "count",
        ..spec(ClaimKind::Quantity, text)
    }
}

#[test]
fn the_same_figure_agrees_across_outlets_and_synonym_units_meet() {
    let mut corpus = Corpus::default();
    corpus
        .doc(
            "a",
            "Alpha",
            &[quantity(
                "[Ruritania] keeps 1,200 soldiers in the north.",
                "Ruritania",
                (1200.0, 1200.0, ValueKind::Exact, "soldiers"),
            )],
        )
        .doc(
            "b",
            "Beta",
            &[quantity(
                "[Ruritania] has about 1,200 troops deployed.",
                "Ruritania",
                (1140.0, 1260.0, ValueKind::Approximate, "troops"),
            )],
        );
    let (_, r) = corpus.run();
    assert_eq!(relations(&r), vec![(Relation::Agrees, (0, 0), (1, 0))]);
    assert_eq!(r.text(r.links[0].slot), "count of soldier");
    assert_eq!(r.facts.len(), 1);
    assert!(!r.facts[0].conflict);
}

#[test]
fn different_figures_for_one_subject_conflict_but_not_for_two_subjects() {
    let mut corpus = Corpus::default();
    corpus
        .doc(
            "a",
            "Alpha",
            &[quantity(
                "[Ruritania] keeps 1,200 soldiers in the north, officials said.",
                "Ruritania",
                (1200.0, 1200.0, ValueKind::Exact, "soldiers"),
            )],
        )
        .doc(
            "b",
            "Beta",
            &[
                quantity(
                    "[Ruritania] keeps 3,000 soldiers in the north, officials said.",
                    "Ruritania",
                    (3000.0, 3000.0, ValueKind::Exact, "soldiers"),
                ),
                quantity(
                    "[Freedonia] keeps 9,000 soldiers in the north, officials said.",
                    "Freedonia",
                    (9000.0, 9000.0, ValueKind::Exact, "soldiers"),
                ),
            ],
        );
    let (_, r) = corpus.run();
    assert_eq!(relations(&r), vec![(Relation::Conflicts, (0, 0), (1, 0))]);
    assert!(r.facts[0].conflict);
    assert_eq!(r.facts[0].values.len(), 2);
}

#[test]
fn counts_of_a_plain_unit_conflict_only_when_anchored_to_one_named_thing() {
    let bodies = |text, n: f64| quantity(text, "bodies", (n, n, ValueKind::Exact, "bodies"));
    let conflicts = |a, b| {
        let mut corpus = Corpus::default();
        corpus
            .doc("a", "Alpha", &[bodies(a, 12.0)])
            .doc("b", "Beta", &[bodies(b, 31.0)]);
        let (_, r) = corpus.run();
        r.links.iter().any(|l| l.relation == Relation::Conflicts)
    };
    assert!(conflicts(
        "Rescuers recovered 12 bodies from the river near [Lowtown] on Sunday.",
        "Rescuers recovered 31 bodies from the river near [Lowtown] on Sunday."
    ));
    assert!(!conflicts(
        "Rescuers recovered 12 bodies from the river on Sunday.",
        "Rescuers recovered 31 bodies from the river on Sunday."
    ));
}

#[test]
fn a_figure_many_outlets_state_is_still_aligned_in_value_order() {
    // More claims under one key than are paired all with all: claims meet
    // their neighbours in value order, so agreements chain and the value
    // that differs meets the others where the values change.
    let mut corpus = Corpus::default();
    let outlets = align::MAX_BLOCK + 12;
    let ids: Vec<String> = (0..outlets).map(|n| format!("d{n:03}")).collect();
    for (n, id) in ids.iter().enumerate() {
        let figure = if n % 6 == 0 { 3000.0 } else { 1200.0 };
        corpus.doc(
            id,
            id,
            &[quantity(
                "[Ruritania] keeps that many soldiers in the north, officials said.",
                "Ruritania",
                (figure, figure, ValueKind::Exact, "soldiers"),
            )],
        );
    }
    let (_, r) = corpus.run();
    let count = |relation| r.links.iter().filter(|l| l.relation == relation).count();
    assert!(
        count(Relation::Agrees) >= outlets - 2,
        "{}",
        count(Relation::Agrees)
    );
    assert!(count(Relation::Conflicts) >= 1);
    assert!(r.links.len() <= 3 * outlets, "{}", r.links.len());
    let fact = r.facts.iter().find(|f| f.conflict).expect("a discrepancy");
    assert_eq!(fact.outlets.len(), outlets);
}

#[test]
fn vague_counts_are_compatible_with_figures() {
    let mut corpus = Corpus::default();
    corpus
        .doc(
            "a",
            "Alpha",
            &[quantity(
                "Dozens of militants remain in the valley.",
                "militants",
                (24.0, 99.0, ValueKind::Vague, "militants"),
            )],
        )
        .doc(
            "b",
            "Beta",
            &[quantity(
                "About 40 fighters remain in the valley.",
                "fighters",
                (36.0, 44.0, ValueKind::Approximate, "fighters"),
            )],
        );
    let (_, r) = corpus.run();
    assert_eq!(relations(&r), vec![(Relation::Compatible, (0, 0), (1, 0))]);
}

#[test]
fn dates_of_one_event_at_different_precision_are_compatible() {
    let time = |text, start, granularity, said| ClaimSpec {
        time: Some((start, start, granularity, said)),
        ..spec(ClaimKind::Time, text)
    };
    let mut corpus = Corpus::default();
    corpus
        .doc(
            "a",
            "Alpha",
            &[time(
                "The ceasefire accord of March 2019 still holds.",
                "2019-03",
                Granularity::Month,
                "March 2019",
            )],
        )
        .doc(
            "b",
            "Beta",
            &[time(
                "Both sides signed the treaty on March 3, 2019 in the capital.",
                "2019-03-03",
                Granularity::Day,
                "on March 3, 2019",
            )],
        )
        .doc(
            "c",
            "Gamma",
            &[time(
                "The 2018 election was disputed.",
                "2018",
                Granularity::Year,
                "2018",
            )],
        );
    let (_, r) = corpus.run();
    assert_eq!(relations(&r), vec![(Relation::Compatible, (0, 0), (1, 0))]);
    assert_eq!(r.text(r.links[0].slot), "date of agreement");
}

fn role<'a>(text: &'a str, person: &'a str, title: &'a str) -> ClaimSpec<'a> {
    ClaimSpec {
        subject: Some(person),
        object: Some(title),
        predicate: "has role",
        ..spec(ClaimKind::Role, text)
    }
}

#[test]
fn two_titles_for_one_person_conflict_even_in_one_document() {
    let mut corpus = Corpus::default();
    corpus.doc(
        "a",
        "Alpha",
        &[
            role(
                "Interior Minister [Jan Kowal] visited the border.",
                "Jan Kowal",
                "Interior Minister",
            ),
            role(
                "Later, Foreign Minister [Jan Kowal] met the envoy.",
                "Jan Kowal",
                "Foreign Minister",
            ),
            role(
                "The minister of the interior, [Jan Kowal], left.",
                "Jan Kowal",
                "minister of the interior",
            ),
        ],
    );
    let (_, r) = corpus.run();
    // Agreement inside one document is not corroboration: only conflicts.
    assert_eq!(
        relations(&r),
        vec![
            (Relation::Conflicts, (0, 0), (0, 1)),
            (Relation::Conflicts, (0, 1), (0, 2))
        ]
    );
    assert_eq!(r.facts.len(), 1);
    assert_eq!(r.facts[0].values.len(), 2);
}

#[test]
fn office_holders_at_different_times_do_not_conflict() {
    let dated = |text, person, title, day| ClaimSpec {
        time: Some((day, day, Granularity::Day, "")),
        ..role(text, person, title)
    };
    let mut corpus = Corpus::default();
    corpus
        .doc(
            "a",
            "Alpha",
            &[dated(
                "Defence Minister [Jan Kowal] spoke.",
                "Jan Kowal",
                "Defence Minister",
                "2020-01-10",
            )],
        )
        .doc(
            "b",
            "Beta",
            &[
                dated(
                    "Prime Minister [Jan Kowal] spoke.",
                    "Jan Kowal",
                    "Prime Minister",
                    "2021-06-01",
                ),
                role(
                    "Defence Minister [Ola Berg] spoke.",
                    "Ola Berg",
                    "Defence Minister",
                ),
            ],
        );
    let (_, r) = corpus.run();
    assert!(r.links.is_empty(), "{:?}", r.links);
}

#[test]
fn a_denial_conflicts_with_an_assertion() {
    let relation = |text, polarity| ClaimSpec {
        subject: Some("Northern Front"),
        predicate: "fund",
        object: Some("the smuggling ring"),
        polarity,
        ..spec(ClaimKind::Relation, text)
    };
    let mut corpus = Corpus::default();
    corpus
        .doc(
            "a",
            "Alpha",
            &[relation(
                "The [Northern Front] funds the smuggling ring through port fees.",
                Polarity::Asserted,
            )],
        )
        .doc(
            "b",
            "Beta",
            &[relation(
                "The [Northern Front] denies it funds the smuggling ring.",
                Polarity::Negated,
            )],
        )
        .doc(
            "c",
            "Gamma",
            &[relation(
                "Port fees show the [Northern Front] funds the smuggling ring.",
                Polarity::Asserted,
            )],
        );
    let (_, r) = corpus.run();
    let rel: Vec<Relation> = r.links.iter().map(|l| l.relation).collect();
    assert_eq!(
        rel,
        vec![Relation::Conflicts, Relation::Agrees, Relation::Conflicts]
    );
    let fact = &r.facts[0];
    assert!(fact.conflict);
    assert_eq!(
        fact.best_supported().map(|v| v.independent_sources),
        Some(2)
    );
}

#[test]
fn a_denial_about_another_object_is_no_conflict() {
    let release = |text, object, polarity| ClaimSpec {
        subject: Some("Harbour Police"),
        predicate: "release",
        object: Some(object),
        polarity,
        ..spec(ClaimKind::Relation, text)
    };
    let mut corpus = Corpus::default();
    corpus
        .doc(
            "a",
            "Alpha",
            &[release(
                "The [Harbour Police] would not release [Dana Reyes] on Monday.",
                "Dana Reyes",
                Polarity::Negated,
            )],
        )
        .doc(
            "b",
            "Beta",
            &[release(
                "The [Harbour Police] released the store surveillance video on Monday.",
                "the store surveillance video",
                Polarity::Asserted,
            )],
        );
    let (_, r) = corpus.run();
    assert!(
        r.links.iter().all(|l| l.relation != Relation::Conflicts),
        "{:?}",
        r.links
    );
}

#[test]
fn the_same_quote_from_two_speakers_is_a_discrepancy_of_attribution() {
    let quote = |text, speaker| ClaimSpec {
        speaker: Some(speaker),
        predicate: "say",
        object: Some("we will not negotiate with armed groups under any circumstances"),
        ..spec(ClaimKind::Statement, text)
    };
    let mut corpus = Corpus::default();
    corpus
        .doc("a", "Alpha", &[quote("\"We will not negotiate with armed groups under any circumstances,\" said [Ana Silva].", "Ana Silva")])
        .doc("b", "Beta", &[quote("\"We will not negotiate with armed groups under any circumstances,\" said [Rui Costa].", "Rui Costa")]);
    let (_, r) = corpus.run();
    assert_eq!(r.links.len(), 1);
    assert_eq!(r.links[0].relation, Relation::Conflicts);
    let reason = r.text(r.links[0].reason);
    assert!(
        reason.contains("attributed to Ana Silva and to Rui Costa"),
        "{reason}"
    );
}

#[test]
fn a_document_never_agrees_with_a_repetition_of_its_own_text() {
    let statement = ClaimSpec {
        subject: Some("Northern Front"),
        predicate: "gain strength",
        object: Some("in the eastern provinces"),
        ..spec(
            ClaimKind::Relation,
            "The [Northern Front] is gaining strength in the eastern provinces.",
        )
    };
    let again = ClaimSpec { ..statement };
    let statement = ClaimSpec {
        subject: Some("Northern Front"),
        predicate: "gain strength",
        object: Some("in the eastern provinces"),
        ..spec(
            ClaimKind::Relation,
            "The [Northern Front] is gaining strength in the eastern provinces.",
        )
    };
    let mut corpus = Corpus::default();
    corpus.doc("a", "Alpha", &[statement, again]);
    let (_, r) = corpus.run();
    assert!(r.links.is_empty());
}

#[test]
fn one_person_reported_dead_and_alive_conflicts() {
    let mut corpus = Corpus::default();
    corpus
        .doc(
            "a",
            "Alpha",
            &[spec(
                ClaimKind::Relation,
                "Police announced the death of the deputy leader, [Omar Haddad], last month.",
            )],
        )
        .doc(
            "b",
            "Beta",
            &[spec(
                ClaimKind::Relation,
                "The leader is thought to remain in hiding with [Omar Haddad] in the hills.",
            )],
        );
    let (_, r) = corpus.run();
    assert_eq!(r.links.len(), 1);
    assert_eq!(r.links[0].relation, Relation::Conflicts);
    assert_eq!(r.text(r.links[0].slot), "alive or dead");
    assert_eq!(r.text(r.links[0].subject), "Omar Haddad");
}

#[test]
fn one_who_is_survived_by_others_is_dead_not_alive() {
    let relation = |text| spec(ClaimKind::Relation, text);
    let mut corpus = Corpus::default();
    corpus
        .doc(
            "a",
            "Alpha",
            &[relation(
                "The former director, [Omar Haddad], died on Friday at 91.",
            )],
        )
        .doc(
            "b",
            "Beta",
            &[relation(
                "[Omar Haddad] is survived by two daughters and a son.",
            )],
        );
    let (_, r) = corpus.run();
    assert!(
        r.links.iter().all(|l| l.relation != Relation::Conflicts),
        "{:?}",
        r.links
    );
}

#[test]
fn outlets_relaying_one_speaker_count_as_one_source() {
    let relay = |text| ClaimSpec {
        speaker: Some("Finance Ministry"),
        subject: Some("the cartel"),
        predicate: "launder",
        object: Some("money through shell companies in three ports"),
        ..spec(ClaimKind::Statement, text)
    };
    let mut corpus = Corpus::default();
    corpus
        .doc("a", "Alpha", &[relay("The [Finance Ministry] said the cartel launders money through shell companies in three ports.")])
        .doc("b", "Beta", &[relay("According to the [Finance Ministry], the cartel launders money through shell companies in three ports.")])
        .doc("c", "Gamma", &[relay("The cartel launders money through shell companies in three ports, the [Finance Ministry] said.")]);
    let (_, r) = corpus.run();
    assert_eq!(r.facts.len(), 1);
    assert_eq!(r.facts[0].outlets.len(), 3);
    assert_eq!(r.facts[0].independent_sources, 1);
}

#[test]
fn output_does_not_depend_on_input_order_of_unrelated_documents() {
    let make = |flip: bool| {
        let mut corpus = Corpus::default();
        let a = [quantity(
            "[Ruritania] keeps 1,200 soldiers.",
            "Ruritania",
            (1200.0, 1200.0, ValueKind::Exact, "soldiers"),
        )];
        let b = [quantity(
            "[Ruritania] keeps 1,500 soldiers.",
            "Ruritania",
            (1500.0, 1500.0, ValueKind::Exact, "soldiers"),
        )];
        if flip {
            corpus.doc("a", "A", &b).doc("b", "B", &a);
        } else {
            corpus.doc("a", "A", &a).doc("b", "B", &b);
        }
        let (_, r) = corpus.run();
        r.links
            .iter()
            .map(|l| (l.relation, r.text(l.reason).to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(make(false).len(), make(true).len());
}

#[test]
fn a_negative_statement_does_not_contradict_the_negation_it_reports() {
    // "No one was hurt" (a negated relation) and "officials said no one was
    // hurt" (an asserted statement) say the same thing.
    let mut corpus = Corpus::default();
    corpus
        .doc(
            "a",
            "Alpha",
            &[ClaimSpec {
                predicate: "injure",
                polarity: Polarity::Negated,
                ..spec(
                    ClaimKind::Relation,
                    "No one was hurt in the warehouse fire near the river docks on Friday night.",
                )
            }],
        )
        .doc(
            "b",
            "Beta",
            &[ClaimSpec {
                predicate: "say",
                object: Some("no one was hurt in the warehouse fire near the river docks"),
                ..spec(
                    ClaimKind::Statement,
                    "Officials said no one was hurt in the warehouse fire near the river docks on Friday night.",
                )
            }],
        );
    let (_, r) = corpus.run();
    assert!(
        r.links.iter().all(|l| l.relation != Relation::Conflicts),
        "{:?}",
        r.links
    );
}
