//! `push`: the local store's graphs copied into a remote store.
//!
//! - Each local graph replaces the remote graph of the same name: a Graph Store Protocol `PUT`
//!   when the server has a graph store, else `DROP SILENT GRAPH` and `INSERT DATA` in bounded
//!   batches: small graphs (a guide has one per source passage) several to a request, a large
//!   one alone in as many requests as it needs, a refused batch split in halves and retried.
//! - Remote graphs under smarty-kg's graph namespace that the local store no longer has are
//!   dropped; nothing outside that namespace is ever touched.
//! - Resumable: what was sent is recorded beside the store (`pushed/`), graph by graph, after
//!   the server accepted it. A rerun skips a graph whose content and remote count still match
//!   the record, so a push killed half-way and run again finishes the job, and a second push of
//!   an unchanged store sends nothing.
//! - At the end every graph's statement count on the server is compared with the local one.

use std::collections::BTreeMap;
use std::path::PathBuf;

use smarty_store::KnowledgeGraph;

use crate::{Endpoint, RemoteError};

/// Statements per `INSERT DATA` request.
pub const BATCH_STATEMENTS: usize = 2000;

#[derive(Debug, Clone, Default)]
pub struct PushOptions {
    /// The Graph Store Protocol URL (`…?graph=IRI` is added); `None` sends SPARQL Updates.
    pub graph_store: Option<String>,
    /// Only what `export --public` exports.
    pub public: bool,
}

/// What a push did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PushReport {
    /// Graphs sent, with their statement counts.
    pub sent: Vec<(String, usize)>,
    /// Graphs already on the server as they are here.
    pub unchanged: Vec<String>,
    /// Remote graphs dropped because the local store no longer has them.
    pub dropped: Vec<String>,
    /// Graphs whose remote statement count differs from the local one: (graph, local, remote).
    pub differ: Vec<(String, usize, usize)>,
    /// How the graphs were sent.
    pub method: &'static str,
}

/// Progress of a push, for a progress bar: graphs done out of all.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub done: usize,
    pub of: usize,
}

/// Copies the local store's graphs into the remote store.
pub fn push(
    kg: &KnowledgeGraph,
    endpoint: &Endpoint,
    options: &PushOptions,
    progress: &mut dyn FnMut(Progress),
) -> Result<PushReport, RemoteError> {
    let mut record = Record::open(kg, endpoint.url());
    let local = kg.graph_names()?;
    let remote = endpoint.graph_counts()?;
    let mut report = PushReport {
        method: if options.graph_store.is_some() {
            "Graph Store Protocol PUT"
        } else {
            "SPARQL Update INSERT DATA"
        },
        ..PushReport::default()
    };
    let mut pushed: BTreeMap<String, usize> = BTreeMap::new();
    let mut batch = Batch::default();
    let of = local.len();
    let mut done = 0;
    kg.each_graph(options.public, |graph, body, count| {
        done += 1;
        progress(Progress { done, of });
        pushed.insert(graph.to_owned(), count);
        let stamp = format!("{:016x}:{count}", xxhash_rust::xxh3::xxh3_64(body));
        if record.graphs.get(graph) == Some(&stamp) && remote.get(graph) == Some(&count) {
            report.unchanged.push(graph.to_owned());
            return Ok(());
        }
        let sent = || -> Result<(), RemoteError> {
            if let Some(store) = &options.graph_store {
                // Virtuoso refuses the odd graph it reads as text/plain whatever the request
                // says; such a graph goes by SPARQL Update instead.
                if let Err(refused) = put_graph(endpoint, store, graph, body) {
                    endpoint.note(format!("{refused}; sent by SPARQL Update instead"));
                    replace_graph(endpoint, graph, body)?;
                }
                record.graphs.insert(graph.to_owned(), stamp);
                report.sent.push((graph.to_owned(), count));
                // A PUT at a time is a request at a time: the record need not be written
                // after each (a rerun PUTs again what it does not hold: no duplicates).
                if report.sent.len().is_multiple_of(100) {
                    record.save()?;
                }
                return Ok(());
            }
            if batch.statements + count > BATCH_STATEMENTS {
                batch.send(endpoint, &remote, &mut record, &mut report)?;
            }
            batch.add(graph, body.to_vec(), count, stamp);
            Ok(())
        };
        sent().map_err(RemoteError::into_store)
    })?;
    record.save()?;
    batch.send(endpoint, &remote, &mut record, &mut report)?;
    drop_gone(endpoint, &remote, &pushed, &mut record, &mut report)?;
    endpoint.forget_graphs();
    progress(Progress {
        done: local.len(),
        of: local.len(),
    });
    let mut differ = compare(&pushed, &endpoint.graph_counts()?);
    if !differ.is_empty() {
        // A push killed mid-request leaves the server finishing that request, which can drop a
        // graph this push has just sent: the graphs found wrong are sent once more.
        std::thread::sleep(std::time::Duration::from_secs(1));
        let wrong: std::collections::BTreeSet<String> =
            differ.iter().map(|(g, ..)| g.clone()).collect();
        kg.each_graph(options.public, |graph, body, _| {
            if wrong.contains(graph) {
                replace_graph(endpoint, graph, body).map_err(RemoteError::into_store)?;
            }
            Ok(())
        })?;
        differ = compare(&pushed, &endpoint.graph_counts()?);
    }
    report.differ = differ;
    Ok(report)
}

