"""A saved web page (`.html` in the corpus directory), read with the same extractor as fetched
pages: the article without the site's furniture, with its title, date and canonical URL."""

from __future__ import annotations

from collections.abc import Iterator

from retrieval.documents import MAX_FILE_BYTES, CorpusError, Document, build_document, content_hash
from retrieval.models import WebConfig
from retrieval.sources.base import CorpusFile, Skipped

_CONFIG = WebConfig()


class HtmlFile(CorpusFile):
    """A `.html`/`.htm` file in the corpus, as a Source of one document."""

    max_bytes = MAX_FILE_BYTES

    def documents(self) -> Iterator[Document | Skipped]:
        # Imported here: trafilatura takes a fifth of a second to import, which every cold
        # `corpusbot ask` would pay though only a corpus with changed HTML files reads them.
        from trafilatura.utils import decode_file

        from retrieval.web.extract import NotAnArticle, extract_article

        data = self.read_bytes()
        try:
            article = extract_article(decode_file(data), "", _CONFIG)
        except NotAnArticle as exc:
            raise CorpusError(f"{self.name}: {exc}") from None
        meta = {"date": article.date, "source": article.site_name, "author": article.author}
        if article.declared_url.startswith(("http://", "https://")):
            meta["url"] = article.declared_url
        meta = {key: value for key, value in meta.items() if value}
        yield build_document(
            self.doc_id,
            meta,
            article.text,
            path=self.name,
            digest=content_hash(data),
            title=article.title or None,
        )
