//! Files the shell and the CLI write (exports, pictures, synthetic guides).

use std::io::{BufWriter, Write};
use std::path::Path;

use crate::error::ReplError;

/// Writes a file by way of a temporary file in the same directory, renamed into place: readers
/// never see half a file, and a failure leaves any previous file intact.
pub fn write_atomically<T>(
    path: &Path,
    write: impl FnOnce(&mut dyn Write) -> Result<T, ReplError>,
) -> Result<T, ReplError> {
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
}
