"""English questions over the Arabic corpus: English words and phrases become weighted Arabic
index terms (curated lexicon, Debian's FreeDict dictionary, names snapped to the corpus's
spelling), fused with a multilingual dense ranking when passage embeddings are available."""
