"""The linkage model in use and the reviewers' decisions that improve it."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class LinkageModel(models.Model):
    """Trained parameters (m and u per comparison level); at most one is current."""

    parameters = models.JSONField(_("parameters"))
    trained_at = models.DateTimeField(_("trained at"), default=timezone.now)
    trained_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trained by"),
    )
    record_count = models.PositiveIntegerField(_("records"))
    label_count = models.PositiveIntegerField(_("review labels"), default=0)
    is_current = models.BooleanField(_("current"), default=False)

    class Meta:
        verbose_name = _("linkage model")
        verbose_name_plural = _("linkage models")
        ordering = ["-trained_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_current"],
                condition=Q(is_current=True),
                name="linkage_one_current_model",
            )
        ]

    def __str__(self) -> str:
        return f"{self.trained_at:%Y-%m-%d %H:%M} ({self.record_count})"


class LinkLabel(models.Model):
    """A reviewer decided whether a signal's person is this resident.

    `record` holds the identity fields as the signal gave them, the BSN only as its pseudonym.
    """

    record = models.JSONField(_("identity fields"))
    resident = models.ForeignKey(
        "households.Resident",
        on_delete=models.CASCADE,
        related_name="link_labels",
        verbose_name=_("resident"),
    )
    is_match = models.BooleanField(_("same person"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided at"), default=timezone.now)

    class Meta:
        verbose_name = _("link label")
        verbose_name_plural = _("link labels")
        ordering = ["-decided_at", "-id"]

    def __str__(self) -> str:
        return f"{self.resident_id}: {self.is_match}"
