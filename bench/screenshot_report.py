"""Render `reportx report` of an output folder and screenshot it in headless Chromium.

Usage: .venv/bin/python bench/screenshot_report.py [OUT_DIR] [--png FILE]
Needs /usr/bin/chromium (Debian package `chromium`); kept out of the test suite.
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from extract.qa.report import write_report

CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
)


def screenshot(html: Path, png: Path, width: int = 1400, height: int = 4000) -> None:
    """A full-width PNG of the page, via the chromium command line."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        raise SystemExit("chromium not found: apt-get install -y chromium")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                browser,
                *CHROMIUM_FLAGS,
                f"--user-data-dir={profile}",
                f"--screenshot={png}",
                f"--window-size={width},{height}",
                html.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", nargs="?", default="output")
    parser.add_argument("--png", default="/tmp/reportx-report.png")
    parser.add_argument("--height", type=int, default=4000)
    args = parser.parse_args(argv)
    html = Path(args.png).with_suffix(".html")
    print(write_report(args.out, html).summary())
    screenshot(html, Path(args.png), height=args.height)
    print(f"screenshot: {args.png}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
