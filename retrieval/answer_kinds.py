"""What kind of answer a question asks for (a date, a place, a person, a number, a duration, a
reason, the occasion on whose sidelines something happened) and where a text holds one, so that
a snippet can show the sentence that answers and mark the answer.

Question words in Modern Standard Arabic, the spoken dialects and English. Places come from the
Arabic country and city names of the CLDR data that Babel ships; dates, numbers, durations and
people (a title and the name after it, a name before its title, a player or a scorer
named), reasons (a cue: بسبب، لأن، نظرا...) and occasions ("على
هامش" and what follows) from word lists. Pure functions over normalized words."""

from __future__ import annotations

import re
from functools import lru_cache

from retrieval import cldr_names
from retrieval.normalize import PROCLITICS, normalize_arabic, starts_arabic, without_proclitic, word_table
from retrieval.stemming import light_stem
from retrieval.stopwords import STOPWORDS

WHEN, WHERE, WHO, COUNT, DURATION = "when", "where", "who", "count", "duration"
WHY, SIDELINES = "why", "sidelines"  # a reason; the event on whose sidelines something happened
AGE = "age"  # "how old": a number of years, or a number after "العمر"
NAMED = "name"  # "ما اسم الشاب ...", "what was the name of the pilot ...": a person's name
_KUNYA = frozenset({"ابو", "ام"})
_SON_OF = frozenset({"بن", "ابن"})
_NAME_ASKED = frozenset("اسم اسمه اسمها اسمهم اسمو سميه سميته".split())
# A name asked after its person ("مين الحرامي ... شو اسمه", "الست اللي كسبت ... اسمها ايه"),
# next to a "what" (`asks_names`).
_HIS_NAME = frozenset("اسمه اسمها اسمهم اسمو اسمهما".split())
# Spoken words for "what", normalized (`SPOKEN_WHAT`); each reader adds the standard ones it
# takes ("ما", "وما", "ماذا").
_SPOKEN_WHAT = "شو ايش وش شنو ايه اش واش"
# People a question asks the name of, normalized ("اسم الملعب" asks for a place's name: not these).
_PERSON_NOUNS = frozenset(
    (
        "شاب الشاب البنت بنت الفتاه فتاه الطفل طفل الطفله الرجل رجل المراه امراه السيده الولد الطيار "
        "الطبيب الطبيبه الممرض الممرضه المعلم المعلمه الطالب الطالبه السائق سائق اللاعب المدرب الحكم "
        "القاتل الجاني المتهم المتهمين الضحيه الضحايا المواطن المقيم العامل المنفذ منفذ الانتحاري صاحب "
        "مالك الشخص شخص الام الاب الزوج الزوجه المسؤول الموظف القبطان الربان الشهيد المصاب المتوفي "
        "المتوفى الغريق الفائز الفائزه المرشح المرشحه"
    ).split()
)
_ENGLISH_PERSONS = (
    "man|woman|boy|girl|child|kid|pilot|doctor|nurse|teacher|student|driver|player|coach|referee|"
    "killer|suspect|victim|citizen|worker|bomber|attacker|owner|person|mother|father|husband|wife|"
    "official|employee|captain|farmer|winner|candidate|perpetrator|gunman|shooter|sorcerer|graduate"
)

