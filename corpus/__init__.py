"""The bundled corpus: the articles shipped with corpusbot (see README "Corpus format")."""

from pathlib import Path

BUNDLED_CORPUS = Path(__file__).resolve().parent
