"""The corpus directory as Sources: each file of a known kind below it, by its suffix. Refresh
and doctor walk it here and know no file format themselves."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from retrieval.documents import doc_id_for
from retrieval.sources.article_file import ArticleFile
from retrieval.sources.base import CorpusFile
from retrieval.sources.csv_export import CsvExport
from retrieval.sources.html_file import HtmlFile
from retrieval.sources.jsonl_file import JsonlFile

_KINDS: dict[str, type[CorpusFile]] = {
    ".txt": ArticleFile,
    ".md": ArticleFile,
    ".jsonl": JsonlFile,
    ".csv": CsvExport,
    ".html": HtmlFile,
    ".htm": HtmlFile,
}


@dataclass(frozen=True)
class CorpusWalk:
    """The sources below a corpus directory, and the folders that could not be listed
    (relative names): documents indexed from those folders are kept, not dropped."""

    sources: list[CorpusFile]
    unreadable: dict[str, str]  # folder -> why ("Permission denied")

    def hides(self, name: str) -> bool:
        """Whether the file `name` (relative) lies in a folder that could not be listed."""
        return any(folder == "." or name.startswith(f"{folder}/") for folder in self.unreadable)


def corpus_source(corpus_dir: Path, path: Path) -> CorpusFile:
    """The source for a file below `corpus_dir`; its doc id is its relative path without the
    extension (a file of many documents gives each its own)."""
    name = path.relative_to(corpus_dir).as_posix()
    return _KINDS[path.suffix.lower()](path, name, doc_id_for(corpus_dir, path))


def walk_corpus(corpus_dir: Path) -> CorpusWalk:
    """The sources below `corpus_dir`, sorted by path; README files and hidden (`.`, `_`) files
    and folders are not articles, and links to folders are not followed (links to files are).
    Iterative: a folder tree of any depth is walked without recursion."""
    files: list[Path] = []
    unreadable: dict[str, str] = {}
    pending = [corpus_dir]
    while pending:
        folder = pending.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            unreadable[folder.relative_to(corpus_dir).as_posix()] = exc.strerror or type(exc).__name__
            continue
        for entry in entries:
            if entry.name.startswith((".", "_")):
                continue
            path = Path(entry.path)
            if _is_folder(entry):
                pending.append(path)
            elif (
                path.suffix.lower() in _KINDS
                and not entry.name.upper().startswith("README")
                and path.is_file()
            ):
                files.append(path)
    return CorpusWalk([corpus_source(corpus_dir, path) for path in sorted(files)], unreadable)


def _is_folder(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir(follow_symlinks=False)
    except OSError:
        return False
