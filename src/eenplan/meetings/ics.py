"""An iCalendar (RFC 5545) invitation for a meeting, built by hand: it is a few lines.

Only what every participant already knows goes in: the kind of meeting, the time and the place.
No names, no household details (an invitation is forwarded and synchronised to phones).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from eenplan.meetings.models import Meeting, MeetingStatus

PRODUCT_ID = "-//eenplan//overleg//NL"


def _utc(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y%m%dT%H%M%SZ")


def _escape(text: str) -> str:
    # RFC 5545 section 3.3.11: backslash, semicolon, comma and newlines are escaped.
    return (
        text.replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def _fold(line: str) -> str:
    # Lines longer than 75 octets are folded: CRLF followed by one space (section 3.1).
    encoded = line.encode("utf-8")
    if len(encoded) <= 75:
        return line
    parts: list[str] = []
    current = b""
    for char in line:
        piece = char.encode("utf-8")
        if len(current) + len(piece) > (75 if not parts else 74):
            parts.append(current.decode("utf-8"))
            current = b""
        current += piece
    parts.append(current.decode("utf-8"))
    return "\r\n ".join(parts)


def meeting_ics(meeting: Meeting, *, now: dt.datetime | None = None) -> str:
    cancelled = meeting.status == MeetingStatus.CANCELLED
    description = _("A meeting about the plan. Bring your questions.")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        # PUBLISH, not REQUEST: a request must name an organiser and attendees (RFC 5546), and
        # the invitation carries no names. A cancellation is the same event, one sequence on.
        "METHOD:PUBLISH",
        "BEGIN:VEVENT",
        f"UID:{meeting.uuid}@eenplan",
        f"DTSTAMP:{_utc(now or timezone.now())}",
        f"SEQUENCE:{1 if cancelled else 0}",
        f"DTSTART:{_utc(meeting.starts_at)}",
        f"DTEND:{_utc(meeting.ends_at)}",
        f"SUMMARY:{_escape(str(meeting.get_kind_display()))}",
        f"LOCATION:{_escape(meeting.place)}",
        f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
        f"DESCRIPTION:{_escape(description)}",
        "END:VEVENT",
        "END:VCALENDAR",
    ]
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
