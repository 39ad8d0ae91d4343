"""Who holds a role: "مين السفير الروسي في واشنطن", "من ترأس الوفد الأمريكي" ask the person
in one role of one country or body. A covered story often names someone else in it (the
Russian delegation's head for the American's, the US minister for Iceland's) or the role with
no one (a company "ومديرها العام"). The question is answered only by a sentence tying a name to
the role and its qualifier (issue 16: near-topic questions). Pure functions over text.

The dropped reading (docs/tuning.md, fifth session) asked the literal role noun in the best
passage; here a role is one of a group of ways to write it (رئيس، ترأس، مدير، مسؤول ...), the
qualifier may be written as the country, its adjective or its capital, and the tie may be in
any of the best passages, so that a role written otherwise still answers."""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from itertools import takewhile

from retrieval.analysis import is_stopword
from retrieval.answer_kinds import PLACE_HEADS, is_saying
from retrieval.normalize import ARTICLES, word_table
from retrieval.passages import Span, split_sentences
from retrieval.qualifiers import COUNTRIES

# Ways of writing a role, as normalized words without "ال": the words of one group stand for
# each other (the question's "رئيس الوفد" is the passage's "ترأس الوفد").
_ROLE_GROUPS = (
    "رئيس رئيسه تراس تراست يتراس راس يراس مدير مديره قائد زعيم مدرب",  # مدرب: المدير الفني
    "سفير سفيره مبعوث مبعوثه مندوب مندوبه ممثل ممثله",
    "متحدث متحدثه متحدت متحدته ناطق ناطقه",  # متحدت: spoken ت for ث
    "وزير وزيره",
    "محافظ",
    "امين",
)
# People asked by what they do for someone, not by an office: the news often writes them only
# vaguely ("أحد المقاولين", "صاحب المطعم"), and a question asking who they are needs no
# qualifier ("مين المقاول اللي رمم الجامع"; `asked_role`'s `persons`). Not role words
# elsewhere (`role_group`: a list of roles, what a role heads).
_PERSON_GROUPS = (
    "مقاول",
    "صاحب مالك",
    "مشرف",
)
_GROUP_OF = {word: i for i, group in enumerate(_ROLE_GROUPS + _PERSON_GROUPS) for word in group.split()}
# Words a role phrase carries that qualify no one: "المدير العام", "الرئيس التنفيذي".
_ROLE_ADJECTIVES = frozenset("عام العام تنفيذي التنفيذي الجديد جديد الحالي حالي السابق سابق".split())
# ... and that name an office, not its body ("المدير الفني لنادي ضمك", "المتحدث الرسمي لجامعة").
_OFFICE_ADJECTIVES = frozenset("فني الفني رسمي الرسمي".split())
# A minister's portfolio: part of the role, the country comes after it.
_PORTFOLIOS = frozenset("خارجيه داخليه دفاع ماليه عدل صحه تعليم طاقه اقتصاد".split())
# A country written as its adjective, its name or its capital (normalized, prefixes of words).
_NATIONS = tuple(tuple(forms.split()) for _, forms in COUNTRIES if forms)
# Who-words opening the question, and the words that may stand between them and the role.
_WHO = frozenset("من مين منو مينو".split())
_NAME_ASKED = frozenset("اسم اسمه اسمها اسمو".split())
_FILLERS = frozenset("هو هي هوه هيه كان كانت يكون ايه ايش شو وش ما هو".split())
# Words between a role and its qualifier that qualify nothing: "بتاع شركة", "المتحدث باسم".
_LINKS = frozenset("بتاع بتاعه بتاعت تبع تبعه حق ديال متاع باسم بسم بإسم".split())
# A relative pronoun (or "when") ends the role phrase: what follows says what the person did.
_RELATIVES = frozenset("اللي يلي الذي التي اللذي عندما حين حينما".split())  # not "الي": also إلى
# After a comma, "إن" opens what the role said: "وقال متحدث باسم الخارجية في بيان، إن بلينكن ..."
# names Blinken as the one spoken of, not as the spokesman.
_REPORTED = frozenset("ان انه انها بان بانه بانها".split())
_PREFIXES = ("وال", "فال", "بال", "لل", "ال", "و", "ف")
# Marks between the items of a list of roles ("– مدير المستشفى – مدير الخدمات"), not between
# a name and its title.
_LIST_MARKS = ("–", "-", ":", "—")
_SUFFIXES = ("ها", "هم", "ه", "ا")  # ا: the accusative "عُيّن مديراً"
# A role word and its ه that is another noun (normalized ة): "محافظة الطائف" is the governorate.
_OTHER_NOUNS = frozenset({"محافظه"})
# A place's name after a body's kind and a place's head is read this many words far, as is a
# body's name in a question ("بلدية بدائع العضيان"); there it ends before a place with a
# preposition or a country ("نادي الحزم بالرس", "نادي الهلال السعودي").
_NAME_WORDS = 2
_PLACED = ("بال", "لل", "في")
# Object pronouns a verb carries and a name does not end in ("أطلقها"; not ه: عبدالله).
_OBJECT_PRONOUNS = ("ها", "هم", "هما", "هن")
# Words making the role after them a deputy's: "نائب رئيس هيئة الأركان الجنرال ..." names the
# vice chairman, not the chairman; "وكيل وزير" an undersecretary.
_DEPUTIES = frozenset("نائب مساعد وكيل".split())
# A role written as a verb: its holder's name and titles may stand between it and the body
# headed ("ترأس نائب وزير الخارجية سيرغي ريابكوف وفد روسيا"), so its qualifier may be twice
# as far.
_ROLE_VERBS = frozenset("تراس تراست يتراس راس يراس".split())
# How far (in words) the qualifier may be from the role in a passage's sentence.
QUALIFIER_REACH = 6
_QUOTES = "\"“”«»'"


