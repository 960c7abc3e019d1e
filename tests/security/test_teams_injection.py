"""Typed text in Adaptive Cards never becomes markdown, links or new elements."""

from typing import Any

from tests.adapters.teams.driver import Card, Filler, inputs
from tests.adapters.teams.harness import ALERTS, Teams
from tests.adapters.teams.test_journey import LEAD, channel_alert, file_report, install
from tests.kinds import ReportKind
from tests.security.injection import CARD_TRICKS, card_problems, tricky


class TrickyFiller(Filler):
    """Valid answers, but every free-text one is full of card and markdown tricks."""

    def answer(self, step: str, field: str, card: Card) -> dict[str, Any]:
        values = super().answer(step, field, card)
        for element in inputs(card):
            if element["type"] == "Input.Text" and field != "initials":
                marker = f"plant{step.replace('_', '')}"
                self.planted.append(marker)
                values[element["id"]] = tricky(marker, CARD_TRICKS)
        return values


async def test_typed_text_stays_plain_in_every_card(teams: Teams) -> None:
    await install(teams)
    filler = TrickyFiller()
    await file_report(teams, ReportKind.SAFEGUARDING_CONCERN, filler)
    await teams.deliver()
    _, alert_id = channel_alert(teams)
    reference = "SG-2026-0001"
    details = await teams.press(LEAD, "alert.view", {"reference": reference}, alert_id,
                                teams.channel(ALERTS, alert_id))
    shown = str(details)
    assert any(marker in shown for marker in filler.planted), "the lead sees the answers"

    cards: dict[str, Any] = {f"response #{n}": r for n, r in enumerate(teams.responses)}
    for n, record in enumerate(teams.connector.records):
        cards[f"{record.method} to {record.conversation_id} #{n}"] = record.body
    problems = [p for name, card in cards.items()
                for p in card_problems(name, card, filler.planted)]
    assert not problems, "\n".join(sorted(set(problems)))
