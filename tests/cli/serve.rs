//! `smarty-kg serve` end to end: the real binary on a free loopback port, spoken to by a raw
//! HTTP/1.1 client.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use crate::http::{Server, encode, get, post, query, read_response, send};
use crate::support::{ingested, smarty};

/// Index lookups for every row of a growing join: runs for minutes, checking the cancellation
/// token at each read.
pub(crate) const ENDLESS: &str =
    "SELECT (COUNT(*) AS ?n) { ?a ?p ?o . ?b ?p ?o . ?c ?p ?o . ?d ?p ?o . ?e ?p ?o . ?f ?p ?o }";

const PRACTICES: &str = "SELECT (COUNT(DISTINCT ?p) AS ?n) { ?p a smarty:GoodPractice }";

#[test]
fn protocol_forms_and_content_negotiation() {
    let dir = ingested();
    let server = Server::start(&dir, &[]);
    let json = query(&server, PRACTICES, "application/sparql-results+json");
    assert_eq!(json.status, 200, "{json:?}");
    assert!(
        json.header("content-type")
            .unwrap_or_default()
            .starts_with("application/sparql-results+json")
    );
    assert!(json.body.contains("\"n\""), "{}", json.body);
    let form = post(
        &server,
        "POST /sparql",
        "application/x-www-form-urlencoded",
        &format!("query={}", encode(PRACTICES)),
        "Accept: text/csv\r\n",
    );
    assert_eq!(
        (form.status, form.body.lines().next()),
        (200, Some("n")),
        "{form:?}"
    );
    let direct = post(
        &server,
        "POST /sparql",
        "application/sparql-query",
        PRACTICES,
        "Accept: application/sparql-results+xml\r\n",
    );
    assert!(direct.body.contains("<sparql"), "{direct:?}");
    let tsv = query(&server, PRACTICES, "text/tab-separated-values");
    assert!(tsv.body.starts_with("?n"), "{tsv:?}");
    let construct = "CONSTRUCT { ?s a smarty:GoodPractice } WHERE { ?s a smarty:GoodPractice }";
    for (accept, expect) in [
        ("text/turtle", "text/turtle"),
        ("application/n-triples", "application/n-triples"),
        ("application/ld+json", "application/ld+json"),
        ("application/rdf+xml", "application/rdf+xml"),
    ] {
        let r = query(&server, construct, accept);
        assert_eq!(r.status, 200, "{r:?}");
        assert!(
            r.header("content-type")
                .unwrap_or_default()
                .starts_with(expect),
            "{accept}: {r:?}"
        );
    }
    // A request dataset replaces the union default graph: an unknown graph holds nothing.
    let empty = get(
        &server,
        &format!(
            "/sparql?query={}&default-graph-uri={}",
            encode("ASK { ?s ?p ?o }"),
            encode("http://example.org/none")
        ),
        "application/json",
    );
    assert!(empty.body.contains("false"), "{empty:?}");
    let description = get(&server, "/sparql", "*/*");
    assert!(description.body.contains("sd:Service"), "{description:?}");
    let page = get(&server, "/id/practice/access-innovation", "text/html");
    assert!(
        page.header("content-type")
            .unwrap_or_default()
            .starts_with("text/html"),
        "{page:?}"
    );
    assert!(page.body.contains("<h1>"), "{}", page.body);
    let turtle = get(&server, "/id/practice/access-innovation", "text/turtle");
    assert!(
        turtle.body.contains("practice:access-innovation"),
        "{turtle:?}"
    );
    assert_eq!(
        get(&server, "/id/practice/no-such-practice", "text/turtle").status,
        404
    );
    assert!(get(&server, "/def", "text/turtle").body.contains("owl:"));
    assert_eq!(
        get(&server, "/store?default", "application/n-triples").status,
        200
    );
    assert!(
        get(&server, "/queries", "application/json")
            .body
            .contains("\"contacts\"")
    );
    assert_eq!(get(&server, "/", "text/html").status, 200);
}

/// The bindings of a SPARQL JSON answer, one text per row, rows sorted. SPARQL leaves the order
/// of GROUP_CONCAT unspecified, so the parts of a concatenated value are sorted too.
fn rows(json: &str) -> Vec<String> {
    let value: serde_json::Value = serde_json::from_str(json).expect("SPARQL JSON");
    let normalise = |v: &serde_json::Value| -> String {
        let mut row: Vec<String> = v
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, term)| {
                let text = term["value"].as_str().unwrap_or_default();
                let mut parts: Vec<&str> = text.split(" | ").flat_map(|p| p.split(", ")).collect();
                parts.sort_unstable();
                format!("{k}={}", parts.join("\u{1f}"))
            })
            .collect();
        row.sort();
        row.join("\t")
    };
    let mut rows: Vec<String> = value["results"]["bindings"]
        .as_array()
        .map(|rows| rows.iter().map(normalise).collect())
        .unwrap_or_default();
    rows.sort();
    rows
}

