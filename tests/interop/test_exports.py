"""Every export format parses with rdflib and says exactly what the N-Quads export says."""

import json
import re

import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

TRIPLE_FORMATS = {"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml"}
QUAD_FORMATS = {"trig": "trig", "jsonld": "json-ld", "jsonld-expanded": "json-ld"}


def export(store, fmt: str, *more: str) -> bytes:
    if fmt == "jsonld-expanded":
        return store.run("export", "--format", "jsonld", "--expanded", *more)
    return store.run("export", "--format", fmt, *more)


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
    g.parse(data=export(store, fmt), format=TRIPLE_FORMATS[fmt])
    assert len(g) == len(expected)
    assert isomorphic(g, expected)


@pytest.mark.parametrize("fmt", sorted(QUAD_FORMATS))
def test_quad_formats_keep_every_graph(store, fmt):
    expected = nquads_dataset(store)
    got = Dataset()
    got.parse(data=export(store, fmt), format=QUAD_FORMATS[fmt])
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


@pytest.mark.parametrize("fmt", ["turtle", "trig"])
def test_turtle_declares_the_prefixes_it_uses_in_order(store, fmt):
    text = export(store, fmt).decode()
    declared = re.findall(r"^@prefix ([a-z]+): ", text, flags=re.MULTILINE)
    assert declared == sorted(declared)
    body = "\n".join(line for line in text.splitlines() if not line.startswith("@prefix"))
    for prefix in declared:
        assert re.search(rf"(^|[\s(\[^]){prefix}:", body, flags=re.MULTILINE), f"{prefix} unused"
    # And the body writes no full IRI a declared prefix would abbreviate.
    assert "<https://w3id.org/smarty-kg/id/practice/" not in body


def test_jsonld_is_compacted_with_the_prefixes_it_uses(store):
    doc = json.loads(export(store, "jsonld"))
    context = doc["@context"]
    assert list(context) == sorted(context)
    assert context["practice"] == "https://w3id.org/smarty-kg/id/practice/"
    nodes = [n for g in doc["@graph"] for n in g.get("@graph", [g])]
    practices = [n for n in nodes if "smarty:GoodPractice" in n.get("@type", [])]
    assert len({n["@id"] for n in practices}) == 26
    assert all(n["@id"].startswith("practice:") for n in practices)
    text = json.dumps(doc)
    for prefix in context:
        assert f'"{prefix}:' in text, f"{prefix} declared but unused"
    expanded = json.loads(export(store, "jsonld-expanded"))
    assert "@context" not in json.dumps(expanded)
