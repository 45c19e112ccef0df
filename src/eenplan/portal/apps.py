from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "eenplan.portal"
    default_auto_field = "django.db.models.BigAutoField"
