//! A shell session without a terminal: statements and dot-commands in, text out. The interactive
//! loop, the script runner and the tests all drive this one object.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::rc::Rc;
use std::time::{Duration, Instant};

use smarty_reference::Reference;
use smarty_store::{
    Canceller, ExportOptions, GraphFormat, GuideDocument, KnowledgeGraph, NamedNode, QueryLibrary,
    QueryOptions, QueryOutcome, QueryOutput, ResultsFormat, StoreError, Term,
};

use crate::command::{DotCommand, OutputFormat, help};
use crate::names::Names;
use crate::{interrupt, render, sources};

/// How the session prints.
#[derive(Debug, Clone)]
pub struct Settings {
    pub format: OutputFormat,
    /// Rows of a table shown at most (0: all).
    pub max_rows: usize,
    /// Print each statement's time.
    pub timer: bool,
    /// Table width; `None` fits the terminal (or does not wrap when there is none).
    pub width: Option<u16>,
    pub timeout: Option<Duration>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            format: OutputFormat::Table,
            max_rows: 100,
            timer: true,
            width: None,
            timeout: None,
        }
    }
}

/// Whether the session goes on after a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flow {
    Continue,
    Quit,
}

#[derive(Debug, thiserror::Error)]
pub enum ReplError {
    /// A dot-command used wrongly; the message says how to use it.
    #[error("{0}")]
    Command(String),
    #[error("{line}:{column}: syntax error: {message}\n{excerpt}")]
    Syntax {
        line: usize,
        column: usize,
        message: String,
        excerpt: String,
    },
    #[error(transparent)]
    Store(StoreError),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

impl ReplError {
    /// A store error, with the statement's line and a caret for syntax errors.
    fn from_store(e: StoreError, statement: &str) -> ReplError {
        match e {
            StoreError::Syntax {
                line,
                column,
                message,
            } => ReplError::Syntax {
                excerpt: render::caret_excerpt(statement, line, column),
                line,
                column,
                message,
            },
            other => ReplError::Store(other),
        }
    }
}

impl From<StoreError> for ReplError {
    fn from(e: StoreError) -> Self {
        ReplError::Store(e)
    }
}

pub struct Session<'kg> {
    kg: &'kg KnowledgeGraph,
    reference: Reference,
    library: QueryLibrary,
    pub settings: Settings,
    prefixes: Vec<(String, String)>,
    output: Option<(PathBuf, BufWriter<File>)>,
    /// Loaded on first use and dropped after each write, so a large store opens at once.
    names: std::cell::OnceCell<Rc<Names>>,
    /// Counts writes, so a completer holding its own copy of the names knows when to reload.
    generation: u64,
}

impl<'kg> Session<'kg> {
    pub fn new(kg: &'kg KnowledgeGraph, library: QueryLibrary) -> Result<Session<'kg>, ReplError> {
        let reference = Reference::bundled().map_err(|e| ReplError::Command(e.to_string()))?;
        Ok(Session {
            names: std::cell::OnceCell::new(),
            generation: 0,
            kg,
            reference,
            library,
            settings: Settings::default(),
            prefixes: Vec::new(),
            output: None,
        })
    }

    /// The names of things and the vocabulary in use, loaded on first use.
    pub fn names(&self) -> Result<Rc<Names>, ReplError> {
        if let Some(names) = self.names.get() {
            return Ok(names.clone());
        }
        let names = Rc::new(Names::load(self.kg)?);
        Ok(self.names.get_or_init(|| names).clone())
    }

    /// Forgets the names after a write; they are loaded again when next needed.
    fn names_changed(&mut self) {
        self.names = std::cell::OnceCell::new();
        self.generation += 1;
    }

    /// How many writes the session has made (see [`Session::names`]).
    pub fn generation(&self) -> u64 {
        self.generation
    }

    pub fn knowledge_graph(&self) -> &'kg KnowledgeGraph {
        self.kg
    }

    pub fn library(&self) -> &QueryLibrary {
        &self.library
    }

    /// Prefixes declared in this session (the predeclared ones come on top).
    pub fn session_prefixes(&self) -> &[(String, String)] {
        &self.prefixes
    }

