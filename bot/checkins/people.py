"""Who is who for check-ins: managers, the wellbeing role, time zones, and who may do what.

Safeguarding roles give no access here: only the person, whoever arranged a check-in, the
people who watch its outcome, and the wellbeing role (for arranging and managing) count.
Someone outside the config is a guest (bot.checkins.guests): resolved here, in one place.
"""

from zoneinfo import ZoneInfo

from sqlalchemy.ext.asyncio import AsyncSession

from bot.access import kept_from_reporter
from bot.actors import Actor, resolve_actor
from bot.checkins.guests import GuestPerson, guest_by_id, guest_for, reachable
from bot.config import OrgConfig, Person
from storage.repositories import reports
from storage.wellbeing_models import Checkin

NOBODY: frozenset[str] = frozenset()


def person_of(actor: Actor) -> Person | None:
    """Who the actor is for check-ins: their config entry, else the guest they are."""
    if actor.person is not None:
        return actor.person
    return guest_for(actor.platform, actor.user_id)


def platform_person(config: OrgConfig, platform: str, user_id: str) -> Person | None:
    """Whoever a platform user is for check-ins (e.g. someone picked in a form)."""
    return person_of(resolve_actor(config, platform, user_id))


def person_by_id(config: OrgConfig, person_id: str) -> Person | None:
    """A person from the config, or a guest, by the id check-ins store."""
    return config.person(person_id) or guest_by_id(person_id)


def zone_for(config: OrgConfig, person: Person | None) -> ZoneInfo:
    """The person's own time zone if the config gives one, else the organisation's."""
    name = config.wellbeing.timezones.get(person.id) if person else None
    return ZoneInfo(name) if name else config.organisation.zone


def wellbeing_holders(config: OrgConfig) -> list[Person]:
    return config.holders(config.wellbeing.role)


async def kept_from(session: AsyncSession, person: Person) -> frozenset[str]:
    """Who must hear nothing of this person's check-ins: the subject of any open report they
    made (bot.access.kept_from_reporter), e.g. the manager a concern is about."""
    if isinstance(person, GuestPerson):
        found = await reachable(session, person)
        if found is None:
            return NOBODY
        made = await reports.open_reports_by(session, platform=found[0], user_id=found[1])
    else:
        made = await reports.open_reports_by(session, person_id=person.id)
    return kept_from_reporter(made)


def contacts_for(config: OrgConfig, person: Person, kept: frozenset[str] = NOBODY
                 ) -> list[Person]:
    """Who hears about this person's check-ins: their manager, else the wellbeing role;
    never anyone `kept` from them (see kept_from)."""
    manager = config.person(person.manager) if person.manager else None
    if manager is not None and manager.id != person.id and manager.id not in kept:
        return [manager]
    return [p for p in wellbeing_holders(config) if p.id != person.id and p.id not in kept]


def watchers_for(config: OrgConfig, scheduler: Person, person: Person,
                 kept: frozenset[str] = NOBODY) -> list[str]:
    """Who sees the outcome: whoever arranged it; for one's own, the manager (or role)."""
    if scheduler.id != person.id:
        return [scheduler.id]
    return [p.id for p in contacts_for(config, person, kept)]


def holds_wellbeing_role(config: OrgConfig, person: Person | None) -> bool:
    return person is not None and config.wellbeing.role in person.roles


def may_schedule(config: OrgConfig, actor: Person | None, person: Person) -> bool:
    """Anyone for themselves; for someone else, only their manager or the wellbeing role."""
    if actor is None:
        return False
    return (actor.id == person.id or (person.manager is not None and person.manager == actor.id)
            or holds_wellbeing_role(config, actor))


def may_manage(config: OrgConfig, actor: Person | None, checkin: Checkin) -> bool:
    """Move or cancel: whoever arranged it, its watchers, or the wellbeing role."""
    if actor is None:
        return False
    if actor.id in (checkin.scheduled_by, *checkin.watchers):
        return True
    return holds_wellbeing_role(config, actor) and actor.id != checkin.person_id


def may_see_outcome(actor: Person | None, checkin: Checkin) -> bool:
    """The summary (flags, and a note only if shared): its watchers and whoever arranged it."""
    if actor is None or actor.id == checkin.person_id:
        return False
    return actor.id in (checkin.scheduled_by, *checkin.watchers)


def find_person(config: OrgConfig, text: str) -> Person | None:
    """A person by id, full name, or a first name that only one person has; or a guest by id."""
    wanted = text.strip().lstrip("@").lower()
    if not wanted:
        return None
    for person in config.people:
        if wanted in (person.id.lower(), person.name.lower()):
            return person
    first = [p for p in config.people if p.name.split()[0].lower() == wanted]
    return first[0] if len(first) == 1 else guest_by_id(wanted)


def label(person: Person | None, fallback: str = "someone") -> str:
    """How messages name a person: initials, as everywhere else."""
    return person.initials if person else fallback
