"""The console loop: one line in, the replies and everyone's notifications out."""

import asyncio
import logging
import os
import re
from collections.abc import Awaitable, Callable, Mapping
from typing import TextIO

from adapters.console import case_commands, checkin_commands, followup_commands
from adapters.console.commands import (
    HELP,
    Command,
    UsageError,
    parse_command,
    parse_flow_input,
    parse_report_args,
)
from adapters.console.forms import form_text, next_line, one_line_form
from adapters.console.render import render, render_lines, text_cards
from adapters.console.transport import ConsoleTransport
from bot import console_clock, details, reporting, retention
from bot.access import Action
from bot.actors import Actor, resolve_actor
from bot.alert_cards import ACKNOWLEDGE, VIEW_DETAILS
from bot.checkins import away
from bot.clock import OffsetClock
from bot.config import Person
from bot.delivery import deliver_due
from bot.domain import Role
from bot.durations import format_duration, parse_duration
from bot.flow.answers import format_local
from bot.refusals import no_such_report
from bot.runtime import Runtime
from bot.ui import Reply
from bot.ui.actions import Outcome, Request, perform
from bot.ui.cards import Card
from bot.ui.forms import Form
from bot.ui.registry import all_interactions
from bot.workers import default_handlers, run_due_timers

log = logging.getLogger(__name__)
CommandHandler = Callable[[tuple[str, ...]], Awaitable[None]]
FeatureCommands = Callable[["ConsoleSession"], dict[str, CommandHandler]]
FEATURE_COMMANDS: tuple[FeatureCommands, ...] = (case_commands.commands,
                                                 checkin_commands.commands,
                                                 followup_commands.commands)
"""Feature modules' command tables, e.g. adapters/console/case_commands.py::commands."""
FeatureInput = Callable[["ConsoleSession", str], Awaitable[bool]]
FEATURE_INPUTS: tuple[FeatureInput, ...] = (checkin_commands.answer_line,)
"""Features that take typed lines when no report is in progress (True: the line was theirs)."""
AWAITED_INPUTS: tuple[FeatureInput, ...] = (followup_commands.answer_line,  # the next line
                                             checkin_commands.confirm_line)
MAX_PUMP_ROUNDS = 50