    /// Runs one statement or dot-command. Results go to the `.output` file if one is set, else to
    /// `screen`; messages (row counts, times) always go to `screen`.
    pub fn execute(&mut self, input: &str, screen: &mut dyn Write) -> Result<Flow, ReplError> {
        let text = input.trim();
        if text.is_empty() {
            return Ok(Flow::Continue);
        }
        if text.starts_with('.') {
            let command: DotCommand = text.parse().map_err(ReplError::Command)?;
            return self.command(command, screen);
        }
        self.statement(text, &[], screen)?;
        Ok(Flow::Continue)
    }

    fn options(&self, canceller: &Canceller, parameters: Vec<(String, Term)>) -> QueryOptions {
        QueryOptions {
            timeout: self.settings.timeout,
            canceller: Some(canceller.clone()),
            parameters,
            prefixes: self.prefixes.clone(),
            deadline: None,
        }
    }

    /// A SPARQL query or update.
    fn statement(
        &mut self,
        text: &str,
        parameters: &[(String, Term)],
        screen: &mut dyn Write,
    ) -> Result<(), ReplError> {
        let canceller = Canceller::new();
        interrupt::watch(canceller.clone());
        let start = Instant::now();
        let options = self.options(&canceller, parameters.to_vec());
        let result = if is_update(text) {
            self.kg.update(text, &options).map(|()| None)
        } else {
            self.kg.query(text, &options).map(Some)
        };
        interrupt::clear();
        let elapsed = start.elapsed();
        let outcome = result.map_err(|e| ReplError::from_store(e, text))?;
        match outcome {
            None => {
                self.names_changed();
                let time = self.time(elapsed);
                writeln!(screen, "update applied{time}")?;
            }
            Some(outcome) => self.print_outcome(&outcome, elapsed, screen)?,
        }
        Ok(())
    }

    fn time(&self, elapsed: Duration) -> String {
        if self.settings.timer {
            format!(" in {}", render::duration(elapsed))
        } else {
            String::new()
        }
    }

    fn print_outcome(
        &mut self,
        outcome: &QueryOutcome,
        elapsed: Duration,
        screen: &mut dyn Write,
    ) -> Result<(), ReplError> {
        let time = self.time(elapsed);
        let format = self.settings.format;
        let (max_rows, width) = (self.settings.max_rows, self.settings.width);
        let (out, to_file): (&mut dyn Write, bool) = match &mut self.output {
            Some((_, file)) => (file, true),
            None => (screen, false),
        };
        let summary = match (outcome, format) {
            (QueryOutcome::Solutions(table), OutputFormat::Table) => {
                let layout = render::Layout {
                    width,
                    max_rows: (max_rows > 0).then_some(max_rows),
                    max_cell: 60,
                };
                writeln!(out, "{}", render::solutions(table, layout))?;
                render::row_count(table.rows.len(), layout.max_rows)
            }
            (QueryOutcome::Boolean(b), OutputFormat::Table) => {
                writeln!(out, "{b}")?;
                "1 answer".to_owned()
            }
            (QueryOutcome::Graph(triples), OutputFormat::Table) => {
                smarty_store::write_outcome(
                    outcome,
                    QueryOutput::Graph(GraphFormat::Turtle),
                    &mut *out,
                )?;
                format!("{} triples", render::thousands(triples.len()))
            }
            (_, f) => {
                let rf = result_format(f, outcome);
                smarty_store::write_outcome(outcome, rf, &mut *out)?;
                if rf.needs_final_newline() {
                    writeln!(out)?;
                }
                match outcome {
                    QueryOutcome::Solutions(t) => render::row_count(t.rows.len(), None),
                    QueryOutcome::Boolean(_) => "1 answer".to_owned(),
                    QueryOutcome::Graph(t) => format!("{} triples", render::thousands(t.len())),
                }
            }
        };
        out.flush()?;
        let place = match (&self.output, to_file) {
            (Some((path, _)), true) => format!(" → {}", path.display()),
            _ => String::new(),
        };
        writeln!(screen, "({summary}{time}){place}")?;
        Ok(())
    }

