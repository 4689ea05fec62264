//! Networks of the bundled guide, asserted by name: the edges the text implies, the shared
//! contacts and why, metrics checked by hand, paths, determinism, and both renderers.
// Test and bench helpers outside #[test] functions state their expectations with unwrap too.
#![allow(clippy::unwrap_used)]

use std::collections::BTreeSet;
use std::sync::OnceLock;

use smarty_network::{
    ImageFormat, LayoutEngine, MatchReason, Network, NetworkError, NetworkKind, NetworkOptions,
    NodeKind, RenderOptions, Renderer, Role, build, metrics, metrics_with, shared_contacts,
    shortest_path,
};
use smarty_store::{GuideDocument, KnowledgeGraph};

/// One in-memory store with the bundled guide, shared by the tests (ingest takes a while).
fn kg() -> &'static KnowledgeGraph {
    static KG: OnceLock<KnowledgeGraph> = OnceLock::new();
    KG.get_or_init(|| {
        let kg = KnowledgeGraph::in_memory().expect("in-memory store");
        let text = smarty_reference::BUNDLED_GUIDE.text;
        let reference = smarty_reference::Reference::bundled().expect("bundled reference");
        kg.ingest_guide(
            GuideDocument {
                name: "smarty-good-practice-guide",
                text: text.to_owned(),
                original: None,
                keep_previous: false,
                allow_partial: false,
            },
            &reference,
            &mut |_| {},
        )
        .expect("ingest the bundled guide");
        kg
    })
}

fn network(kind: NetworkKind) -> Network {
    build(kg(), &NetworkOptions::new(kind)).expect("build")
}

fn label<'a>(n: &'a Network, id: &str) -> &'a str {
    n.node(id).map(|n| n.label.as_str()).unwrap_or("?")
}

/// Edges as sorted (title, title, label) triples.
fn named_edges(n: &Network) -> BTreeSet<(String, String, String)> {
    n.edges
        .iter()
        .map(|e| {
            let (a, b) = (label(n, &e.source), label(n, &e.target));
            let (a, b) = if a < b { (a, b) } else { (b, a) };
            (a.to_owned(), b.to_owned(), e.label.clone())
        })
        .collect()
}

fn clique(titles: &[&str], person: &str) -> Vec<(String, String, String)> {
    let mut out = Vec::new();
    for (i, a) in titles.iter().enumerate() {
        for b in &titles[i + 1..] {
            let (a, b) = if a < b { (a, b) } else { (b, a) };
            out.push(((*a).to_owned(), (*b).to_owned(), person.to_owned()));
        }
    }
    out
}

const BRYONY: [&str; 4] = [
    "Access Innovation",
    "Advanced Manufacturing Research Centre",
    "3M Buckley Innovation Centre",
    "Skills for Growth",
];
const PAOLO: [&str; 4] = [
    "Support to acquire I4.0 audit services",
    "The DIH and Competence Centre in Tuscany: a network for deploying I4.0 innovation in the region",
    "Blockchain for traceability in textiles and clothing sectors",
    "Skills for the digital transition in the textile sector: PRISMA's training programme",
];
const GOSTOP: &str = "GOSTOP - Building Blocks, Tools and Systems for the Factories of the Future";
const SRIP: &str =
    "Strategic Research and Innovation Partnership for Factories of the Future (STRIP FoF)";
const INCENTIVES: &str =
    "Incentives for the creation of highly specialised Competence Centres on I4.0";
const GIOTTO: &str =
    "Circular Economy for the competitiveness of sectors of Made in Italy - GIOTTO";
const DIH4CAT: &str =
    "Interconnecting Catalonia's innovation hubs for an integrated service approach (DIH4CAT)";
const PROACCIO: &str = "ProACCIÓ 4.0: Catalonia's innovation ecosystem accelerating Industry 4.0 transformation for SMEs";