/// The graphs whose count on the server is not the local one: (graph, here, there).
fn compare(
    pushed: &BTreeMap<String, usize>,
    there: &BTreeMap<String, usize>,
) -> Vec<(String, usize, usize)> {
    pushed
        .iter()
        .filter_map(|(graph, count)| {
            let n = there.get(graph).copied().unwrap_or(0);
            (n != *count).then(|| (graph.clone(), *count, n))
        })
        .collect()
}

/// Drops the remote graphs the local store no longer has, a hundred to a request.
fn drop_gone(
    endpoint: &Endpoint,
    remote: &BTreeMap<String, usize>,
    pushed: &BTreeMap<String, usize>,
    record: &mut Record,
    report: &mut PushReport,
) -> Result<(), RemoteError> {
    let gone: Vec<&String> = remote.keys().filter(|g| !pushed.contains_key(*g)).collect();
    for chunk in gone.chunks(100) {
        let text: Vec<String> = chunk
            .iter()
            .map(|g| format!("DROP SILENT GRAPH <{g}>"))
            .collect();
        endpoint.update(&text.join(" ;\n"))?;
        for graph in chunk {
            record.graphs.remove(*graph);
            report.dropped.push((*graph).clone());
        }
        record.save()?;
    }
    Ok(())
}

/// Graphs waiting to be sent together: their old content dropped and the new inserted in one
/// request, as long as they hold at most [`BATCH_STATEMENTS`] statements together.
#[derive(Default)]
struct Batch {
    graphs: Vec<(String, Vec<u8>, usize, String)>,
    statements: usize,
}

impl Batch {
    fn add(&mut self, graph: &str, body: Vec<u8>, count: usize, stamp: String) {
        self.statements += count;
        self.graphs.push((graph.to_owned(), body, count, stamp));
    }

    /// Sends the graphs (a larger one alone, in batches of its statements) and records them.
    fn send(
        &mut self,
        endpoint: &Endpoint,
        remote: &BTreeMap<String, usize>,
        record: &mut Record,
        report: &mut PushReport,
    ) -> Result<(), RemoteError> {
        let graphs = std::mem::take(&mut self.graphs);
        self.statements = 0;
        if graphs.is_empty() {
            return Ok(());
        }
        let together = graphs.len() > 1 && replace_together(endpoint, remote, &graphs).is_ok();
        for (graph, body, count, stamp) in graphs {
            if !together {
                replace_graph(endpoint, &graph, &body)?;
            }
            record.graphs.insert(graph.clone(), stamp);
            report.sent.push((graph, count));
        }
        record.save()
    }
}

/// Several small graphs replaced in one SPARQL Update request (only those the server holds
/// are dropped first: a drop costs Virtuoso a good part of an insert).
fn replace_together(
    endpoint: &Endpoint,
    remote: &BTreeMap<String, usize>,
    graphs: &[(String, Vec<u8>, usize, String)],
) -> Result<(), RemoteError> {
    let mut text = String::new();
    for (graph, ..) in graphs.iter().filter(|(g, ..)| remote.contains_key(g)) {
        text.push_str(&format!("DROP SILENT GRAPH <{graph}> ;\n"));
    }
    text.push_str("INSERT DATA {\n");
    for (graph, body, ..) in graphs {
        text.push_str(&format!("GRAPH <{graph}> {{\n"));
        text.push_str(&String::from_utf8_lossy(body));
        text.push_str("}\n");
    }
    text.push('}');
    endpoint.update(&text)
}

