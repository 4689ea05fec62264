#!/usr/bin/env python3
"""The peers' side of scripts/bench: each task runs in its own process (so its peak memory is its
own), reads its arguments as JSON on stdin and prints its result as JSON. Times are measured
in-process, after imports."""

from __future__ import annotations

import csv
import json
import os
import resource
import statistics
import subprocess
import sys
import time


def rss_kib() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def measure(a):
    """Runs a command in a child and reports its own wall time and peak RSS. Output goes to files,
    not pipes: a child writing much to both streams would otherwise block on a full pipe."""
    import tempfile
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(
            a["cmd"], cwd=a["cwd"], env=a["env"],
            stdin=subprocess.PIPE if a["stdin"] is not None else subprocess.DEVNULL,
            stdout=out, stderr=err,
        )
        if a["stdin"] is not None:
            proc.stdin.write(a["stdin"].encode())
            proc.stdin.close()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = status
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if status != 0:
        sys.exit(f"{' '.join(a['cmd'])} failed ({status}):\n{stderr.decode()[-3000:]}")
    return {"seconds": wall, "rss_kib": usage.ru_maxrss, "stdout": stdout.decode(errors="replace"),
            "stderr": stderr.decode(errors="replace")}


def bulk_load(a):
    import pyoxigraph as ox
    store = ox.Store() if a["memory"] else ox.Store(a["store"])
    start = time.perf_counter()
    store.bulk_load(path=a["path"], format=ox.RdfFormat.N_QUADS)
    if not a["memory"]:
        store.flush()
    return {"seconds": time.perf_counter() - start, "rss_kib": rss_kib(), "quads": len(store)}


def query(a):
    """The query's first run, on cold caches ("first_ms"), then `runs` more with the caches warm,
    as smarty-kg's in-process figures are taken (none: the first run alone)."""
    import pyoxigraph as ox
    store = ox.Store(a["store"])

    def timed():
        start = time.perf_counter()
        result = store.query(a["query"], use_default_graph_as_union=True)
        rows = sum(1 for _ in result) if hasattr(result, "__iter__") else 1
        return (time.perf_counter() - start) * 1000, rows

    first, rows = timed()
    times = [timed()[0] for _ in range(a["runs"])]
    return {"ms": statistics.median(times or [first]), "rows": rows, "all_ms": times, "first_ms": first}


def rdflib_queries(a):
    """Loads the N-Quads once, then runs each query."""
    from rdflib import Dataset
    start = time.perf_counter()
    ds = Dataset(default_union=True)
    ds.parse(a["nquads"], format="nquads")
    load = time.perf_counter() - start
    results = {}
    for name, text in a["queries"].items():
        times, rows = [], 0
        for _ in range(max(1, a["runs"])):
            start = time.perf_counter()
            rows = len(list(ds.query(text)))
            times.append((time.perf_counter() - start) * 1000)
        results[name] = {"ms": statistics.median(times), "rows": rows}
    return {"load_s": load, "queries": results, "rss_kib": rss_kib()}


def networkx(a):
    """A network from its bipartite edges (practice–person for the contacts network,
    practice–organisation for the partners): bipartite graph, weighted projection onto the nodes
    whose IRI holds `onto`, then degree, betweenness (sampled from 500 pivots above 2,000 nodes,
    as smarty-kg does), components and articulation points."""
    import networkx as nx
    from networkx.algorithms import bipartite
    with open(a["bipartite"], newline="") as f:
        pairs = [(row["source"], row["target"]) for row in csv.DictReader(f)]
    projections, metrics = [], []
    for _ in range(max(1, a["runs"])):
        start = time.perf_counter()
        b = nx.Graph()
        kept = {x for pair in pairs for x in pair if a.get("onto", "/practice/") in x}
        b.add_nodes_from(kept, bipartite=0)
        b.add_edges_from(pairs)
        g = bipartite.weighted_projected_graph(b, kept)
        g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
        projections.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        dict(g.degree())
        dict(g.degree(weight="weight"))
        k = 500 if g.number_of_nodes() > 2000 else None
        nx.betweenness_centrality(g, k=k, normalized=True, seed=1)
        list(nx.connected_components(g))
        list(nx.articulation_points(g))
        metrics.append((time.perf_counter() - start) * 1000)
    return {"projection_ms": statistics.median(projections), "metrics_ms": statistics.median(metrics),
            "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
            "betweenness": "sampled, 500 pivots" if k else "exact"}


FORMATS = {
    "ntriples": ("N_TRIPLES", False), "turtle": ("TURTLE", False), "rdfxml": ("RDF_XML", False),
    "nquads": ("N_QUADS", True), "trig": ("TRIG", True), "jsonld": ("JSON_LD", True),
}


def dump(a):
    import pyoxigraph as ox
    store = ox.Store(a["store"])
    name, dataset = FORMATS[a["format"]]
    fmt = getattr(ox.RdfFormat, name)
    times = []
    for _ in range(max(1, a["runs"])):
        start = time.perf_counter()
        if dataset:
            store.dump(a["path"], fmt)
        else:
            # A graph format holds the union of the graphs, as smarty-kg's export does.
            ox.serialize((ox.Triple(q.subject, q.predicate, q.object) for q in store), a["path"], fmt)
        times.append(time.perf_counter() - start)
    return {"seconds": statistics.median(times), "rss_kib": rss_kib()}


if __name__ == "__main__":
    task = sys.argv[1]
    args = json.loads(sys.stdin.read() or "{}")
    print(json.dumps(globals()[task](args)))