#[test]
fn the_contacts_network_has_exactly_the_edges_the_text_implies() {
    let n = network(NetworkKind::Contacts);
    assert_eq!(n.nodes.len(), 14, "practices with a shared contact");
    assert!(n.nodes.iter().all(|n| n.kind == NodeKind::Practice));
    assert_eq!(n.edges.len(), 15);
    let mut expected: BTreeSet<(String, String, String)> = BTreeSet::new();
    expected.extend(clique(&BRYONY, "Bryony Chipp"));
    expected.extend(clique(&PAOLO, "Paolo Guarnieri"));
    expected.extend(clique(&[GOSTOP, SRIP], "Igor Kovač"));
    expected.extend(clique(&[INCENTIVES, GIOTTO], "Leonardo Marchetti"));
    expected.extend(clique(&[DIH4CAT, PROACCIO], "Sandra Perez"));
    assert_eq!(named_edges(&n), expected);
    assert!(
        n.edges
            .iter()
            .all(|e| e.weight == 1 && e.kind == "shared contact")
    );

    let m = metrics(&n);
    assert_eq!(m.components.len(), 5);
    let sizes: Vec<usize> = m.components.iter().map(Vec::len).collect();
    assert_eq!(sizes, vec![4, 4, 2, 2, 2]);
    // Inside a K4 every node has degree 3 and lies on no shortest path between others.
    for (i, node) in n.nodes.iter().enumerate() {
        let in_k4 = BRYONY.contains(&node.label.as_str()) || PAOLO.contains(&node.label.as_str());
        assert_eq!(m.degree[i], if in_k4 { 3 } else { 1 }, "{}", node.label);
        assert_eq!(m.weighted_degree[i], m.degree[i] as u64);
        assert_eq!(m.betweenness[i], 0.0, "{}", node.label);
    }
    assert!(m.articulation_points.is_empty());
    // The three pairs are bridges; a K4 has none.
    assert_eq!(m.bridges.len(), 3);
}

#[test]
fn isolated_practices_are_kept_on_request() {
    let mut options = NetworkOptions::new(NetworkKind::Contacts);
    options.include_isolated = true;
    let n = build(kg(), &options).unwrap();
    assert_eq!(n.nodes.len(), 26);
    assert_eq!(n.edges.len(), 15);
    assert_eq!(metrics(&n).components.len(), 5 + 12);
}

#[test]
fn shared_contacts_say_who_and_why() {
    let contacts = shared_contacts(kg(), 2).unwrap();
    let summary: Vec<(String, usize)> = contacts
        .iter()
        .map(|c| (c.name(), c.practices.len()))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("Bryony Chipp".to_owned(), 4),
            ("Paolo Guarnieri".to_owned(), 4),
            ("Igor Kovač".to_owned(), 2),
            ("Leonardo Marchetti".to_owned(), 2),
            ("Sandra Perez".to_owned(), 2),
        ]
    );
    let igor = &contacts[2];
    assert_eq!(
        igor.reasons,
        vec![MatchReason::SameEmailIgnoringCase {
            spellings: vec!["Igor.kovac@ijs.si".into(), "igor.kovac@ijs.si".into()]
        }]
    );
    assert_eq!(igor.reasons[0].summary(), "same e-mail ignoring case");
    assert_eq!(igor.emails, vec!["igor.kovac@ijs.si"]);
    for c in [&contacts[0], &contacts[1], &contacts[3], &contacts[4]] {
        assert!(
            matches!(c.reasons.as_slice(), [MatchReason::SameEmail { .. }]),
            "{}: {:?}",
            c.name(),
            c.reasons
        );
    }
    let bryony = &contacts[0];
    let titles: BTreeSet<&str> = bryony.practices.iter().map(|p| p.title.as_str()).collect();
    assert_eq!(titles, BRYONY.into_iter().collect());
    assert_eq!(
        bryony
            .organisations
            .iter()
            .map(|o| o.label.as_str())
            .collect::<Vec<_>>(),
        vec!["West Yorkshire Combined Authority"]
    );
    let access = bryony
        .practices
        .iter()
        .find(|p| p.title == "Access Innovation")
        .unwrap();
    assert_eq!(access.themes[0].label, "Regional platforms and clusters");
    assert_eq!(access.regions[0].code.as_deref(), Some("UKE4"));
    assert_eq!(access.countries[0].code.as_deref(), Some("GBR"));
    // Sandra Perez is listed under two organisations.
    assert_eq!(contacts[4].organisations.len(), 2);
    // Everyone behind at least one practice.
    assert_eq!(shared_contacts(kg(), 1).unwrap().len(), 17);
    assert_eq!(shared_contacts(kg(), 4).unwrap().len(), 2);
}

