from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AreasConfig(AppConfig):
    name = "eenplan.areas"
    verbose_name = _("Areas")
    default_auto_field = "django.db.models.BigAutoField"
