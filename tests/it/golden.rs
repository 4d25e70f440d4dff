//! The committed `reports/` are what `crosscheck run data/seeds --out reports`
//! writes: every change in output shows in review. To accept a change, run
//! the README's first command (or this test with `CROSSCHECK_BLESS=1`) and
//! review the diff.

use std::path::Path;
use std::process::Command;

#[test]
fn committed_reports_match_a_fresh_run() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let status = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .current_dir(root)
        .args(["run", "data/seeds", "--out"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );
    let committed = root.join("reports");
    let bless = std::env::var_os("CROSSCHECK_BLESS").is_some();
    let mut names: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    names.sort();
    assert!(!names.is_empty());
    for name in names {
        let fresh = std::fs::read(out.path().join(&name)).unwrap();
        let path = committed.join(&name);
        if bless {
            std::fs::write(&path, &fresh).unwrap();
            continue;
        }
        let old = std::fs::read(&path).unwrap_or_default();
        assert!(
            old == fresh,
            "reports/{} differs from a fresh run; rerun `cargo run --release -- run data/seeds --out reports` and review the diff",
            name.to_string_lossy()
        );
    }
}