@dataclass(frozen=True)
class AskedRole:
    """The role a who-question asks (its group) and what qualifies it: each qualifier is one
    or more normalized words, any of which writes it ("البيت الابيض": البيت or الابيض)."""

    group: int
    qualifiers: tuple[tuple[str, ...], ...]
    # Whose role it is, when the question says (English "Japan's ambassador"): the first
    # country or owner written with the role must be it ("السفير السعودي في اليابان" is not).
    owner: tuple[str, ...] = ()
    # The body whose role it is, when the question writes it as a noun and its name ("نادي
    # الحزم", "مستشفى بني مالك": the kind's forms, then the name): a passage writing the role of
    # that kind of body otherwise named ("مدير مستشفى الخرمة") ties no one to it.
    body: tuple[tuple[str, ...], tuple[str, ...]] | None = None
    # Other words writing the role in passages (normalized, without "ال"): an English "governor"
    # of a Saudi region is its أمير ("أمير منطقة عسير"), whom Arabic questions ask as أمير.
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class RoleReading:
    """How strictly a passage's role is read (`ArabicRules`, `EnglishRules`): `lists`, a role of
    a list or what a role heads names no one; `verbs`, nor a word reading as a verb after the
    role phrase; `reported`, nor a name after a comma and "إن" (`_REPORTED`: what the role said);
    `deputies`, nor a role written as a deputy's or an assistant's title (`_DEPUTIES`);
    `relatives`, nor what follows a relative pronoun right after the role."""

    lists: bool = False
    verbs: bool = False
    reported: bool = False
    deputies: bool = False
    # A relative pronoun right after the role ("إن المقاول الذي عُهد إليه بالأمر، بدأ ...")
    # describes its holder: no name stands with it, however many words on.
    relatives: bool = False


def _base(word: str) -> str:
    """A normalized word without its article, conjunction or possessive: "ومديرها" -> "مدير"
    (a role word is looked for first as written: the و of "وزير" is no conjunction)."""
    stripped = [word] + [word[len(p) :] for p in _PREFIXES if word.startswith(p) and len(word) - len(p) >= 3]
    for form in stripped[:2]:
        if form in _GROUP_OF or form in _OTHER_NOUNS:
            return form
        for suffix in _SUFFIXES:
            if form.endswith(suffix) and form[: -len(suffix)] in _GROUP_OF:
                return form[: -len(suffix)]
    return stripped[1] if len(stripped) > 1 else word


def _accusative(word: str) -> bool:
    """Whether a role word is written accusative ("مديرا"; not "مديرها", his director)."""
    if word.endswith("ها"):
        return False
    form = word[1:] if word[:1] in "وف" and word[1:-1] in _GROUP_OF else word
    return form.endswith("ا") and form[:-1] in _GROUP_OF


