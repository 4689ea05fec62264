//! Every write path killed (SIGKILL) at random moments: an ingest of a second guide, a new
//! edition of a stored guide, a load of RDF files and an update. After each kill the store
//! holds the old state or the whole new one, `validate` reports on it as on that state, and the
//! facts it kept for the contacts and networks say what its statements say.
//!
//! The moments are new at every run: each write is timed whole first, and one kill falls at a
//! random place in each of [`KILLS`] equal slices of that time, so every part of the write is
//! hit. A failure names the moment, in milliseconds after the start.

use std::hash::{BuildHasher, Hasher};

use std::io::{Read, Write};

use super::crash::assert_kept_facts_are_true;
use super::*;
use crate::http::{Server, send};

/// Kills per write path.
const KILLS: u32 = 20;

/// The bundled guide repeated: a document big enough that an ingest takes a while.
fn big_guide(dir: &Path, copies: usize) -> std::path::PathBuf {
    let text = std::fs::read_to_string(guide()).unwrap();
    let path = dir.join("big-guide.txt");
    std::fs::write(&path, text.repeat(copies)).unwrap();
    path
}

/// Runs the binary with `args` in `dir` to the end; returns how long it took.
fn timed(dir: &tempfile::TempDir, args: &[&str]) -> Duration {
    let start = Instant::now();
    smarty(dir)
        .args(["--store", "store"])
        .args(args)
        .assert()
        .success();
    start.elapsed()
}

/// A 400-practice synthetic guide (`synth.txt`), ingested into `store`.
fn synthetic_store(dir: &tempfile::TempDir, store: &str) {
    smarty(dir)
        .args(["synth", "--practices", "400", "-o", "synth.txt"])
        .assert()
        .success();
    smarty(dir)
        .args(["--store", store, "ingest", "synth.txt"])
        .assert()
        .success();
}

/// An update copying every statement into one graph, and the count of what it copied.
const COPY: &str = "INSERT { GRAPH <urn:x:copy> { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } }";
const COPIED: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <urn:x:copy> { ?s ?p ?o } }";

fn drop_copy(dir: &tempfile::TempDir) {
    smarty(dir)
        .args(["--store", "store", "update", "DROP GRAPH <urn:x:copy>"])
        .assert()
        .success();
}

/// One moment (ms) at a random place in each of [`KILLS`] equal slices of `span`.
fn kill_moments(span: Duration) -> Vec<u64> {
    // The standard library's randomly keyed hasher: a new seed each run, no extra crate.
    let seed = std::collections::hash_map::RandomState::new();
    let slice = span.as_secs_f64() * 1000.0 / f64::from(KILLS);
    (0..KILLS)
        .map(|i| {
            let mut hasher = seed.build_hasher();
            hasher.write_u32(i);
            let within = (hasher.finish() % 1000) as f64 / 1000.0;
            ((f64::from(i) + within) * slice) as u64
        })
        .collect()
}

/// Runs the binary with `args` in `dir`, kills it (SIGKILL) at each moment in turn, and after
/// each kill checks the store ([`after_each_kill`]). Returns how many kills found the old state.
fn kill_at(
    dir: &tempfile::TempDir,
    args: &[&str],
    moments_ms: &[u64],
    check: impl FnMut(&str) -> bool,
    reset: impl Fn(),
) -> usize {
    let run = |moment: u64| {
        let mut child = Command::new(env!("CARGO_BIN_EXE_smarty-kg"))
            .current_dir(dir.path())
            .args(["--store", "store"])
            .args(args)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(moment));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
    };
    after_each_kill(dir, &format!("{args:?}"), moments_ms, run, check, reset)
}

