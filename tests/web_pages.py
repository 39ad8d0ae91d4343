"""Arabic news pages and feeds written for the feed tests: invented towns and events (no real
article's text), laid out as news sites are: navigation, share buttons, the article in the
middle, related links, comments and a footer. The date is in meta tags, in JSON-LD, or only in
the article's text, depending on the layout."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

_TOWNS = (
    "زيلاندوفيا", "قرطلونة", "مرجانستان", "بحيرة السنديان", "وادي الكافور", "تلال الياقوت",
    "سهل الزعفران", "جزيرة المرجان", "رأس اللؤلؤ", "عين الفيروز",
)  # fmt: skip
_THINGS = (
    ("مستشفى", "سريرًا"), ("جسر", "مترًا"), ("مكتبة", "كتاب"), ("محطة قطارات", "رصيفًا"),
    ("مدرسة", "فصلًا"), ("ملعب", "مقعد"),
)  # fmt: skip
_MONTHS_AR = ("يناير", "فبراير", "مارس", "أبريل", "مايو", "يونيو", "يوليو", "أغسطس", "سبتمبر",
              "أكتوبر", "نوفمبر", "ديسمبر")  # fmt: skip


@dataclass(frozen=True)
class Article:
    """One invented article: the facts a question can ask about, and where its date is."""

    number: int
    town: str
    thing: str
    unit: str
    count: int
    day: datetime
    date_in: str  # "meta", "jsonld" or "text"

    @property
    def name(self) -> str:
        """The new building's name: unique per article, so a question finds one article."""
        return f"{self.thing} النخيل {self.number}"

    @property
    def title(self) -> str:
        return f"{self.town} تفتتح {self.name}"

    @property
    def question(self) -> str:
        return f"كم {self.unit} يضم {self.name}؟"

    @property
    def paragraphs(self) -> list[str]:
        dateline = ""
        if self.date_in == "text":
            dateline = f"نُشر يوم {self.day.day} {_MONTHS_AR[self.day.month - 1]} {self.day.year}. "
        return [
            f"{dateline}افتتحت بلدية {self.town} صباح اليوم {self.name} بحضور عدد كبير من السكان "
            f"والمسؤولين، بعد أعمال بناء استمرت قرابة ثلاث سنوات.",
            f"ويضم {self.name} {self.count} {self.unit}، وهو الأكبر من نوعه في المنطقة بحسب "
            f"ما أعلنه رئيس البلدية في كلمته خلال حفل الافتتاح.",
            "وأضاف رئيس البلدية أن المشروع موّل بالكامل من ميزانية البلدية، وأن الأعمال جرت "
            "على مراحل حتى لا تتعطل حركة السير في الأحياء المجاورة.",
            f"ومن المنتظر أن يستقبل {self.name} زواره الأوائل مطلع الأسبوع المقبل، على أن تعلن "
            "البلدية مواعيد العمل الكاملة في بيان لاحق.",
        ]


def make_articles(count: int, start: datetime = datetime(2024, 3, 1, 9, 30, tzinfo=UTC)) -> list[Article]:
    """`count` distinct articles, a day apart, with the three date layouts in turn."""
    articles = []
    for number in range(1, count + 1):
        thing, unit = _THINGS[number % len(_THINGS)]
        articles.append(
            Article(
                number=number,
                town=_TOWNS[number % len(_TOWNS)],
                thing=thing,
                unit=unit,
                count=100 + 7 * number,
                day=start + timedelta(days=number - 1),
                date_in=("meta", "jsonld", "text")[number % 3],
            )
        )
    return articles


_NAV = """<header class="site-header"><a class="logo" href="/">صحيفة الواحة</a>
<nav><ul><li><a href="/">الرئيسية</a></li><li><a href="/local">محليات</a></li>
<li><a href="/world">العالم</a></li><li><a href="/economy">اقتصاد</a></li>
<li><a href="/sport">رياضة</a></li><li><a href="/opinion">آراء</a></li></ul></nav>
<form class="search"><input name="q" placeholder="ابحث في الموقع"></form></header>"""

_SHARE = """<div class="share"><span>شارك</span><a href="#">فيسبوك</a><a href="#">تويتر</a>
<a href="#">واتساب</a><a href="#">نسخ الرابط</a></div>"""

_FOOTER = """<footer><p>جميع الحقوق محفوظة © صحيفة الواحة</p><ul><li><a href="/about">من نحن</a></li>
<li><a href="/contact">اتصل بنا</a></li><li><a href="/privacy">سياسة الخصوصية</a></li></ul></footer>"""


