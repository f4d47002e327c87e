"""Input limits: what one document may cost before it is refused.

Each limit is an `extract` option; the README gives each default's reasoning.
A refusal is `LimitExceeded`: the document fails with a `limit_exceeded`
issue naming the limit and the value, and the batch goes on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass

from extract.readers.errors import UnreadableInput

MB = 1024 * 1024


@dataclass(frozen=True, slots=True)
class Limits:
    """The most one input may hold; `max_*_mb` in MiB."""

    max_file_mb: float = 50.0
    max_pages: int = 1000
    max_line_chars: int = 100_000
    max_stream_mb: float = 16.0
    max_page_objects: int = 200_000

    @property
    def is_default(self) -> bool:
        return self == DEFAULT_LIMITS

    def key(self) -> str | None:
        """What the cache must tell apart: None for the defaults."""
        if self.is_default:
            return None
        return ",".join(f"{k}={v}" for k, v in asdict(self).items())

    def check_file(self, size: int) -> None:
        if size > self.max_file_mb * MB:
            raise LimitExceeded(
                "--max-file-mb",
                f"{size / MB:,.1f} MB ({size:,} bytes)",
                f"{self.max_file_mb:g} MB",
            )

    def check_pages(self, pages: int) -> None:
        if pages > self.max_pages:
            raise LimitExceeded(
                "--max-pages", f"{pages:,} pages", f"{self.max_pages:,}"
            )

    def check_lines(self, lines: Sequence[str], page: int | None = None) -> None:
        """Refuse a text (or a PDF page) with a line over `max_line_chars`."""
        if max(map(len, lines), default=0) <= self.max_line_chars:
            return
        for number, line in enumerate(lines, 1):
            if len(line) > self.max_line_chars:
                raise LimitExceeded(
                    "--max-line-chars",
                    f"line {number} has {len(line):,} characters",
                    f"{self.max_line_chars:,}",
                    page=page,
                )

    @property
    def max_stream_bytes(self) -> int:
        return int(self.max_stream_mb * MB)


DEFAULT_LIMITS = Limits()


class LimitExceeded(UnreadableInput):
    """An input refused by a limit; the message names the limit and the value."""

    code = "limit_exceeded"

    def __init__(
        self, limit: str, value: str, maximum: str, page: int | None = None
    ) -> None:
        where = f"page {page}: " if page is not None else ""
        super().__init__(f"refused by {limit} (limit {maximum}): {where}{value}")
        self.limit = limit
        self.page = page
