"""The core's platform-neutral interaction model: what people see and can do, written once.

- `replies`: the report flow's screens and private views (question, review, receipt, details).
- `cards`: the blocks every message and private view is made of (headings, text, facts,
  panels, buttons); `forms`: what a person fills in; `actions`: what a button or a form asks
  the core to do; `wording`: words used across features. Adapters render these, nothing else.
"""

from bot.ui.replies import (
    Notice,
    Option,
    Question,
    Receipt,
    Reply,
    ReportDetails,
    ReporterInfo,
    ReporterQuestion,
    Summary,
    SummaryItem,
    Tone,
)

__all__ = ["Notice", "Option", "Question", "Receipt", "Reply", "ReportDetails", "ReporterInfo",
           "ReporterQuestion", "Summary", "SummaryItem", "Tone"]
