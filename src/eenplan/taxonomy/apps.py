from django.apps import AppConfig


class TaxonomyConfig(AppConfig):
    name = "eenplan.taxonomy"
    default_auto_field = "django.db.models.BigAutoField"
