//! The command line, defined once: help, the man page and shell completions are generated from it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
pub use smarty_repl::OutputFormat;
use smarty_store::{GraphFormat, GraphName, NamedNode, ParamKind, ParamValue, Term};

/// `--format` of RDF serialisations: the store's one list of names, offered as possible values.
fn graph_format() -> impl clap::builder::TypedValueParser<Value = GraphFormat> {
    use clap::builder::TypedValueParser;
    clap::builder::PossibleValuesParser::new(GraphFormat::NAMES)
        .map(|name| GraphFormat::from_name(&name).unwrap_or(GraphFormat::Turtle))
}

/// `--graph`: an IRI, as `<https://…>`, `https://…` or `prefix:local` (a predeclared prefix).
fn graph_iri(value: &str) -> Result<String, String> {
    match ParamKind::Iri.read(value, &[]) {
        Ok(ParamValue::Term(Term::NamedNode(n))) => Ok(n.into_string()),
        _ => Err("expected a graph's IRI: <https://…>, https://… or prefix:local".to_owned()),
    }
}

/// `ingest --graph`: `default`, or a graph's IRI as `--graph` of `export` takes it.
fn target_graph(value: &str) -> Result<GraphName, String> {
    if value == "default" {
        return Ok(GraphName::DefaultGraph);
    }
    graph_iri(value)
        .map(|iri| GraphName::NamedNode(NamedNode::new_unchecked(iri)))
        .map_err(|_| {
            "expected `default` or a graph's IRI: <https://…>, https://… or prefix:local".to_owned()
        })
}

/// `--base`: an absolute IRI, with or without angle brackets.
fn absolute_iri(value: &str) -> Result<String, String> {
    let iri = value
        .strip_prefix('<')
        .and_then(|v| v.strip_suffix('>'))
        .unwrap_or(value);
    NamedNode::new(iri)
        .map(NamedNode::into_string)
        .map_err(|e| format!("expected an absolute IRI: {e}"))
}

mod networks;

pub use networks::{ContactsArgs, ContactsFormat, GraphArgs, PathArgs, PathFormat, ViaArg};

#[derive(Debug, Parser)]
#[command(
    name = "smarty-kg",
    version,
    about = "Turn good-practice guides into a knowledge graph; query, draw and export it",
    long_about = "Turn good-practice guides into a knowledge graph; query, draw and export it.\n\n\
        Without a command, opens the interactive SPARQL shell on the default store (ingesting the \
        bundled guide first if the store is empty); with standard input from a pipe or a file, runs \
        it as a script of statements and dot-commands."
)]
pub struct Cli {
    #[command(flatten)]
    pub store: StoreArgs,

    /// How the shell prints results, as its .format command (for a script from a pipe, say)
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

/// Where the knowledge graph lives. Accepted before or after the command.
#[derive(Debug, Clone, Args)]
pub struct StoreArgs {
    /// Store directory; commands that write create it if missing, the others need it
    /// [default: .smarty-kg/store, or $SMARTY_KG_STORE]
    #[arg(long, global = true, value_name = "DIR", env = "SMARTY_KG_STORE")]
    pub store: Option<PathBuf>,

    /// Use a temporary in-memory store instead of the on-disk one
    #[arg(long, global = true, conflicts_with = "store")]
    pub memory: bool,

    /// Stop queries that run longer than this many seconds [default for serve: 30]
    #[arg(long, global = true, value_name = "SECONDS")]
    pub timeout: Option<f64>,

    /// Print how long each phase took, as 'timing PHASE MS' lines on standard error
    #[arg(long, global = true)]
    pub timings: bool,