#[test]
fn partners_meet_on_practices() {
    let n = network(NetworkKind::Partners);
    assert!(n.nodes.iter().all(|n| n.kind == NodeKind::Organisation));
    let wyca = "https://w3id.org/smarty-kg/id/org/west-yorkshire-combined-authority";
    let lep = "https://w3id.org/smarty-kg/id/org/leeds-city-region-enterprise-partnership";
    let e = n
        .edges
        .iter()
        .find(|e| e.source == lep && e.target == wyca)
        .expect("WYCA meets the LEP");
    assert_eq!(e.weight, 2);
    let on: Vec<&str> = e.via.iter().map(|v| v.label.as_str()).collect();
    assert_eq!(on, vec!["Access Innovation", "Skills for Growth"]);
    assert!(
        e.kind.contains("contact organisation – main institution"),
        "{}",
        e.kind
    );
    let wyca_node = n.node(wyca).unwrap();
    assert!(wyca_node.roles.contains(&Role::ProgrammePartner));
    assert!(wyca_node.roles.contains(&Role::ContactOrganisation));
    assert_eq!(wyca_node.countries[0].code.as_deref(), Some("GBR"));
    // Weighted degree is the sum of the edge weights.
    let m = metrics(&n);
    let i = n.node_index(wyca).unwrap();
    let sum: u64 = n
        .edges
        .iter()
        .filter(|e| e.source == wyca || e.target == wyca)
        .map(|e| u64::from(e.weight))
        .sum();
    assert_eq!(m.weighted_degree[i], sum);
    // Partners the practices do not name are kept only as isolated nodes.
    let mut options = NetworkOptions::new(NetworkKind::Partners);
    options.include_isolated = true;
    let all = build(kg(), &options).unwrap();
    assert!(
        all.node("https://w3id.org/smarty-kg/id/org/flanders-make")
            .is_some()
    );
    assert!(
        n.node("https://w3id.org/smarty-kg/id/org/flanders-make")
            .is_none()
    );
}

#[test]
fn bipartite_networks_link_practices_to_persons_and_organisations() {
    let pp = network(NetworkKind::PracticePerson);
    assert_eq!(
        pp.nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Person)
            .count(),
        17
    );
    assert_eq!(
        pp.nodes
            .iter()
            .filter(|n| n.kind == NodeKind::Practice)
            .count(),
        26
    );
    assert_eq!(pp.edges.len(), 26);
    let po = network(NetworkKind::PracticeOrganisation);
    let junta = "https://w3id.org/smarty-kg/id/org/junta-de-castilla-y-leon";
    let centrtec = "https://w3id.org/smarty-kg/id/practice/centr-tec-programme-2nd-edition";
    let e = po
        .edges
        .iter()
        .find(|e| e.source == junta && e.target == centrtec)
        .expect("the Junta runs, funds and is the contact of Centr@tec");
    assert_eq!(e.weight, 3);
    assert_eq!(
        e.roles,
        vec![
            Role::MainInstitution,
            Role::ContactOrganisation,
            Role::Funder
        ]
    );
}

