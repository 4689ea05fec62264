//! One process at a time per store directory.
//!
//! RocksDB's own lock gives a cryptic error, and a read-only opening next to a writer reports false
//! "corruption"; so every command takes an exclusive advisory lock on `DIR/lock` first, and writes
//! its process id there so the next one can say who holds it (and a server its URL on a second
//! line, `serve URL`, so the next one can point there). The operating system releases the
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
                let mut note = String::new();
                let _ = file.read_to_string(&mut note);
                let mut lines = note.lines();
                let pid = lines.next().unwrap_or_default().trim();
                let server = lines
                    .next()
                    .and_then(|l| l.strip_prefix("serve "))
                    .map(|url| url.trim().to_owned());
                return Err(StoreError::InUse {
                    dir: dir.to_owned(),
                    pid: if pid.is_empty() {
                        "unknown".into()
                    } else {
                        pid.to_owned()
                    },
                    server,
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

/// Adds `serve URL` under the process id in the lock file of a store this process holds. The
/// advisory lock belongs to the open file description kept by [`StoreLock`]; writing through
/// another one does not release it.
pub fn note_server(dir: &Path, url: &str) -> Result<(), StoreError> {
    let path = dir.join("lock");
    let note = format!("{}\nserve {url}\n", std::process::id());
    std::fs::write(&path, note).map_err(|e| StoreError::Open {
        dir: dir.to_owned(),
        message: format!("{}: {e}", path.display()),
    })
}

/// Whether the store directory is on a read-only file system (asked after taking the lock
/// failed): then no process can write the store, and it can be opened read-only without a lock.
pub fn on_read_only_file_system(dir: &Path) -> bool {
    let probe = OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(dir.join("lock"));
    matches!(probe, Err(e) if e.kind() == std::io::ErrorKind::ReadOnlyFilesystem)
}
