"""The W3C RDF 1.1 and SPARQL 1.1 test suites, run through the smarty-kg binary and, for
comparison, through pyoxigraph (the same oxigraph version smarty-kg is built on).

Usage: conformance.py SUITES_DIR [--only SUITE]... [--jobs N] [--no-serve] [--verbose] [--failures]

SUITES_DIR holds the unmodified W3C test suites (rdf/rdf11/…, sparql/sparql11/…), read in place.
The binary is $SMARTY_KG_BIN. Every test of these suites is run:

- RDF 1.1 N-Triples, N-Quads, Turtle, TriG, RDF/XML: a positive syntax test must load
  (`ingest`), a negative one must be refused with a message naming the line, an evaluation test
  must load and `export` a dataset isomorphic to the expected one;
- SPARQL 1.1 query and update syntax: a positive test must parse (`query`/`update`), a negative
  one must be refused as a syntax error naming the line;
- SPARQL 1.1 query evaluation: each test's data loaded into a fresh store (`ingest --graph`),
  the query run (`query`) and its results compared with the expected ones (blank nodes up to
  renaming; in order when the query ends in ORDER BY, as a bag otherwise; graphs up to
  isomorphism); the same again through `serve` and the SPARQL Protocol;
- SPARQL 1.1 update evaluation: the data loaded, the update run (`update`), the store exported
  and compared with the expected dataset; the same again through `serve`.

smarty-kg runs with `--strict` (standard SPARQL), and once more on the SPARQL suites as it is used
by default (`ingest FILE`, no `--strict`) to measure what its layer changes. A failure of
`--strict` passes the run only when docs/CONFORMANCE.md lists the test's IRI among the known
failures; the exit code is 1 when some failure is not listed there.
"""

from __future__ import annotations

import argparse
import concurrent.futures
import decimal
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "CONFORMANCE.md"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
MF = "http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#"
QT = "http://www.w3.org/2001/sw/DataAccess/tests/test-query#"
UT = "http://www.w3.org/2009/sparql/tests/test-update#"
RDFT = "http://www.w3.org/ns/rdftest#"
RS = "http://www.w3.org/2001/sw/DataAccess/tests/result-set#"

# Where each suite's manifest says its files are published: file IRIs are mapped to SUITES_DIR.
RDF_BASE = "https://w3c.github.io/rdf-tests/rdf/rdf11/"
SPARQL_BASE = "http://www.w3.org/2009/sparql/docs/tests/data-sparql11/"

RDF_SUITES = {
    "rdf-n-triples": ("rdf/rdf11/rdf-n-triples", RDF_BASE + "rdf-n-triples/"),
    "rdf-n-quads": ("rdf/rdf11/rdf-n-quads", RDF_BASE + "rdf-n-quads/"),
    "rdf-turtle": ("rdf/rdf11/rdf-turtle", RDF_BASE + "rdf-turtle/"),
    "rdf-trig": ("rdf/rdf11/rdf-trig", RDF_BASE + "rdf-trig/"),
    "rdf-xml": ("rdf/rdf11/rdf-xml", RDF_BASE + "rdf-xml/"),
}
SPARQL_MANIFESTS = {
    "query": "manifest-sparql11-query.ttl",
    "update": "manifest-sparql11-update.ttl",
}
SUITE_ORDER = [
    *RDF_SUITES,
    "sparql11-query-syntax",
    "sparql11-query-eval",
    "sparql11-query-eval (serve)",
    "sparql11-update-syntax",
    "sparql11-update-eval",
    "sparql11-update-eval (serve)",
]

# A refusal names the line: `file:LINE:COLUMN:` as smarty-kg prints positions.
NAMES_LINE = re.compile(r":\d+:\d+:")
FORMATS = {
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".ttl": ox.RdfFormat.TURTLE,
    ".trig": ox.RdfFormat.TRIG,
    ".rdf": ox.RdfFormat.RDF_XML,
}
RESULT_FORMATS = {
    ".srx": ox.QueryResultsFormat.XML,
    ".srj": ox.QueryResultsFormat.JSON,
    ".tsv": ox.QueryResultsFormat.TSV,
}


# --- Manifests --------------------------------------------------------------------------------


class Graph:
    """A manifest's triples, indexed by subject and predicate."""

    def __init__(self) -> None:
        self.spo: dict[object, dict[str, list[object]]] = {}

    def add_file(self, path: Path, base: str) -> None:
        for q in ox.parse(path=str(path), format=ox.RdfFormat.TURTLE, base_iri=base):
            self.spo.setdefault(q.subject, {}).setdefault(q.predicate.value, []).append(q.object)

    def objects(self, s: object, p: str) -> list[object]:
        return self.spo.get(s, {}).get(p, [])

    def one(self, s: object, p: str) -> object | None:
        found = self.objects(s, p)
        return found[0] if found else None

    def items(self, head: object | None) -> list[object]:
        out = []
        while head is not None and not (isinstance(head, ox.NamedNode) and head.value == RDF + "nil"):
            first = self.one(head, RDF + "first")
            if first is None:
                break
            out.append(first)
            head = self.one(head, RDF + "rest")
        return out