# Words that make a question ask for a kind of answer, normalized; "كم" asks for a number unless
# a time unit follows it (then for a duration).
_ARABIC_QUESTION_WORDS = {
    WHEN: "متى امتى امتي ايمتى ايمتي امتا وقتاش ايمته",
    WHERE: "اين وين فين فاين وينتا",
    WHO: "مين منو شكون",
    COUNT: "كم قديش قدي كام شحال",
    WHY: "لماذا ليش ليه علاش لاش",
}
_ENGLISH_PATTERNS = (
    (DURATION, r"\bhow long\b|\bfor how many (?:days|weeks|months|years|hours)\b"),
    (COUNT, r"\bhow (?:many|much)\b|\bwhat (?:number|percentage|amount)\b"),
    (AGE, r"\bhow old\b|\b(?:what|which) age\b|\bat the age of\b"),
    (WHEN, r"\bwhen\b|\b(?:what|which) (?:year|date|day|month|time|century|decade)\b"),
    (WHERE, r"\bwhere\b|\b(?:what|which) (?:city|country|place|town|state|region|venue)\b"),
    # A person's name: a person noun ("the name of the Yemeni farmer"). Not any noun followed by
    # "who": "the name of the dentist who killed Cecil the lion" is answered by a name without a
    # title, which the name kind does not read. Up to two words before the noun: "the two Italian
    # pilots", "the Sudanese sorcerer".
    (NAMED, rf"\bnames? of (?:the |that |this )?(?:\w+ ){{0,2}}(?:{_ENGLISH_PERSONS})s?\b"),
    # In a question opening with "how" (how old, how did), a later who or whose is a relative
    # pronoun ("How old is Ali, the patient whose treatment ..."): no person is asked.
    (WHO, r"^(?!\s*how\b).*\bwho(?:m|se)?\b|\b(?:what|which) (?:person|president|minister|official)\b"),
    (WHY, r"\bwhy\b|\bfor what reason\b|\bwhat (?:is|was|were) the reasons? (?:for|behind)\b"),
    (WHEN, r"\bemta\b|\bimta\b|\bemte\b"),
    (WHERE, r"\bfein\b|\bfeen\b|\bwein\b|\bween\b"),
    (WHO, r"\bmeen\b|\bmin\b"),
)
# Words between "كم" and what it counts: "كم من مجموعة", "كم عدد القطع", "قديش في جنود", "قديش
# كان عدد الناس".
_COUNT_FILLERS = "من عدد في فيه كان كانت"
# A how-many question on a sum ("كم بلغت قيمة", "كم المبلغ الذي تقاضاه") counts a currency.
_SUM_WORDS = (
    "قيمه قيمته قيمتها بقيمه المبلغ مبلغ بمبلغ تكلفه تكلفته تكلفتها كلفه سعر سعره ثمن ثمنه راتب الراتب"
)
# A percentage's unit after its number ("ثمانين في المائة").
_PERCENT_WORDS = "المائه المئه بالمائه بالمئه"
_CURRENCIES = "ريال دولار يورو جنيه درهم دينار ليره روبل"
# A second kind asked with "and" ("... and where?"); kinds a question asks are joined by _JOIN.
# English question words before a "when" that then joins a clause (`_joins_clause`), and the
# words after which "when" still asks ("until when").
_EN_QUESTION_WORDS = frozenset("what which who whom whose where why how".split())
_WHEN_ASKED_AFTER = frozenset("until till since and or".split())
_AND_KIND_RE = re.compile(r"\band (when|where|how many|how much|how long)\b")
_JOIN = "+"
# "أي" followed by one of these asks for that kind ("في أي مدينة", "بأي سنة").
_WHICH = ("اي", "باي", "لاي", "فاي")
_WHICH_NOUNS = {
    WHEN: "يوم تاريخ شهر سنه عام وقت موعد ساعه",
    WHERE: "مدينه بلد دوله مكان عاصمه منطقه مقر بلاد",
    WHO: "شخص مسؤول رئيس وزير",
}
# With the accusative alif a counted unit takes after 11-99 ("24 شهراً", "30 يوماً").
_TIME_UNITS = (
    "ساعه ساعات ساعتين ساعتان دقيقه دقائق يوم ايام يومين يومان اسبوع اسابيع اسبوعين شهر اشهر شهور "
    "شهرين عام اعوام عامين سنه سنوات سنين سنتين عقد عقود قرن قرون يوما اسبوعا شهرا عاما عقدا قرنا"
)
_DUAL_UNITS = "ساعتين ساعتان يومين يومان اسبوعين شهرين عامين سنتين عقدين"
_DURATION_CUES = "لمده مده طيله طوال طول"
_AGE_UNITS = "عام عاما سنه سنوات سنين ربيعا"
_AGE_CUES = "العمر عمره عمرها سن"  # "البالغ من العمر 36 عاما", "عمره 18", "في سن الثالثة والعشرين"
# Years after these are a time, not an age: "قبل 40 سنة", "منذ نحو 20 عاما", "لمدة 3 سنوات".
_YEARS_AGO = "قبل منذ خلال بعد لمده مده طيله طوال"
_ABOUT = "نحو حوالي قرابه اكثر اقل من"
# "ما المدة التي استغرقها", "ما أقصى مدة": a duration asked with "what" and "length of time".
_DURATION_ASKED = "مده المده"
_NUMBER_WORDS = (
    "واحد واحده اثنان اثنين اثنتين ثلاث ثلاثه اربع اربعه خمس خمسه ست سته سبع سبعه ثمان ثماني "
    "ثمانيه تسع تسعه عشر عشره عشرون عشرين ثلاثون ثلاثين اربعون اربعين خمسون خمسين ستون ستين "
    "سبعون سبعين ثمانون ثمانين تسعون تسعين مئه مائه مئتين مئات الف الفين الاف آلاف مليون ملايين "
    "مليار مليارات عشرات نصف ربع ثلث"
)
_WEEKDAYS = "السبت الاحد الاثنين الثلاثاء الاربعاء الخميس الجمعه"
_RELATIVE_DAYS = "امس البارحه غدا"
_MONTHS_EXTRA = "كانون شباط اذار نيسان ايار حزيران تموز اب ايلول تشرين"
_PERIODS = "الاسبوع الشهر العام السنه"
# Words that open a date before its month: "السابع من ديسمبر", "نهاية يوليو".
_DAY_WORDS = (
    "الاول الثاني الثالث الرابع الخامس السادس السابع الثامن التاسع العاشر الحادي العشرين "
    "الثلاثين مطلع بدايه نهايه منتصف اواخر اوائل اول اخر اواسط اليوم يوم"
)
# Times of day, and the hours named before them: "الثامنة صباحاً", "الساعة 10 مساء".
_TIMES_OF_DAY = "صباحا صباح مساء مساءا ظهرا ظهر عصرا عصر فجرا فجر ليلا ظهيره"
_HOURS = "الساعه الواحده الثانيه الثالثه الرابعه الخامسه السادسه السابعه الثامنه التاسعه العاشره الحاديه"
_RELATIVE = "الماضي الماضيه المقبل المقبله القادم القادمه الفائت"
_TITLES = (
    "الرئيس رئيس الرئيسه رئيسه وزير الوزير وزيره المتحدث المتحدثه الناطق الناطقه المبعوث "
    "مبعوث السفير سفير السفيره نائب مستشار المستشار زعيم المدير مدير الامين المندوب مندوب "
    "الجنرال قائد القائد الملك الامير المستشاره الدكتور الدكتوره المهندس المهندسه الشيخ الاستاذ "
    "اللواء العميد العقيد د م"  # the last two: "د." and "م.", doctor and engineer
)
_SPOKESMEN = "المتحدث المتحدثه الناطق الناطقه"
# Titles that honour rather than appoint: a doctor or a sheikh may be the person a question asks
# the name of; the rest of `_TITLES` are offices (`_named_at`).
_HONORIFICS = "الدكتور الدكتوره المهندس المهندسه الشيخ الاستاذ د م"
# People named by what they play as, the name after them answering who ("ونال اللاعب الحسن السقطي").
_PLAYERS = "اللاعب اللاعبه المدرب المهاجم الحارس"
# Verbs of scoring, the scorer named a word or two after them ("سجل للسعودية عبدالرحمن اليامي").
_SCORING = "سجل سجلها سجله احرز احرزه احرزها"
_SCORER_REACH = 2
_SAYING = "قال قالت صرح صرحت اوضح اوضحت اكد اكدت اشار اشارت ذكر ذكرت افاد افادت بين بينت اعلن اعلنت كشف كشفت"
# A person speaking in a passage: a verb of saying or of a stance (أبدى، أشاد، حذر) up to
# `_SPEAKER_REACH` words before their name (titles between: "قال وزير الخارجية الروسي سيرغي
# لافروف"), or a word of saying right after it ("عن لافروف قوله", "لافروف قائلاً"). A title
# set off by a comma before the name (apposition: "فاعتبر نائب رئيس هيئة الأركان المشتركة
# للقوات المسلحة الأمريكية، الجنرال جون هايتن") reaches `_APPOSITION_REACH` words, the comma
# at most `_APPOSITION_WORDS` words before the name and no conjunction after it.
_SPEAKING = (
    "قال قالت يقول تقول صرح صرحت اوضح اوضحت اكد اكدت اضاف اضافت ذكر ذكرت اعلن اعلنت افاد افادت "
    "اشار اشارت شدد شددت لفت لفتت تابع تابعت اعتبر اعتبرت ابدى ابدت اعرب اعربت اشاد اشادت حذر حذرت "
    "دعا دعت طالب طالبت نفى نفت وصف وصفت"
)
_SPOKEN_AFTER = "قوله قولها قائلا قائله مضيفا مؤكدا"
# Prepositions that, right before a name, make it another verb's object ("وأشاد بلينكن
# بالمحادثات مع لافروف"); not further back ("أشار إلى أن روسيا تولي").
_NOT_SPEAKING = "مع الى على عن من في بين حول ضد لدى"
_SPEAKER_REACH = 6
_APPOSITION_REACH = 12
_APPOSITION_WORDS = 3
# What heads a place in construct ("محافظة الرس", "حي الروضة", "قرية ..."), normalized; not
# "مدينة" (مدينة الملك عبدالله الطبية is a hospital) nor "مركز" (مركز الدفاع المدني).
_PLACE_HEADS = "محافظه منطقه حي قريه بلده"
_PLACE_CUES = "مدينه المدينه العاصمه عاصمه مقر جزيره ولايه مقاطعه اقليم منتجع قصر بلد دوله"
# Capitals and cities of the news that CLDR's list (one city per time zone) lacks.
_MORE_PLACES = (
    "جنيف|واشنطن|بكين|أنقرة|بغداد|الدوحة|الرباط|صنعاء|غزة|إسلام آباد|نيودلهي|مومباي|سيول|بيونغ يانغ|"
    "أوتاوا|لاهاي|ستراسبورغ|ميونيخ|فرانكفورت|ميلانو|برشلونة|سان بطرسبرغ|دافوس|شرم الشيخ|"
    "لاس فيجاس|لاس فيغاس"
)
# Saudi regions and cities, where the kingdom's news happens (CLDR names Riyadh alone).
# Not "الخبر" (also "the news") nor "المدينة" alone (a place cue already).
_SAUDI_PLACES = (
    "جدة|مكة|مكة المكرمة|المدينة المنورة|الدمام|الطائف|أبها|تبوك|حائل|جازان|جيزان|نجران|بريدة|"
    "عنيزة|القصيم|الأحساء|الهفوف|القطيف|الجبيل|الظهران|ينبع|الباحة|عرعر|سكاكا|الجوف|عسير|"
    "خميس مشيط|حفر الباطن|الخرج|رابغ|القريات|المجمعة|الدرعية"
)
# A reason or purpose ("... لكن إدارة بايدن تريد تجنب إثارة غضب برلين"), and the words after
# the cue taken as the reason; "أجل" only after "من" (alone it is "postponed").
_REASON_CUES = (
    "لان لانه لانها لانهم بسبب جراء نتيجه نظرا اثر بهدف لتجنب تجنب خشيه سعيا انطلاقا تفاديا لتفادي حرصا بغيه"
)
_REASON_WORDS = 4
# "على هامش" (on the sidelines of) and the words of the occasion after it; asked in Arabic only
# (the English reading lost a held-out snippet, docs/tuning.md).
_SIDELINES = "هامش"
_OCCASION_WORDS = 4
_NAME_WORDS = 4  # words of a name taken after a title
# Feminine dual endings, normalized ("تين", "تان"), and words with those endings that are not
# duals: -stan countries, protein and routine, Putin, Latin, sixty.
_FEMININE_DUAL = ("تين", "تان")
_NOT_DUAL = ("ستان", "روتين", "بوتين", "اتين", "ستين")
_MIN_DUAL_CHARS = 5
# A feminine dual in construct drops its nun ("مجموعتي عمل"); words ending so that are not one:
# a plural's "my" (سياساتي), ذاتي, the relative التي and adjectives of place (كويتي، سوفيتي).
_CONSTRUCT_DUAL = "تي"
_NOT_CONSTRUCT = ("اتي", "يتي", "التي")
_MIN_CONSTRUCT_CHARS = 6
_DUAL_ENDINGS = ("تين", "تان", "تي", "ين", "ان")  # a dual's stem, to meet the noun counted
# Plurals that count without a number ("عشرات القتلى", "آلاف الزوار"): a vague quantity.
_VAGUE = "عشرات مئات الاف آلاف ملايين مليارات بضع بضعه"
# "Of them" after a number ("تلقينا إجابات عن تسع منها"): it counts a noun named before it.
_PARTITIVE = "منها منهم منهن منهما"
_YEAR_RE = re.compile(r"^(1[5-9]|20)\d\d$")
_ARTICLE_RE = re.compile(r"^[وفبك]?(ال|لل)")  # the article, after a one-letter prefix or as لل


