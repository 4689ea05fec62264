"""smarty-kg against remote SPARQL stores: a throw-away Virtuoso (Debian's package) and another
`smarty-kg serve --read-write`. The bundled guide is pushed there; then every named query, the
shared contacts, the partner network, a path and the statistics, read with --endpoint, must give
the answers the local store gives (sets of values, not term spelling)."""

import json
import os
import random
import shutil
import subprocess
import sys
import time
from decimal import Decimal, InvalidOperation

import pytest

sys.path.insert(0, os.path.join(os.path.dirname(__file__), ".."))
import served  # noqa: E402


class Remote:
    def __init__(self, kind, url, graph_store, auth_file=None):
        self.kind, self.url, self.graph_store, self.auth_file = kind, url, graph_store, auth_file

    def flags(self):
        return ["--auth-file", str(self.auth_file)] if self.auth_file else []


def start(kind, directory):
    """A generator yielding a Remote of KIND in DIRECTORY; closing it stops the server."""
    if kind == "virtuoso":
        server = served.virtuoso(directory / "virtuoso")
        url = next(server)
        try:
            yield Remote(kind, url, url.replace("/sparql", "/sparql-graph-crud"))
        finally:
            server.close()
        return
    directory.mkdir(parents=True, exist_ok=True)
    token = directory / "token"
    token.write_text("remote-test-token\n")
    auth = directory / "auth"
    auth.write_text("bearer remote-test-token\n")
    env = dict(os.environ, SMARTY_KG_PERSON_KEY="remote")
    server = served.served(directory / "store", env, "--read-write", "--token-file", str(token))
    base = next(server)
    try:
        yield Remote(kind, base + "/sparql", base + "/store", auth)
    finally:
        server.close()


@pytest.fixture(scope="module", params=["virtuoso", "serve"])
def remote(request, tmp_path_factory, store):
    """A remote store holding the bundled guide, pushed there once (by SPARQL Update to
    Virtuoso, by Graph Store PUT to serve)."""
    server = start(request.param, tmp_path_factory.mktemp(request.param))
    r = next(server)
    graph_store = ["--graph-store", r.graph_store] if r.kind == "serve" else []
    pushed = push(store, r, *graph_store)
    assert pushed.returncode == 0, pushed.stderr
    assert "verified" in pushed.stderr
    yield r
    server.close()


def push(store, r, *extra):
    return subprocess.run(
        [served.binary(), "--store", str(store.directory / "store"), *r.flags(), "push", r.url,
         *extra],
        env=store.env, capture_output=True, text=True, check=False, timeout=600)


def remote_run(store, r, *args):
    return store.run("--endpoint", r.url, *r.flags(), *args)


def value(term):
    """A term's value, numbers compared as numbers, whatever the spelling or datatype."""
    if term is None:
        return None
    text = term["value"]
    if term.get("datatype", "").startswith("http://www.w3.org/2001/XMLSchema#") and \
            term["datatype"].rsplit("#", 1)[1] in ("integer", "decimal", "double", "float", "int",
                                                   "long", "nonNegativeInteger"):
        try:
            return Decimal(text).normalize()
        except InvalidOperation:
            return text
    return text


def answer_rows(output: bytes) -> list:
    results = json.loads(output)
    names = results["head"]["vars"]
    return [tuple(value(row.get(n)) for n in names) for row in results["results"]["bindings"]]


def answer_set(output: bytes):
    results = json.loads(output)
    if "boolean" in results:
        return results["boolean"]
    return set(answer_rows(output))


def named_queries(store):
    lines = store.run("query", "--list").decode().splitlines()
    return [line.split()[0] for line in lines if line.strip()]


PARAMS = {"search": ["-p", "term=blockchain"]}


def test_every_named_query_answers_the_same(store, remote):
    differ = []
    for name in named_queries(store):
        args = ["query", "--name", name, *PARAMS.get(name, []), "--format", "json"]
        local = answer_set(store.run(*args))
        there = answer_set(remote_run(store, remote, *args))
        if local != there:
            differ.append(f"{name}: {len(local)} rows here, {len(there)} there; "
                          f"only here {sorted(map(str, local - there))[:3]}, "
                          f"only there {sorted(map(str, there - local))[:3]}")
    assert not differ, "\n".join(differ)


