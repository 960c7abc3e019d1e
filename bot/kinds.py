"""The kinds registry: every kind of report, read from data (flows/kinds.yaml, and the
kinds.yaml of an organisation's [flows] directory), never listed in code.

Adding a kind is its entry in a kinds.yaml plus its flow file. The registry is built where the
app is composed (bot.flow.loader.load_flows) and reaches the rest through the Runtime.
"""

from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from bot.config_base import Duration
from bot.domain import ReportKind, Role
from flows import BUILTIN_FLOW_DIR

KINDS_FILE = "kinds.yaml"
"""The registry's file name, in the built-in flows and in an organisation's flows folder."""
RESERVED_WORDS = frozenset({"quick", "now", "alert", "practice", "practise", "help", "cancel",
                            "report", "complete"})
"""Words typed after /report that mean something else: never a kind's alias."""


class KindError(ValueError):
    """The registry is not usable; the message is one line naming the file and the problem."""


Word = Annotated[str, Field(min_length=1, max_length=30, pattern=r"^[a-z0-9]+$")]


class _Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, max_length=64, pattern=r"^[a-z0-9_]+$")
    prefix: str = Field(pattern=r"^[A-Z]{2}$")
    label: str = Field(min_length=1, max_length=60)
    aliases: list[Word] = Field(default_factory=list)
    flow: str | None = Field(default=None, min_length=1, max_length=64)
    routes: list[Role] = Field(min_length=1)
    choice: str = Field(min_length=1, max_length=150)
    retention: Duration | None = None

    def kind(self) -> ReportKind:
        return ReportKind(self.id, self.prefix, self.label, tuple(self.aliases),
                          self.flow or self.id, tuple(self.routes), self.choice, self.retention)


class KindRegistry:
    """The kinds of report, in the order they are offered; looked up by id or typed word."""

    def __init__(self, kinds: Iterable[ReportKind], source: str = KINDS_FILE) -> None:
        self._kinds: dict[str, ReportKind] = {}
        self._words: dict[str, ReportKind] = {}
        prefixes: dict[str, ReportKind] = {}
        for kind in kinds:
            self._refuse_clash(kind, prefixes, source)
            self._kinds[kind.id] = kind
            prefixes[kind.prefix] = kind
            self._words.update(dict.fromkeys(kind.aliases, kind))
        if not self._kinds:
            raise KindError(f"{source}: no kinds of report are declared")

    def _refuse_clash(self, kind: ReportKind, prefixes: dict[str, ReportKind],
                      source: str) -> None:
        if kind.id in self._kinds:
            raise KindError(f"{source}: the kind '{kind.id}' is declared twice")
        if kind.prefix in prefixes:
            raise KindError(f"{source}: kind '{kind.id}': the prefix '{kind.prefix}' is "
                            f"already used by '{prefixes[kind.prefix].id}'")
        for word in kind.aliases:
            other = self._words.get(word)
            if other is not None or kind.aliases.count(word) > 1:
                owner = other.id if other is not None else kind.id
                raise KindError(f"{source}: kind '{kind.id}': the alias '{word}' is already "
                                f"used by '{owner}'")
            if word in RESERVED_WORDS:
                raise KindError(f"{source}: kind '{kind.id}': the alias '{word}' is a "
                                "command word, not a kind")

    def __iter__(self) -> Iterator[ReportKind]:
        return iter(self._kinds.values())

    def __len__(self) -> int:
        return len(self._kinds)

    def __contains__(self, kind_id: object) -> bool:
        return kind_id in self._kinds

    def __getitem__(self, kind_id: str) -> ReportKind:
        kind = self._kinds.get(kind_id)
        if kind is None:
            raise KindError(f"'{kind_id}' is not a kind of report ({self.naming()})")
        return kind

    def get(self, kind_id: object) -> ReportKind | None:
        return self._kinds.get(kind_id) if isinstance(kind_id, str) else None

    def by_word(self, word: str) -> ReportKind | None:
        """The kind a word typed after /report names (one of its aliases), if any."""
        return self._words.get(word.lower())

    @property
    def words(self) -> frozenset[str]:
        """Every alias of every kind."""
        return frozenset(self._words)

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(self._kinds)

    def naming(self) -> str:
        """The ids, for a one-line error: 'safeguarding_concern, confidentiality_breach, …'."""
        return ", ".join(self._kinds)

    def first_words(self) -> str:
        """One alias per kind, for usage lines: 'safeguarding|breach|incident'."""
        return "|".join(kind.aliases[0] for kind in self if kind.aliases)


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    where = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in first["loc"])
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "extra_forbidden":
        message = "is not a known key"
    elif first["type"] == "missing":
        message = "is required"
    return f"{where.lstrip('.')}: {message}"


def read_kinds(path: Path) -> list[ReportKind]:
    """The entries of one kinds.yaml: a list of mappings (see flows/kinds.yaml)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise KindError(f"{path}: cannot be read ({error})") from None
    except yaml.YAMLError as error:
        raise KindError(f"{path}: not valid YAML ({error})") from None
    if not isinstance(data, list):
        raise KindError(f"{path}: expected a list of kinds, each with id, prefix, label, "
                        "routes and choice")
    kinds = []
    for number, item in enumerate(data):
        try:
            kinds.append(_Entry.model_validate(item).kind())
        except ValidationError as error:
            raise KindError(f"{path}: [{number}].{_describe(error)}") from None
    return kinds


def load_kinds(extra_dir: Path | None = None) -> KindRegistry:
    """The built-in kinds, then those an organisation's flows folder adds (never replaces)."""
    kinds = read_kinds(BUILTIN_FLOW_DIR / KINDS_FILE)
    source = str(BUILTIN_FLOW_DIR / KINDS_FILE)
    own = extra_dir / KINDS_FILE if extra_dir is not None else None
    if own is not None and own.is_file():
        kinds += read_kinds(own)
        source = str(own)
    return KindRegistry(kinds, source)
