"""Search engine for corpusbot: ingest, Arabic text analysis, BM25 retrieval, snippets."""
