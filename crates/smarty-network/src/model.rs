//! The public shape of a network: kinds, options, nodes and edges.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use crate::NetworkError;

/// Which network to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NetworkKind {
    /// Practices; an edge when two share a contact person (weight: persons shared).
    Contacts,
    /// Organisations; an edge when two meet on a practice (weight: practices).
    Partners,
    /// Practices and their contact persons (bipartite).
    PracticePerson,
    /// Practices and their organisations (bipartite; weight: roles).
    PracticeOrganisation,
}

impl NetworkKind {
    pub const ALL: [NetworkKind; 4] = [
        NetworkKind::Contacts,
        NetworkKind::Partners,
        NetworkKind::PracticePerson,
        NetworkKind::PracticeOrganisation,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            NetworkKind::Contacts => "contacts",
            NetworkKind::Partners => "partners",
            NetworkKind::PracticePerson => "practice-person",
            NetworkKind::PracticeOrganisation => "practice-organisation",
        }
    }

    /// A sentence for titles and help.
    pub fn description(self) -> &'static str {
        match self {
            NetworkKind::Contacts => "practices sharing a contact person",
            NetworkKind::Partners => "organisations meeting on a practice",
            NetworkKind::PracticePerson => "practices and their contact persons",
            NetworkKind::PracticeOrganisation => "practices and their organisations",
        }
    }

    /// Whether the network holds personal data (contact persons' names).
    pub fn has_personal_data(self) -> bool {
        matches!(self, NetworkKind::Contacts | NetworkKind::PracticePerson)
    }
}

impl fmt::Display for NetworkKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for NetworkKind {
    type Err = NetworkError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let s = s.trim().to_ascii_lowercase().replace('_', "-");
        match s.as_str() {
            "contacts" | "contact" => Ok(NetworkKind::Contacts),
            "partners" | "partner" | "organisations" => Ok(NetworkKind::Partners),
            "practice-person" | "practice-persons" => Ok(NetworkKind::PracticePerson),
            "practice-organisation" | "practice-organization" | "practice-organisations" => {
                Ok(NetworkKind::PracticeOrganisation)
            }
            _ => Err(NetworkError::UnknownKind(s)),
        }
    }
}

/// What to build: the kind, which practices (theme, country, region: each a label, code or
/// IRI), and which edges and nodes to keep.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NetworkOptions {
    pub kind: NetworkKind,
    /// Only practices of this theme (notation, label or IRI).
    pub theme: Option<String>,
    /// Only practices in this country (ISO 3166 alpha-3, NUTS-0 code, name or IRI).
    pub country: Option<String>,
    /// Only practices in this NUTS region or a region within it (code, name or IRI).
    pub region: Option<String>,
    /// Edges lighter than this are left out (1 keeps every edge).
    pub min_weight: u32,
    /// Keep nodes without edges (practices with no shared contact, say).
    pub include_isolated: bool,
}

impl NetworkOptions {
    pub fn new(kind: NetworkKind) -> NetworkOptions {
        NetworkOptions {
            kind,
            theme: None,
            country: None,
            region: None,
            min_weight: 1,
            include_isolated: false,
        }
    }

    pub fn is_filtered(&self) -> bool {
        self.theme.is_some() || self.country.is_some() || self.region.is_some()
    }
}

/// What a node stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum NodeKind {
    Practice,
    Person,
    Organisation,
}

impl NodeKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NodeKind::Practice => "practice",
            NodeKind::Person => "person",
            NodeKind::Organisation => "organisation",
        }
    }
}

impl fmt::Display for NodeKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How a person or an organisation takes part in a practice (or the programme).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Role {
    /// `dcat:contactPoint`
    ContactPerson,
    /// `smarty:mainInstitution`
    MainInstitution,
    /// `smarty:contactOrganisation`
    ContactOrganisation,
    /// `schema:funding/schema:funder`
    Funder,
    /// `schema:member` of the programme
    ProgrammePartner,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::ContactPerson => "contact person",
            Role::MainInstitution => "main institution",
            Role::ContactOrganisation => "contact organisation",
            Role::Funder => "funder",
            Role::ProgrammePartner => "programme partner",
        }
    }

    /// The fact, read from the practice: "has contact person", "is funded by".
    pub fn phrase(self) -> &'static str {
        match self {
            Role::ContactPerson => "has contact person",
            Role::MainInstitution => "has main institution",
            Role::ContactOrganisation => "has contact organisation",
            Role::Funder => "is funded by",
            Role::ProgrammePartner => "has programme partner",
        }
    }

    /// The predicate (path) behind the role.
    pub fn predicate(self) -> &'static str {
        match self {
            Role::ContactPerson => "dcat:contactPoint",
            Role::MainInstitution => "smarty:mainInstitution",
            Role::ContactOrganisation => "smarty:contactOrganisation",
            Role::Funder => "schema:funding/schema:funder",
            Role::ProgrammePartner => "schema:member",
        }
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A theme, with its colour in drawings (stable for a store: themes are numbered by notation).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct ThemeRef {
    pub iri: String,
    pub notation: Option<String>,
    /// The short label (`rdfs:label`), else `skos:prefLabel`.
    pub label: String,
    /// `#rrggbb`
    pub colour: String,
}

