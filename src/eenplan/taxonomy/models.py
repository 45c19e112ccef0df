"""The shared language: one list of life domains that every organisation's terms map to."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class LifeDomain(models.Model):
    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("plain-language description"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("life domain")
        verbose_name_plural = _("life domains")
        ordering = ["position", "code"]

    def __str__(self) -> str:
        return self.name