@dataclass
class Test:
    iri: str
    suite: str
    kind: str
    name: str = ""
    # RDF tests: the file; SPARQL: the query or update.
    action: Path | None = None
    action_iri: str = ""
    result: Path | None = None
    # SPARQL: (file, IRI) for the default graph and (file, graph name) for named graphs.
    data: list[tuple[Path, str]] = field(default_factory=list)
    graph_data: list[tuple[Path, str, str]] = field(default_factory=list)
    result_data: list[tuple[Path, str]] = field(default_factory=list)
    result_graph_data: list[tuple[Path, str, str]] = field(default_factory=list)


class Suites:
    def __init__(self, root: Path) -> None:
        self.root = root

    def local(self, iri: str) -> Path | None:
        for base, folder in (
            (RDF_BASE, "rdf/rdf11/"),
            (SPARQL_BASE, "sparql/sparql11/"),
        ):
            if iri.startswith(base):
                return self.root / folder / iri[len(base) :].split("#")[0]
        return None

    def rdf(self, suite: str) -> list[Test]:
        folder, base = RDF_SUITES[suite]
        g = Graph()
        manifest = ox.NamedNode(base + "manifest.ttl")
        g.add_file(self.root / folder / "manifest.ttl", manifest.value)
        tests = []
        for entry in g.items(g.one(manifest, MF + "entries")):
            kind = g.one(entry, RDF + "type")
            action = g.one(entry, MF + "action")
            result = g.one(entry, MF + "result")
            name = g.one(entry, MF + "name")
            tests.append(
                Test(
                    iri=entry.value,
                    suite=suite,
                    kind=kind.value.removeprefix(RDFT) if kind else "?",
                    name=name.value if name else "",
                    action=self.local(action.value) if action else None,
                    action_iri=action.value if action else "",
                    result=self.local(result.value) if result else None,
                )
            )
        return tests

    def sparql(self, which: str) -> list[Test]:
        top = self.root / "sparql/sparql11" / SPARQL_MANIFESTS[which]
        g = Graph()
        top_iri = SPARQL_BASE + SPARQL_MANIFESTS[which]
        g.add_file(top, top_iri)
        tests = []
        for include in g.items(g.one(ox.NamedNode(top_iri), MF + "include")):
            path = self.local(include.value)
            if path is None or not path.exists():
                continue
            g.add_file(path, include.value)
            for entry in g.items(g.one(include, MF + "entries")):
                tests.append(self.sparql_test(g, entry, which))
        return tests

    def sparql_test(self, g: Graph, entry: object, which: str) -> Test:
        kind = g.one(entry, RDF + "type")
        kind_name = kind.value.split("#")[-1] if kind else "?"
        name = g.one(entry, MF + "name")
        test = Test(
            iri=entry.value,
            suite="",
            kind=kind_name,
            name=name.value if name else "",
        )
        action = g.one(entry, MF + "action")
        if "Syntax" in kind_name:
            test.suite = f"sparql11-{'update' if 'Update' in kind_name else which}-syntax"
            test.action_iri = action.value
            test.action = self.local(action.value)
            return test
        if kind_name == "QueryEvaluationTest":
            test.suite = "sparql11-query-eval"
            query = g.one(action, QT + "query")
            test.action_iri = query.value
            test.action = self.local(query.value)
            test.data = [(self.local(d.value), d.value) for d in g.objects(action, QT + "data")]
            test.graph_data = [
                (self.local(d.value), d.value, d.value) for d in g.objects(action, QT + "graphData")
            ]
            result = g.one(entry, MF + "result")
            test.result = self.local(result.value) if result else None
            return test
        if kind_name == "UpdateEvaluationTest":
            test.suite = "sparql11-update-eval"
            request = g.one(action, UT + "request")
            test.action_iri = request.value
            test.action = self.local(request.value)
            test.data = [(self.local(d.value), d.value) for d in g.objects(action, UT + "data")]
            for gd in g.objects(action, UT + "graphData"):
                file = g.one(gd, UT + "graph")
                label = g.one(gd, RDFS + "label")
                test.graph_data.append((self.local(file.value), file.value, label.value))
            result = g.one(entry, MF + "result")
            if result is not None:
                test.result_data = [
                    (self.local(d.value), d.value) for d in g.objects(result, UT + "data")
                ]
                for gd in g.objects(result, UT + "graphData"):
                    file = g.one(gd, UT + "graph")
                    label = g.one(gd, RDFS + "label")
                    test.result_graph_data.append((self.local(file.value), file.value, label.value))
            return test
        test.suite = f"sparql11-{which}-other"
        return test


# --- Comparing results ------------------------------------------------------------------------


def rdf_format(path: Path) -> ox.RdfFormat:
    return FORMATS[path.suffix]


def dataset_of(quads) -> ox.Dataset:
    ds = ox.Dataset()
    for q in quads:
        ds.add(q)
    return ds


def canonical(ds: ox.Dataset) -> set[str]:
    ds.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return {str(q) for q in ds}


def isomorphic(a: ox.Dataset, b: ox.Dataset) -> bool:
    return len(a) == len(b) and canonical(a) == canonical(b)


