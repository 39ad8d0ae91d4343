"""A run of capitalized words read as one name ("Financial Times", "Orlando City"): a word of it
that is also an everyday word ("Times": مرات) is given its transliteration too, where the
articles write that right beside a rendering of its neighbour in the run (فاينانشال تايمز)."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

import numpy as np

from retrieval.analysis import analyze, index_terms
from retrieval.english.expand import Concept, Rendering
from retrieval.english.lexicon import curated_names
from retrieval.english.names import NameIndex
from retrieval.english.words import capitalized_runs
from retrieval.index import SearchIndex
from retrieval.normalize import normalized_words
from retrieval.ranking_config import NameRuns


def read_runs(
    index: SearchIndex, names: NameIndex, question: str, concepts: list[Concept], runs: NameRuns
) -> list[Concept]:
    """`concepts` with each everyday word of a capitalized run also rendered by the look-alike
    the articles write beside a rendering of its neighbour (either order: Arabic puts the
    head first, "Armed Forces" is القوات المسلحة)."""
    by_english = {c.english: i for i, c in enumerate(concepts)}
    added: dict[int, list[Rendering]] = {}
    beside = _Beside(index, runs.passages_read)
    for run in capitalized_runs(question):
        units = [by_english[w] for w in run if w in by_english]
        options = {i: _options(index, names, concepts[i], runs) for i in units}
        for left, right in pairwise(units):
            for one, other in ((left, right), (right, left)):
                found = _written_beside(beside, options[one][1], options[other][0] + options[other][1], runs)
                if found is not None:
                    added.setdefault(one, []).append(found)
    out = list(concepts)
    for i, renderings in added.items():
        have = {r.terms for r in out[i].renderings}
        new = [r for r in renderings if r.terms not in have]
        out[i] = replace(out[i], renderings=(*out[i].renderings, *dict.fromkeys(new)))
    return out


def _options(
    index: SearchIndex, names: NameIndex, concept: Concept, runs: NameRuns
) -> tuple[list[Rendering], list[Rendering]]:
    """A concept's own one-term renderings the index knows, and, for an everyday word (no
    snapped name, no place or person of the curated lexicon), its look-alikes as renderings:
    those no more common than a name is (عامين, "two years", is no spelling of "Women")."""
    own = [
        r for r in concept.renderings if len(r.terms) == 1 and r.source != "latin" and index.known(r.terms[0])
    ]
    if " " in concept.english or any(r.source == "name" for r in concept.renderings):
        return own, []
    if concept.english.lower() in curated_names():
        return own, []
    look: dict[tuple[str, ...], Rendering] = {}  # one per term: التميز, للتميز are تميز
    for match in names.look_alikes(concept.english):
        terms = tuple(dict.fromkeys(analyze(match.term)))
        if (
            len(terms) == 1
            and terms not in look
            and 0 < index.scorer.document_frequency(terms[0]) <= runs.max_passages
        ):
            look[terms] = Rendering(terms, "name", match.similarity, match.term)
            if len(look) == runs.look_alikes:
                break
    return own, list(look.values())


def _written_beside(
    beside: _Beside, looks: list[Rendering], neighbours: list[Rendering], runs: NameRuns
) -> Rendering | None:
    """The most alike look-alike written right after or before one of `neighbours` in
    `runs.min_passages` passages."""
    for look in looks:
        if any(beside.seen(look.terms[0], n.terms[0], runs.min_passages) for n in neighbours):
            return look
    return None


class _Beside:
    """Whether two terms are written side by side, read from up to `reads` passages holding
    both (what is read is remembered for one question)."""

    def __init__(self, index: SearchIndex, reads: int):
        self._index = index
        self._reads = reads
        self._held: dict[str, np.ndarray] = {}
        self._words: dict[int, list[str]] = {}

    def seen(self, first: str, second: str, times: int) -> bool:
        """Whether some `times` passages write `first` and `second` side by side, either order."""
        if first == second:
            return False
        both = np.intersect1d(self._holding(first), self._holding(second), assume_unique=True)
        if len(both) < times:
            return False
        found = 0
        for position in both[: self._reads].tolist():
            found += _side_by_side(self._passage_words(position), first, second)
            if found >= times:
                return True
        return False

    def _holding(self, term: str) -> np.ndarray:
        if term not in self._held:
            self._held[term] = self._index.scorer.passages_holding(term)
        return self._held[term]

    def _passage_words(self, position: int) -> list[str]:
        if position not in self._words:
            self._words[position] = normalized_words(self._index.passage_text(position))
        return self._words[position]


def _side_by_side(words: list[str], first: str, second: str) -> bool:
    """Whether a word of term `first` has one of term `second` right before or after it. A
    light stem is part of its word, so only the words holding `first`'s letters are analysed
    (the whole passage's analysis made a question's runs cost a tenth of a second)."""
    for i, word in enumerate(words):
        if first in word and index_terms([word]) == [first]:
            beside = words[max(i - 1, 0) : i] + words[i + 1 : i + 2]
            if any(second in other and index_terms([other]) == [second] for other in beside):
                return True
    return False
