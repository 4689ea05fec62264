//! `smarty-kg graph KIND`: a network built from the store, drawn or written for other tools, or
//! analysed (`--metrics`).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, ValueEnum};
use smarty_network::{LayoutEngine, NetworkFormat, NetworkKind, NetworkOptions, Renderer};

use crate::cli::StoreArgs;
use crate::exit::Status;

#[derive(Debug, Args)]
#[command(
    after_help = "A network built from the store with SPARQL, drawn (Graphviz, or a built-in \
        layout where Graphviz is not installed) or written for other tools (GraphML and GEXF for \
        networkx and Gephi, JSON, CSV), or analysed with --metrics. Output is deterministic: the \
        same store gives the same bytes.\n\n\
        KIND is one of:\n  \
        contacts               practices; an edge when two share a contact person\n  \
        partners               organisations; an edge when two meet on a practice\n  \
        practice-person        practices and their contact persons\n  \
        practice-organisation  practices and their organisations\n\n\
        'contacts' and 'practice-person' show contact persons' names (personal data). For \
        anything you publish use 'partners' or 'practice-organisation', ideally on a store built \
        from 'export --public' (where the person networks are simply empty)."
)]
pub struct GraphArgs {
    /// The network to build (see below)
    #[arg(value_enum, value_name = "KIND")]
    pub kind: GraphKind,

    /// Output format [default: from the -o file's extension, else dot]
    #[arg(long, value_parser = format_parser())]
    pub format: Option<NetworkFormat>,

    /// Write to a file instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Only practices of this theme (notation, label or IRI)
    #[arg(long, value_name = "THEME")]
    pub theme: Option<String>,

    /// Only practices in this country (ISO code such as ITA or IT, name, or IRI)
    #[arg(long, value_name = "COUNTRY")]
    pub country: Option<String>,

    /// Only practices in this NUTS region or a region within it (code, name or IRI)
    #[arg(long, value_name = "REGION")]
    pub region: Option<String>,

    /// Leave out edges lighter than this (contacts: persons shared; partners: practices)
    #[arg(long, value_name = "N", default_value_t = 1,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub min_weight: u32,

    /// Keep nodes without edges (practices sharing no contact, say)
    #[arg(long)]
    pub isolated: bool,

    /// Graphviz layout for svg/png [default: dot; sfdp above 300 nodes or 600 edges, where dot
    /// stalls]
    #[arg(long, value_enum)]
    pub layout: Option<LayoutArg>,

    /// Who draws svg/png: Graphviz when installed (auto), Graphviz only, or the built-in layout
    #[arg(long, value_enum, default_value_t = RendererArg::Auto)]
    pub renderer: RendererArg,

