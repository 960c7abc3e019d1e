"""The shipped server with the per-destination pace lifted:
`python -m bench.unpaced serve --host H --port N` (same arguments as `safeguard-bot`).

The fake Slack Web API has no rate limit, while the shipped worker paces every channel at
Slack's documented ~1 message a second (bot.pacing.DEFAULT_PACES): with the pace lifted the
alert case measures the bot's own speed; as shipped it measures the pace.
"""

import sys

from bot import delivery


def apply() -> None:
    delivery.DEFAULT_PACES = {}


if __name__ == "__main__":
    apply()
    from bot.cli import main

    sys.exit(main(sys.argv[1:]))
