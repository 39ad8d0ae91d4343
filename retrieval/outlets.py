"""Learn each outlet's furniture from the whole corpus and cut it from the article edges.

An outlet prints the same things at the top and the bottom of its articles: bylines and
datelines ("Name- Outlet- City:", "Outlet – City"), share prompts, footers ("link to this story
in Outlet: <headline>"), tag lines, agency end marks. Per outlet, the words (digits masked) at
each edge are counted by article in two ways: phrases of the edge segments (a short first or
last paragraph without a full stop, the start of the first paragraph up to a colon, the end of
the last paragraph after its last full stop), and the opening and closing runs of words (the
headline masked). What recurs at the same edge of many of an outlet's articles is a marker; an
edge holding one is furniture: cut, never rewritten, the head kept as the article's credit.
The same markers find what the counted segments miss: a byline after a deck's items in their
paragraph or ended by its marker alone, a paragraph of captions ending in one, a footer with
the teaser it carries, a tag line with a full stop among its tags or glued to the last line.
Counting is linear and the cuts are bounded to text without a full stop at the very edges, so
a body sentence is never cut, and a small corpus (too few articles per outlet) loses nothing.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from retrieval.dates import infer_date
from retrieval.documents import Document
from retrieval.normalize import word_table
from retrieval.stopwords import STOPWORDS


@dataclass(frozen=True)
class FurnitureConfig:
    """The tuned numbers of furniture learning, in one place."""

    min_articles: int = 8  # a marker recurs in at least this many of an outlet's articles
    min_share: float = 0.025  # ... and in this share of them
    edge_paragraphs: int = 3  # paragraphs examined at each end
    short_paragraph_words: int = 14  # a paragraph this short without a full stop is an edge line
    head_prefix_words: int = 8  # "Name- Outlet- City:" ends with a colon within this many words
    tail_suffix_words: int = 40  # text after the last full stop of the last paragraph
    ngram: int = 3  # segment markers are phrases of up to this many words
    ngram_window: int = 4  # ... taken from the first and last words of a segment
    run_words: int = 12  # opening / closing runs are counted up to this many words
    run_alone_words: int = 6  # a run this long is cut even with no punctuation to end it
    single_word_share: float = 0.10  # a one-word marker must be this common (a name, a city...)
    anywhere_words: int = 3  # a marker this long counts anywhere in a segment, not only at its ends
    edge_chars: int = 400  # only this much of a paragraph's start or end is read for runs
    inside_share: float = 1.05  # a phrase seen at most this often as a longer marker is not one
    deck_item_sentences: int = 2  # a deck's "- item" runs on for at most this many sentences more
    glued_tags: int = 2  # a tag line glued to the last paragraph holds at least this many tags


CONFIG = FurnitureConfig()
HEAD, TAIL = "head", "tail"
OPENING, CLOSING, TITLE = "^ ", "$ ", "<title>"
HEADLINE = "¶ "  # a headline's section label: "Outlet-section / headline"
_RUN_MARKS = (OPENING[0], CLOSING[0], HEADLINE[0])
_LABEL_RE = re.compile(r"^\s*[/|]\s*")
_SENTENCE_END_RE = re.compile(r"[.!?؟…](?:[\"”»'’)\]]*)(?=\s|$)")
_DIGITS_RE = re.compile(r"\d+")
_LEADING_JUNK_RE = re.compile(r"^[\s\-–—:|/،,.]+")
_TRAILING_JUNK_RE = re.compile(r"[\s\-–—:|/،,]+$")
_SEPARATOR_RE = re.compile(r"[:\-–—|/]")
_BOUNDARY_RE = re.compile(r"^\s*(?:[:\-–—|/،,.]|$)")
# A summary line of the deck some outlets print above the byline ("- text"): the byline
# after such lines is still the article's head.
_DECK_LINE_RE = re.compile(r"^\s*[-–—•]\s")
_PARENTHETICAL_RE = re.compile(r"\([^()]*\)")
# A labelled note right after a head ("(photos: Name)") belongs to it.
_HEAD_NOTE_RE = re.compile(r"[\s\-–—|،,]*\([^()]{0,80}[:/][^()]{0,80}\)")


@dataclass(frozen=True)
class Segment:
    """A stretch of an edge paragraph: `paragraph` index and the [start, end) it covers."""

    kind: str
    paragraph: int
    start: int
    end: int
    text: str


@dataclass
class OutletCounts:
    """How many articles of one outlet hold each key at their head and at their tail."""

    articles: int = 0
    head: Counter = field(default_factory=Counter)
    tail: Counter = field(default_factory=Counter)

    def add(self, other: OutletCounts) -> None:
        self.articles += other.articles
        self.head.update(other.head)
        self.tail.update(other.tail)

    def only(self, profile: OutletProfile | None) -> OutletCounts:
        """These counts restricted to the profile's markers (what is kept between refreshes)."""
        if profile is None:
            return OutletCounts(self.articles)
        return OutletCounts(
            self.articles,
            Counter({k: c for k, c in self.head.items() if k in profile.head}),
            Counter({k: c for k, c in self.tail.items() if k in profile.tail}),
        )