def _words(text: str) -> frozenset[str]:
    return frozenset(normalize_arabic(text).split())


QUESTION_WORDS = {kind: _words(words) for kind, words in _ARABIC_QUESTION_WORDS.items()}
# The words a kind is asked with, stripped of their prefixes as one set.
_KIND_WORDS = QUESTION_WORDS[COUNT] | QUESTION_WORDS[WHEN] | QUESTION_WORDS[WHERE]
OTHER_QUESTION_WORDS = _words("ما ماذا كيف لماذا هل ليش ليه شو ايش اش شنو علاش كيفاش ازاي")
_WHAT = _words("ما وما هي ماهي شو ايش وش شنو")
SPOKEN_WHAT = _words(_SPOKEN_WHAT)
_WHAT_NEXT = SPOKEN_WHAT | _words("ما وما")
WHICH_NOUNS = {kind: _words(words) for kind, words in _WHICH_NOUNS.items()}
WHICH = frozenset(_WHICH)
TIME_UNITS, DUAL_UNITS = _words(_TIME_UNITS), _words(_DUAL_UNITS)
DURATION_CUES, NUMBER_WORDS = _words(_DURATION_CUES), _words(_NUMBER_WORDS)
DURATION_ASKED = _words(_DURATION_ASKED)
AGE_UNITS, AGE_CUES = _words(_AGE_UNITS), _words(_AGE_CUES)
YEARS_AGO, ABOUT = _words(_YEARS_AGO), _words(_ABOUT)
HOW_LONG = TIME_UNITS | DURATION_CUES | _words("وقت الوقت طولت طالت دام دامت استمر استمرت استغرق استغرقت")
WEEKDAYS, RELATIVE_DAYS = _words(_WEEKDAYS), _words(_RELATIVE_DAYS)
PERIODS, RELATIVE, DAY_WORDS = _words(_PERIODS), _words(_RELATIVE), _words(_DAY_WORDS)
TIMES_OF_DAY, HOURS = _words(_TIMES_OF_DAY), _words(_HOURS)
TITLES, PLACE_CUES, PLACE_HEADS = _words(_TITLES), _words(_PLACE_CUES), _words(_PLACE_HEADS)
SPOKESMEN, SAYING = _words(_SPOKESMEN), _words(_SAYING)
OFFICES = TITLES - _words(_HONORIFICS)
PLAYERS, SCORING = _words(_PLAYERS), _words(_SCORING)
COUNT_FILLERS, SUM_WORDS, PERCENT_WORDS = _words(_COUNT_FILLERS), _words(_SUM_WORDS), _words(_PERCENT_WORDS)
VAGUE, PARTITIVE = _words(_VAGUE), _words(_PARTITIVE)
_SAYING_VERBS = SAYING - {"بين"}  # `is_saying`
SPEAKING, SPOKEN_AFTER, NOT_SPEAKING = _words(_SPEAKING), _words(_SPOKEN_AFTER), _words(_NOT_SPEAKING)
REASON_CUES, SIDELINES_WORDS = _words(_REASON_CUES), _words(_SIDELINES)
KEYWORD_NOUNS = {
    COUNT: _words("عدد عددها عددهم اعداد حصيله"),
    DURATION: _words("مده المده"),
    WHEN: _words("موعد"),
}
_KEYWORDS = frozenset().union(*KEYWORD_NOUNS.values())


