import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class OrganisationKind(models.TextChoices):
    GEMEENTE = "gemeente", _("municipality")
    WONINGCORPORATIE = "woningcorporatie", _("housing corporation")
    ZORGAANBIEDER = "zorgaanbieder", _("care provider")
    WELZIJNSORGANISATIE = "welzijnsorganisatie", _("welfare organisation")
    PARTICIPATIEBEDRIJF = "participatiebedrijf", _("participation company")
    HUISARTSENPRAKTIJK = "huisartsenpraktijk", _("GP practice")
    POLITIE = "politie", _("police")
    ONDERWIJS = "onderwijs", _("education")
    SCHULDHULPVERLENING = "schuldhulpverlening", _("debt relief")
    BEWONERSINITIATIEF = "bewonersinitiatief", _("residents' initiative")
    JEUGDHULP = "jeugdhulp", _("youth care provider")
    OVERIG = "overig", _("other")


class Organisation(models.Model):
    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=32, choices=OrganisationKind.choices)
    # Only organisations with a legal basis to process the BSN (the municipality) see it unmasked.
    may_process_bsn = models.BooleanField(_("may process BSN"), default=False)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class Team(models.Model):
    """A team of one organisation; a wijkteam covers the districts in `districts`."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organisation = models.ForeignKey(
        Organisation, on_delete=models.PROTECT, related_name="teams", verbose_name=_("organisation")
    )
    name = models.CharField(_("name"), max_length=200)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    districts = models.ManyToManyField(
        "areas.District", blank=True, related_name="teams", verbose_name=_("districts covered")
    )

    class Meta:
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="team_unique_name")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.organisation})"


class Role(models.TextChoices):
    REGISSEUR = "regisseur", _("coordinating professional")
    PARTNER = "partner", _("partner professional")
    TEAMLEIDER = "teamleider", _("team lead")
    BELEID = "beleid", _("policy")
    PRIVACY = "privacy", _("privacy officer")
    BEHEER = "beheer", _("functional admin")
    # A neighbourhood contact (volunteer, caretaker): may report a signal, look up no one.
    MELDER = "melder", _("signal reporter")


# Roles whose work is with individual households. The others see aggregates, the log or the set-up.
CASE_ROLES = frozenset({Role.REGISSEUR, Role.PARTNER, Role.TEAMLEIDER})


class Membership(models.Model):
    """A professional works for an organisation (and maybe a team) in one role."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("organisation"),
    )
    team = models.ForeignKey(
        Team,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("team"),
    )
    role = models.CharField(_("role"), max_length=16, choices=Role.choices)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "team", "role"], name="membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.team or self.organisation}"


# Without a rule of its own, a municipality follows this: these kinds may only signal.
SIGNAL_ONLY_KINDS_DEFAULT = frozenset(
    {
        OrganisationKind.POLITIE,
        OrganisationKind.ONDERWIJS,
        OrganisationKind.HUISARTSENPRAKTIJK,
        OrganisationKind.BEWONERSINITIATIEF,
    }
)


class CoordinationRule(models.Model):
    """Per municipality, as its regional covenant sets it: may this kind of organisation coordinate
    a household's plan, or only signal?"""

    municipality = models.ForeignKey(
        "areas.Municipality",
        on_delete=models.CASCADE,
        related_name="coordination_rules",
        verbose_name=_("municipality"),
    )
    organisation_kind = models.CharField(
        _("organisation kind"), max_length=32, choices=OrganisationKind.choices
    )
    may_coordinate = models.BooleanField(_("may coordinate"), default=True)

    class Meta:
        verbose_name = _("coordination rule")
        verbose_name_plural = _("coordination rules")
        ordering = ["municipality", "organisation_kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "organisation_kind"], name="coordination_rule_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality}: {self.get_organisation_kind_display()}"
