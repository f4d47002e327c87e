"""A stream too short to pass the limit is not decoded: `_most` never counts
fewer bytes than the stream decodes to, so the verdict is the one decoding
gives (a limit below what a filter on the way writes is passed there)."""

from __future__ import annotations

import base64
import zlib
from unittest.mock import patch

from hypothesis import given
from hypothesis import strategies as st

from extract.readers import pdf_streams
from extract.readers.pdf_streams import _ascii, _decoded_size, _most

CHAINS = [
    ["FlateDecode"],
    ["ASCII85Decode"],
    ["ASCII85Decode", "FlateDecode"],
    ["ASCIIHexDecode", "FlateDecode"],
    ["FlateDecode", "ASCII85Decode"],
    ["RunLengthDecode"],
    ["ASCII85Decode", "RunLengthDecode"],
]


def _run_length(data: bytes) -> bytes:
    chunks = [data[i : i + 128] for i in range(0, len(data), 128)]
    return b"".join(bytes([len(c) - 1]) + c for c in chunks) + b"\x80"


ENCODE = {
    "FlateDecode": zlib.compress,
    "ASCII85Decode": lambda d: base64.a85encode(d) + b"~>",
    "ASCIIHexDecode": lambda d: d.hex().encode() + b">",
    "RunLengthDecode": _run_length,
}


def _stream(payload: bytes, chain: list[str]) -> bytes:
    for name in reversed(chain):
        payload = ENCODE[name](payload)
    return payload


# Runs of zero bytes, which ASCII85 writes as "z", and runs that deflate well.
PAYLOADS = st.lists(
    st.one_of(st.binary(max_size=40), st.integers(0, 3000).map(lambda n: b"\0" * n)),
    max_size=8,
).map(b"".join)


@given(PAYLOADS, st.sampled_from(CHAINS))
def test_most_is_never_less_than_the_stream_decodes_to(
    payload: bytes, chain: list[str]
) -> None:
    raw = memoryview(_stream(payload, chain))
    assert len(payload) <= _most(raw, chain)


@given(PAYLOADS, st.sampled_from(CHAINS), st.integers(0, 100_000))
def test_verdict_is_the_one_decoding_gives(
    payload: bytes, chain: list[str], limit: int
) -> None:
    raw = memoryview(_stream(payload, chain))
    with patch.object(pdf_streams, "_most", lambda raw, filters: limit + 1):
        decoded = _decoded_size(raw, chain, limit)
    assert (_decoded_size(raw, chain, limit) > limit) == (decoded > limit)


@given(st.binary(max_size=200))
def test_most_counts_text_that_is_no_ascii85_as_kept(data: bytes) -> None:
    assert len(_ascii(data, "a85")) <= _most(memoryview(data), ["ASCII85Decode"])
    assert len(_ascii(data, "hex")) <= _most(memoryview(data), ["ASCIIHexDecode"])
