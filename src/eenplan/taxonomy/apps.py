from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TaxonomyConfig(AppConfig):
    name = "eenplan.taxonomy"
    verbose_name = _("Shared language")
    default_auto_field = "django.db.models.BigAutoField"