#[test]
fn every_named_query_gives_the_rows_of_the_cli() {
    let dir = ingested();
    let mut names: Vec<String> = std::fs::read_dir(crate::support::root().join("queries"))
        .expect("queries/")
        .filter_map(|e| e.ok()?.path().file_stem()?.to_str().map(str::to_owned))
        .collect();
    names.sort();
    // The one required parameter of the library.
    let term = |name: &str| (name == "search").then_some("term=blockchain");
    let cli: Vec<Vec<String>> = names
        .iter()
        .map(|name| {
            let out = smarty(&dir)
                .args([
                    "--store", "store", "query", "--name", name, "--format", "json",
                ])
                .args(term(name).map(|t| format!("-p{t}")))
                .output()
                .expect("run the CLI");
            assert!(out.status.success(), "{name}");
            rows(&String::from_utf8_lossy(&out.stdout))
        })
        .collect();
    let server = Server::start(&dir, &[]);
    for (name, expect) in names.iter().zip(cli) {
        let r = get(
            &server,
            &format!(
                "/queries/{name}{}",
                term(name).map(|t| format!("?{t}")).unwrap_or_default()
            ),
            "application/sparql-results+json",
        );
        assert_eq!(r.status, 200, "{name}: {r:?}");
        assert_eq!(rows(&r.body), expect, "{name}");
    }
    // Parameters are bound as terms, as --param does.
    let theme = get(
        &server,
        "/queries/practices-by-theme?theme=theme:digital-innovation-hubs",
        "application/json",
    );
    assert_eq!(theme.status, 200, "{theme:?}");
    // The command line's checks: unknown, missing and ill-typed parameters, each named.
    for (path, says) in [
        ("/queries/practices-by-theme?nope=1", "it takes: theme"),
        ("/queries/search", "term"),
        ("/queries/practices-by-theme?theme=2", "theme's IRI"),
    ] {
        let r = get(&server, path, "application/json");
        assert_eq!(r.status, 400, "{path}: {r:?}");
        assert!(r.body.contains(says), "{path}: {r:?}");
    }
    assert_eq!(
        get(&server, "/queries/no-such-query", "application/json").status,
        404
    );
}

#[test]
fn a_read_only_server_refuses_every_write_form() {
    let dir = ingested();
    let server = Server::start(&dir, &[]);
    let turtle = "<http://a> <http://b> <http://c> .";
    for r in [
        post(
            &server,
            "POST /sparql",
            "application/x-www-form-urlencoded",
            "update=CLEAR+ALL",
            "",
        ),
        post(
            &server,
            "POST /sparql",
            "application/sparql-update",
            "CLEAR ALL",
            "",
        ),
        post(
            &server,
            "PUT /store?graph=http://g/x",
            "text/turtle",
            turtle,
            "",
        ),
        post(
            &server,
            "POST /store?graph=http://g/x",
            "text/turtle",
            turtle,
            "",
        ),
        post(
            &server,
            "DELETE /store?graph=http://g/x",
            "text/turtle",
            "",
            "",
        ),
        post(&server, "POST /ingest?name=guide", "text/plain", "text", ""),
    ] {
        assert_eq!(r.status, 403, "{r:?}");
        assert!(r.body.contains("--read-write"), "{r:?}");
    }
    let service = query(
        &server,
        "SELECT * { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
        "application/json",
    );
    assert_eq!(service.status, 403, "{service:?}");
    assert!(
        query(&server, PRACTICES, "application/json")
            .body
            .contains("\"n\"")
    );
}

/// The process's CPU time in clock ticks, from /proc.
fn cpu_ticks(pid: u32) -> u64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("/proc stat");
    let fields: Vec<&str> = stat
        .rsplit_once(") ")
        .map(|(_, r)| r)
        .unwrap_or("")
        .split(' ')
        .collect();
    // utime and stime are fields 14 and 15, the 12th and 13th after the name.
    fields[11].parse::<u64>().unwrap_or(0) + fields[12].parse::<u64>().unwrap_or(0)
}

