"""A synthetic Arabic news corpus for benchmarks: fixed seed, Zipfian vocabulary seeded from real
Arabic words (the bundled corpus and the XQuAD excerpt), articles of one-passage paragraphs, and
questions written from passages the way people ask them (a question word and a few of the
passage's content words).

The same size and seed always give the same files, so runs on different days compare.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from retrieval.normalize import normalize_arabic, word_spans
from retrieval.stopwords import STOPWORDS

ROOT = Path(__file__).resolve().parent.parent
SEED_SOURCES = (ROOT / "corpus", ROOT / "tests" / "data" / "xquad-dev" / "corpus.jsonl")
GENERATOR_VERSION = 2  # bump whenever the output changes
DOCS_PER_FILE = 500
PARAGRAPHS_PER_ARTICLE = (4, 13)  # each paragraph is one passage
SENTENCES_PER_PARAGRAPH = (2, 5)
WORDS_PER_SENTENCE = (8, 22)
# Zipf-Mandelbrot p(rank) ~ 1 / (rank + q)^s over the vocabulary.
ZIPF_S = 1.0
ZIPF_Q = 2.7
# Articles have topics: a share of each passage's words comes from a few words the article is
# about (names, places), so terms repeat within an article as they do in news.
TOPIC_SHARE = 0.12
TOPIC_WORDS = 12
TOPIC_RANKS = (150, 30_000)
QUESTION_WORDS = ("ما", "من", "متى", "أين", "كم", "كيف", "لماذا", "هل", "ماذا", "ما هو", "ما هي", "في أي")
OUTLETS = ("الشرق للأخبار", "وكالة الأنباء", "صحيفة الغد", "الجزيرة نت", "بي بي سي عربي", "سكاي نيوز عربية")
_ARABIC_WORD_RE = re.compile(r"^[\u0621-\u064a]+$")


def seed_words() -> Counter[str]:
    """Arabic surface words and their counts in the real texts shipped with the project."""
    texts: list[str] = []
    for source in SEED_SOURCES:
        if source.is_dir():
            texts += [p.read_text(encoding="utf-8") for p in sorted(source.glob("*.txt"))]
        elif source.is_file():
            texts += [json.loads(line)["text"] for line in source.read_text(encoding="utf-8").splitlines()]
    counts: Counter[str] = Counter()
    for text in texts:
        for span in word_spans(text):
            word = text[span.start : span.end]
            if _ARABIC_WORD_RE.match(word):
                counts[word] += 1
    return counts


class _PseudoWords:
    """A character trigram model of the seed words, for the long tail of rare words (names,
    inflections) that a small seed text cannot supply."""

    def __init__(self, words: list[str], rng: np.random.Generator):
        table: dict[str, Counter[str]] = {}
        for word in words:
            padded = "^^" + word + "$"
            for i in range(len(padded) - 2):
                table.setdefault(padded[i : i + 2], Counter())[padded[i + 2]] += 1
        self._next = {
            key: (list(c), np.cumsum(np.array(list(c.values()), dtype=float)) / sum(c.values()))
            for key, c in table.items()
        }
        self._rng = rng

    def word(self) -> str:
        out, key = "", "^^"
        while len(out) < 12:
            chars, cdf = self._next[key]
            ch = chars[min(int(np.searchsorted(cdf, self._rng.random())), len(chars) - 1)]
            if ch == "$":
                break
            out += ch
            key = key[1] + ch
        return out


def vocabulary(size: int, rng: np.random.Generator) -> list[str]:
    """`size` distinct words, most frequent first: real words by their real frequency, then
    pseudo-words."""
    counts = seed_words()
    words = [w for w, _ in sorted(counts.items(), key=lambda item: (-item[1], item[0]))][:size]
    seen = set(words)
    model = _PseudoWords(words, rng)
    while len(words) < size:
        word = model.word()
        if len(word) >= 3 and word not in seen:
            seen.add(word)
            words.append(word)
    return words


def vocabulary_size(passages: int) -> int:
    """Heaps' law: distinct words grow as a power of the text's length."""
    tokens = passages * 55
    return max(8_000, int(30 * tokens**0.55))


@dataclass(frozen=True)
class Question:
    question: str
    doc_id: str
    paragraph: int


class CorpusWriter:
    """Generates articles and questions; `write(out_dir)` lays out a corpus directory."""

    def __init__(self, passages: int, seed: int = 20240601):
        self.target = passages
        self.rng = np.random.default_rng(seed)
        self.words = vocabulary(vocabulary_size(passages), self.rng)
        self._is_content = np.array([normalize_arabic(w) not in STOPWORDS for w in self.words])
        ranks = np.arange(1, len(self.words) + 1, dtype=float)
        weights = 1.0 / (ranks + ZIPF_Q) ** ZIPF_S
        self._cdf = np.cumsum(weights) / weights.sum()

    def _sample(self, n: int) -> np.ndarray:
        return np.minimum(np.searchsorted(self._cdf, self.rng.random(n)), len(self.words) - 1)

    def _article(self, n_paragraphs: int) -> list[np.ndarray]:
        """Word ids of each sentence of each paragraph."""
        low, high = TOPIC_RANKS
        topic = self.rng.integers(low, min(high, len(self.words)), TOPIC_WORDS)
        paragraphs = []
        for _ in range(n_paragraphs):
            n_sentences = int(self.rng.integers(*SENTENCES_PER_PARAGRAPH))
            lengths = self.rng.integers(*WORDS_PER_SENTENCE, size=n_sentences)
            ids = self._sample(int(lengths.sum()))
            from_topic = self.rng.random(ids.size) < TOPIC_SHARE
            ids[from_topic] = topic[self.rng.integers(0, TOPIC_WORDS, int(from_topic.sum()))]
            paragraphs.append(np.split(ids, np.cumsum(lengths)[:-1]))
        return paragraphs

    def _question(self, sentences: list[np.ndarray]) -> str | None:
        ids = np.unique(np.concatenate(sentences))
        content = ids[self._is_content[ids]]
        if content.size < 2:
            return None
        n = int(self.rng.integers(2, min(5, content.size) + 1))
        chosen = [self.words[i] for i in self.rng.choice(content, n, replace=False)]
        if self.rng.random() < 0.3:  # a word the passage does not have, as people paraphrase
            chosen.insert(int(self.rng.integers(0, n + 1)), self.words[int(self._sample(1)[0])])
        opener = QUESTION_WORDS[int(self.rng.integers(0, len(QUESTION_WORDS)))]
        return f"{opener} {' '.join(chosen)}؟"

    def write(self, out_dir: Path, questions: int = 1000) -> tuple[int, list[Question]]:
        """Write the corpus as JSON Lines files under `out_dir`; return (passages, questions)."""
        out_dir.mkdir(parents=True, exist_ok=True)
        written = 0
        doc_number = 0
        asked: list[Question] = []
        # Ask about a passage with this probability so the questions spread over the corpus.
        ask_rate = min(1.0, 2.0 * questions / self.target)
        batch: list[str] = []
        while written < self.target:
            n_paragraphs = min(int(self.rng.integers(*PARAGRAPHS_PER_ARTICLE)), self.target - written)
            article = self._article(n_paragraphs)
            doc_id = f"syn-{doc_number:07d}"
            paragraphs = [" ".join(" ".join(self.words[i] for i in s) + "." for s in p) for p in article]
            for number, sentences in enumerate(article):
                if len(asked) < questions and self.rng.random() < ask_rate:
                    text = self._question(sentences)
                    if text:
                        asked.append(Question(text, doc_id, number))
            title = " ".join(self.words[i] for i in article[0][0][:8])
            year, month, day = 2015 + doc_number % 10, 1 + doc_number % 12, 1 + doc_number % 28
            row = {
                "doc_id": doc_id,
                "title": title,
                "source": OUTLETS[doc_number % len(OUTLETS)],
                "date": f"{year}-{month:02d}-{day:02d}",
                "text": "\n\n".join(paragraphs),
            }
            batch.append(json.dumps(row, ensure_ascii=False))
            written += n_paragraphs
            doc_number += 1
            if len(batch) == DOCS_PER_FILE:
                _write_batch(out_dir, doc_number, batch)
                batch = []
        if batch:
            _write_batch(out_dir, doc_number, batch)
        return written, asked


def _write_batch(out_dir: Path, doc_number: int, batch: list[str]) -> None:
    name = out_dir / f"part-{(doc_number - 1) // DOCS_PER_FILE:05d}.jsonl"
    name.write_text("\n".join(batch) + "\n", encoding="utf-8")


def generate(passages: int, out_dir: Path, *, seed: int = 20240601, questions: int = 1000) -> Path:
    """Generate (or reuse) the corpus of `passages` passages in `out_dir`/corpus, with
    `out_dir`/questions.jsonl; returns `out_dir`."""
    marker = out_dir / "DONE.json"
    expected = {"passages": passages, "seed": seed, "questions": questions, "version": GENERATOR_VERSION}
    if marker.is_file() and json.loads(marker.read_text()) == expected:
        return out_dir
    corpus_dir = out_dir / "corpus"
    if corpus_dir.is_dir():
        for old in corpus_dir.glob("*.jsonl"):
            old.unlink()
    _, asked = CorpusWriter(passages, seed).write(corpus_dir, questions)
    with (out_dir / "questions.jsonl").open("w", encoding="utf-8") as out:
        for q in asked:
            out.write(json.dumps(q.__dict__, ensure_ascii=False) + "\n")
    marker.write_text(json.dumps(expected))
    return out_dir


def load_questions(out_dir: Path) -> list[Question]:
    with (out_dir / "questions.jsonl").open(encoding="utf-8") as lines:
        return [Question(**json.loads(line)) for line in lines if line.strip()]
