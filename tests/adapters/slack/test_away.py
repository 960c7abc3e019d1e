"""/away and /back as Slack slash commands: an ephemeral answer, new reports skip whoever is
away, /back ends it, and a date that cannot be read says so and records nothing."""

from typing import Any

from adapters.slack import ids
from bot.clock import ManualClock
from storage.repositories import absences, audit
from tests.adapters.slack.conftest import SlackApp
from tests.adapters.slack.driver import TEAM
from tests.adapters.slack.journey import report


async def command(slack: SlackApp, user: str, name: str, text: str = "") -> dict[str, Any]:
    """A slash command; returns Slack's view of the answer (text, response_type)."""
    form = {"token": "verification_token", "team_id": TEAM, "team_domain": "example",
            "channel_id": "C0GENERAL", "channel_name": "general", "user_id": user,
            "user_name": user.lower(), "command": name, "text": text, "api_app_id": "A111",
            "response_url": "https://hooks.slack.com/commands/T111/1/x",
            "trigger_id": slack.driver.trigger()}
    reply = await slack.driver.post_form(form)
    assert reply.status == 200, reply.text
    return reply.json if reply.text.startswith("{") else {"text": reply.text}


def alerted(slack: SlackApp, since: int) -> set[str]:
    """Who got a direct-message alert among the calls since `since`."""
    return {str(c.args["channel"]) for c in slack.fake.calls[since:]
            if c.method == "chat.postMessage" and str(c.args["channel"]).startswith("U")
            and "please acknowledge" in str(c.args.get("text"))}


async def away_now(slack: SlackApp) -> set[str]:
    async with slack.runtime.database.sessions() as session:
        return await absences.away_at(session, slack.runtime.clock.now())


async def test_away_skips_the_lead_and_back_ends_it(slack: SlackApp, clock: ManualClock
                                                    ) -> None:
    answer = await command(slack, "U0LEAD", ids.AWAY_COMMAND, "3d")
    assert answer.get("response_type", "ephemeral") == "ephemeral"
    assert "You are marked away until Tue 17 Mar 2026, 10:00" in answer["text"]
    assert await away_now(slack) == {"lead"}

    before = len(slack.fake.calls)
    await report(slack, clock, "U0ALEX", "safeguarding", [])
    await slack.deliver()
    assert alerted(slack, before) == {"U0DEPUTY"}, "the lead is away: the deputy is alerted"

    back = await command(slack, "U0LEAD", ids.BACK_COMMAND)
    assert back.get("response_type", "ephemeral") == "ephemeral"
    assert "Welcome back" in back["text"]
    assert await away_now(slack) == set()
    before = len(slack.fake.calls)
    await report(slack, clock, "U0JO", "safeguarding", [])
    await slack.deliver()
    assert alerted(slack, before) == {"U0LEAD", "U0DEPUTY"}
    again = await command(slack, "U0LEAD", ids.BACK_COMMAND)
    assert "You were not marked away" in again["text"]


async def test_away_until_a_date_and_time(slack: SlackApp, clock: ManualClock) -> None:
    answer = await command(slack, "U0DEPUTY", ids.AWAY_COMMAND, "until 2026-03-20 09:30")
    assert "until Fri 20 Mar 2026, 09:30" in answer["text"]
    async with slack.runtime.database.sessions() as session:
        assert [e.actor_user_id for e in await audit.by_action(session, "away_set")] == [
            "U0DEPUTY"]


async def test_a_bad_date_is_a_clear_private_error(slack: SlackApp, clock: ManualClock) -> None:
    for text in ("until someday", "whenever", "until 2026-03-01"):
        answer = await command(slack, "U0LEAD", ids.AWAY_COMMAND, text)
        assert answer.get("response_type", "ephemeral") == "ephemeral"
        assert "/away until 2026-12-24" in answer["text"], answer["text"]
        assert "marked away" not in answer["text"]
    past = await command(slack, "U0LEAD", ids.AWAY_COMMAND, "until 2026-03-01")
    assert "already passed" in past["text"]
    help_text = await command(slack, "U0LEAD", ids.AWAY_COMMAND)
    assert "/back ends it" in help_text["text"]
    stranger = await command(slack, "U0STRANGER", ids.AWAY_COMMAND, "3d")
    assert "Only people in the organisation's config" in stranger["text"]
    assert await away_now(slack) == set()
    assert not [c for c in slack.fake.calls if c.method.startswith("chat.")]
