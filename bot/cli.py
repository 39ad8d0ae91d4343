"""The `corpusbot` command: index, ask, serve, doctor, backup. Its commands, flags and `--json`
output are a public interface (README "Command line"); extend them only compatibly."""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import re
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from bot import feeds_cli
from bot.paths import configured_corpus, default_db_path
from bot.render_text import render_answer_text
from retrieval.engine import Engine, StderrProgress
from retrieval.models import CorpusError, QuestionError, RefreshReport, StoreError

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a tool whose reader went away
# `index`: everything else was indexed, but files, folders or lines were skipped that no
# earlier refresh reported (README "Command line").
EXIT_NEWLY_SKIPPED = 3


class CliError(Exception):
    """An error to report as one line, with the exit code to use."""

    def __init__(self, message: str, code: int = 1):
        super().__init__(message)
        self.code = code


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="corpusbot",
        description="Answer questions about a corpus of Arabic news articles, with cited snippets.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    index = sub.add_parser("index", help="build or refresh the store from the corpus")
    _add_store_flags(index)
    index.add_argument(
        "--explain-cleaning",
        action="store_true",
        help="also list, per outlet, the furniture learned and cut (marker, articles, share, example)",
    )

    ask = sub.add_parser("ask", help="answer a question (or each line of stdin)")
    _add_store_flags(ask)
    ask.add_argument("-k", type=int, default=3, metavar="N", help="at most N results (default 3)")
    ask.add_argument("--json", action="store_true", help="one JSON object per question per line")
    ask.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="mark matched words in bold (default: when writing to a terminal)",
    )
    ask.add_argument("question", nargs="*", metavar="QUESTION", help="the question; omit to read stdin")

    doctor = sub.add_parser(
        "doctor",
        help="check the configuration, the Bot API, the store, the index and language resources",
        description="Exit code 0: healthy (warnings allowed, e.g. no token for CLI-only use); 1: not.",
    )
    _add_store_flags(doctor)
    doctor.add_argument("--offline", action="store_true", help="do not contact the Bot API")
    doctor.add_argument(
        "--timeout", type=float, default=5.0, metavar="S", help="Bot API timeout in seconds (default 5)"
    )

    backup = sub.add_parser("backup", help="copy the store consistently, even while the bot runs")
    backup.add_argument(
        "--db", metavar="PATH", help="SQLite store (default: CORPUSBOT_DB, else a per-user file)"
    )
    backup.add_argument("--force", action="store_true", help="overwrite PATH if it exists")
    backup.add_argument("path", metavar="PATH", help="the backup file, or a folder for a dated file")

    feeds_cli.add_parsers(sub, _add_store_flags)

    serve = sub.add_parser("serve", help="run the Telegram bot")
    serve.add_argument(
        "--webhook-url", metavar="URL", help="serve a webhook at this public URL instead of polling"
    )
    serve.add_argument("--listen", default="127.0.0.1", metavar="ADDR", help="webhook listen address")
    serve.add_argument("--port", type=int, default=8443, metavar="N", help="webhook listen port")
    serve.add_argument(
        "--secret-token", metavar="T", help="webhook secret token (default: CORPUSBOT_WEBHOOK_SECRET)"
    )
    return parser


def _add_store_flags(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--corpus",
        metavar="DIR",
        help="corpus directory (default: CORPUSBOT_CORPUS, "
        "else the one the store was built from, else the bundled corpus)",
    )
    parser.add_argument(
        "--db", metavar="PATH", help="SQLite store (default: CORPUSBOT_DB, else a per-user file)"
    )


async def open_engine(args: argparse.Namespace, *, at_once: bool = False) -> Engine:
    db_path = Path(args.db).expanduser() if args.db else default_db_path()
    corpus_dir = configured_corpus(args.corpus)
    if corpus_dir is not None and not corpus_dir.is_dir():
        raise CliError(f"corpus directory not found: {corpus_dir}")
    try:
        return await Engine.open(db_path, corpus_dir, at_once=at_once)
    except StoreError as exc:
        raise CliError(str(exc)) from None