class ConsoleSession:
    """Everything typed at one console, acting as one person at a time."""

    def __init__(self, runtime: Runtime, clock: OffsetClock, write: Callable[[str], None]
                 ) -> None:
        self.runtime = runtime
        self.clock = clock
        self.write = write
        self.transports = {"console": ConsoleTransport(runtime.config, write)}
        self.actor = resolve_actor(runtime.config, "console", _default_person(runtime).id)
        self.running = True
        self.pending_answer: Form | None = None  # its one input is the next line
        self.interactions = all_interactions()
        self.pending_checkin: checkin_commands.PendingCheckin | None = None  # to confirm

    @property
    def conversation(self) -> str:
        return f"console:{self.actor.user_id}"

    async def greet(self) -> None:
        org = self.runtime.config.organisation.name
        self.write(f"Safeguarding report bot · {org} · console")
        self.write(f"You are {self._who(self.actor)}. Type /help for commands.")
        await self._show_progress_if_any()

    async def handle(self, line: str) -> None:
        try:
            command = parse_command(line)
            if command is None:
                await self._flow_input(line)
            else:
                await self._command(command)
            await self.pump()
        except UsageError as error:
            self.write(f"x {error}")
        except Exception as error:  # never a traceback at the user; the log has the type
            log.error("console command failed: %s", type(error).__name__, exc_info=_debug())
            self.write("x Sorry, that could not be completed; nothing was changed. "
                       "Please try again.")

    async def pump(self) -> None:
        """Run due timers and deliver notifications until nothing more is due."""
        handlers = default_handlers()
        await retention.run_if_due(self.runtime)
        for _ in range(MAX_PUMP_ROUNDS):
            fired = await run_due_timers(self.runtime, handlers)
            sent = await deliver_due(self.runtime, self.transports)
            if not fired and not sent:
                return

    async def _flow_input(self, line: str) -> None:
        for awaited in AWAITED_INPUTS:
            if await awaited(self, line):
                return
        if await reporting.current(self.runtime, self.conversation, "console") is None:
            for feature in FEATURE_INPUTS:
                if await feature(self, line):
                    return
        given = parse_flow_input(line)
        if given == "cancel":
            replies = await reporting.cancel(self.runtime, self.actor, self.conversation)
        elif isinstance(given, str):
            return
        else:
            if await reporting.current(self.runtime, self.conversation, "console") is None:
                if line.strip():
                    self.write("Type /report to start a report, or /help for commands.")
                return
            replies = await reporting.respond(self.runtime, self.actor, self.conversation, given)
        self.show(replies)

    def commands(self) -> dict[str, CommandHandler]:
        """Every slash command: the core ones here, plus each feature's own module's."""
        handlers: dict[str, CommandHandler] = {
            "help": self._help, "as": self._as, "whoami": self._whoami, "people": self._people,
            "report": self._report, "cancel": self._cancel, "ack": self._ack,
            "view": self._view, "open": self._open, "mine": self._mine,
            "advance": self._advance, "away": self._away, "back": self._back,
            "hold": self._hold, "release": self._release,
            "quit": self._quit, "exit": self._quit,
        }
        for feature in FEATURE_COMMANDS:
            handlers.update(feature(self))
        return handlers

    async def _command(self, command: Command) -> None:
        handler = self.commands().get(command.name)
        self.pending_answer = None
        self.pending_checkin = None
        if handler is None:
            raise UsageError(f"/{command.name} is not a command. Type /help for the list.")
        await handler(command.args)

    async def _help(self, args: tuple[str, ...]) -> None:
        self.write(HELP)

    async def _as(self, args: tuple[str, ...]) -> None:
        if len(args) != 1 or self.runtime.config.person(args[0]) is None:
            ids = ", ".join(p.id for p in self.runtime.config.people)
            raise UsageError(f"Usage: /as ID, where ID is one of: {ids}")
        self.actor = resolve_actor(self.runtime.config, "console", args[0])
        self.write(f"You are now {self._who(self.actor)}.")
        await self._show_progress_if_any()

    async def _whoami(self, args: tuple[str, ...]) -> None:
        self.write(f"You are {self._who(self.actor)}.")

    async def _people(self, args: tuple[str, ...]) -> None:
        for person in self.runtime.config.people:
            roles = ", ".join(role.label for role in person.roles)
            self.write(f"  {person.id}: {person.name} ({roles})")

    async def _report(self, args: tuple[str, ...]) -> None:
        request = parse_report_args(args, self.runtime.kinds)
        replies = await reporting.start(self.runtime, self.actor, self.conversation,
                                        request.kind, request.practice, quick=request.quick)
        self.show(replies)

    async def _cancel(self, args: tuple[str, ...]) -> None:
        self.show(await reporting.cancel(self.runtime, self.actor, self.conversation))

    async def _ack(self, args: tuple[str, ...]) -> None:
        if len(args) != 1:
            raise UsageError("Usage: /ack REFERENCE, e.g. /ack SG-2026-0001")
        await self.perform(ACKNOWLEDGE, reference=args[0])

    async def _view(self, args: tuple[str, ...]) -> None:
        if len(args) != 1:
            raise UsageError("Usage: /view REFERENCE")
        await self.perform(VIEW_DETAILS, reference=args[0])

    async def perform(self, action: str, values: Mapping[str, object] | None = None,
                      **args: str) -> Outcome:
        """Do what a button (or a form) would, from a typed command; show what the core
        answered (a form to fill in: its one input is the next line typed)."""
        request = Request(self.actor, args, values or {}, typed=True)
        outcome = await perform(self.runtime, self.interactions, action, request)
        shown = ""
        if isinstance(outcome.show, Card) and not (outcome.refused and outcome.tell):
            shown = text_cards().text(outcome.show)  # a refusal is its one line
        elif isinstance(outcome.show, Form) and outcome.tell is None:
            shown = form_text(outcome.show, text_cards())
            self.pending_answer = one_line_form(outcome.show)
            if self.pending_answer is not None:
                shown += "\n" + next_line(self.pending_answer)
        if shown:
            self.write(shown)
        if outcome.tell and outcome.tell not in shown:
            self.write(("x " if outcome.tone == "error" else "") + outcome.tell)
        return outcome

    async def _open(self, args: tuple[str, ...]) -> None:
        lines = await details.open_reports(self.runtime, self.actor)
        if lines is None:
            raise UsageError("Only safeguarding leads (and the fallback role) see open reports.")
        self.write(render_lines(lines, self.clock.now()))

    async def _mine(self, args: tuple[str, ...]) -> None:
        lines = await details.my_reports(self.runtime, self.actor)
        self.write(render_lines(lines, self.clock.now()))

    async def _advance(self, args: tuple[str, ...]) -> None:
        try:
            by = parse_duration(" ".join(args))
        except ValueError as error:
            raise UsageError(f"Usage: /advance 45m ({error})") from None
        await console_clock.advance(self.runtime, self.clock, self.actor, by)
        now = format_local(self.clock.now(), self.runtime.config.organisation.zone)
        self.write(f"The clock moved forward {format_duration(by)}; it is now {now}.")

    async def _away(self, args: tuple[str, ...]) -> None:
        await self.perform(away.AWAY, text=" ".join(args))

    async def _back(self, args: tuple[str, ...]) -> None:
        await self.perform(away.BACK)

    async def _hold(self, args: tuple[str, ...]) -> None:
        await self._legal_hold(args, hold=True)

    async def _release(self, args: tuple[str, ...]) -> None:
        await self._legal_hold(args, hold=False)

    async def _legal_hold(self, args: tuple[str, ...], hold: bool) -> None:
        if len(args) != 1:
            raise UsageError(f"Usage: /{'hold' if hold else 'release'} REFERENCE")
        if not await retention.set_legal_hold(self.runtime, self.actor, args[0], hold):
            self.write("x " + no_such_report(args[0], Action.LEGAL_HOLD))
            return
        state = "is now on legal hold: retention will not erase it" if hold else (
            "is no longer on legal hold")
        self.write(f"{args[0].upper()} {state}.")

    async def _quit(self, args: tuple[str, ...]) -> None:
        self.running = False

    async def _show_progress_if_any(self) -> None:
        replies = await reporting.resume(self.runtime, self.actor, self.conversation)
        if replies:
            self.write("You have a report in progress; carrying on where you stopped.")
            self.show(replies)

    def show(self, replies: list[Reply]) -> None:
        for reply in replies:
            self.write(render(reply))

    def _who(self, actor: Actor) -> str:
        person = actor.person
        if person is None:
            return actor.user_id
        roles = ", ".join(role.label for role in person.roles)
        return f"{person.name} ({person.id}; {roles})"


def _default_person(runtime: Runtime) -> Person:
    staff = runtime.config.holders(Role.STAFF)
    return staff[0] if staff else runtime.config.people[0]


def _debug() -> bool:
    return os.environ.get("SAFEGUARD_DEBUG") == "1"


_TERMINAL_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def printable(text: str) -> str:
    """What may reach the terminal: no escape sequences or other control codes from input,
    and nothing that cannot be encoded."""
    cleaned = _TERMINAL_CONTROL.sub("?", text)
    return cleaned.encode("utf-8", "replace").decode("utf-8")


async def run_console(runtime: Runtime, clock: OffsetClock, stdin: TextIO, stdout: TextIO
                      ) -> None:
    def write(text: str) -> None:
        stdout.write(printable(text) + "\n")
        stdout.flush()

    await console_clock.resume(runtime, clock)  # never behind an earlier run's /advance
    session = ConsoleSession(runtime, clock, write)
    await session.greet()
    await session.pump()
    echo = not stdin.isatty()
    while session.running:
        if not echo:
            stdout.write("> ")
            stdout.flush()
        line = await asyncio.to_thread(stdin.readline)
        if not line:
            break
        if echo:
            write(f"> {line.rstrip()}")
        await session.handle(line)
