"""Reminders: overdue actions, upcoming meetings and the resident's important days.

An `ImportantDay` is a day that matters to a household member (a job interview, a court date);
the coordinator is reminded the day before to send the resident a message. A `Reminder` is the
in-app notice for one professional; the daily run creates each one once (`key`).
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ImportantDay(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(
        "households.Household", on_delete=models.CASCADE, related_name="important_days"
    )
    resident = models.ForeignKey(
        "households.Resident",
        on_delete=models.CASCADE,
        related_name="important_days",
        verbose_name=_("household member"),
    )
    on = models.DateField(_("date"))
    what = models.CharField(_("what the day is, in the resident's words"), max_length=200)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("important day")
        verbose_name_plural = _("important days")
        ordering = ["on", "id"]
        indexes = [models.Index(fields=["on"], name="important_day_on")]
        constraints = [
            models.CheckConstraint(condition=~Q(what=""), name="important_day_has_what"),
        ]

    def __str__(self) -> str:
        return f"{self.on:%Y-%m-%d}: {self.what[:40]}"


class ReminderKind(models.TextChoices):
    OVERDUE_ACTION = "actie_te_laat", _("overdue action")
    UPCOMING_MEETING = "overleg", _("upcoming meeting")
    IMPORTANT_DAY = "belangrijke_dag", _("important day")


class Reminder(models.Model):
    """One notice for one professional. It points at what it is about; the e-mail never says."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=ReminderKind.choices)
    # What the reminder is about and for which date, e.g. "actie:12:2026-11-20". With the
    # recipient it is unique, so a second run on the same day creates nothing new, and a moved
    # due date or meeting gives a fresh reminder.
    key = models.CharField(max_length=80)
    household = models.ForeignKey(
        "households.Household", on_delete=models.CASCADE, related_name="+"
    )
    action = models.ForeignKey(
        "plans.Action", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    meeting = models.ForeignKey(
        "meetings.Meeting", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    important_day = models.ForeignKey(
        ImportantDay, on_delete=models.CASCADE, null=True, blank=True, related_name="reminders"
    )
    link = models.CharField(_("link"), max_length=300)
    due_on = models.DateField(_("date"))
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"], name="reminder_recipient")]
        constraints = [
            models.UniqueConstraint(fields=["recipient", "key"], name="reminder_once_per_key"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} for {self.recipient_id} ({self.due_on:%Y-%m-%d})"