@dataclass(frozen=True)
class OutletProfile:
    """The markers learned for one outlet: key -> number of its articles with it at that edge."""

    articles: int
    head: dict[str, int]
    tail: dict[str, int]

    def markers(self, kind: str) -> dict[str, int]:
        return self.head if kind == HEAD else self.tail


@dataclass(frozen=True)
class Cut:
    """Furniture cut from one article, as evidence: which edge, the text, the marker it held."""

    kind: str
    text: str
    marker: str


def outlet_key(document: Document) -> str:
    """What groups articles into one outlet: its source name, else its URL's host."""
    if document.source:
        return document.source
    return document.url.split("://", 1)[-1].split("/", 1)[0] if "://" in document.url else ""


def _masked(norm: str) -> str:
    return _DIGITS_RE.sub("#", norm)


def _is_topic_word(word: str) -> bool:
    return word not in STOPWORDS and word.strip("#") != ""


def _is_short_line(paragraph: str, config: FurnitureConfig) -> bool:
    # A word takes a character or two at least: a long paragraph is not split at all.
    if len(paragraph) > 30 * config.short_paragraph_words or _SENTENCE_END_RE.search(paragraph):
        return False
    return len(word_table(paragraph)) <= config.short_paragraph_words


def _head_segments(paragraph: str, i: int, config: FurnitureConfig) -> list[Segment]:
    """The paragraph when it is a short line, else its starts up to each colon among its first
    words, shortest first ("Name- Outlet- City:", "Interview: Name, photos: Name- Outlet- City:");
    a colon inside parentheses ends one at their close ("Name – City (photos: Name)"), and the
    words inside them are not counted."""
    if _is_short_line(paragraph, config):
        return [Segment(HEAD, i, 0, len(paragraph), paragraph)]
    found = []
    words = word_table(paragraph[: config.edge_chars])
    counted = 0
    for (_, _, end), (_, next_start, _) in itertools.pairwise(words):
        depth = paragraph.count("(", 0, end) - paragraph.count(")", 0, end)
        counted += depth <= 0
        if counted > config.head_prefix_words:
            break
        gap = paragraph[end:next_start]
        if ":" not in gap:
            continue
        if _SENTENCE_END_RE.search(paragraph[:end]):
            break
        cut = end + gap.index(":") + 1
        if depth - gap.count(")", 0, cut - end) > 0:  # a labelled note "(photos: Name)" ends there
            cut = paragraph.find(")", cut) + 1
        if cut and (not found or cut > found[-1].end):
            found.append(Segment(HEAD, i, 0, cut, paragraph[:cut]))
    return found


def _tail_segment(paragraph: str, i: int, config: FurnitureConfig) -> Segment | None:
    if _is_short_line(paragraph, config):
        return Segment(TAIL, i, 0, len(paragraph), paragraph)
    ends = list(_SENTENCE_END_RE.finditer(paragraph))
    start = ends[-1].end() if ends else 0
    suffix = paragraph[start:]
    if not suffix.strip() or len(word_table(suffix)) > config.tail_suffix_words:
        return None
    start += len(suffix) - len(suffix.lstrip())
    return Segment(TAIL, i, start, len(paragraph), paragraph[start:])


def _segments(kind: str, paragraph: str, i: int, config: FurnitureConfig) -> list[Segment]:
    """The candidate segments at one edge of a paragraph, the one counted first."""
    if kind == HEAD:
        return _head_segments(paragraph, i, config)
    segment = _tail_segment(paragraph, i, config)
    return [segment] if segment else []


