"""pySHACL, the independent validator: the ingested guide conforms to ontology/shapes.ttl, and
each deliberately broken fixture fails on the shape it names (tests/shacl/check_fixtures.py)."""

import subprocess
import sys

from conftest import ROOT


def test_shapes_accept_the_guide_and_every_shape_bites(store, tmp_path):
    nquads = tmp_path / "guide.nq"
    nquads.write_bytes(store.run("export", "--format", "nquads"))
    result = subprocess.run(
        [sys.executable, str(ROOT / "tests" / "shacl" / "check_fixtures.py"), "--nquads", str(nquads)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert " 0 failed" in result.stdout.strip().splitlines()[-1]
