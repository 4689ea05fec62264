"""Every network, checked against independent tools: Graphviz draws our DOT, networkx reads our
GraphML and GEXF with the same nodes and edges as our JSON, and networkx's degree, betweenness,
components and articulation points agree with ours."""

import io
import json
import shutil
import subprocess

import networkx as nx
import pytest

KINDS = ["contacts", "partners", "practice-person", "practice-organisation"]
VARIANTS = {
    "default": [],
    "isolated": ["--isolated"],
    "theme-2": ["--theme", "2"],
    "min-weight-2": ["--min-weight", "2"],
}


def network_json(store, kind, extra):
    return json.loads(store.run("graph", kind, "--format", "json", *extra))


def graphml(store, kind, extra):
    return nx.read_graphml(io.BytesIO(store.run("graph", kind, "--format", "graphml", *extra)))


def edge_set(edges):
    return {frozenset((a, b)) for a, b in edges}


@pytest.mark.parametrize("kind", KINDS)
def test_graphviz_draws_our_dot(store, kind, tmp_path):
    if shutil.which("dot") is None:
        pytest.skip("Graphviz is not installed")
    path = tmp_path / f"{kind}.dot"
    path.write_bytes(store.run("graph", kind, "--isolated"))
    result = subprocess.run(["dot", "-Tsvg", str(path)], capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode()
    assert result.stdout.rstrip().endswith(b"</svg>")
    assert b"Warning" not in result.stderr and b"Error" not in result.stderr, result.stderr.decode()


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("kind", KINDS)
def test_graphml_has_the_nodes_and_edges_of_the_json(store, kind, variant):
    extra = VARIANTS[variant]
    ours = network_json(store, kind, extra)
    g = graphml(store, kind, extra)
    assert not g.is_directed()
    assert set(g.nodes) == {n["id"] for n in ours["nodes"]}
    assert edge_set(g.edges) == edge_set((e["source"], e["target"]) for e in ours["edges"])
    assert g.number_of_edges() == len(ours["edges"])
    for e in ours["edges"]:
        assert g.edges[e["source"], e["target"]]["weight"] == e["weight"]
    for n in ours["nodes"]:
        assert g.nodes[n["id"]]["label"] == n["label"]
        assert g.nodes[n["id"]]["kind"] == n["kind"]


@pytest.mark.parametrize("kind", KINDS)
def test_gexf_reads_the_same(store, kind):
    ours = network_json(store, kind, ["--isolated"])
    g = nx.read_gexf(io.BytesIO(store.run("graph", kind, "--format", "gexf", "--isolated")))
    assert set(g.nodes) == {n["id"] for n in ours["nodes"]}
    assert edge_set(g.edges) == edge_set((e["source"], e["target"]) for e in ours["edges"])


@pytest.mark.parametrize("variant", sorted(VARIANTS))
@pytest.mark.parametrize("kind", KINDS)
def test_metrics_agree_with_networkx(store, kind, variant):
    extra = VARIANTS[variant]
    ours = network_json(store, kind, extra)
    g = graphml(store, kind, extra)
    betweenness = nx.betweenness_centrality(g, normalized=True)
    weighted = dict(g.degree(weight="weight"))
    for n in ours["nodes"]:
        assert n["degree"] == g.degree[n["id"]], n["label"]
        assert n["weighted_degree"] == weighted[n["id"]], n["label"]
        assert abs(n["betweenness"] - betweenness[n["id"]]) < 1e-9, (
            n["label"],
            n["betweenness"],
            betweenness[n["id"]],
        )
    components = {frozenset(c) for c in nx.connected_components(g)}
    assert {frozenset(c) for c in ours["metrics"]["components"]} == components
    assert set(ours["metrics"]["articulation_points"]) == set(nx.articulation_points(g))
    assert edge_set(ours["metrics"]["bridges"]) == edge_set(nx.bridges(g))


def test_the_contacts_network_is_the_one_the_text_implies(store):
    ours = network_json(store, "contacts", [])
    label = {n["id"]: n["label"] for n in ours["nodes"]}
    by_person = {}
    for e in ours["edges"]:
        by_person.setdefault(e["label"], set()).update({label[e["source"]], label[e["target"]]})
    assert {p: len(ps) for p, ps in by_person.items()} == {
        "Bryony Chipp": 4,
        "Paolo Guarnieri": 4,
        "Igor Kovač": 2,
        "Leonardo Marchetti": 2,
        "Sandra Perez": 2,
    }
    g = graphml(store, "contacts", [])
    assert (g.number_of_nodes(), g.number_of_edges()) == (14, 15)
    assert nx.number_connected_components(g) == 5


def test_shortest_path_length_agrees_with_networkx(store):
    """`path` runs on the practice–person–organisation graph: its hop count is networkx's."""
    people = graphml(store, "practice-person", [])
    orgs = graphml(store, "practice-organisation", [])
    g = nx.compose(people, orgs)
    pairs = [
        ("practice:access-innovation", "practice:skills-for-growth"),
        ("practice:territorial-shared-agendas", "practice:iot-catalan-alliance"),
        ("practice:access-innovation", "practice:support-to-acquire-i4-0-audit-services"),
    ]
    base = "https://w3id.org/smarty-kg/id/practice/"
    for a, b in pairs:
        report = json.loads(store.run("path", a, b, "--format", "json"))
        expected = nx.shortest_path_length(
            g, base + a.split(":", 1)[1], base + b.split(":", 1)[1]
        )
        assert len(report["hops"]) == expected, (a, b)