    fn command(&mut self, command: DotCommand, screen: &mut dyn Write) -> Result<Flow, ReplError> {
        match command {
            DotCommand::Quit => return Ok(Flow::Quit),
            DotCommand::Help(topic) => {
                write!(
                    screen,
                    "{}",
                    help(topic.as_deref()).map_err(ReplError::Command)?
                )?;
            }
            DotCommand::Prefixes => {
                for (p, ns) in smarty_rdf::vocab::PREFIXES {
                    writeln!(screen, "PREFIX {:<14} <{ns}>", format!("{p}:"))?;
                }
                for (p, ns) in &self.prefixes {
                    writeln!(
                        screen,
                        "PREFIX {:<14} <{ns}>   # this session",
                        format!("{p}:")
                    )?;
                }
            }
            DotCommand::Prefix { name, iri } => {
                NamedNode::new(&iri).map_err(|e| ReplError::Command(format!("<{iri}>: {e}")))?;
                self.prefixes.retain(|(p, _)| *p != name);
                writeln!(screen, "PREFIX {name}: <{iri}>")?;
                self.prefixes.push((name, iri));
            }
            DotCommand::Queries => {
                for q in self.library.iter() {
                    let params: Vec<String> = q
                        .parameters
                        .iter()
                        .map(|p| {
                            if p.optional {
                                format!("[{}=…]", p.name)
                            } else {
                                format!("{}=…", p.name)
                            }
                        })
                        .collect();
                    writeln!(screen, "{} {}", q.name, params.join(" "))?;
                    writeln!(screen, "    {}", q.title)?;
                }
                writeln!(
                    screen,
                    "({} named queries; .run NAME to run one)",
                    self.library.iter().count()
                )?;
            }
            DotCommand::Run { name, params } => {
                let query = self
                    .library
                    .get(&name)
                    .ok_or_else(|| {
                        ReplError::Command(format!("no named query '{name}'; .queries lists them"))
                    })?
                    .clone();
                let mut bound = Vec::new();
                for (k, v) in params {
                    let declared =
                        query
                            .parameters
                            .iter()
                            .find(|p| p.name == k)
                            .ok_or_else(|| {
                                ReplError::Command(format!(
                                    "{name} has no parameter '{k}'; it takes: {}",
                                    query
                                        .parameters
                                        .iter()
                                        .map(|p| p.name.as_str())
                                        .collect::<Vec<_>>()
                                        .join(", ")
                                ))
                            })?;
                    bound.push((
                        k,
                        self.parameter_value(&v, declared.kind == smarty_store::ParamKind::Iri)?,
                    ));
                }
                self.statement(&query.text, &bound, screen)?;
            }
            DotCommand::Describe(target) => {
                let iri = self.resolve(&target)?;
                let subject = vec![("s".to_owned(), Term::NamedNode(iri.clone()))];
                writeln!(screen, "{}", render::term(&Term::NamedNode(iri)))?;
                self.statement("SELECT ?property ?value WHERE { ?s ?property ?value } ORDER BY ?property ?value", &subject, screen)?;
                let incoming = "SELECT ?subject ?property WHERE { ?subject ?property ?s } ORDER BY ?property ?subject";
                let any = QueryOptions {
                    parameters: subject.clone(),
                    ..QueryOptions::default()
                };
                if matches!(
                    self.kg.query("ASK { ?x ?y ?s }", &any)?,
                    QueryOutcome::Boolean(true)
                ) {
                    writeln!(screen, "referred to by:")?;
                    self.statement(incoming, &subject, screen)?;
                }
            }
            DotCommand::Why(target) => {
                let iri = self.resolve(&target)?;
                sources::why(self.kg, &iri, &self.prefixes, screen)?;
            }
            DotCommand::Stats => write!(screen, "{}", render::stats(&self.kg.stats()?))?,
            DotCommand::Explain(query) => {
                let canceller = Canceller::new();
                let plan = self
                    .kg
                    .explain(&query, &self.options(&canceller, Vec::new()))
                    .map_err(|e| ReplError::from_store(e, &query))?;
                writeln!(screen, "{}", render::plan(&plan))?;
            }
            DotCommand::Timer(on) => self.settings.timer = on,
            DotCommand::Format(f) => self.settings.format = f,
            DotCommand::MaxRows(n) => self.settings.max_rows = n,
            DotCommand::Output(None) => {
                if let Some((path, mut file)) = self.output.take() {
                    file.flush()?;
                    writeln!(
                        screen,
                        "results go to the screen again ({} written)",
                        path.display()
                    )?;
                }
            }
            DotCommand::Output(Some(path)) => {
                let file = File::create(&path)
                    .map_err(|e| ReplError::Command(format!("{}: {e}", path.display())))?;
                writeln!(screen, "results go to {}", path.display())?;
                self.output = Some((path, BufWriter::new(file)));
            }
            DotCommand::Ingest(path) => {
                let bytes = std::fs::read(&path).map_err(|e| {
                    ReplError::Command(format!("{}: cannot read: {e}", path.display()))
                })?;
                let text = smarty_extract::text::decode(&bytes).map_err(|e| {
                    ReplError::Command(format!("{}:{}: {}", path.display(), e.line, e.message))
                })?;
                let name = path
                    .file_stem()
                    .and_then(|s| s.to_str())
                    .unwrap_or("guide")
                    .to_owned();
                let report = self.kg.ingest_guide(
                    &GuideDocument {
                        name: &name,
                        text: &text,
                        bytes: &bytes,
                    },
                    &self.reference,
                    &mut |_| {},
                )?;
                for d in &report.diagnostics {
                    writeln!(screen, "{}:{d}", path.display())?;
                }
                writeln!(
                    screen,
                    "ingested {}: {} practices, {} persons, {} organisations; {} statements in {} graphs",
                    path.display(),
                    report.practices,
                    report.persons,
                    report.organisations,
                    report.quads,
                    report.graphs
                )?;
                self.names_changed();
            }
            DotCommand::Load(path) => {
                let format = GraphFormat::from_path(&path).ok_or_else(|| {
                    ReplError::Command(format!(
                        "{}: not an RDF file name (.ttl .trig .nt .nq .rdf .owl .jsonld)",
                        path.display()
                    ))
                })?;
                let report = self.kg.load_rdf_file(&path, format)?;
                writeln!(
                    screen,
                    "loaded {}: {} statement{} into <{}>",
                    path.display(),
                    report.quads,
                    if report.quads == 1 { "" } else { "s" },
                    report.graph
                )?;
                self.names_changed();
            }
            DotCommand::Export {
                format,
                file,
                public,
            } => {
                let options = ExportOptions {
                    format: export_format(&format),
                    graph: None,
                    public,
                };
                let count = write_atomically(&file, |w| Ok(self.kg.export(&options, w)?))?;
                writeln!(
                    screen,
                    "exported {count} statements to {}{}",
                    file.display(),
                    if public {
                        " (public: personal data left out)"
                    } else {
                        ""
                    }
                )?;
            }
            DotCommand::Graph { kind, format, file } => {
                crate::networks::graph(self.kg, &kind, format.as_deref(), file.as_deref(), screen)?;
            }
            DotCommand::Contacts { min_practices } => {
                let layout = render::Layout {
                    width: self.settings.width,
                    ..render::Layout::default()
                };
                crate::networks::contacts(self.kg, min_practices.unwrap_or(2), layout, screen)?;
            }
        }
        Ok(Flow::Continue)
    }

