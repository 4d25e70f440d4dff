//! Settings for binaries whose global allocator is mimalloc (the
//! `crosscheck` binary and the `whole_run` example).

use libmimalloc_sys::{mi_option_set, mi_option_t};

/// `mi_option_arena_eager_commit` in mimalloc v3's `mi_option_e`
/// (`include/mimalloc.h`), which the Rust bindings do not name.
const ARENA_EAGER_COMMIT: mi_option_t = 4;

/// `mi_option_purge_delay`, in the same enum.
const PURGE_DELAY: mi_option_t = 15;

/// Milliseconds before freed memory goes back to the OS (mimalloc's default
/// is 1000). On the 100k corpus a delay of 2 ms lowered the peak from
/// 3.92-3.94M to 3.84-3.86M KiB for 1-2 s more of wall time; 5 ms gave
/// 3.87M KiB, and 0 ms cost 9 s (memory went back and came again at every
/// turn).
const PURGE_DELAY_MS: std::ffi::c_long = 2;

/// Commits arena memory as pages are used rather than when an arena is
/// reserved (on the 100k-document corpus this lowered the peak from 5.15 to
/// 4.92 GB and system time from 37 to 27 s), and returns freed memory
/// sooner ([`PURGE_DELAY_MS`]).
///
/// Also turns transparent huge pages off for the process (Linux). mimalloc
/// asks for them, but its purging of freed memory breaks them up again, so
/// the kernel kept clearing and splitting 2 MiB pages: with them off, the
/// 100k run's peak fell by 30-60 MB, and the 10k run's system time from
/// 1.3-2.3 s to 0.5 s.
/// (mimalloc's own `allow_thp` option is read before `main`, too early to
/// set here.)
///
/// Call it first thing in `main`: arenas reserved before keep their setting.
pub fn tune_mimalloc() {
    // SAFETY: mimalloc's option calls take a plain integer option id and
    // value; an id it does not know is ignored.
    unsafe {
        mi_option_set(ARENA_EAGER_COMMIT, 0);
        mi_option_set(PURGE_DELAY, PURGE_DELAY_MS);
    }
    // Only a hint to the kernel: without it, the run is the same but
    // slower, so an error is not worth stopping for.
    #[cfg(target_os = "linux")]
    let _ = rustix::thread::disable_transparent_huge_pages(true);
}

#[cfg(test)]
mod tests {
    use super::*;
    use libmimalloc_sys::mi_option_get;

    #[test]
    fn tuning_sets_arena_commit_purge_delay_and_huge_pages() {
        // SAFETY: plain integer option ids.
        let get = |option| unsafe { mi_option_get(option) };
        // 2 ("eager where the OS overcommits") and 1000 (ms) are these
        // options' defaults and no neighbouring option's: the ids name the
        // right options.
        assert_eq!(get(ARENA_EAGER_COMMIT), 2);
        assert_eq!(get(PURGE_DELAY), 1000);
        tune_mimalloc();
        assert_eq!(get(ARENA_EAGER_COMMIT), 0);
        assert_eq!(get(PURGE_DELAY), PURGE_DELAY_MS);
        #[cfg(target_os = "linux")]
        assert_eq!(
            rustix::thread::transparent_huge_pages_are_disabled().ok(),
            Some(true)
        );
    }
}
