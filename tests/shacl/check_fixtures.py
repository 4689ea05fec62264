#!/usr/bin/env python3
"""Prove that ontology/shapes.ttl accepts good data and that every shape bites, with pySHACL.

    python tests/shacl/check_fixtures.py [--nquads GUIDE.nq] [--skip-guide] [-k SUBSTRING]

Checks, with pySHACL (inference none, warnings not allowed), each time together with
ontology/smarty.ttl:

1. shapes.ttl uses only the SHACL subset smarty-kg's own validator supports;
2. every fixture in tests/shacl/valid/ conforms;
3. every fixture in tests/shacl/broken/ does NOT conform, and every result it gets comes from the
   shape named in its header and the constraint component named there (and, when the header names
   one, the SPARQL constraint):

       # violates: shape:GoodPractice-name       (a node or property shape; a result from a property
       #                                          shape also matches its parent node shape)
       # constraint: sh:MaxCountConstraintComponent
       # sparql: shape:GoodPractice-themeRequired (optional)

   so each fixture violates exactly one shape, and the one meant;
4. every node shape, every SPARQL constraint and every property shape with a cardinality or
   value constraint is exercised by at least one broken fixture (a few are listed as exempt, with
   the reason);
5. the bundled guide conforms: the union of all graphs of its N-Quads (default /tmp/guide.nq;
   generated with `cargo run -q -p smarty-rdf --example nquads` when the file is missing).

Ends with the line "N passed, M failed" and exits non-zero when anything failed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pyshacl
import rdflib
from rdflib import BNode, URIRef
from rdflib.namespace import RDF, SH

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
SHAPES = ROOT / "ontology" / "shapes.ttl"
ONTOLOGY = ROOT / "ontology" / "smarty.ttl"
SHAPE_NS = "https://w3id.org/smarty-kg/shapes#"
SH_NS = str(SH)

# The SHACL terms smarty-kg's validator understands (anything else in shapes.ttl is an error).
SUPPORTED = {
    # classes
    "NodeShape", "PropertyShape", "SPARQLConstraint", "IRI", "Literal", "BlankNode",
    "BlankNodeOrIRI", "BlankNodeOrLiteral", "IRIOrLiteral", "Violation", "Warning", "Info",
    # targets
    "targetClass", "targetNode", "targetSubjectsOf", "targetObjectsOf",
    # node-level
    "nodeKind", "pattern", "flags", "class", "sparql", "select", "message", "property",
    # property-level
    "path", "inversePath", "minCount", "maxCount", "datatype", "in", "hasValue", "minLength",
    "maxLength", "languageIn", "or", "severity", "name",
}

# Property shapes that need no fixture of their own, and why.
EXEMPT = {
    "shape:GoodPractice-alternateName": "a plain-string check like shape:Fund-alternateName",
    "shape:GoodPractice-description": "an @en/max-one check like shape:GoodPractice-abstract",
    "shape:GoodPractice-evidenceOfSuccess": "an @en/max-one check like shape:GoodPractice-resourcesNeeded",
    "shape:GoodPractice-difficultiesEncountered": "an @en/max-one check like shape:GoodPractice-resourcesNeeded",
    "shape:GoodPractice-potentialForLearningOrTransfer": "an @en/max-one check like shape:GoodPractice-resourcesNeeded",
    "shape:GoodPractice-contactOrganisation": "a class check like shape:GoodPractice-mainInstitution",
    "shape:GoodPractice-location": "a plain-string check like shape:MonetaryAmount-label",
    "shape:Organization-altLabel": "a string check like shape:Organization-prefLabel",
    "shape:Organization-subOrganizationOf": "a class check like shape:Organization-unitOf",
    "shape:Person-fn": "a plain-string check like shape:Person-title",
    "shape:Person-hasTelephone": "an IRI-pattern check like shape:Person-hasEmail",
    "shape:Person-title": "a plain-string check like shape:MonetaryAmount-label",
    "shape:Theme-scopeNote": "an @en/max-one check like shape:GoodPractice-abstract",
    "shape:ThemeScheme-prefLabel": "an @en/max-one check like shape:Document-title",
    "shape:MonetaryAmount-minValue": "the same datatype/pattern as shape:MonetaryAmount-value",
    "shape:MonetaryAmount-maxValue": "the same datatype/pattern as shape:MonetaryAmount-value",
    "shape:MonetaryAmount-currencyInferred": "a boolean check like shape:MonetaryAmount-approximate",
    "shape:Place-notation": "a max-one/string check; the code itself is tested by shape:Place-notationMatchesIri",
    "shape:Place-prefLabel": "a max-one/string check like shape:Organization-prefLabel",
    "shape:Programme-type": "a has-value type check like shape:GoodPractice-typeProject",
}


def expand(name: str) -> URIRef:
    name = name.strip()
    if name.startswith("shape:"):
        return URIRef(SHAPE_NS + name[len("shape:"):])
    if name.startswith("sh:"):
        return URIRef(SH_NS + name[len("sh:"):])
    if name.startswith("http"):
        return URIRef(name)
    if name.endswith("ConstraintComponent"):
        return URIRef(SH_NS + name)
    return URIRef(SHAPE_NS + name)


def short(term) -> str:
    s = str(term)
    for prefix, ns in (("shape:", SHAPE_NS), ("sh:", SH_NS)):
        if s.startswith(ns):
            return prefix + s[len(ns):]
    return s


def header(path: Path) -> dict[str, URIRef]:
    out: dict[str, URIRef] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            break
        key, sep, value = line[1:].partition(":")
        key = key.strip()
        if sep and key in ("violates", "constraint", "sparql"):
            out[key] = expand(value)
    return out


class Checker:
    def __init__(self) -> None:
        self.shapes = rdflib.Graph().parse(SHAPES, format="turtle")
        self.ontology = rdflib.Graph().parse(ONTOLOGY, format="turtle")
        self.passed = 0
        self.failed = 0
        self.exercised: set[URIRef] = set()

    def ok(self, what: str, detail: str = "") -> None:
        self.passed += 1
        print(f"ok    {what}{(' — ' + detail) if detail else ''}")

    def fail(self, what: str, detail: str) -> None:
        self.failed += 1
        print(f"FAIL  {what}\n      {detail.replace(chr(10), chr(10) + '      ')}")

    def validate(self, data: rdflib.Graph):
        conforms, report, text = pyshacl.validate(
            data,
            shacl_graph=self.shapes,
            inference="none",
            allow_warnings=False,
            advanced=False,
        )
        return conforms, report, text

    def with_ontology(self, graph: rdflib.Graph) -> rdflib.Graph:
        for t in self.ontology:
            graph.add(t)
        return graph

    def parent_of(self, shape) -> URIRef | None:
        return next(iter(self.shapes.subjects(SH.property, shape)), None)

    # 1 -------------------------------------------------------------------------------------------
    def check_subset(self) -> None:
        used = set()
        for s, p, o in self.shapes:
            for term in (p, o):
                if isinstance(term, URIRef) and str(term).startswith(SH_NS):
                    used.add(str(term)[len(SH_NS):])
        unsupported = sorted(used - SUPPORTED)
        if unsupported:
            self.fail("shapes use only the supported SHACL subset", "unsupported: " + ", ".join(unsupported))
        else:
            self.ok("shapes use only the supported SHACL subset")
        prefixes = list(self.shapes.subject_objects(SH.prefixes))
        sparql_without_this = [
            short(c) for c, q in self.shapes.subject_objects(SH.select) if "$this" not in str(q)
        ]
        if prefixes or sparql_without_this:
            self.fail("SPARQL constraints are self-contained and use $this",
                      f"sh:prefixes: {prefixes}; without $this: {sparql_without_this}")
        else:
            self.ok("SPARQL constraints are self-contained and use $this")
        unnamed = [str(s) for s in self.shapes.subjects(SH.property, None) if isinstance(s, BNode)]
        unnamed += [str(o) for o in self.shapes.objects(None, SH.property) if isinstance(o, BNode)]
        unnamed += [str(o) for o in self.shapes.objects(None, SH.sparql) if isinstance(o, BNode)]
        if unnamed:
            self.fail("every shape and SPARQL constraint has an IRI", f"{len(unnamed)} blank nodes")
        else:
            self.ok("every shape and SPARQL constraint has an IRI")
        no_message = [
            short(s) for s in set(self.shapes.objects(None, SH.property)) | set(self.shapes.objects(None, SH.sparql))
            if (s, SH.message, None) not in self.shapes
        ]
        if no_message:
            self.fail("every property shape and SPARQL constraint has an sh:message", ", ".join(sorted(no_message)))
        else:
            self.ok("every property shape and SPARQL constraint has an sh:message")

    # 2 -------------------------------------------------------------------------------------------
    def check_valid(self, path: Path) -> None:
        data = self.with_ontology(rdflib.Graph().parse(path, format="turtle"))
        conforms, _, text = self.validate(data)
        if conforms:
            self.ok(f"valid/{path.name} conforms")
        else:
            self.fail(f"valid/{path.name} conforms", text)

    # 3 -------------------------------------------------------------------------------------------
    def check_broken(self, path: Path) -> None:
        what = f"broken/{path.name}"
        h = header(path)
        if "violates" not in h or "constraint" not in h:
            self.fail(what, "header lacks '# violates:' or '# constraint:'")
            return
        if (h["violates"], None, None) not in self.shapes:
            self.fail(what, f"header names {short(h['violates'])}, which is not in shapes.ttl")
            return
        data = self.with_ontology(rdflib.Graph().parse(path, format="turtle"))
        conforms, report, text = self.validate(data)
        if conforms:
            self.fail(what, f"conforms, but should violate {short(h['violates'])} ({short(h['constraint'])})")
            return
        results = list(report.subjects(RDF.type, SH.ValidationResult))
        wrong = []
        for r in results:
            source = report.value(r, SH.sourceShape)
            component = report.value(r, SH.sourceConstraintComponent)
            constraint = report.value(r, SH.sourceConstraint)
            # Report graphs copy blank-node property shapes; named ones keep their IRI.
            candidates = {source, self.parent_of(source)} if isinstance(source, URIRef) else set()
            if isinstance(source, BNode):
                path_ = report.value(r, SH.resultPath)
                candidates |= {ns for ns in self.shapes.subjects(RDF.type, SH.NodeShape)
                               for ps in self.shapes.objects(ns, SH.property)
                               if self.shapes.value(ps, SH.path) == path_}
            match = h["violates"] in candidates and component == h["constraint"]
            if match and "sparql" in h:
                match = constraint == h["sparql"]
            if match:
                self.exercised.add(source)
                if constraint is not None:
                    self.exercised.add(constraint)
            else:
                wrong.append(f"{short(source)} {short(component)}"
                             + (f" {short(constraint)}" if constraint is not None else "")
                             + f" on {report.value(r, SH.focusNode)}: {report.value(r, SH.resultMessage)}")
        if wrong:
            self.fail(what, f"expected only {short(h['violates'])} {short(h['constraint'])}"
                      + (f" {short(h['sparql'])}" if "sparql" in h else "")
                      + ", also got:\n" + "\n".join(wrong))
        else:
            self.exercised.add(h["violates"])
            self.ok(what, f"{short(h['violates'])} {short(h['constraint'])}"
                    + (f" {short(h['sparql'])}" if "sparql" in h else "")
                    + (f" ×{len(results)}" if len(results) > 1 else ""))

    # 4 -------------------------------------------------------------------------------------------
    def check_coverage(self) -> None:
        missing = []
        for ns in self.shapes.subjects(RDF.type, SH.NodeShape):
            parts = {ns} | set(self.shapes.objects(ns, SH.property)) | set(self.shapes.objects(ns, SH.sparql))
            if not parts & self.exercised:
                missing.append(short(ns))
        for c in self.shapes.objects(None, SH.sparql):
            if c not in self.exercised:
                missing.append(short(c))
        for ps in self.shapes.objects(None, SH.property):
            if ps not in self.exercised and short(ps) not in EXEMPT:
                missing.append(short(ps))
        if missing:
            self.fail("every shape is exercised by a broken fixture", "none for: " + ", ".join(sorted(missing)))
        else:
            self.ok("every shape is exercised by a broken fixture",
                    f"{len(EXEMPT)} property shapes exempt (same constraint as one that is tested)")

    # 5 -------------------------------------------------------------------------------------------
    def check_guide(self, nquads: Path) -> None:
        what = f"bundled guide ({nquads}) + ontology/smarty.ttl conforms"
        if not nquads.exists():
            target = os.environ.get("CARGO_TARGET_DIR")
            print(f"..    {nquads} missing: generating it with cargo", flush=True)
            out = subprocess.run(
                ["cargo", "run", "-q", "-p", "smarty-rdf", "--example", "nquads"],
                cwd=ROOT, capture_output=True, text=True,
                env={**os.environ, **({"CARGO_TARGET_DIR": target} if target else {})},
            )
            if out.returncode != 0:
                self.fail(what, "cargo run --example nquads failed:\n" + out.stderr)
                return
            nquads.parent.mkdir(parents=True, exist_ok=True)
            nquads.write_text(out.stdout, encoding="utf-8")
        dataset = rdflib.Dataset()
        dataset.parse(nquads, format="nquads")
        union = rdflib.Graph()
        graphs = set()
        for s, p, o, g in dataset.quads((None, None, None, None)):
            union.add((s, p, o))
            graphs.add(g)
        self.with_ontology(union)
        started = time.monotonic()
        conforms, _, text = self.validate(union)
        took = time.monotonic() - started
        if conforms:
            self.ok(what, f"{len(union)} triples from {len(graphs)} graphs, {took:.0f} s")
        else:
            self.fail(what, text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--nquads", type=Path, default=Path(tempfile.gettempdir()) / "guide.nq",
                        help="N-Quads of the bundled guide (default: %(default)s; generated if missing)")
    parser.add_argument("--skip-guide", action="store_true", help="do not validate the bundled guide")
    parser.add_argument("-k", dest="only", default=None, help="only broken fixtures whose name contains this")
    args = parser.parse_args()

    c = Checker()
    c.check_subset()
    for path in sorted((HERE / "valid").glob("*.ttl")):
        c.check_valid(path)
    broken = sorted((HERE / "broken").glob("*.ttl"))
    if args.only:
        broken = [p for p in broken if args.only in p.name]
    for path in broken:
        c.check_broken(path)
    if not args.only:
        c.check_coverage()
    if not args.skip_guide:
        c.check_guide(args.nquads)
    print(f"{c.passed} passed, {c.failed} failed")
    return 0 if c.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
