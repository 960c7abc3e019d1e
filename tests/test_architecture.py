"""The core stays platform-neutral: bot/ imports no platform SDK, directly or on import."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("slack_bolt", "slack_sdk", "botbuilder", "botframework", "aiohttp.web_request")
COMPOSITION_ROOT = {"bot/cli.py", "bot/server.py"}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_no_module_in_bot_imports_a_platform_sdk() -> None:
    offenders = [
        f"{path.relative_to(ROOT)}: {name}"
        for path in sorted((ROOT / "bot").rglob("*.py"))
        for name in _imports(path)
        if name.startswith(FORBIDDEN)
    ]
    assert offenders == []


def test_only_the_composition_root_knows_the_platform_adapters() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "bot").rglob("*.py"))
        if str(path.relative_to(ROOT)) not in COMPOSITION_ROOT
        and any(name.startswith(("adapters.slack", "adapters.teams")) for name in _imports(path))
    ]
    assert offenders == []


def test_importing_the_core_loads_no_platform_sdk() -> None:
    code = (
        "import sys, pkgutil, importlib, bot\n"
        "for m in pkgutil.walk_packages(bot.__path__, 'bot.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in "
        "('slack_bolt', 'slack_sdk', 'botbuilder'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == ""


def test_no_engine_is_created_at_import() -> None:
    code = (
        "import sqlalchemy.ext.asyncio as a\n"
        "calls = []\n"
        "original = a.create_async_engine\n"
        "a.create_async_engine = lambda *x, **k: calls.append(x) or original(*x, **k)\n"
        "import bot.cli, bot.server, storage.engine, adapters.console.app\n"
        "print(len(calls))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=ROOT, check=True)
    assert result.stdout.strip() == "0"
