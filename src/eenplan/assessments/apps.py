from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssessmentsConfig(AppConfig):
    name = "eenplan.assessments"
    verbose_name = _("Instruments and measurements")
    default_auto_field = "django.db.models.BigAutoField"
