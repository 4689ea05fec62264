"""Fixtures of the browser tests: the real smarty-kg binary serving the bundled guide on a free
loopback port (once with all data, once with --public), a second store of the same guide for the
command line to compare against (a served store is locked), and headless Chromium driven by
selenium with every background service off, so no traffic leaves the machine."""

import glob
import json
import os
import pathlib
import subprocess
import sys
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests"))
from served import binary, served  # noqa: E402  (the shared module sits one level up)

GUIDE = ROOT / "data" / "smarty-good-practice-guide.txt"
TARGET = pathlib.Path(os.environ.get("CARGO_TARGET_DIR", str(ROOT / "target")))
OUT = pathlib.Path(os.environ.get("SMARTY_KG_BROWSER_OUT", str(TARGET / "browser-screenshots")))
ENV = dict(os.environ, SMARTY_KG_PERSON_KEY="browser", SE_OFFLINE="true", SE_AVOID_STATS="true")
# Selenium must not look for drivers on the internet, nor report usage.
os.environ.update(SE_OFFLINE="true", SE_AVOID_STATS="true")

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-default-apps", "--disable-extensions", "--metrics-recording-only",
    "--window-size=1366,1200",
]


def cli(store: pathlib.Path, *args: str) -> bytes:
    result = subprocess.run([binary(), "--store", str(store), *args], env=ENV,
                            capture_output=True, check=False)
    assert result.returncode == 0, f"smarty-kg {' '.join(args)}: {result.stderr.decode()}"
    return result.stdout


def ingest(directory: pathlib.Path) -> pathlib.Path:
    store = directory / "store"
    cli(store, "ingest", "--quiet", str(GUIDE))
    return store


@pytest.fixture(scope="session")
def cli_store(tmp_path_factory) -> pathlib.Path:
    """A store of the same guide for the command line (the served one is locked)."""
    return ingest(tmp_path_factory.mktemp("cli"))


def serve(directory: pathlib.Path, *flags: str):
    yield from served(ingest(directory), ENV, *flags)


@pytest.fixture(scope="session")
def server(tmp_path_factory):
    yield from serve(tmp_path_factory.mktemp("serve"))


@pytest.fixture(scope="session")
def public_server(tmp_path_factory):
    yield from serve(tmp_path_factory.mktemp("public"), "--public")


@pytest.fixture(scope="session")
def browser():
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="smarty-kg-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    # The performance log holds every request the pages make (the offline test reads it).
    options.set_capability("goog:loggingPrefs", {"performance": "ALL"})
    driver = webdriver.Chrome(options=options,
                              service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")))
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()


@pytest.fixture(scope="session")
def out() -> pathlib.Path:
    OUT.mkdir(parents=True, exist_ok=True)
    return OUT


def requested_urls(driver) -> list:
    """The URLs requested since the log was last read."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


def axe_source() -> str:
    """axe-core from the workbench's npm development dependencies."""
    candidates = [ROOT / "crates/smarty-server/web/node_modules/axe-core/axe.min.js",
                  *map(pathlib.Path, glob.glob(str(TARGET / "web-workbench/deps-*/node_modules/axe-core/axe.min.js")))]
    for path in candidates:
        if path.is_file():
            return path.read_text()
    raise RuntimeError("axe-core not found: build smarty-kg with npm installed (cargo build)")
