"""Arabizi: Arabic typed in Latin letters and digits ("Blinken w Lavrov et2ablo awel marra fein?"),
as many Telegram users write it. Recognised here, and read into Arabic script so the question
takes the Arabic-aware path: the Arabizi words become Arabic words (by egyptian-arabizi-franco's
small bundled character model), while names and news words stay Latin for the English path's
lexicon and name snapping (the model spells "Moscow" مسو; the lexicon knows موسكو).

Optional: without the package an Arabizi question is answered as an English one (dense retrieval
still finds much), and `corpusbot doctor` says so.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from retrieval.english.lexicon import lexicon
from retrieval.english.words import QUESTION_WORDS
from retrieval.normalize import word_table
from retrieval.stopwords import STOPWORDS

log = logging.getLogger(__name__)

PACKAGE = "egyptian-arabizi-franco"
# Digits that stand for Arabic letters (2 hamza, 3 ain, 5 kha, 6 tah, 7 hah, 8 qaf, 9 sad),
# inside or at the end of a lower-case word: "3an", "2al2ana", "ma3". Not "g7", "cop26", "2021".
_DIGIT_WORD_RE = re.compile(r"^[a-z]*[2356789][a-z]+[a-z0-9]*$|^[a-z]{2,}[2356789]$")
# Function and question words are a closed class: read by this table, not by the model, which
# misreads several out of context ("wein" -> اوان, "ish" -> الش, "b kam" -> اب كام) and would hide
# the question's kind (where, how many) from the answer-kind rules.
_FIXED_SPELLINGS = """
    في: fi fe
    عن: 3an
    على: 3ala 3la
    مع: ma3 m3
    من: men mn
    بين: ben bein
    بعد: ba3d
    قبل: 2abl abl
    عند: 3and 3nd
    الى: ila ela
    و: w wa we
    ب: b bi be
    ل: l le li
    يا: ya
    هل: hal
    لا: laa
    بس: bas
    كمان: kaman kamaan
    عشان: 3ashan 3shan 3alashan 3lshan 3ashaan
    مش: mesh msh mish
    مفيش: mafeesh mafish
    فيه: fih
    لسه: lessa lsa
    بقى: ba2a
    ايه: eh eih ayh
    اي: ay
    ليه: leh leih
    ليش: lesh leish
    علاش: 3lach
    فين: feen fein fen
    وين: wein wen wain
    لوين: lawen lwen
    انهي: anhy anhi
    امتى: emta imta amta ematy
    مين: meen mein miin
    ازاي: ezay ezzay izay
    كم: kam kaam
    شو: shu shou sho
    ايش: esh aysh eish ish
    وش: wesh
    واش: wach
    شنو: chno
    كيف: keef kif
    شلون: shlon
    كيفاش: kifach
    هو: howa hwa
    هي: heya hya
    هم: homa hum
    انا: ana
    انت: enta
    انتي: enti
    احنا: ehna e7na
    ده: da dah deh
    دي: di
    دول: dol
    كده: keda kida
    اللي: elly elli illi eli
    دلوقتي: delwa2ty dilwa2ti
    هلق: halla2 hala2
    النهارده: naharda ennaharda
    امبارح: embare7 mbare7
    بكرة: bokra bukra
    الحين: el7een
    بتاع: bta3 beta3
    تاع: ta3
    متاع: mta3
    ديال: dyal
    بدي: badd bade
    ايوه: aywa
    طيب: tayeb