#[test]
fn filters_select_practices() {
    let mut options = NetworkOptions::new(NetworkKind::Contacts);
    options.country = Some("United Kingdom".into());
    let uk = build(kg(), &options).unwrap();
    assert_eq!(uk.nodes.len(), 4);
    assert_eq!(uk.edges.len(), 6);
    for other in ["gbr", "UK", "country:GBR"] {
        options.country = Some(other.into());
        let n = build(kg(), &options).unwrap();
        assert_eq!((&n.nodes, &n.edges), (&uk.nodes, &uk.edges), "{other}");
    }
    options.country = None;
    options.region = Some("Toscana".into());
    let tuscany = build(kg(), &options).unwrap();
    // Prato (ITI15) lies within Tuscany; the Blockchain practice is placed in Italy only, and
    // the Incentives practice shares its contact with a practice in Piedmont.
    let titles: Vec<&str> = tuscany.nodes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(titles, vec![PAOLO[3], PAOLO[0], PAOLO[1]]);
    assert_eq!(tuscany.edges.len(), 3);
    options.region = Some("ITI15".into());
    assert!(
        build(kg(), &options).unwrap().is_empty(),
        "one practice in Prato: no pair"
    );
    options.region = None;
    options.theme = Some("2".into());
    let hubs = build(kg(), &options).unwrap();
    assert!(
        hubs.nodes
            .iter()
            .all(|n| n.themes[0].label == "Digital Innovation Hubs")
    );
    options.theme = Some("no such theme".into());
    let err = build(kg(), &options).unwrap_err();
    assert!(err.is_input_error());
    assert!(err.to_string().contains("Regional platforms"), "{err}");
    let mut heavy = NetworkOptions::new(NetworkKind::Partners);
    heavy.min_weight = 2;
    let n = build(kg(), &heavy).unwrap();
    assert!(!n.edges.is_empty());
    assert!(n.edges.iter().all(|e| e.weight >= 2));
}

