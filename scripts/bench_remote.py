#!/usr/bin/env python3
"""smarty-kg against a remote store: push rates into Virtuoso, and every named query, the shared
contacts and the partner network read from Virtuoso (`--endpoint`) next to the embedded store.

Called by `scripts/bench remote`, which builds the release binary and installs Virtuoso
(Debian's virtuoso-opensource-7-bin). On a synthetic guide of --practices practices:

  1. ingest it into a smarty-kg store;
  2. start a throw-away Virtuoso on loopback (as the tests do, with its default row limits);
  3. push the store by SPARQL Update (INSERT DATA batches), then again from scratch by Graph
     Store Protocol PUT: statements per second, --push-runs times each, alternating;
  4. for each named query (default parameters) and for `contacts` and `graph partners`: a fresh
     process on the embedded store and one with --endpoint, --runs times each in alternating
     order; whether both gave the same answer (sets of values);
  5. print a table (medians, ratio median and range over the runs) and write it into
     BENCHMARKS.md's "Remote stores" section.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "tests" / "interop"))
import served  # noqa: E402
from test_remote import answer_set  # noqa: E402

sys.path.insert(0, str(ROOT / "scripts"))
from bench_serve import write_section  # noqa: E402

SECTION = "## Remote stores"


def timed(cmd: list[str], env: dict) -> tuple[float, bytes]:
    started = time.perf_counter()
    result = subprocess.run(cmd, env=env, capture_output=True, check=False)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        raise SystemExit(f"exited {result.returncode}: {result.stderr.decode().strip()[-400:]}")
    return elapsed, result.stdout


def spread(values: list[float]) -> str:
    if not values:
        return "—"
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def rate(values: list[float]) -> str:
    if not values:
        return "failed"
    return f"{statistics.median(values):,.0f} ({min(values):,.0f}–{max(values):,.0f})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", type=Path, required=True)
    ap.add_argument("--practices", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--push-runs", type=int, default=2,
                    help="pushes by each method (each takes minutes at 10^4 practices)")
    ap.add_argument("--methods", default="update,gsp",
                    help="push methods to measure: update (SPARQL Update), gsp (Graph Store PUT)")
    ap.add_argument("--read-timeout", type=float, default=60,
                    help="seconds a remote read may take (--timeout); longer ones are reported so")
    ap.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    args = ap.parse_args()
    binary = str(args.binary.resolve())
    work = Path(tempfile.mkdtemp(prefix="smarty-bench-remote-"))
    env = dict(os.environ, SMARTY_KG_PERSON_KEY="bench", NO_COLOR="1")
    kg = [binary, "--store", str(work / "store")]
    # Virtuoso's own defaults for the row limits; 3 GiB of buffers (8 KiB each), as its
    # documentation advises for a machine of this size.
    server = served.virtuoso(work / "virtuoso", max_rows=10_000, max_sorted=10_000,
                             buffers=390_000)
    try:
        url = next(server)
        subprocess.run([binary, "synth", "--practices", str(args.practices), "--seed", "1", "-o",
                        str(work / "guide.txt")], env=env, check=True, capture_output=True)
        subprocess.run(kg + ["ingest", str(work / "guide.txt")], env=env, check=True, capture_output=True)
        statements = int(subprocess.run(kg + ["query", "SELECT (COUNT(*) AS ?n) { GRAPH ?g { ?s ?p ?o } }",
                                              "--format", "csv"], env=env, check=True,
                                        capture_output=True).stdout.split()[-1])
        rates = {"update": [], "gsp": []}
        failures = {}
        for i in range(args.push_runs):
            methods = args.methods.split(",")
            for method in (methods if i % 2 == 0 else methods[::-1]):
                shutil.rmtree(work / "store" / "pushed", ignore_errors=True)
                extra = ["--graph-store", url.replace("/sparql", "/sparql-graph-crud")] if method == "gsp" else []
                try:
                    seconds, _ = timed(kg + ["push", url, *extra], env)
                except SystemExit as failed:  # reported in the table, the reads still measured
                    failures[method] = str(failed)
                    print(f"push by {method} failed: {failed}", file=sys.stderr, flush=True)
                    continue
                rates[method].append(statements / seconds)
                print(f"push by {method}: {statements / seconds:,.0f} statements/s", file=sys.stderr, flush=True)
        rows, stopped = [], []
        names = [line.split()[0] for line in subprocess.run(
            kg + ["query", "--list"], env=env, check=True, capture_output=True).stdout.decode().splitlines()]
        commands = [(f"query {n}", ["query", "--name", n, "--format", "json"] +
                     (["-p", "term=blockchain"] if n == "search" else [])) for n in names]
        commands += [("contacts", ["contacts", "--format", "json"]),
                     ("graph partners", ["graph", "partners", "--format", "json"])]
        for label, cmd in commands:
            local, remote, ratios, same = [], [], [], None
            runs = args.runs
            for i in range(args.runs):
                if i >= runs:
                    break
                order = [False, True] if i % 2 == 0 else [True, False]
                got = {}
                for is_remote in order:
                    # The same limit on both sides: a read either side cannot finish is stopped.
                    flags = ["--timeout", str(args.read_timeout)]
                    flags += ["--endpoint", url] if is_remote else []
                    try:
                        got[is_remote] = timed(kg + flags + cmd, env)
                    except SystemExit as failed:
                        got[is_remote] = (float("inf"), b"")
                        where = "Virtuoso" if is_remote else "embedded"
                        stopped.append(f"{label} ({where}): {str(failed)[-300:]}")
                        print(stopped[-1], file=sys.stderr, flush=True)
                # Medians of several runs only where a run is short; one run of a slow read.
                if i == 0 and max(got[False][0], got[True][0]) > 1.0:
                    runs = 1
                local.append(got[False][0] * 1000)
                remote.append(got[True][0] * 1000)
                if max(got[False][0], got[True][0]) != float("inf"):
                    ratios.append(got[True][0] / got[False][0])
                if i == 0 and got[True][1] and got[False][1]:
                    parse = answer_set if label.startswith("query") else json.loads
                    same = parse(got[False][1]) == parse(got[True][1])
            rows.append((label, statistics.median(local), statistics.median(remote), spread(ratios), same))
            print(f"{label}: {statistics.median(local):.0f} ms here, {statistics.median(remote):.0f} ms there",
                  file=sys.stderr, flush=True)
    finally:
        server.close()
        shutil.rmtree(work, ignore_errors=True)
    table = render(rows, rates, failures, stopped, statements, args)
    print(table)
    write_section(args.out, table, SECTION)
    print(f"written {args.out}", file=sys.stderr)
    return 0


def cell(ms: float, args) -> str:
    return f"{ms:,.0f} ms" if ms != float("inf") else f"> {args.read_timeout:.0f} s (stopped)"


def render(rows, rates, failures, stopped, statements, args) -> str:
    lines = [
        SECTION,
        "",
        f"Measured by `scripts/bench remote` on a synthetic guide of {args.practices:,} practices "
        f"({statements:,} statements): Virtuoso Open Source 7.2 (Debian's package, 3 GiB of buffers, default row limits, on loopback) "
        f"beside the embedded store, release build, fresh processes on both sides, {args.runs} runs in alternating "
        f"order (1 run where a read takes over a second; {args.push_runs} pushes by each method, each sending every "
        "graph); a ratio is remote / embedded, its median with the range over the runs.",
        "",
        "| push into Virtuoso | statements/s (median, range) |",
        "|---|--:|",
        f"| SPARQL Update, INSERT DATA batches | {rate(rates['update'])} |",
        f"| Graph Store Protocol PUT | {rate(rates['gsp'])} |",
        "",
        *[f"\nPush by {m} failed: `{f[:300]}`" for m, f in failures.items()],
        "",
        "| read | embedded | Virtuoso | ratio | same answer |",
        "|---|--:|--:|--:|:-:|",
    ]
    for label, local, remote, ratio, same in rows:
        agreed = {True: "yes", False: "**no**", None: "—"}[same]
        lines.append(f"| {label} | {cell(local, args)} | {cell(remote, args)} | {ratio} | {agreed} |")
    if stopped:
        lines += ["", "Reads that were stopped, with the end of what they printed:", ""]
        lines += [f"- {line}".replace("\n", " ") for line in stopped]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