@lru_cache(maxsize=1)
def _calendar() -> tuple[frozenset[str], dict[str, int]]:
    """Month names (Gregorian and Levantine) and place names (countries and cities, as
    first word -> longest phrase in words), from Babel's Arabic CLDR data (retrieval/cldr_names.py)."""
    months = set(_words(_MONTHS_EXTRA))
    places: dict[str, int] = {}
    months.update(normalize_arabic(m) for m in cldr_names.MONTHS.split("|"))
    names = cldr_names.TERRITORIES.split("|") + cldr_names.CITIES.split("|")
    names += _MORE_PLACES.split("|") + _SAUDI_PLACES.split("|")
    for name in names:
        words = [w for w, _, _ in word_table(name)]
        if words and not (len(words) == 1 and len(words[0]) < 3):
            places[words[0]] = max(places.get(words[0], 0), len(words))
            places.setdefault("\0" + " ".join(words), len(words))
    return frozenset(months), places


def is_saying(word: str) -> bool:
    """Whether a normalized word is a verb of saying, bare or after a conjunction ("وأكد");
    not "بين", also "between" ("عقد الاجتماع الخميس بين الوفدين")."""
    return word in _SAYING_VERBS or (word[:1] in "وف" and word[1:] in _SAYING_VERBS)


def question_kind(question: str) -> str:
    """The kind of answer `question` asks for, or "" when it asks for none of them; two kinds
    joined by "+" (`kind_parts`) when it asks a second one with "and" ("When did they meet and
    where?", "امتى ووين اتقابلو"), so that a passage holding either answers it."""
    first = _first_kind(question)
    if not first or first == NAMED:
        return first
    second = _and_kind(question)
    return f"{first}{_JOIN}{second}" if second and second != first else first


def keyword_kind(question: str) -> str:
    """The kind a question with no question word asks by a noun ("عدد ضحايا فيضانات بورما", "مدة
    رحلة الأيتام", "موعد مباراة الهلال"): a number, a duration, a date; else ""."""
    words = {_bare(w, _KEYWORDS) for w, _, _ in word_table(question)}
    return next((kind for kind, nouns in KEYWORD_NOUNS.items() if not nouns.isdisjoint(words)), "")


def kind_parts(kind: str) -> tuple[str, ...]:
    """The kinds a `question_kind` stands for: one, or two asked with "and"."""
    return tuple(kind.split(_JOIN)) if kind else ()


def _first_kind(question: str) -> str:
    """The kind asked by the question's first question word (English patterns first)."""
    latin = question.casefold()
    for kind, pattern in _ENGLISH_PATTERNS:
        if (match := re.search(pattern, latin)) and not (kind == WHEN and _joins_clause(latin, match)):
            return kind
    words = [w for w, _, _ in word_table(question)]
    for i, word in enumerate(words):
        bare = _bare(word, _KIND_WORDS)
        after = words[i + 1 : i + 3]
        if word in _NAME_ASKED and after and after[0] in _PERSON_NOUNS:
            return NAMED
        if word in DURATION_ASKED and _WHAT.intersection(words[max(i - 2, 0) : i]):
            return DURATION
        if bare in QUESTION_WORDS[COUNT]:
            return _count_or_duration(after)
        for kind in (WHEN, WHERE, WHO):
            if bare in QUESTION_WORDS[kind]:
                return kind
        if _bare(word, QUESTION_WORDS[WHY]) in QUESTION_WORDS[WHY]:
            return WHY
        if word in _WHICH and after:
            for kind, nouns in WHICH_NOUNS.items():
                if after[0] in nouns:
                    return kind
    # "على هامش شو", "ع هامش أي اجتماع": the occasion, asked with "what" or "which".
    if not SIDELINES_WORDS.isdisjoint(words) and (_WHAT | frozenset(_WHICH)).intersection(words):
        return SIDELINES
    # "من" ("who", but also "from") only opening the question or after "مع", and only when no
    # other question word asks something else ("من جهته، ماذا قال...").
    if not OTHER_QUESTION_WORDS.intersection(words):
        for i, word in enumerate(words[:-1]):
            if word == "من" and (i == 0 or words[i - 1] in ("مع", "ومع")):
                return WHO
    return ""


