from django.urls import path

from eenplan.core import health

app_name = "core"

urlpatterns = [
    path("health", health.health, name="health"),
]
