"""Invented sample data for the screenshots, run through the core's own code: the report flow's
real questions and review (bot.flow), who will see a report (bot.routing), the reporter line
(bot.reporter). Initials and made-up references only: nobody real is in any of it."""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from bot.audience import privacy_lines
from bot.cases.clocks import CLOCK_LABELS, ClockKey
from bot.cases.record import CaseView, ClockView, EntryView
from bot.cases.vocabulary import Decision, EntryKind
from bot.config import OrgConfig
from bot.domain import Urgency
from bot.escalation_snapshot import first_alert, snapshot_for
from bot.flow import paths
from bot.flow.definition import FlowDefinition
from bot.flow.hooks import HookContext
from bot.flow.loader import FlowSet
from bot.flow.presenter import SeenBy
from bot.flow.progress import FlowProgress
from bot.flow.runner import AnswerInput, FlowRunner
from bot.quick.wording import alerted_notice
from bot.reporter import reporter_info
from bot.routing import seen_by_labels
from bot.submission import routed_names
from bot.ui import Notice, Question, Reply, ReporterInfo, Summary
from storage.models import Report

NOW = datetime(2026, 3, 14, 10, 40, tzinfo=UTC)
"""The moment every sample is shown at (fixed: the same pictures on every run)."""
RECORDED = NOW - timedelta(minutes=25)
FLOW = "safeguarding_concern"
DANGER_REFERENCE = "SG-2026-0015"
ANSWERS: dict[str, str | list[str]] = {
    "immediate_danger": "no",
    "occurred_at": "2026-03-13 16:30",
    "platform": "zoom",
    "session_name": "Thursday drama group",
    "host_organisation": "no",
    "affected_initials": "KT",
    "age_group": "young_person",
    "concern_type": ["disclosure_of_abuse", "online_harm_or_exploitation"],
    "about_staff": "no",
    "what_happened": ("After the session KT stayed on and said an older friend online keeps "
                      "asking for photos and said 'he gets angry if I don't'."),
    "reporter_view": "KT seemed frightened and asked me not to tell anyone.",
    "others_present": "",
    "action_taken": "Listened, told KT I have to share it with the safeguarding lead.",
    "who_told": ["nobody_yet"],
    "agencies_involved": ["not_sure"],
    "anything_else": "",
}
"""Made-up answers to the built-in safeguarding concern flow, by step id."""


@dataclass(frozen=True)
class Walk:
    """What the reporter is shown along the way: each question as first asked, and the
    review at the end."""

    questions: dict[str, Question]
    review: Summary
    danger: list[Reply]
    """What answering yes to the immediate-danger question shows next."""


def context(config: OrgConfig) -> HookContext:
    return HookContext(NOW, config.organisation.zone)


def _seen_by(config: OrgConfig, flows: FlowSet, flow: FlowDefinition) -> SeenBy:
    """Who will see the report at this urgency, as routed when nobody is away."""
    def who(urgency: Urgency, progress: FlowProgress) -> tuple[str, ...]:
        kind = paths.report_kind(flow, progress)
        if kind is None:
            return ()
        snapshot = snapshot_for(config, flows.kinds[kind], urgency)
        first = first_alert(config, snapshot, None, set())
        return seen_by_labels(config, routed_names(config, snapshot, first))
    return who


def walk(config: OrgConfig, flows: FlowSet) -> Walk:
    """Answer the safeguarding concern flow with ANSWERS, keeping what each step shows."""
    flow = flows[FLOW]
    runner = FlowRunner(flow, _seen_by(config, flows, flow))
    ctx = context(config)
    result = runner.start(ctx)
    questions: dict[str, Question] = {}
    while True:
        shown = [r for r in result.replies if isinstance(r, Question | Summary)]
        if not shown:
            raise RuntimeError(f"the flow showed no question: {result.replies}")
        if isinstance(shown[-1], Summary):
            review = shown[-1]
            break
        question = shown[-1]
        questions.setdefault(question.step_id, question)
        result = runner.handle(result.progress, AnswerInput(ANSWERS.get(question.step_id)), ctx)
    return Walk(questions, review, _danger(runner, ctx))


def _danger(runner: FlowRunner, ctx: HookContext) -> list[Reply]:
    """Yes to immediate danger: the 999 guidance, that the lead has been alerted (an alert is
    filed at once; bot.quick.immediate), then the next question."""
    replies = runner.handle(runner.start(ctx).progress, AnswerInput("yes"), ctx).replies
    notices = [r for r in replies if isinstance(r, Notice)]
    rest = [r for r in replies if not isinstance(r, Notice)]
    return [*notices, alerted_notice(DANGER_REFERENCE, practice=False), *rest]


def receipt_privacy() -> tuple[str, ...]:
    return privacy_lines(about_staff=False, practice=False)


def reporter(config: OrgConfig) -> ReporterInfo:
    """The reporter line of the private views, for a member of staff on Teams."""
    report = Report(reporter_platform="teams", reporter_user_id="29:alex",
                    reporter_person_id="alex")
    return reporter_info(config, report)


def case_view(config: OrgConfig) -> CaseView:
    """A confidentiality breach two days in: acknowledged, a decision, a note, the ICO's
    72-hour clock running."""
    recorded = NOW - timedelta(days=2, hours=3)
    ico_due = recorded + timedelta(hours=72)
    ico = ClockView(CLOCK_LABELS[ClockKey.ICO], "72 hours from becoming aware", recorded,
                    ico_due, "running", None, None)
    entries = (
        EntryView(1, EntryKind.DECISION.value, recorded + timedelta(hours=2), "SO",
                  f"Decision: {Decision.MONITOR.label}",
                  (("Reasons", "Email sent to one wrong internal address; asked IT to "
                               "confirm it was deleted unread before deciding on the ICO."),)),
        EntryView(2, EntryKind.NOTE.value, recorded + timedelta(hours=5), "PL",
                  EntryKind.NOTE.label,
                  (("Note", "Spoke to RB; team reminded to check recipients."),)),
    )
    return CaseView(
        reference="CB-2026-0003", kind="confidentiality_breach",
        kind_label="Confidentiality breach", urgency="normal", state="acknowledged",
        practice=False, recorded_at=recorded, acknowledged_at=recorded + timedelta(minutes=12),
        acknowledged_by="PL", holder="PL", closed_at=None, outcome=None, clocks=(ico,),
        entries=entries, now=NOW, reporter=reporter(config))