#[test]
fn paths_name_the_fact_behind_each_hop() {
    let p = shortest_path(kg(), "Access Innovation", "skills for growth")
        .unwrap()
        .expect("connected");
    let labels: Vec<&str> = p.nodes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(
        labels,
        vec!["Access Innovation", "Bryony Chipp", "Skills for Growth"]
    );
    assert_eq!(
        p.hops[0].fact(),
        "Access Innovation has contact person Bryony Chipp"
    );
    let text = p.to_string();
    assert!(
        text.contains("also linked through: Leeds City Region Enterprise Partnership"),
        "{text}"
    );

    // Linked only through an organisation (both run by the Generalitat).
    let p = shortest_path(
        kg(),
        "Territorial Shared Agendas",
        "practice:proaccio-4-0-catalonias-innovation-ecosystem-accelerating",
    )
    .unwrap()
    .expect("connected");
    assert_eq!(p.nodes[1].label, "Generalitat de Catalunya");
    assert_eq!(p.nodes[1].kind, NodeKind::Organisation);
    assert_eq!(p.hops.len(), 2);
    assert_eq!(p.hops[0].roles[0], Role::MainInstitution);

    // From an organisation, by an alias, diacritics ignored.
    let p = shortest_path(kg(), "Jozef Stefan Institute", "GOSTOP")
        .unwrap()
        .unwrap();
    assert_eq!(p.hops.len(), 1);

    match shortest_path(kg(), "No Such Practice Anywhere", "Access Innovation") {
        Err(NetworkError::UnknownName(name)) => assert_eq!(name, "No Such Practice Anywhere"),
        other => panic!("{other:?}"),
    }
    match shortest_path(kg(), "Skills", "Access Innovation") {
        Err(NetworkError::Ambiguous { candidates, .. }) => {
            assert!(candidates.len() >= 3, "{candidates:?}");
            assert!(
                candidates
                    .iter()
                    .any(|c| c.starts_with("Skills for Growth"))
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_same_store_gives_the_same_bytes() {
    for kind in NetworkKind::ALL {
        let a = network(kind);
        let b = network(kind);
        assert_eq!(a.to_dot(), b.to_dot(), "{kind}");
        assert_eq!(a.to_graphml(), b.to_graphml(), "{kind}");
        assert_eq!(a.to_gexf(), b.to_gexf(), "{kind}");
        assert_eq!(a.to_json(), b.to_json(), "{kind}");
        assert_eq!(a.to_csv(), b.to_csv(), "{kind}");
        let builtin = RenderOptions {
            renderer: Renderer::Builtin,
            ..RenderOptions::new(ImageFormat::Svg)
        };
        assert_eq!(
            a.render(&builtin).unwrap().bytes,
            b.render(&builtin).unwrap().bytes,
            "{kind}"
        );
    }
}

#[test]
fn dot_parses_and_graphviz_draws_it() {
    for kind in NetworkKind::ALL {
        let n = network(kind);
        let dot = n.to_dot();
        let parsed = graphviz_rust::parse(&dot).unwrap_or_else(|e| panic!("{kind}: {e}\n{dot}"));
        let graphviz_rust::dot_structures::Graph::Graph { stmts, .. } = parsed else {
            panic!("{kind}: a digraph");
        };
        let nodes = stmts
            .iter()
            .filter(|s| matches!(s, graphviz_rust::dot_structures::Stmt::Node(_)))
            .count();
        let edges = stmts
            .iter()
            .filter(|s| matches!(s, graphviz_rust::dot_structures::Stmt::Edge(_)))
            .count();
        assert_eq!((nodes, edges), (n.nodes.len(), n.edges.len()), "{kind}");
        assert!(
            smarty_network::graphviz_available(),
            "Graphviz is needed for this test: `dot -V` did not run; install Graphviz (apt-get install graphviz)"
        );
        let svg = n
            .render(&RenderOptions {
                renderer: Renderer::Graphviz,
                ..RenderOptions::new(ImageFormat::Svg)
            })
            .unwrap_or_else(|e| panic!("{kind}: {e}"));
        let text = String::from_utf8(svg.bytes).unwrap();
        assert!(
            text.contains("<svg") && text.trim_end().ends_with("</svg>"),
            "{kind}"
        );
    }
}

#[test]
fn the_builtin_layout_draws_a_well_formed_svg() {
    let n = network(NetworkKind::Contacts);
    let svg = n
        .render(&RenderOptions {
            renderer: Renderer::Builtin,
            ..RenderOptions::new(ImageFormat::Svg)
        })
        .unwrap();
    assert_eq!(svg.renderer, "built-in layout (layout-rs)");
    let text = String::from_utf8(svg.bytes).unwrap();
    assert!(text.contains("<svg"));
    assert!(text.trim_end().ends_with("</svg>"));
    assert_eq!(text.matches("<svg").count(), text.matches("</svg>").count());
    assert!(text.contains("Bryony Chipp"));
    assert!(text.contains("Access Innovation"));
    // The legend is written below the drawing, not laid out among the nodes.
    let inner = text
        .match_indices("<svg")
        .nth(1)
        .expect("the drawing, nested")
        .0;
    let drawing_height = svg_number(&text[inner..], "height");
    let legend_y = text
        .lines()
        .find(|l| l.contains(">contacts network: practices sharing a contact person<"))
        .map(|l| svg_number(l, "y"))
        .expect("the legend's title");
    assert!(legend_y > drawing_height, "{legend_y} > {drawing_height}");
    // PNG and PDF are Graphviz's: asked of the built-in layout, the error says so, and does
    // not tell the user to install Graphviz.
    for format in [ImageFormat::Png, ImageFormat::Pdf] {
        let picture = n.render(&RenderOptions {
            renderer: Renderer::Builtin,
            ..RenderOptions::new(format)
        });
        let error = picture.expect_err("SVG only").to_string();
        assert!(error.contains("draws SVG only"), "{error}");
        assert!(!error.contains("install"), "{error}");
    }
}

/// The number in `name="…"` of the first tag that has one.
fn svg_number(text: &str, name: &str) -> f64 {
    let start = text.find(&format!(" {name}=\"")).unwrap() + name.len() + 3;
    let len = text[start..].find('"').unwrap();
    text[start..start + len].parse().unwrap()
}

/// The size of a PNG, from its header.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[1..4], b"PNG");
    let be =
        |at: usize| u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
    (be(16), be(20))
}

#[test]
fn every_default_picture_fits_a_landscape_a4_page() {
    assert!(
        smarty_network::graphviz_available(),
        "Graphviz is needed for this test: `dot -V` did not run; install Graphviz (apt-get install graphviz)"
    );
    let expected = [
        (NetworkKind::Contacts, LayoutEngine::Dot),
        (NetworkKind::Partners, LayoutEngine::Neato),
        (NetworkKind::PracticePerson, LayoutEngine::Sfdp),
        (NetworkKind::PracticeOrganisation, LayoutEngine::Sfdp),
    ];
    for (kind, engine) in expected {
        let n = network(kind);
        assert_eq!(LayoutEngine::default_for(&n), engine, "{kind}");
        assert!(n.to_dot().contains(&format!("layout={engine}")), "{kind}");
        let png = n.render(&RenderOptions::new(ImageFormat::Png)).unwrap();
        assert_eq!(png.renderer, format!("graphviz {engine}"));
        // 150 dpi, at most 11.7 × 8.3 inches: the long strips `dot` drew (11112 × 447 px for
        // practice–organisation) are gone, and neither side is less than a third of the other.
        let (w, h) = png_size(&png.bytes);
        assert!(w <= 1760 && h <= 1250, "{kind}: {w} × {h}");
        assert!(w * 3 >= h && h * 3 >= w, "{kind}: {w} × {h}");
        let pdf = n.render(&RenderOptions::new(ImageFormat::Pdf)).unwrap();
        assert!(pdf.bytes.starts_with(b"%PDF-"), "{kind}");
    }
}

#[test]
fn sampled_betweenness_with_every_node_as_pivot_is_exact() {
    let n = network(NetworkKind::PracticeOrganisation);
    let exact = metrics(&n);
    let all = metrics_with(&n, 0, n.nodes.len(), 42);
    assert!(matches!(
        all.betweenness_method,
        smarty_network::BetweennessMethod::Sampled { .. }
    ));
    for (a, b) in exact.betweenness.iter().zip(&all.betweenness) {
        assert!((a - b).abs() < 1e-12, "{a} vs {b}");
    }
    assert!(exact.betweenness.iter().any(|b| *b > 0.0));
    let sampled = metrics_with(&n, 0, 10, 42);
    assert_eq!(sampled, metrics_with(&n, 0, 10, 42), "seeded: reproducible");
}

#[test]
fn a_public_export_gives_empty_person_networks_and_full_organisation_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("public.nq");
    let file = std::fs::File::create(&path).unwrap();
    let options = smarty_store::ExportOptions {
        format: smarty_store::GraphFormat::NQuads,
        graph: None,
        public: true,
        expanded: false,
    };
    kg().export(&options, file).unwrap();
    let public = KnowledgeGraph::in_memory().unwrap();
    public
        .load_rdf_file(&path, smarty_store::GraphFormat::NQuads)
        .unwrap();
    for kind in [NetworkKind::Contacts, NetworkKind::PracticePerson] {
        let n = build(&public, &NetworkOptions::new(kind)).unwrap();
        assert!(n.is_empty(), "{kind}");
        assert!(graphviz_rust::parse(&n.to_dot()).is_ok());
        assert!(metrics(&n).components.is_empty());
    }
    assert!(shared_contacts(&public, 2).unwrap().is_empty());
    for kind in [NetworkKind::Partners, NetworkKind::PracticeOrganisation] {
        assert_eq!(
            build(&public, &NetworkOptions::new(kind))
                .unwrap()
                .to_json(),
            network(kind).to_json(),
            "{kind} does not depend on personal data"
        );
    }
    // Without persons the chain goes through an organisation.
    let p = shortest_path(&public, "Access Innovation", "Skills for Growth")
        .unwrap()
        .unwrap();
    assert_eq!(p.nodes[1].label, "Leeds City Region Enterprise Partnership");

    let empty = KnowledgeGraph::in_memory().unwrap();
    for kind in NetworkKind::ALL {
        assert!(
            build(&empty, &NetworkOptions::new(kind))
                .unwrap()
                .is_empty()
        );
    }
    assert!(matches!(
        shortest_path(&empty, "Access Innovation", "Skills for Growth"),
        Err(NetworkError::UnknownName(_))
    ));
}
