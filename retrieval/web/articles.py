"""Fetched articles as corpus files, so a later `index` or `/reindex` keeps them: one Markdown file
with front matter per canonical URL, at `web/<host>/<hash of the URL>.md` below the corpus."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from retrieval.corpus_editing import write_atomically

WEB_FOLDER = "web"
_UNSAFE = re.compile(r"[^A-Za-z0-9.\-]+")


@dataclass(frozen=True)
class ArticleFile:
    """What an article's corpus file says."""

    url: str  # canonical
    title: str
    text: str
    source: str = ""
    date: str = ""
    author: str = ""

    def render(self) -> str:
        fields = {"title": self.title, "source": self.source, "date": self.date, "url": self.url,
                  "author": self.author, "lang": "ar"}  # fmt: skip
        meta = "".join(f"{key}: {' '.join(value.split())}\n" for key, value in fields.items() if value)
        return f"---\n{meta}---\n{self.text.strip()}\n"


def article_path(canonical: str) -> str:
    """The corpus-relative path of the article at `canonical` (one URL, one file)."""
    parts = urlsplit(canonical)
    host = _UNSAFE.sub("_", (parts.hostname or "unknown").lower()).strip("._") or "unknown"
    if parts.port:
        host = f"{host}_{parts.port}"
    digest = hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:20]
    return f"{WEB_FOLDER}/{host}/{digest}.md"


def write_article(corpus_dir: Path, relative: str, article: ArticleFile) -> str:
    """Write the article's file: "new", "updated" or "same" (then nothing is written)."""
    path = corpus_dir / relative
    data = article.render().encode("utf-8")
    if path.is_file():
        if path.read_bytes() == data:
            return "same"
        outcome = "updated"
    else:
        outcome = "new"
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(path, data)
    return outcome