def role_group(word: str) -> int | None:
    """Which group of `_ROLE_GROUPS` a word writes ("ومديرها": the director's), if any."""
    return _asked_group(word, persons=False)


def _asked_group(word: str, persons: bool) -> int | None:
    """The group of a role word or, with `persons`, of a person noun (`_PERSON_GROUPS`)."""
    group = _GROUP_OF.get(_base(word))
    return group if persons or group is None or group < len(_ROLE_GROUPS) else None


def portfolio(word: str) -> bool:
    """Whether a word is a minister's portfolio ("الخارجية")."""
    return _base(word) in _PORTFOLIOS


def nation(word: str) -> int | None:
    """Which country of `_NATIONS` a word writes, with any prefix ("لروسيا", "والأمريكي")."""
    forms = [word] + [word[len(p) :] for p in (*_PREFIXES, "ل", "ب") if word.startswith(p)]
    for i, country in enumerate(_NATIONS):
        if any(f.startswith(n) and len(f) - len(n) <= 3 for f in forms for n in country):
            return i
    return None


def _kinds(word: str) -> tuple[str, ...]:
    """The forms a body's kind may take without its preposition ("لنادي" -> لنادي, نادي)."""
    return (word, word[1:]) if word[:1] in "لب" and len(word) > 4 else (word,)


def _asked_body(rest: Sequence[str]) -> tuple[tuple[str, ...], tuple[str, ...]] | None:
    """The body a role's phrase names as a noun without the article and the name it heads
    ("نادي الحزم", "لنادي ضمك"), after any country ("المدرب الإيطالي لنادي الاتحاد"), if any."""
    words = list(rest)
    while words and nation(words[0]) is not None:
        words = words[1:]
    if len(words) < 2 or words[0].startswith(ARTICLES) or _base(words[0]) in _PORTFOLIOS:
        return None
    if nation(words[0]) is not None or nation(words[1]) is not None:
        return None
    name = _named(words[1:], bare=_NAME_WORDS)
    return _kinds(words[0]), tuple(takewhile(lambda w: not w.startswith(_PLACED) and nation(w) is None, name))


def _writes_kind(word: str, kinds: tuple[str, ...]) -> bool:
    """Whether a passage's word writes a body's kind without the article, its conjunction or
    preposition aside ("ونادي", "لمستشفى"; not "النادي", "للنادي")."""
    if word.startswith("لل"):
        return False
    return any(set(word[:n]) <= set("وفبل") and word[n:] in kinds for n in range(3))


def _named(words: Sequence[str], bare: int = 1) -> tuple[str, ...]:
    """The words naming a body after its kind: its first `bare` words (a passage's: one; a
    question's: `_NAME_WORDS`) or, past a place's head, the words naming that place
    (`_NAME_WORDS` at most: "بلدية محافظة الدرعية" is الدرعية's, "بلدية محافظة البدائع" not
    بدائع العضيان's)."""
    if len(words) > 1 and words[0] in PLACE_HEADS:
        return tuple(words[1 : 1 + _NAME_WORDS])
    return tuple(words[:bare])


def _body_names(
    words: Sequence[tuple[str, int, int]], kinds: tuple[str, ...]
) -> list[tuple[int, tuple[str, ...]]]:
    """Where a sentence writes a body's kind without the article, with the words naming it."""
    plain = [w for w, _, _ in words]
    return [(k, _named(plain[k + 1 :])) for k, word in enumerate(plain[:-1]) if _writes_kind(word, kinds)]


def _other_body(
    named: Sequence[tuple[int, tuple[str, ...]]],
    at: int,
    earlier: tuple[str, ...],
    body: tuple[tuple[str, ...], tuple[str, ...]],
    phrase: Sequence[str],
) -> bool:
    """Whether the body of a role written at word `at` is another of the kind asked: the
    sentence's nearest mention of that kind without the article (`named`), or when it has none
    the article's last before it (`earlier`: "مدير المستشفى" after "مستشفى الخرمة"), names
    another than the question's (`name`, word by word: "مستشفى بني مالك"; "نادي «سلمان الحزم»"
    for "نادي الحزم"; "بلدية محافظة البدائع يوسف" for "بلدية بدائع العضيان"); or the role's
    `phrase` writes the kind with the article ("مديرة النادي") and the article never named one."""
    kinds, name = body
    nearest = min(named, key=lambda m: abs(m[0] - at))[1] if named else earlier
    if not nearest:
        return any(word.startswith(ARTICLES) and _base(word) in kinds for word in phrase)
    return not all(_matches(written, asked) for written, asked in zip(nearest, name, strict=False))


