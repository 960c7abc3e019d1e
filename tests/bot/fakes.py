"""A recording transport for delivery tests, with switchable failures."""

from bot.delivery import Outgoing, TransientError


class RecordingTransport:
    def __init__(self) -> None:
        self.sent: list[Outgoing] = []
        self.failures_left = 0
        self.retry_after: float | None = None

    async def send(self, item: Outgoing) -> str:
        if self.failures_left > 0:
            self.failures_left -= 1
            raise TransientError("rate limited", retry_after=self.retry_after)
        self.sent.append(item)
        return item.replaces_message_id or f"m{len(self.sent)}"

    def to(self, destination: str) -> list[Outgoing]:
        return [item for item in self.sent if item.destination == destination]
