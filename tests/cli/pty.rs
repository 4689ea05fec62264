//! The shell in a real pseudo-terminal: multi-line input, Tab completion of a prefixed name and of
//! a practice's name, history recall, Ctrl-C during a long query, Ctrl-D. (rexpect reads the
//! terminal byte by byte, so the expectations avoid the tables' box-drawing characters.)

use std::process::Command;
use std::time::Duration;

use rexpect::reader::Options;
use rexpect::session::{PtySession, spawn_with_options};

fn shell(dir: &tempfile::TempDir) -> PtySession {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_smarty-kg"));
    cmd.current_dir(dir.path())
        .env("TERM", "xterm")
        .env("NO_COLOR", "1")
        .env("SMARTY_KG_HISTORY", dir.path().join("history.txt"))
        .env_remove("SMARTY_KG_STORE")
        .args(["--store", "store"]);
    let options = Options::new()
        .timeout_ms(Some(60_000))
        .strip_ansi_escape_codes(true);
    let mut p = spawn_with_options(cmd, options).expect("the shell starts in a pty");
    p.exp_string("smarty> ").expect("a prompt");
    p
}

fn type_keys(p: &mut PtySession, keys: &str) {
    p.send(keys).unwrap();
    p.flush().unwrap();
    // Let rustyline read and redraw before the next keys.
    std::thread::sleep(Duration::from_millis(150));
}

#[test]
fn an_interactive_session() {
    let dir = tempfile::tempdir().unwrap();
    let mut p = shell(&dir);

    // A query over three lines runs at its `;`.
    p.send_line(".timer off").unwrap();
    p.exp_string("smarty> ").unwrap();
    p.send_line("SELECT (COUNT(DISTINCT ?p) AS ?practices)")
        .unwrap();
    p.send_line("WHERE {").unwrap();
    p.send_line("  ?p a smarty:GoodPractice };").unwrap();
    p.exp_string(" 26 ").unwrap();
    p.exp_string("(1 row)").unwrap();

    // Tab completes a prefixed name of a class in the store.
    type_keys(&mut p, "SELECT (COUNT(*) AS ?n) WHERE { ?x a smarty:GoodPr");
    type_keys(&mut p, "\t");
    p.send_line(" };").unwrap();
    p.exp_string("smarty:GoodPractice }").unwrap();
    p.exp_string(" 26 ").unwrap();

    // Tab on part of a practice's name inserts its IRI.
    type_keys(&mut p, "SELECT ?name WHERE { Access Innov");
    type_keys(&mut p, "\t");
    p.send_line(" schema:name ?name };").unwrap();
    p.exp_string("practice:access-innovation").unwrap();
    p.exp_string(" Access Innovation ").unwrap();

    // Up recalls the last statement from history.
    type_keys(&mut p, "\x1b[A");
    p.send_line("").unwrap();
    p.exp_string(" Access Innovation ").unwrap();

    // Ctrl-C stops a long query; the session goes on.
    p.send_line("SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i };")
        .unwrap();
    std::thread::sleep(Duration::from_millis(800));
    p.send_control('c').unwrap();
    p.exp_string("cancelled").unwrap();
    p.exp_string("smarty> ").unwrap();

    // Ctrl-C at the prompt clears the input.
    type_keys(&mut p, "SELECT this is not finished");
    p.send_control('c').unwrap();
    std::thread::sleep(Duration::from_millis(300));
    p.send_line(".stats").unwrap();
    p.exp_string("named graphs").unwrap();

    // Ctrl-D leaves, and the history was kept.
    p.exp_string("smarty> ").unwrap();
    p.send_control('d').unwrap();
    p.exp_eof().unwrap();
    let history = std::fs::read_to_string(dir.path().join("history.txt")).unwrap();
    assert!(
        history.contains("Access Innov") || history.contains("practice:access-innovation"),
        "{history}"
    );
}
