#!/usr/bin/env python3
"""Benchmarks smarty-kg side by side with pyoxigraph, rdflib and networkx, in one run.

Called by scripts/bench, which builds the release binary and installs the peers. For each size N
(practices), on a synthetic guide (`smarty-kg synth`):

  extract        smarty-kg extract (whole process)                       MB/s, practices/s
  ingest         text → on-disk store / in-memory store (whole process)  vs pyoxigraph bulk_load of
                 the same statements (our N-Quads export)                triples/s, ratio
  queries        named queries, in-process, caches warm (shell, .timer)  vs pyoxigraph and rdflib
  derived        the kept facts' share of ingest time and store size
  contacts       shared contacts, fresh processes after ingest           vs a SPARQL GROUP BY in pyoxigraph
  network        graph contacts|partners --format json, fresh processes;  vs networkx from the same
                 its projection and metrics (--timings)                  bipartite edges
  export         each format, in-process (--timings)                     vs pyoxigraph dump
  memory         peak RSS per step; bytes per triple in memory
  end to end     generate, extract, ingest, contacts, export             seconds
  shell          time to the first prompt on the ingested store

Medians of --runs runs. Ratios are smarty-kg time / peer time (below 1: smarty-kg is faster),
except throughput ratios, which say so. Absolute times on a shared machine are noise; the ratios,
measured in the same run, are the figures to read.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PEERS = ROOT / "scripts" / "bench_peers.py"
QUERIES = ["shared-contacts", "funding-by-region", "practices-by-theme"]
EXPORT_FORMATS = ["ntriples", "nquads", "turtle", "trig", "rdfxml", "jsonld"]


def run(cmd: list[str], cwd: Path, env: dict | None = None, stdin: bytes | None = None) -> dict:
    """Runs a command; returns wall time, peak RSS (KiB), stdout, stderr. Fails loudly."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        cmd, cwd=cwd, env=env, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    out, err = proc.communicate(stdin)
    wall = time.perf_counter() - start
    # communicate() reaped the child; its rusage is the children's maximum so far.
    import resource
    rss = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(map(str, cmd))} exited {proc.returncode}:\n{err.decode()[-3000:]}")
    return {"seconds": wall, "rss_kib": rss, "stdout": out, "stderr": err.decode()}


def measured(cmd, cwd, env=None, stdin=None) -> dict:
    """Like run(), but in a fresh helper process so that peak RSS is this command's alone."""
    payload = json.dumps({"cmd": [str(c) for c in cmd], "cwd": str(cwd), "env": env,
                          "stdin": stdin.decode() if stdin is not None else None})
    helper = subprocess.run(
        [sys.executable, str(PEERS), "measure"], input=payload.encode(), capture_output=True,
    )
    if helper.returncode != 0:
        raise SystemExit(helper.stderr.decode()[-3000:])
    result = json.loads(helper.stdout)
    result["stdout"] = result["stdout"].encode()
    return result


def peer(task: str, **args) -> dict:
    out = subprocess.run(
        [sys.executable, str(PEERS), task], input=json.dumps(args).encode(), capture_output=True,
    )
    if out.returncode != 0:
        raise SystemExit(f"peer {task} failed:\n{out.stderr.decode()[-3000:]}")
    return json.loads(out.stdout)


def timings(stderr: str) -> dict[str, float]:
    """`timing PHASE MS` lines printed by --timings."""
    found = {}
    for line in stderr.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[0] == "timing":
            found[parts[1]] = float(parts[2])
    return found


def spread(values, unit) -> str:
    """min–max of the runs behind a median."""
    return f"{min(values):,.1f}–{max(values):,.1f} {unit}" if values else "spread not measured"


def dir_bytes(path: Path) -> int:
    return sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())


def median(values):
    return statistics.median(values) if values else float("nan")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = ""
    try:
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f", {kib / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    rustc = subprocess.run(["rustc", "--version"], capture_output=True, text=True).stdout.strip()
    return f"{platform.system()} {platform.release()}, {cpu}, {os.cpu_count()} cores{mem}; {rustc}; oxigraph 0.5.13"


# The steps after extract and ingest, which every step needs (their store, their export). The
# end-to-end row and the shell start need them all.
STEPS = ("queries", "contacts", "shell", "network", "export")


