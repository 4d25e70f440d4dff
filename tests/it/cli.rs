//! What the binary adds: exit codes, messages, report files.

use crate::support::{crosscheck, read_report, seeds_reports};

#[test]
fn documents_csv_lists_every_sample_document_as_ok() {
    let rows = read_report(seeds_reports(), "documents.csv");
    assert_eq!(rows.len(), 5);
    assert!(rows.iter().all(|r| r["status"] == "ok"), "{rows:?}");
}

#[test]
fn usage_errors_exit_with_2() {
    let output = crosscheck(&["run".as_ref()]);
    assert_eq!(output.status.code(), Some(2));
    let output = crosscheck(&["frobnicate".as_ref()]);
    assert_eq!(output.status.code(), Some(2));
}

#[test]
fn document_size_limit_beyond_32_bit_offsets_is_a_usage_error() {
    let out = tempfile::tempdir().unwrap();
    let output = crosscheck(&[
        "run".as_ref(),
        "data/seeds".as_ref(),
        "--out".as_ref(),
        out.path().as_os_str(),
        "--max-doc-bytes".as_ref(),
        "5000000000".as_ref(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--max-doc-bytes"), "{stderr}");
    assert!(stderr.contains("4294967295"), "{stderr}");
}

#[test]
fn nothing_processable_exits_with_1() {
    let dir = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let output = crosscheck(&[
        "run".as_ref(),
        missing.as_os_str(),
        "--out".as_ref(),
        out.path().as_os_str(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("missing.txt"), "{stderr}");
}