def asked_role(question: str, bodies: bool = False, persons: bool = False) -> AskedRole | None:
    """The role a question opening with a who-word (or asking a name: "اسمه ايه") asks
    about, when a role word comes right after it (fillers such as هو / كان between), with its
    qualifiers: the first content word after the role phrase (or the one after it, unless
    that is a country: "البيت الابيض" -> البيت or الابيض), and any country named in the three
    words after the first ("السفير الروسي" -> الروسي; "ترأس الوفد الأمريكي" -> الوفد and
    الامريكي); a minister's portfolio and the word
    after it ("وزير خارجية ايسلندا" -> خارجية, ايسلندا). The phrase ends at a relative
    pronoun ("اللي قالت ..."). None for any other question, or a role with nothing after it;
    with `persons`, a person noun (`_PERSON_GROUPS`) is asked with or without qualifiers."""
    words = [w for w, _, _ in word_table(question)]
    i = 0
    while i < len(words) and (words[i] in _FILLERS or words[i] in ("و", "ف")):
        i += 1
    if i >= len(words) or not (words[i] in _WHO or words[i] in _NAME_ASKED):
        return None
    i += 1
    while i < len(words) and words[i] in _FILLERS:
        i += 1
    if i >= len(words) or (group := _asked_group(words[i], persons)) is None:
        return None
    after = words[i + 1 :]
    ends = [j for j, w in enumerate(after) if w in _RELATIVES]  # "اللي قال ...": what they did
    after = after[: ends[0]] if ends else after
    adjectives = _ROLE_ADJECTIVES | _OFFICE_ADJECTIVES if bodies else _ROLE_ADJECTIVES
    rest = [w for w in after if w not in adjectives and w not in _LINKS and not is_stopword(w)]
    if not rest:
        return AskedRole(group, ()) if group >= len(_ROLE_GROUPS) else None
    nations = [(w,) for w in rest[1:4] if nation(w) is not None]
    if _base(rest[0]) in _PORTFOLIOS:  # "وزير خارجية ايسلندا": the ministry, then whose
        qualifiers = [(rest[0],), tuple(rest[1:2])] if len(rest) > 1 else [(rest[0],)]
    elif nations and nations[0] == (rest[1],):  # "الوفد الأمريكي": the delegation and whose
        qualifiers = [(rest[0],)]
    else:  # a name of two words may be written by either ("المتحدثة باسم الأبيض")
        qualifiers = [tuple(rest[:2])]
    body = _asked_body(rest) if bodies else None
    return AskedRole(group, tuple(dict.fromkeys(qualifiers + nations)), body=body)


def _matches(word: str, qualifier: str) -> bool:
    """Whether a passage's word writes a question's qualifier: the same word without its
    article, or the same country in another form (روسيا، الروسي، موسكو)."""
    country = nation(qualifier)
    if country is not None:
        return nation(word) == country
    a, b = _base(word), _base(qualifier)
    if len(a) == len(b) >= 6 and sum(x != y for x, y in zip(a, b, strict=True)) == 1:
        return True  # one letter spoken otherwise: "البنتاقون" for "البنتاغون"
    short = min(len(a), len(b))
    return short >= 3 and (a == b or a.startswith(b) or b.startswith(a)) and abs(len(a) - len(b)) <= 2


def _verb_like(sentence: str, words: Sequence[tuple[str, int, int]], k: int) -> bool:
    """Whether the word at `k`, after a role phrase, reads as what its holder did rather than
    his name ("محافظ الطائف قام بزيارة", "... أكد أن"): a verb of saying, or a word followed,
    with no mark between, by a function word or a preposition's noun ("بالمشروع", "بزيارة"),
    which a name's first word is not: the rest of the name follows it."""
    if is_saying(words[k][0]):
        return True
    if k + 1 >= len(words) or sentence[words[k][2] : words[k + 1][1]].strip():
        return False
    after = words[k + 1][0]
    verbal_noun = after[:1] == "ب" and after.endswith("ه") and len(after) >= 5  # "بزياره"
    return is_stopword(after) or after.startswith(("بال", "لل")) or verbal_noun


