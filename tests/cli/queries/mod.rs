//! The named query library (`queries/*.rq`), run by name through the real binary on the bundled
//! guide.
//!
//! Every expected answer below was worked out by reading `data/smarty-good-practice-guide.txt`
//! (the theme sections, the "Main institution", "Location", "Contact", "Website", "Start - end
//! date" and "Resources needed" blocks of its 26 practices, and the partner page), not copied from
//! the queries' output. Sums of money were added up by hand from the amounts as printed.

mod funding;
mod network;
mod parameters;
mod records;

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;

use crate::support::{guide, ingested, root, smarty};

// Practice titles as printed in the guide's headings.
const FIP: &str = "Future Industry Platform";
const ACCESS: &str = "Access Innovation";
const CENTRATEC: &str = "Centr@tec Programme 2nd edition";
const IOT: &str = "IoT Catalan Alliance";
const GOSTOP: &str = "GOSTOP - Building Blocks, Tools and Systems for the Factories of the Future";
const AUDIT: &str = "Support to acquire I4.0 audit services";
const AMRC: &str = "Advanced Manufacturing Research Centre";
const BIC: &str = "3M Buckley Innovation Centre";
const INCENTIVES: &str =
    "Incentives for the creation of highly specialised Competence Centres on I4.0";
const DIH_SLOVENIA: &str = "Digital Innovation Hub (DIH) Slovenia";
const DIH4CAT: &str =
    "Interconnecting Catalonia's innovation hubs for an integrated service approach (DIH4CAT)";
const DIH_TUSCANY: &str = "The DIH and Competence Centre in Tuscany: a network for deploying I4.0 \
                           innovation in the region";
const SRIP: &str =
    "Strategic Research and Innovation Partnership for Factories of the Future (STRIP FoF)";
const AGENDAS: &str = "Territorial Shared Agendas";
const WASTE: &str = "Waste Management and Recycling Cluster for I4.0";
const LAPLAND: &str =
    "Lapland's Green Deal – Fostering the Adoption of the Green Transition and Digitalisation";
const GIOTTO: &str =
    "Circular Economy for the competitiveness of sectors of Made in Italy - GIOTTO";
const BLOCKCHAIN: &str = "Blockchain for traceability in textiles and clothing sectors";
const RAW_MATERIALS: &str = "Industry 4.0 in the contest of Interregional ecosystems and SMEs \
                             promotion applied to boost Europe's economy in the raw materials \
                             industry";
const SKILLS_FOR_GROWTH: &str = "Skills for Growth";
const PROACCIO: &str = "ProACCIÓ 4.0: Catalonia's innovation ecosystem accelerating Industry 4.0 \
                        transformation for SMEs";
const PRISMA: &str =
    "Skills for the digital transition in the textile sector: PRISMA's training programme";
const APPRENTICESHIPS: &str = "Digital Apprenticeships in England";
const KEY_SKILLS: &str = "Future Key Skills and Competences for I4.0";
const GATE: &str = "GATE 4.0 - the technological district of Tuscany for Advanced Manufacturing";
const FROSTBIT: &str = "FrostBit Software Lab: Learning and innovation environment foreseeing the \
                        SMEs I4.0 skills and capacity building needs";

/// A temporary directory with the bundled guide ingested into `store/`.
struct Kg(tempfile::TempDir);

impl Kg {
    fn ingest() -> Kg {
        Kg(ingested())
    }

    /// Runs a named query with `-p name=value` parameters; the SPARQL 1.1 Query Results JSON.
    fn run(&self, name: &str, params: &[(&str, &str)]) -> Value {
        let mut cmd = smarty(&self.0);
        cmd.args([
            "--store", "store", "query", "--format", "json", "--name", name,
        ]);
        for (param, value) in params {
            cmd.arg("-p").arg(format!("{param}={value}"));
        }
        let out = cmd.assert().success().get_output().stdout.clone();
        serde_json::from_slice(&out)
            .unwrap_or_else(|e| panic!("{name}: not SPARQL results JSON: {e}"))
    }

    /// The solutions of a named query, each as variable → lexical value (unbound ones absent).
    fn rows(&self, name: &str, params: &[(&str, &str)]) -> Vec<Row> {
        rows(&self.run(name, params))
    }
}

type Row = BTreeMap<String, String>;

