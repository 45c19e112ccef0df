"""Meetings with the household: the MDO, the kitchen-table conversation and the start meeting.

Who sits at the table (one row per party), whether the resident was there (and if not, why),
the agreements that became plan actions, and a summary in plain Dutch for the resident.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    MDO = "mdo", _("MDO (multidisciplinary meeting)")
    KITCHEN_TABLE = "keukentafel", _("kitchen-table conversation")
    START = "start", _("start meeting")


class MeetingStatus(models.TextChoices):
    PLANNED = "gepland", _("planned")
    HELD = "gehouden", _("held")
    CANCELLED = "geannuleerd", _("cancelled")


# The only status changes a meeting knows; each is a service in `meetings.services`.
MEETING_TRANSITIONS: dict[str, frozenset[str]] = {
    MeetingStatus.PLANNED: frozenset({MeetingStatus.HELD, MeetingStatus.CANCELLED}),
    MeetingStatus.HELD: frozenset(),
    MeetingStatus.CANCELLED: frozenset(),
}


class Meeting(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(
        "households.Household", on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(_("kind of meeting"), max_length=12, choices=MeetingKind.choices)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=200)
    status = models.CharField(
        _("status"), max_length=12, choices=MeetingStatus.choices, default=MeetingStatus.PLANNED
    )
    # Unknown until the meeting is held.
    resident_present = models.BooleanField(_("resident present"), null=True, blank=True)
    absence_reason = models.TextField(_("why the resident was not there"), blank=True)
    summary = models.TextField(_("summary for the resident"), blank=True, max_length=5000)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_at", "-id"]
        indexes = [models.Index(fields=["household", "starts_at"], name="meeting_household")]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=models.F("starts_at")), name="meeting_ends_after_start"
            ),
            models.CheckConstraint(
                condition=~Q(resident_present=False) | ~Q(absence_reason=""),
                name="meeting_absence_has_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.starts_at:%Y-%m-%d %H:%M}"


class PartyKind(models.TextChoices):
    ORGANISATION = "organisatie", _("organisation")
    RESIDENT = "inwoner", _("resident")
    RELATIVE = "naaste", _("relative")


class MeetingParticipant(models.Model):
    """One party at the table: an organisation (with its professional), a household member, or a
    relative by name. Each party once per meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="participants")
    party = models.CharField(_("party"), max_length=12, choices=PartyKind.choices)
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("professional"),
    )
    resident = models.ForeignKey(
        "households.Resident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("household member"),
    )
    relative_name = models.CharField(_("relative"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                condition=Q(organisation__isnull=False),
                name="meeting_one_row_per_organisation",
            ),
            models.UniqueConstraint(
                fields=["meeting", "resident"],
                condition=Q(resident__isnull=False),
                name="meeting_one_row_per_resident",
            ),
            models.UniqueConstraint(
                fields=["meeting", "relative_name"],
                condition=~Q(relative_name=""),
                name="meeting_one_row_per_relative",
            ),
            models.CheckConstraint(
                condition=(
                    Q(party="organisatie", organisation__isnull=False, resident__isnull=True)
                    & Q(relative_name="")
                )
                | Q(party="inwoner", resident__isnull=False, organisation__isnull=True)
                | (
                    Q(party="naaste", resident__isnull=True, organisation__isnull=True)
                    & ~Q(relative_name="")
                ),
                name="meeting_participant_matches_party",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        if self.organisation_id:
            organisation = self.organisation.name  # type: ignore[union-attr]
            return f"{organisation} ({self.professional})" if self.professional_id else organisation
        if self.resident_id:
            return self.resident.full_name  # type: ignore[union-attr]
        return self.relative_name


class Agreement(models.Model):
    """What was agreed at the table. Each agreement is a plan action from the moment it is made."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agreements")
    action = models.OneToOneField(
        "plans.Action", on_delete=models.PROTECT, related_name="agreement"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(self.action_id)