def asks_names(question: str) -> bool:
    """Whether an Arabic question asks for people's names in a way `question_kind` does not read
    as NAMED: "أسماء" before a noun with the article ("وش أسماء الباكستانيين اللي توفوا", "ما
    أسماء الشابين"), or a name asked after its person ("مين الحرامي اللي طعن ... شو اسمه؟", "... اسمها ايه").
    The decision asks such a question for a name (`answering.decide_answer`); the ranking and
    the snippets keep `question_kind`."""
    words = [w for w, _, _ in word_table(question)]
    for i, word in enumerate(words):
        after = words[i + 1] if i + 1 < len(words) else ""
        if word == "اسماء" and after.startswith("ال"):
            return True
        # Not before the person ("شو اسمها المتحدثة باسم البيت الأبيض": `question_kind` reads
        # that one, and a spokesman's name is the report's source, not what is asked).
        asked_before = not after.startswith("ال")
        what = _WHAT_NEXT.intersection(words[max(i - 1, 0) : i + 2])
        if word in _HIS_NAME and asked_before and (what or not after):
            return True
    return False


def counted_nouns(question: str) -> frozenset[str]:
    """What an Arabic how-many question counts, as `counted_form` has it: the currencies for a
    sum ("كم بلغت قيمة ..."), else the noun after "كم" ("كم فدانا أحرق الحريق": فدان; "كم عدد
    فرق الإطفاء": فرق); empty when it names none."""
    words = [w for w, _, _ in word_table(question)]
    if any(_bare(w, SUM_WORDS) in SUM_WORDS for w in words):
        return _currencies()
    for i, word in enumerate(words):
        if _bare(word, _KIND_WORDS) in QUESTION_WORDS[COUNT]:
            after = [w for w in words[i + 1 : i + 4] if w not in COUNT_FILLERS]
            noun = after[0] if after and starts_arabic(after[0]) and after[0] not in STOPWORDS else ""
            return frozenset({counted_form(noun)}) if noun else frozenset()
    return frozenset()


@lru_cache(maxsize=1)
def _currencies() -> frozenset[str]:
    return frozenset(counted_form(w) for w in _words(_CURRENCIES))


def counted_form(word: str) -> str:
    """A counted noun without its accusative alif ("فدانا", "جيبا"), light-stemmed, so that the
    question's "كم جيب" meets the article's "160 جيبًا"."""
    return light_stem(word[:-1] if len(word) > 3 and word.endswith("ا") else word)


def counts_noun(text: str, nouns: frozenset[str]) -> bool:
    """Whether `text`, a count (`answer_spans` of COUNT), ends with one of the counted `nouns`
    or is a dual of one ("مجموعتي" for "كم مجموعة")."""
    words = [w for w, _, _ in word_table(text)]
    if not nouns or not words:
        return False
    if len(words) > 1:
        return counted_form(words[-1]) in nouns
    stem = without_dual_ending(words[0])
    return stem != words[0] and counted_form(stem) in nouns


def without_dual_ending(word: str, min_stem: int = 0) -> str:
    """`word` without a dual's ending ("مجموعتي" → "مجموع"), when at least `min_stem` letters
    are left; unchanged without one."""
    ending = next((e for e in _DUAL_ENDINGS if word.endswith(e) and len(word) - len(e) >= min_stem), "")
    return word[: -len(ending)] if ending else word


def is_partitive(text: str) -> bool:
    """Whether `text`, a count (`answer_spans` of COUNT), counts "of them" ("تسع منها"): a part
    of something counted before it, which it does not name."""
    words = [w for w, _, _ in word_table(text)]
    return len(words) > 1 and words[-1] in PARTITIVE


def is_vague(text: str) -> bool:
    """Whether `text`, a count (`answer_spans` of COUNT), states no number: its number words
    are all plurals that count without one ("عشرات القتلى", "آلاف الزوار"; not "ثلاثة آلاف"),
    which a how-many question answered elsewhere with "32 قتيلا" does not want first."""
    numbers = [_bare(w, NUMBER_WORDS) for w, _, _ in word_table(text)]
    numbers = [w for w in numbers if w.isdigit() or w in NUMBER_WORDS or w in VAGUE]
    return bool(numbers) and all(_bare(w, VAGUE) in VAGUE for w in numbers)


def _count_or_duration(after: list[str]) -> str:
    """ "كم" asks for a duration when a unit of time follows it, else for a number."""
    return DURATION if any(_bare(w, HOW_LONG) in HOW_LONG for w in after[:2]) else COUNT


def _joins_clause(latin: str, match: re.Match) -> bool:
    """Whether `match`, a bare "when" of the casefolded question `latin`, joins a clause to a
    question another question word asks ("Where was Barcelona ... when Bartomeu said ...", "How
    old was he when he died?"): no date is asked. Not after "until", "since" or "and"."""
    if match.group() != "when":
        return False
    before = re.findall(r"[a-z]+", latin[: match.start()])
    return not _EN_QUESTION_WORDS.isdisjoint(before) and before[-1] not in _WHEN_ASKED_AFTER


def _and_kind(question: str) -> str:
    """The kind asked by a question word joined with "and": "... and where?", "وامتى", "ووين"."""
    if match := _AND_KIND_RE.search(question.casefold()):
        return next(kind for kind, pattern in _ENGLISH_PATTERNS if re.fullmatch(pattern, match.group(1)))
    words = [w for w, _, _ in word_table(question)]
    for i, word in enumerate(words):
        if word[:1] != "و" or word in _KIND_WORDS or (bare := word[1:]) not in _KIND_WORDS:
            continue
        if bare in QUESTION_WORDS[COUNT]:
            return _count_or_duration(words[i + 1 : i + 3])
        return next(kind for kind in (WHEN, WHERE) if bare in QUESTION_WORDS[kind])
    return ""


