//! One process at a time per store directory.
//!
//! RocksDB's own lock gives a cryptic error, and a read-only opening next to a writer reports false
//! "corruption"; so every command takes an exclusive advisory lock on `DIR/lock` first, and writes
//! its process id there so the next one can say who holds it. The operating system releases the
//! lock when the process dies, even on SIGKILL.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::Path;

use crate::StoreError;

#[derive(Debug)]
pub struct StoreLock {
    _file: File,
}

impl StoreLock {
    pub fn acquire(dir: &Path) -> Result<StoreLock, StoreError> {
        let path = dir.join("lock");
        let open_err = |e: std::io::Error| StoreError::Open {
            dir: dir.to_owned(),
            message: format!("{}: {e}", path.display()),
        };
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(open_err)?;
        match file.try_lock() {
            Ok(()) => {}
            Err(std::fs::TryLockError::WouldBlock) => {
                let mut pid = String::new();
                let _ = file.read_to_string(&mut pid);
                let pid = pid.trim();
                return Err(StoreError::InUse {
                    dir: dir.to_owned(),
                    pid: if pid.is_empty() {
                        "unknown".into()
                    } else {
                        pid.to_owned()
                    },
                });
            }
            Err(std::fs::TryLockError::Error(e)) => return Err(open_err(e)),
        }
        file.set_len(0).map_err(open_err)?;
        file.seek(SeekFrom::Start(0)).map_err(open_err)?;
        write!(file, "{}", std::process::id()).map_err(open_err)?;
        file.flush().map_err(open_err)?;
        Ok(StoreLock { _file: file })
    }
}