def read_dataset(files: list[tuple[Path, str, object]]) -> ox.Dataset:
    """Files as (path, base IRI, graph name or None for the default graph)."""
    ds = ox.Dataset()
    for path, base, graph in files:
        for q in ox.parse(path=str(path), format=rdf_format(path), base_iri=base):
            if graph is not None and isinstance(q.graph_name, ox.DefaultGraph):
                q = ox.Quad(q.subject, q.predicate, q.object, graph)
            ds.add(q)
    return ds


@dataclass
class Solutions:
    variables: set[str]
    rows: list[dict[str, object]]


def solutions(results) -> Solutions | bool:
    if isinstance(results, ox.QueryBoolean):
        return bool(results)
    variables = [v.value for v in results.variables]
    rows = []
    for s in results:
        row = {}
        for v in variables:
            term = s[v]
            if term is not None:
                row[v] = term
        rows.append(row)
    return Solutions(set(variables), rows)


def result_set_from_rdf(path: Path, base: str) -> Solutions | bool | None:
    """Results written in the DAWG result-set vocabulary (rs:ResultSet), if the file is one."""
    if path.suffix != ".ttl":
        return None
    g = Graph()
    g.add_file(path, base)
    sets = [s for s, po in g.spo.items() if any(o.value == RS + "ResultSet" for o in po.get(RDF + "type", []))]
    if not sets:
        return None
    rs = sets[0]
    boolean = g.one(rs, RS + "boolean")
    if boolean is not None:
        return boolean.value == "true"
    variables = {v.value for v in g.objects(rs, RS + "resultVariable")}
    rows = []
    for sol in g.objects(rs, RS + "solution"):
        row = {}
        for b in g.objects(sol, RS + "binding"):
            row[g.one(b, RS + "variable").value] = g.one(b, RS + "value")
        rows.append(row)
    return Solutions(variables, rows)


def shape(term: object) -> str:
    return "_" if isinstance(term, ox.BlankNode) else str(term)


def row_key(row: dict[str, object]) -> tuple:
    return tuple(sorted((v, shape(t)) for v, t in row.items()))


def same_row(a: dict, b: dict, mapping: dict, used: set) -> list | None:
    """The blank-node pairs a and b need on top of `mapping`, or None when they cannot match."""
    if a.keys() != b.keys():
        return None
    added = []
    for v, ta in a.items():
        tb = b[v]
        if isinstance(ta, ox.BlankNode) and isinstance(tb, ox.BlankNode):
            known = mapping.get(ta.value)
            if known is None:
                if tb.value in used:
                    return None
                mapping[ta.value] = tb.value
                used.add(tb.value)
                added.append((ta.value, tb.value))
            elif known != tb.value:
                for x, y in added:
                    del mapping[x]
                    used.discard(y)
                return None
        elif ta != tb:
            for x, y in added:
                del mapping[x]
                used.discard(y)
            return None
    return added


def same_solutions(expected: Solutions, actual: Solutions, ordered: bool) -> bool:
    if expected.variables != actual.variables or len(expected.rows) != len(actual.rows):
        return False
    if sorted(map(row_key, expected.rows)) != sorted(map(row_key, actual.rows)):
        return False
    has_blank = any(isinstance(t, ox.BlankNode) for r in expected.rows for t in r.values())
    if ordered:
        mapping: dict = {}
        used: set = set()
        return all(same_row(e, a, mapping, used) is not None for e, a in zip(expected.rows, actual.rows))
    if not has_blank:
        return True
    # A bijection of blank nodes under which the bags are equal, by backtracking.
    remaining = list(range(len(actual.rows)))

    def search(i: int, mapping: dict, used: set) -> bool:
        if i == len(expected.rows):
            return True
        for at, j in enumerate(remaining):
            added = same_row(expected.rows[i], actual.rows[j], mapping, used)
            if added is None:
                continue
            remaining.pop(at)
            if search(i + 1, mapping, used):
                return True
            remaining.insert(at, j)
            for x, y in added:
                del mapping[x]
                used.discard(y)
        return False

    return search(0, {}, set())


def ordered_query(text: str) -> bool:
    """Whether the query's outermost solutions are ordered: an ORDER BY after its last `}`."""
    tail = text[text.rfind("}") + 1 :] if "}" in text else text
    return re.search(r"ORDER\s+BY", tail, re.IGNORECASE) is not None


def expected_outcome(test: Test) -> tuple[str, object]:
    """('solutions', Solutions|bool) or ('graph', Dataset)."""
    path = test.result
    if path.suffix in RESULT_FORMATS:
        return "solutions", solutions(ox.parse_query_results(path=str(path), format=RESULT_FORMATS[path.suffix]))
    base = SPARQL_BASE + str(path.relative_to(path.parents[1]))
    as_results = result_set_from_rdf(path, base)
    if as_results is not None:
        return "solutions", as_results
    return "graph", read_dataset([(path, base, None)])


XSD = "http://www.w3.org/2001/XMLSchema#"
NUMBERS = {XSD + t for t in ("integer", "decimal", "double", "float", "boolean")}
SPELLING = "only in how numbers and booleans are spelled (the same values)"


