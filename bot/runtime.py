"""What every core operation needs, passed explicitly: config, flows, database, clock."""

from dataclasses import dataclass, field

from bot.clock import Clock
from bot.config import OrgConfig
from bot.crypto import KeyRing
from bot.flow.loader import FlowSet
from bot.kinds import KindRegistry
from bot.metrics import Metrics
from storage.engine import Database


@dataclass(frozen=True)
class Runtime:
    config: OrgConfig
    flows: FlowSet
    """Every flow by id, and the kinds registry they were loaded with."""
    database: Database
    clock: Clock
    platforms: tuple[str, ...]
    """Where notifications go in this deployment: any of console, slack, teams."""
    keys: KeyRing
    """Seals report content, notes and flow progress at rest."""
    metrics: Metrics = field(default_factory=Metrics)

    def __post_init__(self) -> None:
        # the audit trail and the case record are signed with these keys (storage chain)
        self.database.use_signer(self.keys)

    @property
    def kinds(self) -> KindRegistry:
        """Every kind of report (bot.kinds), as loaded with the flows."""
        return self.flows.kinds
