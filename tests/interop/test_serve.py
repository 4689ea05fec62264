"""`smarty-kg serve` spoken to by independent clients: SPARQLWrapper, rdflib's SPARQLStore, and
plain HTTP for content negotiation. The server runs on a free loopback port and is killed at the
end of the module."""

import re
import subprocess
import urllib.parse
import urllib.request

import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper, TURTLE

from conftest import GUIDE, Store
from served import served

PRACTICES = "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a smarty:GoodPractice }"


@pytest.fixture(scope="module")
def endpoint(tmp_path_factory):
    store = Store(tmp_path_factory.mktemp("serve"))
    store.run("ingest", str(GUIDE))
    yield from served(store.directory / "store", store.env)


def http_get(url, accept):
    request = urllib.request.Request(url, headers={"Accept": accept})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.headers.get("Content-Type", ""), response.read().decode()


def test_sparqlwrapper_select_and_construct(endpoint):
    client = SPARQLWrapper(f"{endpoint}/sparql")
    client.setQuery(PRACTICES)
    client.setReturnFormat(JSON)
    result = client.query().convert()
    assert int(result["results"]["bindings"][0]["n"]["value"]) > 10
    client.setMethod("POST")
    assert client.query().convert()["results"]["bindings"]
    client.setQuery("CONSTRUCT { ?s a smarty:GoodPractice } WHERE { ?s a smarty:GoodPractice }")
    client.setReturnFormat(TURTLE)
    graph = rdflib.Graph().parse(data=client.query().convert(), format="turtle")
    assert len(graph) > 10


def test_rdflib_sparqlstore(endpoint):
    graph = rdflib.Graph(store=SPARQLStore(f"{endpoint}/sparql", returnFormat="json"))
    rows = list(graph.query(
        "SELECT ?p WHERE { ?p a <https://w3id.org/smarty-kg/def#GoodPractice> }"
    ))
    assert len(rows) > 10
    assert graph.query("ASK { ?s ?p ?o }").askAnswer


def test_service_description_parses(endpoint):
    media, text = http_get(f"{endpoint}/sparql", "text/turtle")
    assert media.startswith("text/turtle")
    graph = rdflib.Graph().parse(data=text, format="turtle")
    sd = rdflib.Namespace("http://www.w3.org/ns/sparql-service-description#")
    services = list(graph.subjects(rdflib.RDF.type, sd.Service))
    assert len(services) == 1
    assert (services[0], sd.endpoint, rdflib.URIRef(f"{endpoint}/sparql")) in graph


@pytest.mark.parametrize(
    "accept, media, fmt",
    [
        ("text/turtle", "text/turtle", "turtle"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
    ],
)
def test_resource_pages_negotiate(endpoint, accept, media, fmt):
    got, text = http_get(f"{endpoint}/id/practice/access-innovation", accept)
    assert got.startswith(media)
    graph = rdflib.Graph().parse(data=text, format=fmt)
    practice = rdflib.URIRef("https://w3id.org/smarty-kg/id/practice/access-innovation")
    assert (practice, None, None) in graph


def test_resource_pages_for_browsers(endpoint):
    media, text = http_get(
        f"{endpoint}/id/practice/access-innovation",
        "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
    )
    assert media.startswith("text/html")
    assert "<table>" in text


@pytest.mark.parametrize(
    "accept, media",
    [
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
    ],
)
def test_sparql_results_negotiate(endpoint, accept, media):
    url = f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": PRACTICES})
    got, _ = http_get(url, accept)
    assert got.startswith(media)


def curl(*args):
    """curl's answer: status line and headers, then the body."""
    done = subprocess.run(["curl", "-sS", "-i", "--max-time", "30", *args],
                          capture_output=True, text=True, check=True)
    head, _, body = done.stdout.replace("\r\n", "\n").partition("\n\n")
    return head.lower(), body


def test_curl_negotiates_resource_pages_and_results(endpoint):
    head, body = curl("-H", "Accept: text/turtle", f"{endpoint}/id/practice/access-innovation")
    assert "content-type: text/turtle" in head and "vary: accept" in head
    assert "Access Innovation" in body
    head, body = curl("-H", "Accept: text/html", f"{endpoint}/id/practice/access-innovation")
    assert "content-type: text/html" in head and "<table>" in body
    head, body = curl("-H", "Accept: text/csv", "--data-urlencode", f"query={PRACTICES}", f"{endpoint}/sparql")
    assert "content-type: text/csv" in head
    assert body.splitlines() == ["n", "26"]
    head, _ = curl("-H", "Accept: text/turtle", f"{endpoint}/def")
    assert "content-type: text/turtle" in head


def test_cors_lets_a_page_elsewhere_query(endpoint):
    url = f"{endpoint}/sparql?" + urllib.parse.urlencode({"query": PRACTICES})
    head, _ = curl("-H", "Origin: https://yasgui.example", "-H", "Accept: application/sparql-results+json", url)
    assert "access-control-allow-origin: *" in head
    head, _ = curl("-X", "OPTIONS", "-H", "Origin: https://yasgui.example",
                   "-H", "Access-Control-Request-Method: GET", url)
    assert "access-control-allow-methods:" in head and "get" in head