fn rows(json: &Value) -> Vec<Row> {
    json["results"]["bindings"]
        .as_array()
        .expect("a SELECT result")
        .iter()
        .map(|b| {
            b.as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.clone(), v["value"].as_str().unwrap().to_owned()))
                .collect()
        })
        .collect()
}

fn get<'a>(row: &'a Row, var: &str) -> &'a str {
    row.get(var)
        .map(String::as_str)
        .unwrap_or_else(|| panic!("?{var} unbound in {row:?}"))
}

fn num(row: &Row, var: &str) -> f64 {
    get(row, var)
        .parse()
        .unwrap_or_else(|_| panic!("?{var} is not a number in {row:?}"))
}

fn column(rows: &[Row], var: &str) -> Vec<String> {
    rows.iter().map(|r| get(r, var).to_owned()).collect()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|s| s.to_string()).collect()
}

fn column_set(rows: &[Row], var: &str) -> BTreeSet<String> {
    column(rows, var).into_iter().collect()
}

/// How many rows have each value of a variable.
fn tally(rows: &[Row], var: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    for r in rows {
        *out.entry(get(r, var).to_owned()).or_default() += 1;
    }
    out
}

/// The one row whose variables have the given values.
fn find<'a>(rows: &'a [Row], wanted: &[(&str, &str)]) -> &'a Row {
    let matching: Vec<&Row> = rows
        .iter()
        .filter(|r| {
            wanted
                .iter()
                .all(|(k, v)| r.get(*k).map(String::as_str) == Some(*v))
        })
        .collect();
    assert_eq!(matching.len(), 1, "rows matching {wanted:?}: {matching:?}");
    matching[0]
}

fn split(list: &str) -> BTreeSet<String> {
    list.split(" | ")
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

fn counts(pairs: &[(&str, usize)]) -> BTreeMap<String, usize> {
    pairs.iter().map(|(k, n)| (k.to_string(), *n)).collect()
}

/// 1-based number of the first line of the guide containing `text`.
fn guide_line(text: &str) -> u64 {
    let guide = std::fs::read_to_string(guide()).unwrap();
    let index = guide.lines().position(|l| l.contains(text)).unwrap();
    index as u64 + 1
}

// ---------------------------------------------------------------------------------------------

/// Every bundled query has a `# title:` and a `# description:` header, well-formed `# param:`
/// lines, and runs by name without a parameter (an optional one means "all").
#[test]
fn every_bundled_query_has_a_header_and_runs() {
    let kg = Kg::ingest();
    let mut names = Vec::new();
    for entry in std::fs::read_dir(root().join("queries")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rq") {
            names.push(path);
        }
    }
    names.sort();
    assert!(names.len() >= 15, "only {} named queries", names.len());
    for path in &names {
        let name = path.file_stem().unwrap().to_str().unwrap();
        assert!(
            name.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'),
            "{name}: not kebab-case"
        );
        let text = std::fs::read_to_string(path).unwrap();
        let header: Vec<&str> = text.lines().take_while(|l| l.starts_with('#')).collect();
        assert!(
            header
                .first()
                .is_some_and(|l| l.starts_with("# title: ") && l.len() > 10),
            "{name}: first line must be '# title: …'"
        );
        assert!(
            header
                .iter()
                .any(|l| l.starts_with("# description: ") && l.len() > 20),
            "{name}: no '# description: …' line"
        );
        for line in header.iter().filter(|l| l.starts_with("# param:")) {
            let rest = line.trim_start_matches("# param:").trim();
            let (param, what) = rest
                .split_once("  ")
                .unwrap_or_else(|| panic!("{name}: '{line}' must be '# param: NAME  description'"));
            assert!(
                !param.contains(' ') && !what.trim().is_empty(),
                "{name}: '{line}'"
            );
        }
        // A required parameter needs a value.
        let required: Vec<(&str, &str)> = header
            .iter()
            .filter_map(|l| l.strip_prefix("# param:"))
            .filter_map(|rest| {
                let words: Vec<&str> = rest.split_whitespace().collect();
                (words.get(2) == Some(&"required")).then(|| (words[0], "x"))
            })
            .collect();
        let json = kg.run(name, &required);
        assert!(
            json["head"]["vars"].is_array() && json["results"]["bindings"].is_array(),
            "{name}: not a SELECT result: {json}"
        );
    }
}