    /// A parameter value as an RDF term. Where the parameter expects an IRI, a name (quoted or
    /// not) stands for the thing it names; elsewhere bare text is a plain literal.
    fn parameter_value(&self, value: &str, expects_iri: bool) -> Result<Term, ReplError> {
        let unquoted = value.strip_prefix('"').and_then(|v| v.strip_suffix('"'));
        let iri_syntax = value.starts_with('<') || (unquoted.is_none() && value.contains(':'));
        if expects_iri {
            return if iri_syntax {
                Ok(self.expand(value)?)
            } else {
                Ok(Term::NamedNode(self.resolve(unquoted.unwrap_or(value))?))
            };
        }
        let term_syntax = iri_syntax || unquoted.is_some() || value.parse::<f64>().is_ok();
        if term_syntax {
            Ok(self.expand(value)?)
        } else {
            Ok(Term::Literal(smarty_store::Literal::new_simple_literal(
                value,
            )))
        }
    }

    /// `<iri>`, `prefix:local` (session prefixes included), or another RDF term.
    fn expand(&self, value: &str) -> Result<Term, StoreError> {
        if let Some((p, local)) = value.split_once(':')
            && let Some((_, ns)) = self.prefixes.iter().find(|(name, _)| name == p)
        {
            return NamedNode::new(format!("{ns}{local}"))
                .map(Term::NamedNode)
                .map_err(|e| StoreError::Evaluation(e.to_string()));
        }
        smarty_store::parse_term(value)
    }

