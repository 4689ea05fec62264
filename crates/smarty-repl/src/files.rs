//! Files the shell and the CLI write (exports, pictures, synthetic guides).

use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::atomic::{AtomicU32, Ordering};

use crate::error::ReplError;

/// The user's umask, when the process runs with a tighter one (`u32::MAX`: not recorded).
static USER_UMASK: AtomicU32 = AtomicU32::new(u32::MAX);

/// Records the user's umask. While a store is open the process runs with umask 077, so that
/// the store's files are private; the files the user asks for (exports, pictures, results) still
/// get the usual 0666 less the user's own umask.
pub fn keep_user_umask(umask: u32) {
    USER_UMASK.store(umask & 0o777, Ordering::Relaxed);
}

/// Gives a file the user asked for the mode the user's umask gives (see [`keep_user_umask`]).
pub(crate) fn give_user_mode(file: &std::fs::File) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let umask = USER_UMASK.load(Ordering::Relaxed);
        if umask != u32::MAX {
            file.set_permissions(std::fs::Permissions::from_mode(0o666 & !umask))?;
        }
    }
    #[cfg(not(unix))]
    let _ = file;
    Ok(())
}

/// Writes a file by way of a temporary file in the same directory, renamed into place: readers
/// never see half a file, and a failure leaves any previous file intact. What is not a file —
/// `/dev/null`, `/dev/stdout`, a named pipe — is written to as it is: renaming over it would
/// replace the device or pipe with a file.
pub fn write_atomically<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T, ReplError>,
) -> Result<T, ReplError> {
    if std::fs::metadata(path).is_ok_and(|m| !m.is_file() && !m.is_dir()) {
        return write_in_place(path, write);
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    // A new file gets the usual 0666 less the umask (a bare temporary file would be 0600).
    let mut builder = tempfile::Builder::new();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder
        .tempfile_in(dir)
        .map_err(|e| ReplError::Command(format!("cannot write in {}: {e}", dir.display())))?;
    give_user_mode(tmp.as_file())?;
    let value = {
        let mut w = BufWriter::new(tmp.as_file_mut());
        let value = write(&mut w)?;
        w.flush()?;
        value
    };
    tmp.persist(path)
        .map_err(|e| ReplError::Command(format!("cannot write {}: {e}", path.display())))?;
    Ok(value)
}

/// Writes to a device or a pipe, opened as it is.
fn write_in_place<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T, ReplError>,
) -> Result<T, ReplError> {
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| ReplError::Command(format!("cannot write {}: {e}", path.display())))?;
    let mut w = BufWriter::new(file);
    let value = write(&mut w)?;
    w.flush()?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_failed_write_leaves_the_old_file() {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("out.txt");
        std::fs::write(&path, "old").expect("write");
        let failed: Result<(), ReplError> = write_atomically(&path, |w| {
            w.write_all(b"half")?;
            Err(ReplError::Command("stopped".into()))
        });
        assert!(failed.is_err());
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "old");
        write_atomically(&path, |w| Ok(w.write_all(b"new")?)).expect("write");
        assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
        let leftovers = std::fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(leftovers, 1, "no temporary file is left behind");
    }

    /// `-o /dev/null` once renamed a file over the device. A named pipe stands in for it here:
    /// written through, and still a pipe afterwards.
    #[cfg(unix)]
    #[test]
    fn a_pipe_is_written_through_not_replaced() {
        use std::os::unix::fs::FileTypeExt;
        let dir = tempfile::tempdir().expect("temp dir");
        let fifo = dir.path().join("pipe");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .expect("run mkfifo");
        assert!(made.success());
        let reader = {
            let fifo = fifo.clone();
            std::thread::spawn(move || std::fs::read_to_string(fifo).expect("read the pipe"))
        };
        write_atomically(&fifo, |w| Ok(w.write_all(b"through the pipe")?)).expect("write");
        assert_eq!(reader.join().expect("reader"), "through the pipe");
        let kind = std::fs::symlink_metadata(&fifo).expect("stat").file_type();
        assert!(kind.is_fifo(), "the pipe is still a pipe: {kind:?}");
        let entries = std::fs::read_dir(dir.path()).expect("list").count();
        assert_eq!(entries, 1, "no temporary file is left behind");
    }
}
