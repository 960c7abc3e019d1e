"""Who is acting: a person from the config, or an unknown platform user."""

from dataclasses import dataclass

from bot.config import OrgConfig, Person


@dataclass(frozen=True)
class Actor:
    platform: str
    user_id: str
    person: Person | None

    @property
    def person_id(self) -> str | None:
        return self.person.id if self.person else None

    @property
    def initials(self) -> str:
        return self.person.initials if self.person else "unknown user"


def resolve_actor(config: OrgConfig, platform: str, user_id: str) -> Actor:
    return Actor(platform, user_id, config.by_platform_user(platform, user_id))
