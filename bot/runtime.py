"""What every core operation needs, passed explicitly: config, flows, database, clock."""

from dataclasses import dataclass, field

from bot.clock import Clock
from bot.config import OrgConfig
from bot.crypto import KeyRing
from bot.flow.definition import FlowDefinition
from bot.metrics import Metrics
from storage.engine import Database


@dataclass(frozen=True)
class Runtime:
    config: OrgConfig
    flows: dict[str, FlowDefinition]
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
