"""The organisation config: the documented minimum works; mistakes get one clear line."""

from datetime import timedelta
from pathlib import Path

import pytest

from bot.config import ConfigError, load_config, parse_config
from bot.domain import Role
from bot.durations import parse_duration
from bot.kinds import load_kinds
from tests.conftest import EXAMPLE_CONFIG
from tests.kinds import ReportKind

MINIMAL = """
[organisation]
name = "Example Arts Charity"
timezone = "Europe/London"

[[people]]
id = "lead"
name = "Safeguarding Officer"
roles = ["safeguarding_lead"]
slack_user = "U0LEAD"
teams_user = "29:lead"

[[people]]
id = "ceo"
name = "Chief Executive"
roles = ["ceo"]
slack_user = "U0CEO"

[slack]
alert_channel = "C0ALERTS"

[teams]
alert_conversation = "19:alerts@thread.tacv2"

[escalation]
acknowledge_within = "30m"
fallback_role = "ceo"
"""


def test_the_documented_minimal_config_is_valid_with_default_routing() -> None:
    config = parse_config(MINIMAL)
    assert config.escalation.acknowledge_within == timedelta(minutes=30)
    concern = load_kinds()[ReportKind.SAFEGUARDING_CONCERN]
    assert config.routing.roles_for(concern)[0] == Role.SAFEGUARDING_LEAD
    assert config.by_platform_user("slack", "U0CEO").id == "ceo"  # type: ignore[union-attr]
    assert config.people[0].initials == "SO"


def test_the_shipped_example_has_every_role() -> None:
    config = load_config(EXAMPLE_CONFIG)
    roles = {role for person in config.people for role in person.roles}
    assert roles == set(Role)
    assert len(config.holders(Role.STAFF)) == 2


@pytest.mark.parametrize(("change", "message"), [
    (("roles = [\"safeguarding_lead\"]", "roles = [\"leader\"]"),
     "people[0].roles[0]: 'leader' is not allowed"),
    (("timezone = \"Europe/London\"", "timezone = \"Mars/Olympus\""),
     "organisation.timezone: 'Mars/Olympus' is not a known time zone"),
    (("acknowledge_within = \"30m\"", "acknowledge_within = \"soon\""),
     "escalation.acknowledge_within: 'soon' is not a duration"),
    (("fallback_role = \"ceo\"", "fallback_role = \"manager\""),
     "escalation.fallback_role: nobody in people has the role 'manager'"),
    (("id = \"ceo\"", "id = \"lead\""), "people: the id 'lead' is used more than once"),
    (("[slack]", "[slack]\nalert_chanel = \"C1\""), "slack.alert_chanel: is not a known setting"),
    (("name = \"Example Arts Charity\"\n", ""), "organisation.name: is required but missing"),
])
def test_mistakes_are_named_by_key_on_one_line(change: tuple[str, str], message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        parse_config(MINIMAL.replace(*change, 1), "org.toml")
    text = str(caught.value)
    assert text.startswith("org.toml: ") and message in text
    assert "\n" not in text


def test_broken_toml_and_missing_files_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not valid TOML"):
        parse_config("[organisation\nname=")
    with pytest.raises(ConfigError, match="no such config file"):
        load_config(tmp_path / "missing.toml")


@pytest.mark.parametrize(("text", "expected"), [
    ("90s", timedelta(seconds=90)), ("15m", timedelta(minutes=15)),
    ("2h", timedelta(hours=2)), ("1h30m", timedelta(minutes=90)), ("1d", timedelta(days=1)),
])
def test_durations(text: str, expected: timedelta) -> None:
    assert parse_duration(text) == expected


@pytest.mark.parametrize("text", ["", "m", "10", "5x", "0m", "-5m", "1h 30"])
def test_bad_durations_are_refused(text: str) -> None:
    with pytest.raises(ValueError):
        parse_duration(text)


def test_the_minimal_config_keeps_its_meaning_with_the_new_keys_unset() -> None:
    config = parse_config(MINIMAL)
    assert config.organisation.safeguarding_phone is None
    assert config.escalation.last_resort is None


@pytest.mark.parametrize("number", ["020 7946 0000", "+44 20 7946 0000", "0800 1111",
                                    "+353 1 234 5678"])
def test_a_safeguarding_phone_number_is_accepted(number: str) -> None:
    text = MINIMAL.replace('timezone = "Europe/London"',
                           f'timezone = "Europe/London"\nsafeguarding_phone = "{number}"', 1)
    assert parse_config(text).organisation.safeguarding_phone == number


@pytest.mark.parametrize("number", ["123", "call Sam", "999", ""])
def test_a_number_nobody_can_dial_is_refused_on_one_line(number: str) -> None:
    text = MINIMAL.replace('timezone = "Europe/London"',
                           f'timezone = "Europe/London"\nsafeguarding_phone = "{number}"', 1)
    with pytest.raises(ConfigError, match=r"organisation.safeguarding_phone: '.*' is not a "
                                          "phone number") as caught:
        parse_config(text, "org.toml")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(("last_resort", "message"), [
    ('["treasurer"]', "escalation.last_resort: 'treasurer' is neither a role nor a person id"),
    ('["data_protection_lead"]', "escalation.last_resort: nobody in people holds"),
    ("[]", "escalation.last_resort: .*at least 1 item"),
])
def test_a_last_resort_that_could_reach_nobody_is_refused(last_resort: str, message: str
                                                          ) -> None:
    text = MINIMAL.replace('fallback_role = "ceo"',
                           f'fallback_role = "ceo"\nlast_resort = {last_resort}', 1)
    with pytest.raises(ConfigError, match=message):
        parse_config(text)


def test_a_last_resort_names_roles_or_people() -> None:
    text = MINIMAL.replace('fallback_role = "ceo"',
                           'fallback_role = "ceo"\nlast_resort = ["lead", "ceo"]', 1)
    assert parse_config(text).escalation.last_resort == ["lead", "ceo"]


def test_role_labels_read_well_in_a_sentence() -> None:
    assert Role.CEO.label == "CEO"
    assert Role.DEPUTY_SAFEGUARDING_LEAD.label == "deputy safeguarding lead"
    assert all("_" not in role.label for role in Role)


@pytest.mark.parametrize("value", ["0", "21", '"three"'])
def test_the_annual_reports_small_number_threshold_is_checked(value: str) -> None:
    with pytest.raises(ConfigError, match=r"annual_report\.suppress_below"):
        parse_config(f"{MINIMAL}\n[annual_report]\nsuppress_below = {value}\n")


def test_the_annual_report_hides_counts_below_3_unless_told_otherwise() -> None:
    assert parse_config(MINIMAL).annual_report.suppress_below == 3
    text = f"{MINIMAL}\n[annual_report]\nsuppress_below = 1\n"
    assert parse_config(text).annual_report.suppress_below == 1