#[test]
fn limits_answer_with_their_status_while_others_are_served() {
    let dir = ingested();
    let server = Server::start(&dir, &["--timeout", "2"]);
    // Never-ending request headers, then a body that never comes: both are cut after the read
    // timeout, and meanwhile other clients are answered.
    let mut slow_headers = TcpStream::connect(server.addr).expect("connect");
    slow_headers
        .write_all(b"GET /sparql?query=ASK")
        .expect("write");
    let mut slow_body = TcpStream::connect(server.addr).expect("connect");
    slow_body
        .write_all(b"POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: 100\r\n\r\nASK")
        .expect("write");
    assert_eq!(query(&server, PRACTICES, "application/json").status, 200);
    let deep = format!(
        "SELECT * WHERE {}?s ?p ?o{}",
        "{".repeat(2000),
        "}".repeat(2000)
    );
    let deep = post(
        &server,
        "POST /sparql",
        "application/sparql-query",
        &deep,
        "",
    );
    assert_eq!(deep.status, 400, "{deep:?}");
    let big = vec![b'x'; 10 << 20];
    let mut request = format!(
        "POST /sparql HTTP/1.1\r\nHost: x\r\nContent-Type: application/sparql-query\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        big.len()
    )
    .into_bytes();
    request.extend_from_slice(&big);
    assert_eq!(send(server.addr, &request).status, 413);
    slow_body
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    assert_eq!(read_response(&mut slow_body).status, 408);
    slow_headers
        .set_read_timeout(Some(Duration::from_secs(30)))
        .expect("timeout");
    let started = Instant::now();
    let mut rest = Vec::new();
    let _ = slow_headers.read_to_end(&mut rest);
    assert!(
        started.elapsed() < Duration::from_secs(15),
        "the slow connection was closed"
    );
    assert_eq!(query(&server, PRACTICES, "application/json").status, 200);

    // A query past its timeout is stopped, answered with an error, and the CPU goes idle.
    let endless = ENDLESS;
    let started = Instant::now();
    let r = query(&server, endless, "application/json");
    assert_eq!(r.status, 503, "{r:?}");
    assert!(r.body.contains("timeout"), "{r:?}");
    assert!(started.elapsed() < Duration::from_secs(10));
    std::thread::sleep(Duration::from_millis(300));
    let before = cpu_ticks(server.pid());
    std::thread::sleep(Duration::from_secs(1));
    let used = cpu_ticks(server.pid()) - before;
    assert!(
        used < 20,
        "the server kept using CPU after the timeout: {used} ticks in 1 s"
    );
}

#[test]
fn a_full_queue_answers_503_with_retry_after() {
    let dir = ingested();
    let server = Server::start(
        &dir,
        &["--timeout", "3", "--max-concurrent", "1", "--queue", "0"],
    );
    let addr = server.addr;
    let endless = ENDLESS;
    let path = format!("/sparql?query={}", encode(endless));
    let busy = std::thread::spawn(move || {
        let request = format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        send(addr, request.as_bytes()).status
    });
    std::thread::sleep(Duration::from_millis(500));
    let r = query(&server, PRACTICES, "application/json");
    assert_eq!(r.status, 503, "{r:?}");
    assert!(r.header("retry-after").is_some(), "{r:?}");
    assert_eq!(busy.join().expect("join"), 503);
}

/// Names and e-mail addresses of the guide's contacts, as the CLI lists them.
fn contacts(dir: &tempfile::TempDir) -> Vec<String> {
    let out = smarty(dir)
        .args([
            "--store", "store", "query", "--name", "contacts", "--format", "json",
        ])
        .output()
        .expect("contacts");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    let mut found = Vec::new();
    for row in value["results"]["bindings"]
        .as_array()
        .into_iter()
        .flatten()
    {
        for key in ["name", "email"] {
            if let Some(v) = row[key]["value"].as_str() {
                found.push(v.to_lowercase());
            }
        }
    }
    found
}

#[test]
fn public_serves_no_contact_of_the_guide() {
    let dir = ingested();
    let secrets = contacts(&dir);
    assert!(secrets.len() > 20, "{secrets:?}");
    let server = Server::start(&dir, &["--public"]);
    let mut paths = vec![
        "/".to_owned(),
        "/sparql".to_owned(),
        "/queries".to_owned(),
        "/def".to_owned(),
        "/store?default".to_owned(),
        "/id/practice/access-innovation".to_owned(),
        format!(
            "/sparql?query={}",
            encode("CONSTRUCT { ?s ?p ?o } WHERE { GRAPH ?g { ?s ?p ?o } }")
        ),
        format!("/sparql?query={}", encode("SELECT * WHERE { ?s ?p ?o }")),
    ];
    for e in std::fs::read_dir(crate::support::root().join("queries"))
        .expect("queries/")
        .flatten()
    {
        if let Some(name) = e.path().file_stem().and_then(|s| s.to_str()) {
            paths.push(format!("/queries/{name}"));
        }
    }
    for path in &paths {
        for accept in ["text/html", "application/json", "text/turtle"] {
            let r = get(&server, path, accept);
            let body = r.body.to_lowercase();
            for secret in &secrets {
                assert!(
                    !body.contains(secret.as_str()),
                    "{path} ({accept}) shows {secret}"
                );
            }
            assert!(
                !body.contains("mailto:"),
                "{path} ({accept}) shows an address"
            );
        }
    }
    // A person's page does not exist on a public server.
    let person = query(
        &server,
        "SELECT ?p { ?x dcat:contactPoint ?p } LIMIT 1",
        "text/csv",
    );
    assert!(!person.body.contains("/id/person/"), "{person:?}");
    assert_eq!(get(&server, "/id/person/anyone", "text/html").status, 404);
}