    /// Print degree, weighted degree, betweenness, components and articulation points (the
    /// network itself is then written only with -o)
    #[arg(long)]
    pub metrics: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphKind {
    Contacts,
    Partners,
    PracticePerson,
    PracticeOrganisation,
}

impl From<GraphKind> for NetworkKind {
    fn from(k: GraphKind) -> NetworkKind {
        match k {
            GraphKind::Contacts => NetworkKind::Contacts,
            GraphKind::Partners => NetworkKind::Partners,
            GraphKind::PracticePerson => NetworkKind::PracticePerson,
            GraphKind::PracticeOrganisation => NetworkKind::PracticeOrganisation,
        }
    }
}

/// `--format`: the network crate's formats, listed in the help as clap lists a value enum's.
fn format_parser() -> impl TypedValueParser<Value = NetworkFormat> {
    PossibleValuesParser::new(NetworkFormat::NAMES).try_map(|name| name.parse::<NetworkFormat>())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LayoutArg {
    Dot,
    Neato,
    Fdp,
    Sfdp,
    Circo,
}

impl From<LayoutArg> for LayoutEngine {
    fn from(l: LayoutArg) -> LayoutEngine {
        match l {
            LayoutArg::Dot => LayoutEngine::Dot,
            LayoutArg::Neato => LayoutEngine::Neato,
            LayoutArg::Fdp => LayoutEngine::Fdp,
            LayoutArg::Sfdp => LayoutEngine::Sfdp,
            LayoutArg::Circo => LayoutEngine::Circo,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RendererArg {
    Auto,
    Graphviz,
    Builtin,
}

impl From<RendererArg> for Renderer {
    fn from(r: RendererArg) -> Renderer {
        match r {
            RendererArg::Auto => Renderer::Auto,
            RendererArg::Graphviz => Renderer::Graphviz,
            RendererArg::Builtin => Renderer::Builtin,
        }
    }
}

/// A command-line mistake found after parsing (clap's own are reported by clap, exit code 2).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Writes bytes to the file (beside it first, then renamed into place) or to standard output.
pub fn write_output(output: Option<&Path>, bytes: &[u8]) -> anyhow::Result<()> {
    match output {
        Some(path) => {
            smarty_repl::write_atomically(path, |w| Ok(w.write_all(bytes)?))?;
        }
        None => {
            let mut out = std::io::stdout().lock();
            out.write_all(bytes)?;
            out.flush()?;
        }
    }
    Ok(())
}

/// The output format: `--format`, else the file's extension, else DOT.
fn format(args: &GraphArgs) -> anyhow::Result<NetworkFormat> {
    match (args.format, &args.output) {
        (Some(f), _) => Ok(f),
        (None, None) => Ok(NetworkFormat::Dot),
        (None, Some(path)) => NetworkFormat::from_path(path).ok_or_else(|| {
            UsageError(format!(
                "cannot tell the format from '{}'; give --format ({})",
                path.display(),
                NetworkFormat::NAMES.join(", ")
            ))
            .into()
        }),
    }
}

pub fn run(store_args: &StoreArgs, args: &GraphArgs) -> anyhow::Result<Status> {
    let format = format(args)?;
    if format == NetworkFormat::Png && args.output.is_none() && std::io::stdout().is_terminal() {
        return Err(UsageError(
            "PNG is binary: write it to a file with -o FILE.png, or redirect standard output"
                .into(),
        )
        .into());
    }
    let options = NetworkOptions {
        kind: args.kind.into(),
        theme: args.theme.clone(),
        country: args.country.clone(),
        region: args.region.clone(),
        min_weight: args.min_weight,
        include_isolated: args.isolated,
    };
    let network = {
        let kg = super::store::open(store_args)?;
        let query = super::store::query_options(store_args);
        let started = std::time::Instant::now();
        let network = smarty_network::build_with(&kg, &options, &query)?;
        crate::timings::record("projection", started.elapsed());
        network
    };
    if args.metrics {
        let started = std::time::Instant::now();
        let metrics = smarty_network::metrics(&network);
        crate::timings::record("metrics", started.elapsed());
        print!("{}", metrics.report(&network, Some(30)));
        if args.output.is_none() {
            return Ok(Status::Success);
        }
    }
    let written = network.write(
        format,
        args.layout.map(LayoutEngine::from),
        args.renderer.into(),
    )?;
    for note in &written.notes {
        eprintln!("note: {note}");
    }
    let renderer = written
        .renderer
        .map(|r| format!(", drawn by {r}"))
        .unwrap_or_default();
    let bytes = written.bytes;
    write_output(args.output.as_deref(), &bytes)?;
    if let Some(path) = &args.output {
        eprintln!(
            "{}: {} nodes, {} edges{renderer} → {}",
            network.kind,
            network.nodes.len(),
            network.edges.len(),
            path.display()
        );
    }
    if network.is_empty() {
        eprintln!(
            "note: the {} network is empty{}",
            network.kind,
            if network.kind.has_personal_data() {
                " (a store built from a --public export holds no persons)"
            } else {
                ""
            }
        );
    }
    Ok(Status::Success)
}
