"""`[quick_alerts]` settings: when the reporter is reminded to finish a quick alert's record."""

from datetime import timedelta

from bot.config_base import Duration, StrictModel


class QuickAlertSettings(StrictModel):
    remind_after: Duration = timedelta(hours=2)
    """The first reminder to the reporter, this long after the quick alert (or at the next
    working time, when that falls out of hours: see [working_hours])."""
    remind_at_end_of_day: bool = True
    """Then one more at the end of that working day ([working_hours] end)."""
