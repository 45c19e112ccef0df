from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LinkageConfig(AppConfig):
    """Finding the same person in two lists: deterministic by BSN pseudonym, otherwise Splink."""

    name = "eenplan.linkage"
    verbose_name = _("Record linkage")
    default_auto_field = "django.db.models.BigAutoField"
