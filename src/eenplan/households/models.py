"""Residents, households and who is involved with them."""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.utils.translation import gettext_lazy as _


class AddressFields(models.Model):
    """A Dutch address. `postcode` is stored normalised: 1234AB."""

    postcode = models.CharField(_("postcode"), max_length=6, blank=True, db_index=True)
    house_number = models.PositiveIntegerField(_("house number"), null=True, blank=True)
    house_number_suffix = models.CharField(_("addition"), max_length=8, blank=True)
    street = models.CharField(_("street"), max_length=120, blank=True)
    city = models.CharField(_("place"), max_length=80, blank=True)

    class Meta:
        abstract = True

    @property
    def address_line(self) -> str:
        number = f"{self.house_number or ''}{('-' + self.house_number_suffix) if self.house_number_suffix else ''}"
        return " ".join(part for part in (self.street, number) if part)

    @property
    def postcode_display(self) -> str:
        return (
            f"{self.postcode[:4]} {self.postcode[4:]}" if len(self.postcode) == 6 else self.postcode
        )


class Resident(AddressFields):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    given_names = models.CharField(_("given names"), max_length=120)
    surname_prefix = models.CharField(_("surname prefix"), max_length=20, blank=True)
    surname = models.CharField(_("surname"), max_length=120)
    birth_date = models.DateField(_("date of birth"), null=True, blank=True, db_index=True)
    # The BSN itself is only stored encrypted; the pseudonym (keyed HMAC) finds the same person.
    bsn_encrypted = models.TextField(_("BSN (encrypted)"), blank=True, editable=False)
    bsn_pseudonym = models.CharField(
        _("BSN pseudonym"), max_length=64, null=True, blank=True, unique=True, editable=False
    )
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    prefers_plain_language = models.BooleanField(_("prefers plain language"), default=True)
    # Lower-case "given prefix surname" without accents, so search is one indexed LIKE.
    search_name = models.CharField(max_length=300, editable=False, db_index=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="resident",
        verbose_name=_("login"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("resident")
        verbose_name_plural = _("residents")
        ordering = ["surname", "given_names"]
        indexes = [
            # Real-time linking looks up candidates by surname within a birth year.
            models.Index(Upper("surname"), "birth_date", name="resident_surname_birth"),
        ]

    def __str__(self) -> str:
        return self.full_name

    @property
    def full_name(self) -> str:
        return " ".join(p for p in (self.given_names, self.surname_prefix, self.surname) if p)

    @property
    def has_bsn(self) -> bool:
        return bool(self.bsn_encrypted)


class Household(AddressFields):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=160)
    neighbourhood = models.ForeignKey(
        "areas.Neighbourhood",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="resident_households",
        verbose_name=_("neighbourhood"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("household")
        verbose_name_plural = _("households")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Relation(models.TextChoices):
    MAIN_RESIDENT = "hoofdbewoner", _("main resident")
    PARTNER = "partner", _("partner")
    CHILD = "kind", _("child")
    PARENT = "ouder", _("parent")
    SIBLING = "broer_zus", _("brother or sister")
    OTHER = "overig", _("other")


class HouseholdMember(models.Model):
    """A resident belongs to a household from `since` until `until`: the history of composition."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="members")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="memberships")
    relation = models.CharField(_("relation"), max_length=16, choices=Relation.choices)
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("household member")
        verbose_name_plural = _("household members")
        ordering = ["since", "id"]
        constraints = [
            # A resident lives in one household at a time.
            models.UniqueConstraint(
                fields=["resident"],
                condition=Q(until__isnull=True),
                name="member_one_current_household",
            ),
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="member_until_after_since",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.resident} ({self.get_relation_display()})"

    @property
    def is_current(self) -> bool:
        return self.until is None


class LegalBasis(models.TextChoices):
    CONSENT = "toestemming", _("consent")
    LEGAL_TASK = "wettelijke_taak", _("legal task")


class Involvement(models.Model):
    """An organisation (its team, its professional) works with a household, on some life domains."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="involvements")
    organisation = models.ForeignKey(
        "organisations.Organisation", on_delete=models.PROTECT, related_name="involvements"
    )
    team = models.ForeignKey(
        "organisations.Team",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="involvements",
    )
    professional = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="involvements",
    )
    domains = models.ManyToManyField("taxonomy.LifeDomain", blank=True, verbose_name=_("domains"))
    basis = models.CharField(_("legal basis"), max_length=20, choices=LegalBasis.choices)
    since = models.DateField(_("since"))
    until = models.DateField(_("until"), null=True, blank=True)

    class Meta:
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")
        ordering = ["since", "id"]
        indexes = [
            models.Index(fields=["professional", "until"], name="involvement_professional"),
            models.Index(fields=["team", "until"], name="involvement_team"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(until__isnull=True) | Q(until__gte=models.F("since")),
                name="involvement_until_after_since",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.organisation_id} @ {self.household_id}"

    @property
    def is_current(self) -> bool:
        return self.until is None


class TimelineEvent(models.Model):
    """One line in a household's chronology. `kind` picks the sentence; `data` fills it in."""

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="timeline")
    occurred_at = models.DateTimeField(db_index=True)
    kind = models.CharField(max_length=40)
    data = models.JSONField(default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    organisation = models.ForeignKey(
        "organisations.Organisation",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-occurred_at", "-id"]
        indexes = [models.Index(fields=["household", "-occurred_at"], name="timeline_household")]

    def __str__(self) -> str:
        return f"{self.kind} @ {self.occurred_at:%Y-%m-%d}"
