"""Shared fixtures: the real smarty-kg binary and a store with the bundled guide ingested."""

import os
import sys
import pathlib
import subprocess

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[2]
GUIDE = ROOT / "data" / "smarty-good-practice-guide.txt"
sys.path.insert(0, str(ROOT / "tests"))
from served import binary  # noqa: E402  (shared with tests/browser)


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
