//! The memory allocator, and how it is tuned for the command that runs.
//!
//! glibc's allocator spends a quarter of an ingest consolidating free lists (millions of small
//! strings and quads); mimalloc does not. It replaces malloc for C and C++ code as well (the
//! `override` feature), so memory allocated by RocksDB and freed by Rust meets one allocator.
//!
//! mimalloc's defaults favour speed over memory: freed memory goes back to the system a second
//! later, and its arenas ask for transparent huge pages. Reads keep them (without huge pages the
//! contacts network's first projection takes about a fifth longer). An ingest keeps them not:
//! its bulk loader fills and frees large sorted runs on several threads, and with the defaults
//! its peak resident memory was 1.3–1.8 times that of pyoxigraph's bulk load of the same
//! statements; returning memory at once, in small pages, brings it to about 1.1 (BENCHMARKS.md).

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc 3's option numbers (`mi_option_e` in its `mimalloc.h`), which libmimalloc-sys names
/// only for mimalloc 2. The test below checks them against their documented defaults.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
const ALLOW_THP: libmimalloc_sys::mi_option_t = 43;

/// Tunes the allocator for a bulk write: freed memory returned to the system at once, and no
/// transparent huge pages for what is allocated from now on.
pub fn for_bulk_writes() {
    // SAFETY: setting two of mimalloc's options, which it reads on later allocations; called
    // once, from `main`, before the command starts any thread.
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, 0);
        libmimalloc_sys::mi_option_set(ALLOW_THP, 0);
    }
    // The arena mimalloc reserved before `main` already asked for huge pages; the kernel's
    // per-process switch stops them for the pages it has not yet backed too.
    #[cfg(target_os = "linux")]
    // SAFETY: a prctl with integer arguments; failing leaves huge pages on, which is harmless.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_numbers_are_mimallocs() {
        if std::env::vars().any(|(name, _)| name.starts_with("MIMALLOC_")) {
            return; // options set from the environment: the defaults cannot be told
        }
        // SAFETY: reading options.
        let (delay, thp) = unsafe {
            (
                libmimalloc_sys::mi_option_get(PURGE_DELAY),
                libmimalloc_sys::mi_option_get(ALLOW_THP),
            )
        };
        assert_eq!((delay, thp), (1000, 1), "mimalloc renumbered its options");
    }
}
