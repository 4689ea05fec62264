//! Networks through the real binary: `contacts`, `graph KIND` in every format, filters,
//! `--metrics`, `path A B`, bad arguments, and a store built from a `--public` export.

use predicates::prelude::*;

use crate::support::{UNLINK_BRYONY_CHIPP, ingested, smarty};

/// Runs `smarty-kg --store store ARGS…`, expecting success; standard output.
fn run(dir: &tempfile::TempDir, args: &[&str]) -> Vec<u8> {
    crate::support::stdout_of(dir, "store", args)
}

fn text(dir: &tempfile::TempDir, args: &[&str]) -> String {
    String::from_utf8(run(dir, args)).unwrap()
}

fn json(dir: &tempfile::TempDir, args: &[&str]) -> serde_json::Value {
    serde_json::from_slice(&run(dir, args)).unwrap()
}

#[test]
fn contacts_as_table_json_and_csv() {
    let dir = ingested();
    let table = text(&dir, &["contacts"]);
    for name in [
        "Bryony Chipp",
        "Paolo Guarnieri",
        "Igor Kovač",
        "Leonardo Marchetti",
        "Sandra Perez",
    ] {
        assert!(table.contains(name), "{name} missing:\n{table}");
    }
    assert!(table.contains("same e-mail ignoring case"), "{table}");
    assert!(table.contains("5 persons"), "{table}");

    let contacts = json(&dir, &["contacts", "--format", "json"]);
    let contacts = contacts.as_array().unwrap();
    let counts: Vec<usize> = contacts
        .iter()
        .map(|c| c["practices"].as_array().unwrap().len())
        .collect();
    assert_eq!(counts, vec![4, 4, 2, 2, 2]);
    assert_eq!(contacts[2]["names"][0], "Igor Kovač");
    assert_eq!(
        contacts[2]["reasons"][0]["reason"],
        "same-email-ignoring-case"
    );
    assert_eq!(
        contacts[0]["organisations"][0]["label"],
        "West Yorkshire Combined Authority"
    );
    assert_eq!(
        contacts[0]["practices"][1]["themes"][0]["label"],
        "Regional platforms and clusters"
    );

    let csv = text(&dir, &["contacts", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 1 + 14, "a row per person and practice:\n{csv}");
    assert!(lines[0].starts_with("person,name,email,practices,practice,title"));

    let four = json(
        &dir,
        &["contacts", "--format", "json", "--min-practices", "4"],
    );
    assert_eq!(four.as_array().unwrap().len(), 2);
    smarty(&dir)
        .args(["--store", "store", "contacts", "--min-practices", "0"])
        .assert()
        .code(2);
}

#[test]
fn the_contacts_network_in_every_format() {
    let dir = ingested();
    let dot = text(&dir, &["graph", "contacts"]);
    assert!(dot.starts_with("graph \"contacts\" {"), "{dot}");
    assert_eq!(dot.matches(" -- ").count(), 15);
    assert!(dot.contains("label=\"Bryony Chipp\""));

    let network = json(&dir, &["graph", "contacts", "--format", "json"]);
    assert_eq!(network["nodes"].as_array().unwrap().len(), 14);
    assert_eq!(network["edges"].as_array().unwrap().len(), 15);
    assert_eq!(
        network["metrics"]["components"].as_array().unwrap().len(),
        5
    );
    let label = |id: &serde_json::Value| -> String {
        network["nodes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|n| &n["id"] == id)
            .map(|n| n["label"].as_str().unwrap().to_owned())
            .unwrap()
    };
    let mut sandra: Vec<String> = network["edges"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["label"] == "Sandra Perez")
        .flat_map(|e| [label(&e["source"]), label(&e["target"])])
        .collect();
    sandra.sort();
    assert_eq!(
        sandra,
        vec![
            "Interconnecting Catalonia's innovation hubs for an integrated service approach (DIH4CAT)",
            "ProACCIÓ 4.0: Catalonia's innovation ecosystem accelerating Industry 4.0 transformation for SMEs"
        ]
    );

    let graphml = text(&dir, &["graph", "contacts", "--format", "graphml"]);
    assert_eq!(graphml.matches("<node ").count(), 14);
    assert_eq!(graphml.matches("<edge ").count(), 15);
    let gexf = text(&dir, &["graph", "contacts", "--format", "gexf"]);
    assert!(gexf.contains("<gexf xmlns=\"http://www.gexf.net/1.2draft\""));
    assert_eq!(gexf.matches("<edge ").count(), 15);
    let csv = text(&dir, &["graph", "contacts", "--format", "csv"]);
    assert_eq!(csv.lines().count(), 1 + 15);
    let with_isolated = text(
        &dir,
        &["graph", "contacts", "--format", "csv", "--isolated"],
    );
    assert_eq!(with_isolated.lines().count(), 1 + 15 + 12);

    // Pictures: the built-in layout, and Graphviz (which the tests need installed).
    let svg = text(
        &dir,
        &[
            "graph",
            "contacts",
            "--format",
            "svg",
            "--renderer",
            "builtin",
        ],
    );
    assert!(svg.contains("<svg") && svg.trim_end().ends_with("</svg>"));
    require_graphviz();
    smarty(&dir)
        .args([
            "--store",
            "store",
            "graph",
            "contacts",
            "-o",
            "contacts.svg",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("drawn by graphviz dot"));
    let svg = std::fs::read_to_string(dir.path().join("contacts.svg")).unwrap();
    assert!(svg.contains("Bryony Chipp"));
    smarty(&dir)
        .args([
            "--store",
            "store",
            "graph",
            "partners",
            "-o",
            "partners.png",
        ])
        .assert()
        .success();
    let png = std::fs::read(dir.path().join("partners.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
    smarty(&dir)
        .args([
            "--store",
            "store",
            "graph",
            "partners",
            "-o",
            "partners.pdf",
        ])
        .assert()
        .success()
        .stderr(predicate::str::contains("drawn by graphviz neato"));
    let pdf = std::fs::read(dir.path().join("partners.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    // PNG and PDF are Graphviz's; the built-in layout says so rather than "install Graphviz".
    smarty(&dir)
        .args([
            "--store",
            "store",
            "graph",
            "partners",
            "--renderer",
            "builtin",
            "-o",
            "p.pdf",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("draws SVG only"))
        .stderr(predicate::str::contains("install").not());
    smarty(&dir)
        .args([
            "--store", "store", "graph", "partners", "--format", "svg", "--layout", "sfdp",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("<svg"));
}

/// Fails the test when Graphviz's `dot` does not run: the drawings are part of what is tested.
fn require_graphviz() {
    let runs = std::process::Command::new("dot")
        .arg("-V")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        runs,
        "Graphviz is needed for this test: `dot -V` did not run; install Graphviz (apt-get install graphviz)"
    );
}

#[test]
fn output_files_and_formats() {
    let dir = ingested();
    run(&dir, &["graph", "partners", "-o", "partners.graphml"]);
    let graphml = std::fs::read_to_string(dir.path().join("partners.graphml")).unwrap();
    assert!(graphml.starts_with("<?xml"));
    // The extension decides unless --format says otherwise.
    run(
        &dir,
        &["graph", "partners", "--format", "dot", "-o", "partners.txt"],
    );
    let dot = std::fs::read_to_string(dir.path().join("partners.txt")).unwrap();
    assert!(dot.starts_with("graph \"partners\""));
    smarty(&dir)
        .args([
            "--store",
            "store",
            "graph",
            "partners",
            "-o",
            "partners.xyz",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("cannot tell the format"));
    // Deterministic: the same store, the same bytes.
    for format in ["dot", "graphml", "gexf", "json", "csv"] {
        let a = run(
            &dir,
            &["graph", "practice-organisation", "--format", format],
        );
        let b = run(
            &dir,
            &["graph", "practice-organisation", "--format", format],
        );
        assert_eq!(a, b, "{format}");
    }
}

#[test]
fn metrics_are_reported() {
    let dir = ingested();
    let report = text(&dir, &["graph", "contacts", "--metrics"]);
    assert!(
        report.contains("14 nodes, 15 edges, 5 connected components"),
        "{report}"
    );
    assert!(report.contains("betweenness: exact"), "{report}");
    assert!(
        report.contains("articulation points (brokers whose removal splits the network): none"),
        "{report}"
    );
    let partners = text(&dir, &["graph", "partners", "--metrics"]);
    assert!(
        partners.contains("West Yorkshire Combined Authority"),
        "{partners}"
    );
    // With -o the network is written as well, with the metrics the report was made of.
    run(&dir, &["graph", "partners", "--metrics", "-o", "p.json"]);
    let written = std::fs::read_to_string(dir.path().join("p.json")).expect("p.json");
    assert_eq!(
        written,
        text(&dir, &["graph", "partners", "--format", "json"])
    );
}

#[test]
fn filters_select_practices() {
    let dir = ingested();
    let uk = json(
        &dir,
        &["graph", "contacts", "--format", "json", "--country", "GBR"],
    );
    assert_eq!(uk["nodes"].as_array().unwrap().len(), 4);
    assert_eq!(uk["edges"].as_array().unwrap().len(), 6);
    let hubs = json(
        &dir,
        &["graph", "contacts", "--format", "json", "--theme", "2"],
    );
    for node in hubs["nodes"].as_array().unwrap() {
        assert_eq!(node["themes"][0]["notation"], "2");
    }
    let tuscany = json(
        &dir,
        &[
            "graph", "contacts", "--format", "json", "--region", "Toscana",
        ],
    );
    assert_eq!(tuscany["nodes"].as_array().unwrap().len(), 3);
    let heavy = json(
        &dir,
        &["graph", "partners", "--format", "json", "--min-weight", "2"],
    );
    let edges = heavy["edges"].as_array().unwrap();
    assert!(!edges.is_empty());
    assert!(edges.iter().all(|e| e["weight"].as_u64().unwrap() >= 2));
    smarty(&dir)
        .args(["--store", "store", "graph", "contacts", "--theme", "robots"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no theme 'robots'"))
        .stderr(predicate::str::contains("Digital Innovation Hubs"));
    smarty(&dir)
        .args([
            "--store",
            "store",
            "graph",
            "contacts",
            "--country",
            "Atlantis",
        ])
        .assert()
        .code(2);
    // The global --timeout applies to the network's queries (exit code 4); they only run
    // while no facts are kept, as after a process killed before it kept them.
    let fresh = ingested();
    std::fs::remove_dir_all(fresh.path().join("store/derived")).unwrap();
    smarty(&fresh)
        .args([
            "--store",
            "store",
            "--timeout",
            "0.000001",
            "graph",
            "partners",
        ])
        .assert()
        .code(4);
}

#[test]
fn paths_hop_by_hop() {
    let dir = ingested();
    let out = text(&dir, &["path", "Access Innovation", "Skills for Growth"]);
    assert!(
        out.contains("Access Innovation has contact person Bryony Chipp"),
        "{out}"
    );
    assert!(
        out.contains("Skills for Growth has contact person Bryony Chipp"),
        "{out}"
    );
    let out = text(
        &dir,
        &[
            "path",
            "Territorial Shared Agendas",
            "ProACCIÓ 4.0",
            "--via",
            "organisations",
        ],
    );
    assert!(out.contains("Generalitat de Catalunya"), "{out}");
    let report = json(
        &dir,
        &[
            "path",
            "practice:access-innovation",
            "practice:skills-for-growth",
            "--format",
            "json",
        ],
    );
    assert_eq!(report["hops"].as_array().unwrap().len(), 2);
    let dot = text(
        &dir,
        &[
            "path",
            "Access Innovation",
            "Skills for Growth",
            "--format",
            "dot",
        ],
    );
    assert!(dot.contains("label=\"contact person\""), "{dot}");
    require_graphviz();
    run(
        &dir,
        &[
            "path",
            "Access Innovation",
            "Skills for Growth",
            "-o",
            "path.svg",
        ],
    );
    assert!(
        std::fs::read_to_string(dir.path().join("path.svg"))
            .unwrap()
            .contains("<svg")
    );
    smarty(&dir)
        .args([
            "--store",
            "store",
            "path",
            "Nowhere At All",
            "Access Innovation",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "'Nowhere At All' names no practice",
        ));
    smarty(&dir)
        .args(["--store", "store", "path", "Skills", "Access Innovation"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ambiguous"))
        .stderr(predicate::str::contains(
            "Skills for Growth (practice practice:skills-for-growth)",
        ));
    // Nothing links a practice whose organisations appear nowhere else: exit code 1.
    smarty(&dir)
        .args([
            "--store",
            "store",
            "path",
            "practice:future-industry-platform",
            "Access Innovation",
        ])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nothing links"));
}

#[test]
fn bad_arguments_are_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    smarty(&dir)
        .args(["--memory", "graph", "friends"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value 'friends'"))
        .stderr(predicate::str::contains("practice-organisation"));
    smarty(&dir)
        .args(["--memory", "graph", "contacts", "--format", "jpeg"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("graphml"));
    smarty(&dir)
        .args(["--memory", "graph", "contacts", "--layout", "spring"])
        .assert()
        .code(2);
    smarty(&dir)
        .args(["--memory", "contacts", "--format", "xml"])
        .assert()
        .code(2);
    smarty(&dir)
        .args(["graph", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("personal data"))
        .stdout(predicate::str::contains("partners"));
}

#[test]
fn a_public_store_has_no_person_networks() {
    let dir = ingested();
    run(
        &dir,
        &[
            "export",
            "--format",
            "nquads",
            "--public",
            "-o",
            "public.nq",
        ],
    );
    smarty(&dir)
        .args(["--store", "public", "ingest", "public.nq"])
        .assert()
        .success();
    let public = |args: &[&str]| crate::support::stdout_of(&dir, "public", args);
    let contacts: serde_json::Value =
        serde_json::from_slice(&public(&["graph", "contacts", "--format", "json"])).unwrap();
    assert!(contacts["nodes"].as_array().unwrap().is_empty());
    let dot = String::from_utf8(public(&["graph", "practice-person"])).unwrap();
    assert!(dot.starts_with("graph \"practice-person\""));
    let none = String::from_utf8(public(&["contacts"])).unwrap();
    assert!(none.contains("no person"), "{none}");
    // Organisation networks do not depend on personal data.
    assert_eq!(
        public(&["graph", "partners", "--format", "graphml"]),
        run(&dir, &["graph", "partners", "--format", "graphml"])
    );
}

/// The contacts network over every practice is built from the facts kept for the shared
/// contacts (about half the whole facts): it is the network the whole facts give, to the byte,
/// and so is each variant that needs the whole facts.
#[test]
fn the_contacts_network_from_the_shared_contacts_facts_is_the_whole_one() {
    let dir = ingested();
    let variants: [&[&str]; 3] = [
        &["graph", "contacts", "--format", "json"],
        &["graph", "contacts", "--isolated", "--format", "json"],
        &["graph", "contacts", "--theme", "1", "--format", "json"],
    ];
    let cut: Vec<Vec<u8>> = variants.iter().map(|args| run(&dir, args)).collect();
    let shared = dir.path().join("store/derived/contact-facts-v3-min2.bin");
    std::fs::remove_file(&shared).expect("facts kept for the shared contacts");
    let whole: Vec<Vec<u8>> = variants.iter().map(|args| run(&dir, args)).collect();
    assert!(!shared.exists(), "graph keeps only the whole facts");
    assert_eq!(cut, whole);
    let network = String::from_utf8_lossy(&cut[0]);
    assert!(network.contains("\"practices_selected\": 26"), "{network}");
}

/// The report's facts are kept in the store directory, made by every write (ingest, update,
/// load) once it has committed: the first `contacts` after a change reads them, and they
/// always say what the store says.
#[test]
fn kept_contact_facts_follow_the_store() {
    let dir = ingested();
    let kept = |name: &str| {
        std::fs::read(dir.path().join("store/derived").join(name))
            .unwrap_or_else(|e| panic!("{name} kept after the write: {e}"))
    };
    // Compact: a small fraction of the JSON the same facts would make.
    let network_facts = kept("network-facts-v3.bin");
    let contact_facts = kept("contact-facts-v3-min2.bin");
    assert!(network_facts.len() < 40_000, "{}", network_facts.len());
    let names = |dir: &tempfile::TempDir| -> Vec<String> {
        json(dir, &["contacts", "--format", "json"])
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["names"][0].as_str().unwrap().to_owned())
            .collect()
    };
    // What the kept facts answer is what the statements say.
    let recomputed = |dir: &tempfile::TempDir| {
        let answered = names(dir);
        let derived = dir.path().join("store/derived");
        let keep = tempfile::tempdir().unwrap();
        std::fs::rename(&derived, keep.path().join("derived")).unwrap();
        assert_eq!(names(dir), answered, "kept facts against the statements");
        std::fs::remove_dir_all(&derived).ok();
        std::fs::rename(keep.path().join("derived"), &derived).unwrap();
        answered
    };
    let before = recomputed(&dir);
    assert!(before.iter().any(|n| n == "Bryony Chipp"), "{before:?}");
    assert_eq!(kept("network-facts-v3.bin"), network_facts);

    smarty(&dir)
        .args(["--store", "store", "update", UNLINK_BRYONY_CHIPP])
        .assert()
        .success();
    assert_ne!(kept("contact-facts-v3-min2.bin"), contact_facts);
    assert_ne!(kept("network-facts-v3.bin"), network_facts);
    let after = recomputed(&dir);
    assert!(!after.iter().any(|n| n == "Bryony Chipp"), "{after:?}");
    assert_eq!(after.len() + 1, before.len());

    // A loaded file that makes a new shared contact shows in the kept facts at once.
    std::fs::write(
        dir.path().join("shared.ttl"),
        "@prefix smarty: <https://w3id.org/smarty-kg/def#> .\n\
         @prefix dcat: <http://www.w3.org/ns/dcat#> .\n\
         @prefix vcard: <http://www.w3.org/2006/vcard/ns#> .\n\
         <urn:x:p1> a smarty:GoodPractice ; dcat:contactPoint <urn:x:zed> .\n\
         <urn:x:p2> a smarty:GoodPractice ; dcat:contactPoint <urn:x:zed> .\n\
         <urn:x:zed> vcard:fn \"Zed Loaded\" .\n",
    )
    .unwrap();
    run(&dir, &["ingest", "shared.ttl"]);
    assert!(recomputed(&dir).iter().any(|n| n == "Zed Loaded"));
}
