"""Decompression bombs: every stream PDFium would inflate, measured first.

PDFium (like pdfminer) inflates a whole stream into memory before it parses
it: a 4 MB file whose page content inflates to 2 GB of path operators took
over 12 GB. So before PDFium sees the file, each stream it decodes to read
text (page contents, forms, fonts, object and xref streams) is inflated here
a chunk at a time, nothing kept, and the file is refused as soon as one
passes `--max-stream-mb`. Images are left alone: the reader never decodes
them. Streams are found in the file's bytes, which holds every stream, since
a stream is never stored inside an object stream.
"""

from __future__ import annotations

import base64
import binascii
import re
import zlib

from extract.readers.limits import MB, LimitExceeded

STREAM_START = re.compile(rb">>\s*stream(?:\r\n|\n|\r)")
# A direct /Length; an indirect one ("/Length 9 0 R") is not looked up, which
# would search the file once per stream: the stream then ends at `endstream`.
LENGTH = re.compile(rb"/Length\s+(\d+)\b(?!\s+\d+\s+R)")
FILTERS = re.compile(rb"/Filter\s*(?:/(\w+)|\[([^\]]*)\])")
NAME = re.compile(rb"/(\w+)")
IMAGE = re.compile(rb"/Subtype\s*/Image\b")
# Deflate writes at most 1032 bytes out per byte in: a stream shorter than
# limit/1032 cannot pass the limit and is not inflated.
DEFLATE_RATIO = 1032
# RunLength writes at most 128 bytes out per 2 bytes in.
RUN_LENGTH_RATIO = 64
CHUNK = 1 << 20
SHRINKING = {
    "ASCIIHexDecode": "hex",
    "AHx": "hex",
    "ASCII85Decode": "a85",
    "A85": "a85",
}
FLATE = {"FlateDecode", "Fl"}
RUN_LENGTH = {"RunLengthDecode", "RL"}


def check_streams(data: bytes, limit: int) -> None:
    """Raise LimitExceeded for the first stream that decodes to over `limit` bytes."""
    for m in STREAM_START.finditer(data):
        head_start = data.rfind(b"obj", 0, m.start())
        head = data[max(head_start, 0) : m.start()]
        if IMAGE.search(head):
            continue
        raw = _raw(data, head, m.end())
        filters = _filters(head)
        size = _decoded_size(raw, filters, limit)
        if size > limit:
            number = re.search(
                rb"(\d+)\s+\d+\s*$", data[max(head_start - 24, 0) : head_start]
            )
            name = f"object {int(number[1])}" if number else "a stream"
            raise LimitExceeded(
                "--max-stream-mb",
                f"{name} inflates past the limit from {len(raw):,} bytes",
                f"{limit / MB:g} MB",
            )


def _raw(data: bytes, head: bytes, start: int) -> memoryview:
    """The stream's bytes: /Length of them when an `endstream` follows, else up
    to the next `endstream`, as PDFium reads a stream whose length is wrong."""
    m = LENGTH.search(head)
    if m:
        length = int(m[1])
        after = data[start + length : start + length + 32].lstrip()
        if after.startswith(b"endstream"):
            return memoryview(data)[start : start + length]
    end = data.find(b"endstream", start)
    return memoryview(data)[start : end if end >= 0 else len(data)]


def _filters(head: bytes) -> list[str]:
    m = FILTERS.search(head)
    if not m:
        return []
    if m[1] is not None:
        return [m[1].decode("ascii")]
    return [n.decode("ascii") for n in NAME.findall(m[2])]


def _decoded_size(raw: memoryview, filters: list[str], limit: int) -> int:
    """Bytes the stream decodes to, counted no further than just past `limit`:
    over `limit` exactly when the stream decodes to more (a stream too short to
    pass it counts as its own length).

    A filter this reader does not measure (LZW, or one only images use) ends
    the count at the bytes before it.
    """
    if _most(raw, filters) <= limit:
        # Too short to pass the limit whatever it decodes to: nothing to
        # decode (ASCII85 is decoded in Python, a page's content 4 ms a time).
        return len(raw)
    data: bytes | memoryview = raw
    for k, name in enumerate(filters):
        last = k == len(filters) - 1
        if name in SHRINKING:
            data = _ascii(bytes(data), SHRINKING[name])
        elif name in FLATE:
            if last and len(data) * DEFLATE_RATIO <= limit:
                return len(data)
            out = _inflate(data, limit, keep=not last)
            if isinstance(out, int):
                return out
            data = out
        elif name in RUN_LENGTH:
            if len(data) * RUN_LENGTH_RATIO <= limit and last:
                return len(data)
            data = _run_length(bytes(data), limit)
        else:
            break
        if len(data) > limit:
            return len(data)
    return len(data)


def _most(raw: memoryview, filters: list[str]) -> int:
    """The most bytes `_decoded_size` can count for the stream: each filter's
    output at its longest, up to the first it does not measure."""
    most = len(raw)
    for k, name in enumerate(filters):
        if SHRINKING.get(name) == "a85":
            # Four bytes for a "z", at most four for five other characters;
            # text that is not ASCII85 after all is kept as it is.
            zeros = bytes(raw).count(b"z") if k == 0 else most
            most += 3 * zeros
        elif name in SHRINKING:
            # One byte for two hex digits, or the text kept as it is.
            most += 1
        elif name in FLATE:
            most *= DEFLATE_RATIO
        elif name in RUN_LENGTH:
            most *= RUN_LENGTH_RATIO
        else:
            break
    return most


def _ascii(data: bytes, kind: str) -> bytes:
    try:
        if kind == "hex":
            text = re.sub(rb"\s+", b"", data).split(b">")[0]
            return binascii.unhexlify(text + b"0" * (len(text) % 2))
        body = data.strip()
        body = body[2:] if body.startswith(b"<~") else body
        return base64.a85decode(body.split(b"~>")[0], adobe=False)
    except ValueError:
        return data


def _inflate(data: bytes | memoryview, limit: int, keep: bool) -> bytes | int:
    """Inflate a chunk at a time: the bytes (`keep`), or only how many there
    are; either way stopping once past `limit`."""
    d = zlib.decompressobj()
    kept: list[bytes] = []
    total = 0
    pos = 0
    while True:
        tail = d.unconsumed_tail
        if tail:
            piece: bytes | memoryview = tail
        else:
            piece = data[pos : pos + CHUNK]
            pos += CHUNK
        try:
            out = d.decompress(piece, CHUNK)
        except zlib.error:
            break
        total += len(out)
        if keep:
            kept.append(out)
        if total > limit or d.eof or (not out and not piece):
            break
    return b"".join(kept) if keep else total


def _run_length(data: bytes, limit: int) -> bytes:
    out = bytearray()
    i = 0
    while i < len(data) and len(out) <= limit:
        n = data[i]
        if n == 128:
            break
        if n < 128:
            out += data[i + 1 : i + 2 + n]
            i += n + 2
        else:
            out += data[i + 1 : i + 2] * (257 - n)
            i += 2
    return bytes(out)