/// For each moment: `run` makes a write and kills it at that moment; then `check` (true: the
/// old state) looks at the store, the kept facts must be true and `validate` must report on a
/// whole state; `reset` restores the old state when a kill came too late. Returns how many
/// kills found the old state.
#[allow(clippy::print_stderr)] // the split of outcomes, for docs/RELIABILITY.md
fn after_each_kill(
    dir: &tempfile::TempDir,
    what: &str,
    moments_ms: &[u64],
    mut run: impl FnMut(u64),
    mut check: impl FnMut(&str) -> bool,
    reset: impl Fn(),
) -> usize {
    let mut olds = 0;
    let mut reports: [Option<Vec<u8>>; 2] = [None, None];
    for moment in moments_ms {
        run(*moment);
        let when = format!("{what} killed at {moment} ms");
        let old = check(&when);
        assert_kept_facts_are_true(dir, &when);
        let report = smarty(dir)
            .args(["--store", "store", "validate"])
            .output()
            .unwrap();
        // Each state, old or new, gives the report it gives whole.
        let first = reports[usize::from(old)].get_or_insert_with(|| report.stdout.clone());
        assert_eq!(
            String::from_utf8_lossy(first),
            String::from_utf8_lossy(&report.stdout),
            "{when}"
        );
        if old {
            olds += 1;
        } else {
            reset();
        }
    }
    // The figures docs/RELIABILITY.md publishes (cargo test kills -- --nocapture).
    eprintln!(
        "kills of {what}: {} found the old state whole, {} the new one whole",
        olds,
        moments_ms.len() - olds
    );
    olds
}

/// A second guide's ingest: the old state, or the whole new one with exactly the statements
/// (and cross-graph repeats) the completed ingest gives.
#[test]
fn an_ingest_killed_at_random_moments_leaves_one_whole_state() {
    let dir = ingested();
    let old = count(&dir, TOTAL);
    let big = big_guide(dir.path(), 30);
    let big = big.to_str().unwrap();
    let reset = || {
        smarty(&dir)
            .args(["--store", "store", "update", "DROP SILENT ALL"])
            .assert()
            .success();
        smarty(&dir)
            .args(["--store", "store", "ingest"])
            .arg(guide())
            .assert()
            .success();
    };
    let span = timed(&dir, &["ingest", big]);
    let (full, full_repeats) = (count(&dir, TOTAL), count(&dir, DUPLICATES));
    assert!(full > old);
    reset();
    let olds = kill_at(
        &dir,
        &["ingest", big],
        &kill_moments(span),
        |when| {
            let now = count(&dir, TOTAL);
            assert!(
                now == old || now == full,
                "{when}: {now} statements, expected {old} or {full}"
            );
            let repeats = if now == old { 0 } else { full_repeats };
            assert_eq!(count(&dir, DUPLICATES), repeats, "{when}");
            now == old
        },
        reset,
    );
    assert!(
        olds > 0,
        "no kill landed before the commit; the test proved nothing"
    );
}

/// A new edition of the bundled guide (the same guide, one practice's summary reworded): the
/// old edition whole, or the new one whole — never both, never a mix.
#[test]
fn a_new_edition_killed_at_random_moments_leaves_one_whole_edition() {
    let dir = ingested();
    let text = std::fs::read_to_string(guide()).unwrap();
    let edition = text.replacen(
        "application of blockchain in the textile",
        "application of blockchain in the fabric",
        1,
    );
    assert_ne!(edition, text);
    std::fs::write(dir.path().join("edition.txt"), edition).unwrap();
    let fabric = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), \"fabric\")) }";
    let (old_total, old_fabric) = (count(&dir, TOTAL), count(&dir, fabric));
    let reset = || {
        smarty(&dir)
            .args(["--store", "store", "ingest"])
            .arg(guide())
            .assert()
            .success();
    };
    let span = timed(&dir, &["ingest", "edition.txt"]);
    let (new_total, new_fabric) = (count(&dir, TOTAL), count(&dir, fabric));
    assert!(new_fabric > old_fabric);
    reset();
    assert_eq!(count(&dir, fabric), old_fabric);
    let olds = kill_at(
        &dir,
        &["ingest", "edition.txt"],
        &kill_moments(span),
        |when| {
            let now = count(&dir, fabric);
            assert!(
                now == old_fabric || now == new_fabric,
                "{when}: {now} statements say fabric"
            );
            assert_eq!(count(&dir, PRACTICES), 26, "{when}");
            assert_eq!(count(&dir, DUPLICATES), 0, "{when}: both editions visible");
            let total = if now == old_fabric {
                old_total
            } else {
                new_total
            };
            assert_eq!(count(&dir, TOTAL), total, "{when}");
            now == old_fabric
        },
        reset,
    );
    assert!(
        olds > 0,
        "no kill landed before the commit; the test proved nothing"
    );
}

