"""The engine is the bot's one door into retrieval/: every module of bot/ imports from
retrieval/ only `retrieval.engine` and `retrieval.models` (README "How it works")."""

from __future__ import annotations

import ast
from pathlib import Path

BOT = Path(__file__).resolve().parent.parent / "bot"
DOOR = {"retrieval.engine", "retrieval.models"}


def retrieval_imports(path: Path) -> set[str]:
    """The retrieval modules `path` imports, at any depth of the file (lazy imports too)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "retrieval":
            found.add(node.module if node.module != "retrieval" else f"retrieval.{node.names[0].name}")
        elif isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.split(".")[0] == "retrieval"}
    return found


def test_bot_reaches_retrieval_only_through_the_engine_and_its_models() -> None:
    modules = sorted(BOT.glob("*.py"))
    assert len(modules) > 20
    beyond = {path.name: sorted(retrieval_imports(path) - DOOR) for path in modules}
    assert {name: found for name, found in beyond.items() if found} == {}


def test_the_check_sees_a_forbidden_import(tmp_path: Path) -> None:
    sneaky = tmp_path / "sneaky.py"
    sneaky.write_text("def f():\n    from retrieval.store import Store\n    import retrieval.index\n")
    assert retrieval_imports(sneaky) == {"retrieval.store", "retrieval.index"}


def test_the_dataclasses_bot_uses_come_from_models() -> None:
    """A dataclass crossing the door has one home, retrieval/models.py: the engine re-exports
    functions and services, not records."""
    import dataclasses

    import retrieval.engine

    through_engine = set()
    for path in sorted(BOT.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "retrieval.engine":
                through_engine |= {alias.name for alias in node.names}
    records = {name for name in through_engine if dataclasses.is_dataclass(getattr(retrieval.engine, name))}
    assert not records
