from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SignaleringConfig(AppConfig):
    """Early signals from partners: intake, routing, matches, outreach and the signaleringsoverleg."""

    name = "eenplan.signalering"
    verbose_name = _("Signals")
    default_auto_field = "django.db.models.BigAutoField"
