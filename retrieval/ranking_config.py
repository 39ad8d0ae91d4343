"""Every tuned number of ranking, in one frozen config per retrieval path (`ArabicRanking`,
`EnglishRanking`, with how English questions are expanded and names snapped) and one for the
BM25 model both share (`Bm25Parameters`), passed in so that the evaluator can sweep them; the
answer decision's numbers are in `retrieval/decision.py`. How the numbers were chosen:
docs/tuning.md."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bm25Parameters:
    """The index's BM25 model (both paths): Lucene's k1 and b, not rank_bm25's defaults."""

    k1: float = 0.9
    b: float = 0.4


@dataclass(frozen=True)
class ArabicRanking:
    """Arabic questions (and Arabizi read wholly into Arabic script).

    The headline is not indexed with the passages (it would count in every passage): a passage
    whose article's headline holds query terms gets `title_weight` of their weight added, after
    BM25 ranked `title_rerank_depth` times the passages needed. For a question asking when,
    where, how many or how long, the first `answer_kind_depth` of those whose own passage holds
    such an answer get `answer_kind_weight` of their score added. With passage embeddings the
    candidates are then reordered by BM25 scaled to the best plus `dense_weight` x cosine.
    In a snippet, for a question asking when / where / who / how many / how long, a sentence
    holding such an answer (or, for why, a reason's cue) weighs `answer_kind_bonus` more
    (`retrieval.snippets`). For "where", "who", "how long", "how many" and "on the sidelines of
    what" (`answer_passage_kinds`), the first result shows another passage of its article naming
    a place, a person, a duration, a number or an occasion in a sentence with
    `answer_passage_share` of the question's weight, scoring `answer_passage_ratio` of the first
    passage at least, when that one names none (for who, or none in a sentence holding as much
    of the weight) (`answering.answer_passage_first`): at size the lead often states the number
    the later passage matching the question's words lacks. A one-sentence snippet takes
    the next sentence when it holds `echo_share` of its weight again and the two fit in
    `echo_chars` (`snippets.best_sentences(echo=...)`; 0 for ablations).

    A spoken verb prefix of a question word is undone (`retrieval.dialect`) when the corpus
    holds the bare word in `min_snap_frequency` passages at least and `min_snap_ratio` times as
    often as the typed one, whose stem has `min_snap_stem` letters. With `joined_names`, a
    name the question splits (أبو عريش) is also searched joined when the articles write it so
    in `min_snap_frequency` passages, and a joined one they never write as its two parts
    (`retrieval.joined_names`; False for ablations).

    The question is embedded only when BM25's own evidence is not decisive
    (`retrieval.lexical_gate`): decisive when its best passage holds `decisive_coverage` of the
    question's idf mass and outscores the best passage of any other article by
    `decisive_margin` of its score (on the tuning sets, reranking never overturned such a lead
    or changed such an answer's outcome)."""

    candidates_per_result: int = 20  # looked at before giving up on filling k distinct-document slots
    title_weight: float = 0.3
    title_rerank_depth: int = 3
    answer_kind_weight: float = 0.2
    answer_kind_depth: int = 20
    dense_weight: float = 8.0
    answer_kind_bonus: float = 0.5
    answer_passage_ratio: float = 0.5
    answer_passage_share: float = 0.1
    answer_passage_kinds: tuple[str, ...] = ("where", "who", "duration", "count", "sidelines")
    echo_share: float = 0.8
    echo_chars: int = 500
    min_snap_frequency: int = 3
    min_snap_ratio: float = 10.0
    min_snap_stem: int = 3
    joined_names: bool = True
    decisive_coverage: float = 0.6
    decisive_margin: float = 0.4


