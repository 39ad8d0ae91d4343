"""The bot's interface text in Arabic and English; `text(key, lang, **values)` picks one.

Values are inserted as given: callers pass text that is already HTML-escaped.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # only annotated: `corpusbot ask` renders these texts without telegram
    from telegram import Update

LANGUAGES = ("ar", "en")

TEXTS: dict[str, dict[str, str]] = {
    # Answers
    "answer_heading": {
        "ar": "🔎 <b>من المقالات:</b>",
        "en": "🔎 <b>From the articles:</b>",
    },
    "more_heading": {
        "ar": "🔎 <b>نتائج أخرى من المقالات:</b>",
        "en": "🔎 <b>More from the articles:</b>",
    },
    "read_as": {
        "ar": "🔤 قرأت سؤالك هكذا:",
        "en": "🔤 Read as:",
    },
    "matched_on": {
        "ar": "🔤 طوبقت الكلمات على:",
        "en": "🔤 Matched on:",
    },
    "closest_heading": {
        "ar": "🔎 <b>لا مقال يجيب عن هذا بالضبط؛ أقرب الفقرات:</b>",
        "en": "🔎 <b>No article answers this exactly; the closest passages:</b>",
    },
    "missing": {
        "ar": "❔ ليس في المقالات: {words}",
        "en": "❔ Not in the articles: {words}",
    },
    "not_in_shown": {
        "ar": "❔ ليس في الفقرات المعروضة: {words}",
        "en": "❔ Not in the passages shown: {words}",
    },
    "not_found": {
        "ar": "لم أجد في المقالات ما يجيب عن هذا السؤال. جرّب كلمات أخرى، أو اطلب /help.",
        "en": "Nothing in the articles answers this question. Try other words, or see /help.",
    },
    "not_found_terminal": {  # `corpusbot ask`: no /help there
        "ar": "لم أجد في المقالات ما يجيب عن هذا السؤال.",
        "en": "Nothing in the corpus answers this question.",
    },
    "question_label": {"ar": "السؤال", "en": "Question"},
    "no_words": {
        "ar": "اكتب سؤالك بالكلمات، بالعربية أو بالإنجليزية.",
        "en": "Please write your question in words, in Arabic or English.",
    },
    "too_long": {
        "ar": "السؤال طويل جدًا ({length} حرفًا). الحد {limit} حرف؛ اختصره من فضلك.",
        "en": "That question is too long ({length} characters; at most {limit}). Please shorten it.",
    },
    "ask_usage": {
        "ar": "اكتب السؤال بعد الأمر، مثل: <code>/ask أين عقدت محادثات الاستقرار الاستراتيجي؟</code>",
        "en": "Put the question after the command, e.g. <code>/ask Where were the talks held?</code>",
    },
    "rate_limited": {
        "ar": "أسئلة كثيرة في وقت قصير. انتظر {seconds} ثانية ثم اسأل من جديد.",
        "en": "That's a lot of questions at once. Please wait {seconds} s and ask again.",
    },
    "date_inferred": {"ar": "تاريخ تقديري", "en": "date inferred"},
    "date_from_url": {"ar": "التاريخ من رابط الخبر", "en": "date from the link"},
    "date_from_text": {"ar": "التاريخ من نص الخبر", "en": "date from the article's text"},
    "unknown_source": {"ar": "مصدر غير معروف", "en": "unknown outlet"},
    "link": {"ar": "الرابط", "en": "link"},
    "also_in": {"ar": "ونُشر أيضًا في: {outlets}", "en": "also in: {outlets}"},
    "full_passage": {"ar": "📄 <b>الفقرة كاملة</b>", "en": "📄 <b>Full passage</b>"},
    # Buttons and their notices
    "button_more": {"ar": "نتائج أخرى ◂", "en": "More results ▸"},
    "button_back": {"ar": "▸ السابقة", "en": "◂ Previous"},
    "no_more": {"ar": "لا توجد نتائج أخرى.", "en": "No more results."},
    "thanks_up": {"ar": "شكرًا! سجّلنا أن المقتطف مفيد.", "en": "Thanks! Noted as helpful."},
    "thanks_down": {"ar": "شكرًا! سجّلنا أن المقتطف غير مفيد.", "en": "Thanks! Noted as not helpful."},
    "stale": {
        "ar": "تغيّرت المقالات منذ هذه الإجابة؛ اسأل من جديد.",
        "en": "The articles changed since this answer; please ask again.",
    },
    # Inline mode
    "inline_hint": {"ar": "اكتب سؤالًا عن المقالات", "en": "Type a question about the articles"},
    "inline_not_found": {"ar": "لا إجابة في المقالات", "en": "No answer in the articles"},
    "inline_closest": {"ar": "أقرب فقرة، لا إجابة دقيقة", "en": "Closest passage, not an exact answer"},
    "inline_slow_down": {"ar": "أسئلة كثيرة؛ انتظر قليلًا", "en": "Too many questions; wait a moment"},
    # Other messages
    "text_only": {
        "ar": "أجيب عن الأسئلة المكتوبة فقط. اكتب سؤالك نصًا، أو اطلب /help.",
        "en": "I answer written questions only. Type your question, or see /help.",
    },
    "unknown_command": {
        "ar": "لا أعرف هذا الأمر. الأوامر في /help.",
        "en": "I don't know that command. See /help.",
    },
    "error": {
        "ar": "عذرًا، حدث خطأ أثناء معالجة رسالتك. حاول مرة أخرى بعد قليل.",
        "en": "Sorry, something went wrong with that message. Please try again shortly.",
    },
    "start": {
        "ar": (
            "مرحبًا! أجيب عن أسئلتك من مجموعة مقالات إخبارية عربية، بجمل منقولة منها حرفيًا مع "
            "مصدرها. اكتب سؤالك بالعربية أو بالإنجليزية."
        ),
        "en": (
            "Hello! I answer questions from a collection of Arabic news articles, with sentences "
            "quoted word for word and their source. Ask in Arabic or English."
        ),
    },
    "help": {
        "ar": (
            "<b>ماذا أعرف؟</b> ما في المقالات فقط (انظر /about). لا أكتب نصًا من عندي: "
            "كل إجابة جمل منقولة حرفيًا مع العنوان والمصدر والتاريخ، والكلمات المطابقة بخط عريض. "
            "إن لم تجب المقالات عن سؤالك قلت ذلك.\n"
            "<b>كيف أسأل؟</b> اكتب سؤالك هنا. في المجموعات: <code>/ask سؤالك</code>، أو اذكرني "
            "{mention}، أو ردّ على إحدى رسائلي. وفي أي محادثة: <code>{mention} سؤالك</code>. "
            "اسأل بالعربية أو بالإنجليزية أو بالفرانكو (Blinken w Lavrov et2ablo fein?).\n"
            "<b>أمثلة:</b>\n"
            "• أين عقدت محادثات الاستقرار الاستراتيجي؟\n"
            "• كم مدد مجلس الأمن آلية المساعدات إلى سوريا؟\n"
            "<b>للمشرفين:</b> <code>/addfeed رابط</code> يتابع خلاصة أخبار (RSS/Atom) أو يضيف صفحة مقال، "
            "وأحدّث المقالات منها تلقائيًا؛ /feeds و<code>/dropfeed رقم</code>."
        ),
        "en": (
            "<b>What do I know?</b> Only what the articles say (see /about). I write nothing of my "
            "own: each answer is sentences quoted word for word with headline, outlet and date, "
            "the matched words in bold. When the articles don't answer, I say so.\n"
            "<b>How to ask?</b> Type your question here. In groups: <code>/ask your question</code>, "
            "mention me ({mention}), or reply to one of my messages. In any chat: "
            "<code>{mention} your question</code>. Ask in Arabic, English or Arabizi.\n"
            "<b>Examples:</b>\n"
            "• Where were the strategic stability talks held?\n"
            "• How long did the Security Council extend the aid mechanism for Syria?\n"
            "<b>Admins:</b> <code>/addfeed URL</code> follows a news feed (RSS/Atom) or adds an article "
            "page, and I keep up with it by myself; /feeds and <code>/dropfeed N</code>."
        ),
    },
    "about": {
        "ar": (
            "📚 <b>المقالات</b>: {documents} مقالًا في {passages} فقرة.\n"
            "<b>التواريخ</b>: {dates}\n<b>المصادر</b>: {outlets}"
        ),
        "en": (
            "📚 <b>The articles</b>: {documents} articles in {passages} passages.\n"
            "<b>Dates</b>: {dates}\n<b>Outlets</b>: {outlets}"
        ),
    },
    "dates_range": {"ar": "من {first} إلى {last}", "en": "from {first} to {last}"},
    "dates_unknown": {"ar": "غير معروفة", "en": "unknown"},
    # Admin
    "admin_only": {
        "ar": "هذا الأمر لمشرفي البوت فقط.",
        "en": "Sorry, this command is only for the bot's admins.",
    },
    "admin_private_only": {
        "ar": "أوامر المشرفين تعمل في المحادثة الخاصة معي فقط.",
        "en": "Admin commands work only in your private chat with me.",
    },
    "reindex_started": {
        "ar": "⏳ بدأت إعادة الفهرسة. أجيب عن الأسئلة من الفهرس الحالي حتى تنتهي.",
        "en": "⏳ Reindexing. Questions are answered from the current index until it is done.",
    },
    "reindex_running": {
        "ar": "إعادة الفهرسة جارية بالفعل؛ سأرسل النتيجة حين تنتهي.",
        "en": "A reindex is already running; its report will follow when it is done.",
    },
    "reindex_done": {
        "ar": (
            "✅ انتهت إعادة الفهرسة في {seconds} ث: {documents} مقالًا، {passages} فقرة.\n"
            "أضيف: {added}\nتغيّر: {changed}\nحُذف: {removed}"
        ),
        "en": (
            "✅ Reindexed in {seconds} s: {documents} documents, {passages} passages.\n"
            "Added: {added}\nChanged: {changed}\nRemoved: {removed}"
        ),
    },
    "reindex_skipped": {"ar": "تُجوهلت ملفات:\n{errors}", "en": "Skipped files:\n{errors}"},
    "reindex_failed": {
        "ar": "❌ فشلت إعادة الفهرسة: {reason}\nالفهرس السابق ما زال يعمل.",
        "en": "❌ Reindex failed: {reason}\nThe previous index keeps serving.",
    },
    "none": {"ar": "لا شيء", "en": "none"},
    "corpus_read_only": {
        "ar": (
            "المقالات الحالية هي المجموعة المرفقة بالبرنامج ولا يمكن تعديلها. عيّن "
            "<code>CORPUSBOT_CORPUS</code> إلى مجلد قابل للكتابة (وانسخ إليه المقالات) ثم أعد تشغيل البوت."
        ),
        "en": (
            "The corpus is the bundled one, which is read-only. Set <code>CORPUSBOT_CORPUS</code> to a "
            "writable directory (copy the articles there) and restart the bot."
        ),
    },
    "corpus_not_writable": {
        "ar": "لا أستطيع الكتابة في مجلد المقالات <code>{path}</code>.",
        "en": "I cannot write to the corpus directory <code>{path}</code>.",
    },
    "upload_not_admin": {
        "ar": "أجيب عن الأسئلة المكتوبة فقط؛ إضافة المستندات لمشرفي البوت.",
        "en": "I answer written questions; only the bot's admins can add documents.",
    },
    "upload_bad_type": {
        "ar": "أقبل ملفات <code>.txt</code> و<code>.md</code> و<code>.jsonl</code> فقط.",
        "en": "Only <code>.txt</code>, <code>.md</code> and <code>.jsonl</code> files can be added.",
    },
    "upload_bad_name": {
        "ar": "اسم الملف غير صالح؛ استعمل اسمًا بسيطًا مثل <code>article.txt</code>.",
        "en": "Unusable file name; use a plain name such as <code>article.txt</code>.",
    },
    "upload_too_large": {
        "ar": "الملف كبير جدًا ({size}). الحد {limit}.",
        "en": "The file is too large ({size}); the limit is {limit}.",
    },
    "upload_empty": {"ar": "الملف فارغ.", "en": "The file is empty."},
    "upload_binary": {
        "ar": "هذا ملف ثنائي وليس نصًا.",
        "en": "This is a binary file, not text.",
    },
    "upload_not_utf8": {
        "ar": "الملف ليس نصًا بترميز UTF-8 (البايت {position}). احفظه بترميز UTF-8 وأعد إرساله.",
        "en": "The file is not UTF-8 text (byte {position}). Save it as UTF-8 and send it again.",
    },
    "upload_invalid": {
        "ar": "لم أضف الملف: {reason}",
        "en": "The file was not added: {reason}",
    },
    "upload_done": {
        "ar": "✅ أضيف <code>{name}</code>: {documents}. في المجموعة الآن {total} مقالًا و{passages} فقرة.",
        "en": "✅ Added <code>{name}</code>: {documents}. The corpus now has {total} documents, "
        "{passages} passages.",
    },
    "upload_replaced": {
        "ar": "✅ استُبدل <code>{name}</code>: {documents}. في المجموعة الآن {total} مقالًا و{passages} فقرة.",
        "en": "✅ Replaced <code>{name}</code>: {documents}. The corpus now has {total} documents, "
        "{passages} passages.",
    },
    "upload_name_is_folder": {
        "ar": "لم أحفظ الملف: في مجلد المقالات مجلد باسم <code>{name}</code>. غيّر اسم الملف وأعد إرساله.",
        "en": "The file was not saved: the corpus has a folder named <code>{name}</code>. "
        "Rename the file and send it again.",
    },
    "upload_disk_full": {
        "ar": "لم أحفظ الملف: لا مساحة على القرص الذي يحمل مجلد المقالات. لم يتغير شيء.",
        "en": "The file was not saved: the disk holding the corpus is full. Nothing was changed.",
    },
    "upload_not_saved": {
        "ar": "لم أحفظ الملف: {reason}. لم يتغير شيء.",
        "en": "The file was not saved: {reason}. Nothing was changed.",
    },
    "remove_in_linked_file": {
        "ar": (
            "<code>{file}</code> رابط رمزي إلى ملف آخر فيه عدة مقالات؛ لا أحذف من خلال الروابط. "
            "احذف المقال من الملف الأصلي."
        ),
        "en": (
            "<code>{file}</code> is a symbolic link to a file of several documents, and I do not "
            "change files through links. Remove the document from the file it points to."
        ),
    },
    "remove_usage": {
        "ar": "اكتب معرّف المقال بعد الأمر: <code>/remove معرف_المقال</code> (المعرّفات في /sources).",
        "en": "Give the document id: <code>/remove DOC_ID</code> (ids are listed by /sources).",
    },
    "remove_unknown": {
        "ar": "لا يوجد مقال بالمعرّف <code>{doc_id}</code>. المعرّفات في /sources.",
        "en": "No document has the id <code>{doc_id}</code>. See /sources for the ids.",
    },
    "remove_done": {
        "ar": "🗑 حُذف <code>{doc_id}</code>. في المجموعة الآن {total} مقالًا و{passages} فقرة.",
        "en": "🗑 Removed <code>{doc_id}</code>. The corpus now has {total} documents, {passages} passages.",
    },
    "sources_heading": {"ar": "📚 <b>المصادر</b> ({count} مقالًا):", "en": "📚 <b>Sources</b> ({count}):"},
    "sources_more": {"ar": "… و{count} مقالًا آخر.", "en": "… and {count} more."},
    "sources_empty": {"ar": "لا مقالات في الفهرس.", "en": "The index holds no documents."},
    "stats_heading": {"ar": "📊 <b>إحصاءات الأسئلة</b>", "en": "📊 <b>Question statistics</b>"},
    "stats_period": {
        "ar": (
            "<b>{label}</b>: {total} سؤالًا، أجيب عن {answered}، بلا إجابة {not_found_rate}٪؛ "
            "الوسيط {median_ms} ملّي ثانية\n"
            "حسب اللغة: {by_lang}\nحسب المحادثة: {by_chat}"
        ),
        "en": (
            "<b>{label}</b>: {total} questions, {answered} answered, {not_found_rate}% not found; "
            "median {median_ms} ms\n"
            "By language: {by_lang}\nBy chat: {by_chat}"
        ),
    },
    "stats_dense": {
        "ar": "🧭 البحث الدلالي {state}: متجهات {passages}/{total} مقطعًا و{articles}/{needed} مقالًا",
        "en": "🧭 Dense retrieval {state}: {passages}/{total} passages, {articles}/{needed} articles",
    },
    "stats_dense_on": {"ar": "يعمل", "en": "on"},
    "stats_dense_waiting": {"ar": "لم يعمل بعد (BM25 وحده)", "en": "not yet on (BM25 alone)"},
    "stats_today": {"ar": "اليوم", "en": "Today"},
    "stats_week": {"ar": "آخر ٧ أيام", "en": "Last 7 days"},
    "stats_top": {"ar": "<b>الأكثر سؤالًا</b> (٧ أيام):", "en": "<b>Most asked</b> (7 days):"},
    "stats_unanswered": {
        "ar": "<b>بلا إجابة</b> (ما تفتقده المقالات، ٧ أيام):",
        "en": "<b>Unanswered</b> (what the corpus lacks, 7 days):",
    },
    "stats_chart": {
        "ar": (
            "📊 يوميًا من {first} إلى {last} (UTC)\n"
            "في الأعلى الأسئلة: 🟩 أجيب عنها، 🟧 بلا إجابة\n"
            "في الأسفل: 🟦 المقالات المضافة\n"
            "فوق الأعمدة الأعداد، وتحتها يوم الشهر"
        ),
        "en": (
            "📊 Per day, {first} to {last} (UTC)\n"
            "Top, questions: 🟩 answered, 🟧 not found\n"
            "Bottom: 🟦 articles added\n"
            "Counts above the bars, day of the month below"
        ),
    },
    "stats_feedback": {
        "ar": "<b>التقييمات</b> (٧ أيام): 👍 {up} · 👎 {down}",
        "en": "<b>Feedback</b> (7 days): 👍 {up} · 👎 {down}",
    },
    # News from feeds and pages (bot/feeds.py)
    "freshness": {
        "ar": "🕒 <b>أحدث مقال</b>: {newest} · <b>آخر جلب للخلاصات</b>: {last_poll} ({feeds} خلاصة)",
        "en": "🕒 <b>Newest article</b>: {newest} · <b>last feed poll</b>: {last_poll} ({feeds} feeds)",
    },
    "never": {"ar": "لم يحدث بعد", "en": "never"},
    "addfeed_usage": {
        "ar": "اكتب الرابط بعد الأمر: <code>/addfeed https://example.com/rss.xml</code> "
        "(خلاصة أو صفحة مقال).",
        "en": "Give the link: <code>/addfeed https://example.com/rss.xml</code> (a feed or an article page).",
    },
    "add_started": {"ar": "⏳ أجلب <code>{url}</code>…", "en": "⏳ Fetching <code>{url}</code>…"},
    "add_failed": {
        "ar": "❌ تعذّرت الإضافة: {reason}\nلم يتغيّر شيء في المقالات.",
        "en": "❌ Could not add it: {reason}\nThe articles are unchanged.",
    },
    "feed_added": {
        "ar": "📡 صارت الخلاصة متابَعة: <code>{url}</code>",
        "en": "📡 Following the feed <code>{url}</code>",
    },
    "add_counts": {
        "ar": "✅ مقالات جديدة: {added}، محدَّثة: {updated}.",
        "en": "✅ New articles: {added}, updated: {updated}.",
    },
    "feeds_heading": {"ar": "📡 <b>الخلاصات</b> ({count}):", "en": "📡 <b>Feeds</b> ({count}):"},
    "feeds_empty": {
        "ar": "لا أتابع أي خلاصة. أضف واحدة: <code>/addfeed رابط_الخلاصة</code>",
        "en": "No feeds yet. Add one: <code>/addfeed FEED_URL</code>",
    },
    "feed_line": {
        "ar": "{number}. {icon} {title} — <code>{url}</code>\nآخر جلب: {last_fetch} · المقالات: {articles}",
        "en": "{number}. {icon} {title} — <code>{url}</code>\n"
        "Last fetch: {last_fetch} · articles: {articles}",
    },
    "feed_error": {"ar": "الخطأ: {error}", "en": "Error: {error}"},
    "dropfeed_usage": {
        "ar": "اكتب رقم الخلاصة من /feeds: <code>/dropfeed 2</code>",
        "en": "Give the feed's number from /feeds: <code>/dropfeed 2</code>",
    },
    "dropfeed_unknown": {
        "ar": "لا توجد خلاصة برقم {number}. الأرقام في /feeds.",
        "en": "There is no feed number {number}. See /feeds.",
    },
    "dropfeed_done": {
        "ar": "🗑 توقفت متابعة <code>{url}</code>. بقيت مقالاتها ({articles}) في الفهرس.",
        "en": "🗑 Stopped following <code>{url}</code>. Its {articles} articles stay indexed.",
    },
    "link_offer": {
        "ar": "هل أضيف هذا الرابط إلى المقالات (خلاصة أو صفحة مقال)؟\n<code>{url}</code>",
        "en": "Add this link to the articles (a feed or an article page)?\n<code>{url}</code>",
    },
    "button_add_link": {"ar": "➕ أضفه", "en": "➕ Add it"},
    "link_expired": {
        "ar": "انتهت صلاحية هذا الزر؛ أرسل الرابط من جديد.",
        "en": "This button has expired; send the link again.",
    },
}

# Command menus: (command, Arabic description, English description).
PUBLIC_COMMANDS = (
    ("ask", "اسأل عن المقالات", "Ask about the articles"),
    ("help", "كيف تسأل، مع أمثلة", "How to ask, with examples"),
    ("about", "المقالات التي أعرفها", "The articles I know"),
    ("start", "البداية", "Start"),
)
ADMIN_COMMANDS = (
    ("reindex", "إعادة الفهرسة من مجلد المقالات", "Rebuild the index from the corpus folder"),
    ("sources", "قائمة المقالات ومعرّفاتها", "List the documents and their ids"),
    ("remove", "حذف مقال بمعرّفه", "Remove a document by id"),
    ("stats", "إحصاءات الأسئلة", "Question statistics"),
    ("addfeed", "متابعة خلاصة أو إضافة صفحة مقال", "Follow a feed or add an article page"),
    ("feeds", "الخلاصات المتابَعة وحالتها", "Feeds followed and their status"),
    ("dropfeed", "إيقاف متابعة خلاصة برقمها", "Stop following a feed by number"),
)


def text(key: str, lang: str, **values: object) -> str:
    """The interface string `key` in `lang` ("ar" or "en"), with `values` filled in."""
    template = TEXTS[key]["ar" if lang == "ar" else "en"]
    return template.format(**values) if values else template


def user_language(update: Update) -> str:
    """Interface language for a message without a question to judge by: the user's app language."""
    user = update.effective_user
    code = (user.language_code or "") if user else ""
    if not code or code.lower().startswith("ar"):
        return "ar"
    return "en"
