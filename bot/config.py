"""The organisation config (TOML), validated on load with readable one-line errors."""

import tomllib
from collections.abc import Collection
from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import phonenumbers
from pydantic import ConfigDict, Field, ValidationError, field_validator, model_validator

from bot.cases.settings import AnnualReportSettings, CaseSettings
from bot.checkins.settings import WellbeingSettings
from bot.config_base import Duration, StrictModel
from bot.domain import ReportKind, Role
from bot.escalation_policy import URGENCY_POLICY_KEYS, Absence, EscalationSettings
from bot.kinds import KindRegistry, load_kinds
from bot.quick.settings import QuickAlertSettings
from bot.working_time.settings import WorkingHoursSettings, effective


class ConfigError(Exception):
    """A config problem, phrased for the person who edits the file."""


class OrganisationSettings(StrictModel):
    name: str = Field(min_length=1, max_length=200)
    timezone: str = "Europe/London"
    safeguarding_phone: str | None = None
    """Who to phone when nobody can be reached through the bot (the receipt says so)."""

    @field_validator("safeguarding_phone")
    @classmethod
    def _dialable(cls, value: str | None) -> str | None:
        if value is None:
            return None
        try:
            number = phonenumbers.parse(value, "GB")
        except phonenumbers.NumberParseException:
            number = None
        if number is None or not phonenumbers.is_valid_number(number):
            raise ValueError(f"'{value}' is not a phone number; write it as you would dial "
                             "it, e.g. 020 7946 0000, or +353 1 234 5678 outside the UK")
        return value.strip()

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise ValueError(f"'{value}' is not a known time zone, e.g. Europe/London") from error
        return value

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class Person(StrictModel):
    id: str = Field(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9_.-]+$")
    name: str = Field(min_length=1, max_length=200)
    roles: list[Role] = Field(default_factory=lambda: [Role.STAFF])
    slack_user: str | None = None
    teams_user: str | None = None
    manager: str | None = None

    @property
    def initials(self) -> str:
        """Initials used in messages instead of names, e.g. 'SO' for 'Safeguarding Officer'."""
        return "".join(word[0].upper() for word in self.name.split() if word[:1].isalpha()) or "?"

    def has_any_role(self, roles: Collection[Role]) -> bool:
        return any(role in roles for role in self.roles)


class SlackSettings(StrictModel):
    alert_channel: str | None = None


class TeamsSettings(StrictModel):
    alert_conversation: str | None = None


class RoutingSettings(StrictModel):
    """Which roles each report kind is routed to, keyed by the kind's id; unset kinds go to
    the routes of their entry in the kinds registry (bot.kinds)."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, list[Role]] = Field(init=False)

    def roles_for(self, kind: ReportKind) -> list[Role]:
        chosen = (self.model_extra or {}).get(kind.id)
        return list(chosen) if chosen else list(kind.routes)


class RetentionSettings(StrictModel):
    """How long records are kept before their content is erased (the entry stays, emptied),
    keyed by report kind id (unset: the kinds registry's retention, else kept until someone
    sets a period), plus practice and unfinished drafts. A legal hold stops erasure."""

    model_config = ConfigDict(extra="allow", frozen=True)
    __pydantic_extra__: dict[str, Duration] = Field(init=False)
    practice: Duration = timedelta(days=30)
    unfinished_drafts: Duration = timedelta(days=30)
    """Reports started but never submitted (they still hold typed answers)."""

    def period_for(self, kind: ReportKind, practice: bool) -> timedelta | None:
        if practice:
            return self.practice
        chosen = (self.model_extra or {}).get(kind.id)
        return chosen if chosen is not None else kind.retention


class PrivacySettings(StrictModel):
    reporters_see_content: bool = False
    """May reporters reopen what they wrote after submitting? Off by default."""


class FlowSettings(StrictModel):
    """Where the organisation's own flow files live (they override the built-in ones by id)."""

    directory: str | None = None