    /// Read a kept earlier version instead of the current data (`ingest --keep-previous`):
    /// DOC@VERSION as `stats` lists it, or the version's IRI (…/source/DOC-VERSION.txt)
    #[arg(
        long,
        global = true,
        value_name = "DOC@VERSION",
        conflicts_with = "memory"
    )]
    pub at: Option<String>,

    /// Read from a remote SPARQL 1.1 endpoint instead of the local store (query, contacts,
    /// graph, path, stats); `push` copies the store there
    #[arg(
        long,
        global = true,
        value_name = "URL",
        env = "SMARTY_KG_ENDPOINT",
        conflicts_with_all = ["memory", "at"]
    )]
    pub endpoint: Option<String>,

    /// Credentials for --endpoint and push: a file whose first line is 'bearer TOKEN' or
    /// 'basic USER:PASSWORD' [default: the same line in $SMARTY_KG_AUTH]
    #[arg(long, global = true, value_name = "FILE")]
    pub auth_file: Option<PathBuf>,

    /// Standard SPARQL in queries and updates (query, update, the shell, serve): no predeclared
    /// prefixes, the default graph is the store's own default graph (not the union of the named
    /// graphs), answers exactly as evaluated
    #[arg(long, global = true)]
    pub strict: bool,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Extract the practices of a guide and print them (no store involved)
    Extract(ExtractArgs),
    /// What changed between two editions of a guide: practices added, removed and changed
    Diff(DiffArgs),
    /// Ingest guides (text) and RDF files into the store
    Ingest(IngestArgs),
    /// Run a SPARQL query (SELECT, ASK, CONSTRUCT, DESCRIBE)
    Query(QueryArgs),
    /// Run a SPARQL Update
    Update(UpdateArgs),
    /// Export the store in an RDF serialisation
    Export(ExportArgs),
    /// Check the store against the SHACL shapes (ontology/shapes.ttl)
    Validate(ValidateArgs),
    /// Print what the store holds: statements, graphs, documents, classes
    Stats,
    /// Persons behind more than one practice, and why they are one person (personal data)
    Contacts(ContactsArgs),
    /// A network (contacts, partners, practice-person, practice-organisation): draw, export, analyse
    Graph(GraphArgs),
    /// The shortest chain linking two practices or organisations, hop by hop
    Path(PathArgs),
    /// A guided tour of the shell on the bundled guide (ingested first if the store is empty)
    Demo,
    /// Write a synthetic guide in the same template, for tests and benchmarks
    Synth(SynthArgs),
    /// Print the completion script for a shell (e.g. `smarty-kg completions bash > /etc/bash_completion.d/smarty-kg`)
    Completions(CompletionsArgs),
    /// Print the manual page (roff; `smarty-kg man | man -l -`), or write one page per command
    Man(ManArgs),
    /// Serve the store over HTTP: SPARQL endpoint, Graph Store, named queries, linked-data pages
    Serve(ServeArgs),
    /// Copy the store's graphs into a remote SPARQL store, replacing graphs of the same name
    Push(PushArgs),
}

#[derive(Debug, Args)]
pub struct PushArgs {
    /// The remote store's SPARQL 1.1 endpoint (queries and updates) [default: --endpoint]
    #[arg(value_name = "ENDPOINT_URL")]
    pub url: Option<String>,

    /// The remote store's Graph Store Protocol URL: each graph is sent whole with one PUT there
    /// instead of as SPARQL Updates in batches
    #[arg(long, value_name = "URL")]
    pub graph_store: Option<String>,

    /// Where the remote store takes SPARQL Updates, when not at ENDPOINT_URL (GraphDB:
    /// …/repositories/NAME/statements)
    #[arg(long, value_name = "URL")]
    pub update_endpoint: Option<String>,

    /// Push only what 'export --public' writes: no contact persons (the default for an endpoint
    /// not on this machine)
    #[arg(long)]
    pub public: bool,

    /// Push contact persons to an endpoint that is not on this machine
    #[arg(long, conflicts_with = "public")]
    pub allow_personal_data: bool,
}

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

#[derive(Debug, Args)]
pub struct ManArgs {
    /// Write smarty-kg.1 and one page per command (smarty-kg-query.1, …) into this directory
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on; port 0 picks a free port (the address is printed on standard error)
    #[arg(long, default_value = "127.0.0.1:7878", value_name = "HOST:PORT")]
    pub bind: String,

    /// Serve only what 'export --public' writes: no personal-data graphs, no person pages
    #[arg(long)]
    pub public: bool,

    /// Accept writes (SPARQL Update, Graph Store PUT/POST/DELETE, POST /ingest) with the token
    #[arg(long, requires = "token_file")]
    pub read_write: bool,

    /// File holding the bearer token writes must send ('Authorization: Bearer TOKEN')
    #[arg(long, value_name = "FILE", requires = "read_write")]
    pub token_file: Option<PathBuf>,

    /// Rows (or triples) an answer holds at most; a cut answer has a 'smarty-truncated' header
    #[arg(long, default_value_t = 10_000, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_rows: u64,

    /// Allow a non-loopback --bind without --public (contact persons would be on the network)
    #[arg(long)]
    pub allow_personal_data: bool,

    /// Let queries federate: SERVICE and LOAD make this server send requests to the endpoints and
    /// documents they name (refused by default)
    #[arg(long)]
    pub allow_federation: bool,

    /// Queries evaluated at once; more wait in the queue
    #[arg(long, default_value_t = 4, value_name = "N",
          value_parser = clap::value_parser!(u64).range(1..=1024))]
    pub max_concurrent: u64,

    /// Requests that may wait for an evaluation; past that the answer is 503 with Retry-After
    #[arg(long, default_value_t = 64, value_name = "N")]
    pub queue: u64,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// The guide: plain text (UTF-8, or UTF-16 with a byte-order mark) or a PDF (laid out again
    /// through poppler's pdftotext)
    pub file: PathBuf,

    /// Output format: all records as JSON, a table, a line of counts, or the text as read
    #[arg(long, value_enum, default_value_t = ExtractFormat::Json)]
    pub format: ExtractFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExtractFormat {
    Json,
    Table,
    /// One line of counts
    Summary,
    /// The text the records were read from: for a PDF, the laid-out text whose line numbers the
    /// diagnostics give
    Text,
}

