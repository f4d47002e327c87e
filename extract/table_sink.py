"""One table's rows appended in order to one Parquet file, in row groups of a
bounded size; and an Arrow file read back a record batch at a time."""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Iterator
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from schemas.datapackage import described_schema
from schemas.tables import OutputTable

# A table is written in row groups of about this many bytes: the text tables
# (actions, issues) hold a kilobyte a row, so a count of rows would not bound
# the memory a run needs.
ROW_GROUP_BYTES = 4 << 20
# ...or of this many shards: a shard of a few rows still holds its file and a
# schema, so a thousand small ones cost far more than their rows.
ROW_GROUP_SHARDS = 100
# Parquet pages (and dictionary pages) of this many bytes, not the default
# megabyte: a column chunk's pages are held until its row group is written,
# and an `observations` row of a big archive lists thousands of documents.
# With the 10,000 reports of bench/bench_archive.py the reduce peaked at 204
# MiB with 1 MiB pages, 197 with these; 173 for 200 reports.
PAGE_BYTES = 64 << 10


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        trim: Callable[[int], int] = ctypes.CDLL(None).malloc_trim
    except (AttributeError, OSError):
        return None
    return trim


# glibc keeps what a row group's writing freed inside its heap; handing it back
# after each row group took the same run's peak from 197 MiB to 183.
MALLOC_TRIM = _malloc_trim()


class TableSink:
    """One table's rows, appended in order to one Parquet file."""

    def __init__(
        self, path: Path, table: OutputTable, row_group_bytes: int = ROW_GROUP_BYTES
    ) -> None:
        self.table = table
        self.row_group_bytes = row_group_bytes
        # Each field carries its description, for tools that read the file alone.
        self.schema = described_schema(table)
        self.writer = pq.ParquetWriter(
            str(path),
            self.schema,
            data_page_size=PAGE_BYTES,
            dictionary_pagesize_limit=PAGE_BYTES,
        )
        self.buffer: list[pa.Table] = []
        self.rows = 0
        # A row group is written once its tables use `row_group_bytes`
        # (`nbytes`). The sizes of the buffers they hold are summed as they
        # come, and what they use is summed only once those reach a row group:
        # a table of its own buffers uses no more than they hold, and summing
        # `nbytes` table by table takes twenty times as long.
        self.held = 0
        self.used: list[int] = []

    def used_bytes(self) -> int:
        """The bytes the buffered tables use, each table's counted once."""
        self.used += [data.nbytes for data in self.buffer[len(self.used) :]]
        return sum(self.used)

    def add(self, data: pa.Table) -> None:
        if data.num_rows:
            self.buffer.append(data)
            self.held += data.get_total_buffer_size()
            self.rows += data.num_rows
        if len(self.buffer) >= ROW_GROUP_SHARDS or (
            self.held >= self.row_group_bytes
            and self.used_bytes() >= self.row_group_bytes
        ):
            self.flush()

    def flush(self) -> None:
        if self.buffer:
            self.writer.write_table(self._described(pa.concat_tables(self.buffer)))
            if MALLOC_TRIM is not None:
                MALLOC_TRIM(0)
        self.buffer, self.held, self.used = [], 0, []

    def _described(self, data: pa.Table) -> pa.Table:
        """`data` with the file's schema: `data.cast(self.schema)`, but data of
        its types already is only relabelled (a cast imports pyarrow.compute,
        0.08 s of a one-file run)."""
        same = data.schema.names == self.schema.names and all(
            a.type == b.type and (b.nullable or not column.null_count)
            for a, b, column in zip(data.schema, self.schema, data.columns, strict=True)
        )
        if not same:
            return data.cast(self.schema)
        return pa.Table.from_arrays(data.columns, schema=self.schema)

    def close(self) -> int:
        self.flush()
        self.writer.close()
        return self.rows


def batches(path: Path) -> Iterator[pa.Table]:
    """An Arrow file's record batches one at a time, never the file whole."""
    with pa.OSFile(str(path)) as source:
        reader = pa.ipc.open_file(source)
        for i in range(reader.num_record_batches):
            yield pa.Table.from_batches([reader.get_batch(i)])
