//! Reading ahead of the workers.
//!
//! Scraped corpora are folders of many small files. When they are not in
//! the page cache, each worker would wait for the disk once per file while
//! its core sits idle: on the 100k-document corpus, reading the files one
//! after another took 17.5 s of waiting. Here a thread walks the inputs in
//! order, asks the OS to start reading each file (`posix_fadvise`
//! `WILLNEED`, which returns at once), and only then hands the input on. A
//! bounded queue keeps it a fixed number of files ahead of the workers, so
//! it never fills the page cache with files that are not needed soon.

use super::Input;
use std::sync::mpsc;
use std::thread;

/// Files whose reading may be under way before a worker asks for them:
/// enough to keep the disk's queue busy while a document is analysed.
const FILES_AHEAD: usize = 256;

/// The part of each file read ahead; the OS reads the rest of a long file
/// ahead on its own once it is read in order.
const BYTES_AHEAD: u64 = 8 << 20;

/// Calls `consume` with the inputs in their order, each paired with its
/// position, while a thread of this function's own starts the reading of
/// the next files. Returns what `consume` returns.
pub fn read_ahead<R>(
    inputs: Vec<Input>,
    consume: impl FnOnce(mpsc::IntoIter<(usize, Input)>) -> R,
) -> R {
    let (sender, receiver) = mpsc::sync_channel(FILES_AHEAD);
    thread::scope(|scope| {
        scope.spawn(move || {
            for (at, input) in inputs.into_iter().enumerate() {
                hint_will_need(&input);
                if sender.send((at, input)).is_err() {
                    break;
                }
            }
        });
        consume(receiver.into_iter())
    })
}

/// Asks the OS to start reading the input's file. Only a hint: a file that
/// cannot be opened here is reported by the worker that reads it.
fn hint_will_need(input: &Input) {
    if input.stdin.is_some() || input.duplicate_of.is_some() {
        return;
    }
    #[cfg(target_os = "linux")]
    if let Ok(file) = std::fs::File::open(&input.path) {
        let _ = rustix::fs::fadvise(
            &file,
            0,
            std::num::NonZeroU64::new(BYTES_AHEAD),
            rustix::fs::Advice::WillNeed,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn inputs(paths: &[&str]) -> Vec<Input> {
        paths.iter().map(Input::file).collect()
    }

    #[test]
    fn every_input_arrives_once_in_order_with_its_position() {
        let names: Vec<String> = (0..1000).map(|i| format!("missing/{i}.txt")).collect();
        let paths: Vec<&str> = names.iter().map(String::as_str).collect();
        let seen: Vec<(usize, PathBuf)> = read_ahead(inputs(&paths), |all| {
            all.map(|(at, input)| (at, input.path)).collect()
        });
        let expected: Vec<(usize, PathBuf)> = names
            .iter()
            .enumerate()
            .map(|(at, name)| (at, PathBuf::from(name)))
            .collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn a_consumer_that_stops_early_does_not_hang() {
        let names: Vec<String> = (0..2 * FILES_AHEAD).map(|i| format!("{i}")).collect();
        let paths: Vec<&str> = names.iter().map(String::as_str).collect();
        let first = read_ahead(inputs(&paths), |mut all| all.next().map(|(at, _)| at));
        assert_eq!(first, Some(0));
    }
}