def by_value(term: object) -> object:
    """A numeric or boolean literal spelled one way for its value (to explain a failure: the
    comparison itself is of terms)."""
    if not isinstance(term, ox.Literal) or term.datatype.value not in NUMBERS:
        return term
    kind, text = term.datatype.value, term.value.strip()
    try:
        if kind == XSD + "boolean":
            value = {"1": "true", "0": "false"}.get(text, text)
        elif kind == XSD + "integer":
            value = str(int(text))
        elif kind == XSD + "decimal":
            value = format(decimal.Decimal(text).normalize(), "f")
        else:
            value = repr(float(text))
    except (ValueError, decimal.InvalidOperation):
        return term
    return ox.Literal(value, datatype=term.datatype)


def dataset_by_value(ds: ox.Dataset) -> ox.Dataset:
    return dataset_of(ox.Quad(q.subject, q.predicate, by_value(q.object), q.graph_name) for q in ds)


def solutions_by_value(s: Solutions) -> Solutions:
    return Solutions(s.variables, [{v: by_value(t) for v, t in row.items()} for row in s.rows])


def same_datasets(want: ox.Dataset, got: ox.Dataset, what: str) -> Outcome:
    if isomorphic(dataset_of(want), dataset_of(got)):
        return Outcome(True)
    if isomorphic(dataset_by_value(want), dataset_by_value(got)):
        return Outcome(False, f"{what} differs {SPELLING}")
    return Outcome(False, f"{what} differs ({len(got)} quads, {len(want)} expected)")


def same_outcome(expected: tuple[str, object], actual: tuple[str, object], ordered: bool) -> str | None:
    """None when they agree, else what differs."""
    kind, want = expected
    got_kind, got = actual
    if kind != got_kind:
        return f"expected {kind}, got {got_kind}"
    if kind == "graph":
        outcome = same_datasets(want, got, "the graph")
        return None if outcome.passed else outcome.reason
    if isinstance(want, bool) or isinstance(got, bool):
        return None if want == got else f"boolean {got}, expected {want}"
    if same_solutions(want, got, ordered):
        return None
    if same_solutions(solutions_by_value(want), solutions_by_value(got), ordered):
        return f"the solutions differ {SPELLING}"
    return f"solutions differ ({len(got.rows)} rows, {len(want.rows)} expected)"


# --- Engines ----------------------------------------------------------------------------------


def sends_requests(text: str) -> bool:
    """LOAD and SERVICE make an engine fetch documents: only run where no network is reachable."""
    code = re.sub(r"#[^\n]*", "", text)
    return re.search(r"\b(LOAD|SERVICE)\b", code, re.IGNORECASE) is not None


def based(text: str, iri: str) -> str:
    """The text with its base IRI declared in front, on its first line (lines keep their numbers)."""
    return f"BASE <{iri}> {text}"


def dataset_clauses(text: str, base: str, suites: Suites) -> list[tuple[Path, str]]:
    """Files a query's FROM and FROM NAMED clauses name, to be loaded under those names."""
    out = []
    for m in re.finditer(r"\bFROM\s+(?:NAMED\s+)?<([^>]*)>", text, re.IGNORECASE):
        iri = m.group(1)
        if not re.match(r"^[a-z][a-z0-9+.-]*:", iri):
            iri = base.rsplit("/", 1)[0] + "/" + iri
        path = suites.local(iri)
        if path is not None and path.exists() and (path, iri) not in out:
            out.append((path, iri))
    return out


@dataclass
class Outcome:
    passed: bool
    reason: str = ""
    # Not run (not a failure): it would have sent requests off this machine.
    not_run: bool = False

    def verdict(self) -> str:
        return "pass" if self.passed else self.reason


NOT_RUN = Outcome(False, "not run: LOAD or SERVICE would send requests off this machine", not_run=True)


@dataclass
class Row:
    """One test's outcomes: smarty-kg --strict, pyoxigraph, smarty-kg without --strict (SPARQL
    suites only). Futures until settled."""

    test: Test
    strict: object
    reference: object
    layered: object | None

    def settle(self) -> None:
        self.strict = self.strict.result()
        self.reference = self.reference.result()
        if self.layered is not None:
            self.layered = self.layered.result()


