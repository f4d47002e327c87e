"""The council registry: canonical name, printed aliases and ONS GSS code, read
from organisations.csv.

A council a report names is known when its printed name or web domain is the
canonical name or an alias here; QA adds a council by adding a line.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources

GSS_CODE = re.compile(r"^E(?:06|07|08|09|10)\d{6}$")


@dataclass(frozen=True, slots=True)
class Organisation:
    name: str
    aliases: tuple[str, ...]
    gss_code: str
    # County councils publish few district papers but are named in many.
    county: bool


@cache
def organisations() -> tuple[Organisation, ...]:
    text = (
        resources.files("schemas")
        .joinpath("organisations.csv")
        .read_text(encoding="utf-8")
    )
    out = []
    for line in csv.DictReader(text.splitlines()):
        code = line["gss_code"].strip()
        if not GSS_CODE.match(code):
            raise ValueError(f"organisations.csv: {line['name']!r} has code {code!r}")
        aliases = tuple(a.strip() for a in line["aliases"].split(";") if a.strip())
        out.append(
            Organisation(
                name=line["name"].strip(),
                aliases=aliases,
                gss_code=code,
                county=code.startswith("E10"),
            )
        )
    return tuple(out)


def by_name(name: str) -> Organisation | None:
    """The registry entry a printed name or alias stands for, whatever its case."""
    key = " ".join(name.split()).casefold()
    for org in organisations():
        if key in (n.casefold() for n in (org.name, *org.aliases)):
            return org
    return None
