"""A small paletted raster that draws filled rectangles and digits and saves itself as a PNG
with zlib: all the /stats chart needs, without an imaging library."""

from __future__ import annotations

import struct
import zlib
from collections.abc import Sequence

Colour = tuple[int, int, int]

# 3×5 digits, rows from the top; "#" is ink.
_DIGITS = {
    "0": ("###", "#.#", "#.#", "#.#", "###"),
    "1": (".#.", "##.", ".#.", ".#.", "###"),
    "2": ("###", "..#", "###", "#..", "###"),
    "3": ("###", "..#", "###", "..#", "###"),
    "4": ("#.#", "#.#", "###", "..#", "..#"),
    "5": ("###", "#..", "###", "..#", "###"),
    "6": ("###", "#..", "###", "#.#", "###"),
    "7": ("###", "..#", "..#", "..#", "..#"),
    "8": ("###", "#.#", "###", "#.#", "###"),
    "9": ("###", "#.#", "###", "..#", "###"),
}
GLYPH_WIDTH, GLYPH_HEIGHT = 3, 5
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def digits_width(digits: str, scale: int) -> int:
    """Width in pixels of `digits` drawn at `scale` (one glyph pixel of space between digits)."""
    return (len(digits) * (GLYPH_WIDTH + 1) - 1) * scale if digits else 0


class Canvas:
    """`width`×`height` pixels, each an index into `palette` (at most 256 colours)."""

    def __init__(self, width: int, height: int, palette: Sequence[Colour], background: int = 0):
        if not 0 < len(palette) <= 256:
            raise ValueError("a PNG palette holds 1 to 256 colours")
        self.width, self.height = width, height
        self.palette = list(palette)
        self.pixels = bytearray([background]) * (width * height)

    def fill(self, left: int, top: int, right: int, bottom: int, colour: int) -> None:
        """Paint the rectangle [left, right) × [top, bottom), clipped to the canvas."""
        left, right = max(left, 0), min(right, self.width)
        top, bottom = max(top, 0), min(bottom, self.height)
        if left >= right:
            return
        row = bytes([colour]) * (right - left)
        for y in range(top, bottom):
            self.pixels[y * self.width + left : y * self.width + right] = row

    def draw_digits(self, left: int, top: int, digits: str, colour: int, scale: int) -> None:
        """Write `digits` (0-9 only) with its top left corner at (left, top)."""
        for number, digit in enumerate(digits):
            x0 = left + number * (GLYPH_WIDTH + 1) * scale
            for row, line in enumerate(_DIGITS[digit]):
                for column, ink in enumerate(line):
                    if ink == "#":
                        x, y = x0 + column * scale, top + row * scale
                        self.fill(x, y, x + scale, y + scale, colour)

    def png(self) -> bytes:
        """The canvas as an 8-bit paletted PNG (every row unfiltered)."""
        width = self.width
        raw = b"".join(b"\x00" + self.pixels[y * width : (y + 1) * width] for y in range(self.height))
        header = struct.pack(">IIBBBBB", width, self.height, 8, 3, 0, 0, 0)
        palette = b"".join(bytes(colour) for colour in self.palette)
        return (
            PNG_SIGNATURE
            + _chunk(b"IHDR", header)
            + _chunk(b"PLTE", palette)
            + _chunk(b"IDAT", zlib.compress(raw))
            + _chunk(b"IEND", b"")
        )


def _chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