def _names_someone(
    sentence: str, words: Sequence[tuple[str, int, int]], at: int, end: int, reading: RoleReading
) -> bool:
    """Whether a name stands with the role written at words[at] (its phrase running to
    words[end - 1]): the word after the phrase is no function word and no quotation ("وزير
    الخارجية الأمريكي أنتوني بلينكن"), or one after a comma a few words on ("المبعوث الدولي
    إلى سوريا، غير بيدرسون"); with `lists`, not what the role heads either: a role word, the
    next role of a list ("مدير المستشفى ومدير الخدمات الطبية"), nor the word right after a
    role without the article, its genitive ("ومدير الخدمات"); or the role follows a comma or
    "الذي" after a name ("ريابكوف، الذي ترأس الوفد الروسي", "X، سفير روسيا"). With `verbs`, a
    word reading as a verb (`_verb_like`) names no one."""
    lists, reported = reading.lists, reading.reported
    role_word = words[at][0]
    # "مدير الخدمات": a role noun without the article heads the word after it (a verb does not).
    heads = lists and not role_word.startswith(ARTICLES) and _base(role_word) not in _ROLE_VERBS
    heads = heads and not _accusative(role_word)
    after_comma = False
    described = reading.relatives and end < len(words) and words[end][0] in _RELATIVES
    for k in range(end, min(len(words), end + QUALIFIER_REACH) if not described else end):
        gap = sentence[words[k - 1][2] : words[k][1]]
        if any(q in gap for q in _QUOTES):
            break
        after_comma = after_comma or "،" in gap or "," in gap
        if reported and after_comma and words[k][0] in _REPORTED:
            break
        listed = (lists and role_group(words[k][0]) is not None) or (heads and k == at + 1)
        verb = reading.verbs and _verb_like(sentence, words, k)
        if (k == end or after_comma) and not is_stopword(words[k][0]) and not listed and not verb:
            return True
    if _accusative(words[at][0]):  # "تعيين فلان مديراً": the name comes before
        return True
    if at > 0:
        before = sentence[words[at - 1][2] : words[at][1]]
        if "،" in before or "," in before or words[at - 1][0] in ("الذي", "التي"):
            return True
        # "أكد أشرف سالمان وزير الاستثمار": a name, not a verb of saying, right before the role
        # ("ومديرها" after a company is a conjunct, not an apposition), nor a word carrying an
        # object pronoun, which a name does not ("تهديدات أطلقها الرئيس التركي").
        previous = words[at - 1][0]
        joined = words[at][0][:1] in "وف" and _base(words[at][0]) != words[at][0]
        verb = is_saying(previous) or (len(previous) > 4 and previous.endswith(_OBJECT_PRONOUNS))
        quoted = any(q in before for q in _QUOTES)
        listed = lists and any(mark in before for mark in _LIST_MARKS)
        if not (joined or verb or quoted or listed or is_stopword(previous)):
            return True
    return False


def _in_phrase(word: str, role: AskedRole) -> bool:
    """Whether a word after a role is still its phrase: an adjective of roles, a qualifier, a
    country, a portfolio or a link ("باسم")."""
    return (
        word in _ROLE_ADJECTIVES
        or word in _OFFICE_ADJECTIVES
        or any(_matches(word, q) for qs in role.qualifiers for q in qs)
        or nation(word) is not None
        or _base(word) in _PORTFOLIOS
        or word in _LINKS
    )


def _held(words: Sequence[tuple[str, int, int]], at: int, role: AskedRole) -> list[bool]:
    """Which of the role's qualifiers are written within QUALIFIER_REACH words of the role word
    at `at` (twice as far from a role verb)."""
    reach = QUALIFIER_REACH * (2 if _base(words[at][0]) in _ROLE_VERBS else 1)
    near = [w for w, _, _ in words[max(0, at - reach) : at + reach + 1]]
    return [any(_matches(w, q) for w in near for q in qs) for qs in role.qualifiers]


