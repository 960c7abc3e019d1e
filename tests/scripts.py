"""Answers used across tests: by step id (in-process) and as typed console lines (journeys)."""

from tests.kinds import ReportKind

PLANTED = "Zebra-Quartz-7781"
"""A unique string planted in report answers: it must never appear outside private views."""

ANSWERS: dict[ReportKind, dict[str, str]] = {
    ReportKind.SAFEGUARDING_CONCERN: {
        "immediate_danger": "no",
        "occurred_at": "yesterday 16:00",
        "platform": "zoom",
        "session_name": "Thursday art group",
        "host_organisation": "no",
        "affected_initials": "AB",
        "age_group": "young_person",
        "concern_type": "signs_of_neglect",
        "about_staff": "no",
        "what_happened": f"AB said they had not eaten since Monday. {PLANTED}",
        "reporter_view": "",
        "others_present": "",
        "action_taken": "Listened and told AB I would pass this on to the lead.",
        "who_told": "nobody_yet",
        "agencies_involved": "none",
        "anything_else": "",
    },
    ReportKind.CONFIDENTIALITY_BREACH: {
        "immediate_danger": "no",
        "occurred_at": "yesterday 10:00",
        "discovered_at": "yesterday 15:00",
        "platform": "email",
        "session_name": "Parents newsletter",
        "host_organisation": "no",
        "data_involved": "contact_details",
        "whose_data_initials": "",
        "people_affected_count": "six_to_twenty",
        "how_it_happened": "email_without_bcc",
        "description": f"Newsletter went out with every address visible. {PLANTED}",
        "contained": "partly",
        "who_told": "line_manager",
        "anything_else": "",
    },
    ReportKind.OPERATIONAL_INCIDENT: {
        "immediate_danger": "no",
        "occurred_at": "yesterday 11:00",
        "platform": "microsoft_teams",
        "session_name": "Music drop-in",
        "host_organisation": "no",
        "what_failed": "platform_failure",
        "description": f"The call dropped for everyone for ten minutes. {PLANTED}",
        "participant_initials": "",
        "welfare_confirmed": "yes",
        "follow_up_call_needed": "no",
        "action_taken": "",
        "anything_else": "",
    },
}

KIND_WORD = {
    ReportKind.SAFEGUARDING_CONCERN: "safeguarding",
    ReportKind.CONFIDENTIALITY_BREACH: "breach",
    ReportKind.OPERATIONAL_INCIDENT: "incident",
}

STEP_ORDER: dict[ReportKind, list[str]] = {
    ReportKind.SAFEGUARDING_CONCERN: [
        "immediate_danger", "occurred_at", "platform", "session_name", "host_organisation",
        "affected_initials", "age_group", "concern_type", "about_staff", "what_happened",
        "reporter_view", "others_present", "action_taken", "who_told", "agencies_involved",
        "anything_else",
    ],
    ReportKind.CONFIDENTIALITY_BREACH: [
        "immediate_danger", "occurred_at", "discovered_at", "platform", "session_name",
        "host_organisation", "data_involved", "whose_data_initials", "people_affected_count",
        "how_it_happened", "description", "contained", "who_told", "anything_else",
    ],
    ReportKind.OPERATIONAL_INCIDENT: [
        "immediate_danger", "occurred_at", "platform", "session_name", "host_organisation",
        "what_failed", "description", "participant_initials", "welfare_confirmed",
        "follow_up_call_needed", "action_taken", "anything_else",
    ],
}


def console_lines(kind: ReportKind) -> list[str]:
    """The lines a person types at the console to file this kind of report, in order."""
    return [ANSWERS[kind][step] for step in STEP_ORDER[kind]]
