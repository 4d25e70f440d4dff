//! Integration tests for the entities stage (see ARCHITECTURE.md): entity
//! reports on the sample corpus, the decisions round trip, the baseline
//! mode and `crosscheck names`.

use crate::support::{crosscheck, read_report, run_into, seeds, seeds_reports};
use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::Path;

/// Entity id of the first mention in `doc` (id prefix) written `surface`.
fn entity_of(mentions: &[HashMap<String, String>], doc: &str, surface: &str) -> String {
    mentions
        .iter()
        .find(|m| m["doc_id"].starts_with(doc) && m["surface"] == surface)
        .unwrap_or_else(|| panic!("no mention {surface:?} in {doc}"))["entity_id"]
        .clone()
}

#[test]
fn reports_have_the_documented_columns() {
    let dir = seeds_reports();
    for (name, first) in [
        (
            "entities.csv",
            "entity_id,name,type,variants,mentions,documents,outlets,roles",
        ),
        (
            "mentions.csv",
            "mention_id,entity_id,doc_id,outlet,surface,start,end,sentence_id,role",
        ),
        ("merges.csv", "entity_id,left,right,score,evidence,decision"),
    ] {
        let text = std::fs::read_to_string(dir.join(name)).expect("report");
        assert!(
            text.starts_with(first),
            "{name}: {}",
            text.lines().next().unwrap_or("")
        );
    }
}

#[test]
fn every_mention_has_an_entity_and_every_merge_evidence() {
    let dir = seeds_reports();
    let entities: BTreeSet<String> = read_report(dir, "entities.csv")
        .into_iter()
        .map(|e| e["entity_id"].clone())
        .collect();
    let mentions = read_report(dir, "mentions.csv");
    assert!(!mentions.is_empty());
    assert!(mentions.iter().all(|m| entities.contains(&m["entity_id"])));
    for merge in read_report(dir, "merges.csv") {
        assert!(entities.contains(&merge["entity_id"]), "{merge:?}");
        assert!(!merge["evidence"].is_empty(), "{merge:?}");
        assert!(["auto", "accepted", "rejected"].contains(&merge["decision"].as_str()));
    }
}

#[test]
fn sample_corpus_variants_merge_and_look_alikes_stay_apart() {
    let mentions = read_report(seeds_reports(), "mentions.csv");
    let of = |doc: &str, surface: &str| entity_of(&mentions, doc, surface);
    assert_eq!(of("000", "Amuralá Salé"), of("002", "Amrullah"));
    assert_eq!(of("000", "Amuralá Salé"), of("002", "Saleh"));
    assert_eq!(of("000", "AQSI"), of("002", "AQIS"));
    assert_eq!(
        of("000", "AQSI"),
        of("002", "al-Qaeda in the Indian Subcontinent")
    );
    assert_ne!(of("000", "AQSI"), of("000", "Al Qaeda"));
    assert_ne!(of("000", "Tehrik-i-Taliban Pakistan"), of("000", "Taliban"));
    assert_ne!(of("004", "Iran"), of("004", "Iraq"));
    assert_ne!(of("004", "Turkey"), of("004", "Turkmenistan"));
}

#[test]
fn reports_are_identical_across_runs_and_thread_counts() {
    let a = tempfile::tempdir().expect("tempdir");
    let b = tempfile::tempdir().expect("tempdir");
    run_into(&[&seeds()], a.path());
    let output = crosscheck(&[
        "run".as_ref(),
        seeds().as_os_str(),
        "--out".as_ref(),
        b.path().as_os_str(),
        "--threads".as_ref(),
        "1".as_ref(),
    ]);
    assert!(output.status.success());
    for name in ["entities.csv", "mentions.csv", "merges.csv"] {
        let left = std::fs::read(a.path().join(name)).expect("report");
        let right = std::fs::read(b.path().join(name)).expect("report");
        assert!(left == right, "{name} differs between runs");
    }
}

