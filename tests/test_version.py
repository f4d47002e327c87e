"""The parser's version is what importlib.metadata reads, without importing it.

The readings are compared in a fresh interpreter, as in a run: a test
session has imported importlib_metadata, which finds distributions in its
own way.
"""

from __future__ import annotations

import json
import subprocess
import sys
from importlib.metadata import version
from pathlib import Path

from extract.pipeline import PARSER_VERSION
from tests.conftest import ROOT

CASES = {
    "dist-info": (
        "reportx-2.0.dist-info",
        {"METADATA": "Name: reportx\nVersion: 2.0\n"},
    ),
    "egg-info": ("reportx.egg-info", {"PKG-INFO": "Name: reportx\nVersion:\t3.1 \n"}),
    "empty METADATA": (
        "Reportx-1.dist-info",
        {"METADATA": "", "PKG-INFO": "Metadata-Version: 2.1\nVERSION: 1.5\n"},
    ),
    "folded": ("reportx-4.dist-info", {"METADATA": "Version: 4\n .0\n"}),
    "in the body": (
        "reportx-5.dist-info",
        {"METADATA": "Name: reportx\n\nVersion: 5\n"},
    ),
    "no metadata": ("reportx-6.dist-info", {"RECORD": ""}),
    "not installed": ("other-1.dist-info", {"METADATA": "Version: 9\n"}),
}

READ = """
import json, sys
from importlib.metadata import PackageNotFoundError, version
from extract import version as version_module

got = {}
for case, site in json.loads(sys.argv[1]).items():
    sys.path[:] = [site + "/missing", site]
    here = version_module._installed_version("reportx")
    try:
        there = version("reportx")
    except PackageNotFoundError:
        there = "0+unknown"
    got[case] = [here, version_module.parser_version(), there]
print(json.dumps(got))
"""


def test_the_parser_version_is_the_installed_distributions() -> None:
    assert PARSER_VERSION == version("reportx")


def test_read_as_importlib_metadata_reads_it(tmp_path: Path) -> None:
    sites = {}
    for case, (folder, files) in CASES.items():
        site = tmp_path / case.replace(" ", "-")
        (site / folder).mkdir(parents=True)
        for name, text in files.items():
            (site / folder / name).write_text(text, encoding="utf-8")
        sites[case] = str(site)
    done = subprocess.run(
        [sys.executable, "-c", READ, json.dumps(sites)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    got = json.loads(done.stdout)
    for here, version_, there in got.values():
        assert here in (None, there)
        assert version_ == there
    # What it reads itself; the rest it leaves to importlib.metadata.
    assert {case for case, (here, _, _) in got.items() if here} == {
        "dist-info",
        "egg-info",
        "empty METADATA",
    }
    assert got["egg-info"][0] == "3.1 "