@dataclass(frozen=True)
class NameSnapping:
    """How an English name is snapped to the corpus's spellings (`retrieval.english.names`)."""

    min_similarity: float = 0.6
    """Likeness of vowels and consonants a spelling with the name's consonant skeleton needs."""
    min_near_similarity: float = 0.64
    near_discount: float = 0.85
    """A spelling one consonant apart: its likeness x `near_discount` must reach
    `min_near_similarity`."""
    min_short_similarity: float = 0.8
    """A two-consonant skeleton ("Kerry": kr) matches many words: only a close spelling counts."""
    near_best: float = 0.05
    min_frequency_share: float = 0.2
    """A runner-up spelling is kept within `near_best` of the best one (Hollande: هولاند and
    هولندي alike; further behind it is another word sharing the skeleton: Messi, ميسيز) and when
    the corpus uses it at least `min_frequency_share` as often as the most used one."""
    rare_uses: int = 1
    rare_best: float = 0.15
    """A best spelling used in at most `rare_uses` passages is weighed against spellings up to
    `rare_best` behind it (by `min_frequency_share`): a misspelling or look-alike used once does
    not hide the name's usual spelling (Abdullah: عبدلله .91, عبدالله .83)."""
    min_everyday_share: float = 0.2
    """A capitalised word the dictionary also renders (Council: المجلس) is snapped only to a
    spelling the corpus uses at least `min_everyday_share` as often as that rendering: else
    the articles use the everyday word, and the look-alike (كاونسيل) is another name's."""
    tightened: bool = True
    """A spelling must also end as the name does (Aquilani is not العقلان, Bandar not بانذارة,
    Saleh not سالي), cover its whole skeleton (Iniesta is not عنيزة: its t is no ending the
    stemmer took), not write two consonants where the name has one (Tower is not تطوير), nor
    fewer repeated consonants (Tottenham is not تنام); False for ablations (docs/tuning.md)."""
    z_letters: bool = True
    """A z before a vowel is spelled with a zay, zah, dad or تس, never a seen (Rezaian is not
    رئيسيان), and a z may be a dad or zah (Reza: رضا); False for ablations (docs/tuning.md)."""


@dataclass(frozen=True)
class EnglishExpansion:
    """How an English question becomes Arabic concepts (`retrieval.english.expand`): how far a
    rendering is trusted by where it came from (the curated lexicon, the dictionary, the word as
    typed, an Arabic word of a mixed question), how many dictionary senses and corpus spellings
    of a name one word may bring."""

    lexicon_confidence: float = 1.0
    dictionary_confidence: float = 0.8
    latin_confidence: float = 1.0
    arabic_confidence: float = 1.0
    max_dictionary_senses: int = 4
    max_name_matches: int = 2
    names: NameSnapping = NameSnapping()
    hijri_years: bool = True
    """A year 1300-1499 is also rendered with the era glued on as the articles write it
    ("1436هـ", one term): "in 1435/1436H" otherwise lacked its year in the passage that has
    it; False for ablations (docs/tuning.md, "ennames")."""


@dataclass(frozen=True)
class EnglishRanking:
    """English and mixed questions: BM25 over the concepts scaled to the best passage, plus
    `dense_weight` x the passage's cosine as a z-score among all passages' cosines; snippets
    and the passage shown for "where" and "how old" as `ArabicRanking.answer_kind_bonus` and
    `ArabicRanking.answer_passage_ratio` (not for "who": an English question's person is a
    snapped name, and the rule cost the SaudiNewsNet held-out English snippet a question).

    The evidence handed to the decision: a passage's `margin` is its cosine minus the
    `margin_rank`-th best passage's; it is `agreed` when among the `agreement_rank` best both by
    words and by meaning.

    At size, where passages are scored by their article's vector (headline and lead), the first
    result shows its article's lead instead of the passage ranked first when the lead scores
    within `lead_margin` of it (`answering.lead_first`; the decision is taken on the ranked one)."""

    candidates_per_result: int = 20  # looked at before giving up on filling k distinct-document slots
    dense_weight: float = 0.22
    answer_kind_bonus: float = 0.5
    answer_passage_ratio: float = 0.5
    answer_passage_share: float = 0.1
    answer_passage_kinds: tuple[str, ...] = ("where", "age")
    margin_rank: int = 6
    agreement_rank: int = 3
    full_lexical_coverage: float = 0.6
    lead_margin: float = 0.4
    expansion: EnglishExpansion = EnglishExpansion()
    whole_missing: bool = True
    """A part the passages shown lack of a name of several capitalized words is said as the
    whole name (`missing.named_whole`): a reply's wording, no ranking or decision changes."""


Ranking = ArabicRanking | EnglishRanking
BM25_PARAMETERS = Bm25Parameters()
ARABIC_RANKING = ArabicRanking()
ENGLISH_RANKING = EnglishRanking()
ENGLISH_EXPANSION = ENGLISH_RANKING.expansion
NAME_SNAPPING = ENGLISH_EXPANSION.names
