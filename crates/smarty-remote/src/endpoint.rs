//! A remote SPARQL 1.1 endpoint: the protocol's requests, retried, timed out, paged.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::time::Duration;

use smarty_store::{Portable, QueryOptions, QueryOutcome, Term};

use crate::{Auth, RemoteError};

/// One solution of an answer, a value (or none) per variable.
pub(crate) type Row = Vec<Option<Term>>;

/// Attempts after the first when the connection fails or the server answers 5xx.
const RETRIES: u32 = 3;
/// The first pause before a retry; each next one is four times longer (0.25 s, 1 s, 4 s).
const FIRST_BACKOFF: Duration = Duration::from_millis(250);
/// How long a request may wait for a connection.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a request may take when the command sets no `--timeout`.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(300);
/// Longer query texts go in a form-encoded POST body rather than the URL. (Never a POST of
/// `application/sparql-query`: Virtuoso 7 leaves it unanswered.)
const MAX_GET_QUERY: usize = 2000;
/// Answers larger than this are refused rather than held in memory.
const MAX_ANSWER_BYTES: u64 = 4 << 30;
/// The most graphs a query names in `FROM` and `FROM NAMED` (each costs some 140 bytes of
/// query text, and servers slow down with long lists).
const MAX_LISTED_GRAPHS: usize = 500;
/// Response headers by which servers say they cut an answer at their row limit, the limit as
/// value: Virtuoso's (`ResultSetMaxRows`) and `smarty-kg serve`'s (`--max-rows`).
const MAX_ROWS_HEADERS: [&str; 2] = ["x-sparql-maxrows", "smarty-truncated"];

/// Where and how to reach a remote store.
#[derive(Debug, Clone)]
pub struct EndpointConfig {
    /// The SPARQL 1.1 Protocol query (and update) URL.
    pub url: String,
    /// Where SPARQL Updates go when the server takes them elsewhere (GraphDB's
    /// `…/statements`); `None`: `url`.
    pub update_url: Option<String>,
    pub auth: Option<Auth>,
    /// The longest a request may take.
    pub timeout: Option<Duration>,
}

/// A remote SPARQL endpoint, answering queries as the embedded store does.
pub struct Endpoint {
    pub(crate) config: EndpointConfig,
    agent: ureq::Agent,
    /// The graphs queries read ([`Endpoint::dataset`]), found at the first query.
    dataset: RefCell<Option<Option<Vec<String>>>>,
    /// The server refused to sort a page: later pages are read in its own order.
    pub(crate) unsorted_pages: std::cell::Cell<bool>,
    /// What the user should know about how answers were obtained (an answer cut by the
    /// server and read in pages, say).
    notes: RefCell<Vec<String>>,
}

/// A response's status, media type, the row cap it reports, and its body.
pub(crate) struct Answer {
    pub status: u16,
    pub media_type: String,
    pub max_rows: Option<usize>,
    pub body: Vec<u8>,
}

impl Endpoint {
    pub fn new(config: EndpointConfig) -> Result<Endpoint, RemoteError> {
        let parsed: Result<ureq::http::Uri, _> = config.url.parse();
        match parsed {
            Ok(uri) if matches!(uri.scheme_str(), Some("http" | "https")) => {}
            _ => {
                return Err(RemoteError::BadUrl {
                    url: config.url.clone(),
                });
            }
        }
        let agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_connect(Some(CONNECT_TIMEOUT))
            .timeout_global(Some(config.timeout.unwrap_or(DEFAULT_TIMEOUT)))
            .build()
            .new_agent();
        Ok(Endpoint {
            config,
            agent,
            dataset: RefCell::new(None),
            unsorted_pages: std::cell::Cell::new(false),
            notes: RefCell::new(Vec::new()),
        })
    }

    /// The endpoint sending its updates to another URL.
    pub fn with_update_url(mut self, url: &str) -> Endpoint {
        self.config.update_url = Some(url.to_owned());
        self
    }

    pub fn url(&self) -> &str {
        &self.config.url
    }

    /// Notes gathered so far, emptied.
    pub fn take_notes(&self) -> Vec<String> {
        std::mem::take(&mut self.notes.borrow_mut())
    }

