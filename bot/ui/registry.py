"""Every interaction of every feature, in one table (built by whoever mounts a surface)."""

from bot import alert_interactions
from bot.cases import interactions as case_interactions
from bot.checkins import arrange, away, questions
from bot.checkins import interactions as checkins
from bot.followup import interactions as followup
from bot.quick import interactions as quick
from bot.ui.actions import Interactions


def all_interactions() -> Interactions:
    """The table adapters dispatch button presses and form submissions through."""
    return Interactions((*alert_interactions.INTERACTIONS, *case_interactions.INTERACTIONS,
                         *away.INTERACTIONS, *checkins.INTERACTIONS, *questions.INTERACTIONS,
                         *arrange.INTERACTIONS, *followup.INTERACTIONS,
                         *quick.INTERACTIONS))
