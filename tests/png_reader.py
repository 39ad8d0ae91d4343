"""Read back a PNG with zlib alone, checking what a viewer would: the signature, every chunk's
CRC, the header, and that the image data inflates to exactly height rows of width pixels.
Written from the PNG specification, apart from bot/png_canvas.py, to judge its output."""

from __future__ import annotations

import struct
import zlib
from dataclasses import dataclass

SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class DecodedPng:
    width: int
    height: int
    rows: list[list[tuple[int, int, int]]]  # RGB, top row first

    def column(self, x: int) -> list[tuple[int, int, int]]:
        return [row[x] for row in self.rows]


def png_size(data: bytes) -> tuple[int, int]:
    """Width and height from the IHDR chunk, which must come first."""
    assert data[:8] == SIGNATURE, "not a PNG signature"
    length, kind = struct.unpack(">I4s", data[8:16])
    assert kind == b"IHDR" and length == 13
    return struct.unpack(">II", data[16:24])


def decode_png(data: bytes) -> DecodedPng:
    """An 8-bit paletted or RGB, non-interlaced PNG with unfiltered rows, as RGB pixels."""
    width, height = png_size(data)
    chunks: dict[bytes, bytes] = {}
    at = 8
    while at < len(data):
        length, kind = struct.unpack(">I4s", data[at : at + 8])
        body = data[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", data[at + 8 + length : at + 12 + length])
        assert crc == zlib.crc32(kind + body), f"bad CRC in {kind!r}"
        chunks[kind] = chunks.get(kind, b"") + body
        at += 12 + length
    assert at == len(data) and b"IEND" in chunks
    depth, colour_type, _, _, interlace = struct.unpack(">BBBBB", chunks[b"IHDR"][8:])
    assert depth == 8 and colour_type in (2, 3) and interlace == 0
    channels = 3 if colour_type == 2 else 1
    raw = zlib.decompress(chunks[b"IDAT"])
    stride = 1 + width * channels
    assert len(raw) == height * stride, "image data is not height rows of width pixels"
    palette = chunks.get(b"PLTE", b"")
    colours = [tuple(palette[i : i + 3]) for i in range(0, len(palette), 3)]
    rows = []
    for y in range(height):
        line = raw[y * stride : (y + 1) * stride]
        assert line[0] == 0, "only unfiltered rows are read here"
        if channels == 3:
            rows.append([tuple(line[1 + 3 * x : 4 + 3 * x]) for x in range(width)])
        else:
            rows.append([colours[index] for index in line[1:]])
    return DecodedPng(width, height, rows)
