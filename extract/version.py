"""The parser's version: the installed reportx distribution's.

`importlib.metadata.version("reportx")` gives it, but importing
importlib.metadata (with the email parser, zipfile and csv) is 50 ms of a
one-file run. The common case is read here as it reads it: the `Version`
field of `METADATA` (or else `PKG-INFO`) in the first `reportx-*.dist-info`
or `reportx.egg-info` folder (pip's editable install leaves one in the
checkout) of a folder on sys.path. Anything else (not installed, a zip or an
egg on sys.path, another finder of distributions, a field the email parser
might read otherwise) is left to importlib.metadata.
"""

from __future__ import annotations

import os
import re
import sys
from importlib.machinery import PathFinder

DISTRIBUTION = "reportx"
# importlib.metadata's `Prepared.normalize` of a distribution's name.
SEPARATORS = re.compile(r"[-_.]+")


def parser_version() -> str:
    found = _installed_version(DISTRIBUTION)
    if found is not None:
        return found
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(DISTRIBUTION)
    except PackageNotFoundError:  # running from a source tree that is not installed
        return "0+unknown"


def _installed_version(name: str) -> str | None:
    """The `Version` field importlib.metadata would read for `name`, or None
    where this reading might differ from its."""
    if any(
        hasattr(finder, "find_distributions") and finder is not PathFinder
        for finder in sys.meta_path
    ):
        return None
    for entry in sys.path:
        folder = entry or "."
        if folder.lower().endswith(".egg"):
            return None
        try:
            children = os.listdir(folder)
        except OSError:
            if os.path.exists(folder):
                return None
            continue
        for child in children:
            stem, _, suffix = child.lower().rpartition(".")
            if suffix not in ("dist-info", "egg-info"):
                continue
            if SEPARATORS.sub("_", stem.partition("-")[0]) == name:
                return _version_field(os.path.join(folder, child))
    return None


def _version_field(folder: str) -> str | None:
    """The first `Version` header of a distribution's metadata, as the email
    parser reads it: the spaces and tabs after the colon dropped."""
    for name in ("METADATA", "PKG-INFO"):
        try:
            with open(os.path.join(folder, name), encoding="utf-8") as f:
                text = f.read()
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
            continue
        except (OSError, UnicodeDecodeError):
            return None
        if text:
            break
    else:
        return None
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if not line.strip():
            return None
        field, colon, value = line.partition(":")
        if colon and field.lower() == "version":
            following = lines[n + 1] if n + 1 < len(lines) else ""
            if following[:1] in (" ", "\t"):
                return None
            return value.lstrip(" \t")
    return None
