"""The core stays platform-neutral: bot/ imports no platform SDK, directly or on import."""

import ast
import dataclasses
import json
import subprocess
import sys
import typing
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parent.parent
FORBIDDEN = ("slack_bolt", "slack_sdk", "botbuilder", "botframework", "aiohttp.web_request")
COMPOSITION_ROOT = {"bot/cli.py", "bot/server.py"}
ZONE = ZoneInfo("Europe/London")


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


# -- adapters render and transport; the core keeps storage, keys and sealed state ---------------

ADAPTERS_NEVER_IMPORT = ("storage", "sqlalchemy", "aiosqlite", "asyncpg", "bot.crypto",
                         "bot.keys", "bot.records", "bot.keyed_columns", "bot.key_check")
CORE_ONLY_ATTRIBUTES = frozenset({"database", "keys"})
"""What a runtime holds that only the core may use: the database and the key ring."""


def _imported_in(source: str) -> list[str]:
    """Every module the source imports, `from bot import crypto` counted as `bot.crypto`."""
    names = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
            names.extend(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def _imported(path: Path) -> list[str]:
    return _imported_in(path.read_text(encoding="utf-8"))


def _adapter_files() -> list[Path]:
    return sorted((ROOT / "adapters").rglob("*.py"))


def _is_forbidden(name: str) -> bool:
    return any(name == banned or name.startswith(banned + ".") for banned in ADAPTERS_NEVER_IMPORT)


def test_adapters_never_import_storage_the_database_driver_or_the_keys() -> None:
    offenders = [f"{path.relative_to(ROOT)}: {name}" for path in _adapter_files()
                 for name in _imported(path) if _is_forbidden(name)]
    assert offenders == []


def test_the_import_rule_catches_each_way_of_writing_an_import() -> None:
    for source in ("import storage.models", "from storage.repositories import inbound",
                   "from bot import crypto", "from bot.records import open_flow_state",
                   "import sqlalchemy", "def f():\n    from storage import engine\n"):
        assert any(_is_forbidden(name) for name in _imported_in(source)), source
    assert not any(_is_forbidden(name) for name in _imported_in(
        "from bot import inbound, reporting\nfrom bot.stored_flow import StoredFlow"))


def _runtime_attributes(source: str) -> list[str]:
    """`<something>.runtime.database`, `runtime.keys` and the like, by line."""
    found: list[tuple[int, str]] = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Attribute) or node.attr not in CORE_ONLY_ATTRIBUTES:
            continue
        owner = node.value
        owner_name = owner.attr if isinstance(owner, ast.Attribute) else getattr(owner, "id", "")
        if owner_name in ("runtime", "_runtime"):
            found.append((node.lineno, f"{node.lineno}: {owner_name}.{node.attr}"))
    return [line for _, line in sorted(found)]


def test_adapters_never_reach_the_database_or_the_key_ring_through_the_runtime() -> None:
    offenders = [f"{path.relative_to(ROOT)}:{line}" for path in _adapter_files()
                 for line in _runtime_attributes(path.read_text(encoding="utf-8"))]
    assert offenders == []


def test_the_runtime_rule_catches_the_database_and_the_keys_but_not_a_dict() -> None:
    source = ("async def f(self, turn, runtime):\n"
              "    async with self.runtime.database.transaction() as s: pass\n"
              "    k = turn.runtime.keys\n"
              "    d = runtime.database\n"
              "    w = WORDS.keys()\n")
    assert _runtime_attributes(source) == ["2: runtime.database", "3: runtime.keys",
                                           "4: runtime.database"]


def test_the_core_never_imports_an_adapter_outside_the_composition_root() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for path in sorted((ROOT / "bot").rglob("*.py"))
        if str(path.relative_to(ROOT)) not in COMPOSITION_ROOT
        and any(name == "adapters" or name.startswith("adapters.") for name in _imported(path))
    ]
    assert offenders == []


# -- every core card block, form input and message is rendered on every surface ---------------


def _console_cards():  # type: ignore[no-untyped-def]
    from adapters.console.cards import TextCards

    return TextCards(lambda action, args: f"/{action} {' '.join(args.values())}")


def _slack_block(block: object) -> str:
    from adapters.slack.cards import render_block

    return json.dumps([out.to_dict() for out in render_block(block)])  # type: ignore[arg-type]


def _teams_block(block: object) -> str:
    from adapters.teams.cards import render_block

    return json.dumps(render_block(block))  # type: ignore[arg-type]


def _console_block(block: object) -> str:
    return "\n".join(_console_cards().block(block))


BLOCK_RENDERERS = {"slack": _slack_block, "teams": _teams_block, "console": _console_block}


def test_the_samples_cover_every_block_type_the_core_defines() -> None:
    from bot.ui import cards
    from tests.ui_samples import BLOCKS

    defined = {value for value in vars(cards).values() if isinstance(value, type)
               and dataclasses.is_dataclass(value) and value.__module__ == cards.__name__}
    parts = {cards.Card, cards.Button, cards.Confirm}  # a whole card; inside Buttons
    assert set(cards.BLOCK_TYPES) == defined - parts
    assert set(BLOCKS) == set(cards.BLOCK_TYPES)


