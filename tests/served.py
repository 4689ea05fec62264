"""The real smarty-kg binary, and `smarty-kg serve` on a free loopback port, for the Python test
suites (tests/interop, tests/browser)."""

import os
import pathlib
import re
import subprocess
import threading

ROOT = pathlib.Path(__file__).resolve().parents[1]


def binary() -> str:
    path = os.environ.get("SMARTY_KG_BIN")
    if not path:
        target = os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target"))
        path = os.path.join(target, "debug", "smarty-kg")
    if not os.path.exists(path):
        raise RuntimeError(f"smarty-kg binary not found at {path}; build it first (cargo build)")
    return path


def served(store: pathlib.Path, env: dict, *flags: str):
    """Yields the base URL of `smarty-kg serve` on STORE (127.0.0.1, a port the system picks);
    the server is killed by its PID when the caller is done, also on failure."""
    process = subprocess.Popen(
        [binary(), "--store", str(store), "serve", "--bind", "127.0.0.1:0", *flags],
        cwd=store.parent, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        base = None
        for line in process.stderr:
            found = re.search(r"listening on (http://[0-9.:]+)/", line)
            if found:
                base = found.group(1)
                break
        assert base, "the server did not print its address"
        # Keep draining the access log so the pipe never fills.
        threading.Thread(target=lambda: [None for _ in process.stderr], daemon=True).start()
        yield base
    finally:
        process.kill()
        process.wait()


VIRTUOSO_INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = {buffers}
MaxDirtyBuffers = {dirty}
DirsAllowed = {dir}
MaxSortedTopRows = {max_sorted}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
MaxClientConnections = 4
ServerThreads = 4

[SPARQL]
ResultSetMaxRows = {max_rows}
MaxQueryExecutionTime = 120
"""


def free_port() -> int:
    import socket
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def virtuoso(directory: pathlib.Path, max_rows: int = 1000, max_sorted: int = 1500,
             buffers: int = 20000):
    """Yields the SPARQL endpoint URL of a throw-away Virtuoso (Debian's virtuoso-t) bound to
    127.0.0.1 in DIRECTORY, its anonymous SPARQL user allowed to update; killed by its PID when
    the caller is done, also on failure. A small ResultSetMaxRows makes its silent cut show, and
    a small MaxSortedTopRows its refusal to sort a page that lies far into an answer."""
    import time
    import urllib.request
    directory.mkdir(parents=True, exist_ok=True)
    http_port, sql_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(VIRTUOSO_INI.format(dir=directory, http_port=http_port, sql_port=sql_port,
                                       max_rows=max_rows, max_sorted=max_sorted,
                                       buffers=buffers, dirty=buffers * 3 // 4))
    process = subprocess.Popen(["virtuoso-t", "+foreground", "+configfile", str(ini)],
                               cwd=directory, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{http_port}/sparql"
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, (directory / "virtuoso.log").read_text()
            try:
                with urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=2):
                    break
            except OSError:
                assert time.monotonic() < deadline, "Virtuoso did not start within 60 s"
                time.sleep(0.3)
        subprocess.run(["isql-vt", f"127.0.0.1:{sql_port}", "dba", "dba",
                        'exec=grant SPARQL_UPDATE to "SPARQL";'],
                       check=True, capture_output=True, timeout=60)
        yield url
    finally:
        process.kill()
        process.wait()