def _bare(word: str, table: frozenset[str]) -> str:
    """`word`, or without a one-letter conjunction or preposition when that is in `table`."""
    return word if word in table else without_proclitic(word, PROCLITICS, 3)


@lru_cache(maxsize=1 << 13)
def answer_spans(text: str, kind: str) -> tuple[tuple[int, int], ...]:
    """[start, end) spans of `text` that hold an answer of `kind` (of either of its
    `kind_parts`): dates, places, people (a title and the words after it), numbers or durations.
    Cached: one question reads the same passage's spans for every sentence check and move."""
    if not kind:
        return ()
    words = word_table(text)
    finders = [_FINDERS[part] for part in kind_parts(kind)]
    spans = []
    i = 0
    while i < len(words):
        length = max(finder(words, i) for finder in finders)
        if length == 1 and _very(text, words[i]):
            length = 0
        if length:
            end = words[i + length - 1][2]
            spans.append((words[i][1], end + (text[end : end + 1] in ("%", "٪"))))  # "89%"
            i += length
        else:
            i += 1
    return tuple(spans)


def _very(text: str, word: tuple[str, int, int]) -> bool:
    """Whether `word` reads as "غدا" (tomorrow) only because normalizing writes غ as ج: "جداً"
    (very) is no date ("من الصعب جداً على الرئيس الروسي غزو أوكرانيا")."""
    return _bare(word[0], RELATIVE_DAYS) == "جدا" and "غ" not in text[word[1] : word[2]]


def is_partial(text: str, kind: str) -> bool:
    """Whether `text`, an answer of `kind`, only half answers: a weekday or a relative day for
    "when" ("الثلاثاء", "أمس"), where a reader wants the calendar date."""
    if WHEN not in kind_parts(kind):
        return False
    words = [_bare(w, _date_words()) for w, _, _ in word_table(text)]
    return bool(words) and all(w in WEEKDAYS or w in RELATIVE_DAYS or w in TIMES_OF_DAY for w in words)


def speaks(text: str, speaker: frozenset[str]) -> bool:
    """Whether the person whose name has the index terms `speaker` speaks in `text`: a verb of
    saying shortly before the name, within its clause and not with a preposition right before
    the name ("مع لافروف": another's object), or a word of saying right after it. "وقال متحدث
    باسم الخارجية إن بلينكن ... مع لافروف" quotes no word of Lavrov's."""
    words = word_table(text)
    for i, (word, _, _) in enumerate(words):
        if light_stem(word) not in speaker:
            continue
        if i + 1 < len(words) and _bare(words[i + 1][0], SPOKEN_AFTER) in SPOKEN_AFTER:
            return True
        reach = _SPEAKER_REACH
        for j in range(i - 1, max(i - 1 - _APPOSITION_REACH, -1), -1):
            between = text[words[j][2] : words[j + 1][1]]
            if (j == i - 1 and words[j][0] in NOT_SPEAKING) or any(ch in '.:;؛"“”«»' for ch in between):
                break
            if any(ch in ",،" for ch in between):
                joined = words[j + 1][0][:1] in "وف"  # "قال بوتين، وبلينكن ...": another clause
                if joined or reach != _SPEAKER_REACH or i - 1 - j >= _APPOSITION_WORDS:
                    break
                reach = _APPOSITION_REACH  # the title set off before the name
            if i - j > reach:
                break
            if _bare(words[j][0], SPEAKING) in SPEAKING:
                return True
    return False


def is_place(text: str) -> bool:
    """Whether `text` is, as a whole, a place's name (a country or city of the list)."""
    spans = answer_spans(text, WHERE)
    return len(spans) == 1 and spans[0] == (0, len(text))


def named_cities(text: str) -> tuple[tuple[int, int, str], ...]:
    """The [start, end) spans of the cities of the place list `text` names, each with the city
    as the list has it (normalized, no preposition's letter: "بمكة" -> مكة): not a country (an
    article writes سورية for سوريا, آيسلندا as أيسلندا), nor what a place cue heads ("مدينة الملك
    عبدالله": no place of the list)."""
    cities = []
    for start, end in answer_spans(text, WHERE):
        words = [w for w, _, _ in word_table(text[start:end])]
        city = " ".join(words)
        if "\0" + city not in _calendar()[1]:  # listed with a preposition's letter: "بمكة"
            city = " ".join([without_proclitic(words[0], PROCLITICS), *words[1:]])
        if _bare(words[0], PLACE_CUES) not in PLACE_CUES and not _countries() & {" ".join(words), city}:
            cities.append((start, end, city))
    spoken = _spoken_spellings()
    for word, start, end in word_table(text):
        city = spoken.get(word) or spoken.get(without_proclitic(word, PROCLITICS))
        if city and city not in _countries():
            cities.append((start, end, city))
    return tuple(cities)


@lru_cache(maxsize=1)
def _spoken_spellings() -> dict[str, str]:
    """The one-word places of the list written with ي for their ئ, as questions type them
    ("حايل", "الطايف"), each with the place as listed; only `named_cities` reads them (a
    passage's places, which rank and pick snippets, stay the list's)."""
    _, places = _calendar()
    listed = [key[1:] for key in places if key.startswith("\0") and " " not in key]
    return {p.replace("ئ", "ي"): p for p in listed if "ئ" in p and "\0" + p.replace("ئ", "ي") not in places}


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    """The countries and territories of Babel's Arabic CLDR data, as normalized phrases."""
    return frozenset(" ".join(w for w, _, _ in word_table(n)) for n in cldr_names.TERRITORIES.split("|"))


def _number_at(words, i: int) -> bool:
    """A number, not a year (a year answers "when")."""
    word = words[i][0]
    if _YEAR_RE.match(word):
        return False
    return word.isdigit() or _bare(word, NUMBER_WORDS) in NUMBER_WORDS


