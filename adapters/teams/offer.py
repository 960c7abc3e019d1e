"""The check-in offer sent on its own, when the receipt it rides on was already shown."""

import dataclasses

from bot.notifications import ReceiptMessage


@dataclasses.dataclass(frozen=True)
class OfferOnly:
    """In-process only: the receipt was already shown on the report card (Teams replaces the
    form with it), so only the check-in offer is sent."""

    checkin_offer: str


def offer_only(receipt: ReceiptMessage) -> OfferOnly:
    return OfferOnly(receipt.checkin_offer)
