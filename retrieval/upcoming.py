"""Outcomes the articles cannot report yet. A question asking how something turned out (a match's
result, a winner, a verdict, what a meeting decided; in Arabic or English: "Who won the Saudi
Super Cup in London?" and "... التي ستقام يوم الأربعاء المقبل") is not answered by a passage that reports
the event as still to come: "شو نتيجة ماتش الاتحاد وأحد" and "... لمواجهة السبت المقبل بين
الاتحاد وأحد", "ما الحكم الذي صدر ... في جلسة 27 سبتمبر" and "وحددت المحكمة جلسة 27 سبتمبر
المقبل". Such a question is about a time after the articles. Pure functions over normalized
words; the index only tells a future verb (ستعقد: تعقد is commoner) from a noun or a name
(سيارة, سنوات, سيرغي: their س is a letter of the word)."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Collection
from itertools import pairwise

from retrieval.analysis import analyze, analyze_spans, is_stopword
from retrieval.answer_kinds import SPOKEN_WHAT
from retrieval.english.words import english_words
from retrieval.normalize import normalize_arabic, without_proclitic, word_table
from retrieval.stemming import light_stem

# Words asking how something turned out: a result, winning, a verdict issued, a decision, an agreement.
_OUTCOME_WORDS = frozenset(
    normalize_arabic(w)
    for w in (
        "نتيجة نتيجه نتائج نتايج النتيجة النتيجه النتائج النتايج "
        "فاز فازت الفائز الفائزة كسب كسبت ربح ربحت صدر صدرت قرر قررت قرروا اتفق اتفقت اتفقوا اتفقو "
        "انتهت انتهى حسم"
    ).split()
)
# What came out of something ("شو طلع من الجولة", "what came out of the third round"; `asks_outcome`
# with `came_out`): the spoken verb asks an outcome only with "من" after it ("طلع الرئيس" is
# someone going up or turning out to be). أسفر and نتج were left out: "ما الذي أسفرت عنه الجولة
# الثانية" is answered by the article whose best passage announces that round (docs/tuning.md).
_CAME_OUT = frozenset(normalize_arabic(w) for w in "طلع طلعت طلعو طلعوا".split())
_OF = normalize_arabic("من")
# What happened ("شو صار بين امريكا وروسيا بمؤتمر المناخ", "ايش صار في مباراة ..."; `asks_outcome`
# with `what_happened`): a verb of happening asks an outcome only right after a what-word ("وين
# صار الحادث" asks a place, "ليش صارت روسيا" a reason, "صار رئيس" someone becoming one).
_WHAT = SPOKEN_WHAT | {normalize_arabic("ماذا")}
_HAPPENED = frozenset(normalize_arabic(w) for w in "صار صاير حصل حدث جرى".split())
# English words asking an outcome, as `english_words` gives them.
_ENGLISH_OUTCOME_WORDS = frozenset(
    "won win wins winner winners result results score outcome verdict agreed decided beat defeated".split()
)
# An English question opening with "did" asks whether something happened ("Did Putin attend
# COP26?"), and "what did they agree / decide" asks an outcome in the verb's plain form.
_ENGLISH_DID = "did"
_ENGLISH_AFTER_DID = frozenset({"agree", "decide"})
# "What came out of the third round?": "came" or "come" with "out of" after it.
_ENGLISH_CAME = frozenset({"came", "come"})
_OUT_OF = ["out", "of"]
# Words marking an event as still to come ("السبت المقبل", "الجلسة المقررة", "غداً").
_UPCOMING_WORDS = frozenset(
    normalize_arabic(w)
    for w in (
        "المقبل المقبلة القادم القادمة المقرر المقررة المرتقب المرتقبة المزمع المزمعة غدا سيكون ستكون"
    ).split()
)
# Words asking who won ("مين فاز بالانتخابات البلدية بالرياض"), and words by which a passage
# reports a winner or a beaten side; a score ("3-1") reports one too. A champion's title and a
# crowning (بطل، لقب، تتويج) are not among them: a preview names the sides by the titles they hold
# ("النصر بطل الدوري"), the past editions' winners ("لقب النسخة الأولى") and the crowning each hopes
# for ("ويأمل كل فريق في التتويج بلقبها"), and says nothing of who won the match asked about.
_WINNING_ASKED = frozenset(
    normalize_arabic(w)
    for w in "فاز فازت فازوا فازو الفائز الفائزة الفائزين الفائزون كسب كسبت ربح ربحت".split()
)
_WINNING_REPORTED = frozenset(
    term
    for w in (
        "فاز فازت فازوا يفوز تفوز يفوزون فوز الفوز فوزه فوزها الفائز الفائزة الفائزين الفائزون فائز فائزة "
        "توج تتوج توجت يتوج انتصر انتصار تغلب تغلبت يتغلب هزم هزمت هزيمة "
        "خسر خسرت خسارة ظفر حصد حصدت نال نالت كسب كسبت ربح ربحت"
    ).split()
    for term in analyze(w)
)
# An English question asking who won or who was elected ("Who won the Gulf Club Championship
# ...?"): "who" first and one of these among the next three words.
_ENGLISH_WINNING_ASKED = frozenset("won win wins elected".split())
_ENGLISH_WINNING_WINDOW = 3
_WHO = frozenset(normalize_arabic(w) for w in "من مين منو شكون".split())
_SCORE = re.compile(r"\d+\s*[-–:]\s*\d+")
_PREFIXES = "وفبل"
_FUTURE_PERSONS = "يتن"  # س + a present's prefix: ستعقد, سيلتقي, سنواصل
_MIN_FUTURE_LETTERS = 5


def _bare(word: str) -> str:
    return without_proclitic(word, _PREFIXES)


def _among(word: str, words: Collection[str]) -> bool:
    """Whether `word`, as written or without a prefix letter ("والفائز", "بالنتيجة"), is one of
    `words`."""
    return word in words or _bare(word) in words


def asks_outcome(question: str, *, came_out: bool = False, what_happened: bool = False) -> bool:
    """Whether an Arabic or English `question` asks how something turned out (in English also
    whether it happened: "Did Putin attend COP26?"); with `came_out`, also what came out of it
    ("شو طلع من", "what came out of"); with `what_happened`, what happened at it in Arabic ("شو
    صار ب", "ماذا جرى في")."""
    arabic = [w for w, _, _ in word_table(question)]
    if any(_among(w, _OUTCOME_WORDS) for w in arabic):
        return True
    if what_happened and any(w in _WHAT and h in _HAPPENED for w, h in pairwise(arabic)):
        return True
    words = [word.text for word in english_words(question)]
    if words[:1] == [_ENGLISH_DID]:
        return True
    if came_out and _came_out(arabic, words):
        return True
    outcome = _ENGLISH_OUTCOME_WORDS | (_ENGLISH_AFTER_DID if _ENGLISH_DID in words else frozenset())
    return any(word in outcome for word in words)


def _came_out(arabic: list[str], english: list[str]) -> bool:
    """Whether a question's normalized `arabic` words or its `english` words ask what came out of
    something (`asks_outcome`)."""
    for i, word in enumerate(arabic):
        if _among(word, _CAME_OUT) and arabic[i + 1 : i + 2] == [_OF]:
            return True
    return any(w in _ENGLISH_CAME and english[i + 1 : i + 3] == _OUT_OF for i, w in enumerate(english))


# "هل" + a past verb asks whether something happened ("هل زار بلينكن كييف"), as English "did"
# does; not with a copula or an auxiliary, whose event is the noun after it ("هل تم تمديد").
_WHETHER = normalize_arabic("هل")
_NOT_EVENTS = frozenset(
    normalize_arabic(w) for w in "كان كانت كانو كانوا تم تمت يوجد توجد هناك فيه في".split()
)
# Letters a verb and its verbal noun may differ by (اتفق / اتفاق; وافق / موافقة aside), and how
# many others must be left for the verb to be known by them: زار would be وزير's زر.
_WEAK = str.maketrans("", "", "اويىء")
_MIN_SKELETON = 3
# A verb opening with و or ف may be read without it by light stemming (وقعوا -> قعوا): whether
# the articles write it is told only by `both_readings` (`writes_nowhere`).
_CONJUNCTIONS = "وف"


def asked_happening(question: str, *, joined: bool = False) -> str:
    """The verb of an Arabic `question` asking whether something happened ("هل غزت روسيا
    أوكرانيا" -> "غزت"), normalized, or "" (a noun after "هل": "هل أمريكا بتتوقع", "هل الاتفاق");
    with `joined`, also after "وهل" / "فهل" ("وهل سمحت موسكو ...")."""
    words = [w for w, _, _ in word_table(question)]
    opening = words[0] if words else ""
    if joined and opening[:1] in _CONJUNCTIONS:
        opening = opening[1:]
    if opening != _WHETHER or len(words) < 2:
        return ""
    verb = words[1]
    if verb in _NOT_EVENTS or verb.startswith("ال") or is_stopword(verb) or not verb.isalpha():
        return ""
    return verb


# A verb's person endings, cut to find the letters its other forms share (وقعوا -> وقع).
_PERSON_ENDINGS = ("وا", "ون", "تا", "ت", "ا")
_WEAK_LETTERS = "اوي"


def writes_nowhere(texts: Collection[str], verb: str, *, both_readings: bool = False) -> bool:
    """Whether none of `texts` writes a form of `verb` (`writes_verb`) that can be told from
    its letters. A verb opening with a conjunction's letter (`_CONJUNCTIONS`) is not judged,
    unless `both_readings`: then neither its letters with that one as the root's (`_root_pattern`:
    "التوقيع" for "وقعوا", "الفوز" for "فاز") nor without it, as a conjunction ("زار" for
    "وزار"), may be written."""
    if not verb:
        return False
    if verb[0] in _CONJUNCTIONS:
        if not both_readings:
            return False
        pattern = _root_pattern(verb)
        if any(pattern.search(normalize_arabic(text)) for text in texts):
            return False
        rest = verb[1:]
        return len(rest) < _MIN_SKELETON or writes_nowhere(texts, rest)
    return not any(writes_verb(w, verb) for text in texts for w, _, _ in word_table(text))


def _root_pattern(verb: str) -> re.Pattern[str]:
    """The letters of `verb` without its person ending, in order, with a weak letter allowed
    between any two and its own weak letters optional: the forms a past verb shares with its
    present and its verbal noun ("وقع" -> يوقع, توقيع; "فاز" -> فوز; "وافق" -> موافقة)."""
    endings = (e for e in _PERSON_ENDINGS if verb.endswith(e) and len(verb) - len(e) >= _MIN_SKELETON)
    core = verb[: -len(ending)] if (ending := next(endings, "")) else verb
    gap = f"[{_WEAK_LETTERS}]?"
    letters = (gap + ("" if c in _WEAK_LETTERS else re.escape(c)) for c in core[1:])
    return re.compile(re.escape(core[0]) + "".join(letters))


def _verb_forms(verb: str) -> tuple[str, bool]:
    """What a word's light stem opens with when it is a form of `verb` (`asked_happening`), and
    whether that is the verb's letters but the weak ones (else its stem)."""
    stem = light_stem(verb)
    if stem.endswith("ت") and len(stem) > 3:
        stem = stem[:-1]
    skeleton = stem.translate(_WEAK)
    return (skeleton, True) if len(skeleton) >= _MIN_SKELETON else (stem, False)


def writes_verb(word: str, verb: str) -> bool:
    """Whether normalized `word` opens with `verb` (`asked_happening`: "زارت" for "زار") or, by its
    letters but the weak ones when three are left, is one of its forms ("الاتفاق" for "اتفقت"); a
    feminine ت is no letter of the verb."""
    opening, weak = _verb_forms(verb)
    stem = light_stem(word)
    return (stem.translate(_WEAK) if weak else stem).startswith(opening)


def happening_unreported(
    text: str, verb: str, asked: Collection[str], frequency: Callable[[str], int], window: int
) -> bool:
    """Whether passage `text` does not report that `verb` (`asked_happening`) happened but what is
    to come: it writes the verb only within `window` words of a word marking the event as still
    to come (`is_upcoming`: "سيتم افتتاح"), or never and marks one as to come near a term of the
    question (`asked`, index terms; `reports_upcoming`)."""
    words = [w for w, _, _ in word_table(text)]
    forms = [i for i, w in enumerate(words) if writes_verb(w, verb)]
    if not forms:
        return reports_upcoming(text, asked, frequency, window)
    upcoming = [i for i, w in enumerate(words) if is_upcoming(w, frequency)]
    return all(any(abs(i - j) <= window for j in upcoming) for i in forms)


def asks_winner(question: str) -> bool:
    """Whether an Arabic or English `question` asks who won (`_WINNING_ASKED` first or after a
    who-word; "who won", "who was elected"): not "من مدرب الاتحاد الذي فاز على ..." (the coach)
    nor "الاتحاد كسب بافينو بكام جون" (the score)."""
    words = [w for w, _, _ in word_table(question)]
    if any(_among(w, _WINNING_ASKED) and (i == 0 or words[i - 1] in _WHO) for i, w in enumerate(words)):
        return True
    english = [word.text for word in english_words(question)]
    asked = english[1 : 1 + _ENGLISH_WINNING_WINDOW]
    return english[:1] == ["who"] and not _ENGLISH_WINNING_ASKED.isdisjoint(asked)


# A match's result asked ("شو نتيجة ماتش الهلال والاهلي", "نتيجة مباراة X وY"): a word of result
# and a match, whose sides are the word after the match and the next word opening with و.
_RESULT_WORDS = frozenset(normalize_arabic(w) for w in "نتيجة نتيجه النتيجة النتيجه".split())
_MATCH_WORDS = frozenset(normalize_arabic(w) for w in "ماتش مباراة مباراه المباراة المباراه".split())
_SIDES_GAP = 2


def asked_match(question: str) -> tuple[str, ...]:
    """The index terms of the sides of the match whose result an Arabic `question` asks ("شو
    نتيجة ماتش الهلال والاهلي الاماراتي": هلال، اهل), or () when it asks no match's result or
    names no side."""
    words = [w for w, _, _ in word_table(question)]
    if not any(_among(w, _RESULT_WORDS) for w in words):
        return ()
    for i, word in enumerate(words):
        if _among(word, _MATCH_WORDS):
            sides = words[i + 1 : i + 2]
            sides += [w[1:] for w in words[i + 2 : i + 2 + _SIDES_GAP] if len(w) > 2 and w[0] == "و"][:1]
            return tuple(term for side in sides for term in analyze(side))
    return ()


def reports_result(text: str, sides: tuple[str, ...]) -> bool:
    """Whether `text` reports a result (`reports_winner`) and names every side of the match asked
    (`asked_match`): "فوز الهلال على العين" is no result of a match of الهلال and الاهلي."""
    terms = analyze(text)
    return set(sides) <= set(terms) and _reports_winner(text, terms)


def reports_winner(text: str) -> bool:
    """Whether `text` reports a winner, a champion, a beaten side or a score (as index terms:
    "للفوز", "وتوجت")."""
    return _reports_winner(text, analyze(text))


def _reports_winner(text: str, terms: list[str]) -> bool:
    """`reports_winner` of `text` analyzed into `terms`."""
    return bool(_SCORE.search(text)) or not _WINNING_REPORTED.isdisjoint(terms)


def is_upcoming(word: str, frequency: Callable[[str], int]) -> bool:
    """Whether normalized `word` marks an event as still to come: a word of `_UPCOMING_WORDS`, or
    a future verb: س and a present the articles write at least as often (`frequency`: in how
    many passages a term occurs). A noun or name whose س is its own (سيارة: يارة) is far commoner
    than what is left without it."""
    bare = _bare(word)
    if bare in _UPCOMING_WORDS or word in _UPCOMING_WORDS:
        return True
    if len(bare) < _MIN_FUTURE_LETTERS or bare[0] != "س" or bare[1] not in _FUTURE_PERSONS:
        return False
    present, future = analyze(bare[1:]), analyze(bare)
    if not present or not future:
        return False
    return frequency(present[0]) >= max(frequency(future[0]), 1)


def reports_upcoming(text: str, asked: Collection[str], frequency: Callable[[str], int], window: int) -> bool:
    """Whether passage `text` marks an event as still to come within `window` words of a term
    of the question (`asked`, index terms)."""
    words = word_table(text)
    starts = [start for _, start, _ in words]
    held = [False] * len(words)
    for term in analyze_spans(text):
        if term.term in asked:
            held[_word_at(starts, term.start)] = True
    for i, (word, _, _) in enumerate(words):
        if is_upcoming(word, frequency) and any(held[max(0, i - window) : i + window + 1]):
            return True
    return False


# An event numbered in a series ("الجولة الثالثة", "the third Geneva meeting"): the nouns, and
# each ordinal's Arabic forms (spoken ت for ث too) by its English word.
_EVENT_NOUNS = frozenset(
    normalize_arabic(w)
    for w in "جولة الجولة اجتماع الاجتماع لقاء اللقاء جلسة الجلسة قمة القمة مرحلة المرحلة".split()
)
# Words before an event noun writing the event as still to come: before it, its date set.
_BEFORE = frozenset({"قبل", "قبيل", "موعد"})
_ENGLISH_EVENT_NOUNS = frozenset("round meeting session summit phase talks".split())
_ORDINALS = {
    english: frozenset(normalize_arabic(w) for w in forms.split())
    for english, forms in (
        ("second", "الثاني الثانية التاني التانية ثاني ثانية"),
        ("third", "الثالث الثالثة التالت التالتة ثالث ثالثة"),
        ("fourth", "الرابع الرابعة رابع رابعة"),
        ("fifth", "الخامس الخامسة خامس خامسة"),
    )
}


def asked_ordinal(question: str) -> frozenset[str]:
    """The Arabic forms of the ordinal numbering the event an Arabic or English `question` asks
    about ("شو طلع من الجولة التالتة", "What did they agree at the third meeting?"), or an empty
    set: its outcome is reported only by a passage that numbers the event so."""
    words = [_bare(w) for w, _, _ in word_table(question)]
    for i in range(1, len(words)):
        if words[i - 1] in _EVENT_NOUNS:
            for forms in _ORDINALS.values():
                if words[i] in forms:
                    return forms
    english = [word.text for word in english_words(question)]
    for i, word in enumerate(english):
        if word in _ORDINALS and not _ENGLISH_EVENT_NOUNS.isdisjoint(english[i + 1 :]):
            return _ORDINALS[word]
    return frozenset()


def writes_ordinal(text: str, forms: frozenset[str], *, held: bool = False) -> bool:
    """Whether `text` writes one of the ordinal's `forms` (`asked_ordinal`); with `held`, not of
    an event still to come: after "قبل" or "موعد" and its noun, or before an upcoming word
    ("تجتمعان قبل الاجتماع الثالث", "تحديد موعد اللقاء الثالث", "الجولة الثالثة المقبلة" report no
    third round's outcome)."""
    words = [w for w, _, _ in word_table(text)]
    return any(_among(w, forms) and not (held and _still_to_come(words, i)) for i, w in enumerate(words))


def _still_to_come(words: list[str], i: int) -> bool:
    """Whether the numbered event at word `i` (its ordinal) is written as still to come."""
    before = i >= 2 and _bare(words[i - 1]) in _EVENT_NOUNS and _bare(words[i - 2]) in _BEFORE
    return before or (i + 1 < len(words) and _bare(words[i + 1]) in _UPCOMING_WORDS)


def _word_at(starts: list[int], offset: int) -> int:
    """The index of the word of `starts` (word start offsets) holding `offset`."""
    return max(bisect_right(starts, offset) - 1, 0)