    pub(crate) fn note(&self, note: String) {
        self.notes.borrow_mut().push(note);
    }

    pub(crate) fn error(&self, message: impl Into<String>) -> RemoteError {
        RemoteError::Endpoint {
            endpoint: self.config.url.clone(),
            message: message.into(),
        }
    }

    /// Sends a request built by `send`, retrying connection failures and 5xx answers with
    /// backoff; the last failure is the error.
    pub(crate) fn send(
        &self,
        what: &str,
        send: impl Fn(&ureq::Agent) -> Result<ureq::http::Response<ureq::Body>, ureq::Error>,
    ) -> Result<Answer, RemoteError> {
        let mut pause = FIRST_BACKOFF;
        let mut attempt = 0;
        loop {
            let failure = match send(&self.agent) {
                Ok(mut response) => {
                    let answer = self.read(&mut response)?;
                    if answer.status < 500 {
                        return Ok(answer);
                    }
                    let failure = RemoteError::Server {
                        endpoint: self.config.url.clone(),
                        message: format!(
                            "{what}: HTTP {}: {}",
                            answer.status,
                            excerpt(&answer.body)
                        ),
                    };
                    // The same request would fail the same way: not retried.
                    if fails_every_time(&answer.body) {
                        return Err(failure);
                    }
                    failure
                }
                Err(ureq::Error::BadUri(e)) => return Err(self.error(e)),
                Err(ureq::Error::Timeout(_)) => {
                    return Err(self.error(format!(
                        "{what}: no answer within {:?} (--timeout)",
                        self.config.timeout.unwrap_or(DEFAULT_TIMEOUT)
                    )));
                }
                Err(e) => self.error(format!("{what}: {e}")),
            };
            if attempt == RETRIES {
                return Err(failure.after(RETRIES + 1));
            }
            attempt += 1;
            std::thread::sleep(pause);
            pause *= 4;
        }
    }

    fn read(&self, response: &mut ureq::http::Response<ureq::Body>) -> Result<Answer, RemoteError> {
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let media_type = header("content-type").unwrap_or_default();
        let max_rows = MAX_ROWS_HEADERS
            .iter()
            .find_map(|h| header(h).and_then(|v| v.trim().parse().ok()));
        let status = response.status().as_u16();
        let body = response
            .body_mut()
            .with_config()
            .limit(MAX_ANSWER_BYTES)
            .read_to_vec()
            .map_err(|e| self.error(format!("reading the answer: {e}")))?;
        Ok(Answer {
            status,
            media_type,
            max_rows,
            body,
        })
    }

    /// The request carrying a SPARQL query: GET when the text is short, else a form-encoded
    /// POST.
    pub(crate) fn query_request(&self, text: &str, accept: &str) -> Result<Answer, RemoteError> {
        let answer = self.send("query", |agent| {
            if text.len() <= MAX_GET_QUERY {
                self.authorised(agent.get(&self.config.url))
                    .header("Accept", accept)
                    .query("query", text)
                    .call()
            } else {
                self.authorised(agent.post(&self.config.url))
                    .header("Accept", accept)
                    .send_form([("query", text)])
            }
        })?;
        self.accepted(answer, "the query")
    }

    /// The answer when the server accepted the request; its refusal (4xx) as an error naming
    /// `what` was refused.
    pub(crate) fn accepted(&self, answer: Answer, what: &str) -> Result<Answer, RemoteError> {
        if answer.status < 400 {
            return Ok(answer);
        }
        Err(self.error(format!(
            "{what} was refused: HTTP {}: {}",
            answer.status,
            excerpt(&answer.body)
        )))
    }

    /// Runs a SPARQL Update (form-encoded POST, as every server takes it).
    pub fn update(&self, text: &str) -> Result<(), RemoteError> {
        let answer = self.send("update", |agent| {
            let url = self.config.update_url.as_ref().unwrap_or(&self.config.url);
            self.authorised(agent.post(url))
                .send_form([("update", text)])
        })?;
        self.accepted(answer, "the update").map(drop)
    }

    pub(crate) fn authorised<B>(
        &self,
        request: ureq::RequestBuilder<B>,
    ) -> ureq::RequestBuilder<B> {
        match &self.config.auth {
            Some(auth) => request.header("Authorization", auth.header()),
            None => request,
        }
    }