fn run_with_decisions(decisions: &Path, out: &Path) -> std::process::Output {
    let output = crosscheck(&[
        "run".as_ref(),
        seeds().as_os_str(),
        "--out".as_ref(),
        out.as_os_str(),
        "--decisions".as_ref(),
        decisions.as_os_str(),
    ]);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

#[test]
fn decisions_round_trip_merge_split_and_unknown_ids() {
    let first = tempfile::tempdir().expect("tempdir");
    run_into(&[&seeds()], first.path());
    let mentions = read_report(first.path(), "mentions.csv");
    let iran = entity_of(&mentions, "004", "Iran");
    let iraq = entity_of(&mentions, "004", "Iraq");
    let treasury = entity_of(&mentions, "002", "US Treasury");
    assert_eq!(entity_of(&mentions, "000", "Treasury Department"), treasury);
    assert_ne!(iran, iraq);

    let mut file = tempfile::NamedTempFile::new().expect("decisions file");
    writeln!(
        file,
        "action,left,right,note\n\
         merge,{iran},{iraq},analyst test: treat as one region\n\
         split,Treasury Department,US Treasury,analyst test: two offices\n\
         merge,person-no-such-entity,{iran},typo"
    )
    .expect("write decisions");
    let second = tempfile::tempdir().expect("tempdir");
    let output = run_with_decisions(file.path(), second.path());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("person-no-such-entity"), "{stderr}");

    let mentions = read_report(second.path(), "mentions.csv");
    assert_eq!(
        entity_of(&mentions, "004", "Iran"),
        entity_of(&mentions, "004", "Iraq")
    );
    assert_ne!(
        entity_of(&mentions, "000", "Treasury Department"),
        entity_of(&mentions, "002", "US Treasury")
    );
    let merges = read_report(second.path(), "merges.csv");
    assert!(merges
        .iter()
        .any(|m| m["decision"] == "accepted" && m["evidence"].contains("one region")));
    assert!(merges.iter().any(|m| m["decision"] == "rejected"));

    // The reports are stable: the same decisions give the same reports.
    let third = tempfile::tempdir().expect("tempdir");
    run_with_decisions(file.path(), third.path());
    for name in ["entities.csv", "mentions.csv", "merges.csv"] {
        let left = std::fs::read(second.path().join(name)).expect("report");
        let right = std::fs::read(third.path().join(name)).expect("report");
        assert!(left == right, "{name} differs between runs with decisions");
    }
}

#[test]
fn baseline_mode_groups_only_identical_names() {
    let out = tempfile::tempdir().expect("tempdir");
    let output = crosscheck(&[
        "run".as_ref(),
        seeds().as_os_str(),
        "--out".as_ref(),
        out.path().as_os_str(),
        "--resolver".as_ref(),
        "exact".as_ref(),
    ]);
    assert!(output.status.success());
    let mentions = read_report(out.path(), "mentions.csv");
    assert_ne!(
        entity_of(&mentions, "000", "AQSI"),
        entity_of(&mentions, "002", "AQIS")
    );
}

#[test]
fn names_subcommand_scores_pairs_with_evidence() {
    let mut file = tempfile::NamedTempFile::new().expect("pairs file");
    writeln!(
        file,
        "left,right,type\nAmuralá Salé,Amrullah Saleh,PERSON\nAustria,Australia,PLACE\nAQIS,AQSI,ORG"
    )
    .expect("write pairs");
    let output = crosscheck(&["names".as_ref(), file.path().as_os_str()]);
    assert!(output.status.success());
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines[0], "left,right,score,same,evidence");
    assert!(lines[1].contains(",true,"), "{}", lines[1]);
    assert!(lines[2].contains(",false,"), "{}", lines[2]);
    assert!(
        lines[3].contains(",true,") && lines[3].contains("reordered"),
        "{}",
        lines[3]
    );
}