/// Replaces one remote graph by a Graph Store Protocol PUT of these N-Triples.
fn put_graph(
    endpoint: &Endpoint,
    store: &str,
    graph: &str,
    body: &[u8],
) -> Result<(), RemoteError> {
    let answer = endpoint.send("graph store PUT", |agent| {
        endpoint
            .authorised(agent.put(store))
            .query("graph", graph)
            .header("Content-Type", "application/n-triples")
            .send(body)
    })?;
    endpoint
        .accepted(answer, &format!("the PUT of graph <{graph}>"))
        .map(drop)
}

/// Replaces one remote graph by SPARQL Updates: DROP, then INSERT DATA in batches.
fn replace_graph(endpoint: &Endpoint, graph: &str, body: &[u8]) -> Result<(), RemoteError> {
    endpoint.update(&format!("DROP SILENT GRAPH <{graph}>"))?;
    let text = String::from_utf8_lossy(body);
    let lines: Vec<&str> = text.lines().filter(|l| !l.trim().is_empty()).collect();
    for batch in lines.chunks(BATCH_STATEMENTS) {
        insert(endpoint, graph, batch)?;
    }
    Ok(())
}

/// One `INSERT DATA` of these statements; a refused batch is split in halves and each half
/// retried, down to the one statement the server refuses, which the error names.
fn insert(endpoint: &Endpoint, graph: &str, statements: &[&str]) -> Result<(), RemoteError> {
    let text = format!(
        "INSERT DATA {{ GRAPH <{graph}> {{\n{}\n}} }}",
        statements.join("\n")
    );
    match endpoint.update(&text) {
        Ok(()) => Ok(()),
        Err(e) if statements.len() == 1 => Err(endpoint.error(format!(
            "the server refused the statement {} of graph <{graph}>: {e}",
            statements[0]
        ))),
        Err(_) => {
            let (a, b) = statements.split_at(statements.len() / 2);
            insert(endpoint, graph, a)?;
            insert(endpoint, graph, b)
        }
    }
}

/// What was sent to one endpoint, graph by graph: `hash:count` of the N-Triples sent. Kept
/// in the store directory (`pushed/`), rewritten whole after each graph the server accepted.
struct Record {
    path: Option<PathBuf>,
    endpoint: String,
    graphs: BTreeMap<String, String>,
}

#[derive(serde::Serialize, serde::Deserialize)]
struct RecordFile {
    endpoint: String,
    graphs: BTreeMap<String, String>,
}

impl Record {
    fn open(kg: &KnowledgeGraph, endpoint: &str) -> Record {
        let path = kg.dir().map(|dir| {
            dir.join("pushed").join(format!(
                "{:016x}.json",
                xxhash_rust::xxh3::xxh3_64(endpoint.as_bytes())
            ))
        });
        // An unreadable record only costs a full push.
        let graphs = path
            .as_ref()
            .and_then(|p| std::fs::read(p).ok())
            .and_then(|bytes| serde_json::from_slice::<RecordFile>(&bytes).ok())
            .filter(|r| r.endpoint == endpoint)
            .map(|r| r.graphs)
            .unwrap_or_default();
        Record {
            path,
            endpoint: endpoint.to_owned(),
            graphs,
        }
    }

    /// Written to a temporary file and renamed over the old one: a kill leaves one or the other.
    fn save(&self) -> Result<(), RemoteError> {
        let Some(path) = &self.path else {
            return Ok(());
        };
        let file = RecordFile {
            endpoint: self.endpoint.clone(),
            graphs: self.graphs.clone(),
        };
        let write = || -> std::io::Result<()> {
            let dir = path.parent().unwrap_or(path);
            std::fs::create_dir_all(dir)?;
            let tmp = path.with_extension("json.tmp");
            std::fs::write(&tmp, serde_json::to_vec_pretty(&file)?)?;
            std::fs::rename(&tmp, path)
        };
        write().map_err(|e| {
            RemoteError::Store(smarty_store::StoreError::Storage(format!(
                "cannot record the push in {}: {e}",
                path.display()
            )))
        })
    }
}