class SmartyKg:
    """smarty-kg's commands, one process each, on a store of the test's own. Strict: `--strict`
    and each file placed where the test says (`ingest --graph --base`); otherwise smarty-kg as it
    is used by default: `ingest FILE` (a graph of the file's own), predeclared prefixes, the
    union default graph."""

    def __init__(self, binary: str, isolated: bool, strict: bool) -> None:
        self.binary = binary
        self.isolated = isolated
        self.strict = strict

    def run(self, *args: str, store: Path | None = None, timeout: float = 60) -> subprocess.CompletedProcess:
        where = ["--store", str(store)] if store is not None else ["--memory"]
        env = {k: v for k, v in os.environ.items() if not k.startswith("SMARTY_KG_")}
        env["NO_COLOR"] = "1"
        return subprocess.run(
            [self.binary, *(["--strict"] if self.strict else []), *where, *args],
            capture_output=True,
            text=True,
            timeout=timeout,
            env=env,
            stdin=subprocess.DEVNULL,
        )

    def load(self, store: Path, path: Path, base: str, graph: str | None) -> None:
        target = "default" if graph is None else f"<{graph}>"
        placed = ["--graph", target, "--base", base] if self.strict else []
        p = self.run("ingest", *placed, str(path), store=store)
        if p.returncode != 0:
            raise RuntimeError(f"loading {path.name} failed: {p.stderr.strip()}")

    def export(self, store: Path) -> ox.Dataset:
        p = self.run("export", "--format", "nquads", store=store)
        if p.returncode != 0:
            raise RuntimeError(f"export failed: {p.stderr.strip()}")
        return dataset_of(ox.parse(p.stdout.encode(), format=ox.RdfFormat.N_QUADS))

    def rdf_test(self, test: Test, work: Path) -> Outcome:
        positive = "Negative" not in test.kind
        # Only an evaluation test reads the store again.
        store = work / "store" if "Eval" in test.kind and positive else None
        p = self.run("ingest", "--graph", "default", "--base", test.action_iri, str(test.action), store=store)
        if not positive:
            if p.returncode == 0:
                return Outcome(False, "accepted")
            if not NAMES_LINE.search(p.stderr):
                return Outcome(False, f"refused without naming the line: {first_line(p.stderr)}")
            return Outcome(True)
        if p.returncode != 0:
            return Outcome(False, f"refused: {first_line(p.stderr)}")
        if "Eval" not in test.kind:
            return Outcome(True)
        got = self.export(store)
        want = read_dataset([(test.result, test.action_iri, None)])
        return same_datasets(want, got, "the export")

    def syntax_test(self, test: Test, work: Path) -> Outcome:
        positive = "Negative" not in test.kind
        text = test.action.read_text(encoding="utf-8")
        if sends_requests(text) and not self.isolated:
            return NOT_RUN
        file = work / ("statement" + test.action.suffix)
        file.write_text(based(text, test.action_iri), encoding="utf-8")
        command = "update" if "Update" in test.kind else "query"
        shown = ["--format", "json"] if command == "query" else []
        p = self.run(command, "--file", str(file), *shown, store=None)
        syntax = re.search(r":\d+:\d+: syntax error", p.stderr) is not None
        if positive:
            return Outcome(True) if not syntax else Outcome(False, f"refused: {first_line(p.stderr)}")
        if p.returncode == 0:
            return Outcome(False, "accepted")
        return Outcome(True) if syntax else Outcome(False, f"refused, not as a syntax error naming the line: {first_line(p.stderr)}")

    def prepare(self, test: Test, store: Path, text: str, suites: Suites) -> None:
        for path, iri in test.data:
            self.load(store, path, iri, None)
        for path, iri, name in test.graph_data:
            self.load(store, path, iri, name)
        for path, iri in dataset_clauses(text, test.action_iri, suites):
            self.load(store, path, iri, iri)

    def query_test(self, test: Test, work: Path, suites: Suites) -> Outcome:
        text = test.action.read_text(encoding="utf-8")
        store = work / "store"
        self.prepare(test, store, text, suites)
        if not store.exists():
            self.run("update", "CLEAR DEFAULT", store=store)
        file = work / "query.rq"
        file.write_text(based(text, test.action_iri), encoding="utf-8")
        expected = expected_outcome(test)
        fmt = "ntriples" if expected[0] == "graph" else "json"
        p = self.run("query", "--file", str(file), "--format", fmt, store=store)
        if p.returncode != 0:
            return Outcome(False, f"error: {first_line(p.stderr)}")
        if expected[0] == "graph":
            actual = ("graph", dataset_of(ox.parse(p.stdout.encode(), format=ox.RdfFormat.N_TRIPLES)))
        else:
            actual = ("solutions", solutions(ox.parse_query_results(p.stdout.encode(), format=ox.QueryResultsFormat.JSON)))
        differs = same_outcome(expected, actual, ordered_query(text))
        return Outcome(differs is None, differs or "")

    def update_test(self, test: Test, work: Path, suites: Suites) -> Outcome:
        text = test.action.read_text(encoding="utf-8")
        if sends_requests(text) and not self.isolated:
            return NOT_RUN
        store = work / "store"
        self.prepare(test, store, text, suites)
        file = work / "update.ru"
        file.write_text(based(text, test.action_iri), encoding="utf-8")
        p = self.run("update", "--file", str(file), store=store)
        if p.returncode != 0:
            return Outcome(False, f"error: {first_line(p.stderr)}")
        got = self.export(store)
        want = read_dataset(
            [(path, iri, None) for path, iri in test.result_data]
            + [(path, iri, ox.NamedNode(name)) for path, iri, name in test.result_graph_data]
        )
        return same_datasets(want, got, "the store after the update")


