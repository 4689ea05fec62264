//! The flags of the network commands (`graph`, `path`, `contacts`) and their mapping onto the
//! network crate's types.

use std::path::PathBuf;

use clap::builder::{PossibleValuesParser, TypedValueParser};
use clap::{Args, ValueEnum};
use smarty_network::{LayoutEngine, NetworkFormat, NetworkKind, Renderer};

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

    /// Graphviz layout for svg/png/pdf [default: dot for contacts, neato for partners, sfdp for
    /// the two-kind networks and above 300 nodes or 600 edges]
    #[arg(long, value_enum)]
    pub layout: Option<LayoutArg>,

    /// Who draws svg/png/pdf: Graphviz when installed (auto), Graphviz only, or the built-in
    /// layout (SVG only)
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

#[derive(Debug, Args)]
#[command(
    after_help = "The shortest chain connecting two practices or organisations through the \
        persons and organisations they share, printed hop by hop with the fact behind each hop \
        (\"Access Innovation has contact person Bryony Chipp\"). Among chains of the same length, \
        one through a person is preferred, then a main institution, a contact organisation, a \
        funder; other links between the same practices are listed.\n\n\
        A and B are titles, other names (acronyms), organisation names — case and diacritics \
        ignored, a unique partial name accepted — or IRIs and prefixed names \
        (practice:access-innovation). Exit code 1 when nothing links them."
)]
pub struct PathArgs {
    /// Where the chain starts: a practice or organisation
    #[arg(value_name = "A")]
    pub from: String,

    /// Where it ends
    #[arg(value_name = "B")]
    pub to: String,

    /// Which links the chain may use (persons are personal data)
    #[arg(long, value_enum, default_value_t = ViaArg::All)]
    pub via: ViaArg,

    /// Output: text (hop by hop), json, or the chain drawn (dot, svg, png)
    /// [default: from the -o file's extension, else text]
    #[arg(long, value_enum)]
    pub format: Option<PathFormat>,

    /// Write to a file instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Graphviz layout for svg/png [default: dot]
    #[arg(long, value_enum)]
    pub layout: Option<LayoutArg>,

    /// Who draws svg/png
    #[arg(long, value_enum, default_value_t = RendererArg::Auto)]
    pub renderer: RendererArg,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViaArg {
    All,
    Organisations,
    Persons,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PathFormat {
    Text,
    Json,
    Dot,
    Svg,
    Png,
    Pdf,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Every person who is the contact of more than one practice, with the practices, \
        their themes and regions, the organisations the person is listed under, and why the \
        occurrences were judged to be one person (the same e-mail address, case ignored; the same \
        name, diacritics ignored).\n\n\
        This is personal data (names and work e-mail addresses): keep it out of anything you \
        publish. For publication, use 'graph partners' or 'graph practice-organisation' on a store \
        built from 'export --public'."
)]
pub struct ContactsArgs {
    /// Only persons behind at least this many practices
    #[arg(long, value_name = "N", default_value_t = smarty_network::DEFAULT_MIN_PRACTICES as u32,
          value_parser = clap::value_parser!(u32).range(1..))]
    pub min_practices: u32,

    /// Output format: a table, JSON (every detail), or CSV (one row per person and practice)
    /// [default: from the -o file's extension (.txt .json .csv), else table]
    #[arg(long, value_enum)]
    pub format: Option<ContactsFormat>,

    /// Write to a file (complete or not at all) instead of standard output
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,

    /// Lay the table out this many columns wide [default: the terminal's width, or $COLUMNS when
    /// piped]
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(20..))]
    pub max_width: Option<u16>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ContactsFormat {
    Table,
    Json,
    Csv,
}