/// A region or a country: its IRI, code (NUTS code or ISO 3166 alpha-3) and label.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct PlaceRef {
    pub iri: String,
    pub code: Option<String>,
    pub label: String,
}

impl PlaceRef {
    /// "Toscana (ITI1)"
    pub fn display(&self) -> String {
        match &self.code {
            Some(code) if *code != self.label => format!("{} ({code})", self.label),
            _ => self.label.clone(),
        }
    }
}

/// Something with an IRI and a label: a person, an organisation, a practice.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Labelled {
    pub iri: String,
    pub label: String,
}

/// A node: a practice, a person or an organisation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Node {
    /// The IRI; nodes are sorted by it.
    pub id: String,
    pub label: String,
    pub kind: NodeKind,
    /// Practices: their theme(s); others: the themes of their practices in the network.
    pub themes: Vec<ThemeRef>,
    /// Practices: their countries; organisations: their own (`dcterms:spatial`).
    pub countries: Vec<PlaceRef>,
    /// Practices: their NUTS regions.
    pub regions: Vec<PlaceRef>,
    /// Persons and organisations: how they take part in the practices of the network.
    pub roles: Vec<Role>,
}

impl Node {
    /// "Regional platforms and clusters", "2 themes" or "".
    pub fn theme_label(&self) -> String {
        match self.themes.as_slice() {
            [] => String::new(),
            [one] => one.label.clone(),
            many => many
                .iter()
                .map(|t| t.label.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        }
    }
}

/// An undirected edge; `source` < `target` (IRIs), edges sorted by the pair.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Edge {
    pub source: String,
    pub target: String,
    /// Contacts: persons shared; partners: practices met on; bipartite: roles.
    pub weight: u32,
    /// How the two are linked: "shared contact", "contact organisation – main institution; …",
    /// "main institution, funder".
    pub kind: String,
    /// What the drawing writes on the edge (contacts: the persons' names).
    pub label: String,
    /// What links them: the persons (contacts) or the practices (partners).
    pub via: Vec<Labelled>,
    /// Bipartite networks: the roles the edge stands for.
    pub roles: Vec<Role>,
}

/// A network built from the store. Build one with [`crate::build`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Network {
    pub kind: NetworkKind,
    /// The filters that selected its practices, as given.
    pub options: NetworkOptions,
    /// Sorted by IRI.
    pub nodes: Vec<Node>,
    /// Sorted by (source, target).
    pub edges: Vec<Edge>,
    /// Every theme of the store, in notation order, with its colour (for legends).
    pub themes: Vec<ThemeRef>,
    /// Practices selected by the filters (whether or not they became nodes).
    pub practices_selected: usize,
}

impl Network {
    /// The position of a node, by IRI.
    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.nodes.binary_search_by(|n| n.id.as_str().cmp(id)).ok()
    }

    pub fn node(&self, id: &str) -> Option<&Node> {
        self.node_index(id).map(|i| &self.nodes[i])
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    /// A title for drawings and reports: "contacts network: practices sharing a contact person
    /// (theme 1, min. weight 2)".
    pub fn title(&self) -> String {
        let mut filters = Vec::new();
        if let Some(t) = &self.options.theme {
            filters.push(format!("theme {t}"));
        }
        if let Some(c) = &self.options.country {
            filters.push(format!("country {c}"));
        }
        if let Some(r) = &self.options.region {
            filters.push(format!("region {r}"));
        }
        if self.options.min_weight > 1 {
            filters.push(format!("weight ≥ {}", self.options.min_weight));
        }
        let mut title = format!("{} network: {}", self.kind, self.kind.description());
        if !filters.is_empty() {
            title.push_str(&format!(" ({})", filters.join(", ")));
        }
        title
    }

    /// The network as a petgraph graph: node weights are indices into [`Network::nodes`], edge
    /// weights are the edges' weights. Node and edge indices follow the sorted order.
    pub fn graph(&self) -> petgraph::graph::UnGraph<usize, u32> {
        let mut g = petgraph::graph::UnGraph::with_capacity(self.nodes.len(), self.edges.len());
        for i in 0..self.nodes.len() {
            g.add_node(i);
        }
        for e in &self.edges {
            if let (Some(a), Some(b)) = (self.node_index(&e.source), self.node_index(&e.target)) {
                g.add_edge(
                    petgraph::graph::NodeIndex::new(a),
                    petgraph::graph::NodeIndex::new(b),
                    e.weight,
                );
            }
        }
        g
    }
}