class OrgConfig(StrictModel):
    organisation: OrganisationSettings
    people: list[Person] = Field(min_length=1)
    slack: SlackSettings = SlackSettings()
    teams: TeamsSettings = TeamsSettings()
    escalation: EscalationSettings = EscalationSettings()
    routing: RoutingSettings = RoutingSettings()
    flows: FlowSettings = FlowSettings()
    privacy: PrivacySettings = PrivacySettings()
    retention: RetentionSettings = RetentionSettings()
    cases: CaseSettings = CaseSettings()
    annual_report: AnnualReportSettings = AnnualReportSettings()
    wellbeing: WellbeingSettings = WellbeingSettings()
    quick_alerts: QuickAlertSettings = QuickAlertSettings()
    absences: list[Absence] = Field(default_factory=list)
    working_hours: WorkingHoursSettings | None = None
    """None: the working day from [cases] (bot.working_time.settings.effective)."""

    @model_validator(mode="after")
    def _working_hours_agree(self) -> "OrgConfig":
        effective(self.working_hours, self.cases)
        return self

    @model_validator(mode="after")
    def _consistent(self) -> "OrgConfig":
        ids = [person.id for person in self.people]
        duplicates = sorted({pid for pid in ids if ids.count(pid) > 1})
        if duplicates:
            raise ValueError(f"people: the id '{duplicates[0]}' is used more than once")
        for index, person in enumerate(self.people):
            if person.manager is not None and person.manager not in ids:
                raise ValueError(
                    f"people[{index}].manager: '{person.manager}' is not the id of anyone in people"
                )
        for field in ("slack_user", "teams_user"):
            values = [getattr(p, field) for p in self.people if getattr(p, field)]
            repeated = sorted({v for v in values if values.count(v) > 1})
            if repeated:
                raise ValueError(f"people: {field} '{repeated[0]}' belongs to more than one person")
        if not self.holders(Role.SAFEGUARDING_LEAD):
            raise ValueError("people: nobody has the role safeguarding_lead")
        for index, absence in enumerate(self.absences):
            if absence.person not in ids:
                raise ValueError(f"absences[{index}].person: '{absence.person}' is not in people")
        self._check_policies(ids)
        if not self.holders(self.escalation.fallback_role):
            raise ValueError(
                f"escalation.fallback_role: nobody in people has the role "
                f"'{self.escalation.fallback_role.value}'"
            )
        return self

    def _check_policies(self, ids: list[str]) -> None:
        """Every step must be able to reach someone: a policy may never end with nobody."""
        roles = {role.value for role in Role}
        for key, policy in self.escalation.policies.items():
            for number, step in enumerate(policy.steps):
                where = f"escalation.policies.{key}.steps[{number}].notify"
                for name in step.notify:
                    if name not in roles and name not in ids:
                        raise ValueError(f"{where}: '{name}' is neither a role nor a person id")
                if not self.people_named(step.notify):
                    raise ValueError(f"{where}: nobody in people holds {step.notify}")
        last = self.escalation.last_resort
        if last is not None:
            for name in last:
                if name not in roles and name not in ids:
                    raise ValueError(f"escalation.last_resort: '{name}' is neither a role nor "
                                     "a person id")
            if not self.people_named(last):
                raise ValueError(f"escalation.last_resort: nobody in people holds {last}")

    def people_named(self, names: list[str]) -> list["Person"]:
        """The people a list of role names and person ids refers to, in config order."""
        return [p for p in self.people if p.id in names or any(r.value in names for r in p.roles)]

    def person(self, person_id: str) -> Person | None:
        return next((p for p in self.people if p.id == person_id), None)

    def holders(self, role: Role) -> list[Person]:
        return [p for p in self.people if role in p.roles]

    def by_platform_user(self, platform: str, user_id: str) -> Person | None:
        field = {"slack": "slack_user", "teams": "teams_user"}.get(platform)
        if platform == "console":
            return self.person(user_id)
        if field is None:
            return None
        return next((p for p in self.people if getattr(p, field) == user_id), None)


def _location(loc: tuple[object, ...], data: dict) -> str:
    """Turn pydantic's location into `people[2].roles[0]`, naming a person by id where possible."""
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def _describe(error: ValidationError, data: dict) -> str:
    first = error.errors()[0]
    where = _location(first["loc"], data)
    message = first["msg"].removeprefix("Value error, ")
    if first["type"] == "missing":
        message = "is required but missing"
    elif first["type"] == "extra_forbidden":
        message = "is not a known setting (check the spelling)"
    elif first["type"] == "enum":
        allowed = first.get("ctx", {}).get("expected", "")
        message = f"'{first.get('input')}' is not allowed; expected {allowed}"
    more = len(error.errors()) - 1
    suffix = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return f"{where}: {message}{suffix}" if where else f"{message}{suffix}"


def kind_key_problem(config: OrgConfig, kinds: KindRegistry) -> str | None:
    """A key of [routing], [retention] or [escalation.policies] that names no kind of report
    in the registry (the kinds are known only once the flows are loaded), or None."""
    for section in ("routing", "retention"):
        for key in getattr(config, section).model_extra or {}:
            if key not in kinds:
                return (f"{section}.{key}: not a known setting or kind of report "
                        f"({kinds.naming()})")
    allowed = {*kinds.ids, *URGENCY_POLICY_KEYS}
    for key in config.escalation.policies:
        if key not in allowed:
            return (f"escalation.policies.{key}: not a report kind or urgency "
                    f"({', '.join(sorted(allowed))})")
    return None


def check_kind_keys(config: OrgConfig, kinds: KindRegistry, source: str = "config") -> None:
    problem = kind_key_problem(config, kinds)
    if problem is not None:
        raise ConfigError(f"{source}: {problem}")


def parse_config(text: str, source: str = "config", kinds: KindRegistry | None = None
                 ) -> OrgConfig:
    """Validate a config's text; its kind keys against `kinds` (default: the built-in ones)."""
    config = _parse(text, source)
    check_kind_keys(config, kinds if kinds is not None else load_kinds(), source)
    return config


def _parse(text: str, source: str) -> OrgConfig:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(f"{source}: not valid TOML: {error}") from None
    try:
        return OrgConfig.model_validate(data)
    except ValidationError as error:
        raise ConfigError(f"{source}: {_describe(error, data)}") from None


def read_config(path: str | Path) -> OrgConfig:
    """Read and validate a config file, all but its kind keys (check_kind_keys, once the
    flows say which kinds there are); every failure is a ConfigError with one line."""
    file = Path(path)
    try:
        text = file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{file}: no such config file") from None
    except (OSError, UnicodeDecodeError) as error:
        raise ConfigError(f"{file}: cannot be read ({error})") from None
    return _parse(text, str(file))


def load_config(path: str | Path, kinds: KindRegistry | None = None) -> OrgConfig:
    """Read and validate a config file, its kind keys against `kinds` (default: built-in)."""
    config = read_config(path)
    check_kind_keys(config, kinds if kinds is not None else load_kinds(), str(path))
    return config