def edge_segments(paragraphs: list[str], config: FurnitureConfig = CONFIG) -> list[Segment]:
    """The candidate segments at both edges of an article's paragraphs (for counting)."""
    found = []
    for kind in (HEAD, TAIL):
        order = range(len(paragraphs)) if kind == HEAD else range(len(paragraphs) - 1, -1, -1)
        for i in list(order)[: config.edge_paragraphs]:
            segment = next(iter(_segments(kind, paragraphs[i], i, config)), None)
            if segment:
                found.append(segment)
            if not segment or segment.end - segment.start < len(paragraphs[i]):
                break
    return found


def segment_phrases(text: str, config: FurnitureConfig = CONFIG) -> set[str]:
    """Candidate markers of a segment: phrases of its first and last words, digits masked,
    never made only of stopwords and digits."""
    words = [_masked(norm) for norm, _, _ in word_table(text)]
    window = config.ngram_window
    found = set()
    for lo, hi in ((0, min(window, len(words))), (max(0, len(words) - window), len(words))):
        for n in range(1, config.ngram + 1):
            for i in range(lo, hi - n + 1):
                gram = words[i : i + n]
                if any(map(_is_topic_word, gram)):
                    found.add(" ".join(gram))
    return found


def _run_words(paragraph: str, title: str, kind: str, config: FurnitureConfig) -> list[tuple[str, int, int]]:
    """(masked word, start, end) from the paragraph's edge inwards; at the tail a closing copy
    of the headline is one `<title>` word (a footer that repeats it varies with every article)."""
    offset = 0 if kind == HEAD else max(0, len(paragraph) - config.edge_chars)
    edge = paragraph[: config.edge_chars] if kind == HEAD else paragraph[offset:]
    table = word_table(edge)
    if kind == HEAD:
        return [(_masked(norm), start, end) for norm, start, end in table[: config.run_words]]
    title_words = [_masked(norm) for norm, _, _ in word_table(title)][::-1]
    n = len(title_words)
    words = [
        (_masked(norm), offset + start, offset + end) for norm, start, end in table[-(n + config.run_words) :]
    ]
    words.reverse()
    if n >= 2 and [w for w, _, _ in words[:n]] == title_words:
        words[:n] = [(TITLE, words[n - 1][1], words[0][2])]
    return words


def run_keys(paragraph: str, title: str, kind: str, config: FurnitureConfig = CONFIG) -> list[str]:
    """The opening (head) or closing (tail) runs of 2 .. run_words words, as keys."""
    words = [w for w, _, _ in _run_words(paragraph, title, kind, config)[: config.run_words]]
    mark = OPENING if kind == HEAD else CLOSING
    return [mark + " ".join(words[:k]) for k in range(2, len(words) + 1)]


def _edge_keys(
    document: Document, paragraphs: list[str], config: FurnitureConfig
) -> tuple[set[str], set[str]]:
    keys: dict[str, set[str]] = {HEAD: set(), TAIL: set()}
    for segment in edge_segments(paragraphs, config):
        keys[segment.kind].update(segment_phrases(segment.text, config))
    if paragraphs:
        keys[HEAD].update(run_keys(paragraphs[0], document.title, HEAD, config))
        keys[TAIL].update(run_keys(paragraphs[-1], document.title, TAIL, config))
    keys[HEAD].update(key for key, _ in _headline_labels(document.title))
    return keys[HEAD], keys[TAIL]


def _headline_labels(title: str) -> list[tuple[str, int]]:
    """(key, end) for the first one or two words of a headline when a slash or bar follows
    them ("عام / ..."), where a section label ends."""
    found = []
    words = word_table(title[:80])
    for k, (_, _, end) in enumerate(words[:2], start=1):
        if label := _LABEL_RE.match(title[end:]):
            found.append((HEADLINE + " ".join(_masked(w) for w, _, _ in words[:k]), end + label.end()))
    return found


def _strip_label(title: str, profile: OutletProfile) -> tuple[str, list[Cut]]:
    for key, end in _headline_labels(title):
        if key in profile.head and title[end:].strip():
            return title[end:], [Cut("title", title[:end].strip(), key)]
    return title, []


def count_edges(documents: Iterable[Document], config: FurnitureConfig = CONFIG) -> dict[str, OutletCounts]:
    """Per outlet, the number of articles holding each key at their head and at their tail."""
    counts: dict[str, OutletCounts] = {}
    for document in documents:
        outlet = counts.setdefault(outlet_key(document), OutletCounts())
        heads, tails = _edge_keys(document, document.body.split("\n\n"), config)
        outlet.articles += 1
        outlet.head.update(heads)
        outlet.tail.update(tails)
    return counts