#[derive(Debug, Args)]
#[command(
    after_help = "OLD and NEW are guide files, or versions kept in the store, written DOC@VERSION \
        (as `stats` lists them: smarty-good-practice-guide@77f3f761). A practice keeps its identity \
        across editions by its title, or, when the title changed, by the same contact persons and \
        main institutions and a similar title. Where a practice sits in the guide (its number, \
        page and lines) is not a change."
)]
pub struct DiffArgs {
    /// The earlier edition
    pub old: String,

    /// The later edition
    pub new: String,

    /// A table for people, or JSON (every field's old and new value with its line)
    #[arg(long, value_enum, default_value_t = DiffFormat::Table)]
    pub format: DiffFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    Table,
    Json,
}

#[derive(Debug, Args)]
pub struct SynthArgs {
    /// How many practices
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..=10_000_000))]
    pub practices: u64,

    /// The same seed gives the same bytes
    #[arg(long, default_value_t = 1)]
    pub seed: u64,

    /// Write to a file instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct IngestArgs {
    /// Guides (text or PDF) and RDF files (.ttl .trig .nt .nq .rdf .owl .jsonld); each is one transaction
    #[arg(required = true)]
    pub files: Vec<PathBuf>,

    /// Leave out the notes (text placed by a rule worth knowing, names not resolved); warnings
    /// (text that could not be placed or read) are still printed
    #[arg(long, short = 'q')]
    pub quiet: bool,

    /// Keep the version a new edition replaces, readable with `--at DOC@VERSION` (each kept
    /// version is a store of its own under the store's `kept/`)
    #[arg(long)]
    pub keep_previous: bool,

    /// Store a guide even when it looks cut short (its contents page lists practices after the
    /// last one in the text); without it such a guide is refused and nothing is stored
    #[arg(long)]
    pub allow_partial: bool,

    /// Add the RDF files' triples to this graph (an IRI, or `default` for the store's default
    /// graph) instead of a graph of each file's own that loading the file again replaces; named
    /// graphs in TriG and N-Quads files are kept
    #[arg(long, value_name = "IRI|default", value_parser = target_graph)]
    pub graph: Option<GraphName>,

    /// Resolve relative IRIs in the RDF files against this IRI [default: file:///NAME, NAME
    /// made of the file's name]
    #[arg(long, value_name = "IRI", value_parser = absolute_iri)]
    pub base: Option<String>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["query", "file", "name", "list"])))]
pub struct QueryArgs {
    /// The query text (common prefixes are predeclared)
    pub query: Option<String>,

    /// Read the query from a file
    #[arg(long, short = 'f', value_name = "FILE.rq")]
    pub file: Option<PathBuf>,

    /// Run a named query of the library (see --list)
    #[arg(long, short = 'n', value_name = "NAME")]
    pub name: Option<String>,

    /// List the named queries, with their titles and parameters
    #[arg(long, conflicts_with_all = ["params", "format", "output"])]
    pub list: bool,

    /// Bind a parameter: NAME=<iri>, NAME=prefix:local, NAME="text"@en, NAME=42, or the name of a
    /// thing (NAME=2 for theme 2, NAME=Toscana); a named query checks names and kinds
    #[arg(long = "param", short = 'p', value_name = "NAME=VALUE")]
    pub params: Vec<String>,

    /// Output format [default: from the -o file's extension; else table on a terminal, tsv
    /// otherwise; turtle for graph results]
    #[arg(long, value_enum)]
    pub format: Option<OutputFormat>,

    /// Write the results to a file (complete or not at all) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Lay tables out this many columns wide [default: the terminal's width, or $COLUMNS when
    /// piped]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub max_width: Option<u16>,
}

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("source").required(true).args(["update", "file"])))]
pub struct UpdateArgs {
    /// The update text
    pub update: Option<String>,

    /// Read the update from a file
    #[arg(long, short = 'f', value_name = "FILE.ru")]
    pub file: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Serialisation [default: from the -o file's extension, else turtle]
    #[arg(long, value_parser = graph_format())]
    pub format: Option<GraphFormat>,

    /// Only this named graph (an IRI)
    #[arg(long, value_name = "IRI", value_parser = graph_iri)]
    pub graph: Option<String>,

    /// Leave out personal data (contact persons' names and e-mail addresses), for publication
    #[arg(long)]
    pub public: bool,

    /// JSON-LD in expanded form, without the @context of prefixes (the default is compacted)
    #[arg(long)]
    pub expanded: bool,

    /// Write to a file instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Shapes to validate against [default: the bundled ontology/shapes.ttl]
    #[arg(long, value_name = "FILE.ttl")]
    pub shapes: Option<PathBuf>,

    /// The report for people (text) or for programs (json: every violation, nothing cut)
    #[arg(long, value_enum, default_value_t = ValidateFormat::Text)]
    pub format: ValidateFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ValidateFormat {
    Text,
    Json,
}