"""
FIXED_SPELLINGS = {
    latin: arabic.strip()
    for line in _FIXED_SPELLINGS.strip().splitlines()
    for arabic, latins in [line.split(":")]
    for latin in latins.split()
}
# A particle written together with the article ("fel a7sa" = في الاحسا): the particle by the
# table, the article left to the model on the next word.
_WITH_ARTICLE = {
    **dict.fromkeys(("fel", "fil"), "في"),
    **dict.fromkeys(("bel", "bil"), "ب"),
    **dict.fromkeys(("lel", "lil"), "ل"),
    **dict.fromkeys(("wel", "wil"), "و"),
    "3al": "على",
}
# The article the model writes onto the next word ("el wafd" -> الوفد).
_ARTICLES = frozenset({"el", "al", "il", "l"})
# Function and question words of Arabizi (Egyptian, Levantine, Gulf, Maghrebi spellings), lower
# case: the table's, the particles with the article, the article, and a few left to the model
# ("2ad": قد or أد; "fi2").
FUNCTION_WORDS = frozenset(FIXED_SPELLINGS) | frozenset(_WITH_ARTICLE) | _ARTICLES | {"2ad", "ad", "fi2"}
_ENGLISH_WORDS = STOPWORDS | QUESTION_WORDS
_MIN_SIGNALS = 2
# Spellings of a word weighed when its reading is not a corpus word: how many, the beam's width,
# and how far below the best (log-probability) one may be.
SPELLINGS = 6
SPELLING_BEAM = 8
SPELLING_MARGIN = 4.0
_TOKEN_RE = re.compile(r"\S+")
_WORD_RE = re.compile(r"[A-Za-z0-9']+")
_CONTROL_RE = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def _bare(token: str) -> str:
    match = _WORD_RE.search(token)
    return match.group() if match else ""


def is_arabizi_word(word: str) -> bool:
    """An Arabizi word by its form: a function word, or Arabizi digits among letters."""
    lower = word.lower()
    return lower in FUNCTION_WORDS or bool(_DIGIT_WORD_RE.match(lower))


def looks_like_arabizi(text: str) -> bool:
    """Whether a Latin-script question is Arabizi rather than English: at least two Arabizi
    signals (function words, digit-letter words) and more of them than English function words."""
    words = [w for w in (_bare(t) for t in _TOKEN_RE.findall(text)) if w]
    signals = [w for w in words if is_arabizi_word(w)]
    english = sum(w.lower() in _ENGLISH_WORDS and w.lower() not in FUNCTION_WORDS for w in words)
    # One-letter clitics (w, b, l) alone are no evidence: "L L" is not Arabizi.
    telling = any(len(w) > 1 for w in signals)
    return telling and len(signals) >= _MIN_SIGNALS and len(signals) > english


def _stays_latin(word: str) -> bool:
    """Names (capitalized) and words of the news lexicon keep their Latin spelling."""
    if not word or is_arabizi_word(word) or any(ch.isdigit() for ch in word):
        return False
    return word[0].isupper() or (word.lower(),) in lexicon()


def _read_tokens(text: str) -> list[tuple[bool, str]]:
    """Each token as (True, an Arabizi word for the model) or (False, kept: a name or news word
    as typed, a function word in its fixed Arabic); an article before no Arabizi word is dropped."""
    tokens: list[tuple[bool, str]] = []
    for token in _TOKEN_RE.findall(text):
        bare = _bare(token)
        lower = bare.lower()
        if lower in FIXED_SPELLINGS:
            tokens.append((False, token.replace(bare, FIXED_SPELLINGS[lower], 1)))
        elif bare.isdigit():  # a number is kept as typed, not read by the model
            tokens.append((False, token))
        elif lower in _WITH_ARTICLE:
            tokens += [(False, token.replace(bare, _WITH_ARTICLE[lower], 1)), (True, "el")]
        else:
            tokens.append((not _stays_latin(bare), token))
    return [
        (convert, token)
        for (convert, token), after in zip(tokens, [*tokens[1:], (False, "")], strict=True)
        if not (_bare(token).lower() in _ARTICLES and not after[0])
    ]


def reading_units(text: str) -> list[tuple[bool, str]]:
    """The question cut into units: (True, an Arabizi word, with the article written onto it, to
    convert) or (False, a word kept). Read one by one: in a run of words the model's reading of a
    word changes with its neighbours ("el motaHades besm" -> المطحد سبم)."""
    units: list[tuple[bool, str]] = []
    for convert, token in _read_tokens(text):
        if convert and units and units[-1][0] and units[-1][1].lower() in _ARTICLES:
            units[-1] = (True, f"{units[-1][1]} {token}")
        else:
            units.append((convert, token))
    return units


@dataclass(frozen=True)
class ArabiziReading:
    """A question's Arabic-script reading, and the Latin word each of its read words came from
    (the model writes "el" onto the word it belongs to)."""

    text: str
    sources: tuple[tuple[str, str], ...] = ()  # (read word as written in `text`, Latin word)


def _paired(unit: str, read: str) -> list[tuple[str, str]]:
    """The read word and the Latin word of a unit, when the reading is one word."""
    words = read.split()
    return [(words[0], _bare(unit.split()[-1]).lower())] if len(words) == 1 else []


class ArabiziReader:
    """The package's converter, loaded once; calls take turns (one native session)."""

    def __init__(self) -> None:
        from egyptian_arabizi_franco import Converter

        self._converter = Converter(threads=1)
        self._lock = threading.Lock()

    def read(self, text: str) -> ArabiziReading:
        """`text` with its Arabizi words in Arabic script and its names left as typed."""
        text = " ".join(_CONTROL_RE.sub(" ", text).split())  # the reading is shown back to the user
        units = reading_units(text)
        pending = [part for convert, part in units if convert]
        with self._lock:
            converted = self._converter.convert(pending) if pending else []
        done = iter(converted)
        reading = " ".join(next(done) if convert else part for convert, part in units)
        pairs = zip(pending, converted, strict=True)
        sources = [pair for unit, read in pairs for pair in _paired(unit, read)]
        return ArabiziReading(reading, tuple(sources))

    def spellings(self, word: str) -> list[tuple[str, float]]:
        """The model's likeliest spellings of one Latin word with their log-probabilities, best
        first (beam search over its decoder: the reading keeps only the first)."""
        with self._lock:
            return beam_spellings(self._converter.engine, word.lower(), SPELLINGS, SPELLING_BEAM)


