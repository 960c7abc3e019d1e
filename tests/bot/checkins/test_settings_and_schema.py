"""The [wellbeing] config section, and the migration that makes the check-in tables."""

from datetime import timedelta

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy.engine import Connection

from bot.config import ConfigError, OrgConfig, parse_config
from bot.domain import Role
from storage.engine import Database
from storage.models import Base
from storage.wellbeing_models import Checkin, CheckinGuest, CheckinOffer

BASE = """
[organisation]
name = "Test"
[[people]]
id = "lead"
name = "Sam Lead"
roles = ["safeguarding_lead", "ceo"]
"""
OURS = {Checkin.__tablename__, CheckinOffer.__tablename__, CheckinGuest.__tablename__}


def test_the_example_config_names_a_wellbeing_lead_and_signposting(
    example_config: OrgConfig,
) -> None:
    wellbeing = example_config.wellbeing
    assert [p.id for p in example_config.holders(Role.WELLBEING_LEAD)] == ["dpl"]
    assert wellbeing.follow_ups == [timedelta(hours=4), timedelta(days=3), timedelta(days=30)]
    assert any("Samaritans" in line for line in wellbeing.signposting)
    assert wellbeing.retention == timedelta(days=180)
    assert wellbeing.unknown_people({p.id for p in example_config.people}) == []


def test_a_config_without_the_section_gets_kind_defaults() -> None:
    wellbeing = parse_config(BASE).wellbeing
    assert wellbeing.role == Role.WELLBEING_LEAD and wellbeing.remind
    assert wellbeing.reminder_after < wellbeing.no_response_after
    assert wellbeing.low_score == 2 and wellbeing.signposting


@pytest.mark.parametrize(("section", "problem"), [
    ('timezones = { lead = "Mars/Olympus" }', "'Mars/Olympus' is not a known time zone"),
    ('earliest = "18:00"\nlatest = "09:00"', "earliest must be before latest"),
    ('reminder_after = "3d"\nno_response_after = "2d"', "no_response_after must be longer"),
    ("low_score = 5", "low_score"),
    ('follow_ups = ["soon"]', "not a duration"),
    ("signposting = [\"\"]", "1 to 300 characters"),
    ("remnid = true", "not a known setting"),
])
def test_bad_wellbeing_settings_are_refused_with_a_readable_line(section: str,
                                                                  problem: str) -> None:
    with pytest.raises(ConfigError, match="wellbeing") as error:
        parse_config(BASE + "[wellbeing]\n" + section + "\n")
    assert problem in str(error.value)


def test_time_zones_for_people_not_in_the_config_are_found() -> None:
    config = parse_config(BASE + '[wellbeing]\ntimezones = { ghost = "Europe/Dublin" }\n')
    assert config.wellbeing.unknown_people({p.id for p in config.people}) == ["ghost"]


def _differences(connection: Connection) -> list[object]:
    context = MigrationContext.configure(connection, opts={"compare_type": True})
    return [d for d in compare_metadata(context, Base.metadata) if OURS & _names(d)]


def _names(difference: object) -> set[str]:
    """Every table name a difference mentions (as text, a table, or a column's table)."""
    names: set[str] = set()
    stack = [difference]
    while stack:
        item = stack.pop()
        if isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, str):
            names.add(item)
        else:
            table = getattr(item, "table", item)
            names.add(str(getattr(table, "name", "")))
    return names


async def test_the_migration_makes_exactly_the_tables_the_models_describe(
    database: Database,
) -> None:
    async with database.engine.connect() as connection:
        differences = await connection.run_sync(_differences)
    assert differences == []
