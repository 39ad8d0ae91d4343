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
# Function and question words of Arabizi (Egyptian, Levantine, Gulf spellings), lower case.
FUNCTION_WORDS = frozenset(
    """el al il fe fi fel fil w wa we b bi be l le li ya men mn 3an 3ala 3la ma3 m3 mesh msh mish
    eh eih ay leh leih lesh leish feen fein fen wein wen wain emta imta amta ematy meen mein miin
    ezay ezzay izay kam kaam 2ad ad elly elli illi eli shu shou sho esh aysh eish ayh howa hwa
    heya hya homa hum ana enta enti ehna e7na da di dah deh dol keda kida bas kaman kamaan
    3ashan 3shan 3alashan 3lshan 3ashaan ba2a lessa lsa badd bade fih fi2 mafeesh mafish hal
    delwa2ty dilwa2ti halla2 hala2 naharda ennaharda embare7 mbare7 bokra bukra el7een ben bein
    anhy anhi bta3 beta3 ta3 ba3d 2abl abl 3and 3nd laa aywa tayeb keef kif shlon wesh ish lawen
    lwen ila ela mta3 dyal wach chno kifach 3lach""".split()
)
_ENGLISH_WORDS = STOPWORDS | QUESTION_WORDS
_MIN_SIGNALS = 2
# The article the model writes onto the next word ("el wafd" -> الوفد).
_ARTICLES = frozenset({"el", "al", "il", "l"})
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


def reading_runs(text: str) -> list[tuple[bool, str]]:
    """The question cut into runs: (True, Arabizi words to convert) or (False, words kept)."""
    runs: list[tuple[bool, str]] = []
    for token in _TOKEN_RE.findall(text):
        convert = not _stays_latin(_bare(token))
        if runs and runs[-1][0] == convert:
            runs[-1] = (convert, f"{runs[-1][1]} {token}")
        else:
            runs.append((convert, token))
    return runs


@dataclass(frozen=True)
class ArabiziReading:
    """A question's Arabic-script reading, and the Latin word each of its read words came from
    (when the run's words pair up: the model writes "el" onto the next word)."""

    text: str
    sources: tuple[tuple[str, str], ...] = ()  # (read word as written in `text`, Latin word)


def _paired(run: str, read: str) -> list[tuple[str, str]]:
    latin = [w for w in (_bare(t).lower() for t in run.split()) if w]
    latin = [w for i, w in enumerate(latin) if w not in _ARTICLES or i == len(latin) - 1]
    words = read.split()
    return list(zip(words, latin, strict=True)) if len(words) == len(latin) else []


class ArabiziReader:
    """The package's converter, loaded once; calls take turns (one native session)."""

    def __init__(self) -> None:
        from egyptian_arabizi_franco import Converter

        self._converter = Converter(threads=1)
        self._lock = threading.Lock()

    def read(self, text: str) -> ArabiziReading:
        """`text` with its Arabizi runs in Arabic script and its names left as typed."""
        text = " ".join(_CONTROL_RE.sub(" ", text).split())  # the reading is shown back to the user
        runs = reading_runs(text)
        pending = [part for convert, part in runs if convert]
        with self._lock:
            converted = self._converter.convert(pending) if pending else []
        done = iter(converted)
        reading = " ".join(next(done) if convert else part for convert, part in runs)
        sources = [pair for run, read in zip(pending, converted, strict=True) for pair in _paired(run, read)]
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
