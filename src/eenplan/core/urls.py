from django.urls import path

from eenplan.core import health, views

app_name = "core"

urlpatterns = [
    path("", views.home, name="home"),
    path("health", health.health, name="health"),
]
