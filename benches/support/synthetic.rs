//! A generated corpus of documents with mentions, for measuring entity
//! resolution at scale. Names vary as in real multi-outlet news:
//! transliteration (vowels, doubled letters, final h, q/k, diacritics),
//! hyphen/space/article variants, acronyms defined in the text and
//! reordered by translation, lone surnames linked to full names, titles as
//! roles, and look-alikes that must stay apart (branches of a group,
//! relatives sharing a surname, gazetteer places). Deterministic: the same
//! size gives the same corpus.

use crosscheck::{
    doc_index, ByteSpan, DocAnalysis, DocumentRecord, EntityType, Mention, Meta, Sentence, Status,
};

/// A small deterministic generator (SplitMix64).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    /// Heavy-tailed pick: a few entities are in many documents.
    fn zipf(&mut self, n: usize) -> usize {
        let u = (self.next() >> 11) as f64 / (1u64 << 53) as f64;
        ((n as f64).powf(u) as usize).saturating_sub(1).min(n - 1)
    }
}

const ONSETS: &[&str] = &[
    "b", "d", "f", "h", "j", "k", "l", "m", "n", "q", "r", "s", "t", "z", "sh", "kh",
];
const VOWELS: &[&str] = &["a", "i", "u", "o", "e"];
const CODAS: &[&str] = &["", "", "n", "r", "l", "m", "d", "s"];
const TITLES: &[&str] = &[
    "President",
    "Minister",
    "General",
    "Commander",
    "Spokesman",
    "Governor",
];
const ORG_HEADS: &[&str] = &[
    "Front", "Movement", "Council", "Brigade", "Party", "Network",
];
const PLACES: &[&str] = &[
    "Iran",
    "Iraq",
    "Austria",
    "Australia",
    "Turkey",
    "Turkmenistan",
    "Niger",
    "Nigeria",
    "Slovenia",
    "Slovakia",
    "Afghanistan",
    "Pakistan",
    "Syria",
    "Yemen",
    "Somalia",
    "Mali",
    "Malawi",
    "Sudan",
];

fn word(rng: &mut Rng, syllables: usize) -> String {
    let mut w = String::new();
    for _ in 0..syllables {
        w.push_str(ONSETS[rng.below(ONSETS.len())]);
        w.push_str(VOWELS[rng.below(VOWELS.len())]);
        w.push_str(CODAS[rng.below(CODAS.len())]);
    }
    capitalise(&w)
}