async def refresh(engine: Engine, *, known_too: bool = True) -> RefreshReport:
    """Apply the corpus's changes and list what was skipped on stderr: everything, or with
    `known_too=False` only what no earlier refresh reported (`ask`: `index` and `doctor` list
    the rest)."""
    try:
        # Files read so far (a first build of a large corpus takes minutes).
        report = await engine.refresh(progress=StderrProgress("indexing", "files"))
    except CorpusError as exc:
        raise CliError(str(exc)) from None
    for error in report.errors if known_too else report.new_errors:
        print(f"corpusbot: skipped {error}", file=sys.stderr)
    return report


async def run_index(args: argparse.Namespace) -> int:
    started = time.perf_counter()  # opening embeds what an interrupted run left: that counts too
    engine = await open_engine(args)
    try:
        report = await refresh(engine)
        evidence = await engine.furniture_evidence() if args.explain_cleaning else []
    finally:
        await engine.close()
    dense = engine.dense_progress()
    if dense is not None and dense.passages < dense.passages_total:  # the bot embeds the rest
        print(f"corpusbot: dense retrieval {dense.line()}", file=sys.stderr)
    for row in evidence:
        print(
            f"{row.outlet}\t{row.kind}\t{row.marker}\t{row.cut} of {row.articles} articles "
            f"({row.share:.0%})\te.g. {row.example}"
        )
    print(
        f"{report.documents} documents, {report.passages} passages in {engine.db_path} "
        f"(added {len(report.added)}, changed {len(report.changed)}, removed {len(report.removed)}, "
        f"skipped {len(report.errors)}) in {time.perf_counter() - started:.2f} s"
    )
    # For cron: a problem is reported by its exit code once; while nothing changes, it is
    # listed again but the run succeeds.
    return EXIT_NEWLY_SKIPPED if report.new_errors else 0


def _questions(args: argparse.Namespace) -> Iterable[str]:
    """The question given as arguments, or each non-empty line of stdin. Bytes that are not
    UTF-8 become U+FFFD, with a note on stderr, so one bad line cannot end a batch."""
    if args.question:
        yield _utf8(os.fsencode(" ".join(args.question)), "the question")
        return
    for number, raw in enumerate(sys.stdin.buffer, start=1):
        line = _utf8(raw, f"line {number}")
        if line.strip():
            yield line


def _utf8(raw: bytes, where: str) -> str:
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        print(f"corpusbot: {where}: not UTF-8, bad bytes replaced by \ufffd", file=sys.stderr)
        return raw.decode("utf-8", "replace")


async def run_ask(args: argparse.Namespace) -> int:
    if args.k < 1:
        raise CliError("-k must be at least 1", code=2)
    color = args.color == "always" or (
        args.color == "auto" and sys.stdout.isatty() and not os.environ.get("NO_COLOR")
    )
    engine = await open_engine(args, at_once=True)  # embedding a large corpus is for `index`
    status = 0
    try:
        if configured_corpus(args.corpus) is None and not engine.corpus_dir.is_dir():
            # The folder the store was built from was moved or deleted: the store still answers.
            print(
                f"corpusbot: the corpus this store was built from is gone ({engine.corpus_dir}); "
                "answering from the store as last indexed (--corpus DIR or CORPUSBOT_CORPUS "
                "names another)",
                file=sys.stderr,
            )
        else:
            await refresh(engine, known_too=False)
        dense = engine.dense_progress()
        if dense is not None and not dense.covered:
            print(
                f"corpusbot: dense retrieval {dense.line()}; `corpusbot index` embeds the rest",
                file=sys.stderr,
            )
        for question in _questions(args):
            try:
                answer = engine.answer(question, k=args.k)
            except QuestionError as exc:
                print(f"corpusbot: {exc}", file=sys.stderr)
                status = 2
                continue
            if args.json:
                print(json.dumps(answer.to_json(), ensure_ascii=False), flush=True)
            else:
                print(render_answer_text(answer, color=color), end="\n\n", flush=True)
    finally:
        await engine.close()
    return status


