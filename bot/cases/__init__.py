"""The lead's case record after acknowledgement: append-only entries (notes, decisions,
referrals, assignment, links, closure and reopening), statutory clocks with durable reminders,
chronologies, exports, the register and the trustees' annual picture.

One idea per module; nothing here is imported by the core's import of `bot` alone except the
settings model (bot/config.py uses it).
"""