def deputy_only(text: str, role: AskedRole) -> bool:
    """Whether `text` writes the role asked, with its qualifiers, only as a deputy's or an
    assistant's title ("نائب وزير الصحة" for "مين وزير الصحة"): a passage on another person."""
    seen = False
    for span in split_sentences(text):
        words = word_table(text[span.start : span.end])
        for at, (word, _, _) in enumerate(words):
            if role_group(word) != role.group and _base(word) not in role.titles:
                continue
            if not all(_held(words, at, role)):
                continue
            if at == 0 or _base(words[at - 1][0]) not in _DEPUTIES:
                return False
            seen = True
    return seen


def _owned(phrase: Sequence[str], owner: tuple[str, ...]) -> bool:
    """Whether the first word of a role's `phrase` writing the `owner` or any country writes
    the owner ("السفير الياباني لدى السعودية"; not "السفير السعودي في اليابان")."""
    for word in phrase:
        if any(_matches(word, o) for o in owner):
            return True
        if nation(word) is not None:
            return False
    return True


def _sentence_roles(text: str, role: AskedRole, reading: RoleReading) -> Iterator[tuple[Span, bool, bool]]:
    """Each sentence of `text`, whether it writes the role (any word of its group) with one of
    its qualifiers within QUALIFIER_REACH words, and whether it `ties` it: with every qualifier
    and a name standing with it (`_names_someone`, `reading`), of the body asked if it says."""
    earlier: tuple[str, ...] = ()  # the name of the body of the kind asked the article last wrote
    for span in split_sentences(text):
        sentence = text[span.start : span.end]
        words = word_table(sentence)
        named = _body_names(words, role.body[0]) if role.body is not None else []
        mentioned = tied = False
        for at, (word, _, _) in enumerate(words):
            if _asked_group(word, persons=True) != role.group and _base(word) not in role.titles:
                continue
            held = _held(words, at, role)
            mentioned = mentioned or any(held) or not role.qualifiers
            if not all(held):
                continue
            end = at + 1
            while end < len(words) and (
                _in_phrase(words[end][0], role)
                or (is_stopword(words[end][0]) and _in_phrase(words[min(end + 1, len(words) - 1)][0], role))
            ):  # "سفير روسيا في القاهرة": a preposition before a qualifier is the phrase's too
                end += 1
            if role.owner and not _owned([w for w, _, _ in words[at + 1 : end]], role.owner):
                continue
            phrase = [w for w, _, _ in words[at + 1 : end]]
            if role.body is not None and _other_body(named, at, earlier, role.body, phrase):
                continue
            if reading.deputies and at > 0 and _base(words[at - 1][0]) in _DEPUTIES:
                continue
            if _names_someone(sentence, words, at, end, reading):
                tied = True
                break
        yield span, mentioned, tied
        earlier = named[-1][1] if named else earlier


def written(text: str, role: AskedRole, reading: RoleReading = RoleReading()) -> tuple[bool, bool]:
    """Whether a sentence of `text` writes the role with one of its qualifiers, and whether one
    ties a name to it (`_sentence_roles`)."""
    mentioned = False
    for _, seen, tied in _sentence_roles(text, role, reading):
        if tied:
            return True, True
        mentioned = mentioned or seen
    return mentioned, False


def tying_sentence(text: str, role: AskedRole, reading: RoleReading = RoleReading()) -> int | None:
    """Where the first sentence of `text` tying a name to the role starts, if one does: the
    sentence a who-by-role snippet shows ("على شرف محافظ الطائف فهد بن معمر", not "محافظ
    الطائف قام بزيارة" in the same passage)."""
    return next((span.start for span, _, tied in _sentence_roles(text, role, reading) if tied), None)


def unanswered(texts: Iterable[str], role: AskedRole, reading: RoleReading = RoleReading()) -> bool:
    """Whether the best articles' `texts` give no one the role asked, on evidence: they write
    it with (part of) its qualifier and never tie a name to it all ("وزير الخارجية الأمريكي"
    for Iceland's, "ترأس الوفد الروسي" for the American, a company "ومديرها العام" unnamed), or
    a country's role ("السفير الروسي") is not written at all. A role otherwise qualified and
    never written is no evidence: questions paraphrase ("الزعيم البروتستانتي" for a student
    who turned Protestant)."""
    mentioned = False
    for text in texts:
        seen, tied = written(text, role, reading)
        if tied:
            return False
        mentioned = mentioned or seen
    return mentioned or any(nation(q) is not None for qs in role.qualifiers for q in qs)
