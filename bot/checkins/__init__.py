"""Wellbeing check-ins after sessions: short, voluntary "active monitoring" (NICE NG116).

Offered on every report receipt, scheduled by managers (or by people for themselves),
delivered at the due time as a direct message running `flows/debrief_checkin.yaml`, with a
short summary for whoever arranged it. Kept apart from safeguarding records: own tables,
sealed answers, own retention, never visible to safeguarding roles by virtue of their role.
"""