def learn_profiles(
    counts: dict[str, OutletCounts], config: FurnitureConfig = CONFIG
) -> dict[str, OutletProfile]:
    """Each outlet's markers: edge keys found in enough of its articles."""
    profiles = {}
    for outlet, outlet_counts in sorted(counts.items()):
        floor = max(config.min_articles, config.min_share * outlet_counts.articles)
        single = max(floor, config.single_word_share * outlet_counts.articles)
        head = _markers(outlet_counts.head, floor, single, config)
        tail = _markers(outlet_counts.tail, floor, single, config)
        if head or tail:
            profiles[outlet] = OutletProfile(outlet_counts.articles, head, tail)
    return profiles


def _markers(counter: Counter, floor: float, single: float, config: FurnitureConfig) -> dict[str, int]:
    """Keys common enough to be markers, less the phrases that occur only inside a longer
    marker ("عين" of "عين اليوم"): alone they would cut where the longer one does not."""
    common = {k: c for k, c in counter.items() if c >= (floor if " " in k else single)}
    inside: Counter = Counter()
    for key, count in common.items():
        words = key.split()
        if key[0] in _RUN_MARKS or len(words) < 2:
            continue
        for part in (" ".join(words[1:]), " ".join(words[:-1])):
            inside[part] = max(inside[part], count)
    return {
        k: c for k, c in sorted(common.items()) if k[0] in _RUN_MARKS or c > config.inside_share * inside[k]
    }


def _segment_cut(segment: Segment, profile: OutletProfile, config: FurnitureConfig) -> str:
    markers = profile.markers(segment.kind)
    # A photo credit inside a byline ("Name- Outlet- City (photos: Name):") is no part of its template.
    texts = {segment.text, _PARENTHETICAL_RE.sub(" ", segment.text)}
    held = [p for text in texts for p in segment_phrases(text, config) if p in markers]
    words = f" {' '.join(_masked(norm) for norm, _, _ in word_table(segment.text))} "
    held += [
        p
        for p in markers
        if len(p.split()) >= config.anywhere_words and p[0] not in _RUN_MARKS and f" {p} " in words
    ]
    # The most telling marker: the longest phrase, then the most frequent.
    return max(held, key=lambda p: (len(p.split()), markers[p], p)) if held else ""


def _phrase_at(
    words: list[tuple[str, int, int]], k: int, markers: dict[str, int], config: FurnitureConfig
) -> str:
    """The longest marker of two words or more that ends with word k-1 (words: masked, start, end)."""
    for n in range(min(config.ngram, k), 1, -1):
        phrase = " ".join(w for w, _, _ in words[k - n : k])
        if phrase in markers:
            return phrase
    return ""


def _opening_marker(
    words: list[tuple[str, int, int]], markers: dict[str, int], config: FurnitureConfig, shortest: int = 1
) -> str:
    """The longest marker of at least `shortest` words that the words open with."""
    for n in range(min(config.ngram, len(words)), shortest - 1, -1):
        if (phrase := " ".join(w for w, _, _ in words[:n])) in markers:
            return phrase
    return ""


def _masked_words(text: str) -> list[tuple[str, int, int]]:
    return [(_masked(norm), start, end) for norm, start, end in word_table(text)]


def _byline_cut(
    paragraph: str, i: int, profile: OutletProfile, config: FurnitureConfig
) -> tuple[Segment | None, str]:
    """A head with no colon to end it ("Name – Outlet text...", "Outlet – City text..."): its
    first words up to a marker with a separator right before or inside it."""
    words = _masked_words(paragraph[: config.edge_chars])[: config.head_prefix_words]
    for k in range(len(words), 1, -1):
        if not (marker := _phrase_at(words, k, profile.head, config)):
            continue
        n = len(marker.split())
        end = words[k - 1][2]
        separated = _SEPARATOR_RE.search(paragraph[words[k - n - 1][2] if k > n else 0 : end])
        if separated and not _SENTENCE_END_RE.search(paragraph[:end]):
            return Segment(HEAD, i, 0, end, paragraph[:end]), marker
    return None, ""


