from django.apps import AppConfig


class HouseholdsConfig(AppConfig):
    name = "eenplan.households"
    default_auto_field = "django.db.models.BigAutoField"
