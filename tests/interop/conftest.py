"""Shared fixtures: the real smarty-kg binary and a store with the bundled guide ingested."""

import os
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
GUIDE = ROOT / "data" / "smarty-good-practice-guide.txt"


def binary() -> str:
    path = os.environ.get("SMARTY_KG_BIN")
    if not path:
        target = os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target"))
        path = os.path.join(target, "debug", "smarty-kg")
    if not os.path.exists(path):
        raise RuntimeError(f"smarty-kg binary not found at {path}; build it first (cargo build)")
    return path


class Store:
    """A store directory and a way to run the binary on it."""

    def __init__(self, directory: pathlib.Path):
        self.directory = directory
        self.env = dict(os.environ, SMARTY_KG_PERSON_KEY="interop")

    def run(self, *args: str) -> bytes:
        result = subprocess.run(
            [binary(), "--store", str(self.directory / "store"), *args],
            cwd=self.directory,
            env=self.env,
            capture_output=True,
            check=False,
        )
        if result.returncode != 0:
            raise AssertionError(
                f"smarty-kg {' '.join(args)} exited {result.returncode}: {result.stderr.decode()}"
            )
        return result.stdout


@pytest.fixture(scope="session")
def store(tmp_path_factory) -> Store:
    s = Store(tmp_path_factory.mktemp("kg"))
    s.run("ingest", str(GUIDE))
    return s
