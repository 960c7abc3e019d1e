"""The reporter line on the private case card: who filed it, and a Teams mention of them."""

import re

from adapters.teams.card_kit import Element, labelled, words
from bot.ui import ReporterInfo

TEAMS_USER = re.compile(r"^(29:[\w\-.:]{1,200}|8:orgid:[0-9a-fA-F-]{36}|[0-9a-fA-F-]{36})$")
"""A Teams user id (29:…) or an Entra object id: what a card mention can name."""


def reporter_elements(reporter: ReporterInfo) -> tuple[list[Element], list[Element]]:
    """Who filed it, then a mention of them (a click opens their profile, to chat with them)
    when they have a Teams id, else their id elsewhere; and the card's mention entities."""
    shown = [labelled(reporter.label, reporter.text)]
    user = reporter.id_on("teams")
    if not user or not TEAMS_USER.match(user):
        return [*shown, labelled(reporter.contact_label, reporter.contact)], []
    tag = f"<at>{reporter.initials}</at>"
    entity = {"type": "mention", "text": tag,
              "mentioned": {"id": user, "name": reporter.initials}}
    return [*shown, words(f"**{reporter.contact_label}:** {tag}")], [entity]


def with_mentions(content: Element, entities: list[Element]) -> Element:
    """Add Teams mention entities to a card (msteams.entities), if any."""
    if entities:
        content["msteams"] = {**content.get("msteams", {}), "entities": entities}
    return content