#[test]
fn a_non_loopback_bind_without_public_refuses_to_start() {
    let dir = tempfile::tempdir().expect("tempdir");
    smarty(&dir)
        .args(["--store", "store", "serve", "--bind", "0.0.0.0:0"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("--public"));
}

#[test]
fn writes_need_the_token_and_land_atomically() {
    let dir = ingested();
    std::fs::write(dir.path().join("token"), "a-long-secret-token-42\n").expect("token");
    let server = Server::start(&dir, &["--read-write", "--token-file", "token"]);
    // A command that writes is told where the server is; one that reads reads through it.
    let busy = smarty(&dir)
        .args(["--store", "store", "update", "CLEAR ALL"])
        .output()
        .expect("update");
    let message = String::from_utf8_lossy(&busy.stderr);
    assert_eq!(busy.status.code(), Some(3), "{message}");
    assert!(
        message.contains("in use by `serve`") && message.contains("http://127.0.0.1:"),
        "{message}"
    );
    let through = smarty(&dir)
        .args(["--store", "store", "stats"])
        .output()
        .expect("stats");
    let message = String::from_utf8_lossy(&through.stderr);
    assert!(through.status.success(), "{message}");
    assert!(
        message.contains("reading through its endpoint http://127.0.0.1:"),
        "{message}"
    );
    let stats = String::from_utf8_lossy(&through.stdout);
    assert!(stats.contains("smarty:GoodPractice"), "{stats}");

    let bearer = "Authorization: Bearer a-long-secret-token-42\r\n";
    let person = "<https://w3id.org/smarty-kg/id/person/test>";
    let update = format!(
        "INSERT DATA {{ GRAPH <http://example.org/added> {{ \
           practice:access-innovation dcat:contactPoint {person} . \
           {person} vcard:fn \"Ada Tester\" ; org:memberOf organisation:comune-di-prato . }} }}"
    );
    let no_token = post(
        &server,
        "POST /sparql",
        "application/sparql-update",
        &update,
        "",
    );
    assert_eq!(no_token.status, 401, "{no_token:?}");
    let wrong = post(
        &server,
        "POST /sparql",
        "application/sparql-update",
        &update,
        "Authorization: Bearer not-the-token-at-all\r\n",
    );
    assert_eq!(wrong.status, 401);
    let ok = post(
        &server,
        "POST /sparql",
        "application/sparql-update",
        &update,
        bearer,
    );
    assert_eq!(ok.status, 200, "{ok:?}");
    let contacts = get(&server, "/queries/contacts", "text/csv");
    assert!(contacts.body.contains("Ada Tester"), "{contacts:?}");

    let put = post(
        &server,
        "PUT /store?graph=http://example.org/put",
        "text/turtle",
        "<http://example.org/a> <http://example.org/b> \"one\" .",
        bearer,
    );
    assert_eq!(put.status, 201, "{put:?}");
    // A body that does not parse changes nothing.
    let bad = post(
        &server,
        "PUT /store?graph=http://example.org/put",
        "text/turtle",
        "<http://example.org/a> <http://example.org/b> \"two\" . <broken",
        bearer,
    );
    assert_eq!(bad.status, 400, "{bad:?}");
    let read = get(
        &server,
        "/store?graph=http://example.org/put",
        "application/n-triples",
    );
    assert!(
        read.body.contains("\"one\"") && !read.body.contains("\"two\""),
        "{read:?}"
    );
    let load = post(
        &server,
        "POST /sparql",
        "application/sparql-update",
        "LOAD <http://example.org/data.ttl>",
        bearer,
    );
    assert_eq!(load.status, 403, "{load:?}");
    let delete = post(
        &server,
        "DELETE /store?graph=http://example.org/put",
        "text/turtle",
        "",
        bearer,
    );
    assert_eq!(delete.status, 200, "{delete:?}");
    assert_eq!(
        get(
            &server,
            "/store?graph=http://example.org/put",
            "text/turtle"
        )
        .status,
        404
    );
}