def run_serve(args: argparse.Namespace) -> int:
    from telegram.error import InvalidToken, NetworkError, TelegramError

    from bot.app import Webhook, serve
    from bot.config import ConfigError, load_settings
    from bot.errors import setup_logging

    try:
        settings = load_settings()
    except ConfigError as exc:
        raise CliError(str(exc), code=2) from None
    webhook = None
    if args.webhook_url:
        if not re.match(r"^https://[^\s/]+", args.webhook_url):
            raise CliError("--webhook-url must be a public https:// URL (Telegram requires HTTPS)", code=2)
        # From the environment, the secret stays out of the process list.
        from_flag = args.secret_token is not None
        secret = args.secret_token if from_flag else settings.webhook_secret
        if secret is not None and not re.fullmatch(r"[A-Za-z0-9_-]{1,256}", secret):
            source = "--secret-token" if from_flag else "CORPUSBOT_WEBHOOK_SECRET"
            raise CliError(f"{source} must be 1-256 characters of A-Z, a-z, 0-9, _ and -", code=2)
        if not 0 < args.port < 65536:
            raise CliError("--port must be between 1 and 65535", code=2)
        webhook = Webhook(args.webhook_url, args.listen, args.port, secret)
    if settings.corpus_dir is not None and not settings.corpus_dir.is_dir():
        raise CliError(f"CORPUSBOT_CORPUS: corpus directory not found: {settings.corpus_dir}", code=2)
    setup_logging(settings.token)
    try:
        asyncio.run(serve(settings, webhook))
    except InvalidToken:
        message = "Telegram rejected TELEGRAM_BOT_TOKEN: check the token from @BotFather"
        raise CliError(message, code=2) from None
    except NetworkError as exc:
        raise CliError(f"cannot reach the Bot API at {settings.api_base_url}: {exc}") from None
    except TelegramError as exc:
        raise CliError(f"Telegram error: {exc}") from None
    except (StoreError, CorpusError) as exc:
        raise CliError(str(exc)) from None
    except OSError as exc:  # e.g. the webhook port is taken
        raise CliError(f"cannot serve: {exc.strerror or exc}") from None
    return 0


def run_doctor(args: argparse.Namespace) -> int:
    """One line per check (ok, WARN, FAIL) and a verdict; exit 1 when anything FAILs."""
    from bot import doctor

    findings = asyncio.run(
        doctor.diagnose(db=args.db, corpus=args.corpus, offline=args.offline, timeout=args.timeout)
    )
    for finding in findings:
        print(finding.line())
    print(doctor.summary(findings))
    return 0 if doctor.healthy(findings) else 1


def run_backup(args: argparse.Namespace) -> int:
    from bot.backup import BackupError, backup_store
    from bot.doctor import environment, store_path

    source = store_path(args.db, environment())
    try:
        report = backup_store(source, Path(args.path).expanduser(), force=args.force)
    except BackupError as exc:
        raise CliError(str(exc)) from None
    print(
        f"{report.source} -> {report.target}: {report.documents} documents, {report.passages} passages, "
        f"{report.bytes / 1e6:.1f} MB, integrity ok, in {report.seconds:.2f} s"
    )
    return 0


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        if args.command == "index":
            return asyncio.run(run_index(args))
        if args.command == "ask":
            return asyncio.run(run_ask(args))
        if args.command == "doctor":
            return run_doctor(args)
        if args.command == "backup":
            return run_backup(args)
        if args.command in feeds_cli.COMMANDS:
            return feeds_cli.run(args, open_engine, refresh, CliError)
        return run_serve(args)
    except CliError as exc:
        print(f"corpusbot: {exc}", file=sys.stderr)
        return exc.code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader went away (`corpusbot ask … | head -1`). As the Python docs advise, stdout
        # now points at devnull, so flushing it at exit cannot raise again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_BROKEN_PIPE


if __name__ == "__main__":
    sys.exit(main())
