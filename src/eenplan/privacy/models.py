"""Accountability: the access log (NEN 7513), the audit trail of writes, and break-the-glass.

The access log is append-only and hash-chained: each entry's hash covers its own fields, its
subjects and the previous entry's hash, and `AccessLogHead` holds the last one, so a changed,
inserted or deleted row (also the last) is found by `eenplan verify-access-log`. Users and residents
are referred to by id and uuid, not by foreign key, so that no later change can rewrite the log.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AccessEvent(models.TextChoices):
    HOUSEHOLD_LIST = "huishoudens.lijst", _("list of households")
    HOUSEHOLD_VIEW = "huishouden.inzien", _("household viewed")
    RESIDENT_VIEW = "inwoner.inzien", _("resident viewed")
    SEARCH = "zoeken", _("search")
    DUPLICATE_CHECK = "dubbelcheck", _("duplicate check")
    EXPORT = "export", _("export")
    BREAK_THE_GLASS = "noodtoegang", _("emergency access")
    SIGNAL_LIST = "signalen.lijst", _("list of signals")
    SIGNAL_VIEW = "signaal.inzien", _("signal viewed")
    MEASUREMENTS_VIEW = "metingen.inzien", _("measurements viewed")


class AccessPurpose(models.TextChoices):
    NORMAL = "normaal", _("normal work")
    BREAK_THE_GLASS = "noodtoegang", _("emergency access")
    OWN_FILE = "eigen_dossier", _("own file")


class AppendOnlyError(Exception):
    pass


class AccessLogEntry(models.Model):
    seq = models.BigAutoField(primary_key=True)
    at = models.DateTimeField(db_index=True)
    user_id = models.BigIntegerField(null=True, db_index=True)
    username = models.CharField(max_length=150)
    organisation = models.CharField(max_length=200, blank=True)
    role = models.CharField(max_length=32, blank=True)
    event = models.CharField(max_length=32, choices=AccessEvent.choices)
    channel = models.CharField(max_length=8)  # "web" or "api"
    purpose = models.CharField(max_length=16, choices=AccessPurpose.choices)
    reason = models.TextField(blank=True)
    ip_address = models.GenericIPAddressField(null=True, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-seq"]

    def __str__(self) -> str:
        return f"#{self.seq} {self.event} {self.username}"

    def save(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not self._state.adding:
            raise AppendOnlyError("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        raise AppendOnlyError("The access log is append-only.")


class AccessLogSubject(models.Model):
    """A resident whose data the entry's reader saw."""

    entry = models.ForeignKey(AccessLogEntry, on_delete=models.PROTECT, related_name="subjects")
    resident_uuid = models.UUIDField(db_index=True)
    household_uuid = models.UUIDField(null=True, db_index=True)

    class Meta:
        ordering = ["entry", "id"]

    def __str__(self) -> str:
        return str(self.resident_uuid)


class AccessLogHead(models.Model):
    """One row: the newest entry of the chain. Locked while appending, so the chain stays a line."""

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_seq = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)

    def __str__(self) -> str:
        return f"#{self.last_seq}"


class AuditEvent(models.Model):
    """A write, with the object before and after, committed in the same transaction as the write."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor_id = models.BigIntegerField(null=True, db_index=True)
    actor_username = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=40)
    object_type = models.CharField(max_length=80)
    object_id = models.CharField(max_length=64)
    household_uuid = models.UUIDField(null=True, blank=True, db_index=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    class Meta:
        verbose_name = _("audit event")
        verbose_name_plural = _("audit trail")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="audit_object")]

    def __str__(self) -> str:
        return f"{self.action} {self.object_type}:{self.object_id}"


class BreakTheGlassGrant(models.Model):
    """Emergency access to a household outside need-to-know: time-limited, with a written reason,
    flagged to the privacy officer until reviewed."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_the_glass_grants"
    )
    household = models.ForeignKey(
        "households.Household", on_delete=models.CASCADE, related_name="break_the_glass_grants"
    )
    reason = models.TextField(_("reason"))
    granted_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(db_index=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.TextField(_("review note"), blank=True)

    class Meta:
        verbose_name = _("emergency access")
        verbose_name_plural = _("emergency accesses")
        ordering = ["-granted_at"]
        indexes = [models.Index(fields=["user", "expires_at"], name="btg_user_expiry")]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.household_id}"
