"""Guides published as PDF: the bundled guide typeset in one and in two columns (tests/interop/
guide_pdf.py, reportlab) is read back through pdftotext and must give every record the text
gives; the store says where the text came from and diagnostics name the PDF's page."""

import hashlib
import json
import re
import subprocess
import sys

import pytest

from conftest import GUIDE, ROOT, Store
from served import binary

sys.path.insert(0, str(ROOT / "tests" / "interop"))
from guide_pdf import typeset  # noqa: E402


def records(store: Store, path) -> dict:
    """Everything `extract` reads, without what depends on the line numbering."""
    data = json.loads(store.run("extract", "--format", "json", str(path)))

    def strip(x):
        if isinstance(x, dict):
            return {
                k: strip(v)
                for k, v in x.items()
                if k not in ("file", "sha256", "line", "line_count", "start", "end")
                or not isinstance(v, (int, str))
                or (k in ("start", "end") and isinstance(v, str))
            }
        if isinstance(x, list):
            return [strip(v) for v in x]
        if isinstance(x, str):
            return re.sub(r"\(line \d+\)", "(line N)", x)
        return x

    return strip(data)


@pytest.fixture(scope="module", params=[1, 2], ids=["one-column", "two-columns"])
def pdf(request, tmp_path_factory):
    directory = tmp_path_factory.mktemp(f"pdf{request.param}")
    path = directory / f"guide-{request.param}-columns.pdf"
    typeset(str(GUIDE), str(path), request.param)
    return Store(directory), path


def test_every_record_is_the_same_as_from_the_text(pdf):
    store, path = pdf
    from_text, from_pdf = records(store, GUIDE), records(store, path)
    assert len(from_pdf["extraction"]["practices"]) == 26
    assert from_pdf == from_text


def test_diff_against_the_text_finds_nothing(pdf):
    store, path = pdf
    diff = json.loads(store.run("diff", "--format", "json", str(GUIDE), str(path)))
    assert (diff["added"], diff["removed"], diff["changed"]) == ([], [], [])


def test_ingested_pdf_cites_its_text_derived_from_the_pdf(pdf):
    store, path = pdf
    store.run("ingest", "--quiet", str(path))
    count = store.run(
        "query", "--format", "csv",
        "SELECT (COUNT(DISTINCT ?p) AS ?n) WHERE { ?p a smarty:GoodPractice }",
    ).decode()
    assert count.split() == ["n", "26"]
    derived = store.run(
        "query", "--format", "csv",
        "SELECT ?text ?pdf ?format WHERE { ?text prov:wasDerivedFrom ?pdf . "
        "?pdf dcterms:format ?format }",
    ).decode().splitlines()
    assert len(derived) == 2, derived
    text, source, media_type = derived[1].split(",")
    assert text.endswith(".txt") and source.endswith(".pdf") and media_type == "application/pdf"
    sha = hashlib.sha256(path.read_bytes()).hexdigest()
    documents = store.run("query", "--name", "documents", "--format", "csv").decode()
    assert sha in documents


def test_a_diagnostic_names_the_page_and_the_line_of_the_text(pdf):
    store, path = pdf
    result = subprocess.run(
        [*store_command(store), "extract", "--format", "summary", str(path)],
        capture_output=True, check=True,
    )
    assert result.stderr == b""  # the summary leaves diagnostics out
    result = subprocess.run(
        [*store_command(store), "extract", str(path)], capture_output=True, check=True,
    )
    located = re.search(
        rf"{re.escape(str(path))}:(\d+) \(page (\d+)\): note\[contents-title-differs\]",
        result.stderr.decode(),
    )
    assert located, result.stderr.decode()
    line, page = int(located[1]), int(located[2])
    assert page == 1
    text = store.run("extract", "--format", "text", str(path)).decode().split("\n")
    assert text[line - 1].startswith("Digitalization of production processes\t")




def test_the_shell_ingests_a_pdf_too(pdf, tmp_path):
    store, path = pdf
    result = subprocess.run(
        [binary(), "--store", str(tmp_path / "shell-store")],
        input=f".ingest {path}\n".encode(),
        capture_output=True, check=True,
    )
    said = result.stdout.decode() + result.stderr.decode()
    assert f"ingested {path}: 26 practices" in said, said


def store_command(store: Store) -> list:
    return [binary(), "--store", str(store.directory / "store")]