    /// The statements in each of smarty-kg's graphs on the server (one grouped query).
    pub fn graph_counts(&self) -> Result<BTreeMap<String, usize>, RemoteError> {
        let text = format!(
            "SELECT ?g (COUNT(*) AS ?n) WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), \"{}\")) }} GROUP BY ?g",
            smarty_rdf::iri::GRAPH_BASE
        );
        let outcome = self.select_all(&Portable::new(&text, &QueryOptions::default(), None)?)?;
        let QueryOutcome::Solutions(table) = outcome else {
            return Ok(BTreeMap::new());
        };
        Ok(table
            .rows
            .iter()
            .filter_map(|row| match (row.first(), row.get(1)) {
                (Some(Some(Term::NamedNode(g))), Some(Some(Term::Literal(n)))) => {
                    Some((g.as_str().to_owned(), n.value().parse().unwrap_or(0)))
                }
                _ => None,
            })
            .collect())
    }

    /// The graphs a query without a dataset of its own reads: smarty-kg's graphs on the server,
    /// named in `FROM` and `FROM NAMED` when there are few enough to name in every query;
    /// `None` (the server's whole default graph) when there are none or too many, and a note
    /// says so.
    pub(crate) fn dataset(&self) -> Result<Option<Vec<String>>, RemoteError> {
        if let Some(known) = self.dataset.borrow().as_ref() {
            return Ok(known.clone());
        }
        // One more than can be named tells "too many" without listing (or counting) them all.
        let text = format!(
            "SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?s ?p ?o }} FILTER(STRSTARTS(STR(?g), \"{}\")) }} LIMIT {}",
            smarty_rdf::iri::GRAPH_BASE,
            MAX_LISTED_GRAPHS + 1
        );
        let outcome = self.select_all(&Portable::new(&text, &QueryOptions::default(), None)?)?;
        let mut graphs: Vec<String> = match outcome {
            QueryOutcome::Solutions(table) => table
                .column("g")
                .filter_map(|t| match t {
                    Some(Term::NamedNode(n)) => Some(n.as_str().to_owned()),
                    _ => None,
                })
                .collect(),
            _ => Vec::new(),
        };
        graphs.sort();
        let dataset = if graphs.len() > MAX_LISTED_GRAPHS {
            self.note(format!(
                "{} holds more than {MAX_LISTED_GRAPHS} smarty-kg graphs, too many to name in each query: queries read its whole default graph",
                self.config.url
            ));
            None
        } else {
            (!graphs.is_empty()).then_some(graphs)
        };
        *self.dataset.borrow_mut() = Some(dataset.clone());
        Ok(dataset)
    }

    /// Forgets the graphs found (after a push changed them).
    pub(crate) fn forget_graphs(&self) {
        *self.dataset.borrow_mut() = None;
    }
}

/// Whether an error answer says the query itself fails on this server, which a retry would
/// not change: Virtuoso names the SQL state of its errors ("Virtuoso 22026 Error SR478: …"),
/// and those of class 22 (a value it cannot hold), 37 and 42 (a query it cannot compile or
/// run) come back on every try; deadlocks (40) and lost connections (08) may not.
fn fails_every_time(body: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&body[..body.len().min(4096)]);
    text.split("Virtuoso ").skip(1).any(|after| {
        let state = after.get(..5).unwrap_or_default();
        after.get(5..12) == Some(" Error ")
            && ["22", "37", "42"]
                .iter()
                .any(|class| state.starts_with(class))
    })
}

/// The start of an error body, on one line, for messages; an HTML page's text without its
/// tags (Virtuoso explains its refusals in one).
pub(crate) fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = if text.trim_start().starts_with('<') {
        let mut plain = String::with_capacity(text.len());
        let mut in_tag = false;
        for c in text.chars() {
            match c {
                '<' => in_tag = true,
                '>' if in_tag => {
                    in_tag = false;
                    plain.push(' ');
                }
                c if !in_tag => plain.push(c),
                _ => {}
            }
        }
        std::borrow::Cow::Owned(plain)
    } else {
        text
    };
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(600) {
        Some((at, _)) => format!("{}…", &line[..at]),
        None => line,
    }
}