fn capitalise(w: &str) -> String {
    let mut chars = w.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

/// A transliteration variant: a vowel swapped, a letter doubled, a final h,
/// q/k, or an accent.
fn variant(rng: &mut Rng, w: &str) -> String {
    let lower = w.to_lowercase();
    let changed = match rng.below(5) {
        0 => lower.replacen('u', "o", 1).replacen('i', "e", 1),
        1 => match lower.char_indices().find(|(_, c)| "lmnrs".contains(*c)) {
            Some((i, c)) => format!("{}{c}{}", &lower[..i], &lower[i..]),
            None => lower.clone(),
        },
        2 if lower.ends_with(['a', 'e']) => format!("{lower}h"),
        3 => lower.replace('q', "k").replace("kh", "k"),
        _ => lower.replacen('a', "á", 1).replacen('e', "é", 1),
    };
    capitalise(&changed)
}

/// One entity of the generated world, with its ways of being written.
struct Entity {
    kind: EntityType,
    full: Vec<String>,
    short: Vec<String>,
    title: Option<&'static str>,
}

fn person(rng: &mut Rng, family: &str) -> Entity {
    let given = word(rng, 2);
    let particle = if rng.chance(30) { "al-" } else { "" };
    let full = format!("{given} {particle}{family}");
    let spelled = format!(
        "{} {}{}",
        variant(rng, &given),
        if particle.is_empty() { "" } else { "al " },
        variant(rng, family)
    );
    Entity {
        kind: EntityType::Person,
        full: vec![full, spelled],
        short: vec![family.to_string()],
        title: rng.chance(50).then(|| TITLES[rng.below(TITLES.len())]),
    }
}

fn organisation(rng: &mut Rng, base: &str) -> (Entity, Entity) {
    let head = ORG_HEADS[rng.below(ORG_HEADS.len())];
    let full = format!("{base} {head}");
    let acronym: String = full
        .split(' ')
        .filter_map(|w| w.chars().next())
        .collect::<String>()
        + "F";
    let hyphenated = format!("al-{base} {head}");
    let region = word(rng, 2);
    let branch = format!("{full} in the {region}");
    let branch_acronym = format!("{acronym}{}", region.chars().next().unwrap_or('X'));
    let reordered: String = branch_acronym.chars().rev().collect();
    (
        Entity {
            kind: EntityType::Org,
            full: vec![full.clone(), hyphenated, variant(rng, &full)],
            short: vec![acronym],
            title: None,
        },
        Entity {
            kind: EntityType::Org,
            full: vec![branch],
            short: vec![branch_acronym, reordered],
            title: None,
        },
    )
}

fn world(rng: &mut Rng, size: usize) -> Vec<Entity> {
    let mut entities = Vec::with_capacity(size);
    for place in PLACES {
        entities.push(Entity {
            kind: EntityType::Place,
            full: vec![place.to_string()],
            short: Vec::new(),
            title: None,
        });
    }
    while entities.len() < size {
        let family = word(rng, 2);
        match rng.below(3) {
            0 => {
                let (group, branch) = organisation(rng, &family);
                entities.push(group);
                entities.push(branch);
            }
            _ => {
                // Relatives: different people sharing a family name.
                entities.push(person(rng, &family));
                if rng.chance(30) {
                    entities.push(person(rng, &family));
                }
            }
        }
    }
    entities
}

/// A mention of `surface`, in a sentence of its own (pushed on `sentences`,
/// starting at character `start`): its role, if any, then its name.
fn mention(
    sentences: &mut Vec<Sentence>,
    surface: &str,
    kind: EntityType,
    role: Option<&str>,
    refers_to: Option<usize>,
    start: usize,
) -> Mention {
    let text = role.map_or(surface.to_string(), |role| format!("{role} {surface}"));
    let name = text.len() - surface.len();
    let sentence = Sentence {
        index: sentences.len(),
        paragraph: 0,
        span: ByteSpan::new(start, start + text.len()),
        char_start: start,
        text,
    };
    let (name_start, name_end) = sentence.char_range(name..sentence.text.len());
    let local = doc_index(name)..doc_index(sentence.text.len());
    sentences.push(sentence);
    Mention {
        sentence: doc_index(sentences.len() - 1),
        local,
        start: doc_index(name_start),
        end: doc_index(name_end),
        role_local: 0..doc_index(role.map_or(0, str::len)),
        entity_type: kind,
        refers_to: refers_to.map(doc_index),
        evidence: "".into(),
    }
}

/// `docs` documents of 6 to 12 entities each, 1 to 3 mentions per entity.
pub fn corpus(docs: usize) -> Vec<DocAnalysis> {
    let mut rng = Rng(docs as u64);
    let entities = world(&mut rng, (docs / 4).max(40));
    (0..docs)
        .map(|d| {
            let mut mentions = Vec::new();
            let mut sentences = Vec::new();
            let mut offset = 0;
            for _ in 0..6 + rng.below(7) {
                let entity = &entities[rng.zipf(entities.len())];
                let full = &entity.full[rng.below(entity.full.len())];
                let first = mentions.len();
                mentions.push(mention(
                    &mut sentences,
                    full,
                    entity.kind,
                    entity.title,
                    None,
                    offset,
                ));
                offset += full.len() + entity.title.map_or(0, str::len) + 20;
                for _ in 0..rng.below(3) {
                    if let Some(short) = entity.short.get(rng.below(entity.short.len().max(1))) {
                        mentions.push(mention(
                            &mut sentences,
                            short,
                            entity.kind,
                            None,
                            Some(first),
                            offset,
                        ));
                        offset += short.len() + 20;
                    }
                }
            }
            DocAnalysis {
                record: DocumentRecord {
                    doc_id: format!("doc{d:07}"),
                    path: String::new(),
                    meta: Meta {
                        outlet: format!("outlet{}", d % 50),
                        ..Meta::default()
                    },
                    status: Status::Ok,
                    note: String::new(),
                    bytes: 0,
                    kept_chars: 0,
                    paragraphs: 0,
                    sentences: sentences.len(),
                },
                sentences,
                mentions,
                claims: Vec::new(),
            }
        })
        .collect()
}
