//! Byte-identical reports whatever the thread count, input order or the
//! order in which the file system lists a folder.

use crate::support::{crosscheck, seeds};
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

fn run(inputs: &[PathBuf], threads: &str) -> tempfile::TempDir {
    let out = tempfile::tempdir().unwrap();
    let mut args: Vec<&OsStr> = vec!["run".as_ref(), "--threads".as_ref(), threads.as_ref()];
    args.extend(inputs.iter().map(|p| p.as_os_str()));
    args.extend(["--out".as_ref(), out.path().as_os_str()]);
    let output = crosscheck(&args);
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    out
}

fn reports(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            (
                path.file_name().unwrap().to_string_lossy().into_owned(),
                fs::read(&path).unwrap(),
            )
        })
        .collect();
    files.sort();
    files
}

#[test]
fn reports_do_not_depend_on_threads_or_input_order() {
    let mut files: Vec<PathBuf> = fs::read_dir(seeds())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let reference = reports(run(&files, "1").path());
    assert!(!reference.is_empty());

    // Shuffled command line (a fixed permutation, so the test is repeatable).
    let shuffled: Vec<PathBuf> = [3, 0, 4, 2, 1].iter().map(|&i| files[i].clone()).collect();
    assert_eq!(reports(run(&shuffled, "4").path()), reference);
    assert_eq!(reports(run(&files, "4").path()), reference);

    // A folder whose files were created in reverse order lists differently
    // on most file systems; paths differ from the reference, so compare it
    // with itself across thread counts and against reversed creation.
    let forward = tempfile::tempdir().unwrap();
    let backward = tempfile::tempdir().unwrap();
    for file in &files {
        fs::copy(file, forward.path().join(file.file_name().unwrap())).unwrap();
    }
    for file in files.iter().rev() {
        fs::copy(file, backward.path().join(file.file_name().unwrap())).unwrap();
    }
    let strip_paths = |reports: Vec<(String, Vec<u8>)>, dir: &Path| {
        let prefix = dir.display().to_string();
        reports
            .into_iter()
            .map(|(name, bytes)| {
                (
                    name,
                    String::from_utf8(bytes).unwrap().replace(&prefix, "DIR"),
                )
            })
            .collect::<Vec<_>>()
    };
    let a = strip_paths(
        reports(run(&[forward.path().to_path_buf()], "1").path()),
        forward.path(),
    );
    let b = strip_paths(
        reports(run(&[backward.path().to_path_buf()], "4").path()),
        backward.path(),
    );
    assert_eq!(a, b);
}
