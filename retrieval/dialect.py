"""Spoken Arabic (Levantine, Egyptian, Gulf, Maghrebi) in a question read as the articles write it.

On the question side only, and shown to the user as the reading when it changed what is searched:
question words and particles become their Modern Standard forms (شو -> ماذا, فين -> أين, اللي ->
الذي, رح dropped: stopwords, which change no search, but for الآن, which the articles write for
هلق, هلأ, دلوقتي and الحين); and a spoken verb prefix is undone (بيرأس -> يرأس, هتغني -> تغني,
هالفترة -> الفترة) when that is safe: the corpus commonly writes the bare word and rarely the typed one
(`ArabicRanking.min_snap_*`).

A letter that speech merges is restored (ت for ث: التلاته -> الثلاثه; د for ذ; ي for ئ) only in
a word the articles never write, when they commonly write the restored one (docs/tuning.md:
restoring it wherever the index knew the result was dropped twice). So is a verb's ending that
light stemming keeps (اتفقو, اتفقوا -> اتفقا as the articles write it: plural, spoken plural,
feminine and dual endings)."""

from __future__ import annotations

from collections.abc import Callable, Iterator

from retrieval.analysis import is_stopword
from retrieval.normalize import normalize_arabic, starts_arabic, word_table
from retrieval.ranking_config import ARABIC_RANKING, ArabicRanking
from retrieval.stemming import light_stem

# Spoken question words and particles -> the standard word (normalized spellings on the left).
_STANDARD = {
    **dict.fromkeys("شو ايش وش شنو اش".split(), "ماذا"),
    **dict.fromkeys("وين فين فاين".split(), "أين"),
    **dict.fromkeys("مين منو شكون".split(), "من"),
    **dict.fromkeys("امتى امتي ايمتى ايمتي وقتاش لايمتى ايمته".split(), "متى"),
    **dict.fromkeys("ليش ليه علاش".split(), "لماذا"),
    **dict.fromkeys("قديش كام شحال اديش قداش".split(), "كم"),
    **dict.fromkeys("شلون كيفاش ازاي".split(), "كيف"),
    **dict.fromkeys("اللي يلي".split(), "الذي"),
    **dict.fromkeys("هلق هلا دلوقتي الحين دحين".split(), "الآن"),
    **dict.fromkeys("هيك كده كدا".split(), "هكذا"),
}
# Particles of the spoken future and progressive, and of wanting and belonging, as stopwords
# are: dropped ("رح يبدأ" -> "يبدأ", "الاجتماع ديال بلينكن" -> "الاجتماع بلينكن").
_DROPPED = frozenset(
    map(
        normalize_arabic,
        "رح راح عم غادي بدو بدنا بدك بدكم بدهن ديال ديالو ديالها ديالهم ديالي ديالنا".split(),
    )
)


def read_dialect(
    question: str,
    frequency: Callable[[str], int],
    ranking: ArabicRanking = ARABIC_RANKING,
    written: Callable[[str], bool] | None = None,
    standard: bool = True,
) -> str:
    """`question` with spoken question words and particles in their standard form, spoken verb
    prefixes undone and, given `written` (whether the articles ever write a normalized word),
    merged letters restored and a verb's ending the articles do not write changed to one they do,
    where safe (`frequency`: passages holding an index term); the question itself when nothing
    changed. Without `standard`, function words are left as typed (an Arabizi reading: its
    question words are shown as read, and its content words only are respelt)."""
    parts, last = [], 0
    for norm, start, end in word_table(question):
        if not starts_arabic(norm):
            continue
        reading = ("" if norm in _DROPPED else _standard(norm)) if standard else None
        if reading is None and not is_stopword(norm):
            reading = unprefixed(norm, frequency, ranking)
            if reading is None and written is not None:
                reading = respelled(norm, frequency, written, ranking)
            if reading is None and written is not None:
                reading = inflected(norm, frequency, written, ranking)
        if reading is not None and normalize_arabic(reading) != norm:
            parts += [question[last:start], reading]
            last = end
    return " ".join("".join([*parts, question[last:]]).split()) if parts else question


def _standard(norm: str) -> str | None:
    """A spoken question word's or particle's standard form (also after و or ف), None for any
    other word."""
    bare = norm[1:] if len(norm) > 2 and norm[0] in "وف" and norm[1:] in _STANDARD else norm
    standard = _STANDARD.get(bare)
    return None if standard is None else norm[: len(norm) - len(bare)] + standard


