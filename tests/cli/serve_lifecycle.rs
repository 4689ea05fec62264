//! A server's life beyond single requests: shutting down on a signal with requests in flight, and
//! queries that federate to another endpoint (a second server on loopback).

use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::http::{Server, encode, query, send};
use crate::serve::ENDLESS;
use crate::support::{ingested, smarty};

/// Ctrl-C and SIGTERM stop accepting and let the requests in flight finish: a query running when
/// the signal arrives is still answered (here by its timeout), then the process ends with 0.
#[test]
fn a_signal_shuts_down_gracefully() {
    for signal in ["INT", "TERM"] {
        let dir = ingested();
        let mut server = Server::start(&dir, &["--timeout", "3"]);
        let addr = server.addr;
        let in_flight = std::thread::spawn(move || {
            let body = format!("query={}", encode(ENDLESS));
            let request = format!(
                "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
            let answer = send(addr, request.as_bytes());
            (answer, Instant::now())
        });
        std::thread::sleep(Duration::from_millis(800));
        let signalled = Instant::now();
        let code = server.signal_and_wait(signal, Duration::from_secs(20));
        let (answer, answered) = in_flight.join().expect("the client thread");
        assert_eq!(code, Some(0), "SIG{signal}: the server ends with 0");
        assert!(
            answered > signalled && answer.status != 0,
            "SIG{signal}: the query in flight is answered after the signal: {answer:?}"
        );
        assert!(
            TcpStream::connect(addr).is_err(),
            "SIG{signal}: no longer accepting"
        );
    }
}

/// `--allow-federation` lets SERVICE and LOAD reach other endpoints (here a second server on
/// loopback); without it they are refused. The command line federates as written.
#[test]
fn federation_reaches_another_endpoint_only_when_allowed() {
    let data = ingested();
    let source = Server::start(&data, &[]);
    let service = format!(
        "SELECT (COUNT(DISTINCT ?p) AS ?n) {{ SERVICE <http://{}/sparql> {{ ?p a smarty:GoodPractice }} }}",
        source.addr
    );
    // The federating server holds a store of its own (a second copy; nothing from it is asked).
    let other = ingested();
    let refusing = Server::start(&other, &[]);
    assert_eq!(query(&refusing, &service, "application/json").status, 403);
    drop(refusing);
    let federating = Server::start(&other, &["--allow-federation"]);
    let answer = query(&federating, &service, "text/csv");
    assert_eq!(answer.status, 200, "{answer:?}");
    assert_eq!(answer.body.lines().nth(1), Some("26"), "{answer:?}");
    // The command line, on a store of its own.
    let empty = tempfile::tempdir().expect("a directory");
    let cli = smarty(&empty)
        .args(["--memory", "query", "--format", "csv", &service])
        .output()
        .expect("run smarty-kg");
    assert_eq!(
        String::from_utf8_lossy(&cli.stdout).lines().nth(1),
        Some("26")
    );
}