@lru_cache(maxsize=1)
def load_reader() -> ArabiziReader | None:
    """The process-wide reader, or None (logged once) when the package cannot be loaded."""
    try:
        return ArabiziReader()
    except (ImportError, OSError, RuntimeError) as exc:
        log.warning("Arabizi questions are read as English (%s not available: %s)", PACKAGE, exc)
        return None


@lru_cache(maxsize=256)
def read_arabizi(text: str) -> ArabiziReading | None:
    """The Arabic-script reading of an Arabizi question with the words it came from; None when
    it is not Arabizi or the reader is missing. Cached: a question is read again for "more results"."""
    if not looks_like_arabizi(text):
        return None
    reader = load_reader()
    return reader.read(text) if reader is not None else None


@lru_cache(maxsize=1024)
def other_spellings(word: str) -> tuple[str, ...]:
    """Arabic spellings of a Latin Arabizi word the model finds nearly as likely as its best, best
    first; none without the reader."""
    reader = load_reader()
    found = reader.spellings(word) if reader is not None else []
    return tuple(text for text, score in found if text and score >= found[0][1] - SPELLING_MARGIN)


def arabizi_others(reading: ArabiziReading) -> Callable[[str], tuple[str, ...]]:
    """For a normalized word of `reading`: the other likely spellings of the Latin word it was
    read from, normalized, with the article the reading wrote onto it."""
    sources = {norm: latin for word, latin in reading.sources for norm, _, _ in word_table(word)[:1]}

    def others(norm: str) -> tuple[str, ...]:
        if norm not in sources:
            return ()
        article = "ال" if norm.startswith("ال") else ""
        spelt = [n for other in other_spellings(sources[norm]) for n, _, _ in word_table(other)[:1]]
        return tuple(n if n.startswith(article) else article + n for n in spelt if n != norm)

    return others


def beam_spellings(engine, word: str, k: int, width: int) -> list[tuple[str, float]]:
    """Beam search over the package's encoder and decoder (onnxruntime sessions) for `word`."""
    ids = engine._ids(word) or [engine.unk]
    src = np.array([ids], dtype=np.int64)
    memory = engine.enc.run(None, {"src": src})[0]
    live: list[tuple[list[int], float]] = [([engine.bos], 0.0)]
    done: list[tuple[list[int], float]] = []
    for _ in range(min(engine.max_len, len(ids) + 20)):
        n = len(live)
        feed = {"ys": np.array([seq for seq, _ in live], dtype=np.int64)}
        feed |= {"memory": np.repeat(memory, n, axis=0), "src": np.repeat(src, n, axis=0)}
        logits = engine.dec.run(None, feed)[0]
        top = logits.max(axis=-1, keepdims=True)
        log_probs = logits - top - np.log(np.exp(logits - top).sum(axis=-1, keepdims=True))
        grown = [
            ([*seq, int(t)], score + float(row[t]))
            for (seq, score), row in zip(live, log_probs, strict=True)
            for t in np.argsort(row)[::-1][:width]
        ]
        grown.sort(key=lambda hypothesis: -hypothesis[1])
        live = []
        for seq, score in grown[:width]:
            (done if seq[-1] == engine.eos else live).append((seq, score))
        done.sort(key=lambda hypothesis: -hypothesis[1])
        # Scores only fall as a spelling grows: none alive can beat the k-th one finished.
        if not live or (len(done) >= k and live[0][1] < done[k - 1][1]):
            break
    return [("".join(engine.chars[i] for i in seq[1:-1] if i > engine.unk), score) for seq, score in done[:k]]
