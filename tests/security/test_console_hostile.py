"""`safeguard-bot console` fed hostile bytes on stdin: no traceback, and the session goes on."""

import os
import subprocess
import sys

from tests.journeys.console import EXAMPLE_CONFIG, POSTGRES_KEYS, ROOT, TIMEOUT_SECONDS

LONG = b"a" * 200_000
TERMINAL_TRICKS = b"\x1b[2J\x1b]0;owned\x07\x1b[31mred\x08\r"
TO_SESSION_NAME = [b"/report incident", b"no", b"yesterday 10:00", b"1"]
"""From a fresh report to its first free-text question (the session's name, 200 at most)."""


def _answer(name: str, answer: bytes) -> list[tuple[str, bytes]]:
    """Answer the session-name question in a fresh report, then discard the report (cancel
    asks to confirm first, as answers would be lost)."""
    steps = [(f"{name}: step {n}", line) for n, line in enumerate(TO_SESSION_NAME)]
    return [*steps, (name, answer), (f"{name}: cancel", b"cancel"),
            (f"{name}: confirm cancel", b"cancel")]


LINES: list[tuple[str, bytes]] = [
    ("bare slash", b"/"),
    ("slash and spaces", b"/   "),
    ("nul bytes", b"\x00\x00"),
    ("invalid utf-8", b"\xff\xfe\xfd"),
    ("very long line", LONG),
    ("terminal escapes", TERMINAL_TRICKS),
    *[(f"superscript choice: step {n}", line) for n, line in enumerate(TO_SESSION_NAME[:3])],
    ("superscript choice", "²".encode()),
    ("superscript choice: cancel", b"cancel"),
    ("superscript choice: confirm cancel", b"cancel"),
    *_answer("over the limit", LONG),
    *_answer("nul answer", b"a\x00b"),
    *_answer("invalid utf-8 answer", b"\xff\xfe ok"),
    *_answer("escapes answer", b"ok " + TERMINAL_TRICKS),
    *_answer("markup answer", b"*bold* <!channel> <@U0LEAD> [x](https://evil.example) **y**"),
    ("still here", b"/whoami"),
    ("quit", b"/quit"),
]

def _run(database_url: str) -> subprocess.CompletedProcess[bytes]:
    env = {**os.environ, "DATABASE_URL": database_url}
    env.pop("SAFEGUARD_CONFIG", None)
    if database_url.startswith("postgresql"):
        env.setdefault("SAFEGUARD_KEYS", POSTGRES_KEYS)
    else:
        env.pop("SAFEGUARD_KEYS", None)
    return subprocess.run(
        [sys.executable, "-m", "bot", "console", "--config", str(EXAMPLE_CONFIG)],
        input=b"\n".join(line for _, line in LINES) + b"\n", capture_output=True, env=env,
        cwd=ROOT, timeout=TIMEOUT_SECONDS, check=False)


def _answers(stdout: bytes) -> dict[str, bytes]:
    """What the console printed after each line: it echoes every line read as `> line`."""
    chunks = stdout.split(b"\n> ")[1:]
    assert len(chunks) == len(LINES), f"{len(chunks)} echoes for {len(LINES)} lines"
    return {name: chunk.split(b"\n", 1)[1] if b"\n" in chunk else b""
            for (name, _), chunk in zip(LINES, chunks, strict=True)}


def test_hostile_lines_never_break_the_console(journey_db: str) -> None:
    run = _run(journey_db)
    assert run.returncode == 0, run.stderr[-2000:]
    assert b"Traceback" not in run.stdout + run.stderr, run.stderr[-4000:]
    answers = _answers(run.stdout)
    problems = [f"{name}: {answer[:160]!r}" for name, answer in answers.items()
                if b"could not be completed" in answer]
    for name in ("bare slash", "slash and spaces"):
        if b"/help" not in answers[name]:
            problems.append(f"{name}: no hint to /help")
    if b"under 200 characters" not in answers["over the limit"]:
        problems.append(f"over the limit: {answers['over the limit'][:160]!r}")
    for name in ("nul answer", "invalid utf-8 answer", "escapes answer", "markup answer"):
        if b"[5/" not in answers[name] and b"x " not in answers[name][:2]:
            problems.append(f"{name}: neither accepted nor refused with a reason")
    if b"You are" not in answers["still here"]:
        problems.append("the session did not carry on")
    for trick in (b"\x1b[", b"\x1b]", b"\x07", b"\x08"):  # would restyle the reader's terminal
        if trick in run.stdout:
            problems.append(f"typed {trick!r} written back to the terminal")
    assert not problems, "\n".join(problems)