def _caption_cut(
    paragraph: str, i: int, profile: OutletProfile, config: FurnitureConfig
) -> tuple[Segment | None, str]:
    """A first paragraph of no sentence (a gallery's captions) that ends in a byline holding a
    marker ("... Next Previous Name – City"): the whole paragraph."""
    if _SENTENCE_END_RE.search(paragraph):
        return None, ""
    words = _masked_words(paragraph)[-config.head_prefix_words :]
    for k in range(len(words), 1, -1):
        marker = _phrase_at(words, k, profile.head, config)
        if marker and _SEPARATOR_RE.search(paragraph[words[k - len(marker.split())][1] :]):
            return Segment(HEAD, i, 0, len(paragraph), paragraph), marker
    return None, ""


def _footer_cut(
    paragraph: str, i: int, profile: OutletProfile, config: FurnitureConfig
) -> tuple[Segment | None, str]:
    """The last paragraph from where a tail marker starts a stretch of it: at its very start for
    a long marker (a footer and the teaser it carries: "link to this story in Outlet: ... "),
    else after a full stop, within the last words, when the paragraph ends without one (a tag
    line with a full stop among its tags)."""
    markers = profile.tail
    opening = _masked_words(paragraph[: config.edge_chars])
    if marker := _opening_marker(opening, markers, config, config.anywhere_words):
        return Segment(TAIL, i, 0, len(paragraph), paragraph), marker
    ends = list(_SENTENCE_END_RE.finditer(paragraph))
    if ends and ends[-1].end() == len(paragraph.rstrip()):
        return None, ""
    for end in reversed(ends):
        start = end.end() + len(paragraph[end.end() :]) - len(paragraph[end.end() :].lstrip())
        words = _masked_words(paragraph[start:])
        if len(words) > config.tail_suffix_words:
            break
        if marker := _opening_marker(words, markers, config):
            return Segment(TAIL, i, start, len(paragraph), paragraph[start:]), marker
    return _glued_tags_cut(paragraph, i, markers, config)


def _glued_tags_cut(
    paragraph: str, i: int, markers: dict[str, int], config: FurnitureConfig
) -> tuple[Segment | None, str]:
    """A tag line glued to the end of the last paragraph with no full stop before it (after a
    poem's last line, a list): from a one-word marker among the last words, when at least two
    words follow it, all topic words, and a topic word precedes it ("من سمات ..." is text)."""
    words = _masked_words(paragraph)[-config.run_words :]
    for k in range(len(words) - 1 - config.glued_tags, 0, -1):
        word, start, _ = words[k]
        if word in markers and all(_is_topic_word(w) for w, _, _ in words[k - 1 :]):
            return Segment(TAIL, i, start, len(paragraph), paragraph[start:]), word
    return None, ""


def _run_cut(
    paragraph: str, title: str, kind: str, i: int, profile: OutletProfile, config: FurnitureConfig
) -> tuple[Segment | None, str]:
    """The longest opening/closing run that is a marker and ends at a boundary."""
    words = _run_words(paragraph, title, kind, config)[: config.run_words]
    markers = profile.markers(kind)
    mark = OPENING if kind == HEAD else CLOSING
    for k in range(len(words), 1, -1):
        key = mark + " ".join(w for w, _, _ in words[:k])
        if key not in markers:
            continue
        if kind == HEAD:
            start, end = 0, words[k - 1][2]
            inside, after = paragraph[:end], paragraph[end:]
        else:
            start, end = words[k - 1][1], len(paragraph)
            inside, after = paragraph[start:], paragraph[:start][::-1]
        if _BOUNDARY_RE.match(after) or _SEPARATOR_RE.search(inside) or k >= config.run_alone_words:
            return Segment(kind, i, start, end, paragraph[start:end]), key
    return None, ""


def _deck_lines(paragraphs: list[str]) -> int:
    """How many of the first paragraphs are deck lines."""
    return next((i for i, p in enumerate(paragraphs) if not _DECK_LINE_RE.match(p)), len(paragraphs))


def _after_deck_items(paragraph: str, config: FurnitureConfig) -> list[int]:
    """Where text that is no "- item." starts inside a deck line (a byline can follow the deck's
    items in their paragraph), until more such sentences come in a row than an item holds."""
    starts: list[int] = []
    in_a_row = 0
    for end in _SENTENCE_END_RE.finditer(paragraph):
        rest = paragraph[end.end() :]
        if _DECK_LINE_RE.match(rest):
            in_a_row = 0
            continue
        in_a_row += 1
        if in_a_row > config.deck_item_sentences or not rest.strip():
            break
        starts.append(len(paragraph) - len(rest.lstrip()))
    return starts