def unprefixed(
    word: str, frequency: Callable[[str], int], ranking: ArabicRanking = ARABIC_RANKING
) -> str | None:
    """A normalized `word` without its spoken prefix (بـ or هـ/حـ before the present tense's
    ي ت ن; هالـ for الـ; عالـ for على الـ; Maghrebi فـ for في) or the spoken negation around it
    (مـ…ش), when the corpus commonly writes it so and rarely as typed; else None."""
    if len(word) > 4 and word[0] in "بهح" and word[1] in "يتن":
        bare = word[1:]  # بيرأس, هتغني, حنروح
    elif word.startswith(("هال", "عال")) and len(word) > 5:
        bare = word[1:]  # هالفترة, عالحدود
    elif len(word) > 5 and word[0] == "م" and word.endswith("ش"):
        bare = word[2:-1] if word[1] == "ا" else word[1:-1]  # ميطلقش, مايعرفش
    elif len(word) > 4 and word[0] == "ف" and word[1] != "ي":
        bare = word[1:]  # Maghrebi ف for في: فستوكهولم
    else:
        return None
    stem, bare_stem = light_stem(word), light_stem(bare)
    if len(stem) < ranking.min_snap_stem or len(bare_stem) < ranking.min_snap_stem:
        return None
    floor = _snap_floor(stem, frequency, ranking)
    if word.endswith("ا"):
        # A counted noun's accusative alif ("كم فداناً"): judged by the bare noun too, which the
        # articles write far more often (فدان, not دانا).
        floor = max(floor, _snap_floor(light_stem(word[:-1]), frequency, ranking))
    return bare if frequency(bare_stem) >= floor else None


def _snap_floor(stem: str, frequency: Callable[[str], int], ranking: ArabicRanking) -> float:
    """How many passages must hold a respelling of a word with `stem` for it to be read so."""
    return max(ranking.min_snap_frequency, ranking.min_snap_ratio * frequency(stem))


# Letters speech merges, and the letter the articles write: ت for ث (تلاتة), د for ذ (هادا),
# ي for ئ (القذايف), س for ث (Egyptian سانية), ز for ذ (Egyptian زكرى), ض for ظ (Gulf محافض).
_SPOKEN_LETTERS = {"ت": "ث", "د": "ذ", "ي": "ئ", "س": "ث", "ز": "ذ", "ض": "ظ"}


def respelled(
    word: str,
    frequency: Callable[[str], int],
    written: Callable[[str], bool],
    ranking: ArabicRanking = ARABIC_RANKING,
) -> str | None:
    """A normalized `word` the articles never write, with one merged letter (or every one of its
    kind) or its dropped final hamza as they write it (الحوتيه -> الحوثيه, السجنا -> السجناء),
    when they commonly write that and its stem is rare as typed; else None. A word they do write
    is left alone whatever its stem: الحوت (a whale) shares حوت with the misspelt الحوتيه."""
    stem = light_stem(word)
    if len(stem) < ranking.min_snap_stem:
        return None
    floor = _snap_floor(stem, frequency, ranking)
    best, best_count = None, 0
    for variant in _spoken_variants(word):
        variant_stem = light_stem(variant)
        count = frequency(variant_stem) if len(variant_stem) >= ranking.min_snap_stem else 0
        if count >= floor and count > best_count:
            best, best_count = variant, count
    return best if best is not None and not written(word) else None


def _spoken_variants(word: str) -> Iterator[str]:
    """`word` with one merged letter, or every one of its kind, as the articles write it, and
    with the final hamza speech drops (السجنا -> السجناء)."""
    for i, letter in enumerate(word[1:], 1):
        target = _SPOKEN_LETTERS.get(letter)
        if target is not None:
            yield word[:i] + target + word[i + 1 :]
            yield word.replace(letter, target)
    if word.endswith("ا"):
        yield word + "ء"


# Verb endings light stemming keeps: the plural's وا (spoken و), the feminine ت, the dual's تا / ا.
_VERB_ENDINGS = ("وا", "و", "تا", "ت", "ا")


def inflected(
    word: str,
    frequency: Callable[[str], int],
    written: Callable[[str], bool],
    ranking: ArabicRanking = ARABIC_RANKING,
) -> str | None:
    """A normalized verb the articles never write as typed (اتفقو, حشدت) as they write it: its
    bare form (اتفق) if they do, else its most written form with another of `_VERB_ENDINGS`,
    when those forms together are common and the typed one is rare; else None."""
    ending = next((e for e in _VERB_ENDINGS if word.endswith(e)), None)
    if ending is None or written(word):
        return None
    bare = word[: -len(ending)]
    if len(light_stem(bare)) < ranking.min_snap_stem:
        return None
    counts = {form: frequency(light_stem(form)) for form in (bare, *(bare + e for e in _VERB_ENDINGS))}
    counts.pop(word, None)
    best = bare if counts[bare] else max(counts, key=counts.get)  # the verb's own form first
    floor = _snap_floor(light_stem(word), frequency, ranking)
    return best if counts[best] and sum(counts.values()) >= floor else None
