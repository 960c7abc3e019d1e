"""Working time: when routine messages may reach people, and which messages never wait.

- `settings`: the `[working_hours]` config section, and how the older `[cases]` keys fill it in.
- `calendar`: the one answer to "is this working time?", "the next working time at or after
  T" and "the end of the working day", with the nation's public holidays.
- `timing`: every timer and notification kind, classified once: at once, in working hours,
  or as arranged; and the placing of routine timers and messages in working time.
"""