def test_an_answer_the_server_cuts_is_read_in_pages(store, remote):
    args = ["query", "SELECT ?s ?p ?o WHERE { ?s ?p ?o }", "--format", "json"]
    local = answer_set(store.run(*args))
    assert len(local) > 1500  # above Virtuoso's ResultSetMaxRows and MaxSortedTopRows here
    there = subprocess.run(
        [served.binary(), "--endpoint", remote.url, *remote.flags(), *args],
        env=store.env, capture_output=True, check=False)
    assert there.returncode == 0, there.stderr
    assert answer_set(there.stdout) == local
    if remote.kind == "virtuoso":
        note = there.stderr.decode()
        assert "cuts answers at 1000 rows; read" in note, note
        assert "in the server's own order" in note, note


def check_rows_there(store, remote, query, virtuoso_note):
    """The query's rows, in order, read from the remote store as from the local one; on
    Virtuoso, its note on standard error says how they were obtained. The local rows."""
    args = ["query", query, "--format", "json"]
    local = answer_rows(store.run(*args))
    there = subprocess.run(
        [served.binary(), "--endpoint", remote.url, *remote.flags(), *args],
        env=store.env, capture_output=True, check=False)
    assert there.returncode == 0, there.stderr
    assert answer_rows(there.stdout) == local
    if remote.kind == "virtuoso":
        assert virtuoso_note in there.stderr.decode(), there.stderr
    return local


def test_an_ordered_answer_the_server_cuts_keeps_its_order(store, remote):
    # More rows than Virtuoso sorts for a page here: its later pages are read unsorted, and the
    # rows sorted by smarty-kg as the query asks.
    rows = check_rows_there(store, remote, "SELECT ?s ?p ?o WHERE { ?s ?p ?o } "
                            "ORDER BY DESC(STR(?p)) ?s ?o", "sorted here")
    assert len(rows) > 1500


def test_a_distinct_ordered_answer_the_server_cuts_keeps_its_order(store, remote):
    # Past Virtuoso's sort limit a DISTINCT answer is read unsorted, its sort keys (computed
    # values) taken here: with them as columns there, Virtuoso refuses to hash its rows.
    rows = check_rows_there(store, remote, "SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } "
                            "ORDER BY STR(?p) SUBSTR(STR(?o), 1, 20) DESC(?s) ?o", "sorted here")
    assert len(rows) > 1500


def test_a_grouped_answer_the_server_cannot_hold_is_grouped_here(store, remote):
    # The sections of every practice of a theme in one value: longer than Virtuoso keeps in a
    # grouped value (SR319/SR478), so the rows are read from it and grouped by smarty-kg.
    rows = check_rows_there(
        store, remote,
        "SELECT ?theme (COUNT(?practice) AS ?n) "
        "(GROUP_CONCAT(STR(?text); separator=' | ') AS ?texts) WHERE { "
        "?practice dcat:theme ?theme ; dcterms:abstract|smarty:evidenceOfSuccess|"
        "smarty:difficultiesEncountered|smarty:potentialForLearningOrTransfer ?text } GROUP BY ?theme "
        "HAVING (COUNT(?practice) > 1) ORDER BY DESC(?n) ?theme", "it was grouped here from the")
    assert max(len(row[2]) for row in rows) > 4000


def test_contacts_and_networks_answer_the_same(store, remote):
    practice = "https://w3id.org/smarty-kg/id/practice/"
    for args in (["contacts", "--format", "json"],
                 ["graph", "partners", "--format", "json"],
                 ["graph", "contacts", "--format", "json", "--isolated"],
                 ["path", practice + "3m-buckley-innovation-centre", practice + "access-innovation",
                  "--format", "json"]):
        local = json.loads(store.run(*args))
        assert local, args
        assert json.loads(remote_run(store, remote, *args)) == local, args


def test_stats_count_the_same(store, remote):
    local = store.run("stats").decode().splitlines()
    there = remote_run(store, remote, "stats").decode().splitlines()
    # The remote keeps no earlier versions; everything else is the same.
    assert [l for l in there if "kept" not in l] == [l for l in local if "kept" not in l]


