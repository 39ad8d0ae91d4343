"""Shown results that repeat an earlier result's text, folded into it.

Two articles often carry the same paragraph without being near-duplicates as wholes (agency copy
an outlet wrapped in its own lead, a story republished under a new headline): 155 groups of
identical passages of unpaired articles in the 20,000-article SaudiNewsNet store. Shown twice,
the same sentences look like two pieces of evidence; the later one is left out and its article
cited as "also in" the earlier one.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TypeVar

from retrieval.models import Reprint, Result
from retrieval.normalize import normalize_arabic

# A snippet inside another counts as a repeat only when it is this long at least: a short
# sentence ("وأضاف المتحدث.") may recur in unrelated stories.
MIN_CONTAINED_CHARS = 60

_NOT_WORD = re.compile(r"\W+")

Chosen = TypeVar("Chosen")


def repeat_key(snippet: str) -> str:
    """The snippet's letters and digits only, Arabic spelling variants unified: what makes two
    snippets the same text whatever their spacing and punctuation."""
    return _NOT_WORD.sub("", normalize_arabic(snippet).lower())


def repeats(key: str, earlier: str) -> bool:
    """Whether a snippet with `key` says nothing an earlier one (`earlier`) does not."""
    if key == earlier:
        return True
    return len(key) >= MIN_CONTAINED_CHARS and key in earlier


def without_repeats(
    chosen: list[Chosen], results: tuple[Result, ...], passages: list[str]
) -> tuple[list[Chosen], tuple[Result, ...]]:
    """`chosen` and their `results` (in step; `passages`: the text of each one's passage)
    without the results whose passage or snippet repeats an earlier one's (a shared paragraph
    may come with a different sentence of each article beside it); the earlier result cites the
    left-out article (and its reprints) as "also in", unless another passage of it is shown.
    Ranks are renumbered."""
    kept: list[tuple[Chosen, Result, tuple[str, str]]] = []
    for candidate, result, passage in zip(chosen, results, passages, strict=True):
        keys = (repeat_key(passage), repeat_key(result.snippet))
        earlier = next((i for i, (_, _, seen) in enumerate(kept) if any(map(repeats, keys, seen))), None)
        if earlier is None:
            kept.append((candidate, result, keys))
            continue
        first_candidate, first, first_keys = kept[earlier]
        kept[earlier] = (first_candidate, _also_citing(first, result), first_keys)
    shown = {r.doc_id for _, r, _ in kept}
    return [c for c, _, _ in kept], tuple(
        replace(_citing_only_others(r, shown), rank=i) for i, (_, r, _) in enumerate(kept, 1)
    )


def _also_citing(result: Result, repeat: Result) -> Result:
    """`result` with `repeat`'s article and its reprints added to its "also in"."""
    cited = result.citation
    known = {cited.doc_id, *(r.doc_id for r in cited.also_in)}
    added = [Reprint(repeat.doc_id, repeat.citation.source, repeat.citation.url), *repeat.citation.also_in]
    also_in = cited.also_in + tuple({r.doc_id: r for r in added if r.doc_id not in known}.values())
    return replace(result, citation=replace(cited, also_in=also_in))


def _citing_only_others(result: Result, shown: set[str]) -> Result:
    """`result` without the articles shown as results of their own in its "also in"."""
    cited = result.citation
    also_in = tuple(r for r in cited.also_in if r.doc_id not in shown)
    return result if also_in == cited.also_in else replace(result, citation=replace(cited, also_in=also_in))
