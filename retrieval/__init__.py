"""Search engine for corpusbot: ingest, Arabic text analysis, BM25 retrieval, snippets."""

import os

# A question against the corpus's vectors is a matrix-vector product: memory-bound, so BLAS
# threads only contend with each other and with the rest of the machine (20,000 article vectors
# on 2 shared cores: 60 ms with two OpenBLAS threads, 1.7 ms with one). Must precede numpy.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
