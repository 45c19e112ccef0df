from django.urls import path

from eenplan.privacy import views

app_name = "privacy"

urlpatterns = [
    path("toegangslog", views.access_log, name="log"),
    path("noodtoegang", views.break_the_glass, name="break_the_glass"),
    path(
        "noodtoegang/<uuid:grant_uuid>/beoordelen",
        views.break_the_glass_review,
        name="break_the_glass_review",
    ),
]