@pytest.mark.parametrize("surface", sorted(BLOCK_RENDERERS))
def test_every_block_type_is_rendered_on_every_surface(surface: str) -> None:
    from bot.ui.cards import Card
    from tests.ui_samples import BLOCKS, SEEN_IN_BLOCK

    render = BLOCK_RENDERERS[surface]
    for kind, block in BLOCKS.items():
        shown = render(block)
        assert SEEN_IN_BLOCK.get(kind, "") in shown, (surface, kind.__name__)
    whole = Card("Title", "Summary", tuple(BLOCKS.values()))
    assert _whole_card(surface, whole)


def _whole_card(surface: str, card: object) -> str:
    if surface == "slack":
        from adapters.slack.cards import message

        return json.dumps(message(card))  # type: ignore[arg-type]
    if surface == "teams":
        from adapters.teams.cards import adaptive_card

        return json.dumps(adaptive_card(card))  # type: ignore[arg-type]
    return _console_cards().text(card)  # type: ignore[no-any-return]


@pytest.mark.parametrize("surface", sorted(BLOCK_RENDERERS))
def test_an_unknown_block_type_is_refused_not_shown_as_something_else(surface: str) -> None:
    from tests.ui_samples import Stranger

    with pytest.raises(TypeError, match="Stranger"):
        BLOCK_RENDERERS[surface](Stranger())


def _slack_input(found: object) -> str:
    from adapters.slack.forms import input_block

    return json.dumps(input_block(found, ZONE).to_dict())  # type: ignore[arg-type]


def _teams_input(found: object) -> str:
    from adapters.teams.forms import render_input

    return json.dumps(render_input(found))  # type: ignore[arg-type]


def _console_input(found: object) -> str:
    from adapters.console.forms import input_line

    return input_line(found)  # type: ignore[arg-type]


INPUT_RENDERERS = {"slack": _slack_input, "teams": _teams_input, "console": _console_input}


@pytest.mark.parametrize("surface", sorted(INPUT_RENDERERS))
def test_every_form_input_kind_is_rendered_on_every_surface(surface: str) -> None:
    from tests.ui_samples import INPUT_KINDS, INPUTS, OPTIONS

    assert set(INPUTS) == set(INPUT_KINDS) and len(INPUT_KINDS) >= 9
    for kind, found in INPUTS.items():
        shown = INPUT_RENDERERS[surface](found)
        assert found.label in shown, (surface, kind)
        if found.options:
            assert OPTIONS[1].value in shown, (surface, kind)


@pytest.mark.parametrize("surface", sorted(INPUT_RENDERERS))
def test_an_unknown_input_kind_is_refused(surface: str) -> None:
    from bot.ui.forms import Input

    with pytest.raises(TypeError, match="Input"):
        INPUT_RENDERERS[surface](Input("odd", "Odd", "odd"))  # type: ignore[arg-type]


def test_a_whole_form_is_rendered_on_every_surface() -> None:
    from adapters.console.forms import form_text
    from adapters.slack.forms import form_view
    from adapters.teams.cards import form_card
    from tests.ui_samples import FORM

    shown = {"slack": json.dumps(form_view(FORM, ZONE).to_dict()),
             "teams": json.dumps(form_card(FORM)),
             "console": form_text(FORM, _console_cards())}
    for surface, text in shown.items():
        assert "Intro words" in text, surface
        assert all(found.label in text for found in FORM.inputs), surface
    assert '"verb": "case.note"' in shown["teams"] and "SG-2026-0001" in shown["teams"]


def _slack_message(message: object, config: object) -> str:
    from adapters.slack.messages import render

    rendered = render(message, ZONE)  # type: ignore[arg-type]
    return rendered.text + json.dumps(rendered.block_dicts())


def _teams_message(message: object, config: object) -> str:
    from adapters.teams.notification_cards import message_card

    return json.dumps(message_card(message, ZONE))  # type: ignore[arg-type]


def _console_message(message: object, config: object) -> str:
    from adapters.console.render import render_message

    return render_message(message, config)  # type: ignore[arg-type]


MESSAGE_RENDERERS = {"slack": _slack_message, "teams": _teams_message,
                     "console": _console_message}


def test_the_samples_cover_every_message_type() -> None:
    from bot.notifications import MESSAGE_TYPES, Message
    from tests.ui_samples import MESSAGES

    assert set(MESSAGE_TYPES) == set(typing.get_args(Message)) == set(MESSAGES)


@pytest.mark.parametrize("surface", sorted(MESSAGE_RENDERERS))
def test_every_message_type_is_rendered_on_every_surface(surface: str,
                                                         example_config: object) -> None:
    from tests.ui_samples import MESSAGES

    shown = {kind: MESSAGE_RENDERERS[surface](message, example_config)
             for kind, message in MESSAGES.items()}
    assert all(shown.values())
    assert len(set(shown.values())) == len(shown)  # none stands in for another


@pytest.mark.parametrize("surface", sorted(MESSAGE_RENDERERS))
def test_an_unknown_message_type_is_refused_not_shown_as_an_acknowledgement(
        surface: str, example_config: object) -> None:
    from tests.ui_samples import Stranger

    with pytest.raises(TypeError, match="Stranger"):
        MESSAGE_RENDERERS[surface](Stranger(), example_config)


def test_the_check_in_renderers_refuse_an_unknown_message_too(example_config: object) -> None:
    from adapters.slack.checkin_messages import render_any
    from adapters.teams.checkin_cards import message_card, summary_text
    from tests.ui_samples import Stranger

    for render in (lambda m: render_any(m, ZONE), lambda m: message_card(m, ZONE),
                   summary_text):
        with pytest.raises(TypeError, match="Stranger"):
            render(Stranger())
