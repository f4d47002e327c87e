"""What a reader raises when a file cannot be read as a report."""

from __future__ import annotations

import hashlib


class UnreadableInput(Exception):
    """The file cannot be read as a report; the message says why.

    `code` is the `issues` code to report it under, `page` the page at fault.
    """

    code = "file_failed"
    page: int | None = None


def doc_id_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]
