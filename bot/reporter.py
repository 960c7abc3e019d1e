"""Who filed a report, in words, and how to reach them: for the private views that show the
report itself (details, case, chronology, exports) to people allowed to see it. Never put
this in an alert, a DM, a receipt or a log line."""

from bot.config import OrgConfig, Person
from bot.ui import ReporterInfo
from storage.models import Report

PLATFORM_LABELS = {"slack": "Slack", "teams": "Microsoft Teams", "console": "the console"}
CONTACT_KINDS = {"slack": "Slack user", "teams": "Teams user", "console": "console id"}
REPORTED_BY = "Reported by"
CONTACT = "Contact"
GUEST = "guest"
GUEST_TEXT = "a guest (not in the config)"
UNLISTED = "someone no longer listed"
UNKNOWN_ROLE = "role unknown"


def platform_label(platform: str) -> str:
    return PLATFORM_LABELS.get(platform, platform)


def contact_text(platform: str, user_id: str) -> str:
    """E.g. "Slack user U0JO": their id on the platform, said plainly."""
    return f"{CONTACT_KINDS.get(platform, f'{platform} user')} {user_id}"


def _ids(report: Report, person: Person | None) -> tuple[tuple[str, str], ...]:
    found = [(report.reporter_platform, report.reporter_user_id)]
    if person is not None:
        found += [(platform, user) for platform, user in (
            ("slack", person.slack_user), ("teams", person.teams_user), ("console", person.id))
            if user and platform != report.reporter_platform]
    return tuple(found)


def line(info: ReporterInfo) -> str:
    """The whole line in plain words, e.g. "Reported by: JF (staff), on Slack · Contact: Slack
    user U0JO" (exports, and any view that cannot mention them)."""
    return f"{info.label}: {info.text} · {info.contact_label}: {info.contact}"


def reporter_info(config: OrgConfig, report: Report) -> ReporterInfo:
    """Initials and role (or "guest"), the platform it came from and how to reach them."""
    platform, user_id = report.reporter_platform, report.reporter_user_id
    person = config.person(report.reporter_person_id) if report.reporter_person_id else None
    guest = report.reporter_person_id is None
    if person is not None:
        initials = person.initials
        role = ", ".join(role.label for role in person.roles)
        who = f"{initials} ({role})"
    elif guest:
        initials, role, who = GUEST, GUEST, GUEST_TEXT
    else:
        initials, role, who = UNLISTED, UNKNOWN_ROLE, UNLISTED
    return ReporterInfo(
        initials=initials, role=role, platform=platform, user_id=user_id, guest=guest,
        text=f"{who}, on {platform_label(platform)}", contact=contact_text(platform, user_id),
        label=REPORTED_BY, contact_label=CONTACT, ids=_ids(report, person))