@lru_cache(maxsize=1)
def _date_words() -> frozenset[str]:
    return _calendar()[0] | WEEKDAYS | RELATIVE_DAYS


def _date_at(words, i: int) -> int:
    months, _ = _calendar()
    word = words[i][0]
    bare = _bare(word, _date_words())
    if bare in months or bare in WEEKDAYS or bare in RELATIVE_DAYS or _YEAR_RE.match(word):
        # A day number before and a year after belong to the date ("7 ديسمبر 2021").
        length = 1
        while (
            i + length < len(words)
            and length < 3
            and (words[i + length][0].isdigit() or words[i + length][0] in months)
        ):
            length += 1
        return length
    if word.isdigit() and i + 1 < len(words) and _bare(words[i + 1][0], months) in months:
        return 2 + (i + 2 < len(words) and bool(_YEAR_RE.match(words[i + 2][0])))
    if bare in PERIODS and i + 1 < len(words) and words[i + 1][0] in RELATIVE:
        return 2
    if bare in TIMES_OF_DAY:
        return 1
    if bare in HOURS or word.isdigit():
        # "الثامنة صباحاً", "الساعة 10 مساء", "الساعة العاشرة": the hour with its time of day.
        length = 1
        while i + length < len(words) and length < 3:
            after = _bare(words[i + length][0], TIMES_OF_DAY)
            if after in TIMES_OF_DAY:
                return length + 1
            if not (words[i + length][0].isdigit() or after in HOURS):
                break
            length += 1
        if bare == "الساعه" and length > 1:
            return length
    if bare in DAY_WORDS:
        # "السابع من ديسمبر", "نهاية يوليو": up to the month, and the year after it.
        for length in (2, 3, 4):
            if i + length <= len(words) and _bare(words[i + length - 1][0], months) in months:
                return length - 1 + _date_at(words, i + length - 1)
    return 0


def _place_at(words, i: int) -> int:
    _, places = _calendar()
    word = words[i][0]
    if _bare(word, PLACE_CUES) in PLACE_CUES and i + 1 < len(words):
        return 2
    for first in (word, without_proclitic(word, PROCLITICS)):
        longest = places.get(first, 0)
        for length in range(min(longest, len(words) - i), 0, -1):
            phrase = " ".join([first] + [w for w, _, _ in words[i + 1 : i + length]])
            if "\0" + phrase in places:
                return length
    return 0


def _person_at(words, i: int) -> int:
    if _bare(words[i][0], TITLES) not in TITLES:
        return 0
    return min(1 + _NAME_WORDS, len(words) - i)


def _who_at(words, i: int) -> int:
    """A person for who: a title and the name after it (`_person_at`); a name of two words
    before its title ("وسيتولى ايريك شميت رئيس جوجل منصب ...": when the question names the
    role, the title's words are all asked and only the name is not); a player or a coach and
    the words after ("ونال اللاعب الحسن السقطي"); a scorer named after the verb of scoring
    ("سجل للسعودية عبدالرحمن اليامي"). Not a name with its father's ("أحمد بن راشد", read for a
    name asked by `_named_at`): on English who-questions it gained one tuning snippet and lost
    one held-out (docs/tuning.md, `ensnip2`)."""
    if length := _person_at(words, i):
        return length
    if (
        i + 2 < len(words)
        and _is_name(words[i][0])
        and _is_name(words[i + 1][0])
        and _spaced(words, i, i + 2)
        and _person_at(words, i + 2)
    ):
        return 2 + _person_at(words, i + 2)
    word = words[i][0]
    if _bare(word, PLAYERS) in PLAYERS and i + 1 < len(words) and words[i + 1][0] not in STOPWORDS:
        return min(3, len(words) - i)
    if _bare(word, SCORING) in SCORING:
        for j in range(i + 1, min(i + 1 + _SCORER_REACH, len(words))):
            if _is_name(words[j][0]):
                return min(j - i + 2, len(words) - i)
    return 0


def _spaced(words, i: int, j: int) -> bool:
    """Whether words `i` to `j` are parted by single spaces only (no comma: "من جهته، عبر رئيس")."""
    return all(words[k + 1][1] - words[k][2] == 1 for k in range(i, j))


def _is_name(word: str) -> bool:
    """Whether `word` may be a given name or a family name: Arabic, no article, no function
    word, title or verb of saying."""
    return (
        starts_arabic(word)
        and len(word) > 2
        and not _ARTICLE_RE.match(word)
        and word not in STOPWORDS
        and _bare(word, TITLES) not in TITLES
        and _bare(word, SPEAKING) not in SPEAKING
        and _bare(word, SAYING) not in SAYING
    )


def _named_at(words, i: int) -> int:
    """A person after a title, a name with its father's ("صالح بن شعيل") or a kunya ("أبو سنان");
    not the report's source: a spokesman, or a title right after a verb of saying ("وقال
    المتحدث الإعلامي ... الرائد بدر السحيباني", "صرح مدير الإدارة"). A story that leaves the
    drowned youth or the girl unnamed still names who announced it, and the official who acted:
    no name after an office (`OFFICES`: "الأمير فيصل بن مشعل", the governor, for the sorcerer
    his court sentenced)."""
    if length := _person_at(words, i):
        return 0 if _is_source(words, i) or _bare(words[i][0], OFFICES) in OFFICES else length
    if any(_bare(w, OFFICES) in OFFICES or w in _SON_OF for w, _, _ in words[max(i - 2, 0) : i]):
        return 0  # the name of an official, or a grandfather's: "فيصل بن مشعل بن سعود"
    if i + 2 < len(words) and words[i + 1][0] in _SON_OF and starts_arabic(words[i][0]):
        return 3
    if i + 1 < len(words) and _bare(words[i][0], _KUNYA) in _KUNYA and starts_arabic(words[i + 1][0]):
        return 2
    return 0


def _is_source(words, i: int) -> bool:
    """Whether the title at word `i` introduces whom a report quotes (`_named_at`)."""
    return _bare(words[i][0], SPOKESMEN) in SPOKESMEN or (i > 0 and _bare(words[i - 1][0], SAYING) in SAYING)


