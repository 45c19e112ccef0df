"""Municipalities, districts (wijken) and neighbourhoods (buurten) with their CBS codes and figures.

Figures come from CBS Kerncijfers wijken en buurten (Bron: CBS, CC BY 4.0); see data/SOURCES.md.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Municipality(models.Model):
    code = models.CharField(_("CBS code"), max_length=6, unique=True)  # GM0344
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipalities")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class District(models.Model):
    """A wijk."""

    code = models.CharField(_("CBS code"), max_length=8, unique=True)  # WK034403
    name = models.CharField(_("name"), max_length=120)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="districts"
    )
    inhabitants = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)
    geometry = models.JSONField(_("boundary (GeoJSON)"), null=True, blank=True)

    class Meta:
        verbose_name = _("district")
        verbose_name_plural = _("districts")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Neighbourhood(models.Model):
    """A buurt, with the CBS figures the demo and the area views use."""

    code = models.CharField(_("CBS code"), max_length=10, unique=True)  # BU03440000
    name = models.CharField(_("name"), max_length=120)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="neighbourhoods")
    inhabitants = models.PositiveIntegerField(_("inhabitants"), null=True, blank=True)
    households = models.PositiveIntegerField(_("households"), null=True, blank=True)
    social_assistance_recipients = models.PositiveIntegerField(
        _("people on social assistance (bijstand)"), null=True, blank=True
    )
    corporation_housing_percentage = models.PositiveSmallIntegerField(
        _("corporation housing (%)"), null=True, blank=True
    )
    most_common_postcode = models.CharField(_("most common PC4"), max_length=4, blank=True)

    class Meta:
        verbose_name = _("neighbourhood")
        verbose_name_plural = _("neighbourhoods")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class PostcodeArea(models.Model):
    """A four-digit postcode and the neighbourhood its addresses most likely belong to."""

    pc4 = models.CharField(_("PC4"), max_length=4, unique=True)
    place = models.CharField(_("place"), max_length=120)
    municipality = models.ForeignKey(
        Municipality, on_delete=models.PROTECT, related_name="postcodes"
    )
    neighbourhood = models.ForeignKey(
        Neighbourhood, on_delete=models.SET_NULL, null=True, blank=True, related_name="postcodes"
    )

    class Meta:
        verbose_name = _("postcode area")
        verbose_name_plural = _("postcode areas")
        ordering = ["pc4"]

    def __str__(self) -> str:
        return f"{self.pc4} {self.place}"
