"""Screenshots of every kind of card the bot sends in Microsoft Teams (`make screenshots`).

`catalogue.shots()` makes the cards with the Teams adapter's own card builders, fed by the core
on invented sample data (samples.py); `__main__` writes them out and has render.mjs draw each
one with Microsoft's `adaptivecards` renderer in headless Chromium, with a Teams-like host
config (teams-host-config.json, an approximation of Teams' light theme)."""
