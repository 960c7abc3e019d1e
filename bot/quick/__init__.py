"""Quick alerts: report now, complete later.

A quick alert is a short flow (`flows/quick_alert.yaml`, `completes_later: true`) filed through
the same submission path as a full report: stored, routed, alerted and escalated the same way.
It stays open for completion: the reporter is reminded (durable timers, `[quick_alerts]`), the
lead sees "record incomplete" on the case, and completing runs the full flow for its kind and
appends it to the same record as a new case entry (the quick account is never changed).

For adapters:
- `bot.reporting.start(..., quick=True)` / `open_report(..., quick=True)` opens the quick flow
  (it is also the last choice when /report is given no kind).
- `bot.quick.completion.start_completion(runtime, actor, conversation_id, reference)` opens the
  full flow to complete a quick alert; answers then go through `bot.reporting.respond` as usual.
- `bot.quick.completion.incomplete_reports(runtime, actor)` lists the actor's own quick alerts
  still to complete (for a Home tab or a reminder card).

Yes to a flow's `files_alert_if_yes` question files a quick alert at once and the flow goes
on to complete it (bot/quick/immediate.py): adapters need nothing more than respond().
"""