class Bench:
    def __init__(self, binary: Path, runs: int, work: Path, steps: set[str]):
        self.binary = binary
        self.steps = steps
        self.runs = runs
        self.work = work
        self.rows: list[dict] = []
        self.env = dict(os.environ, SMARTY_KG_PERSON_KEY="bench", NO_COLOR="1")
        self.prefixes = self.prefix_lines()

    def kg(self, *args) -> list[str]:
        return [str(self.binary), *map(str, args)]

    def prefix_lines(self) -> str:
        out = run(self.kg("--memory"), self.work, self.env, stdin=b".prefixes\n")
        return "\n".join(l for l in out["stdout"].decode().splitlines() if l.startswith("PREFIX"))

    def add(self, n, step, ours, unit, peer_name="", peer_value=None, ratio=None, target="", met=None, note=""):
        self.rows.append(dict(n=n, step=step, ours=ours, unit=unit, peer=peer_name, peer_value=peer_value,
                              ratio=ratio, target=target, met=met, note=note))

    def size(self, n: int, rdflib_max: int):
        d = self.work / f"n{n}"
        d.mkdir(exist_ok=True)
        guide = d / "guide.txt"
        t_gen = run(self.kg("synth", "--practices", n, "--seed", 1, "-o", guide), d, self.env)["seconds"]
        size_mb = guide.stat().st_size / 1e6

        ex = [measured(self.kg("extract", guide, "--format", "summary"), d, self.env) for _ in range(self.runs)]
        t_extract = median([r["seconds"] for r in ex])
        self.add(n, "extract", size_mb / t_extract, "MB/s", note=f"{n / t_extract:,.0f} practices/s; peak {max(r['rss_kib'] for r in ex) / 1024:.0f} MiB")

        # Ingest into a fresh on-disk store, and into memory.
        ing, store = [], None
        for i in range(self.runs):
            store = d / f"store{i}"
            shutil.rmtree(store, ignore_errors=True)
            ing.append(measured(self.kg("--store", store, "--timings", "ingest", guide), d, self.env))
        t_ing = median([r["seconds"] for r in ing])
        # The facts the networks and contacts read, derived by ingest: their share of its time
        # and of the store's size.
        derive_share = [timings(str(r["stderr"])).get("ingest.derive", float("nan")) / timings(str(r["stderr"]))["ingest"]
                        for r in ing]
        derived_bytes = dir_bytes(store / "derived")
        self.add(n, "derived facts: share of ingest time", 100 * median(derive_share), "%", target="≤ 10 %",
                 met=median(derive_share) <= 0.10, note=f"{spread([100 * x for x in derive_share], '%')} over {len(ing)} ingests")
        self.add(n, "derived facts: share of store size", 100 * derived_bytes / dir_bytes(store), "%", target="≤ 5 %",
                 met=derived_bytes <= 0.05 * dir_bytes(store), note=f"{derived_bytes / 2**20:.1f} MiB kept beside the store")
        triples = int(json.loads(run(self.kg("--store", store, "query", "--format", "json",
                                              "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"), d, self.env)["stdout"])
                      ["results"]["bindings"][0]["n"]["value"])
        nq = d / "export.nq"
        run(self.kg("--store", store, "export", "--format", "nquads", "-o", nq), d, self.env)
        bulk = [peer("bulk_load", path=str(nq), store=str(d / f"pyox{i}"), memory=False) for i in range(self.runs)]
        t_bulk = median([b["seconds"] for b in bulk])
        self.add(n, "ingest, on disk", triples / t_ing, "triples/s", "pyoxigraph bulk_load", triples / t_bulk,
                 (triples / t_ing) / (triples / t_bulk), "≥ 0.5 of peer", (triples / t_ing) >= 0.5 * (triples / t_bulk),
                 f"{triples:,} triples; peak {max(r['rss_kib'] for r in ing) / 1024:.0f} MiB (peer {max(b['rss_kib'] for b in bulk) / 1024:.0f} MiB)")
        mem = [measured(self.kg("--memory", "ingest", guide), d, self.env) for _ in range(self.runs)]
        t_mem = median([r["seconds"] for r in mem])
        bulk_mem = [peer("bulk_load", path=str(nq), memory=True) for _ in range(self.runs)]
        t_bulk_mem = median([b["seconds"] for b in bulk_mem])
        self.add(n, "ingest, in memory", triples / t_mem, "triples/s", "pyoxigraph bulk_load", triples / t_bulk_mem,
                 (triples / t_mem) / (triples / t_bulk_mem), "≥ 0.5 of peer", (triples / t_mem) >= 0.5 * (triples / t_bulk_mem))
        peak = max(r["rss_kib"] for r in mem) * 1024
        peer_peak = max(b["rss_kib"] for b in bulk_mem) * 1024
        self.add(n, "memory per triple, in memory", peak / triples, "bytes", "pyoxigraph bulk_load", peer_peak / triples,
                 peak / peer_peak, "≤ 500", peak / triples <= 500,
                 f"peak RSS {peak / 2**20:.0f} MiB, text to store (peer {peer_peak / 2**20:.0f} MiB, N-Quads to store)")

        pyox_store = str(d / "pyox0")
        if "queries" in self.steps:
            # Named queries: evaluation time in-process, same store contents.
            texts = {name: self.prefixes + "\n" + (ROOT / "queries" / f"{name}.rq").read_text() for name in QUERIES}
            rdf = peer("rdflib_queries", nquads=str(nq), queries=texts, runs=1) if n <= rdflib_max else None
            for name in QUERIES:
                text = (ROOT / "queries" / f"{name}.rq").read_text()
                t_ours = median(self.warm_query_ms(store, d, f".run {name}"))
                p = peer("query", store=pyox_store, query=self.prefixes + "\n" + text, runs=self.runs)
                ok = t_ours <= 1.1 * p["ms"] + 5
                self.add(n, f"query {name}", t_ours, "ms", "pyoxigraph", p["ms"], t_ours / p["ms"] if p["ms"] else None,
                         "≤ 1.1× peer + 5 ms", ok, f"{p['rows']} rows")
                if rdf is not None:
                    r = rdf["queries"][name]
                    self.add(n, f"query {name}", t_ours, "ms", "rdflib", r["ms"], t_ours / r["ms"] if r["ms"] else None,
                             "≥ 20× faster", r["ms"] >= 20 * t_ours,
                             f"{r['rows']} rows; rdflib load {rdf['load_s']:.1f} s, peak {rdf['rss_kib'] / 1024:.0f} MiB")

        if "contacts" in self.steps:
            # Shared contacts: ours vs the same answer by a SPARQL GROUP BY in pyoxigraph. Ours is a
            # whole fresh process (start and store open included) right after the ingest above,
            # which derived the facts it reads. The peer's is its first GROUP BY in a fresh process
            # (interpreter start and store open not counted), as the target was set; its later runs
            # in the same process, caches warm, are shown beside it.
            runs = max(self.runs, 10)
            whole = [1000 * measured(self.kg("--store", store, "contacts", "--format", "json"), d, self.env)["seconds"]
                     for _ in range(runs)]
            q = self.prefixes + "\n" + CONTACTS_GROUP_BY
            fresh = [peer("query", store=pyox_store, query=q, runs=0) for _ in range(runs)]
            firsts = [p["first_ms"] for p in fresh]
            warm = peer("query", store=pyox_store, query=q, runs=runs)
            t_c, p_first = median(whole), median(firsts)
            self.add(n, "shared contacts, fresh process after ingest", t_c, "ms", "pyoxigraph GROUP BY, fresh process",
                     p_first, t_c / p_first if p_first else None, "≥ 3× faster", p_first >= 3 * t_c,
                     f"{warm['rows']} persons; ours {spread(whole, 'ms')}, peer {spread(firsts, 'ms')}")
            self.add(n, "shared contacts, fresh process after ingest", t_c, "ms", "pyoxigraph GROUP BY, caches warm",
                     warm["ms"], t_c / warm["ms"] if warm["ms"] else None, "", None,
                     f"the peer's runs after its first in one process: {spread(warm['all_ms'], 'ms')}")

        if "shell" in self.steps:
            # The shell's first `.contacts` and `.graph contacts` (metrics) after ingest, each in a
            # fresh session: what an analyst waits for when a session starts on a changed store.
            first = {".contacts": [], ".graph contacts": []}
            for _ in range(max(self.runs, 10)):
                for command, times in first.items():
                    times.append(self.first_in_shell_ms(store, d, command))
            for command, times in first.items():
                self.add(n, f"shell {command}, first call", median(times), "ms", "", None, None,
                         "< 1 s at 10^5" if n >= 100_000 else "", (median(times) < 1000) if n >= 100_000 else None,
                         f"a fresh session with it less one without; {spread(times, 'ms')}")

        if "network" in self.steps:
            for kind, edges, onto in (("contacts", "practice-person", "/practice/"),
                                      ("partners", "practice-organisation", "/org/")):
                self.network(n, d, store, kind, edges, onto)

        if "export" in self.steps:
            # Export per format vs pyoxigraph's dump of the same statements.
            export_seconds = {}
            for fmt in EXPORT_FORMATS:
                out = d / f"out.{fmt}"
                ex = [measured(self.kg("--store", store, "--timings", "export", "--format", fmt, "-o", out), d, self.env)
                      for _ in range(self.runs)]
                # In-process, as the peer's: opening the store is not part of either figure.
                t_ex = median([timings(r["stderr"])["export"] / 1000 for r in ex])
                export_seconds[fmt] = median([r["seconds"] for r in ex])
                mb = out.stat().st_size / 1e6
                p = peer("dump", store=pyox_store, format=fmt, path=str(d / f"peer.{fmt}"), runs=self.runs)
                target = "≥ 1.5 M triples/s and ≤ 1.2× peer" if fmt == "ntriples" else "≤ 1.2× peer"
                ok = t_ex <= 1.2 * p["seconds"] and (fmt != "ntriples" or triples / t_ex >= 1.5e6)
                self.add(n, f"export {fmt}", triples / t_ex, "triples/s", "pyoxigraph dump", triples / p["seconds"],
                         t_ex / p["seconds"], target, ok,
                         f"{mb / t_ex:.1f} MB/s; peak {max(r['rss_kib'] for r in ex) / 1024:.0f} MiB (peer {p['rss_kib'] / 1024:.0f} MiB)")

        if set(STEPS) <= self.steps:
            # End to end, and the shell's first prompt.
            e2e = t_gen + t_extract + t_ing + t_c / 1000 + export_seconds["nquads"]
            self.add(n, "end to end", e2e, "s", "", None, None, "< 30 s at 10^5" if n >= 100_000 else "", (e2e < 30) if n >= 100_000 else None,
                     "generate + extract + ingest + contacts + export")
            prompt = [run(self.kg("--store", store), d, self.env, stdin=b".quit\n")["seconds"] for _ in range(self.runs)]
            t_prompt = median(prompt) * 1000
            self.add(n, "shell start", t_prompt, "ms", "", None, None, "< 200 ms at 10^5" if n >= 100_000 else "",
                     (t_prompt < 200) if n >= 100_000 else None, "open store, load names, read '.quit'")

    def warm_query_ms(self, store: Path, cwd: Path, command: str) -> list[float]:
        """Runs `command` in one shell session, once to warm the caches and --runs times timed
        (`.timer on`), as the peers' figures are taken: the evaluation, store already open."""
        script = ".timer on\n.output /dev/null\n" + f"{command}\n" * (self.runs + 1)
        out = run(self.kg("--store", store), cwd, self.env, stdin=script.encode())
        found = re.finditer(r" in ([0-9.,]+) (ms|s)\)", out["stdout"].decode() + out["stderr"])
        times = [float(m.group(1).replace(",", "")) * (1 if m.group(2) == "ms" else 1000) for m in found]
        if len(times) != self.runs + 1:
            raise SystemExit(f"expected {self.runs + 1} timings from the shell, got {times}")
        return times[1:]

    def network(self, n, d, store, kind, edges, onto):
        """Projection + metrics vs networkx doing the same from the same bipartite edges (the
        contacts network: practice–person onto the practices; partners: practice–organisation
        onto the organisations): build the bipartite graph, project it, then the same metrics.
        Each run a fresh process: ingest derived the facts these read."""
        net = [measured(self.kg("--store", store, "--timings", "graph", kind, "--metrics", "--format", "json",
                                "-o", d / f"{kind}.json"), d, self.env)
               for _ in range(max(self.runs, 10))]
        t_proj = median([timings(str(r["stderr"])).get("projection", float("nan")) for r in net])
        t_metrics = median([timings(str(r["stderr"])).get("metrics", float("nan")) for r in net])
        whole = [1000 * r["seconds"] for r in net]
        bipartite = d / f"{edges}.csv"
        run(self.kg("--store", store, "graph", edges, "--format", "csv", "-o", bipartite), d, self.env)
        nx = peer("networkx", bipartite=str(bipartite), onto=onto, runs=self.runs)
        nx_both = nx["projection_ms"] + nx["metrics_ms"]
        self.add(n, f"graph {kind} --format json, fresh process", median(whole), "ms", "networkx", nx_both,
                 median(whole) / nx_both if nx_both else None, "faster than peer", median(whole) < nx_both,
                 f"projection + metrics; ours whole process {spread(whole, 'ms')}; networkx from the edge list, in process")
        self.add(n, f"{kind} network: projection", t_proj, "ms", "networkx", nx["projection_ms"],
                 t_proj / nx["projection_ms"] if nx["projection_ms"] else None, "", None,
                 "from the kept facts; networkx starts from the edge list")
        self.add(n, f"{kind} network: metrics", t_metrics, "ms", "networkx", nx["metrics_ms"],
                 t_metrics / nx["metrics_ms"] if nx["metrics_ms"] else None,
                 "≥ 10× faster", nx["metrics_ms"] >= 10 * t_metrics,
                 f"{nx['nodes']:,} nodes, {nx['edges']:,} edges; betweenness {nx['betweenness']}")

    def first_in_shell_ms(self, store: Path, cwd: Path, command: str) -> float:
        """What `command` adds to a fresh shell session: the session running it, less one that
        only quits (dot-commands print no time of their own)."""
        def session(script: str) -> float:
            return 1000 * measured(self.kg("--store", store), cwd, self.env, stdin=script.encode())["seconds"]
        return session(f".output /dev/null\n{command}\n.quit\n") - session(".output /dev/null\n.quit\n")

    def table(self) -> str:
        lines = ["| N | step | smarty-kg | peer | peer value | ratio | target | met | notes |",
                 "|--:|---|--:|---|--:|--:|---|:-:|---|"]
        for r in self.rows:
            ours = f"{r['ours']:,.1f} {r['unit']}" if r["ours"] == r["ours"] else "n/a"
            peer_value = f"{r['peer_value']:,.1f}" if r["peer_value"] is not None else ""
            ratio = f"{r['ratio']:.2f}" if r["ratio"] is not None else ""
            met = {True: "yes", False: "**no**", None: ""}[r["met"]]
            lines.append(f"| {r['n']:,} | {r['step']} | {ours} | {r['peer']} | {peer_value} | {ratio} | {r['target']} | {met} | {r['note']} |")
        return "\n".join(lines)


