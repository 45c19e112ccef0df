"""The one plan of a household and its one coordinator (regisseur)."""

import datetime as dt
import uuid
from typing import Any

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
    closing_reason = models.TextField(_("reason for closing and summary"), blank=True)
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


class GoalStatus(models.TextChoices):
    OPEN = "open", _("open")
    REACHED = "bereikt", _("reached")
    STOPPED = "gestopt", _("stopped")


class Goal(models.Model):
    """What the household wants to reach in one life domain, in the resident's own words."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    domain = models.ForeignKey(
        "taxonomy.LifeDomain",
        on_delete=models.PROTECT,
        related_name="goals",
        verbose_name=_("life domain"),
    )
    text = models.TextField(_("goal in the resident's own words"), max_length=1000)
    professional_note = models.TextField(_("note by the professional"), blank=True, max_length=2000)
    status = models.CharField(
        _("status"), max_length=12, choices=GoalStatus.choices, default=GoalStatus.OPEN
    )
    position = models.PositiveIntegerField(_("position"), default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        ordering = ["position", "id"]
        constraints = [
            models.CheckConstraint(condition=~Q(text=""), name="goal_has_text"),
        ]

    def __str__(self) -> str:
        return self.text[:60]


class ActionStatus(models.TextChoices):
    OPEN = "open", _("open")
    DONE = "gedaan", _("done")
    CANCELLED = "vervallen", _("cancelled")


# The only status changes an action knows; each goes through `action_update_status`.
ACTION_TRANSITIONS: dict[str, frozenset[str]] = {
    ActionStatus.OPEN: frozenset({ActionStatus.DONE, ActionStatus.CANCELLED}),
    ActionStatus.DONE: frozenset({ActionStatus.OPEN}),
    ActionStatus.CANCELLED: frozenset({ActionStatus.OPEN}),
}

_OWNER_SET = {
    "resident": Q(owner_resident__isnull=False),
    "relative": ~Q(owner_relative=""),
    "professional": Q(owner_professional__isnull=False),
    "organisation": Q(owner_organisation__isnull=False),
}


def _exactly_one_owner() -> Q:
    condition = Q()
    for kind, is_set in _OWNER_SET.items():
        only_this = is_set
        for other, other_set in _OWNER_SET.items():
            if other != kind:
                only_this &= ~other_set
        condition |= only_this
    return condition


class Action(models.Model):
    """Who does what for a goal, before when. Exactly one owner: a household member, a relative
    (by name only: relatives outside the household are not registered), a professional or an
    organisation."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="actions")
    what = models.TextField(_("what"), max_length=1000)
    owner_resident = models.ForeignKey(
        "households.Resident",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("household member"),
    )
    owner_relative = models.CharField(_("relative"), max_length=200, blank=True)
    owner_professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("professional"),
    )
    owner_organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="plan_actions",
        verbose_name=_("organisation"),
    )
    due_on = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_on = models.DateField(_("done on"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_on", "id"]
        indexes = [
            models.Index(fields=["owner_professional", "status"], name="action_owner_professional"),
            models.Index(fields=["status", "due_on"], name="action_status_due"),
        ]
        constraints = [
            models.CheckConstraint(condition=_exactly_one_owner(), name="action_exactly_one_owner"),
            models.CheckConstraint(condition=~Q(what=""), name="action_has_what"),
        ]

    def __str__(self) -> str:
        return self.what[:60]

    @property
    def owner_name(self) -> str:
        if self.owner_resident_id:
            return self.owner_resident.full_name  # type: ignore[union-attr]
        if self.owner_relative:
            return self.owner_relative
        if self.owner_professional_id:
            return str(self.owner_professional)
        return str(self.owner_organisation or "")

    def is_overdue(self, today: dt.date) -> bool:
        return self.status == ActionStatus.OPEN and self.due_on is not None and self.due_on < today


class PlanVersion(models.Model):
    """One change to the plan's content: what changed, when, by whom, before and after."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    change = models.CharField(_("change"), max_length=40)
    summary = models.CharField(_("what changed"), max_length=300)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("plan version")
        verbose_name_plural = _("plan versions")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "number"], name="plan_version_number_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id} v{self.number}"

    @property
    def changes(self) -> list[tuple[str, Any, Any]]:
        """The fields that differ between before and after (bookkeeping fields left out)."""
        if not self.before or not self.after:
            return []
        return [
            (key, self.before.get(key), value)
            for key, value in self.after.items()
            if key not in {"updated_at", "created_at"} and self.before.get(key) != value
        ]


class Direction(models.TextChoices):
    BETTER = "beter", _("better")
    SAME = "gelijk", _("the same")
    WORSE = "slechter", _("worse")


class PlanOutcome(models.Model):
    """At closure: one household member's first and last score on one instrument item that maps
    to a life domain, within the plan's period.

    Stored as rows, not recomputed: a measurement corrected later must not rewrite the outcome the
    plan was closed with, and rows can be counted per domain for policy figures.
    """

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="outcomes")
    resident = models.ForeignKey(
        "households.Resident", on_delete=models.CASCADE, related_name="plan_outcomes"
    )
    domain = models.ForeignKey(
        "taxonomy.LifeDomain",
        on_delete=models.PROTECT,
        related_name="plan_outcomes",
        verbose_name=_("life domain"),
    )
    item = models.ForeignKey(
        "assessments.InstrumentItem", on_delete=models.PROTECT, related_name="plan_outcomes"
    )
    first_on = models.DateField(_("first measured on"))
    first_score = models.SmallIntegerField(_("first score"))
    last_on = models.DateField(_("last measured on"))
    last_score = models.SmallIntegerField(_("last score"))
    direction = models.CharField(_("direction"), max_length=10, choices=Direction.choices)

    class Meta:
        verbose_name = _("plan outcome")
        verbose_name_plural = _("plan outcomes")
        ordering = ["domain__position", "resident_id", "item__position", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "resident", "item"], name="plan_outcome_one_per_item"
            ),
            models.CheckConstraint(
                condition=Q(last_on__gte=models.F("first_on")), name="plan_outcome_last_after_first"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.first_score} -> {self.last_score}"

    @property
    def change(self) -> int:
        return self.last_score - self.first_score


# A follow-up measurement some months after closure shows whether the result lasted.
FOLLOW_UP_MONTHS = 6
# A measurement this long before the due date still counts as the follow-up; from this long
# before the due date the household page says the follow-up is due.
FOLLOW_UP_MARGIN = dt.timedelta(days=30)


class FollowUp(models.Model):
    """A measurement some months after closure, to see whether the result lasted."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    plan = models.OneToOneField(Plan, on_delete=models.CASCADE, related_name="follow_up")
    instrument = models.ForeignKey(
        "assessments.Instrument",
        on_delete=models.PROTECT,
        related_name="follow_ups",
        verbose_name=_("instrument"),
    )
    due_on = models.DateField(_("follow-up measurement on"))
    done_at = models.DateTimeField(_("done at"), null=True, blank=True)
    measurement = models.ForeignKey(
        "assessments.Measurement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("follow-up measurement")
        verbose_name_plural = _("follow-up measurements")
        ordering = ["due_on", "id"]
        indexes = [models.Index(fields=["done_at", "due_on"], name="follow_up_open_due")]

    def __str__(self) -> str:
        return f"{self.plan_id}: {self.due_on:%Y-%m-%d}"
