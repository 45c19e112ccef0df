"""Meetings for the tests, planned ahead or with their time come (so they can be recorded)."""

import datetime as dt

from django.utils import timezone

from eenplan.meetings.models import Meeting, MeetingKind
from eenplan.meetings.services import ParticipantInput, meeting_schedule


def schedule(case, **overrides):
    start = timezone.now() + dt.timedelta(days=3)
    values = {
        "actor": case["coordinator"],
        "household": case["household"],
        "kind": MeetingKind.MDO,
        "starts_at": start,
        "ends_at": start + dt.timedelta(hours=1),
        "place": "Wijkcentrum De Leeuw, Utrecht",
        "participants": [
            ParticipantInput(organisation=case["organisation"], professional=case["partner_user"]),
            ParticipantInput(resident=case["member"]),
        ],
    }
    values.update(overrides)
    return meeting_schedule(**values)


def held(case, **overrides):
    """A meeting that was planned and whose time has come: it can be recorded."""
    meeting = schedule(case, **overrides)
    start = timezone.now() - dt.timedelta(hours=2)
    Meeting.objects.filter(pk=meeting.pk).update(
        starts_at=start, ends_at=start + dt.timedelta(hours=1)
    )
    meeting.refresh_from_db()
    return meeting
