"""Engine.ask: answers Arabic questions in the event loop's thread without passage embeddings
(pure Python under the interpreter lock), in a worker thread when the question is embedded
(native code) and for English and Arabizi questions (a name index to build, a model to run)."""

from __future__ import annotations

import asyncio
import threading
from dataclasses import replace
from pathlib import Path

from retrieval.engine import Engine
from retrieval.models import Answer

QUESTION = "ماذا قال ريابكوف عن محادثات جنيف"


class RecordingEngine(Engine):
    def __init__(self, index) -> None:
        super().__init__(None, index, Path("."))  # answering needs no store
        self.threads: list[int] = []

    def answer(self, question: str, k: int = 3) -> Answer:
        self.threads.append(threading.get_ident())
        return super().answer(question, k)


def test_ask_answers_in_the_loop_unless_the_question_is_embedded(own_index) -> None:
    assert own_index.dense is not None
    lexical = replace(own_index, dense=None)

    async def ask(engine: RecordingEngine) -> tuple[Answer, int]:
        return await engine.ask(QUESTION, 4), threading.get_ident()

    for index, in_loop in ((lexical, True), (own_index, False)):
        engine = RecordingEngine(index)
        answer, loop_thread = asyncio.run(ask(engine))
        assert (engine.threads[0] == loop_thread) is in_loop
        direct = engine.answer(QUESTION, 4)
        assert answer.answered and answer.results == direct.results


def test_english_and_arabizi_questions_are_answered_off_the_loop(own_index) -> None:
    lexical = replace(own_index, dense=None)

    async def ask(engine: RecordingEngine, question: str) -> int:
        await engine.ask(question)
        return threading.get_ident()

    for question in ("Where did Blinken first meet Lavrov?", "Blinken w Lavrov et2ablo awel marra fein?"):
        engine = RecordingEngine(lexical)
        loop_thread = asyncio.run(ask(engine, question))
        assert engine.threads[0] != loop_thread
