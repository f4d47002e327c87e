"""A list kept on disk: a run's inputs, however many, cost 8 bytes each in memory.

An archive of a million reports lists a million paths and digests; held as
Python objects they would take a kilobyte each for the whole run. `Spilled`
keeps each item as one JSON line of an anonymous scratch file in the system's
temporary folder (`TMPDIR`; removed when it is closed or the process ends) and
in memory only the offset of each line. Where that folder is a RAM disk, so is
the list.
"""

from __future__ import annotations

import json
import tempfile
from array import array
from collections.abc import Callable, Iterator
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class Spilled(Generic[T]):
    """Items appended in order, read back by position or in order; each item
    goes to disk as `encode(item)` (JSON) and comes back as `decode(value)`."""

    def __init__(
        self, encode: Callable[[T], object], decode: Callable[[Any], T]
    ) -> None:
        self._encode = encode
        self._decode = decode
        self._file = tempfile.TemporaryFile()
        self._offsets = array("q")
        self._end = 0

    def append(self, item: T) -> None:
        # ASCII JSON: a file name that is no UTF-8 holds lone surrogates
        # (surrogateescape), which only escaped survive the trip.
        line = json.dumps(self._encode(item)).encode() + b"\n"
        self._file.seek(self._end)
        self._file.write(line)
        self._offsets.append(self._end)
        self._end += len(line)

    def __len__(self) -> int:
        return len(self._offsets)

    def __getitem__(self, index: int) -> T:
        self._file.seek(self._offsets[index])
        return self._decode(json.loads(self._file.readline()))

    def __iter__(self) -> Iterator[T]:
        # By position, not one pass over the file: an item may be looked up
        # (`[i]`) or appended between two steps, and is then met, as in a list.
        i = 0
        while i < len(self._offsets):
            yield self[i]
            i += 1

    def close(self) -> None:
        self._file.close()