/// A load of RDF files and an update, each killed at random moments: the store holds the old
/// state or the whole new one, reports on it as on that state, and its kept facts say what its
/// statements say.
#[test]
fn loads_and_updates_killed_at_random_moments_leave_one_whole_state() {
    // A file big enough that loading it takes a while: a synthetic guide's statements, loaded
    // into an empty store (a file sharing graphs with ingested guides would merge into them).
    let dir = tempfile::tempdir().unwrap();
    synthetic_store(&dir, "other");
    smarty(&dir)
        .args([
            "--store", "other", "export", "--format", "nquads", "-o", "synth.nq",
        ])
        .assert()
        .success();
    let drop_all = || {
        smarty(&dir)
            .args(["--store", "store", "update", "DROP SILENT ALL"])
            .assert()
            .success();
    };
    let span = timed(&dir, &["ingest", "synth.nq"]);
    let full = count(&dir, TOTAL);
    drop_all();
    let olds = kill_at(
        &dir,
        &["ingest", "synth.nq"],
        &kill_moments(span),
        |when| {
            let now = count(&dir, TOTAL);
            assert!(
                now == 0 || now == full,
                "{when}: {now} of {full} statements"
            );
            now == 0
        },
        drop_all,
    );
    assert!(olds > 0, "no kill landed before the load's commit");

    // An update copying every statement into one graph, killed the same way.
    smarty(&dir)
        .args(["--store", "store", "ingest", "synth.nq"])
        .assert()
        .success();
    let old = count(&dir, TOTAL);
    let drop_copy = || drop_copy(&dir);
    let span = timed(&dir, &["update", COPY]);
    drop_copy();
    let olds = kill_at(
        &dir,
        &["update", COPY],
        &kill_moments(span),
        |when| {
            let now = count(&dir, COPIED);
            assert!(now == 0 || now == old, "{when}: {now} of {old} copied");
            now == 0
        },
        drop_copy,
    );
    assert!(olds > 0, "no kill landed before the update's commit");
}

/// `serve --read-write` killed while it runs an update a client sent (every statement copied
/// into one graph): the store holds the old state or the whole new one.
#[test]
fn a_server_killed_during_a_write_leaves_one_whole_state() {
    let dir = tempfile::tempdir().unwrap();
    synthetic_store(&dir, "store");
    std::fs::write(dir.path().join("token"), "a-long-secret-token-42\n").unwrap();
    let old = count(&dir, TOTAL);
    let request = format!(
        "POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-update\r\n\
         Content-Length: {}\r\nAuthorization: Bearer a-long-secret-token-42\r\n\
         Connection: close\r\n\r\n{COPY}",
        COPY.len()
    );
    let serve = || Server::start(&dir, &["--read-write", "--token-file", "token"]);
    let drop_copy = || drop_copy(&dir);
    let span = {
        let server = serve();
        let start = Instant::now();
        assert_eq!(send(server.addr, request.as_bytes()).status, 200);
        start.elapsed()
    };
    drop_copy();
    let run = |moment: u64| {
        let server = serve();
        let (addr, request) = (server.addr, request.clone());
        // The client's side of a killed write: no answer, which is all it can know.
        let client = std::thread::spawn(move || {
            let mut stream = std::net::TcpStream::connect(addr).unwrap();
            let _ = stream.write_all(request.as_bytes());
            let mut answer = Vec::new();
            let _ = stream.read_to_end(&mut answer);
        });
        std::thread::sleep(Duration::from_millis(moment));
        drop(server); // SIGKILL, and waits for the process
        let _ = client.join();
    };
    let olds = after_each_kill(
        &dir,
        "serve --read-write, a POSTed update",
        &kill_moments(span),
        run,
        |when| {
            let now = count(&dir, COPIED);
            assert!(now == 0 || now == old, "{when}: {now} of {old} copied");
            now == 0
        },
        drop_copy,
    );
    assert!(olds > 0, "no kill landed before the update's commit");
}