    /// An IRI, a prefixed name, or the name of a practice, organisation, person or theme.
    pub fn resolve(&self, target: &str) -> Result<NamedNode, ReplError> {
        let target = target.trim();
        let looks_like_iri = target.starts_with('<')
            || target.starts_with("http://")
            || target.starts_with("https://")
            || target
                .split_once(':')
                .is_some_and(|(p, l)| !p.contains(' ') && !l.starts_with(' '));
        if looks_like_iri && let Ok(Term::NamedNode(n)) = self.expand(target) {
            return Ok(n);
        }
        self.names()?
            .resolve(target)
            .map(|t| t.iri.clone())
            .map_err(ReplError::Command)
    }
}

fn result_format(format: OutputFormat, outcome: &QueryOutcome) -> QueryOutput {
    match (format, outcome) {
        (OutputFormat::Csv, _) => QueryOutput::Results(ResultsFormat::Csv),
        (OutputFormat::Tsv, _) => QueryOutput::Results(ResultsFormat::Tsv),
        (OutputFormat::Json, QueryOutcome::Graph(_)) | (OutputFormat::JsonLd, _) => {
            QueryOutput::Graph(GraphFormat::JsonLd)
        }
        (OutputFormat::Json, _) => QueryOutput::Results(ResultsFormat::Json),
        (OutputFormat::Xml, QueryOutcome::Graph(_)) => QueryOutput::Graph(GraphFormat::RdfXml),
        (OutputFormat::Xml, _) => QueryOutput::Results(ResultsFormat::Xml),
        (OutputFormat::NTriples, _) => QueryOutput::Graph(GraphFormat::NTriples),
        (OutputFormat::Turtle | OutputFormat::Table, _) => QueryOutput::Graph(GraphFormat::Turtle),
    }
}

pub fn export_format(name: &str) -> GraphFormat {
    match name {
        "ntriples" => GraphFormat::NTriples,
        "nquads" => GraphFormat::NQuads,
        "trig" => GraphFormat::TriG,
        "rdfxml" => GraphFormat::RdfXml,
        "jsonld" => GraphFormat::JsonLd,
        _ => GraphFormat::Turtle,
    }
}

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

/// Whether a statement is an update: its first keyword after prologue and comments.
fn is_update(text: &str) -> bool {
    let mut rest = text;
    loop {
        rest = rest.trim_start();
        if rest.starts_with('#') {
            rest = rest.split_once('\n').map_or("", |(_, r)| r);
            continue;
        }
        let upper: String = rest
            .chars()
            .take(6)
            .collect::<String>()
            .to_ascii_uppercase();
        if upper.starts_with("PREFIX") || upper.starts_with("BASE") {
            // Skip the declaration: up to and including its <iri>.
            rest = rest.split_once('>').map_or("", |(_, r)| r);
            continue;
        }
        let word: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect::<String>()
            .to_ascii_uppercase();
        return !matches!(
            word.as_str(),
            "SELECT" | "ASK" | "CONSTRUCT" | "DESCRIBE" | ""
        );
    }
}

#[cfg(test)]
mod tests {
    use super::is_update;

    #[test]
    fn updates_are_told_from_queries() {
        assert!(!is_update("PREFIX ex: <http://e/> # c\nSELECT * {}"));
        assert!(!is_update("# comment\nask {}"));
        assert!(is_update("INSERT DATA { <a> <b> <c> }"));
        assert!(is_update(
            "PREFIX ex: <http://e/>\nDELETE WHERE { ?s ex:p ?o }"
        ));
    }
}
