from django.urls import path

from eenplan.portal import views

app_name = "portal"

urlpatterns = [
    path("", views.home, name="home"),
    path("plan/", views.plan, name="plan"),
    path("plan.pdf", views.plan_pdf, name="plan_pdf"),
    path("overleggen/", views.meetings, name="meetings"),
    path("metingen/", views.measurements, name="measurements"),
    path(
        "metingen/<slug:instrument_code>/invullen/",
        views.measurement_fill,
        name="measurement_fill",
    ),
]