class PyOxigraph:
    """pyoxigraph on the same files: oxigraph's own answers."""

    def __init__(self, isolated: bool) -> None:
        self.isolated = isolated

    def rdf_test(self, test: Test, work: Path) -> Outcome:
        positive = "Negative" not in test.kind
        # Through a store, as smarty-kg loads and exports: oxigraph's store keeps some literals
        # (numbers among them) by value, not by their spelling.
        store = ox.Store()
        try:
            store.load(path=str(test.action), format=rdf_format(test.action), base_iri=test.action_iri)
            got = dataset_of(store)
        except SyntaxError as e:
            return Outcome(False, f"refused: {e}") if positive else Outcome(True)
        if not positive:
            return Outcome(False, "accepted")
        if "Eval" not in test.kind:
            return Outcome(True)
        want = read_dataset([(test.result, test.action_iri, None)])
        return same_datasets(want, got, "the store")

    def syntax_test(self, test: Test, work: Path) -> Outcome:
        positive = "Negative" not in test.kind
        text = test.action.read_text(encoding="utf-8")
        if sends_requests(text) and not self.isolated:
            return NOT_RUN
        store = ox.Store()
        try:
            if "Update" in test.kind:
                store.update(text, base_iri=test.action_iri)
            else:
                r = store.query(text, base_iri=test.action_iri)
                if not isinstance(r, ox.QueryBoolean):
                    list(r)
        except SyntaxError as e:
            return Outcome(False, f"refused: {e}") if positive else Outcome(True)
        except Exception:  # an evaluation error: the text parsed
            pass
        return Outcome(True) if positive else Outcome(False, "accepted")

    def store(self, test: Test, text: str, suites: Suites) -> ox.Store:
        store = ox.Store()
        for path, iri in test.data:
            store.load(path=str(path), format=rdf_format(path), base_iri=iri)
        for path, iri, name in test.graph_data:
            store.load(path=str(path), format=rdf_format(path), base_iri=iri, to_graph=ox.NamedNode(name))
        for path, iri in dataset_clauses(text, test.action_iri, suites):
            store.load(path=str(path), format=rdf_format(path), base_iri=iri, to_graph=ox.NamedNode(iri))
        return store

    def query_test(self, test: Test, work: Path, suites: Suites) -> Outcome:
        text = test.action.read_text(encoding="utf-8")
        store = self.store(test, text, suites)
        expected = expected_outcome(test)
        try:
            r = store.query(text, base_iri=test.action_iri)
            if isinstance(r, ox.QueryTriples):
                actual = ("graph", dataset_of(ox.Quad(t.subject, t.predicate, t.object) for t in r))
            else:
                actual = ("solutions", solutions(r))
        except Exception as e:
            return Outcome(False, f"error: {e}")
        differs = same_outcome(expected, actual, ordered_query(text))
        return Outcome(differs is None, differs or "")

    def update_test(self, test: Test, work: Path, suites: Suites) -> Outcome:
        text = test.action.read_text(encoding="utf-8")
        if sends_requests(text) and not self.isolated:
            return NOT_RUN
        store = self.store(test, text, suites)
        try:
            store.update(text, base_iri=test.action_iri)
        except Exception as e:
            return Outcome(False, f"error: {e}")
        got = dataset_of(store)
        want = read_dataset(
            [(path, iri, None) for path, iri in test.result_data]
            + [(path, iri, ox.NamedNode(name)) for path, iri, name in test.result_graph_data]
        )
        return same_datasets(want, got, "the store after the update")


