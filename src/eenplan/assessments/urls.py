from django.urls import path

from eenplan.assessments import views

app_name = "assessments"

urlpatterns = [
    path("inwoners/<uuid:resident_uuid>/", views.overview, name="overview"),
    path(
        "inwoners/<uuid:resident_uuid>/<slug:instrument_code>/",
        views.progress,
        name="progress",
    ),
    path(
        "inwoners/<uuid:resident_uuid>/<slug:instrument_code>/nieuw/",
        views.record,
        name="record",
    ),
]
