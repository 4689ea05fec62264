//! Sorting an export's keys in bounded memory: keys are sorted in runs of at most `run_len`;
//! when there is more than one run, each is written to an unnamed temporary file (in `TMPDIR`,
//! removed by the system even if the process dies) and the runs are merged. A store of any
//! size exports in about the memory of one run.
//!
//! Keys are the N-Triples text of the terms, which never holds a line break (literals escape
//! them), so a run file is one key per line.

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Seek, Write};

use rayon::prelude::*;

use crate::StoreError;

/// Keys per run: about 60 MB of keys for this project's statements.
pub(crate) const RUN_LEN: usize = 1 << 18;

pub(crate) struct KeySorter {
    run_len: usize,
    keys: Vec<String>,
    runs: Vec<File>,
}

fn spill_error(e: std::io::Error) -> StoreError {
    StoreError::Storage(format!(
        "cannot sort the export in a temporary file under {}: {e}",
        std::env::temp_dir().display()
    ))
}

impl KeySorter {
    pub(crate) fn new(run_len: usize) -> KeySorter {
        KeySorter {
            run_len: run_len.max(1),
            keys: Vec::new(),
            runs: Vec::new(),
        }
    }

    pub(crate) fn extend(&mut self, keys: Vec<String>) -> Result<(), StoreError> {
        if self.keys.is_empty() {
            self.keys = keys;
        } else {
            self.keys.extend(keys);
        }
        if self.keys.len() >= self.run_len {
            self.spill()?;
        }
        Ok(())
    }

    fn spill(&mut self) -> Result<(), StoreError> {
        let mut keys = std::mem::take(&mut self.keys);
        keys.par_sort_unstable();
        let mut file = tempfile::tempfile().map_err(spill_error)?;
        {
            let mut w = BufWriter::with_capacity(1 << 16, &mut file);
            for key in &keys {
                w.write_all(key.as_bytes()).map_err(spill_error)?;
                w.write_all(b"\n").map_err(spill_error)?;
            }
            w.flush().map_err(spill_error)?;
        }
        file.rewind().map_err(spill_error)?;
        self.runs.push(file);
        Ok(())
    }

    /// All keys in order, each distinct key once when `dedup`.
    pub(crate) fn finish(mut self, dedup: bool) -> Result<SortedKeys, StoreError> {
        let source = if self.runs.is_empty() {
            self.keys.par_sort_unstable();
            Source::Memory(self.keys.into_iter())
        } else {
            if !self.keys.is_empty() {
                self.spill()?;
            }
            let mut readers: Vec<BufReader<File>> = self
                .runs
                .into_iter()
                .map(|f| BufReader::with_capacity(1 << 16, f))
                .collect();
            let mut heap = BinaryHeap::with_capacity(readers.len());
            for (run, reader) in readers.iter_mut().enumerate() {
                if let Some(key) = read_key(reader)? {
                    heap.push(Reverse((key, run)));
                }
            }
            Source::Merge { readers, heap }
        };
        Ok(SortedKeys {
            source,
            dedup,
            last: None,
        })
    }
}

fn read_key(reader: &mut BufReader<File>) -> Result<Option<String>, StoreError> {
    let mut line = String::new();
    if reader.read_line(&mut line).map_err(spill_error)? == 0 {
        return Ok(None);
    }
    if line.ends_with('\n') {
        line.pop();
    }
    Ok(Some(line))
}

enum Source {
    Memory(std::vec::IntoIter<String>),
    Merge {
        readers: Vec<BufReader<File>>,
        heap: BinaryHeap<Reverse<(String, usize)>>,
    },
}

impl Source {
    fn next_key(&mut self) -> Result<Option<String>, StoreError> {
        match self {
            Source::Memory(keys) => Ok(keys.next()),
            Source::Merge { readers, heap } => {
                let Some(Reverse((key, run))) = heap.pop() else {
                    return Ok(None);
                };
                if let Some(next) = read_key(&mut readers[run])? {
                    heap.push(Reverse((next, run)));
                }
                Ok(Some(key))
            }
        }
    }
}

/// The sorted keys, read one at a time.
pub(crate) struct SortedKeys {
    source: Source,
    dedup: bool,
    last: Option<String>,
}

impl SortedKeys {
    pub(crate) fn next_key(&mut self) -> Result<Option<String>, StoreError> {
        loop {
            let Some(key) = self.source.next_key()? else {
                return Ok(None);
            };
            if self.dedup {
                if self.last.as_deref() == Some(key.as_str()) {
                    continue;
                }
                self.last = Some(key.clone());
            }
            return Ok(Some(key));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Sorts `keys` with runs of `run_len` and returns what comes out.
    fn check(keys: &[&str], run_len: usize, dedup: bool, expect: &[&str]) {
        let mut sorter = KeySorter::new(run_len);
        for chunk in keys.chunks(2) {
            sorter
                .extend(chunk.iter().map(|k| (*k).to_owned()).collect())
                .expect("extend");
        }
        let spilled = sorter.runs.len() + usize::from(!sorter.keys.is_empty());
        let mut sorted = sorter.finish(dedup).expect("finish");
        let mut out = Vec::new();
        while let Some(key) = sorted.next_key().expect("next") {
            out.push(key);
        }
        assert_eq!(out, expect, "run_len {run_len}, {spilled} runs");
    }

    #[test]
    fn one_run_or_many_give_the_same_order() {
        let keys = [
            "<b> <p> \"x\"",
            "<a> <p> <c>",
            "<b> <p> \"x\"",
            "<a> <p> \"a b\"",
            "<a> <q> <c>",
        ];
        let sorted = [
            "<a> <p> \"a b\"",
            "<a> <p> <c>",
            "<a> <q> <c>",
            "<b> <p> \"x\"",
            "<b> <p> \"x\"",
        ];
        for run_len in [1, 2, 3, 100] {
            check(&keys, run_len, false, &sorted);
            check(
                &keys,
                run_len,
                true,
                &[sorted[0], sorted[1], sorted[2], sorted[3]],
            );
        }
    }

    #[test]
    fn nothing_in_nothing_out() {
        check(&[], 2, true, &[]);
    }

    #[test]
    fn duplicates_in_different_runs_come_out_once() {
        check(
            &["<x>", "<y>", "<x>", "<x>", "<y>"],
            2,
            true,
            &["<x>", "<y>"],
        );
    }
}