def test_a_second_push_changes_nothing(store, remote):
    again = push(store, remote)
    assert again.returncode == 0, again.stderr
    assert "pushed 0 graphs" in again.stderr, again.stderr


KILLS = 20


@pytest.mark.parametrize("kind", ["virtuoso", "serve"])
def test_a_push_killed_half_way_and_run_again_ends_identical(store, kind, tmp_path):
    """Twenty pushes killed, one at a random moment in each twentieth of a push's duration, each
    followed by a rerun: the remote ends as a push never interrupted leaves it. A store of its
    own, whose record of what was pushed is removed before each killed push, so that each one
    starts from scratch."""
    own = served.ROOT / "data" / "smarty-good-practice-guide.txt"
    local = tmp_path / "store"
    subprocess.run([served.binary(), "--store", str(local), "ingest", str(own)], env=store.env,
                   check=True, capture_output=True)
    server = start(kind, tmp_path / "remote")
    r = next(server)

    def push_own(*extra):
        return subprocess.run([served.binary(), "--store", str(local), *r.flags(), "push", r.url,
                               *extra], env=store.env, capture_output=True, text=True, check=False)
    try:
        started = time.monotonic()
        first = push_own()
        assert first.returncode == 0, first.stderr
        whole = time.monotonic() - started
        expected = remote_run(store, r, "stats")
        for slice_ in range(KILLS):
            shutil.rmtree(local / "pushed")
            process = subprocess.Popen(
                [served.binary(), "--store", str(local), *r.flags(), "push", r.url],
                env=store.env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep((slice_ + random.random()) * whole / KILLS)
            process.kill()
            process.wait()
            rerun = push_own()
            assert rerun.returncode == 0, rerun.stderr
            assert "verified" in rerun.stderr, rerun.stderr
            assert remote_run(store, r, "stats") == expected
            assert "pushed 0 graphs" in push_own().stderr
    finally:
        server.close()


def test_a_public_push_leaves_no_personal_data(store, tmp_path):
    server = start("virtuoso", tmp_path)
    r = next(server)
    try:
        assert push(store, r).returncode == 0  # everything first, persons included
        persons = ["query", "ASK { ?s ?p ?o FILTER(isIRI(?o) && STRSTARTS(STR(?o), 'mailto:')) }",
                   "--format", "json"]
        assert answer_set(remote_run(store, r, *persons)) is True
        public = push(store, r, "--public", "--graph-store", r.graph_store)
        assert public.returncode == 0, public.stderr
        assert "dropped" in public.stderr
        assert answer_set(remote_run(store, r, *persons)) is False
        names = json.loads(remote_run(store, r, "contacts", "--format", "json"))
        assert names == []
    finally:
        server.close()


SCRIPT = """SELECT ?theme (COUNT(?p) AS ?n) WHERE { ?p a smarty:GoodPractice ; dcat:theme ?theme } GROUP BY ?theme ORDER BY ?theme;
.run practices-by-country
.contacts
.graph partners
.stats
"""


def shell(store, extra, script):
    return subprocess.run([served.binary(), "--store", str(store.directory / "store"), *extra],
                          input=script, env=store.env, capture_output=True, text=True, check=False)


def test_the_shell_reads_the_remote_store(store, remote):
    local = shell(store, [], SCRIPT)
    there = shell(store, ["--endpoint", remote.url, *remote.flags()], SCRIPT)
    assert local.returncode == 0 and there.returncode == 0, there.stderr
    # The statistics of a remote store list no kept versions; all else is the same.
    assert [l for l in there.stdout.splitlines() if "kept" not in l] == \
        [l for l in local.stdout.splitlines() if "kept" not in l]
    refused = shell(store, ["--endpoint", remote.url, *remote.flags()],
                    "INSERT DATA { GRAPH <http://example.org/g> { <http://e/a> <http://e/b> 1 } }\n")
    assert refused.returncode == 2 and "does not write to it" in refused.stderr, refused.stderr
    refused = shell(store, ["--endpoint", remote.url, *remote.flags()], ".describe Access Innovation\n")
    assert refused.returncode == 2 and "work on the local store" in refused.stderr, refused.stderr