class Served:
    """`smarty-kg --strict serve` on a store of its own: each test's data sent as an update, the
    query or update sent per the SPARQL Protocol, the store read back by a query. In a network
    namespace of its own the server may follow LOAD (nothing can leave it)."""

    def __init__(self, binary: str, work: Path, isolated: bool) -> None:
        self.binary = binary
        self.work = work
        self.isolated = isolated
        self.token = "conformance-token-" + os.urandom(8).hex()
        token_file = work / "token"
        token_file.write_text(self.token)
        token_file.chmod(0o600)
        port = free_port()
        self.url = f"http://127.0.0.1:{port}/sparql"
        env = {k: v for k, v in os.environ.items() if not k.startswith("SMARTY_KG_")}
        self.log = open(work / "serve.log", "w")
        self.process = subprocess.Popen(
            [
                binary, "--strict", "--store", str(work / "store"), "serve",
                "--bind", f"127.0.0.1:{port}", "--read-write", "--token-file", str(token_file),
                *(["--allow-federation"] if isolated else []),
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"serve exited: {(work / 'serve.log').read_text()}")
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("serve did not start listening")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()

    def post(self, body: str, content_type: str, accept: str = "*/*") -> tuple[int, str, bytes]:
        headers = {"Content-Type": content_type, "Accept": accept}
        if content_type == "application/sparql-update":
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.url, data=body.encode(), headers=headers, method="POST")
        try:
            with urllib.request.urlopen(request, timeout=60) as r:
                return r.status, r.headers.get("Content-Type", ""), r.read()
        except urllib.error.HTTPError as e:
            return e.code, e.headers.get("Content-Type", ""), e.read()

    def update(self, text: str) -> None:
        status, _, body = self.post(text, "application/sparql-update")
        if status >= 300:
            raise RuntimeError(f"update refused ({status}): {body[:300]!r}")

    def prepare(self, test: Test, text: str, suites: Suites) -> None:
        """An empty store, then the test's data."""
        self.update("DROP SILENT ALL")
        files = [(p, i, None) for p, i in test.data]
        files += [(p, i, ox.NamedNode(n)) for p, i, n in test.graph_data]
        files += [(p, i, ox.NamedNode(i)) for p, i in dataset_clauses(text, test.action_iri, suites)]
        for n, (path, iri, graph) in enumerate(files):
            quads = list(ox.parse(path=str(path), format=rdf_format(path), base_iri=iri))
            if quads:
                self.update(insert_data(quads, graph, f"f{n}"))

    def query_test(self, test: Test, work: Path, suites: Suites) -> Outcome:
        text = test.action.read_text(encoding="utf-8")
        self.prepare(test, text, suites)
        expected = expected_outcome(test)
        accept = "application/n-triples" if expected[0] == "graph" else "application/sparql-results+json"
        status, media, body = self.post(based(text, test.action_iri), "application/sparql-query", accept)
        if status != 200:
            return Outcome(False, f"HTTP {status}: {body[:200].decode(errors='replace')}")
        if expected[0] == "graph":
            actual = ("graph", dataset_of(ox.parse(body, format=ox.RdfFormat.N_TRIPLES)))
        else:
            actual = ("solutions", solutions(ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON)))
        differs = same_outcome(expected, actual, ordered_query(text))
        return Outcome(differs is None, differs or "")


    def update_test(self, test: Test, work: Path, suites: Suites) -> Outcome:
        text = test.action.read_text(encoding="utf-8")
        if sends_requests(text) and not self.isolated:
            return NOT_RUN
        self.prepare(test, text, suites)
        status, _, body = self.post(based(text, test.action_iri), "application/sparql-update")
        if status >= 300:
            return Outcome(False, f"HTTP {status}: {body[:200].decode(errors='replace')}")
        every = "SELECT ?s ?p ?o ?g { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
        status, _, body = self.post(every, "application/sparql-query", "application/sparql-results+json")
        if status != 200:
            return Outcome(False, f"reading the store back: HTTP {status}")
        got = ox.Dataset()
        for row in ox.parse_query_results(body, format=ox.QueryResultsFormat.JSON):
            graph = row["g"] if row["g"] is not None else ox.DefaultGraph()
            got.add(ox.Quad(row["s"], row["p"], row["o"], graph))
        want = read_dataset(
            [(path, iri, None) for path, iri in test.result_data]
            + [(path, iri, ox.NamedNode(name)) for path, iri, name in test.result_graph_data]
        )
        return same_datasets(want, got, "the store after the update")


def insert_data(quads: list, graph: object, label: str) -> str:
    """INSERT DATA of parsed quads, blank nodes labelled apart per file."""

    def term(t: object) -> str:
        if isinstance(t, ox.BlankNode):
            return f"_:{label}_{t.value}"
        return str(t)

    lines = []
    for q in quads:
        triple = f"{term(q.subject)} {term(q.predicate)} {term(q.object)} ."
        target = q.graph_name if isinstance(q.graph_name, ox.DefaultGraph) else q.graph_name
        target = graph if graph is not None and isinstance(q.graph_name, ox.DefaultGraph) else target
        if isinstance(target, ox.DefaultGraph):
            lines.append(triple)
        else:
            lines.append(f"GRAPH {term(target)} {{ {triple} }}")
    return "INSERT DATA {\n" + "\n".join(lines) + "\n}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def first_line(text: str) -> str:
    lines = [line for line in text.strip().splitlines() if line.strip()]
    return lines[0][:200] if lines else "(no message)"


# --- Running ----------------------------------------------------------------------------------


def run_one(engine, test: Test, suites: Suites) -> Outcome:
    with tempfile.TemporaryDirectory(prefix="smarty-conf-") as tmp:
        work = Path(tmp)
        try:
            if test.suite.startswith("rdf-"):
                return engine.rdf_test(test, work)
            if test.suite.endswith("-syntax"):
                return engine.syntax_test(test, work)
            if test.suite == "sparql11-query-eval":
                return engine.query_test(test, work, suites)
            if test.suite == "sparql11-update-eval":
                return engine.update_test(test, work, suites)
            return Outcome(False, f"no runner for {test.kind}")
        except subprocess.TimeoutExpired:
            return Outcome(False, "timed out")
        except Exception as e:  # the harness's own trouble is the test's failure, with its reason
            return Outcome(False, f"{type(e).__name__}: {e}")