CONTACTS_GROUP_BY = """SELECT ?person (COUNT(DISTINCT ?practice) AS ?practices) (GROUP_CONCAT(DISTINCT ?title; separator=" | ") AS ?titles)
WHERE { ?practice dcat:contactPoint ?person ; schema:name ?title }
GROUP BY ?person HAVING (COUNT(DISTINCT ?practice) > 1)"""


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", type=Path, required=True)
    ap.add_argument("--sizes", default="1000,10000,100000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--large-runs", type=int, default=None,
                    help="runs at N ≥ 100,000 (default: --runs); one run there takes about 10 minutes")
    ap.add_argument("--rdflib-max", type=int, default=10_000, help="largest N rdflib is measured at")
    ap.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    ap.add_argument("--keep", action="store_true", help="keep the work directory")
    ap.add_argument("--steps", default=",".join(STEPS),
                    help="the steps to run besides extract and ingest (with memory), which always run: "
                         f"any of {', '.join(STEPS)}; end to end and shell start need all of them")
    args = ap.parse_args()
    steps = {s for s in args.steps.split(",") if s}
    if not steps <= set(STEPS):
        ap.error(f"--steps: unknown {', '.join(sorted(steps - set(STEPS)))}; expected some of {', '.join(STEPS)}")
    work = Path(tempfile.mkdtemp(prefix="smarty-bench-"))
    bench = Bench(args.binary.resolve(), args.runs, work, steps)
    try:
        for n in [int(s) for s in args.sizes.split(",") if s]:
            print(f"== {n:,} practices", file=sys.stderr, flush=True)
            bench.runs = args.large_runs if n >= 100_000 and args.large_runs else args.runs
            bench.size(n, args.rdflib_max)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    table = bench.table()
    print(machine())
    print(table)
    header = (ROOT / "scripts" / "bench-header.md").read_text()
    runs = str(args.runs) if not args.large_runs else f"{args.runs} ({args.large_runs} at 10^5)"
    # The serving section is measured by `scripts/bench serve` and kept as it is.
    old = args.out.read_text() if args.out.exists() else ""
    serving = old[old.find("\n## Serving\n"):] if "\n## Serving\n" in old else ""
    args.out.write_text(header.replace("{machine}", machine()).replace("{runs}", runs) + "\n" + table + "\n"
                        + serving)
    print(f"written {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
