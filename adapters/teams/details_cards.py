"""A report's full details as a private card (an invoke response to the one person who
pressed View details; never posted), and the reporter line shared with the case card."""

import re

from adapters.teams.card_kit import Element, card, execute, facts, heading, labelled, words
from adapters.teams.followup_cards import incomplete_panel
from bot.quick.wording import LEAD_INCOMPLETE
from bot.ui import ReportDetails, ReporterInfo

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


def details_card(d: ReportDetails, top: list[Element]) -> Element:
    practice = " (practice)" if d.practice else ""
    pairs = [("Reference", d.reference), ("Kind", d.kind_label + practice),
             ("State", d.state), ("Urgency", d.urgency.replace("_", " ")),
             ("Recorded", d.recorded_at)]
    if d.occurred_at:
        pairs.append(("Happened", d.occurred_at))
    if d.acknowledged:
        pairs.append(("Acknowledged", d.acknowledged))
    reporter, entities = reporter_elements(d.reporter) if d.reporter else ([], [])
    body: list[Element] = [
        *top,
        heading("Private: only you can see this", colour="attention"),
        words("This view has been recorded. Do not copy it into chats or channels.",
              subtle=True),
        *([incomplete_panel(LEAD_INCOMPLETE)] if d.incomplete else []),
        facts(pairs),
        *reporter,
        *[labelled(item.label, item.value) for item in d.items],
    ]
    data = {"reference": d.reference}
    return with_mentions(card(body, [execute("Open case", "case.open", data, style="positive"),
                                     execute("Hide details", "alert.hide", data)]), entities)