def documented_failures() -> dict[str, str]:
    """The test IRIs docs/CONFORMANCE.md lists under 'Known failures', with their lines."""
    if not DOCS.exists():
        return {}
    text = DOCS.read_text(encoding="utf-8")
    start = text.find("## Known failures")
    if start < 0:
        return {}
    end = text.find("\n## ", start + 1)
    section = text[start : end if end > 0 else len(text)]
    out = {}
    for line in section.splitlines():
        for iri in re.findall(r"<(https?://[^>\s]+)>", line):
            out[iri] = line
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("suites", type=Path)
    parser.add_argument("--only", action="append", help="run only this suite (repeatable)")
    parser.add_argument("--jobs", type=int, default=max(2, os.cpu_count() or 2))
    parser.add_argument("--no-serve", action="store_true", help="leave out the run through serve")
    parser.add_argument("--verbose", action="store_true", help="print every failure, oxigraph's too")
    parser.add_argument("--failures", action="store_true", help="print the failures without --strict too")
    args = parser.parse_args()

    binary = os.environ.get("SMARTY_KG_BIN")
    if not binary:
        print("conformance: set SMARTY_KG_BIN to the smarty-kg binary", file=sys.stderr)
        return 2
    if not (args.suites / "rdf/rdf11").is_dir() or not (args.suites / "sparql/sparql11").is_dir():
        print(f"conformance: no W3C test suites at {args.suites}", file=sys.stderr)
        return 2
    isolated = os.environ.get("SMARTY_CONFORMANCE_ISOLATED") == "1"
    started = time.monotonic()
    suites = Suites(args.suites.resolve())
    tests: list[Test] = []
    for name in RDF_SUITES:
        tests += suites.rdf(name)
    for which in SPARQL_MANIFESTS:
        tests += suites.sparql(which)
    wanted = set(args.only or SUITE_ORDER)
    tests = [t for t in tests if t.suite in wanted or f"{t.suite} (serve)" in wanted]

    strict = SmartyKg(binary, isolated, strict=True)
    layered = SmartyKg(binary, isolated, strict=False)
    reference = PyOxigraph(isolated)
    rows: dict[tuple[str, str], Row] = {}
    with concurrent.futures.ThreadPoolExecutor(max_workers=args.jobs) as pool:
        for t in tests:
            if t.suite not in wanted:
                continue
            rows[(t.suite, t.iri)] = Row(
                t,
                pool.submit(run_one, strict, t, suites),
                pool.submit(run_one, reference, t, suites),
                pool.submit(run_one, layered, t, suites) if t.suite.startswith("sparql") else None,
            )
        for row in rows.values():
            row.settle()

    served_suites = [
        name for name in ("sparql11-query-eval", "sparql11-update-eval") if f"{name} (serve)" in wanted
    ]
    if served_suites and not args.no_serve:
        work = Path(tempfile.mkdtemp(prefix="smarty-conf-serve-"))
        served = None
        try:
            served = Served(binary, work, isolated)
            for t in tests:
                if t.suite not in served_suites:
                    continue
                run = served.query_test if t.suite == "sparql11-query-eval" else served.update_test
                try:
                    outcome = run(t, work, suites)
                except Exception as e:  # the harness's own trouble is the test's failure
                    outcome = Outcome(False, f"{type(e).__name__}: {e}")
                same = rows.get((t.suite, t.iri))
                theirs = same.reference if same else run_one(reference, t, suites)
                rows[(f"{t.suite} (serve)", t.iri)] = Row(t, outcome, theirs, None)
        finally:
            if served is not None:
                served.stop()
            shutil.rmtree(work, ignore_errors=True)

    documented = documented_failures()
    undocumented = []
    table = []
    not_run = 0
    for suite in SUITE_ORDER:
        entries = [row for (s, _), row in rows.items() if s == suite]
        if not entries:
            continue
        failures = [row for row in entries if not row.strict.passed and not row.strict.not_run]
        not_run += sum(1 for row in entries if row.strict.not_run)
        known = [row for row in failures if row.test.iri in documented]
        layered_passed = (
            str(sum(1 for row in entries if row.layered.passed))
            if all(row.layered is not None for row in entries)
            else "–"
        )
        table.append(
            (
                suite,
                len(entries),
                sum(1 for row in entries if row.strict.passed),
                sum(1 for row in entries if row.reference.passed),
                layered_passed,
                len(known),
                len(failures) - len(known),
            )
        )
        undocumented += [(suite, row) for row in failures if row.test.iri not in documented]
        if args.verbose:
            for row in entries:
                if not (row.strict.passed and row.reference.passed):
                    print(f"{suite}: <{row.test.iri}>")
                    print(f"    smarty-kg --strict: {row.strict.verdict()}")
                    print(f"    pyoxigraph: {row.reference.verdict()}")
        if args.failures:
            for row in entries:
                if row.layered is not None and not row.layered.passed:
                    print(f"{suite} (without --strict): <{row.test.iri}> {row.layered.reason}")

    header = (
        "suite", "tests", "smarty-kg --strict", "pyoxigraph", "smarty-kg without --strict",
        "known failures", "unlisted failures",
    )
    print("| " + " | ".join(header) + " |")
    print("|" + "|".join(["---"] + ["--:"] * (len(header) - 1)) + "|")
    for line in table:
        print("| " + " | ".join(map(str, line)) + " |")
    version = subprocess.run([binary, "--version"], capture_output=True, text=True).stdout.strip()
    print(
        f"\n{version}, pyoxigraph {getattr(ox, '__version__', '?')}, "
        f"{'in a network namespace of its own' if isolated else 'with the network reachable'}, "
        f"{time.monotonic() - started:.0f} s"
    )
    if not_run:
        print(
            f"{not_run} tests not run: their LOAD or SERVICE would send requests off this machine, "
            "and no network namespace of its own was available (unshare --net)"
        )
    if undocumented:
        print(f"\n{len(undocumented)} failures not listed in docs/CONFORMANCE.md:", file=sys.stderr)
        for suite, row in undocumented:
            print(f"- {suite}: <{row.test.iri}> {row.strict.reason}", file=sys.stderr)
        return 1
    return 0

if __name__ == "__main__":
    sys.exit(main())
