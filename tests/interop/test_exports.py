"""Every export format parses with rdflib and says exactly what the N-Quads export says."""

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

TRIPLE_FORMATS = {"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml"}
QUAD_FORMATS = {"trig": "trig", "jsonld": "json-ld"}


def nquads_dataset(store) -> Dataset:
    ds = Dataset()
    ds.parse(data=store.run("export", "--format", "nquads"), format="nquads")
    return ds


def union(ds) -> Graph:
    g = Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def test_nquads_holds_the_whole_guide(store):
    ds = nquads_dataset(store)
    g = union(ds)
    practice = URIRef("https://w3id.org/smarty-kg/def#GoodPractice")
    rdf_type = URIRef("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    assert len(set(g.subjects(rdf_type, practice))) == 26
    graphs = {c.identifier for c in ds.contexts()}
    assert any("/personal/" in str(name) for name in graphs)


@pytest.mark.parametrize("fmt", sorted(TRIPLE_FORMATS))
def test_triple_formats_are_isomorphic_to_the_union_of_the_nquads(store, fmt):
    expected = union(nquads_dataset(store))
    g = Graph()
    g.parse(data=store.run("export", "--format", fmt), format=TRIPLE_FORMATS[fmt])
    assert len(g) == len(expected)
    assert isomorphic(g, expected)


@pytest.mark.parametrize("fmt", sorted(QUAD_FORMATS))
def test_quad_formats_keep_every_graph(store, fmt):
    expected = nquads_dataset(store)
    got = Dataset()
    got.parse(data=store.run("export", "--format", fmt), format=QUAD_FORMATS[fmt])
    expected_graphs = {c.identifier: c for c in expected.contexts() if len(c)}
    got_graphs = {c.identifier: c for c in got.contexts() if len(c)}
    assert set(got_graphs) == set(expected_graphs)
    for name, graph in expected_graphs.items():
        assert isomorphic(got_graphs[name], graph), f"graph {name} differs in {fmt}"


def test_public_export_drops_every_personal_graph(store):
    full = nquads_dataset(store)
    public = Dataset()
    public.parse(data=store.run("export", "--format", "nquads", "--public"), format="nquads")
    personal = {c.identifier for c in full.contexts() if "/personal/" in str(c.identifier)}
    assert personal
    assert not personal & {c.identifier for c in public.contexts()}
    text = store.run("export", "--format", "nquads", "--public").decode()
    assert "mailto:" not in text and "/id/person/" not in text
