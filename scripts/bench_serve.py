#!/usr/bin/env python3
"""Load on `smarty-kg serve`, side by side with `oxigraph serve` on the same statements.

Called by `scripts/bench serve`, which builds the release binary and installs wrk and oxigraph-cli
(the same oxigraph version as ours). On a synthetic guide of --practices practices:

  1. ingest it into a smarty-kg store, export the store as N-Quads, load those into an oxigraph
     store (`oxigraph load`), so both servers hold the same statements;
  2. start both on free loopback ports (oxigraph with --union-default-graph, as smarty-kg's
     default graph is the union of the named graphs);
  3. for each of --runs rounds, in alternating order, wrk with --clients connections for
     --seconds seconds of GET /sparql?query=… (oxigraph: /query?query=…) cycling through the named
     queries (predeclared prefixes written out, default parameters), SPARQL JSON;
  4. print a table (requests/s, p50, p99, errors; each ratio's median and its range over the
     rounds) and write it into BENCHMARKS.md's "Serving" section.

Errors are wrk's socket errors plus non-2xx answers. Both servers run one at a time, so each has
the machine to itself while it is measured.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
# Named queries that run with their default parameters, mixed as a workbench's users would.
QUERIES = ["practices-by-theme", "practices-by-country", "shared-contacts", "funding-by-region",
           "themes", "organisations"]
SECTION = "## Serving"

LUA = """
local paths = {}
for line in io.lines("%s") do paths[#paths + 1] = line end
local i = 0
request = function()
  i = i %% #paths + 1
  return wrk.format("GET", paths[i], { ["Accept"] = "application/sparql-results+json" })
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(port: int, proc: subprocess.Popen, what: str) -> None:
    for _ in range(600):
        if proc.poll() is not None:
            raise SystemExit(f"{what} ended before it listened (exit {proc.returncode})")
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise SystemExit(f"{what} did not listen on port {port}")


def query_texts(binary: Path, work: Path, env: dict) -> list[str]:
    """Each named query's text, with the predeclared prefixes written out for oxigraph."""
    prefixes = subprocess.run([str(binary), "--memory"], input=b".prefixes\n", capture_output=True,
                              cwd=work, env=env, check=True).stdout.decode()
    prefix_lines = "\n".join(l for l in prefixes.splitlines() if l.startswith("PREFIX"))
    texts = []
    for name in QUERIES:
        body = "\n".join(l for l in (ROOT / "queries" / f"{name}.rq").read_text().splitlines()
                         if not l.startswith("#"))
        texts.append(prefix_lines + "\n" + body)
    return texts


def wrk(port: int, path: str, texts: list[str], clients: int, seconds: int, work: Path) -> dict:
    urls = work / f"urls-{port}.txt"
    urls.write_text("".join(f"{path}?query={urllib.parse.quote(t, safe='')}\n" for t in texts))
    script = work / f"mix-{port}.lua"
    script.write_text(LUA % urls)
    out = subprocess.run(["wrk", "-t", "2", "-c", str(clients), "-d", f"{seconds}s", "--timeout", "30s",
                          "--latency", "-s", str(script), f"http://127.0.0.1:{port}"],
                         capture_output=True, text=True, check=True).stdout
    return parse_wrk(out)


def to_ms(value: str) -> float:
    number, unit = re.fullmatch(r"([0-9.]+)(us|ms|s|m)", value).groups()
    return float(number) * {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 6e4}[unit]


def parse_wrk(out: str) -> dict:
    rps = float(re.search(r"Requests/sec:\s+([0-9.]+)", out).group(1))
    p50 = to_ms(re.search(r"^\s+50%\s+(\S+)", out, re.M).group(1))
    p99 = to_ms(re.search(r"^\s+99%\s+(\S+)", out, re.M).group(1))
    errors = sum(int(n) for n in re.findall(r"(?:connect|read|write|timeout) (\d+)", out))
    non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    errors += int(non2xx.group(1)) if non2xx else 0
    total = int(re.search(r"(\d+) requests in", out).group(1))
    return dict(rps=rps, p50=p50, p99=p99, errors=errors, requests=total)


def spread(values: list[float]) -> str:
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", type=Path, required=True)
    ap.add_argument("--oxigraph", type=Path, required=True)
    ap.add_argument("--practices", type=int, default=1000)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=int, default=30)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--out", type=Path, default=ROOT / "BENCHMARKS.md")
    args = ap.parse_args()
    args.binary, args.oxigraph = args.binary.resolve(), args.oxigraph.resolve()
    work = Path(tempfile.mkdtemp(prefix="smarty-bench-serve-"))
    env = dict(os.environ, SMARTY_KG_PERSON_KEY="bench", NO_COLOR="1")
    servers: list[subprocess.Popen] = []
    try:
        kg = [str(args.binary), "--store", str(work / "store")]
        subprocess.run([str(args.binary), "synth", "--practices", str(args.practices), "--seed", "1",
                        "-o", str(work / "guide.txt")], cwd=work, env=env, check=True, capture_output=True)
        subprocess.run(kg + ["ingest", str(work / "guide.txt")], cwd=work, env=env, check=True,
                       capture_output=True)
        subprocess.run(kg + ["export", "--format", "nquads", "-o", str(work / "all.nq")], cwd=work, env=env,
                       check=True, capture_output=True)
        subprocess.run([str(args.oxigraph), "load", "--location", str(work / "oxigraph"), "--file",
                        str(work / "all.nq")], cwd=work, check=True, capture_output=True)
        texts = query_texts(args.binary, work, env)
        ours_port, peer_port = free_port(), free_port()
        log = open(work / "serve.log", "w")
        ours = subprocess.Popen(kg + ["serve", "--bind", f"127.0.0.1:{ours_port}"], cwd=work, env=env,
                                stdout=subprocess.DEVNULL, stderr=log)
        servers.append(ours)
        wait_for(ours_port, ours, "smarty-kg serve")
        peer = subprocess.Popen([str(args.oxigraph), "serve", "--location", str(work / "oxigraph"),
                                 "--bind", f"127.0.0.1:{peer_port}", "--union-default-graph"],
                                cwd=work, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        servers.append(peer)
        wait_for(peer_port, peer, "oxigraph serve")
        # One short warm-up each: first queries read cold pages.
        wrk(ours_port, "/sparql", texts, 2, 3, work)
        wrk(peer_port, "/query", texts, 2, 3, work)
        rounds = []
        for i in range(args.runs):
            order = [("ours", ours_port, "/sparql"), ("peer", peer_port, "/query")]
            if i % 2:
                order.reverse()
            got = {}
            for who, port, path in order:
                print(f"round {i + 1}: {who}", file=sys.stderr, flush=True)
                got[who] = wrk(port, path, texts, args.clients, args.seconds, work)
            rounds.append(got)
    finally:
        for s in servers:
            s.terminate()
            try:
                s.wait(timeout=20)
            except subprocess.TimeoutExpired:
                s.kill()
        shutil.rmtree(work, ignore_errors=True)
    table = render(rounds, args)
    print(table)
    write_section(args.out, table)
    print(f"written {args.out}", file=sys.stderr)
    return 0


def render(rounds: list[dict], args) -> str:
    def med(who, key):
        return statistics.median(r[who][key] for r in rounds)

    thr = [r["ours"]["rps"] / r["peer"]["rps"] for r in rounds]
    p99 = [r["ours"]["p99"] / r["peer"]["p99"] for r in rounds]
    p50 = [r["ours"]["p50"] / r["peer"]["p50"] for r in rounds]
    errors = sum(r["ours"]["errors"] for r in rounds), sum(r["peer"]["errors"] for r in rounds)
    lines = [
        SECTION,
        "",
        f"Measured by `scripts/bench serve`: {args.clients} concurrent clients for {args.seconds} s of mixed named "
        f"queries ({', '.join(QUERIES)}) over loopback with wrk, on a synthetic guide of {args.practices:,} practices; "
        f"smarty-kg serve (release build, default limits) side by side with oxigraph serve (oxigraph-cli, the same "
        f"oxigraph version, `--union-default-graph`) on the same statements. {args.runs} rounds in alternating order; "
        "a ratio is the median over the rounds with its range.",
        "",
        "| measure | smarty-kg | oxigraph serve | ratio (median, range) | goal | met |",
        "|---|--:|--:|--:|---|:-:|",
        f"| requests/s | {med('ours', 'rps'):,.1f} | {med('peer', 'rps'):,.1f} | {spread(thr)} | ≥ 0.9× | "
        f"{'yes' if statistics.median(thr) >= 0.9 else '**no**'} |",
        f"| p50 latency | {med('ours', 'p50'):,.1f} ms | {med('peer', 'p50'):,.1f} ms | {spread(p50)} |  |  |",
        f"| p99 latency | {med('ours', 'p99'):,.1f} ms | {med('peer', 'p99'):,.1f} ms | {spread(p99)} | < 2× | "
        f"{'yes' if statistics.median(p99) < 2 else '**no**'} |",
        f"| errors (all rounds) | {errors[0]} | {errors[1]} |  | 0 | {'yes' if errors[0] == 0 else '**no**'} |",
    ]
    return "\n".join(lines)


def write_section(path: Path, table: str, section: str = SECTION) -> None:
    """Replaces a section of BENCHMARKS.md (or appends it), keeping the rest."""
    text = path.read_text() if path.exists() else "# Benchmarks\n"
    start = text.find("\n" + section + "\n")
    if start >= 0:
        end = text.find("\n## ", start + 1)
        text = text[:start] + text[end:] if end >= 0 else text[:start]
    path.write_text(text.rstrip("\n") + "\n\n" + table + "\n")


if __name__ == "__main__":
    sys.exit(main())