def _head_places(paragraphs: list[str], config: FurnitureConfig) -> list[tuple[int, int]]:
    """(paragraph, offset) where an article's head may be: after the deck's items in its last
    line, else the first paragraph after the deck's lines."""
    i = _deck_lines(paragraphs)
    places = [(i - 1, offset) for offset in _after_deck_items(paragraphs[i - 1], config)] if i else []
    return places + ([(i, 0)] if i < len(paragraphs) else [])


def _edge_cut(
    paragraphs: list[str], i: int, title: str, kind: str, profile: OutletProfile, config: FurnitureConfig
) -> tuple[Segment | None, str]:
    """The furniture at one edge of paragraph i and the marker it holds: a segment holding a
    marker, else an opening or closing run; else at the head a byline ended by its marker or a
    paragraph of captions before the body, at the tail a footer or tag line its marker starts."""
    paragraph = paragraphs[i]
    for segment in _segments(kind, paragraph, i, config):
        if marker := _segment_cut(segment, profile, config):
            return _with_note(segment, paragraph), marker
    found = [_run_cut(paragraph, title, kind, i, profile, config)]
    if kind == HEAD:  # the longest head: a run can end inside a byline ("Name- Outlet|- City ...")
        found.append(_byline_cut(paragraph, i, profile, config))
        if i + 1 < len(paragraphs):
            found.append(_caption_cut(paragraph, i, profile, config))
    else:
        found.append(_footer_cut(paragraph, i, profile, config))
    found = [(segment, marker) for segment, marker in found if segment is not None]
    if not found:
        return None, ""
    segment, marker = max(found, key=lambda cut: cut[0].end) if kind == HEAD else found[0]
    return _with_note(segment, paragraph), marker


def _with_note(segment: Segment, paragraph: str) -> Segment:
    """A head with the labelled note right after it ("(photos: Name)")."""
    if segment.kind == HEAD and (note := _HEAD_NOTE_RE.match(paragraph, segment.end)):
        return replace(segment, end=note.end(), text=paragraph[: note.end()])
    return segment


def strip_furniture(
    document: Document, profile: OutletProfile | None, config: FurnitureConfig = CONFIG
) -> tuple[Document, list[Cut]]:
    """The document without its outlet's furniture, and what was cut. The first cut head
    becomes the credit when there is none; a date in a cut dates an undated article. The head
    is read after the deck's lines, which stay."""
    if profile is None:
        return document, []
    paragraphs = document.body.split("\n\n")
    cuts: list[Cut] = []
    for kind in (HEAD, TAIL):
        for _ in range(config.edge_paragraphs):
            if not paragraphs:
                break
            places = _head_places(paragraphs, config) if kind == HEAD else [(len(paragraphs) - 1, 0)]
            found = None
            for i, offset in places:
                seen = [*paragraphs[:i], paragraphs[i][offset:], *paragraphs[i + 1 :]]
                segment, marker = _edge_cut(seen, i, document.title, kind, profile, config)
                if segment is not None:
                    found = i, offset, segment, marker
                    break
            if found is None:
                break
            i, offset, segment, marker = found
            before, inside = paragraphs[i][:offset].rstrip(), paragraphs[i][offset:]
            rest = inside[: segment.start] + inside[segment.end :]
            rest = _LEADING_JUNK_RE.sub("", rest) if kind == HEAD else _TRAILING_JUNK_RE.sub("", rest)
            cuts.append(Cut(kind, segment.text.strip(), marker))
            if before:  # the deck's items stay a paragraph of their own
                paragraphs[i] = f"{before}\n\n{rest}" if rest.strip() else before
                break
            if rest.strip():
                paragraphs[i] = rest
                break
            del paragraphs[i]
    if not paragraphs:
        return document, []
    title, label = _strip_label(document.title, profile)
    if not cuts and not label:
        return document, []
    heads = [_TRAILING_JUNK_RE.sub("", cut.text) for cut in cuts if cut.kind == HEAD]
    date, inferred, date_from = document.date, document.date_inferred, document.date_from
    if not date:
        date, date_from = infer_date("", *(cut.text for cut in cuts))
        inferred = bool(date)
    cleaned = replace(
        document,
        title=title,
        body="\n\n".join(paragraphs),
        credit=document.credit or (heads[0] if heads else ""),
        date=date,
        date_inferred=inferred,
        date_from=date_from,
    )
    return cleaned, cuts + label
