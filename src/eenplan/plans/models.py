"""The one plan of a household and its one coordinator (regisseur)."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    DRAFT = "concept", _("draft")
    ACTIVE = "actief", _("active")
    CLOSED = "afgesloten", _("closed")


class Plan(models.Model):
    """At most one active plan per household, with exactly one coordinator while active.

    The coordinator is a professional, or (as 1Gezin1Plan allows) the resident or a relative, in
    which case a professional is the backup. The database enforces all of this.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(
        "households.Household", on_delete=models.CASCADE, related_name="plans"
    )
    status = models.CharField(
        _("status"), max_length=12, choices=PlanStatus.choices, default=PlanStatus.ACTIVE
    )
    summary = models.TextField(_("summary"), blank=True)
    started_on = models.DateField(_("started on"))
    closed_on = models.DateField(_("closed on"), null=True, blank=True)
    coordinator_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_plans",
        verbose_name=_("coordinator (professional)"),
    )
    coordinator_resident = models.ForeignKey(
        "households.Resident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="coordinated_plans",
        verbose_name=_("coordinator (resident or relative)"),
    )
    backup_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="backup_plans",
        verbose_name=_("backup professional"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-started_on"]
        indexes = [
            models.Index(fields=["coordinator_professional", "status"], name="plan_coordinator"),
            models.Index(fields=["backup_professional", "status"], name="plan_backup"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["household"],
                condition=Q(status="actief"),
                name="plan_one_active_per_household",
            ),
            # Active: exactly one coordinator, a professional or a resident/relative.
            models.CheckConstraint(
                condition=~Q(status="actief")
                | (
                    Q(coordinator_professional__isnull=False, coordinator_resident__isnull=True)
                    | Q(coordinator_professional__isnull=True, coordinator_resident__isnull=False)
                ),
                name="plan_active_has_one_coordinator",
            ),
            # A resident or relative coordinates with a professional as backup.
            models.CheckConstraint(
                condition=~Q(status="actief")
                | Q(coordinator_resident__isnull=True)
                | Q(backup_professional__isnull=False),
                name="plan_resident_coordinator_has_backup",
            ),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("started_on")),
                name="plan_closed_after_started",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.household} ({self.get_status_display()})"

    @property
    def coordinator_name(self) -> str:
        person = self.coordinator_professional or self.coordinator_resident
        return str(person) if person else ""


class CoordinatorChange(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="coordinator_changes")
    changed_at = models.DateTimeField(auto_now_add=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    previous_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    previous_resident = models.ForeignKey(
        "households.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    new_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    new_resident = models.ForeignKey(
        "households.Resident", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["-changed_at", "-id"]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.changed_at:%Y-%m-%d}"