def article_html(article: Article, url: str, *, canonical: str | None = None, extra: str = "") -> str:
    """A news site's page for `article`; `canonical` is the URL its <link rel=canonical> names."""
    canonical = canonical or url
    iso = article.day.isoformat()
    head = [
        '<meta charset="utf-8">',
        f"<title>{html.escape(article.title)} | صحيفة الواحة</title>",
        f'<link rel="canonical" href="{html.escape(canonical)}">',
        f'<meta property="og:title" content="{html.escape(article.title)}">',
        '<meta property="og:site_name" content="صحيفة الواحة">',
        '<meta name="viewport" content="width=device-width">',
    ]
    if article.date_in == "meta":
        head.append(f'<meta property="article:published_time" content="{iso}">')
    if article.date_in == "jsonld":
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": article.title,
            "datePublished": iso,
            "author": {"@type": "Person", "name": "سلمى الراشد"},
            "publisher": {"@type": "Organization", "name": "صحيفة الواحة"},
        }
        head.append(f'<script type="application/ld+json">{json.dumps(data, ensure_ascii=False)}</script>')
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in article.paragraphs)
    related = "\n".join(
        f'<li><a href="/local/{n}">{html.escape(t)}</a></li>'
        for n, t in (
            (901, "ارتفاع أسعار الخضار في الأسواق المحلية"),
            (902, "افتتاح معرض الكتاب السنوي الأسبوع المقبل"),
            (903, "الأرصاد تتوقع أمطارًا غزيرة على المرتفعات"),
        )
    )
    return f"""<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>{"".join(head)}</head>
<body>{_NAV}
<div class="breadcrumbs"><a href="/">الرئيسية</a> › <a href="/local">محليات</a></div>
<main><article>
<h1>{html.escape(article.title)}</h1>
<div class="byline">بقلم: سلمى الراشد</div>
{_SHARE}
<div class="article-body">{body}{extra}</div>
<div class="tags">الوسوم: <a href="/tag/1">بلديات</a> <a href="/tag/2">مشاريع</a></div>
{_SHARE}
</article>
<aside class="related"><h3>اقرأ أيضًا</h3><ul>{related}</ul></aside>
<section class="comments"><h3>التعليقات (2)</h3>
<div class="comment"><b>أبو خالد</b><p>مشروع رائع ننتظره منذ سنوات، شكرًا للبلدية.</p></div>
<div class="comment"><b>منى</b><p>أتمنى أن تكون الأسعار مناسبة للجميع.</p></div>
<form><textarea placeholder="أضف تعليقك"></textarea><button>إرسال</button></form></section>
</main>
<aside class="most-read"><h3>الأكثر قراءة</h3><ol><li><a href="/x/1">خبر عاجل عن الطقس</a></li>
<li><a href="/x/2">نتائج مباريات الدوري</a></li></ol></aside>
{_FOOTER}</body></html>"""


def english_html(title: str) -> str:
    """A page in English: not for an Arabic corpus."""
    paragraphs = "".join(
        f"<p>The city council of Northfield opened a new public library on Monday after three "
        f"years of construction, the mayor said in a statement. Paragraph {n}.</p>"
        for n in range(4)
    )
    return (
        f'<html lang="en"><head><title>{title}</title></head><body>{_NAV}<main><article>'
        f"<h1>{title}</h1>{paragraphs}</article></main>{_FOOTER}</body></html>"
    )


def index_html() -> str:
    """A section front: headlines and links, no article."""
    links = "".join(f'<li><a href="/local/{n}">عنوان خبر رقم {n}</a></li>' for n in range(30))
    head = "<html lang='ar'><head><title>محليات</title></head>"
    return f"{head}<body>{_NAV}<ul>{links}</ul>{_FOOTER}</body></html>"


def rss(items: list[tuple[str, Article]], title: str = "صحيفة الواحة - محليات") -> str:
    """An RSS 2.0 feed of (link, article) items."""
    entries = "".join(
        f"<item><title>{html.escape(a.title)}</title><link>{html.escape(link)}</link>"
        f"<guid>{html.escape(link)}</guid><pubDate>{format_datetime(a.day)}</pubDate>"
        f"<description>{html.escape(a.paragraphs[0][:80])}</description></item>"
        for link, a in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{html.escape(title)}</title><link>http://example.invalid/</link>"
        f"<description>أخبار</description>{entries}</channel></rss>"
    )


def atom(items: list[tuple[str, Article]], title: str = "صحيفة الواحة - العالم") -> str:
    """An Atom feed of (link, article) items."""
    entries = "".join(
        f'<entry><title>{html.escape(a.title)}</title><link href="{html.escape(link)}"/>'
        f"<id>{html.escape(link)}</id><updated>{a.day.isoformat()}</updated></entry>"
        for link, a in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{html.escape(title)}</title><id>urn:test:feed</id>"
        f"<updated>2024-03-01T00:00:00Z</updated>{entries}</feed>"
    )


MALFORMED_FEED = "<?xml version='1.0'?><rss><channel><title>مكسور<item><link>no closing tags & junk \x01"
