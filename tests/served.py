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