def _count_at(words, i: int) -> int:
    if not _number_at(words, i):
        return 1 if _is_dual(words, i) and not _follows_dual(words, i) else 0
    if _day_of_month(words, i):
        return 0
    length = 1
    while i + length < len(words) and length < 3 and _number_at(words, i + length):
        length += 1
    unit = words[i + length : i + length + 2]
    if len(unit) == 2 and unit[0][0] == "في" and unit[1][0] in PERCENT_WORDS:
        length += 2  # a percentage: "ثمانين في المائة"
    elif i + length < len(words) and length < 3:
        length += 1  # what is counted: "10 طلبات"
    return length


def _day_of_month(words, i: int) -> bool:
    """Whether word `i` is a day's number before its month ("28 أكتوبر"): a date, which does not
    say how many."""
    months, _ = _calendar()
    return words[i][0].isdigit() and i + 1 < len(words) and _bare(words[i + 1][0], months) in months


def _is_dual(words, i: int) -> bool:
    """Whether word `i` is a dual that counts two: a unit of time ("يومين"), a feminine dual
    ("مرتين", "الدولتين") or a feminine dual in construct before the noun it is of ("مجموعتي
    عمل": "كم مجموعة عمل" asks for it)."""
    word = words[i][0]
    if _bare(word, DUAL_UNITS) in DUAL_UNITS or _is_feminine_dual(word):
        return True
    return i + 1 < len(words) and starts_arabic(words[i + 1][0]) and _is_construct_dual(word)


def _follows_dual(words, i: int) -> bool:
    """Whether word `i` comes right after a dual, or after a construct dual and its noun: then it
    is that noun's adjective ("قوتين نوويتين", "مجموعتي عمل مشتركتين"), and the noun alone counts."""
    if i >= 1 and _is_dual(words, i - 1):
        return True
    return i >= 2 and _is_construct_dual(words[i - 2][0])


def _stripped(word: str) -> str:
    """`word` without a one-letter prefix and the article, as a dual's ending is judged."""
    word = without_proclitic(word, PROCLITICS, _MIN_DUAL_CHARS + 1)
    return word[2:] if word.startswith("ال") else word


def _is_feminine_dual(word: str) -> bool:
    """A feminine noun or adjective in the dual, which counts two: "كم مرة" is answered by
    "مرتين"; not a word that only ends like one ("باكستان")."""
    word = _stripped(word)
    return len(word) >= _MIN_DUAL_CHARS and word.endswith(_FEMININE_DUAL) and not word.endswith(_NOT_DUAL)


def _is_construct_dual(word: str) -> bool:
    """A feminine dual in construct ("مجموعتي", "حكومتي"): ...تي of six letters or more, without
    the article (a noun in construct has none), not one of `_NOT_CONSTRUCT`."""
    return (
        len(word) >= _MIN_CONSTRUCT_CHARS
        and not word.startswith(("ال", "وال", "بال", "فال", "لل"))
        and word.endswith(_CONSTRUCT_DUAL)
        and not word.endswith(_NOT_CONSTRUCT)
    )


def _duration_at(words, i: int) -> int:
    word = words[i][0]
    if _bare(word, DUAL_UNITS) in DUAL_UNITS:
        return 1
    if _bare(word, DURATION_CUES) in DURATION_CUES and i + 1 < len(words):
        # "لمدة عام": a unit alone after the cue is one of it.
        after = _duration_at(words, i + 1) or int(_bare(words[i + 1][0], TIME_UNITS) in TIME_UNITS)
        return 1 + after if after else 0
    if _number_at(words, i):
        for length in (2, 3):
            if i + length <= len(words) and _bare(words[i + length - 1][0], TIME_UNITS) in TIME_UNITS:
                return length
    return 0


def _age_at(words, i: int) -> int:
    """An age: a number of years ("(36 عاماً)", "18 ربيعا") or a number or an ordinal after
    "العمر" / "عمره" / "سن" ("عمره 18", "في سن الثالثة والعشرين"). English asks it with "how
    old"; a count would take the first passage's dates and other numbers for it."""
    cue = _bare(words[i][0], AGE_CUES) in AGE_CUES and i + 1 < len(words)
    if cue and (_number_at(words, i + 1) or words[i + 1][0] in HOURS):
        return 2
    if _number_at(words, i) and not _years_ago(words, i):
        for length in (2, 3):
            if i + length <= len(words) and _bare(words[i + length - 1][0], AGE_UNITS) in AGE_UNITS:
                return length
    return 0


def _years_ago(words, i: int) -> bool:
    """Whether the number at `i` follows "قبل" / "منذ" / "لمدة" …, over "نحو" / "أكثر من": a
    time or a duration ("كرم المدرب الذي قدم قبل 40 سنة"), which "how old" must not read as an age."""
    j = i - 1
    while j >= 0 and i - j <= 3 and words[j][0] in ABOUT:
        j -= 1
    return j >= 0 and _bare(words[j][0], YEARS_AGO) in YEARS_AGO


def _reason_at(words, i: int) -> int:
    """A cue of a reason or purpose and the words after it: "بسبب الخلافات", "من أجل بناء"."""
    word = words[i][0]
    if _bare(word, REASON_CUES) not in REASON_CUES and not (word == "اجل" and i and words[i - 1][0] == "من"):
        return 0
    return min(1 + _REASON_WORDS, len(words) - i)


def _occasion_at(words, i: int) -> int:
    """ "هامش" (of "على هامش") and the occasion named after it: "هامش انعقاد مجلس المنطقة"."""
    if _bare(words[i][0], SIDELINES_WORDS) not in SIDELINES_WORDS or i + 1 >= len(words):
        return 0
    return min(1 + _OCCASION_WORDS, len(words) - i)


_FINDERS = {
    WHEN: _date_at,
    WHERE: _place_at,
    NAMED: _named_at,
    COUNT: _count_at,
    DURATION: _duration_at,
    AGE: _age_at,
    WHO: _who_at,
    WHY: _reason_at,
    SIDELINES: _occasion_at,
}
