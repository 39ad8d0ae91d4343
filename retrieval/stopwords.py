"""Words that carry no topic: Arabic function words, question words (standard and colloquial)
and English function words. Stored in normalized form (see `normalize_arabic`)."""

from __future__ import annotations

from retrieval.normalize import normalize_arabic

_ARABIC = """
في من على الى إلى عن مع ان أن إن او أو ثم بل لكن لكنه لكنها لقد قد لا لم لن ما ماذا متى أين اين كيف كم
لماذا هل من مين وين شو ايش إيش امتى إمتى ليش ليه قديش اللي الي هو هي هم هن انا أنا نحن انت أنت انتم
هذا هذه ذلك تلك هذان هاتان هؤلاء أولئك الذي التي الذين اللذان اللتان اللواتي اللاتي كان كانت كانوا يكون
تكون وكان وكانت فيه فيها منه منها عليه عليها اليه إليه اليها إليها به بها له لها لهم بين حتى إذا اذا
كل بعض غير عند عندما حيث بعد قبل خلال حول أي اي أيضا ايضا كما وقد وفي ومن وعلى وان وأن وهو وهي و ف ب ل ك
يا تم ذا إذ اذ مثل لدى منذ ضد دون فقط تحت فوق امام أمام هناك هنا كذلك بها فيما عما مما كيفية
ايه إيه فين ازاي إزاي امتي فى الى علي
رح راح بدي بدك بده بدها بدهم شي اشي عشان علشان منشان مشان هيك كتير كمان ايمتى إيمتى امبارح كام ولا
يعني طيب هاد هادا هاي هدول عم بس لسا لسه برضو وش ويش اش شنو منو حسب صار صارت يصير تصير
بخصوص يخص فيما بشأن حيال إزاء ازاء تجاه
بم فيم مم علام إلام الام حتام
هلق هلأ هلا دلوقتي دلوقت دحين الحين كده كدا اوي أوي بتاع بتاعة بتوع وايد
كيفاش علاش وقتاش فاش شحال بزاف دابا برشا
"""

_ENGLISH = """
a an the of in on at to for from by with about into over after before between is are was were be
been being do does did what which who whom whose when where why how did has have had it its this
that these those and or but not no yes as than then there their they them he she his her i you we
our your me my can could will would should may might shall tell us please any some
because since while until through during again once ago also too up out off down under above below
against upon both either neither such own other others same each every all few ever never always
often usually generally finally already now here itself himself herself themselves yourself y
al el
"""

STOPWORDS: frozenset[str] = frozenset(normalize_arabic(word) for word in (_ARABIC + _ENGLISH).split())
