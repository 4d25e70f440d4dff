//! Helpers shared by the integration tests: run the binary, read reports.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::Output;

/// The sample corpus shipped in `data/seeds`.
pub fn seeds() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/seeds")
}

/// Runs the binary with `args`.
pub fn crosscheck(args: &[&std::ffi::OsStr]) -> Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .output()
        .expect("running crosscheck")
}

/// Runs `crosscheck run INPUT... --out OUT` and asserts success.
pub fn run_into(inputs: &[&Path], out: &Path) -> Output {
    let mut args: Vec<&std::ffi::OsStr> = vec!["run".as_ref()];
    args.extend(inputs.iter().map(|p| p.as_os_str()));
    args.push("--out".as_ref());
    args.push(out.as_os_str());
    let output = crosscheck(&args);
    assert!(
        output.status.success(),
        "crosscheck failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

/// A report as rows of column name -> cell.
pub fn read_report(dir: &Path, name: &str) -> Vec<HashMap<String, String>> {
    let mut reader = csv::Reader::from_path(dir.join(name)).expect("opening report");
    let header = reader.headers().expect("header").clone();
    reader
        .records()
        .map(|r| {
            let r = r.expect("record");
            header
                .iter()
                .zip(r.iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

/// The sample corpus analysed once per test process, into a temp folder.
pub fn seeds_reports() -> &'static Path {
    static DIR: std::sync::OnceLock<tempfile::TempDir> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        run_into(&[&seeds()], dir.path());
        dir
    })
    .path()
}
