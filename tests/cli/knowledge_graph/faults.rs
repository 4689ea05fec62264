//! Faults of the machine under every write path: a full disk and a read-only store (which
//! must still be read). Both are
//! made for real, on a small tmpfs mounted for the test (file modes do not stop root, and a
//! full disk cannot be pretended): filled to a few KiB of room, or remounted read-only. Each
//! write (ingest of a guide, of an RDF file, an update) must fail with a clear message (exit 3) or succeed whole; afterwards the store holds
//! what it held before, `validate` conforms, and once there is room again it takes the write.

use std::path::PathBuf;

use super::*;

/// A tmpfs mounted at a directory for the life of the value; unmounted when dropped, also when
/// a test fails.
struct Mount {
    at: PathBuf,
}

impl Mount {
    fn tmpfs(at: PathBuf, megabytes: u32) -> Mount {
        // SAFETY: geteuid has no preconditions.
        let euid = unsafe { libc::geteuid() };
        assert_eq!(
            euid, 0,
            "mounting a tmpfs needs root (as CI runs the tests): this test cannot run otherwise"
        );
        std::fs::create_dir_all(&at).unwrap();
        let size = format!("size={megabytes}m");
        run(
            "mount",
            &["-t", "tmpfs", "-o", &size, "tmpfs", at.to_str().unwrap()],
        );
        Mount { at }
    }

    fn remount(&self, mode: &str) {
        let options = format!("remount,{mode}");
        run("mount", &["-o", &options, self.at.to_str().unwrap()]);
    }

    /// Fills the file system up to `room` bytes of free space.
    fn fill_leaving(&self, room: u64) -> PathBuf {
        let free = String::from_utf8(
            Command::new("df")
                .args(["--output=avail", "-B1"])
                .arg(&self.at)
                .output()
                .unwrap()
                .stdout,
        )
        .unwrap();
        let free: u64 = free.lines().nth(1).unwrap().trim().parse().unwrap();
        let filler = self.at.join("filler");
        let size = free.saturating_sub(room).to_string();
        run("fallocate", &["-l", &size, filler.to_str().unwrap()]);
        filler
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.at).status();
    }
}

fn run(program: &str, args: &[&str]) {
    let status = Command::new(program).args(args).status().unwrap();
    assert!(status.success(), "{program} {args:?}: {status}");
}

/// A store of the bundled guide on a fresh tmpfs in `dir`, and the files of three writes
/// made elsewhere (a second guide, an N-Quads file) or copying, each bigger than the room left.
fn store_on_tmpfs(dir: &tempfile::TempDir) -> (Mount, Vec<Vec<String>>) {
    let mount = Mount::tmpfs(dir.path().join("disk"), 256);
    smarty(dir)
        .args(["--store", "disk/store", "ingest"])
        .arg(guide())
        .assert()
        .success();
    smarty(dir)
        .args([
            "synth",
            "--practices",
            "400",
            "--seed",
            "7",
            "-o",
            "second.txt",
        ])
        .assert()
        .success();
    smarty(dir)
        .args(["--store", "elsewhere", "ingest", "second.txt"])
        .assert()
        .success();
    smarty(dir)
        .args([
            "--store",
            "elsewhere",
            "export",
            "--format",
            "nquads",
            "-o",
            "second.nq",
        ])
        .assert()
        .success();
    let writes = [
        // Every statement copied into eight graphs: more than the room left, once indexed.
        vec![
            "update",
            "INSERT { GRAPH ?copy { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } \
             VALUES ?n { 1 2 3 4 5 6 7 8 } BIND(IRI(CONCAT(\"urn:copy:\", STR(?n))) AS ?copy) }",
        ],
        vec!["ingest", "second.txt"],
        vec!["ingest", "second.nq"],
    ];
    let writes = writes
        .iter()
        .map(|w| w.iter().map(|s| s.to_string()).collect())
        .collect();
    (mount, writes)
}

/// The store's practices and statements, after checking that it validates.
fn state(dir: &tempfile::TempDir) -> (String, String) {
    smarty(dir)
        .args(["--store", "disk/store", "validate"])
        .assert()
        .success();
    counts(dir)
}

/// The store's practices and statements.
fn counts(dir: &tempfile::TempDir) -> (String, String) {
    let out = smarty(dir)
        .args(["--store", "disk/store", "query", "--format", "csv"])
        .arg(
            "SELECT (COUNT(DISTINCT ?p) AS ?practices) (COUNT(*) AS ?statements) \
             { GRAPH ?g { ?s ?q ?o } OPTIONAL { ?p a smarty:GoodPractice FILTER(?p = ?s) } }",
        )
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    let row = text.lines().nth(1).unwrap().to_owned();
    let (practices, statements) = row.split_once(',').unwrap();
    (practices.to_owned(), statements.to_owned())
}

#[test]
fn a_full_disk_fails_each_write_clearly_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (mount, writes) = store_on_tmpfs(&dir);
    let before = state(&dir);
    let mut refused = 0;
    for write in &writes {
        // Room for the store to open, not for the write.
        let filler = mount.fill_leaving(256 << 10);
        let out = smarty(&dir)
            .args(["--store", "disk/store"])
            .args(write)
            .output()
            .unwrap();
        std::fs::remove_file(&filler).unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        match out.status.code() {
            Some(3) => {
                assert!(
                    stderr.contains("No space left on device"),
                    "{write:?}: {stderr}"
                );
                assert!(stderr.contains("disk/store"), "names the store: {stderr}");
                assert_eq!(state(&dir), before, "{write:?} changed the store");
                refused += 1;
            }
            other => panic!("{write:?} on a full disk: exit {other:?}: {stderr}"),
        }
    }
    assert_eq!(refused, writes.len());
    // With room again, the same store takes the writes (the copies do not validate: each
    // practice is in several graphs).
    for write in &writes {
        smarty(&dir)
            .args(["--store", "disk/store"])
            .args(write)
            .assert()
            .success();
    }
    assert_ne!(counts(&dir), before);
}

#[test]
fn a_read_only_store_is_read_and_refuses_each_write_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let (mount, writes) = store_on_tmpfs(&dir);
    let before = state(&dir);
    let reads = read_everything(&dir);
    // The kept facts go: read-only, contacts and networks are computed from the store.
    let derived = dir.path().join("disk/store/derived");
    std::fs::remove_dir_all(&derived).unwrap();
    mount.remount("ro");
    // Readable as it was: every reading command gives the same output, `validate` conforms.
    assert_eq!(state(&dir), before);
    assert_eq!(read_everything(&dir), reads);
    assert!(!derived.exists(), "a read-only store was written to");
    for write in &writes {
        smarty(&dir)
            .args(["--store", "disk/store"])
            .args(write)
            .assert()
            .code(3)
            .stderr(predicate::str::contains("read-only file system"))
            .stderr(predicate::str::contains("disk/store"));
    }
    mount.remount("rw");
    assert_eq!(state(&dir), before);
    assert_eq!(read_everything(&dir), reads);
}

/// What the reading commands print about the store on the tmpfs: an export, the contacts, a
/// network and the counts.
fn read_everything(dir: &tempfile::TempDir) -> Vec<Vec<u8>> {
    [
        vec!["export", "--format", "nquads"],
        vec!["contacts", "--format", "json"],
        vec!["graph", "partners", "--format", "json"],
        vec!["stats"],
    ]
    .iter()
    .map(|args| crate::support::stdout_of(dir, "disk/store", args))
    .collect()
}
